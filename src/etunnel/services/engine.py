"""Use case: run the quantum piston engine (Otto cycle) on a double-well working medium and sweep the stroke time."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from etunnel.checks import InputError
from etunnel.constants import ELECTRONVOLT, PLANCK_CONSTANT
from etunnel.services.base import Result
from etunnel.standard import quantum_engine as qe

#: Default operating points, each stated beside the numbers it drives.
DEFAULTS = {
    "box": {"lam_hot": 26e-9, "lam_cold": 22e-9, "T_hot": 10.0, "T_cold": 1.0,
            "taus": tuple(np.geomspace(0.2e-12, 12e-12, 7)), "n_levels": 4,
            "energy_label": "meV", "energy_scale": 1e-3 * ELECTRONVOLT, "lam_label": "L [nm]", "lam_scale": 1e-9},
    "flux-qubit": {"lam_hot": math.pi + 0.15, "lam_cold": math.pi, "T_hot": 0.1, "T_cold": 0.01,
                   "taus": tuple(np.geomspace(0.2e-9, 10e-9, 7)), "n_levels": 4,
                   "energy_label": "GHz (E/h)", "energy_scale": PLANCK_CONSTANT * 1e9,
                   "lam_label": "phi_ext / pi", "lam_scale": math.pi},
}


@dataclass(frozen=True)
class EngineRow(Result):
    """One stroke time of the sweep (SI units)."""

    tau_s: float
    work_extracted_J: float
    population_work_J: float
    coherence_work_J: float
    heat_hot_J: float
    heat_cold_J: float
    efficiency: float | None
    power_W: float | None
    max_first_law_residual_J: float


@dataclass(frozen=True)
class EngineResult(Result):
    """Quantum Otto engine: the medium, the checks, the levels along the stroke and the tau sweep."""

    medium: dict
    assumptions: dict
    convergence: dict
    lam_hot: float
    lam_cold: float
    lam_unit: str
    T_hot_K: float
    T_cold_K: float
    carnot_efficiency: float
    otto_efficiency_two_level: float
    quasi_static: dict
    levels: dict
    trajectory: dict
    rows: tuple


def _medium(kind: str, params: dict, n_basis: int | None):
    if kind == "box":
        kw = {k: params[k] for k in ("left_width", "barrier_width", "barrier_height", "mass") if params.get(k) is not None}
        return qe.BoxDoubleWell(**kw, **({"n_basis": n_basis} if n_basis is not None else {}))
    if kind == "flux-qubit":
        kw = {k: params[k] for k in ("E_J", "E_C", "E_L") if params.get(k) is not None}
        return qe.FluxQubit(**kw, **({"n_basis": n_basis} if n_basis is not None else {}))
    raise InputError(f"medium must be 'box' or 'flux-qubit', got {kind!r}")


def run_engine(medium: str = "flux-qubit", *, taus=None, T_hot=None, T_cold=None, lam_hot=None, lam_cold=None,
               params: dict | None = None, n_levels: int | None = None, n_basis: int | None = None,
               bath: str = "complete", gamma=None, bath_time=None, protocol: str = "smooth",
               trajectory_tau=None, step: Callable[[str], None] | None = None) -> EngineResult:
    """Build the medium, check its discretisation, run the Otto cycle for every tau and one stroke trajectory.

    Every argument left as None takes the medium's default in :data:`DEFAULTS`
    (reported in ``assumptions``). ``taus`` [s] at most
    :data:`etunnel.standard.quantum_engine.MAX_TAUS` values.
    """
    if medium not in DEFAULTS:
        raise InputError(f"medium must be 'box' or 'flux-qubit', got {medium!r}")
    d = DEFAULTS[medium]
    tick = step or (lambda name: None)
    m = _medium(medium, params or {}, n_basis)
    taus = d["taus"] if taus is None else tuple(taus)
    if not 1 <= len(taus) <= qe.MAX_TAUS:
        raise InputError(f"the number of tau values must be in [1, {qe.MAX_TAUS}], got {len(taus)}")
    for t in taus:
        if isinstance(t, (bool, str)) or t is None:
            raise TypeError(f"tau must be a real number of seconds, got {t!r}")
        if not (isinstance(t, (int, float, np.floating)) and math.isfinite(t) and t > 0):
            raise InputError(f"tau must be in (0, inf) s, got {t}")
    th = d["T_hot"] if T_hot is None else T_hot
    tc = d["T_cold"] if T_cold is None else T_cold
    lh = d["lam_hot"] if lam_hot is None else lam_hot
    lc = d["lam_cold"] if lam_cold is None else lam_cold
    nl = d["n_levels"] if n_levels is None else n_levels
    qe._check_temperatures(th, tc)
    tick("spectra and convergence")
    conv = [qe.spectrum_convergence(m, lam, n_levels=nl) for lam in (lh, lc)]
    engine = qe.OttoEngine(m, lh, lc, n_levels=nl)
    convergence = {
        "basis": m.n_basis,
        "max_relative_level_change_at_1.5x_basis": max(c["max_relative_change"] for c in conv),
        "lambda_grid_points": int(len(engine.expansion.grid)),
        "min_neighbour_overlap": engine.expansion.min_overlap,
        "ode": f"DOP853, rtol 1e-10, node to node in lambda; kept levels {nl}",
    }
    rows = []
    top = 0.0
    for t in taus:
        tick(f"cycle tau = {t:.3g} s")
        r = engine.cycle(t, th, tc, protocol=protocol, bath=bath, gamma=gamma, bath_time=bath_time)
        top = max(top, r.max_top_population)
        rows.append(EngineRow(
            tau_s=float(t), work_extracted_J=r.work_extracted, population_work_J=-r.population_work,
            coherence_work_J=r.coherence_work, heat_hot_J=r.heat_hot, heat_cold_J=r.heat_cold,
            efficiency=None if math.isnan(r.efficiency) else r.efficiency,
            power_W=r.power if r.work_extracted > 0 else None,
            max_first_law_residual_J=max(abs(s.first_law_residual) for s in r.strokes)))
    convergence["max_population_of_highest_kept_level"] = top
    tick("trajectory")
    t_traj = taus[len(taus) // 2] if trajectory_tau is None else trajectory_tau
    tr = engine.trajectory(t_traj, th, protocol=protocol, n_points=121)
    levels = engine.levels(120)
    qs = qe.quasi_static_work(engine, th, tc)
    first = engine.cycle(taus[0], th, tc, protocol=protocol, bath=bath, gamma=gamma, bath_time=bath_time)
    assumptions = {
        "lam_hot": f"{lh} {m.lambda_unit} (hot contact)", "lam_cold": f"{lc} {m.lambda_unit} (cold contact)",
        "T_hot": f"{th} K", "T_cold": f"{tc} K", "protocol": protocol,
        "bath": bath if bath == "complete" else f"lindblad, gamma = {gamma} 1/s, contact time = {bath_time} s",
        "kept_levels": nl,
        "power": "W_extracted / cycle time; cycle time = 2 tau (+ 2 contact times for the Lindblad bath)",
        "sign": "coherence_work_J > 0 is work spent on creating coherences (lost to the output)",
    }
    return EngineResult(
        medium=m.describe(), assumptions=assumptions, convergence=convergence, lam_hot=float(lh),
        lam_cold=float(lc), lam_unit=m.lambda_unit, T_hot_K=float(th), T_cold_K=float(tc),
        carnot_efficiency=first.carnot_efficiency, otto_efficiency_two_level=first.otto_efficiency_two_level,
        quasi_static={k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in qs.items()},
        levels={"lam": levels["lam"].tolist(), "energies_J": levels["energies"].tolist()},
        trajectory={"tau_s": float(t_traj), "t_s": tr["t"].tolist(), "lam": tr["lam"].tolist(),
                    "populations": tr["populations"].tolist(), "coherence_l1": tr["coherence"].tolist(),
                    "work_population_J": tr["work_population"].tolist(),
                    "work_coherence_J": tr["work_coherence"].tolist(),
                    "force_population": tr["force_population"].tolist(),
                    "force_coherence": tr["force_coherence"].tolist(),
                    "force_unit": "N" if medium == "box" else "J/rad"},
        rows=tuple(rows),
    )
