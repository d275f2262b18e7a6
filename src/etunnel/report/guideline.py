"""The guideline's report page: verdict with numbers, learning curves, parity, ROC, ablation.

Every number on the page comes from the dictionary that
:func:`etunnel.validation.predictors.evaluate` returns (also written as
``guideline.json``), so the page cannot disagree with the JSON.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import matplotlib

from etunnel.report.build import html_figure, html_table
from etunnel.serialization import jsonable


def _ci(d: dict | None, spec: str = ".3f") -> str:
    if not d or d.get("mean", d.get("value")) is None:
        return "missing"
    v = d.get("mean", d.get("value"))
    if d.get("low") is None:
        return format(v, spec)
    return f"{v:{spec}} [{d['low']:{spec}}, {d['high']:{spec}}]"


def _adds(delta: dict) -> str:
    if delta.get("low") is None:
        return "undetermined"
    if delta["low"] > 0:
        return "improves"
    if delta["high"] < 0:
        return "worsens"
    return "adds nothing measurable"


def verdict_lines(res: dict) -> list[str]:
    """The verdict, one sentence per finding, numbers with 95% intervals."""
    g10 = res["guideline_score"]["tc_gt_10K"]["score"]
    g77 = res["guideline_score"]["tc_gt_77K"]["score"]
    cv = res["cv"]
    lit = res["literature"]
    lines = [
        f"Guideline score alone (three rules, no fitted weights): ROC-AUC {_ci(g10['roc_auc'])} for T_c > 10 K "
        f"and {_ci(g77['roc_auc'])} for T_c > 77 K, against 0.5 for a random ranking; enrichment of the top 1% "
        f"{_ci(g10['enrichment_top1pct'], '.2f')} (T_c > 10 K) and {_ci(g77['enrichment_top1pct'], '.2f')} "
        f"(T_c > 77 K), against 1 for random.",
    ]
    for th in ("10K", "77K"):
        fam = res["guideline_score"][f"tc_gt_{th}"]["score"]["roc_auc_within_family"]
        lines.append(f"Within families, guideline-score ROC-AUC for T_c > {th[:-1]} K: "
                     + ", ".join(f"{f} {v:.3f}" if v is not None and v == v else f"{f} undefined"
                                 for f, v in fam.items()) + ".")
    for kind in ("random", "grouped"):
        m, gl = cv[kind]["magpie"], cv[kind]["guideline"]
        lines.append(f"{kind.capitalize()} 5-fold ({'by chemical system' if kind == 'grouped' else 'compositions'}"
                     f"): Magpie baseline R² {_ci(m['r2'])}, MAE {_ci(m['mae_K'], '.2f')} K, RMSE "
                     f"{_ci(m['rmse_K'], '.2f')} K, ROC-AUC(T_c > 10 K) {_ci(m['tc_gt_10K.roc_auc'])}; "
                     f"model on the six guideline features only: R² {_ci(gl['r2'])}, ROC-AUC(T_c > 10 K) "
                     f"{_ci(gl['tc_gt_10K.roc_auc'])}.")
    for kind in ("random", "grouped"):
        for fs, label in (("magpie+guideline", "guideline features"), ("magpie+tunnel", "tunnel-model radii")):
            d = res["ablation_delta_vs_magpie"][kind][fs]
            lines.append(f"Adding the {label} to Magpie ({kind} split) changes R² by {_ci(d['r2'], '+.4f')} and "
                         f"ROC-AUC(T_c > 10 K) by {_ci(d['tc_gt_10K.roc_auc'], '+.4f')}: {_adds(d['r2'])}.")
    lines.append(
        f"Literature, random 5-fold on the deduplicated data: Stanev accuracy(T_c > 10 K) "
        f"{_ci(lit['stanev_accuracy_tc_gt_10K'])} (published 0.92), R² of ln T_c on T_c > 10 K "
        f"{_ci(lit['stanev_r2_ln_tc_tc_gt_10K'])} (published 0.88); Hamidieh-style RMSE "
        f"{_ci(lit['hamidieh_rmse_K_tc_gt_0'], '.2f')} K (published 9.5 K), R² {_ci(lit['hamidieh_r2_tc_gt_0'])} "
        f"(published 0.92).")
    return lines


_METRICS = (("r2", "R²", ".3f"), ("mae_K", "MAE [K]", ".2f"), ("rmse_K", "RMSE [K]", ".2f"),
            ("tc_gt_10K.accuracy", "acc. >10 K", ".3f"), ("tc_gt_10K.roc_auc", "AUC >10 K", ".3f"),
            ("tc_gt_10K.precision_top1pct", "prec@1% >10 K", ".3f"), ("tc_gt_77K.accuracy", "acc. >77 K", ".3f"),
            ("tc_gt_77K.roc_auc", "AUC >77 K", ".3f"), ("tc_gt_77K.precision_top1pct", "prec@1% >77 K", ".3f"))


def cv_table(res: dict) -> tuple[list[str], list[list[str]]]:
    head = ["split", "features"] + [m[1] for m in _METRICS]
    body = []
    for kind, fsets in res["cv"].items():
        for fs, summ in fsets.items():
            n = summ["r2"]["n"]
            body.append([f"{kind} ({n} folds)", fs] + [_ci(summ.get(key), spec) for key, _, spec in _METRICS])
    return head, body


def lofo_table(res: dict) -> tuple[list[str], list[list[str]]]:
    head = ["features", "held-out family", "n"] + [m[1] for m in _METRICS]
    body = []
    for fs, fams in res["leave_one_family_out"].items():
        for fam, row in fams.items():
            body.append([fs, fam, str(row["n_test"])] + [
                "undefined" if row.get(key) is None or row[key] != row[key] else format(row[key], spec)
                for key, _, spec in _METRICS])
    return head, body


def ablation_table(res: dict) -> tuple[list[str], list[list[str]]]:
    keys = (("r2", "ΔR²"), ("r2_log", "ΔR² ln(1+T_c)"), ("mae_K", "ΔMAE [K]"), ("rmse_K", "ΔRMSE [K]"),
            ("tc_gt_10K.roc_auc", "ΔAUC >10 K"), ("tc_gt_77K.roc_auc", "ΔAUC >77 K"))
    head = ["split", "added to Magpie"] + [k[1] for k in keys] + ["verdict (R²)"]
    body = []
    for kind, sets in res["ablation_delta_vs_magpie"].items():
        for fs, d in sets.items():
            body.append([kind, fs.split("+")[1]] + [_ci(d[k], "+.4f") for k, _ in keys] + [_adds(d["r2"])])
    return head, body


def guideline_table(res: dict) -> tuple[list[str], list[list[str]]]:
    head = ["threshold", "score", "ROC-AUC [95%]", "precision top 1%", "enrichment top 1% [95%]", "base rate"]
    body = []
    for th, row in res["guideline_score"].items():
        for col, d in row.items():
            if col == "base_rate":
                continue
            body.append([th, col, _ci(d["roc_auc"]), f"{d['precision_top1pct']:.3f}",
                         _ci(d["enrichment_top1pct"], ".2f"), f"{row['base_rate']:.3f}"])
    return head, body


def literature_table(res: dict) -> tuple[list[str], list[list[str]]]:
    head = ["quantity", "rows", "this work [95%]", "published"]
    body = [[k, str(v["rows"]), _ci(v), str(v["published"])] for k, v in res["literature"].items()]
    return head, body


def _save(fig, folder: Path, name: str) -> Path:
    from etunnel.plots.paper_figures import save

    return save(fig, folder, name)["png"]


def write_report(out: str | Path, res: dict, parity: dict, *, dedup: dict, conditions: dict) -> dict:
    """Write ``guideline.html`` (figures embedded), ``guideline.json`` and ``figures/*.png|svg`` into ``out``.

    Each file is written to a temporary name and renamed when complete.
    """
    from etunnel.plots import predictor_figures as pp

    matplotlib.use("Agg", force=False)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    figdir = out / "figures"
    figs = {
        "learning_curves": (pp.learning_curves(res["learning_curve"]),
                            "Learning curves: R² of ln(1 + T_c/K) on a held-out 20% against training size. The gap "
                            "between random and grouped splits is what near-duplicates inflate."),
        "parity": (pp.parity(parity["tc"], parity),
                   "Out-of-fold predicted against measured T_c, Magpie baseline."),
        "roc": (pp.roc_curves(parity["tc"], parity, parity["guideline_score"]),
                "ROC curves: the baseline's out-of-fold predicted T_c and the weight-free guideline score."),
        "importance": (pp.importance(res["permutation_importance"]),
                       "Permutation importance (grouped split); guideline features in orange, with their ranks."),
    }
    pngs = {name: _save(fig, figdir, f"guideline_{name}") for name, (fig, _) in figs.items()}
    payload = {"evaluation": res, "deduplication": dedup, "conditions": conditions, "verdict": verdict_lines(res)}
    json_path = out / "guideline.json"
    _atomic_text(json_path, json.dumps(jsonable(payload), indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    page = _html(res, dedup, conditions, {n: html_figure(n, p, figs[n][1]) for n, p in pngs.items()})
    html_path = out / "guideline.html"
    _atomic_text(html_path, page)
    return {"html": html_path, "json": json_path, **{f"figure_{n}": p for n, p in pngs.items()}}


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _near(dedup: dict) -> str:
    for key, value in dedup.items():
        if key.startswith("near_duplicate_rows_at_"):
            places = key.split("_at_")[1].split("_")[0]
            return (f"A further {value} rows are near-duplicates (same elements, fractions equal to {places} "
                    "decimals, e.g. neighbouring dopings): kept, but the grouped K-fold keeps each chemical "
                    "system in one fold.")
    return ""


def _html(res: dict, dedup: dict, conditions: dict, figs: dict) -> str:
    style = ("body{font-family:sans-serif;max-width:1200px;margin:auto;padding:1em;}"
             "table{border-collapse:collapse;font-size:0.8em;margin:1em 0;}"
             "td,th{border:1px solid #999;padding:3px 6px;vertical-align:top;}th{background:#eee;}"
             "img{max-width:100%;}figure{margin:1em 0;}")
    verdict = "".join(f"<li>{html.escape(s)}</li>" for s in verdict_lines(res))
    rules = "".join(f"<li><b>{html.escape(r['feature'])}</b> ({r['direction']}): “{html.escape(r['paper'])}”</li>"
                    for r in res["guideline_rules"])
    cond = (f"{conditions['elapsed_s']:.0f} s wall time ({conditions.get('cpu_s', float('nan')):.0f} s CPU, one "
            f"thread per fit) on {conditions['cpu_count']} cores shared with other work "
            f"(1-minute load average {conditions['load_average_1min']:.1f} at the end)"
            if conditions.get("load_average_1min") is not None else f"{conditions['elapsed_s']:.0f} s")
    fam = ", ".join(f"{k} {v}" for k, v in res["family_counts"].items())
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        "<title>etunnel: the paper's engineering guideline as a T_c predictor</title>",
        f"<style>{style}</style></head><body>",
        "<h1>The paper's engineering guideline, tested as a predictor of T_c</h1>",
        "<p>The paper's section “Engineering Room-Temperature Superconductors” recommends three things, "
        "scored here as the percentile of each composition within the data, oriented the paper's way, "
        "and averaged with equal weights (nothing fitted):</p>", f"<ul>{rules}</ul>",
        f"<p>Not scored: {html.escape(res['guideline_not_scored'])}.</p>",
        "<h2>Verdict</h2>", f"<ul>{verdict}</ul>",
        "<h2>Data</h2>",
        f"<p>{html.escape(conditions['supercon'])} (SHA-256 {conditions['sha256'][:16]}…), "
        f"{conditions['unparsable_rows']} unparsable rows reported by the loader. Deduplicated by reduced "
        f"composition: {dedup['rows_in']} rows in, {dedup['rows_out']} out; removed per rule "
        f"{html.escape(json.dumps(dedup['removed']))}; merge rule: {html.escape(dedup['merge_rule'])}. "
        f"{dedup['compositions_with_tc_spread_over_10_K']} merged compositions have T_c values spanning more "
        f"than 10 K. {_near(dedup)} Families: {html.escape(fam)}; "
        f"{res['chemical_systems']} chemical systems (groups of the grouped K-fold).</p>",
        f"<p>Run: {html.escape(cond)}. Learner: scikit-learn HistGradientBoosting {html.escape(json.dumps(res['hgb_params']))}, "
        f"target ln(1 + T_c/K); seeds {res['seeds']}. Intervals: Nadeau-Bengio corrected resampled t over "
        "folds × seeds (95%); guideline-score intervals: bootstrap over compositions.</p>",
        "<h2>Literature baseline</h2>", html_table(*literature_table(res)),
        "<p>Differences from the papers: the data here are deduplicated (the papers' were not), Stanev used a "
        "random forest on Magpie-like features and Hamidieh gradient boosting on 81 features of a 21,263-row "
        "SuperCon extract with its own cleaning.</p>",
        "<h2>Guideline score alone (a)</h2>", html_table(*guideline_table(res)),
        "<h2>Cross-validation (b): Magpie baseline, guideline-only model, and the ablation sets</h2>",
        html_table(*cv_table(res)),
        "<h2>Leave one family out</h2>", html_table(*lofo_table(res)),
        "<p>A metric is undefined when the held-out family has only one class at that threshold.</p>",
        "<h2>Ablation (c): paired differences against Magpie alone</h2>", html_table(*ablation_table(res)),
        figs["roc"], figs["parity"], figs["learning_curves"], figs["importance"],
        "</body></html>",
    ]
    return "\n".join(parts)
