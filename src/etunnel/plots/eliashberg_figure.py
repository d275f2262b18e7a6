"""Figure of a T_c calculation: alpha^2F(omega) with lambda(omega), and the gap Delta(i omega_n) below T_c."""

from __future__ import annotations

import numpy as np


def plot_critical_temperature(result):
    """Two panels from a :class:`~etunnel.services.critical_temperature.CriticalTemperatureResult`.

    Left: alpha^2F(omega) (filled) and its running coupling lambda(omega) = 2 int_0^omega alpha^2F/W dW
    (right axis), with omega_log and omega_2 marked. Right: Delta(i omega_n) and Z(i omega_n) at 0.2 T_c
    against the Matsubara energy, with the Padé gap edge Delta_0 as a dashed line. All T_c values and
    mu* in the title; the conventions in a caption.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    c = result.curves
    m = result.moments
    fig, (ax1, ax3) = plt.subplots(1, 2, figsize=(11, 4.6), constrained_layout=True)
    w = np.asarray(c["omega_meV"])
    ax1.fill_between(w, np.asarray(c["alpha2F"]), color="tab:blue", alpha=0.35, lw=0)
    ax1.plot(w, np.asarray(c["alpha2F"]), color="tab:blue", lw=1.2, label=r"$\alpha^2F(\omega)$")
    ax1.set_xlabel(r"phonon energy $\omega$ [meV]")
    ax1.set_ylabel(r"$\alpha^2F(\omega)$ [1]", color="tab:blue")
    ax1.set_xlim(0, w[-1])
    ax1.set_ylim(bottom=0)
    for key, style, label in (("omega_log_meV", ":", r"$\omega_{\log}$"), ("omega_2_meV", "--", r"$\bar\omega_2$")):
        ax1.axvline(m[key], color="0.3", ls=style, lw=1)
        ax1.annotate(f"{label} = {m[key]:.3g} meV", (m[key], 0.97), xycoords=("data", "axes fraction"),
                     rotation=90, va="top", ha="right", fontsize=8, color="0.25")
    ax2 = ax1.twinx()
    ax2.plot(w, np.asarray(c["lambda_accumulated"]), color="tab:red", lw=1.6)
    ax2.set_ylabel(r"$\lambda(\omega) = 2\int_0^\omega \alpha^2F(\Omega)\,d\Omega/\Omega$", color="tab:red")
    ax2.set_ylim(0, 1.08 * m["lambda"])
    ax1.set_title(rf"spectrum: $\lambda$ = {m['lambda']:.3g}", fontsize=10)
    if result.spectrum.startswith("Einstein"):
        ax1.text(0.02, 0.97, "delta-function modes drawn as boxes 1% of\n" + r"$\omega_{max}$ wide (area $\lambda_i\omega_i/2$)",
                 transform=ax1.transAxes, va="top", fontsize=8, color="0.3")

    g = result.gap
    if g is not None:
        wn = np.asarray(g.matsubara_meV)
        ax3.plot(wn, np.asarray(g.gap_meV), "o-", ms=3, color="tab:green", label=r"$\Delta(i\omega_n)$ [meV]")
        if g.gap_edge_meV is not None and np.isfinite(g.gap_edge_meV):
            ax3.axhline(g.gap_edge_meV, color="tab:green", ls="--", lw=1,
                        label=rf"$\Delta_0$ (Padé, real axis) = {g.gap_edge_meV:.3g} meV")
        ax3.axhline(0, color="0.6", lw=0.8)
        wc = result.eliashberg["cutoff_meV"]
        if wc < wn[-1]:
            ax3.axvline(wc, color="tab:purple", ls=":", lw=1, label=rf"Coulomb cutoff $\omega_c$ = {wc:.4g} meV")
        ax3.set_xlabel(r"Matsubara energy $\omega_n = \pi k_BT(2n+1)$ [meV]")
        ax3.set_ylabel(r"gap $\Delta(i\omega_n)$ [meV]")
        ax3.set_xlim(0, wn[-1])
        ax4 = ax3.twinx()
        ax4.plot(wn, np.asarray(g.renormalization), color="0.4", lw=1.2, label=r"$Z(i\omega_n)$")
        ax4.set_ylabel(r"renormalisation $Z(i\omega_n)$ [1]", color="0.3")
        ax4.set_ylim(bottom=1.0)
        h1, l1 = ax3.get_legend_handles_labels()
        h2, l2 = ax4.get_legend_handles_labels()
        ax3.legend(h1 + h2, l1 + l2, fontsize=8, loc="center right")
        ratio = "missing" if g.two_delta_over_kTc is None or not np.isfinite(g.two_delta_over_kTc) else f"{g.two_delta_over_kTc:.3g}"
        ax3.set_title(rf"Eliashberg solution at T = {g.temperature_K:.3g} K (0.2 $T_c$); "
                      rf"$2\Delta_0/k_BT_c$ = {ratio}", fontsize=10)
    else:
        ax3.text(0.5, 0.5, "gap not computed", ha="center", va="center", transform=ax3.transAxes)
        ax3.set_axis_off()
    el = result.eliashberg["tc"]
    el_text = "missing" if el is None or not np.isfinite(el) else f"{el:.4g} K"
    fig.suptitle(rf"$\mu^*$ = {result.mu_star:g}:  $T_c$ Eliashberg {el_text},  Allen-Dynes "
                 rf"{result.tc_allen_dynes_K:.4g} K ($f_1f_2$ = {result.allen_dynes_f1 * result.allen_dynes_f2:.3f}),  "
                 rf"McMillan {result.tc_mcmillan_K:.4g} K", fontsize=11)
    return fig
