"""The quantitative Figure 8: electrical-resistance state diagram and T_c(p) calibration figures.

Regions of the state diagram (:func:`etunnel.conditions.diagram.state_diagram`),
the exactly solved superconducting and insulating boundaries, triple points,
and optionally measured T_c(p) points with error bars and a fitted curve
with its 1-sigma band (:func:`etunnel.conditions.calibration.fit_tc_pressure`).
"""

from __future__ import annotations

import textwrap

import numpy as np

from etunnel.plots.style import styled

STATE_COLORS = {-1: "#d9d9d9", 0: "#c9b3e6", 1: "#fde0b2", 2: "#b3d4f2"}
STATE_LABELS = {-1: "outside model domain", 0: "insulator", 1: "conductor", 2: "superconductor"}
SC_COLOR = "#1f5fbf"
INS_COLOR = "#7b3fb5"


def _figure(*args, **kwargs):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(*args, **kwargs)


def _boundary_curve(ds, t_name: str, p_name: str):
    """Points of one boundary from both solutions (along T and along p), sorted along pressure then T."""
    pressure = ds["pressure"].values
    temperature = ds["temperature"].values
    points = []
    T_roots = ds[t_name].values
    for j, p in enumerate(pressure):
        for t in T_roots[j]:
            if np.isfinite(t):
                points.append((p, t))
    p_roots = ds[p_name].values
    for i, t in enumerate(temperature):
        for p in p_roots[i]:
            if np.isfinite(p):
                points.append((p, t))
    if not points:
        return np.empty(0), np.empty(0)
    points = np.array(sorted(set(points)))
    return points[:, 0], points[:, 1]


def _caption(fig, text: str) -> None:
    if text:
        fig.text(0.01, 0.005, "\n".join(textwrap.wrap(text, 150)), fontsize=6.5, va="bottom", ha="left", color="#333333")


@styled
def plot_state_diagram(ds, *, fit=None, caption: str = ""):
    """Figure 8, quantitative: states, boundaries, and (optionally) data and a fit.

    Parameters
    ----------
    ds : xarray.Dataset
        From :func:`etunnel.conditions.diagram.state_diagram`.
    fit : FitResult, optional
        Adds the measured points (error bars = sigma used in the fit) and the
        fitted T_c(p) with its 1-sigma band.
    caption : str
        Printed under the plot (assumptions, data sources).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    fig, ax = _figure(figsize=(8.0, 6.0))
    p_gpa = ds["pressure"].values / 1e9
    T = ds["temperature"].values
    state = ds["state"].values.astype(float)
    cmap = ListedColormap([STATE_COLORS[k] for k in (-1, 0, 1, 2)])
    norm = BoundaryNorm([-1.5, -0.5, 0.5, 1.5, 2.5], cmap.N)
    ax.pcolormesh(p_gpa, T, state, cmap=cmap, norm=norm, shading="nearest")
    handles = [Patch(color=STATE_COLORS[k], label=STATE_LABELS[k]) for k in (0, 1, 2) if np.any(state == k)]
    if np.any(state == -1):
        handles.append(Patch(color=STATE_COLORS[-1], label=STATE_LABELS[-1]))
    rv0, rb0 = float(ds["R_v"].values[0]), float(ds["R_b"].values[0, 0])
    if np.all(state == -1):
        why = (f"R_v = {rv0 * 1e12:.0f} pm > R_b = {rb0 * 1e12:.0f} pm at T = {T[0]:g} K, p = {p_gpa[0]:g} GPa\n"
               "(the core API refuses r > R_b)" if rv0 > rb0 else
               f"c = {float(ds['c'].values[0, 0]):.4g} outside [0, 1] at T = {T[0]:g} K, p = {p_gpa[0]:g} GPa")
        ax.text(0.5, 0.5, f"outside the model's domain at every (T, p):\n{why}",
                transform=ax.transAxes, ha="center", va="center", fontsize=9.5,
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "#777777"})
    p, t = _boundary_curve(ds, "T_superconducting", "p_superconducting")
    if p.size:
        (line,) = ax.plot(p / 1e9, t, color=SC_COLOR, lw=2.0, label="superconducting boundary $R_v = R_c$")
        handles.append(line)
    p, t = _boundary_curve(ds, "T_insulating", "p_insulating")
    if p.size:
        (line,) = ax.plot(p / 1e9, t, color=INS_COLOR, lw=2.0, label=f"insulating boundary $c = c^*$ = {ds.attrs['insulating_threshold']:.4f}")
        handles.append(line)
    if ds.sizes.get("triple", 0):
        (mark,) = ax.plot(ds["triple_pressure"].values / 1e9, ds["triple_temperature"].values, "k*", ms=12,
                          label="triple point")
        handles.append(mark)
    if fit is not None:
        handles += _draw_fit(ax, fit, p_min=p_gpa[0] * 1e9, p_max=p_gpa[-1] * 1e9)
    ax.set_xlim(p_gpa[0], p_gpa[-1])
    ax.set_ylim(T[0], T[-1])
    ax.set_xlabel("pressure p [GPa]")
    ax.set_ylabel("temperature T [K]")
    title = (f"Electrical resistance states of {ds.attrs['material']} "
             f"(c: {ds.attrs['c_model']}, $R_v$: {ds.attrs['rv_model']}, EOS: {ds.attrs['eos']})")
    if fit is not None:
        title += "\n" + _fit_headline(fit)
    ax.set_title(title, fontsize=9, color="#b00020" if fit is not None and fit.failed else "black")
    ax.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.9)
    fig.subplots_adjust(bottom=0.2, top=0.86 if fit is not None else 0.9)
    _caption(fig, _with_start_verdict(fit, caption))
    return fig


def _draw_fit(ax, fit, *, p_min: float, p_max: float):
    handles = []
    grid = np.linspace(p_min, p_max, 161)
    tc, band, _ = fit.predict_with_status(grid)  # NaN (a gap) where above the model's range or undefined
    label = "fitted model $T_c(p)$" + (" (FIT FAILED)" if fit.failed else "")
    (line,) = ax.plot(grid / 1e9, tc, color="#c0392b", lw=1.6, label=label)
    handles.append(line)
    if np.any(np.isfinite(band)):
        patch = ax.fill_between(grid / 1e9, tc - band, tc + band, color="#c0392b", alpha=0.2, label="model 1σ band")
        handles.append(patch)
    bt, bb = fit.baseline.predict(grid)
    (bl,) = ax.plot(grid / 1e9, bt, color="#555555", lw=1.2, ls="--", label=f"baseline polynomial (degree {fit.baseline.degree})")
    handles.append(bl)
    eb = ax.errorbar(fit.pressure / 1e9, fit.tc, yerr=fit.sigma if fit.sigma_rule != "unweighted" else None,
                     fmt="o", color="k", ms=4, capsize=3, label="measured $T_c$")
    handles.append(eb)
    return handles


def _with_start_verdict(fit, caption: str) -> str:
    verdict = getattr(fit, "start_verdict", "") if fit is not None else ""
    return f"{verdict[0].upper() + verdict[1:]}. {caption}" if verdict else caption


def _fit_headline(fit) -> str:
    """First title line: the outcome of the free fit, 'FIT FAILED: ...' when it cannot reproduce the data."""
    text = textwrap.shorten(f"{fit.material.name}, fit of {', '.join(fit.varied)}: {fit.outcome}", 330,
                            placeholder=" ...")
    return textwrap.fill(text, 115)


@styled
def plot_fit(fit, *, caption: str = "", p_max: float | None = None):
    """Goodness-of-fit figure: data, fitted T_c(p) with band, baseline, and residuals.

    Parameters
    ----------
    fit : FitResult
    caption : str
    p_max : float, optional
        Right end of the curves [Pa]; default 1.15 x the largest pressure.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, (ax, axr) = _figure(2, 1, figsize=(8.0, 7.0), sharex=True, gridspec_kw={"height_ratios": [3, 1.3]})
    p_hi = p_max if p_max is not None else 1.15 * max(float(np.max(fit.pressure)), 1e9)
    handles = _draw_fit(ax, fit, p_min=0.0, p_max=p_hi)
    top = max(float(np.max(fit.tc)) * 1.6, 1.0)
    ax.set_ylim(-0.05 * top, top)
    ax.set_ylabel("$T_c$ [K]")
    ax.legend(handles=handles, fontsize=8, loc="upper left")
    params = ", ".join(f"{k} = {v:.4g} ± {fit.stderr[k]:.2g}" if np.isfinite(fit.stderr[k]) else
                       f"{k} = {v:.4g} (undetermined)" for k, v in fit.values.items())
    winner = (f"winner by AIC: {fit.winner_aic}, by BIC: {fit.winner_bic}" if not fit.comparison_blocker
              else "no winner: " + fit.comparison_blocker.split(":")[0])
    ax.set_title(f"{_fit_headline(fit)}\n"
                 f"model RMSE {fit.rmse:.3g} K, AIC {fit.aic:.1f}, BIC {fit.bic:.1f}  |  "
                 f"baseline RMSE {fit.baseline.rmse:.3g} K, AIC {fit.baseline.aic:.1f}, BIC {fit.baseline.bic:.1f}\n"
                 f"{params}  ({winner})", fontsize=8, color="#b00020" if fit.failed else "black")
    axr.axhline(0, color="k", lw=0.8)
    valid = np.isfinite(fit.reported_prediction)
    axr.plot(fit.pressure[valid] / 1e9, fit.residuals[valid], "o", color="#c0392b", label="model − measured")
    if not valid.all():  # undefined or above the model's range: there is no model value to subtract
        axr.plot(fit.pressure[~valid] / 1e9, np.zeros(np.count_nonzero(~valid)), "x", color="#c0392b", ms=8,
                 label="no model value (undefined or above range)")
    axr.plot(fit.pressure / 1e9, fit.baseline.residuals, "s", mfc="none", color="#555555", label="baseline − measured")
    axr.set_xlabel("pressure p [GPa]")
    axr.set_ylabel("residual [K]")
    axr.legend(fontsize=7)
    fig.subplots_adjust(bottom=0.17, hspace=0.08, top=0.84)
    _caption(fig, _with_start_verdict(fit, caption))
    return fig
