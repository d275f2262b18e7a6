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

import contextlib
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
    ("Figures 11-13", 1),
    ("state rule", 3),
    ("D vs resistivity (Table 1)", 3),
    ("D vs resistivity (all elements)", 4),
    ("T_c(p) (calibration module)", 1),
    ("robustness to the model's inputs", 2),
    ("standard-theory baseline", 1),
    ("electronegativity", 4),
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
    jobs: int = 1,
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
    jobs : int, optional
        Processes, 1 to :data:`MAX_JOBS`: 1 measures and draws everything in this process; more
        measures the electronegativity row's own estimates and draws every figure in ``jobs - 1``
        worker processes while the other rows are measured here (same files, byte for byte;
        :class:`_FigureQueue`).
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
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise InputError(f"--jobs must be a whole number in [1, {MAX_JOBS}], got {jobs!r}")
    n_bootstrap = int(n_bootstrap)
    out = Path(out)
    tick = step or (lambda name, weight: None)
    kw = {"n_resamples": n_bootstrap, "seed": int(seed)}

    tick(*STEPS[0])
    elements = element_table()
    # The worker starts now and loads the plotting modules while the SuperCon formulas are parsed here.
    queue = _FigureQueue(out / "figures", jobs)
    try:
        queue.prepare()
        tick(*STEPS[1])
        data = load_supercon(supercon, progress=parse_progress)
        out.mkdir(parents=True, exist_ok=True)
        rows = _measure(elements, data, queue, tc_pressure=tc_pressure, robustness_draws=robustness_draws,
                        tick=tick, kw=kw)
        tick(*STEPS[10])
        figures = queue.results()
    except BaseException:
        queue.close(failed=True)
        raise
    queue.close()
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


def _measure(elements, data, figures: _FigureQueue, *, tc_pressure, robustness_draws, tick, kw) -> list[cl.ScoreRow]:
    """Every claim's row, in the scorecard's order; each handed to ``figures`` as soon as it is complete.

    The rows are measured here in the order that keeps a worker busy drawing (:class:`_FigureQueue`): the
    electronegativity row's own estimates first (they need only the SuperCon data), then the rows that are
    quick to measure, so that the worker never waits for a row to draw. Every row is the same whatever the
    order: each claim draws from its own generator, seeded by ``kw["seed"]``, and a row's robustness needs
    only the row itself.
    """
    spread = electronegativity_spread(data)
    spread_estimates = figures.call(cl.electronegativity_estimates, spread, **kw)
    draws = DEFAULT_DRAWS if robustness_draws is None else robustness_draws
    rows: dict[str, cl.ScoreRow] = {}

    def done(row: cl.ScoreRow) -> None:
        rows[row.id] = row
        figures.add(row)

    tick(*STEPS[2])
    done(cl.claim_boiling(elements, **kw))
    done(cl.claim_density(elements, **kw))
    tick(*STEPS[3])
    done(cl.claim_state_rule(elements, **kw))
    tick(*STEPS[4])
    done(cl.claim_table1(elements, **kw))
    tick(*STEPS[5])
    done(cl.claim_resistivity(elements, **kw))
    tick(*STEPS[6])
    tc_row = cl.claim_tc_pressure(tc_pressure, **kw)
    tick(*STEPS[7])
    attach_robustness([tc_row], draws=draws, seed=SEED)  # the band figure is drawn from its draws
    done(tc_row)
    tick(*STEPS[8])
    done(cl.claim_standard_baseline(elements, **kw))
    tick(*STEPS[9])
    guideline = cl.claim_guideline_score(data.frame, **kw)
    baselines = cl.electronegativity_baselines(spread, **kw)
    done(cl.claim_electronegativity(spread, n_failures=len(data.failures), estimates=spread_estimates.result(),
                                    baselines=baselines, **kw))
    done(guideline)
    ordered = [rows.pop(i) for i in ROW_ORDER]
    if rows:
        raise RuntimeError(f"rows measured but missing from ROW_ORDER: {sorted(rows)}")
    attach_robustness([row for row in ordered if row is not tc_row], draws=draws, seed=SEED)
    return ordered


#: The scorecard's rows (:attr:`etunnel.validation.claims.ScoreRow.id`), in the order they appear.
ROW_ORDER = ("resistivity_all_elements", "resistivity_table1", "state_rule", "not_gaseous_3500K", "density",
             "electronegativity_spread", "guideline_score", "standard_theory_baseline", "tc_pressure")


#: The scorecard's figures per row: (file name, function of :mod:`etunnel.plots.validation` called with the
#: row, its further arguments (keywords in a final dict), caption), in the order they appear. The
#: ``tc_pressure`` figures have conditions (:func:`_row_figures`).
FIGURE_SPECS = {
    "resistivity_all_elements": [
        ("resistivity_scatter", "resistivity_scatter", (),
         "Measured resistivity vs D (paper's radius rule, c = 0.1, eq. 37), every element with data."),
        ("resistivity_variants", "variants_heatmap", ("value", "Spearman rho", {"center": 0, "span": 1}),
         "Spearman rho of D vs resistivity for every radius convention pair and c.")],
    "resistivity_table1": [
        ("table1_scatter", "table1_scatter", (),
         "Table 1's nine elements: the paper's printed numbers, and eq. 37 on the printed radii vs measured "
         "resistivity.")],
    "state_rule": [
        ("state_rule_roc", "state_rule_roc", (),
         "ROC of scores for 'ambient elemental superconductor', with the rule's operating point at c = 1/2."),
        ("state_rule_variants", "variants_heatmap", ("value", "balanced accuracy", {"center": 0.5, "span": 0.5}),
         "Balanced accuracy of the state rule for every radius convention pair and c.")],
    "density": [("density", "density_strip", (), "Density of the solid: superconducting vs other elements.")],
    "electronegativity_spread": [
        ("electronegativity", "electronegativity_bins", (),
         "T_c vs spread of Pauling electronegativity in SuperCon, binned, by family.")],
    "tc_pressure": [
        ("tc_pressure", "tc_pressure_rmse", (), "Leave-one-out RMSE of T_c(p) per material."),
        ("tc_pressure_band", "tc_pressure_band", (),
         "T_c(p) per material: measured, the fitted model and the median with 5-95 % band over the "
         "parameter draws at the measured pressures (draws without a T_c counted in each title).")],
}

#: Largest ``jobs`` (processes) :func:`run_validation` accepts; the figures are one queue, so more helps little.
MAX_JOBS = 8


def default_jobs() -> int:
    """Default number of processes: 2 (the claims, and the figures beside them), or 1 with one usable core."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(2, cores or 1))


def _row_figures(row: cl.ScoreRow) -> list[tuple]:
    """The specs of ``row``'s figures (:data:`FIGURE_SPECS`), those whose data exist."""
    specs = FIGURE_SPECS.get(row.id, [])
    if row.id == "tc_pressure":
        specs = [s for s in specs if (s[0] == "tc_pressure" and row.effect is not None) or
                 (s[0] == "tc_pressure_band" and (row.robustness.get("parameters") or {}).get("draws"))]
    return specs


def _render(row: cl.ScoreRow, specs: list[tuple], figdir: Path) -> dict:
    """Draw and write ``row``'s figures (PNG and SVG); ``{name: {"paths", "caption"}}``, in spec order.

    Each figure is freed by a collection after it; the caller has frozen what was alive before
    (:func:`_frozen` here, :func:`_worker_start` in a worker), so the collection visits only the figure's own.
    """
    pv, save = _plotting()
    out = {}
    for name, func, args, caption in specs:
        kwargs = args[-1] if args and isinstance(args[-1], dict) else {}
        fig = getattr(pv, func)(row, *args[:len(args) - bool(kwargs)], **kwargs)
        paths = save(fig, figdir, name)
        pv.plt.close(fig)
        gc.collect()
        out[name] = {"paths": paths, "caption": caption}
    return out


@contextlib.contextmanager
def _frozen():
    """Objects alive now frozen (:func:`gc.freeze`) while figures are drawn, each freed by a collection after it.

    A figure is a web of reference cycles (artists <-> axes <-> figure): freed now, not at the collector's
    leisure, the next figure reuses its memory (peak RSS ~10 MB lower on SuperCon). The objects alive before
    the figures are frozen first, so each collection visits only the figure's own. One freeze for all the
    figures drawn in a process: frozen again per row, the main process peaked ~20 MB higher (measured).
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _worker_start() -> None:
    """A worker: Ctrl-C is the main process's to handle (it stops the worker and removes the output).

    The objects inherited from the main process are frozen for the worker's life (:func:`_frozen`), so
    its collections neither visit them nor copy their pages.
    """
    import signal

    global _IN_WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _IN_WORKER = True
    gc.freeze()


_IN_WORKER = False
_PLOTTING: tuple | None = None


def _plotting() -> tuple:
    """:mod:`etunnel.plots.validation` and the figure writer, imported on first use.

    Only the process that draws loads matplotlib: with a worker, that is the worker alone (the main
    process, which holds the compiled model kernels, stays ~50 MB smaller: matplotlib and the figures'
    memory). In a worker, the objects the import created are then frozen too (:func:`_worker_start`).
    """
    global _PLOTTING
    if _PLOTTING is None:
        from etunnel.plots import validation as pv
        from etunnel.plots.paper_figures import save

        _PLOTTING = (pv, save)
        if _IN_WORKER:
            gc.collect()
            gc.freeze()
    return _PLOTTING


def _load_plotting() -> None:
    """:func:`_plotting`, for a worker: nothing to send back (a module cannot be pickled)."""
    _plotting()


class _Later:
    """A call made when its result is asked for (the serial stand-in for a worker's future)."""

    def __init__(self, func, *args, **kwargs):
        self.func, self.args, self.kwargs = func, args, kwargs

    def result(self):
        return self.func(*self.args, **self.kwargs)


class _FigureQueue:
    """Work beside the claims: each row's figures, drawn as soon as the row is measured, and other calls.

    With ``jobs == 1`` everything runs in this process, in the order asked for (serial). Otherwise a
    :class:`concurrent.futures.ProcessPoolExecutor` of ``jobs - 1`` workers (``fork``: they start with
    the modules already loaded) runs it while the claims are measured here, and every figure is drawn in a
    worker: this process never loads matplotlib, the workers never load the compiled model kernels, so no
    process holds both (main process peak RSS 277 MB instead of 321 MB on SuperCon; drawing the leftover
    figures here as well gained no measurable wall time on two shared cores). The objects alive at the fork
    are frozen in this process too (:func:`gc.freeze`) until :meth:`close`, so that its collections do not
    copy the pages it shares with the workers (~15 MB less private memory here, ~20 MB in the worker,
    measured). A worker's exception
    is raised again here, and :meth:`close` (always called) cancels what has not started and waits for
    what has, so no worker writes into the output folder after the run ends, completed or not. The files
    are the same bytes either way (tested): each figure is drawn from the same row by the same code.
    """

    def __init__(self, figdir: Path, jobs: int):
        self.figdir = figdir
        self.pending: list[list] = []  # [row, specs, future or None]
        self.pool = None
        if jobs > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=jobs - 1, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_worker_start)
            # The objects the workers inherit are frozen here too (until close()): this process's collections
            # then write to none of their pages, which stay shared with the workers instead of being copied.
            gc.freeze()

    def prepare(self):
        """Start the worker now and have it load the plotting modules: the future, or None without a worker."""
        return None if self.pool is None else self.pool.submit(_load_plotting)

    def call(self, func, *args, **kwargs):
        """``func(*args, **kwargs)`` in a worker (a future), or here when its ``result()`` is asked for."""
        return _Later(func, *args, **kwargs) if self.pool is None else self.pool.submit(func, *args, **kwargs)

    def add(self, row: cl.ScoreRow) -> None:
        """Queue ``row``'s figures."""
        specs = _row_figures(row)
        if specs:
            future = None if self.pool is None else self.pool.submit(_render, row, specs, self.figdir)
            self.pending.append([row, specs, future])

    def results(self) -> dict:
        """Every queued figure, ``{name: {"paths", "caption"}}`` in the order of :data:`FIGURE_SPECS`."""
        with _frozen():
            drawn = [_render(row, specs, self.figdir) if future is None else None
                     for row, specs, future in self.pending]
        out = {}
        for (row, specs, future), here in zip(self.pending, drawn):
            out.update(here if future is None else future.result())
        order = [spec[0] for specs in FIGURE_SPECS.values() for spec in specs]
        return {name: out[name] for name in sorted(out, key=order.index)}

    def close(self, failed: bool = False) -> None:
        """Stop the workers: after a failure or Ctrl-C (``failed``) at once, else when their work is done."""
        if self.pool is None:
            return
        if failed:
            # Ctrl-C would otherwise wait for the running task (a row's figures or the electronegativity
            # estimates: up to ~2 s). The workers are this executor's own processes; the caller removes
            # whatever they had written.
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


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
