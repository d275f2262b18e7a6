"""Run every benchmarks/bench_*.py module and print one table of figures, baselines and ratios.

Usage:
    python benchmarks/run.py                      # all benchmarks, one table
    python benchmarks/run.py --only resisting     # modules whose name contains a word
    python benchmarks/run.py --json results.json  # also write the rows as JSON
    python benchmarks/run.py --readme             # regenerate README.md's performance table

A benchmark module takes part by defining ``run() -> list[dict]``; each row has
the keys ``name, value, unit, baseline_name, baseline_value, ratio, goal, met``
(see benchmarks/_bench_common.py). Modules without ``run()`` are listed as
skipped. Every baseline is measured in the same process as its figure, so the
ratios hold on any machine; the absolute figures belong to this one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
START, END = "<!-- perf-table:start -->", "<!-- perf-table:end -->"
KEYS = ("name", "value", "unit", "baseline_name", "baseline_value", "ratio", "goal", "met")


def discover(only: list[str]) -> list[Path]:
    paths = sorted(HERE.glob("bench_*.py"))
    if only:
        paths = [p for p in paths if any(word in p.stem for word in only)]
    return paths


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"etunnel_benchmarks_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_all(paths: list[Path]) -> tuple[list[dict], list[str]]:
    """Rows from every module (each tagged with its module), and the modules skipped with the reason."""
    sys.path.insert(0, str(HERE))
    rows, skipped = [], []
    for path in paths:
        try:
            module = load(path)
        except Exception as error:  # a broken benchmark is reported, not fatal to the others
            skipped.append(f"{path.name}: import failed ({type(error).__name__}: {error})")
            continue
        if not callable(getattr(module, "run", None)):
            skipped.append(f"{path.name}: no run() function")
            continue
        start = time.perf_counter()
        print(f"running {path.name} ...", file=sys.stderr, flush=True)
        try:
            module_rows = module.run()
        except Exception as error:
            skipped.append(f"{path.name}: run() failed ({type(error).__name__}: {error})")
            continue
        for r in module_rows:
            missing = [k for k in KEYS if k not in r]
            if missing:
                raise ValueError(f"{path.name}: row {r.get('name')!r} lacks {missing}")
            rows.append({"module": path.name, **{k: r[k] for k in KEYS}})
        print(f"  {len(module_rows)} rows in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return rows, skipped


def _number(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return f"{value:.3g}"
    return str(value)


def _met(value) -> str:
    return {True: "yes", False: "**no**", None: "-"}.get(value, str(value))


def markdown(rows: list[dict]) -> str:
    lines = [
        "| figure | value | unit | baseline | baseline value | ratio | goal | met |",
        "| --- | ---: | --- | --- | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {_number(r['value'])} | {r['unit']} | {r['baseline_name'] or '-'} | "
            f"{_number(r['baseline_value'])} | {_number(r['ratio'])} | {r['goal'] or '-'} | {_met(r['met'])} |"
        )
    return "\n".join(lines)


def text(rows: list[dict]) -> str:
    header = f"{'figure':62s} {'value':>10s} {'unit':9s} {'baseline':28s} {'base value':>10s} {'ratio':>9s}  {'goal':34s} met"
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r['name'][:62]:62s} {_number(r['value']):>10s} {r['unit'][:9]:9s} {(r['baseline_name'] or '-')[:28]:28s} "
            f"{_number(r['baseline_value']):>10s} {_number(r['ratio']):>9s}  {(r['goal'] or '-')[:34]:34s} {_met(r['met']).strip('*')}"
        )
    return "\n".join(lines)


def write_atomic(path: Path, content: str) -> None:
    """Write through a temporary file in the same folder, then os.replace (mode 0o666 & ~umask)."""
    umask = os.umask(0)
    os.umask(umask)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def update_readme(rows: list[dict], command: str) -> None:
    content = README.read_text(encoding="utf-8")
    if START not in content or END not in content:
        raise SystemExit(f"run.py: error: {README} has no {START} ... {END} block")
    head, rest = content.split(START, 1)
    _, tail = rest.split(END, 1)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    block = (
        f"{START}\n<!-- generated by `{command}`; do not edit by hand -->\n\n"
        f"{markdown(rows)}\n\nMeasured on {machine}, {time.strftime('%Y-%m-%d', time.gmtime())}; "
        f"each baseline in the same process as its figure.\n{END}"
    )
    write_atomic(README, head + block + tail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="run only modules whose name contains this word (repeatable)")
    parser.add_argument("--json", metavar="PATH", help="write the rows as JSON to PATH (refuses to overwrite without --force)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --json file")
    parser.add_argument("--readme", action="store_true", help="rewrite the perf-table block of README.md from these rows")
    args = parser.parse_args(argv)

    if args.json and Path(args.json).exists() and not args.force:
        parser.error(f"{args.json} exists; pass --force to overwrite it")
    paths = discover(args.only)
    if not paths:
        parser.error("no benchmarks/bench_*.py module matches")
    rows, skipped = run_all(paths)
    print(text(rows))
    for line in skipped:
        print(f"skipped: {line}")
    if args.json:
        payload = {"machine": platform.platform(), "cores": os.cpu_count(), "rows": rows, "skipped": skipped}
        write_atomic(Path(args.json), json.dumps(payload, indent=2) + "\n")
        print(f"wrote {args.json}", file=sys.stderr)
    if args.readme:
        command = "python benchmarks/run.py --readme" + "".join(f" --only {w}" for w in args.only)
        update_readme(rows, command)
        print(f"updated the performance table in {README}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
