"""Start-up time of the ``etunnel`` command against ``python -c "import numpy"``, measured in the same run.

Each command is started ``--repeat`` times as a fresh process, interleaved with the
baseline so that both see the same machine load; the table gives the median wall
time and its ratio to the baseline's median. Goal (issue 12): ``etunnel --help``
and ``etunnel model ...`` within 2.5x of importing NumPy.

    python benchmarks/bench_cli_startup.py [--repeat 9] [--json out.json]

The package is taken from ``src/`` next to this folder (PYTHONPATH is set to it).
"""

from __future__ import annotations

import argparse
import json
import os
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


def wall_time(args: list[str], env: dict) -> float:
    """Wall time of one run [s]; NaN if the command fails (e.g. a verb an older tree lacks)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    return elapsed if result.returncode == 0 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs per command (median taken)")
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    parser.add_argument("--src", type=Path, default=SRC, help="source tree to measure (default: this checkout's src/)")
    opts = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(opts.src), "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "100"}
    for _, args in [BASELINE, *COMMANDS]:  # warm the file cache and byte-code
        wall_time(args, {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"})
    times: dict[str, list[float]] = {name: [] for name, _ in [BASELINE, *COMMANDS]}
    for _ in range(opts.repeat):
        for name, args in [BASELINE, *COMMANDS]:
            times[name].append(wall_time(args, env))
    base = statistics.median(times[BASELINE[0]])
    rows = []
    print(f"{'command':48} {'median s':>9} {'min s':>7} {'x numpy':>8}")
    for name, _ in [BASELINE, *COMMANDS]:
        med = statistics.median(times[name])
        rows.append({"command": name, "median_s": med, "min_s": min(times[name]), "ratio_to_numpy_import": med / base})
        print(f"{name:48} {med:9.3f} {min(times[name]):7.3f} {med / base:8.2f}")
    print(f"\ntree: {opts.src}; {opts.repeat} runs each, interleaved; goal: --help and model within 2.5x of the NumPy import")
    if opts.json:
        clean = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in rows]
        opts.json.write_text(json.dumps({"repeat": opts.repeat, "python": sys.version.split()[0], "src": str(opts.src),
                                         "rows": clean}, indent=2) + "\n")


if __name__ == "__main__":
    main()
