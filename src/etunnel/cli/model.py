"""``etunnel model``: the tunnel model for one (R_v, R_b, c)."""

from __future__ import annotations

from typing import Annotated

import typer

from etunnel.cli import app
from etunnel.cli.common import fmt, print_json, print_table


@app.command()
def model(
    rv: Annotated[str, typer.Option("--rv", help="Valence orbital radius R_v, with unit: 149pm, 1.49Å, 1.49A, 0.149nm.")],
    rb: Annotated[str, typer.Option("--rb", help="Border radius R_b (half the molecular distance), with unit.")],
    c: Annotated[float, typer.Option("--c", help="Attraction coefficient c in [0, 1] (paper's Table 1 uses 0.1).")] = 0.1,
    terms: Annotated[
        str,
        typer.Option("--terms", help="Molecule pairs kept in eq. (24): a whole number N >= 1 (1 = eq. 37), or 'infinite' (exact)."),
    ] = "infinite",
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")] = False,
) -> None:
    """Resisting distance, lifting energy, conducting radius and state for one material.

    The electron sits on its valence orbital R_v; the border to the next
    molecule is at R_b; neighbours attract it with strength c. The model
    gives the resisting distance D (eq. 24, resistivity = Z D), the energy
    to lift the electron to the tunnel (eq. 23), the conducting radius R_c
    (eq. 38), and the state: insulator (c below the threshold), conductor
    (R_v < R_c) or superconductor (R_v >= R_c).

    Example: etunnel model --rv 149pm --rb 155pm --c 0.1 --json
    """
    from etunnel.checks import InputError  # NumPy comes with these: not for `etunnel model --help`
    from etunnel.units import parse_length

    R_v = parse_length("--rv", rv)
    R_b = parse_length("--rb", rb)
    if not R_b > 0:
        raise InputError(f"--rb must be > 0, got {rb!r}")
    if not 0 < R_v <= R_b:
        raise InputError(f"--rv must be in (0, --rb], got --rv {rv!r} with --rb {rb!r}")
    from etunnel.services.evaluate import evaluate_model

    report = evaluate_model(R_v, R_b, c, terms)
    if json_output:
        print_json(report.to_dict())
        return
    result = report.to_dict()
    R_c = result["conducting_radius"]["value"]
    print_table(
        f"Electron-tunnel model, terms = {result['inputs']['terms']}",
        [
            ("R_v", fmt(R_v * 1e12), "pm"),
            ("R_b", fmt(R_b * 1e12), "pm"),
            ("c", fmt(c), ""),
            ("resisting distance D", fmt(result["resisting_distance"]["value"]), "1/m"),
            ("lifting energy E_c", fmt(result["lifting_energy"]["value"]), "eV"),
            ("conducting radius R_c", "none (no tunnel)" if R_c is None else fmt(R_c * 1e12), "pm"),
            ("R_c / R_b", fmt(result["conducting_ratio"]["value"]), ""),
            ("insulating threshold c*", fmt(result["insulating_threshold"]["value"]), ""),
            ("state", result["state"], ""),
        ],
    )
