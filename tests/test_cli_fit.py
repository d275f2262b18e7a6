"""`etunnel fit`: selection of rows, JSON, figure, and bad input."""

import json

import pytest


FIXTURE = """# test fixture (values as in the packaged table for Y)
material,pressure_GPa,tc_K,tc_definition,reference,source
Y,11,1.2,unspecified,ref,src
Y,30,3.5,unspecified,ref,src
Y,115,19.5,unspecified,ref,src
Y,115,20,onset,ref,src
Y (other),140,0.0,extrapolated Tc->0,ref,src
Ti,40.3,2.3,unspecified,ref,src
"""


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "tc.csv"
    path.write_text(FIXTURE)
    return path


def test_fit_json_and_figure(tmp_path, data, cli):
    png = tmp_path / "fit.png"
    code, out, err = cli("fit", "Y", "--data", str(data), "--json", "--out", str(png), "--predict", "0:100GPa:3")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["n"] == 4  # extrapolated row excluded, Ti not selected
    assert set(payload["fitted"]) == {"c0", "n", "beta"}  # c0 is fitted: it decides insulator or not
    assert payload["winner"]["aic"] in ("model", "baseline", "tie", "none")
    assessment = payload["assessment"]
    assert assessment["stated_parameters"]["verdict"].startswith("with the stated parameters (c0 = 0.1")
    assert isinstance(assessment["free_fit"]["failed"], bool) and assessment["free_fit"]["outcome"]
    for value, status in zip(payload["prediction"]["model_tc_K"], payload["prediction"]["model_status"]):
        # a capped or undefined value is never reported as a temperature
        assert (value is None) == (status.startswith("above") or status.startswith("undefined"))
    assert payload["sigma_rule"] == "spread"
    assert len(payload["prediction"]["model_tc_K"]) == 3
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_include_extrapolated(data, cli):
    code, out, err = cli("fit", "Y", "--data", str(data), "--json", "--include-extrapolated")
    assert code == 0, err
    assert json.loads(out)["n"] == 5


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("material,pressure_GPa\nY,3\n", "lacks column"),
    ("material,pressure_GPa,tc_K\nY,3,warm\n", "non-numeric tc_K"),
])
def test_bad_files_exit_2(tmp_path, cli, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    code, _, err = cli("fit", "Y", "--data", str(path), "--out", str(tmp_path / "f.png"))
    assert code == 2 and message in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_unknown_material_and_missing_file(tmp_path, data, cli):
    code, _, err = cli("fit", "Nb", "--data", str(data))
    assert code == 2 and "no T_c(p) rows for 'Nb'" in err
    code, _, err = cli("fit", "Y", "--data", str(tmp_path / "nope.csv"))
    assert code == 2 and "not found" in err


HG_LIKE = """material,pressure_GPa,tc_K
Hg,0,4.15
Hg,0,4.16
Hg,0,3.95
"""


def test_one_pressure_design_declares_no_winner_and_says_why(tmp_path, cli):
    path = tmp_path / "hg.csv"
    path.write_text(HG_LIKE)
    code, out, err = cli("fit", "Hg", "--data", str(path), "--json", "--vary", "c0,n")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["winner"] == {"aic": "none", "bic": "none"}
    assert "degenerate design" in payload["assessment"]["comparison"]["no_winner_because"]
    # with c0 = 0.1 < c* the paper's parameters make Hg an insulator: contradicted by its measured T_c
    verdict = payload["assessment"]["stated_parameters"]["verdict"]
    assert "insulator" in verdict and "contradicted by measurement" in verdict
    code, out, err = cli("fit", "Hg", "--data", str(path), "--vary", "c0,n", "--predict", "0:500GPa:3")
    assert code == 0, err
    assert "predicted at 0 GPa" in out and "no winner" in out and "stated parameters" in out


def test_zero_degrees_of_freedom_declares_no_winner(tmp_path, cli):
    path = tmp_path / "two.csv"
    path.write_text("material,pressure_GPa,tc_K\nY,11,1.2\nY,30,3.5\n")
    code, out, err = cli("fit", "Y", "--data", str(path), "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["k"] == 2 and payload["winner"] == {"aic": "none", "bic": "none"}
    assert "no degrees of freedom" in payload["assessment"]["comparison"]["no_winner_because"]


def test_fit_json_exposes_covariance_or_says_why_not(tmp_path, data, cli):
    """A finite covariance is given with a sweep-ready block that parse_spec accepts; a singular one is null with a reason."""
    from etunnel.conditions.parameter_sweep import parse_spec

    code, out, err = cli("fit", "Y", "--data", str(data), "--vary", "c0", "--json")
    assert code == 0, err
    cov = json.loads(out)["covariance"]
    assert cov["names"] == ["c0"] and cov["reason_null"] is None
    assert cov["matrix"][0][0] > 0
    assert cov["matrix"][0][0] == pytest.approx(json.loads(out)["fitted"]["c0"]["stderr"] ** 2, rel=1e-9)
    block = cov["sweep_block"]
    spec = parse_spec({"seed": 1, "axes": {"materials": ["Y"], "conventions": ["paper"],
                                           "temperature": {"start": 0.0, "stop": 10.0, "num": 2},
                                           "pressure": {"start": 0.0, "stop": 1.0, "num": 2, "unit": "GPa"}},
                       "parameters": {"correlated": block}, "samples": {"count": 4}})
    assert spec.sampled_names == ("c0",)
    code, out, err = cli("fit", "Y", "--data", str(data), "--vary", "c0,n,beta", "--json")
    assert code == 0, err
    cov = json.loads(out)["covariance"]
    assert cov["matrix"] is None and cov["sweep_block"] is None
    assert cov["reason_null"] and ("singular" in cov["reason_null"] or "degrees of freedom" in cov["reason_null"])
