"""``etunnel element``: an element's sourced data and the tunnel model applied to it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from etunnel.cli import app
from etunnel.cli.common import console, fmt, print_json

_CONVENTIONS = "covalent, van_der_waals, metallic, atomic, calculated, paper, table1"


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
    ] = "infinite",
    overrides: Annotated[
        Optional[str],
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
    from etunnel.cli.options import input_file
    from etunnel.services.element_report import element_report

    overrides = input_file(overrides, "--overrides")
    result = element_report(symbol, rv_convention=rv_convention, rb_convention=rb_convention, c=c,
                            terms=terms, overrides_path=overrides)
    if json_output:
        print_json(result.to_dict())
        return
    report = result.to_dict()
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
