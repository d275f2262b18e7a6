"""Throughput and accuracy of conducting_radius and classify (infinite lattice).

Run:  python benchmarks/bench_conducting_radius.py [--points N] [--json]
or as part of ``python benchmarks/run.py``.

The baseline is the solver these replaced, measured in the same process: the
vectorised NumPy safeguarded Newton with the strict bracket test (an iterate
landing on the bracket was rejected, so it bisected ~55 times) and the NumPy
polynomial evaluation of f and f'. Accuracy is the largest relative
difference from that solver with the bracket test made inclusive (the
converged reference; it agrees with mpmath in tests/test_conducting.py) on a
dense grid of c from the threshold to 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import best_rate, memory_rate, row, standalone  # noqa: E402

import etunnel  # noqa: E402
from etunnel.model import conducting, infinite_lattice  # noqa: E402

GOAL_RATE = 2e7
_P = np.polynomial.polynomial


def numpy_tunnel_function(x, c):
    """f and f' by NumPy polyval (the evaluation before the compiled kernels)."""
    t = 2 * x - 1
    A0, A1 = np.asarray(infinite_lattice._A0), np.asarray(infinite_lattice._A1)
    f = 1 / x + _P.polyval(t, A0) + c * _P.polyval(t, A1)
    df = -1 / x**2 + 2 * _P.polyval(t, _P.polyder(A0)) + 2 * c * _P.polyval(t, _P.polyder(A1))
    return f, df


def previous_solver(c):
    """The solver before: safeguarded Newton whose bracket test used strict inequalities."""
    lo = np.full(c.shape, 0.2)
    hi = np.ones(c.shape)
    x = 0.5 * (lo + hi)
    for _ in range(100):
        f, df = numpy_tunnel_function(x, c)
        positive = f > 0
        lo = np.where(positive, x, lo)
        hi = np.where(positive, hi, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = x - f / df
        inside = (newton > lo) & (newton < hi) & np.isfinite(newton)
        x_new = np.where(inside, newton, 0.5 * (lo + hi))
        converged = np.abs(x_new - x) <= 4 * np.finfo(float).eps * x_new
        x = x_new
        if converged.all():
            break
    return x


def run(points: int = 1_000_000) -> list[dict]:
    rng = np.random.default_rng(2026)
    c = rng.uniform(0.0, 1.0, points)
    R_b = 1.55e-10
    radius = best_rate(lambda: etunnel.conducting_radius(R_b, c), points)
    state = best_rate(lambda: etunnel.classify(0.6 * R_b, R_b, c), points)
    few = c[c >= infinite_lattice.INFINITE_THRESHOLD][:20_000]
    previous = best_rate(lambda: previous_solver(few), few.size, repeats=2)
    memory = memory_rate(points)

    grid = np.linspace(infinite_lattice.INFINITE_THRESHOLD, 1.0, 100_001)
    new = etunnel.conducting_radius(1.0, grid)
    reference = conducting._solve_reduced_root(grid, numpy_tunnel_function)
    error = float(np.max(np.abs(new - reference) / reference))
    goal = f">= {GOAL_RATE:.0e}/s"
    return [
        row("R_c, etunnel.conducting_radius (c array)", radius, "values/s", "previous NumPy solver", previous, goal, radius >= GOAL_RATE),
        row("state, etunnel.classify (c array of 14-character strings)", state, "values/s", "previous NumPy solver", previous, goal, state >= GOAL_RATE),
        row("R_c, etunnel.conducting_radius vs a*x+b", radius, "values/s", "a*x+b", memory, "-", None),
        row("R_c, max relative difference from the converged NumPy solver", error, "1", "-", None, "<= 4.4e-16 (2 ulp)", error <= 4.5e-16),
    ]


def main() -> None:
    standalone(run, __doc__.splitlines()[0], points=1_000_000, points_help="values of c per timed call")


if __name__ == "__main__":
    main()
