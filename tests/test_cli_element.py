"""Tests of ``etunnel element``."""

from __future__ import annotations

import json

import pytest

from etunnel.model import resisting_distance


def test_element_json_hg(cli):
    code, out, _ = cli("element", "Hg", "--rv-convention", "covalent", "--rb-convention", "van_der_waals",
                       "--c", "0.1", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["symbol"] == "Hg" and data["Z"] == 80
    assert data["properties"]["density_of_solid"]["missing"] is True
    assert data["properties"]["density_of_solid"]["value"] is None
    assert data["properties"]["superconduction_temperature"]["value"] == pytest.approx(4.153)
    # R_v = Cordero covalent 132 pm, R_b = pymatgen vdW 223 pm
    assert data["radii"]["R_v"]["value"] == pytest.approx(132e-12)
    assert data["radii"]["R_b"]["value"] == pytest.approx(223e-12)
    model = data["model"]
    assert model["evaluated"] is True
    assert model["resisting_distance_first_term"]["value"] == pytest.approx(
        resisting_distance(132e-12, 223e-12, 0.1, terms=1), rel=1e-12
    )
    assert model["state"] in ("insulator", "conductor", "superconductor")


def test_element_text(cli):
    code, out, _ = cli("element", "Nb")
    assert code == 0 and "Niobium" in out and "state" in out


def test_element_model_not_evaluated_when_radius_missing(cli):
    code, out, _ = cli("element", "Si", "--rv-convention", "metallic", "--json")
    assert code == 0
    model = json.loads(out)["model"]
    assert model["evaluated"] is False and "R_v" in model["reason"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("element", "Xx"), "unknown element symbol"),
        (("element", "Hg", "--rv-convention", "ionic"), "unknown valence radius convention"),
        (("element", "Hg", "--c", "2"), "c must be in"),
    ],
)
def test_element_bad_input_one_line(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2
    assert message in err and err.count("\n") == 1


def test_element_overrides(cli, tmp_path):
    path = tmp_path / "o.toml"
    path.write_text('[Hg]\nvan_der_waals_radius = { value = 155, unit = "pm", source = "Bondi 1964" }\n'
                    'covalent_radius = { value = 149, unit = "pm", source = "Liu Table 1" }\n')
    code, out, _ = cli("element", "Hg", "--overrides", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["radii"]["R_b"]["value"] == pytest.approx(155e-12)
    assert "Bondi 1964" in data["radii"]["R_b"]["source"]
    # With the paper's printed Hg radii, eq. (37) at c = 0.1
    assert data["model"]["resisting_distance_first_term"]["value"] == pytest.approx(
        resisting_distance(149e-12, 155e-12, 0.1, terms=1)
    )
