"""The quantum piston engine: spectra against closed forms and scqubits, dynamics against QuTiP,
and the thermodynamic identities (first law, norm, force integral, Carnot and Otto bounds)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etunnel.checks import InputError
from etunnel.constants import ELECTRONVOLT, HBAR, PLANCK_CONSTANT
from etunnel.standard import quantum_engine as qe

# Small but converged working media (the spectra agree with 1.5x the basis, see test_convergence_reported).
FLUX = qe.FluxQubit(n_basis=64)
BOX = qe.BoxDoubleWell(n_basis=64)


@pytest.fixture(scope="module")
def flux_engine():
    return qe.OttoEngine(FLUX, math.pi + 0.15, math.pi, n_levels=4)


@pytest.fixture(scope="module")
def box_engine():
    return qe.OttoEngine(BOX, 26e-9, 22e-9, n_levels=4)


# --------------------------------------------------------------------------- spectra


def test_flux_spectrum_matches_scqubits_fluxonium():
    # scqubits' Fluxonium is the same Hamiltonian, 4E_C n^2 - E_J cos(phi - phi_ext) + E_L phi^2/2,
    # diagonalised in the harmonic-oscillator basis (a different method from our sinc DVR).
    # Its eigenvalues are stored in tests/data/scqubits_fluxonium.json, with the scqubits call that produced them
    # (importing scqubits and diagonalising took 3 s of CPU, 100x this test).
    stored = json.loads((Path(__file__).parent / "data" / "scqubits_fluxonium.json").read_text())
    assert (FLUX.E_J, FLUX.E_C, FLUX.E_L) == tuple(stored[k] * 1e9 for k in ("EJ_GHz", "EC_GHz", "EL_GHz"))  # [Hz]
    for flux in (0.5, 0.52):
        ref = np.array(stored["eigenvalues_GHz"][repr(flux)])
        ours = qe.spectrum(FLUX, 2 * math.pi * flux, n_levels=6) / PLANCK_CONSTANT / 1e9
        # tolerance: scqubits' own oscillator-basis truncation (cutoff 110) moves its upper levels by ~1e-8
        np.testing.assert_allclose(ours[:3], ref[:3], rtol=1e-9)
        np.testing.assert_allclose(ours, ref, rtol=3e-8)


def test_box_without_barrier_is_the_particle_in_a_box():
    # E_n = hbar^2 pi^2 n^2 / (2 m L^2), and A_nm = (-1)^(n+m) 2nm / ((n^2 - m^2) L) (dilation term alone).
    box = qe.BoxDoubleWell(barrier_height=1e-40, n_basis=64)
    L = 20e-9
    E = qe.spectrum(box, L, n_levels=5)
    n = np.arange(1, 6)
    np.testing.assert_allclose(E, HBAR**2 * math.pi**2 * n**2 / (2 * box.mass * L**2), rtol=1e-12)
    Ei, U, dh, G = qe._eig(box, L / box.lambda_scale, 5)
    U = U * np.sign(np.diag(U))  # sign convention: sqrt(2) sin(n pi y) with positive coefficient
    dE, A = qe._couplings(Ei, U, dh, G)
    nn, mm = np.meshgrid(n, n, indexing="ij")
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.where(nn != mm, (-1.0) ** (nn + mm) * 2 * nn * mm / ((nn**2 - mm**2) * (L / 1e-9)), 0.0)
    np.testing.assert_allclose(A, expected, atol=1e-12)
    np.testing.assert_allclose(dE, -2 * Ei / (L / 1e-9), rtol=1e-12)  # dE/dL = -2E/L


def test_box_potential_matrix_equals_the_elementwise_closed_form():
    # V_jk = V0 [I(j - k) - I(j + k)], I(n) = (sin(n pi y2) - sin(n pi y1)) / (n pi): the medium evaluates I once
    # per distinct integer and gathers; the result must be the element-by-element formula, bit for bit.
    box = qe.BoxDoubleWell(n_basis=32)
    L = 23.7
    y1, y2 = 10.0 / L, 12.0 / L
    j = np.arange(1, 33, dtype=float)
    jj, kk = np.meshgrid(j, j, indexing="ij")

    def integral(n):
        with np.errstate(divide="ignore", invalid="ignore"):
            out = (np.sin(n * np.pi * y2) - np.sin(n * np.pi * y1)) / (n * np.pi)
        return np.where(n == 0, y2 - y1, out)

    v0 = box.barrier_height / box.energy_unit
    h = box.matrices(L)[0]
    expected = np.diag((j * np.pi) ** 2 / L**2) + v0 * (integral(jj - kk) - integral(jj + kk))
    assert np.array_equal(h, expected)


def test_box_couplings_match_finite_difference_of_wavefunctions():
    # <n|d_L m> from the closed form (Hellmann-Feynman + dilation) against a central difference of
    # psi_m(x; L) on a fixed x grid, with the barrier present.
    L, dL = 24.0, 1e-4
    Ei, U0, dh, G = qe._eig(BOX, L, 4)

    def psi(Lv, ref):
        _, U, _, _ = qe._eig(BOX, Lv, 4)
        U = U * np.sign(np.sum(U * ref, axis=0))
        x = np.linspace(0, L - 2 * dL, 2001)
        j = np.arange(1, BOX.n_basis + 1)
        basis = np.sqrt(2 / Lv) * np.sin(np.outer(x, j) * np.pi / Lv)
        return x, basis @ U

    x, p0 = psi(L, U0)
    _, pp = psi(L + dL, U0)
    _, pm = psi(L - dL, U0)
    d = (pp - pm) / (2 * dL)
    numeric = np.trapezoid(p0[:, :, None] * d[:, None, :], x, axis=0)
    _, A = qe._couplings(Ei, U0, dh, G)
    off = ~np.eye(4, dtype=bool)
    # measured: 1.8e-7 with this 2001-point grid (trapezoid error ~h^2; 2.5e-9 with 20001 points, 10x the CPU)
    np.testing.assert_allclose(numeric[off], A[off], atol=1e-6)


def test_convergence_reported():
    for medium, lam in ((FLUX, math.pi), (BOX, 22e-9)):
        conv = qe.spectrum_convergence(medium, lam, n_levels=4)
        assert conv["max_relative_change"] < 1e-4, conv
    assert qe.spectrum_convergence(FLUX, math.pi, n_levels=4)["max_relative_change"] < 1e-8


# --------------------------------------------------------------------------- dynamics


def test_first_law_per_stroke_and_cycle(flux_engine, box_engine):
    for engine, tau, th, tc in ((flux_engine, 0.5e-9, 0.1, 0.01), (box_engine, 2e-12, 10.0, 1.0)):
        for bath in ("complete", "lindblad"):
            kw = {} if bath == "complete" else {"gamma": 3 / (tau), "bath_time": tau}
            r = engine.cycle(tau, th, tc, bath=bath, **kw)
            scale = max(abs(s.energy_before) for s in r.strokes)
            for s in r.strokes:
                assert abs(s.first_law_residual) <= 1e-10 * scale, (s.kind, s.first_law_residual, scale)
            assert abs(r.first_law_cycle_residual) <= 1e-10 * scale
            # periodic steady state: W + Q_h + Q_c = 0
            assert abs(-r.work_extracted + r.heat_hot + r.heat_cold) <= 1e-10 * scale
            assert r.converged


def test_norm_conserved_and_populations_physical(flux_engine):
    ops = qe.stroke_operators(flux_engine.expansion, 0.5e-9 / FLUX.time_unit, "linear", rtol=1e-12)
    np.testing.assert_allclose(ops.U.conj().T @ ops.U, np.eye(4), atol=1e-10)
    rho = np.diag([0.5, 0.3, 0.15, 0.05]).astype(complex) + 0.05
    rho /= np.trace(rho)
    out = qe.lindblad_thermalise(rho, flux_engine.E_cold, 0.3, 2.0, 1.7)
    assert abs(np.trace(out) - np.trace(rho)) < 1e-14
    assert np.all(np.linalg.eigvalsh(0.5 * (out + out.conj().T)) > -1e-12)
    # long contact: the Gibbs state
    far = qe.lindblad_thermalise(rho, flux_engine.E_cold, 0.3, 2.0, 200.0)
    np.testing.assert_allclose(np.real(np.diag(far)), qe.gibbs_populations(flux_engine.E_cold, 0.3), atol=1e-12)


@pytest.mark.slow
def test_coherence_work_vanishes_adiabatically_with_measured_power_law(box_engine):
    # Linear ramp (abrupt start and stop): the created coherence, hence W_coh, falls as a power of tau.
    taus = np.array([8e-12, 16e-12, 32e-12, 64e-12])
    wc = np.array([abs(box_engine.cycle(t, 10.0, 1.0, protocol="linear").coherence_work) for t in taus])
    slope = np.polyfit(np.log(taus), np.log(wc), 1)[0]
    assert wc[-1] < wc[0] / 30
    # measured: slope -1.99 (local slopes -1.71, -2.31, -1.84: the end-point excitation interferes),
    # i.e. |W_coh| ~ tau^-2 for an abrupt start and stop; the smooth protocol falls faster (about tau^-3.3, 4-16 ps)
    assert -2.3 < slope < -1.7, slope


def test_work_equals_force_integral(flux_engine):
    tr = flux_engine.trajectory(1e-9, 0.1, n_points=801, rtol=1e-11)
    force = tr["force_population"] + tr["force_coherence"]
    work = tr["work_population"][-1] + tr["work_coherence"][-1]
    from scipy.integrate import simpson

    # work done ON the system = -int F dlambda (F = -<dH/dlambda>)
    assert abs(-simpson(force, x=tr["lam"]) - work) <= 1e-6 * abs(work)
    assert abs(-simpson(tr["force_coherence"], x=tr["lam"]) - tr["work_coherence"][-1]) <= 1e-5 * abs(work)


def test_efficiency_limits_two_level_otto(flux_engine):
    # Two-level limit (only the tunnelling doublet kept): the quasi-static cycle gives exactly
    # 1 - Delta_c/Delta_h at any temperatures, and slow strokes approach it from below.
    two = qe.OttoEngine(FLUX, math.pi + 0.15, math.pi, n_levels=2)
    otto = 1 - (two.E_cold[1] - two.E_cold[0]) / (two.E_hot[1] - two.E_hot[0])
    assert abs(qe.quasi_static_work(two, 0.1, 0.01)["efficiency"] - otto) < 1e-12
    effs = [two.cycle(tau, 0.1, 0.01).efficiency for tau in (8e-9, 16e-9)]
    assert abs(effs[1] - otto) < abs(effs[0] - otto) < 3e-3
    assert abs(effs[1] - otto) < 1e-5
    # the full medium at 15 mK, where the third level holds ~1e-11 of the population
    qs = qe.quasi_static_work(flux_engine, 0.015, 0.0015)
    assert abs(qs["efficiency"] - otto) < 1e-5


@settings(max_examples=40, deadline=None)
@given(th=st.floats(0.005, 2.0), ratio=st.floats(0.01, 0.99), tau=st.sampled_from([0.3e-9, 1e-9, 3e-9]))
def test_never_beats_carnot(flux_engine, th, ratio, tau):
    r = flux_engine.cycle(tau, th, th * ratio)
    if math.isfinite(r.efficiency):
        assert r.efficiency <= r.carnot_efficiency + 1e-12
    qs = qe.quasi_static_work(flux_engine, th, th * ratio)
    if math.isfinite(qs["efficiency"]):
        assert qs["efficiency"] <= 1 - ratio + 1e-12


# --------------------------------------------------------------------------- compiled integrator


@pytest.mark.parametrize("medium", ["flux", "box"])
@pytest.mark.parametrize("protocol", qe.PROTOCOLS)
def test_compiled_stroke_takes_scipys_steps_and_agrees_to_rounding(flux_engine, box_engine, medium, protocol):
    # The numba kernel runs SciPy's DOP853 step for step, so both make the same number of right-hand-side
    # calls (same accepted and rejected steps) and differ only in the order of floating-point additions:
    # measured 3e-14 .. 1.4e-13 of the operator scale at the report's defaults. The bound 1e-12 is 100x
    # below the ODE tolerance (rtol 1e-10), so a wrong coefficient or step rule (errors ~ rtol) cannot pass.
    engine, tau = (flux_engine, 0.7e-9) if medium == "flux" else (box_engine, 3e-12)
    tau_i = tau / engine.medium.time_unit
    # compression: final operators, and the same right-hand-side count
    new = qe.stroke_operators(engine.compression, tau_i, protocol, rtol=1e-10)
    old = qe.stroke_operators(engine.compression, tau_i, protocol, rtol=1e-10, method="scipy")
    assert new.n_rhs == old.n_rhs
    np.testing.assert_allclose(new.U, old.U, rtol=0, atol=1e-12)
    for a, b in ((new.W_pop, old.W_pop), (new.W_coh, old.W_coh)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12 * np.max(np.abs(old.W_pop)))
    # expansion: the 7th-order dense output at times inside steps, on a node and at both ends
    ts = np.unique(np.concatenate([np.linspace(0.0, tau_i, 9), qe._node_times(engine.expansion, tau_i, protocol)[5:6]]))
    new = qe.stroke_operators(engine.expansion, tau_i, protocol, rtol=1e-10, t_eval=ts)
    old = qe.stroke_operators(engine.expansion, tau_i, protocol, rtol=1e-10, t_eval=ts, method="scipy")
    np.testing.assert_allclose(new.U, old.U, rtol=0, atol=1e-12)
    np.testing.assert_allclose(new.states, old.states, rtol=0, atol=1e-12 * np.max(np.abs(old.states)))
    np.testing.assert_allclose(new.states[-1], old.states[-1], rtol=0, atol=1e-12 * np.max(np.abs(old.states)))


def test_cycle_numbers_do_not_depend_on_the_integrator(flux_engine):
    old = qe.OttoEngine(FLUX, math.pi + 0.15, math.pi, n_levels=4, method="scipy")
    for tau in (0.3e-9, 2e-9):
        a, b = flux_engine.cycle(tau, 0.1, 0.01), old.cycle(tau, 0.1, 0.01)
        scale = abs(b.heat_hot) + abs(b.heat_cold)
        for name in ("work_extracted", "heat_hot", "heat_cold", "coherence_work", "population_work"):
            assert abs(getattr(a, name) - getattr(b, name)) <= 1e-12 * scale, name
    with pytest.raises(InputError, match="method"):
        qe.OttoEngine(FLUX, math.pi + 0.15, math.pi, n_levels=4, method="rk4")
    with pytest.raises(InputError, match="t_eval"):
        qe.stroke_operators(flux_engine.expansion, 1.0, t_eval=[0.5, 0.2])


# --------------------------------------------------------------------------- QuTiP

# QuTiP's solutions (sesolve, mesolve) of the two problems below are stored in tests/data/qutip_quantum_engine.json
# with the inputs they were given: importing QuTiP and solving took ~1 s of CPU, more than the rest of this file's
# dynamics tests. The tests check that today's inputs are the stored ones (the Hamiltonian at 9 times of the
# stroke, the energies, rates and initial state) and compare our solutions with QuTiP's, as before.
# Regenerate (after a change to the media, heff or lindblad_rates) with
#   python -c "import sys; sys.path[:0] = ['src', 'tests']; import test_standard_quantum_engine as t; t.write_qutip_reference()"
QUTIP_REFERENCE = Path(__file__).parent / "data" / "qutip_quantum_engine.json"
SESOLVE_TAU = 1.0e-9  # [s], the smooth expansion stroke of flux_engine
MESOLVE_BATH = {"kT": 0.4, "gamma": 0.7, "t": 2.5}  # internal units, at the cold energies of flux_engine


def _complex_list(a):
    return np.stack([np.real(a), np.imag(a)], axis=-1).tolist()


def _from_complex_list(a):
    a = np.asarray(a, dtype=float)
    return a[..., 0] + 1j * a[..., 1]


def _sesolve_problem(engine):
    path, tau = engine.expansion, SESOLVE_TAU / engine.medium.time_unit
    times = np.linspace(0.0, tau, 9)
    return path, tau, times, np.array([qe.heff(path, t, tau, "smooth")[0] for t in times])


def _mesolve_problem(engine):
    rng = np.random.default_rng(1)
    a = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
    rho = a @ a.conj().T
    rho /= np.trace(rho)
    E = engine.E_cold
    return E, rho, qe.lindblad_rates(E, MESOLVE_BATH["kT"], MESOLVE_BATH["gamma"])


def write_qutip_reference(path=QUTIP_REFERENCE):
    """Solve both problems with QuTiP and store the solutions with their inputs (see the note above)."""
    import qutip as qt

    engine = qe.OttoEngine(FLUX, math.pi + 0.15, math.pi, n_levels=4)
    stroke, tau, times, hamiltonians = _sesolve_problem(engine)
    H = qt.QobjEvo(lambda t: qt.Qobj(qe.heff(stroke, t, tau, "smooth")[0]))
    res = qt.sesolve(H, qt.basis(4, 0), [0.0, tau],
                     options={"atol": 1e-13, "rtol": 1e-12, "nsteps": 10**6, "max_step": 0.05})
    E, rho, rates = _mesolve_problem(engine)
    c_ops = [math.sqrt(rates[m, n]) * qt.basis(4, m) * qt.basis(4, n).dag()
             for n in range(4) for m in range(4) if m != n]
    bath = qt.mesolve(qt.Qobj(np.diag(E)), qt.Qobj(rho), [0.0, MESOLVE_BATH["t"]], c_ops=c_ops,
                      options={"atol": 1e-13, "rtol": 1e-12})
    stored = {
        "source": f"qutip {qt.__version__}: sesolve of the smooth expansion stroke of FluxQubit(n_basis=64) between "
                  "pi + 0.15 and pi (4 levels, tau = 1 ns) from the ground state, H(t) = heff(...)[0] as a QobjEvo, "
                  "options atol 1e-13, rtol 1e-12, max_step 0.05; mesolve of the Lindblad bath at the cold energies "
                  "with c_ops sqrt(rates[m, n]) |m><n|, options atol 1e-13, rtol 1e-12. Complex values as [re, im].",
        "medium": {"E_J": FLUX.E_J, "E_C": FLUX.E_C, "E_L": FLUX.E_L, "n_basis": FLUX.n_basis},
        "sesolve": {"tau": tau, "times": times.tolist(), "hamiltonians": _complex_list(hamiltonians),
                    "final_state": _complex_list(res.states[-1].full().ravel())},
        "mesolve": {**MESOLVE_BATH, "E": E.tolist(), "rho": _complex_list(rho), "rates": rates.tolist(),
                    "final_rho": _complex_list(bath.states[-1].full())},
    }
    path.write_text(json.dumps(stored, indent=1) + "\n")


@pytest.fixture(scope="module")
def qutip_reference():
    stored = json.loads(QUTIP_REFERENCE.read_text())
    assert stored["medium"] == {"E_J": FLUX.E_J, "E_C": FLUX.E_C, "E_L": FLUX.E_L, "n_basis": FLUX.n_basis}
    return stored


def test_unitary_stroke_matches_qutip_sesolve(flux_engine, qutip_reference):
    ref = qutip_reference["sesolve"]
    path, tau, times, hamiltonians = _sesolve_problem(flux_engine)
    # the problem QuTiP solved is today's: same stroke time, and the same generator along the stroke
    assert tau == pytest.approx(ref["tau"], rel=1e-15) and times == pytest.approx(ref["times"], rel=1e-15)
    stored_h = _from_complex_list(ref["hamiltonians"])
    np.testing.assert_allclose(hamiltonians, stored_h, rtol=0, atol=1e-12 * np.max(np.abs(stored_h)))
    ops = qe.stroke_operators(path, tau, "smooth", rtol=1e-12)
    np.testing.assert_allclose(_from_complex_list(ref["final_state"]), ops.U[:, 0], atol=1e-8)


def test_lindblad_contact_matches_qutip_mesolve(flux_engine, qutip_reference):
    ref = qutip_reference["mesolve"]
    E, rho, rates = _mesolve_problem(flux_engine)
    kT, gamma, t = ref["kT"], ref["gamma"], ref["t"]
    # the problem QuTiP solved is today's: energies, initial state and jump rates
    np.testing.assert_allclose(E, ref["E"], rtol=1e-12)
    np.testing.assert_allclose(rho, _from_complex_list(ref["rho"]), rtol=0, atol=1e-15)
    np.testing.assert_allclose(rates, ref["rates"], rtol=1e-12, atol=0)
    final = _from_complex_list(ref["final_rho"])
    np.testing.assert_allclose(qe.lindblad_thermalise(rho, E, kT, gamma, t), final, atol=1e-8)


# --------------------------------------------------------------------------- bad input


def test_bad_input_refused(flux_engine):
    with pytest.raises(InputError, match="T_cold must be below T_hot"):
        flux_engine.cycle(1e-9, 0.01, 0.1)
    with pytest.raises(InputError, match="tau"):
        flux_engine.cycle(-1e-9, 0.1, 0.01)
    with pytest.raises(InputError, match="E_J"):
        qe.FluxQubit(E_J=0.0)
    with pytest.raises(InputError, match="E_J"):
        qe.FluxQubit(E_J=-1e9)
    with pytest.raises(TypeError, match="n_basis"):
        qe.FluxQubit(n_basis=True)
    with pytest.raises(InputError, match="bound levels"):  # single well: E_J < E_L
        qe.OttoEngine(qe.FluxQubit(E_J=4e9, E_L=6e9, n_basis=64), math.pi + 0.1, math.pi)
    with pytest.raises(InputError, match="bound levels"):  # barrier too low for a doublet
        qe.OttoEngine(qe.BoxDoubleWell(barrier_height=0.5e-3 * ELECTRONVOLT, n_basis=64), 26e-9, 22e-9)
    with pytest.raises(InputError, match="lam_hot"):
        qe.OttoEngine(BOX, 11e-9, 22e-9)  # wall inside the barrier
    with pytest.raises(InputError, match="n_basis"):
        qe.BoxDoubleWell(n_basis=10_000)
    with pytest.raises(TypeError):
        flux_engine.cycle("1e-9", 0.1, 0.01)
    with pytest.raises(InputError, match="stroke phase cap"):
        flux_engine.cycle(1e-3, 0.1, 0.01)  # a millisecond stroke: refused, not integrated for hours
