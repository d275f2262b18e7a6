"""Tests of alpha^2F spectral functions: moments against closed forms, kernels against mpmath, bad input refused.

Closed forms (derived by us from the definitions in Allen & Dynes, PRB 12, 905 (1975), eqs. 10-11):
Einstein modes: lambda = sum lambda_i, ln omega_log = sum lambda_i ln w_i / lambda, <w^2> = sum lambda_i w_i^2/lambda.
Debye alpha^2F = lambda (w/w_D)^2: omega_log = w_D e^{-1/2}, omega_2 = w_D/sqrt 2, <w> = 2 w_D/3.
Kernel references come from mpmath.quad at 30 digits of the defining integral.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etunnel.checks import InputError
from etunnel.constants import BOLTZMANN_CONSTANT, ELECTRONVOLT
from etunnel.standard.spectral_function import (
    TabulatedSpectrum,
    debye_spectrum,
    einstein_spectrum,
    lorentzian_spectrum,
    parse_energy,
    parse_modes,
    read_spectrum,
    two_mode_surrogate,
)
from etunnel.standard.strong_coupling import allen_dynes_tc

MEV = 1e-3 * ELECTRONVOLT


def test_einstein_moments_closed_form():
    s = einstein_spectrum([10 * MEV, 40 * MEV], [0.5, 1.5])
    assert s.lambda_ep == pytest.approx(2.0, rel=1e-15)
    assert s.omega_log == pytest.approx(math.exp((0.5 * math.log(10) + 1.5 * math.log(40)) / 2) * MEV, rel=1e-14)
    assert s.omega_2 == pytest.approx(math.sqrt((0.5 * 100 + 1.5 * 1600) / 2) * MEV, rel=1e-14)
    assert s.matsubara_lambda(0.0) == pytest.approx(2.0, rel=1e-15)
    assert s.matsubara_lambda(10 * MEV) == pytest.approx(0.5 / 2 + 1.5 * 16 / 17, rel=1e-14)
    assert s.accumulated_lambda(20 * MEV) == pytest.approx(0.5)


def test_debye_moments_closed_form():
    d = debye_spectrum(20 * MEV, 1.3)
    assert d.lambda_ep == 1.3
    assert d.omega_log == pytest.approx(20 * MEV * math.exp(-0.5), rel=1e-15)
    assert d.omega_2 == pytest.approx(20 * MEV / math.sqrt(2), rel=1e-15)
    assert d.omega_1 == pytest.approx(40 * MEV / 3, rel=1e-15)


@pytest.mark.parametrize("nu_mev", [0.0, 0.3, 5.0, 20.0, 400.0, 1e4])
def test_debye_kernel_against_mpmath(nu_mev):
    d = debye_spectrum(20 * MEV, 1.0)
    with mp.workdps(30):
        ref = 2 * mp.quad(lambda w: w * (w / 20) ** 2 / (w**2 + mp.mpf(nu_mev) ** 2), [0, 20]) if nu_mev else mp.mpf(1)
    assert d.matsubara_lambda(nu_mev * MEV) == pytest.approx(float(ref), rel=1e-12)


def test_tabulated_is_exact_for_piecewise_linear():
    # A triangle: alpha2F rises linearly 0 -> 1 on [5, 10] meV, falls to 0 at 15 meV; integrals by mpmath.
    w = np.array([5.0, 10.0, 15.0]) * MEV
    t = TabulatedSpectrum(w, np.array([0.0, 1.0, 0.0]))

    def a2f(x):
        return mp.mpf(0) if x < 5 else ((x - 5) / 5 if x < 10 else (15 - x) / 5)

    with mp.workdps(30):
        lam = 2 * mp.quad(lambda x: a2f(x) / x, [5, 10, 15])
        wlog = mp.exp(2 / lam * mp.quad(lambda x: mp.log(x) * a2f(x) / x, [5, 10, 15]))
        w2 = mp.sqrt(2 / lam * mp.quad(lambda x: x * a2f(x), [5, 10, 15]))
        k = 2 * mp.quad(lambda x: x * a2f(x) / (x**2 + 49), [5, 10, 15])
    assert t.lambda_ep == pytest.approx(float(lam), rel=1e-13)
    assert t.omega_log / MEV == pytest.approx(float(wlog), rel=1e-13)
    assert t.omega_2 / MEV == pytest.approx(float(w2), rel=1e-13)
    assert t.matsubara_lambda(7 * MEV) == pytest.approx(float(k), rel=1e-12)
    assert t.accumulated_lambda(20 * MEV) == pytest.approx(t.lambda_ep, rel=1e-14)


def test_tabulated_debye_converges_to_closed_form():
    w = np.linspace(0, 20, 4001) * MEV
    t = TabulatedSpectrum(w, (w / (20 * MEV)) ** 2)
    d = debye_spectrum(20 * MEV, 1.0)
    for name in ("lambda_ep", "omega_log", "omega_2"):
        assert getattr(t, name) == pytest.approx(getattr(d, name), rel=1e-6)
    nu = np.array([0.5, 3.0, 50.0]) * MEV
    np.testing.assert_allclose(t.matsubara_lambda(nu), d.matsubara_lambda(nu), rtol=1e-6)


@given(st.floats(0.05, 5.0), st.floats(1.0, 150.0), st.floats(1.0, 2.0))
def test_two_mode_surrogate_keeps_moments(lam, wlog_mev, ratio):
    s = two_mode_surrogate(lam, wlog_mev * MEV, ratio * wlog_mev * MEV)
    assert s.lambda_ep == pytest.approx(lam, rel=1e-12)
    assert s.omega_log == pytest.approx(wlog_mev * MEV, rel=1e-10)
    assert s.omega_2 == pytest.approx(ratio * wlog_mev * MEV, rel=1e-8)


def test_allen_dynes_from_spectrum_reuses_strong_coupling():
    s = einstein_spectrum([10 * MEV, 40 * MEV], [0.5, 1.5])
    expected = allen_dynes_tc(s.omega_log_K, 2.0, 0.1, omega_2=s.omega_2_K)
    assert s.tc_allen_dynes(0.1) == pytest.approx(expected, rel=1e-14)
    f1, f2 = s.allen_dynes_factors(0.1)
    assert f1 > 1 and f2 > 1
    assert s.tc_allen_dynes(0.1, corrections=False) * f1 * f2 == pytest.approx(expected, rel=1e-13)
    # An Einstein spectrum has omega_2 = omega_log: f2 = 1 exactly.
    assert einstein_spectrum([10 * MEV], [1.0]).allen_dynes_factors(0.1)[1] == pytest.approx(1.0, abs=1e-15)


def test_lorentzian_has_requested_coupling():
    s = lorentzian_spectrum(30 * MEV, 2 * MEV, 1.2)
    assert s.lambda_ep == pytest.approx(1.2, rel=1e-12)
    # weight alpha2F/omega leans to low energy: both moments a little below omega_0, Jensen: log <= 2
    assert 28 * MEV < s.omega_log < s.omega_2 < 30 * MEV


@pytest.mark.parametrize(
    ("energies", "values", "match"),
    [
        ([1.0, 2.0, 3.0], [0.1, -0.2, 0.1], "must be >= 0"),
        ([1.0, 3.0, 2.0], [0.1, 0.2, 0.1], "sorted"),
        ([1.0, 2.0, 2.0], [0.1, 0.2, 0.1], "must not repeat"),
        ([1.0, 2.0, 3.0], [0.0, 0.0, 0.0], "zero total weight"),
        ([0.0, 2.0, 3.0], [0.5, 0.2, 0.1], "alpha2F\\(0\\)"),
        ([1e3, 2e3, 3e3], [0.1, 0.2, 0.1], "check the energy unit"),  # eV read as meV
        ([1e-5, 2e-5, 3e-5], [0.1, 0.2, 0.1], "check the energy unit"),
        ([1.0, float("nan")], [0.1, 0.1], "finite"),
    ],
)
def test_bad_spectra_refused(energies, values, match):
    with pytest.raises(InputError, match=match):
        TabulatedSpectrum(np.array(energies) * MEV, np.array(values))


def test_bad_modes_refused():
    for text, match in [("40meV", "ENERGY:LAMBDA"), ("40:0.7", "energy unit"), ("40meV:-1", "must be > 0"),
                        ("40meV:0.5,40meV:0.5", "distinct"), ("40 furlongs:1", "energy unit"), ("", "modes must")]:
        with pytest.raises(InputError, match=match):
            parse_modes(text)
    with pytest.raises(InputError):
        parse_energy("omega", 40.0)


def test_parse_energy_units():
    assert parse_energy("w", "40meV") == pytest.approx(40 * MEV)
    assert parse_energy("w", "464K") == pytest.approx(464 * BOLTZMANN_CONSTANT)
    assert parse_energy("w", "1THz") / MEV == pytest.approx(4.135667696, rel=1e-9)
    assert parse_energy("w", "8.065544cm-1") / MEV == pytest.approx(1.0, rel=1e-6)


def test_read_spectrum(tmp_path):
    p = tmp_path / "a2f.csv"
    p.write_text("# Debye-like test spectrum\nenergy [meV],a2F\n5,0.25\n10,1.0\n12,0\n", encoding="utf-8")
    s = read_spectrum(p)
    assert s.energies[0] == 0.0 and s.energies[-1] == pytest.approx(12 * MEV)
    assert "a2f.csv" in s.description
    bad = tmp_path / "bad.csv"
    bad.write_text("energy,a2F\n5,0.25\n", encoding="utf-8")
    with pytest.raises(InputError, match="energy unit"):
        read_spectrum(bad)
    bad.write_text("energy [meV],a2F\n5,abc\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2"):
        read_spectrum(bad)
    with pytest.raises(InputError, match="does not exist"):
        read_spectrum(tmp_path / "missing.csv")
