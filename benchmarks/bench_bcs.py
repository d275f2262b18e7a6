"""Throughput and accuracy of the tabulated BCS gap against the root solve it replaces.

Run:  python benchmarks/bench_bcs.py [--points N] [--json]

Both methods of :func:`etunnel.standard.bcs_gap` are timed in this process:
``method="table"`` (piecewise Chebyshev series, one compiled pass) on N
temperatures, and ``method="solve"`` (64-step bisection of the gap equation
per distinct temperature, the reference) on a smaller sample, each as
temperatures per second. Accuracy is measured against the solver over
``0 < t <= 0.99`` (where the solver itself is accurate to ~1e-13) and against
a 32-digit mpmath solution of the Matsubara form of the gap equation over the
whole range, ``t -> 0`` and ``1 - t = 1e-12`` included.

``run()`` returns the rows collected by ``benchmarks/run.py``.
"""

from __future__ import annotations


import numpy as np

from etunnel.standard import bcs_gap
from etunnel.standard.bcs import _reduced_gap, _reduced_gap_solve
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import best_time, standalone  # noqa: E402

GOAL_RATE = 1e7  # temperatures per second (issue 12)
GOAL_ERROR = 1e-12  # relative


def mpmath_reference(t):
    import mpmath as mp

    from etunnel.standard.bcs_gap_tables import reduced_gap_mp

    with mp.workdps(32):
        return np.array([float(reduced_gap_mp(mp.mpf(float(x)))) for x in t])


def run(points: int = 1_000_000, solve_points: int = 2_000) -> list[dict]:
    """Rows: table and solver throughput, and the table's error against the solver and mpmath."""
    T_c = 9.25
    rng = np.random.default_rng(0)
    T = rng.uniform(0.0, T_c, points)  # distinct temperatures: the solver gets no help from np.unique
    bcs_gap(T[:10], T_c)  # compile or load the kernel outside the timing
    rate_table = points / best_time(lambda: bcs_gap(T, T_c), 5, warmup=False)
    T_small = T[:solve_points]
    rate_solve = solve_points / best_time(lambda: bcs_gap(T_small, T_c, method="solve"), 2, warmup=False)

    t = np.linspace(1e-3, 0.99, 2_000)
    err_solve = float(np.max(np.abs(_reduced_gap(t) / _reduced_gap_solve(t) - 1.0)))
    t_mp = np.r_[0.045, 0.06, np.linspace(0.07, 0.99, 12), 1 - np.logspace(-3, -12, 6)]
    err_mp = float(np.max(np.abs(_reduced_gap(t_mp) / mpmath_reference(t_mp) - 1.0)))
    rows = [
        {"name": "bcs_gap table throughput", "value": rate_table, "unit": "temperatures/s",
         "baseline_name": "bcs_gap(method='solve') throughput", "baseline_value": rate_solve,
         "ratio": rate_table / rate_solve, "goal": f">= {GOAL_RATE:.0e} temperatures/s",
         "met": bool(rate_table >= GOAL_RATE)},
        {"name": "bcs_gap table max relative error vs solver (0 < t <= 0.99)", "value": err_solve, "unit": "1",
         "baseline_name": "goal", "baseline_value": GOAL_ERROR, "ratio": err_solve / GOAL_ERROR,
         "goal": f"<= {GOAL_ERROR:.0e}", "met": bool(err_solve <= GOAL_ERROR)},
        {"name": "bcs_gap table max relative error vs 32-digit mpmath (0.045 <= t <= 1 - 1e-12)", "value": err_mp,
         "unit": "1", "baseline_name": "goal", "baseline_value": GOAL_ERROR, "ratio": err_mp / GOAL_ERROR,
         "goal": f"<= {GOAL_ERROR:.0e}", "met": bool(err_mp <= GOAL_ERROR)},
    ]
    return rows


def main(argv=None) -> None:
    standalone(run, __doc__.splitlines()[0], points=1_000_000, points_help="temperatures for the table timing (default 1e6)",
               points_range=(1_000, 50_000_000), argv=argv)


if __name__ == "__main__":
    main()
