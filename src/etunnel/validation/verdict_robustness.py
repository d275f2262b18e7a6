r"""Does each scorecard verdict survive the uncertainty in the model's own inputs?

:func:`attach_robustness` gives every :class:`~etunnel.validation.claims.ScoreRow`
a ``robustness`` object with two parts, each with ``method``, ``fraction``
(share of draws or conventions whose recomputed verdict equals the row's),
``survives`` (``fraction >= SURVIVAL``; null when not computable, with
``reason``):

``parameters`` (rows whose verdict depends on fitted sub-model parameters: ``tc_pressure``)
    Monte Carlo over each scored material's T_c(p) fit, the row's own model
    (:func:`etunnel.conditions.calibration.fit_tc_pressure` on all the
    material's points with :func:`~etunnel.conditions.calibration.default_vary`,
    as :func:`~etunnel.conditions.calibration.leave_one_out` fits): parameters
    drawn from the fit's covariance where finite, else uniform around the fitted
    values, and B0' drawn uniformly
    (:func:`etunnel.conditions.fit_uncertainty.ensemble_parameters`, the
    reproduction report's ensemble; fixed seed
    :data:`~etunnel.conditions.fit_uncertainty.SEED`). Draw ``d`` moves every
    held-out prediction of a material by the change of the material's model
    T_c at that pressure, :math:`T_c(p_i;\theta_d) - T_c(p_i;\hat\theta)` (an
    undefined T_c enters as 0 K, a censored one at the search limit, as in the
    row); the row's headline (RMSE difference, its bootstrap interval and
    permutation p, with the row's resamples and seed) and its verdict are
    recomputed with every material's draw ``d`` at once (the row's
    ``fraction``). Per material: the 5-50-95 % band of the model T_c at the
    measured pressures, and the fraction of draws under which the row's
    verdict holds when only that material's parameters are drawn.

``conventions`` (rows whose model takes a radius convention)
    The verdict under each radius convention pair of
    :func:`etunnel.validation.claims.variant_pairs`. For the D and state-rule
    rows it is read from the row's own variants: the verdict rule applied to
    that pair's headline (c, lattice model) with that pair's c x lattice
    variants as the variant set. For ``tc_pressure`` the fitted parameters are
    held and only the convention changes; the held-out predictions move by the
    change of the fitted curve (the fits are not redone per pair, which would
    cost 21 x the row).

Rows that use data only (no model input) get ``survives`` null with the reason.
"""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np

from etunnel.conditions.fit_uncertainty import DEFAULT_DRAWS, MAX_DRAWS, SEED, SURVIVAL
from etunnel.validation import claims as cl
from etunnel.validation import stats as st

__all__ = ["DEFAULT_DRAWS", "MAX_DRAWS", "SEED", "SURVIVAL", "attach_robustness", "convention_verdicts",
           "tc_pressure_robustness"]

#: Headline (c, lattice model) and claimed direction of each row whose verdict is read from radius-convention variants.
CONVENTION_ROWS = {
    "resistivity_all_elements": (cl.TABLE1_VARIANT[2:], +1),
    "resistivity_table1": (cl.TABLE1_VARIANT[2:], +1),
    "state_rule": (cl.STATE_RULE_VARIANT[2:], +1),
}
#: Why a row has no parameter Monte Carlo.
NO_PARAMETERS = {
    "resistivity_all_elements": "D (eq. 37) at ambient conditions uses no fitted sub-model parameter; c is a variant axis",
    "resistivity_table1": "D (eq. 37) at ambient conditions uses no fitted sub-model parameter; c is a variant axis",
    "state_rule": "the rule at ambient conditions uses no fitted sub-model parameter; c is a variant axis",
}
_DATA_ONLY = "the verdict uses data only (no model input to vary)"
_ESTIMATE_FIELDS = tuple(f.name for f in fields(st.Estimate))


def main_verdict(text: str) -> str:
    """The verdict without its qualifier: ``'not supported; baseline as good or better' -> 'not supported'``."""
    return str(text).split(";")[0].strip()


def _same(verdict: str | None, row: cl.ScoreRow) -> bool:
    return verdict is not None and main_verdict(verdict) == main_verdict(row.verdict)


def _missing(method: str, reason: str, **extra) -> dict:
    return {"method": method, "fraction": None, "survives": None, "reason": reason, **extra}


def _summary(agree: int, total: int) -> dict:
    fraction = agree / total if total else None
    return {"fraction": fraction, "survives": None if fraction is None else bool(fraction >= SURVIVAL),
            "reason": None if total else "no draw or convention could be evaluated"}


def _estimate(record: dict) -> st.Estimate:
    return st.Estimate(**{k: record[k] for k in _ESTIMATE_FIELDS if k in record})


def convention_verdicts(row: cl.ScoreRow, headline: tuple, direction: int) -> dict:
    """The row's verdict under each radius convention pair of its variants (see the module notes)."""
    method = ("verdict rule of etunnel.validation.claims applied per radius convention pair: that pair's "
              f"headline (c = {headline[0]}, terms = {headline[1]}) against that pair's c x lattice variants")
    if row.effect is None:
        return _missing(method, "row not measured")
    pairs: dict[str, list] = {}
    for rec in row.variants:
        if rec.get("rv_convention") == "printed":
            continue  # the paper's printed radii: not a convention
        key = rec["rv_convention"] if rec["rv_convention"] == rec["rb_convention"] else \
            f"{rec['rv_convention']}/{rec['rb_convention']}"
        pairs.setdefault(key, []).append(rec)
    verdicts = {}
    for key, recs in pairs.items():
        head = next((r for r in recs if (r["c"], str(r["terms"])) == (headline[0], str(headline[1]))), None)
        if head is None or not math.isfinite(head["value"]):
            verdicts[key] = None
            continue
        verdicts[key] = cl.verdict(_estimate(head), [_estimate(r) for r in recs], direction, row.baseline_effect)
    defined = [v for v in verdicts.values() if v is not None]
    agree = sum(_same(v, row) for v in defined)
    return {"method": method, "conventions": len(verdicts), "verdicts": verdicts,
            "differing": {k: v for k, v in verdicts.items() if v is not None and not _same(v, row)},
            "headline_undefined": [k for k, v in verdicts.items() if v is None], **_summary(agree, len(defined))}


def _as_prediction(tc: np.ndarray) -> np.ndarray:
    """A model T_c as the row scores it: undefined (NaN) enters as 0 K; censored values stay at the limit."""
    return np.where(np.isfinite(tc), tc, 0.0)


def _recompute(row: cl.ScoreRow, errors: dict, shifts: dict) -> str:
    """The row's verdict with each material's held-out model errors moved by ``shifts[material]``."""
    m = np.concatenate([e["model_errors"] + shifts.get(k, 0.0) for k, e in errors.items()])
    b = np.concatenate([e["baseline_errors"] for e in errors.values()])
    ok = np.isfinite(m) & np.isfinite(b)
    est = cl.tc_pressure_estimate(m[ok], b[ok], n_resamples=row.extra["n_resamples"], seed=row.extra["seed"])
    return cl.verdict(est, [est], -1)


def tc_pressure_robustness(row: cl.ScoreRow, *, draws: int = DEFAULT_DRAWS, seed: int = SEED, vary=None,
                           progress=None) -> dict:
    """``parameters`` and ``conventions`` parts for the T_c(p) row (method in the module notes).

    ``vary``: a function of the material giving the fitted parameters; default
    :func:`~etunnel.conditions.calibration.default_vary`, the row's own model.
    """
    from etunnel.checks import InputError
    from etunnel.conditions.calibration import T_MAX, default_vary, fit_tc_pressure
    from etunnel.conditions.diagram import critical_temperature
    from etunnel.conditions.fit_uncertainty import draw_critical_temperatures, ensemble_parameters, ensemble_spec, tc_band
    from etunnel.conditions.parameter_sweep import prepare
    from etunnel.conditions.submodels import material_conditions

    method = ("Monte Carlo over each material's T_c(p) fit (the row's model: n or k and beta or gamma fitted, c0 "
              "stated): fit covariance where finite, else uniform +-20 % of each fitted value; B0' uniform in "
              "[3.5, 5.5]; held-out predictions moved by the draw's T_c change; headline and verdict recomputed")
    errors = row.extra.get("errors") if row.effect is not None else None
    if not errors:
        why = "row not measured"
        return {"parameters": _missing(method, why, draws=draws, seed=seed),
                "conventions": _missing("fitted parameters held, radius convention changed", why)}
    materials, shifts, fits, skipped = [], {}, {}, {}
    for k, (material, e) in enumerate(errors.items()):
        if progress:
            progress(k, len(errors))
        try:
            m = material_conditions(e["symbol"])
            fit = fit_tc_pressure(m, e["pressure"], e["tc"], e["sigma"], vary=(vary or default_vary)(m))
            fitted, fitted_censored = critical_temperature(fit.material, e["pressure"], t_max=T_MAX)
            central = _as_prediction(fitted)
            fits[material] = (fit, central)
            entry = {"material": material, "pressure_GPa": (e["pressure"] / 1e9).tolist(), "tc_K": e["tc"].tolist(),
                     "varied": list(fit.varied), "values": dict(fit.values),
                     "fitted_tc_K": [float(t) if np.isfinite(t) and not c else None
                                     for t, c in zip(fitted, fitted_censored)],
                     "fitted_status": ["censored" if c else "T_c" if np.isfinite(t) else "undefined"
                                       for t, c in zip(fitted, fitted_censored)]}
            if draws:
                params, words = ensemble_parameters(fit)
                p_top = max(1.2 * float(e["pressure"].max()), 1e9)
                inputs = prepare(ensemble_spec(e["symbol"], 10.0, p_top, params, draws, seed=seed))
                tc, censored = draw_critical_temperatures(inputs, e["pressure"], t_max=T_MAX)
                shift = _as_prediction(tc) - central[None, :]
                shifts[material] = shift
                rmse = np.sqrt(np.mean((e["model_errors"][None, :] + shift) ** 2, axis=1))
                entry.update({"draws_from": words, "band": tc_band(tc, censored, e["pressure"]),
                              "model_rmse_K": {"p05": float(np.quantile(rmse, 0.05)),
                                               "median": float(np.median(rmse)),
                                               "p95": float(np.quantile(rmse, 0.95))},
                              "baseline_rmse_K": float(np.sqrt(np.mean(e["baseline_errors"] ** 2)))})
            materials.append(entry)
        except (InputError, ValueError) as exc:
            skipped[material] = " ".join(str(exc).split())[:200]
    if not draws:
        parameters = _missing(method, "--robustness-draws 0: no draws", draws=0, seed=seed, materials=materials)
    elif skipped:
        parameters = _missing(method, "no ensemble for " + "; ".join(f"{k} ({v})" for k, v in skipped.items()),
                              draws=draws, seed=seed, materials=materials)
    else:
        held = [_same(_recompute(row, errors, {k: s[d] for k, s in shifts.items()}), row) for d in range(draws)]
        # per material: only its draws applied, the others at their fit; draws that move the material's
        # predictions identically (e.g. every draw undefined) share one recomputation
        for entry in materials:
            shift, seen = shifts[entry["material"]], {}
            for d in range(draws):
                key = shift[d].tobytes()
                if key not in seen:
                    seen[key] = _same(_recompute(row, errors, {entry["material"]: shift[d]}), row)
            agree = sum(seen[shift[d].tobytes()] for d in range(draws))
            entry.update(_summary(agree, draws))
        parameters = {"method": method, "draws": draws, "seed": seed, "materials": materials,
                      **_summary(int(sum(held)), draws)}
    return {"parameters": parameters, "conventions": _tc_pressure_conventions(row, errors, fits, skipped)}


def _tc_pressure_conventions(row, errors, fits, skipped) -> dict:
    from etunnel.checks import InputError
    from etunnel.conditions.calibration import T_MAX
    from etunnel.conditions.diagram import critical_temperature
    from etunnel.conditions.submodels import material_conditions

    method = ("fitted parameters held, radius convention pair changed (fits not redone): held-out predictions "
              "moved by the change of the fitted T_c at the measured pressures; headline and verdict recomputed")
    if skipped:
        return _missing(method, "no fit for " + "; ".join(skipped))
    verdicts, lacking = {}, {}
    for rv, rb in cl.variant_pairs():
        key = rv if rv == rb else f"{rv}/{rb}"
        shifts, missing = {}, []
        for material, (fit, central) in fits.items():
            e = errors[material]
            try:
                m = material_conditions(e["symbol"], params=dict(fit.values), rv_convention=rv, rb_convention=rb)
            except InputError:
                missing.append(material)
                continue
            shifts[material] = _as_prediction(critical_temperature(m, e["pressure"], t_max=T_MAX)[0]) - central
        if missing:
            verdicts[key], lacking[key] = None, missing
            continue
        verdicts[key] = _recompute(row, errors, shifts)
    defined = [v for v in verdicts.values() if v is not None]
    return {"method": method, "conventions": len(verdicts), "verdicts": verdicts,
            "differing": {k: v for k, v in verdicts.items() if v is not None and not _same(v, row)},
            "no_radii": lacking, **_summary(sum(_same(v, row) for v in defined), len(defined))}


def attach_robustness(rows: list[cl.ScoreRow], *, draws: int = DEFAULT_DRAWS, seed: int = SEED,
                      progress=None) -> None:
    """Fill ``row.robustness`` for every row (in place); see the module notes."""
    for row in rows:
        if row.id == "tc_pressure":
            parts = tc_pressure_robustness(row, draws=draws, seed=seed, progress=progress)
        elif row.id in CONVENTION_ROWS:
            headline, direction = CONVENTION_ROWS[row.id]
            parts = {"parameters": _missing("none", NO_PARAMETERS[row.id]),
                     "conventions": convention_verdicts(row, headline, direction)}
        else:
            reason = "row not measured" if row.effect is None else \
                "baseline row (no verdict)" if row.verdict.startswith("baseline") else _DATA_ONLY
            parts = {"parameters": _missing("none", reason), "conventions": _missing("none", reason)}
        judged = [p["survives"] for p in parts.values() if p["survives"] is not None]
        row.robustness = {**parts, "survives": all(judged) if judged else None,
                          "survival_threshold": SURVIVAL}


# ------------------------------------------------------------------ text views (of the JSON above)

ROBUSTNESS_HEAD = ["claim", "verdict", "parameter draws", "radius conventions", "survives its inputs"]
BAND_HEAD = ["material", "verdict holds (this material's draws)", "p [GPa]", "measured T_c [K]", "fitted T_c [K]",
             "draws: T_c median [5 %, 95 %] [K]", "draws without a T_c (undefined / censored)"]


def _survival_word(survives) -> str:
    return "n/a" if survives is None else "survives" if survives else "does not survive"


def part_words(part: dict, unit: str) -> str:
    """One part (``parameters`` or ``conventions``) in words: its verdict, the share that agrees, or why not computed."""
    if part["survives"] is None:
        return f"not computed: {part['reason']}"
    total = part.get("draws") if unit == "draws" else len([v for v in part["verdicts"].values() if v is not None])
    words = f"{_survival_word(part['survives'])} ({part['fraction']:.0%} of {total} {unit} agree)"
    differing = part.get("differing") or {}
    skipped = len(part.get("no_radii") or {}) + len(part.get("headline_undefined") or [])
    if skipped:
        words += f"; {skipped} more pairs not computable ({'no radii' if part.get('no_radii') else 'headline undefined'})"
    if differing:
        shown = "; ".join(f"{k}: {v}" for k, v in list(differing.items())[:4])
        words += f"; differing: {shown}" + (f" and {len(differing) - 4} more" if len(differing) > 4 else "")
    return words


def robustness_table(rows: list[cl.ScoreRow]) -> tuple[list[str], list[list[str]]]:
    """Head and body of the robustness table, derived from each row's ``robustness`` object."""
    body = []
    for r in rows:
        rob = r.robustness
        if not rob:
            continue
        body.append([r.id, r.verdict, part_words(rob["parameters"], "draws"),
                     part_words(rob["conventions"], "pairs"), _survival_word(rob["survives"])])
    return ROBUSTNESS_HEAD, body


def _k(value) -> str:
    return "n/a" if value is None else f"{value:.3g}"


def band_table(rows: list[cl.ScoreRow]) -> tuple[list[str], list[list[str]]]:
    """Per material and measured pressure: measured, fitted and drawn T_c (the ``tc_pressure`` row's Monte Carlo)."""
    body = []
    for r in rows:
        part = (r.robustness or {}).get("parameters") or {}
        for m in part.get("materials", []):
            for i, b in enumerate(m.get("band", [])):
                fitted = m["fitted_tc_K"][i]
                holds = "" if i else "n/a" if m.get("survives") is None else \
                    f"{_survival_word(m['survives'])} ({m['fraction']:.0%})"
                body.append([m["material"] if i == 0 else "", holds, f"{b['pressure_GPa']:.4g}", _k(m["tc_K"][i]),
                             _k(fitted) if fitted is not None else m["fitted_status"][i],
                             f"{_k(b['tc_median_K'])} [{_k(b['tc_p05_K'])}, {_k(b['tc_p95_K'])}]"
                             if b["n_with_tc"] else "none",
                             f"{b['n_undefined']} / {b['n_censored']}"])
    return BAND_HEAD, body


def robustness_cell(row: cl.ScoreRow) -> str:
    """Short text for the terminal table: the survival word with each computed part's agreeing share."""
    rob = row.robustness
    if not rob:
        return "n/a"
    shares = [f"{name} {part['fraction']:.0%}" for name, part in (("draws", rob["parameters"]),
                                                                 ("conventions", rob["conventions"]))
              if part["survives"] is not None]
    return _survival_word(rob["survives"]) + (f" ({', '.join(shares)})" if shares else "")
