"""``etunnel tc``: T_c from an electron-phonon spectrum by McMillan, Allen-Dynes and the Eliashberg equations."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Optional

import typer

from etunnel.checks import InputError
from etunnel.cli import app
from etunnel.cli.common import console, err_console, fmt, print_json
from etunnel.cli.options import save_figure

_FIGURE_TYPES = (".png", ".svg", ".pdf")


def _band(b) -> str:
    if b is None:
        return "missing"
    return f"{b[0]:.4g}" if math.isclose(b[0], b[1], rel_tol=1e-9) else f"{b[0]:.4g}-{b[1]:.4g}"


def _print_table(result) -> None:
    from rich.table import Table

    table = Table(title=f"Standard theory vs measured T_c [K] (mu* band {result.mu_star_band[0]:g}-{result.mu_star_band[1]:g})",
                  header_style="bold")
    for col in ("#", "material", "p [GPa]", "lambda", "measured", "McMillan", "Allen-Dynes", "Eliashberg", "published"):
        table.add_column(col, overflow="fold")
    for i, r in enumerate(result.rows, start=1):
        p = r.pressure_theory_GPa
        table.add_row(
            str(i), f"{r.material} {r.phase}".strip(), "missing" if p is None else f"{p:g}",
            fmt(r.lambda_ep, ".3g") if r.lambda_ep is not None else "missing",
            "missing" if r.tc_measured_K is None else f"{r.tc_measured_K:g} ({r.pressure_measured_GPa:g} GPa)",
            _band(r.tc_mcmillan_K), _band(r.tc_allen_dynes_K), _band(r.tc_eliashberg_K), _band(r.tc_published_theory_K),
        )
    console.print(table)
    for i, r in enumerate(result.rows, start=1):
        extra = []
        if r.omega_log_needed_eliashberg_K:
            extra.append(f"omega_log an Einstein spectrum needs for the measured T_c: {_band(r.omega_log_needed_eliashberg_K)} K")
        if r.published_theory_method:
            extra.append(f"published: {r.published_theory_method}")
        extra.append(f"tunnel model: {r.tunnel_model.split(' (')[0].split(':')[0]}")
        console.print(f"{i}. " + "; ".join(extra), markup=False)
    if any(r.kind != "element" for r in result.rows):
        console.print("- tunnel model 'no inputs': it needs R_v and R_b, which etunnel defines for elements only",
                      markup=False)
    for note in result.notes:
        console.print(f"- {note}", markup=False)
    console.print("Sources for every value: --json (rows[].sources).")


@app.command()
def tc(
    spectrum: Annotated[Optional[Path], typer.Option("--spectrum", help=(
        "Two-column CSV of alpha2F: header names the energy unit, e.g. 'energy (meV),a2F' "
        "(meV, eV, K, THz, cm-1, Ry, J); '#' lines are comments; at most 20000 rows."))] = None,
    modes: Annotated[Optional[str], typer.Option("--modes", help=(
        "Einstein modes ENERGY:LAMBDA, comma-separated, e.g. 40meV:0.7,140meV:1.6."))] = None,
    debye: Annotated[Optional[str], typer.Option("--debye", help=(
        "Debye-shaped alpha2F = lambda (w/w_D)^2 below w_D, as W_D:LAMBDA, e.g. 20meV:1.0."))] = None,
    material: Annotated[Optional[str], typer.Option("--material", help=(
        "A material of the packaged table (etunnel/data/coupling_parameters.csv), or 'all'."))] = None,
    mu_star: Annotated[float, typer.Option("--mu-star", help=(
        "Coulomb pseudopotential mu* in [0, 0.5], defined at --mu-star-cutoff. With --material the "
        "band 0.10-0.13 is used instead."))] = 0.1,
    cutoff: Annotated[Optional[str], typer.Option("--cutoff", help=(
        "Matsubara cutoff energy omega_c, e.g. 400meV (default: 10 x the highest phonon energy)."))] = None,
    mu_star_cutoff: Annotated[Optional[str], typer.Option("--mu-star-cutoff", help=(
        "Energy at which mu* is given (default: the cutoff itself); if different, mu* is carried to the "
        "cutoff by Morel-Anderson scaling."))] = None,
    gap: Annotated[bool, typer.Option("--gap/--no-gap", help="Also solve the gap at 0.2 T_c and find Delta_0 by Padé.")] = True,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write the figure (.png, .svg, .pdf).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """T_c of an electron-phonon spectrum: moments, McMillan, Allen-Dynes (f1 f2), Eliashberg, gap.

    Give exactly one of --spectrum, --modes, --debye or --material. Prints the moments (lambda,
    omega_log, omega_2, <omega>), T_c by McMillan (omega_log/1.2 prefactor), Allen-Dynes with its
    strong-coupling and shape corrections f1 f2 (PRB 12, 905 (1975)), and the linearised isotropic
    Eliashberg equations (largest kernel eigenvalue = 1) with a Matsubara convergence check; then
    the gap Delta(i omega_n) at 0.2 T_c and Delta_0 by Padé continuation, with 2 Delta_0/k_B T_c
    beside Carbotte's empirical ratio. --material prints the packaged table of published coupling
    parameters (elements and hydrides under pressure) with measured T_c beside each theory.

    Examples:
      etunnel tc --modes 40meV:0.7,140meV:1.6 --mu-star 0.1 --out tc.png
      etunnel tc --spectrum a2f.csv --mu-star 0.13 --cutoff 1eV --json
      etunnel tc --material H3S
    """
    from etunnel.services.critical_temperature import coupling_table, spectrum_critical_temperature
    from etunnel.standard.spectral_function import parse_energy, parse_modes, read_spectrum

    given = [n for n, v in (("--spectrum", spectrum), ("--modes", modes), ("--debye", debye), ("--material", material))
             if v is not None]
    if len(given) != 1:
        raise InputError("give exactly one of --spectrum, --modes, --debye, --material"
                         + (f" (got {', '.join(given)})" if given else ""))
    if out is not None:
        from etunnel.outputs import check_output_file

        check_output_file(out, force=force, suffixes=_FIGURE_TYPES)
    if material is not None:
        if out is not None:
            raise InputError("--out draws a spectrum's figure; the --material table has none (use --json for data)")
        result = coupling_table(material=None if material.strip().lower() == "all" else material)
        if json_output:
            print_json(result.to_dict())
        else:
            _print_table(result)
        return
    if spectrum is not None:
        s = read_spectrum(spectrum)
    elif modes is not None:
        s = parse_modes(modes)
    else:
        if debye.count(":") != 1:
            raise InputError(f"--debye must be W_D:LAMBDA such as 20meV:1.0, got {debye!r}")
        from etunnel.standard.spectral_function import debye_spectrum

        w, lam = debye.split(":")
        try:
            lam_value = float(lam)
        except ValueError:
            raise InputError(f"--debye coupling must be a number, got {lam!r}") from None
        s = debye_spectrum(parse_energy("--debye energy", w), lam_value)
    wc = None if cutoff is None else parse_energy("--cutoff", cutoff)
    ref = None if mu_star_cutoff is None else parse_energy("--mu-star-cutoff", mu_star_cutoff)
    if json_output:
        result = spectrum_critical_temperature(s, mu_star, cutoff=wc, mu_star_cutoff=ref, gap=gap)
    else:
        with err_console.status("solving the Eliashberg equations", spinner="dots"):
            result = spectrum_critical_temperature(s, mu_star, cutoff=wc, mu_star_cutoff=ref, gap=gap)
    if out is not None:
        from etunnel.plots.eliashberg_figure import plot_critical_temperature

        save_figure(plot_critical_temperature(result), out, force=force)
    if json_output:
        print_json(result.to_dict())
        return
    _print_result(result, out)


def _print_result(result, out) -> None:
    from rich.table import Table

    m = result.moments
    el = result.eliashberg
    console.print(f"spectrum: {result.spectrum}", markup=False)
    table = Table(title="moments of alpha2F", header_style="bold")
    for col in ("quantity", "value", "unit"):
        table.add_column(col)
    table.add_row("lambda", f"{m['lambda']:.6g}", "1")
    for key, label in (("omega_log", "omega_log"), ("omega_2", "omega_2 = <w^2>^1/2"), ("omega_1", "<omega>"),
                       ("omega_max", "omega_max")):
        table.add_row(label, f"{m[key + '_meV']:.6g} meV = {m[key + '_K']:.6g}", "K")
    console.print(table)
    t = Table(title=f"T_c at mu* = {result.mu_star:g}", header_style="bold")
    for col in ("model", "T_c", "unit", "note"):
        t.add_column(col, overflow="fold")
    t.add_row("McMillan (omega_log/1.2)", f"{result.tc_mcmillan_K:.5g}", "K", "Allen-Dynes eq. 34 with f1 = f2 = 1")
    t.add_row("Allen-Dynes", f"{result.tc_allen_dynes_K:.5g}", "K",
              f"f1 = {result.allen_dynes_f1:.4f}, f2 = {result.allen_dynes_f2:.4f}")
    conv = (f"{el['n_frequencies']} Matsubara frequencies ({el['n_cutoff']} below the cutoff); doubled: "
            f"{fmt(el['tc_doubled_frequencies'], '.6g')} K, change {fmt(el['relative_change'], '.2g')} "
            f"({'converged' if el['converged'] else 'NOT converged'})")
    t.add_row("Eliashberg (linearised)", fmt(el["tc"], ".5g"), "K", el["note"] or conv)
    g = result.gap
    if g is not None:
        t.add_row("gap edge Delta_0 (Padé)", fmt(g.gap_edge_meV, ".4g"), "meV",
                  f"from Delta(i w_n) at {g.temperature_K:.4g} K; {g.pade['note'] or 'Padé checks passed'}")
        t.add_row("2 Delta_0 / k_B T_c", fmt(g.two_delta_over_kTc, ".4g"), "1",
                  f"BCS 3.528; Carbotte's empirical ratio at this T_c/omega_log: {fmt(g.carbotte_two_delta_over_kTc, '.4g')}")
    console.print(t)
    console.print("assumptions: " + "; ".join(result.assumptions), markup=False)
    console.print(f"time: {result.timing_s['eliashberg_tc_with_convergence_check']:.3f} s for T_c with its check, "
                  f"{result.timing_s['gap_and_pade']:.3f} s for the gap")
    if out is not None:
        console.print(f"figure written to {out}")
