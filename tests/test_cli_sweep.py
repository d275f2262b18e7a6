"""`etunnel sweep`: a run and its summary as a user types them, a LocalCluster run equal to the local one,
and bad input (exit 2, one line, nothing written)."""

import contextlib
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from etunnel.cli import main
from etunnel.conditions import parameter_sweep as sw

SPEC = """\
seed = 11
[axes]
materials = ["Pb", "Nb"]
conventions = ["paper"]
temperature = { start = 0.0, stop = 20.0, num = 3 }
pressure = { start = 0.0, stop = 60.0, num = 4, unit = "GPa" }
[parameters]
c0 = { distribution = "uniform", low = 0.05, high = 0.2 }
[samples]
count = 4
[chunks]
sample = 2
"""


@pytest.fixture
def spec_file(tmp_path) -> Path:
    path = tmp_path / "spec.toml"
    path.write_text(SPEC)
    return path


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    """``etunnel sweep SPEC --out STORE --json`` on the local scheduler, run once per module: the store and the
    printed JSON. Tests read the store, or copy it before changing it."""
    root = tmp_path_factory.mktemp("sweep-cli")
    spec = root / "spec.toml"
    spec.write_text(SPEC)
    store = root / "local.zarr"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), pytest.raises(SystemExit) as exc:
        main(["sweep", str(spec), "--out", str(store), "--json"])
    assert exc.value.code == 0
    return store, json.loads(printed.getvalue())


def test_run_resume_and_summary(tmp_path, spec_file, local_run, cli):
    first, payload = local_run
    assert payload["points"] == 2 * 1 * 4 * 3 * 4 and payload["chunks_computed"] == 4
    store = tmp_path / "store.zarr"
    shutil.copytree(first, store)
    code, out, err = cli("sweep", spec_file, "--out", store, "--json")
    assert code == 0 and json.loads(out)["chunks_already_done"] == 4 and json.loads(out)["chunks_computed"] == 0
    png = tmp_path / "summary.png"
    code, out, err = cli("sweep", "--summary", store, "--out", png, "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["complete"] and summary["shape"]["sample"] == 4 and summary["seed"] == 11
    for item in summary["materials"]:
        assert sum(item["state_fraction"].values()) == pytest.approx(1.0)
    assert png.read_bytes()[:4] == b"\x89PNG"
    code, out, err = cli("sweep", "--summary", store)
    assert code == 0 and "chunks done: 4/4" in out and "superconductor" in out
    code, _, err = cli("sweep", "--summary", store, "--out", png)
    assert code == 2 and err.startswith("etunnel: error: --out") and "--force" in err


@pytest.mark.parametrize("text, message", [
    (SPEC.replace('"Nb"', '"Qq"'), "spec key axes.materials"),
    (SPEC.replace("count = 4", "count = -4"), "spec key samples.count"),
    (SPEC.replace("num = 3", "num = 0"), "spec key axes.temperature.num"),
    (SPEC + "[colour]\n", "spec key colour"),
    ("seed = [", "not valid TOML"),
], ids=["unknown-material", "negative-samples", "empty-range", "unknown-table", "bad-toml"])
def test_bad_spec_exit_2(tmp_path, cli, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    store = tmp_path / "never.zarr"
    code, out, err = cli("sweep", path, "--out", store)
    assert code == 2 and err.startswith("etunnel: error:") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not store.exists()


def test_other_spec_store_refused(tmp_path, spec_file, local_run, cli):
    store = tmp_path / "store.zarr"
    shutil.copytree(local_run[0], store)
    code, out, err = cli("sweep", spec_file, "--out", store)  # the text report; a complete store: no work
    assert code == 0, err
    flat = " ".join(out.split())  # the report wraps at the text width; where depends on the store's path length
    assert "chunks: 0 computed, 4 already done, 4 in all" in flat and "= 96 points" in flat
    assert "assumption in force" in flat
    other = tmp_path / "other.toml"
    other.write_text(SPEC.replace("seed = 11", "seed = 12"))
    code, _, err = cli("sweep", other, "--out", store)
    assert code == 2 and "different spec" in err
    code, _, err = cli("sweep", "--summary", tmp_path / "nothing.zarr")
    assert code == 2 and "not found" in err
    code, _, err = cli("sweep", "--summary", store, "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "not to --summary" in err
    code, _, err = cli("sweep", spec_file, "--summary", store)
    assert code == 2 and "not both" in err
    code, _, err = cli("sweep", spec_file)
    assert code == 2 and "--out is required" in err


@pytest.mark.slow
@pytest.mark.distributed
def test_local_cluster_equals_local(tmp_path, spec_file, local_run, cli):
    """Same store bytes from a LocalCluster (2 worker processes) as from the local scheduler."""
    import dask
    from distributed import LocalCluster

    local = local_run[0]
    remote = tmp_path / "remote.zarr"
    # The workers are forked from a server process that has imported dask, distributed, numpy and pandas once,
    # rather than each started as a new interpreter that imports them ("spawn", the default): same worker
    # processes, 1.6 s less CPU. The server outlives the cluster (idle, until this process ends).
    with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}), \
            LocalCluster(processes=True, n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster:
        code, out, err = cli("sweep", spec_file, "--out", remote, "--scheduler", cluster.scheduler_address,
                             "--json")
    assert code == 0, err
    assert json.loads(out)["scheduler"].startswith("dask.distributed tcp://")
    files = lambda root: {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(remote) == files(local)
    a, b = sw.open_store(local), sw.open_store(remote)
    assert np.array_equal(a["R_c"].values, b["R_c"].values, equal_nan=True)


def test_scheduler_unreachable(tmp_path, spec_file, cli):
    code, _, err = cli("sweep", spec_file, "--out", tmp_path / "s.zarr", "--scheduler", "not-an-address")
    assert code == 2 and "--scheduler" in err
