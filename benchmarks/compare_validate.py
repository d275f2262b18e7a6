"""Are two runs of ``etunnel validate`` the same, file for file and byte for byte?

Run:  python benchmarks/compare_validate.py --supercon PATH [--ref COMMIT] [--jobs A B] [-- extra options]

Runs ``etunnel validate --json`` twice on the given SuperCon file, each in a
fresh interpreter and its own folder with the same ``--out`` name (the JSON
names it), and compares stdout and every file written (``cmp``-style: the
bytes). By default both runs use this tree, with ``--jobs 1`` (one process)
and ``--jobs 2`` (a worker draws the figures), the check that the process
split changes no byte. With ``--ref COMMIT`` the first run uses that commit of
this repository (exported with ``git archive`` into a temporary folder) and
the second this tree, both with the first ``--jobs`` value: the check that a
speed or memory change altered no printed number and no written byte.

Prints one line per differing file, then ``N files; identical: yes|NO``;
exits 1 when anything differs. The end-to-end test
(``tests/test_cli_validate.py``) runs the same --jobs comparison on a small
fixture with five of the nine figures; this script covers all of them on the
real data.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _export(ref: str, into: Path) -> Path:
    """``git archive`` of ``ref``'s ``src`` into ``into``; returns the ``src`` folder."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def _run(src: Path, folder: Path, supercon: str, jobs: int, extra: list[str]) -> dict[str, bytes]:
    """One validate run in ``folder`` (``--out v``); ``{relative path: bytes}`` of stdout and every file."""
    folder.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=str(src))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "etunnel", "validate", "--supercon", supercon, "--out", "v",
                           "--json", "--jobs", str(jobs), *extra], cwd=folder, env=env, capture_output=True)
    if proc.returncode != 0:
        raise SystemExit(f"validate ({src}, --jobs {jobs}) failed: {proc.stderr.decode()[-500:]}")
    print(f"{src} --jobs {jobs}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    out = folder / "v"
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    return {"<stdout>": proc.stdout, **files}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--supercon", required=True, help="SuperCon-format CSV (e.g. stanev_supercon_data.csv)")
    parser.add_argument("--ref", help="commit of this repository for the first run (default: this tree)")
    parser.add_argument("--jobs", nargs=2, type=int, default=None, metavar=("A", "B"),
                        help="--jobs of the two runs (default: 1 2, or 2 2 with --ref)")
    parser.add_argument("extra", nargs="*", help="further validate options, after --")
    args = parser.parse_args(argv)
    jobs = args.jobs or ((2, 2) if args.ref else (1, 2))
    supercon = str(Path(args.supercon).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        first_src = _export(args.ref, tmp) if args.ref else ROOT / "src"
        a = _run(first_src, tmp / "a", supercon, jobs[0], args.extra)
        b = _run(ROOT / "src", tmp / "b", supercon, jobs[1], args.extra)
    differ = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
    for name in differ:
        print(f"differs: {name}" + ("" if name in a and name in b else " (only in one run)"))
    print(f"{len(a.keys() | b.keys())} files; identical: {'NO' if differ else 'yes'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
