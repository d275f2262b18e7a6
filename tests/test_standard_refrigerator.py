"""Tests of the magnetic Otto refrigerator on a BCS superconductor.

The central invariant is the second law: no cycle built from state functions of
the BCS electron gas can beat Carnot, COP <= T_cold / (T_hot - T_cold); checked
as a hypothesis property over temperatures, T_c and field strengths, both
quasi-statically and at finite frequency. The other checks are closed-form limits
of the model (documented in etunnel.standard.refrigerator).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from etunnel.standard.refrigerator import NUMERICAL_NOISE
from etunnel.standard import bcs_entropy, carnot_cop, otto_refrigerator, refrigerator_cooling_power

# Tolerance for the second-law checks: the BCS integrals are accurate to ~1e-12 relative.
SECOND_LAW_SLACK = 1e-9


def _resolved(cycle, T_c) -> bool:
    """Q_cold and W both above round-off: the cycle's COP is defined (NaN otherwise, as documented)."""
    noise = NUMERICAL_NOISE * T_c**2
    return cycle.heat_absorbed > noise and cycle.work > noise


@settings(max_examples=30, deadline=None)
@given(
    T_c=st.floats(0.5, 40.0),
    hot=st.floats(0.05, 0.97),
    cold=st.floats(0.05, 0.98),
    field_ratio=st.floats(0.2, 2.0),
)
# Deep in the paired state: Q_cold = 1.5e-12 is above round-off, W = 2.2e-13 is not, so the COP is NaN.
@example(T_c=1.0, hot=0.0625, cold=0.9375, field_ratio=0.25)
def test_cop_never_exceeds_carnot(T_c, hot, cold, field_ratio):
    T_hot = hot * T_c
    T_cold = cold * T_hot
    cycle = otto_refrigerator(T_hot, T_cold, T_c, 1.0, field_ratio=field_ratio)
    if _resolved(cycle, T_c):
        assert cycle.cop <= cycle.carnot_cop * (1 + SECOND_LAW_SLACK)
        # Clausius: entropy given to the hot side >= entropy taken from the cold side.
        assert cycle.heat_rejected / T_hot >= cycle.heat_absorbed / T_cold * (1 - SECOND_LAW_SLACK)
    else:
        assert math.isnan(cycle.cop)
    if cycle.heat_absorbed > NUMERICAL_NOISE * T_c**2:
        assert cycle.work > -NUMERICAL_NOISE * T_c**2  # refrigeration is never work-free beyond round-off


@settings(max_examples=4, deadline=None)
@given(log_f_tau=st.floats(-2.0, 2.0), hot=st.floats(0.15, 0.5), cold=st.floats(0.3, 0.9))
def test_finite_frequency_cop_never_exceeds_carnot(log_f_tau, hot, cold):
    T_c = 9.25
    T_hot, tau = hot * T_c, 1e-6
    T_cold = cold * T_hot
    cycle = refrigerator_cooling_power(10.0**log_f_tau / tau, T_hot, T_cold, T_c, 1.0, tau=tau)
    if _resolved(cycle, T_c):
        assert cycle.cop <= carnot_cop(T_hot, T_cold) * (1 + SECOND_LAW_SLACK)
    else:
        assert math.isnan(cycle.cop)
    if cycle.heat_absorbed > NUMERICAL_NOISE * T_c**2:
        assert cycle.cooling_power == pytest.approx(cycle.frequency * cycle.heat_absorbed, rel=1e-15)


def test_full_normal_magnetisation_closed_form():
    # b >= 1: the magnetised electrons are normal, S = gamma T and U = gamma T^2 / 2, so
    # T_2 = S_s(T_hot)/gamma and Q_cold = gamma (T_cold^2 - T_2^2) / 2.
    T_c, T_hot, T_cold, gamma = 9.25, 2.0, 1.0, 7.8e-3
    cycle = otto_refrigerator(T_hot, T_cold, T_c, gamma, field_ratio=1.0)
    T2 = bcs_entropy(T_hot, T_c, 1.0)
    assert cycle.T_after_magnetisation == pytest.approx(T2, rel=1e-10)
    assert cycle.heat_absorbed == pytest.approx(gamma * (T_cold**2 - T2**2) / 2, rel=1e-10)
    # Demagnetisation returns to the BCS state with entropy gamma * T_cold.
    assert bcs_entropy(cycle.T_after_demagnetisation, T_c, 1.0) == pytest.approx(T_cold, rel=1e-10)


def test_no_refrigeration_close_to_tc():
    # Just below T_c the paired state holds almost the normal entropy: magnetising cools
    # the electrons only slightly (to ~T_hot), not below a much colder reservoir.
    cycle = otto_refrigerator(9.0, 1.0, 9.25, 1.0)
    assert cycle.heat_absorbed < 0.0
    assert math.isnan(cycle.cop)


def test_low_frequency_limit_and_plateau():
    T_c, T_hot, T_cold, tau = 9.25, 2.0, 1.0, 1e-6
    quasi = otto_refrigerator(T_hot, T_cold, T_c, 1.0)
    slow, fast, faster = refrigerator_cooling_power([1.0, 1e8, 1e9], T_hot, T_cold, T_c, 1.0, tau=tau)
    assert slow.heat_absorbed == pytest.approx(quasi.heat_absorbed, rel=1e-12)
    # f tau >> 1: Q per cycle ~ 1/f, so the cooling power saturates.
    assert faster.cooling_power == pytest.approx(fast.cooling_power, rel=1e-2)
    assert faster.heat_absorbed < fast.heat_absorbed < quasi.heat_absorbed


def test_carnot_cop_value():
    assert carnot_cop(2.0, 1.5) == pytest.approx(3.0, rel=1e-15)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: otto_refrigerator(10.0, 1.0, 9.25, 1.0), "T_hot"),
        (lambda: otto_refrigerator(1.0, 2.0, 9.25, 1.0), "T_hot"),
        (lambda: otto_refrigerator(2.0, -1.0, 9.25, 1.0), "T_cold"),
        (lambda: otto_refrigerator(2.0, 1.0, 9.25, 0.0), "gamma_n"),
        (lambda: otto_refrigerator(2.0, 1.0, 9.25, 1.0, field_ratio=0.0), "field_ratio"),
        (lambda: refrigerator_cooling_power(1e3, 2.0, 1.0, 9.25, 1.0, tau=0.0), "tau"),
        (lambda: refrigerator_cooling_power(-1e3, 2.0, 1.0, 9.25, 1.0, tau=1e-6), "frequency"),
        (lambda: carnot_cop(1.0, 2.0), "T_hot"),
    ],
)
def test_bad_input_names_parameter(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        call()


@settings(max_examples=200, deadline=None)
@given(T_c=st.floats(1e-3, 100.0), t=st.floats(0.0, 1.0, exclude_max=True))
def test_cycle_entropy_is_bit_identical_to_bcs_entropy(T_c, t):
    # The root solves of the cycle use a lean scalar twin of bcs_entropy; it must be the same function, bit for bit.
    from etunnel.standard.refrigerator import _entropy

    T = t * T_c
    if t == 0.0 or t > 1e-150:  # below t ~ 1e-154 bcs_entropy's (Delta/k_B T)^2 overflows; the cycle never gets there
        assert _entropy(T, T_c) == float(bcs_entropy(T, T_c, 1.0))


def test_cycle_entropy_edges():
    from etunnel.standard.refrigerator import _entropy

    assert _entropy(0.0, 4.47) == 0.0
    assert _entropy(5e-324, 4.47) == 0.0  # T / T_c underflows to 0: Delta/k_B T = inf, no quasiparticles
    assert _entropy(1e-310, 1.0) == 0.0  # T / T_c > 0 but Delta/k_B T overflows to inf (as in bcs_entropy)
    assert _entropy(4.47, 4.47) == 4.47 and _entropy(5.0, 4.47) == 5.0  # normal: S = gamma T
    assert _entropy(0.3, 0.0) == 0.3  # field above B_c: normal at any T
