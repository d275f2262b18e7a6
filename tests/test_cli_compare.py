"""Tests of ``etunnel compare``: one JSON object, missing inputs reported as missing, errors as exit 2."""

from __future__ import annotations

import json
import math

import pytest

from etunnel.services.comparison import compare_report
from etunnel.standard import BCS_GAP_RATIO


def test_compare_nb_json(cli):
    code, out, _ = cli("compare", "Nb", "--json")
    assert code == 0
    report = json.loads(out)  # exactly one JSON object
    std, meas = report["standard"], report["measured"]
    # lambda_ep is not in the table for Nb: McMillan T_c must be missing, not invented.
    assert std["tc_mcmillan"]["value"] is None and std["tc_mcmillan"]["missing"] is True
    assert "lambda_ep" in std["tc_mcmillan"]["note"]
    assert std["tc_allen_dynes"]["value"] is None
    # BCS gap from the measured T_c: 1.764 k_B T_c in meV.
    tc = meas["tc"]["value"]
    assert std["gap"]["value"] == pytest.approx(BCS_GAP_RATIO * 1.380649e-23 * tc / 1.602176634e-22, rel=1e-12)
    # Gor'kov clean-limit kappa for Nb from the measured lengths (McFadden et al.: 0.70(5)).
    assert std["kappa"]["value"] == pytest.approx(0.70, abs=0.05)
    # Default mu* is flagged as a default.
    assert "default" in std["lambda_ep_inferred"]["mu_star"]
    # Every measured value carries a source field.
    assert all("source" in item for item in meas.values())
    # The flux comparison: tunnel claim is twice the standard flux quantum.
    flux = report["flux_quantum"]
    assert flux["tunnel_paper_claim"]["value"] == pytest.approx(2 * flux["standard"]["value"], rel=1e-15)
    tm = report["tunnel_model"]
    assert tm["evaluated"] is True and tm["state"] in ("insulator", "conductor", "superconductor")
    assert math.isfinite(tm["lifting_energy"]["value"])


def test_compare_uses_sourced_mu_star_when_present():
    report = compare_report("Ta").to_dict()
    assert report["standard"]["tc_mcmillan"]["value"] is not None
    assert "from the table" in report["standard"]["tc_mcmillan"]["mu_star"]


def test_compare_text_output(cli):
    code, out, _ = cli("compare", "Nb")
    assert code == 0
    assert "T_c McMillan" in out and "missing" in out


def test_compare_unknown_element_exits_2(cli):
    code, out, err = cli("compare", "Xx", "--json")
    assert code == 2
    assert out == ""
    assert err.startswith("etunnel: error: symbol must be") and err.count("\n") == 1


def test_compare_help_teaches(cli):
    code, out, _ = cli("compare", "--help")
    assert code == 0
    for word in ("McMillan", "Allen-Dynes", "Ginzburg-Landau", "missing", "h/e"):
        assert word in out
