"""Run every validation claim and write the scorecard.

:func:`run_validation` writes into ``out``:

* ``scorecard.md``, one row per claim, and ``scorecard.html``, that Markdown
  rendered by :func:`etunnel.report.html_page.markdown_page` (a table of
  contents; figures embedded as SVG, so the page is self-contained);
* ``figures/*.png`` and ``figures/*.svg``;
* ``variants_<claim>.csv``: every variant (radius conventions x c x model);
* ``supercon_unparsable.csv``: the formulas that could not be parsed.

Every number is computed at run time from the data paths given.
"""

from __future__ import annotations

import csv
import gc
import math
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etunnel.validation import claims as cl
from etunnel.validation.datasets import electronegativity_spread, element_table, load_supercon
from etunnel.validation.verdict_robustness import DEFAULT_DRAWS, MAX_DRAWS, SEED, SURVIVAL, attach_robustness

#: The steps of :func:`run_validation`, for progress display (name, weight).
STEPS = (
    ("element data", 1),
    ("SuperCon formulas", 3),
    ("D vs resistivity (all elements)", 4),
    ("D vs resistivity (Table 1)", 3),
    ("state rule", 3),
    ("Figures 11-13", 1),
    ("electronegativity", 4),
    ("standard-theory baseline", 1),
    ("T_c(p) (calibration module)", 1),
    ("robustness to the model's inputs", 2),
    ("figures", 2),
    ("writing scorecard", 1),
)

SCORECARD_HEAD = ["claim (the paper)", "test", "measured effect", "95% interval", "p", "baseline", "verdict", "notes"]

_INTRO = (
    "The electron-tunnel paper's testable claims measured against data, beside baselines. Every number is computed "
    "at run time. Verdicts follow rules fixed in etunnel.validation.claims: *supported* = the paper's own "
    "configuration shows the claimed effect (p < 0.05, 95% bootstrap interval excluding the null) and so do at "
    "least 75% of the model variants (every radius convention pair x c in {0.05, 0.1, 0.2, 0.3, 0.5, 1} x "
    "first-term / infinite lattice); *fragile* = it depends on the variant; *contradicted* = the paper's "
    "configuration shows the opposite effect significantly; *not supported* = neither. No multiple-comparison "
    "correction is applied; the variant counts show how many chances each claim had."
)


def scorecard_rows(rows: list[cl.ScoreRow]) -> list[list[str]]:
    """The scorecard's cells, as text."""
    out = []
    for r in rows:
        eff, ci, p = cl.fmt_estimate(r.effect)
        out.append([r.claim, r.test, eff, ci, p, r.baseline, r.verdict, r.detail])
    return out


def _write_variants(path: Path, variants: list[dict]) -> None:
    if not variants:
        return
    keys = list(dict.fromkeys(k for v in variants for k in v))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=keys)
        writer.writeheader()
        for v in variants:
            writer.writerow({k: ("" if isinstance(x, float) and not math.isfinite(x) else x) for k, x in v.items()})


def run_validation(
    supercon: str | Path,
    out: str | Path,
    *,
    tc_pressure: str | Path | None = None,
    n_bootstrap: int = 1000,
    seed: int = 0,
    robustness_draws: int | None = None,
    step: Callable[[str, int], None] | None = None,
    parse_progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Measure every claim and write the scorecard into ``out``.

    Parameters
    ----------
    supercon : str or Path
        SuperCon-format CSV (columns ``name``, ``Tc``).
    out : str or Path
        Output directory (created if needed).
    tc_pressure : str or Path, optional
        T_c(p) table for the calibration module; default: the packaged one.
    n_bootstrap : int, optional
        Bootstrap resamples per interval (>= 0; 0 = no intervals).
    seed : int, optional
        Seed of every bootstrap and permutation.
    robustness_draws : int, optional
        Parameter draws per T_c(p) material for the robustness of each verdict
        (:mod:`etunnel.validation.verdict_robustness`; 0 to
        :data:`~etunnel.conditions.fit_uncertainty.MAX_DRAWS`; default
        :data:`~etunnel.conditions.fit_uncertainty.DEFAULT_DRAWS`, seed
        :data:`~etunnel.conditions.fit_uncertainty.SEED`).
    step : callable, optional
        ``step(name, weight)`` when each step starts (for a progress bar).
    parse_progress : callable, optional
        ``parse_progress(done, total)`` while formulas are parsed.

    Returns
    -------
    dict
        ``rows`` (list of ScoreRow), ``supercon`` (summary), ``out`` and ``files``.
    """
    from etunnel.checks import InputError

    if int(n_bootstrap) != n_bootstrap or n_bootstrap < 0:
        raise InputError(f"--bootstrap must be a whole number >= 0, got {n_bootstrap!r}")
    if robustness_draws is not None and (isinstance(robustness_draws, bool) or not isinstance(robustness_draws, int)
                                         or not 0 <= robustness_draws <= MAX_DRAWS):
        raise InputError(f"--robustness-draws must be a whole number in [0, {MAX_DRAWS}], got {robustness_draws!r}")
    n_bootstrap = int(n_bootstrap)
    out = Path(out)
    tick = step or (lambda name, weight: None)
    kw = {"n_resamples": n_bootstrap, "seed": int(seed)}

    tick(*STEPS[0])
    elements = element_table()
    tick(*STEPS[1])
    data = load_supercon(supercon, progress=parse_progress)
    out.mkdir(parents=True, exist_ok=True)
    rows: list[cl.ScoreRow] = []
    tick(*STEPS[2])
    rows.append(cl.claim_resistivity(elements, **kw))
    tick(*STEPS[3])
    rows.append(cl.claim_table1(elements, **kw))
    tick(*STEPS[4])
    rows.append(cl.claim_state_rule(elements, **kw))
    tick(*STEPS[5])
    rows.append(cl.claim_boiling(elements, **kw))
    rows.append(cl.claim_density(elements, **kw))
    tick(*STEPS[6])
    spread = electronegativity_spread(data)
    rows.append(cl.claim_electronegativity(spread, n_failures=len(data.failures), **kw))
    rows.append(cl.claim_guideline_score(data.frame, **kw))
    tick(*STEPS[7])
    rows.append(cl.claim_standard_baseline(elements, **kw))
    tick(*STEPS[8])
    rows.append(cl.claim_tc_pressure(tc_pressure, **kw))

    tick(*STEPS[9])
    attach_robustness(rows, draws=DEFAULT_DRAWS if robustness_draws is None else robustness_draws, seed=SEED)

    tick(*STEPS[10])
    figures = _figures(rows, out / "figures")
    tick(*STEPS[11])
    files = {}
    for r in rows:
        if r.variants:
            path = out / f"variants_{r.id}.csv"
            _write_variants(path, r.variants)
            files[f"variants_{r.id}"] = path
    fail_path = out / "supercon_unparsable.csv"
    pd.DataFrame([f.__dict__ for f in data.failures], columns=["row", "formula", "tc", "reason"]).to_csv(
        fail_path, index=False)
    files["supercon_unparsable"] = fail_path
    summary = data.summary()
    markdown = _markdown(rows, summary, figures)
    (out / "scorecard.md").write_text(markdown, encoding="utf-8")
    (out / "scorecard.html").write_text(_html(markdown, figures), encoding="utf-8")
    files["scorecard_md"], files["scorecard_html"] = out / "scorecard.md", out / "scorecard.html"
    return {"rows": rows, "supercon": summary, "out": out, "files": files,
            "figures": {k: v["paths"] for k, v in figures.items()}}


def _figures(rows: list[cl.ScoreRow], figdir: Path) -> dict:
    from etunnel.plots import validation as pv
    from etunnel.plots.paper_figures import save

    by_id = {r.id: r for r in rows}
    specs = []
    r = by_id["resistivity_all_elements"]
    specs += [("resistivity_scatter", lambda: pv.resistivity_scatter(r),
               "Measured resistivity vs D (paper's radius rule, c = 0.1, eq. 37), every element with data."),
              ("resistivity_variants", lambda: pv.variants_heatmap(r, "value", "Spearman rho", center=0, span=1),
               "Spearman rho of D vs resistivity for every radius convention pair and c.")]
    t = by_id["resistivity_table1"]
    specs += [("table1_scatter", lambda: pv.table1_scatter(t),
               "Table 1's nine elements: the paper's printed numbers, and eq. 37 on the printed radii vs measured "
               "resistivity.")]
    s = by_id["state_rule"]
    specs += [("state_rule_roc", lambda: pv.state_rule_roc(s),
               "ROC of scores for 'ambient elemental superconductor', with the rule's operating point at c = 1/2."),
              ("state_rule_variants", lambda: pv.variants_heatmap(s, "value", "balanced accuracy", center=0.5,
                                                                  span=0.5),
               "Balanced accuracy of the state rule for every radius convention pair and c.")]
    d = by_id["density"]
    specs += [("density", lambda: pv.density_strip(d), "Density of the solid: superconducting vs other elements.")]
    e = by_id["electronegativity_spread"]
    specs += [("electronegativity", lambda: pv.electronegativity_bins(e),
               "T_c vs spread of Pauling electronegativity in SuperCon, binned, by family.")]
    p = by_id["tc_pressure"]
    if p.effect is not None:
        specs += [("tc_pressure", lambda: pv.tc_pressure_rmse(p),
                   "Leave-one-out RMSE of T_c(p) per material.")]
    if (p.robustness.get("parameters") or {}).get("draws"):
        specs += [("tc_pressure_band", lambda: pv.tc_pressure_band(p),
                   "T_c(p) per material: measured, the fitted model and the median with 5-95 % band over the "
                   "parameter draws at the measured pressures (draws without a T_c counted in each title).")]
    out = {}
    # A figure is a web of reference cycles (artists <-> axes <-> figure): free each one now, not at the
    # collector's leisure, so the next figure reuses its memory (peak RSS ~10 MB lower on SuperCon). The
    # objects alive before the figures are frozen first, so each collection visits only the figure's own.
    gc.freeze()
    try:
        for name, make, caption in specs:
            fig = make()
            paths = save(fig, figdir, name)
            pv.plt.close(fig)
            gc.collect()
            out[name] = {"paths": paths, "caption": caption}
    finally:
        gc.unfreeze()
    return out


def _data_lines(summary: dict) -> list[str]:
    return [
        f"SuperCon file: {summary['path']} ({summary['source']}).",
        f"Rows {summary['rows']}; parsed {summary['parsed']}; unparsable {summary['unparsable']} "
        f"(listed in supercon_unparsable.csv); Tc = 0 rows (no reported T_c) {summary['tc_zero_rows']}; "
        f"rows repeating an earlier formula {summary['duplicate_formula_rows']}.",
        "Unparsable: " + ("; ".join(summary["unparsable_examples"]) or "none") + ".",
        "Element data: pymatgen (WebElements compilation) and Cordero et al. 2008 covalent radii via "
        "etunnel.materials; superconductor labels: etunnel's sourced table of 32 ambient-pressure elemental "
        "superconductors.",
    ]


#: Section heading of each figure in the scorecard (its table-of-contents entry).
FIGURE_TITLES = {
    "resistivity_scatter": "Resistivity vs D, every element",
    "resistivity_variants": "Resistivity vs D, every convention and c",
    "table1_scatter": "Table 1's nine elements",
    "state_rule_roc": "State rule: ROC",
    "state_rule_variants": "State rule, every convention and c",
    "density": "Density of the solid",
    "electronegativity": "Electronegativity spread and T_c",
    "tc_pressure": "T_c(p): leave-one-out RMSE",
    "tc_pressure_band": "T_c(p) under parameter draws",
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def _md_text(text) -> str:
    """Text from data or computation, escaped so Markdown shows it literally (``c* ... c*`` stays upright)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _markdown(rows, summary, figures) -> str:
    from etunnel.report.build import markdown_table

    parts = ["# Validation scorecard: the electron-tunnel paper against data", "", _INTRO, "",
             "## Scorecard", "", markdown_table(SCORECARD_HEAD, [[_md_text(x) for x in row]
                                                                for row in scorecard_rows(rows)]), "",
             "## Data", ""]
    parts[-2:-2] = _robustness_markdown(rows)
    parts += [f"- {_md_text(line)}" for line in _data_lines(summary)] + [""]
    parts += ["## Figures", ""]
    for name, fig in figures.items():
        parts += [f"### {FIGURE_TITLES.get(name, name.replace('_', ' '))}", "",
                  f"![{name}](figures/{name}.png)", "", _md_text(fig["caption"]), ""]
    parts += ["Every variant's numbers: variants\\_\\*.csv next to this file.", ""]
    return "\n".join(parts)


def _robustness_markdown(rows) -> list[str]:
    """The robustness section: one line per row from its ``robustness`` object, and the T_c(p) draws per material."""
    from etunnel.report.build import markdown_table
    from etunnel.validation.verdict_robustness import band_table, robustness_table

    tcp = next((r.robustness.get("parameters", {}) for r in rows if r.id == "tc_pressure" and r.robustness), {})
    draws, seed = tcp.get("draws"), tcp.get("seed", SEED)
    head, body = robustness_table(rows)
    parts = ["## Robustness to the model's own inputs", "",
             _md_text(f"Does each verdict survive the uncertainty in the model's own inputs? Parameter draws: "
                      f"{draws if draws is not None else 'none'} per T_c(p) material (--robustness-draws, default "
                      f"{DEFAULT_DRAWS}; seed {seed}, fixed) from each material's T_c(p) fit (its covariance where "
                      "finite, else uniform +-20 % of each fitted value; B0' uniform in [3.5, 5.5], default "
                      "assumption 4); held-out predictions move with the draw and the row's verdict is recomputed. "
                      "Radius conventions: the verdict recomputed under each convention pair. A verdict survives when "
                      f"at least {SURVIVAL:.0%} of the draws (or pairs) give it again. Method and every number: "
                      "scorecard.json, each row's 'robustness'."), "",
             markdown_table(head, [[_md_text(x) for x in row] for row in body]), ""]
    head, body = band_table(rows)
    if body:
        parts += ["### T_c(p): measured, fitted and drawn", "",
                  _md_text("Model T_c at each measured pressure: the fit on all of the material's points (the row's "
                           "model) and the 5-50-95 % quantiles over the draws that have a T_c; draws where the model "
                           "is undefined (leaves its domain) or superconducting up to the search limit are counted, "
                           "not given a number."), "",
                  markdown_table(head, [[_md_text(x) for x in row] for row in body]), ""]
    return parts


def _html(markdown: str, figures: dict) -> str:
    """The scorecard's Markdown as one HTML page (table of contents, figures as SVG), as the reproduction report."""
    from etunnel.report.html_page import markdown_page

    return markdown_page(markdown, title="etunnel: validation scorecard",
                         figures={name: f["paths"] for name, f in figures.items()})
