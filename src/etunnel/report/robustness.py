r"""Do the calibration verdicts survive the uncertainty in the model's own inputs? Two report sections.

For a small fixed set of materials with measured :math:`T_c(p)`
(:data:`MATERIALS`), this runs a bounded in-memory Monte Carlo through the
sweep machinery (:func:`etunnel.conditions.parameter_sweep.parse_spec`,
:func:`~etunnel.conditions.parameter_sweep.prepare` and
:func:`~etunnel.conditions.parameter_sweep.evaluate_cell_block`, hence the
state rule :func:`etunnel.conditions.diagram.classify_cells`, eqs. 11 and 38
of the paper) over the sub-model parameters, in two ensembles:

``stated``
    The paper's stated parameters with stated uniform ranges around them
    (:data:`STATED_RANGES`; the paper gives no uncertainty, so these ranges
    are this report's assumption, printed beside the numbers).
``free fit``
    The free fit of :func:`etunnel.conditions.calibration.fit_tc_pressure`
    (``c0, n, beta`` as in the calibration section): its values and
    covariance (a multivariate normal, ``[parameters.correlated]``) where the
    covariance is finite; otherwise uniform over +-:data:`RELATIVE_RANGE` of
    each fitted value (the reason the covariance is missing is printed).

Both ensembles also draw ``B0'`` (the equation of state's pressure
derivative, an assumption of 4 by default) uniformly in :data:`B0_PRIME_RANGE`.

**Verdicts at the measured points.** A parameter draw *reproduces* a measured
point :math:`(p_i, T_i \pm \sigma_i)` when the state rule gives
superconductor at :math:`T_i - 3\sigma_i` (or that temperature is <= 0) and
not superconductor at :math:`T_i + 3\sigma_i`: the model's :math:`T_c(p_i)`
then lies within :math:`3\sigma_i`, the criterion of the calibration section,
whenever the superconducting cells at :math:`p_i` are those below
:math:`T_c`, as the sub-models make them for ``beta >= 0``. A verdict
*survives* when at least :data:`SURVIVAL` of the draws agree with it.

**Band.** The free-fit ensemble on a (T, p) grid gives the grid
:math:`T_c(p)` (highest superconducting grid temperature; resolution the
grid step) and its 5-95 % band over draws; at the measured pressures themselves, the exact T_c of every
free-fit draw (:func:`etunnel.conditions.fit_uncertainty.draw_critical_temperatures`) gives
``tc_band_at_measured_points`` in findings.json, the band the validation scorecard shows.

The draws and the kernels are :mod:`etunnel.conditions.fit_uncertainty`, shared with the validation
scorecard (:mod:`etunnel.validation.verdict_robustness`).

**Conventions.** Both verdicts recomputed, with the stated and with the
fitted parameters held fixed, under every pair of radius conventions
(:mod:`etunnel.materials.radii`) for which the element has both radii. The
free fit is not redone per pair (a fit takes up to seconds; the section must
stay within about :data:`CPU_BUDGET_S` of CPU): the table answers whether the
paper-convention fit still reproduces the data when only the convention
changes.

Sizes are fixed here (no user input): :data:`SAMPLES` draws, at most
:data:`MAX_CELLS_PER_MATERIAL` state evaluations per material and ensemble.
"""

from __future__ import annotations

import math

import numpy as np

from etunnel.conditions.fit_uncertainty import (
    B0_PRIME_RANGE,
    RELATIVE_RANGE,
    b0_prime_draws,
    ensemble_parameters,
    SEED,
    SURVIVAL,
    ZERO_VALUE_RANGE,
    PointEnsemble,
    draw_critical_temperatures,
    ensemble_spec,
    fit_parameter_draws,
    grid_tc,
    point_states,
    tc_band,
)
from etunnel.report.findings import Section

__all__ = ["B0_PRIME_RANGE", "RELATIVE_RANGE", "SEED", "SURVIVAL", "ZERO_VALUE_RANGE", "PointEnsemble",
           "analyse_material", "robustness_sections"]

#: Materials of the packaged T_c(p) table examined (element symbols; phases merged).
MATERIALS = ("Hg", "Pb", "Y")
#: Parameter draws per material and ensemble.
SAMPLES = 64
#: Stated uniform ranges around the paper's stated parameters (c0 = 0.1, n = 1, beta = 0 /K).
STATED_RANGES = {"c0": (0.08, 0.12), "n": (0.8, 1.2), "beta": (0.0, 1e-5)}
#: Grid of the T_c(p) band: temperatures from 0 to BAND_T_FACTOR x the highest measured T_c, pressures
#: from 0 to BAND_P_FACTOR x the highest measured pressure.
BAND_TEMPERATURES, BAND_PRESSURES, BAND_T_FACTOR, BAND_P_FACTOR = 25, 7, 2.0, 1.2
#: Cap on state evaluations per material and ensemble (points and band together).
MAX_CELLS_PER_MATERIAL = 40_000
#: Intended CPU budget of both sections [s].
CPU_BUDGET_S = 10.0

_STATES = (2, 1, 0, -1, -2)
_SHORT = {2: "sc", 1: "cond", 0: "ins", -1: "outside", -2: "no data"}

# the computation lives in etunnel.conditions.fit_uncertainty (shared with the validation scorecard)
_spec, _points, _grid_tc, _free_parameters = ensemble_spec, point_states, grid_tc, fit_parameter_draws


def _fraction(states, code) -> float:
    return float(np.mean(states == code)) if states.size else math.nan


def _verdict_survival(label: str, agree: float) -> str:
    return f"{label}: {'survives' if agree >= SURVIVAL else 'does not survive'} ({agree:.0%} of draws agree)"


def analyse_material(name: str, rows) -> dict:
    """Both ensembles, the band and the convention table for one material; JSON-ready (SI units named)."""
    from etunnel.conditions.calibration import T_MAX, fit_tc_pressure, free_vary
    from etunnel.conditions.parameter_sweep import evaluate_cell_block, prepare
    from etunnel.conditions.submodels import material_conditions
    from etunnel.materials.radii import RADIUS_CONVENTIONS

    pressure = rows["pressure_Pa"].to_numpy(float)
    m = material_conditions(name)
    fit = fit_tc_pressure(m, pressure, rows["tc_K"].to_numpy(float), rows["sigma_K"].to_numpy(float),
                          vary=free_vary(m, len(rows)))
    tc, sigma = fit.tc, fit.sigma
    n = tc.size
    t_top = BAND_T_FACTOR * float(tc.max()) if tc.max() > 0 else 10.0
    p_top = BAND_P_FACTOR * float(pressure.max()) if pressure.max() > 0 else 1e9
    t_spec_top = max(t_top, float(np.max(tc + 3 * sigma)))
    stated_params = {k: {"distribution": "uniform", "low": lo, "high": hi} for k, (lo, hi) in STATED_RANGES.items()
                     if k in m.model_parameters}
    stated_params["B0_prime"] = b0_prime_draws()
    free_params, free_source = ensemble_parameters(fit)
    cells = SAMPLES * (3 * n * n + BAND_TEMPERATURES * BAND_PRESSURES)
    if cells > MAX_CELLS_PER_MATERIAL:
        raise ValueError(f"{name}: {cells} state evaluations exceed MAX_CELLS_PER_MATERIAL = {MAX_CELLS_PER_MATERIAL}")

    stated_in = prepare(_spec(name, t_spec_top, p_top, stated_params, SAMPLES))
    free_in = prepare(_spec(name, t_spec_top, p_top, free_params, SAMPLES))
    stated = _points(stated_in, 0, SAMPLES, tc, sigma, pressure)
    free = _points(free_in, 0, SAMPLES, tc, sigma, pressure)
    T_band = np.linspace(0.0, t_top, BAND_TEMPERATURES)
    p_band = np.linspace(0.0, p_top, BAND_PRESSURES)
    free_tc, free_censored = draw_critical_temperatures(free_in, pressure, t_max=T_MAX)
    band_state, _, _ = evaluate_cell_block(free_in, 0, 0, np.arange(SAMPLES), T_band, p_band, with_D=False)
    band_tc = _grid_tc(band_state, T_band)
    band = []
    for j, q in enumerate(p_band):
        col = band_tc[:, j]
        finite = col[np.isfinite(col)]
        band.append({"pressure_GPa": q / 1e9, "p_superconducting": float(np.mean(~np.isnan(col))),
                     "p_above_window": float(np.mean(np.isinf(col))),
                     "tc_p05_K": float(np.quantile(finite, 0.05)) if finite.size == col.size else None,
                     "tc_median_K": float(np.median(finite)) if finite.size == col.size else None,
                     "tc_p95_K": float(np.quantile(finite, 0.95)) if finite.size == col.size else None})

    stated_contradicted = "contradicted by measurement" in fit.start_verdict
    fit_verdict = "reproduces" if (not fit.failed and fit.n_reproduced == fit.n) else "fails" if fit.failed else "poor"
    p_stated_ok = float(stated.reproduces.mean())
    p_free_ok = float(free.reproduces.mean())
    stated_agree = 1 - p_stated_ok if stated_contradicted else p_stated_ok
    free_agree = p_free_ok if fit_verdict == "reproduces" else 1 - p_free_ok

    # convention robustness: fixed parameter sets under every (R_v, R_b) convention pair
    pairs = [f"{a}/{b}" if a != b else a for a in RADIUS_CONVENTIONS for b in RADIUS_CONVENTIONS]
    stated_fixed = {k: float(m.params[k]) for k in STATED_RANGES if k in m.model_parameters}
    fitted_fixed = {k: float(v) for k, v in fit.values.items()}
    by_convention = {}
    for label, fixed in (("stated", stated_fixed), ("fitted", fitted_fixed)):
        spec = _spec(name, t_spec_top, p_top, fixed, 1, conventions=pairs)
        inputs = prepare(spec)
        for ci, pair in enumerate(spec.convention_labels):
            entry = by_convention.setdefault(pair, {})
            if inputs.conditions[0][ci] is None:
                entry["missing"] = inputs.missing[0][ci]
                continue
            ens = _points(inputs, ci, 1, tc, sigma, pressure)
            ok = bool(ens.reproduces[0])
            entry[label] = ("consistent" if ok else "contradicted") if label == "stated" else \
                ("reproduces" if ok else "does not reproduce")
            if label == "fitted":
                entry["states_at_measured_points"] = [_SHORT[int(s)] for s in ens.at_tc[0]]
    return {
        "material": name, "n": n, "pressure_GPa": (pressure / 1e9).tolist(), "tc_K": tc.tolist(),
        "sigma_K": sigma.tolist(), "samples": SAMPLES, "seed": SEED,
        "stated": {"verdict": "contradicted" if stated_contradicted else "consistent",
                   "draws": {k: v for k, v in stated_params.items()}, "p_draw_reproduces_all_points": p_stated_ok,
                   "agreeing_fraction": stated_agree, "survives": stated_agree >= SURVIVAL,
                   "state_probability_at_measured_points": _probabilities(stated.at_tc)},
        "free_fit": {"verdict": fit_verdict, "varied": list(fit.varied), "values": dict(fit.values),
                     "covariance": None if not np.all(np.isfinite(fit.covariance)) else fit.covariance.tolist(),
                     "covariance_reason_null": fit.covariance_reason or None, "draws_from": free_source,
                     "p_draw_reproduces_all_points": p_free_ok, "agreeing_fraction": free_agree,
                     "survives": free_agree >= SURVIVAL,
                     "tc_band_at_measured_points": tc_band(free_tc, free_censored, pressure),
                     "state_probability_at_measured_points": _probabilities(free.at_tc)},
        "band": band, "band_grid": {"temperature_K": [0.0, t_top, BAND_TEMPERATURES],
                                    "pressure_GPa": [0.0, p_top / 1e9, BAND_PRESSURES],
                                    "resolution_K": t_top / (BAND_TEMPERATURES - 1)},
        "conventions": by_convention, "cells_evaluated": cells,
    }


def _probabilities(states) -> list[dict]:
    """Per measured point: the fraction of draws in each state that occurs."""
    from etunnel.conditions.parameter_sweep import SWEEP_STATE_NAMES

    return [{SWEEP_STATE_NAMES[c]: _fraction(states[:, i], c) for c in _STATES if np.any(states[:, i] == c)}
            for i in range(states.shape[1])]


def _state_words(probabilities: dict) -> str:
    return ", ".join(f"{k} {v:.0%}" for k, v in probabilities.items())


def robustness_sections(path=None, materials=MATERIALS) -> list[Section]:
    """The two report sections: verdicts under parameter uncertainty, and under every radius convention pair.

    ``path``: T_c(p) CSV (default the packaged table). Materials without rows are skipped.
    """
    from etunnel.conditions.calibration import load_tc_pressure, select_material
    from etunnel.materials.radii import RADIUS_CONVENTIONS

    table = load_tc_pressure(path)
    results = []
    for name in materials:
        rows = select_material(table, name)
        if len(rows):
            results.append(analyse_material(name, rows))

    body = []
    for r in results:
        for i in range(r["n"]):
            body.append([r["material"] if i == 0 else "", f"{r['pressure_GPa'][i]:.4g}",
                         f"{r['tc_K'][i]:.4g} +- {r['sigma_K'][i]:.2g}",
                         _state_words(r["stated"]["state_probability_at_measured_points"][i]),
                         _state_words(r["free_fit"]["state_probability_at_measured_points"][i])])
    paragraphs = [
        "Does a verdict of the calibration section survive the uncertainty in the model's own inputs? For "
        f"{', '.join(r['material'] for r in results)} ({SAMPLES} parameter draws each, seed {SEED}, through the sweep "
        "machinery's state rule, etunnel.report.robustness), two ensembles: the paper's stated parameters "
        f"with stated uniform ranges (assumption: c0 in [{STATED_RANGES['c0'][0]}, {STATED_RANGES['c0'][1]}], "
        f"n in [{STATED_RANGES['n'][0]}, {STATED_RANGES['n'][1]}], beta in [0, {STATED_RANGES['beta'][1]:g}] 1/K), "
        "and the free fit's values with its covariance where finite, else uniform over "
        f"+-{RELATIVE_RANGE:.0%} of each fitted value (assumption). Both draw B0' uniformly in "
        f"[{B0_PRIME_RANGE[0]}, {B0_PRIME_RANGE[1]}] (default assumption 4). A draw reproduces a point when it is "
        "superconducting at T_c - 3 sigma and not at T_c + 3 sigma; a verdict survives when at least "
        f"{SURVIVAL:.0%} of the draws agree with it. The table gives the probability of each state at the measured "
        "(T_c, p) points themselves (a model through the point sits on its boundary).",
    ]
    for r in results:
        s, f = r["stated"], r["free_fit"]
        band = "; ".join(
            f"{b['pressure_GPa']:.3g} GPa: " + (f"{b['tc_median_K']:.3g} [{b['tc_p05_K']:.3g}, {b['tc_p95_K']:.3g}] K"
                                                if b["tc_median_K"] is not None else
                                                f"superconducting in {b['p_superconducting']:.0%} of draws"
                                                + (f", {b['p_above_window']:.0%} above the window" if b["p_above_window"] else ""))
            for b in r["band"])
        paragraphs.append(
            f"{r['material']} ({r['n']} points): "
            + _verdict_survival(f"stated parameters {s['verdict']}", s["agreeing_fraction"]) + "; "
            + _verdict_survival(f"free fit {f['verdict']}", f["agreeing_fraction"])
            + f". Free-fit draws: {f['draws_from']}. Grid T_c(p), median [5 %, 95 %] over free-fit draws "
            f"(resolution {r['band_grid']['resolution_K']:.3g} K): {band}.")
    points = Section("Do the calibration verdicts survive parameter uncertainty?", paragraphs,
                     ["material", "p [GPa]", "measured T_c [K]", "states at (T_c, p): stated ensemble",
                      "states at (T_c, p): free-fit ensemble"], body,
                     {"materials": results, "survival_threshold": SURVIVAL})

    conv_body = []
    for r in results:
        have = {k: v for k, v in r["conventions"].items() if "missing" not in v}
        contradicted = [k for k, v in have.items() if v.get("stated") == "contradicted"]
        reproduces = [k for k, v in have.items() if v.get("fitted") == "reproduces"]
        paper = r["conventions"].get("paper", {})
        conv_body.append([r["material"], str(len(have)), str(len(r["conventions"]) - len(have)),
                          f"{paper.get('stated', 'no data')} / {paper.get('fitted', 'no data')}",
                          f"{len(contradicted)} of {len(have)}",
                          f"{len(reproduces)} of {len(have)}: {', '.join(reproduces) or 'none'}"])
    conventions = Section(
        "Do the calibration verdicts survive a change of radius convention?",
        [f"Each verdict recomputed under every (R_v, R_b) radius convention pair for which the element has both radii "
         f"({len(RADIUS_CONVENTIONS) ** 2} pairs of the {len(RADIUS_CONVENTIONS)} conventions {', '.join(RADIUS_CONVENTIONS)}; "
         "'a/b' = R_v from a, R_b from b), with the parameters held fixed: the stated "
         "ones, and the free fit's values found under the paper's convention. The fit is not redone per pair (it "
         "takes up to seconds; the report keeps this section to seconds), so the last column asks whether the "
         "paper-convention fit still reproduces the data when only the convention changes. Same 3-sigma criterion "
         "as above. Pairs per material and their states at each measured point: findings.json."],
        ["material", "pairs with data", "pairs without", "paper convention: stated / fitted",
         "stated parameters contradicted", "fitted parameters reproduce the data"], conv_body,
        {"materials": [{"material": r["material"], "conventions": r["conventions"]} for r in results]})
    return [points, conventions]
