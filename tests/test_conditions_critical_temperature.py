"""The compiled T_c(p) path against the NumPy bisection it replaced (the reference), edges included.

The reference is :func:`etunnel.conditions.diagram.critical_temperature_reference`, the former
implementation kept unchanged: a vectorised NumPy scan and bisection whose boundary function goes
through the validating public model API. Both run the same algorithm; the compiled sub-model fields
equal NumPy's except for ``pow`` and ``exp`` (C library against NumPy's SIMD loops, one ulp apart on a
few per cent of arguments), so roots agree within the root tolerance and, with the linear sub-models
(no pow, no exp), bit for bit.
"""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from etunnel.checks import InputError
from etunnel.conditions import calibration
from etunnel.conditions.diagram import T_XTOL, critical_temperature, critical_temperature_reference
from etunnel.conditions.submodels import EV, PARAMETERS, MaterialConditions, material_conditions
from etunnel.model import insulating_threshold

PRESSURES = np.array([0.0, 25.9, 26.2, 26.5, 26.8, 27.1, 27.4, 100.0]) * 1e9


def material(rv_model="linear", c_model="saturating", eos="vinet", terms="infinite", **updates):
    P = {k: v[2] for k, v in PARAMETERS.items()}
    P.update(R_v0=150e-12, R_b0=200e-12, B0=100e9, alpha=1e-5, n=3.0, beta=3e-6)
    P.update(updates)
    return MaterialConditions("X", P, rv_model=rv_model, c_model=c_model, eos=eos, terms=terms)


def assert_same(m, pressure, *, t_max=1000.0, scan=201, exact=False, reference=None):
    """The compiled path against the scalar reference (``reference``: its result for these inputs, if already computed)."""
    tc, censored = critical_temperature(m, pressure, t_max=t_max, scan=scan)
    if reference is None:
        reference = critical_temperature_reference(m, pressure, t_max=t_max, scan=scan)
    ref, ref_censored = reference
    np.testing.assert_array_equal(censored, ref_censored)
    np.testing.assert_array_equal(np.isnan(tc), np.isnan(ref))
    if exact:
        np.testing.assert_array_equal(tc, ref)
    else:
        # both roots lie within xtol + 4 eps |T| of the same sign change
        np.testing.assert_allclose(tc, ref, rtol=8 * np.finfo(float).eps, atol=2 * T_XTOL)
    return tc, censored


def test_interior_roots_are_bit_identical():
    tc, censored = assert_same(material(), PRESSURES, exact=True)
    assert tc[0] == 0.0 and censored[-1] and np.all((tc[1:-1] > 40) & (tc[1:-1] < 330))
    np.testing.assert_array_equal(np.diff(tc[1:-1]) > 0, True)


@pytest.mark.parametrize("rv_model, c_model", [("linear", "linear"), ("linear", "saturating"),
                                               ("boltzmann", "linear"), ("boltzmann", "saturating")])
@pytest.mark.parametrize("terms", ["infinite", 1, 4])
def test_every_sub_model_and_lattice(rv_model, c_model, terms):
    m = material(rv_model, c_model, terms=terms, k=2.0, gamma=0.5, E_x=0.02 * EV, beta=3e-6)
    assert_same(m, np.linspace(0.0, 60e9, 13), exact=(rv_model, c_model) == ("linear", "linear"))


def test_edges_no_transition_censored_and_undefined():
    # not superconducting at 0 K (c0 below c*: an insulator): T_c = 0
    tc, censored = assert_same(material(c0=0.1, n=0.0), [0.0, 1e9], exact=True)
    assert np.all(tc == 0.0) and not censored.any()
    # superconducting over the whole window: censored at t_max
    tc, censored = assert_same(material(), [100e9], t_max=50.0, exact=True)
    assert tc[0] == 50.0 and censored[0]
    # superconducting at 0 K, then R_v crosses R_b before D changes sign: undefined, not censored
    tc, censored = assert_same(material(R_v0=199e-12, c0=0.5, n=0.0, beta=1e-3, alpha=0.0), [0.0], exact=True)
    assert np.isnan(tc[0]) and not censored[0]
    # undefined at 0 K (R_v > R_b from the start)
    tc, censored = assert_same(material(R_v0=201e-12), [0.0, 1e9], exact=True)
    assert np.isnan(tc).all() and not censored.any()


def test_exact_zero_on_the_scan_grid():
    # R_v = R_b exactly at 0 K and 0 Pa: D = 0 there (eq. 24 at the border); with c < c* the value rises
    # from that exact zero, so T_c is the grid point 0 K itself
    P = {k: v[2] for k, v in PARAMETERS.items()}
    alpha, T_ref = 2e-5, P["T_ref"]
    R_b0 = 200e-12
    R_v0 = R_b0 * (1.0 + alpha * (0.0 - T_ref)) * 1.0
    m = material(R_v0=R_v0, R_b0=R_b0, alpha=alpha, beta=0.0, c0=0.1, n=0.0)
    assert m.params["c0"] < insulating_threshold()
    tc, censored = assert_same(m, [0.0], exact=True)
    assert tc[0] == 0.0 and not censored[0]
    # the same material with R_v rising: the zero at 0 K is followed by R_v > R_b (outside), so undefined
    tc, _ = assert_same(material(R_v0=R_v0, R_b0=R_b0, alpha=0.0, beta=1e-3, c0=0.5, n=0.0), [0.0], exact=True)


def test_shape_and_scalar_pressure():
    m = material()
    tc, censored = critical_temperature(m, 26e9)
    assert tc.shape == censored.shape == (1,)
    grid = np.array([[25.9e9, 26.2e9], [26.5e9, 100e9]])
    tc2, censored2 = critical_temperature(m, grid)
    assert tc2.shape == censored2.shape == (2, 2)
    np.testing.assert_array_equal(tc2.ravel(), critical_temperature(m, grid.ravel())[0])


@pytest.mark.parametrize("kwargs, message", [
    (dict(t_max=0.0), "t_max"), (dict(t_max=math.inf), "t_max"), (dict(t_max="300"), "t_max"),
    (dict(t_max=True), "t_max"), (dict(scan=1), "scan"), (dict(scan=10.0), "scan"), (dict(scan=True), "scan"),
    (dict(scan=10**7), "scan"),
])
def test_bad_window_is_refused(kwargs, message):
    with pytest.raises(InputError, match=message):
        critical_temperature(material(), [0.0], **kwargs)


def test_non_finite_resisting_distance_raises_like_the_reference():
    # R_b / R_v overflows: the model API refuses it; the compiled path hands over to the reference, which raises
    m = material(R_v0=1e-320, R_b0=1e-2, n=0.0, c0=0.5)
    with pytest.raises(ValueError) as reference:
        critical_temperature_reference(m, [0.0])
    with pytest.raises(ValueError) as compiled:
        critical_temperature(m, [0.0])
    assert type(compiled.value) is type(reference.value) and str(compiled.value) == str(reference.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rv_model=st.sampled_from(["linear", "boltzmann"]), c_model=st.sampled_from(["linear", "saturating"]),
       eos=st.sampled_from(["vinet", "birch_murnaghan"]), terms=st.sampled_from(["infinite", "infinite", 1, 2]),
       R_v0=st.floats(100e-12, 200e-12), ratio=st.floats(1.0, 1.6), B0=st.floats(5e9, 400e9),
       B0_prime=st.floats(3.0, 7.0), alpha=st.floats(0.0, 1e-4), beta=st.floats(0.0, 1e-3),
       gamma=st.floats(0.0, 5.0), E_x=st.floats(1e-3, 1.0), c0=st.floats(0.0, 1.0), k=st.floats(0.0, 20.0),
       n=st.floats(0.0, 20.0), pressure=st.lists(st.floats(0.0, 150e9), min_size=1, max_size=5),
       t_max=st.floats(5.0, 1000.0), scan=st.integers(2, 301))
def test_matches_reference_for_sampled_sub_models(rv_model, c_model, eos, terms, R_v0, ratio, B0, B0_prime, alpha,
                                                   beta, gamma, E_x, c0, k, n, pressure, t_max, scan):
    m = material(rv_model, c_model, eos, terms, R_v0=R_v0, R_b0=R_v0 * ratio, B0=B0, B0_prime=B0_prime,
                 alpha=alpha, beta=beta, gamma=gamma, E_x=E_x * EV, c0=c0, k=k, n=n)
    try:
        ref = critical_temperature_reference(m, pressure, t_max=t_max, scan=scan)
    except InputError:  # a pressure beyond the EOS's range: both refuse it
        with pytest.raises(InputError):
            critical_temperature(m, pressure, t_max=t_max, scan=scan)
        assume(False)
    assert_same(m, pressure, t_max=t_max, scan=scan, exact=(rv_model, c_model) == ("linear", "linear"), reference=ref)


ELEMENTS = ("Li", "Al", "Nb", "Sn", "La", "Pb", "Hg", "Bi", "Fe")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(symbol=st.sampled_from(ELEMENTS), c0=st.floats(0.0, 1.0), n=st.floats(0.0, 10.0), beta=st.floats(0.0, 1e-3),
       pressure=st.lists(st.floats(0.0, 60e9), min_size=1, max_size=4))
def test_matches_reference_for_elements(symbol, c0, n, beta, pressure):
    m = material_conditions(symbol, params={"c0": c0, "n": n, "beta": beta})
    assert_same(m, pressure)


def test_fit_is_unchanged(monkeypatch):
    # the whole calibration (scan, anchors by brentq, least squares with finite-difference Jacobians) on both paths
    truth = material()
    tc, _ = critical_temperature(truth, PRESSURES[1:4])
    start = material(n=1.0, beta=0.0)
    fast = calibration.fit_tc_pressure(start, PRESSURES[1:4], tc, np.full(3, 1.0), scan_points=9)
    monkeypatch.setattr(calibration, "critical_temperature", critical_temperature_reference)
    slow = calibration.fit_tc_pressure(start, PRESSURES[1:4], tc, np.full(3, 1.0), scan_points=9)
    for name in fast.varied:
        assert fast.values[name] == pytest.approx(slow.values[name], rel=1e-12, abs=0)
        assert fast.stderr[name] == pytest.approx(slow.stderr[name], rel=1e-9, nan_ok=True)
    np.testing.assert_allclose(fast.predicted, slow.predicted, rtol=1e-12)
    assert fast.chi2 == pytest.approx(slow.chi2, rel=1e-9, abs=1e-18)
