"""Tests of London, Ginzburg-Landau, flux-quantum and Božović-scaling functions.

References:
* Phi_0 = h/(2e) = 2.067833848...e-15 Wb (CODATA 2018, exact since the 2019 SI).
* Niobium: lambda_L = 29.1(10) nm, xi_0 = 39.9(25) nm and kappa = 0.70(5), McFadden et al.,
  Phys. Rev. B 113, L06058 (2026), arXiv:2511.02913 (values as quoted in the project's
  elemental_superconductors.csv). With Gor'kov's clean-limit lengths (Tinkham eq. 4.25a,
  kappa = 0.96 lambda_L/xi_0) the standard theory must reproduce their kappa within their
  quoted uncertainty 0.05.
* Two-fluid lambda(T) = lambda0 / sqrt(1 - t^4): Tinkham eq. 1.10.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from etunnel.model.phenomena import paper_minimum_ring_flux

from etunnel.constants import ELECTRON_MASS, ELEMENTARY_CHARGE, HBAR, PLANCK_CONSTANT, VACUUM_PERMEABILITY
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from etunnel.standard import (
    KAPPA_BOUNDARY,
    bcs_coherence_length,
    bozovic_tc,
    brandt_core_term,
    flux_quantum,
    gl_coherence_length,
    gl_kappa,
    gl_penetration_depth,
    london_penetration_depth,
    london_superfluid_density,
    lower_critical_field,
    phase_stiffness,
    superconductor_type,
    thermodynamic_critical_field,
    two_fluid_penetration_depth,
    upper_critical_field,
)


def test_flux_quantum_codata():
    assert flux_quantum() == pytest.approx(2.067833848e-15, rel=1e-9)


def test_tunnel_claim_is_twice_the_flux_quantum():
    # The paper's claim (text after its eq. 45): minimum ring flux = 2 Phi_0 = h/e.
    assert paper_minimum_ring_flux() == pytest.approx(PLANCK_CONSTANT / ELEMENTARY_CHARGE, rel=1e-15)
    assert paper_minimum_ring_flux() / flux_quantum() == pytest.approx(2.0, rel=1e-15)


def test_london_depth_scaling_and_inverse():
    n = np.array([1e27, 1e28, 1e29])
    lam = london_penetration_depth(n)
    np.testing.assert_allclose(lam[:-1] / lam[1:], math.sqrt(10.0), rtol=1e-14)  # lambda ~ n^-1/2
    np.testing.assert_allclose(london_superfluid_density(lam), n, rtol=1e-14)
    # heavier carriers screen worse: lambda ~ sqrt(m*)
    assert london_penetration_depth(1e28, 4 * ELECTRON_MASS) == pytest.approx(2 * london_penetration_depth(1e28), rel=1e-14)


def test_london_depth_value():
    # lambda_L = sqrt(m / (mu0 n e^2)) written out with CODATA constants, n = 1e29 m^-3.
    expected = math.sqrt(ELECTRON_MASS / (VACUUM_PERMEABILITY * 1e29 * ELEMENTARY_CHARGE**2))
    assert london_penetration_depth(1e29) == pytest.approx(expected, rel=1e-14)
    assert 16.7e-9 < expected < 16.9e-9  # 16.8 nm, the textbook order of magnitude for metals


def test_two_fluid():
    lam0 = 30e-9
    assert two_fluid_penetration_depth(0.0, 9.25, lam0) == pytest.approx(lam0, rel=1e-15)
    t = 0.5
    assert two_fluid_penetration_depth(t * 9.25, 9.25, lam0) == pytest.approx(lam0 / math.sqrt(1 - t**4), rel=1e-14)
    assert two_fluid_penetration_depth(10.0, 9.25, lam0) == math.inf


def test_niobium_kappa_matches_published_value():
    lam_gl = gl_penetration_depth(29.1e-9, 0.0, 9.25)
    xi_gl = gl_coherence_length(39.9e-9, 0.0, 9.25)
    kappa = gl_kappa(lam_gl, xi_gl)
    assert kappa == pytest.approx(0.70, abs=0.05)
    assert superconductor_type(kappa) == "I"  # 0.698 < 1/sqrt2: clean Nb is (marginally) type I


def test_kappa_is_temperature_independent_in_gl():
    T = np.array([0.0, 3.0, 8.0, 9.2])
    kappa = gl_kappa(gl_penetration_depth(29.1e-9, T, 9.25), gl_coherence_length(39.9e-9, T, 9.25))
    np.testing.assert_allclose(kappa, 1 / (math.sqrt(2) * 0.74) * 29.1 / 39.9, rtol=1e-14)


def test_field_identities():
    lam, xi = 200e-9, 5e-9
    kappa = lam / xi
    bc = thermodynamic_critical_field(lam, xi)
    # B_c2 = sqrt(2) kappa B_c (Tinkham eq. 4.62); B_c1 = (ln kappa + alpha) B_c / (sqrt 2 kappa) (Brandt 2003)
    assert upper_critical_field(xi) == pytest.approx(math.sqrt(2) * kappa * bc, rel=1e-14)
    alpha = brandt_core_term(kappa)
    assert lower_critical_field(lam, xi) == pytest.approx((math.log(kappa) + alpha) * bc / (math.sqrt(2) * kappa),
                                                          rel=1e-14)
    assert upper_critical_field(xi) == pytest.approx(flux_quantum() / (2 * math.pi * xi**2), rel=1e-15)
    # type I: no mixed state, B_c1 undefined
    assert math.isnan(lower_critical_field(20e-9, 40e-9))


@settings(max_examples=200, deadline=None)
@given(kappa=st.floats(min_value=KAPPA_BOUNDARY, max_value=1e4), xi=st.floats(min_value=1e-10, max_value=1e-5))
def test_lower_critical_field_positive_for_every_type_two_kappa(kappa, xi):
    # the London form ln(kappa) went negative for 1/sqrt2 < kappa < 1 (Nb: -2.1 mT)
    lam = kappa * xi
    assume(lam / xi >= KAPPA_BOUNDARY)  # the product may round below the boundary
    b = lower_critical_field(lam, xi)
    assert b > 0
    # B_c1 < B_c < B_c2 in the mixed-state range (equality at kappa = 1/sqrt2 up to the fit's 0.1 %)
    assert b <= thermodynamic_critical_field(lam, xi) * 1.002
    assert b < upper_critical_field(xi) * 1.002


def test_lower_critical_field_limits_of_brandt_fit():
    xi = 10e-9
    # at kappa = 1/sqrt2 the three fields meet: B_c1 = B_c (Brandt's fit is good to ~0.1 % there)
    lam = KAPPA_BOUNDARY * xi
    assert lower_critical_field(lam, xi) == pytest.approx(thermodynamic_critical_field(lam, xi), rel=2e-3)
    # high kappa: (Phi0 / 4 pi lambda^2)(ln kappa + 0.497), Hu and Thompson's core term
    for kappa in (1e3, 1e5):
        lam = kappa * xi
        london = flux_quantum() / (4 * math.pi * lam**2)
        assert lower_critical_field(lam, xi) == pytest.approx(london * (math.log(kappa) + 0.497), rel=2e-4)
    # Nb-like kappa between 1/sqrt2 and 1 (where ln kappa < 0): positive and below B_c
    lam, xi = 0.8 * 40e-9, 40e-9
    assert 0 < lower_critical_field(lam, xi) < thermodynamic_critical_field(lam, xi)
    # type I: no mixed state
    assert math.isnan(lower_critical_field(0.5 * xi, xi))
    np.testing.assert_array_equal(np.isnan(lower_critical_field(np.array([0.5, 0.8, 3.0]) * xi, xi)),
                                  [True, False, False])


def test_type_classification_vectorised():
    out = superconductor_type(np.array([0.3, KAPPA_BOUNDARY, 5.0]))
    assert list(out) == ["I", "boundary", "II"]


def test_bcs_coherence_length():
    # xi_0 = hbar v_F / (pi * 1.764 k_B T_c)
    v_F, T_c = 2.7e5, 9.25
    expected = HBAR * v_F / (math.pi * math.pi * math.exp(-0.5772156649015329) * 1.380649e-23 * T_c)
    assert bcs_coherence_length(v_F, T_c) == pytest.approx(expected, rel=1e-12)


def test_phase_stiffness_consistent_with_london():
    # rho_s = hbar^2 n_s d / (4 m k_B) with n_s from the London relation.
    lam, d = 250e-9, 0.66e-9
    n_s = london_superfluid_density(lam)
    expected = HBAR**2 * n_s * d / (4 * ELECTRON_MASS * 1.380649e-23)
    assert phase_stiffness(lam, d=d) == pytest.approx(expected, rel=1e-12)


def test_bozovic_parabolic_scaling():
    # T_c = 4.2 K^1/2 sqrt(rho_s0): T_c ~ 1/lambda, and T_c^2 / rho_s0 = 4.2^2.
    lam = np.array([200e-9, 400e-9])
    tc = bozovic_tc(lam)
    assert tc[0] / tc[1] == pytest.approx(2.0, rel=1e-14)
    assert tc[0] ** 2 / phase_stiffness(200e-9) == pytest.approx(4.2**2, rel=1e-14)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: london_penetration_depth(0.0), "n_s"),
        (lambda: london_penetration_depth(1e28, -1.0), "m_eff"),
        (lambda: two_fluid_penetration_depth(-1.0, 9.0, 3e-8), "T"),
        (lambda: gl_coherence_length(-4e-8, 1.0, 9.0), "xi_0"),
        (lambda: gl_coherence_length(4e-8, 9.5, 9.0), "T"),
        (lambda: gl_kappa(3e-8, 0.0), "coherence_length"),
        (lambda: superconductor_type(-1.0), "kappa"),
        (lambda: bozovic_tc(2e-7, d=0.0), "d"),
        (lambda: upper_critical_field(float("inf")), "coherence_length"),
    ],
)
def test_bad_input_names_parameter(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        call()
