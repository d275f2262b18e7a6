"""The explorer's JSON API (``etunnel serve``): every endpoint, good and bad input.

Reference values come from the model functions called directly (etunnel.model,
etunnel.conditions) and from ``etunnel model --json`` run in-process, so the
web layer cannot drift from the core or from the CLI.
"""

from __future__ import annotations

import io
import json
import re
import time
from contextlib import redirect_stdout

import numpy as np
import pytest

from etunnel.cli import main
from etunnel.constants import ELECTRONVOLT
from etunnel.model import classify, conducting_radius, insulating_threshold, lifting_energy
from web_client import TestClient, create_app

# The module-scoped client is built once: in a parallel run the module's tests share one worker.
pytestmark = pytest.mark.xdist_group("web_api")


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def _cli_json(argv: list[str]) -> dict:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    return json.loads(out.getvalue())


# ------------------------------------------------------------------ model
@pytest.mark.parametrize("c, terms", [(0.5, "infinite"), (0.1, "infinite"), (0.3, "1"), (0.9, "7")])
def test_model_is_the_cli_json(client, c, terms):
    api = client.get("/api/v1/model", params={"rv": 149, "rb": 155, "c": c, "terms": terms})
    assert api.status_code == 200
    cli = _cli_json(["model", "--rv", "149pm", "--rb", "155pm", "--c", str(c), "--terms", terms, "--json"])
    assert api.json() == cli


def test_model_values_against_core(client):
    body = client.get("/api/v1/model", params={"rv": 149, "rb": 155, "c": 0.5}).json()
    assert body["state"] == "superconductor"
    assert body["lifting_energy"]["unit"] == "eV"
    assert body["lifting_energy"]["value"] == pytest.approx(lifting_energy(149e-12, 155e-12, 0.5) / ELECTRONVOLT,
                                                            rel=1e-14)
    assert body["conducting_ratio"]["value"] == pytest.approx(0.584533987801831, rel=1e-12)  # README table, c = 1/2
    assert body["insulating_threshold"]["value"] == pytest.approx(0.1328038101621623427, rel=1e-15)


def test_model_without_tunnel_reports_null_not_zero(client):
    body = client.get("/api/v1/model", params={"rv": 149, "rb": 155, "c": 0.1}).json()
    assert body["state"] == "insulator"
    assert body["conducting_radius"]["value"] is None
    assert body["conducting_ratio"]["value"] is None


@pytest.mark.parametrize("query, status, names", [
    ({"c": 1.5}, 422, "c"),
    ({"c": -0.1}, 422, "c"),
    ({"rv": 0}, 422, "rv"),
    ({"rv": 0.5}, 422, "rv"),
    ({"rv": "abc"}, 422, "rv"),
    ({"rb": 2000}, 422, "rb"),
    ({"c": "nan"}, 422, "c"),
    ({"terms": "0"}, 422, "terms"),
    ({"terms": "two"}, 422, "terms"),
    ({"terms": "101"}, 400, "terms"),
    ({"rv": 160, "rb": 155}, 400, "rv"),
])
@pytest.mark.parametrize("endpoint", ["/api/v1/model", "/api/v1/curve"])
def test_model_bad_input_names_parameter(client, endpoint, query, status, names):
    response = client.get(endpoint, params=query)
    assert response.status_code == status
    detail = response.json()["detail"]
    text = detail if isinstance(detail, str) else " ".join(str(d["loc"][-1]) + " " + d["msg"] for d in detail)
    assert re.search(rf"\b{names}\b", text), text


# ------------------------------------------------------------------ curve
def test_curve_against_core_and_tunnel_region(client):
    body = client.get("/api/v1/curve", params={"rv": 149, "rb": 155, "c": 0.5, "points": 101}).json()
    r = np.array(body["r"]["value"])
    E = np.array(body["lifting_energy"]["value"])
    assert body["r"]["unit"] == "m" and body["lifting_energy"]["unit"] == "eV"
    assert r[-1] == pytest.approx(155e-12, rel=1e-15) and np.any(np.isclose(r, 149e-12, rtol=1e-15))
    np.testing.assert_allclose(E, lifting_energy(r, 155e-12, 0.5) / ELECTRONVOLT, rtol=1e-13, atol=1e-15)
    R_c = conducting_radius(155e-12, 0.5)
    region = body["tunnel_region"]
    assert region["exists"] and region["from"]["value"] == pytest.approx(R_c, rel=1e-14)
    inside = (r > R_c * (1 + 1e-9)) & (r < 155e-12 * (1 - 1e-9))
    assert inside.sum() > 10 and np.all(E[inside] < 0) and np.all(E[r < R_c * (1 - 1e-9)] > 0)
    assert E[-1] == pytest.approx(0.0, abs=1e-12)  # D = 0 at the border
    at_rv = E[np.argmin(abs(r - 149e-12))]
    assert at_rv == pytest.approx(body["model"]["lifting_energy"]["value"], rel=1e-14)


def test_curve_changes_state_across_threshold(client):
    c_star = insulating_threshold()
    below = client.get("/api/v1/curve", params={"rv": 149, "rb": 155, "c": c_star - 1e-3}).json()
    above = client.get("/api/v1/curve", params={"rv": 149, "rb": 155, "c": c_star + 1e-3}).json()
    assert below["model"]["state"] == "insulator" and not below["tunnel_region"]["exists"]
    assert above["model"]["state"] == "conductor" and above["tunnel_region"]["exists"]  # R_c just inside R_b
    first = client.get("/api/v1/curve", params={"rv": 149, "rb": 155, "c": 0.19, "terms": "1"}).json()
    assert first["model"]["state"] == "insulator"  # first-term threshold is 1/5


def test_curve_points_capped(client):
    assert client.get("/api/v1/curve", params={"points": 2002}).status_code == 422
    assert client.get("/api/v1/curve", params={"points": 1}).status_code == 422
    assert len(client.get("/api/v1/curve", params={"points": 2001}).json()["r"]["value"]) in (2001, 2002)


# ------------------------------------------------------------------ elements and periodic table
def test_element_hg_is_the_cli_json(client):
    body = client.get("/api/v1/elements/Hg", params={"c": 0.5, "rv_convention": "covalent"}).json()
    assert body == _cli_json(["element", "Hg", "--c", "0.5", "--rv-convention", "covalent", "--json"])
    assert body["symbol"] == "Hg" and body["Z"] == 80
    assert body["radii"]["R_v"]["value"] == pytest.approx(132e-12) and body["radii"]["R_b"]["value"] == pytest.approx(223e-12)
    assert body["radii"]["R_v"]["source"]
    assert body["properties"]["superconduction_temperature"]["value"] == pytest.approx(4.153)
    assert body["model"]["state"] == str(classify(132e-12, 223e-12, 0.5))


def test_element_not_evaluated_says_why(client):
    body = client.get("/api/v1/elements/He", params={"rv_convention": "table1"}).json()
    assert body["model"]["evaluated"] is False and "missing" in body["model"]["reason"]


@pytest.mark.parametrize("path, query, status", [
    ("/api/v1/elements/Xx", {}, 400),
    ("/api/v1/elements/hg", {}, 422),
    ("/api/v1/elements/Hg", {"rv_convention": "nope"}, 422),
    ("/api/v1/elements/Hg", {"c": 2}, 422),
    ("/api/v1/periodic-table", {"rb_convention": "nope"}, 422),
    ("/api/v1/periodic-table", {"c": -1}, 422),
    ("/api/v1/periodic-table", {"terms": "101"}, 400),
])
def test_element_and_table_bad_input(client, path, query, status):
    response = client.get(path, params=query)
    assert response.status_code == status
    assert response.json()["detail"]


def test_periodic_table_agrees_with_classify_cell_by_cell(client):
    body = client.get("/api/v1/periodic-table", params={"c": 0.5}).json()
    cells = body["cells"]
    assert len(cells) == 103 and [x["Z"] for x in cells] == list(range(1, 104))
    positions = {(x["row"], x["column"]) for x in cells}
    assert len(positions) == 103  # no two elements share a cell
    evaluated = 0
    for x in cells:
        rv, rb = x["R_v"]["value"], x["R_b"]["value"]
        if rv is None or rb is None or rv > rb:
            assert x["state"] is None and x["verdict"] == "not evaluated"
            continue
        evaluated += 1
        assert x["state"] == str(classify(rv, rb, 0.5))
        assert x["verdict"] == ("agrees" if (x["state"] == "superconductor") == x["known_superconductor"] else "disagrees")
    assert evaluated > 40
    assert sum(body["counts"].values()) == 103


# ------------------------------------------------------------------ diagram
def test_diagram_materials(client):
    materials = {m["name"]: m for m in client.get("/api/v1/diagram").json()["materials"]}
    assert materials["Hg"]["diagram_available"] and materials["Hg"]["points"] >= 3
    assert not materials["H3S"]["diagram_available"] and "R_v0" in materials["H3S"]["reason"]


def test_diagram_hg_against_conditions_and_cli(client):
    from etunnel.conditions.diagram import state_diagram
    from etunnel.conditions.submodels import material_conditions

    query = {"t_min": 0, "t_max": 20, "t_points": 5, "p_min": 0, "p_max": 2, "p_points": 3}
    body = client.get("/api/v1/diagram/Hg", params=query).json()
    assert body["diagram"] == _cli_json(["diagram", "Hg", "--pressure", "0:2GPa:3", "--temperature", "0:20K:5",
                                         "--json"])
    ds = state_diagram(material_conditions("Hg"), np.linspace(0, 20, 5), np.linspace(0, 2e9, 3))
    assert body["temperature"]["unit"] == "K" and body["pressure"]["unit"] == "Pa"
    assert body["pressure"]["value"][-1] == pytest.approx(2e9)
    np.testing.assert_array_equal(np.array(body["state"]["value"]), ds["state"].values)
    tc = np.array(body["diagram"]["boundaries"]["superconducting_T_of_p"]["T_K"], dtype=float)
    np.testing.assert_allclose(tc, ds["T_superconducting"].values, rtol=1e-12, equal_nan=True)
    measured = body["measured"]
    assert measured and all(m["material"].startswith("Hg") for m in measured)
    assert any(m["tc"]["value"] == pytest.approx(4.153) and m["pressure"]["value"] == 0 for m in measured)


@pytest.mark.parametrize("path, query, status, name", [
    ("/api/v1/diagram/Hg", {"t_min": 10, "t_max": 5}, 400, "t_max"),
    ("/api/v1/diagram/Hg", {"t_points": 202}, 422, "t_points"),
    ("/api/v1/diagram/Hg", {"p_points": 82}, 422, "p_points"),
    ("/api/v1/diagram/Hg", {"p_max": 501}, 422, "p_max"),
    ("/api/v1/diagram/Hg", {"t_min": -1}, 422, "t_min"),
    ("/api/v1/diagram/Zr", {"t_points": 2, "p_points": 2}, 400, "B0"),
    ("/api/v1/diagram/Unobtainium", {"t_points": 2, "p_points": 2}, 400, "Unobtainium"),
])
def test_diagram_bad_input(client, path, query, status, name):
    response = client.get(path, params=query)
    assert response.status_code == status
    assert name in json.dumps(response.json()["detail"])


# ------------------------------------------------------------------ report, validation, page
def _wait(client, path, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(path).json()
        if status["status"] in ("done", "failed"):
            return status
        time.sleep(0.02)
    raise AssertionError(f"{path} did not finish")


def test_report_job_runs_in_background_and_is_served(tmp_path):
    def builder(folder):
        time.sleep(0.2)
        (folder / "report.html").write_text("<html><body>claims</body></html>")
        (folder / "claims.json").write_text("[]")

    client = TestClient(create_app(report_builder=builder, workdir=tmp_path))
    assert client.get("/api/v1/report").json()["status"] == "idle"
    started = client.post("/api/v1/report").json()
    assert started["status"] == "running"
    assert client.get("/api/v1/model").status_code == 200  # the server answers meanwhile
    done = _wait(client, "/api/v1/report")
    assert done["status"] == "done" and done["url"] == "/files/report/report.html"
    assert done["files"] == ["claims.json", "report.html"] and done["elapsed"] >= 0.2
    assert "claims" in client.get(done["url"]).text
    assert client.get("/files/report/../../etc/passwd").status_code == 404


def test_report_job_failure_is_reported(tmp_path):
    def builder(folder):
        raise ValueError("no room")

    client = TestClient(create_app(report_builder=builder, workdir=tmp_path))
    client.post("/api/v1/report")
    failed = _wait(client, "/api/v1/report")
    assert failed["status"] == "failed" and "no room" in failed["reason"]


def test_validation_unavailable_without_supercon(client):
    status = client.post("/api/v1/validation").json()
    assert status["available"] is False and status["status"] == "idle"
    assert "--supercon" in status["reason"]


def test_validation_with_runner(tmp_path):
    def runner(folder):
        (folder / "scorecard.html").write_text("<html>scorecard</html>")

    client = TestClient(create_app(validation_runner=runner, workdir=tmp_path))
    client.post("/api/v1/validation")
    done = _wait(client, "/api/v1/validation")
    assert done["available"] and done["url"] == "/files/validation/scorecard.html"
    assert "scorecard" in client.get(done["url"]).text


def test_missing_supercon_file_is_refused(tmp_path):
    with pytest.raises(ValueError, match="--supercon"):
        create_app(supercon=tmp_path / "absent.csv")


def test_page_and_assets_are_local(client):
    page = client.get("/")
    assert page.status_code == 200 and "etunnel explorer" in page.text
    for src in re.findall(r'(?:src|href)="([^"]+)"', page.text):
        assert not re.match(r"^(https?:)?//", src), src
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000
    assert client.get("/static/explorer.js").status_code == 200
    assert client.get("/static/explorer.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/secret.py").status_code == 404
    assert client.get("/docs").status_code == 404  # its page would load scripts from a CDN


def test_openapi_names_units(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/model", "/api/v1/curve", "/api/v1/elements/{symbol}", "/api/v1/periodic-table",
                 "/api/v1/diagram", "/api/v1/diagram/{material}", "/api/v1/report", "/api/v1/validation",
                 "/api/v1/conventions"):
        assert path in paths
    for path, methods in paths.items():
        for op in methods.values():
            for parameter in op.get("parameters", []):
                if parameter["in"] == "query" and parameter["schema"].get("type") in ("number", "integer"):
                    assert re.search(r"\[(pm|K|GPa|1)\]", parameter["description"]), (path, parameter["name"])
    quantity = schema["components"]["schemas"]["ModelOut"]["properties"]
    for name in ("resisting_distance", "lifting_energy", "conducting_radius"):
        assert re.search(r"\[(1/m|eV|m)\]", quantity[name]["description"])


def test_cli_serve_refuses_bad_options(capsys, tmp_path):
    for argv in (["serve", "--port", "70000"], ["serve", "--supercon", str(tmp_path / "none.csv")],
                 ["serve", "--bootstrap", "-1"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("etunnel: error:") and err.count("\n") == 1


def test_cli_serve_help_teaches(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "127.0.0.1" in text and "Example" in text


def test_app_from_environment_reads_serve_settings(monkeypatch, tmp_path):
    from etunnel.web.app import app_from_environment

    supercon = tmp_path / "sc.csv"
    supercon.write_text("name,Tc\nNb,9.25\n")
    monkeypatch.setenv("ETUNNEL_SERVE_SUPERCON", str(supercon))
    monkeypatch.setenv("ETUNNEL_SERVE_BOOTSTRAP", "0")
    assert TestClient(app_from_environment()).get("/api/v1/validation").json()["available"] is True
    monkeypatch.setenv("ETUNNEL_SERVE_SUPERCON", "")
    assert TestClient(app_from_environment()).get("/api/v1/validation").json()["available"] is False
