"""Use case: run a parameter sweep into a zarr store (resuming), and summarise a store.

The computation lives in :mod:`etunnel.conditions.parameter_sweep`; this module chooses
the scheduler (local threads by default; a ``dask.distributed`` cluster by
address or scheduler file), reports progress and returns typed results.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from etunnel.checks import InputError
from etunnel.conditions import parameter_sweep as sw
from etunnel.services.base import Result


@dataclass(frozen=True)
class SweepRunResult(Result):
    """What a run did. Times in seconds."""

    store: str
    spec_hash: str
    shape: dict
    points: int
    chunks_total: int
    chunks_already_done: int
    chunks_computed: int
    scheduler: str
    seconds: float
    points_per_second: float | None
    missing_inputs: dict
    assumptions: list


def _client(scheduler: str | None, scheduler_file: str | None):
    if scheduler is None and scheduler_file is None:
        return None
    if scheduler is not None and scheduler_file is not None:
        raise InputError("give --scheduler or --scheduler-file, not both")
    from distributed import Client

    try:
        if scheduler_file is not None:
            if not Path(scheduler_file).is_file():
                raise InputError(f"--scheduler-file {scheduler_file!r} not found")
            return Client(scheduler_file=scheduler_file, timeout="10s")
        if not isinstance(scheduler, str) or "://" not in scheduler:
            raise InputError(f"--scheduler must be an address such as tcp://127.0.0.1:8786, got {scheduler!r}")
        return Client(scheduler, timeout="10s")
    except OSError as exc:
        raise InputError(f"cannot reach the dask scheduler: {exc}") from None


def run_sweep(spec_path, out, *, scheduler: str | None = None, scheduler_file: str | None = None,
              force: bool = False, progress=None, local_scheduler: str = "threads",
              num_workers: int | None = None) -> SweepRunResult:
    """Validate the spec, create or reopen the store, and compute every chunk not yet done.

    ``spec_path`` is a TOML file, a spec dict or a parsed :class:`SweepSpec`.
    ``progress(total, done)`` is called once with the totals; ``progress(None, n)``
    as chunks finish. The spec is validated (and every material built) before
    the store is touched or any chunk computed.
    """
    if isinstance(spec_path, sw.SweepSpec):
        spec = spec_path
    elif isinstance(spec_path, dict):
        spec = sw.parse_spec(spec_path)
    else:
        spec = sw.load_spec(spec_path)
    inputs = sw.prepare(spec)
    if out is None:
        raise InputError("--out is required: the zarr store to write, e.g. --out store.zarr")
    client = _client(scheduler, scheduler_file)
    try:
        state = sw.open_or_create(spec, inputs, out, force=force)
        tasks = sw.pending_tasks(spec, inputs, state.path)
        if progress:
            progress(state.total, state.done)
        start = time.perf_counter()
        sw.compute_tasks(tasks, scheduler=local_scheduler, client=client,
                         on_done=(lambda n: progress(None, n)) if progress else None,
                         num_workers=num_workers or os.cpu_count())
        seconds = time.perf_counter() - start
        where = f"dask.distributed {client.scheduler.address}" if client is not None else \
            f"local {local_scheduler} ({num_workers or os.cpu_count()} workers)"
    finally:
        if client is not None:
            client.close()
    per_chunk = spec.points / state.total
    computed_points = per_chunk * len(tasks)
    missing = {f"{m} {label}": why for m, row in zip(spec.materials, inputs.missing)
               for label, why in zip(spec.convention_labels, row) if why}
    assumptions = sorted({a for row in inputs.conditions for m in row if m is not None for a in m.assumptions()
                          if a.split(":")[0] not in spec.fixed and a.split(":")[0] not in inputs.names})
    return SweepRunResult(
        store=state.path, spec_hash=spec.spec_hash, shape=dict(zip(sw.DIMS, spec.shape)), points=spec.points,
        chunks_total=state.total, chunks_already_done=state.done, chunks_computed=len(tasks), scheduler=where,
        seconds=seconds, points_per_second=computed_points / seconds if tasks and seconds > 0 else None,
        missing_inputs=missing, assumptions=assumptions)


#: Largest (sample x pressure) table of grid T_c kept for the band (8 bytes each).
MAX_TC_VALUES = 20_000_000


@dataclass(frozen=True)
class MaterialSummary(Result):
    """One (material, convention) of a store, over samples and the (T, p) grid."""

    material: str
    convention: str
    state_fraction: dict  # state name -> fraction of (sample, T, p) cells
    tc_at_pressure: list  # rows {pressure_GPa, tc_median_K, tc_p05_K, tc_p95_K, p_superconducting_any}
    onset_pressure_GPa: dict  # lowest grid pressure superconducting at the lowest temperature, over samples
    missing: str | None


@dataclass(frozen=True)
class SweepSummary(Result):
    """What a store holds. Temperatures in K, pressures in GPa."""

    store: str
    complete: bool
    chunks_done: int
    chunks_total: int
    shape: dict
    temperature_K: list
    pressure_GPa: list
    parameters: dict  # name -> {min, median, max} of the draws
    seed: int | None
    spec_hash: str
    etunnel_version: str
    materials: list
    robustness: list  # per material: the ambient-state verdict under each convention
    tc_definition: str


def _grid_tc(state: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Highest grid temperature in the superconducting state, per (sample, pressure); NaN where none [K]."""
    sc = state == 2
    any_sc = sc.any(axis=-2)
    top = T.size - 1 - np.argmax(sc[..., ::-1, :], axis=-2)
    # superconducting at the window's top: T_c is at or above it, not known from the grid (inf, censored)
    return np.where(any_sc, np.where(top == T.size - 1, np.inf, T[top]), np.nan)


def summarize_store(path) -> SweepSummary:
    """Probability of each state, grid T_c(p) bands and a convention robustness table of a store."""
    import json

    ds = sw.open_store(path)
    done = np.asarray(ds["chunk_done"].values)
    complete = bool(done.all())
    T = ds["temperature"].values
    p = ds["pressure"].values
    names = {int(k): v for k, v in json.loads(ds.attrs["state_codes"]).items()}
    spec = json.loads(ds.attrs["etunnel_sweep_spec"])
    materials, robustness = [], []
    params = {}
    if "parameter_value" in ds:
        for j, name in enumerate(ds["parameter"].values.tolist()):
            v = ds["parameter_value"].values[:, j]
            params[name] = {"min": float(v.min()), "median": float(np.median(v)), "max": float(v.max())}
    for k in spec.get("fixed", {}):
        params[k] = {"fixed": spec["fixed"][k]}
    sources = json.loads(ds.attrs["data_sources"])
    if complete:
        state_all = ds["state"]
        n_samples = int(ds.sizes["sample"])
        step = int(state_all.encoding.get("chunks", (1, 1, n_samples))[2]) or n_samples
        keep_tc = n_samples * p.size <= MAX_TC_VALUES
        for mi, material in enumerate(ds["material"].values.tolist()):
            verdicts = {}
            for ci, convention in enumerate(ds["convention"].values.tolist()):
                missing = sources.get(f"{material} {convention}", {}).get("missing")
                # stream over sample blocks of the store's chunk size: memory bounded by a chunk
                counts = {c: 0 for c in names}
                tc_parts, low_parts = [], []
                for s0 in range(0, n_samples, step):
                    st = np.asarray(state_all[mi, ci, s0:s0 + step].values)
                    for c in names:
                        counts[c] += int((st == c).sum())
                    if keep_tc:
                        tc_parts.append(_grid_tc(st, T))
                    low_parts.append(st[:, 0, :])
                cells = n_samples * T.size * p.size
                fraction = {names[c]: counts[c] / cells for c in sorted(names)}
                rows = []
                tc = np.concatenate(tc_parts) if keep_tc else None  # (sample, pressure)
                for j, q in enumerate(p):
                    if tc is None:
                        rows.append({"pressure_GPa": q / 1e9, "tc_median_K": None, "tc_p05_K": None, "tc_p95_K": None,
                                     "note": f"T_c band not kept for more than {MAX_TC_VALUES:.0e} (sample, pressure) values"})
                        continue
                    col = tc[:, j]
                    have = np.isfinite(col)
                    rows.append({"pressure_GPa": q / 1e9, "p_superconducting_any": float((~np.isnan(col)).mean()),
                                 "p_tc_above_window": float(np.isinf(col).mean()),
                                 "tc_median_K": float(np.median(col[have])) if have.all() else None,
                                 "tc_p05_K": float(np.quantile(col[have], 0.05)) if have.all() else None,
                                 "tc_p95_K": float(np.quantile(col[have], 0.95)) if have.all() else None})
                st = np.concatenate(low_parts)[:, None, :]  # (sample, 1, pressure) at the lowest temperature
                sc_low = st[:, 0, :] == 2  # (sample, pressure) at the lowest temperature
                has = sc_low.any(axis=1)
                onset = np.where(has, p[np.argmax(sc_low, axis=1)] / 1e9, np.nan)
                onset_summary = {"fraction_of_samples": float(has.mean()),
                                 "p05": float(np.quantile(onset, 0.05)) if has.all() else None,
                                 "median": float(np.median(onset)) if has.all() else None,
                                 "p95": float(np.quantile(onset, 0.95)) if has.all() else None}
                materials.append(MaterialSummary(material, convention, fraction, rows, onset_summary, missing))
                # verdict at the grid's lowest temperature and pressure, over samples
                ambient = st[:, 0, 0]
                verdicts[convention] = None if missing else {names[c]: float((ambient == c).mean()) for c in sorted(names)
                                                             if (ambient == c).any()}
            robustness.append({"material": material, "at_T_K": float(T[0]), "at_p_GPa": float(p[0] / 1e9),
                               "state_probability_by_convention": verdicts})
    return SweepSummary(
        store=str(Path(path).absolute()), complete=complete, chunks_done=int(done.sum()), chunks_total=int(done.size),
        shape={d: int(ds.sizes[d]) for d in sw.DIMS}, temperature_K=[float(T.min()), float(T.max()), int(T.size)],
        pressure_GPa=[float(p.min() / 1e9), float(p.max() / 1e9), int(p.size)], parameters=params,
        seed=None if int(ds.attrs["seed"]) < 0 else int(ds.attrs["seed"]), spec_hash=ds.attrs["etunnel_sweep_spec_hash"],
        etunnel_version=ds.attrs["etunnel_version"], materials=materials, robustness=robustness,
        tc_definition="grid T_c: highest grid temperature in the superconducting state at each pressure and sample "
                      "(resolution = temperature step); band = 5th-95th percentile over samples, given only where "
                      "every sample has a T_c inside the window (missing where any sample is never superconducting "
                      "on the column, or superconducting up to the window's top)")


# --------------------------------------------------------------------------- explorer views of a store

#: Largest state grid a slice returns: the (temperature, pressure) plane is strided down to at most this many
#: temperatures and pressures (every k-th point, k the smallest integer that fits; the stride is reported).
MAX_SLICE_TEMPERATURES = 201
MAX_SLICE_PRESSURES = 201


def check_store(path) -> str:
    """Absolute path of an etunnel sweep store; InputError naming ``--store`` otherwise."""
    if path is None or not str(path).strip():
        raise InputError("--store: empty path; give a zarr store written by etunnel sweep")
    p = Path(path)
    if not p.exists():
        raise InputError(f"--store: {str(path)!r} not found")
    if not sw.is_sweep_store(p):
        raise InputError(f"--store: {str(path)!r} is not an etunnel sweep store (written by `etunnel sweep --out`)")
    return str(p.absolute())


@dataclass(frozen=True)
class SweepStoreOverview(Result):
    """What a store holds (metadata only; nothing is computed). Temperatures in K, pressures in GPa."""

    store: str
    complete: bool
    chunks_done: int
    chunks_total: int
    shape: dict
    materials: list
    conventions: list
    samples: int
    temperature_K: dict
    pressure_GPa: dict
    outputs: list
    parameters: list
    seed: int | None
    spec_hash: str
    etunnel_version: str
    state_codes: dict
    missing_inputs: dict
    slice_caps: dict


def store_overview(path) -> SweepStoreOverview:
    """Axes, completeness and provenance of a sweep store, for the explorer's ``/api/v1/sweep``."""
    import json

    ds = sw.open_store(path)
    done = np.asarray(ds["chunk_done"].values)
    T = ds["temperature"].values
    p = ds["pressure"].values
    sources = json.loads(ds.attrs["data_sources"])
    return SweepStoreOverview(
        store=str(Path(path).absolute()), complete=bool(done.all()), chunks_done=int(done.sum()),
        chunks_total=int(done.size), shape={d: int(ds.sizes[d]) for d in sw.DIMS},
        materials=[str(m) for m in ds["material"].values.tolist()],
        conventions=[str(c) for c in ds["convention"].values.tolist()], samples=int(ds.sizes["sample"]),
        temperature_K={"min": float(T.min()), "max": float(T.max()), "num": int(T.size)},
        pressure_GPa={"min": float(p.min() / 1e9), "max": float(p.max() / 1e9), "num": int(p.size)},
        outputs=[v for v in sw.OUTPUTS if v in ds],
        parameters=[str(n) for n in ds["parameter"].values.tolist()] if "parameter" in ds.coords else [],
        seed=None if int(ds.attrs["seed"]) < 0 else int(ds.attrs["seed"]), spec_hash=ds.attrs["etunnel_sweep_spec_hash"],
        etunnel_version=ds.attrs["etunnel_version"],
        state_codes={str(k): v for k, v in json.loads(ds.attrs["state_codes"]).items()},
        missing_inputs={k: v["missing"] for k, v in sources.items() if "missing" in v},
        slice_caps={"temperatures": MAX_SLICE_TEMPERATURES, "pressures": MAX_SLICE_PRESSURES})


@dataclass(frozen=True)
class SweepSlice(Result):
    """The state on the (temperature, pressure) grid of one material, convention and sample.

    ``state[i][j]`` is the state code at ``temperature_K[i]``, ``pressure_GPa[j]``
    (codes in ``state_codes``); null everywhere with ``reason`` when the chunk
    holding the slice has not been computed yet.
    """

    store: str
    material: str
    convention: str
    sample: int
    parameters: dict
    temperature_K: list
    pressure_GPa: list
    stride: dict
    state: list | None
    state_codes: dict
    state_fraction: dict | None
    reason: str | None


def store_slice(path, *, material, convention, sample) -> SweepSlice:
    """One (T, p) state grid of a store, strided to at most :data:`MAX_SLICE_TEMPERATURES` x :data:`MAX_SLICE_PRESSURES`.

    Raises InputError naming ``material``, ``convention`` or ``sample`` (with the allowed values) for a value the
    store does not hold.
    """
    import json

    ds = sw.open_store(path)
    materials = [str(m) for m in ds["material"].values.tolist()]
    conventions = [str(c) for c in ds["convention"].values.tolist()]
    n_samples = int(ds.sizes["sample"])
    if not isinstance(material, str) or material not in materials:
        raise InputError(f"material must be one of {', '.join(materials)} (the store's materials), got {material!r}")
    if not isinstance(convention, str) or convention not in conventions:
        raise InputError(f"convention must be one of {', '.join(conventions)} (the store's conventions), "
                         f"got {convention!r}")
    if isinstance(sample, bool) or not isinstance(sample, (int, np.integer)) or not 0 <= sample < n_samples:
        raise InputError(f"sample must be an integer in [0, {n_samples - 1}], got {sample!r}")
    mi, ci, s = materials.index(material), conventions.index(convention), int(sample)
    T = ds["temperature"].values
    p = ds["pressure"].values
    kt = -(-T.size // MAX_SLICE_TEMPERATURES)
    kp = -(-p.size // MAX_SLICE_PRESSURES)
    codes = {str(k): v for k, v in json.loads(ds.attrs["state_codes"]).items()}
    spec = json.loads(ds.attrs["etunnel_sweep_spec"])
    chunk_s = int(spec["chunks"]["sample"])
    counts = (len(materials), len(conventions), -(-n_samples // chunk_s), 1, 1)
    flat = int(np.ravel_multi_index((mi, ci, s // chunk_s, 0, 0), counts))
    done = bool(ds["chunk_done"].values[flat])
    params = {}
    if "parameter_value" in ds:
        params = {str(n): float(v) for n, v in zip(ds["parameter"].values.tolist(), ds["parameter_value"].values[s])}
    params.update({k: v for k, v in spec.get("fixed", {}).items()})
    state = fraction = reason = None
    if done:
        grid = np.asarray(ds["state"][mi, ci, s, ::kt, ::kp].values)
        state = grid.tolist()
        fraction = {codes[str(c)]: float(np.mean(grid == c)) for c in sorted(int(k) for k in codes) if np.any(grid == c)}
    else:
        reason = f"chunk {flat} of the store (holding this sample) has not been computed yet; resume the sweep"
    return SweepSlice(
        store=str(Path(path).absolute()), material=material, convention=convention, sample=s, parameters=params,
        temperature_K=T[::kt].tolist(), pressure_GPa=(p[::kp] / 1e9).tolist(),
        stride={"temperature": kt, "pressure": kp}, state=state, state_codes=codes, state_fraction=fraction,
        reason=reason)
