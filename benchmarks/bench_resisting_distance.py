"""Throughput and accuracy of the exact infinite-lattice evaluator against the truncated sum.

Run:  python benchmarks/bench_resisting_distance.py [--points N] [--json]

Every method is timed in this process on the same machine, and its error is
measured against a 40-digit mpmath evaluation of the closed form (itself
checked against the literal series in tests/test_infinite_lattice.py). The
truncated sum is given its best NumPy form (terms vectorised in chunks) and
as many terms as it needs to reach the exact evaluator's accuracy target of
1e-12 in R_b D. NumPy runs these element-wise operations on one core.
"""

from __future__ import annotations

import argparse
import json
import time

import mpmath as mp
import numpy as np

import etunnel
from etunnel.model import infinite_lattice as il
from etunnel.model import lattice, tables

TARGET = 1e-12
C = 0.37


def best_rate(func, n_points, repeats=5):
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return n_points / best


def reference(x, c):
    with mp.workdps(40):
        values = []
        for xi in x:
            a0, a1 = tables.reduced_functions_mp(mp.mpf(float(xi)))
            xi = mp.mpf(float(xi))
            values.append(float((1 - xi) * (1 / xi + a0 + c * a1)))
    return np.array(values)


def truncated_sum_chunked(x, c, terms, chunk=2048):
    total = np.zeros_like(x)
    for start in range(0, terms, chunk):
        i = np.arange(start, min(start + chunk, terms))[:, None]
        total += lattice.series_term(i, x[None, :], 1.0, c).sum(axis=0)
    return total


def terms_for_target(x_ref, exact_ref, c):
    """Smallest power of two N whose truncated sum is within TARGET everywhere on x_ref."""
    terms = 1024
    while True:
        err = np.max(np.abs(truncated_sum_chunked(x_ref, c, terms) - exact_ref) / np.maximum(1, np.abs(exact_ref)))
        if err <= TARGET:
            return terms, err
        terms *= 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2_000_000, help="points for the exact evaluators")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    rng = np.random.default_rng(2026)
    x = rng.uniform(0.01, 1.0, args.points)
    c_array = rng.uniform(0.0, 1.0, args.points)
    r = x * 155e-12
    x_ref = np.concatenate([np.linspace(0.01, 1.0, 41), rng.uniform(0.01, 1.0, 24)])
    exact_ref = reference(x_ref, C)

    def error(values):
        return float(np.max(np.abs(values - exact_ref) / np.maximum(1.0, np.abs(exact_ref))))

    rows = []
    rows.append(
        dict(
            method="exact, fast polynomial kernel (c scalar)",
            rate=best_rate(lambda: il.reduced_resisting_distance(x, C), x.size),
            error=error(il.reduced_resisting_distance(x_ref, C)),
        )
    )
    rows.append(
        dict(
            method="exact, etunnel.resisting_distance (validated, SI)",
            rate=best_rate(lambda: etunnel.resisting_distance(r, 155e-12, C), x.size),
            error=error(etunnel.resisting_distance(x_ref * 155e-12, 155e-12, C) * 155e-12),
        )
    )
    rows.append(
        dict(
            method="exact, fast polynomial kernel (c array)",
            rate=best_rate(lambda: il.reduced_resisting_distance(x, c_array), x.size),
            error=error(il.reduced_resisting_distance(x_ref, np.full_like(x_ref, C))),
        )
    )
    rows.append(
        dict(
            method="exact, SciPy digamma/trigamma closed form",
            rate=best_rate(lambda: il.reduced_resisting_distance_special(x, C), x.size, repeats=3),
            error=error(il.reduced_resisting_distance_special(x_ref, C)),
        )
    )
    rows.append(
        dict(
            method="first term only, eq. (37) (the paper's approximation)",
            rate=best_rate(lambda: lattice.first_term(x, 1.0, C), x.size),
            error=error(lattice.first_term(x_ref, 1.0, C)),
        )
    )
    terms, _ = terms_for_target(x_ref, exact_ref, C)
    subset = x_ref[:16]
    start = time.perf_counter()
    truncated = truncated_sum_chunked(subset, C, terms)
    truncated_rate = subset.size / (time.perf_counter() - start)
    rows.append(
        dict(
            method=f"truncated sum, eq. (24), N = {terms} terms",
            rate=truncated_rate,
            error=error(truncated_sum_chunked(x_ref, C, terms)),
        )
    )
    _ = truncated
    for row in rows:
        row["speedup_vs_truncated"] = row["rate"] / truncated_rate

    if args.json:
        print(json.dumps({"target_error": TARGET, "c": C, "rows": rows}, indent=2))
        return
    print(f"max |error| in R_b D against 40-digit mpmath, over x = r/R_b in [0.01, 1], c = {C}")
    print(f"{'method':58s} {'points/s':>12s} {'max error':>10s} {'x truncated':>12s}")
    for row in rows:
        print(f"{row['method']:58s} {row['rate']:12.3g} {row['error']:10.2g} {row['speedup_vs_truncated']:12.3g}")


if __name__ == "__main__":
    main()
