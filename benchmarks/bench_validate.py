"""Wall time and peak memory of ``etunnel validate``, and the count-based bootstrap it relies on.

Run:  python benchmarks/bench_validate.py [--supercon PATH] [--json]
      (or set ETUNNEL_SUPERCON=PATH; without either, the SuperCon rows are skipped)

The SuperCon file (e.g. stanev_supercon_data.csv, 16,414 rows) is not part of
the repository: give its path. Measured in this run:

* ``etunnel validate`` in a child process (a fresh interpreter, as a user runs
  it), with its default ``--jobs`` (2 on a 2-core machine: every figure and
  the electronegativity row in a worker process) against ``--jobs 1`` (one
  process) as the baseline: wall time; CPU time of the whole process tree (user + system,
  the workers included); peak resident memory of the main process (its
  VmHWM, Linux); and the peak over time of the memory of all its processes,
  sampled every 0.1 s from /proc, both as the sum of their RSS (which counts
  the pages a forked worker shares with the main process twice) and as the
  sum of their PSS (shared pages split between the processes: the memory
  the run really occupies);
* the Spearman bootstrap interval on a SuperCon-sized sample (n = 12,440,
  1,000 resamples) from resample counts, against re-ranking every resample
  with :func:`scipy.stats.bootstrap` (the implementation it replaced), and
  whether the two intervals are bit-identical. This row needs no data file.

``run()`` returns the rows collected by ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import PEAK_RSS_LAUNCHER as _LAUNCHER, emit  # noqa: E402

GOAL_SECONDS = 10.0
GOAL_RSS_MB = 300.0
ENV_VAR = "ETUNNEL_SUPERCON"


def _tree_memory(pid: int) -> tuple[float, float]:
    """Sum of RSS and of PSS [kB] over ``pid`` and its descendants (Linux /proc; processes gone are skipped)."""
    rss = pss = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += float(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += float(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def _validate_once(supercon: Path, jobs: int | None) -> dict:
    """Wall [s], CPU of the process tree [s], main peak RSS and sampled tree RSS / PSS peaks [MB] of one run."""
    with tempfile.TemporaryDirectory() as tmp:
        hwm = Path(tmp) / "hwm"
        args = [sys.executable, "-c", _LAUNCHER, str(hwm), "validate", "--supercon", str(supercon), "--out",
                str(Path(tmp) / "val"), "--json"] + ([] if jobs is None else ["--jobs", str(jobs)])
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak_rss = peak_pss = 0.0
        while proc.poll() is None:
            rss, pss = _tree_memory(proc.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.1)
        wall = time.perf_counter() - start
        err = proc.stderr.read()
        proc.stderr.close()
        # The workers are reaped by the main process and the main process by us: RUSAGE_CHILDREN holds them all.
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode != 0:
            raise RuntimeError(f"etunnel validate failed ({proc.returncode}): {err.strip()[-500:]}")
        return {"wall": wall, "cpu": cpu, "main_rss": int(hwm.read_text()) / 1024.0,  # kB -> MB
                "tree_rss": peak_rss / 1024.0, "tree_pss": peak_pss / 1024.0}


def bootstrap_rows() -> list[dict]:
    """Count-based vs re-ranking Spearman bootstrap on n = 12,440 (no data file needed)."""
    from scipy import stats

    from etunnel.validation import stats as st

    rng = np.random.default_rng(0)
    n, resamples = 12_440, 1_000
    x = rng.normal(size=n).round(2)  # ties, as in the electronegativity spreads
    y = (x + rng.normal(size=n)).round(0)
    start = time.perf_counter()
    fast = st.bootstrap_ci(st._spearman_on_indices(x, y), (x, y), n_resamples=resamples, seed=0, vectorized=True)
    t_fast = time.perf_counter() - start
    start = time.perf_counter()
    res = stats.bootstrap((x, y), st.spearman_batch, paired=True, vectorized=True, n_resamples=resamples,
                          method="percentile", random_state=np.random.default_rng(0))
    t_slow = time.perf_counter() - start
    slow = (float(res.confidence_interval.low), float(res.confidence_interval.high))
    identical = fast[:2] == slow
    return [{"name": "Spearman bootstrap CI, n = 12440, 1000 resamples (resample counts)", "value": t_fast,
             "unit": "s", "baseline_name": "scipy.stats.bootstrap re-ranking each resample", "baseline_value": t_slow,
             "ratio": t_slow / t_fast, "goal": "bit-identical interval, faster",
             "met": bool(identical and t_fast < t_slow)}]


def run(supercon: str | os.PathLike | None = None) -> list[dict]:
    """Rows: validate wall time and peak RSS (if a SuperCon path is known), and the bootstrap comparison."""
    path = supercon or os.environ.get(ENV_VAR)
    if not path:
        print(f"bench_validate: SuperCon file not given (--supercon PATH or {ENV_VAR}=PATH); "
              "skipping the etunnel validate rows", file=sys.stderr)
        return bootstrap_rows()
    path = Path(path)
    if not path.is_file():
        print(f"bench_validate: {path} does not exist; skipping the etunnel validate rows", file=sys.stderr)
        return bootstrap_rows()
    from etunnel.validation.scorecard import default_jobs

    base = _validate_once(path, 1)
    new = _validate_once(path, None)
    label = f"etunnel validate (default --jobs {default_jobs()})"
    baseline = "etunnel validate --jobs 1"

    def row(name, key, unit, goal, limit):
        return {"name": f"{label}: {name}", "value": new[key], "unit": unit, "baseline_name": baseline,
                "baseline_value": base[key], "ratio": new[key] / base[key], "goal": goal,
                "met": None if limit is None else bool(new[key] <= limit)}

    rows = bootstrap_rows() + [
        row("wall time", "wall", "s", f"<= {GOAL_SECONDS:g} s", GOAL_SECONDS),
        # On a shared machine the wall time includes waiting for a core; CPU time does not.
        row("CPU time of all its processes, user + system", "cpu", "s", "-", None),
        row("peak RSS of the main process", "main_rss", "MB", f"<= {GOAL_RSS_MB:g} MB", GOAL_RSS_MB),
        row("peak of the summed RSS of its processes (shared pages counted twice)", "tree_rss", "MB", "-", None),
        row("peak of the summed PSS of its processes", "tree_pss", "MB", f"<= {GOAL_RSS_MB:g} MB", GOAL_RSS_MB),
    ]
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--supercon", help=f"SuperCon-format CSV (default: ${ENV_VAR})")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = run(args.supercon)
    emit(rows, as_json=args.json)


if __name__ == "__main__":
    main()
