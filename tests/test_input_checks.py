"""Every public model and standard-theory function refuses what is not a number, the same way.

Issue 10, item 8: strings, bools and None used to be coerced (``resisting_distance("1e-10", ...)``,
``c=True``). The rules, enforced by etunnel.checks for every function below:

- not a real number (str, bytes, bool, None, complex, object, a list holding any
  of these) -> InputTypeError, which is both a TypeError and a ValueError;
- NaN or infinite -> InputError (a ValueError);
- outside the documented range -> InputError naming the parameter and the range;
- otherwise a finite answer (NaN only where the docstring promises it: R_c below the
  insulating threshold), and a state that agrees with the conducting radius.

Hypothesis drives the numeric inputs (any float, including NaN, infinities,
zero, negative, subnormal and huge values) through the paper's public API.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import etunnel
from etunnel import model, standard
from etunnel.checks import InputError, InputTypeError
from etunnel.model import phenomena, resistivity, two_body

NOT_NUMBERS = ["1e-10", "", b"1", True, False, np.bool_(True), None, 1 + 0j, object(), [1e-10, "2e-10"], [True, 1.0], np.array(["1"]), {"r": 1.0}]
NON_FINITE = [math.nan, math.inf, -math.inf, np.array([1e-10, np.nan])]

# (function, valid keyword arguments): every numeric argument is replaced in turn.
MODEL_CASES = [
    (etunnel.resisting_distance, dict(r=1e-10, R_b=1.5e-10, c=0.3)),
    (etunnel.lifting_energy, dict(r=1e-10, R_b=1.5e-10, c=0.3, Q=1.6e-19)),
    (etunnel.conducting_radius, dict(R_b=1.5e-10, c=0.3)),
    (etunnel.classify, dict(R_v=1e-10, R_b=1.5e-10, c=0.3)),
    (model.conducting_ratio, dict(c=0.3)),
    (model.center_line_force, dict(r=1e-10, R_b=1.5e-10, c=0.3, Q=1.6e-19)),
    (model.first_term, dict(r=1e-10, R_b=1.5e-10, c=0.3)),
    (model.potential_term, dict(i=2, r=1e-10, R_b=1.5e-10, c=0.3)),
    (model.kinetic_term, dict(i=2, r=1e-10, R_b=1.5e-10, c=0.3)),
    (model.series_term, dict(i=2, r=1e-10, R_b=1.5e-10, c=0.3)),
    (two_body.coulomb_force, dict(q1=1.6e-19, q2=-1.6e-19, d=1e-10)),
    (two_body.two_body_force, dict(r=1e-10, R_b=1.5e-10, Q=1.6e-19, q=-1.6e-19)),
    (two_body.two_body_lifting_energy, dict(r=1e-10, R_b=1.5e-10, Q=1.6e-19, q=-1.6e-19)),
    (two_body.border_radius_at_zero_energy, dict(r=1e-10)),
    (two_body.two_body_conducting_radius, dict(R_b=1e-10)),
    (two_body.is_superconducting, dict(R_v=1e-10, R_c=0.5e-10)),
    (resistivity.resistance, dict(E_c=1e-19, p=1.0, T=1e-12)),
    (resistivity.microscopic_resistivity, dict(p=1.0, u=1.0, A=1e-18, s=1e5)),
    (resistivity.resistivity, dict(Z=1e-18, D=1e9)),
    (phenomena.blackbody_power, dict(T=300.0)),
    (phenomena.critical_current_density, dict(T=4.0, C=1.0)),
]
STANDARD_CASES = [
    (standard.allen_dynes_tc, dict(omega_log=300.0, lambda_ep=1.0, mu_star=0.1)),
    (standard.bcs_coherence_length, dict(v_F=1e6, T_c=9.0)),
    (standard.bcs_entropy, dict(T=4.0, T_c=9.0, gamma_n=700.0)),
    (standard.bcs_free_energy_difference, dict(T=4.0, T_c=9.0, gamma_n=700.0)),
    (standard.bcs_gap, dict(T=4.0, T_c=9.0)),
    (standard.bcs_specific_heat, dict(T=4.0, T_c=9.0, gamma_n=700.0)),
    (standard.bcs_tc, dict(debye_temperature=300.0, coupling=0.3)),
    (standard.bcs_thermodynamic_critical_field, dict(T=4.0, T_c=9.0, gamma_v=700.0)),
    (standard.bozovic_tc, dict(penetration_depth=2e-7)),
    (standard.carnot_cop, dict(T_hot=4.0, T_cold=1.0)),
    (standard.gl_coherence_length, dict(xi_0=4e-8, T=4.0, T_c=9.0)),
    (standard.gl_kappa, dict(penetration_depth=1e-7, coherence_length=4e-8)),
    (standard.gl_penetration_depth, dict(lambda_L=4e-8, T=4.0, T_c=9.0)),
    (standard.london_penetration_depth, dict(n_s=1e28)),
    (standard.london_superfluid_density, dict(lambda_L=4e-8)),
    (standard.lower_critical_field, dict(penetration_depth=1e-7, coherence_length=4e-8)),
    (standard.mcmillan_lambda, dict(T_c=9.0, theta_D=275.0, mu_star=0.13)),
    (standard.mcmillan_tc, dict(theta_D=275.0, lambda_ep=1.0, mu_star=0.13)),
    (standard.phase_stiffness, dict(penetration_depth=2e-7)),
    (standard.superconductor_type, dict(kappa=2.0)),
    (standard.thermodynamic_critical_field, dict(penetration_depth=1e-7, coherence_length=4e-8)),
    (standard.two_fluid_penetration_depth, dict(T=4.0, T_c=9.0, lambda_0=4e-8)),
    (standard.upper_critical_field, dict(coherence_length=4e-8)),
    (standard.otto_refrigerator, dict(T_hot=1.0, T_cold=0.5, T_c=9.0, gamma_n=700.0)),
    (standard.refrigerator_cooling_power, dict(frequency=1e3, T_hot=1.0, T_cold=0.5, T_c=9.0, gamma_n=700.0, tau=1e-3)),
]
ALL_CASES = MODEL_CASES + STANDARD_CASES
PARAMETERS = [(f, kwargs, name) for f, kwargs in ALL_CASES for name in kwargs]


def _id(case):
    f, _, name = case
    return f"{f.__name__}-{name}"


@pytest.mark.parametrize("function,kwargs", ALL_CASES, ids=[f.__name__ for f, _ in ALL_CASES])
def test_valid_baseline_gives_a_finite_answer(function, kwargs):
    result = function(**kwargs)
    if not isinstance(result, (str, standard.OttoCycle)):
        assert np.all(np.isfinite(np.asarray(result, dtype=float)))


@pytest.mark.parametrize("case", PARAMETERS, ids=[_id(c) for c in PARAMETERS])
def test_non_numbers_are_refused_with_a_type_error(case):
    function, kwargs, name = case
    for bad in NOT_NUMBERS:
        with pytest.raises(TypeError) as info:
            function(**{**kwargs, name: bad})
        assert isinstance(info.value, ValueError)  # InputTypeError: front doors map it like InputError
        assert name in str(info.value)


@pytest.mark.parametrize("case", PARAMETERS, ids=[_id(c) for c in PARAMETERS])
def test_non_finite_values_are_refused_with_a_value_error(case):
    function, kwargs, name = case
    for bad in NON_FINITE:
        with pytest.raises(ValueError, match=name):
            function(**{**kwargs, name: bad})


def test_the_issue_examples():
    with pytest.raises(InputTypeError, match="r must be a real number"):
        etunnel.resisting_distance("1e-10", 1.5e-10, 0.3)
    with pytest.raises(InputTypeError, match="c must be a real number.*True"):
        etunnel.resisting_distance(1e-10, 1.5e-10, True)
    with pytest.raises(InputTypeError):
        etunnel.conducting_radius(None, 0.3)
    with pytest.raises(InputTypeError, match="terms"):
        etunnel.resisting_distance(1e-10, 1.5e-10, 0.3, terms=True)
    with pytest.raises(InputTypeError, match="terms"):
        etunnel.insulating_threshold(2.0)
    for bad in ("x", True, None, 2.0):
        with pytest.raises(InputError, match="terms"):
            model.insulating_threshold_fraction(bad)


def test_numpy_scalars_and_integers_are_numbers():
    assert etunnel.resisting_distance(np.float64(1e-10), np.float32(1.5e-10), 0) == pytest.approx(
        etunnel.resisting_distance(1e-10, float(np.float32(1.5e-10)), 0.0), rel=1e-15
    )
    assert etunnel.conducting_radius(1, 1) == etunnel.conducting_radius(1.0, 1.0)
    assert etunnel.classify(np.int64(1), 2, np.float64(0.5)) == etunnel.classify(1.0, 2.0, 0.5)


def test_scalar_and_array_paths_give_the_same_messages():
    for args in [(2e-10, 1e-10, 0.3), (1e-10, -1.0, 0.3), (1e-10, 1.5e-10, 1.5), (0.0, 1e-10, 0.3)]:
        with pytest.raises(InputError) as scalar_error:
            etunnel.resisting_distance(*args)
        with pytest.raises(InputError) as array_error:
            etunnel.resisting_distance(*(np.array([a]) for a in args))
        assert str(scalar_error.value) == str(array_error.value)


anything = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-2.0, max_value=2.0),
    st.floats(min_value=1e-13, max_value=1e-8),
    st.sampled_from([0.0, -0.0, 5e-324, 1.0, np.nextafter(1.0, 2.0), etunnel.insulating_threshold()]),
    st.integers(min_value=-3, max_value=3),
)
terms = st.one_of(st.sampled_from(["infinite", 1, 2, 3, 17]), st.integers(-2, 40))


def _refused_or_finite(call, *, overflow_allowed=False):
    """The result, or None if refused with ValueError/TypeError (overflow refusals only if allowed)."""
    try:
        result = call()
    except (ValueError, TypeError) as error:
        if "float64 range" in str(error) and not overflow_allowed:
            raise
        return None
    return result


def _overflows(r, R_b):
    """D ~ 1/r (and R_b/r is formed): beyond the float range for subnormal radii."""
    return r < 1e-300 or R_b / r > 1e300 or R_b < 1e-300


@settings(max_examples=300, deadline=None)
@given(r=anything, R_b=anything, c=anything, n=terms)
def test_resisting_distance_and_lifting_energy_are_right_or_refused(r, R_b, c, n):
    valid = all(isinstance(v, (int, float)) and math.isfinite(v) for v in (r, R_b, c)) and 0 < r <= R_b and 0 <= c <= 1
    valid = valid and (n == "infinite" or n >= 1)
    for function in (etunnel.resisting_distance, etunnel.lifting_energy):
        overflow = valid and _overflows(r, R_b)
        result = _refused_or_finite(lambda: function(r, R_b, c, n), overflow_allowed=overflow)
        if overflow and result is None:
            continue
        if valid:
            assert result is not None and math.isfinite(result)
            if r == R_b:
                assert result == 0.0
        else:
            assert result is None


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(R_v=anything, R_b=anything, c=anything, n=terms)
def test_classify_and_conducting_radius_agree_or_refuse(R_v, R_b, c, n):
    state = _refused_or_finite(lambda: etunnel.classify(R_v, R_b, c, n))
    assert state is None or state in model.STATES
    R_c = _refused_or_finite(lambda: etunnel.conducting_radius(R_b, c, n))
    valid_c = isinstance(c, (int, float)) and 0 <= c <= 1 and (n == "infinite" or n >= 1)
    valid_b = isinstance(R_b, (int, float)) and math.isfinite(R_b) and R_b > 0
    if not (valid_c and valid_b):
        assert R_c is None and state is None
        return
    if R_b < 1e-300 and R_c is None:
        return  # refused: R_c would underflow
    assert R_c is not None
    threshold = etunnel.insulating_threshold(n)
    assert math.isnan(R_c) == (c < threshold)
    if not math.isnan(R_c):
        assert 0 < R_c <= R_b
    if not (isinstance(R_v, (int, float)) and math.isfinite(R_v) and 0 < R_v <= R_b):
        assert state is None
        return
    if c < threshold:
        assert state == model.INSULATOR
    else:
        assert state == (model.SUPERCONDUCTOR if R_v / R_b >= R_c / R_b else model.CONDUCTOR)


@settings(max_examples=100, deadline=None)
@given(n=st.one_of(terms, st.text(max_size=5), st.none(), st.booleans(), st.floats()))
def test_insulating_threshold_is_right_or_refused(n):
    result = _refused_or_finite(lambda: etunnel.insulating_threshold(n))
    if result is not None:
        assert 0.12 <= result <= 0.2  # c*_N: 1/5 at N = 1, 1/8 at N = 2, -> 0.1328


@settings(max_examples=200, deadline=None)
@given(values=st.lists(anything, min_size=1, max_size=6))
def test_arrays_are_right_or_refused_as_a_whole(values):
    r = np.asarray(values, dtype=float)
    valid = np.all(np.isfinite(r)) and np.all((r > 0) & (r <= 1e-10))
    overflow = bool(valid and np.any(r < 1e-300))
    result = _refused_or_finite(lambda: etunnel.resisting_distance(r, 1e-10, 0.5), overflow_allowed=overflow)
    if overflow and result is None:
        return
    if valid:
        assert result is not None and np.all(np.isfinite(result)) and np.shape(result) == r.shape
        for ri, Di in zip(r, np.atleast_1d(result)):
            assert Di == etunnel.resisting_distance(float(ri), 1e-10, 0.5)
    else:
        assert result is None


@pytest.mark.parametrize("c", [0.5, np.array([0.5, 0.25])])
def test_array_whose_D_overflows_is_refused_naming_D(c):
    # valid geometry, but D ~ 1/R_b beyond 1.8e308 1/m: the compiled kernel flags it, the error names D
    with pytest.raises(ValueError, match=r"D is outside the float64 range"):
        etunnel.resisting_distance(np.array([2.5e-320, 1.5e-320]), 5e-320, c)
