"""``etunnel fit``: calibrate the sub-models of a material to measured T_c(p)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import numpy as np
import typer

from etunnel.checks import InputError
from etunnel.cli import app
from etunnel.cli.common import fmt, print_json, print_table, quantity
from etunnel.cli.diagram import PARAMS_HELP, _check_out, build_material, caption_for, material_payload, save_figure


def fit_material(m, *, data: Optional[Path], include_extrapolated: bool, vary=None):
    """Fit ``m`` to its rows of the T_c(p) table; returns (FitResult, rows)."""
    from etunnel.conditions.calibration import base_name, fit_tc_pressure, free_vary, load_tc_pressure, select_material

    if data is not None and not Path(data).is_file():
        raise InputError(f"--data: file {str(data)!r} not found")
    table = load_tc_pressure(data, include_extrapolated=include_extrapolated)
    rows = select_material(table, m.name)
    if rows.empty:
        names = sorted({base_name(x) for x in table["material"]})
        raise InputError(f"no T_c(p) rows for {m.name!r} in {table.attrs.get('path')}; materials: {', '.join(names)}")
    fit = fit_tc_pressure(m, rows["pressure_Pa"].to_numpy(), rows["tc_K"].to_numpy(), rows["sigma_K"].to_numpy(),
                          vary=vary if vary is not None else free_vary(m, len(rows)))
    return fit, rows


def fit_payload(fit, rows=None, predict_at=None) -> dict:
    """JSON-ready description of a FitResult."""
    from etunnel.conditions.calibration import isochore_bound
    from etunnel.conditions.submodels import PARAMETERS

    data = []
    for i in range(fit.n):
        entry = {"pressure_Pa": fit.pressure[i], "tc_K": fit.tc[i], "sigma_K": fit.sigma[i],
                 "model_K": fit.reported_prediction[i], "model_status": fit.predicted_status[i],
                 "residual_K": fit.residuals[i],
                 "baseline_residual_K": fit.baseline.residuals[i]}
        if rows is not None:
            entry["material_row"] = rows["material"].iloc[i]
            entry["reference"] = rows["reference"].iloc[i]
        data.append(entry)
    payload = {
        "material": material_payload(fit.material),
        "n": fit.n,
        "k": fit.k,
        "fitted": {v: quantity(fit.values[v], PARAMETERS[v][0], stderr=fit.stderr[v]) for v in fit.varied},
        "sigma_rule": fit.sigma_rule,
        "data": data,
        "model": {"rmse_K": fit.rmse, "chi2": fit.chi2, "aic": fit.aic, "bic": fit.bic,
                  "n_censored_at_search_limit": fit.n_censored, "n_undefined": fit.n_undefined},
        "baseline": {"form": f"polynomial T_c(p) of degree {fit.baseline.degree} (p in GPa), same weights",
                     "coefficients_highest_power_first": fit.baseline.coefficients,
                     "rmse_K": fit.baseline.rmse, "chi2": fit.baseline.chi2, "aic": fit.baseline.aic,
                     "bic": fit.baseline.bic},
        "winner": {"aic": fit.winner_aic, "bic": fit.winner_bic},
        "isochore_slope_bound_K_per_GPa": {
            "at_min_pressure": float(isochore_bound(fit.material, [fit.pressure.min()])[0] * 1e9),
            "at_max_pressure": float(isochore_bound(fit.material, [fit.pressure.max()])[0] * 1e9),
            "meaning": "smallest dT_c/dp the model allows with R_v non-decreasing in T: 1/(3 alpha B(p))"},
        "optimizer": {"success": fit.success, "message": fit.message},
        "notes": fit.notes,
        "assessment": fit.assessment(),
    }
    if predict_at is not None:
        tc, band, status = fit.predict_with_status(predict_at)
        btc, bband = fit.baseline.predict(predict_at)
        payload["prediction"] = {"pressure_Pa": predict_at, "model_tc_K": tc, "model_band_1sigma_K": band,
                                 "model_status": status, "baseline_tc_K": btc, "baseline_band_1sigma_K": bband}
    return payload


@app.command()
def fit(
    material: Annotated[str, typer.Argument(help="Material as in the table's 'material' column (phases included), e.g. Y.")],
    data: Annotated[Optional[Path], typer.Option(help="T_c(p) CSV (material, pressure_GPa, tc_K[, sigma_K]); default: packaged table.")] = None,
    include_extrapolated: Annotated[bool, typer.Option("--include-extrapolated", help="Keep rows flagged 'extrapolated Tc->0'.")] = False,
    vary: Annotated[Optional[str], typer.Option(help="Parameters to fit, comma-separated (default: c0,n,beta; c0,k,beta for --c-model linear; fewer with fewer points).")] = None,
    c_model: Annotated[str, typer.Option("--c-model", help="c(T,p) family: saturating or linear.")] = "saturating",
    rv_model: Annotated[str, typer.Option("--rv-model", help="R_v(T) family: linear or boltzmann.")] = "linear",
    eos: Annotated[str, typer.Option(help="Equation of state: vinet or birch_murnaghan.")] = "vinet",
    params: Annotated[Optional[str], typer.Option(help=PARAMS_HELP)] = None,
    eos_data: Annotated[Optional[Path], typer.Option("--eos-data", help="ACWF EOS CSV for B0' (computed, DFT-PBE).")] = None,
    eos_structure: Annotated[Optional[str], typer.Option("--eos-structure", help="Structure to take from --eos-data.")] = None,
    predict: Annotated[Optional[str], typer.Option(help="Predict T_c with 1-sigma band on a pressure range, e.g. 0:200GPa:5.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Goodness-of-fit figure (.png, .svg, .pdf).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Fit sub-model parameters to measured T_c(p) and compare with a polynomial baseline (AIC/BIC).

    Rows of the same material at the same pressure that disagree give the
    uncertainty (their standard deviation). Parameter errors come from the
    covariance at the optimum; the prediction band from the delta method.

    Example: etunnel fit Y --out y_fit.png --json
    """
    from etunnel.units import parse_pressure, parse_range

    _check_out(out, (".png", ".svg", ".pdf"))
    predict_at = None
    if predict:
        a, b, k = parse_range("--predict", predict, parse_pressure, default_points=5)
        if a < 0:
            raise InputError(f"--predict must be >= 0 Pa, got start {a:g} Pa")
        predict_at = np.linspace(a, b, k)
    m = build_material(material, params=params, c_model=c_model, rv_model=rv_model, eos=eos, eos_data=eos_data,
                       eos_structure=eos_structure, rv_convention="paper", rb_convention="paper", terms="infinite")
    names = [v.strip() for v in vary.split(",") if v.strip()] if vary else None
    result, rows = fit_material(m, data=data, include_extrapolated=include_extrapolated, vary=names)
    if out is not None:
        from etunnel.plots.state_diagram import plot_fit

        fig = plot_fit(result, caption=caption_for(result.material, extra=f"Data: {len(rows)} rows, sigma rule: "
                                                    f"{result.sigma_rule}. Band: 1 sigma (delta method)."))
        save_figure(fig, out)
    payload = fit_payload(result, rows, predict_at)
    payload["out"] = str(out) if out is not None else None
    if json_output:
        print_json(payload)
        return
    table = [(f"{v} (fitted)", f"{fmt(result.values[v])} ± {fmt(result.stderr[v], '.3g')}", payload["fitted"][v]["unit"])
             for v in result.varied]
    table += [
        ("points n / parameters k", f"{result.n} / {result.k}", ""),
        ("sigma rule", result.sigma_rule, ""),
        ("model RMSE", fmt(result.rmse, ".4g"), "K"),
        ("model AIC / BIC", f"{fmt(result.aic, '.4g')} / {fmt(result.bic, '.4g')}", ""),
        (f"baseline (poly deg {result.baseline.degree}) RMSE", fmt(result.baseline.rmse, ".4g"), "K"),
        ("baseline AIC / BIC", f"{fmt(result.baseline.aic, '.4g')} / {fmt(result.baseline.bic, '.4g')}", ""),
        ("winner AIC / BIC", f"{result.winner_aic} / {result.winner_bic}", ""),
        ("min dTc/dp allowed (isochore)", fmt(payload["isochore_slope_bound_K_per_GPa"]["at_min_pressure"], ".4g"), "K/GPa"),
    ]
    for i in range(result.n):
        table.append((f"p = {result.pressure[i] / 1e9:.4g} GPa", f"meas {result.tc[i]:.4g}, model {fmt(result.reported_prediction[i], '.4g') if np.isfinite(result.reported_prediction[i]) else result.predicted_status[i]}, "
                      f"base {result.baseline.predicted[i]:.4g}", "K"))
    if predict_at is not None:
        pr = payload["prediction"]
        for q, t, b, st in zip(predict_at, pr["model_tc_K"], pr["model_band_1sigma_K"], pr["model_status"]):
            table.append((f"predicted at {q / 1e9:.4g} GPa", f"{fmt(t, '.4g')} ± {fmt(b, '.2g')}" if np.isfinite(t) else st, "K"))
    for label, text in result.summary_lines():
        table.append((label, text, ""))
    for note in result.notes + result.material.assumptions():
        table.append(("note", note[:90], ""))
    if out is not None:
        table.append(("written", str(out), ""))
    print_table(f"T_c(p) calibration of {result.material.name}", table)
