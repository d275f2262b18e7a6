"""The standard theory against measured T_c on the packaged coupling-parameter table.

For every record of ``etunnel/data/coupling_parameters.csv``: McMillan, Allen-Dynes and Eliashberg
T_c over a mu* band where the sourced inputs allow, the record's published first-principles
prediction, the omega_log an Einstein spectrum would need to give the measured T_c, and the tunnel
model's verdict where it has inputs. Missing inputs are named, never filled in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from etunnel.checks import InputError, require_range
from etunnel.constants import BOLTZMANN_CONSTANT, ELECTRONVOLT
from etunnel.materials.coupling_parameters import CouplingRecord, coupling_materials, load_coupling_parameters
from etunnel.standard.eliashberg import eliashberg_tc
from etunnel.standard.spectral_function import einstein_spectrum, two_mode_surrogate
from etunnel.standard.strong_coupling import allen_dynes_tc, mcmillan_tc

_MEV = 1e-3 * ELECTRONVOLT
#: The mu* band of the material table.
DEFAULT_MU_STAR_BAND: tuple[float, float] = (0.10, 0.13)


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


COMPARISON_NOTES = [
    "McMillan uses theta_D/1.45 where a Debye temperature is given, else omega_log/1.2",
    "Eliashberg on a two-Einstein-mode spectrum with the row's lambda, omega_log, omega_2 (not the full alpha2F); "
    "mu* at 10 x the highest mode",
    "omega_log_needed_*: the omega_log an Einstein spectrum of the row's lambda needs to give the measured T_c "
    "(an inference, not a prediction)",
    "tc_published_theory_K: the source's own first-principles prediction (method in published_theory_method)",
]


def compare_coupling_records(*, mu_star_band=DEFAULT_MU_STAR_BAND, material: str | None = None) -> list[CouplingRow]:
    """Rows of the comparison for the whole table, or one ``material`` (case-insensitive name from the table).

    T_c bands are [low, high] in K (high at the low mu*); a band is ``None`` when an input is missing.
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
    return [_row(r, [float(band[0]), float(band[1])]) for r in records]
