"""T_c from the standard theory at full strength: moments, McMillan, Allen-Dynes (f1 f2), Eliashberg, the gap.

Three use cases share this module:

* :func:`spectrum_critical_temperature` - everything the standard theory says about one
  alpha^2F(omega): its moments, McMillan and Allen-Dynes T_c, the Eliashberg T_c with its
  convergence check, and (optionally) the gap Delta(i omega_n) below T_c with Delta_0 from Padé.
* :func:`mu_star_sweep` - the Eliashberg T_c over many mu* values (one spectrum).
* :func:`coupling_table` - the packaged table of published coupling parameters: measured T_c
  beside McMillan, Allen-Dynes and Eliashberg with mu* in a band (default 0.10-0.13), the
  published first-principles predictions, and the tunnel model's verdict where it has inputs.

"McMillan" here is McMillan's formula with Allen and Dynes's prefactor omega_log/1.2 (Allen-Dynes
eq. 34 with f1 = f2 = 1); with a Debye temperature, McMillan's original theta_D/1.45 form is used.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from etunnel.checks import InputError, require_range
from etunnel.constants import BOLTZMANN_CONSTANT, ELECTRONVOLT
from etunnel.services.base import Result
from etunnel.standard.eliashberg import (
    DEFAULT_CUTOFF_FACTOR,
    DEFAULT_MIN_FREQUENCIES,
    eliashberg_tc,
    real_axis_gap,
    solve_gap,
)
from etunnel.standard.spectral_function import SpectralFunction
from etunnel.validation.coupling_comparison import (
    COMPARISON_NOTES,
    DEFAULT_MU_STAR_BAND,
    compare_coupling_records,
)

_MEV = 1e-3 * ELECTRONVOLT
#: Most mu* values one sweep may take.
MAX_SWEEP_POINTS: int = 1000
#: Gap solved at this fraction of T_c (BCS: Delta(0.2 T_c) = Delta_0 to 2e-4).
GAP_TEMPERATURE_FRACTION: float = 0.2

ALLEN_DYNES = "Allen & Dynes, Phys. Rev. B 12, 905 (1975), eqs. 34-38"
MCMILLAN = "McMillan, Phys. Rev. 167, 331 (1968), eq. 18 with the Allen-Dynes prefactor omega_log/1.2"
MCMILLAN_THETA = "McMillan, Phys. Rev. 167, 331 (1968), eq. 18 (theta_D/1.45)"
ELIASHBERG = "isotropic Eliashberg equations, Matsubara axis (Allen & Mitrovic 1982; Carbotte, RMP 62, 1027 (1990))"
CARBOTTE = "Carbotte, Rev. Mod. Phys. 62, 1027 (1990): 3.53[1 + 12.5 (T_c/omega_log)^2 ln(omega_log/2T_c)]"


def carbotte_gap_ratio(tc_over_omega_log):
    """Carbotte's empirical strong-coupling gap ratio 2 Delta_0/k_B T_c [1] (Rev. Mod. Phys. 62, 1027 (1990)).

    .. math:: \\frac{2\\Delta_0}{k_BT_c} = 3.53\\Big[1 + 12.5\\Big(\\frac{T_c}{\\omega_{\\log}}\\Big)^2
              \\ln\\frac{\\omega_{\\log}}{2T_c}\\Big]
    """
    x = require_range("tc_over_omega_log", tc_over_omega_log, low=0.0, low_inclusive=False, high=0.5)
    out = 3.53 * (1.0 + 12.5 * x**2 * np.log(1.0 / (2.0 * x)))
    return float(out) if np.ndim(out) == 0 else out


@dataclass(frozen=True)
class GapResult(Result):
    """The non-linear solution at one temperature and the gap edge Delta_0 from Padé continuation."""

    temperature_K: float
    matsubara_meV: list
    gap_meV: list
    renormalization: list
    iterations: int
    gap_edge_meV: float | None
    two_delta_over_kTc: float | None
    carbotte_two_delta_over_kTc: float | None
    pade: dict


@dataclass(frozen=True)
class CriticalTemperatureResult(Result):
    """Everything the standard theory predicts from one spectrum (units in the field names)."""

    spectrum: str
    moments: dict
    mu_star: float
    tc_mcmillan_K: float
    tc_allen_dynes_K: float
    allen_dynes_f1: float
    allen_dynes_f2: float
    eliashberg: dict
    gap: GapResult | None
    assumptions: list
    sources: dict
    timing_s: dict
    curves: dict = field(repr=False)


def spectrum_critical_temperature(spectrum: SpectralFunction, mu_star: float, *, cutoff=None, mu_star_cutoff=None,
                                  min_frequencies: int = DEFAULT_MIN_FREQUENCIES, gap: bool = True,
                                  curve_points: int = 400) -> CriticalTemperatureResult:
    """Moments, McMillan, Allen-Dynes and Eliashberg T_c of ``spectrum`` at ``mu_star``; gap at 0.2 T_c if ``gap``.

    ``cutoff`` and ``mu_star_cutoff`` are energies [J] (see :func:`etunnel.standard.eliashberg.eliashberg_tc`);
    ``curve_points`` (in [10, 5000]) sets the resolution of the alpha^2F and lambda(omega) curves returned.
    """
    if not isinstance(spectrum, SpectralFunction):
        raise TypeError(f"spectrum must be a SpectralFunction, got {type(spectrum).__name__}")
    if isinstance(curve_points, bool) or not isinstance(curve_points, int) or not 10 <= curve_points <= 5000:
        raise InputError(f"curve_points must be an integer in [10, 5000], got {curve_points!r}")
    mu = float(require_range("mu_star", mu_star, low=0.0, high=0.5))
    t0 = time.perf_counter()
    el = eliashberg_tc(spectrum, mu, cutoff=cutoff, mu_star_cutoff=mu_star_cutoff, min_frequencies=min_frequencies)
    t_el = time.perf_counter() - t0
    f1, f2 = spectrum.allen_dynes_factors(mu)
    gap_result, t_gap, gap_note = None, 0.0, ""
    sol = None
    if gap and math.isfinite(el.tc):
        t1 = time.perf_counter()
        try:
            sol = solve_gap(spectrum, GAP_TEMPERATURE_FRACTION * el.tc, mu, cutoff=cutoff,
                            mu_star_cutoff=mu_star_cutoff, min_frequencies=max(min_frequencies, 128))
        except InputError as exc:  # too many frequencies at 0.2 T_c, or no convergence: T_c stands, gap missing
            gap_note = f"gap not computed: {exc}"
            t_gap = time.perf_counter() - t1
    if sol is not None:
        edge = real_axis_gap(sol)
        t_gap = time.perf_counter() - t1
        ratio = 2 * edge.gap_edge_meV * _MEV / (BOLTZMANN_CONSTANT * el.tc) if edge.ok else math.nan
        x = el.tc / spectrum.omega_log_K
        keep = min(sol.matsubara_meV.size, 200)
        gap_result = GapResult(
            temperature_K=sol.temperature, matsubara_meV=sol.matsubara_meV[:keep], gap_meV=sol.gap_meV[:keep],
            renormalization=sol.renormalization[:keep], iterations=sol.iterations,
            gap_edge_meV=edge.gap_edge_meV, two_delta_over_kTc=ratio,
            carbotte_two_delta_over_kTc=carbotte_gap_ratio(x) if 0 < x <= 0.5 else math.nan,
            pade=asdict(edge),
        )
    w = np.linspace(0.0, 1.05 * spectrum.omega_max, curve_points)
    wc = spectrum.omega_max * DEFAULT_CUTOFF_FACTOR if cutoff is None else float(cutoff)
    assumptions = [
        f"mu* = {mu} is defined at {el.mu_star_cutoff_meV:.4g} meV"
        + (" (the Matsubara cutoff itself)" if mu_star_cutoff is None else
           f", carried to the cutoff by Morel-Anderson scaling: mu*(omega_c) = {el.mu_star_at_cutoff:.4f}"),
        f"Matsubara cutoff omega_c = {wc / _MEV:.4g} meV"
        + (f" (default {DEFAULT_CUTOFF_FACTOR:g} x the highest phonon energy)" if cutoff is None else ""),
        "Coulomb term mu* theta(omega_c - |omega_m|) summed over Matsubara frequencies below omega_c, in every equation",
        f"phonon sums over >= {min_frequencies} positive Matsubara frequencies; convergence checked by doubling them",
        "McMillan = Allen-Dynes eq. 34 with f1 = f2 = 1 (prefactor omega_log/1.2)",
    ]
    if gap_note:
        assumptions.append(gap_note)
    if gap_result is not None:
        assumptions.append(f"gap solved at T = {GAP_TEMPERATURE_FRACTION:g} T_c and continued to the real axis "
                           "(Vidberg-Serene Padé) for Delta_0")
    return CriticalTemperatureResult(
        spectrum=spectrum.description,
        moments=spectrum.moments(),
        mu_star=mu,
        tc_mcmillan_K=float(spectrum.tc_allen_dynes(mu, corrections=False)),
        tc_allen_dynes_K=float(spectrum.tc_allen_dynes(mu)),
        allen_dynes_f1=f1, allen_dynes_f2=f2,
        eliashberg=asdict(el),
        gap=gap_result,
        assumptions=assumptions,
        sources={"mcmillan": MCMILLAN, "allen_dynes": ALLEN_DYNES, "eliashberg": ELIASHBERG, "carbotte": CARBOTTE,
                 "pade": "Vidberg & Serene, J. Low Temp. Phys. 29, 179 (1977)"},
        timing_s={"eliashberg_tc_with_convergence_check": t_el, "gap_and_pade": t_gap},
        curves={"omega_meV": w / _MEV, "alpha2F": spectrum.sample(w), "lambda_accumulated": spectrum.accumulated_lambda(w)},
    )


@dataclass(frozen=True)
class MuStarSweep(Result):
    """Eliashberg T_c [K] for each mu* [1] (no per-point convergence check; the cutoff is fixed)."""

    mu_star: list
    tc_eliashberg_K: list
    tc_allen_dynes_K: list
    tc_mcmillan_K: list
    seconds: float


def mu_star_sweep(spectrum: SpectralFunction, mu_star_values, *, cutoff=None, mu_star_cutoff=None) -> MuStarSweep:
    """T_c over up to MAX_SWEEP_POINTS values of mu* (each in [0, 0.5])."""
    mus = require_range("mu_star_values", mu_star_values, low=0.0, high=0.5).ravel()
    if not 1 <= mus.size <= MAX_SWEEP_POINTS:
        raise InputError(f"mu_star_values must have 1 to {MAX_SWEEP_POINTS} values, got {mus.size}")
    t0 = time.perf_counter()
    tcs = [eliashberg_tc(spectrum, float(m), cutoff=cutoff, mu_star_cutoff=mu_star_cutoff, check_convergence=False).tc
           for m in mus]
    seconds = time.perf_counter() - t0
    return MuStarSweep(mus, np.array(tcs), np.array([spectrum.tc_allen_dynes(float(m)) for m in mus]),
                       np.array([spectrum.tc_allen_dynes(float(m), corrections=False) for m in mus]), seconds)


# --- the materials table -------------------------------------------------------------------------

@dataclass(frozen=True)
class CouplingTable(Result):
    """The standard theory on the packaged coupling-parameter table (rows: CouplingRow)."""

    mu_star_band: list
    rows: list
    notes: list


def coupling_table(*, mu_star_band=DEFAULT_MU_STAR_BAND, material: str | None = None) -> CouplingTable:
    """Measured T_c beside McMillan, Allen-Dynes and Eliashberg over a mu* band (see
    :func:`etunnel.validation.coupling_comparison.compare_coupling_records`)."""
    rows = compare_coupling_records(mu_star_band=mu_star_band, material=material)
    lo, hi = (float(v) for v in np.ravel(mu_star_band))
    notes = [f"mu* band {lo:g}-{hi:g}; a T_c band is [value at mu* = {hi:g}, value at mu* = {lo:g}]", *COMPARISON_NOTES]
    return CouplingTable(mu_star_band=[lo, hi], rows=rows, notes=notes)
