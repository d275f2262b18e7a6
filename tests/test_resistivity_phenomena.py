"""Resistivity (eqs. 25-35) and the phenomena sections (eqs. 42-45)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import constants

import etunnel
from etunnel.model import phenomena, resistivity


def test_eq_28_and_29_chain():
    E_c, p, T = 1.0 * constants.e, 2.0, 3.0  # 1 eV lifting energy
    R = resistivity.resistance(E_c, p, T)
    assert R == pytest.approx(p * T / constants.e, rel=1e-15)
    assert resistivity.lifting_potential(E_c) == pytest.approx(1.0, rel=1e-15)


def test_eq_35_equals_eq_29_through_eq_34():
    """rho = pATE_c/(Le^2) (eq. 29) equals Z D with Z = puAK/(2s) (eqs. 33-35) for Q = u|e|."""
    p, A, L, T, u = 1.5, 1e-6, 0.1, 2.0, 0.8
    Q = u * constants.e
    D = etunnel.resisting_distance(120e-12, 155e-12, 0.5, terms=1)
    E_c = etunnel.lifting_energy(120e-12, 155e-12, 0.5, terms=1, Q=Q)
    rho_29 = p * A * T * E_c / (L * constants.e**2)
    s = resistivity.drift_speed(L, T)
    Z = resistivity.microscopic_resistivity(p, resistivity.equivalent_charge_coefficient(Q), A, s)
    assert resistivity.resistivity(Z, D) == pytest.approx(rho_29, rel=1e-12)


@given(D=st.floats(-1e12, 1e12), k=st.floats(0.1, 10))
def test_resistivity_is_linear_in_z(D, k):
    assert resistivity.resistivity(k * 1e-15, D) == pytest.approx(k * resistivity.resistivity(1e-15, D), rel=1e-12, abs=1e-300)


def test_flux_quantum_eq_45_is_codata():
    assert phenomena.flux_quantum() == pytest.approx(2.067833848e-15, rel=1e-9)
    assert phenomena.paper_minimum_ring_flux() == pytest.approx(constants.h / constants.e, rel=1e-15)


def test_lorentz_force_eq_42():
    F = phenomena.lorentz_force(-constants.e, [0, 0, 0], [1e5, 0, 0], [0, 0, 1.0])
    np.testing.assert_allclose(F, [0, constants.e * 1e5, 0], rtol=1e-15)
    F2 = phenomena.lorentz_force([1.0, 2.0], [[1, 0, 0], [1, 0, 0]], [[0, 0, 0], [0, 0, 0]], [[0, 0, 1], [0, 0, 1]])
    np.testing.assert_allclose(F2, [[1, 0, 0], [2, 0, 0]])


def test_critical_current_density_scales_as_t4():
    assert phenomena.critical_current_density(2.0, 3.0) == 16 * phenomena.critical_current_density(1.0, 3.0)
    assert phenomena.blackbody_power(300.0) == pytest.approx(459.3, rel=1e-3)


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: phenomena.critical_current_density(-1.0, 1.0), "T must be"),
        (lambda: phenomena.lorentz_force(1.0, [0, 0], [0, 0, 0], [0, 0, 0]), "E must have a last axis"),
        (lambda: resistivity.microscopic_resistivity(1, 0, 1, 1), "u must be"),
        (lambda: resistivity.resistivity(-1.0, 1.0), "Z must be"),
        (lambda: resistivity.drift_speed(1.0, 0.0), "T must be"),
    ],
)
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
