"""Weak-coupling BCS theory: the gap Delta(T) and the electronic thermodynamics.

Everything here is the standard weak-coupling limit of Bardeen, Cooper and
Schrieffer [1]_ (Debye cutoff much larger than k_B T_c), in which all
results are universal functions of the reduced temperature ``t = T/T_c``.

The gap is the numerical solution of the BCS gap equation in its
cutoff-free form (Tinkham [2]_, eq. 3.27 with the cutoff eliminated through
eq. 3.29):

.. math::

    \\ln\\frac{\\Delta(0)}{\\Delta(T)} = 2 \\int_0^\\infty
        \\frac{f(E)}{E}\\, d\\xi
      = 2 \\int_0^\\infty \\frac{du}{\\exp[\\Delta\\cosh u / k_B T] + 1},
    \\qquad E = \\sqrt{\\xi^2 + \\Delta^2},\\;
    \\Delta(0) = \\pi e^{-\\gamma_E} k_B T_c ,

(the second form by ``xi = Delta sinh u``). :func:`bcs_gap` evaluates its
solution from piecewise Chebyshev series of ``(Delta/Delta0)/sqrt(1 - t)``
generated at 32 digits from the independent Matsubara form of the gap
equation (:mod:`etunnel.standard.bcs_gap_tables`); the vectorised bisection
on the quadrature above stays available as ``method="solve"``, the
reference the tables are tested against.
The thermodynamics follows from the quasiparticle Fermi gas ([2]_ §3.8,
Mühlschlegel [3]_): entropy, specific heat and condensation free energy are
written per unit of the normal-state Sommerfeld coefficient
``gamma_n = (2 pi^2 / 3) N(0) k_B^2`` (``N(0)``: density of states per spin),
so they carry whatever unit ``gamma_n`` carries (per mole, per m^3, ...).

References
----------
.. [1] J. Bardeen, L. N. Cooper, J. R. Schrieffer, "Theory of
   superconductivity", Phys. Rev. 108, 1175 (1957).
.. [2] M. Tinkham, *Introduction to Superconductivity*, 2nd ed.
   (McGraw-Hill, 1996), ch. 3.
.. [3] B. Mühlschlegel, "Die thermodynamischen Funktionen des Supraleiters",
   Z. Phys. 155, 313 (1959).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from etunnel.checks import require_positive, require_range, scalar_or_array
from etunnel.constants import BOLTZMANN_CONSTANT, VACUUM_PERMEABILITY
from etunnel.standard import _quadrature as _q

#: Delta(0) / (k_B T_c) = pi exp(-gamma_Euler) = 1.76388... (weak-coupling BCS), [2]_ eq. 3.30.
BCS_GAP_RATIO: float = math.pi * math.exp(-float(np.euler_gamma))
#: (C_s - C_n) / (gamma_n T_c) at T_c = 12 / (7 zeta(3)) = 1.42613... (weak-coupling BCS), [2]_ eq. 3.50.
BCS_SPECIFIC_HEAT_JUMP: float = 12.0 / (7.0 * float(special.zeta(3.0)))
#: T_c / (hbar omega_D / k_B) prefactor of the BCS T_c formula: 2 exp(gamma_Euler) / pi = 1.13387...
BCS_TC_PREFACTOR: float = 2.0 * math.exp(float(np.euler_gamma)) / math.pi

_BISECTION_STEPS = 64


def _gap_integral(delta: np.ndarray) -> np.ndarray:
    """``int_0^inf du / (exp(delta cosh u) + 1)`` for reduced gaps ``delta = Delta/k_B T`` > 0."""
    # The integrand is <= exp(-60) beyond delta cosh u = 60.
    upper = np.arccosh(np.maximum(_q.X_MAX / delta, 2.0))
    u, w = _q.panel(np.zeros_like(delta), upper)
    return np.sum(w * special.expit(-delta[:, None] * np.cosh(u)), axis=1)


#: Methods of :func:`bcs_gap`: Chebyshev tables (default) or the root solve of the gap equation.
GAP_METHODS = ("table", "solve")
#: Reduced gap Delta/(k_B T) above which the specific heat uses its exact low-temperature
#: form (one Fermi-factor term, Bessel functions); the neglected terms are < e^-50 relative.
_LOW_T_DELTA = 50.0


def _reduced_gap_unique(t: np.ndarray) -> np.ndarray:
    """Delta(T)/Delta(0) for a 1-D array of reduced temperatures strictly inside (0, 1)."""
    delta0 = BCS_GAP_RATIO / t  # Delta(0) / (k_B T)
    lo = np.zeros_like(t)  # residual > 0 (Delta -> 0: ln(1/t) > 0)
    hi = np.ones_like(t)  # residual < 0
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        residual = -np.log(mid) - 2.0 * _gap_integral(mid * delta0)
        above = residual > 0.0
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    return 0.5 * (lo + hi)


def _reduced_gap(t: np.ndarray) -> np.ndarray:
    """Delta(T)/Delta(0) for any array of reduced temperatures t >= 0, from the Chebyshev tables."""
    from etunnel.standard._bcs_gap_kernel import reduced_gap_table

    return reduced_gap_table(t)


def _reduced_gap_solve(t: np.ndarray) -> np.ndarray:
    """Delta(T)/Delta(0) for any array of reduced temperatures t >= 0, by bisection on the gap equation."""
    t = np.asarray(t, dtype=float)
    out = np.where(t < 1.0, 1.0, 0.0)
    inside = (t > 0.0) & (t < 1.0)
    if inside.any():
        values, inverse = np.unique(t[inside], return_inverse=True)
        out[inside] = _reduced_gap_unique(values)[inverse]
    return out


def _validate(T, T_c):
    T = require_range("T", T, low=0.0, unit="K")
    T_c = require_positive("T_c", T_c, unit="K")
    return np.broadcast_arrays(T, T_c)


def bcs_gap(T, T_c, *, method: str = "table"):
    """Weak-coupling BCS energy gap Delta(T), the solution of the gap equation.

    .. math::

        \\ln\\frac{\\Delta(0)}{\\Delta(T)} = 2\\int_0^\\infty
            \\frac{d\\xi}{E\\,(e^{E/k_B T} + 1)},\\qquad
        \\Delta(0) = \\pi e^{-\\gamma_E} k_B T_c \\approx 1.764\\,k_B T_c

    (BCS [1]_; Tinkham [2]_ eqs. 3.27-3.30, cutoff eliminated).

    Parameters
    ----------
    T : array_like
        Temperature, >= 0. [K]
    T_c : array_like
        Critical temperature, > 0; broadcast against ``T``. [K]
    method : {"table", "solve"}, optional
        ``"table"`` (default): piecewise Chebyshev series of
        ``g(t) = (Delta/Delta0)/sqrt(1 - t)``, ``t = T/T_c``, generated at 32
        digits (:mod:`etunnel.standard.bcs_gap_tables`) and summed in one
        compiled pass (over 1e7 temperatures/s). ``"solve"``: 64-step
        bisection on the quadrature form of the gap equation for every
        distinct ``t`` (a few thousand per second), the reference implementation.

    Returns
    -------
    float or ndarray
        Delta(T) [J]; ``Delta(0)`` at ``T = 0`` and exactly 0 for ``T >= T_c``.

    Notes
    -----
    ``"table"`` agrees with an independent 32-digit mpmath solution to a few
    units in the last place over the whole range, ``t -> 0`` (where ``Delta``
    is ``Delta(0)`` to within ``2 K_0(Delta0/k_B T)``) and ``t -> 1`` (where the
    factor ``sqrt(1 - t)`` is exact), and with ``"solve"`` to 1e-12 (tests).
    ``"solve"`` loses relative accuracy within about 1e-4 of T_c, where the
    residual of the gap equation is O((Delta/k_B T)^2) and rounding dominates.
    Near T_c the gap approaches ``pi sqrt(8 / (7 zeta(3))) k_B T_c sqrt(1 - T/T_c)``
    = ``3.063 k_B T_c sqrt(1 - T/T_c)`` ([2]_ eq. 3.54). Both agree with
    Mühlschlegel's table [3]_.

    Examples
    --------
    >>> from etunnel.standard import bcs_gap
    >>> from etunnel.constants import BOLTZMANN_CONSTANT
    >>> round(bcs_gap(0.0, 9.25) / (BOLTZMANN_CONSTANT * 9.25), 6)
    1.763877
    """
    if not isinstance(method, str) or method not in GAP_METHODS:
        raise ValueError(f"method must be one of {', '.join(repr(m) for m in GAP_METHODS)}, got {method!r}")
    T, T_c = _validate(T, T_c)
    reduced = _reduced_gap(T / T_c) if method == "table" else _reduced_gap_solve(T / T_c)
    gap = BCS_GAP_RATIO * BOLTZMANN_CONSTANT * T_c * reduced
    return scalar_or_array(gap)


def bcs_tc(debye_temperature, coupling):
    """BCS critical temperature from the Debye temperature and the coupling N(0)V.

    .. math::

        k_B T_c = \\frac{2 e^{\\gamma_E}}{\\pi}\\,\\hbar\\omega_D\\,
            e^{-1/N(0)V} \\approx 1.13\\,\\hbar\\omega_D\\, e^{-1/N(0)V}

    BCS [1]_ eq. 3.29 of Tinkham [2]_ (weak coupling, N(0)V << 1).

    Parameters
    ----------
    debye_temperature : array_like
        Debye temperature hbar omega_D / k_B, > 0. [K]
    coupling : array_like
        Dimensionless BCS coupling N(0)V (N(0): density of states per spin), > 0. [1]

    Returns
    -------
    float or ndarray
        T_c [K].
    """
    theta = require_positive("debye_temperature", debye_temperature, unit="K")
    nv = require_positive("coupling", coupling)
    return scalar_or_array(BCS_TC_PREFACTOR * theta * np.exp(-1.0 / nv))


def _delta_reduced(T, T_c):
    """Reduced temperature t and reduced gap Delta/(k_B T) (inf at T = 0 and where it exceeds the double range)."""
    t = T / T_c
    y = _reduced_gap(t)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        delta = np.where(t > 0.0, BCS_GAP_RATIO * y / np.where(t > 0, t, 1.0), np.inf)
    return t, y, delta


#: Above this reduced gap Delta/k_B T the entropy integrand, at most (1 + E) e^-E, underflows to 0 in double
#: precision at every node (it already does from delta ~ 745); the quadrature, whose delta^2 overflows from
#: delta ~ 1.3e154 (T/T_c below ~1e-154), is not called there.
_ENTROPY_ZERO_DELTA = 1.0e3


def _entropy_integral(delta: np.ndarray) -> np.ndarray:
    """``int_0^inf s(E) dx`` with s(E) = ln(1 + e^-E) + E/(e^E + 1); pi^2/6 at delta = 0, 0 above 1e3."""

    def s(E, _x):
        return np.log1p(np.exp(-E)) + E * special.expit(-E)

    delta = np.asarray(delta, dtype=float)
    integral = np.zeros_like(delta)
    resolved = delta <= _ENTROPY_ZERO_DELTA
    if resolved.any():
        integral[resolved] = _q.integrate_energy(s, delta[resolved])
    return integral


def bcs_entropy(T, T_c, gamma_n):
    """Electronic entropy of the BCS superconducting state (quasiparticle Fermi gas).

    .. math::

        S_s = -4 k_B N(0) \\int_0^\\infty d\\xi\\,[f\\ln f + (1-f)\\ln(1-f)]
            = \\frac{6}{\\pi^2}\\,\\gamma_n T \\int_0^\\infty
              \\Big[\\ln(1+e^{-\\epsilon}) + \\frac{\\epsilon}{e^{\\epsilon}+1}\\Big] dx

    with ``epsilon = sqrt(x^2 + (Delta/k_B T)^2)``, ``x = xi / k_B T`` and
    ``gamma_n = (2 pi^2/3) N(0) k_B^2`` (Tinkham [2]_ eq. 3.46; Mühlschlegel [3]_).
    Above T_c it equals the normal-state ``gamma_n T``.

    Parameters
    ----------
    T : array_like
        Temperature, >= 0. [K]
    T_c : array_like
        Critical temperature, > 0. [K]
    gamma_n : array_like
        Normal-state Sommerfeld coefficient, > 0. [J K^-2 per mol, per m^3, ...]

    Returns
    -------
    float or ndarray
        S_s [J K^-1 in the same "per" unit as ``gamma_n``].
    """
    T, T_c = _validate(T, T_c)
    gamma_n = require_positive("gamma_n", gamma_n)
    T, T_c, gamma_n = np.broadcast_arrays(T, T_c, gamma_n)
    return scalar_or_array(_superconducting_entropy(T, T_c, gamma_n))


def _superconducting_entropy(T, T_c, gamma_n):
    """:func:`bcs_entropy` below T_c without its input checks: arrays (or floats) already checked.

    The refrigerator's root solves call it thousands of times with scalars. Delta/k_B T is inf at T = 0,
    where T/T_c underflows and where it leaves the double range; the integral is then 0.
    """
    _, _, delta = _delta_reduced(np.asarray(T, dtype=float), T_c)
    return 6.0 / math.pi**2 * gamma_n * T * _entropy_integral(np.atleast_1d(delta)).reshape(np.shape(delta))


def bcs_specific_heat(T, T_c, gamma_n):
    """Electronic specific heat of the BCS superconducting state.

    .. math::

        C_s = 2\\beta k_B \\sum_k \\Big(-\\frac{\\partial f}{\\partial E_k}\\Big)
              \\Big(E_k^2 + \\tfrac12 \\beta \\frac{d\\Delta^2}{d\\beta}\\Big)
            = \\frac{6}{\\pi^2}\\gamma_n T \\int_0^\\infty f(1-f)\\,
              \\Big[\\epsilon^2 + \\delta^2\\,\\frac{2 I_1}{1 - 2 I_1}\\Big]\\, dx

    (Tinkham [2]_ eq. 3.48), with ``delta = Delta/k_B T``,
    ``I_1 = int_0^inf f(1-f) dx`` and ``d Delta^2 / dT`` taken exactly from
    the implicit derivative of the gap equation (not by finite differences).
    The jump at T_c is ``(C_s - C_n)/(gamma_n T_c) = 12/(7 zeta(3)) = 1.426``
    ([2]_ eq. 3.50).

    Below ``t`` = 1.764/50 = 0.035 (``delta > 50``) the Fermi factor is one
    exponential to within ``e^-50`` relative, ``f(1 - f) = e^-E``, and the
    integrals are Bessel functions
    (``int e^-E dx = delta K_1(delta)``, ``int E^2 e^-E dx = delta^3 [K_3 + 3 K_1](delta)/4``):

    .. math::

        \\frac{C_s}{\\gamma_n T} = \\frac{6}{\\pi^2}\\Big[\\frac{\\delta^3}{4}\\big(K_3(\\delta)
            + 3K_1(\\delta)\\big) + \\frac{2\\,\\delta^4 K_1(\\delta)^2}{1 - 2\\delta K_1(\\delta)}\\Big]
        \\;\\to\\; \\frac{6}{\\pi^2}\\sqrt{\\frac{\\pi}{2}}\\,\\delta^{5/2} e^{-\\delta},

    evaluated in logarithms with exponentially scaled Bessel functions, so
    that it underflows gracefully to 0 instead of overflowing (the
    low-temperature asymptote of Mühlschlegel [3]_).

    Parameters
    ----------
    T : array_like
        Temperature, >= 0. [K]
    T_c : array_like
        Critical temperature, > 0. [K]
    gamma_n : array_like
        Normal-state Sommerfeld coefficient, > 0. [J K^-2 per mol, per m^3, ...]

    Returns
    -------
    float or ndarray
        C_s [J K^-1 per unit of ``gamma_n``]; ``gamma_n T`` at ``T >= T_c``
        (the normal state), 0 at ``T = 0``.
    """
    T, T_c = _validate(T, T_c)
    gamma_n = require_positive("gamma_n", gamma_n)
    T, T_c, gamma_n = np.broadcast_arrays(T, T_c, gamma_n)
    t, _, delta = _delta_reduced(T, T_c)
    flat = delta.ravel()
    ratio = np.zeros_like(flat)  # C / (gamma_n T)
    sc = np.isfinite(flat) & (t.ravel() < 1.0)
    ratio[(t.ravel() >= 1.0)] = 1.0
    cold = sc & (flat > _LOW_T_DELTA)
    if cold.any():
        ratio[cold] = _specific_heat_ratio_cold(flat[cold])
    sc &= ~cold
    if sc.any():
        ratio[sc] = _specific_heat_ratio_quadrature(flat[sc])
    return scalar_or_array(gamma_n * T * ratio.reshape(T.shape))


def _specific_heat_ratio_quadrature(d: np.ndarray) -> np.ndarray:
    """C_s/(gamma_n T) for reduced gaps ``d = Delta/k_B T`` by Gauss-Legendre quadrature (see bcs_specific_heat)."""

    def ff(E, _x):  # f(1 - f) = 1 / (4 cosh^2(E/2))
        return 0.25 / np.cosh(0.5 * np.minimum(E, 1400.0)) ** 2

    def ff0_minus_ff(E, x):
        return ff(x, x) - ff(E, x)

    def ff_e2(E, _x):
        return ff(E, _x) * E * E

    one_minus_2i1 = 2.0 * _q.integrate_energy(ff0_minus_ff, d)
    i1 = _q.integrate_energy(ff, d)
    return 6.0 / math.pi**2 * (_q.integrate_energy(ff_e2, d) + i1 * d * d * 2.0 * i1 / one_minus_2i1)


def _specific_heat_ratio_cold(d: np.ndarray) -> np.ndarray:
    """C_s/(gamma_n T) for reduced gaps ``d = Delta/k_B T > 50`` (one Fermi-factor term; see bcs_specific_heat).

    Beyond ``d = 800`` the ratio, below ``d^2.5 e^-d < e^-780``, underflows to exactly 0
    (and scipy's ``kve`` returns NaN for arguments near 1e10 and above), so it is set to 0 there.
    """
    frozen = d > 800.0
    d = np.where(frozen, 800.0, d)
    log_d = np.log(d)
    log_k1 = np.log(special.kve(1, d))  # log K_1(d) + d
    log_k3 = np.log(special.kve(3, d) + 3.0 * special.kve(1, d))
    direct = np.exp(3.0 * log_d + log_k3 - math.log(4.0) - d)
    i1 = np.exp(log_d + log_k1 - d)  # delta K_1(delta)
    gap_term = np.exp(math.log(2.0) + 4.0 * log_d + 2.0 * log_k1 - 2.0 * d) / (1.0 - 2.0 * i1)
    return np.where(frozen, 0.0, 6.0 / math.pi**2 * (direct + gap_term))


def bcs_free_energy_difference(T, T_c, gamma_n):
    """Condensation free energy F_s - F_n of the weak-coupling BCS state.

    From the BCS grand potential (Tinkham [2]_ eq. 3.43-3.44) with the cutoff
    removed by the gap equation:

    .. math::

        F_s - F_n = -N(0)\\Delta^2\\Big[\\tfrac12 + \\ln\\frac{\\Delta(0)}{\\Delta}\\Big]
            - 4 N(0) (k_B T)^2 \\int_0^\\infty
              \\big[\\ln(1+e^{-\\epsilon}) - \\ln(1+e^{-x})\\big] dx,
        \\qquad N(0) = \\frac{3\\gamma_n}{2\\pi^2 k_B^2}

    At T = 0 this is ``-N(0) Delta(0)^2 / 2``, i.e.
    ``-(3/4) e^{-2 gamma_E} gamma_n T_c^2 = -0.2365 gamma_n T_c^2``; at T_c it
    vanishes. ``S_s = S_n + d(F_n - F_s)/dT`` holds (tested).

    Parameters
    ----------
    T : array_like
        Temperature, >= 0. [K]
    T_c : array_like
        Critical temperature, > 0. [K]
    gamma_n : array_like
        Normal-state Sommerfeld coefficient, > 0. [J K^-2 per mol, per m^3, ...]

    Returns
    -------
    float or ndarray
        F_s - F_n <= 0 [J per unit of ``gamma_n``]; 0 for ``T >= T_c``.
    """
    T, T_c = _validate(T, T_c)
    gamma_n = require_positive("gamma_n", gamma_n)
    T, T_c, gamma_n = np.broadcast_arrays(T, T_c, gamma_n)
    t, y, delta = _delta_reduced(T, T_c)
    flat_t, flat_y, flat_d = t.ravel(), y.ravel(), delta.ravel()
    # Everything in units of gamma_n * T_c^2:  N(0) (k_B T_c)^2 = 3/(2 pi^2) gamma_n T_c^2.
    n0 = 3.0 / (2.0 * math.pi**2)
    reduced = np.zeros_like(flat_t)
    sc = flat_t < 1.0
    if sc.any():
        g2 = (BCS_GAP_RATIO * flat_y[sc]) ** 2  # (Delta / k_B T_c)^2
        with np.errstate(divide="ignore"):
            log_term = np.where(flat_y[sc] > 0, -np.log(flat_y[sc]), 0.0)
        reduced[sc] = -n0 * g2 * (0.5 + log_term)
        warm = sc & (flat_t > 0.0)
        if warm.any():

            def dlog(E, x):
                return np.log1p(np.exp(-E)) - np.log1p(np.exp(-x))

            # Delta / k_B T beyond ~1.3e154 (T / T_c < ~1e-154) squares to inf: E = inf is then the exact
            # limit of the integrand (ln(1 + e^-E) = 0), so the overflow is harmless here.
            with np.errstate(over="ignore"):
                reduced[warm] -= 4.0 * n0 * flat_t[warm] ** 2 * _q.integrate_energy(dlog, flat_d[warm])
    return scalar_or_array(gamma_n * T_c**2 * reduced.reshape(T.shape))


def bcs_thermodynamic_critical_field(T, T_c, gamma_v):
    """Thermodynamic critical field B_c(T) = mu_0 H_c(T) of a weak-coupling BCS superconductor.

    .. math::

        \\frac{B_c^2}{2\\mu_0} = F_n - F_s, \\qquad
        B_c(0) = \\sqrt{\\mu_0 N(0)}\\,\\Delta(0)

    (Tinkham [2]_ eqs. 3.51-3.52), with ``F_s - F_n`` from
    :func:`bcs_free_energy_difference`.

    Parameters
    ----------
    T : array_like
        Temperature, >= 0. [K]
    T_c : array_like
        Critical temperature, > 0. [K]
    gamma_v : array_like
        Sommerfeld coefficient per unit volume, > 0. [J m^-3 K^-2]

    Returns
    -------
    float or ndarray
        B_c [T]; 0 for ``T >= T_c``.
    """
    gamma_v = require_positive("gamma_v", gamma_v, unit="J m^-3 K^-2")
    df = np.asarray(bcs_free_energy_difference(T, T_c, gamma_v))
    return scalar_or_array(np.sqrt(2.0 * VACUUM_PERMEABILITY * np.maximum(-df, 0.0)))
