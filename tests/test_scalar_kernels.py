"""The pure-Python scalar path (etunnel.model._scalar_kernels) against the compiled kernels and mpmath.

Python floats never go through numba (issue 12: ``etunnel model`` paid ~0.6 s to
load it; test_cli_startup.py checks that the command imports neither numba nor
scipy). The pure-Python twins evaluate the same generated polynomials with the
same formulas; the compiled code may fuse a*b + c into an FMA, so the two agree
to 2 ulp rather than bitwise. Where D cancels (next to R_c) a relative bound
means nothing for either evaluation; there the difference is held to 1e-15 of
the magnitude of the terms, (R_b - r)/R_b**2 * (R_b/r + |A0| + c|A1|).
References: the compiled kernels (themselves checked against mpmath in
test_kernels.py) and mpmath at 40 digits of the closed form (tables.reduced_functions_mp;
the roots R_c/R_b at 30 digits, closed_form_reference.py).
"""

import functools
import math

import mpmath as mp
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import etunnel
from etunnel.model import _infinite_lattice_tables as stored
from etunnel.model import _kernels, _scalar_kernels, conducting, tables
from etunnel.model.infinite_lattice import INFINITE_THRESHOLD

from closed_form_reference import conducting_ratio_closed_form_mp


def _ulp_close(a: float, b: float, ulps: int = 2) -> bool:
    return a == b or abs(a - b) <= ulps * math.ulp(max(abs(a), abs(b)))


def _D_close(python: float, compiled: float, r: float, R_b: float, c: float) -> bool:
    t = 2.0 * (r / R_b) - 1.0
    magnitude = (R_b - r) / R_b**2 * (R_b / r + abs(stored.a0(t)) + c * abs(stored.a1(t)))
    return _ulp_close(python, compiled) or abs(python - compiled) <= 1e-15 * magnitude


x_values = st.one_of(
    st.floats(1e-300, 1.0),
    st.integers(1, 2000).map(lambda k: 1.0 - k * 2.0**-53),  # the last few thousand floats below the border
    st.just(1.0),
)
R_b_values = st.floats(1e-12, 1e-8) | st.sampled_from([1.0, 1.55e-10, 3.3e-12])
c_values = st.floats(0.0, 1.0) | st.sampled_from([0.0, 1.0, INFINITE_THRESHOLD])


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(x=x_values, R_b=R_b_values, c=c_values)
def test_infinite_D_equals_the_compiled_kernel(x, R_b, c):
    r = min(x * R_b, R_b)
    if r == 0.0:
        return
    python = _scalar_kernels.resisting(r, R_b, c)
    compiled = _kernels.resisting_scalar(r, R_b, c)
    if not math.isfinite(compiled):  # refused as an overflow by the public function
        assert python == compiled
        with pytest.raises(ValueError, match="outside the float64 range"):
            etunnel.resisting_distance(r, R_b, c)
        return
    assert etunnel.resisting_distance(r, R_b, c) == python
    assert _D_close(python, compiled, r, R_b, c), (python, compiled)
    if r == R_b:
        assert python == 0.0


@settings(max_examples=150, deadline=None)
@given(x=x_values, R_b=R_b_values, c=c_values, terms=st.integers(1, _scalar_kernels.PYTHON_TERMS))
def test_finite_D_equals_the_compiled_kernel(x, R_b, c, terms):
    r = min(x * R_b, R_b)
    if r == 0.0:
        return
    python = _scalar_kernels.truncated_resisting(r, R_b, c, terms)
    inverse = 1.0 / R_b
    compiled = (R_b - r) * inverse * inverse * _kernels.truncated_reduced_scalar(r * inverse, c, terms)
    if not math.isfinite(compiled):
        assert python == compiled or (math.isnan(python) and math.isnan(compiled))
        with pytest.raises(ValueError, match="outside the float64 range"):
            etunnel.resisting_distance(r, R_b, c, terms)
        return
    assert etunnel.resisting_distance(r, R_b, c, terms) == python
    scale = (R_b - r) / R_b**2 * (R_b / r + 4.0 * terms)
    assert _ulp_close(python, compiled, 4) or abs(python - compiled) <= 1e-15 * scale, (python, compiled)


near_threshold = st.integers(0, 10**6).map(lambda k: INFINITE_THRESHOLD + k * 2.0**-56)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(c=st.floats(0.0, 1.0) | near_threshold | st.sampled_from([0.0, 1.0, INFINITE_THRESHOLD]))
@example(c=0.8873249394691616)  # the two paths land on opposite sides of the root, 3 ulp apart
def test_conducting_ratio_equals_the_compiled_kernel(c):
    # Each path is within 2 ulp of the exact root (mpmath tests below), so they agree within 4 ulp of each other.
    python = conducting.conducting_ratio(c)
    compiled = _kernels.ratio_scalar(c, _kernels.guess_table())
    assert (math.isnan(python) and math.isnan(compiled)) or _ulp_close(python, compiled, 4), (python, compiled)
    if c >= INFINITE_THRESHOLD:
        assert 0.2 < python <= 1.0


@settings(max_examples=60, deadline=None)
@given(c=st.floats(0.0, 1.0), terms=st.integers(2, _scalar_kernels.PYTHON_TERMS))
@example(c=0.2260651629072682, terms=2)  # an iterate lands exactly on a zero of the reduced function
def test_finite_conducting_ratio_equals_the_compiled_kernel(c, terms):
    python = conducting.conducting_ratio(c, terms)
    if math.isnan(python):
        assert c < conducting.insulating_threshold(terms)
        return
    assert _ulp_close(python, _kernels.truncated_root(c, terms), 4)


@pytest.mark.parametrize("c", [0.13281, 0.2, 0.5, 0.8873249394691616, 0.9, 1.0])
def test_conducting_ratio_against_mpmath(c):
    root = conducting_ratio_closed_form_mp(c)
    assert _scalar_kernels.ratio(c) == pytest.approx(float(root), rel=5e-16)
    # the compiled kernel, too: within 2 ulp of the exact root
    assert abs(_kernels.ratio_scalar(c, _kernels.guess_table()) - float(root)) <= 2 * math.ulp(float(root))


@functools.lru_cache(maxsize=None)
def _reduced_functions_mp(r: float, R_b: float):
    """A0, A1 at x = r/R_b, 40 digits: computed once for all c at the same point."""
    with mp.workdps(40):
        return tables.reduced_functions_mp(mp.mpf(r) / mp.mpf(R_b))


@pytest.mark.parametrize("x", [1e-9, 0.01, 0.3, 0.77, 1 - 2.0**-52])
@pytest.mark.parametrize("c", [0.0, 0.37, 1.0])
def test_infinite_D_against_mpmath(x, c):
    R_b = 1.55e-10
    r = x * R_b
    a0, a1 = _reduced_functions_mp(r, R_b)
    with mp.workdps(40):
        rr, RR = mp.mpf(r), mp.mpf(R_b)
        reference = float((RR - rr) / RR**2 * (RR / rr + a0 + mp.mpf(c) * a1))
    t = 2.0 * x - 1.0
    scale = (R_b - r) / R_b**2 * (R_b / r + abs(stored.a0(t)) + c * abs(stored.a1(t)))
    assert abs(_scalar_kernels.resisting(r, R_b, c) - reference) <= 2e-15 * scale


def test_guess_polynomial_is_within_1e_9_of_the_root():
    for k in range(201):
        c = INFINITE_THRESHOLD + (1 - INFINITE_THRESHOLD) * k / 200
        guess = stored.ratio_guess((c - INFINITE_THRESHOLD) * _scalar_kernels._GUESS_SCALE - 1.0)
        assert abs(guess - _scalar_kernels.safeguarded_root(c)) <= 1e-9 or k == 0


def test_same_errors_as_the_array_path():
    for args, message in (((2e-10, 1e-10, 0.5), "r must be in"), ((1e-10, 2e-10, 1.5), "c must be"), ((1e-10, -1.0, 0.5), "R_b")):
        with pytest.raises(ValueError, match=message):
            etunnel.resisting_distance(*args)
    with pytest.raises(TypeError):
        etunnel.conducting_radius(1e-10, "0.5")


@settings(max_examples=200, deadline=None)
@given(x=st.floats(0.01, 1.0), c=c_values | near_threshold, terms=st.sampled_from(["infinite", 1, 2, 7, 32]))
def test_float_and_array_calls_agree(x, c, terms):
    R_b = 1.55e-10
    R_v = min(x * R_b, R_b)
    radius = etunnel.conducting_radius(R_b, c, terms)
    array_radius = etunnel.conducting_radius(R_b, [c], terms)[0]
    assert (math.isnan(radius) and math.isnan(array_radius)) or _ulp_close(radius, array_radius, 4)
    state = etunnel.classify(R_v, R_b, c, terms)
    assert state in etunnel.model.STATES
    if math.isnan(radius) or abs(R_v / R_b - radius / R_b) > 1e-14:  # away from a tie with R_c
        assert state == etunnel.classify([R_v], R_b, [c], terms)[0]
