"""``etunnel validate``: the paper's claims measured against real data, beside baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from etunnel.cli import app
from etunnel.cli.common import console, jsonable, print_json


@app.command()
def validate(
    supercon: Annotated[Path, typer.Option("--supercon", help="SuperCon-format CSV (columns name, Tc [K]), e.g. "
                                                              "stanev_supercon_data.csv.")],
    out: Annotated[Path, typer.Option("--out", help="Directory for scorecard.md, scorecard.html, figures/, CSVs.")],
    tc_pressure: Annotated[Path | None, typer.Option("--tc-pressure", help="T_c(p) table for the calibration "
                                                                           "module (default: the packaged one).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the scorecard rows as JSON.")] = False,
    bootstrap: Annotated[int, typer.Option("--bootstrap", help="Bootstrap resamples per interval (0: none).")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of every bootstrap and permutation.")] = 0,
) -> None:
    """Measure the paper's claims against data, beside a standard-theory baseline, and write a scorecard.

    One row per claim: the claim as the paper states it, the measured effect
    with a bootstrap interval and p-value (under every radius convention and
    a range of c), the baseline on the same question, and a verdict. Writes
    DIR/scorecard.md, DIR/scorecard.html (figures embedded), DIR/figures/
    (PNG and SVG), DIR/variants_*.csv, DIR/scorecard.json and
    DIR/supercon_unparsable.csv.

    Example: etunnel validate --supercon stanev_supercon_data.csv --out val/
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from etunnel.validation.scorecard import STEPS, run_validation

    if bootstrap < 0:
        raise typer.BadParameter(f"must be >= 0, got {bootstrap}", param_hint="--bootstrap")
    total = sum(w for _, w in STEPS)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                  TimeElapsedColumn(), console=console, transient=json_output, disable=json_output) as progress:
        task = progress.add_task("validating", total=total)
        pending = []

        def step(name: str, weight: int) -> None:
            if pending:
                progress.advance(task, pending.pop())
            pending.append(weight)
            progress.update(task, description=name)

        def parsing(done: int, count: int) -> None:
            progress.update(task, description=f"SuperCon formulas {done}/{count}")

        result = run_validation(supercon, out, tc_pressure=tc_pressure, n_bootstrap=bootstrap, seed=seed,
                                step=step, parse_progress=parsing)
        if pending:
            progress.advance(task, pending.pop())
        progress.update(task, description="done")
    rows = [r.to_dict() for r in result["rows"]]
    payload = {"out": str(result["out"]), "supercon": result["supercon"], "rows": rows}
    (Path(result["out"]) / "scorecard.json").write_text(
        json.dumps(jsonable(payload), indent=2, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")
    if json_output:
        print_json(payload)
        return
    from rich.table import Table

    from etunnel.validation.claims import fmt_estimate

    table = Table(title="validation scorecard", header_style="bold")
    for col in ("claim", "measured effect", "95% interval", "p", "verdict"):
        table.add_column(col)
    for r in result["rows"]:
        eff, ci, p = fmt_estimate(r.effect)
        table.add_row(r.id, eff, ci, p, r.verdict)
    console.print(table)
    console.print(f"scorecard written to {result['out'] / 'scorecard.html'}")
