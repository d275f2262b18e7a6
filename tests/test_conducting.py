"""Conducting radius, insulating threshold and classification (eqs. 11, 38-41)."""

import math
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import etunnel
from etunnel.model import conducting_ratio, insulating_threshold_fraction
from etunnel.model import infinite_lattice as il
from etunnel.model.lattice import reduced_tunnel_function
from mp_reference import conducting_ratio_mp, root_bracketed_mp


def test_first_term_conducting_radius_at_c_1_is_eq_41():
    # Eqs. (10), (39), (41): (3 - sqrt 5)/2 = 0.382.
    assert conducting_ratio(1.0, terms=1) == pytest.approx((3 - math.sqrt(5)) / 2, abs=1e-15)
    assert round(conducting_ratio(1.0, terms=1), 3) == 0.382


def test_first_term_conducting_radius_at_c_one_third():
    # Exact root (5 - sqrt 7)/3 = 0.78475; the paper's 0.785 rounds it correctly.
    assert conducting_ratio(1 / 3, terms=1) == pytest.approx((5 - math.sqrt(7)) / 3, abs=1e-15)
    assert round(conducting_ratio(1 / 3, terms=1), 3) == 0.785


def test_first_term_conducting_radius_at_c_one_half_differs_from_the_paper():
    # Eq. (39) prints 0.621; the root of eq. (38) is 0.8 (2 - sqrt(3/2)) = 0.62020.
    ours = conducting_ratio(0.5, terms=1)
    assert ours == pytest.approx(0.8 * (2 - math.sqrt(1.5)), abs=1e-15)
    assert round(ours, 3) == 0.620 != 0.621


@pytest.mark.parametrize("c", [1.0, 0.5, 1 / 3, 0.2])
def test_infinite_lattice_conducting_radius_against_mpmath(c):
    """A root of the literal 30-digit series lies within 1e-13 of the closed-form root (a sign change)."""
    ours = conducting_ratio(c)
    assert root_bracketed_mp(c, ours, 1e-13)
    assert not root_bracketed_mp(c, ours + 2e-13, 1e-13)  # the check can fail: a shifted value is caught


def test_the_wide_bracket_mpmath_root_search_agrees_at_c_one():
    """The independent root search itself (anderson from (0.25, 0.999)), once, at the cheapest point."""
    assert conducting_ratio(1.0) == pytest.approx(float(conducting_ratio_mp(1.0)), abs=1e-13)


def test_infinite_lattice_values_quoted_in_the_docs():
    assert conducting_ratio(1.0) == pytest.approx(0.387104059372981, abs=1e-14)
    assert conducting_ratio(0.5) == pytest.approx(0.584533987801831, abs=1e-14)
    assert conducting_ratio(1 / 3) == pytest.approx(0.712524181413968, abs=1e-14)


def test_exact_thresholds():
    assert insulating_threshold_fraction(1) == Fraction(1, 5)
    assert insulating_threshold_fraction(2) == Fraction(1, 8)
    assert etunnel.insulating_threshold(1) == 0.2
    with mp.workdps(30):
        expected = (12 * mp.catalan - 7 * mp.zeta(3)) / (12 * mp.catalan + 7 * mp.zeta(3))
    assert etunnel.insulating_threshold() == float(expected)


def test_truncated_thresholds_converge_to_the_infinite_one():
    errors = [abs(etunnel.insulating_threshold(n) - etunnel.insulating_threshold()) for n in (10, 100, 1000, 10000)]
    assert all(b < a / 50 for a, b in zip(errors, errors[1:]))
    assert errors[-1] < 1e-8


@pytest.mark.parametrize("terms", [1, 2, 3, 7, "infinite"])
def test_threshold_separates_insulator_from_tunnel(terms):
    """Just below c*, D > 0 everywhere inside the cell; just above, D < 0 near the border."""
    c_star = etunnel.insulating_threshold(terms)
    r = np.linspace(1e-3, 1 - 1e-9, 20001)
    below = etunnel.resisting_distance(r, 1.0, c_star - 1e-6, terms)
    above = etunnel.resisting_distance(1 - 1e-4, 1.0, c_star + 1e-3, terms)
    assert np.all(below > 0)
    assert above < 0


@pytest.mark.parametrize("terms", [1, 2, 5, 20, "infinite"])
def test_root_bracket_is_valid(terms):
    # The solver brackets the root in [0.2, 1]: f must be positive at 0.2 for c = 1.
    if terms == "infinite":
        f, _ = il.tunnel_function(np.array([0.2]), 1.0)
    else:
        f = reduced_tunnel_function(0.2, 1.0, terms)
    assert np.all(f > 0)


@given(c=st.floats(0.14, 1.0), terms=st.sampled_from([1, 2, 3, 6, "infinite"]))
def test_resisting_distance_vanishes_at_the_conducting_radius(c, terms):
    R_c = etunnel.conducting_radius(1.0, c, terms)
    if math.isnan(R_c):
        assert c < etunnel.insulating_threshold(terms)
        return
    assert abs(etunnel.resisting_distance(R_c, 1.0, c, terms)) < 1e-11
    # D > 0 (confined) just below R_c, D < 0 (tunnel) just above
    assert etunnel.resisting_distance(R_c * (1 - 1e-6), 1.0, c, terms) > 0
    if R_c < 1 - 1e-5:
        assert etunnel.resisting_distance(R_c * (1 + 1e-6), 1.0, c, terms) < 0


def test_conducting_radius_nan_only_below_threshold():
    c = np.linspace(0, 1, 1001)
    ratio = conducting_ratio(c)
    assert np.array_equal(np.isnan(ratio), c < etunnel.insulating_threshold())
    assert conducting_ratio(etunnel.insulating_threshold()) == pytest.approx(1.0, abs=1e-12)


def test_conducting_radius_scales_with_r_b():
    assert etunnel.conducting_radius(155e-12, 0.5) == pytest.approx(155e-12 * conducting_ratio(0.5), rel=1e-15)


@given(
    R_v=st.floats(1e-12, 1.0),
    c=st.floats(0.0, 1.0),
    terms=st.sampled_from([1, 3, "infinite"]),
)
def test_classify_is_consistent_with_conducting_radius(R_v, c, terms):
    R_b = 1.0
    state = etunnel.classify(R_v, R_b, c, terms)
    R_c = etunnel.conducting_radius(R_b, c, terms)
    if math.isnan(R_c):
        assert state == "insulator"
    elif R_v >= R_c:
        assert state == "superconductor"
        assert etunnel.resisting_distance(R_v, R_b, c, terms) <= 1e-12
    else:
        assert state == "conductor"
        assert etunnel.resisting_distance(R_v, R_b, c, terms) > 0


def test_classify_broadcasts():
    states = etunnel.classify(np.array([100e-12, 149e-12]), 155e-12, np.array([[0.05], [0.5], [0.3]]))
    assert states.shape == (3, 2)
    assert states.tolist() == [
        ["insulator", "insulator"],
        ["superconductor", "superconductor"],
        ["conductor", "superconductor"],
    ]


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(R_v=2.0, R_b=1.0, c=0.5), "R_v"),
        (dict(R_v=0.5, R_b=0.0, c=0.5), "R_b"),
        (dict(R_v=0.5, R_b=1.0, c=-0.1), "c"),
        (dict(R_v=0.5, R_b=1.0, c=float("nan")), "c"),
    ],
)
def test_classify_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        etunnel.classify(**kwargs)


@pytest.mark.parametrize("R_b", [5e-324, np.array([5e-324, 1e-10])])
def test_an_R_c_that_rounds_to_zero_is_refused(R_b):
    # R_c / R_b ~ 0.3 at c = 1: below the smallest subnormal when R_b is; refused, never a silent 0
    with pytest.raises(ValueError, match="R_c underflows float64"):
        etunnel.conducting_radius(R_b, 1.0)
