"""Cost of one call on Python floats for the model functions (the scalar fast path).

Run:  python benchmarks/bench_scalar_calls.py [--json]
or as part of ``python benchmarks/run.py``.

Each scalar call still validates every input. The baseline is the same
function called with one-element arrays, which takes the array path
(validation on arrays, kernel dispatch, array result), as every call did
before the scalar path existed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import per_call, row, standalone  # noqa: E402

import etunnel  # noqa: E402

GOAL_SECONDS = 10e-6
r, R_b, c = 1.0e-10, 1.5e-10, 0.3
ra, Ra, ca = np.array([r]), np.array([R_b]), np.array([c])

CALLS = [
    ("resisting_distance", lambda: etunnel.resisting_distance(r, R_b, c), lambda: etunnel.resisting_distance(ra, Ra, ca)),
    ("resisting_distance, terms=10", lambda: etunnel.resisting_distance(r, R_b, c, 10), lambda: etunnel.resisting_distance(ra, Ra, ca, 10)),
    ("lifting_energy", lambda: etunnel.lifting_energy(r, R_b, c), lambda: etunnel.lifting_energy(ra, Ra, ca)),
    ("conducting_radius", lambda: etunnel.conducting_radius(R_b, c), lambda: etunnel.conducting_radius(Ra, ca)),
    ("conducting_radius, terms=1", lambda: etunnel.conducting_radius(R_b, c, 1), lambda: etunnel.conducting_radius(Ra, ca, 1)),
    ("classify", lambda: etunnel.classify(r, R_b, c), lambda: etunnel.classify(ra, Ra, ca)),
    ("insulating_threshold", lambda: etunnel.insulating_threshold(), lambda: etunnel.insulating_threshold("infinite")),
]


def run() -> list[dict]:
    rows = []
    for name, scalar, array in CALLS:
        seconds = per_call(scalar)
        baseline = per_call(array, calls=5_000)
        rows.append(
            row(f"{name}(Python floats), per call", seconds * 1e6, "us", "same with 1-element arrays", baseline * 1e6,
                "<= 10 us", seconds <= GOAL_SECONDS)
        )
    return rows


if __name__ == "__main__":
    standalone(run, __doc__.splitlines()[0])
