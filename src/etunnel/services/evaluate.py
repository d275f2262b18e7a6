"""Use case: the tunnel model for one material (R_v, R_b, c)."""

from __future__ import annotations

from dataclasses import dataclass

from etunnel.checks import InputError
from etunnel.constants import ELECTRONVOLT
from etunnel.services.base import Result, quantity


@dataclass(frozen=True)
class ModelEvaluation(Result):
    """Every model output for one material, SI values with units named.

    Attributes
    ----------
    inputs : dict
        R_v [m], R_b [m], c [1] and the number of lattice terms.
    resisting_distance : dict
        D [1/m], eq. (24) (eq. 37 for one term).
    lifting_energy : dict
        E_c [eV], eq. (23).
    conducting_radius : dict
        R_c [m], eq. (38); null when no tunnel exists.
    conducting_ratio : dict
        R_c/R_b [1].
    insulating_threshold : dict
        c* [1] of the chosen lattice model.
    state : str
        insulator, conductor or superconductor.
    """

    inputs: dict
    resisting_distance: dict
    lifting_energy: dict
    conducting_radius: dict
    conducting_ratio: dict
    insulating_threshold: dict
    state: str


def evaluate_model(R_v: float, R_b: float, c: float, terms="infinite") -> ModelEvaluation:
    """All model outputs for one material (``0 < R_v <= R_b`` in m, ``0 <= c <= 1``).

    Raises
    ------
    InputError
        Naming the parameter and its range (R_b <= 0, R_v outside (0, R_b],
        c outside [0, 1], terms < 1, non-finite values).
    """
    from etunnel.model import classify, conducting_radius, insulating_threshold, lifting_energy, resisting_distance
    from etunnel.model.lattice import validate_terms

    for name, value in (("R_v", R_v), ("R_b", R_b), ("c", c)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name} must be a real number, got {value!r}")
    if not R_b > 0:
        raise InputError(f"R_b must be > 0 m, got {R_b!r}")
    if not 0 < R_v <= R_b:
        raise InputError(f"R_v must be in (0, R_b] = (0, {R_b:g}] m, got {R_v!r}")
    terms = validate_terms(terms)
    D = resisting_distance(R_v, R_b, c, terms)
    E_c = lifting_energy(R_v, R_b, c, terms)
    R_c = conducting_radius(R_b, c, terms)
    return ModelEvaluation(
        inputs={"R_v": quantity(R_v, "m"), "R_b": quantity(R_b, "m"), "c": quantity(c, "1"), "terms": terms},
        resisting_distance=quantity(D, "1/m", equation="24" if terms != 1 else "37"),
        lifting_energy=quantity(E_c / ELECTRONVOLT, "eV", equation="23"),
        conducting_radius=quantity(R_c, "m", equation="38"),
        conducting_ratio=quantity(R_c / R_b, "1"),
        insulating_threshold=quantity(insulating_threshold(terms), "1"),
        state=classify(R_v, R_b, c, terms),
    )
