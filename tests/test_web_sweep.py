"""The explorer shows a sweep store (``etunnel serve --store``): overview, one (T, p) slice, bad input."""

from __future__ import annotations


import numpy as np
import pytest

from etunnel.conditions import parameter_sweep as sw
from etunnel.services.sweep_run import MAX_SLICE_TEMPERATURES, run_sweep
from web_client import TestClient, create_app

SPEC = {
    "seed": 3,
    "axes": {"materials": ["Pb", "Nb"], "conventions": ["paper", "covalent/metallic"],
             "temperature": {"start": 0.0, "stop": 40.0, "num": 5},
             "pressure": {"start": 0.0, "stop": 60.0, "num": 4, "unit": "GPa"}},
    "parameters": {"c0": {"distribution": "uniform", "low": 0.1, "high": 0.4}},
    "samples": {"count": 3},
    "chunks": {"sample": 2},
    "outputs": {"variables": ["state"]},
}


# The module-scoped fixture is built once: in a parallel run the module's tests share one worker.
pytestmark = pytest.mark.xdist_group("web_sweep")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("web-sweep") / "store.zarr"
    run_sweep(SPEC, path, local_scheduler="sync")
    return path


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store=store))


def test_overview(client, store):
    body = client.get("/api/v1/sweep").json()
    assert body["available"] is True and body["complete"] is True
    assert body["materials"] == ["Pb", "Nb"] and body["conventions"] == ["paper", "covalent/metallic"]
    assert body["samples"] == 3 and body["chunks_total"] == 2 * 2 * 2 == body["chunks_done"]
    assert body["temperature_K"] == {"min": 0.0, "max": 40.0, "num": 5}
    assert body["pressure_GPa"] == {"min": 0.0, "max": 60.0, "num": 4}
    assert body["parameters"] == ["c0"] and body["seed"] == 3


def test_slice_is_the_stored_plane_and_agrees_with_the_kernel(client, store):
    spec = sw.parse_spec(SPEC)
    inputs = sw.prepare(spec)
    for mi, material in enumerate(("Pb", "Nb")):
        for s in range(3):
            body = client.get("/api/v1/sweep/slice", params={"material": material, "convention": "covalent/metallic",
                                                              "sample": s}).json()
            assert body["stride"] == {"temperature": 1, "pressure": 1}
            assert body["temperature_K"] == pytest.approx(np.linspace(0, 40, 5).tolist())
            assert body["pressure_GPa"] == pytest.approx(np.linspace(0, 60, 4).tolist())
            assert body["parameters"]["c0"] == pytest.approx(float(inputs.table[s, 0]), rel=0, abs=0)
            expected, _, _ = sw.evaluate_cell_block(inputs, mi, 1, [s], spec.temperature, spec.pressure)
            np.testing.assert_array_equal(np.array(body["state"]), expected[0])
            assert sum(body["state_fraction"].values()) == pytest.approx(1.0)


@pytest.mark.parametrize("params, name", [
    ({"material": "Xx"}, "material"),
    ({"material": "Pb", "convention": "metallic"}, "convention"),
    ({"material": "Pb", "sample": 3}, "sample"),
    ({"material": "Pb", "sample": -1}, "sample"),
    ({"material": "Pb", "sample": "one"}, "sample"),
    ({"material": "Pb", "sample": "true"}, "sample"),
    ({}, "material"),
    ({"material": ""}, "material"),
])
def test_bad_slice_input_is_422_naming_the_parameter(client, params, name):
    response = client.get("/api/v1/sweep/slice", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail[0]["loc"][-1] == name


def test_without_a_store(tmp_path):
    bare = TestClient(create_app())
    body = bare.get("/api/v1/sweep").json()
    assert body["available"] is False and "--store" in body["reason"]
    response = bare.get("/api/v1/sweep/slice", params={"material": "Pb"})
    assert response.status_code == 404 and "--store" in response.json()["detail"]
    (tmp_path / "plain").mkdir()
    with pytest.raises(ValueError, match="not an etunnel sweep store"):
        create_app(store=tmp_path / "plain")
    with pytest.raises(ValueError, match="not found"):
        create_app(store=tmp_path / "missing.zarr")


def test_large_plane_is_strided_and_pending_chunks_are_null(tmp_path):
    spec = dict(SPEC, axes=dict(SPEC["axes"], materials=["Pb"], conventions=["paper"],
                                temperature={"start": 0.0, "stop": 40.0, "num": 2 * MAX_SLICE_TEMPERATURES + 1}),
                parameters={}, samples={"count": 1}, chunks={"sample": 1})
    spec.pop("seed")
    path = tmp_path / "big.zarr"
    parsed = sw.parse_spec(spec)
    inputs = sw.prepare(parsed)
    sw.open_or_create(parsed, inputs, path)  # created, nothing computed yet
    client = TestClient(create_app(store=path))
    body = client.get("/api/v1/sweep/slice", params={"material": "Pb"}).json()
    assert body["state"] is None and "not been computed" in body["reason"]
    assert body["stride"]["temperature"] == 3 and len(body["temperature_K"]) <= MAX_SLICE_TEMPERATURES
    run_sweep(parsed, path, local_scheduler="sync")
    body = client.get("/api/v1/sweep/slice", params={"material": "Pb"}).json()
    assert np.array(body["state"]).shape == (len(body["temperature_K"]), 4)
    assert body["temperature_K"][1] == pytest.approx(3 * 40.0 / (2 * MAX_SLICE_TEMPERATURES))
