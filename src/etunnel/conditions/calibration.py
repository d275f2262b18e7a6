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

#: What the model says at one pressure (see :func:`model_tc_status`).
STATUS_TC = "T_c"
STATUS_NONE = "no superconductivity (model not superconducting at 0 K)"
STATUS_ABOVE = f"above the model's range (superconducting up to the {T_MAX:g} K search limit)"
STATUS_UNDEFINED = "undefined (outside the model's domain: R_v > R_b or c outside [0, 1])"
#: A fitted model reproduces a point when |model - measured| <= this many sigma.
REPRODUCE_SIGMAS = 3.0
#: |dT_c/dp| above which a fitted curve is called implausibly steep [K/GPa] (or 10 x the largest measured slope,
#: whichever is larger). Measured elemental and hydride slopes stay within a few K/GPa.
PLAUSIBLE_SLOPE_K_PER_GPA = 10.0


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
        Of ``varied`` (SI); all NaN when undetermined, with ``covariance_reason`` saying why.
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
    start_material: MaterialConditions | None = None
    start_predicted: np.ndarray | None = None
    start_status: list = field(default_factory=list)
    predicted_status: list = field(default_factory=list)
    covariance_reason: str = ""

    @property
    def n(self) -> int:
        return int(self.tc.size)

    @property
    def k(self) -> int:
        return len(self.varied)

    @property
    def distinct_pressures(self) -> int:
        return int(np.unique(self.pressure).size)

    @property
    def comparison_blocker(self) -> str:
        """Why model and baseline cannot be ranked ('' when they can)."""
        if self.n <= self.k:
            return (f"no degrees of freedom (n = {self.n} points, k = {self.k} parameters): both curves can pass "
                    "through the data, so the information criteria cannot rank them")
        if self.distinct_pressures < self.k:
            return (f"degenerate design: the {self.n} points sit at {self.distinct_pressures} distinct pressure(s), "
                    f"fewer than the {self.k} coefficients of each curve, so the comparison cannot discriminate")
        return ""

    @property
    def winner_aic(self) -> str:
        return "none" if self.comparison_blocker else _winner(self.aic, self.baseline.aic)

    @property
    def winner_bic(self) -> str:
        return "none" if self.comparison_blocker else _winner(self.bic, self.baseline.bic)

    @property
    def reported_prediction(self) -> np.ndarray:
        """Model T_c at the data [K], NaN where it is no prediction (above the range or undefined)."""
        bad = np.array([st in (STATUS_ABOVE, STATUS_UNDEFINED) for st in self.predicted_status], bool)
        return np.where(bad, np.nan, self.predicted) if bad.size == self.predicted.size else self.predicted

    @property
    def failure_reasons(self) -> list[str]:
        """Why the fitted model cannot reproduce the data at all (empty when it can give every T_c)."""
        reasons = []
        measured = self.tc > 0
        for status, words in ((STATUS_NONE, "predicts no superconductivity"), (STATUS_ABOVE, "is above its range"),
                              (STATUS_UNDEFINED, "is undefined (outside its domain)")):
            count = sum(1 for s, m in zip(self.predicted_status, measured) if s == status and (m or status != STATUS_NONE))
            if count:
                reasons.append(f"at {count} of {self.n} measured points the best-fit model {words}")
        return reasons

    @property
    def failed(self) -> bool:
        return bool(self.failure_reasons)

    @property
    def n_reproduced(self) -> int:
        """Points where the fitted model is within :data:`REPRODUCE_SIGMAS` sigma of the measurement."""
        ok = np.array([s == STATUS_TC or (s == STATUS_NONE and t == 0) for s, t in zip(self.predicted_status, self.tc)],
                      bool)
        return int(np.count_nonzero(ok & (np.abs(self.residuals) <= REPRODUCE_SIGMAS * self.sigma)))

    @property
    def outcome(self) -> str:
        """One-line verdict on the free fit."""
        if self.failed:
            return "FIT FAILED: " + "; ".join(self.failure_reasons)
        worst = float(np.max(np.abs(self.residuals))) if self.n else math.nan
        if self.n_reproduced == self.n:
            steep = [p for p in self.plausibility if p.endswith("implausibly steep")]
            return (f"reproduces all {self.n} points within {REPRODUCE_SIGMAS:g} sigma (largest |residual| {worst:.3g} K)"
                    + (f", but {steep[0].split(' (')[0]}: implausibly steep" if steep else ""))
        return (f"does not reproduce the data: {self.n - self.n_reproduced} of {self.n} points off by more than "
                f"{REPRODUCE_SIGMAS:g} sigma (largest |residual| {worst:.3g} K)")

    @property
    def start_verdict(self) -> str:
        """What the stated (starting) parameters give against the measurements."""
        if self.start_material is None or self.start_predicted is None:
            return ""
        m0 = self.start_material
        shown = ", ".join(f"{v} = {m0.params[v]:.4g}" for v in _start_parameter_names(self))
        counts = {s: self.start_status.count(s) for s in dict.fromkeys(self.start_status)}
        states = _zero_kelvin_states(m0, self.pressure)
        from etunnel.conditions.diagram import STATE_NAMES

        state_words = ", ".join(f"{STATE_NAMES[k]} at {v} point(s)" for k, v in states.items())
        ok = [s == STATUS_TC for s in self.start_status]
        within = np.abs(np.where(np.isfinite(self.start_predicted), self.start_predicted, 0.0) - self.tc) \
            <= REPRODUCE_SIGMAS * self.sigma
        if all(ok) and within.all():
            judgement = "consistent with the measurements"
        else:
            judgement = "contradicted by measurement"
        parts = "; ".join(f"{s} at {c} of {self.n} points" for s, c in counts.items())
        tc_range = f"{self.tc.min():.3g}-{self.tc.max():.3g} K" if self.n > 1 else f"{self.tc[0]:.3g} K"
        return (f"with the stated parameters ({shown}) the model gives {parts}; at 0 K it calls {m0.name} "
                f"{state_words} (c* = {_threshold(m0):.4f}): {judgement} (measured T_c {tc_range})")

    @property
    def plausibility(self) -> list[str]:
        """Remarks on how physical the best-fit parameters are."""
        out = []
        start = self.start_material.params if self.start_material is not None else {}
        for v in self.varied:
            lo, hi, _ = FIT_BOUNDS[v]
            value = self.values[v]
            if math.isclose(value, lo, abs_tol=1e-12 * max(1.0, abs(hi))) or math.isclose(value, hi, rel_tol=1e-9):
                out.append(f"{v} = {value:.4g} sits at a bound of its allowed range [{lo:g}, {hi:g}]")
            if not math.isfinite(self.stderr[v]):
                out.append(f"{v} is not determined by the data (no finite standard error)")
        if not self.success:
            out.append(f"the optimiser stopped before converging ({self.message}); the parameters may not be optimal")
        slope = self.model_slope_beyond_data()
        if slope is not None:
            measured = _largest_measured_slope(self.pressure, self.tc)
            limit = max(PLAUSIBLE_SLOPE_K_PER_GPA, 10 * measured if measured is not None else 0.0)
            words = (f"model dT_c/dp just above the highest measured pressure: {slope:.3g} K/GPa"
                     + (f" (largest measured slope {measured:.3g} K/GPa)" if measured is not None else
                        " (the data give no measured slope)"))
            out.append(words + ("; implausibly steep" if not math.isfinite(slope) or abs(slope) > limit else ""))
        if "c0" in self.values:
            c0 = self.values["c0"]
            ref = start.get("c0")
            ratio = f", {c0 / ref:.3g} x the stated {ref:g}" if ref else ""
            side = "above" if c0 >= _threshold(self.material) else "below"
            out.append(f"fitted c0 = {c0:.4g}{ratio}; {side} the insulating threshold c* = {_threshold(self.material):.4f}")
        return out

    def model_slope_beyond_data(self, step: float = 1e9):
        """Fitted model's dT_c/dp [K/GPa] between the highest measured pressure and ``step`` [Pa] above; None if undefined."""
        if self.failed:
            return None
        p_hi = float(np.max(self.pressure))
        tc, status = model_tc_status(self.material, [p_hi, p_hi + step])
        if status[1] in (STATUS_ABOVE,):
            return math.inf
        if not np.all(np.isfinite(tc)):
            return None
        return float(tc[1] - tc[0]) / (step / 1e9)

    def assessment(self) -> dict:
        """JSON-ready verdicts: the stated parameters, the free fit, its plausibility, and the comparison."""
        return {
            "stated_parameters": {"verdict": self.start_verdict,
                                  "model_tc_K": None if self.start_predicted is None else
                                  [None if not np.isfinite(t) else float(t) for t in self.start_predicted],
                                  "status": list(self.start_status)},
            "free_fit": {"failed": self.failed, "failure_reasons": self.failure_reasons, "outcome": self.outcome,
                         "varied": list(self.varied), "status": list(self.predicted_status),
                         "reproduced_points": self.n_reproduced, "n": self.n,
                         "criterion": f"|model - measured| <= {REPRODUCE_SIGMAS:g} sigma",
                         "plausibility": self.plausibility},
            "comparison": {"winner_aic": self.winner_aic, "winner_bic": self.winner_bic,
                           "no_winner_because": self.comparison_blocker or None,
                           "distinct_pressures": self.distinct_pressures},
            "assumptions": self.assumption_lines(),
        }

    def summary_lines(self) -> list[tuple[str, str]]:
        """(label, text) rows for text output: both verdicts, plausibility, comparison, assumptions."""
        rows = [("stated parameters", self.start_verdict), ("free fit of " + ", ".join(self.varied), self.outcome)]
        rows += [("plausibility", p) for p in self.plausibility]
        if self.comparison_blocker:
            rows.append(("no winner", self.comparison_blocker))
        rows += [("assumption", a) for a in self.assumption_lines()]
        return rows

    def assumption_lines(self) -> list[str]:
        """Every default the numbers depend on: fixed parameters at defaults, sigma rule, search limit."""
        lines = [f"sigma rule: {self.sigma_rule}" + (" (every sigma = 1 K; no uncertainties in the data)"
                                                      if self.sigma_rule == "unweighted" else ""),
                 f"model T_c searched in 0-{T_MAX:g} K; higher values are reported as above the model's range"]
        used = {"R_v0", "R_b0", "B0", "B0_prime", "alpha", "T_ref", *self.material.model_parameters}
        for name, source in self.material.sources.items():
            if name in self.varied or name not in used:
                continue
            if "default" in source or "assum" in source:
                lines.append(f"{name} = {self.material.params[name]:.4g} fixed: {source}")
        return lines

    def predict(self, pressure):
        """(T_c [K], 1-sigma band [K]) of the fitted model at pressures [Pa] (delta method)."""
        return predict_tc(self, pressure)

    def predict_with_status(self, pressure):
        """(T_c [K], band [K], status) with NaN where the value is not a prediction (see :func:`model_tc_status`)."""
        tc, band = predict_tc(self, pressure)
        _, status = model_tc_status(self.material, np.atleast_1d(np.asarray(pressure, float)).ravel())
        bad = np.array([s in (STATUS_ABOVE, STATUS_UNDEFINED) for s in status], bool)
        return np.where(bad, np.nan, tc), np.where(bad, np.nan, band), status


def _largest_measured_slope(pressure, tc):
    """Largest |dT_c/dp| [K/GPa] between neighbouring distinct pressures (means at each pressure); None if < 2."""
    p = np.unique(pressure)
    if p.size < 2:
        return None
    means = np.array([np.mean(tc[pressure == q]) for q in p])
    return float(np.max(np.abs(np.diff(means) / np.diff(p / 1e9))))


def _threshold(material: MaterialConditions) -> float:
    from etunnel.model import insulating_threshold

    return insulating_threshold(material.terms)


def _start_parameter_names(fit) -> list[str]:
    names = list(fit.varied)
    return (["c0"] if "c0" not in names and "c0" in fit.material.params else []) + names


def _zero_kelvin_states(material: MaterialConditions, pressure) -> dict:
    from etunnel.conditions.diagram import states_at

    codes = states_at(material, np.zeros(np.shape(pressure)), pressure)
    values, counts = np.unique(codes, return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts)}


def _winner(model: float, baseline: float) -> str:
    if model == baseline or (math.isinf(model) and math.isinf(baseline)):
        return "tie"
    return "model" if model < baseline else "baseline"


def _model_tc(material: MaterialConditions, pressure):
    tc, censored = critical_temperature(material, pressure, t_max=T_MAX)
    return tc, censored


def model_tc_status(material: MaterialConditions, pressure):
    """Model T_c at ``pressure`` [Pa] with what each value means.

    Returns
    -------
    tc : numpy.ndarray
        [K]; 0 where the model predicts no superconductivity; NaN where the
        value is not a prediction: above the search limit :data:`T_MAX`
        (a lower bound only) or undefined.
    status : list of str
        :data:`STATUS_TC`, :data:`STATUS_NONE`, :data:`STATUS_ABOVE` or
        :data:`STATUS_UNDEFINED` for each pressure.
    """
    tc, censored = _model_tc(material, pressure)
    status = [STATUS_ABOVE if cen else STATUS_UNDEFINED if not np.isfinite(t) else STATUS_NONE if t == 0 else STATUS_TC
              for t, cen in zip(tc, censored)]
    return np.where(censored, np.nan, tc), status


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
    start_predicted, start_status = model_tc_status(material, pressure)
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
    covariance_reason = ""
    flat = [v for i, v in enumerate(varied) if not np.any(J[:, i])]
    try:
        cov_z = np.linalg.inv(J.T @ J)
        cov_z = cov_z * (chi2 / (n - k)) if n > k else np.full(cov_z.shape, np.nan)
        if not np.all(np.isfinite(cov_z)) or np.any(np.diag(cov_z) < 0):
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:
        cov_z = np.full((k, k), np.nan)
    if not np.all(np.isfinite(cov_z)):
        if n <= k:
            covariance_reason = f"n = {n} points <= k = {k} parameters: no degrees of freedom"
        elif flat:
            covariance_reason = (f"singular: the model's T_c at the data does not change with {', '.join(flat)} "
                                 "(zero column of the Jacobian at the optimum)")
        else:
            covariance_reason = "singular: J^T J at the optimum cannot be inverted (parameters not separable by the data)"
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
    elif np.unique(pressure).size < k:
        notes.append(f"degenerate design: {n} points at {np.unique(pressure).size} distinct pressure(s) for {k} "
                     "parameters; the fit cannot separate them and the comparison cannot discriminate")
    _, predicted_status = model_tc_status(fitted, pressure)
    return FitResult(
        material=fitted, varied=varied, values={v: float(fitted.params[v]) for v in varied},
        stderr={v: float(np.sqrt(cov[i, i])) if np.isfinite(cov[i, i]) else math.nan for i, v in enumerate(varied)},
        covariance=cov, pressure=pressure, tc=tc, sigma=sig, sigma_rule=rule, predicted=predicted,
        residuals=residuals, rmse=float(np.sqrt(np.mean(residuals**2))), chi2=chi2, aic=aic, bic=bic,
        baseline=baseline, n_censored=int(np.count_nonzero(censored)), n_undefined=int(np.count_nonzero(undefined)),
        success=bool(result.success), message=str(result.message), notes=notes,
        start_material=material, start_predicted=start_predicted, start_status=start_status,
        predicted_status=predicted_status, covariance_reason=covariance_reason,
    )


def default_vary(material: MaterialConditions) -> tuple:
    """The c model's compression parameter (``n`` or ``k``) and the R_v parameter (``beta`` or ``gamma``).

    ``c0`` stays at its stated value (the paper's 0.1): with a
    temperature-independent R_v, c0 and n (or k) only move one critical
    molecular distance and cannot both be determined.
    """
    first = "n" if material.c_model == "saturating" else "k"
    return (first, "beta") if material.rv_model == "linear" else (first, "gamma")


def free_vary(material: MaterialConditions, n_points: int | None = None) -> tuple:
    """``c0`` first, then :func:`default_vary`: the parameters that can move a material across c*.

    With ``c0`` fixed at the paper's 0.1, below the exact insulating
    threshold c* = 0.1328, n and beta cannot make an insulator superconduct:
    the fit could not answer whether the model reproduces the data at all.
    With ``n_points`` given, the list is cut to at most that many parameters
    (a single point determines c0 alone).
    """
    names = ("c0",) + default_vary(material)
    return names if n_points is None else names[: max(1, min(len(names), int(n_points)))]


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
