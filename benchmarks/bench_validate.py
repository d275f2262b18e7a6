"""Wall time and peak memory of ``etunnel validate``, and the count-based bootstrap it relies on.

Run:  python benchmarks/bench_validate.py [--supercon PATH] [--json]
      (or set ETUNNEL_SUPERCON=PATH; without either, the SuperCon rows are skipped)

The SuperCon file (e.g. stanev_supercon_data.csv, 16,414 rows) is not part of
the repository: give its path. Measured in this run:

* ``etunnel validate`` in a child process (a fresh interpreter, as a user runs
  it): wall time and peak resident memory (the child's VmHWM, Linux), against
  the same command with ``--bootstrap 0`` (no intervals) as the baseline;
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
from _bench_common import emit  # noqa: E402

GOAL_SECONDS = 10.0
GOAL_RSS_MB = 300.0
ENV_VAR = "ETUNNEL_SUPERCON"


# Runs the CLI and, at exit, records the interpreter's own peak resident memory (VmHWM of this
# process image: unlike ru_maxrss it does not inherit the parent's footprint through fork and exec).
_LAUNCHER = """
import atexit, sys
def _hwm():
    with open('/proc/self/status') as fh:
        kb = next(line.split()[1] for line in fh if line.startswith('VmHWM:'))
    with open(sys.argv[1], 'w') as out:
        out.write(kb)
atexit.register(_hwm)
from etunnel.cli import main
main(sys.argv[2:])
"""


def _validate_once(supercon: Path, bootstrap: int) -> tuple[float, float, float]:
    """Wall time [s], CPU time [s] and peak RSS [MB] of ``etunnel validate`` in a fresh child interpreter (Linux)."""
    with tempfile.TemporaryDirectory() as tmp:
        hwm = Path(tmp) / "hwm"
        args = [sys.executable, "-c", _LAUNCHER, str(hwm), "validate", "--supercon", str(supercon), "--out",
                str(Path(tmp) / "val"), "--bootstrap", str(bootstrap), "--json"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode != 0:
            raise RuntimeError(f"etunnel validate failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        return wall, cpu, int(hwm.read_text()) / 1024.0  # kB -> MB


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
    base_wall, base_cpu, base_rss = _validate_once(path, 0)
    wall, cpu, rss = _validate_once(path, 1000)
    rows = bootstrap_rows() + [
        {"name": "etunnel validate wall time (1000 resamples)", "value": wall, "unit": "s",
         "baseline_name": "etunnel validate --bootstrap 0", "baseline_value": base_wall, "ratio": wall / base_wall,
         "goal": f"<= {GOAL_SECONDS:g} s", "met": bool(wall <= GOAL_SECONDS)},
        # On a shared machine the wall time includes waiting for a core; CPU time does not.
        {"name": "etunnel validate CPU time, user + system (1000 resamples)", "value": cpu, "unit": "s",
         "baseline_name": "etunnel validate --bootstrap 0", "baseline_value": base_cpu, "ratio": cpu / base_cpu,
         "goal": f"<= {GOAL_SECONDS:g} s", "met": bool(cpu <= GOAL_SECONDS)},
        {"name": "etunnel validate peak RSS (1000 resamples)", "value": rss, "unit": "MB",
         "baseline_name": "etunnel validate --bootstrap 0", "baseline_value": base_rss, "ratio": rss / base_rss,
         "goal": f"<= {GOAL_RSS_MB:g} MB", "met": bool(rss <= GOAL_RSS_MB)},
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
