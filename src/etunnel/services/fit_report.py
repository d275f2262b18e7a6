"""Use case: calibrate a material's sub-models to measured T_c(p), beside a polynomial baseline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etunnel.checks import InputError
from etunnel.services.base import Result, flattened, internal, quantity
from etunnel.services.material import describe_material


@dataclass(frozen=True)
class FitReport(Result):
    """A T_c(p) calibration: fitted values with standard errors, per-point residuals, model vs baseline.

    Attributes
    ----------
    material : MaterialDescription
        The material with the fitted parameters in place.
    n, k : int
        Data points and fitted parameters.
    fitted : dict
        Each varied parameter: value, unit, stderr.
    data : list
        Each point: pressure [Pa], T_c, sigma, model and residuals [K].
    model, baseline, winner :
        RMSE [K], chi2, AIC, BIC of the model and of the polynomial baseline; the AIC/BIC winner.
    covariance : dict
        The fitted parameters' covariance (null with the reason where undetermined) and, where finite,
        a ready ``[parameters.correlated]`` block for a sweep spec.
    prediction : dict or None
        T_c [K] with 1-sigma bands at the requested pressures [Pa].
    out : str or None
        Figure written, if any.
    """

    material: object
    n: int
    k: int
    fitted: dict
    sigma_rule: str
    data: list
    model: dict
    baseline: dict
    winner: dict
    isochore_slope_bound_K_per_GPa: dict
    optimizer: dict
    notes: list
    covariance: dict | None = None
    prediction: dict | None = None
    out: str | None = None
    extra: dict = flattened()
    result: object = internal(default=None)
    rows: object = internal(default=None)


def check_vary(m, vary) -> tuple[str, ...] | None:
    """Check the names to fit: fittable, used by the material's sub-models, no duplicates."""
    from etunnel.conditions.calibration import FIT_BOUNDS

    if vary is None:
        return None
    names = tuple(vary)
    if not names:
        raise InputError("--vary: no parameter named; give e.g. n,beta")
    seen = set()
    for v in names:
        if v in seen:
            raise InputError(f"--vary: parameter {v!r} named twice")
        seen.add(v)
        if v not in FIT_BOUNDS:
            raise InputError(f"--vary: cannot fit {v!r}; fittable: {', '.join(FIT_BOUNDS)}")
        if v not in m.model_parameters:
            raise InputError(f"--vary: {v!r} is not a parameter of c-model {m.c_model!r} / rv-model {m.rv_model!r} "
                             f"(those use {', '.join(m.model_parameters)})")
    return names


def check_data_file(data, option: str = "--data") -> None:
    """Refuse a T_c(p) file that does not exist, before any work."""
    if data is not None and not Path(data).is_file():
        raise InputError(f"{option}: file {str(data)!r} not found")


def fit_material(m, *, data: str | Path | None = None, include_extrapolated: bool = False, vary=None):
    """Fit ``m`` to its rows of the T_c(p) table; returns (FitResult, rows)."""
    from etunnel.conditions.calibration import base_name, fit_tc_pressure, free_vary, load_tc_pressure, select_material

    check_data_file(data)
    vary = check_vary(m, vary)
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
        "material": describe_material(fit.material),
        "n": fit.n,
        "k": fit.k,
        "fitted": {v: quantity(fit.values[v], PARAMETERS[v][0], stderr=fit.stderr[v]) for v in fit.varied},
        "sigma_rule": fit.sigma_rule,
        "covariance": covariance_payload(fit),
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


def covariance_payload(fit) -> dict:
    """The fitted parameters' covariance (SI units of each pair), null with the reason where it is undetermined.

    Where finite, ``sweep_block`` is ready to paste as a sweep spec's
    ``[parameters.correlated]`` table (see ``examples/sweep-small.toml``).
    """
    import numpy as np

    from etunnel.conditions.submodels import PARAMETERS

    names = list(fit.varied)
    finite = bool(np.all(np.isfinite(fit.covariance)))
    matrix = [[float(x) for x in row] for row in fit.covariance] if finite else None
    return {"names": names, "units": [PARAMETERS[v][0] for v in names],
            "matrix": matrix, "reason_null": None if finite else (fit.covariance_reason or "undetermined"),
            "method": "C = s^2 (J^T J)^-1 at the optimum, s^2 = chi2/(n - k)",
            "sweep_block": None if not finite else {"names": names, "mean": [fit.values[v] for v in names],
                                                    "covariance": matrix}}


#: Largest number of prediction pressures (``--predict``).
MAX_PREDICTION_POINTS = 10_001


def fit_report(m, *, data: str | Path | None = None, include_extrapolated: bool = False, vary=None,
               predict_at=None) -> FitReport:
    """Fit ``m`` to measured T_c(p) and describe the fit (see :class:`FitReport`).

    Parameters
    ----------
    m : MaterialConditions
        Starting material (:func:`etunnel.services.material.build_material`).
    data : path, optional
        T_c(p) CSV; default the packaged table.
    include_extrapolated : bool
        Keep rows flagged 'extrapolated Tc->0'.
    vary : sequence of str, optional
        Parameters to fit (default: the calibration's choice).
    predict_at : array_like, optional
        Pressures [Pa], ``>= 0``, at most :data:`MAX_PREDICTION_POINTS`.
    """
    import numpy as np

    if predict_at is not None:
        predict_at = np.asarray(predict_at, dtype=float)
        if predict_at.ndim != 1 or predict_at.size > MAX_PREDICTION_POINTS:
            raise InputError(f"--predict: at most {MAX_PREDICTION_POINTS} pressures, got {predict_at.size}")
        if not np.all(np.isfinite(predict_at)) or np.any(predict_at < 0):
            raise InputError("--predict: pressures must be finite and >= 0 Pa")
    result, rows = fit_material(m, data=data, include_extrapolated=include_extrapolated, vary=vary)
    return FitReport.from_payload(fit_payload(result, rows, predict_at), result=result, rows=rows)


def fit_figure(report: FitReport):
    """The goodness-of-fit figure (matplotlib) of a :class:`FitReport`."""
    from etunnel.plots.state_diagram import plot_fit
    from etunnel.services.material import caption_for

    fit = report.result
    return plot_fit(fit, caption=caption_for(fit.material, extra=f"Data: {len(report.rows)} rows, sigma rule: "
                                                                 f"{fit.sigma_rule}. Band: 1 sigma (delta method)."))
