"""Tests of the materials data layer: provenance, units, missing values, overrides.

Reference values are the library's stored values (pymatgen periodic_table.json.gz,
Cordero et al. 2008 via pymatgen) and the project's compiled table; each test
names its source.
"""

from __future__ import annotations

import math

import pytest

from etunnel.materials import Missing, Sourced, is_missing, load_elemental_superconductors
from etunnel.materials.compounds import composition_properties, parse_formula
from etunnel.materials.elements import PROPERTIES, element_data, load_overrides
from etunnel.materials.paper import load_table1
from etunnel.materials.provenance import parse_number
from etunnel.materials.radii import RADIUS_CONVENTIONS, radii

# ------------------------------------------------------------------ provenance


def test_sourced_requires_source_and_finite_value():
    with pytest.raises(ValueError, match="no source"):
        Sourced(1.0, "m", source="")
    with pytest.raises(ValueError, match="finite"):
        Sourced(math.nan, "m", source="x")


def test_missing_has_no_number():
    m = Missing("gap", "J", reason="blank")
    assert m.value is None and is_missing(m)
    assert m.to_dict()["value"] is None and m.to_dict()["missing"] is True


@pytest.mark.parametrize("raw", ["high", "no data", "1.2 (at 5 GPa)", "&gt; 10<sup>23</sup>", "nan", "inf"])
def test_parse_number_rejects_text(raw):
    # The defect seen upstream: "high" parsed as 1e-8 ohm m. Here it stays missing.
    item = parse_number(raw, quantity="electrical_resistivity", unit="ohm m", source="test")
    assert isinstance(item, Missing)
    assert item.raw == raw.strip()


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_parse_number_blank_is_missing_not_zero(raw):
    item = parse_number(raw, quantity="x", unit="m", source="test")
    assert isinstance(item, Missing) and item.value is None


def test_parse_number_converts():
    item = parse_number("149", quantity="r", unit="m", source="s", factor=1e-12)
    assert item.value == pytest.approx(149e-12) and item.unit == "m"


# ------------------------------------------------------- superconductor table


def test_superconductor_table_units_and_sources():
    table = load_elemental_superconductors()
    assert len(table) == 32
    hg = table["Hg"]
    # elemental_superconductors.csv: Hg tc_K 4.153, gap_delta0_meV 0.824
    assert hg.tc.value == pytest.approx(4.153) and hg.tc.unit == "K"
    assert hg.gap.value == pytest.approx(0.824e-3 * 1.602176634e-19) and hg.gap.unit == "J"
    assert "Schirber" in hg.tc.source
    assert is_missing(hg.lambda_ep)
    # Al hc0_mT 10.3 -> 0.0103 T
    assert table["Al"].hc0.value == pytest.approx(10.3e-3) and table["Al"].hc0.unit == "T"
    # Sn london_penetration_depth_nm 50 -> 5e-8 m
    assert table["Sn"].penetration_depth.value == pytest.approx(50e-9)
    for symbol in ("Gd", "Sc", "Y", "Ce"):
        assert symbol not in table


def test_superconductor_table_rejects_text_cells(tmp_path):
    path = tmp_path / "t.csv"
    text = (
        "# fixture\n"
        "element,tc_K,hc0_mT,theta_D_K,lambda_ep,mu_star,gap_delta0_meV,two_delta_over_kTc,"
        "london_penetration_depth_nm,coherence_length_nm,sommerfeld_gamma_mJ_per_mol_K2,type,source_tc,"
        "source_hc0,source_thetaD,source_lambda_mu,source_gap,source_lengths,source_gamma,source_type,notes_conflicts\n"
        "Xy,high,,,,,,,,,,I,s,,,,,,,,\n"
    )
    path.write_text(text)
    with pytest.raises(ValueError, match="not a number"):
        load_elemental_superconductors(path)


# --------------------------------------------------------------- element data


def test_element_units_are_si():
    hg = element_data("Hg")
    # pymatgen periodic_table.json.gz: Hg vdW 2.23 ang, Bulk modulus 25 GPa, resistivity 9.61e-7 ohm m
    assert hg["van_der_waals_radius"].value == pytest.approx(2.23e-10)
    assert hg["van_der_waals_radius"].unit == "m"
    assert hg["bulk_modulus"].value == pytest.approx(25e9) and hg["bulk_modulus"].unit == "Pa"
    assert hg["electrical_resistivity"].value == pytest.approx(9.61e-7)
    # Cordero et al. 2008: Hg 1.32 ang
    assert hg["covalent_radius"].value == pytest.approx(1.32e-10)
    assert "Cordero" in hg["covalent_radius"].source
    for name, item in hg.properties.items():
        assert item.unit == PROPERTIES[name].unit
        assert item.source


def test_missing_values_are_reported():
    hg = element_data("Hg")
    assert is_missing(hg["density_of_solid"])  # Hg is liquid: pymatgen has no solid density
    og = element_data("Og")
    assert all(is_missing(v) for v in og.properties.values())


def test_tc_from_compiled_table_and_upstream_defects():
    # compiled table overrides pymatgen's 3.95 K for Hg
    hg = element_data("Hg")["superconduction_temperature"]
    assert hg.value == pytest.approx(4.153) and "3.95" in hg.note
    for symbol in ("Gd", "Sc", "Y", "Ce"):
        tc = element_data(symbol)["superconduction_temperature"]
        assert is_missing(tc) and "defect" in tc.reason
    assert is_missing(element_data("Cu")["superconduction_temperature"])


def test_unknown_element():
    with pytest.raises(ValueError, match="unknown element symbol"):
        element_data("Xx")


# ------------------------------------------------------------------ overrides


def test_overrides_csv(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("# my radii\nelement,property,value,unit,source,note\nHg,van_der_waals_radius,155,pm,Bondi 1964,\n")
    over = load_overrides(path)
    item = element_data("Hg", overrides=over)["van_der_waals_radius"]
    assert item.value == pytest.approx(155e-12) and "Bondi 1964" in item.source


def test_overrides_toml(tmp_path):
    path = tmp_path / "o.toml"
    path.write_text('[Cu]\nelectrical_resistivity = { value = 1.69e-2, unit = "m/MS", source = "Liu Table 1" }\n')
    item = element_data("Cu", overrides=load_overrides(path))["electrical_resistivity"]
    assert item.value == pytest.approx(1.69e-8) and item.unit == "ohm m"


@pytest.mark.parametrize(
    "line, message",
    [
        ("Hg,van_der_waals_radius,high,pm,x,", "not a number"),
        ("Hg,van_der_waals_radius,155,furlong,x,", "unknown unit"),
        ("Hg,colour,1,m,x,", "unknown property"),
        ("Hg,van_der_waals_radius,155,pm,,", "needs a source"),
        ("Qq,van_der_waals_radius,155,pm,x,", "unknown element"),
    ],
)
def test_bad_overrides(tmp_path, line, message):
    path = tmp_path / "o.csv"
    path.write_text("element,property,value,unit,source,note\n" + line + "\n")
    with pytest.raises(ValueError, match=message):
        load_overrides(path)


# ------------------------------------------------------------------- radii


def test_radius_conventions():
    assert set(RADIUS_CONVENTIONS) == {"covalent", "van_der_waals", "metallic", "atomic", "calculated", "paper", "table1"}
    hg = radii("Hg", rv_convention="covalent", rb_convention="van_der_waals")
    assert hg.R_v.value == pytest.approx(1.32e-10) and hg.R_b.value == pytest.approx(2.23e-10)
    # paper rule: empirical radius as R_b for Ca, Fe, Al (pymatgen atomic radius Ca 1.80 ang)
    ca = radii("Ca")
    assert ca.R_b.value == pytest.approx(1.80e-10) and "empirical" in ca.R_b.note
    with pytest.raises(ValueError, match="unknown valence radius convention"):
        radii("Hg", rv_convention="ionic")


def test_missing_radius_stays_missing():
    si = radii("Si", rv_convention="metallic", rb_convention="van_der_waals")
    assert is_missing(si.R_v) and not si.complete


# --------------------------------------------------------------- paper table


def test_table1_units():
    rows = {r.symbol: r for r in load_table1()}
    assert list(rows) == ["Si", "C", "Al", "Ca", "Fe", "Cu", "Pt", "Au", "Hg"]
    # Table 1: Cu 140/138 pm, Resisting D 8.41E+05, resistivity 1.69E-02 m/MS = 1.69e-8 ohm m
    cu = rows["Cu"]
    assert cu.R_b.value == pytest.approx(140e-12) and cu.R_v.value == pytest.approx(138e-12)
    assert cu.resisting_D.value == pytest.approx(8.41e5)
    assert cu.resistivity.value == pytest.approx(1.69e-8) and cu.resistivity.unit == "ohm m"
    assert "Table 1" in cu.R_b.source


# ---------------------------------------------------------------- compounds


def test_parse_formula():
    assert parse_formula("YBa2Cu3O7") == {"Y": 1.0, "Ba": 2.0, "Cu": 3.0, "O": 7.0}
    assert parse_formula("Ba0.4K0.6Fe2As2")["K"] == pytest.approx(0.6)


@pytest.mark.parametrize("formula", ["MgB2)", "", "123", "Xx2", "H-2"])
def test_bad_formula_names_the_formula(formula):
    with pytest.raises(ValueError) as info:
        parse_formula(formula)
    assert repr(formula) in str(info.value) or formula == ""


def test_composition_weighted_electronegativity():
    # pymatgen Pauling X: Mg 1.31, B 2.04; MgB2 fractions 1/3, 2/3
    x = composition_properties("MgB2")["electronegativity"]
    mean = (1.31 + 2 * 2.04) / 3
    assert x.mean == pytest.approx(mean)
    assert x.std == pytest.approx(math.sqrt((1.31 - mean) ** 2 / 3 + 2 * (2.04 - mean) ** 2 / 3))
    assert (x.minimum, x.maximum) == (pytest.approx(1.31), pytest.approx(2.04))


def test_composition_with_missing_value_is_not_averaged():
    metallic = composition_properties("MgB2")["metallic_radius"]
    assert metallic.mean is None and metallic.missing == ["B"]


def test_table1_convention_gives_the_printed_radii_and_missing_elsewhere():
    from etunnel.materials.provenance import Missing
    from etunnel.materials.radii import radii

    hg = radii("Hg", rv_convention="table1", rb_convention="table1")
    assert (hg.R_v.value, hg.R_b.value) == (pytest.approx(149e-12), pytest.approx(155e-12))
    assert "Table 1" in hg.R_v.source
    nb = radii("Nb", rv_convention="table1", rb_convention="table1")
    assert isinstance(nb.R_v, Missing) and isinstance(nb.R_b, Missing)
    assert "Hg" in nb.R_v.reason and not nb.complete
