"""Figures of the validation scorecard (``etunnel validate``).

Each function takes a :class:`etunnel.validation.claims.ScoreRow` (its
``extra`` arrays and ``variants``) and returns a
:class:`matplotlib.figure.Figure`; :func:`etunnel.plots.paper_figures.save`
writes them as PNG and SVG.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from etunnel.plots.paper_figures import _place_labels, plt
from etunnel.plots.style import styled


def _heatmap(ax, frame: pd.DataFrame, value: str, title: str, *, center: float, span: float):
    """Draw one panel; returns its image and its row labels (top to bottom)."""
    frame = frame.copy()
    frame["pair"] = frame["rv_convention"] + " / " + frame["rb_convention"]
    pivot = frame.pivot_table(index="pair", columns="c", values=value, aggfunc="first", dropna=False)
    order = list(dict.fromkeys(frame["pair"]))
    pivot = pivot.reindex(order)
    im = ax.imshow(pivot.to_numpy(float), aspect="auto", cmap="RdBu_r", vmin=center - span, vmax=center + span)
    ax.set_xticks(range(pivot.shape[1]), [f"{c:g}" for c in pivot.columns])
    ax.set_yticks(range(pivot.shape[0]), pivot.index, fontsize=6)
    ax.set_xlabel("attraction coefficient c")
    ax.set_title(title, fontsize=9)
    for (i, j), v in np.ndenumerate(pivot.to_numpy(float)):
        if math.isfinite(v):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=5)
    return im, list(pivot.index)


@styled
def variants_heatmap(row, value: str, label: str, *, center: float, span: float) -> Figure:
    """A heatmap of one statistic over convention pairs (R_v / R_b) x c, one panel per lattice model."""
    frame = pd.DataFrame(row.variants)
    terms = list(dict.fromkeys(frame["terms"]))
    fig, axes = plt.subplots(1, len(terms), figsize=(5.2 * len(terms), 7), squeeze=False)
    im, first_rows = None, None
    for k, (ax, t) in enumerate(zip(axes[0], terms)):
        model = "eq. 37 (first term)" if t == "1" else "infinite lattice (eq. 24)"
        im, rows = _heatmap(ax, frame[frame["terms"] == t], value, f"{label}: {model}", center=center, span=span)
        if k == 0:
            first_rows = rows
        elif rows == first_rows:  # same rows as the first panel: its labels serve, and would overlap this one
            ax.tick_params(labelleft=False)
    fig.colorbar(im, ax=axes[0].tolist(), shrink=0.6, label=label)
    fig.suptitle(f"{row.id}: every radius convention (R_v / R_b) and c; blank = undefined", fontsize=10)
    return fig


@styled
def resistivity_scatter(row) -> Figure:
    """Measured resistivity vs the headline D (paper's radius rule, c = 0.1, eq. 37)."""
    fig, ax = plt.subplots(figsize=(7, 4.8))
    D, rho = np.asarray(row.extra["D"]), np.asarray(row.extra["rho"])
    ax.scatter(D, rho, s=14, label="element (label: symbol)")
    texts = [ax.text(x, y, s, fontsize=6) for s, x, y in zip(row.extra["symbols"], D, rho)
             if np.isfinite(x) and np.isfinite(y) and y > 0]
    ax.set_xscale("symlog", linthresh=1e6)
    ax.set_yscale("log")
    ax.set_xlabel("resisting distance D, paper's radius rule, c = 0.1, eq. 37 [1/m]")
    ax.set_ylabel("room-temperature resistivity [ohm m]")
    est = row.effect
    ax.set_title(f"All elements with data: Spearman rho = {est.value:.2f} (n = {est.n})", fontsize=10)
    ax.legend(loc="upper left")
    fig.tight_layout()
    _place_labels(ax, texts)
    return fig


@styled
def table1_scatter(row) -> Figure:
    """Table 1: the paper's printed D vs printed resistivity, and etunnel's D (printed radii) vs measured resistivity."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
    pairs = ((row.extra["printed_D"], row.extra["printed_rho"], "paper's printed D vs printed resistivity",
              "s", "paper's printed D, printed resistivity"),
             (row.extra["D"], row.extra["rho"], "eq. 37 on printed radii (c = 0.1) vs measured resistivity",
              "o", "eq. 37 on printed radii, measured resistivity"))
    labelled = []
    for k, (ax, (D, rho, title, marker, label)) in enumerate(zip(axes, pairs)):
        ax.scatter(D, rho, marker=marker, color=f"C{k}", label=label)
        texts = [ax.text(x, y, s, fontsize=7) for s, x, y in zip(row.extra["symbols"], D, rho)
                 if np.isfinite(x) and np.isfinite(y) and y > 0]
        labelled.append((ax, texts))
        ax.legend(loc="upper left", title="label: material", title_fontsize=6)
        ax.set_xscale("symlog", linthresh=1e6)
        ax.set_yscale("log")
        ax.set_xlabel("D [1/m]")
        ax.set_ylabel("resistivity [ohm m]")
        ax.set_title(title, fontsize=9)
    fig.tight_layout()
    for ax, texts in labelled:
        _place_labels(ax, texts)
    return fig


def _roc(labels, scores):
    labels = np.asarray(labels, bool)
    scores = np.asarray(scores, float)
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = [np.mean(scores[labels] >= t) for t in thresholds]
    fpr = [np.mean(scores[~labels] >= t) for t in thresholds]
    return np.array(fpr), np.array(tpr)


@styled
def state_rule_roc(row) -> Figure:
    """ROC curves: R_v/R_b (the rule's score), density and boiling point, and the rule's operating point."""
    from etunnel.validation.stats import auc

    fig, ax = plt.subplots(figsize=(5.5, 5.2))
    for name, (labels, scores) in row.extra["roc"].items():
        fpr, tpr = _roc(labels, scores)
        ax.plot(fpr, tpr, label=f"{name} (AUC {auc(labels, scores):.2f})")
    truth, x, ratio = np.asarray(row.extra["truth"]), np.asarray(row.extra["x"]), row.extra["ratio"]
    if math.isfinite(ratio):
        pred = x >= ratio
        ax.plot([np.mean(pred[~truth])], [np.mean(pred[truth])], "ko",
                label=f"rule R_v >= R_c = {ratio:.3f} R_b (c = 1/2)")
    ax.plot([0, 1], [0, 1], color="gray", ls=":", label="chance")
    ax.set_xlabel("false-positive rate")
    ax.set_ylabel("true-positive rate")
    ax.set_title("Ambient elemental superconductors (32) vs other elements", fontsize=9)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    return fig


@styled
def density_strip(row) -> Figure:
    """Density of the solid: ambient superconductors vs other elements."""
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    groups = [np.asarray(row.extra["density_sc"]), np.asarray(row.extra["density_other"])]
    ax.boxplot(groups, showfliers=False)
    rng = np.random.default_rng(0)
    for i, g in enumerate(groups, start=1):
        ax.scatter(i + rng.uniform(-0.12, 0.12, g.size), g, s=10, alpha=0.7)
    ax.set_xticks([1, 2], ["superconducting", "other"])
    ax.set_ylabel("density of the solid [kg m^-3]")
    ax.set_title("Figure 13's claim, measured", fontsize=10)
    fig.tight_layout()
    return fig


@styled
def electronegativity_bins(row, *, bins: int = 12) -> Figure:
    """Median T_c (and interquartile range) in bins of electronegativity spread, per family."""
    frame = row.extra["frame"]
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    edges = np.linspace(0.0, float(np.nanmax(frame["x_std"])) + 1e-9, bins + 1)
    centers = (edges[:-1] + edges[1:]) / 2
    for fam, color in (("cuprate", "C1"), ("iron-based", "C2"), ("other", "C0"), (None, "k")):
        sub = frame if fam is None else frame[frame["family"] == fam]
        idx = np.digitize(sub["x_std"], edges[1:-1])
        med, q1, q3, xs = [], [], [], []
        for k in range(bins):
            v = sub["tc_K"].to_numpy(float)[idx == k]
            if v.size >= 5:
                med.append(np.median(v))
                q1.append(np.percentile(v, 25))
                q3.append(np.percentile(v, 75))
                xs.append(centers[k])
        label = "all" if fam is None else fam
        ax.plot(xs, med, "o-", color=color, label=f"{label} (n = {len(sub)})", lw=2 if fam is None else 1)
        if fam is not None:
            ax.fill_between(xs, q1, q3, color=color, alpha=0.12)
    ax.set_xlabel("spread of Pauling electronegativity (weighted std) [1]")
    ax.set_ylabel("T_c, median per bin (band: IQR) [K]")
    ax.set_title("SuperCon entries with reported T_c: the 'narrow range' guideline", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


@styled
def tc_pressure_rmse(row) -> Figure:
    """Leave-one-out RMSE per material: calibrated state diagram vs baseline fit."""
    per = row.extra["per_material"]
    names = list(per)
    fig, ax = plt.subplots(figsize=(max(6, 0.5 * len(names) + 2), 4.5))
    x = np.arange(len(names))
    ax.bar(x - 0.2, [per[n][0] for n in names], 0.4, label="state diagram")
    ax.bar(x + 0.2, [per[n][1] for n in names], 0.4, label="baseline fit")
    ax.set_xticks(x, names, rotation=60, fontsize=7, ha="right")
    ax.set_ylabel("leave-one-out RMSE of T_c [K]")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def tc_pressure_band(row) -> Figure:
    """Per material: measured T_c(p), the fitted model's T_c and the band over parameter draws at the measured pressures.

    Reads ``row.robustness["parameters"]["materials"]`` (:mod:`etunnel.validation.verdict_robustness`);
    a draw without a T_c (undefined or censored) is counted in the panel's title, never plotted as a number.
    """
    part = row.robustness["parameters"]
    materials = [m for m in part["materials"] if m.get("band")]
    cols = min(4, max(1, len(materials)))
    rows_n = max(1, math.ceil(len(materials) / cols))
    height = 2.3 * rows_n + 0.7
    fig, axes = plt.subplots(rows_n, cols, figsize=(2.9 * cols + 0.6, height), squeeze=False)
    for ax in axes.ravel()[len(materials):]:
        ax.set_visible(False)
    for ax, m in zip(axes.ravel(), materials):
        p = np.array(m["pressure_GPa"], float)
        band = m["band"]
        have = np.array([b["n_with_tc"] > 0 for b in band])
        med = np.array([b["tc_median_K"] if b["n_with_tc"] else np.nan for b in band], float)
        lo = np.array([b["tc_p05_K"] if b["n_with_tc"] else np.nan for b in band], float)
        hi = np.array([b["tc_p95_K"] if b["n_with_tc"] else np.nan for b in band], float)
        if have.any():
            ax.errorbar(p[have], med[have], yerr=[med[have] - lo[have], hi[have] - med[have]], fmt="s", ms=4,
                        color="C0", alpha=0.8, capsize=3, label="draws: median, 5-95 %")
        fitted = np.array([np.nan if t is None else t for t in m["fitted_tc_K"]], float)
        ax.plot(p, fitted, "D", mfc="none", color="C3", ms=6, label="fitted model")
        ax.plot(p, m["tc_K"], "o", color="k", ms=3.5, label="measured")
        missing = sum(b["n_undefined"] + b["n_censored"] for b in band)
        no_fit = sum(t is None for t in m["fitted_tc_K"])
        notes = ([f"fit: no T_c at {no_fit} of {len(band)}"] if no_fit else []) + \
            ([f"draws: {missing} of {len(band) * part['draws']} no T_c"] if missing else [])
        title = m["material"] + (f"  ({'; '.join(notes)})" if notes else "")
        ax.set_title(title, fontsize=7)
        ax.tick_params(labelsize=7)
        ax.set_ylim(bottom=0)
        top = max(float(p.max()), 1.0)
        ax.set_xlim(-0.06 * top, 1.06 * top)
    for c in range(cols):
        shown = [ax for ax in axes[:, c] if ax.get_visible()]
        if shown:
            shown[-1].set_xlabel("pressure [GPa]", fontsize=8)  # the lowest panel of each column
    for ax in axes[:, 0]:
        ax.set_ylabel("T_c [K]", fontsize=8)
    handles, labels = axes.ravel()[0].get_legend_handles_labels()
    fig.suptitle(f"T_c(p) under {part['draws']} parameter draws (seed {part['seed']})", fontsize=9,
                 y=1 - 0.08 / height, va="top")
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 1 - 0.3 / height), ncol=3, fontsize=8,
               frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.5 / height))
    return fig
