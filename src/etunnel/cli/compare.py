"""``etunnel compare``: the tunnel model, the standard theory and the measurements, side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from etunnel.cli import app
from etunnel.cli.common import console, fmt, print_json


_ROWS = (  # (label, standard key, measured key, unit, scale for display)
    ("T_c McMillan", "tc_mcmillan", "tc", "K", 1.0),
    ("T_c Allen-Dynes", "tc_allen_dynes", "tc", "K", 1.0),
    ("lambda_ep (McMillan inverted)", "lambda_ep_inferred", "lambda_ep", "1", 1.0),
    ("gap Delta(0)", "gap", "gap", "meV", 1.0),
    ("2 Delta / k_B T_c", "two_delta_over_kTc", "two_delta_over_kTc", "1", 1.0),
    ("B_c(0) BCS from gamma", "bc0_bcs", "hc0", "T", 1.0),
    ("lambda_GL(0) (measured: lambda_L)", "lambda_gl0", "penetration_depth", "nm", 1e9),
    ("xi_GL(0) (measured: xi_0)", "xi_gl0", "coherence_length", "nm", 1e9),
    ("kappa", "kappa", None, "1", 1.0),
    ("type", "type", "type", "", 1.0),
    ("B_c GL (extrapolated)", "bc_gl", "hc0", "T", 1.0),
    ("B_c1", "bc1", None, "T", 1.0),
    ("B_c2", "bc2", None, "T", 1.0),
)


def _show(value, scale: float) -> str:
    if value is None:
        return "missing"
    if isinstance(value, str):
        return value
    return fmt(value * scale, ".4g")


def _print_points(report) -> None:
    from rich.table import Table

    if not report["tc_pressure"]:
        return
    points = Table(title=f"{report['symbol']}: measured T_c under pressure (packaged table)", header_style="bold")
    for col in ("material", "p [GPa]", "T_c [K]", "BCS Delta(0) [meV]", "reference"):
        points.add_column(col, overflow="fold")
    for row in report["tc_pressure"]:
        points.add_row(row["material_row"], fmt(row["pressure"]["value"] / 1e9, ".4g"), fmt(row["tc"]["value"], ".4g"),
                       fmt(row["gap_bcs"]["value"], ".4g"), row["reference"])
    console.print(points)


@app.command()
def compare(
    symbol: Annotated[str, typer.Argument(help="Element symbol (e.g. Nb) or chemical formula (e.g. H3S, LaH10, MgB2).")],
    c: Annotated[float, typer.Option("--c", help="Attraction coefficient c of the tunnel model (paper's Table 1: 0.1).")] = 0.1,
    mu_star: Annotated[
        float | None,
        typer.Option("--mu-star", help="Coulomb pseudopotential used where the table has none (default 0.13, McMillan 1968)."),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
) -> None:
    """Tunnel model vs standard theory vs measurement for one element or compound.

    Tunnel model (Liu's paper, core etunnel API): state (insulator /
    conductor / superconductor) and lifting energy E_c, with R_v = covalent
    radius and R_b = van der Waals radius (the paper's Table 1 rule, applied
    to pymatgen data).

    Standard theory, computed from the element's *measured* inputs in
    etunnel's sourced table (etunnel/data/elemental_superconductors.csv):
    T_c from McMillan (1968) and Allen-Dynes (1975) when lambda_ep is known
    (Allen-Dynes also needs omega_log, which the table lacks); the BCS gap
    Delta(0) = 1.764 k_B T_c; the BCS thermodynamic critical field from the
    Sommerfeld gamma; Ginzburg-Landau xi, lambda, kappa, type (kappa vs
    1/sqrt2) and B_c, B_c1, B_c2 from the measured lambda_L and xi_0 via
    Gor'kov's clean-limit relations; the flux quantum h/2e beside the
    paper's claim h/e. Missing inputs are reported as missing, never
    filled in; where the default mu* is used, the output says so.

    Any element or compound is accepted: measured T_c(p) points from the
    packaged table are listed with their BCS gaps, and what etunnel has no
    data for is said, not filled in (etunnel compare H3S).

    Example: etunnel compare Nb --json
    """
    from etunnel.services.comparison import compare_report

    result = compare_report(symbol, c=c, mu_star=mu_star)
    if json_output:
        print_json(result.to_dict())
        return
    report = result.to_dict()
    from rich.table import Table

    from etunnel.constants import ELECTRONVOLT

    tm = report["tunnel_model"]
    head = Table(title=f"{report['symbol']}: electron-tunnel model (c = {c})", header_style="bold")
    for col in ("quantity", "value", "unit"):
        head.add_column(col, overflow="fold")
    for role in ("R_v", "R_b"):
        if role in tm:
            head.add_row(f"{role} ({tm[role]['kind']} radius)", fmt(tm[role]["value"]), "m")
    if tm["evaluated"]:
        head.add_row("state", tm["state"], "")
        head.add_row("lifting energy E_c", fmt(tm["lifting_energy"]["value"]), "eV")
    else:
        head.add_row("not evaluated", tm["reason"], "")
    console.print(head)
    if report["missing"]:  # no ambient record: every standard prediction lacks its inputs
        _print_points(report)
        console.print(f"standard theory: not computed, missing inputs. {report['missing']}.")
        console.print("Use --json for every field.")
        return

    table = Table(title=f"{report['symbol']}: standard theory vs measured", header_style="bold")
    for col in ("quantity", "standard", "measured", "unit", "model / note"):
        table.add_column(col, overflow="fold")
    meas = report["measured"]
    for label, skey, mkey, unit, scale in _ROWS:
        s = report["standard"][skey]
        m = meas.get(mkey) if mkey else None
        m_scale = 1e3 / ELECTRONVOLT if mkey == "gap" else scale
        s_scale = 1.0 if skey == "gap" else scale
        note = s.get("note", "") or s.get("model", "")
        if "mu_star" in s:
            note = f"{note}; {s['mu_star']}"
        table.add_row(label, _show(s["value"], s_scale), _show(m["value"], m_scale) if m else "—", unit, note)
    console.print(table)
    _print_points(report)
    flux = report["flux_quantum"]
    console.print(
        f"flux quantum: standard h/2e = {flux['standard']['value']:.6e} Wb; tunnel paper claims "
        f"h/e = {flux['tunnel_paper_claim']['value']:.6e} Wb; measured (Deaver-Fairbank, Doll-Näbauer 1961): h/2e"
    )
    console.print("Use --json for every value's source.")
