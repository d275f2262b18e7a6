"""Time of a 201 x 201 state diagram, and the vectorised boundary solve against per-column brentq.

Run:  python benchmarks/bench_state_diagram.py [--points 201] [--json]

Both boundary solvers run in this process on the same columns: the baseline
is one scan plus one :func:`scipy.optimize.brentq` per bracket per pressure
column (``etunnel.conditions.diagram._roots``, the former implementation);
the vectorised solver bisects every bracket of every column at once. The
largest difference between their roots is printed beside the ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from etunnel.conditions import diagram as dg
from etunnel.conditions.submodels import PARAMETERS, MaterialConditions, material_conditions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import best_time  # noqa: E402


def synthetic():
    """A material with all three states and a T_c(p) line across the window (as in the tests)."""
    P = {k: v[2] for k, v in PARAMETERS.items()}
    P.update(R_v0=150e-12, R_b0=200e-12, B0=100e9, alpha=1e-5, beta=3e-6, n=3.0)
    return MaterialConditions("synthetic", P)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=201)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    n = args.points
    T = np.linspace(0.0, 300.0, n)
    p = np.linspace(0.0, 40e9, n)
    rows = []
    for m in (synthetic(), material_conditions("Hg"), material_conditions("Fe")):
        dg.state_diagram(m, T[:3], p[:3])  # warm up imports
        full = best_time(lambda: dg.state_diagram(m, T, p), 3, warmup=False)
        cbrt_x = np.array([dg._column(m, q).cbrt_x for q in p])
        superconducting, _ = dg._column_functions(m, cbrt_x)
        grid = np.repeat(dg._scan_grid(0.0, 300.0, 401)[:, None], n, axis=1)
        vec = best_time(lambda: dg._roots_by_column(superconducting, grid, xtol=dg.T_XTOL), 3, warmup=False)
        per = best_time(lambda: [dg._roots(dg._column(m, q).superconducting_function, grid[:, 0], xtol=dg.T_XTOL)
                                 for q in p], 1, warmup=False)
        a = dg._roots_by_column(superconducting, grid, xtol=dg.T_XTOL)
        b = [dg._roots(dg._column(m, q).superconducting_function, grid[:, 0], xtol=dg.T_XTOL) for q in p]
        diff = max([abs(x - y) for ra, rb in zip(a, b) for x, y in zip(ra, rb)] + [0.0])
        rows.append({"material": m.name, "grid": f"{n}x{n}", "state_diagram_s": full,
                     "boundary_per_column_brentq_s": per, "boundary_vectorised_s": vec, "speedup": per / vec,
                     "roots": sum(len(r) for r in a), "max_root_difference_K": diff})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for r in rows:
        print(f"{r['material']:>10} {r['grid']}: state_diagram {r['state_diagram_s']:.3f} s; T_c(p) boundary "
              f"per-column brentq {r['boundary_per_column_brentq_s']:.3f} s, vectorised {r['boundary_vectorised_s']:.3f} s "
              f"(x{r['speedup']:.1f}); {r['roots']} roots, max |difference| {r['max_root_difference_K']:.2g} K")


if __name__ == "__main__":
    main()
