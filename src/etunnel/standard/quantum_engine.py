"""A quantum piston engine: a particle in a double well whose wall is the piston.

After Sachtleben, Mazon and Rego [1]_, who showed that a superconducting
circuit behaves like a particle tunnelling in a double quantum well whose
width oscillates like a piston, and that the work done on it splits into a
"classical" part that moves population between energy levels and a quantum
part that creates coherences (which acts like friction).

Working media
-------------
:class:`BoxDoubleWell`
    A particle of mass ``m`` in a one-dimensional box ``0 <= x <= L`` with a
    rectangular barrier of height ``V0`` on ``a <= x <= a + b`` (left well of
    width ``a`` fixed, right well of width ``L - a - b``); the right wall at
    ``x = L`` is the piston. Spectral discretisation: the box's sine basis in
    the dilated coordinate ``y = x/L`` (every matrix element in closed form).
:class:`FluxQubit`
    The rf-SQUID (single junction closed by an inductance) in the phase
    variable, ``H = 4 E_C n^2 - E_J cos(phi - phi_ext) + E_L phi^2 / 2`` [2]_,
    a double well for ``E_J > E_L`` near ``phi_ext = pi``; the external flux
    ``phi_ext = 2 pi Phi_ext / Phi_0`` is the piston. Spectral discretisation:
    the sinc discrete-variable representation of Colbert and Miller [3]_ on a
    uniform phase grid. This is the Hamiltonian of scqubits' ``Fluxonium``,
    against which the tests check the spectrum.

Dynamics
--------
With the piston coordinate ``lambda(t)`` (``L`` or ``phi_ext``), the state is
expanded in the instantaneous eigenstates ``|n(lambda)>``,
``|psi> = sum_n c_n |n>``, and

.. math::

    i\\hbar\\,\\dot c_n = E_n c_n - i\\hbar\\,\\dot\\lambda \\sum_m A_{nm} c_m,\\qquad
    A_{nm} = \\langle n|\\partial_\\lambda m\\rangle ,

with ``A`` real antisymmetric (real eigenvectors, parallel-transport gauge).
For the box the wall moves, so the Hilbert space itself changes; in the
dilated coordinate ``A = <n|d_L h|m>/(E_m - E_n) - <n|(y d_y + 1/2)|m>/L``
(the second term is the dilation, Doescher and Rice [4]_); for the pure box
this gives the known ``A_nm = (-1)^{n+m} 2nm / ((n^2 - m^2) L)``.

The rate of work done on the system splits exactly into

.. math::

    \\dot W = \\dot\\lambda \\sum_n \\rho_{nn} \\frac{dE_n}{d\\lambda}
    + \\dot\\lambda \\sum_{n\\ne m} \\rho_{mn} (E_m - E_n) A_{nm}
    = \\dot W_\\text{pop} + \\dot W_\\text{coh},

and the generalised force on the piston ``F = -dW/dlambda`` likewise. The
eigen-data are computed on an adaptively refined ``lambda`` grid (refined
until consecutive eigenvectors overlap to ``1 - overlap_tol``) and
interpolated by cubic splines (Hermite splines with the exact ``dE/dlambda``
for the energies); the dynamics and the work split are then exact for that
interpolated generator, which is what makes the first law hold to the ODE
tolerance.

Otto cycle
----------
Hot contact at ``lambda_hot`` (temperature ``T_hot``), unitary stroke of
duration ``tau`` to ``lambda_cold``, cold contact at ``T_cold``, unitary stroke
back. Baths either thermalise completely (Gibbs state of the kept levels) or
act for a finite time through a Davies-type Lindblad generator with Glauber
rates ``gamma_{n->m} = gamma / (1 + exp(-(E_n - E_m)/k_B T))`` (detailed
balance), whose populations follow ``p(t) = exp(R t) p(0)`` and whose
coherences decay at ``(Gamma_n + Gamma_m)/2``; its periodic steady state is
found by iterating the (linear) cycle map.

Units: SI in every public result (J, s, K; box length in m; flux in rad).
Internally energies are in ``energy_unit`` and times in ``hbar/energy_unit``.

Bounds (documented caps): basis size <= 512, kept levels <= 24, lambda grid
<= 4096 points, number of tau values <= 200, stroke phase tau (E_max - E_0)/hbar
<= 2e4 rad (:data:`MAX_STROKE_PHASE`); the time steps are chosen by DOP853
(rtol 1e-10 by default, absolute rtol/10), restarted at every lambda node,
run by a compiled kernel that takes SciPy's steps (:func:`stroke_operators`).

References
----------
.. [1] K. Sachtleben, K. T. Mazon, L. G. C. Rego, "Superconducting qubits as
   mechanical quantum engines", Phys. Rev. Lett. 119, 090601 (2017).
.. [2] J. E. Mooij et al., Science 285, 1036 (1999); V. E. Manucharyan et al.,
   Science 326, 113 (2009) (the same Hamiltonian in the fluxonium regime).
.. [3] D. T. Colbert, W. H. Miller, J. Chem. Phys. 96, 1982 (1992), eq. (A7).
.. [4] S. W. Doescher, M. H. Rice, Am. J. Phys. 37, 1246 (1969).
.. [5] H. T. Quan, Y. Liu, C. P. Sun, F. Nori, Phys. Rev. E 76, 031105 (2007)
   (quantum Otto cycle, efficiency 1 - Delta_c/Delta_h).
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.integrate import solve_ivp
from scipy.interpolate import CubicHermiteSpline, CubicSpline, PPoly
from scipy.linalg import eigh, expm
from scipy.optimize import brentq
from threadpoolctl import ThreadpoolController

from etunnel.checks import InputError, require_positive, require_range
from etunnel.constants import BOLTZMANN_CONSTANT, ELECTRON_MASS, ELECTRONVOLT, HBAR, PLANCK_CONSTANT

#: Largest basis (grid points or sine modes) of a working medium.
MAX_BASIS = 512
#: Largest number of kept energy levels.
MAX_LEVELS = 24
#: Largest number of points of the adaptive lambda grid of one stroke.
MAX_LAMBDA_GRID = 4096
#: Largest number of stroke durations in one sweep.
MAX_TAUS = 200
#: Largest stroke length in radians of the widest kept Bohr frequency, tau (E_max - E_0)/hbar: the
#: adaptive integrator needs a few steps per radian, so this bounds one cycle to 0.2-0.4 s CPU at the
#: defaults (compiled; far longer on the SciPy path).
#: Longer strokes are adiabatic; use :func:`quasi_static_work` for that limit.
MAX_STROKE_PHASE = 2e4
#: Relative and absolute tolerance of the Schrödinger integration (DOP853).
ODE_RTOL = 1e-12
ODE_ATOL = 1e-13

PROTOCOLS = ("smooth", "linear")


_THREADPOOLS: list = []


def _one_blas_thread():
    """Context limiting BLAS to one thread (small matrices: threads only contend); libraries scanned once."""
    if not _THREADPOOLS:
        _THREADPOOLS.append(ThreadpoolController())
    return _THREADPOOLS[0].limit(limits=1, user_api="blas")


def _check_int(name: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    if not low <= int(value) <= high:
        raise InputError(f"{name} must be an integer in [{low}, {high}], got {value}")
    return int(value)


def _scalar(name: str, value, *, low=None, high=None, low_inclusive=True, unit="") -> float:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    arr = require_range(name, value, low=low, high=high, low_inclusive=low_inclusive, unit=unit)
    if arr.ndim != 0:
        raise TypeError(f"{name} must be a scalar, got an array of shape {arr.shape}")
    return float(arr)


# --------------------------------------------------------------------------- media


class _Medium:
    """Interface of a working medium: dimensionless matrices at piston coordinate ``lam``."""

    name: str
    lambda_name: str
    lambda_unit: str
    energy_unit: float  # J
    lambda_scale: float  # SI value of one internal lambda unit

    def matrices(self, lam: float):  # pragma: no cover - interface
        """(h, dh/dlam, G): Hamiltonian, its derivative and the frame generator (G = 0 for a fixed Hilbert space)."""
        raise NotImplementedError

    def barrier_top(self, lam: float) -> float:  # pragma: no cover - interface
        raise NotImplementedError

    def check_lambda(self, name: str, lam) -> float:  # pragma: no cover - interface
        raise NotImplementedError

    @property
    def time_unit(self) -> float:
        """hbar / energy_unit [s]."""
        return HBAR / self.energy_unit

    def describe(self) -> dict:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(frozen=True)
class BoxDoubleWell(_Medium):
    """Particle in a box ``[0, L]`` with a rectangular barrier on ``[a, a + b]``; the wall at ``L`` is the piston.

    .. math::

        H = -\\frac{\\hbar^2}{2m}\\partial_x^2 + V_0\\,\\Theta(x-a)\\Theta(a+b-x),\\quad
        \\psi(0) = \\psi(L) = 0 .

    In ``y = x/L`` with the sine basis ``sqrt(2) sin(j pi y)``, ``j = 1..N``:
    ``h_jk = (j pi/L)^2 delta_jk + V0 [I(j-k) - I(j+k)]`` with
    ``I(n) = (sin(n pi y2) - sin(n pi y1))/(n pi)`` (``y2 - y1`` for n = 0),
    ``y1 = a/L``, ``y2 = (a+b)/L``; energies in units of
    ``hbar^2 / (2 m nm^2)``, lengths in nm.

    Parameters
    ----------
    left_width : float
        Width ``a`` of the fixed left well, > 0. [m]
    barrier_width : float
        Barrier width ``b``, > 0. [m]
    barrier_height : float
        Barrier height ``V0``, > 0. [J]
    mass : float, optional
        Particle mass, > 0 (default: the electron mass). [kg]
    n_basis : int, optional
        Number of sine modes, 16..512 (default 128).
    """

    left_width: float = 10e-9
    barrier_width: float = 2e-9
    barrier_height: float = 20e-3 * ELECTRONVOLT
    mass: float = ELECTRON_MASS
    n_basis: int = 128
    name: str = field(default="box", init=False)
    lambda_name: str = field(default="L", init=False)
    lambda_unit: str = field(default="m", init=False)

    def __post_init__(self):
        for key, unit in (("left_width", "m"), ("barrier_width", "m"), ("barrier_height", "J"), ("mass", "kg")):
            _scalar(key, getattr(self, key), low=0.0, low_inclusive=False, unit=unit)
        _check_int("n_basis", self.n_basis, 16, MAX_BASIS)

    @property
    def lambda_scale(self) -> float:
        return 1e-9

    @property
    def energy_unit(self) -> float:
        """hbar^2 / (2 m (1 nm)^2) [J]."""
        return HBAR**2 / (2.0 * self.mass * 1e-18)

    @cached_property
    def _static(self):
        j = np.arange(1, self.n_basis + 1, dtype=float)
        jj, kk = np.meshgrid(j, j, indexing="ij")
        with np.errstate(divide="ignore", invalid="ignore"):
            dil = np.where(jj != kk, kk * (-1.0) ** (jj + kk + 1) * 2.0 * jj / (jj**2 - kk**2), 0.0)
        # I(j - k) and I(j + k) take one value per distinct integer: evaluate each once and gather
        # (the same floating-point operations on the same inputs, so the same matrix)
        n = self.n_basis
        diff_values = np.arange(-(n - 1), n, dtype=float)
        sum_values = np.arange(2, 2 * n + 1, dtype=float)
        i = np.arange(n)
        diff_index = i[:, None] - i[None, :] + (n - 1)
        sum_index = i[:, None] + i[None, :]
        return j, jj, kk, dil, (diff_values, diff_index, sum_values, sum_index)

    def check_lambda(self, name: str, lam) -> float:
        low = (self.left_width + self.barrier_width) / self.lambda_scale
        return _scalar(name, lam, low=low * self.lambda_scale, low_inclusive=False, unit="m") / self.lambda_scale

    def matrices(self, lam: float):
        j, jj, kk, dil, (diff_values, diff_index, sum_values, sum_index) = self._static
        a = self.left_width / self.lambda_scale
        b = self.barrier_width / self.lambda_scale
        v0 = self.barrier_height / self.energy_unit
        L = lam
        y1, y2 = a / L, (a + b) / L

        def integral(n):
            with np.errstate(divide="ignore", invalid="ignore"):
                out = (np.sin(n * np.pi * y2) - np.sin(n * np.pi * y1)) / (n * np.pi)
            return np.where(n == 0, y2 - y1, out)

        V = v0 * (integral(diff_values)[diff_index] - integral(sum_values)[sum_index])
        s1 = np.sqrt(2.0) * np.sin(j * np.pi * y1)
        s2 = np.sqrt(2.0) * np.sin(j * np.pi * y2)
        # d/dL of the integral over [y1, y2] with moving limits, dy/dL = -x/L^2
        dV = v0 * (np.outer(s2, s2) * (-(a + b) / L**2) - np.outer(s1, s1) * (-a / L**2))
        kin = (j * np.pi) ** 2
        h = np.diag(kin / L**2) + V
        dh = np.diag(-2.0 * kin / L**3) + dV
        G = dil / L
        return h, dh, G

    def barrier_top(self, lam: float) -> float:
        return self.barrier_height / self.energy_unit

    def describe(self) -> dict:
        return {
            "medium": "box double well",
            "left_width_m": self.left_width, "barrier_width_m": self.barrier_width,
            "barrier_height_J": self.barrier_height, "barrier_height_meV": self.barrier_height / ELECTRONVOLT * 1e3,
            "mass_kg": self.mass, "n_basis": self.n_basis,
            "discretisation": "sine basis in y = x/L (spectral), closed-form matrix elements",
            "piston": "right wall position L [m]",
        }


@dataclass(frozen=True)
class FluxQubit(_Medium):
    """rf-SQUID / flux qubit in the phase variable; the external flux is the piston.

    .. math::

        H = 4E_C n^2 - E_J\\cos(\\varphi - \\varphi_\\text{ext}) + \\tfrac12 E_L\\varphi^2,
        \\qquad n = -i\\,\\partial_\\varphi,

    ``phi_ext = 2 pi Phi_ext/Phi_0`` [rad]. Sinc-DVR on ``n_basis`` points of
    ``|phi| <= phi_max`` with ``E_L phi_max^2 / 2 = 2 E_J + 60 sqrt(8 E_J E_C)``
    (the potential there is far above every kept level); kinetic matrix
    ``T_ii = 4E_C pi^2/(3 d^2)``, ``T_ij = 4E_C 2(-1)^(i-j)/(d^2 (i-j)^2)``
    (Colbert and Miller [3]_). Energies in units of h x 1 GHz.

    Parameters
    ----------
    E_J, E_C, E_L : float
        Josephson, charging and inductive energies as frequencies E/h, > 0;
        ``E_J > E_L`` for a double well. [Hz]
    n_basis : int, optional
        Grid points, 32..512 (default 101; the lowest levels agree with 1.5x the grid to ~1e-12).
    """

    E_J: float = 15e9
    E_C: float = 1.0e9
    E_L: float = 6.0e9
    n_basis: int = 101
    name: str = field(default="flux-qubit", init=False)
    lambda_name: str = field(default="phi_ext", init=False)
    lambda_unit: str = field(default="rad", init=False)

    def __post_init__(self):
        for key in ("E_J", "E_C", "E_L"):
            _scalar(key, getattr(self, key), low=0.0, low_inclusive=False, unit="Hz (E/h)")
        _check_int("n_basis", self.n_basis, 32, MAX_BASIS)

    @property
    def lambda_scale(self) -> float:
        return 1.0

    @property
    def energy_unit(self) -> float:
        return PLANCK_CONSTANT * 1e9

    @cached_property
    def _static(self):
        ej, ec, el = self.E_J / 1e9, self.E_C / 1e9, self.E_L / 1e9
        phi_max = math.sqrt(2.0 * (2.0 * ej + 60.0 * math.sqrt(8.0 * ej * ec)) / el)
        phi = np.linspace(-phi_max, phi_max, self.n_basis)
        d = phi[1] - phi[0]
        i = np.arange(self.n_basis)
        diff = i[:, None] - i[None, :]
        T = np.where(diff == 0, math.pi**2 / 3.0, 2.0 * (-1.0) ** np.abs(diff) / np.where(diff == 0, 1, diff) ** 2)
        T = 4.0 * ec * T / d**2
        return phi, T, ej, el

    def check_lambda(self, name: str, lam) -> float:
        return _scalar(name, lam, low=-4 * math.pi, high=4 * math.pi, unit="rad")

    def matrices(self, lam: float):
        phi, T, ej, el = self._static
        h = T + np.diag(-ej * np.cos(phi - lam) + 0.5 * el * phi**2)
        dh = np.diag(-ej * np.sin(phi - lam))
        return h, dh, None

    def potential(self, phi, lam: float):
        """Potential energy U(phi) in units of h x 1 GHz."""
        _, _, ej, el = self._static
        return -ej * np.cos(phi - lam) + 0.5 * el * phi**2

    def barrier_top(self, lam: float) -> float:
        """Height of the highest local maximum of U between its two lowest minima (NaN if single well)."""
        phi = np.linspace(-2 * math.pi, 2 * math.pi, 8001)
        u = self.potential(phi, lam)
        mins = np.where((u[1:-1] < u[:-2]) & (u[1:-1] < u[2:]))[0] + 1
        if mins.size < 2:
            return math.nan
        two = np.sort(mins[np.argsort(u[mins])[:2]])
        return float(np.max(u[two[0]:two[1] + 1]))

    def describe(self) -> dict:
        return {
            "medium": "rf-SQUID flux qubit (phase variable)",
            "E_J_Hz": self.E_J, "E_C_Hz": self.E_C, "E_L_Hz": self.E_L, "n_basis": self.n_basis,
            "discretisation": "sinc DVR on a uniform phase grid (Colbert-Miller, spectral)",
            "piston": "external flux phi_ext = 2 pi Phi_ext/Phi_0 [rad]",
        }


# --------------------------------------------------------------------------- spectra


def _eig(medium: _Medium, lam: float, n_levels: int):
    h, dh, G = medium.matrices(lam)
    E, U = eigh(h, subset_by_index=[0, n_levels - 1], check_finite=False)
    return E, U, dh, G


def spectrum(medium: _Medium, lam, *, n_levels: int = 6) -> np.ndarray:
    """Lowest ``n_levels`` eigenenergies at piston coordinate ``lam`` (SI lambda: m or rad). [J]"""
    n_levels = _check_int("n_levels", n_levels, 1, MAX_LEVELS)
    lam = medium.check_lambda("lam", lam)
    return _eig(medium, lam, n_levels)[0] * medium.energy_unit


def spectrum_convergence(medium: _Medium, lam, *, n_levels: int = 6) -> dict:
    """Largest relative change of the lowest levels when the basis grows by half (a convergence measure).

    Returns ``{"n_basis": N, "n_basis_check": 1.5N, "max_relative_change": ...}``.
    """
    n_levels = _check_int("n_levels", n_levels, 1, MAX_LEVELS)
    e1 = spectrum(medium, lam, n_levels=n_levels)
    bigger = min(MAX_BASIS, int(round(1.5 * medium.n_basis)))
    other = type(medium)(**{k: getattr(medium, k) for k in medium.__dataclass_fields__ if medium.__dataclass_fields__[k].init
                            and k != "n_basis"}, n_basis=bigger)
    e2 = spectrum(other, lam, n_levels=n_levels)
    scale = max(np.max(np.abs(e2)), np.max(np.diff(e2)) if n_levels > 1 else 0.0)
    return {"n_basis": medium.n_basis, "n_basis_check": bigger,
            "max_relative_change": float(np.max(np.abs(e1 - e2)) / scale)}


def bound_levels(medium: _Medium, lam) -> int:
    """Number of levels below the barrier top (0 if the potential has no barrier)."""
    lam_i = medium.check_lambda("lam", lam)
    top = medium.barrier_top(lam_i)
    if not math.isfinite(top):
        return 0
    with _one_blas_thread():
        E = _eig(medium, lam_i, min(MAX_LEVELS, medium.n_basis))[0]
    return int(np.sum(E < top))


# --------------------------------------------------------------------------- stroke path


@dataclass(eq=False)
class StrokePath:
    """Instantaneous eigen-data along ``lam0 -> lam1``, interpolated in lambda (internal units).

    ``energies(l)``, ``slopes(l)`` (= dE/dlambda) and ``couplings(l)`` (= A)
    are cubic splines over an adaptively refined grid; ``grid`` holds the nodes.
    """

    medium: _Medium
    lam0: float
    lam1: float
    n_levels: int
    grid: np.ndarray
    energies: CubicSpline
    couplings: CubicSpline
    min_overlap: float
    _node_fractions: dict = field(default_factory=dict, init=False, repr=False)

    def slopes(self, lam):
        return self.energies(lam, 1)

    @cached_property
    def _joint(self) -> PPoly:
        """One piecewise polynomial returning [E, dE/dlambda, A.ravel()] (a single evaluation per time step)."""
        cE = self.energies.c
        cdE = self.energies.derivative().c
        cdE = np.concatenate([np.zeros((1,) + cdE.shape[1:]), cdE], axis=0)
        cA = self.couplings.c.reshape(cE.shape[0], cE.shape[1], -1)
        return PPoly(np.concatenate([cE, cdE, cA], axis=2), self.grid, extrapolate=True)

    def joint(self, lam):
        """(E, dE/dlambda, A) at one lambda from a single spline evaluation."""
        v = self._joint(lam)
        M = self.n_levels
        return v[:M], v[M:2 * M], v[2 * M:].reshape(M, M)


def _couplings(E, U, dh, G):
    dhm = U.T @ dh @ U
    gap = E[None, :] - E[:, None]
    np.fill_diagonal(gap, 1.0)
    A = dhm / gap
    np.fill_diagonal(A, 0.0)
    if G is not None:
        A = A - U.T @ G @ U
        np.fill_diagonal(A, 0.0)
    A = 0.5 * (A - A.T)
    return np.diag(dhm).copy(), A


def build_path(medium: _Medium, lam0: float, lam1: float, n_levels: int, *, overlap_tol: float = 1e-4,
               initial_points: int = 33) -> StrokePath:
    """Eigen-data on a lambda grid refined until consecutive eigenvectors overlap to ``1 - overlap_tol``.

    Signs of the eigenvectors are aligned from node to node (parallel transport),
    so ``A`` is a smooth function of lambda. Raises ``RuntimeError`` past
    :data:`MAX_LAMBDA_GRID` nodes.
    """
    with _one_blas_thread():
        return _build_path(medium, lam0, lam1, n_levels, overlap_tol, initial_points)


def _build_path(medium, lam0, lam1, n_levels, overlap_tol, initial_points):
    cache: dict[float, tuple] = {}

    def data(lam):
        if lam not in cache:
            cache[lam] = _eig(medium, lam, n_levels)
        return cache[lam]

    lams = list(np.linspace(lam0, lam1, initial_points))
    while True:
        vecs = [data(l)[1] for l in lams]
        insert = []
        for i in range(len(lams) - 1):
            ov = np.abs(np.sum(vecs[i] * vecs[i + 1], axis=0))
            if np.min(ov) < 1.0 - overlap_tol:
                insert.append(0.5 * (lams[i] + lams[i + 1]))
        if not insert:
            break
        lams = sorted(lams + insert)
        if len(lams) > MAX_LAMBDA_GRID:
            raise RuntimeError(f"lambda grid exceeds {MAX_LAMBDA_GRID} points; an avoided crossing is too sharp "
                               "to resolve (reduce the barrier or the number of levels)")
    Es, dEs, As = [], [], []
    prev = None
    min_ov = 1.0
    for l in lams:
        E, U, dh, G = data(l)
        U = U.copy()
        if prev is not None:
            s = np.sign(np.sum(U * prev, axis=0))
            s[s == 0] = 1.0
            U *= s
            min_ov = min(min_ov, float(np.min(np.abs(np.sum(U * prev, axis=0)))))
        prev = U
        dE, A = _couplings(E, U, dh, G)
        Es.append(E)
        dEs.append(dE)
        As.append(A)
    grid = np.asarray(lams)
    if grid[0] > grid[-1]:
        grid, Es, dEs, As = grid[::-1], Es[::-1], dEs[::-1], As[::-1]
    return StrokePath(medium, lam0, lam1, n_levels, grid,
                      CubicSpline(grid, np.asarray(Es), axis=0, bc_type=((1, dEs[0]), (1, dEs[-1]))),
                      CubicSpline(grid, np.asarray(As), axis=0), min_ov)


# --------------------------------------------------------------------------- unitary stroke


def protocol_position(u, protocol: str):
    """s(u), ds/du of the stroke protocol lambda = lam0 + (lam1 - lam0) s(t/tau).

    ``smooth``: s = u - sin(2 pi u)/(2 pi) (zero velocity at both ends);
    ``linear``: s = u.
    """
    if protocol == "smooth":
        return u - np.sin(2 * np.pi * u) / (2 * np.pi), 1.0 - np.cos(2 * np.pi * u)
    if protocol == "linear":
        return u, np.ones_like(np.asarray(u, dtype=float))
    raise InputError(f"protocol must be one of {PROTOCOLS}, got {protocol!r}")


def heff(path: StrokePath, t: float, tau: float, protocol: str):
    """Generator in the instantaneous eigenbasis at time t (internal units): diag(E) - i lambda' A."""
    s, ds = protocol_position(t / tau, protocol)
    lam = path.lam0 + (path.lam1 - path.lam0) * s
    ldot = (path.lam1 - path.lam0) * ds / tau
    return np.diag(path.energies(lam)) - 1j * ldot * path.couplings(lam), lam, ldot


@dataclass(frozen=True)
class StrokeOperators:
    """Propagator and work operators of one unitary stroke (internal units).

    ``states``: the integrated state ``[U_I, W_pop, W_coh, theta]`` (flattened) at each
    requested output time, or None (see :func:`stroke_operators`).
    """

    U: np.ndarray
    W_pop: np.ndarray
    W_coh: np.ndarray
    E0: np.ndarray
    E1: np.ndarray
    n_rhs: int
    states: np.ndarray | None = None


#: Integrators of :func:`stroke_operators`: the compiled DOP853 (default) and SciPy's, which it reproduces.
STROKE_METHODS = ("compiled", "scipy")


def stroke_operators(path: StrokePath, tau: float, protocol: str = "smooth", *, t_eval=None,
                     rtol: float = ODE_RTOL, method: str = "compiled") -> StrokeOperators:
    r"""Integrate U(t) and the work operators of one stroke (internal units, hbar = 1).

    Integrated in the interaction picture of the instantaneous energies,
    ``U = diag(exp(-i theta)) U_I`` with ``theta_n' = E_n``,
    ``U_I' = -lambda' P^dag A P U_I``, so that the solver follows only the
    non-adiabatic part. Alongside, the work operators

    .. math:: \hat W_\text{pop} = \int U^\dagger \dot\lambda\,\mathrm{diag}(E')\,U\,dt,\quad
              \hat W_\text{coh} = \int U^\dagger \dot\lambda\,[(E_m-E_n)A_{nm}]\,U\,dt,

    so that for any initial state ``W = Tr(rho0 W_hat)``. DOP853 with the given
    relative tolerance (absolute ``rtol / 10``), restarted at every spline node.

    ``method="compiled"`` runs SciPy's DOP853 algorithm step for step in a numba
    kernel (:mod:`etunnel.standard._stroke_kernel`); ``method="scipy"`` calls
    :func:`scipy.integrate.solve_ivp` with a Python right-hand side (15-40x
    slower; kept as the reference the tests hold the kernel to). ``t_eval``
    (sorted times in ``[0, tau]``) also returns the state there from the
    7th-order dense output, in ``states``.
    """
    if method not in STROKE_METHODS:
        raise InputError(f"method must be one of {STROKE_METHODS}, got {method!r}")
    if protocol not in PROTOCOLS:
        raise InputError(f"protocol must be one of {PROTOCOLS}, got {protocol!r}")
    M = path.n_levels
    MM = M * M
    y0 = np.concatenate([np.eye(M, dtype=complex).ravel(), np.zeros(2 * MM + M, dtype=complex)])
    # The splines are piecewise cubic in lambda: integrate node to node so that the high-order
    # solver never steps across a jump in a third derivative.
    breaks = _node_times(path, tau, protocol)
    piece_out = None
    if t_eval is not None:
        t_eval = np.asarray(t_eval, dtype=float)
        if t_eval.ndim != 1 or np.any(np.diff(t_eval) < 0) or t_eval.size and not (0 <= t_eval[0] and t_eval[-1] <= tau):
            raise InputError(f"t_eval must be sorted times in [0, tau = {tau:g}]")
        # the node interval that owns each time, as _PiecewiseSolution picks it
        piece_out = np.clip(np.searchsorted(breaks, t_eval, side="right") - 1, 0, len(breaks) - 2)
    if method == "compiled":
        from etunnel.standard import _stroke_kernel

        coef = path._joint.c
        y, n_rhs, states = _stroke_kernel.run(y0, breaks, tau, protocol == "smooth", path.lam0, path.lam1 - path.lam0,
                                              path.grid, coef, M, rtol, rtol * 0.1, t_eval, piece_out)
        return _operators_from_state(path, y, n_rhs, states if t_eval is not None else None)
    return _stroke_operators_scipy(path, tau, protocol, y0, breaks, t_eval, rtol)


def _stroke_operators_scipy(path, tau, protocol, y0, breaks, t_eval, rtol):
    """The reference integration: solve_ivp (DOP853) node to node with a Python right-hand side."""
    M = path.n_levels
    count = [0]
    dlam = path.lam1 - path.lam0
    MM = M * M

    def rhs(t, y):
        count[0] += 1
        u = t / tau
        if protocol == "smooth":
            s = u - math.sin(2 * math.pi * u) / (2 * math.pi)
            ldot = dlam * (1.0 - math.cos(2 * math.pi * u)) / tau
        else:
            s, ldot = u, dlam / tau
        E, dE, A = path.joint(path.lam0 + dlam * s)
        UI = y[:MM].reshape(M, M)
        ph = np.exp(1j * np.real(y[3 * MM:]))
        PAP = (ph[:, None] * A) * ph.conj()[None, :]
        dUI = -ldot * (PAP @ UI)
        UId = UI.conj().T
        Wp = (UId * (ldot * dE)[None, :]) @ UI
        Wc = UId @ ((ph[:, None] * ((E[None, :] - E[:, None]) * A * ldot)) * ph.conj()[None, :]) @ UI
        return np.concatenate([dUI.ravel(), Wp.ravel(), Wc.ravel(), E.astype(complex)])

    dense = t_eval is not None
    pieces = []
    h_last = None
    for a, b in zip(breaks[:-1], breaks[1:]):
        first = None if h_last is None else min(b - a, h_last)  # carry the step size across nodes
        sol = solve_ivp(rhs, (a, b), y0, method="DOP853", rtol=rtol, atol=rtol * 0.1, dense_output=dense,
                        first_step=first)
        if not sol.success:  # pragma: no cover - solver failure is reported, not hidden
            raise RuntimeError(f"Schrödinger integration failed: {sol.message}")
        y0 = sol.y[:, -1]
        if sol.t.size > 2:
            h_last = float(sol.t[-2] - sol.t[-3]) if sol.t.size > 3 else float(sol.t[-2] - sol.t[0])
        if dense:
            pieces.append(sol.sol)
    states = None
    if dense:
        glued = _PiecewiseSolution(breaks, pieces)
        states = np.array([glued.sol(t) for t in t_eval]).reshape(len(t_eval), y0.size)
    return _operators_from_state(path, y0, count[0], states)


class _PiecewiseSolution:
    """Dense output glued from the node-to-node pieces."""

    def __init__(self, breaks, pieces):
        self.breaks = np.asarray(breaks)
        self.pieces = pieces

    def sol(self, t):
        i = int(np.clip(np.searchsorted(self.breaks, t, side="right") - 1, 0, len(self.pieces) - 1))
        return self.pieces[i](t)


def _node_times(path: StrokePath, tau: float, protocol: str) -> np.ndarray:
    """Times at which lambda(t) passes the spline nodes (plus 0 and tau)."""
    if protocol not in path._node_fractions:  # t/tau at the nodes does not depend on tau: solved once per path
        path._node_fractions[protocol] = _node_fractions(path, protocol)
    u = path._node_fractions[protocol]
    t = np.concatenate([[0.0], u * tau, [tau]])
    return t[np.concatenate([[True], np.diff(t) > 1e-12 * tau])]


def _node_fractions(path: StrokePath, protocol: str) -> np.ndarray:
    """Sorted distinct u = t/tau at which lambda passes the inner spline nodes."""
    lo, hi = sorted((path.lam0, path.lam1))
    inner = path.grid[(path.grid > lo) & (path.grid < hi)]
    frac = np.sort((inner - path.lam0) / (path.lam1 - path.lam0))
    if protocol == "linear":
        u = frac
    else:  # invert s(u) = u - sin(2 pi u)/(2 pi), monotone; Newton from the linear guess, safeguarded
        u = frac.copy()
        for _ in range(60):
            s_, ds = protocol_position(u, protocol)
            step = (s_ - frac) / np.maximum(ds, 1e-300)
            u = np.clip(u - step, 0.0, 1.0)
            if np.max(np.abs(step), initial=0.0) < 1e-15:
                break
        u = np.array([brentq(lambda x, f=f: protocol_position(x, protocol)[0] - f, 0.0, 1.0, xtol=1e-16)
                      if not (0.0 < ui < 1.0) else ui for ui, f in zip(u, frac)])
    return np.unique(u)


def _operators_from_state(path, y, n_rhs, states=None):
    M = path.n_levels
    MM = M * M
    theta = np.real(y[3 * MM:])
    U = np.exp(-1j * theta)[:, None] * y[:MM].reshape(M, M)
    Wp = y[MM: 2 * MM].reshape(M, M)
    Wc = y[2 * MM: 3 * MM].reshape(M, M)
    return StrokeOperators(U, 0.5 * (Wp + Wp.conj().T), 0.5 * (Wc + Wc.conj().T),
                           path.energies(path.lam0), path.energies(path.lam1), n_rhs, states)


def work_rate_split(path: StrokePath, rho: np.ndarray, lam: float, ldot: float):
    """(dW_pop/dt, dW_coh/dt) for state rho in the instantaneous eigenbasis (internal units).

    .. math:: \\dot W_\\text{pop} = \\dot\\lambda\\sum_n\\rho_{nn}E_n',\\quad
              \\dot W_\\text{coh} = \\dot\\lambda\\sum_{n\\ne m}\\rho_{mn}(E_m-E_n)A_{nm}
    """
    E = path.energies(lam)
    dE = path.slopes(lam)
    A = path.couplings(lam)
    pop = ldot * float(np.real(np.sum(np.diag(rho) * dE)))
    coh = ldot * float(np.real(np.sum(rho.T * (E[None, :] - E[:, None]) * A)))
    return pop, coh


# --------------------------------------------------------------------------- baths


def gibbs_populations(E: np.ndarray, kT: float) -> np.ndarray:
    """Boltzmann populations of levels E at temperature kT (same units)."""
    w = np.exp(-(E - E[0]) / kT)
    return w / w.sum()


def lindblad_rates(E: np.ndarray, kT: float, gamma: float) -> np.ndarray:
    """Glauber rates gamma_{n->m} = gamma / (1 + exp(-(E_n - E_m)/kT)); entry [m, n]; zero diagonal."""
    w = (E[:, None] - E[None, :]) / kT  # [n, m] = E_n - E_m
    rates = gamma / (1.0 + np.exp(-np.clip(w, -700, 700)))
    np.fill_diagonal(rates, 0.0)
    return rates.T  # [m, n]


def lindblad_thermalise(rho: np.ndarray, E: np.ndarray, kT: float, gamma: float, duration: float) -> np.ndarray:
    """Exact solution of the Davies-Lindblad bath stroke in the eigenbasis of H (internal units).

    .. math::

        \\dot p = R p,\\ R_{mn} = \\gamma_{n\\to m} - \\delta_{mn}\\Gamma_n,\\qquad
        \\rho_{nm}(t) = \\rho_{nm}(0)\\,e^{-i(E_n-E_m)t - (\\Gamma_n+\\Gamma_m)t/2}
    """
    rates = lindblad_rates(E, kT, gamma)
    out_rate = rates.sum(axis=0)  # Gamma_n
    R = rates - np.diag(out_rate)
    p = expm(R * duration) @ np.diag(rho)  # complex-linear, so the map can act on any matrix
    coh = np.asarray(rho, dtype=complex) * np.exp(-1j * (E[:, None] - E[None, :]) * duration
                       - 0.5 * (out_rate[:, None] + out_rate[None, :]) * duration)
    np.fill_diagonal(coh, p)
    return coh


# --------------------------------------------------------------------------- Otto cycle


@dataclass(frozen=True)
class StrokeResult:
    """One stroke: work (population and coherence parts), heat, energies. [J]"""

    kind: str
    work_population: float
    work_coherence: float
    heat: float
    energy_before: float
    energy_after: float

    @property
    def work(self) -> float:
        return self.work_population + self.work_coherence

    @property
    def first_law_residual(self) -> float:
        """(E_after - E_before) - (W + Q) [J]."""
        return (self.energy_after - self.energy_before) - (self.work + self.heat)


@dataclass(frozen=True)
class OttoResult:
    """Steady-state quantum Otto cycle; energies in J, times in s, power in W.

    ``work_extracted = -(W_expansion + W_compression)``; ``efficiency`` is
    ``work_extracted / heat_hot`` when the cycle is an engine (both > 0),
    otherwise NaN. ``coherence_loss`` = ``W_coh`` summed over both unitary
    strokes (work done on the system to create coherences, the "friction").
    """

    tau: float
    strokes: tuple
    work_extracted: float
    heat_hot: float
    heat_cold: float
    efficiency: float
    carnot_efficiency: float
    otto_efficiency_two_level: float
    power: float
    cycle_time: float
    coherence_work: float
    population_work: float
    first_law_cycle_residual: float
    converged: bool
    iterations: int
    max_top_population: float


def _check_temperatures(T_hot, T_cold):
    T_cold = _scalar("T_cold", T_cold, low=0.0, low_inclusive=False, unit="K")
    T_hot = _scalar("T_hot", T_hot, low=0.0, low_inclusive=False, unit="K")
    if T_cold >= T_hot:
        raise InputError(f"T_cold must be below T_hot, got T_cold = {T_cold:g} K >= T_hot = {T_hot:g} K")
    return T_hot, T_cold


class OttoEngine:
    """A quantum Otto engine on a working medium between ``lam_hot`` and ``lam_cold``.

    Parameters
    ----------
    medium : BoxDoubleWell or FluxQubit
    lam_hot, lam_cold : float
        Piston coordinate at the hot and at the cold contact (SI: m for the box, rad for the flux qubit).
    n_levels : int, optional
        Kept instantaneous eigenstates, 2..24 (default 6).
    overlap_tol : float, optional
        Lambda-grid refinement criterion (default 1e-4).
    method : {"compiled", "scipy"}, optional
        Integrator of the unitary strokes (see :func:`stroke_operators`; default "compiled").

    Raises
    ------
    InputError
        If ``lam_hot == lam_cold`` or fewer than two levels lie below the
        barrier top at either end (no double-well doublet).
    """

    def __init__(self, medium: _Medium, lam_hot, lam_cold, *, n_levels: int = 6, overlap_tol: float = 1e-4,
                 method: str = "compiled"):
        if not isinstance(medium, _Medium):
            raise TypeError(f"medium must be a BoxDoubleWell or FluxQubit, got {type(medium).__name__}")
        if method not in STROKE_METHODS:
            raise InputError(f"method must be one of {STROKE_METHODS}, got {method!r}")
        self.method = method
        self.medium = medium
        self.n_levels = _check_int("n_levels", n_levels, 2, MAX_LEVELS)
        self.lam_hot = medium.check_lambda("lam_hot", lam_hot)
        self.lam_cold = medium.check_lambda("lam_cold", lam_cold)
        if self.lam_hot == self.lam_cold:
            raise InputError("lam_hot and lam_cold must differ (otherwise no work is exchanged)")
        for name, lam in (("lam_hot", lam_hot), ("lam_cold", lam_cold)):
            nb = bound_levels(medium, lam)
            if nb < 2:
                raise InputError(f"the double well at {name} = {lam:g} {medium.lambda_unit} has {nb} level(s) below the "
                                 "barrier top; at least two bound levels (the tunnelling doublet) are required")
        self.overlap_tol = _scalar("overlap_tol", overlap_tol, low=1e-10, high=1e-1)
        self.expansion = build_path(medium, self.lam_hot, self.lam_cold, self.n_levels, overlap_tol=self.overlap_tol)
        # the compression stroke runs the same splines backwards, so both strokes share one gauge
        ex = self.expansion
        self.compression = StrokePath(medium, self.lam_cold, self.lam_hot, self.n_levels, ex.grid, ex.energies,
                                      ex.couplings, ex.min_overlap)
        self._cache: dict = {}
        self.E_hot = self.expansion.energies(self.lam_hot)
        self.E_cold = self.expansion.energies(self.lam_cold)

    def _operators(self, tau_i: float, protocol: str, rtol: float):
        """Stroke propagators, cached per (tau, protocol, rtol): they do not depend on the baths."""
        key = (tau_i, protocol, rtol)
        if key not in self._cache:
            if len(self._cache) >= 64:
                self._cache.pop(next(iter(self._cache)))
            with _one_blas_thread() if self.method == "scipy" else contextlib.nullcontext():
                self._cache[key] = (stroke_operators(self.expansion, tau_i, protocol, rtol=rtol, method=self.method),
                                    stroke_operators(self.compression, tau_i, protocol, rtol=rtol,
                                                     method=self.method))
        return self._cache[key]

    def _check_phase(self, tau_s: float) -> float:
        """tau in internal units, refusing strokes longer than MAX_STROKE_PHASE radians."""
        tau_i = tau_s / self.medium.time_unit
        span = float(max(self.E_hot[-1] - self.E_hot[0], self.E_cold[-1] - self.E_cold[0]))
        if tau_i * span > MAX_STROKE_PHASE:
            limit = MAX_STROKE_PHASE / span * self.medium.time_unit
            raise InputError(f"tau must be at most {limit:.3g} s for this medium and {self.n_levels} levels "
                             f"(stroke phase cap {MAX_STROKE_PHASE:g} rad), got {tau_s:g} s; the adiabatic limit "
                             "is quasi_static_work()")
        return tau_i

    def _kT(self, T):
        return BOLTZMANN_CONSTANT * T / self.medium.energy_unit

    def cycle(self, tau, T_hot, T_cold, *, protocol: str = "smooth", bath: str = "complete", gamma=None,
              bath_time=None, rtol: float = 1e-10) -> OttoResult:
        """Steady-state Otto cycle with unitary strokes of duration ``tau`` [s].

        ``bath="complete"``: each contact leaves the Gibbs state (bath_time, if
        given, only enters the cycle time). ``bath="lindblad"``: each contact
        lasts ``bath_time`` [s] with coupling rate ``gamma`` [1/s]; the
        periodic steady state is the unit-trace fixed point of the (linear) cycle map.
        """
        tau_s = _scalar("tau", tau, low=0.0, low_inclusive=False, unit="s")
        T_hot, T_cold = _check_temperatures(T_hot, T_cold)
        if protocol not in PROTOCOLS:
            raise InputError(f"protocol must be one of {PROTOCOLS}, got {protocol!r}")
        if bath not in ("complete", "lindblad"):
            raise InputError(f"bath must be 'complete' or 'lindblad', got {bath!r}")
        tu = self.medium.time_unit
        if bath == "lindblad":
            if gamma is None or bath_time is None:
                raise InputError("bath='lindblad' needs gamma [1/s] and bath_time [s]")
            g = _scalar("gamma", gamma, low=0.0, low_inclusive=False, unit="1/s") * tu
            tb = _scalar("bath_time", bath_time, low=0.0, low_inclusive=False, unit="s") / tu
        else:
            tb = 0.0 if bath_time is None else _scalar("bath_time", bath_time, low=0.0, unit="s") / tu
        tau_i = self._check_phase(tau_s)
        rtol = _scalar("rtol", rtol, low=1e-13, high=1e-6)
        exp_ops, com_ops = self._operators(tau_i, protocol, rtol)
        kTh, kTc = self._kT(T_hot), self._kT(T_cold)
        Eh, Ec = np.diag(self.E_hot), np.diag(self.E_cold)

        def unitary(ops, rho):
            return ops.U @ rho @ ops.U.conj().T

        rho_h = np.diag(gibbs_populations(self.E_hot, kTh)).astype(complex)
        iterations, converged = 1, True
        if bath == "lindblad":
            # The cycle map is linear in rho: build it on the M^2 matrix units and solve for its fixed point
            # with unit trace (the periodic steady state), instead of iterating.
            M = self.n_levels

            def cycle_map(r):
                r = unitary(exp_ops, r)
                r = lindblad_thermalise(r, self.E_cold, kTc, g, tb)
                r = unitary(com_ops, r)
                return lindblad_thermalise(r, self.E_hot, kTh, g, tb)

            S = np.empty((M * M, M * M), dtype=complex)
            for k in range(M * M):
                unit = np.zeros(M * M, dtype=complex)
                unit[k] = 1.0
                S[:, k] = cycle_map(unit.reshape(M, M)).ravel()
            lhs = np.vstack([S - np.eye(M * M), np.eye(M).ravel()[None, :]])
            rhs_v = np.concatenate([np.zeros(M * M), [1.0]])
            x = np.linalg.lstsq(lhs, rhs_v, rcond=None)[0].reshape(M, M)
            rho_h = 0.5 * (x + x.conj().T)
            residual = float(np.max(np.abs(cycle_map(rho_h) - rho_h)))
            converged = residual < 1e-11
            iterations = 0
        # one pass through the steady-state cycle, recording every stroke
        eu = self.medium.energy_unit

        def energy(rho, operator):
            return float(np.real(np.trace(rho @ operator)))

        def work_stroke(name, ops, r_in, r_out, E_in, E_out):
            """A unitary stroke: work (population and coherence parts) from ``r_in``, no heat."""
            return StrokeResult(name, energy(r_in, ops.W_pop) * eu, energy(r_in, ops.W_coh) * eu, 0.0,
                                energy(r_in, E_in) * eu, energy(r_out, E_out) * eu)

        def bath_contact(r_in, E, kT):
            return (np.diag(gibbs_populations(E, kT)).astype(complex) if bath == "complete"
                    else lindblad_thermalise(r_in, E, kT, g, tb))

        def heat_stroke(name, r_in, r_out, E):
            """A bath contact at fixed Hamiltonian: heat, no work."""
            return StrokeResult(name, 0.0, 0.0, (energy(r_out, E) - energy(r_in, E)) * eu,
                                energy(r_in, E) * eu, energy(r_out, E) * eu)

        top = 0.0
        r0 = rho_h
        r1 = unitary(exp_ops, r0)
        r2 = bath_contact(r1, self.E_cold, kTc)
        r3 = unitary(com_ops, r2)
        r4 = bath_contact(r3, self.E_hot, kTh)
        strokes = [work_stroke("expansion (hot -> cold)", exp_ops, r0, r1, Eh, Ec),
                   heat_stroke("cold contact", r1, r2, Ec),
                   work_stroke("compression (cold -> hot)", com_ops, r2, r3, Ec, Eh),
                   heat_stroke("hot contact", r3, r4, Eh)]
        for r in (r0, r1, r2, r3):
            top = max(top, float(np.real(r[-1, -1])))
        W = strokes[0].work + strokes[2].work
        Qh, Qc = strokes[3].heat, strokes[1].heat
        w_ext = -W
        eta = w_ext / Qh if (w_ext > 0 and Qh > 0) else math.nan
        cycle_time = 2 * tau_s + 2 * tb * tu
        d_h, d_c = self.E_hot[1] - self.E_hot[0], self.E_cold[1] - self.E_cold[0]
        residual = (strokes[3].energy_after - strokes[0].energy_before) - (W + Qh + Qc)
        return OttoResult(
            tau=tau_s, strokes=tuple(strokes), work_extracted=w_ext, heat_hot=Qh, heat_cold=Qc, efficiency=eta,
            carnot_efficiency=1.0 - T_cold / T_hot, otto_efficiency_two_level=1.0 - d_c / d_h,
            power=w_ext / cycle_time if cycle_time > 0 else math.nan, cycle_time=cycle_time,
            coherence_work=strokes[0].work_coherence + strokes[2].work_coherence,
            population_work=strokes[0].work_population + strokes[2].work_population,
            first_law_cycle_residual=residual, converged=converged, iterations=iterations, max_top_population=top,
        )

    def trajectory(self, tau, T_hot, *, protocol: str = "smooth", n_points: int = 201, stroke: str = "expansion",
                   rtol: float = 1e-10) -> dict:
        """Populations, coherence energy, work split and force along one stroke from the hot Gibbs state (SI).

        Returns arrays ``t`` [s], ``lam`` [SI], ``populations`` (n_points x n_levels),
        ``coherence`` (sum over n<m of |rho_nm|), ``work_population``, ``work_coherence`` [J] (cumulative),
        ``force_population``, ``force_coherence`` [J per lambda unit: N for the box].
        """
        tau_s = _scalar("tau", tau, low=0.0, low_inclusive=False, unit="s")
        _scalar("T_hot", T_hot, low=0.0, low_inclusive=False, unit="K")
        n_points = _check_int("n_points", n_points, 3, 5001)
        path = self.expansion if stroke == "expansion" else self.compression
        tau_i = self._check_phase(tau_s)
        ts = np.linspace(0.0, tau_i, n_points)
        ops = stroke_operators(path, tau_i, protocol, t_eval=ts, rtol=_scalar("rtol", rtol, low=1e-13, high=1e-6),
                               method=self.method)
        E0 = path.energies(path.lam0)
        rho0 = np.diag(gibbs_populations(E0, self._kT(T_hot))).astype(complex)
        pops, coh, fp, fc, lams = [], [], [], [], []
        wp, wc = [], []
        for t, state in zip(ts, ops.states):
            o = _operators_from_state(path, state, 0)
            U, Wp, Wc = o.U, o.W_pop, o.W_coh
            rho = U @ rho0 @ U.conj().T
            s, ds = protocol_position(t / tau_i, protocol)
            lam = path.lam0 + (path.lam1 - path.lam0) * s
            # force F = -dH/dlambda expectation, split like the work rate (per unit lambda' = 1)
            p_rate, c_rate = work_rate_split(path, rho, lam, 1.0)
            pops.append(np.real(np.diag(rho)))
            coh.append(float(np.sum(np.abs(np.triu(rho, 1)))))
            fp.append(-p_rate)
            fc.append(-c_rate)
            lams.append(lam)
            wp.append(float(np.real(np.trace(rho0 @ Wp))))
            wc.append(float(np.real(np.trace(rho0 @ Wc))))
        eu, ls = self.medium.energy_unit, self.medium.lambda_scale
        return {
            "t": ts * self.medium.time_unit, "lam": np.asarray(lams) * ls, "populations": np.asarray(pops),
            "coherence": np.asarray(coh), "work_population": np.asarray(wp) * eu,
            "work_coherence": np.asarray(wc) * eu, "force_population": np.asarray(fp) * eu / ls,
            "force_coherence": np.asarray(fc) * eu / ls,
        }

    def levels(self, n_points: int = 200) -> dict:
        """Energy levels E_n(lambda) across the cycle's range [J], lambda in SI."""
        n_points = _check_int("n_points", n_points, 2, 5001)
        lam = np.linspace(min(self.lam_hot, self.lam_cold), max(self.lam_hot, self.lam_cold), n_points)
        return {"lam": lam * self.medium.lambda_scale,
                "energies": self.expansion.energies(lam) * self.medium.energy_unit}


def quasi_static_work(engine: OttoEngine, T_hot, T_cold) -> dict:
    """Adiabatic (tau -> infinity) Otto cycle with complete thermalisation, in closed form [5]_.

    Populations are carried unchanged across the strokes:
    ``W_ext = sum_n (p_n^h - p_n^c)(E_n^h - E_n^c)``, ``Q_h = sum_n E_n^h (p_n^h - p_n^c)``.
    """
    T_hot, T_cold = _check_temperatures(T_hot, T_cold)
    ph = gibbs_populations(engine.E_hot, engine._kT(T_hot))
    pc = gibbs_populations(engine.E_cold, engine._kT(T_cold))
    eu = engine.medium.energy_unit
    w = float(np.sum((ph - pc) * (engine.E_hot - engine.E_cold))) * eu
    q = float(np.sum(engine.E_hot * (ph - pc))) * eu
    return {"work_extracted": w, "heat_hot": q, "efficiency": w / q if (w > 0 and q > 0) else math.nan}
