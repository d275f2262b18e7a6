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
from etunnel.materials.coupling_parameters import CouplingRecord, coupling_materials, load_coupling_parameters
from etunnel.services.base import Result
from etunnel.standard.eliashberg import (
    DEFAULT_CUTOFF_FACTOR,
    DEFAULT_MIN_FREQUENCIES,
    eliashberg_tc,
    real_axis_gap,
    solve_gap,
)
from etunnel.standard.spectral_function import SpectralFunction, einstein_spectrum
from etunnel.standard.strong_coupling import allen_dynes_tc, mcmillan_tc

_MEV = 1e-3 * ELECTRONVOLT
#: Most mu* values one sweep may take.
MAX_SWEEP_POINTS: int = 1000
#: The mu* band of the material table.
DEFAULT_MU_STAR_BAND: tuple[float, float] = (0.10, 0.13)
#: Gap solved at this fraction of T_c (BCS: Delta(0.2 T_c) = Delta_0 to 2e-4).
GAP_TEMPERATURE_FRACTION: float = 0.2

ALLEN_DYNES = "Allen & Dynes, Phys. Rev. B 12, 905 (1975), eqs. 34-38"
MCMILLAN = "McMillan, Phys. Rev. 167, 331 (1968), eq. 18 with the Allen-Dynes prefactor omega_log/1.2"
MCMILLAN_THETA = "McMillan, Phys. Rev. 167, 331 (1968), eq. 18 (theta_D/1.45)"
ELIASHBERG = "isotropic Eliashberg equations, Matsubara axis (Allen & Mitrovic 1982; Carbotte, RMP 62, 1027 (1990))"
CARBOTTE = "Carbotte, Rev. Mod. Phys. 62, 1027 (1990), eq. 4.1: 3.53[1 + 12.5 (T_c/omega_log)^2 ln(omega_log/2T_c)]"


def carbotte_gap_ratio(tc_over_omega_log):
    """Carbotte's empirical strong-coupling gap ratio 2 Delta_0/k_B T_c [1] (RMP 62, 1027 (1990), eq. 4.1).

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
    gap_result, t_gap = None, 0.0
    if gap and math.isfinite(el.tc):
        t1 = time.perf_counter()
        sol = solve_gap(spectrum, GAP_TEMPERATURE_FRACTION * el.tc, mu, cutoff=cutoff, mu_star_cutoff=mu_star_cutoff,
                        min_frequencies=max(min_frequencies, 128))
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

def _band(values):
    """[low, high] of two numbers, None where missing."""
    vals = [v for v in values if v is not None and math.isfinite(v)]
    return [min(vals), max(vals)] if len(vals) == len(values) else None


@dataclass(frozen=True)
class CouplingRow:
    """One material row: measured T_c beside every standard-theory T_c (K), with sources and what is missing."""

    material: str
    kind: str
    phase: str
    pressure_theory_GPa: float | None
    pressure_measured_GPa: float | None
    lambda_ep: float | None
    omega_log_K: float | None
    omega_2_K: float | None
    theta_D_K: float | None
    mu_star_sourced: float | None
    tc_measured_K: float | None
    tc_mcmillan_K: list | None
    tc_allen_dynes_K: list | None
    tc_eliashberg_K: list | None
    tc_published_theory_K: list | None
    published_theory_method: str
    omega_log_needed_allen_dynes_K: list | None
    omega_log_needed_eliashberg_K: list | None
    tunnel_model: str
    missing: list
    sources: dict


@dataclass(frozen=True)
class CouplingTable(Result):
    """The standard theory on the packaged coupling-parameter table."""

    mu_star_band: list
    rows: list
    notes: list


def _tunnel_verdict(rec: CouplingRecord) -> str:
    if rec.kind != "element":
        return ("no inputs: the tunnel model needs R_v and R_b, which etunnel defines for elements only "
                "(the paper gives no rule for a compound's radii)")
    from etunnel.materials.radii import radii
    from etunnel.model import classify

    pair = radii(rec.material, rv_convention="paper", rb_convention="paper")
    if not pair.complete:
        return "no inputs: R_v or R_b missing for this element"
    R_v, R_b = float(pair.R_v.value), float(pair.R_b.value)
    if R_v > R_b:
        return f"not evaluated: R_v = {R_v:.4g} m exceeds R_b = {R_b:.4g} m"
    return (f"{classify(R_v, R_b, 0.1)} at c = 0.1 (paper's Table 1 c; R_v covalent {R_v * 1e12:.0f} pm, "
            f"R_b van der Waals {R_b * 1e12:.0f} pm; it predicts no T_c)")


def _einstein_scale(lam: float, mu: float) -> float:
    """Eliashberg T_c / omega_E for one Einstein mode (mu* at 10 omega_E): the problem is scale-free."""
    w = 100 * _MEV
    return eliashberg_tc(einstein_spectrum([w], [lam]), mu, check_convergence=False).tc / (w / BOLTZMANN_CONSTANT)


def _row(rec: CouplingRecord, band) -> CouplingRow:
    missing = []
    lam = rec.lambda_ep
    mcm = ad = el = None
    if lam is not None and rec.theta_D_K is not None:
        mcm = _band([float(mcmillan_tc(rec.theta_D_K, lam, m)) for m in band])
    if lam is not None and rec.omega_log_K is not None:
        w2 = rec.omega_2_K
        ad = _band([float(allen_dynes_tc(rec.omega_log_K, lam, m, omega_2=w2)) for m in band])
        if mcm is None:
            mcm = _band([float(allen_dynes_tc(rec.omega_log_K, lam, m)) / float(np.cbrt(1 + (lam / (2.46 * (1 + 3.8 * m))) ** 1.5))
                         for m in band])
        from etunnel.standard.spectral_function import two_mode_surrogate

        s = two_mode_surrogate(lam, rec.omega_log_K * BOLTZMANN_CONSTANT, (w2 or rec.omega_log_K) * BOLTZMANN_CONSTANT)
        el = _band([eliashberg_tc(s, m, check_convergence=False).tc for m in band])
    else:
        need = [n for n, v in (("lambda", lam), ("omega_log", rec.omega_log_K)) if v is None]
        missing.append(f"Allen-Dynes and Eliashberg T_c not computed: no sourced {', '.join(need)}")
        if mcm is None:
            missing.append("McMillan T_c not computed: needs lambda with omega_log or theta_D")
    need_ad = need_el = None
    if lam is not None and rec.tc_measured_K is not None:
        # omega_log for which an Einstein spectrum of this lambda reproduces the measured T_c (an inference).
        ad_unit = [float(allen_dynes_tc(1.0, lam, m)) for m in band]
        need_ad = _band([rec.tc_measured_K / u if u > 0 else math.nan for u in ad_unit])
        need_el = _band([rec.tc_measured_K / _einstein_scale(lam, m) for m in band])
    published = None
    if rec.tc_theory_low_K is not None:
        published = [rec.tc_theory_low_K, rec.tc_theory_high_K if rec.tc_theory_high_K is not None else rec.tc_theory_low_K]
    return CouplingRow(
        material=rec.material, kind=rec.kind, phase=rec.phase, pressure_theory_GPa=rec.pressure_theory_GPa,
        pressure_measured_GPa=rec.pressure_measured_GPa, lambda_ep=lam, omega_log_K=rec.omega_log_K,
        omega_2_K=rec.omega_2_K, theta_D_K=rec.theta_D_K, mu_star_sourced=rec.mu_star, tc_measured_K=rec.tc_measured_K,
        tc_mcmillan_K=mcm, tc_allen_dynes_K=ad, tc_eliashberg_K=el, tc_published_theory_K=published,
        published_theory_method=rec.theory_method, omega_log_needed_allen_dynes_K=need_ad,
        omega_log_needed_eliashberg_K=need_el, tunnel_model=_tunnel_verdict(rec), missing=missing,
        sources={"coupling": rec.source_coupling, "published_theory": rec.source_theory,
                 "tc_measured": rec.source_tc_measured, "notes": rec.notes},
    )


def coupling_table(*, mu_star_band=DEFAULT_MU_STAR_BAND, material: str | None = None) -> CouplingTable:
    """Measured T_c beside McMillan, Allen-Dynes and Eliashberg over a mu* band, for the packaged table.

    ``material`` restricts the table to one material (a name from the table, case-insensitive).
    T_c bands are [low, high] in K (high at the low mu*); a band is ``None`` (missing) when an input is
    not in the table, and ``missing`` names it.
    """
    band = require_range("mu_star_band", mu_star_band, low=0.0, high=0.5).ravel()
    if band.size != 2 or not band[0] <= band[1]:
        raise InputError(f"mu_star_band must be two values low <= high in [0, 0.5], got {list(band)}")
    records = load_coupling_parameters()
    if material is not None:
        if not isinstance(material, str):
            raise TypeError(f"material must be a string, got {type(material).__name__}")
        names = {m.lower(): m for m in coupling_materials()}
        if material.strip().lower() not in names:
            raise InputError(f"material must be one of {', '.join(coupling_materials())} (etunnel/data/"
                             f"coupling_parameters.csv), got {material!r}")
        records = [r for r in records if r.material == names[material.strip().lower()]]
    rows = [_row(r, [float(band[0]), float(band[1])]) for r in records]
    notes = [
        f"mu* band {band[0]:g}-{band[1]:g}; a T_c band is [value at mu* = {band[1]:g}, value at mu* = {band[0]:g}]",
        "McMillan uses theta_D/1.45 where a Debye temperature is given, else omega_log/1.2",
        "Eliashberg on a two-Einstein-mode spectrum with the row's lambda, omega_log, omega_2 (not the full alpha2F); "
        "mu* at 10 x the highest mode",
        "omega_log_needed_*: the omega_log an Einstein spectrum of the row's lambda needs to give the measured T_c "
        "(an inference, not a prediction)",
        "tc_published_theory_K: the source's own first-principles prediction (method in published_theory_method)",
    ]
    return CouplingTable(mu_star_band=[float(band[0]), float(band[1])], rows=rows, notes=notes)
