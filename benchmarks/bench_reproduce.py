"""CPU time, wall time and peak memory of ``etunnel reproduce``, against an earlier tree, and its output compared byte for byte.

Run:  python benchmarks/bench_reproduce.py [--baseline REF] [--repeats N] [--keep DIR] [--json]

The baseline is the ``src/`` folder of git revision ``REF`` of this repository
(default :data:`BASELINE_REF`, the tree before ``reproduce`` was made faster),
exported with ``git archive`` into a temporary folder. Each tree runs
``python -m etunnel reproduce --out report`` in a fresh interpreter (``PYTHONPATH``
set to that tree's ``src``), from its own empty working folder so that the printed
text is comparable. One untimed run per tree first fills numba's on-disk cache
of that tree (the exported baseline compiles its kernels once); then the timed
runs alternate baseline and current, so both see the same machine load. Reported:
the smallest CPU time (user + system of the child) and wall time over the
repeats, and the largest peak resident memory (the interpreter's VmHWM).

Then every file the two trees wrote (report.md, report.html, claims.json,
findings.json, table1.csv, figures/*.png and *.svg) is compared byte for byte
(:func:`filecmp.cmp`, ``shallow=False``, i.e. what ``cmp`` does), as are the two
texts printed on stdout and the two ``--json`` outputs. ``met`` of the identity
rows is true only if nothing differs.

``run()`` returns the rows collected by ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import PEAK_RSS_LAUNCHER, emit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
#: The tree before the faster reproduce (figures saved without the layout pass, refrigerator root solves, ...).
BASELINE_REF = "1f74b5d"
#: Goal: CPU seconds of one ``etunnel reproduce`` (on an idle machine the wall time is about the CPU time).
GOAL_CPU_SECONDS = 6.0


def export_tree(ref: str, folder: Path) -> Path:
    """``src/`` of git revision ``ref`` written under ``folder``; returns the exported ``src`` path."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True).stdout
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def reproduce_once(src: Path, workdir: Path, *, json_output: bool = False) -> dict:
    """One ``etunnel reproduce --out report`` in ``workdir`` (emptied first) with ``src`` first on the path.

    Returns CPU [s] (user + system), wall [s], peak RSS [MB], the stdout text and the output folder.
    """
    import shutil

    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    hwm = workdir.parent / f"{workdir.name}.hwm"
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "100"}
    args = [sys.executable, "-c", PEAK_RSS_LAUNCHER, str(hwm), "reproduce", "--out", "report"]
    args += ["--json"] if json_output else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=workdir, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"reproduce with {src} failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu": cpu, "wall": wall, "rss": int(hwm.read_text()) / 1024.0, "stdout": proc.stdout,
            "out": workdir / "report"}


def compare_folders(a: Path, b: Path) -> tuple[int, list[str]]:
    """Number of files compared and the relative paths that differ (or exist in one folder only)."""
    names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(names_a ^ names_b)
    for name in sorted(names_a & names_b):
        if not filecmp.cmp(a / name, b / name, shallow=False):
            differ.append(name)
    return len(names_a | names_b), differ


def run(baseline: str = BASELINE_REF, repeats: int = 3, keep: Path | None = None) -> list[dict]:
    """Rows: CPU, wall and peak memory of reproduce (this tree vs ``baseline``), and the byte-for-byte comparison."""
    with tempfile.TemporaryDirectory(prefix="bench_reproduce_") as tmp:
        tmp = Path(keep) if keep is not None else Path(tmp)
        tmp.mkdir(parents=True, exist_ok=True)
        trees = {"baseline": export_tree(baseline, tmp / "baseline_tree"), "current": ROOT / "src"}
        for name, src in trees.items():  # warm-up: numba caches, file-system caches
            reproduce_once(src, tmp / f"{name}_run")
        results = {name: [] for name in trees}
        for _ in range(repeats):
            for name, src in trees.items():
                results[name].append(reproduce_once(src, tmp / f"{name}_run"))
        n_files, differ = compare_folders(results["baseline"][-1]["out"], results["current"][-1]["out"])
        same_text = results["baseline"][-1]["stdout"] == results["current"][-1]["stdout"]
        same_json = (reproduce_once(trees["baseline"], tmp / "baseline_json", json_output=True)["stdout"]
                     == reproduce_once(trees["current"], tmp / "current_json", json_output=True)["stdout"])
    best = {name: {k: min(r[k] for r in rs) for k in ("cpu", "wall")} | {"rss": max(r["rss"] for r in rs)}
            for name, rs in results.items()}
    cur, base = best["current"], best["baseline"]
    label = f"src at {baseline}"
    rows = [
        {"name": f"etunnel reproduce: CPU, user + system (best of {repeats})", "value": cur["cpu"], "unit": "s",
         "baseline_name": label, "baseline_value": base["cpu"], "ratio": cur["cpu"] / base["cpu"],
         "goal": f"<= {GOAL_CPU_SECONDS:g} s CPU", "met": cur["cpu"] <= GOAL_CPU_SECONDS},
        {"name": f"etunnel reproduce: wall (best of {repeats}, machine shared)", "value": cur["wall"], "unit": "s",
         "baseline_name": label, "baseline_value": base["wall"], "ratio": cur["wall"] / base["wall"],
         "goal": f"<= {GOAL_CPU_SECONDS:g} s on an idle machine", "met": None},
        {"name": "etunnel reproduce: peak RSS", "value": cur["rss"], "unit": "MB", "baseline_name": label,
         "baseline_value": base["rss"], "ratio": cur["rss"] / base["rss"], "goal": "no larger",
         "met": cur["rss"] <= base["rss"] * 1.02},
        {"name": f"etunnel reproduce: files differing from the baseline's ({n_files} compared)",
         "value": len(differ), "unit": "files", "baseline_name": None, "baseline_value": None, "ratio": None,
         "goal": "0 (byte-identical)" + (f"; differ: {', '.join(differ[:6])}" if differ else ""), "met": not differ},
        {"name": "etunnel reproduce: printed text and --json output identical to the baseline's",
         "value": int(same_text) + int(same_json), "unit": "of 2", "baseline_name": None, "baseline_value": None,
         "ratio": None, "goal": "2", "met": same_text and same_json},
    ]
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE_REF, help=f"git revision of the baseline tree (default {BASELINE_REF})")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per tree, 1-20 (default 3)")
    parser.add_argument("--keep", type=Path, help="keep the runs' folders here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.repeats <= 20:
        parser.error(f"--repeats must be in [1, 20], got {args.repeats}")
    emit(run(args.baseline, args.repeats, args.keep), as_json=args.json)


if __name__ == "__main__":
    main()
