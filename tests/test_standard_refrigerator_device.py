"""The Ta/Nb/Cu refrigerator device: sourced parameters, the N-I-N contact, exact scalings, bad input."""

import json
import math

import pytest

from etunnel.checks import InputError
from etunnel.constants import BOLTZMANN_CONSTANT, ELEMENTARY_CHARGE
from etunnel.standard import refrigerator_device as rd


def test_every_parameter_has_value_unit_and_source():
    p = rd.device_parameters()
    for key in ("ta_critical_temperature", "ta_sommerfeld_molar", "cu_sommerfeld_molar", "interface_area",
                "cu_volume", "paper_power_200mK", "paper_power_10mK", "ta_thickness"):
        assert p[key].unit and p[key].source and math.isfinite(p[key].value)
    assert p["interface_area"].value == 1e-4 and p["cu_volume"].value == 0.3e-6  # the paper's 1 cm^2 and 0.3 cm^3


def test_contact_time_and_heat_capacity_closed_forms():
    d = rd.paper_device(specific_resistance=2e-7)
    # tau = 3 e^2 r gamma_v d / (pi^2 k_B^2): from C = gamma_v d T and the N-I-N heat current
    lorenz = math.pi**2 * BOLTZMANN_CONSTANT**2 / (3 * ELEMENTARY_CHARGE**2)
    assert math.isclose(d.contact_time, d.specific_resistance * d.ta_gamma_v * d.ta_thickness / lorenz, rel_tol=1e-14)
    # Cu: gamma = 0.691 mJ/(mol K^2) over 7.11 cm^3/mol; 0.3 cm^3 at 1 K -> 2.916e-5 J/K electronic
    assert math.isclose(float(d.cu_heat_capacity(1.0)) - d.cu_volume * d.cu_beta_v, 0.3 / 7.11 * 0.691e-3, rel_tol=1e-12)
    # Debye: beta = 12 pi^4 R / (5 Theta^3) = 1943.8/344.3^3 J/(mol K^4)
    assert math.isclose(d.cu_beta_v * 7.11e-6, 12 * math.pi**4 * 8.314462618 / (5 * 344.3**3), rel_tol=1e-12)


def test_power_at_fixed_f_tau_scales_as_one_over_r():
    d1 = rd.paper_device(specific_resistance=1e-7)
    d2 = rd.paper_device(specific_resistance=4e-7)
    ftau = 0.4
    p1 = rd.cycle_at(d1, 0.2, 0.1998, ftau / d1.contact_time).cooling_power
    p2 = rd.cycle_at(d2, 0.2, 0.1998, ftau / d2.contact_time).cooling_power
    assert math.isclose(p1 / p2, 4.0, rel_tol=1e-9)


def test_optimum_keeps_its_f_tau_when_r_changes():
    # fridge_study calibrates r once and moves the optimum to the same f tau instead of searching again:
    # P = (f tau) Q(f tau) / tau, so the search over log10(f tau) sees the same function scaled by a constant.
    from dataclasses import replace

    d0 = rd.paper_device()
    f0, c0 = rd.optimal_frequency(d0, 0.2, 0.1998)
    d1 = replace(d0, specific_resistance=d0.specific_resistance * 3.7)
    f1, c1 = rd.optimal_frequency(d1, 0.2, 0.1998)
    moved = f0 * d0.contact_time / d1.contact_time
    assert math.isclose(f1, moved, rel_tol=1e-13)
    assert math.isclose(rd.cycle_at(d1, 0.2, 0.1998, moved).cooling_power, c1.cooling_power, rel_tol=1e-12)
    assert math.isclose(c0.cooling_power / c1.cooling_power, 3.7, rel_tol=1e-12)


def test_cop_below_carnot_and_power_grows_as_t_squared():
    d = rd.paper_device(specific_resistance=4e-7)
    f = 0.4 / d.contact_time
    hi, lo = rd.cycle_at(d, 0.2, 0.02, f), rd.cycle_at(d, 0.2, 0.002, f)
    for c in (hi, lo):
        assert 0 < c.cop <= c.carnot_cop
    assert math.isclose(hi.cooling_power / lo.cooling_power, 100.0, rel_tol=1e-3)  # N-I-N: P ~ T_Cu^2


def test_bad_input():
    d = rd.paper_device()
    with pytest.raises(InputError, match="T_cold must be below T_hot"):
        rd.cycle_at(d, 0.01, 0.2, 10.0)
    with pytest.raises(InputError, match="T_c"):
        rd.cycle_at(d, 5.0, 0.2, 10.0)
    with pytest.raises(InputError, match="specific_resistance"):
        rd.paper_device(specific_resistance=-1.0)
    with pytest.raises(InputError, match="power"):
        rd.calibrate(d, True, 0.2)


def test_cli_fridge_bad_input(cli):
    code, _, err = cli("fridge", "--t-start", "5")
    assert code == 2 and err.startswith("etunnel: error:") and "T_start" in err and err.count("\n") == 1


@pytest.mark.slow
def test_cli_fridge_json_reproduces_the_headline_numbers(tmp_path, cli):
    png = tmp_path / "fridge.png"
    code, out, err = cli("fridge", "--json", "--points", "3", "--out", str(png))
    assert code == 0, err
    data = json.loads(out)
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["power_200mK"]["verdict"] == "calibrated"
    assert math.isclose(claims["power_200mK"]["etunnel_value"], 25e-9, rel_tol=1e-6)
    assert claims["power_10mK"]["verdict"] == "reproduced"
    assert 0.055e-9 < claims["power_10mK"]["etunnel_value"] < 0.065e-9
    assert data["parameters"]["specific_resistance"]["source"].startswith("calibrated")
    assert png.stat().st_size > 10_000


def test_cool_down_from_a_low_start_does_not_overshoot_into_a_division_by_zero():
    """Trial steps of the cool-down ODE may overshoot its terminal floor; T stays representable there."""
    from etunnel.standard.device_studies import fridge_study

    study = fridge_study(T_start=0.02, T_low=0.0015, n_curve=2)
    claims = {c["id"]: c for c in study["claims"]}
    assert len(claims) == 4 and all(c["etunnel_value"] is not None for c in claims.values())
    for curve in study["cooldowns"]:
        assert len(curve["T_K"]) >= 2 and min(curve["T_K"]) > 0 and curve["T_K"][-1] < curve["T_K"][0]
