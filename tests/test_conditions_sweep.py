"""Sweeps (etunnel.conditions.parameter_sweep): chunked = in memory, agreement with etunnel.classify, zarr store,
resume after an interrupted run (identical bytes), spec errors named before any computation."""

import copy
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

import etunnel
from etunnel.checks import InputError
from etunnel.conditions import parameter_sweep as sw
from etunnel.conditions.diagram import CONDUCTOR, INSULATOR, OUTSIDE, SUPERCONDUCTOR
from etunnel.services.sweep_run import run_sweep, summarize_store

# The module-scoped sweep (in memory and in a store) is built once: in a parallel run the module's tests share one
# worker (ungrouped, its tests were spread over both workers and each built it).
pytestmark = pytest.mark.xdist_group("conditions_sweep")

SMALL = {
    "seed": 7,
    "axes": {"materials": ["Pb", "Nb"], "conventions": ["paper", "covalent/van_der_waals"],
             "temperature": {"start": 0.0, "stop": 30.0, "num": 4},
             "pressure": {"start": 0.0, "stop": 100.0, "num": 5, "unit": "GPa"}},
    "parameters": {"c0": {"distribution": "uniform", "low": 0.05, "high": 0.2},
                   "n": {"distribution": "normal", "mean": 1.0, "std": 0.5, "low": 0.2, "high": 3.0},
                   "beta": 1e-4},
    "samples": {"count": 5},
    "chunks": {"sample": 2},
}


def small(**changes):
    data = copy.deepcopy(SMALL)
    for key, value in changes.items():
        *path, last = key.split(".")
        target = data
        for p in path:
            target = target.setdefault(p, {})
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return data


@pytest.fixture(scope="module")
def spec():
    return sw.parse_spec(small())


@pytest.fixture(scope="module")
def computed(spec):
    inputs = sw.prepare(spec)
    return inputs, sw.sweep_dataset(spec, inputs, chunked=False)


def same(a, b):
    return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)


def test_chunked_equals_in_memory(spec, computed):
    inputs, memory = computed
    chunked = sw.sweep_dataset(spec, inputs, chunked=True)
    assert chunked["state"].chunks is not None and len(chunked["state"].data.chunks[2]) == 3  # samples 2+2+1
    result = chunked.compute(scheduler="sync")
    for name in ("state", "R_c", "D"):
        assert same(result[name].values, memory[name].values), name
    states = set(np.unique(memory["state"].values).tolist())
    assert {INSULATOR, CONDUCTOR, SUPERCONDUCTOR} <= states  # the small sweep exercises the rule


def test_draws_do_not_depend_on_chunking():
    a = sw.parse_spec(small())
    b = sw.parse_spec(small(**{"chunks.sample": 5}))
    assert a.spec_hash != b.spec_hash
    assert same(a.parameter_table(), b.parameter_table())
    # sample s draws from SeedSequence(seed, spawn_key=(s,)): independent of the sample count too
    c = sw.parse_spec(small(**{"samples.count": 3}))
    assert same(a.parameter_table()[:3], c.parameter_table())
    t = a.parameter_table()
    assert ((t[:, 0] >= 0.05) & (t[:, 0] <= 0.2)).all() and ((t[:, 1] >= 0.2) & (t[:, 1] <= 3.0)).all()


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_every_cell_agrees_with_classify(computed, spec, data):
    """The sweep's state of a cell is etunnel.classify of that cell's own R_v, R_b, c (or outside / no data)."""
    inputs, memory = computed
    index = tuple(data.draw(st.integers(0, n - 1)) for n in spec.shape)
    m, v, s, i, j = index
    base = inputs.conditions[m][v]
    code = int(memory["state"].values[index])
    if base is None:
        assert code == sw.NO_DATA
        return
    cond = base.with_params(**dict(zip(inputs.names, inputs.table[s].tolist())))
    T, p = spec.temperature[i], spec.pressure[j]
    R_v = float(cond.valence_radius(T))
    R_b = float(cond.border_radius(T, p))
    c = float(cond.attraction(cond.params["R_b0"] / R_b))
    if not (0 <= c <= 1 and 0 < R_v <= R_b):
        assert code == OUTSIDE
        return
    expected = {"insulator": INSULATOR, "conductor": CONDUCTOR, "superconductor": SUPERCONDUCTOR}[
        str(etunnel.classify(R_v, R_b, c))]
    assert code == expected
    R_c = memory["R_c"].values[index]
    if code == INSULATOR:
        assert math.isnan(R_c)
    else:
        assert R_c == pytest.approx(float(etunnel.conducting_radius(R_b, c)), rel=1e-12)
        assert (code == SUPERCONDUCTOR) == (memory["D"].values[index] <= 0)


def tree_bytes(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def full_store(tmp_path_factory, spec):
    """The SMALL sweep written once to a store, with its run result. Read it; copy it before changing it."""
    path = tmp_path_factory.mktemp("sweep") / "full.zarr"
    return path, run_sweep(spec, path, local_scheduler="sync")


def test_store_round_trip_and_resume_identical_bytes(tmp_path, monkeypatch, spec, computed, full_store):
    _, memory = computed
    full, result = full_store
    assert result.chunks_computed == result.chunks_total == 2 * 2 * 3
    ds = sw.open_store(full)
    for name in ("state", "R_c", "D"):
        assert same(ds[name].values, memory[name].values), name
    assert ds.attrs["etunnel_sweep_spec_hash"] == spec.spec_hash and int(ds.attrs["seed"]) == 7

    # a run killed after 5 chunks, then resumed
    partial = tmp_path / "partial.zarr"
    real = sw._write_block
    calls = []

    def dying(*args):
        if len(calls) == 5:
            raise KeyboardInterrupt("killed")
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(sw, "_write_block", dying)
    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec, partial, local_scheduler="sync")
    monkeypatch.setattr(sw, "_write_block", real)
    assert summarize_store(partial).chunks_done == 5 and not summarize_store(partial).complete
    again = run_sweep(spec, partial, local_scheduler="threads", num_workers=2)
    assert again.chunks_already_done == 5 and again.chunks_computed == again.chunks_total - 5
    assert tree_bytes(partial) == tree_bytes(full)
    # a third run finds nothing to do
    assert run_sweep(spec, partial, local_scheduler="sync").chunks_computed == 0


def test_store_of_another_spec_refused(tmp_path, spec, full_store):
    out = tmp_path / "s.zarr"
    shutil.copytree(full_store[0], out)
    before = tree_bytes(out)
    assert before == tree_bytes(full_store[0])
    other = sw.parse_spec(small(**{"seed": 8}))
    with pytest.raises(InputError, match="different spec"):
        run_sweep(other, out, local_scheduler="sync")
    assert tree_bytes(out) == before
    replaced = run_sweep(other, out, local_scheduler="sync", force=True)
    assert replaced.chunks_computed == replaced.chunks_total
    assert sw.open_store(out).attrs["etunnel_sweep_spec_hash"] == other.spec_hash
    plain = tmp_path / "folder"
    plain.mkdir()
    (plain / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="not an etunnel sweep store"):
        run_sweep(spec, plain, local_scheduler="sync", force=True)
    assert (plain / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("changes, key", [
    ({"axes.materials": ["Pb", "Xx"]}, "axes.materials"),
    ({"axes.colour": [1]}, "axes.colour"),
    ({"axes.conventions": ["paper", "bogus"]}, "axes.conventions"),
    ({"axes.temperature.num": -3}, "axes.temperature.num"),
    ({"axes.temperature.stop": 0.0}, "axes.temperature.stop"),
    ({"axes.temperature.num": None}, "axes.temperature.num"),
    ({"axes.pressure.unit": None}, "axes.pressure.unit"),
    ({"axes.pressure.start": -1.0}, "axes.pressure.start"),
    ({"axes.pressure.stop": 1e6}, "axes.pressure"),
    ({"samples.count": -1}, "samples.count"),
    ({"samples.count": 2 * sw.MAX_SAMPLES}, "samples.count"),
    ({"seed": None}, "seed"),
    ({"seed": True}, "seed"),
    ({"parameters.c0": {"distribution": "uniform", "low": 0.5, "high": 1.5}}, "parameters.c0.high"),
    ({"parameters.c0.high": None}, "parameters.c0.high"),
    ({"parameters.n": {"distribution": "normal", "mean": 1.0, "std": 0.5}}, "parameters.n.low"),
    ({"parameters.n": {"distribution": "cauchy"}}, "parameters.n.distribution"),
    ({"parameters.R_v0": 1e-10}, "parameters.R_v0"),
    ({"parameters.beta": "0"}, "parameters.beta"),
    ({"chunks.sample": 0}, "chunks.sample"),
    ({"chunks.temperature": 2}, "chunks.temperature"),
    ({"outputs.variables": ["R_c"]}, "outputs.variables"),
    ({"model.c_model": "cubic"}, "model.c_model"),
    ({"extra": 1}, "extra"),
    ({"axes.temperature.num": 100_000, "axes.pressure.num": 100_000, "samples.count": 10}, "axes"),
])
def test_spec_errors_name_the_key_before_computing(tmp_path, monkeypatch, changes, key):
    monkeypatch.setattr(sw, "evaluate_cell_block", lambda *a, **k: pytest.fail("computed before refusing"))
    out = tmp_path / "never.zarr"
    with pytest.raises(InputError, match=f"spec key {key.replace('.', '[.]')}"):
        run_sweep(small(**changes), out, local_scheduler="sync")
    assert not out.exists()


def test_correlated_parameters_follow_their_covariance():
    """A fit's values and covariance: draws have that mean and covariance (4000 draws, 4-sigma tolerances)."""
    cov = [[1e-4, 3e-4], [3e-4, 4e-3]]  # correlation 0.47
    data = small(**{"parameters": {"correlated": {"names": ["c0", "n"], "mean": [0.3, 1.5], "covariance": cov}},
                    "samples.count": 4000, "chunks.sample": 100})
    spec = sw.parse_spec(data)
    assert spec.sampled_names == ("c0", "n")
    t = spec.parameter_table()
    assert np.mean(t, axis=0) == pytest.approx([0.3, 1.5], abs=4 * np.sqrt(np.diag(cov) / 4000).max())
    assert np.cov(t.T) == pytest.approx(np.array(cov), rel=0.15, abs=2e-5)
    assert same(t[:10], sw.parse_spec(small(**{"parameters": data["parameters"], "samples.count": 10})).parameter_table())
    with pytest.raises(InputError, match="spec key parameters.correlated.covariance"):
        sw.parse_spec(small(**{"parameters": {"correlated": {"names": ["c0", "n"], "mean": [0.3, 1.5],
                                                             "covariance": [[1.0, 2.0], [2.0, 1.0]]}}}))
    with pytest.raises(InputError, match="spec key parameters.n: also given"):
        sw.parse_spec(small(**{"parameters": {"n": 1.0, "correlated": {"names": ["c0", "n"], "mean": [0.3, 1.5],
                                                                       "covariance": cov}}}))


_WRONG = st.one_of(st.none(), st.booleans(), st.text(max_size=3), st.just(float("nan")), st.just(float("inf")),
                   st.lists(st.integers(), max_size=2))


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(["seed", "axes.temperature.start", "axes.temperature.num", "axes.pressure.stop",
                            "samples.count", "chunks.sample", "parameters.beta", "parameters.c0.low",
                            "parameters.n.std", "model.terms"]), value=_WRONG)
@example(key="model.terms", value=True)  # in every run: a bool for the number of terms
def test_wrong_types_refused_with_the_key_named(key, value):
    """No coercion: None, bools, strings, NaN, infinities and lists are refused, naming the key."""
    if value is None and key in ("model.terms", "parameters.beta", "chunks.sample", "samples.count"):
        return  # optional keys: absent means the documented default
    with pytest.raises(InputError, match=f"spec key {key.replace('.', '[.]')}"):
        sw.parse_spec(small(**{key: value}))


def test_block_values_do_not_depend_on_the_batch(spec):
    """A chunk solves all its samples in one batch: each sample's plane is the same bytes solved alone,
    and the same bytes as the plane-by-plane evaluation (fields per sample, rule and D per plane)."""
    from etunnel.conditions.diagram import _fields, classify_cells
    from etunnel.model import resisting_distance

    inputs = sw.prepare(spec)
    T, p = spec.temperature, spec.pressure
    for m, v in ((0, 0), (1, 1)):
        whole = sw.evaluate_cell_block(inputs, m, v, np.arange(spec.samples), T, p)
        for s in range(spec.samples):
            alone = sw.evaluate_cell_block(inputs, m, v, [s], T, p)
            for a, b in zip(whole, alone):
                assert a[s].tobytes() == b[0].tobytes()
            cond = inputs.conditions[m][v].with_params(**dict(zip(inputs.names, inputs.table[s].tolist())))
            R_v, R_b, c, _ = _fields(cond, T[:, None], np.cbrt(cond.volume_ratio(p))[None, :])
            state, R_c = classify_cells(R_v, R_b, c, inputs.terms)
            D = np.full(state.shape, np.nan)
            inside = state != OUTSIDE
            D[inside] = resisting_distance(R_v[inside], R_b[inside], c[inside], terms=inputs.terms)
            for a, b in zip(whole, (state, R_c, D)):
                assert a[s].tobytes() == b.tobytes()


def test_default_chunk_and_codecs(full_store):
    """Without [chunks], a chunk holds about DEFAULT_CHUNK_POINTS points (whole planes); floats use Blosc LZ4."""
    big = small(**{"chunks": None, "samples.count": 1000, "axes.temperature.num": 50, "axes.pressure.num": 100})
    spec = sw.parse_spec(big)
    assert spec.chunks["sample"] == sw.DEFAULT_CHUNK_POINTS // 5000 == 200
    assert sw.parse_spec(small(**{"chunks": None})).chunks["sample"] == 5  # never more than the samples
    out = full_store[0]  # the store run_sweep(small()) writes
    import zarr

    group = zarr.open_group(str(out), mode="r")
    assert [type(c).__name__ for c in group["R_c"].compressors] == ["BloscCodec"]
    assert group["D"].compressors[0].cname.value == "lz4" and group["D"].compressors[0].shuffle.value == "shuffle"
    assert [type(c).__name__ for c in group["state"].compressors] == ["ZstdCodec"]


def test_array_handles_not_reused_across_a_replaced_store(tmp_path, spec):
    """_write_block keeps arrays open; --force replacing the store in place must not write through old handles."""
    out = tmp_path / "r.zarr"
    run_sweep(spec, out, local_scheduler="sync")
    other = sw.parse_spec(small(**{"axes.pressure.num": 3}))  # another shape at the same path
    run_sweep(other, out, local_scheduler="sync", force=True)
    ds = sw.open_store(out)
    assert ds["state"].shape == other.shape and bool(ds["chunk_done"].values.all())
    memory = sw.sweep_dataset(other, chunked=False)
    assert same(ds["state"].values, memory["state"].values) and same(ds["R_c"].values, memory["R_c"].values)


def test_state_without_D_is_the_same_bytes(tmp_path, spec, computed):
    """``with_D=False`` (the state-only callers and a store without D) skips eq. (24) and changes nothing else."""
    inputs, memory = computed
    for m, v in ((0, 0), (1, 1)):
        full = sw.evaluate_cell_block(inputs, m, v, np.arange(spec.samples), spec.temperature, spec.pressure)
        lean = sw.evaluate_cell_block(inputs, m, v, np.arange(spec.samples), spec.temperature, spec.pressure,
                                      with_D=False)
        assert lean[2] is None and np.isfinite(full[2]).any()
        assert lean[0].tobytes() == full[0].tobytes() and lean[1].tobytes() == full[1].tobytes()
    no_D = sw.parse_spec(small(**{"outputs.variables": ["state", "R_c"]}))
    run_sweep(no_D, tmp_path / "no_D.zarr", local_scheduler="sync")
    ds = sw.open_store(tmp_path / "no_D.zarr")
    assert "D" not in ds
    for name in ("state", "R_c"):
        assert same(ds[name].values, memory[name].values), name
