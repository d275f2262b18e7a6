"""``etunnel fridge``: the Ta/Nb/Cu superconducting quantum refrigerator at device scale."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etunnel.cli import app
from etunnel.cli.common import console, fmt, print_json, progress_bar
from etunnel.cli.options import save_figure


@app.command()
def fridge(
    t_start: Annotated[float, typer.Option("--t-start", help="Start / Nb temperature (K) (paper: 0.2).")] = 0.2,
    t_low: Annotated[float, typer.Option("--t-low", help="Second start temperature (K) (paper: 0.01).")] = 0.01,
    area: Annotated[float | None, typer.Option("--area", help="Interface area (m^2) (paper: 1e-4 = 1 cm^2).")] = None,
    cu_volume: Annotated[float | None, typer.Option("--cu-volume", help="Cu block volume (m^3) (paper: 0.3e-6).")] = None,
    thickness: Annotated[float | None, typer.Option("--thickness", help="Ta thickness (m) (assumption: 1e-6).")] = None,
    resistance: Annotated[float | None, typer.Option("--resistance", help="Junction R_T*A (Ohm m^2); default: "
                                                     "calibrated to the paper's 25 nW at 200 mK.")] = None,
    points: Annotated[int, typer.Option("--points", help="Temperatures on the power/COP curve, 2-200.")] = 10,
    out: Annotated[Path | None, typer.Option("--out", help="Write the figure (PNG/SVG/PDF).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Superconducting quantum refrigerator (Manikandan, Giazotto & Jordan 2019) at device scale.

    A Ta layer is cycled between superconducting and normal by a magnetic
    field; it takes heat from a Cu block and gives it to Nb through tunnel
    junctions. Prints the paper's headline numbers (cooling power at 200 mK
    and 10 mK for 1 cm^2; cool-down of 0.3 cm^3 Cu) with our value and a
    verdict, the optimal cycle frequency and the COP against Carnot.
    Powers in W, temperatures in K, frequencies in Hz. Takes ~30 s.

    Example: etunnel fridge --json --out fridge.png
    """
    from etunnel.services.refrigeration import run_fridge

    if out is not None:
        from etunnel.outputs import check_output_file

        check_output_file(out, force=force, suffixes=(".png", ".svg", ".pdf"))
    with progress_bar("fridge") as progress:
        result = run_fridge(T_start=t_start, T_low=t_low, area=area, cu_volume=cu_volume, ta_thickness=thickness,
                            specific_resistance=resistance, n_curve=points,
                            step=(lambda name: progress(0, None, name)) if progress else None)
    data = result.to_dict()
    if out is not None:
        from etunnel.plots.device_figures import fridge_figure

        save_figure(fridge_figure(data), out, force=force)
    if json_output:
        print_json(data)
        return
    from rich.table import Table

    console.print("assumptions: " + "; ".join(f"{k}: {v}" for k, v in data["assumptions"].items()))
    table = Table(title="Headline numbers of the paper", header_style="bold")
    for col in ("claim", "paper", "etunnel", "unit", "verdict", "detail"):
        table.add_column(col, overflow="fold")
    for c in data["claims"]:
        table.add_row(c["statement"], fmt(c["paper_value"], ".3g"), fmt(c["etunnel_value"], ".3g"), c["unit"],
                      c["verdict"], c["detail"])
    console.print(table)
    for key, o in data["optimal"].items():
        console.print(f"T = {o['T_K']:g} K: optimal f = {fmt(o['frequency_Hz'], '.4g')} Hz, P = "
                      f"{fmt(o['cooling_power_W'], '.4g')} W, COP = {fmt(o['cop'], '.3g')} "
                      f"(Carnot {fmt(o['carnot_cop'], '.4g')})")
    if out is not None:
        console.print(f"figure written to {out}")
