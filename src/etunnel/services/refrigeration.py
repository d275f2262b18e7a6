"""Use case: the Ta/Nb/Cu superconducting refrigerator at device scale, its headline numbers checked one by one."""

from __future__ import annotations

from dataclasses import dataclass

from etunnel.services.base import Result
from etunnel.standard.device_studies import FRIDGE_PAPER as PAPER  # noqa: F401
from etunnel.standard.device_studies import fridge_study


@dataclass(frozen=True)
class FridgeClaim(Result):
    """One headline number: ours, the paper's and the verdict."""

    id: str
    statement: str
    T_K: float
    paper_value: float
    etunnel_value: float
    unit: str
    verdict: str
    detail: str


@dataclass(frozen=True)
class FridgeResult(Result):
    """Device, assumptions, claims, power/COP curve and cool-down curves (SI units)."""

    device: dict
    parameters: dict
    assumptions: dict
    claims: tuple
    optimal: dict
    power_curve: dict
    cooldowns: tuple


def run_fridge(**kwargs) -> FridgeResult:
    """Refrigerator study (see :func:`etunnel.standard.device_studies.fridge_study` for the arguments)."""
    d = fridge_study(**kwargs)
    d["claims"] = tuple(FridgeClaim(**c) for c in d["claims"])
    d["cooldowns"] = tuple(d["cooldowns"])
    return FridgeResult(**d)
