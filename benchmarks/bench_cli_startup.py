"""Start-up time of the ``etunnel`` command against ``python -c "import numpy"``, measured in the same run.

Each command is started ``--repeat`` times as a fresh process, interleaved with the
baseline so that both see the same machine load; the table gives the median wall
time and CPU time (user + system, steadier on a shared machine) and their ratios to
the baseline's medians. Goal (issue 12): ``etunnel --help``
and ``etunnel model ...`` within 2.5x of importing NumPy.

    python benchmarks/bench_cli_startup.py [--repeat 9] [--json out.json] [--src before/src --src after/src]

``benchmarks/run.py`` takes the goal rows from :func:`run`.

The package is taken from ``src/`` next to this folder (PYTHONPATH is set to it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

BASELINE = ("python -c 'import numpy'", ["-c", "import numpy"])
COMMANDS = [
    ("etunnel --help", ["-m", "etunnel", "--help"]),
    ("etunnel --version", ["-m", "etunnel", "--version"]),
    ("etunnel model --help", ["-m", "etunnel", "model", "--help"]),
    ("etunnel model --rv 149pm --rb 155pm --c 0.5", ["-m", "etunnel", "model", "--rv", "149pm", "--rb", "155pm",
                                                      "--c", "0.5"]),
    ("etunnel model ... --json", ["-m", "etunnel", "model", "--rv", "149pm", "--rb", "155pm", "--c", "0.5", "--json"]),
    ("etunnel compare --help", ["-m", "etunnel", "compare", "--help"]),
]


GOAL = 2.5  # issue 12: --help and `etunnel model ...` within 2.5x of the NumPy import
GOAL_COMMANDS = ("etunnel --help", "etunnel model --rv 149pm --rb 155pm --c 0.5", "etunnel model ... --json")


def timed_run(args: list[str], env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run [s]; NaN if the command fails (e.g. a verb an older tree lacks)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return (elapsed, cpu) if result.returncode == 0 else (float("nan"), float("nan"))


def measure(srcs: list[Path] | None = None, repeat: int = 9) -> dict[str, list[dict]]:
    """Per source tree, the median wall and CPU time of each command and their ratios to the baseline's medians.

    Every repetition runs the baseline once, then each command from each tree, so trees
    compared in one call (a before and an after) see the same machine load.
    """
    srcs = [SRC] if srcs is None else srcs
    base_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "100"}
    envs = {str(src): {**base_env, "PYTHONPATH": str(src)} for src in srcs}
    runs = [(None, *BASELINE)] + [(tree, name, args) for tree in envs for name, args in COMMANDS]
    for tree, _, args in runs:  # warm the file cache and byte-code
        env = envs[tree] if tree else base_env
        timed_run(args, {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"})
    wall: dict[tuple, list[float]] = {(tree, name): [] for tree, name, _ in runs}
    cpu: dict[tuple, list[float]] = {(tree, name): [] for tree, name, _ in runs}
    for _ in range(repeat):
        for tree, name, args in runs:
            w, c = timed_run(args, envs[tree] if tree else base_env)
            wall[tree, name].append(w)
            cpu[tree, name].append(c)

    def row_of(key) -> dict:
        med, med_cpu = statistics.median(wall[key]), statistics.median(cpu[key])
        return {"command": key[1], "median_s": med, "min_s": min(wall[key]), "ratio_to_numpy_import": med / base_wall,
                "cpu_median_s": med_cpu, "cpu_ratio_to_numpy_import": med_cpu / base_cpu}

    baseline = (None, BASELINE[0])
    base_wall, base_cpu = statistics.median(wall[baseline]), statistics.median(cpu[baseline])
    return {tree: [row_of(baseline)] + [row_of((tree, name)) for name, _ in COMMANDS] for tree in envs}


def run() -> list[dict]:
    """Rows for benchmarks/run.py: each goal command's median wall time against the NumPy import's."""
    from _bench_common import row

    rows = measure()[str(SRC)]
    base = rows[0]["median_s"]
    return [row(f"{r['command']}, start-up (median of 9)", r["median_s"], "s", "python -c 'import numpy'", base,
                f"<= {GOAL}x the NumPy import", r["ratio_to_numpy_import"] <= GOAL)
            for r in rows if r["command"] in GOAL_COMMANDS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs per command (median taken)")
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    parser.add_argument("--src", type=Path, action="append",
                        help="source tree to measure (default: this checkout's src/); repeat it to compare trees "
                             "in one interleaved run")
    opts = parser.parse_args()
    trees = measure(opts.src, opts.repeat)
    for tree, rows in trees.items():
        print(f"tree: {tree}")
        print(f"{'command':48} {'median s':>9} {'min s':>7} {'x numpy':>8} {'cpu s':>7} {'x numpy':>8}")
        for r in rows:
            print(f"{r['command']:48} {r['median_s']:9.3f} {r['min_s']:7.3f} {r['ratio_to_numpy_import']:8.2f} "
                  f"{r['cpu_median_s']:7.3f} {r['cpu_ratio_to_numpy_import']:8.2f}")
        print()
    print(f"{opts.repeat} runs each, interleaved (one baseline run per round, shared by every tree); wall and CPU "
          f"(user + system) medians; goal: --help and model within {GOAL}x of the NumPy import")
    if opts.json:
        clean = {tree: [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in rows]
                 for tree, rows in trees.items()}
        opts.json.write_text(json.dumps({"repeat": opts.repeat, "python": sys.version.split()[0], "trees": clean},
                                        indent=2) + "\n")


if __name__ == "__main__":
    main()
