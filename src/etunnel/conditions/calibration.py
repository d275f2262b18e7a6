r"""Calibration of the sub-models to measured :math:`T_c(p)`, with a baseline comparison.

The model's :math:`T_c(p)` is the superconducting boundary of the state
diagram (:func:`etunnel.conditions.diagram.critical_temperature`; eqs. 11,
38-41 and Figure 8 of [1]_). Parameters of the sub-models
(:mod:`etunnel.conditions.submodels`) are fitted by weighted least squares
(:func:`scipy.optimize.least_squares`, bounds keep the paper's stated
directions: ``c0`` in [0, 1], ``k, n >= 0`` so that c rises with compression,
``beta, gamma >= 0`` so that R_v rises with temperature).

**Uncertainties of the data.** Measurements that disagree are separate rows
(same material, same pressure). A row's ``sigma_K`` is used where given;
otherwise the sample standard deviation of the rows at the same pressure;
otherwise the median of those spreads over the material; rows with no spread
information at all make the fit unweighted (every sigma = 1 K, covariance
scaled by the reduced chi-square). A floor of max(0.01 K, 1 % of T_c) avoids
zero sigma from identical duplicates.

**Parameter uncertainties** come from the Jacobian at the optimum,
:math:`C = s^2 (J^TJ)^{-1}` with :math:`s^2 = \chi^2/(n-k)` (as lmfit's
default ``scale_covar``); prediction bands propagate :math:`C` by the delta
method.

**Baseline.** A polynomial :math:`T_c(p)` with as many coefficients as the
model has fitted parameters, fitted with the same weights. Both are compared
with the same criteria, :math:`\mathrm{AIC} = n\ln(\chi^2/n) + 2k` and
:math:`\mathrm{BIC} = n\ln(\chi^2/n) + k\ln n` (lmfit's convention); the lower
value wins.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
from scipy.optimize import brentq, least_squares

from etunnel.checks import InputError, require_range
from etunnel.conditions.diagram import critical_temperature
from etunnel.conditions.submodels import EV, MaterialConditions, isochore_slope, material_conditions

EXTRAPOLATED = "extrapolated Tc->0"
COLUMNS = ("material", "pressure_Pa", "tc_K", "sigma_K", "reference", "source")
_SIGMA_COLUMNS = ("sigma_K", "tc_sigma_K", "tc_err_K", "sigma")
SIGMA_FLOOR_K = 0.01
SIGMA_FLOOR_RELATIVE = 0.01

#: Bounds and internal scale of each fittable parameter.
FIT_BOUNDS = {
    "c0": (0.0, 1.0, 1.0),
    "k": (0.0, 50.0, 1.0),
    "n": (0.0, 50.0, 1.0),
    "beta": (0.0, 1e-3, 1e-5),
    "gamma": (0.0, 10.0, 1.0),
    "E_x": (1e-3 * EV, 10.0 * EV, EV),
}
#: Upper end [K] of the T_c search during fits.
T_MAX = 1000.0


# --------------------------------------------------------------------------- data


def _packaged_table():
    return resources.files("etunnel.data").joinpath("tc_vs_pressure.csv")


def load_tc_pressure(path=None, *, include_extrapolated: bool = False):
    """Measured critical temperatures under pressure, in SI.

    Parameters
    ----------
    path : str or Path, optional
        CSV with ``#`` comment lines and columns ``material``, ``pressure_GPa``
        (or ``pressure_Pa``), ``tc_K``, optionally ``sigma_K``,
        ``tc_definition``, ``reference``, ``source``. Default: the packaged
        ``etunnel/data/tc_vs_pressure.csv``.
    include_extrapolated : bool
        Keep rows whose ``tc_definition`` is ``'extrapolated Tc->0'``
        (critical pressures, not measurements). Default False.

    Returns
    -------
    pandas.DataFrame
        Columns ``material``, ``pressure_Pa`` [Pa], ``tc_K`` [K], ``sigma_K``
        [K] (NaN if none), ``reference``, ``source``. Rows with a blank
        pressure or T_c (not given by the source) are dropped; their number is
        in ``df.attrs["dropped_blank"]``.

    Raises
    ------
    InputError
        Unreadable or empty file, missing columns, non-numeric or negative
        values.
    """
    import pandas as pd

    label = "packaged tc_vs_pressure.csv" if path is None else str(path)
    try:
        if path is None:
            with resources.as_file(_packaged_table()) as packaged:
                raw = pd.read_csv(packaged, comment="#", dtype=str, keep_default_na=False, skipinitialspace=True)
        else:
            raw = pd.read_csv(Path(path), comment="#", dtype=str, keep_default_na=False, skipinitialspace=True)
    except FileNotFoundError:
        raise InputError(f"data file {label!r} not found") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"data file {label!r} is empty (no header, no rows)") from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read data file {label!r}: {' '.join(str(exc).split())}") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    pressure_col = "pressure_GPa" if "pressure_GPa" in raw.columns else "pressure_Pa" if "pressure_Pa" in raw.columns else None
    missing = [c for c in ("material", "tc_K") if c not in raw.columns] + ([] if pressure_col else ["pressure_GPa"])
    if missing:
        raise InputError(f"data file {label!r} lacks column(s) {', '.join(missing)} "
                         f"(has: {', '.join(raw.columns) or 'none'})")
    if raw.empty:
        raise InputError(f"data file {label!r} has a header but no data rows")
    factor = 1e9 if pressure_col == "pressure_GPa" else 1.0
    sigma_col = next((c for c in _SIGMA_COLUMNS if c in raw.columns), None)

    def numeric(column: str) -> np.ndarray:
        text = raw[column].astype(str).str.strip()
        values = pd.to_numeric(text.where(text != ""), errors="coerce").to_numpy(float)
        bad = (text != "") & ~np.isfinite(values)
        if bad.any():
            rows = np.flatnonzero(bad)[:3]
            shown = ", ".join(f"row {i + 1}: {text.iloc[i]!r}" for i in rows)
            raise InputError(f"data file {label!r}: non-numeric {column} ({shown})")
        return values

    pressure = numeric(pressure_col) * factor
    tc = numeric("tc_K")
    sigma = numeric(sigma_col) if sigma_col else np.full(len(raw), np.nan)
    for name, values in (("pressure", pressure), ("tc_K", tc), ("sigma", sigma)):
        negative = np.isfinite(values) & (values < 0)
        if negative.any():
            i = int(np.flatnonzero(negative)[0])
            raise InputError(f"data file {label!r}: negative {name} in row {i + 1} ({values[i]:g})")
    if sigma_col and np.any(np.isfinite(sigma) & (sigma == 0)):
        raise InputError(f"data file {label!r}: sigma must be > 0 where given")
    keep = np.isfinite(pressure) & np.isfinite(tc)
    if "tc_definition" in raw.columns and not include_extrapolated:
        keep &= raw["tc_definition"].astype(str).str.strip() != EXTRAPOLATED
    text_column = lambda c: raw[c].astype(str) if c in raw.columns else pd.Series([""] * len(raw))  # noqa: E731
    df = pd.DataFrame({
        "material": raw["material"].astype(str).str.strip(),
        "pressure_Pa": pressure,
        "tc_K": tc,
        "sigma_K": sigma,
        "reference": text_column("reference"),
        "source": text_column("source"),
    })
    dropped = int(np.count_nonzero(~(np.isfinite(pressure) & np.isfinite(tc))))
    df = df[keep].reset_index(drop=True)
    df.attrs["dropped_blank"] = dropped
    df.attrs["path"] = label
    return df


def base_name(material: str) -> str:
    """Material name without a parenthesised phase note: ``'Hg (alpha)' -> 'Hg'``."""
    return str(material).split("(")[0].strip()


def select_material(df, name: str):
    """Rows of ``df`` for one material, all phases included (``'La'`` selects ``'La (fcc)'`` too)."""
    rows = df[df["material"].map(base_name) == name.strip()]
    return rows.reset_index(drop=True)


def validated_points(pressure, tc, sigma=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Check measured T_c(p) points; return 1-d ``(pressure [Pa], tc [K], sigma [K])``.

    ``sigma`` is NaN where unknown (all NaN when not given) and must be > 0
    where given.
    """
    pressure = np.atleast_1d(require_range("pressure", pressure, low=0.0, unit="Pa")).ravel()
    tc = np.atleast_1d(require_range("tc", tc, low=0.0, unit="K")).ravel()
    if pressure.size != tc.size:
        raise InputError(f"pressure has {pressure.size} values and tc {tc.size}")
    sigma = np.full(tc.shape, np.nan) if sigma is None else np.atleast_1d(np.asarray(sigma, float)).ravel()
    if sigma.size != tc.size:
        raise InputError(f"sigma has {sigma.size} values for {tc.size} points")
    if np.any(np.isfinite(sigma) & (sigma <= 0)):
        raise InputError("sigma must be > 0 where given")
    return pressure, tc, sigma


def effective_sigma(pressure, tc, sigma=None) -> tuple[np.ndarray, str]:
    """Per-row uncertainty [K] and the rule used (see the module notes).

    Returns
    -------
    (numpy.ndarray, str)
        Sigmas [K] and ``"given"``, ``"spread"`` or ``"unweighted"`` (all 1 K).
    """
    pressure = np.asarray(pressure, float)
    tc = np.asarray(tc, float)
    sigma = np.full(tc.shape, np.nan) if sigma is None else np.array(sigma, float, copy=True)
    if sigma.shape != tc.shape:
        raise InputError(f"sigma has {sigma.size} values for {tc.size} points")
    rule = "given" if np.isfinite(sigma).all() else "spread"
    spreads = []
    for p in np.unique(pressure):
        same = pressure == p
        if np.count_nonzero(same) >= 2:
            spread = float(np.std(tc[same], ddof=1))
            spreads.append(spread)
            fill = same & ~np.isfinite(sigma)
            sigma[fill] = spread
    if not np.isfinite(sigma).all():
        if spreads:
            sigma[~np.isfinite(sigma)] = float(np.median(spreads))
        elif not np.isfinite(sigma).any():
            return np.ones(tc.shape), "unweighted"
        else:
            sigma[~np.isfinite(sigma)] = float(np.median(sigma[np.isfinite(sigma)]))
    floor = np.maximum(SIGMA_FLOOR_K, SIGMA_FLOOR_RELATIVE * np.abs(tc))
    return np.maximum(sigma, floor), rule


# --------------------------------------------------------------------------- fits


def information_criteria(chi2: float, n: int, k: int) -> tuple[float, float]:
    """(AIC, BIC) with lmfit's convention; -inf for a perfect fit."""
    if chi2 <= 0:
        return -math.inf, -math.inf
    base = n * math.log(chi2 / n)
    return base + 2 * k, base + k * math.log(n)


@dataclass
class BaselineResult:
    """Weighted polynomial fit of T_c(p) (p in GPa), highest power first."""

    degree: int
    coefficients: np.ndarray
    covariance: np.ndarray
    predicted: np.ndarray
    residuals: np.ndarray
    rmse: float
    chi2: float
    aic: float
    bic: float

    def predict(self, pressure):
        """(T_c [K], 1-sigma band [K]) at pressures [Pa]."""
        x = np.asarray(pressure, float) / 1e9
        A = np.vander(np.atleast_1d(x), self.degree + 1)
        tc = A @ self.coefficients
        band = np.sqrt(np.einsum("ij,jk,ik->i", A, self.covariance, A)) if np.all(np.isfinite(self.covariance)) \
            else np.full(tc.shape, np.nan)
        return tc, band


def fit_polynomial(pressure, tc, sigma, degree: int) -> BaselineResult:
    """Weighted least-squares polynomial ``T_c(p)`` with ``degree + 1`` coefficients (p in GPa)."""
    x = np.asarray(pressure, float) / 1e9
    y = np.asarray(tc, float)
    w = 1.0 / np.asarray(sigma, float)
    A = np.vander(x, degree + 1)
    coef, *_ = np.linalg.lstsq(A * w[:, None], y * w, rcond=None)
    predicted = A @ coef
    residuals = predicted - y
    chi2 = float(np.sum((residuals * w) ** 2))
    n, k = y.size, degree + 1
    try:
        cov = np.linalg.inv((A * w[:, None]).T @ (A * w[:, None]))
        cov = cov * (chi2 / (n - k)) if n > k else np.full(cov.shape, np.nan)
    except np.linalg.LinAlgError:
        cov = np.full((k, k), np.nan)
    aic, bic = information_criteria(chi2, n, k)
    return BaselineResult(degree, coef, cov, predicted, residuals, float(np.sqrt(np.mean(residuals**2))), chi2, aic, bic)


@dataclass
class FitResult:
    """Result of :func:`fit_tc_pressure`.

    Attributes
    ----------
    material : MaterialConditions
        The material with the fitted parameters in place.
    varied : tuple of str
    values, stderr : dict of str to float
        Fitted parameters and 1-sigma uncertainties (SI; NaN if undetermined).
    covariance : numpy.ndarray
    pressure, tc, sigma : numpy.ndarray
        Data [Pa], [K], [K]; ``sigma_rule`` says how sigma was obtained.
    predicted, residuals : numpy.ndarray
        Model T_c and prediction minus measurement. [K]
    rmse, chi2, aic, bic : float
    baseline : BaselineResult
    winner_aic, winner_bic : str
        ``"model"``, ``"baseline"`` or ``"tie"``.
    """

    material: MaterialConditions
    varied: tuple
    values: dict
    stderr: dict
    covariance: np.ndarray
    pressure: np.ndarray
    tc: np.ndarray
    sigma: np.ndarray
    sigma_rule: str
    predicted: np.ndarray
    residuals: np.ndarray
    rmse: float
    chi2: float
    aic: float
    bic: float
    baseline: BaselineResult
    n_censored: int
    n_undefined: int
    success: bool
    message: str
    notes: list = field(default_factory=list)

    @property
    def n(self) -> int:
        return int(self.tc.size)

    @property
    def k(self) -> int:
        return len(self.varied)

    @property
    def winner_aic(self) -> str:
        return _winner(self.aic, self.baseline.aic)

    @property
    def winner_bic(self) -> str:
        return _winner(self.bic, self.baseline.bic)

    def predict(self, pressure):
        """(T_c [K], 1-sigma band [K]) of the fitted model at pressures [Pa] (delta method)."""
        return predict_tc(self, pressure)


def _winner(model: float, baseline: float) -> str:
    if model == baseline or (math.isinf(model) and math.isinf(baseline)):
        return "tie"
    return "model" if model < baseline else "baseline"


def _model_tc(material: MaterialConditions, pressure):
    tc, censored = critical_temperature(material, pressure, t_max=T_MAX)
    return tc, censored


def _theta_to_params(varied, z):
    return {name: float(z[i]) * FIT_BOUNDS[name][2] for i, name in enumerate(varied)}


def _residual_vector(material, varied, z, pressure, tc, sigma):
    trial = material.with_params(**_theta_to_params(varied, z))
    predicted, _ = _model_tc(trial, pressure)
    predicted = np.where(np.isfinite(predicted), predicted, 0.0)  # undefined at 0 K: counted as no transition
    return (predicted - tc) / sigma


def fit_tc_pressure(material: MaterialConditions, pressure, tc, sigma=None, *, vary=None, scan_points: int = 41) -> FitResult:
    """Fit sub-model parameters of ``material`` to measured ``T_c(p)``.

    Parameters
    ----------
    material : MaterialConditions
        Starting parameters; those not in ``vary`` stay fixed.
    pressure : array_like
        ``>= 0``. [Pa]
    tc : array_like
        Measured T_c, ``>= 0``. [K]
    sigma : array_like, optional
        1-sigma uncertainties [K]; NaN or None where unknown (see the module
        notes for the rule).
    vary : sequence of str, optional
        Parameters to fit. Default: :func:`default_vary`, the rise of c
        with compression (``n`` or ``k``) and the temperature dependence of
        R_v (``beta`` or ``gamma``).
    scan_points : int
        Points of the initial (geometric) scan over the first varied
        parameter. The start is the best of these and of the "anchors": for
        each data point, the value of the first parameter that puts the model
        exactly through it (brentq); the model's T_c(p) can be nearly a step,
        whose position a local optimiser cannot move.

    Returns
    -------
    FitResult
    """
    pressure, tc, sigma = validated_points(pressure, tc, sigma)
    varied = tuple(vary) if vary is not None else default_vary(material)
    if not varied:
        raise InputError("nothing to fit: vary is empty")
    unknown = [v for v in varied if v not in FIT_BOUNDS]
    if unknown:
        raise InputError(f"cannot fit {', '.join(unknown)}; fittable: {', '.join(FIT_BOUNDS)}")
    k = len(varied)
    if tc.size < k:
        raise InputError(f"{tc.size} data points cannot determine {k} parameters ({', '.join(varied)})")
    sig, rule = effective_sigma(pressure, tc, sigma)
    lower = np.array([FIT_BOUNDS[v][0] / FIT_BOUNDS[v][2] for v in varied])
    upper = np.array([FIT_BOUNDS[v][1] / FIT_BOUNDS[v][2] for v in varied])
    z0 = np.clip(np.array([material.params[v] / FIT_BOUNDS[v][2] for v in varied]), lower, upper)
    # coarse scan of the first parameter (others at their start values) to find the basin
    best, best_cost = z0.copy(), np.inf
    if lower[0] > 0:
        values = np.geomspace(lower[0], upper[0], scan_points)
    else:
        values = np.concatenate([[0.0], np.geomspace(upper[0] * 1e-4, upper[0], scan_points - 1)])
    candidates = [float(v) for v in values]
    # anchors: the value of the first parameter that puts the model through each data point exactly
    for i in range(tc.size):
        def through(v, i=i):
            trial = z0.copy()
            trial[0] = v
            return _residual_vector(material, varied, trial, pressure[i : i + 1], tc[i : i + 1], sig[i : i + 1])[0]
        a, b = through(lower[0]), through(upper[0])
        if np.isfinite(a) and np.isfinite(b) and a * b < 0:
            try:
                candidates.append(brentq(through, lower[0], upper[0], xtol=1e-12 * max(1.0, upper[0])))
            except ValueError:
                pass
    for value in candidates:
        trial = z0.copy()
        trial[0] = value
        cost = float(np.sum(_residual_vector(material, varied, trial, pressure, tc, sig) ** 2))
        if cost < best_cost:
            best, best_cost = trial, cost
    def residual(z):
        return _residual_vector(material, varied, z, pressure, tc, sig)

    def jacobian(z):
        # absolute steps in the scaled parameters: scipy's relative steps vanish at a bound at zero
        f0 = residual(z)
        J = np.empty((tc.size, k))
        for i in range(k):
            h = 1e-6 * max(1.0, abs(z[i]))
            step = h if z[i] + h <= upper[i] else -h
            zi = z.copy()
            zi[i] += step
            J[:, i] = (residual(zi) - f0) / step
        return J

    result = least_squares(residual, best, jac=jacobian, bounds=(lower, upper), x_scale="jac", max_nfev=200 * k)
    z = result.x
    fitted = material.with_params(**_theta_to_params(varied, z))
    predicted, censored = _model_tc(fitted, pressure)
    undefined = ~np.isfinite(predicted)
    residuals = np.where(undefined, 0.0, predicted) - tc
    chi2 = float(np.sum((residuals / sig) ** 2))
    n = tc.size
    scale = np.array([FIT_BOUNDS[v][2] for v in varied])
    J = result.jac
    try:
        cov_z = np.linalg.inv(J.T @ J)
        cov_z = cov_z * (chi2 / (n - k)) if n > k else np.full(cov_z.shape, np.nan)
        if not np.all(np.isfinite(cov_z)) or np.any(np.diag(cov_z) < 0):
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:
        cov_z = np.full((k, k), np.nan)
    cov = cov_z * np.outer(scale, scale)
    aic, bic = information_criteria(chi2, n, k)
    baseline = fit_polynomial(pressure, tc, sig, k - 1)
    notes = []
    at_bound = [v for i, v in enumerate(varied) if np.isclose(z[i], lower[i]) or np.isclose(z[i], upper[i])]
    if at_bound:
        notes.append(f"parameter(s) at a bound of the allowed range: {', '.join(at_bound)} "
                     "(the optimum wants values outside the paper's stated directions or the range)")
    if n <= k:
        notes.append(f"n = {n} <= k = {k}: no degrees of freedom; uncertainties and the comparison are undetermined")
    return FitResult(
        material=fitted, varied=varied, values={v: float(fitted.params[v]) for v in varied},
        stderr={v: float(np.sqrt(cov[i, i])) if np.isfinite(cov[i, i]) else math.nan for i, v in enumerate(varied)},
        covariance=cov, pressure=pressure, tc=tc, sigma=sig, sigma_rule=rule, predicted=predicted,
        residuals=residuals, rmse=float(np.sqrt(np.mean(residuals**2))), chi2=chi2, aic=aic, bic=bic,
        baseline=baseline, n_censored=int(np.count_nonzero(censored)), n_undefined=int(np.count_nonzero(undefined)),
        success=bool(result.success), message=str(result.message), notes=notes,
    )


def default_vary(material: MaterialConditions) -> tuple:
    """The c model's compression parameter (``n`` or ``k``) and the R_v parameter (``beta`` or ``gamma``).

    ``c0`` stays at its stated value (the paper's 0.1): with a
    temperature-independent R_v, c0 and n (or k) only move one critical
    molecular distance and cannot both be determined.
    """
    first = "n" if material.c_model == "saturating" else "k"
    return (first, "beta") if material.rv_model == "linear" else (first, "gamma")


def predict_tc(fit: FitResult, pressure):
    """Fitted model T_c at ``pressure`` [Pa] with a 1-sigma band [K] (delta method on the covariance)."""
    pressure = np.atleast_1d(require_range("pressure", pressure, low=0.0, unit="Pa")).ravel()
    tc, _ = _model_tc(fit.material, pressure)
    if not np.all(np.isfinite(fit.covariance)):
        return tc, np.full(tc.shape, np.nan)
    J = np.empty((pressure.size, fit.k))
    for i, name in enumerate(fit.varied):
        scale = FIT_BOUNDS[name][2]
        h = 1e-6 * max(abs(fit.values[name]) / scale, 1.0) * scale
        up, _ = _model_tc(fit.material.with_params(**{name: fit.values[name] + h}), pressure)
        down, _ = _model_tc(fit.material.with_params(**{name: fit.values[name] - h}), pressure)
        J[:, i] = (up - down) / (2 * h)
    band = np.sqrt(np.abs(np.einsum("ij,jk,ik->i", J, fit.covariance, J)))
    return tc, band


def isochore_bound(material: MaterialConditions, pressure) -> np.ndarray:
    r"""Smallest :math:`dT_c/dp` the model allows with a non-decreasing R_v: :math:`1/(3\alpha B(p))`. [K/Pa]

    ``B(p)`` is the EOS bulk modulus at ``p``, :math:`B = -V\,dp/dV`.
    """
    from etunnel.conditions.eos import eos_pressure

    P = material.params
    pressure = np.atleast_1d(np.asarray(pressure, float))
    x = material.volume_ratio(pressure)
    h = 1e-7
    dp = (eos_pressure(x * (1 + h), P["B0"], P["B0_prime"], eos=material.eos)
          - eos_pressure(x * (1 - h), P["B0"], P["B0_prime"], eos=material.eos)) / (2 * h)
    B = -dp
    return np.array([isochore_slope(b, P["alpha"]) for b in B])


# --------------------------------------------------------------------------- validation interface


@dataclass
class LeaveOneOutResult:
    """Leave-one-out prediction errors of the model and the baseline.

    Attributes
    ----------
    model_errors, baseline_errors : numpy.ndarray
        Prediction minus measurement for each held-out point. [K]
    model_rmse, baseline_rmse : float
        [K]
    n : int
        Number of points.
    n_censored : int
        Held-out points where the model is superconducting over the whole
        search window: their prediction enters as :data:`T_MAX`, a lower
        bound, so the model's error there is understated.
    n_undefined : int
        Held-out points where the model's T_c is undefined (NaN): their
        prediction enters as 0 K.
    """

    model_errors: np.ndarray
    baseline_errors: np.ndarray
    model_rmse: float
    baseline_rmse: float
    n: int
    n_censored: int = 0
    n_undefined: int = 0


def leave_one_out(pressure, tc, sigma=None, *, symbol: str, params: dict | None = None, c_model: str = "saturating",
                  rv_model: str = "linear", eos: str = "vinet", eos_data=None, vary=None) -> LeaveOneOutResult:
    """Leave-one-out cross-validation of the calibrated model against the polynomial baseline.

    Each point is held out in turn; the model (default sub-models and
    parameters of :func:`etunnel.conditions.submodels.material_conditions`,
    fitted as in :func:`fit_tc_pressure`) and the baseline polynomial with the
    same number of parameters are fitted to the rest and predict it.

    Parameters
    ----------
    pressure : array_like
        [Pa]
    tc : array_like
        [K]
    sigma : array_like, optional
        [K], NaN where unknown.
    symbol : str
        Material (element symbol, or any name when ``params`` supplies all data).
    params, c_model, rv_model, eos, eos_data, vary :
        Passed to :func:`~etunnel.conditions.submodels.material_conditions` and
        :func:`fit_tc_pressure`.

    Returns
    -------
    LeaveOneOutResult
    """
    pressure, tc, sigma_arr = validated_points(pressure, tc, sigma)
    material = material_conditions(symbol, params=params, c_model=c_model, rv_model=rv_model, eos=eos,
                                   eos_data=eos_data)
    varied = tuple(vary) if vary is not None else default_vary(material)
    if tc.size < len(varied) + 1:
        raise InputError(f"leave-one-out needs at least {len(varied) + 1} points for {len(varied)} parameters, "
                         f"got {tc.size}")
    model_errors = np.empty(tc.size)
    baseline_errors = np.empty(tc.size)
    n_censored = n_undefined = 0
    for i in range(tc.size):
        keep = np.arange(tc.size) != i
        fit = fit_tc_pressure(material, pressure[keep], tc[keep], sigma_arr[keep], vary=varied)
        predicted, censored = _model_tc(fit.material, pressure[i : i + 1])
        n_censored += int(censored[0])
        n_undefined += int(not np.isfinite(predicted[0]))
        model_errors[i] = (predicted[0] if np.isfinite(predicted[0]) else 0.0) - tc[i]
        baseline_errors[i] = fit.baseline.predict(pressure[i : i + 1])[0][0] - tc[i]
    return LeaveOneOutResult(
        model_errors=model_errors, baseline_errors=baseline_errors,
        model_rmse=float(np.sqrt(np.mean(model_errors**2))), baseline_rmse=float(np.sqrt(np.mean(baseline_errors**2))),
        n=int(tc.size), n_censored=n_censored, n_undefined=n_undefined,
    )
