"""The compiled kernels (etunnel.model._kernels) against mpmath and against the implementations they replaced.

References:
- mpmath at 40 digits of the closed form (tables.reduced_functions_mp), itself
  checked against the literal series in test_infinite_lattice.py; inputs are
  taken as the exact binary values of the floats passed, so R_b - r is exact.
  The roots R_c/R_b at 30 digits (closed_form_reference.py, shared with
  test_scalar_kernels.py).
- the NumPy evaluation that preceded the kernels (Horner via polyval, the
  vectorised safeguarded Newton ``conducting._solve_reduced_root``), and the
  literal truncated sum ``lattice.truncated_sum``.

Tolerances: D is held to 1e-13 relative to the scale (1 - x)/R_b * max(1, 1/x)
of its smooth factor, which is a relative error bound on D except next to its
zero at R_c (where no float evaluation can have small relative error); at the
border (one ulp below R_b) D itself is held to 1e-10 relative (issue 10, item 7;
measured ~3e-16).
"""

import functools
import math

import mpmath as mp
import numpy as np
import pytest

import etunnel
from etunnel.model import conducting, infinite_lattice, lattice, tables

from closed_form_reference import conducting_ratio_closed_form_mp

_P = np.polynomial.polynomial


@functools.lru_cache(maxsize=None)
def _reduced_mp(r: float, R_b: float):
    """(r, R_b, x, A0(x), A1(x)) at 40 digits; one evaluation serves every c at the same (r, R_b)."""
    with mp.workdps(40):
        r, R_b = mp.mpf(r), mp.mpf(R_b)
        x = r / R_b
        return (r, R_b, x, *tables.reduced_functions_mp(x))


def _D_mp(r, R_b, c):
    r, R_b, x, a0, a1 = _reduced_mp(float(r), float(R_b))
    with mp.workdps(40):
        return (R_b - r) / R_b**2 * (1 / x + a0 + mp.mpf(float(c)) * a1)


def _old_reduced(x, c):
    """The NumPy evaluator the kernel replaced: (1 - x)[1/x + A0 + c A1] with polyval."""
    x = np.asarray(x, float)
    t = 2 * x - 1
    return (1 - x) * (1 / x + _P.polyval(t, np.asarray(infinite_lattice._A0)) + c * _P.polyval(t, np.asarray(infinite_lattice._A1)))


def _old_tunnel_function(x, c):
    t = 2 * x - 1
    A0, A1 = np.asarray(infinite_lattice._A0), np.asarray(infinite_lattice._A1)
    f = 1 / x + _P.polyval(t, A0) + c * _P.polyval(t, A1)
    df = -1 / x**2 + 2 * _P.polyval(t, _P.polyder(A0)) + 2 * c * _P.polyval(t, _P.polyder(A1))
    return f, df


X_GRID = np.concatenate([np.geomspace(1e-8, 1, 25), np.linspace(0.05, 0.95, 19), 1 - np.geomspace(1e-15, 1e-2, 14)])


@pytest.mark.parametrize("c", [0.0, 0.1328, 0.37, 1.0])
@pytest.mark.parametrize("R_b", [1.55e-10, 1.0])
def test_infinite_D_against_mpmath_over_the_whole_domain(c, R_b):
    r = X_GRID * R_b
    D = etunnel.resisting_distance(r, R_b, c)
    for ri, Di in zip(r, D):
        x = ri / R_b
        scale = (R_b - ri) / R_b**2 * max(1.0, 1.0 / x)
        assert abs(Di - float(_D_mp(ri, R_b, c))) <= 1e-13 * scale, (ri, c)


@pytest.mark.parametrize("R_b", [1.55e-10, 1.0, 3.3e-12, 7e-9])
@pytest.mark.parametrize("c", [0.0, 0.2, 0.37, 1.0])
@pytest.mark.parametrize("ulps", [1, 2, 17, 1000])
def test_relative_error_at_the_border(R_b, c, ulps):
    # Issue 10, item 7: the error used to grow like 1e-16/(1 - r/R_b), 33 % one ulp below R_b.
    r = R_b
    for _ in range(ulps):
        r = math.nextafter(r, 0.0)
    reference = _D_mp(r, R_b, c)
    for D in (etunnel.resisting_distance(r, R_b, c), etunnel.resisting_distance(np.array([r]), R_b, c)[0]):
        assert abs((D - reference) / reference) <= 1e-10


@pytest.mark.parametrize("terms", [1, 2, 7, 100])
def test_finite_sums_exact_at_the_border(terms):
    R_b, c = 1.55e-10, 0.37
    r = math.nextafter(R_b, 0.0)
    with mp.workdps(40):
        rr, RR, cc = mp.mpf(r), mp.mpf(R_b), mp.mpf(c)
        total = mp.mpf(0)
        for i in range(terms):
            a, b = (1, cc) if i % 2 == 0 else (cc, 1)
            total += (
                2 * a / (2 * i * RR + rr) + 2 * b / (2 * (i + 1) * RR - rr) - (2 * a + 2 * b) / (2 * i * RR + RR)
                + rr * b / (2 * (i + 1) * RR - rr) ** 2 - (b - a) * RR / (2 * i * RR + RR) ** 2 - rr * a / (2 * i * RR + rr) ** 2
            )
    D = etunnel.resisting_distance(r, R_b, c, terms=terms)
    assert abs((D - float(total)) / float(total)) <= 1e-10


def test_infinite_D_equals_the_old_numpy_evaluator():
    x = np.random.default_rng(7).uniform(1e-4, 1.0, 100_000)
    for c in (0.0, 0.25, 1.0):
        new = infinite_lattice.reduced_resisting_distance(x, c)
        old = _old_reduced(x, c)
        assert np.all(np.abs(new - old) <= 2e-15 * np.maximum(1.0, 1 / x))


def test_scalar_and_array_paths_agree_and_broadcast():
    r = np.array([[20e-12], [90e-12], [150e-12]])
    R_b = np.array([150e-12, 160e-12])
    c = np.array([0.1, 0.9])
    D = etunnel.resisting_distance(r, R_b, c)
    assert D.shape == (3, 2)
    for i in range(3):
        for j in range(2):
            assert D[i, j] == etunnel.resisting_distance(float(r[i, 0]), float(R_b[j]), float(c[j]))
    assert isinstance(etunnel.resisting_distance(1e-10, 1.5e-10, 0.3), float)


def test_conducting_ratio_equals_the_old_solver_on_a_dense_grid():
    c = np.linspace(infinite_lattice.INFINITE_THRESHOLD, 1.0, 20_001)
    new = conducting.conducting_ratio(c)
    old = conducting._solve_reduced_root(c, _old_tunnel_function)
    assert np.max(np.abs(new - old) / old) <= 4e-16
    assert new[0] == 1.0
    assert np.all(np.diff(new) < 0)  # R_c/R_b decreases with c


@pytest.mark.parametrize("c", [0.13281, 0.2, 0.5, 0.9, 1.0])
def test_conducting_ratio_against_mpmath(c):
    root = conducting_ratio_closed_form_mp(c)
    assert conducting.conducting_ratio(c) == pytest.approx(float(root), rel=5e-16)


def test_conducting_ratio_below_at_and_above_the_threshold():
    t = infinite_lattice.INFINITE_THRESHOLD
    below = math.nextafter(t, 0.0)
    ratios = conducting.conducting_ratio(np.array([0.0, below, t, math.nextafter(t, 1.0)]))
    assert np.isnan(ratios[0]) and np.isnan(ratios[1])
    assert ratios[2] == 1.0
    assert 1 - 1e-9 < ratios[3] <= 1.0
    assert math.isnan(conducting.conducting_ratio(below)) and conducting.conducting_ratio(t) == 1.0


@pytest.mark.parametrize("terms", [2, 3, 10, 1000])
def test_finite_sum_kernel_equals_the_literal_sum(terms):
    r = np.linspace(0.01, 0.99, 23) * 2e-10
    for c in (0.0, 0.4, 1.0):
        literal = lattice.truncated_sum(r, 2e-10, c, terms)
        kernel = etunnel.resisting_distance(r, 2e-10, c, terms=terms)
        assert np.all(np.abs(kernel - literal) <= 1e-13 * np.maximum(1.0, np.abs(literal)) / 2e-10)


def test_a_million_terms_is_instant_and_converges_to_the_infinite_lattice():
    import time

    start = time.process_time()  # CPU time: the work done, whatever the machine's load
    D_N = etunnel.resisting_distance(0.6e-10, 1e-10, 0.3, terms=1_000_000)
    R_N = etunnel.conducting_radius(1e-10, 0.3, terms=1_000_000)
    assert time.process_time() - start < 5.0  # was 91 s
    # the tail decays like 1/N^2 (see test_infinite_lattice), so 1e6 terms agree to ~1e-12
    assert D_N == pytest.approx(etunnel.resisting_distance(0.6e-10, 1e-10, 0.3), rel=1e-10)
    assert R_N == pytest.approx(etunnel.conducting_radius(1e-10, 0.3), rel=1e-10)


def test_terms_cap_is_refused_with_the_cap_in_the_message():
    with pytest.raises(ValueError, match="10,000,000"):
        etunnel.resisting_distance(1e-10, 2e-10, 0.3, terms=lattice.MAX_TERMS + 1)
    with pytest.raises(ValueError, match="terms x points"):
        etunnel.resisting_distance(np.full(1000, 1e-10), 2e-10, 0.3, terms=lattice.MAX_TERMS)


@pytest.mark.parametrize("terms", [401, 1000, 12345, 10**5])
def test_threshold_closed_form_equals_the_literal_sums(terms):
    G = math.fsum((-1) ** i / (2 * i + 1) ** 2 for i in range(terms))
    Z = math.fsum(1 / (2 * i + 1) ** 3 for i in range(terms))
    assert etunnel.insulating_threshold(terms) == pytest.approx((3 * G - 2 * Z) / (3 * G + 2 * Z), rel=1e-14)


def test_finite_conducting_ratio_against_the_reduced_function_root():
    for terms in (2, 5, 50):
        c = np.array([0.3, 0.6, 1.0])
        ratio = conducting.conducting_ratio(c, terms)
        f = lattice.reduced_tunnel_function(ratio, c, terms)
        assert np.all(np.abs(f) <= 1e-13)
        assert np.all(lattice.reduced_tunnel_function(ratio * (1 - 1e-12), c, terms) > 0)
