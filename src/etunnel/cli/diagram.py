"""``etunnel diagram``: the electrical-resistance state diagram of a material in (T, p)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer

from etunnel.cli import app
from etunnel.cli.common import fmt, print_json, print_table, progress_bar
from etunnel.cli.options import PARAMS_HELP, input_file, parse_params, save_figure

_SUFFIXES = (".png", ".svg", ".pdf", ".nc")


@app.command()
def diagram(
    material: Annotated[str, typer.Argument(help="Element symbol (e.g. Hg), or a name with all data in --params.")],
    pressure: Annotated[str, typer.Option(help="Pressure range start:stop[:points], e.g. 0:40GPa or 0:400kbar:81.")] = "0:40GPa",
    temperature: Annotated[str, typer.Option(help="Temperature range start:stop[:points], e.g. 0:300K.")] = "0:300K",
    c_model: Annotated[str, typer.Option("--c-model", help="c(T,p) family: saturating (c = 1-(1-c0)λ^-n) or linear (c = c0+k(λ-1)).")] = "saturating",
    rv_model: Annotated[str, typer.Option("--rv-model", help="R_v(T) family: linear (beta) or boltzmann (gamma, E_x).")] = "linear",
    eos: Annotated[str, typer.Option(help="Equation of state: vinet or birch_murnaghan.")] = "vinet",
    params: Annotated[Optional[str], typer.Option(help=PARAMS_HELP)] = None,
    eos_data: Annotated[Optional[str], typer.Option("--eos-data", help="ACWF EOS CSV (acwf_unaries_PBE_AE_eos.csv) for B0' (computed, DFT-PBE).")] = None,
    eos_structure: Annotated[Optional[str], typer.Option("--eos-structure", help="Structure to take from --eos-data (BCC, FCC, SC, Diamond).")] = None,
    rv_convention: Annotated[str, typer.Option("--rv-convention", help="Radius convention for R_v.")] = "paper",
    rb_convention: Annotated[str, typer.Option("--rb-convention", help="Radius convention for R_b.")] = "paper",
    terms: Annotated[str, typer.Option(help="Lattice model: number of terms or 'infinite'.")] = "infinite",
    fit: Annotated[bool, typer.Option("--fit", help="Fit n and beta to the material's measured T_c(p) first; overlay data and fit.")] = False,
    data: Annotated[Optional[str], typer.Option(help="T_c(p) CSV for --fit (default: packaged table).")] = None,
    out: Annotated[Optional[str], typer.Option(help="Write the figure (.png, .svg, .pdf) or the grid (.nc, netCDF3).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Electrical-resistance state diagram in (T, p): Figure 8 made quantitative.

    At every grid point R_b(T,p) (EOS + thermal expansion), R_v(T) and c(T,p)
    give the state by eq. (11)/(38). Boundaries are solved exactly (brentq):
    T_c(p) where R_v = R_c, the insulating boundary where c = c*, triple points.

    Example: etunnel diagram Hg --pressure 0:40GPa --temperature 0:300K --out hg.png
    """
    from etunnel.outputs import check_output_file
    from etunnel.services.diagram_report import diagram_figure, state_diagram_report
    from etunnel.services.material import build_material
    from etunnel.units import parse_pressure, parse_range, parse_temperature

    if data is not None and not fit:
        raise typer.BadParameter("is used only with --fit", param_hint="--data")
    data = input_file(data, "--data")
    eos_data = input_file(eos_data, "--eos-data")
    p_range = parse_range("--pressure", pressure, parse_pressure)
    t_range = parse_range("--temperature", temperature, parse_temperature)
    if out is not None:
        check_output_file(out, force=force, suffixes=_SUFFIXES)
    m = build_material(material, params=parse_params(params), c_model=c_model, rv_model=rv_model, eos=eos,
                       eos_data=eos_data, eos_structure=eos_structure, rv_convention=rv_convention,
                       rb_convention=rb_convention, terms=terms)
    with progress_bar(f"state diagram of {material}", enabled=not json_output) as progress:
        report = state_diagram_report(m, t_range, p_range, fit=fit, data=data, progress=progress)
    if out is not None:
        if Path(out).suffix.lower() == ".nc":
            from etunnel.outputs import atomic_file

            with atomic_file(out, force=force) as temp:
                report.dataset.to_netcdf(temp, engine="scipy")
        else:
            save_figure(diagram_figure(report), out, force=force)
        report = replace(report, out=str(out))
    if json_output:
        print_json(report.to_dict())
        return
    ds, m = report.dataset, report.conditions
    rows = [(f"fraction {k}", f"{v:.3f}", "") for k, v in report.state_fractions.items()]
    sc = ds["T_superconducting"].values
    solved = sum(1 for row in sc if math.isfinite(row[0]))
    rows.append(("T_c(p) solved at", f"{solved} of {sc.shape[0]}", "pressures"))
    ps = ds["p_superconducting"].values[:, 0]
    rows.append(("SC boundary p at T min / max", f"{fmt(ps[0] / 1e9, '.4g')} / {fmt(ps[-1] / 1e9, '.4g')}", "GPa"))
    pi = ds["p_insulating"].values[:, 0]
    rows.append(("insulating boundary p at T min / max", f"{fmt(pi[0] / 1e9, '.4g')} / {fmt(pi[-1] / 1e9, '.4g')}", "GPa"))
    rows.append(("triple points", str(ds.sizes.get("triple", 0)), ""))
    rows.append(("isochore slope 1/(3 alpha B) at p min", fmt(report.isochore_slope_K_per_GPa["at_p_min"], ".4g"),
                 "K/GPa"))
    for a in m.assumptions():
        rows.append(("assumption", a, ""))
    if out is not None:
        rows.append(("written", str(out), ""))
    print_table(f"State diagram of {m.name}", rows)
