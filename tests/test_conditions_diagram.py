"""State diagram and exact boundaries (Figure 8; eqs. 11, 38-41)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import etunnel
from etunnel.conditions.diagram import (
    CONDUCTOR,
    INSULATOR,
    OUTSIDE,
    SUPERCONDUCTOR,
    critical_temperature,
    state_diagram,
    triple_points,
)
from etunnel.conditions.submodels import PARAMETERS, MaterialConditions, material_conditions
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


# ----------------------------------------------------------------------------- every cell agrees with the core

ELEMENTS = ("H", "Li", "Be", "Na", "Mg", "Al", "K", "Ca", "Ti", "V", "Fe", "Ni", "Cu", "Zn", "Ga", "Nb", "Mo", "Ru",
            "Pd", "Ag", "Cd", "In", "Sn", "Sb", "La", "Ta", "W", "Pt", "Au", "Hg", "Tl", "Pb", "Bi")


def _assert_cells_match_core(d):
    """Each cell's state is etunnel.classify on that cell's own R_v, R_b, c; the core refuses every 'outside' cell."""
    state = d.state.values
    R_v = np.broadcast_to(d.R_v.values[:, None], state.shape)
    R_b, c = d.R_b.values, d.c.values
    names = {INSULATOR: "insulator", CONDUCTOR: "conductor", SUPERCONDUCTOR: "superconductor"}
    for i, j in np.ndindex(state.shape):
        args = (float(R_v[i, j]), float(R_b[i, j]), float(c[i, j]))
        if state[i, j] == OUTSIDE:
            assert not (0 < args[0] <= args[1] and 0 <= args[2] <= 1), (i, j, args)
            with pytest.raises(ValueError):
                etunnel.classify(*args)
        else:
            assert etunnel.classify(*args) == names[int(state[i, j])], (i, j, args)
            # and with the exact threshold c*: insulator exactly when c < c*
            assert (state[i, j] == INSULATOR) == (args[2] < insulating_threshold())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(symbol=st.sampled_from(ELEMENTS), convention=st.sampled_from(["paper", "metallic", "atomic"]),
       c0=st.floats(0.0, 1.0), n=st.floats(0.0, 20.0), beta=st.floats(0.0, 3e-4), alpha=st.floats(0.0, 1e-4),
       p_max=st.floats(1e9, 300e9), t_max=st.floats(10.0, 1000.0))
def test_every_cell_agrees_with_core_classification(symbol, convention, c0, n, beta, alpha, p_max, t_max):
    try:
        m = material_conditions(symbol, params={"c0": c0, "n": n, "beta": beta, "alpha": alpha},
                                rv_convention=convention, rb_convention=convention)
    except ValueError:
        assume(False)  # no radius under this convention
    d = state_diagram(m, np.linspace(0.0, t_max, 6), np.linspace(0.0, p_max, 5), scan=21)
    _assert_cells_match_core(d)


def test_element_beyond_its_border_is_outside_everywhere():
    # Fe under the paper's rule: R_v = 142 pm (covalent) > R_b = 140 pm (empirical); the core refuses it
    m = material_conditions("Fe")
    assert m.params["R_v0"] > m.params["R_b0"]
    d = state_diagram(m, np.linspace(0, 300, 5), np.linspace(0, 40e9, 5), scan=21)
    assert (d.state.values == OUTSIDE).all()
    assert np.isnan(d.T_superconducting.values).all() and np.isnan(d.D.values).all()
    # c = c* is crossed near 21 GPa, but it separates nothing where the model is undefined: no boundary drawn
    assert np.isnan(d.T_insulating.values).all() and np.isnan(d.p_insulating.values).all()
    _assert_cells_match_core(d)
    tc, censored = critical_temperature(m, [0.0, 10e9])
    assert np.isnan(tc).all() and not censored.any()


def test_leaving_the_domain_while_superconducting_is_not_a_censored_tc():
    # superconducting at 0 K, then R_v (rising fast) crosses R_b before D changes sign: T_c undefined, not t_max
    m = material(R_v0=199e-12, c0=0.5, n=0.0, beta=1e-3, alpha=0.0)
    tc, censored = critical_temperature(m, [0.0])
    assert np.isnan(tc[0]) and not censored[0]


def test_vectorised_boundaries_match_per_column_brentq(ds):
    # the former per-column solver (_roots, one brentq per bracket) is the reference
    from etunnel.conditions.diagram import _column, _roots, _scan_grid

    m = material()
    grid = _scan_grid(0.0, 300.0, 101)
    for j, p in enumerate(ds.pressure.values):
        column = _column(m, p)
        for name, function in (("T_superconducting", column.superconducting_function),
                               ("T_insulating", column.insulating_function)):
            expected = _roots(function, grid, xtol=1e-10)
            got = ds[name].values[j]
            got = got[np.isfinite(got)]
            np.testing.assert_allclose(got, expected, rtol=0, atol=2e-10)


def test_diagram_201_by_201_is_fast():
    import time

    m = material()
    state_diagram(m, np.linspace(0, 300, 3), np.linspace(0, 40e9, 3))
    start = time.process_time()  # CPU time: robust to other jobs on a shared machine
    state_diagram(m, np.linspace(0, 300, 201), np.linspace(0, 40e9, 201))
    assert time.process_time() - start < 2.0  # measured ~0.4 s; was ~2-6 s with one brentq per column


def test_column_roots_count_exact_zeros_on_the_grid():
    """A root that falls exactly on a scan point is kept (once), as in the per-column reference ``_roots``."""
    from etunnel.conditions.diagram import _roots, _roots_by_column

    grid = np.column_stack([np.linspace(0.0, 4.0, 9), np.linspace(0.25, 4.25, 9)])  # 1.0 is a point of column 0
    target = np.array([1.0, 1.0])

    def function(x, column):
        return (x - target[column]) * (x - 3.3)

    assert _roots_by_column(function, grid, xtol=1e-14) == [
        pytest.approx(_roots(lambda x: (x - 1.0) * (x - 3.3), grid[:, k], xtol=1e-14), abs=1e-13) for k in range(2)]
    roots = _roots_by_column(function, grid, xtol=1e-14)
    assert roots[0][0] == 1.0 and len(roots[0]) == 2 and len(roots[1]) == 2
