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

#: Region fills: saturated enough that every swatch stands out on white (Okabe-Ito hues, lightened).
STATE_COLORS = {-1: "#bdbdbd", 0: "#d9a6c9", 1: "#f6d08a", 2: "#8cc3ea"}
STATE_LABELS = {-1: "outside model domain", 0: "insulator", 1: "conductor", 2: "superconductor"}
#: Hatching marks the region where the model is undefined, so it reads apart from the states in grey print.
OUTSIDE_HATCH = "////"
OUTSIDE_HATCH_COLOR = "#8c8c8c"
SC_COLOR = "#0b3d91"
INS_COLOR = "#6a1b73"
FIT_COLOR = "#D55E00"


def _figure(*args, **kwargs):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(*args, **kwargs)


def _caption(fig, text: str, width: int = 150) -> int:
    """Write the caption under the axes; returns its number of lines."""
    if not text:
        return 0
    lines = textwrap.wrap(text, width)
    fig.text(0.01, 0.005, "\n".join(lines), fontsize=6.5, va="bottom", ha="left", color="#333333")
    return len(lines)


def _edge_kind(left: int, right: int) -> str:
    """Which boundary separates two neighbouring regions."""
    if -1 in (left, right):
        return "domain"
    if 0 in (left, right):
        return "insulating"
    return "superconducting"


def region_geometry(rows):
    """Polygons of every region and the boundary lines they share, from exact breakpoint rows.

    Neighbouring rows (:class:`etunnel.conditions.diagram.StateRow`) that cross
    the same regions in the same order are joined breakpoint to breakpoint, so
    each region of a run of such rows is one polygon whose sides are the
    solved boundaries; the boundary lines are those same sides. Where the
    layout changes between two rows (a boundary turns or leaves the window;
    :func:`etunnel.conditions.diagram.state_regions` has bisected them to a
    negligible gap) each run ends half-way between them.

    Parameters
    ----------
    rows : list of StateRow
        Ascending in temperature.

    Returns
    -------
    polygons : list of (int, numpy.ndarray)
        State code and closed outline ``(n, 2)`` of (pressure [Pa], temperature [K]).
    lines : dict of str to list of numpy.ndarray
        ``"superconducting"``, ``"insulating"`` and ``"domain"`` boundary polylines ``(n, 2)`` [Pa, K].
    """
    polygons, lines = [], {"superconducting": [], "insulating": [], "domain": []}
    if not rows:
        return polygons, lines
    runs, start = [], 0
    for i in range(1, len(rows)):
        if not rows[i - 1].same_layout(rows[i]):
            runs.append((start, i - 1))
            start = i
    runs.append((start, len(rows) - 1))
    last = len(rows) - 1
    for a, b in runs:
        run = rows[a:b + 1]
        t_lo = rows[a].temperature if a == 0 else 0.5 * (rows[a - 1].temperature + rows[a].temperature)
        t_hi = rows[b].temperature if b == last else 0.5 * (rows[b].temperature + rows[b + 1].temperature)
        T = np.array([t_lo] + [r.temperature for r in run] + [t_hi])
        E = np.array([run[0].edges] + [r.edges for r in run] + [run[-1].edges])
        states = run[0].states
        for k, state in enumerate(states):
            left = np.column_stack([E[:, k], T])
            right = np.column_stack([E[::-1, k + 1], T[::-1]])
            polygons.append((int(state), np.vstack([left, right])))
        for k in range(1, len(states)):
            lines[_edge_kind(int(states[k - 1]), int(states[k]))].append(np.column_stack([E[:, k], T]))
    return polygons, lines


@styled
def plot_state_diagram(ds, *, regions, fit=None, caption: str = ""):
    """Figure 8, quantitative: states, boundaries, and (optionally) data and a fit.

    The regions are filled with polygons whose sides are the exactly solved
    boundaries (:func:`etunnel.conditions.diagram.state_regions`,
    :func:`region_geometry`), and the boundary lines are those same sides, so
    fill and line agree.

    Parameters
    ----------
    ds : xarray.Dataset
        From :func:`etunnel.conditions.diagram.state_diagram`.
    regions : list of StateRow
        From :func:`etunnel.conditions.diagram.state_regions` for the same material and ``ds``.
    fit : FitResult, optional
        Adds the measured points (error bars = sigma used in the fit) and the
        fitted T_c(p) with its 1-sigma band.
    caption : str
        Printed under the plot (assumptions, data sources).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    fig, ax = _figure(figsize=(9.0, 6.0))
    p_gpa = ds["pressure"].values / 1e9
    T = ds["temperature"].values
    polygons, lines = region_geometry(regions)
    present = sorted({state for state, _ in polygons})
    for state in present:
        verts = [poly / np.array([1e9, 1.0]) for s, poly in polygons if s == state]
        ax.add_collection(PolyCollection(verts, facecolors=STATE_COLORS[state], edgecolors=STATE_COLORS[state],
                                         linewidths=0.3, zorder=1, gid=f"region-{STATE_LABELS[state]}"))
        if state == -1:  # hatch drawn in its own colour over the grey (a hatch takes the edge colour)
            ax.add_collection(PolyCollection(verts, facecolors="none", edgecolors=OUTSIDE_HATCH_COLOR,
                                             linewidths=0.0, hatch=OUTSIDE_HATCH, zorder=1))
    handles = [Patch(facecolor=STATE_COLORS[k], edgecolor="#555555", linewidth=0.6,
                     hatch=OUTSIDE_HATCH if k == -1 else None, label=STATE_LABELS[k])
               for k in (2, 1, 0, -1) if k in present]
    rv0, rb0 = float(ds["R_v"].values[0]), float(ds["R_b"].values[0, 0])
    if present == [-1]:
        why = (f"R_v = {rv0 * 1e12:.0f} pm > R_b = {rb0 * 1e12:.0f} pm at T = {T[0]:g} K, p = {p_gpa[0]:g} GPa\n"
               "(the core API refuses r > R_b)" if rv0 > rb0 else
               f"c = {float(ds['c'].values[0, 0]):.4g} outside [0, 1] at T = {T[0]:g} K, p = {p_gpa[0]:g} GPa")
        ax.text(0.5, 0.5, f"outside the model's domain at every (T, p):\n{why}",
                transform=ax.transAxes, ha="center", va="center", fontsize=9.5, zorder=8,
                bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": "#777777"})
    styles = {
        "superconducting": (dict(color=SC_COLOR, lw=3.0, zorder=3), "superconducting boundary $R_v = R_c$"),
        "insulating": (dict(color=INS_COLOR, lw=2.0, zorder=3),
                       f"insulating boundary $c = c^*$ = {ds.attrs['insulating_threshold']:.4f}"),
        "domain": (dict(color="#555555", lw=0.9, ls=":", zorder=3), "edge of the model domain"),
    }
    for kind, (style, label) in styles.items():
        if lines[kind]:
            joined = np.vstack([np.vstack([seg, [[np.nan, np.nan]]]) for seg in lines[kind]])
            (line,) = ax.plot(joined[:, 0] / 1e9, joined[:, 1], label=label, gid=f"boundary-{kind}", **style)
            handles.append(line)
    if ds.sizes.get("triple", 0):
        (mark,) = ax.plot(ds["triple_pressure"].values / 1e9, ds["triple_temperature"].values, "k*", ms=11,
                          zorder=5, label="triple point")
        handles.append(mark)
    if fit is not None:
        handles += _draw_fit(ax, fit, p_min=p_gpa[0] * 1e9, p_max=p_gpa[-1] * 1e9)
    ax.set_xlim(p_gpa[0], p_gpa[-1])
    ax.set_ylim(T[0], T[-1])
    ax.set_xlabel("pressure p [GPa]", fontsize=10)
    ax.set_ylabel("temperature T [K]", fontsize=10)
    ax.tick_params(labelsize=9)
    title = (f"Electrical resistance states of {ds.attrs['material']} "
             f"(c: {ds.attrs['c_model']}, $R_v$: {ds.attrs['rv_model']}, EOS: {ds.attrs['eos']})")
    if fit is not None:
        title += "\n" + _fit_headline(fit, width=105)
    # over the whole figure, from its left edge: the axes (narrowed by the legend) would clip a long fit headline
    fig.suptitle(title, x=0.01, y=0.995, ha="left", va="top", fontsize=9,
                 color="#b00020" if fit is not None and fit.failed else "black")
    # outside the axes, so it never covers a region, a boundary or a measured point
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, fontsize=8,
              frameon=True, framealpha=1.0, edgecolor="#999999", title="state / curve", title_fontsize=8)
    n_lines = _caption(fig, _with_start_verdict(fit, caption), width=175)
    # room under the axes for the tick labels, the axis label and the caption (6.5 pt lines on a 6 in figure)
    fig.subplots_adjust(left=0.08, right=0.68, bottom=0.1 + 0.0175 * n_lines, top=0.84 if fit is not None else 0.92)
    return fig


def _draw_fit(ax, fit, *, p_min: float, p_max: float):
    """Fitted T_c(p) (dashed, thinner than the boundary it follows, so both stay visible), band, baseline, data."""
    handles = []
    grid = np.linspace(p_min, p_max, 161)
    tc, band, _ = fit.predict_with_status(grid)  # NaN (a gap) where above the model's range or undefined
    label = "fitted model $T_c(p)$" + (" (FIT FAILED)" if fit.failed else "")
    (line,) = ax.plot(grid / 1e9, tc, color=FIT_COLOR, lw=1.4, ls=(0, (4, 2)), zorder=4, label=label)
    handles.append(line)
    if np.any(np.isfinite(band)):
        patch = ax.fill_between(grid / 1e9, tc - band, tc + band, color=FIT_COLOR, alpha=0.25, zorder=2,
                                label="model 1σ band")
        handles.append(patch)
    bt, bb = fit.baseline.predict(grid)
    (bl,) = ax.plot(grid / 1e9, bt, color="#333333", lw=1.1, ls="-.", zorder=4,
                    label=f"baseline polynomial (degree {fit.baseline.degree})")
    handles.append(bl)
    eb = ax.errorbar(fit.pressure / 1e9, fit.tc, yerr=fit.sigma if fit.sigma_rule != "unweighted" else None,
                     fmt="o", color="k", mfc="white", mew=1.2, ms=5, capsize=3, zorder=6, clip_on=False,
                     label="measured $T_c$" + (" (±σ)" if fit.sigma_rule != "unweighted" else " (no σ given)"))
    handles.append(eb)
    return handles


def _with_start_verdict(fit, caption: str) -> str:
    verdict = getattr(fit, "start_verdict", "") if fit is not None else ""
    return f"{verdict[0].upper() + verdict[1:]}. {caption}" if verdict else caption


def _fit_headline(fit, width: int = 115) -> str:
    """First title line: the outcome of the free fit, 'FIT FAILED: ...' when it cannot reproduce the data."""
    text = textwrap.shorten(f"{fit.material.name}, fit of {', '.join(fit.varied)}: {fit.outcome}", 330,
                            placeholder=" ...")
    return textwrap.fill(text, width)


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
