"""Use case: run the quantum piston engine (Otto cycle) on a double-well working medium and sweep the stroke time."""

from __future__ import annotations

from dataclasses import dataclass

from etunnel.services.base import Result
from etunnel.standard.device_studies import DEFAULTS, engine_study  # noqa: F401  (DEFAULTS re-exported)

@dataclass(frozen=True)
class EngineRow(Result):
    """One stroke time of the sweep (SI units)."""

    tau_s: float
    work_extracted_J: float
    population_work_J: float
    coherence_work_J: float
    coherence_work_expansion_J: float
    coherence_work_compression_J: float
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


def run_engine(medium: str = "flux-qubit", **kwargs) -> EngineResult:
    """Quantum Otto engine study (see :func:`etunnel.standard.device_studies.engine_study` for the arguments)."""
    d = engine_study(medium, **kwargs)
    d["rows"] = tuple(EngineRow(**r) for r in d["rows"])
    return EngineResult(**d)
