"""``etunnel reproduce``: the paper's tables, figures and claims, recomputed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etunnel.cli import app
from etunnel.cli.common import console, print_json, progress_bar


@app.command()
def reproduce(
    out: Annotated[str, typer.Option("--out", help="Directory for report.md, report.html, figures/, table1.csv, "
                                                    "claims.json (new or empty, or any with --force).")],
    force: Annotated[bool, typer.Option("--force", help="Write into an existing non-empty --out, replacing files "
                                                        "of the same name.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the claims as one JSON object.")] = False,
) -> None:
    """Recompute every table, figure and numerical claim of the paper that its equations determine.

    Writes a Markdown report and a self-contained HTML page (figures
    embedded), the figures as PNG and SVG, DIR/table1.csv (Table 1 beside
    etunnel's values) and DIR/claims.json (each claim: paper value, etunnel
    value, verdict). The folder appears complete or not at all.

    Example: etunnel reproduce --out report/
    """
    from etunnel.report.build import STEPS
    from etunnel.services.reproduction import reproduce as run_reproduce

    with progress_bar("reproducing", enabled=not json_output) as progress:
        started = []

        def step(name: str) -> None:
            if progress is not None:
                progress(len(started), len(STEPS), name)
            started.append(name)

        report = run_reproduce(out, force=force, step=step)
    if json_output:
        print_json(report.to_dict())
        return
    from rich.table import Table

    table = Table(title="claims", header_style="bold")
    for col in ("id", "verdict"):
        table.add_column(col, overflow="fold")
    for c in report.to_dict()["claims"]:
        table.add_row(c["id"], c["verdict"])
    console.print(table)
    console.print(f"report written to {Path(report.out) / 'report.html'}")
