"""Timing helpers and the row format shared by the benchmarks/bench_*.py modules.

A benchmark module exposes ``run() -> list[dict]``; each row has the keys
``name, value, unit, baseline_name, baseline_value, ratio, goal, met``
(``benchmarks/run.py`` collects them into one table). Every baseline is
measured in the same process as the figure it is compared with.
"""

from __future__ import annotations

import time

import numpy as np


def best_time(func, repeats: int = 7, *, warmup: bool = True) -> float:
    """Smallest wall time of ``func()`` over ``repeats`` calls (after one warm-up call unless ``warmup=False``). [s]"""
    if warmup:
        func()
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def best_rate(func, n_points: int, repeats: int = 7) -> float:
    """Points per second of ``func()`` processing ``n_points``, best of ``repeats``. [1/s]"""
    return n_points / best_time(func, repeats)


def per_call(func, calls: int = 20_000, repeats: int = 5) -> float:
    """Seconds per call of ``func()``, best of ``repeats`` loops of ``calls`` calls. [s]"""
    func()
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            func()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def memory_rate(n_points: int = 2_000_000, repeats: int = 7) -> float:
    """The machine's ``a*x + b`` rate on float64 arrays: the memory-bandwidth reference. [points/s]"""
    x = np.random.default_rng(0).uniform(0.0, 1.0, n_points)
    return best_rate(lambda: 2.0 * x + 1.0, n_points, repeats)


def row(name, value, unit, baseline_name, baseline_value, goal, met) -> dict:
    """One result row; ``ratio = value / baseline_value``."""
    ratio = None if baseline_value in (None, 0) or value is None else value / baseline_value
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline_name": baseline_name,
        "baseline_value": baseline_value,
        "ratio": ratio,
        "goal": goal,
        "met": met,
    }


def print_rows(rows: list[dict]) -> None:
    """Plain-text table of rows (for running one module standalone)."""
    for r in rows:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.3g}"
        met = {True: "yes", False: "NO", None: "-"}[r["met"]]
        print(f"{r['name'][:60]:60s} {r['value']:10.3g} {r['unit']:10s} x{ratio:>8s}  {(r['goal'] or '-'):30s} {met}")


def emit(rows: list[dict], *, as_json: bool = False) -> None:
    """Print a standalone benchmark's rows: JSON (``--json``) or the plain-text table."""
    if as_json:
        import json

        print(json.dumps(rows, indent=2))
    else:
        print_rows(rows)


def standalone(run, description: str, *, points: int | None = None, points_help: str = "",
               points_range: tuple[int, int] | None = None, argv=None) -> None:
    """Command line of a benchmark module: a table, or ``--json``.

    With ``points`` (its default), ``run(points)`` takes the size from ``--points``, checked against
    ``points_range`` when given; otherwise ``run()`` takes no arguments.
    """
    import argparse

    parser = argparse.ArgumentParser(description=description)
    if points is not None:
        parser.add_argument("--points", type=int, default=points, help=points_help)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    if points is None:
        emit(run(), as_json=args.json)
        return
    if points_range is not None and not points_range[0] <= args.points <= points_range[1]:
        parser.error(f"--points must be in [{points_range[0]}, {points_range[1]:.0e}], got {args.points}")
    emit(run(args.points), as_json=args.json)


# Runs the CLI and, at exit, records the interpreter's own peak resident memory (VmHWM of this
# process image: unlike ru_maxrss it does not inherit the parent's footprint through fork and exec).
PEAK_RSS_LAUNCHER = """
import atexit, sys
def _hwm():
    with open('/proc/self/status') as fh:
        kb = next(line.split()[1] for line in fh if line.startswith('VmHWM:'))
    with open(sys.argv[1], 'w') as out:
        out.write(kb)
atexit.register(_hwm)
from etunnel.cli import main
main(sys.argv[2:])
"""
