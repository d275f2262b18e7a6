"""How throughput grows with array length: D, R_c and a*x+b from 1e3 to 1e7 points.

Run:  python benchmarks/scaling.py [--out benchmarks/scaling.png] [--force] [--json]

Draws points per second against array length on log-log axes for the
validated public calls ``etunnel.resisting_distance`` (infinite lattice) and
``etunnel.conducting_radius``, with the machine's ``a*x + b`` rate on arrays
of the same length (one pass over memory: the bandwidth bound for any
one-pass kernel) drawn for reference. All series are measured in this process,
best of several repeats at each length.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _bench_common import best_rate  # noqa: E402

import etunnel  # noqa: E402

SIZES = [10**3, 3 * 10**3, 10**4, 3 * 10**4, 10**5, 3 * 10**5, 10**6, 3 * 10**6, 10**7]


def measure(sizes=SIZES) -> dict:
    rng = np.random.default_rng(2026)
    R_b = 155e-12
    series = {"a*x+b (memory bandwidth)": [], "D, etunnel.resisting_distance": [], "R_c, etunnel.conducting_radius": []}
    for n in sizes:
        repeats = 15 if n <= 10**5 else 5
        x = rng.uniform(0.01, 1.0, n)
        r = x * R_b
        c = rng.uniform(0.0, 1.0, n)
        series["a*x+b (memory bandwidth)"].append(best_rate(lambda: 2.0 * x + 1.0, n, repeats))
        series["D, etunnel.resisting_distance"].append(best_rate(lambda: etunnel.resisting_distance(r, R_b, 0.37), n, repeats))
        series["R_c, etunnel.conducting_radius"].append(best_rate(lambda: etunnel.conducting_radius(R_b, c), n, repeats))
        print(f"n = {n:>9,d}: " + ", ".join(f"{k.split(',')[0]} {v[-1]:.3g}/s" for k, v in series.items()), file=sys.stderr)
    return {"sizes": list(sizes), "series": series}


def draw(data: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 5.4), layout="constrained")
    styles = {
        "a*x+b (memory bandwidth)": dict(color="0.45", linestyle="--", marker=None, linewidth=2),
        "D, etunnel.resisting_distance": dict(color="C0", marker="o"),
        "R_c, etunnel.conducting_radius": dict(color="C3", marker="s"),
    }
    for name, rates in data["series"].items():
        ax.loglog(data["sizes"], rates, label=name, **styles[name])
    ax.axhline(2e8, color="C0", linewidth=0.8, linestyle=":", label="goal for D (2e8/s)")
    ax.axhline(2e7, color="C3", linewidth=0.8, linestyle=":", label="goal for R_c (2e7/s)")
    ax.set_xlabel("array length (points)")
    ax.set_ylabel("throughput (points per second, one core)")
    ax.set_title("etunnel throughput vs array length (validated public calls)")
    ax.grid(True, which="both", alpha=0.3)
    fig.legend(loc="outside lower center", ncol=3, fontsize=8.5)
    tmp = out.with_name(f".{out.name}.tmp.png")
    fig.savefig(tmp, dpi=120)
    plt.close(fig)
    tmp.replace(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "scaling.png", help="PNG to write (default benchmarks/scaling.png)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    parser.add_argument("--json", action="store_true", help="print the measured rates as JSON")
    args = parser.parse_args()
    if args.out.exists() and not args.force:
        parser.error(f"{args.out} exists; pass --force to overwrite it")
    data = measure()
    draw(data, args.out)
    if args.json:
        print(json.dumps(data, indent=2))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
