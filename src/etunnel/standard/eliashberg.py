"""Isotropic Eliashberg equations on the imaginary (Matsubara) axis.

With fermionic Matsubara energies omega_n = pi k_B T (2n + 1) and the bosonic
kernel lambda(nu) of :meth:`SpectralFunction.matsubara_lambda`, the isotropic
equations are (Allen and Mitrović [1]_, sec. 2; Carbotte [2]_, sec. II)

.. math::

    \\omega_n Z_n = \\omega_n + \\pi T \\sum_m \\lambda(\\omega_n-\\omega_m)\\,\\frac{\\omega_m}{R_m},\\qquad
    \\Delta_n Z_n = \\pi T \\sum_m \\big[\\lambda(\\omega_n-\\omega_m) - \\mu^*(\\omega_c)\\,
        \\theta(\\omega_c-|\\omega_m|)\\big]\\frac{\\Delta_m}{R_m},

with R_m = sqrt(omega_m^2 + Delta_m^2). The gap is even, Delta_{-n-1} = Delta_n, so
only n >= 0 is kept and the kernel folds into lambda(n-m) +/- lambda(n+m+1). The
normal-state part of Z is summed exactly (it telescopes):
omega_n Z_n^N = omega_n + pi T [lambda(0) + 2 sum_{k=1}^{n} lambda(k)].

Conventions, all explicit parameters:

* ``cutoff`` omega_c: the Coulomb pseudopotential acts through the frequencies below
  omega_c, theta(omega_c - |omega_m|), on every equation n (the usual convention, e.g. the
  EPW code's). The phonon kernel is summed over at least ``min_frequencies`` positive
  frequencies and at least up to 2 omega_c (PHONON_SUM_FACTOR).
* ``mu_star_cutoff``: the energy at which the given mu* is defined. If it differs from
  ``cutoff``, mu* is carried to the cutoff by the Morel-Anderson scaling
  mu*(omega_c) = mu* / (1 + mu* ln(omega_ref/omega_c)) (Allen and Mitrović [1]_).
  The default (``None``) means mu* is given at the cutoff itself.

T_c is where the leading eigenvalue of the scaled linearised kernel D^{-1/2} K D^{-1/2}
equals 1 (the eigenvalue criterion used by Allen and Dynes [3]_): K_nm = lambda(n-m) + lambda(n+m+1) -
2 mu*(omega_c) theta_m and D_n = omega_n Z_n^N / (pi T).
Convergence in the Matsubara sums is checked by solving again with twice as many
frequencies in the phonon sums (mu*(omega_c) and its cutoff unchanged: the Coulomb
cutoff is a convention, stated, not a numerical parameter), and the relative change of
T_c is reported.

The gap at T -> 0 is taken from the solution at a low temperature, continued to the
real axis with the Padé approximant of Vidberg and Serene [4]_, and the gap edge
Delta_0 = Re Delta(omega = Delta_0) found on the real axis.

References
----------
.. [1] P. B. Allen and B. Mitrović, Solid State Physics 37, 1 (1982).
.. [2] J. P. Carbotte, Rev. Mod. Phys. 62, 1027 (1990).
.. [3] P. B. Allen and R. C. Dynes, Phys. Rev. B 12, 905 (1975).
.. [4] H. J. Vidberg and J. W. Serene, J. Low Temp. Phys. 29, 179 (1977).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.optimize
import scipy.sparse.linalg
from numpy.lib.stride_tricks import sliding_window_view
from threadpoolctl import threadpool_limits

from etunnel.checks import InputError, require_range
from etunnel.constants import BOLTZMANN_CONSTANT, ELECTRONVOLT
from etunnel.standard.spectral_function import SpectralFunction

#: Most positive Matsubara frequencies any solve may use (the dense kernel is N x N doubles:
#: 4096 -> 134 MB). A request needing more is refused.
MAX_MATSUBARA: int = 4096
#: Default Matsubara cutoff, in units of the highest phonon energy.
DEFAULT_CUTOFF_FACTOR: float = 10.0
#: Default minimum number of positive Matsubara frequencies in the phonon sums.
DEFAULT_MIN_FREQUENCIES: int = 64
#: The phonon sums run to this multiple of the Coulomb cutoff (their tail converges slowly, ~N^-1.5).
PHONON_SUM_FACTOR: int = 2
#: Relative change of T_c under doubling of the cutoff below which the solve counts as converged.
CONVERGENCE_TOLERANCE: float = 1e-3
#: Padé continuation uses at most this many Matsubara points.
PADE_POINTS: int = 32

_MEV = 1e-3 * ELECTRONVOLT


def rescale_mu_star(mu_star: float, from_energy: float, to_energy: float) -> float:
    """Morel-Anderson scaling of the Coulomb pseudopotential between two cutoffs (Allen and Mitrović [1]_).

    .. math:: \\mu^*(\\omega_2) = \\frac{\\mu^*(\\omega_1)}{1 + \\mu^*(\\omega_1)\\ln(\\omega_1/\\omega_2)}

    Energies in J. Raises if the result is not in [0, 1) (the scaling breaks down).
    """
    mu = float(require_range("mu_star", mu_star, low=0.0, high=0.5))
    e1 = float(require_range("from_energy", from_energy, low=0.0, low_inclusive=False, unit="J"))
    e2 = float(require_range("to_energy", to_energy, low=0.0, low_inclusive=False, unit="J"))
    denom = 1.0 + mu * math.log(e1 / e2)
    if denom <= 0 or mu / denom >= 1.0:
        raise InputError(f"mu_star = {mu} at {e1 / _MEV:.4g} meV cannot be carried to {e2 / _MEV:.4g} meV "
                         "(Morel-Anderson scaling diverges); choose a closer cutoff")
    return mu / denom


@dataclass(frozen=True)
class MatsubaraGrid:
    """Matsubara set-up at one temperature: N positive frequencies, n_c of them below the cutoff."""

    temperature: float  # K
    n_frequencies: int
    n_cutoff: int
    mu_star_at_cutoff: float


def _grid(spectrum, T, mu_star, cutoff, mu_star_cutoff, min_frequencies, factor=1, counts=None) -> MatsubaraGrid:
    if counts is None:
        step = 2.0 * math.pi * BOLTZMANN_CONSTANT * T  # omega_{n+1} - omega_n
        n_c = max(1, int(math.floor(cutoff / step + 0.5)))  # omega_n <= cutoff  <=>  n <= cutoff/step - 1/2
        n = factor * max(PHONON_SUM_FACTOR * n_c, min_frequencies)
    else:
        n, n_c = counts
    if n > MAX_MATSUBARA:
        raise InputError(
            f"T = {T:.6g} K with cutoff {cutoff / _MEV:.6g} meV needs {n} Matsubara frequencies, more than "
            f"MAX_MATSUBARA = {MAX_MATSUBARA}; raise the temperature or lower the cutoff"
        )
    mu_c = mu_star if mu_star_cutoff == cutoff else rescale_mu_star(mu_star, mu_star_cutoff, cutoff)
    return MatsubaraGrid(T, n, n_c, mu_c)


def _lambda_table(spectrum: SpectralFunction, T: float, n: int) -> np.ndarray:
    """lambda(k) for bosonic nu_k = 2 pi k_B T k, k = 0 .. 2n."""
    return spectrum.matsubara_lambda(2.0 * math.pi * BOLTZMANN_CONSTANT * T * np.arange(2 * n + 1))


def _toeplitz_hankel(lam: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Read-only (n, n) views ``lam[|i - j|]`` and ``lam[i + j + 1]`` of the table ``lam[0 .. 2n]``.

    Strided windows of one (2n - 1)-element array each: no index arrays and no gathers, so a kernel
    of a few thousand frequencies is built in one pass over memory (the gathers took 15x longer).
    """
    symmetric = np.concatenate([lam[n - 1:0:-1], lam[:n]])  # symmetric[k] = lam[|k - (n - 1)|]
    return sliding_window_view(symmetric, n)[::-1], sliding_window_view(lam[1:2 * n], n)


def _linear_matrix(spectrum, grid: MatsubaraGrid) -> np.ndarray:
    n = grid.n_frequencies
    lam = _lambda_table(spectrum, grid.temperature, n)
    idx = np.arange(n)
    toeplitz, hankel = _toeplitz_hankel(lam, n)
    kernel = toeplitz + hankel
    kernel[:, :grid.n_cutoff] -= 2.0 * grid.mu_star_at_cutoff  # every row n, columns m below the cutoff
    diag = (2 * idx + 1) + lam[0] + 2.0 * np.concatenate([[0.0], np.cumsum(lam[1:n])])
    scale = 1.0 / np.sqrt(diag)
    kernel *= scale[:, None]
    kernel *= scale[None, :]
    return kernel


def _largest_eigenvalue(matrix: np.ndarray, v0=None) -> tuple[float, np.ndarray]:
    """Eigenvalue of largest real part of the (non-symmetric) scaled kernel, and its eigenvector.

    Arnoldi iteration (ARPACK) on the dense matrix needs only matrix-vector products (the leading
    eigenvalue of the gap kernel is real and isolated); dense LAPACK for tiny N. Raises if the
    leading eigenvalue is not real (it always is for a physical kernel).
    """
    n = matrix.shape[0]
    if n < 24:
        w, v = np.linalg.eig(matrix)
        i = int(np.argmax(w.real))
        value, vec = w[i], v[:, i]
    else:
        w, v = scipy.sparse.linalg.eigs(matrix, k=1, which="LR", v0=v0, tol=1e-13)
        value, vec = w[0], v[:, 0]
    if abs(value.imag) > 1e-8 * max(1.0, abs(value.real)):
        raise InputError(f"leading eigenvalue of the gap kernel is complex ({value:.6g}); the kernel is unphysical")
    return float(value.real), np.real(vec * np.exp(-1j * np.angle(vec[np.argmax(np.abs(vec))])))


def _check_common(spectrum, mu_star, cutoff, mu_star_cutoff, min_frequencies):
    if not isinstance(spectrum, SpectralFunction):
        raise TypeError(f"spectrum must be a SpectralFunction, got {type(spectrum).__name__}")
    mu = float(require_range("mu_star", mu_star, low=0.0, high=0.5))
    wc = spectrum.omega_max * DEFAULT_CUTOFF_FACTOR if cutoff is None else float(
        require_range("cutoff", cutoff, low=0.0, low_inclusive=False, unit="J"))
    if wc < spectrum.omega_max:
        raise InputError(f"cutoff must be >= the highest phonon energy {spectrum.omega_max / _MEV:.4g} meV, "
                         f"got {wc / _MEV:.4g} meV")
    ref = wc if mu_star_cutoff is None else float(
        require_range("mu_star_cutoff", mu_star_cutoff, low=0.0, low_inclusive=False, unit="J"))
    if isinstance(min_frequencies, bool) or not isinstance(min_frequencies, int) or not 8 <= min_frequencies <= MAX_MATSUBARA:
        raise InputError(f"min_frequencies must be an integer in [8, {MAX_MATSUBARA}], got {min_frequencies!r}")
    return mu, wc, ref


def linearized_eigenvalue(spectrum, T, mu_star, *, cutoff=None, mu_star_cutoff=None,
                          min_frequencies: int = DEFAULT_MIN_FREQUENCIES) -> float:
    """Leading eigenvalue of the scaled linearised gap kernel at temperature T [K]; 1 at T_c."""
    mu, wc, ref = _check_common(spectrum, mu_star, cutoff, mu_star_cutoff, min_frequencies)
    T = float(require_range("T", T, low=0.0, low_inclusive=False, unit="K"))
    return _largest_eigenvalue(_linear_matrix(spectrum, _grid(spectrum, T, mu, wc, ref, min_frequencies)))[0]


@dataclass(frozen=True)
class EliashbergTc:
    """T_c from the linearised Eliashberg equations, with its numerical set-up and convergence."""

    tc: float  # K; NaN if below the resolvable floor
    mu_star: float
    mu_star_cutoff_meV: float
    mu_star_at_cutoff: float
    cutoff_meV: float
    n_frequencies: int
    n_cutoff: int
    tc_doubled_frequencies: float  # K
    relative_change: float
    converged: bool
    note: str


def _solve_tc(spectrum, mu, wc, ref, min_frequencies, t_floor, factor=1):
    """Bracket T_c with the grid following T, then refine with the frequency counts frozen.

    The counts N and n_c are integers that jump with T, which makes the eigenvalue a step function
    at the 1e-4 level; the root is therefore located to 1e-3 with the grid following T, then the
    counts found there are frozen and the now smooth problem is solved to 1e-10 (a handful of steps).
    """
    state = {"v": None, "counts": None}

    def f(log_t):
        grid = _grid(spectrum, math.exp(log_t), mu, wc, ref, min_frequencies, factor, state["counts"])
        matrix = _linear_matrix(spectrum, grid)
        v0 = state["v"] if state["v"] is not None and state["v"].size == matrix.shape[0] else None
        value, state["v"] = _largest_eigenvalue(matrix, v0)
        return value - 1.0

    w_log_K = spectrum.omega_log / BOLTZMANN_CONSTANT
    # Start from Allen-Dynes (or a small fraction of omega_log) and bracket by factors of 2.
    guess = float(spectrum.tc_allen_dynes(min(mu, 0.5)))
    # Lowest temperature the Matsubara cap allows (N = factor * 2 n_c <= MAX_MATSUBARA).
    t_cap = 1.02 * factor * PHONON_SUM_FACTOR * (wc / (2 * math.pi * BOLTZMANN_CONSTANT) + 0.5) / MAX_MATSUBARA
    floor = max(t_floor, t_cap)
    guess = guess if guess > 2 * floor else max(1e-2 * w_log_K, 2 * floor)
    rough = _bracket_and_solve(f, math.log(guess), floor, xtol=1e-3)
    if not math.isfinite(rough):
        return rough, None
    grid = _grid(spectrum, math.exp(rough), mu, wc, ref, min_frequencies, factor)
    state["counts"] = (grid.n_frequencies, grid.n_cutoff)
    lo, hi = rough - 2e-3, rough + 2e-3
    for _ in range(20):  # widen until the frozen problem brackets its root
        if f(lo) > 0 > f(hi):
            return math.exp(scipy.optimize.brentq(f, lo, hi, xtol=1e-10, rtol=1e-12)), state["counts"]
        lo, hi = lo - 1e-2, hi + 1e-2
    raise InputError("the linearised gap equation has no root near the bracketed T_c")


def _bracket_and_solve(f, start, t_floor, xtol):
    lo = hi = start
    f_lo = f_hi = f(lo)
    if f_lo > 0:
        for _ in range(60):
            hi = lo + math.log(2.0)
            f_hi = f(hi)
            if f_hi < 0:
                break
            lo, f_lo = hi, f_hi
        else:
            raise InputError("no T_c found below 2^60 times the Allen-Dynes estimate")
    else:
        for _ in range(60):
            lo = hi - math.log(2.0)
            if lo < math.log(t_floor):
                return math.nan
            f_lo = f(lo)
            if f_lo > 0:
                break
            hi, f_hi = lo, f_lo
    return scipy.optimize.brentq(f, lo, hi, xtol=xtol)  # log T


def eliashberg_tc(spectrum: SpectralFunction, mu_star, *, cutoff=None, mu_star_cutoff=None,
                  min_frequencies: int = DEFAULT_MIN_FREQUENCIES, check_convergence: bool = True) -> EliashbergTc:
    """T_c [K] of the isotropic Eliashberg equations: largest kernel eigenvalue = 1 (module docstring).

    Parameters
    ----------
    spectrum : SpectralFunction
        alpha^2F(omega).
    mu_star : float
        Coulomb pseudopotential, in [0, 0.5], defined at ``mu_star_cutoff``. [1]
    cutoff : float, optional
        Matsubara cutoff omega_c [J], >= the highest phonon energy; default 10 omega_max.
    mu_star_cutoff : float, optional
        Energy [J] at which ``mu_star`` is defined; default: the cutoff itself.
    min_frequencies : int
        Least number of positive Matsubara frequencies in the phonon sums, in [8, MAX_MATSUBARA].
    check_convergence : bool
        Also solve with twice the Matsubara frequencies in the phonon sums and report the relative change.

    Returns
    -------
    EliashbergTc
        ``tc`` is NaN when T_c lies below 1e-4 omega_log or needs more than MAX_MATSUBARA
        frequencies (reported, not guessed).
    """
    mu, wc, ref = _check_common(spectrum, mu_star, cutoff, mu_star_cutoff, min_frequencies)
    t_floor = 1e-4 * spectrum.omega_log / BOLTZMANN_CONSTANT
    with _one_thread():
        return _eliashberg_tc(spectrum, mu, wc, ref, min_frequencies, t_floor, check_convergence)


def _one_thread():
    """The kernels are small dense matrix-vector products: one BLAS thread is fastest, and on a
    shared machine many threads contend (measured 10x slower)."""
    return threadpool_limits(1)


def _eliashberg_tc(spectrum, mu, wc, ref, min_frequencies, t_floor, check_convergence):
    tc, counts = _solve_tc(spectrum, mu, wc, ref, min_frequencies, t_floor)
    grid = _grid(spectrum, tc, mu, wc, ref, min_frequencies, counts=counts) if math.isfinite(tc) else None
    tc2, change, note = math.nan, math.nan, ""
    if check_convergence and math.isfinite(tc):
        try:
            tc2, _ = _solve_tc(spectrum, mu, wc, ref, min_frequencies, t_floor, factor=2)
            change = abs(tc2 - tc) / tc
        except InputError as exc:
            note = f"convergence not checked: {exc}"
    if not math.isfinite(tc):
        t_cap = 1.02 * PHONON_SUM_FACTOR * (wc / (2 * math.pi * BOLTZMANN_CONSTANT) + 0.5) / MAX_MATSUBARA
        note = (f"T_c below the resolvable floor {max(t_floor, t_cap):.3g} K (the larger of 1e-4 omega_log and the "
                f"temperature where {MAX_MATSUBARA} Matsubara frequencies reach 2 x the cutoff); not computed - a lower "
                f"cutoff, with mu* carried to it (mu_star_cutoff), reaches lower T_c")
    converged = bool(math.isfinite(change) and change < CONVERGENCE_TOLERANCE)
    return EliashbergTc(
        tc=tc, mu_star=mu, mu_star_cutoff_meV=ref / _MEV,
        mu_star_at_cutoff=grid.mu_star_at_cutoff if grid else (mu if ref == wc else rescale_mu_star(mu, ref, wc)),
        cutoff_meV=wc / _MEV, n_frequencies=grid.n_frequencies if grid else 0, n_cutoff=grid.n_cutoff if grid else 0,
        tc_doubled_frequencies=tc2, relative_change=change, converged=converged, note=note,
    )


@dataclass(frozen=True)
class EliashbergGap:
    """Solution of the non-linear equations at one temperature: Delta(i omega_n), Z(i omega_n)."""

    temperature: float  # K
    matsubara_meV: np.ndarray  # omega_n, n >= 0
    gap_meV: np.ndarray  # Delta_n
    renormalization: np.ndarray  # Z_n
    iterations: int
    residual: float  # max relative change in the last iteration
    mu_star_at_cutoff: float
    n_cutoff: int


def solve_gap(spectrum: SpectralFunction, T, mu_star, *, cutoff=None, mu_star_cutoff=None,
              min_frequencies: int = DEFAULT_MIN_FREQUENCIES, tol: float = 1e-10,
              max_iterations: int = 5000, mixing: float = 0.5) -> EliashbergGap:
    """Solve the non-linear isotropic Eliashberg equations for Delta(i omega_n) and Z(i omega_n) at T [K].

    Fixed-point iteration with linear mixing, from a constant trial gap, until the largest
    relative change of Delta is below ``tol``; raises if ``max_iterations`` (<= 100000) is
    reached. Above T_c the iteration collapses to Delta = 0 (returned as such).
    """
    mu, wc, ref = _check_common(spectrum, mu_star, cutoff, mu_star_cutoff, min_frequencies)
    T = float(require_range("T", T, low=0.0, low_inclusive=False, unit="K"))
    tol = float(require_range("tol", tol, low=1e-15, high=1e-3))
    mixing = float(require_range("mixing", mixing, low=0.05, high=1.0))
    if isinstance(max_iterations, bool) or not isinstance(max_iterations, int) or not 1 <= max_iterations <= 100_000:
        raise InputError(f"max_iterations must be an integer in [1, 100000], got {max_iterations!r}")
    grid = _grid(spectrum, T, mu, wc, ref, min_frequencies)
    n = grid.n_frequencies
    kT = BOLTZMANN_CONSTANT * T
    lam = _lambda_table(spectrum, T, n)
    idx = np.arange(n)
    toeplitz, hankel = _toeplitz_hankel(lam, n)
    minus = toeplitz - hankel
    plus = minus + 2.0 * hankel
    plus[:, :grid.n_cutoff] -= 2.0 * grid.mu_star_at_cutoff
    wn = math.pi * kT * (2 * idx + 1)  # J
    normal = wn + math.pi * kT * (lam[0] + 2.0 * np.concatenate([[0.0], np.cumsum(lam[1:n])]))
    delta = np.full(n, 2.0 * 1.764 * kT) + 0.1 * spectrum.omega_log  # generous trial gap [J]
    residual, it = math.inf, 0
    limiter = _one_thread()
    for it in range(1, max_iterations + 1):
        r = np.sqrt(wn**2 + delta**2)
        wz = normal + math.pi * kT * (minus @ (wn / r - 1.0))
        z = wz / wn
        new = math.pi * kT * (plus @ (delta / r)) / z
        scale = max(np.max(np.abs(new)), 1e-300)
        residual = float(np.max(np.abs(new - delta)) / scale)
        delta = mixing * new + (1.0 - mixing) * delta
        if residual < tol or scale < 1e-12 * kT:
            break
    else:
        limiter.unregister()
        raise InputError(f"gap equations did not converge in {max_iterations} iterations at T = {T:.6g} K "
                         f"(last relative change {residual:.3g}); T may be too close to T_c")
    limiter.unregister()
    r = np.sqrt(wn**2 + delta**2)
    z = (normal + math.pi * kT * (minus @ (wn / r - 1.0))) / wn
    return EliashbergGap(T, wn / _MEV, delta / _MEV, z, it, residual, grid.mu_star_at_cutoff, grid.n_cutoff)


# --- Padé continuation ----------------------------------------------------------------------

def pade_coefficients(z, u) -> np.ndarray:
    """Continued-fraction coefficients a_p of the N-point Padé approximant (Vidberg and Serene [4]_, appendix).

    g_1(z_i) = u_i,  g_p(z_i) = [g_{p-1}(z_{p-1}) - g_{p-1}(z_i)] / [(z_i - z_{p-1}) g_{p-1}(z_i)],  a_p = g_p(z_p).
    """
    z = np.asarray(z, dtype=complex)
    g = np.array(u, dtype=complex)
    n = z.size
    a = np.empty(n, dtype=complex)
    a[0] = g[0]
    for p in range(1, n):  # O(N^2) recursion over the points; vectorised over i
        with np.errstate(divide="ignore", invalid="ignore"):
            g[p:] = (g[p - 1] - g[p:]) / ((z[p:] - z[p - 1]) * g[p:])
        a[p] = g[p]
    return a


def pade_evaluate(a, z_points, z) -> np.ndarray:
    """Evaluate C_N(z) = a_1/(1 + a_2(z - z_1)/(1 + ... )) by the three-term recursion of Vidberg and Serene [4]_."""
    z = np.asarray(z, dtype=complex)
    A_prev, A = np.zeros_like(z), np.full_like(z, a[0])
    B_prev, B = np.ones_like(z), np.ones_like(z)
    for k in range(1, len(a)):
        A_prev, A = A, A + (z - z_points[k - 1]) * a[k] * A_prev
        B_prev, B = B, B + (z - z_points[k - 1]) * a[k] * B_prev
        s = np.abs(B) + 1e-300  # rescale to avoid overflow; the ratio is unchanged
        A, A_prev, B, B_prev = A / s, A_prev / s, B / s, B_prev / s
    return A / B


@dataclass(frozen=True)
class RealAxisGap:
    """Gap edge Delta_0 = Re Delta(Delta_0) from Padé continuation, with its sanity checks."""

    gap_edge_meV: float  # NaN when the checks fail
    gap_edge_half_points_meV: float
    delta_first_matsubara_meV: float
    points: int
    relative_spread: float
    imag_over_real_at_edge: float
    ok: bool
    note: str


def _edge(wn, d, m):
    zi, ui = 1j * wn[:m], d[:m].astype(complex)
    a = pade_coefficients(zi, ui)
    eta = 1e-6 * d[0]

    def g(w):
        return float(np.real(pade_evaluate(a, zi, np.array([w + 1j * eta]))[0])) - w

    try:
        edge = scipy.optimize.brentq(g, 1e-3 * d[0], 2.0 * d[0], xtol=1e-12 * d[0])
    except ValueError:
        return math.nan, math.nan
    val = pade_evaluate(a, zi, np.array([edge + 1j * eta]))[0]
    return edge, float(abs(val.imag) / abs(val.real))


def real_axis_gap(solution: EliashbergGap, *, points: int = PADE_POINTS) -> RealAxisGap:
    """Continue Delta(i omega_n) to the real axis (Vidberg-Serene Padé) and solve omega = Re Delta(omega).

    Uses the lowest ``points`` (in [8, 256]) Matsubara values. Sanity checks: (1) the edge from
    half as many points agrees to 1e-3 (the continuation is stable); (2) at the edge
    |Im Delta / Re Delta| < 0.05 (at T -> 0 the gap is real below the phonon threshold);
    (3) a root exists in (0, 2 Delta(i omega_0)]. Delta_0 is NaN, with the failure named, otherwise.
    """
    if not isinstance(solution, EliashbergGap):
        raise TypeError(f"solution must be an EliashbergGap, got {type(solution).__name__}")
    if isinstance(points, bool) or not isinstance(points, int) or not 8 <= points <= 256:
        raise InputError(f"points must be an integer in [8, 256], got {points!r}")
    wn = solution.matsubara_meV
    d = solution.gap_meV
    d0 = float(d[0])
    if not d0 > 0:
        return RealAxisGap(math.nan, math.nan, d0, 0, math.nan, math.nan, False, "no gap at this temperature")
    m = min(points, wn.size)
    edge, ratio = _edge(wn, d, m)
    half, _ = _edge(wn, d, max(m // 2, 4))
    spread = abs(edge - half) / edge if math.isfinite(edge) and math.isfinite(half) else math.nan
    ok = bool(math.isfinite(spread) and spread < 1e-3 and ratio < 0.05)
    note = "" if ok else (
        f"Padé checks failed: edge {edge:.6g} meV from {m} points vs {half:.6g} meV from {max(m // 2, 4)} "
        f"(limit 1e-3 relative), |Im/Re| at edge {ratio:.2g} (limit 0.05)")
    return RealAxisGap(edge if ok else math.nan, half, d0, m, spread, ratio, ok, note)
