"""``etunnel element``: an element's sourced data and the tunnel model applied to it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etunnel.cli import app
from etunnel.cli.common import console, fmt, print_json, quantity
from etunnel.constants import ELECTRONVOLT
from etunnel.materials.elements import element_data, load_overrides
from etunnel.materials.provenance import Sourced
from etunnel.materials.radii import RADIUS_CONVENTIONS, radii
from etunnel.model import classify, conducting_radius, insulating_threshold, lifting_energy, resisting_distance
from etunnel.model.lattice import INFINITE, validate_terms

_CONVENTIONS = ", ".join(RADIUS_CONVENTIONS)


def element_report(
    symbol: str,
    *,
    rv_convention: str = "paper",
    rb_convention: str = "paper",
    c: float = 0.1,
    terms=INFINITE,
    overrides_path: str | Path | None = None,
) -> dict:
    """Sourced data, radii and model outputs for one element, as a JSON-ready dict.

    The model is evaluated only when both radii are available and
    ``R_v <= R_b``; otherwise ``model.evaluated`` is false and ``reason`` says why.
    """
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
    return out


def _short(text: str, width: int = 70) -> str:
    """Shorten a long citation for the text table (``--json`` gives it in full)."""
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def element(
    symbol: Annotated[str, typer.Argument(help="Element symbol, e.g. Hg.")],
    rv_convention: Annotated[
        str, typer.Option("--rv-convention", help=f"Radius used as R_v: {_CONVENTIONS}.")
    ] = "paper",
    rb_convention: Annotated[
        str, typer.Option("--rb-convention", help=f"Radius used as R_b: {_CONVENTIONS}.")
    ] = "paper",
    c: Annotated[float, typer.Option("--c", help="Attraction coefficient c in [0, 1] (the paper's Table 1 uses 0.1).")] = 0.1,
    terms: Annotated[
        str, typer.Option("--terms", help="Molecule pairs in eq. (24): N >= 1 (1 = eq. 37) or 'infinite'.")
    ] = INFINITE,
    overrides: Annotated[
        Path | None,
        typer.Option("--overrides", help="CSV or TOML file of your own values (element, property, value, unit, source)."),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
) -> None:
    """An element's data, each value with unit and source, and the model applied to it.

    Data come from pymatgen (WebElements compilation), covalent radii from
    Cordero et al. (2008), T_c from etunnel's sourced table of ambient
    elemental superconductors. Missing values are shown as missing.

    R_v and R_b are chosen by named conventions. 'paper' is the rule of the
    paper's Table 1 (R_v covalent; R_b van der Waals, or the empirical radius
    for Ca, Fe, Al) applied to today's data: it does not reproduce the
    paper's printed radii (see `etunnel reproduce`).

    Example: etunnel element Hg --rv-convention covalent --rb-convention van_der_waals --c 0.1 --json
    """
    report = element_report(symbol, rv_convention=rv_convention, rb_convention=rb_convention, c=c,
                            terms=terms, overrides_path=overrides)
    if json_output:
        print_json(report)
        return
    from rich.table import Table

    table = Table(title=f"{report['name']} ({report['symbol']}, Z = {report['Z']})", header_style="bold")
    for col in ("property", "value", "unit", "source / note"):
        table.add_column(col, overflow="fold")
    for name, item in report["properties"].items():
        value = fmt(item["value"]) if item["value"] is not None else "missing"
        detail = item["note"] if item["missing"] else _short(item["source"]) + (f" — {item['note']}" if item["note"] else "")
        table.add_row(name, value, item["unit"], detail)
    console.print(table)
    model = report["model"]
    rows = Table(title=f"model (c = {c}, terms = {model['terms']})", header_style="bold")
    for col in ("quantity", "value", "unit"):
        rows.add_column(col)
    for role in ("R_v", "R_b"):
        item = report["radii"][role]
        rows.add_row(f"{role} ({item['convention']})", fmt(item["value"]), "m")
    if not model["evaluated"]:
        console.print(rows)
        console.print(f"model not evaluated: {model['reason']}")
        return
    for key in ("resisting_distance", "resisting_distance_first_term", "lifting_energy", "conducting_radius",
                "insulating_threshold"):
        rows.add_row(key, fmt(model[key]["value"]), model[key]["unit"])
    rows.add_row("state", model["state"], "")
    console.print(rows)
