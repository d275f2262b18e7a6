"""Figures of the two thermodynamic devices: the quantum piston engine and the Cooper-pair refrigerator.

Each function takes the ``to_dict()`` of the service result, so the figure shows
exactly the numbers the CLI prints with ``--json``.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

_ENERGY = {"box": (1.602176634e-22, "meV"), "flux-qubit": (6.62607015e-25, "GHz (E/h)")}


def engine_figure(result: dict) -> Figure:
    """Four panels: levels vs the piston coordinate with stroke populations; work split, efficiency and power vs tau."""
    kind = "box" if result["medium"]["medium"].startswith("box") else "flux-qubit"
    escale, elabel = _ENERGY[kind]
    if kind == "box":
        lscale, llabel = 1e-9, "wall position L [nm]"
    else:
        lscale, llabel = math.pi, "external flux phi_ext / pi"
    fig, axes = plt.subplots(2, 2, figsize=(11, 8.2))
    ax = axes[0, 0]
    lam = np.asarray(result["levels"]["lam"]) / lscale
    E = np.asarray(result["levels"]["energies_J"]) / escale
    for n in range(E.shape[1]):
        ax.plot(lam, E[:, n], color=f"C{n}", lw=1.2, label=f"E_{n}")
    tr = result["trajectory"]
    tl = np.asarray(tr["lam"]) / lscale
    pops = np.asarray(tr["populations"])
    idx = np.linspace(0, len(tl) - 1, 13).astype(int)
    from scipy.interpolate import interp1d

    lev = interp1d(lam, E, axis=0, bounds_error=False, fill_value="extrapolate")(tl[idx])
    for n in range(pops.shape[1]):
        ax.scatter(tl[idx], lev[:, n], s=4 + 400 * pops[idx, n], color=f"C{n}", alpha=0.55, edgecolor="k", lw=0.3)
    ax.set_xlabel(llabel)
    ax.set_ylabel(f"energy [{elabel}]")
    ax.set_title(f"levels along the stroke; dot area = population\n(hot -> cold stroke, tau = {tr['tau_s']:.3g} s, "
                 f"from the hot Gibbs state)", fontsize=9)
    ax.axvline(result["lam_hot"] / lscale, color="tab:red", ls="--", lw=0.8)
    ax.axvline(result["lam_cold"] / lscale, color="tab:blue", ls="--", lw=0.8)
    ax.text(result["lam_hot"] / lscale, ax.get_ylim()[1], " hot", color="tab:red", va="top", fontsize=8)
    ax.text(result["lam_cold"] / lscale, ax.get_ylim()[1], " cold", color="tab:blue", va="top", fontsize=8)
    ax.legend(fontsize=7, loc="center left")

    rows = result["rows"]
    tau = np.array([r["tau_s"] for r in rows])
    w = np.array([r["work_extracted_J"] for r in rows]) / escale
    wp = np.array([r["population_work_J"] for r in rows]) / escale
    wc = np.array([r["coherence_work_J"] for r in rows]) / escale
    ax = axes[0, 1]
    ax.semilogx(tau, w, "o-", color="k", label="work extracted  -W")
    ax.semilogx(tau, wp, "s--", color="tab:green", label="population part  -W_pop")
    ax.semilogx(tau, -wc, "^--", color="tab:purple", label="coherence part  -W_coh (friction)")
    qs = result["quasi_static"]["work_extracted"] / escale
    ax.axhline(qs, color="gray", ls=":", lw=1, label="quasi-static (tau -> inf)")
    ax.axhline(0, color="k", lw=0.5)
    ax.set_xlabel("stroke time tau [s]")
    ax.set_ylabel(f"work per cycle [{elabel}]")
    ax.set_title("work split per cycle", fontsize=9)
    ax.legend(fontsize=7)

    ax = axes[1, 0]
    eta = np.array([np.nan if r["efficiency"] is None else r["efficiency"] for r in rows])
    ax.semilogx(tau, eta, "o-", color="k", label="efficiency W/Q_h")
    ax.axhline(result["carnot_efficiency"], color="tab:red", ls="--", lw=1, label="Carnot 1 - T_c/T_h")
    ax.axhline(result["otto_efficiency_two_level"], color="tab:blue", ls=":", lw=1,
               label="Otto, two levels: 1 - D_c/D_h")
    if result["quasi_static"]["efficiency"] is not None:
        ax.axhline(result["quasi_static"]["efficiency"], color="gray", ls="-.", lw=1, label="quasi-static, all levels")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("stroke time tau [s]")
    ax.set_ylabel("efficiency [1]")
    ax.set_title("efficiency (missing points: the cycle is no engine there)", fontsize=9)
    ax.legend(fontsize=7)

    ax = axes[1, 1]
    p = np.array([np.nan if r["power_W"] is None else r["power_W"] for r in rows])
    ax.semilogx(tau, p, "o-", color="k")
    if np.any(np.isfinite(p)):
        i = int(np.nanargmax(p))
        ax.annotate(f"max {p[i]:.3g} W at tau = {tau[i]:.3g} s", (tau[i], p[i]), xytext=(10, -15),
                    textcoords="offset points", fontsize=8)
    ax.set_xlabel("stroke time tau [s]")
    ax.set_ylabel("power W / (2 tau) [W]")
    ax.set_title("power output", fontsize=9)
    fig.suptitle(f"Quantum Otto engine, {result['medium']['medium']}: T_hot = {result['T_hot_K']:g} K, "
                 f"T_cold = {result['T_cold_K']:g} K", fontsize=11)
    fig.tight_layout()
    return fig


def fridge_figure(result: dict) -> Figure:
    """Three panels: cooling power vs T_Cu, COP vs Carnot, and the Cu cool-down curves."""
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.3))
    curve = result["power_curve"]
    T = np.asarray(curve["T_cold_K"])
    ax = axes[0]
    ax.loglog(T * 1e3, np.asarray(curve["cooling_power_W"]) * 1e9, "-", color="k", label="etunnel")
    for c in result["claims"]:
        if c["id"].startswith("power_"):
            ax.plot(c["T_K"] * 1e3, c["paper_value"] * 1e9, "r*", ms=10)
    ax.plot([], [], "r*", label="paper (abstract)")
    ax.set_xlabel("copper temperature T_Cu [mK]")
    ax.set_ylabel("cooling power [nW]")
    ax.set_title(f"cooling power, {result['device']['area_m2'] * 1e4:g} cm^2, f = optimal", fontsize=9)
    ax.legend(fontsize=8)
    ax = axes[1]
    cop = np.array([np.nan if v is None else v for v in curve["cop"]], dtype=float)
    ax.semilogx(T * 1e3, cop, "-", color="k", label="COP (optimal f)")
    th = result["device"]["T_hot_K"]
    tc = np.geomspace(T.min(), T.max(), 400)
    ax.semilogx(tc * 1e3, tc / (th - tc), "--", color="tab:red", label="Carnot T_c/(T_h - T_c)")
    ax.set_yscale("log")
    ax.set_xlabel("copper temperature T_Cu [mK]")
    ax.set_ylabel("coefficient of performance [1]")
    ax.set_title(f"COP vs Carnot (T_hot = {result['device']['T_hot_K'] * 1e3:g} mK)", fontsize=9)
    ax.legend(fontsize=8)
    ax = axes[2]
    for cd, color in zip(result["cooldowns"], ("tab:blue", "tab:orange")):
        ax.semilogy(np.asarray(cd["t_s"]), np.asarray(cd["T_K"]) * 1e3, color=color,
                    label=f"from {cd['T_start_K'] * 1e3:g} mK")
    ax.set_xlabel("time [s]")
    ax.set_ylabel("T_Cu [mK]")
    ax.set_title(f"cool-down of {result['device']['cu_volume_m3'] * 1e6:g} cm^3 Cu (electrons + phonons)", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
