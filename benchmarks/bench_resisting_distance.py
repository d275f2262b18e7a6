"""Throughput and accuracy of the infinite-lattice resisting distance D.

Run:  python benchmarks/bench_resisting_distance.py [--points N] [--json]
or as part of ``python benchmarks/run.py``.

Every rate is measured in this process on this machine, against the machine's
``a*x + b`` rate on arrays of the same length (memory bandwidth: what any
one-pass kernel is bounded by), against the NumPy evaluator the compiled
kernel replaced, and against the truncated sum of eq. (24) with as many terms
as it needs to reach 1e-12. Errors are measured against 40-digit mpmath
evaluations of the closed form (itself checked against the literal series in
tests/test_infinite_lattice.py), with the inputs' exact binary values.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import mpmath as mp
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import best_rate, memory_rate, row, standalone  # noqa: E402

import etunnel  # noqa: E402
from etunnel.model import infinite_lattice as il  # noqa: E402
from etunnel.model import lattice, tables  # noqa: E402

C = 0.37
R_B = 155e-12
GOAL_RATE = 2e8
GOAL_FRACTION = 0.2


def previous_numpy_evaluator(x, c, block=16384):
    """The NumPy evaluator before the compiled kernel: blocked Horner on a merged polynomial."""
    merged = np.asarray(il._A1) * c
    merged[: len(il._A0)] += np.asarray(il._A0)
    out = np.empty_like(x)
    for start in range(0, x.size, block):
        xb = x[start : start + block]
        ob = out[start : start + block]
        t = 2.0 * xb - 1.0
        ob.fill(merged[-1])
        for a in merged[-2::-1]:
            ob *= t
            ob += a
        ob += 1.0 / xb
        ob *= 1.0 - xb
    return out


def reference_D(r, R_b, c):
    """D at 40 digits from the closed form, inputs taken as their exact binary values. [1/m]"""
    with mp.workdps(40):
        r, R_b = mp.mpf(float(r)), mp.mpf(float(R_b))
        x = r / R_b
        a0, a1 = tables.reduced_functions_mp(x)
        return (R_b - r) / R_b**2 * (1 / x + a0 + mp.mpf(c) * a1)


def accuracy():
    """Max relative error of D against mpmath away from its zero, and one ulp below the border."""
    rng = np.random.default_rng(2026)
    x = np.concatenate([np.geomspace(1e-6, 1, 30), rng.uniform(0.0, 1.0, 60), 1 - np.geomspace(1e-15, 1e-2, 10)])
    worst = 0.0
    for c in (0.0, 0.2, C, 1.0):
        r = x * R_B
        D = etunnel.resisting_distance(r, R_B, c)
        for ri, Di in zip(r, D):
            ref = reference_D(ri, R_B, c)
            if ref == 0:
                continue
            reduced = ref * R_B**2 / (R_B - mp.mpf(float(ri)))  # R_b D/(1 - x), O(1) except at R_c
            if abs(reduced) > 1e-2:
                worst = max(worst, float(abs((Di - ref) / ref)))
    border = 0.0
    for R_b in (R_B, 1.0, 3.3e-12):
        r = math.nextafter(R_b, 0.0)
        for c in (0.0, C, 1.0):
            ref = reference_D(r, R_b, c)
            border = max(border, float(abs((etunnel.resisting_distance(r, R_b, c) - ref) / ref)))
    return worst, border


def truncated_sum_chunked(x, c, terms, chunk=2048):
    total = np.zeros_like(x)
    for start in range(0, terms, chunk):
        i = np.arange(start, min(start + chunk, terms))[:, None]
        total += (lattice._potential_term(i, x[None, :], 1.0, c) + lattice._kinetic_term(i, x[None, :], 1.0, c)).sum(axis=0)
    return total


def run(points: int = 1_000_000) -> list[dict]:
    rng = np.random.default_rng(2026)
    x = rng.uniform(0.01, 1.0, points)
    r = x * R_B
    c_array = rng.uniform(0.0, 1.0, points)
    memory = memory_rate(points)
    kernel = best_rate(lambda: il.reduced_resisting_distance(x, C), points)
    public = best_rate(lambda: etunnel.resisting_distance(r, R_B, C), points)
    public_c = best_rate(lambda: etunnel.resisting_distance(r, R_B, c_array), points)
    previous = best_rate(lambda: previous_numpy_evaluator(x, C), points, repeats=3)
    memory = max(memory, memory_rate(points))  # re-measured after the kernels: the larger of the two

    # Truncated eq. (24) at the accuracy of the exact evaluator, on a few points.
    x_few = np.linspace(0.05, 0.95, 16)
    exact_few = il.reduced_resisting_distance(x_few, C)
    terms = 1024
    while np.max(np.abs(truncated_sum_chunked(x_few, C, terms) - exact_few) / np.maximum(1, np.abs(exact_few))) > 1e-12:
        terms *= 2
    truncated = best_rate(lambda: truncated_sum_chunked(x_few, C, terms), x_few.size, repeats=1)

    worst, border = accuracy()
    goal = f">= {GOAL_RATE:.0e}/s and >= {GOAL_FRACTION:.0%} of a*x+b"
    return [
        row("D, infinite lattice, compiled kernel (x array, c scalar)", kernel, "points/s", "a*x+b", memory, goal,
            kernel >= GOAL_RATE and kernel >= GOAL_FRACTION * memory),
        row("D, etunnel.resisting_distance (validated, SI, c scalar)", public, "points/s", "a*x+b", memory, goal,
            public >= GOAL_RATE and public >= GOAL_FRACTION * memory),
        row("D, etunnel.resisting_distance (c array)", public_c, "points/s", "a*x+b", memory, "-", None),
        row("D, kernel vs the previous NumPy evaluator", kernel, "points/s", "previous NumPy evaluator", previous, "faster", kernel > previous),
        row(f"D, kernel vs truncated eq. (24) at 1e-12 (N = {terms})", kernel, "points/s", "truncated sum", truncated, "-", None),
        row("D, max relative error vs mpmath (away from its zero at R_c)", worst, "1", "-", None, "<= 1e-12", worst <= 1e-12),
        row("D, relative error one ulp below R_b vs mpmath", border, "1", "-", None, "<= 1e-10", border <= 1e-10),
    ]


def main() -> None:
    standalone(run, __doc__.splitlines()[0], points=1_000_000,
               points_help="points per timed call (1e6: inputs and output fit in cache; see scaling.png)")


if __name__ == "__main__":
    main()
