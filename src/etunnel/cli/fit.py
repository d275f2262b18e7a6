"""``etunnel fit``: calibrate the sub-models of a material to measured T_c(p)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer

from etunnel.checks import InputError
from etunnel.cli import app
from etunnel.cli.common import fmt, print_json, print_table
from etunnel.cli.options import PARAMS_HELP, input_file, parse_params, parse_vary, save_figure

_SUFFIXES = (".png", ".svg", ".pdf")


@app.command()
def fit(
    material: Annotated[str, typer.Argument(help="Material as in the table's 'material' column (phases included), e.g. Y.")],
    data: Annotated[Optional[str], typer.Option(help="T_c(p) CSV (material, pressure_GPa, tc_K[, sigma_K]); default: packaged table.")] = None,
    include_extrapolated: Annotated[bool, typer.Option("--include-extrapolated", help="Keep rows flagged 'extrapolated Tc->0'.")] = False,
    vary: Annotated[Optional[str], typer.Option(help="Parameters to fit, comma-separated (default: n,beta; k,beta for --c-model linear).")] = None,
    c_model: Annotated[str, typer.Option("--c-model", help="c(T,p) family: saturating or linear.")] = "saturating",
    rv_model: Annotated[str, typer.Option("--rv-model", help="R_v(T) family: linear or boltzmann.")] = "linear",
    eos: Annotated[str, typer.Option(help="Equation of state: vinet or birch_murnaghan.")] = "vinet",
    params: Annotated[Optional[str], typer.Option(help=PARAMS_HELP)] = None,
    eos_data: Annotated[Optional[str], typer.Option("--eos-data", help="ACWF EOS CSV for B0' (computed, DFT-PBE).")] = None,
    eos_structure: Annotated[Optional[str], typer.Option("--eos-structure", help="Structure to take from --eos-data.")] = None,
    predict: Annotated[Optional[str], typer.Option(help="Predict T_c with 1-sigma band on a pressure range, e.g. 0:200GPa:5.")] = None,
    out: Annotated[Optional[str], typer.Option(help="Goodness-of-fit figure (.png, .svg, .pdf).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Fit sub-model parameters to measured T_c(p) and compare with a polynomial baseline (AIC/BIC).

    Rows of the same material at the same pressure that disagree give the
    uncertainty (their standard deviation). Parameter errors come from the
    covariance at the optimum; the prediction band from the delta method.

    Example: etunnel fit Y --out y_fit.png --json
    """
    from etunnel.outputs import check_output_file
    from etunnel.services.fit_report import fit_figure, fit_report
    from etunnel.services.material import build_material
    from etunnel.units import parse_pressure, parse_range

    if out is not None:
        check_output_file(out, force=force, suffixes=_SUFFIXES)
    data = input_file(data, "--data")
    eos_data = input_file(eos_data, "--eos-data")
    predict_at = None
    if predict:
        import numpy as np

        a, b, k = parse_range("--predict", predict, parse_pressure, default_points=5)
        if a < 0:
            raise InputError(f"--predict must be >= 0 Pa, got start {a:g} Pa")
        predict_at = np.linspace(a, b, k)
    names = parse_vary(vary)
    m = build_material(material, params=parse_params(params), c_model=c_model, rv_model=rv_model, eos=eos,
                       eos_data=eos_data, eos_structure=eos_structure, rv_convention="paper", rb_convention="paper",
                       terms="infinite")
    report = fit_report(m, data=data, include_extrapolated=include_extrapolated, vary=names, predict_at=predict_at)
    if out is not None:
        save_figure(fit_figure(report), out, force=force)
        report = replace(report, out=str(out))
    if json_output:
        print_json(report.to_dict())
        return
    result = report.result
    table = [(f"{v} (fitted)", f"{fmt(result.values[v])} ± {fmt(result.stderr[v], '.3g')}", report.fitted[v]["unit"])
             for v in result.varied]
    table += [
        ("points n / parameters k", f"{result.n} / {result.k}", ""),
        ("sigma rule", result.sigma_rule, ""),
        ("model RMSE", fmt(result.rmse, ".4g"), "K"),
        ("model AIC / BIC", f"{fmt(result.aic, '.4g')} / {fmt(result.bic, '.4g')}", ""),
        (f"baseline (poly deg {result.baseline.degree}) RMSE", fmt(result.baseline.rmse, ".4g"), "K"),
        ("baseline AIC / BIC", f"{fmt(result.baseline.aic, '.4g')} / {fmt(result.baseline.bic, '.4g')}", ""),
        ("winner AIC / BIC", f"{result.winner_aic} / {result.winner_bic}", ""),
        ("min dTc/dp allowed (isochore)", fmt(report.isochore_slope_bound_K_per_GPa["at_min_pressure"], ".4g"), "K/GPa"),
    ]
    for i in range(result.n):
        table.append((f"p = {result.pressure[i] / 1e9:.4g} GPa", f"meas {result.tc[i]:.4g}, model {fmt(result.predicted[i], '.4g')}, "
                      f"base {result.baseline.predicted[i]:.4g}", "K"))
    for note in result.notes + result.material.assumptions():
        table.append(("note", note, ""))
    if out is not None:
        table.append(("written", str(out), ""))
    print_table(f"T_c(p) calibration of {result.material.name}", table)
