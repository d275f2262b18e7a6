"""``etunnel validate``: the paper's claims measured against real data, beside baselines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from etunnel.cli import app
from etunnel.cli.common import console, print_json, progress_bar
from etunnel.cli.options import input_file


@app.command()
def validate(
    supercon: Annotated[str, typer.Option("--supercon", help="SuperCon-format CSV (columns name, Tc [K]), e.g. "
                                                              "stanev_supercon_data.csv.")],
    out: Annotated[str, typer.Option("--out", help="Directory for scorecard.md, scorecard.html, figures/, CSVs "
                                                    "(new or empty, or any with --force).")],
    tc_pressure: Annotated[Optional[str], typer.Option("--tc-pressure", help="T_c(p) table for the calibration "
                                                                           "module (default: the packaged one).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the scorecard rows as JSON.")] = False,
    bootstrap: Annotated[int, typer.Option("--bootstrap", help="Bootstrap resamples per interval, 0 to 100000 "
                                                               "(0: no intervals).")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of every bootstrap and permutation, 0 to 2**32-1.")] = 0,
    robustness_draws: Annotated[int, typer.Option("--robustness-draws", help="Parameter draws per T_c(p) material "
                                                  "for whether each verdict survives the model's own input "
                                                  "uncertainty, 0 to 2000 (0: none; seed fixed at 20261129).")] = 64,
    jobs: Annotated[Optional[int], typer.Option("--jobs", help="Processes, 1 to 8: with 2 or more, a worker "
                                                "measures the electronegativity estimates and draws every figure while "
                                                "the other rows are measured (the same files as 1: one process). "
                                                "Default: 2 (1 on a one-core machine).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Write into an existing non-empty --out, replacing files "
                                                        "of the same name.")] = False,
) -> None:
    """Measure the paper's claims against data, beside a standard-theory baseline, and write a scorecard.

    One row per claim: the claim as the paper states it, the measured effect
    with a bootstrap interval and p-value (under every radius convention and
    a range of c), the baseline on the same question, and a verdict. Writes
    DIR/scorecard.md, DIR/scorecard.html (figures embedded), DIR/figures/
    (PNG and SVG), DIR/variants_*.csv, DIR/scorecard.json and
    DIR/supercon_unparsable.csv. The folder appears complete or not at all.

    Each verdict is also recomputed under parameter draws from the T_c(p)
    fits' covariance and under every radius convention pair: the last column
    says whether it survives (details in scorecard.json, 'robustness').

    Example: etunnel validate --supercon stanev_supercon_data.csv --out val/
    """
    from etunnel.services.validation_report import validate as run_validate
    from etunnel.validation.scorecard import STEPS, default_jobs

    supercon = input_file(supercon, "--supercon")
    tc_pressure = input_file(tc_pressure, "--tc-pressure")
    total = sum(w for _, w in STEPS)
    with progress_bar("validating", enabled=not json_output) as progress:
        done = [0, 0]  # work finished, weight of the running step

        def step(name: str, weight: int) -> None:
            done[0] += done[1]
            done[1] = weight
            if progress is not None:
                progress(done[0], total, name)

        def parsing(count: int, of: int) -> None:
            if progress is not None:
                progress(done[0], total, f"SuperCon formulas {count}/{of}")

        report = run_validate(supercon, out, tc_pressure=tc_pressure, n_bootstrap=bootstrap, seed=seed,
                              robustness_draws=robustness_draws,
                              jobs=default_jobs() if jobs is None else jobs, force=force, step=step,
                              parse_progress=parsing)
    if json_output:
        print_json(report.to_dict())
        return
    from rich.table import Table

    from etunnel.validation.claims import fmt_estimate
    from etunnel.validation.verdict_robustness import DEFAULT_DRAWS, SEED, SURVIVAL, robustness_cell

    table = Table(title="validation scorecard", header_style="bold")
    for col in ("claim", "measured effect", "95% interval", "p", "verdict", "survives its inputs"):
        table.add_column(col, overflow="fold")
    for r in report.rows:
        eff, ci, p = fmt_estimate(r.effect)
        table.add_row(r.id, eff, ci, p, r.verdict, robustness_cell(r))
    console.print(table)
    console.print(f"robustness: {robustness_draws} parameter draws per T_c(p) material (--robustness-draws, default "
                  f"{DEFAULT_DRAWS}; seed {SEED}) and every radius convention pair; a verdict survives when "
                  f">= {SURVIVAL:.0%} of them give it again")
    console.print(f"scorecard written to {Path(report.out) / 'scorecard.html'}")
