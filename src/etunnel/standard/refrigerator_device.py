"""The superconducting quantum refrigerator at device scale: Ta working layer, Nb hot reservoir, Cu cold reservoir.

Device of Manikandan, Giazotto and Jordan [1]_: a tantalum layer (the working
substance) is magnetised and demagnetised cyclically; between the strokes it
exchanges heat through tunnel junctions with a copper block (cold reservoir)
and a niobium layer (hot reservoir). The thermodynamic core is the Otto cycle
of :mod:`etunnel.standard.refrigerator` (BCS electrons of Ta, per unit
Sommerfeld coefficient); this module supplies the device around it.

Model and assumptions (each printed beside the numbers it drives)
------------------------------------------------------------------
* **Heat transfer** through a normal-insulator-normal tunnel junction of
  specific resistance ``r = R_T A`` [Ohm m^2] (Giazotto et al. [2]_, the
  N-I-N limit of the quasiparticle heat current):

  .. math:: \\dot Q/A = \\frac{\\pi^2 k_B^2}{6 e^2 r}\\,(T_a^2 - T_b^2).

  When Ta is superconducting the junction to Cu is N-I-S and its heat current
  is suppressed by ``exp(-Delta/k_B T)`` (the thermal switch of [1]_); the
  model takes it as zero, i.e. only the strokes described by the core exchange heat.
* **Contact time constant**: with the Ta electron heat capacity
  ``C = gamma_v d T`` per area, the N-I-N law relaxes ``T^2`` exponentially with

  .. math:: \\tau = \\frac{3 e^2 r\\,\\gamma_v d}{\\pi^2 k_B^2},

  independent of temperature; the core relaxes ``T`` with this ``tau``
  (Newtonian contact; exact to first order in the temperature step).
* **Junction resistance**: the paper's value could not be retrieved here, so
  ``r`` is *calibrated* to the paper's 25 nW at 200 mK. Because every heat per
  cycle depends on ``f tau`` only, the maximum cooling power over ``f`` scales
  exactly as ``1/r``: one number fixes it, and the 10 mK power and the
  cool-down curves are then predictions.
* **Cycle frequency**: the frequency maximising the cooling power (found
  with the core at each temperature).
* **Copper**: electron and phonon heat capacities,
  ``C = V (gamma_v T + beta_v T^3)`` with ``beta = 12 pi^4 R / (5 Theta_D^3)``
  (Debye); the nuclear heat capacity of Cu is **neglected** (zero applied
  field; it grows as ``1/T^2`` and a real Cu block at ~1 mK would need it),
  and so are parasitic heat loads on the Cu.
* **Temperatures**: Nb (hot reservoir) stays at the start temperature (the
  dilution-fridge stage). The cooling power "at T" is evaluated at
  ``T_Cu = (1 - 1e-3) T_Nb`` (the core needs T_hot > T_cold).

Material parameters, with sources, are in ``etunnel/data/refrigerator_device.csv``.

References
----------
.. [1] S. K. Manikandan, F. Giazotto, A. N. Jordan, Phys. Rev. Applied 11,
   054034 (2019), arXiv:1902.00063.
.. [2] F. Giazotto, T. T. Heikkilä, A. Luukanen, A. M. Savin, J. P. Pekola,
   Rev. Mod. Phys. 78, 217 (2006), Sec. II (tunnel heat current; N-I-N limit).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np
from scipy.integrate import solve_ivp
from scipy.interpolate import PchipInterpolator
from scipy.optimize import minimize_scalar

from etunnel.checks import InputError
from etunnel.constants import BOLTZMANN_CONSTANT, ELEMENTARY_CHARGE
from etunnel.standard.refrigerator import refrigerator_cooling_power

GAS_CONSTANT = 8.314462618  # J mol^-1 K^-1 (CODATA 2018, exact)
#: Fraction of T_Nb at which the power "at T" is evaluated.
SPAN = 1e-3
#: Largest number of temperatures in one curve.
MAX_POINTS = 200


@dataclass(frozen=True)
class Sourced:
    value: float
    unit: str
    source: str


@lru_cache(maxsize=1)
def device_parameters() -> dict[str, Sourced]:
    """The packaged device parameters: ``{quantity: Sourced(value, unit, source)}``."""
    text = resources.files("etunnel.data").joinpath("refrigerator_device.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    out = {}
    for row in rows:
        try:
            value = float(row["value"])
        except ValueError:
            raise ValueError(f"refrigerator_device.csv: value of {row['quantity']!r} is not a number") from None
        out[row["quantity"]] = Sourced(value, row["unit"], row["source"])
    return out


@dataclass(frozen=True)
class Device:
    """A Ta/Nb/Cu refrigerator (SI units).

    Attributes
    ----------
    area : float
        Interface area. [m^2]
    ta_thickness : float
        Ta layer thickness. [m]
    cu_volume : float
        Volume of the copper block. [m^3]
    specific_resistance : float
        Tunnel junction resistance times area, r = R_T A. [Ohm m^2]
    ta_tc : float
        T_c of Ta. [K]
    ta_gamma_v, cu_gamma_v : float
        Sommerfeld coefficients per volume. [J m^-3 K^-2]
    cu_beta_v : float
        Debye phonon coefficient of Cu per volume. [J m^-3 K^-4]
    """

    area: float
    ta_thickness: float
    cu_volume: float
    specific_resistance: float
    ta_tc: float
    ta_gamma_v: float
    cu_gamma_v: float
    cu_beta_v: float

    def __post_init__(self):
        for name in ("area", "ta_thickness", "cu_volume", "specific_resistance", "ta_tc", "ta_gamma_v",
                     "cu_gamma_v", "cu_beta_v"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
                raise InputError(f"{name} must be a positive finite number, got {v!r}")

    @property
    def ta_gamma(self) -> float:
        """Sommerfeld coefficient of the whole Ta layer, gamma_v A d. [J K^-2]"""
        return self.ta_gamma_v * self.area * self.ta_thickness

    @property
    def contact_time(self) -> float:
        """tau = 3 e^2 r gamma_v d / (pi^2 k_B^2), the N-I-N relaxation time of the Ta electrons. [s]"""
        return 3 * ELEMENTARY_CHARGE**2 * self.specific_resistance * self.ta_gamma_v * self.ta_thickness / (
            math.pi**2 * BOLTZMANN_CONSTANT**2)

    def cu_heat_capacity(self, T):
        """C_Cu = V (gamma_v T + beta_v T^3), electrons + phonons (nuclear neglected). [J/K]"""
        T = np.asarray(T, dtype=float)
        return self.cu_volume * (self.cu_gamma_v * T + self.cu_beta_v * T**3)


def paper_device(*, specific_resistance: float = 1e-8, ta_thickness: float | None = None) -> Device:
    """The device of [1]_ with the packaged parameters (the junction resistance is set by :func:`calibrate`)."""
    p = device_parameters()
    cu_beta_molar = 12 * math.pi**4 * GAS_CONSTANT / (5 * p["cu_debye_temperature"].value ** 3)
    return Device(
        area=p["interface_area"].value,
        ta_thickness=p["ta_thickness"].value if ta_thickness is None else ta_thickness,
        cu_volume=p["cu_volume"].value,
        specific_resistance=specific_resistance,
        ta_tc=p["ta_critical_temperature"].value,
        ta_gamma_v=p["ta_sommerfeld_molar"].value / p["ta_molar_volume"].value,
        cu_gamma_v=p["cu_sommerfeld_molar"].value / p["cu_molar_volume"].value,
        cu_beta_v=cu_beta_molar / p["cu_molar_volume"].value,
    )


def _check_T(T_hot, T_cold, device):
    for name, v in (("T_hot", T_hot), ("T_cold", T_cold)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
            raise InputError(f"{name} must be a positive temperature in K, got {v!r}")
    if T_cold >= T_hot:
        raise InputError(f"T_cold must be below T_hot, got T_cold = {T_cold:g} K >= T_hot = {T_hot:g} K")
    if T_hot >= device.ta_tc:
        raise InputError(f"T_hot must be below T_c(Ta) = {device.ta_tc:g} K, got {T_hot:g} K")


def cycle_at(device: Device, T_hot: float, T_cold: float, frequency: float):
    """The core's steady-state Otto cycle for this device (heats in J per cycle, power in W)."""
    _check_T(T_hot, T_cold, device)
    return refrigerator_cooling_power(frequency, T_hot, T_cold, device.ta_tc, device.ta_gamma, tau=device.contact_time)


@lru_cache(maxsize=512)
def _cycle_cached(device: Device, T_hot: float, T_cold: float, frequency: float):
    return cycle_at(device, T_hot, T_cold, frequency)


def optimal_frequency(device: Device, T_hot: float, T_cold: float) -> tuple[float, object]:
    """Cycle frequency maximising the cooling power, and the cycle there.

    Searched over ``f tau`` in [1e-3, 10] (bounded Brent search on log10 f, xatol 3e-3). The search
    ends on a point it evaluated, so the returned cycle comes from the cache of the search.
    """
    _check_T(T_hot, T_cold, device)
    T_hot, T_cold = float(T_hot), float(T_cold)
    tau = device.contact_time

    def neg(logx):
        return -_cycle_cached(device, T_hot, T_cold, float(10**logx / tau)).cooling_power

    res = minimize_scalar(neg, bounds=(-3, 1), method="bounded", options={"xatol": 3e-3})
    f = float(10**res.x / tau)
    return f, _cycle_cached(device, T_hot, T_cold, f)


def calibrate(device: Device, power: float, T_hot: float) -> Device:
    """The device with the junction resistance that gives ``power`` [W] at ``T_Cu = (1 - SPAN) T_hot``.

    Exact in one step: the maximum cooling power over f scales as 1/r.
    """
    if isinstance(power, bool) or not isinstance(power, (int, float)) or not (power > 0 and math.isfinite(power)):
        raise InputError(f"power must be a positive number of watts, got {power!r}")
    _, c = optimal_frequency(device, T_hot, (1 - SPAN) * T_hot)
    return replace(device, specific_resistance=device.specific_resistance * c.cooling_power / power)


def power_curve(device: Device, T_hot: float, temperatures, f_tau: float | None = None) -> dict:
    """Cooling power, COP and Carnot COP at the optimal frequency for each T_Cu in ``temperatures`` [K].

    ``f_tau``: if given, the optimal ``f tau`` (found once) is used at every T instead of a
    search per temperature; :func:`optimal_frequency` checks that it is T-independent at T << T_c.
    """
    T = np.asarray(temperatures, dtype=float)
    if T.ndim != 1 or not 1 <= T.size <= MAX_POINTS:
        raise InputError(f"temperatures must be a 1-D list of 1 to {MAX_POINTS} values, got shape {T.shape}")
    rows = {"T_cold_K": [], "frequency_Hz": [], "cooling_power_W": [], "cop": [], "carnot_cop": []}
    for t in T:
        if f_tau is None:
            f, c = optimal_frequency(device, T_hot, float(t))
        else:
            f = f_tau / device.contact_time
            c = _cycle_cached(device, float(T_hot), float(t), float(f))
        rows["T_cold_K"].append(float(t))
        rows["frequency_Hz"].append(float(f))
        rows["cooling_power_W"].append(float(c.cooling_power))
        rows["cop"].append(None if math.isnan(c.cop) else float(c.cop))
        rows["carnot_cop"].append(float(c.carnot_cop))
    return rows


def cooldown(device: Device, T_start: float, *, t_end: float, f_tau: float, n_grid: int = 12,
             T_floor: float = 1e-4, n_out: int = 200) -> dict:
    """Cu temperature vs time, ``C_Cu(T) dT/dt = -P(T)``, Nb held at ``T_start``, optimal frequency throughout.

    ``P(T)`` is computed with the core on ``n_grid`` log-spaced temperatures between ``T_floor`` and
    ``(1 - SPAN) T_start`` and interpolated (monotone cubic in log-log). The cycle is averaged over
    (cycle time << cool-down time). No parasitic heat load, no nuclear heat capacity.
    """
    if not (isinstance(n_grid, int) and 3 <= n_grid <= MAX_POINTS):
        raise InputError(f"n_grid must be an integer in [3, {MAX_POINTS}], got {n_grid!r}")
    if not (isinstance(n_out, int) and 2 <= n_out <= 10_000):
        raise InputError(f"n_out must be an integer in [2, 10000], got {n_out!r}")
    if not (t_end > 0 and math.isfinite(t_end)):
        raise InputError(f"t_end must be a positive number of seconds, got {t_end!r}")
    grid = np.geomspace(T_floor, (1 - SPAN) * T_start, n_grid)
    P = np.array(power_curve(device, T_start, grid, f_tau=f_tau)["cooling_power_W"])
    if np.any(P <= 0):
        raise RuntimeError("the cycle does not refrigerate on part of the cool-down range")
    logP = PchipInterpolator(np.log(grid), np.log(P))

    def rhs(t, y):
        # trial steps may overshoot the terminal floor event; keep T where C_Cu(T) T is representable
        T = max(math.exp(y[0]), 0.5 * grid[0])
        Tc = min(max(T, grid[0]), grid[-1])
        return [-math.exp(float(logP(math.log(Tc)))) / (float(device.cu_heat_capacity(T)) * T)]

    def floor(t, y):
        return y[0] - math.log(grid[0] * 1.0001)

    floor.terminal = True
    ts = np.linspace(0.0, t_end, n_out)
    sol = solve_ivp(rhs, (0.0, t_end), [math.log((1 - SPAN) * T_start)], t_eval=ts, rtol=1e-9, atol=1e-12,
                    events=floor)
    return {"t_s": sol.t.tolist(), "T_K": np.exp(sol.y[0]).tolist(), "T_start_K": T_start,
            "grid_T_K": grid.tolist(), "grid_power_W": P.tolist()}


def time_to_reach(device: Device, T_start: float, T_target: float, *, f_tau: float, n_grid: int = 12) -> float:
    """Time for the Cu block to cool from (1 - SPAN) T_start to T_target [s] (same model as :func:`cooldown`).

    .. math:: t = \\int_{T_target}^{T_0} C_{Cu}(T)/P(T)\\,dT
    """
    from scipy.integrate import quad

    grid = np.geomspace(min(T_target, 1e-4), (1 - SPAN) * T_start, n_grid)
    P = np.array(power_curve(device, T_start, grid, f_tau=f_tau)["cooling_power_W"])
    logP = PchipInterpolator(np.log(grid), np.log(P))
    val, _ = quad(lambda lt: float(device.cu_heat_capacity(math.exp(lt))) * math.exp(lt)
                  / math.exp(float(logP(lt))), math.log(T_target), math.log((1 - SPAN) * T_start), limit=200)
    return float(val)
