"""`etunnel sweep` against the bare kernel on the same points; 1 vs 2 workers; peak RSS as the sweep grows.

Run:  python benchmarks/bench_sweep.py [--json]
      python benchmarks/bench_sweep.py --points 1e9 [--outputs state|all] [--folder DIR]

The spec is the one a user would write for a large Monte Carlo study: Pb,
paper radii, c0 ~ uniform(0.08, 0.12) and n ~ normal(1, 0.3) truncated to
[0.2, 3], a 200 x 500 (T, p) plane per sample (0-30 K, 0-100 GPa: 1e5 points)
and no ``[chunks]`` table, so the chunks are the default ones (10 samples,
1e6 points). Sizes are set by the sample count (points = samples x 1e5).

- Overhead (``run()``): the bare kernel,
  :func:`etunnel.conditions.parameter_sweep.evaluate_cell_block` on every
  chunk's samples in a loop (no dask, no store) against the sweep on the local
  threaded scheduler with 1 thread writing the zarr store, on the same points;
  CPU time of this process (every thread, zarr's and Blosc's included), best
  of three alternating runs; once with ``state`` only and once with all three
  outputs. Goal: ratio <= 1.20.
- 1 vs 2 workers: a dask.distributed LocalCluster of 1 and then 2 worker
  processes (1 thread each) on the same 2e7 points; wall time of the compute
  (cluster start and a warm-up excluded) and the workers' CPU time.
- Peak RSS: ``etunnel sweep spec.toml --out store.zarr`` in a fresh child
  interpreter (the CLI's defaults: local threads on all cores), its VmHWM, at
  1e7 and 1e8 points (and 1e9 with ``--points 1e9``). Goal: <= 2 GB and flat.
- ``--points N``: one sweep of N points in a child, reporting wall and CPU
  time, throughput, peak RSS and the store's size on disk; the store is
  deleted afterwards. ``--outputs`` says which outputs it writes (default all).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import PEAK_RSS_LAUNCHER as _LAUNCHER, emit, row  # noqa: E402

from etunnel.conditions import parameter_sweep as sw  # noqa: E402
from etunnel.services.sweep_run import run_sweep  # noqa: E402

PLANE = (200, 500)  # temperatures x pressures: 1e5 points per sample
GOAL_OVERHEAD = 1.20
GOAL_RSS_MB = 2000.0


def spec_dict(samples: int, *, outputs=("state", "R_c", "D"), plane=PLANE, chunk: int | None = None) -> dict:
    data = {"seed": 1,
            "axes": {"materials": ["Pb"], "conventions": ["paper"],
                     "temperature": {"start": 0.0, "stop": 30.0, "num": plane[0]},
                     "pressure": {"start": 0.0, "stop": 100.0, "num": plane[1], "unit": "GPa"}},
            "parameters": {"c0": {"distribution": "uniform", "low": 0.08, "high": 0.12},
                           "n": {"distribution": "normal", "mean": 1.0, "std": 0.3, "low": 0.2, "high": 3.0}},
            "samples": {"count": samples}, "outputs": {"variables": list(outputs)}}
    if chunk is not None:
        data["chunks"] = {"sample": min(chunk, samples)}
    return data


def spec_toml(data: dict) -> str:
    """The spec as TOML (the subset spec_dict produces)."""
    def value(v):
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return json.dumps(v)

    lines = [f"seed = {data['seed']}"]
    for table in ("axes", "parameters", "samples", "chunks", "outputs"):
        if table in data:
            lines.append(f"[{table}]")
            lines += [f"{k} = {value(v)}" for k, v in data[table].items()]
    return "\n".join(lines) + "\n"


def samples_for(points: float) -> int:
    return max(1, int(round(points / (PLANE[0] * PLANE[1]))))


# --------------------------------------------------------------------------- overhead against the bare kernel

def bare(spec: sw.SweepSpec, inputs) -> tuple[float, float]:
    """(wall, CPU) seconds of the kernel alone on every chunk's samples (eq. 24 only if D is an output)."""
    step = spec.chunks["sample"]
    wall, cpu = time.perf_counter(), time.process_time()
    for s0 in range(0, spec.samples, step):
        sw.evaluate_cell_block(inputs, 0, 0, np.arange(s0, min(s0 + step, spec.samples)), spec.temperature,
                               spec.pressure, with_D="D" in spec.outputs)  # the work the sweep does
    return time.perf_counter() - wall, time.process_time() - cpu


def local_sweep(spec: sw.SweepSpec, inputs, folder: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of computing and writing every chunk on 1 thread (store creation excluded)."""
    out = folder / "local.zarr"
    shutil.rmtree(out, ignore_errors=True)
    state = sw.open_or_create(spec, inputs, out)
    tasks = sw.pending_tasks(spec, inputs, state.path)
    wall, cpu = time.perf_counter(), time.process_time()
    sw.compute_tasks(tasks, scheduler="threads", num_workers=1)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    shutil.rmtree(out, ignore_errors=True)
    return wall, cpu


def overhead_rows(folder: Path, samples: int = 200) -> list[dict]:
    rows = []
    for outputs in (("state",), ("state", "R_c", "D")):
        spec = sw.parse_spec(spec_dict(samples, outputs=outputs))
        inputs = sw.prepare(spec)
        small = sw.parse_spec(spec_dict(2, outputs=outputs))
        bare(small, sw.prepare(small))  # warm-up: compiled kernels loaded, zarr and dask imported
        local_sweep(small, sw.prepare(small), folder)
        runs_bare, runs_sweep = [], []
        for _ in range(3):  # alternate, so that load on the shared machine hits both alike
            runs_bare.append(bare(spec, inputs))
            runs_sweep.append(local_sweep(spec, inputs, folder))
        t_bare, c_bare = (min(r[k] for r in runs_bare) for k in (0, 1))
        t_sweep, c_sweep = (min(r[k] for r in runs_sweep) for k in (0, 1))
        label = "+".join(outputs)
        if outputs == ("state",):
            rows.append(row(f"bare kernel CPU throughput ({spec.points:.0e} points, {spec.chunks['sample']} samples "
                            "x 1e5-point planes per chunk)", spec.points / c_bare, "points/s", None, None, None, None))
        rows.append(row(f"sweep CPU time, 1 thread, zarr [{label}]", c_sweep, "s", "bare kernel CPU time", c_bare,
                        f"ratio <= {GOAL_OVERHEAD}", c_sweep / c_bare <= GOAL_OVERHEAD))
        rows.append(row(f"sweep wall time, 1 thread, zarr [{label}]", t_sweep, "s", "bare kernel wall time", t_bare,
                        None, None))
    return rows


# --------------------------------------------------------------------------- 1 vs 2 workers

def cluster_sweep(spec: sw.SweepSpec, folder: Path, workers: int) -> tuple[float, float]:
    """(wall seconds of the compute, CPU seconds summed over the workers) on a LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    with LocalCluster(processes=True, n_workers=workers, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        # warm-up: every worker imports etunnel and loads its compiled kernels before the timed run
        run_sweep(sw.parse_spec(spec_dict(2 * workers, chunk=1, plane=(20, 50))), folder / f"warm-{workers}.zarr",
                  scheduler=cluster.scheduler_address)
        before = sum(client.run(time.process_time).values())
        seconds = run_sweep(spec, folder / f"cluster-{workers}.zarr", scheduler=cluster.scheduler_address).seconds
        cpu = sum(client.run(time.process_time).values()) - before
    shutil.rmtree(folder / f"cluster-{workers}.zarr", ignore_errors=True)
    return seconds, cpu


def worker_rows(folder: Path, samples: int = 200) -> list[dict]:
    spec = sw.parse_spec(spec_dict(samples, outputs=("state",)))
    (t1, c1), (t2, c2) = cluster_sweep(spec, folder, 1), cluster_sweep(spec, folder, 2)
    n = spec.points
    return [row(f"LocalCluster 1 worker throughput ({n:.0e} points, state)", n / t1, "points/s", None, None, None, None),
            row("LocalCluster 2 workers throughput", n / t2, "points/s", "1 worker", n / t1,
                "ratio > 1 (2 shared cores)", t1 / t2 > 1.0),
            row("LocalCluster 1 worker: points per worker CPU second", n / c1, "points/s", None, None, None, None),
            row("LocalCluster 2 workers: points per worker CPU second", n / c2, "points/s", "1 worker", n / c1,
                None, None)]


# --------------------------------------------------------------------------- a whole sweep in a child, peak RSS


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def child_sweep(points: float, folder: Path, outputs=("state", "R_c", "D"), *, keep: bool = False) -> dict:
    """``etunnel sweep`` of ``points`` points in a fresh interpreter: wall, CPU, peak RSS, store size, chunks."""
    samples = samples_for(points)
    data = spec_dict(samples, outputs=outputs)
    spec_path = folder / f"sweep-{samples}.toml"
    spec_path.write_text(spec_toml(data))
    out = folder / f"sweep-{samples}.zarr"
    hwm = folder / f"hwm-{samples}"
    shutil.rmtree(out, ignore_errors=True)
    args = [sys.executable, "-c", _LAUNCHER, str(hwm), "sweep", str(spec_path), "--out", str(out), "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"etunnel sweep failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
    result = json.loads(proc.stdout)
    size = du(out)
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return {"points": result["points"], "samples": samples, "outputs": list(outputs), "chunks": result["chunks_total"],
            "compute_seconds": result["seconds"], "wall_seconds": wall,
            "cpu_seconds": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "peak_rss_MB": int(hwm.read_text()) / 1024.0, "store_bytes": size, "scheduler": result["scheduler"]}


def memory_rows(folder: Path, sizes=(1e7, 1e8)) -> list[dict]:
    runs = [child_sweep(n, folder) for n in sizes]
    rows = []
    for r in runs:
        rows.append(row(f"etunnel sweep peak RSS, {r['points']:.0e} points, all outputs", r["peak_rss_MB"], "MB",
                        f"{runs[0]['points']:.0e} points" if r is not runs[0] else None,
                        runs[0]["peak_rss_MB"] if r is not runs[0] else None,
                        f"<= {GOAL_RSS_MB:.0f} MB" + (" and ratio <= 1.2" if r is not runs[0] else ""),
                        r["peak_rss_MB"] <= GOAL_RSS_MB and (r is runs[0] or r["peak_rss_MB"] <= 1.2 * runs[0]["peak_rss_MB"])))
    big = runs[-1]
    rows.append(row(f"etunnel sweep {big['points']:.0e} points: throughput (wall, 2 threads)",
                    big["points"] / big["compute_seconds"], "points/s", None, None, None, None))
    rows.append(row(f"etunnel sweep {big['points']:.0e} points: CPU throughput (whole child process)",
                    big["points"] / big["cpu_seconds"],
                    "points/s", None, None, None, None))
    return rows


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp:
        folder = Path(tmp)
        return overhead_rows(folder) + worker_rows(folder) + memory_rows(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=float, default=None, help="run one sweep of this many points (e.g. 1e9)")
    parser.add_argument("--outputs", choices=("state", "all"), default="all", help="outputs of --points (default all)")
    parser.add_argument("--folder", default=None, help="where --points writes its store (deleted afterwards)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.points is None:
        emit(run(), as_json=args.json)
        return
    outputs = ("state",) if args.outputs == "state" else ("state", "R_c", "D")
    folder = Path(tempfile.mkdtemp(prefix="bench-sweep-", dir=args.folder))
    try:
        load_before = os.getloadavg()
        result = child_sweep(args.points, folder, outputs)
        result["load_average_before"] = load_before
        result["load_average_after"] = os.getloadavg()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result["throughput_wall"] = result["points"] / result["compute_seconds"]
    result["throughput_cpu"] = result["points"] / result["cpu_seconds"]
    result["store_bytes_per_point"] = result["store_bytes"] / result["points"]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
