"""A magnetic-field-driven Otto refrigerator whose working substance is a BCS superconductor.

Idea (Manikandan, Giazotto and Jordan [1]_): breaking Cooper pairs with a
magnetic field *slowly* (isentropically) cools the electrons, because the
superconducting state holds less entropy than the normal state at the same
temperature; the cold electrons then absorb heat from a cold reservoir.
Re-pairing them by removing the field heats them above the hot reservoir,
to which they reject heat. (In the device described in [1]_ the working
substance is a tantalum layer between a niobium hot reservoir and a copper
cold reservoir; here any BCS superconductor can be the working substance,
characterised only by its T_c and Sommerfeld coefficient.)

Model and assumptions (ours, stated so they can be judged):

* **Working substance**: the conduction electrons of a weak-coupling BCS
  superconductor, with the entropy, free energy and specific heat of
  :mod:`etunnel.standard.bcs` (quasiparticle Fermi gas). Phonons are
  ignored (their entropy ~T^3 is small at T << Theta_D).
* **Effect of the field**: the field acts as a continuous pair breaker that
  lowers the transition temperature along the empirical critical-field
  parabola ``B_c(T) = B_c(0)(1 - (T/T_c)^2)``, i.e. at field
  ``b = B/B_c(0)`` the electrons form a BCS state with
  ``T_c(b) = T_c sqrt(1 - b)`` and are normal for ``b >= 1``. This is a
  mean-field idealisation: in bulk type-I material the transition in a field
  is first order, with latent heat; thin films or pair breaking by spin
  exchange fields come closer to it. With the default ``field_ratio = 1``
  only the end points (``b = 0``: fully paired, ``b = 1``: normal) matter, and
  this assumption drops out of the quasi-static results.
* **Cycle** (Otto): (1) at ``b = 0`` in contact with the hot reservoir at
  T_hot; (2) field ramped up to ``b = field_ratio`` isentropically (no heat),
  the electrons cool to T_2; (3) at constant field, contact with the cold
  reservoir at T_cold: heat ``Q_cold = U(T_3) - U(T_2)`` absorbed; (4) field
  ramped down isentropically, the electrons warm to T_4; (5) at ``b = 0``,
  contact with the hot reservoir: heat ``Q_hot = U(T_4) - U(T_1)`` rejected.
  Work ``W = Q_hot - Q_cold``, ``COP = Q_cold / W``.
* **Finite frequency**: the field ramps are taken as fast compared with the
  reservoir contact but slow compared with the electrons' internal
  equilibration; each contact stroke lasts ``1/(2f)`` and relaxes the
  electron temperature exponentially towards the reservoir temperature with
  a single relaxation time ``tau`` (Newtonian contact, constant C/G: a
  simplification, since C varies with T). The periodic steady state is
  found by iterating the cycle. Cooling power ``P = f Q_cold(f)``.

Energies are per unit of the Sommerfeld coefficient supplied (``gamma_n`` in
J K^-2 mol^-1 gives J mol^-1 per cycle). Because each step is a state
function of the BCS electron gas, the cycle can never beat Carnot,
``COP <= T_cold / (T_hot - T_cold)``; the tests check this as a property.

References
----------
.. [1] S. K. Manikandan, F. Giazotto, A. N. Jordan, "Superconducting quantum
   refrigerator: Breaking and rejoining Cooper pairs with magnetic field
   cycles", Phys. Rev. Applied 11, 054034 (2019).
.. [2] M. Tinkham, *Introduction to Superconductivity*, 2nd ed. (1996), §3.8
   (BCS thermodynamics).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
from scipy.optimize import brentq

from etunnel.checks import InputError, require_positive, require_range
from etunnel.standard.bcs import _superconducting_entropy, bcs_free_energy_difference

_MAX_ITERATIONS = 200
#: Heats per cycle below NUMERICAL_NOISE * gamma_n * T_c^2 are round-off; the COP is then NaN.
NUMERICAL_NOISE = 1e-12


def carnot_cop(T_hot, T_cold):
    """Carnot coefficient of performance of a refrigerator, T_cold / (T_hot - T_cold).

    Parameters
    ----------
    T_hot : array_like
        Hot-reservoir temperature, > T_cold. [K]
    T_cold : array_like
        Cold-reservoir temperature, > 0. [K]

    Returns
    -------
    float or ndarray
        COP_Carnot [1].
    """
    T_cold = require_positive("T_cold", T_cold, unit="K")
    T_hot = require_positive("T_hot", T_hot, unit="K")
    if np.any(T_hot <= T_cold):
        raise InputError(f"T_hot must exceed T_cold, got T_hot = {np.min(T_hot):.6g} K, T_cold = {np.max(T_cold):.6g} K")
    out = T_cold / (T_hot - T_cold)
    return float(out) if np.ndim(out) == 0 else out


def _tc_field(T_c: float, b: float) -> float:
    """T_c(b) = T_c sqrt(1 - b); 0 (normal) for b >= 1."""
    return T_c * math.sqrt(1.0 - b) if b < 1.0 else 0.0


def _entropy(T: float, tc: float) -> float:
    """Electronic entropy per unit gamma_n [K] at temperature T for a state with transition temperature tc."""
    if tc <= 0.0 or T >= tc:
        return T
    return float(_superconducting_entropy(T, tc, 1.0))  # bcs_entropy without its checks (bit-identical, tested)


def _energy(T: float, tc: float) -> float:
    """Electronic internal energy per unit gamma_n [K^2], U = F + TS with F_n = -T^2/2 (zero of energy at T = 0, normal)."""
    if tc <= 0.0 or T >= tc:
        return 0.5 * T * T
    df = float(bcs_free_energy_difference(T, tc, 1.0))
    return -0.5 * T * T + df + T * _entropy(T, tc)


def _temperature_at_entropy(S: float, tc: float) -> float:
    """Invert S(T) at fixed field (S is increasing in T)."""
    if tc <= 0.0 or S >= tc:
        return S  # normal: S = T
    if S <= 0.0:
        return 0.0
    return brentq(lambda T: _entropy(T, tc) - S, 0.0, tc, xtol=1e-15, rtol=4e-15, maxiter=500)


@dataclass(frozen=True)
class OttoCycle:
    """Result of one refrigeration cycle, energies per unit of the supplied gamma_n.

    Attributes
    ----------
    heat_absorbed : float
        Q_cold, heat taken from the cold reservoir per cycle. [J per unit of gamma_n's "per"]
    heat_rejected : float
        Q_hot, heat given to the hot reservoir per cycle. [same]
    work : float
        W = Q_hot - Q_cold, work done by the field per cycle. [same]
    cop : float
        Q_cold / W; NaN when the cycle does not refrigerate (Q_cold or W not
        above round-off, ``NUMERICAL_NOISE * gamma_n * T_c^2``). [1]
    carnot_cop : float
        T_cold / (T_hot - T_cold). [1]
    T_after_magnetisation, T_after_cold_contact, T_after_demagnetisation, T_after_hot_contact : float
        Electron temperatures at the corners of the (steady-state) cycle. [K]
    frequency : float
        Cycle frequency; ``inf`` marks the quasi-static limit's absent rate. [Hz]
    cooling_power : float
        f * Q_cold; NaN in the quasi-static limit. [W per unit of gamma_n's "per"]
    """

    heat_absorbed: float
    heat_rejected: float
    work: float
    cop: float
    carnot_cop: float
    T_after_magnetisation: float
    T_after_cold_contact: float
    T_after_demagnetisation: float
    T_after_hot_contact: float
    frequency: float
    cooling_power: float

    def to_dict(self) -> dict:
        return asdict(self)


def _check(T_hot, T_cold, T_c, gamma_n, field_ratio):
    T_c = float(require_positive("T_c", T_c, unit="K"))
    T_cold = float(require_positive("T_cold", T_cold, unit="K"))
    T_hot = float(require_range("T_hot", T_hot, low=T_cold, low_inclusive=False, high=T_c, high_inclusive=False, unit="K"))
    gamma_n = float(require_positive("gamma_n", gamma_n))
    b = float(require_range("field_ratio", field_ratio, low=0.0, low_inclusive=False, unit="(B_max / B_c(0))"))
    return T_hot, T_cold, T_c, gamma_n, b


def _cycle(T_hot, T_cold, T_c, gamma_n, b, decay) -> OttoCycle:
    """Steady state of the cycle; decay = exp(-stroke time / tau) (0: full thermalisation)."""
    tc_on = _tc_field(T_c, b)

    def one_cycle(T1: float) -> float:
        """Electron temperature after one full cycle starting from T1 at the end of the hot contact."""
        T2 = _temperature_at_entropy(_entropy(T1, T_c), tc_on)
        T3 = T_cold + (T2 - T_cold) * decay
        T4 = _temperature_at_entropy(_entropy(T3, tc_on), T_c)
        return T_hot + (T4 - T_hot) * decay

    T1 = T_hot
    if decay > 0.0:
        # Periodic steady state: the fixed point of one_cycle. Bracket it by
        # stepping from T_hot in the direction of the first cycle's drift, then solve.
        def residual(T: float) -> float:
            return one_cycle(T) - T

        r0 = residual(T_hot)
        if r0 != 0.0:
            step = abs(r0) / max(1.0 - decay, 1e-12)
            other = T_hot
            for _ in range(_MAX_ITERATIONS):
                other = other + step if r0 > 0.0 else max(other - step, 0.5 * other)
                if residual(other) * r0 <= 0.0:
                    break
                step *= 2.0
            else:
                raise RuntimeError("could not bracket the periodic steady state of the refrigeration cycle")
            lo, hi = sorted((T_hot, other))
            T1 = brentq(residual, lo, hi, xtol=1e-14 * T_hot, rtol=4e-15, maxiter=_MAX_ITERATIONS)

    T2 = _temperature_at_entropy(_entropy(T1, T_c), tc_on)
    T3 = T_cold + (T2 - T_cold) * decay
    T4 = _temperature_at_entropy(_entropy(T3, tc_on), T_c)
    q_cold = gamma_n * (_energy(T3, tc_on) - _energy(T2, tc_on))
    q_hot = gamma_n * (_energy(T4, T_c) - _energy(T1, T_c))
    work = q_hot - q_cold
    # U is a difference of nearly equal terms at T << T_c: heats below ~1e-12 gamma T_c^2
    # are round-off, not refrigeration.
    noise = NUMERICAL_NOISE * gamma_n * T_c**2
    cop = q_cold / work if (q_cold > noise and work > noise) else math.nan
    return OttoCycle(
        heat_absorbed=q_cold,
        heat_rejected=q_hot,
        work=work,
        cop=cop,
        carnot_cop=T_cold / (T_hot - T_cold),
        T_after_magnetisation=T2,
        T_after_cold_contact=T3,
        T_after_demagnetisation=T4,
        T_after_hot_contact=T1,
        frequency=math.inf,
        cooling_power=math.nan,
    )


def otto_refrigerator(T_hot, T_cold, T_c, gamma_n, *, field_ratio=1.0) -> OttoCycle:
    """Quasi-static magnetic Otto refrigeration cycle of a BCS superconductor.

    .. math::

        S_s(T_1, b{=}0) = S(T_2, b),\\quad Q_c = U(T_c^{res}, b) - U(T_2, b),

        S(T_c^{res}, b) = S_s(T_4, 0),\\quad Q_h = U(T_4, 0) - U(T_h^{res}, 0),\\quad
        \\mathrm{COP} = \\frac{Q_c}{Q_h - Q_c} \\le \\frac{T_c^{res}}{T_h^{res}-T_c^{res}}

    with ``S`` and ``U = F + TS`` of the weak-coupling BCS electron gas
    (Tinkham [2]_ §3.8) and full thermalisation at each reservoir; after the
    scheme of Manikandan, Giazotto and Jordan [1]_. See the module notes for
    every assumption.

    Parameters
    ----------
    T_hot : float
        Hot-reservoir temperature, T_cold < T_hot < T_c. [K]
    T_cold : float
        Cold-reservoir temperature, > 0. [K]
    T_c : float
        Zero-field critical temperature of the working substance, > 0. [K]
    gamma_n : float
        Normal-state Sommerfeld coefficient of the working substance, > 0.
        [J K^-2 per mol, per m^3, ...]
    field_ratio : float, optional
        Maximum field over the zero-temperature critical field, B_max/B_c(0),
        > 0; values >= 1 drive the electrons fully normal (default 1). [1]

    Returns
    -------
    OttoCycle
        Heats and work per cycle (in gamma_n's units times K^2), COP, the
        Carnot COP and the corner temperatures. ``heat_absorbed <= 0`` and
        ``cop = NaN`` mean the cycle does not refrigerate at these temperatures
        (magnetisation does not cool the electrons below T_cold). ``cop`` is
        also NaN when the heat or the work per cycle is within round-off
        (not above ``NUMERICAL_NOISE * gamma_n * T_c**2``), as deep in the
        paired state, where both are exponentially small.
    """
    T_hot, T_cold, T_c, gamma_n, b = _check(T_hot, T_cold, T_c, gamma_n, field_ratio)
    return _cycle(T_hot, T_cold, T_c, gamma_n, b, 0.0)


def refrigerator_cooling_power(frequency, T_hot, T_cold, T_c, gamma_n, *, tau, field_ratio=1.0):
    """Cooling power of the magnetic Otto refrigerator at finite cycle frequency.

    Each reservoir contact lasts half a period and relaxes the electron
    temperature towards the reservoir as ``exp(-t/tau)``; the periodic steady
    state of the cycle is found by iteration, and

    .. math::

        P(f) = f\\,Q_c(f),\\qquad
        Q_c(f) \\to Q_c^{\\text{quasi-static}}\\ (f\\tau \\to 0).

    At ``f tau >> 1`` the heat per cycle falls as ``1/f`` and ``P`` saturates
    at a plateau set by ``tau``, because the field ramps are taken as
    instantaneous; a real device is further limited by how fast the field can
    be ramped without heating (eddy currents, non-adiabaticity), which this
    model does not contain.

    Model of this module (see notes), after Manikandan et al. [1]_.

    Parameters
    ----------
    frequency : array_like
        Cycle frequency, > 0. [Hz]
    T_hot, T_cold, T_c : float
        Reservoir temperatures and zero-field critical temperature, as in
        :func:`otto_refrigerator`. [K]
    gamma_n : float
        Sommerfeld coefficient, > 0. [J K^-2 per unit]
    tau : float
        Thermal relaxation time of the electrons in contact with a reservoir,
        > 0 (keyword-only; no default, because it is device-specific). [s]
    field_ratio : float, optional
        B_max / B_c(0), > 0 (default 1). [1]

    Returns
    -------
    OttoCycle or list of OttoCycle
        One steady-state cycle per frequency, with ``frequency`` and
        ``cooling_power`` [W per unit of gamma_n's "per"] filled in.
    """
    T_hot, T_cold, T_c, gamma_n, b = _check(T_hot, T_cold, T_c, gamma_n, field_ratio)
    f = require_positive("frequency", frequency, unit="Hz")
    tau = float(require_positive("tau", tau, unit="s"))
    results = []
    for fi in np.ravel(f):
        decay = math.exp(-1.0 / (2.0 * fi * tau))
        c = _cycle(T_hot, T_cold, T_c, gamma_n, b, decay)
        d = c.to_dict()
        d.update(frequency=float(fi), cooling_power=float(fi) * c.heat_absorbed)
        results.append(OttoCycle(**d))
    return results[0] if np.ndim(f) == 0 else results
