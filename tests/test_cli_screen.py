"""``etunnel screen`` end to end on a small SuperCon-format fixture made here (no /work/shared)."""

from __future__ import annotations

import csv
import json

import pytest

from etunnel.validation import predictors as pr

# Cuprates, iron-based, hydrides and others, with Tc = 0 rows, ~70 compositions.
ROWS = [
    ("YBa2Cu3O7", 92), ("YBa2Cu3O6.9", 91), ("YBa2Cu3O6.5", 55), ("YBa2Cu3O6", 0), ("La1.85Sr0.15CuO4", 38),
    ("La1.9Sr0.1CuO4", 28), ("La2CuO4", 0), ("Bi2Sr2CaCu2O8", 85), ("Bi2Sr2Ca2Cu3O10", 110),
    ("HgBa2Ca2Cu3O8", 133), ("HgBa2CuO4", 94), ("Tl2Ba2Ca2Cu3O10", 125), ("Nd1.85Ce0.15CuO4", 24),
    ("Ba0.6K0.4Fe2As2", 38), ("Ba0.8K0.2Fe2As2", 24), ("LaFeAsO0.9F0.1", 26), ("SmFeAsO0.85F0.15", 55),
    ("FeSe", 8), ("FeSe0.5Te0.5", 14), ("FeTe", 0), ("LaFePO", 4), ("BaFe2As2", 0),
    ("H3S", 203), ("LaH10", 250), ("YH6", 224), ("CaH6", 215), ("PdH", 9), ("ThH10", 161),
    ("MgB2", 39), ("Mg0.9Al0.1B2", 33), ("AlB2", 0), ("Nb3Sn", 18), ("Nb3Ge", 23), ("Nb3Al", 18.7),
    ("V3Si", 17), ("V3Ga", 15), ("NbN", 16), ("NbC", 11), ("TaC", 10), ("MoC", 14), ("NbTi", 10),
    ("Pb", 7.2), ("Nb", 9.25), ("Al", 1.2), ("Sn", 3.7), ("In", 3.4), ("Hg", 4.15), ("Ta", 4.5), ("V", 5.4),
    ("Zn", 0.85), ("Mo6S8Pb", 15), ("Cs3C60", 38), ("K3C60", 19), ("Rb3C60", 29), ("Li2Pd3B", 7),
    ("CeCu2Si2", 0.6), ("UPt3", 0.5), ("Cu", 0), ("Au", 0), ("Ag", 0), ("NaCl", 0), ("Si", 0), ("AgCl", 0),
    ("Fe", 0), ("Ni", 0), ("Co", 0), ("SrTiO3", 0.3), ("Sr2RuO4", 1.5), ("LaNi2B2C", 16), ("YNi2B2C", 15.5),
    ("Mg2B4", 38), ("CaC6", 11.5),
]


@pytest.fixture()
def supercon(tmp_path):
    path = tmp_path / "supercon_small.csv"
    path.write_text("name,Tc\n" + "".join(f"{n},{t}\n" for n, t in ROWS), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def tiny_models(monkeypatch, tmp_path):
    """Few boosting rounds and a private cache folder: the tests check plumbing, not accuracy."""
    monkeypatch.setitem(pr.HGB_PARAMS, "max_iter", 8)
    monkeypatch.setitem(pr.HGB_PARAMS, "min_samples_leaf", 3)
    monkeypatch.setattr(pr, "PERMUTATION_REPEATS", 1)
    monkeypatch.setattr(pr, "LEARNING_FRACTIONS", (0.3, 1.0))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _read_csv(path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_screen_formulas_json_and_cache(cli, supercon, tmp_path):
    code, out, err = cli("screen", "LaH10", "MgB2", "NaCl", "Ba0.6K0.4Fe2As2", "PuO2",
                         "--supercon", str(supercon), "--json")
    assert code == 0, err
    res = json.loads(out)
    cands = {c["formula"]: c for c in res["candidates"]}
    assert res["model"]["origin"] == "trained"
    assert res["model"]["deduplication"]["removed"]["same_reduced_composition"] == 1  # Mg2B4 = MgB2
    assert sorted(c["rank_predicted"] for c in cands.values()) == [1, 2, 3, 4, 5]
    assert cands["MgB2"]["measured_tc_K"] == 38.5  # median of MgB2 (39) and Mg2B4 (38)
    assert cands["MgB2"]["nearest"][0]["formula"] == "MgB2" and cands["MgB2"]["nearest"][0]["distance"] == 0
    assert cands["LaH10"]["family"] == "hydride"
    # Pu is absent from the fixture: flagged out of distribution, and why
    assert cands["PuO2"]["out_of_distribution"] and "Pu" in cands["PuO2"]["ood_reasons"][0]
    for c in cands.values():
        assert c["tc_low_K"] <= c["tc_high_K"]
        assert 0 <= c["guideline_score"] <= 1
    # MgB2 by hand: x_range = 2.04 - 1.31
    assert cands["MgB2"]["features"]["x_range"] == pytest.approx(0.73)
    assert "not_scored" in res["assumptions"]
    code, out, _ = cli("screen", "MgB2", "--supercon", str(supercon), "--json")
    assert json.loads(out)["model"]["origin"] == "cache"
    assert list((tmp_path / "cache" / "etunnel" / "screen").glob("screen-*.joblib"))


def test_screen_text_table_and_csv(cli, supercon, tmp_path):
    out_csv = tmp_path / "ranked.csv"
    code, out, err = cli("screen", "H3S", "MgB2", "--supercon", str(supercon), "--out", str(out_csv))
    assert code == 0, err
    assert "ranked by predicted T_c" in out and "H3S" in out and "size_convention: covalent" in out
    rows = _read_csv(out_csv)
    assert [r["formula"] for r in rows] == ["H3S", "MgB2"]
    assert float(rows[1]["measured_tc_K"]) == 38.5
    code, _, err = cli("screen", "H3S", "--supercon", str(supercon), "--out", str(out_csv))
    assert code == 2 and "--force" in err and "Traceback" not in err
    code, _, err = cli("screen", "H3S", "--supercon", str(supercon), "--out", str(out_csv), "--force")
    assert code == 0
    assert len(_read_csv(out_csv)) == 1


@pytest.mark.parametrize("formula, message", [("Xx2O", "candidate 2 ('Xx2O')"), ("Mg0B2", "candidate 2 ('Mg0B2')"),
                                              ("Mg-1B2", "candidate 2 ('Mg-1B2')"), ("(((", "candidate 2")])
def test_bad_formula_names_the_row(cli, supercon, formula, message):
    code, out, err = cli("screen", "MgB2", formula, "--supercon", str(supercon))
    assert code == 2
    assert err.startswith("etunnel: error: ") and message in err and "--skip-bad" in err
    assert err.count("\n") == 1


def test_file_input_skip_bad_and_schema_errors(cli, supercon, tmp_path):
    good = tmp_path / "cands.csv"
    good.write_text("formula,note\nMgB2,a\nQq3,b\nNb3Sn,c\n", encoding="utf-8")
    code, _, err = cli("screen", "--file", str(good), "--supercon", str(supercon))
    assert code == 2 and "cands.csv: row 2 ('Qq3')" in err
    code, out, err = cli("screen", "--file", str(good), "--supercon", str(supercon), "--skip-bad", "--json")
    assert code == 0, err
    res = json.loads(out)
    assert [c["formula"] for c in res["candidates"]] == ["MgB2", "Nb3Sn"]
    assert res["skipped"][0]["row"] == 2 and res["skipped"][0]["formula"] == "Qq3"
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("compound\nMgB2\n", encoding="utf-8")
    code, _, err = cli("screen", "--file", str(nocol), "--supercon", str(supercon))
    assert code == 2 and "no formula column" in err and "compound" in err
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    code, _, err = cli("screen", "--file", str(empty), "--supercon", str(supercon))
    assert code == 2 and "empty file" in err
    header = tmp_path / "header.csv"
    header.write_text("formula\n", encoding="utf-8")
    code, _, err = cli("screen", "--file", str(header), "--supercon", str(supercon))
    assert code == 2 and "no data rows" in err
    code, _, err = cli("screen", "MgB2", "--supercon", str(tmp_path / "absent.csv"))
    assert code == 2 and "does not exist" in err


@pytest.mark.slow
def test_evaluate_writes_report(cli, supercon, tmp_path):
    out = tmp_path / "rep"
    code, stdout, err = cli("screen", "--evaluate", "--supercon", str(supercon), "--out", str(out),
                            "--seeds", "1", "--folds", "2", "--bootstrap", "20", "--json")
    assert code == 0, err
    res = json.loads(stdout)
    page = (out / "guideline.html").read_text()
    assert "Verdict" in page and "data:image/png;base64" in page
    for name in ("learning_curves", "parity", "roc", "importance"):
        assert (out / "figures" / f"guideline_{name}.png").stat().st_size > 1000
    ev = res["evaluation"]
    g = ev["guideline_score"]["tc_gt_10K"]["score"]["roc_auc"]
    assert 0 <= g["low"] <= g["value"] <= g["high"] <= 1
    assert set(ev["cv"]) == {"random", "grouped"}
    assert set(ev["leave_one_family_out"]["magpie"]) == {"cuprate", "iron-based", "hydride", "other"}
    assert json.loads((out / "guideline.json").read_text())["verdict"] == res["verdict"]
    code, _, err = cli("screen", "--evaluate", "--supercon", str(supercon))
    assert code == 2 and "--out" in err
