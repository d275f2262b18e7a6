"""Cost of the N-term lattice sum (``terms=N``) for large N.

Run:  python benchmarks/bench_finite_terms.py [--json]
or as part of ``python benchmarks/run.py``.

The compiled compensated sum is timed at N = 1e6 (the size that took 91 s
before); the baseline is the literal NumPy loop over terms
(``lattice.truncated_sum``), timed at N = 2e4 in the same run and scaled
linearly to 1e6 (it is linear in N).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import best_time, row, standalone  # noqa: E402

import etunnel  # noqa: E402
from etunnel.model import lattice  # noqa: E402

N = 1_000_000
N_LITERAL = 20_000


def run() -> list[dict]:
    r, R_b, c = 0.6e-10, 1e-10, 0.3
    D = best_time(lambda: etunnel.resisting_distance(r, R_b, c, N), repeats=3)
    R_c = best_time(lambda: etunnel.conducting_radius(R_b, c, N), repeats=3)
    start = time.perf_counter()
    lattice.truncated_sum(r, R_b, c, N_LITERAL)
    literal = (time.perf_counter() - start) * N / N_LITERAL
    return [
        row("D, terms = 1e6, one point", D, "s", "literal loop (scaled from 2e4 terms)", literal, "instant (< 0.1 s)", D < 0.1),
        row("R_c, terms = 1e6, one c", R_c, "s", "literal loop (scaled from 2e4 terms)", literal, "< 1 s", R_c < 1.0),
    ]


if __name__ == "__main__":
    standalone(run, __doc__.splitlines()[0])
