"""State diagram and exact boundaries (Figure 8; eqs. 11, 38-41)."""

import numpy as np
import pytest

import etunnel
from etunnel.conditions.diagram import (
    CONDUCTOR,
    INSULATOR,
    SUPERCONDUCTOR,
    critical_temperature,
    state_diagram,
    triple_points,
)
from etunnel.conditions.submodels import PARAMETERS, MaterialConditions
from etunnel.model import conducting_radius, insulating_threshold


def material(**updates):
    P = {k: v[2] for k, v in PARAMETERS.items()}
    P.update(R_v0=150e-12, R_b0=200e-12, B0=100e9, alpha=1e-5, beta=3e-6, n=3.0)
    P.update(updates)
    return MaterialConditions("X", P)


@pytest.fixture(scope="module")
def ds():
    return state_diagram(material(), np.linspace(0, 300, 7), np.linspace(0, 40e9, 9), scan=101)


def _fields_at(m, T, p):
    R_b = m.border_radius(T, p)
    lam = m.params["R_b0"] / R_b  # R_b(T_ref, 0) = R_b0
    return m.valence_radius(T), R_b, m.attraction(lam)


def test_superconducting_boundary_satisfies_rv_equals_rc(ds):
    m = material()
    pairs = [(T, p) for p, row in zip(ds.pressure.values, ds.T_superconducting.values) for T in row if np.isfinite(T)]
    pairs += [(T, p) for T, row in zip(ds.temperature.values, ds.p_superconducting.values) for p in row if np.isfinite(p)]
    assert len(pairs) >= 5
    for T, p in pairs:
        R_v, R_b, c = _fields_at(m, T, p)
        # tolerance: T to 1e-10 K / s to 1e-15 moves R_v - R_c by far less than 1e-9 relative
        assert float(R_v) == pytest.approx(float(conducting_radius(R_b, c)), rel=1e-9)


def test_insulating_boundary_satisfies_c_equals_threshold(ds):
    m = material()
    pairs = [(T, p) for p, row in zip(ds.pressure.values, ds.T_insulating.values) for T in row if np.isfinite(T)]
    pairs += [(T, p) for T, row in zip(ds.temperature.values, ds.p_insulating.values) for p in row if np.isfinite(p)]
    assert len(pairs) >= 5
    for T, p in pairs:
        _, _, c = _fields_at(m, T, p)
        assert float(c) == pytest.approx(insulating_threshold(), abs=1e-12)


def test_states_agree_with_classify(ds):
    state = ds.state.values
    assert {INSULATOR, CONDUCTOR, SUPERCONDUCTOR} <= set(np.unique(state))
    R_v = np.broadcast_to(ds.R_v.values[:, None], state.shape)
    inside = R_v <= ds.R_b.values
    expected = etunnel.classify(R_v[inside], ds.R_b.values[inside], ds.c.values[inside])
    names = np.array(["insulator", "conductor", "superconductor"])[state[inside]]
    assert (names == expected).all()
    assert ds.pressure.attrs["units"] == "Pa" and ds.temperature.attrs["units"] == "K"


def test_no_tunnel_anywhere_is_all_insulator():
    m = material(c0=0.05, n=0.0)  # c = 0.05 < c* at every (T, p)
    d = state_diagram(m, np.linspace(0, 300, 4), np.linspace(0, 100e9, 4), scan=21)
    assert (d.state.values == INSULATOR).all()
    assert np.isnan(d.T_superconducting.values).all() and np.isnan(d.T_insulating.values).all()


def test_triple_point_matches_closed_form():
    # on the insulating boundary R_b = R_b0/λ*, so R_v(T*) = R_b0/λ* gives T* in closed form
    m = material(R_v0=190e-12, c0=0.1, n=1.0, beta=1e-4)
    lam_star = 0.9 / (1 - insulating_threshold())
    T_star = m.params["T_ref"] + (m.params["R_b0"] / lam_star / m.params["R_v0"] - 1) / 1e-4
    points = triple_points(m, np.linspace(0, 30e9, 31), t_max=800.0, scan=201)
    assert len(points) == 1
    assert points[0][0] == pytest.approx(T_star, rel=1e-6)


def test_critical_temperature_is_on_the_boundary():
    m = material()
    tc, censored = critical_temperature(m, [0.0, 26e9, 27e9, 100e9])
    assert tc[0] == 0.0 and censored[-1] and 0 < tc[1] < tc[2] < 1000
    R_v, R_b, c = _fields_at(m, tc[1], 26e9)
    assert float(R_v) == pytest.approx(float(conducting_radius(R_b, c)), rel=1e-9)


@pytest.mark.parametrize("T, p", [([-1.0, 10.0], [0.0, 1e9]), ([0.0, 10.0], [np.nan, 1e9]), ([0.0, 10.0], [-1e9, 0.0])])
def test_bad_grids_raise(T, p):
    with pytest.raises(ValueError):
        state_diagram(material(), T, p)
