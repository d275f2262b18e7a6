"""``etunnel screen``: rank candidate compositions by the paper's guideline and a T_c baseline."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer

from etunnel.cli import app
from etunnel.cli.common import console, print_json

_CSV_COLUMNS = ("row", "formula", "family", "guideline_score", "rank_guideline", "predicted_tc_K", "tc_low_K",
                "tc_high_K", "rank_predicted", "measured_tc_K", "out_of_distribution", "nearest_distance",
                "nearest_known", "ood_reasons")


def _write_csv(path: Path, result, *, force: bool) -> None:
    """Write the screen as CSV atomically (temp file in the same folder, then rename)."""
    from etunnel.outputs import atomic_file

    with atomic_file(path, force=force) as temp, open(temp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(_CSV_COLUMNS)
        for c in result.candidates:
            w.writerow([c.row, c.formula, c.family, f"{c.guideline_score:.4f}", c.rank_guideline,
                        f"{c.predicted_tc_K:.2f}", f"{c.tc_low_K:.2f}", f"{c.tc_high_K:.2f}", c.rank_predicted,
                        "" if c.measured_tc_K is None else f"{c.measured_tc_K:g}", c.out_of_distribution,
                        f"{c.nearest_distance:.3f}",
                        "; ".join(f"{n.formula} ({n.tc_K:g} K)" for n in c.nearest), " | ".join(c.ood_reasons)])

@app.command()
def screen(
    formulas: Annotated[list[str] | None, typer.Argument(help="Candidate formulas, e.g. LaH10 H3S MgB2.")] = None,
    supercon: Annotated[Path | None, typer.Option("--supercon", help="SuperCon-format CSV (columns name, Tc [K]) "
                                                  "the baseline is trained on, e.g. stanev_supercon_data.csv.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="CSV of candidates with a 'formula' (or 'name') "
                                              "column, instead of formulas on the command line.")] = None,
    out: Annotated[str | None, typer.Option("--out", help="Screening: write the ranking as CSV here. With "
                                             "--evaluate: the report directory.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --out CSV.")] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Report and skip unusable formulas instead of "
                                           "stopping at the first.")] = False,
    evaluate: Annotated[bool, typer.Option("--evaluate", help="Evaluate the guideline and the baseline by "
                                           "cross-validation and write DIR/guideline.html (needs --out DIR).")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Train afresh; do not read or write the model "
                                           "cache ($XDG_CACHE_HOME/etunnel/screen).")] = False,
    seeds: Annotated[int, typer.Option("--seeds", help="Evaluation: seeds of the repeated K-fold (1-20).")] = 2,
    folds: Annotated[int, typer.Option("--folds", help="Evaluation: K of the K-fold splits (2-20).")] = 5,
    bootstrap: Annotated[int, typer.Option("--bootstrap", help="Evaluation: bootstrap resamples of the "
                                           "guideline-score intervals (20-10000).")] = 500,
    json_output: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Rank candidates by the paper's guideline score and a gradient-boosted T_c baseline.

    The guideline score (0-1, no fitted weights) averages three percentiles
    within SuperCon: narrow electronegativity range, large/small atom size
    ratio (covalent radii), few atoms per formula unit. The baseline predicts
    T_c [K] from Magpie + guideline features with a 10-90% quantile band; it
    is trained on --supercon (deduplicated) and cached by the file's SHA-256.
    Candidates with unseen elements or far from every training composition
    are flagged out of distribution; the nearest known compounds are named
    with their measured T_c.

    Examples: etunnel screen LaH10 H3S MgB2 --supercon stanev_supercon_data.csv;
    etunnel screen --file candidates.csv --supercon S.csv --out ranked.csv;
    etunnel screen --evaluate --supercon S.csv --out report/
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.console import Console

    from etunnel.services.candidate_screen import evaluate_guideline
    from etunnel.services.candidate_screen import screen as run_screen

    if supercon is None:
        raise typer.BadParameter("required: the SuperCon-format training file", param_hint="--supercon")
    if out is not None:
        if not out.strip():
            raise typer.BadParameter("empty path", param_hint="--out")
        out = Path(out)
    err = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("starting", total=1)

        def note(name: str, done: int, total: int) -> None:
            progress.update(task, description=name, completed=done, total=max(total, 1))

        if evaluate:
            if formulas or file is not None:
                raise typer.BadParameter("--evaluate takes no candidates", param_hint="--evaluate")
            if out is None:
                raise typer.BadParameter("--evaluate needs --out DIR for the report", param_hint="--out")
            if not (1 <= seeds <= 20):
                raise typer.BadParameter(f"must be in [1, 20], got {seeds}", param_hint="--seeds")
            if not (2 <= folds <= 20):
                raise typer.BadParameter(f"must be in [2, 20], got {folds}", param_hint="--folds")
            if not (20 <= bootstrap <= 10_000):
                raise typer.BadParameter(f"must be in [20, 10000], got {bootstrap}", param_hint="--bootstrap")
            result = evaluate_guideline(supercon, out, k=folds, n_seeds=seeds, n_seeds_ablation=1,
                                        n_boot=bootstrap, force=force, progress=note)
        else:
            if not formulas and file is None:
                raise typer.BadParameter("give candidate formulas or --file CSV")
            if out is not None:
                from etunnel.outputs import check_output_file

                check_output_file(out, force=force, suffixes=(".csv",))
            result = run_screen(formulas, file=file, supercon=supercon, skip_bad=skip_bad, use_cache=not no_cache,
                                progress=note)
            if out is not None:
                _write_csv(out, result, force=force)
    if json_output:
        print_json(result.to_dict())
        return
    if evaluate:
        for line in result.verdict:
            console.print(f"- {line}")
        console.print(f"report written to {result.files['html']} ({result.conditions['elapsed_s']:.0f} s)")
        return
    _print_screen(result, out)


def _print_screen(result, out: Path | None) -> None:
    from rich.table import Table

    for b in result.skipped:
        _stderr_console().print(f"skipped row {b.row} ({b.formula!r}): {b.reason}")
    table = Table(title="candidates, ranked by predicted T_c", header_style="bold")
    for col, just in (("#T_c", "right"), ("#guide", "right"), ("formula", "left"), ("family", "left"),
                      ("guideline score", "right"), ("predicted T_c [K]", "right"), ("10-90% band [K]", "right"),
                      ("measured [K]", "right"), ("OOD", "left"), ("nearest known (measured T_c)", "left")):
        table.add_column(col, justify=just)
    for c in sorted(result.candidates, key=lambda c: c.rank_predicted):
        table.add_row(str(c.rank_predicted), str(c.rank_guideline), c.formula, c.family, f"{c.guideline_score:.3f}",
                      f"{c.predicted_tc_K:.1f}", f"{c.tc_low_K:.1f}-{c.tc_high_K:.1f}",
                      "-" if c.measured_tc_K is None else f"{c.measured_tc_K:g}",
                      "yes" if c.out_of_distribution else "no",
                      ", ".join(f"{n.formula} ({n.tc_K:g} K)" for n in c.nearest))
    console.print(table)
    m = result.model
    console.print(f"model: {m['origin']} ({m['training_rows']} deduplicated compositions of {m['supercon']}; "
                  f"target {m['target']}; features {m['features']})")
    for key, text in result.assumptions.items():
        console.print(f"{key}: {text}")
    for c in result.candidates:
        for r in c.ood_reasons:
            console.print(f"out of distribution, {c.formula}: {r}")
    if out is not None:
        console.print(f"ranking written to {out}")


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)
