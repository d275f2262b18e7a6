"""Tests of etunnel.standard.bcs against published BCS values and exact identities.

Reference sources
-----------------
* Gap ratio Delta(0)/k_B T_c = pi exp(-gamma_E) = 1.7638769...: BCS 1957; Tinkham (1996) eq. 3.30.
* Specific-heat jump 12/(7 zeta(3)) = 1.4261269...: Tinkham (1996) eq. 3.50.
* Mühlschlegel (1959) Z. Phys. 155, 313, Table of Delta(T)/Delta(0), four decimals,
  as transcribed in public code ("These data points run from t=0.18 to t=1 in steps
  of 0.02 from Muhlschlegel (1959)"). Tolerance 6e-5: half a unit of the 4th decimal
  plus margin.
* MPMATH_GAP: our own mpmath solution (30 digits) of the cutoff-free gap equation
  ln(Delta0/Delta) = 2 int_0^inf f(E)/E dxi, integrated in xi (not in the u = asinh(xi/Delta)
  variable used by the code) with mp.quad and solved with mp.findroot. Tolerance 1e-11 relative.
* MATSUBARA_GAP: etunnel.standard.bcs_gap_tables.reduced_gap_mp at 32 digits (Matsubara sum,
  Hurwitz-zeta tail, mp.findroot) at the exact binary value of each t, rounded to float.
  Tolerance 1e-15 relative (a few units in the last place).
* Low-temperature specific heat: mp.quad at 30 digits of Tinkham eq. 3.48 with the full Fermi
  factor, on panels of width 5 in xi/k_B T. Tolerance 2e-13 relative.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from etunnel.constants import BOLTZMANN_CONSTANT as K_B
from etunnel.standard import (
    BCS_GAP_RATIO,
    BCS_SPECIFIC_HEAT_JUMP,
    bcs_entropy,
    bcs_free_energy_difference,
    bcs_gap,
    bcs_specific_heat,
    bcs_tc,
    bcs_thermodynamic_critical_field,
)

# (t, Delta(T)/Delta(0)) from Mühlschlegel (1959); see module docstring.
MUEHLSCHLEGEL = [
    (0.30, 0.9971),
    (0.40, 0.9850),
    (0.50, 0.9569),
    (0.60, 0.9070),
    (0.70, 0.8288),
    (0.80, 0.7110),
    (0.90, 0.5263),
    (0.96, 0.3416),
    (0.98, 0.2436),
]

# (t, Delta/Delta0) from mpmath, 16 significant digits; see module docstring.
MPMATH_GAP = [
    (0.1, 0.9999999870449155),
    (0.3, 0.9971237624901917),
    (0.5, 0.9568847158748906),
    (0.7, 0.8287709704477384),
    (0.9, 0.5263419345511173),
    (0.99, 0.1729538540797025),
    (0.9999, 0.01736589830591546),
]


# (t, Delta/Delta0) at 32 digits from the Matsubara form; see module docstring.
MATSUBARA_GAP = [
    (0.045, 1.0),
    (0.06, 0.9999999999999214),
    (0.0625, 0.9999999999997399),
    (0.1, 0.9999999870449154),
    (0.25, 0.9991953002303212),
    (0.5, 0.9568847158748907),
    (0.75, 0.7759098478041733),
    (0.875, 0.58195994251877),
    (0.95, 0.38031694988244225),
    (0.99, 0.1729538540797026),
    (0.999, 0.05489554913157326),
    (0.99999, 0.005491781626806576),
    (0.99999999, 0.00017366609440786556),
    (0.999999999999, 1.7366417377563669e-06),
]


def test_gap_ratio_at_zero_temperature():
    # pi / e^gamma = 1.76387699... (BCS); the function must reproduce it for any T_c.
    T_c = np.array([0.5, 1.2, 9.25, 39.0])
    ratio = bcs_gap(0.0, T_c) / (K_B * T_c)
    np.testing.assert_allclose(ratio, math.pi / math.exp(0.5772156649015329), rtol=1e-14)
    assert abs(BCS_GAP_RATIO - 1.764) < 5e-4


@pytest.mark.parametrize("method", ["table", "solve"])
@pytest.mark.parametrize(("t", "expected"), MUEHLSCHLEGEL)
def test_gap_against_muehlschlegel_table(t, expected, method):
    T_c = 9.25
    reduced = bcs_gap(t * T_c, T_c, method=method) / bcs_gap(0.0, T_c, method=method)
    assert reduced == pytest.approx(expected, abs=6e-5)


@pytest.mark.parametrize("method", ["table", "solve"])
@pytest.mark.parametrize(("t", "expected"), MPMATH_GAP)
def test_gap_against_mpmath_solution(t, expected, method):
    reduced = bcs_gap(t * 2.0, 2.0, method=method) / bcs_gap(0.0, 2.0, method=method)
    assert reduced == pytest.approx(expected, rel=1e-11)


@pytest.mark.parametrize(("t", "expected"), MATSUBARA_GAP)
def test_gap_table_against_32_digit_solution_to_the_last_place(t, expected):
    # T_c = 1 keeps t exact; covers both ends: exponentially flat (t <= 0.0625) and 1 - t = 1e-12.
    reduced = bcs_gap(t, 1.0) / bcs_gap(0.0, 1.0)
    assert reduced == pytest.approx(expected, rel=1e-15)


def test_gap_table_flat_below_t_flat_and_zero_above_tc():
    from etunnel.standard.bcs_gap_tables import T_FLAT

    # 1 - Delta/Delta0 ~ 2 K0(1.764/t) < 1e-20 below T_FLAT: exactly 1 in double precision.
    t = np.array([0.0, 1e-300, 1e-3, 0.02, T_FLAT])
    assert np.all(bcs_gap(t, 1.0) == bcs_gap(0.0, 1.0))
    assert np.all(bcs_gap(np.array([1.0, 1.0 + 1e-15, 7.0]), 1.0) == 0.0)


def test_gap_table_agrees_with_solver_over_the_whole_range():
    # The bisection on the quadrature is the reference; near T_c its own rounding error grows
    # (the residual is O(Delta^2)): 1.1e-12 at t = 0.999, where the table still matches mpmath
    # to 2e-16 (test above). Grid includes every interval break of the table.
    from etunnel.standard.bcs import _reduced_gap, _reduced_gap_solve
    from etunnel.standard.bcs_gap_tables import BREAKS

    t = np.unique(np.r_[np.linspace(1e-3, 0.99, 997), BREAKS[:-1], np.nextafter(BREAKS[1:-1], 0)])
    np.testing.assert_allclose(_reduced_gap(t), _reduced_gap_solve(t), rtol=1e-12, atol=0)
    near = np.linspace(0.99, 0.9999, 50)
    np.testing.assert_allclose(_reduced_gap(near), _reduced_gap_solve(near), rtol=5e-12, atol=0)


def test_gap_table_is_continuous_across_interval_breaks():
    from etunnel.standard.bcs import _reduced_gap
    from etunnel.standard.bcs_gap_tables import BREAKS

    b = np.array(BREAKS[1:-1])
    np.testing.assert_allclose(_reduced_gap(np.nextafter(b, 0)), _reduced_gap(np.nextafter(b, 1)), rtol=2e-15)


def test_gap_tables_equal_a_fresh_generation_of_one_interval():
    # Regenerating all intervals takes about 2 s of CPU (all twelve equal the stored table, checked when the
    # Hurwitz zeta values of the tail were cached); the top one (t in [0.875, 1], with the t = 1 limit of g,
    # 0.1 s) guards the stored table against hand edits.
    from etunnel.standard._bcs_gap_coefficients import COEFFICIENTS
    from etunnel.standard.bcs_gap_tables import BREAKS, chebyshev_coefficients

    assert list(COEFFICIENTS[-1]) == chebyshev_coefficients(BREAKS[-2], BREAKS[-1])


def test_gap_method_is_checked():
    with pytest.raises(ValueError, match="^method must be one of 'table', 'solve'"):
        bcs_gap(1.0, 9.0, method="chebyshev")
    with pytest.raises(ValueError, match="^method must"):
        bcs_gap(1.0, 9.0, method=None)


def test_gap_is_vectorised_and_broadcasts():
    T = np.linspace(0.0, 12.0, 25)[:, None]
    T_c = np.array([3.0, 9.25])[None, :]
    gap = bcs_gap(T, T_c)
    assert gap.shape == (25, 2)
    assert np.all(gap[T[:, 0] >= 9.25] == 0.0)
    # monotonically non-increasing in T for each T_c
    assert np.all(np.diff(gap, axis=0) <= 0.0)
    # scalar in, scalar out
    assert isinstance(bcs_gap(1.0, 9.25), float)


def test_gap_near_tc_follows_gl_asymptote():
    # Delta -> pi sqrt(8/(7 zeta 3)) k_B T_c sqrt(1 - t) = 3.0633 k_B T_c sqrt(1-t) (Tinkham eq. 3.54).
    coeff = math.pi * math.sqrt(8.0 / (7.0 * 1.2020569031595942))
    one_minus_t = 1e-6
    gap = bcs_gap(1.0 - one_minus_t, 1.0)
    assert gap / (K_B * math.sqrt(one_minus_t)) == pytest.approx(coeff, rel=1e-5)


def test_specific_heat_jump_at_tc():
    # (C_s - C_n)/(gamma T_c) -> 12/(7 zeta(3)) = 1.42613; the correction is O(1 - t).
    assert BCS_SPECIFIC_HEAT_JUMP == pytest.approx(1.4261269, abs=1e-7)
    t = 1.0 - 1e-6
    jump = bcs_specific_heat(t, 1.0, 1.0) / t - 1.0
    assert jump == pytest.approx(12.0 / (7.0 * 1.2020569031595942), rel=1e-5)
    # Above T_c: normal state C = gamma T exactly.
    assert bcs_specific_heat(1.5, 1.0, 2.0) == pytest.approx(3.0, rel=1e-15)


def test_condensation_energy_at_zero_temperature():
    # F_s - F_n = -N(0) Delta0^2 / 2 = -(3/4) e^{-2 gamma_E} gamma T_c^2 (Tinkham eq. 3.44/3.52).
    expected = -0.75 * math.exp(-2.0 * 0.5772156649015329)
    assert bcs_free_energy_difference(0.0, 1.0, 1.0) == pytest.approx(expected, rel=1e-12)
    assert bcs_free_energy_difference(1.0, 1.0, 1.0) == 0.0


@pytest.mark.parametrize("t", [0.2, 0.5, 0.8, 0.97])
def test_entropy_is_minus_derivative_of_free_energy(t):
    # S_s = S_n - d(F_s - F_n)/dT with S_n = gamma T (thermodynamic identity).
    h = 1e-5
    dF = (bcs_free_energy_difference(t + h, 1.0, 1.0) - bcs_free_energy_difference(t - h, 1.0, 1.0)) / (2 * h)
    assert bcs_entropy(t, 1.0, 1.0) == pytest.approx(t - dF, rel=1e-7)


@pytest.mark.parametrize("t", [0.2, 0.5, 0.8, 0.97])
def test_specific_heat_is_T_dS_dT(t):
    h = 1e-5
    dS = (bcs_entropy(t + h, 1.0, 1.0) - bcs_entropy(t - h, 1.0, 1.0)) / (2 * h)
    assert bcs_specific_heat(t, 1.0, 1.0) == pytest.approx(t * dS, rel=1e-7)


def test_entropy_continuous_at_tc_and_below_normal():
    assert bcs_entropy(1.0 - 1e-9, 1.0, 1.0) == pytest.approx(1.0, rel=1e-8)
    T = np.linspace(0.05, 0.95, 10)
    assert np.all(bcs_entropy(T, 1.0, 1.0) < T)
    assert bcs_entropy(0.0, 1.0, 1.0) == 0.0


def test_bcs_tc_formula():
    # k_B T_c = (2 e^gamma / pi) hbar omega_D exp(-1/N0V): prefactor 1.1339 (BCS 1957).
    assert bcs_tc(300.0, 0.25) == pytest.approx(2 * math.exp(0.5772156649015329) / math.pi * 300.0 * math.exp(-4.0), rel=1e-14)


def test_thermodynamic_critical_field_zero_temperature():
    # B_c(0) = sqrt(mu0 N(0)) Delta(0), N(0) = 3 gamma_v / (2 pi^2 k_B^2) (Tinkham eq. 3.52).
    gamma_v, T_c = 700.0, 9.25  # J m^-3 K^-2 (arbitrary test value), K
    n0 = 3 * gamma_v / (2 * math.pi**2 * K_B**2)
    expected = math.sqrt(4e-7 * math.pi * n0) * BCS_GAP_RATIO * K_B * T_c
    assert bcs_thermodynamic_critical_field(0.0, T_c, gamma_v) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: bcs_gap(-1.0, 9.0), "T"),
        (lambda: bcs_gap(1.0, 0.0), "T_c"),
        (lambda: bcs_gap(float("nan"), 9.0), "T"),
        (lambda: bcs_entropy(1.0, 9.0, -2.0), "gamma_n"),
        (lambda: bcs_tc(300.0, 0.0), "coupling"),
        (lambda: bcs_tc(-300.0, 0.2), "debye_temperature"),
    ],
)
def test_bad_input_names_parameter(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        call()


def test_specific_heat_at_low_temperature_without_warnings():
    # Issue 10 item 15: the quadrature overflowed below t ~ 0.005. Every t down to 1e-300
    # must give a finite, non-negative value with no floating-point warning (underflow to 0
    # is the correct double-precision answer below t ~ 0.0024).
    import warnings

    t = np.r_[0.0, np.logspace(-300, -1, 400), np.linspace(0.1, 0.999, 50)]
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        c = bcs_specific_heat(t, 1.0, 1.0)
    assert np.all(np.isfinite(c)) and np.all(c >= 0.0)
    assert np.all(np.diff(c) >= 0.0)  # C_s rises with T below T_c
    assert c[0] == 0.0


def test_specific_heat_continuous_across_the_low_temperature_switch():
    from etunnel.standard.bcs import _LOW_T_DELTA, _specific_heat_ratio_cold, _specific_heat_ratio_quadrature

    # Bessel form vs quadrature on both sides of the switch (delta = Delta/k_B T).
    d = np.array([35.0, 45.0, _LOW_T_DELTA, 55.0, 70.0])
    np.testing.assert_allclose(_specific_heat_ratio_cold(d), _specific_heat_ratio_quadrature(d), rtol=1e-13)
    # and the public function across the switch temperature
    t_switch = BCS_GAP_RATIO / _LOW_T_DELTA
    below, above = bcs_specific_heat(t_switch * (1 - 1e-12), 1.0, 1.0), bcs_specific_heat(t_switch * (1 + 1e-12), 1.0, 1.0)
    # d ln C / d ln t ~ delta = 50, so a step of 2e-12 in t moves C by ~1e-10 relative.
    assert above / below - 1 == pytest.approx(1e-10, rel=0.05)


@pytest.mark.parametrize(("delta", "expected"), [
    (100.0, 2.8738878256280583382e-39),
    (300.0, 6.1427725697868890109e-125),
    (700.0, 9.7582740149161074384e-298),
])
def test_specific_heat_low_temperature_against_mpmath(delta, expected):
    from etunnel.standard.bcs import _specific_heat_ratio_cold

    assert float(_specific_heat_ratio_cold(np.array([delta]))[0]) == pytest.approx(expected, rel=2e-13)


@pytest.mark.filterwarnings("error")
def test_thermodynamics_stay_finite_down_to_the_smallest_temperatures():
    # Delta / k_B T squares to inf below T / T_c ~ 1e-154; the entropy integral used to turn that into NaN
    # (inf * 0) between T / T_c = 5e-324 and 1e-154.
    t = np.concatenate([[0.0, 5e-324], np.logspace(-320, -1, 320), np.linspace(0.1, 1.0, 50)])
    S = bcs_entropy(t, 1.0, 1.0)
    F = bcs_free_energy_difference(t, 1.0, 1.0)
    C = bcs_specific_heat(t, 1.0, 1.0)
    assert np.isfinite(S).all() and np.isfinite(F).all() and np.isfinite(C).all()
    assert (S >= 0).all() and (np.diff(S) >= 0).all()  # S rises with T
    assert (S[t < 1e-3] == 0.0).all()  # (1 + E) e^-E below the double range at Delta / k_B T > 1764
    assert S[-1] == pytest.approx(1.0, rel=1e-9)  # S_n = gamma_n T at T_c
    assert (F[t <= 1e-154] == F[0]).all() and F[0] == pytest.approx(-0.75 * math.exp(-2 * np.euler_gamma), rel=1e-12)
    assert float(bcs_entropy(1e-200, 1.0, 1.0)) == 0.0
