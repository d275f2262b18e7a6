"""Start-up time of the ``etunnel`` command against ``python -c "import numpy"``, measured in the same run.

Each command is started ``--repeat`` times as a fresh process, interleaved with the
baseline so that both see the same machine load; the table gives the median wall
time and CPU time (user + system, steadier on a shared machine) and their ratios to
the baseline's medians. Goal (issue 12): ``etunnel --help``
and ``etunnel model ...`` within 2.5x of importing NumPy.

    python benchmarks/bench_cli_startup.py [--repeat 9] [--json out.json] [--src other/src]

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


def measure(src: Path = SRC, repeat: int = 9) -> list[dict]:
    """Median wall and CPU time of each command and its ratios to the baseline's medians, interleaved runs."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "100"}
    for _, args in [BASELINE, *COMMANDS]:  # warm the file cache and byte-code
        timed_run(args, {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"})
    wall: dict[str, list[float]] = {name: [] for name, _ in [BASELINE, *COMMANDS]}
    cpu: dict[str, list[float]] = {name: [] for name, _ in [BASELINE, *COMMANDS]}
    for _ in range(repeat):
        for name, args in [BASELINE, *COMMANDS]:
            w, c = timed_run(args, env)
            wall[name].append(w)
            cpu[name].append(c)
    base_wall, base_cpu = statistics.median(wall[BASELINE[0]]), statistics.median(cpu[BASELINE[0]])
    rows = []
    for name, _ in [BASELINE, *COMMANDS]:
        med, med_cpu = statistics.median(wall[name]), statistics.median(cpu[name])
        rows.append({"command": name, "median_s": med, "min_s": min(wall[name]), "ratio_to_numpy_import": med / base_wall,
                     "cpu_median_s": med_cpu, "cpu_ratio_to_numpy_import": med_cpu / base_cpu})
    return rows


def run() -> list[dict]:
    """Rows for benchmarks/run.py: each goal command's median wall time against the NumPy import's."""
    from _bench_common import row

    rows = measure()
    base = rows[0]["median_s"]
    return [row(f"{r['command']}, start-up (median of 9)", r["median_s"], "s", "python -c 'import numpy'", base,
                f"<= {GOAL}x the NumPy import", r["ratio_to_numpy_import"] <= GOAL)
            for r in rows if r["command"] in GOAL_COMMANDS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs per command (median taken)")
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    parser.add_argument("--src", type=Path, default=SRC, help="source tree to measure (default: this checkout's src/)")
    opts = parser.parse_args()
    rows = measure(opts.src, opts.repeat)
    print(f"{'command':48} {'median s':>9} {'min s':>7} {'x numpy':>8} {'cpu s':>7} {'x numpy':>8}")
    for r in rows:
        print(f"{r['command']:48} {r['median_s']:9.3f} {r['min_s']:7.3f} {r['ratio_to_numpy_import']:8.2f} "
              f"{r['cpu_median_s']:7.3f} {r['cpu_ratio_to_numpy_import']:8.2f}")
    print(f"\ntree: {opts.src}; {opts.repeat} runs each, interleaved; wall and CPU (user + system) medians; "
          f"goal: --help and model within {GOAL}x of the NumPy import")
    if opts.json:
        clean = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in rows]
        opts.json.write_text(json.dumps({"repeat": opts.repeat, "python": sys.version.split()[0], "src": str(opts.src),
                                         "rows": clean}, indent=2) + "\n")


if __name__ == "__main__":
    main()
