"""``etunnel reproduce``: the paper's tables, figures and claims, recomputed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etunnel.cli import app
from etunnel.cli.common import console, print_json


@app.command()
def reproduce(
    out: Annotated[Path, typer.Option("--out", help="Directory for report.md, report.html, figures/, table1.csv, claims.json.")],
    json_output: Annotated[bool, typer.Option("--json", help="Print the claims as one JSON object.")] = False,
) -> None:
    """Recompute every table, figure and numerical claim of the paper that its equations determine.

    Writes a Markdown report and a self-contained HTML page (figures
    embedded), the figures as PNG and SVG, DIR/table1.csv (Table 1 beside
    etunnel's values) and DIR/claims.json (each claim: paper value, etunnel
    value, verdict).

    Example: etunnel reproduce --out report/
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from etunnel.report.build import STEPS, build_report

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console, transient=json_output, disable=json_output) as progress:
        task = progress.add_task("reproducing", total=len(STEPS))
        started = []

        def step(name: str) -> None:
            if started:
                progress.advance(task)
            started.append(name)
            progress.update(task, description=name)

        result = build_report(out, step=step)
        progress.advance(task)
        progress.update(task, description="done")
    claims = [c.to_dict() for c in result["claims"]]
    if json_output:
        print_json({"out": str(result["out"]), "claims": claims})
        return
    from rich.table import Table

    table = Table(title="claims", header_style="bold")
    for col in ("id", "verdict"):
        table.add_column(col)
    for c in claims:
        table.add_row(c["id"], c["verdict"])
    console.print(table)
    console.print(f"report written to {result['out'] / 'report.html'}")
