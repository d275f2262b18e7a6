"""The two-body model, eqs. (1)-(11)."""

import math

import mpmath as mp
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etunnel.constants import COULOMB_CONSTANT, ELEMENTARY_CHARGE
from etunnel.model import two_body

K_E2 = COULOMB_CONSTANT * ELEMENTARY_CHARGE**2


def test_coulomb_force_eq_1():
    # Two protons 1 Å apart repel with K e^2 / d^2 = 2.307e-8 N.
    assert two_body.coulomb_force(ELEMENTARY_CHARGE, ELEMENTARY_CHARGE, 1e-10) == pytest.approx(2.307077552e-8, rel=1e-9)


def test_border_ratio_eq_9_matches_the_paper():
    # The paper: R_b = (3 + sqrt 5)/2 r ~ 2.618 r.
    assert round(two_body.BORDER_RATIO, 3) == 2.618
    assert two_body.border_radius_at_zero_energy(1e-10) == pytest.approx(2.618034e-10, rel=1e-6)


def test_lifting_energy_vanishes_at_the_eq_9_and_eq_10_radii():
    R_b = 1e-9
    assert abs(two_body.two_body_lifting_energy(two_body.two_body_conducting_radius(R_b), R_b)) < 1e-12 * K_E2 / R_b
    r = 1e-10
    assert abs(two_body.two_body_lifting_energy(r, two_body.border_radius_at_zero_energy(r))) < 1e-12 * K_E2 / r


@given(x=st.floats(0.01, 1.0))
def test_eq_8_is_eq_3_plus_eq_7(x):
    R_b = 1e-9
    r = x * R_b
    total = two_body.potential_energy_difference(r, R_b) + two_body.kinetic_energy_difference(r, R_b)
    assert two_body.two_body_lifting_energy(r, R_b) == pytest.approx(total, rel=1e-12, abs=1e-12 * K_E2 / R_b)


def test_kinetic_energy_at_the_border_is_zero_eq_5():
    # Zero up to rounding of 1/R_b - R_b/R_b^2 in float64.
    assert abs(two_body.orbital_kinetic_energy(1e-9, 1e-9)) <= 1e-15 * K_E2 / 1e-9
    assert abs(two_body.orbital_kinetic_energy(0.5e-9, 1e-9)) > 1e-3 * K_E2 / 1e-9


@given(x=st.floats(0.05, 0.95))
def test_eq_7_is_the_difference_of_eq_5_and_eq_6(x):
    R_b = 1e-9
    diff = two_body.orbital_kinetic_energy(R_b, R_b) - two_body.orbital_kinetic_energy(x * R_b, R_b)
    assert two_body.kinetic_energy_difference(x * R_b, R_b) == pytest.approx(diff, rel=1e-12)


def test_eq_3_is_minus_the_integral_of_eq_2():
    R_b, r = 1e-9, 3e-10
    with mp.workdps(30):
        integral = mp.quad(lambda t: two_body.two_body_force(float(t), R_b), [r, R_b])
    assert two_body.potential_energy_difference(r, R_b) == pytest.approx(-float(integral), rel=1e-10)


def test_force_is_attractive_below_the_border_and_zero_at_it():
    assert two_body.two_body_force(3e-10, 1e-9) < 0
    assert two_body.two_body_force(1e-9, 1e-9) == 0.0


def test_figure_2_sign_pattern():
    # Figure 2: lifting energy positive below R_c = 382 pm, negative above, at R_b = 1000 pm.
    assert two_body.two_body_lifting_energy(300e-12, 1e-9) > 0
    assert two_body.two_body_lifting_energy(500e-12, 1e-9) < 0
    assert two_body.two_body_conducting_radius(1e-9) == pytest.approx((3 - math.sqrt(5)) / 2 * 1e-9, rel=1e-15)


def test_superconductivity_condition_eq_11():
    assert two_body.is_superconducting(1.0, 1.0) is True
    assert two_body.is_superconducting(0.5, 1.0) is False


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: two_body.two_body_lifting_energy(2e-9, 1e-9), "r must be in"),
        (lambda: two_body.two_body_conducting_radius(-1.0), "R_b must be"),
        (lambda: two_body.coulomb_force(1, 1, 0.0), "d must be"),
        (lambda: two_body.border_radius_at_zero_energy(float("nan")), "r must be finite"),
    ],
)
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
