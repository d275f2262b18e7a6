"""Figure of a sweep store: probability of the superconducting state on the (p, T) grid, with the T_c band."""

from __future__ import annotations

import numpy as np


def plot_sweep_summary(path, summary, *, max_panels: int = 8):
    """One panel per (material, convention), up to ``max_panels``: P(superconductor) in colour, grid T_c(p)
    median (line) and 5-95 % band (shaded) over the Monte Carlo samples. Returns the matplotlib figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from etunnel.conditions.parameter_sweep import open_store

    ds = open_store(path)
    T = ds["temperature"].values
    p = ds["pressure"].values / 1e9
    panels = [m for m in summary.materials][:max_panels]
    n = max(1, len(panels))
    cols = min(n, 3)
    rows = -(-n // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.4 * rows + 0.6), squeeze=False, constrained_layout=True)
    image = None
    for ax, item in zip(axes.ravel(), panels):
        mi = list(ds["material"].values).index(item.material)
        ci = list(ds["convention"].values).index(item.convention)
        title = f"{item.material}, radii: {item.convention}"
        if item.missing:
            ax.text(0.5, 0.5, "no data under this convention:\n" + "\n".join(item.missing[i:i + 48] for i in range(0, min(len(item.missing), 192), 48)), ha="center",
                    va="center", wrap=True, fontsize=7, transform=ax.transAxes)
            ax.set_title(title, fontsize=9)
            ax.set_xticks([])
            ax.set_yticks([])
            continue
        state = ds["state"][mi, ci]  # dask-backed: reduced chunk by chunk over samples
        prob = np.asarray((state == 2).mean("sample").values)
        image = ax.pcolormesh(p, T, prob, vmin=0, vmax=1, cmap="viridis", shading="nearest")
        outside = np.asarray((state < 0).all("sample").values)
        if outside.any():
            ax.contourf(p, T, outside.astype(float), levels=[0.5, 1.5], colors="none", hatches=["//"])
        med = np.array([r["tc_median_K"] if r["tc_median_K"] is not None else np.nan for r in item.tc_at_pressure])
        lo = np.array([r["tc_p05_K"] if r["tc_p05_K"] is not None else np.nan for r in item.tc_at_pressure])
        hi = np.array([r["tc_p95_K"] if r["tc_p95_K"] is not None else np.nan for r in item.tc_at_pressure])
        if np.isfinite(med).any():
            ax.fill_between(p, lo, hi, color="white", alpha=0.35, lw=0, label="grid $T_c$ 5-95 %")
            ax.plot(p, med, color="white", lw=1.4, label="grid $T_c$ median")
            ax.legend(fontsize=7, loc="upper right", framealpha=0.6)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("pressure [GPa]")
        ax.set_ylabel("temperature [K]")
    for ax in axes.ravel()[len(panels):]:
        ax.set_visible(False)
    if image is not None:
        fig.colorbar(image, ax=axes.ravel().tolist(), label="P(superconductor) over samples", shrink=0.85)
    samples = summary.shape["sample"]
    fig.suptitle(f"Sweep {summary.spec_hash[:12]}: {samples} parameter sample(s); hatched = outside the model's "
                 f"domain for every sample", fontsize=9)
    return fig
