"""``etunnel sweep``: parameter sweeps and uncertainty propagation on dask, stored in zarr."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from etunnel.checks import InputError
from etunnel.cli import app
from etunnel.cli.options import save_figure
from etunnel.cli.common import console, print_json

HELP = """Run a sweep spec (TOML) into a zarr store, or summarise a store.

Axes: materials x radius conventions x parameter samples x temperature (K) x pressure (unit GPa, kbar or Pa). The state of every point is the core rule (etunnel.classify); R_c (m) and D (1/m) are stored beside it. Parameters (SI units) are fixed values, uniform or truncated-normal distributions, or a correlated block (names, mean, covariance); sample s draws from SeedSequence(seed, spawn_key=(s,)). See examples/sweep-small.toml for every key.

Caps: 1e10 points, 1e6 samples, 1e5 points per axis, 4e6 points per chunk and per (T, p) plane. Chunks: [chunks] sample = samples per chunk; by default as many as fit in 1e6 points. Memory follows the chunk, not the sweep: about 0.3 GB + threads x 95 bytes x points per chunk (0.45 GB on 2 threads at the default). On a cluster, larger chunks (up to the cap) keep the scheduler's load low (README). Spec errors are refused with the key named, before anything is computed or written.

Resume: run the same command again after an interruption; chunks already written are skipped and the store ends bit-identical to an uninterrupted run. A store of a different spec is refused (--force replaces it).

Scheduler: local threads on all cores by default; --scheduler tcp://HOST:8786 or --scheduler-file F runs on an existing dask.distributed cluster (start one with `dask scheduler` and `dask worker tcp://HOST:8786`; workers must see --out on a shared filesystem).

Examples:

  etunnel sweep examples/sweep-small.toml --out store.zarr

  etunnel sweep --summary store.zarr --out summary.png
"""


@app.command("sweep", help=HELP)
def sweep(
    spec: Annotated[Optional[Path], typer.Argument(help="Sweep spec (TOML); see examples/sweep-small.toml.")] = None,
    out: Annotated[Optional[str], typer.Option("--out", help="Zarr store to write (run), or figure PNG (--summary).")] = None,
    summary: Annotated[Optional[Path], typer.Option("--summary", help="Summarise this store instead of running.")] = None,
    scheduler: Annotated[Optional[str], typer.Option(help="dask.distributed scheduler address, e.g. tcp://127.0.0.1:8786.")] = None,
    scheduler_file: Annotated[Optional[Path], typer.Option(help="dask.distributed scheduler file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a store of a different spec, or an existing figure.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    if summary is not None:
        if spec is not None:
            raise InputError("give either a spec to run or --summary STORE, not both")
        if scheduler is not None or scheduler_file is not None:
            raise InputError("--scheduler and --scheduler-file apply to a run, not to --summary")
        _summary(summary, out, force, json_out)
        return
    if spec is None:
        raise InputError("missing spec: etunnel sweep SPEC.toml --out STORE.zarr (or --summary STORE)")
    if out is not None:
        from etunnel.outputs import check_output_location

        out = check_output_location(out)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from etunnel.services.sweep_run import run_sweep

    # the bar starts on the first progress call, after the spec is validated: a refused spec prints one line
    bar = Progress(TextColumn("sweep"), BarColumn(), MofNCompleteColumn(), TextColumn("chunks"),
                   TimeRemainingColumn(), console=_stderr_console(), transient=True)
    task = None

    def progress(total, n):
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task("sweep", total=total, completed=n)
        else:
            bar.advance(task, n)

    try:
        result = run_sweep(spec, out, scheduler=scheduler, scheduler_file=str(scheduler_file) if scheduler_file else None,
                           force=force, progress=progress)
    except KeyboardInterrupt:
        if task is not None:
            bar.stop()
        print("etunnel: interrupted; the chunks written are kept: run the same command again to resume",
              file=sys.stderr)
        raise typer.Exit(130) from None
    finally:
        if task is not None and bar.live.is_started:
            bar.stop()
    if json_out:
        print_json(result.to_dict())
        return
    console.print(f"store: {result.store}  (spec {result.spec_hash[:12]})")
    console.print("shape: " + " x ".join(f"{k} {v}" for k, v in result.shape.items()) + f" = {result.points:,} points")
    console.print(f"chunks: {result.chunks_computed} computed, {result.chunks_already_done} already done, "
                  f"{result.chunks_total} in all; {result.scheduler}; {result.seconds:.2f} s"
                  + (f", {result.points_per_second:,.0f} points/s" if result.points_per_second else ""))
    for key, why in result.missing_inputs.items():
        console.print(f"no data (state -2) for {key}: {why}")
    for line in result.assumptions:
        console.print(f"assumption in force: {line}")


def _stderr_console():
    from rich.console import Console

    return Console(file=sys.stderr)


def _summary(store: Path, out: str | Path | None, force: bool, json_out: bool) -> None:
    from etunnel.services.sweep_run import summarize_store

    if out is not None:
        from etunnel.outputs import check_output_file

        check_output_file(out, force=force, suffixes=(".png", ".svg", ".pdf"))
    result = summarize_store(store)
    if out is not None:
        if not result.complete:
            raise InputError(f"store {str(store)!r} is incomplete ({result.chunks_done}/{result.chunks_total} chunks); "
                             "run the sweep again to finish it before plotting")
        from etunnel.plots.sweep_summary import plot_sweep_summary

        save_figure(plot_sweep_summary(store, result), out, force=force)
    if json_out:
        print_json(result.to_dict())
        return
    from rich.table import Table

    console.print(f"store: {result.store}  spec {result.spec_hash[:12]}  etunnel {result.etunnel_version}  seed {result.seed}")
    console.print(f"chunks done: {result.chunks_done}/{result.chunks_total}" + ("" if result.complete else "  (INCOMPLETE: run the sweep again to resume)"))
    console.print("shape: " + " x ".join(f"{k} {v}" for k, v in result.shape.items()))
    console.print(f"temperature {result.temperature_K[0]:g}-{result.temperature_K[1]:g} K ({result.temperature_K[2]} points); "
                  f"pressure {result.pressure_GPa[0]:g}-{result.pressure_GPa[1]:g} GPa ({result.pressure_GPa[2]} points)")
    for name, v in result.parameters.items():
        console.print(f"parameter {name}: " + ", ".join(f"{k} {x:.6g}" for k, x in v.items()) + " (SI)")
    if not result.complete:
        return
    table = Table(title="fraction of (sample, T, p) cells in each state", header_style="bold")
    for col in ("material", "radii", "N", "O", "I", "C", "S", "S onset [GPa]"):
        table.add_column(col, overflow="fold")
    for m in result.materials:
        f = m.state_fraction
        o = m.onset_pressure_GPa
        tc = (f"{o['p05']:.3g}/{o['median']:.3g}/{o['p95']:.3g}" if o["median"] is not None
              else f"none in {1 - o['fraction_of_samples']:.0%} of samples")
        table.add_row(m.material, m.convention, *(f"{f[k]:.3f}" for k in ("no data", "outside model domain", "insulator",
                                                                          "conductor", "superconductor")), tc)
    console.print(table)
    console.print("N no data (a radius missing in that convention), O outside the model's domain, I insulator, "
                  "C conductor, S superconductor. S onset: lowest grid pressure superconducting at the lowest "
                  "temperature, 5 %/median/95 % over samples.")
    console.print(result.tc_definition)
    if len(result.robustness) and any(len(r["state_probability_by_convention"]) > 1 for r in result.robustness):
        console.print(f"verdict at {result.robustness[0]['at_T_K']:g} K, {result.robustness[0]['at_p_GPa']:g} GPa under each "
                      "radius convention (probability over samples):")
        for r in result.robustness:
            parts = []
            for label, probs in r["state_probability_by_convention"].items():
                text = "no data" if probs is None else ", ".join(f"{k} {v:.2f}" for k, v in probs.items())
                parts.append(f"{label}: {text}")
            console.print(f"  {r['material']}: " + "; ".join(parts))
    if out is not None:
        console.print(f"figure: {out}")
