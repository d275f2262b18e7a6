"""``etunnel diagram``: the electrical-resistance state diagram of a material in (T, p)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import numpy as np
import typer

from etunnel.checks import InputError
from etunnel.cli import app
from etunnel.cli.common import console, fmt, print_json, print_table, quantity

PARAMS_HELP = (
    "Sub-model parameters, comma-separated name=value with units where they have one: "
    "R_v0=132pm, R_b0=223pm, B0=25GPa, B0_prime=5, alpha=2e-5 (1/K), T_ref=298.15K, "
    "beta=1e-5 (1/K), gamma=1, E_x=1eV, c0=0.1, k=1, n=1."
)


def parse_params(text: str | None) -> dict:
    """Parse ``--params`` into SI floats (raises InputError naming the bad item)."""
    from etunnel.conditions.submodels import EV, PARAMETERS
    from etunnel.units import parse_length, parse_pressure, parse_quantity, parse_temperature

    out: dict[str, float] = {}
    if not text:
        return out
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        if "=" not in item:
            raise InputError(f"--params: expected name=value, got {item!r}")
        name, value = (s.strip() for s in item.split("=", 1))
        if name not in PARAMETERS:
            raise InputError(f"--params: unknown parameter {name!r}; known: {', '.join(PARAMETERS)}")
        unit = PARAMETERS[name][0]
        label = f"--params {name}"
        if unit == "m":
            out[name] = parse_length(label, value)
        elif unit == "Pa":
            out[name] = parse_pressure(label, value)
        elif unit == "K":
            out[name] = parse_temperature(label, value if not _bare(value) else value + "K")
        elif unit == "J":
            out[name] = parse_quantity(label, value, {"J": 1.0, "eV": EV, "meV": 1e-3 * EV}, default_unit="J")
        else:
            out[name] = parse_quantity(label, value, {"1/K": 1.0, "K^-1": 1.0, "1": 1.0}, default_unit="1")
    return out


def _bare(value: str) -> bool:
    try:
        float(value)
        return True
    except ValueError:
        return False


def build_material(material: str, *, params: str | None, c_model: str, rv_model: str, eos: str,
                   eos_data: Optional[Path], eos_structure: Optional[str], rv_convention: str, rb_convention: str,
                   terms: str):
    """MaterialConditions from CLI options."""
    from etunnel.conditions.submodels import material_conditions

    if eos_data is not None and not Path(eos_data).is_file():
        raise InputError(f"--eos-data: file {str(eos_data)!r} not found")
    return material_conditions(material, params=parse_params(params), c_model=c_model, rv_model=rv_model, eos=eos,
                               eos_data=eos_data, eos_structure=eos_structure, rv_convention=rv_convention,
                               rb_convention=rb_convention, terms=terms)


def material_payload(m) -> dict:
    """JSON description of a MaterialConditions: parameters with units and sources, and assumptions."""
    from etunnel.conditions.submodels import PARAMETERS

    used = {"R_v0", "R_b0", "B0", "B0_prime", "alpha", "T_ref", *m.model_parameters}
    return {
        "name": m.name,
        "c_model": m.c_model,
        "rv_model": m.rv_model,
        "eos": m.eos,
        "terms": str(m.terms),
        "parameters": {k: quantity(m.params[k], PARAMETERS[k][0], source=m.sources.get(k, ""))
                       for k in PARAMETERS if k in used},
        "assumptions": m.assumptions(),
        "B0_prime_origin": _b0_prime_origin(m),
    }


def _b0_prime_origin(m) -> str:
    source = m.sources.get("B0_prime", "")
    if source.startswith("computed (ACWF"):
        return "computed (ACWF, DFT-PBE)"
    if source.startswith("assumption"):
        return "assumption B0' = 4"
    return source


def caption_for(m, extra: str = "") -> str:
    """Figure caption: assumptions and the origin of B0'."""
    parts = [f"B0' = {m.params['B0_prime']:.4g}: {_b0_prime_origin(m)}."]
    parts += [a + "." for a in m.assumptions() if not a.startswith("B0_prime")]
    parts.append(f"alpha = {m.params['alpha']:.3g} 1/K ({m.sources.get('alpha', '')}).")
    if extra:
        parts.append(extra)
    return " ".join(parts)


def save_figure(fig, out: Path) -> None:
    """Save a matplotlib figure atomically (no partial file on failure)."""
    from etunnel.conditions.files import atomic_path

    with atomic_path(out) as temp:
        fig.savefig(temp, dpi=130)


def _check_out(out: Optional[Path], allowed: tuple[str, ...]) -> None:
    if out is not None and out.suffix.lower() not in allowed:
        raise InputError(f"--out: unsupported file type {out.suffix or '(none)'!r}; use {', '.join(allowed)}")


@app.command()
def diagram(
    material: Annotated[str, typer.Argument(help="Element symbol (e.g. Hg), or a name with all data in --params.")],
    pressure: Annotated[str, typer.Option(help="Pressure range start:stop[:points], e.g. 0:40GPa or 0:400kbar:81.")] = "0:40GPa",
    temperature: Annotated[str, typer.Option(help="Temperature range start:stop[:points], e.g. 0:300K.")] = "0:300K",
    c_model: Annotated[str, typer.Option("--c-model", help="c(T,p) family: saturating (c = 1-(1-c0)λ^-n) or linear (c = c0+k(λ-1)).")] = "saturating",
    rv_model: Annotated[str, typer.Option("--rv-model", help="R_v(T) family: linear (beta) or boltzmann (gamma, E_x).")] = "linear",
    eos: Annotated[str, typer.Option(help="Equation of state: vinet or birch_murnaghan.")] = "vinet",
    params: Annotated[Optional[str], typer.Option(help=PARAMS_HELP)] = None,
    eos_data: Annotated[Optional[Path], typer.Option("--eos-data", help="ACWF EOS CSV (acwf_unaries_PBE_AE_eos.csv) for B0' (computed, DFT-PBE).")] = None,
    eos_structure: Annotated[Optional[str], typer.Option("--eos-structure", help="Structure to take from --eos-data (BCC, FCC, SC, Diamond).")] = None,
    rv_convention: Annotated[str, typer.Option("--rv-convention", help="Radius convention for R_v.")] = "paper",
    rb_convention: Annotated[str, typer.Option("--rb-convention", help="Radius convention for R_b.")] = "paper",
    terms: Annotated[str, typer.Option(help="Lattice model: number of terms or 'infinite'.")] = "infinite",
    fit: Annotated[bool, typer.Option("--fit", help="Fit c0, n and beta to the material's measured T_c(p) first; overlay data and fit (a failed fit says so).")] = False,
    data: Annotated[Optional[Path], typer.Option(help="T_c(p) CSV for --fit (default: packaged table).")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Write the figure (.png, .svg, .pdf) or the grid (.nc, netCDF3).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Electrical-resistance state diagram in (T, p): Figure 8 made quantitative.

    At every grid point R_b(T,p) (EOS + thermal expansion), R_v(T) and c(T,p)
    give the state by eq. (11)/(38). Boundaries are solved exactly (brentq):
    T_c(p) where R_v = R_c, the insulating boundary where c = c*, triple points.

    Example: etunnel diagram Hg --pressure 0:40GPa --temperature 0:300K --out hg.png
    """
    from etunnel.conditions.diagram import STATE_NAMES, state_diagram, summarize
    from etunnel.units import parse_pressure, parse_range, parse_temperature

    p0, p1, n_p = parse_range("--pressure", pressure, parse_pressure)
    t0, t1, n_t = parse_range("--temperature", temperature, parse_temperature)
    if p0 < 0:
        raise InputError(f"--pressure must be >= 0, got start {p0:g} Pa")
    if t0 < 0:
        raise InputError(f"--temperature must be >= 0 K, got start {t0:g} K")
    _check_out(out, (".png", ".svg", ".pdf", ".nc"))
    m = build_material(material, params=params, c_model=c_model, rv_model=rv_model, eos=eos, eos_data=eos_data,
                       eos_structure=eos_structure, rv_convention=rv_convention, rb_convention=rb_convention,
                       terms=terms)
    fit_result = None
    if fit:
        from etunnel.cli.fit import fit_material

        fit_result, _ = fit_material(m, data=data, include_extrapolated=False)
        m = fit_result.material
    T = np.linspace(t0, t1, n_t)
    P = np.linspace(p0, p1, n_p)
    if T.size * P.size >= 1000 and not json_output:
        from rich.progress import Progress

        with Progress(console=console, transient=True) as bar:
            task = bar.add_task(f"state diagram of {m.name}", total=P.size + 1)
            ds = state_diagram(m, T, P, progress=lambda done, total: bar.update(task, completed=done))
    else:
        ds = state_diagram(m, T, P)
    if out is not None:
        if out.suffix.lower() == ".nc":
            from etunnel.conditions.files import atomic_path

            with atomic_path(out) as temp:
                ds.to_netcdf(temp, engine="scipy")
        else:
            from etunnel.plots.state_diagram import plot_state_diagram

            fig = plot_state_diagram(ds, fit=fit_result, caption=caption_for(m))
            save_figure(fig, out)
    summary = summarize(ds)
    sc = ds["T_superconducting"].values
    ins = ds["T_insulating"].values
    from etunnel.conditions.calibration import isochore_bound

    slope = isochore_bound(m, [p0, p1])
    payload = {
        "material": material_payload(m),
        "grid": {"pressure": quantity([p0, p1, n_p], "Pa"), "temperature": quantity([t0, t1, n_t], "K")},
        "insulating_threshold": ds.attrs["insulating_threshold"],
        "state_fractions": summary["fractions"],
        "state_codes": {str(k): v for k, v in STATE_NAMES.items()},
        "boundaries": {
            "superconducting_T_of_p": {"pressure_Pa": P, "T_K": sc, "equation": "R_v(T) = R_c(T,p) (eq. 38, 11)"},
            "superconducting_p_of_T": {"T_K": T, "pressure_Pa": ds["p_superconducting"].values},
            "insulating_T_of_p": {"pressure_Pa": P, "T_K": ins, "equation": "c(T,p) = c*"},
            "insulating_p_of_T": {"T_K": T, "pressure_Pa": ds["p_insulating"].values},
            "triple_points": [{"T_K": t, "pressure_Pa": q} for t, q in zip(ds["triple_temperature"].values,
                                                                           ds["triple_pressure"].values)],
            "tolerance": {"T_K": 1e-10, "s": 1e-15},
        },
        "isochore_slope_K_per_GPa": {"at_p_min": slope[0] * 1e9, "at_p_max": slope[1] * 1e9,
                                     "meaning": "dT/dp = 1/(3 alpha B): slope of every boundary when R_v is "
                                                "temperature-independent; the smallest T_c(p) slope the model allows "
                                                "with a non-decreasing R_v"},
        "out": str(out) if out is not None else None,
    }
    if fit_result is not None:
        from etunnel.cli.fit import fit_payload

        payload["fit"] = fit_payload(fit_result)
    if json_output:
        print_json(payload)
        return
    rows = [(f"fraction {k}", f"{v:.3f}", "") for k, v in summary["fractions"].items()]
    first_sc = [(p, row[0]) for p, row in zip(P, sc) if np.isfinite(row[0])]
    rows.append(("T_c(p) solved at", f"{len(first_sc)} of {P.size}", "pressures"))
    ps = ds["p_superconducting"].values[:, 0]
    rows.append(("SC boundary p at T min / max", f"{fmt(ps[0] / 1e9, '.4g')} / {fmt(ps[-1] / 1e9, '.4g')}", "GPa"))
    pi = ds["p_insulating"].values[:, 0]
    rows.append(("insulating boundary p at T min / max", f"{fmt(pi[0] / 1e9, '.4g')} / {fmt(pi[-1] / 1e9, '.4g')}", "GPa"))
    rows.append(("triple points", str(ds.sizes.get("triple", 0)), ""))
    rows.append(("isochore slope 1/(3 alpha B) at p min", fmt(slope[0] * 1e9, ".4g"), "K/GPa"))
    if fit_result is not None:
        rows += [(label, text, "") for label, text in fit_result.summary_lines()]
    for a in m.assumptions():
        rows.append(("assumption", a[:80], ""))
    if out is not None:
        rows.append(("written", str(out), ""))
    print_table(f"State diagram of {m.name}", rows)
