"""Loaders of the validation data: schema checks, reported parse failures, derived columns."""

from __future__ import annotations

import math

import numpy as np
import pytest

from etunnel.checks import InputError
from etunnel.validation import datasets as ds


def _write(tmp_path, text, name="sc.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_and_reports_unparsable(tmp_path):
    path = _write(tmp_path, "name,Tc\nMgB2,39\nYBa2Cu3O7,92\nLaFeAsO0.9F0.1,26\nNb,0\nSm1Ba-1Cu3O6.94,80\nZz3Q,1\n")
    data = ds.load_supercon(path)
    assert data.n_rows == 6
    assert len(data.frame) == 4
    assert data.n_tc_zero == 1
    assert [(f.row, f.formula) for f in data.failures] == [(5, "Sm1Ba-1Cu3O6.94"), (6, "Zz3Q")]
    assert all(f.reason for f in data.failures)
    summary = data.summary()
    assert summary["unparsable"] == 2 and "Sm1Ba-1Cu3O6.94" in summary["unparsable_examples"][0]
    fam = dict(zip(data.frame["formula"], data.frame["family"]))
    assert fam == {"MgB2": "other", "YBa2Cu3O7": "cuprate", "LaFeAsO0.9F0.1": "iron-based", "Nb": "other"}


def test_missing_column_rejected(tmp_path):
    path = _write(tmp_path, "formula,Tc\nMgB2,39\n")
    with pytest.raises(InputError, match=r"missing column\(s\) \['name'\]"):
        ds.load_supercon(path)


def test_negative_tc_rejected_with_row(tmp_path):
    path = _write(tmp_path, "name,Tc\nMgB2,39\nNb,-9.2\n")
    with pytest.raises(InputError, match=r"row 2 .*Tc must be >= 0 K, got -9.2"):
        ds.load_supercon(path)


def test_non_numeric_tc_rejected(tmp_path):
    path = _write(tmp_path, "name,Tc\nMgB2,high\n")
    with pytest.raises(InputError, match="Tc must be a number"):
        ds.load_supercon(path)


def test_empty_formula_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="empty formula"):
        ds.load_supercon(_write(tmp_path, "name,Tc\n ,3\n"))
    with pytest.raises(InputError, match="does not exist"):
        ds.load_supercon(tmp_path / "nope.csv")


def test_loader_errors_are_value_errors(tmp_path):
    with pytest.raises(ValueError):
        ds.load_supercon(_write(tmp_path, "name\nMgB2\n"))


def test_family_rule():
    assert ds.family({"Cu", "O", "Y"}) == ds.CUPRATE
    assert ds.family({"Fe", "Se"}) == ds.IRON_BASED
    assert ds.family({"Fe", "O"}) == ds.OTHER
    assert ds.family({"Cu", "Fe", "As", "O"}) == ds.CUPRATE


def test_electronegativity_spread_by_hand(tmp_path):
    # NaCl: Pauling X Na 0.93, Cl 3.16 (pymatgen); equal fractions: std = |diff|/2, range = diff.
    # Nb alone: spread 0.
    data = ds.load_supercon(_write(tmp_path, "name,Tc\nNaCl,0\nNb,9.25\n"))
    frame = ds.electronegativity_spread(data).set_index("formula")
    assert frame.loc["NaCl", "x_range"] == pytest.approx(3.16 - 0.93)
    assert frame.loc["NaCl", "x_std"] == pytest.approx((3.16 - 0.93) / 2)
    assert frame.loc["Nb", "x_std"] == 0.0
    # Weighted: Na3Cl -> fractions 3/4, 1/4: std = diff * sqrt(3/16).
    data = ds.load_supercon(_write(tmp_path, "name,Tc\nNa3Cl,1\n", "b.csv"))
    frame = ds.electronegativity_spread(data)
    assert frame["x_std"].iloc[0] == pytest.approx((3.16 - 0.93) * math.sqrt(3 / 16))


def test_element_table_shape_and_labels():
    table = ds.element_table()
    assert len(table) == 103
    assert int(table["superconducting"].sum()) == 32
    row = table.set_index("symbol").loc["Cu"]
    assert row["resistivity"] == pytest.approx(1.678e-8, rel=0.05)
    assert not row["superconducting"]
    R_v, R_b = ds.convention_radii(table, "covalent", "van_der_waals")
    assert np.nanmax(R_v) < 5e-10 and np.nanmin(R_b) > 5e-11
    with pytest.raises(InputError, match="unknown radius convention"):
        ds.convention_radii(table, "ionic", "paper")
