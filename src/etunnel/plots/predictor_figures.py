"""Figures of the guideline evaluation: learning curves, parity, ROC, permutation importance."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from etunnel.validation.predictors import THRESHOLDS_K, weighted_auc


def learning_curves(curve: dict) -> Figure:
    """Test and train R^2 of ln(1 + T_c/K) against training-set size."""
    fig = Figure(figsize=(6.4, 4.2), layout="constrained")
    ax = fig.add_subplot()
    for kind, colour in (("random", "tab:blue"), ("grouped", "tab:red")):
        c = curve[kind]
        ax.plot(c["train_size"], c["test_r2_log"], "o-", color=colour, label=f"test, {kind} split")
        ax.plot(c["train_size"], c["train_r2_log"], "o--", color=colour, alpha=0.5, label=f"train, {kind} split")
    ax.set_xscale("log")
    ax.set_xlabel("training compositions")
    ax.set_ylabel("R² of ln(1 + T_c/K)")
    ax.set_title("Learning curves, Magpie baseline\n(80/20 split; grouped = by chemical system)", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return fig


def parity(tc: np.ndarray, predictions: dict) -> Figure:
    """Out-of-fold predicted vs measured T_c, random and grouped K-fold."""
    fig = Figure(figsize=(10, 5.6), layout="constrained")
    axes = fig.subplots(1, 2, sharex=True, sharey=True)
    top = max(float(np.max(tc)), 1.0) * 1.05
    for ax, kind in zip(axes, ("random", "grouped")):
        pred = predictions[kind]
        hb = ax.hexbin(tc, pred, gridsize=60, extent=(0, top, 0, top), bins="log", mincnt=1, cmap="viridis")
        ax.plot([0, top], [0, top], "k--", lw=1)
        rmse = float(np.sqrt(np.mean((pred - tc) ** 2)))
        ax.set_title(f"{kind} K-fold: RMSE {rmse:.1f} K")
        ax.set_xlabel("measured $T_c$ [K]")
        ax.set_aspect("equal")
    axes[0].set_ylabel("predicted $T_c$ (out of fold) [K]")
    fig.colorbar(hb, ax=axes, label="compositions per cell")
    return fig


def _roc_points(labels, scores):
    ok = np.isfinite(scores)
    labels, scores = np.asarray(labels, bool)[ok], np.asarray(scores, float)[ok]
    order = np.argsort(-scores, kind="stable")
    y = labels[order]
    s = scores[order]
    last = np.r_[np.flatnonzero(np.diff(s) != 0), len(s) - 1]  # ends of tie blocks
    tp = np.cumsum(y)[last]
    fp = np.cumsum(~y)[last]
    return np.r_[0, fp / max(fp[-1], 1)], np.r_[0, tp / max(tp[-1], 1)]


def roc_curves(tc: np.ndarray, predictions: dict, guideline: np.ndarray) -> Figure:
    """ROC of the baseline (random and grouped K-fold) and the weight-free guideline score."""
    fig = Figure(figsize=(10, 4.6), layout="constrained")
    axes = fig.subplots(1, len(THRESHOLDS_K))
    for ax, th in zip(axes, THRESHOLDS_K):
        y = tc > th
        for name, s, style in (("baseline, random K-fold", predictions["random"], "-"),
                               ("baseline, grouped K-fold", predictions["grouped"], "-"),
                               ("guideline score (no fit)", guideline, "-")):
            fpr, tpr = _roc_points(y, s)
            ax.plot(fpr, tpr, style, label=f"{name}: AUC {weighted_auc(y, s):.3f}")
        ax.plot([0, 1], [0, 1], "k:", label="random ranking: AUC 0.5")
        ax.set_title(f"T_c > {th:g} K ({int(y.sum())} of {len(y)})")
        ax.set_xlabel("false-positive rate")
        ax.set_ylabel("true-positive rate")
        ax.legend(fontsize=8, loc="lower right")
        ax.set_aspect("equal")
    return fig


def importance(perm: dict) -> Figure:
    """Permutation importance (drop in test R^2), top features and the guideline's."""
    feats = perm["features"]
    fig = Figure(figsize=(7.5, 0.28 * len(feats) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    names = [f"{f['feature'].replace('MagpieData ', '')} (#{f['rank']})" for f in feats]
    vals = [f["importance_mean"] for f in feats]
    errs = [f["importance_std"] for f in feats]
    guide = [not f["feature"].startswith("MagpieData") for f in feats]
    ypos = np.arange(len(feats))[::-1]
    ax.barh(ypos, vals, xerr=errs, color=["tab:orange" if g else "tab:blue" for g in guide])
    ax.set_yticks(ypos, names, fontsize=8)
    ax.axvline(0, color="k", lw=0.8)
    ax.set_xlabel("drop in test R² of ln(1 + T_c/K) when permuted")
    ax.set_title("Permutation importance, Magpie + guideline model\n(orange: guideline features; # = rank)", fontsize=10)
    return fig
