"""Sub-models of issue 4: EOS inversion, R_b(T, p), R_v(T), c(λ), and missing data."""

import numpy as np
import pytest

from etunnel.checks import InputError
from etunnel.conditions import eos
from etunnel.conditions.submodels import (
    PARAMETERS,
    MaterialConditions,
    attraction_coefficient,
    border_radius,
    material_conditions,
    valence_radius,
)


def params(**updates):
    P = {k: v[2] for k, v in PARAMETERS.items()}
    P.update(R_v0=150e-12, R_b0=200e-12, B0=100e9, alpha=1e-5)
    P.update(updates)
    return P


@pytest.mark.parametrize("model", ["vinet", "birch_murnaghan"])
def test_volume_ratio_inverts_eos(model):
    p = np.array([0.0, 1e9, 37e9, 300e9])
    x = eos.volume_ratio(p, 40e9, 4.5, eos=model)
    # root tolerance 1e-15 in x: pressure recovered to 1e-9 relative
    np.testing.assert_allclose(eos.eos_pressure(x, 40e9, 4.5, eos=model), p, rtol=1e-9, atol=1e-6)
    assert x[0] == 1.0 and np.all(np.diff(x) < 0)


def test_vinet_and_bm3_agree_at_small_strain():
    # both expand to p = B0 (1 - x) + O((1-x)^2)
    x = 1 - 1e-5
    assert eos.vinet_pressure(x, 50e9, 4.0) == pytest.approx(eos.birch_murnaghan_pressure(x, 50e9, 4.0), rel=1e-4)
    assert eos.vinet_pressure(x, 50e9, 4.0) == pytest.approx(50e9 * 1e-5, rel=1e-4)


def test_border_radius_directions():
    kw = dict(R_b0=200e-12, B0=100e9, B0_prime=4.0, alpha=1e-5)
    R = border_radius(np.array([[0.0], [300.0]]), np.array([0.0, 10e9]), **kw)
    assert R[0, 1] < R[0, 0]  # shrinks with pressure
    assert R[1, 0] > R[0, 0]  # grows with temperature
    assert border_radius(298.15, 0.0, **kw) == pytest.approx(200e-12, rel=1e-15)


def test_valence_radius_and_c_directions():
    T = np.array([0.0, 100.0, 300.0])
    assert np.all(np.diff(valence_radius(T, R_v0=1e-10, beta=1e-5)) > 0)
    assert np.all(np.diff(valence_radius(T + 1, R_v0=1e-10, model="boltzmann", gamma=1.0, E_x=1e-21)) > 0)
    lam = np.array([1.0, 1.1, 1.3])
    for model in ("linear", "saturating"):
        c = attraction_coefficient(lam, model=model, c0=0.1, k=1.0, n=2.0)
        assert c[0] == pytest.approx(0.1) and np.all(np.diff(c) > 0)
    assert np.all(attraction_coefficient(np.array([1e3]), model="saturating", c0=0.1, n=2.0) < 1)


def test_missing_element_data_names_value_and_fix():
    with pytest.raises(ValueError, match=r"alpha.*--params alpha="):
        material_conditions("S")  # pymatgen has no thermal expansion for sulfur
    with pytest.raises(ValueError, match=r"R_v0, R_b0, B0, alpha.*--params"):
        material_conditions("LaH10")
    m = material_conditions("LaH10", params=dict(R_v0=1e-10, R_b0=2e-10, B0=1e11, alpha=1e-5))
    assert m.sources["B0"] == "user (--params)"


def test_b0_prime_default_is_a_stated_assumption(tmp_path):
    m = material_conditions("Y")
    assert m.params["B0_prime"] == 4.0
    assert any(a.startswith("B0_prime: assumption") for a in m.assumptions())
    csv = tmp_path / "eos.csv"
    csv.write_text("element,structure,V0_A3_per_atom,B0_GPa,B1_dB_dP\nY,BCC,33.0,38.6,2.99\nY,FCC,32.5,45.0,3.27\n")
    m = material_conditions("Y", eos_data=csv)
    assert m.params["B0_prime"] == pytest.approx(2.99)  # BCC's B0 is closest to the tabulated 41 GPa
    assert m.sources["B0_prime"].startswith("computed (ACWF, DFT-PBE)")
    assert not any(a.startswith("B0_prime") for a in m.assumptions())


def test_bad_parameters_rejected():
    with pytest.raises(InputError, match="alpha"):
        MaterialConditions("X", params(alpha=-1e-5))
    with pytest.raises(InputError, match="c model"):
        MaterialConditions("X", params(), c_model="cubic")
    with pytest.raises(ValueError, match="pressure"):
        eos.volume_ratio([-1e9], 40e9, 4.0)
    with pytest.raises(InputError, match="beyond the vinet equation of state's range"):
        eos.volume_ratio([1e9, 1e15], 40e9, 4.0)
    with pytest.raises(ValueError, match="finite"):
        border_radius(np.nan, 0.0, R_b0=2e-10, B0=1e11, B0_prime=4.0, alpha=1e-5)
