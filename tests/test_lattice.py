"""The lattice model (eqs. 15-24, 36-37): identities, invariants, references and bad input."""

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import etunnel
from etunnel.constants import COULOMB_CONSTANT, ELEMENTARY_CHARGE, PROTON_CHARGE
from etunnel.model import lattice, two_body
from mp_reference import kinetic_term_mp, potential_term_mp

MODELS = st.sampled_from([1, 2, 5, "infinite"])
radius = st.floats(1e-12, 1e-8)
fraction = st.floats(1e-3, 1.0)
coefficient = st.floats(0.0, 1.0)


@pytest.mark.parametrize("i", [0, 1, 2, 7, 50])
def test_terms_against_mpmath(i):
    x, c = 0.37, 0.29
    with mp.workdps(30):
        du = potential_term_mp(i, mp.mpf(x), mp.mpf(c))
        dk = kinetic_term_mp(i, mp.mpf(x), mp.mpf(c))
    assert lattice.potential_term(i, x, 1.0, c) == pytest.approx(float(du), rel=1e-13, abs=1e-16)
    assert lattice.kinetic_term(i, x, 1.0, c) == pytest.approx(float(dk), rel=1e-12, abs=1e-16)


@given(i=st.integers(0, 1000), x=st.floats(0.01, 1.0), c=coefficient)
def test_eq_36_is_eq_19_rearranged(i, x, c):
    assert lattice.potential_term_factored(i, x, 1.0, c) == pytest.approx(lattice.potential_term(i, x, 1.0, c), abs=1e-12)


@given(x=st.floats(0.01, 1.0), c=coefficient)
def test_first_series_term_is_eq_37(x, c):
    assert lattice.series_term(0, x, 1.0, c) == pytest.approx(lattice.first_term(x, 1.0, c), rel=1e-12, abs=1e-12)


@given(x=st.floats(0.01, 1.0), c=coefficient)
def test_first_term_factored_form(x, c):
    factored = (1 - x) * (1 / x - c * (8 - 3 * x) / (2 - x) ** 2)
    assert lattice.first_term(x, 1.0, c) == pytest.approx(factored, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("c", [0.0, 0.37, 1.0, np.array([0.0, 0.2, 0.5, 1.0, 0.9])])
def test_truncated_sum_is_the_term_by_term_sum_bit_for_bit(c):
    # truncated_sum forms the parity weights once for all terms; the sum of series_term (weights per term) is
    # the same arithmetic, so the two agree bit for bit, at every N, odd and even.
    r = np.array([0.01, 0.3, 0.77, 0.999, 1.0])[:, None] * 1.55e-10
    expected = np.zeros(np.broadcast_shapes(r.shape, np.shape(c)))
    for terms in range(1, 42):
        expected += lattice.series_term(terms - 1, r, 1.55e-10, c)
        if terms in (1, 2, 7, 40, 41):
            assert np.array_equal(lattice.truncated_sum(r, 1.55e-10, c, terms), expected)


@given(r=st.floats(0.01, 1.0))
def test_one_term_at_c_1_is_the_two_body_eq_8(r):
    ours = etunnel.lifting_energy(r * 1e-10, 1e-10, 1.0, terms=1)
    assert ours == pytest.approx(two_body.two_body_lifting_energy(r * 1e-10, 1e-10), rel=1e-12, abs=1e-30)


@given(R_b=radius, c=coefficient, terms=MODELS)
def test_resisting_distance_vanishes_at_the_border(R_b, c, terms):
    assert abs(etunnel.resisting_distance(R_b, R_b, c, terms)) * R_b <= 1e-14


def test_infinite_lattice_is_exactly_zero_at_the_border():
    assert etunnel.resisting_distance(155e-12, 155e-12, 0.37) == 0.0


@given(x=fraction, R_b=radius, c=coefficient, k=st.floats(1e-3, 1e3), terms=MODELS)
def test_scale_invariance(x, R_b, c, k, terms):
    """D(k r, k R_b, c) = D(r, R_b, c)/k: D is an inverse length."""
    D = etunnel.resisting_distance(x * R_b, R_b, c, terms)
    D_scaled = etunnel.resisting_distance(k * x * R_b, k * R_b, c, terms)
    assert D_scaled * k * R_b == pytest.approx(D * R_b, rel=1e-11, abs=1e-12)


@given(x=fraction, c1=coefficient, c2=coefficient, terms=MODELS)
def test_linearity_in_c(x, c1, c2, terms):
    """D(c) = D(0) + c [D(1) - D(0)] exactly, in every model."""
    D0 = etunnel.resisting_distance(x, 1.0, 0.0, terms)
    D1 = etunnel.resisting_distance(x, 1.0, 1.0, terms)
    for c in (c1, c2):
        D = etunnel.resisting_distance(x, 1.0, c, terms)
        assert D == pytest.approx(D0 + c * (D1 - D0), rel=1e-12, abs=1e-12 * max(1.0, abs(D0)))


@given(x=st.floats(0.05, 1.0), c=coefficient)
def test_lifting_energy_is_potential_plus_kinetic(x, c):
    """Eq. (23) = eq. (18) + eq. (21), for the exact infinite sums."""
    from etunnel.model import infinite_lattice as il

    total = il.potential_sum_exact(x, c) + il.kinetic_sum_exact(x, c)
    assert total == pytest.approx(il.reduced_resisting_distance(x, c), rel=1e-12, abs=1e-12)


def test_lifting_energy_units_and_sign():
    D = etunnel.resisting_distance(100e-12, 155e-12, 0.5)
    E = etunnel.lifting_energy(100e-12, 155e-12, 0.5)
    assert E == pytest.approx(COULOMB_CONSTANT * PROTON_CHARGE * ELEMENTARY_CHARGE / 2 * D, rel=1e-15)
    assert etunnel.lifting_energy(50e-12, 155e-12, 0.5) > 0 > E
    assert etunnel.lifting_energy(100e-12, 155e-12, 0.5, Q=2 * PROTON_CHARGE) == pytest.approx(2 * E, rel=1e-15)


def test_force_terms_1_and_2_are_eqs_15_and_16():
    r, R, c = 0.3, 1.0, 0.4
    KQe = -COULOMB_CONSTANT * PROTON_CHARGE * ELEMENTARY_CHARGE
    eq15 = KQe * (1 / r**2 - c / (2 * R - r) ** 2)
    eq16 = KQe * (1 / r**2 - c / (2 * R - r) ** 2 + c / (2 * R + r) ** 2 - 1 / (4 * R - r) ** 2)
    assert lattice.center_line_force(r, R, c, terms=1) == pytest.approx(eq15, rel=1e-14)
    assert lattice.center_line_force(r, R, c, terms=2) == pytest.approx(eq16, rel=1e-14)


def test_potential_energy_is_minus_the_integral_of_the_force():
    """dE_u/dr = F_e (eq. 18 from eq. 17), checked on the exact infinite sums."""
    from etunnel.model import infinite_lattice as il

    r, c = 0.45, 0.7
    K = COULOMB_CONSTANT * PROTON_CHARGE * -ELEMENTARY_CHARGE
    with mp.workdps(20):
        dEu = mp.diff(lambda t: -K / 2 * il.potential_sum_exact(float(t), c), r)
    assert float(dEu) == pytest.approx(lattice.center_line_force(r, 1.0, c), rel=1e-6)


@pytest.mark.parametrize("terms", [1, 4, "infinite"])
def test_broadcasting(terms):
    r = np.linspace(10e-12, 100e-12, 5)[:, None]
    c = np.array([0.0, 0.5, 1.0])
    D = etunnel.resisting_distance(r, 100e-12, c, terms)
    assert D.shape == (5, 3)
    for i in range(5):
        for j in range(3):
            assert D[i, j] == pytest.approx(etunnel.resisting_distance(float(r[i, 0]), 100e-12, float(c[j]), terms), rel=1e-14)


@pytest.mark.parametrize(
    "args,kwargs,match",
    [
        ((0.0, 1.0, 0.5), {}, r"r must be in \(0, inf\]"),
        ((-1.0, 1.0, 0.5), {}, "r must be"),
        ((0.5, 0.0, 0.5), {}, "R_b must be"),
        ((1.5, 1.0, 0.5), {}, r"r must be in \(0, R_b\]"),
        ((0.5, 1.0, -0.01), {}, r"c must be in \[0, 1\]"),
        ((0.5, 1.0, 1.01), {}, r"c must be in \[0, 1\]"),
        ((0.5, 1.0, 0.5), {"terms": 0}, "terms must be >= 1"),
        ((0.5, 1.0, 0.5), {"terms": 2.5}, "terms must be a whole number"),
        ((0.5, 1.0, 0.5), {"terms": "many"}, "terms must be a whole number"),
        ((0.5, 1.0, 0.5), {"terms": True}, "terms must be a whole number"),
        ((float("nan"), 1.0, 0.5), {}, "r must be finite"),
        ((0.5, float("inf"), 0.5), {}, "R_b must be finite"),
        (("abc", 1.0, 0.5), {}, "r must be a real number"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        etunnel.resisting_distance(*args, **kwargs)


def test_bad_charge():
    with pytest.raises(ValueError, match="Q must be"):
        etunnel.lifting_energy(0.5, 1.0, 0.5, Q=-1.0)


def test_terms_accepts_numpy_integers_and_strings():
    assert etunnel.resisting_distance(0.5, 1.0, 0.5, terms=np.int64(3)) == etunnel.resisting_distance(0.5, 1.0, 0.5, terms=3)
    assert etunnel.resisting_distance(0.5, 1.0, 0.5, terms="3") == etunnel.resisting_distance(0.5, 1.0, 0.5, terms=3)
