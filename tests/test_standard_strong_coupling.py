"""Tests of the McMillan (1968) and Allen-Dynes (1975) T_c formulas.

Reference values (REFERENCE_* below) were computed by us with mpmath at 30
significant digits from the published formulas: McMillan, Phys. Rev. 167, 331
(1968), eq. (18); Allen & Dynes, Phys. Rev. B 12, 905 (1975), eqs. (34)-(38).
They are independent of the code under test (a separate implementation in
arbitrary precision) and pinned here to 16 digits; tolerance 1e-12 relative.
Input rows: (277 K, 0.82, 0.13) are niobium-like values chosen by us (not a
published parameter set); (240 K, 0.73, 0.10) uses the tantalum lambda and mu*
of Wolf, Burnell & Noer (1981) with Kittel's Theta_D; the rest span weak to
strong coupling.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etunnel.standard import allen_dynes_tc, mcmillan_lambda, mcmillan_tc

REFERENCE_MCMILLAN = [  # (theta_D [K], lambda, mu*, T_c [K])
    (277.0, 0.82, 0.13, 9.195123859292702),
    (240.0, 0.73, 0.10, 7.630491728829687),
    (108.0, 0.805, 0.13, 3.434188864388518),
    (1000.0, 2.0, 0.10, 119.0370710220884),
]

REFERENCE_ALLEN_DYNES = [  # (omega_log [K], lambda, mu*, omega_2 [K] or None, T_c [K])
    (100.0, 1.55, 0.10, None, 12.85449895061057),
    (100.0, 1.55, 0.10, 130.0, 13.39079415908478),
    (300.0, 0.80, 0.13, 400.0, 11.85428633688909),
    (1500.0, 2.5, 0.10, 1900.0, 314.6377094996221),
]


@pytest.mark.parametrize(("theta", "lam", "mu", "expected"), REFERENCE_MCMILLAN)
def test_mcmillan_reference(theta, lam, mu, expected):
    assert mcmillan_tc(theta, lam, mu) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("w_log", "lam", "mu", "w2", "expected"), REFERENCE_ALLEN_DYNES)
def test_allen_dynes_reference(w_log, lam, mu, w2, expected):
    assert allen_dynes_tc(w_log, lam, mu, omega_2=w2) == pytest.approx(expected, rel=1e-12)


def test_allen_dynes_einstein_spectrum_has_no_shape_correction():
    # f2 = 1 when omega_2 = omega_log (Einstein spectrum), so giving it changes nothing.
    assert allen_dynes_tc(200.0, 1.2, 0.12, omega_2=200.0) == pytest.approx(allen_dynes_tc(200.0, 1.2, 0.12), rel=1e-15)


def test_allen_dynes_reduces_to_mcmillan_form_at_weak_coupling():
    # f1 -> 1 as lambda -> 0; with omega_log/1.2 = theta_D/1.45 the two formulas coincide.
    lam, mu, w_log = 0.05, 0.0, 120.0
    theta = w_log * 1.45 / 1.2
    f1 = (1 + (lam / 2.46) ** 1.5) ** (1 / 3)
    assert allen_dynes_tc(w_log, lam, mu) == pytest.approx(f1 * mcmillan_tc(theta, lam, mu), rel=1e-14)
    assert f1 - 1.0 < 2e-3


def test_no_superconductivity_when_coulomb_wins():
    # lambda <= mu*(1 + 0.62 lambda): the formulas give no T_c -> exactly 0.
    assert mcmillan_tc(300.0, 0.1, 0.13) == 0.0
    assert allen_dynes_tc(300.0, 0.1, 0.13, omega_2=350.0) == 0.0


def test_mcmillan_inversion_round_trip():
    lam = np.array([0.4, 0.82, 1.3])
    tc = mcmillan_tc(277.0, lam, 0.13)
    np.testing.assert_allclose(mcmillan_lambda(tc, 277.0, 0.13), lam, rtol=1e-12)


@settings(max_examples=200, deadline=None)
@given(fraction=st.floats(min_value=1e-300, max_value=1.0 - 1e-9), theta=st.floats(min_value=1.0, max_value=3000.0),
       mu=st.floats(min_value=0.0, max_value=0.5))
def test_mcmillan_lambda_finite_below_its_limit_nan_above(fraction, theta, mu):
    # McMillan's T_c tends to T_max = (theta/1.45) exp(-1.04/(1 - 0.62 mu*)) as lambda -> infinity
    t_max = theta / 1.45 * math.exp(-1.04 / (1 - 0.62 * mu))
    tc = fraction * t_max
    lam = mcmillan_lambda(tc, theta, mu)
    assert math.isfinite(lam) and lam > 0
    if 1e-6 < fraction < 1 - 1e-6:
        assert mcmillan_tc(theta, lam, mu) == pytest.approx(tc, rel=1e-9)
    assert math.isnan(mcmillan_lambda(t_max * (1 + 1e-9), theta, mu))
    assert math.isnan(mcmillan_lambda(theta, theta, mu))  # T_c above theta/1.45: no solution either


def test_vectorised_broadcast():
    out = mcmillan_tc(np.array([[200.0], [300.0]]), np.array([0.5, 0.8, 1.1]), 0.1)
    assert out.shape == (2, 3)
    assert np.all(np.diff(out, axis=1) > 0)  # T_c grows with lambda
    out = allen_dynes_tc(np.array([100.0, 200.0]), 1.0, np.array([0.1, 0.13]), omega_2=np.array([120.0, 260.0]))
    assert out.shape == (2,)
    assert isinstance(mcmillan_tc(277.0, 0.82, 0.13), float)


def test_mcmillan_prefactor_is_1_45():
    # T_c * 1.45 / theta_D = exp(exponent): with lambda = 1, mu* = 0 the exponent is -2.08.
    assert mcmillan_tc(100.0, 1.0, 0.0) * 1.45 / 100.0 == pytest.approx(math.exp(-2.08), rel=1e-14)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: mcmillan_tc(-1.0, 0.8, 0.1), "theta_D"),
        (lambda: mcmillan_tc(277.0, 0.0, 0.1), "lambda_ep"),
        (lambda: mcmillan_tc(277.0, 0.8, -0.1), "mu_star"),
        (lambda: allen_dynes_tc(0.0, 0.8, 0.1), "omega_log"),
        (lambda: allen_dynes_tc(100.0, 0.8, 0.1, omega_2=-5.0), "omega_2"),
        (lambda: allen_dynes_tc(100.0, 0.8, 0.9), "mu_star"),
        (lambda: mcmillan_lambda(0.0, 277.0, 0.13), "T_c"),
    ],
)
def test_bad_input_names_parameter(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        call()
