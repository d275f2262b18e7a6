"""``etunnel engine``: the quantum piston engine (Otto cycle on a double-well working medium)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etunnel.checks import InputError
from etunnel.cli import app
from etunnel.cli.common import console, fmt, print_json, progress_bar
from etunnel.cli.options import save_figure


@app.command()
def engine(
    medium: Annotated[str, typer.Option("--medium", help="Working medium: 'box' (double well, piston = wall "
                                        "position L) or 'flux-qubit' (rf-SQUID, piston = external flux).")] = "flux-qubit",
    tau: Annotated[list[float] | None, typer.Option("--tau", help="Stroke duration in seconds; repeat for a sweep "
                                                    "(default: 7 values, 0.2-10 ns flux qubit, 0.5-40 ps box; "
                                                    "at most 200).")] = None,
    t_hot: Annotated[float | None, typer.Option("--t-hot", help="Hot bath (K) (default 0.1 flux qubit, 10 box).")] = None,
    t_cold: Annotated[float | None, typer.Option("--t-cold", help="Cold bath (K) (default 0.01 flux qubit, 1 box).")] = None,
    lam_hot: Annotated[float | None, typer.Option("--lam-hot", help="Piston at the hot contact: L (m) for the box "
                                                  "(default 26e-9), phi_ext (rad) for the flux qubit (default pi+0.15).")] = None,
    lam_cold: Annotated[float | None, typer.Option("--lam-cold", help="Piston at the cold contact (default 22e-9 m / pi rad).")] = None,
    e_j: Annotated[float | None, typer.Option("--ej", help="Flux qubit E_J/h (Hz) (default 15e9).")] = None,
    e_c: Annotated[float | None, typer.Option("--ec", help="Flux qubit E_C/h (Hz) (default 1e9).")] = None,
    e_l: Annotated[float | None, typer.Option("--el", help="Flux qubit E_L/h (Hz) (default 6e9).")] = None,
    barrier_height: Annotated[float | None, typer.Option("--barrier-height", help="Box barrier V0 (J) (default 20 meV).")] = None,
    levels: Annotated[int | None, typer.Option("--levels", help="Kept eigenstates, 2-24 (default 4 flux qubit, 6 box).")] = None,
    bath: Annotated[str, typer.Option("--bath", help="'complete' thermalisation or finite-time 'lindblad'.")] = "complete",
    gamma: Annotated[float | None, typer.Option("--gamma", help="Lindblad coupling rate (1/s) (bath=lindblad).")] = None,
    bath_time: Annotated[float | None, typer.Option("--bath-time", help="Contact duration (s) (bath=lindblad).")] = None,
    protocol: Annotated[str, typer.Option("--protocol", help="'smooth' (zero piston speed at the ends) or 'linear'.")] = "smooth",
    out: Annotated[Path | None, typer.Option("--out", help="Write the figure (PNG/SVG/PDF).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Quantum Otto engine on a double well: work split into population and coherence parts vs stroke time.

    Two unitary strokes of duration tau move the piston between the hot and
    cold contacts; the baths thermalise completely or act for a finite time
    (Lindblad). Prints work (population part, coherence "friction" part),
    heats, efficiency against Carnot and the two-level Otto value, and power,
    for every tau; energies in J (table in the medium's natural unit).

    Example: etunnel engine --medium flux-qubit --tau 1e-9 --tau 4e-9 --out engine.png
    """
    from etunnel.services.piston_engine import DEFAULTS, run_engine

    if bath not in ("complete", "lindblad"):
        raise InputError(f"--bath must be 'complete' or 'lindblad', got {bath!r}")
    params = {"E_J": e_j, "E_C": e_c, "E_L": e_l, "barrier_height": barrier_height}
    if medium == "box" and any(v is not None for v in (e_j, e_c, e_l)):
        raise InputError("--ej/--ec/--el apply to --medium flux-qubit only")
    if medium == "flux-qubit" and barrier_height is not None:
        raise InputError("--barrier-height applies to --medium box only")
    if out is not None:
        from etunnel.outputs import check_output_file

        check_output_file(out, force=force, suffixes=(".png", ".svg", ".pdf"))
    with progress_bar("engine") as progress:
        result = run_engine(medium, taus=tau or None, T_hot=t_hot, T_cold=t_cold, lam_hot=lam_hot, lam_cold=lam_cold,
                            params=params, n_levels=levels, bath=bath, gamma=gamma, bath_time=bath_time,
                            protocol=protocol, step=(lambda name: progress(0, None, name)) if progress else None)
    data = result.to_dict()
    if out is not None:
        from etunnel.plots.device_figures import engine_figure

        save_figure(engine_figure(data), out, force=force)
    if json_output:
        print_json(data)
        return
    from rich.table import Table

    scale = DEFAULTS[medium]["energy_scale"]
    unit = DEFAULTS[medium]["energy_label"]
    console.print(f"[bold]{data['medium']['medium']}[/bold]; assumptions: " +
                  "; ".join(f"{k} = {v}" for k, v in data["assumptions"].items()))
    c = data["convergence"]
    console.print(f"convergence: basis {c['basis']}, levels change {fmt(c['max_relative_level_change_at_1.5x_basis'], '.1e')} "
                  f"at 1.5x basis; lambda grid {c['lambda_grid_points']} points; highest kept level holds at most "
                  f"{fmt(c['max_population_of_highest_kept_level'], '.1e')} of the population")
    table = Table(title=f"Otto cycle vs stroke time (energies in {unit})", header_style="bold")
    for col in ("tau (s)", "W_out", "-W_pop", "W_coh (friction)", "Q_hot", "Q_cold", "efficiency", "power [W]"):
        table.add_column(col, justify="right")
    for r in data["rows"]:
        table.add_row(fmt(r["tau_s"], ".3g"), fmt(r["work_extracted_J"] / scale, ".4g"),
                      fmt(r["population_work_J"] / scale, ".4g"), fmt(r["coherence_work_J"] / scale, ".3g"),
                      fmt(r["heat_hot_J"] / scale, ".4g"), fmt(r["heat_cold_J"] / scale, ".4g"),
                      "no engine" if r["efficiency"] is None else fmt(r["efficiency"], ".4f"),
                      "—" if r["power_W"] is None else fmt(r["power_W"], ".3g"))
    console.print(table)
    qs = data["quasi_static"]
    console.print(f"Carnot {data['carnot_efficiency']:.4f}; two-level Otto 1 - D_c/D_h = "
                  f"{data['otto_efficiency_two_level']:.4f}; quasi-static (all kept levels) "
                  f"{fmt(qs['efficiency'], '.4f')}")
    if out is not None:
        console.print(f"figure written to {out}")
