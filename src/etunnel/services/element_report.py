"""Use case: one element's sourced data and the tunnel model applied to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etunnel.constants import ELECTRONVOLT
from etunnel.services.base import Result, quantity


@dataclass(frozen=True)
class ElementReport(Result):
    """An element's properties (value, unit, source), its radii under the chosen conventions, and the model.

    ``model.evaluated`` is false, with ``model.reason``, when a radius is
    missing or ``R_v > R_b``; missing properties are null, never 0.
    """

    symbol: str
    name: str
    Z: int
    properties: dict
    radii: dict
    model: dict


def element_report(
    symbol: str,
    *,
    rv_convention: str = "paper",
    rb_convention: str = "paper",
    c: float = 0.1,
    terms="infinite",
    overrides_path: str | Path | None = None,
) -> ElementReport:
    """Sourced data, radii and model outputs for one element.

    The model is evaluated only when both radii are available and
    ``R_v <= R_b``; otherwise ``model.evaluated`` is false and ``reason`` says why.
    """
    from etunnel.materials.elements import element_data, load_overrides
    from etunnel.materials.provenance import Sourced
    from etunnel.materials.radii import radii
    from etunnel.model import classify, conducting_radius, insulating_threshold, lifting_energy, resisting_distance
    from etunnel.model.lattice import validate_terms

    terms = validate_terms(terms)
    overrides = load_overrides(overrides_path) if overrides_path else None
    data = element_data(symbol, overrides=overrides)
    pair = radii(data.symbol, rv_convention=rv_convention, rb_convention=rb_convention, data=data)
    out = data.to_dict()
    out["radii"] = {
        "R_v": {**pair.R_v.to_dict(), "convention": rv_convention},
        "R_b": {**pair.R_b.to_dict(), "convention": rb_convention},
    }
    model: dict = {"c": quantity(c, "1"), "terms": terms}
    if not pair.complete:
        absent = [name for name, item in (("R_v", pair.R_v), ("R_b", pair.R_b)) if not isinstance(item, Sourced)]
        model.update(evaluated=False, reason=f"{' and '.join(absent)} missing under the chosen conventions")
    elif pair.R_v.value > pair.R_b.value:
        model.update(
            evaluated=False,
            reason=(
                f"R_v = {pair.R_v.value:.4g} m exceeds R_b = {pair.R_b.value:.4g} m under conventions "
                f"{rv_convention}/{rb_convention}; the model needs 0 < R_v <= R_b"
            ),
        )
    else:
        R_v, R_b = float(pair.R_v.value), float(pair.R_b.value)
        E_c = lifting_energy(R_v, R_b, c, terms)
        R_c = conducting_radius(R_b, c, terms)
        model.update(
            evaluated=True,
            resisting_distance=quantity(resisting_distance(R_v, R_b, c, terms), "1/m",
                                        equation="37" if terms == 1 else "24"),
            resisting_distance_first_term=quantity(resisting_distance(R_v, R_b, c, 1), "1/m", equation="37"),
            lifting_energy=quantity(E_c / ELECTRONVOLT, "eV", equation="23"),
            conducting_radius=quantity(R_c, "m", equation="38", note="null = no tunnel (c below threshold)"),
            insulating_threshold=quantity(insulating_threshold(terms), "1"),
            state=str(classify(R_v, R_b, c, terms)),
        )
    out["model"] = model
    return ElementReport(**out)
