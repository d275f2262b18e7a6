"""
McMillan and Allen–Dynes critical temperature
=============================================

Strong-coupling :math:`T_c` against the electron–phonon coupling
:math:`\\lambda` (:mod:`etunnel.standard.strong_coupling`): McMillan's formula
with a Debye temperature, and Allen–Dynes' with a logarithmic phonon
frequency, both at 300 K and for two Coulomb pseudopotentials
:math:`\\mu^*`. The Allen–Dynes form grows without bound at large
:math:`\\lambda`, where McMillan's saturates.
"""

import matplotlib.pyplot as plt
import numpy as np

from etunnel.plots.style import figure_style
from etunnel.standard.strong_coupling import allen_dynes_tc, mcmillan_tc

lam = np.linspace(0.3, 3.0, 200)
with figure_style():
    fig, ax = plt.subplots()
    for k, mu in enumerate((0.10, 0.13)):
        ax.plot(lam, mcmillan_tc(300.0, lam, mu), color=f"C{k}", label=f"McMillan, mu* = {mu}")
        ax.plot(lam, allen_dynes_tc(300.0, lam, mu), color=f"C{k}", ls="--", label=f"Allen-Dynes, mu* = {mu}")
    ax.set_xlabel(r"electron-phonon coupling $\lambda$ [1]")
    ax.set_ylabel("critical temperature T_c [K]")
    ax.set_title(r"$\theta_D = \omega_{\log} = 300$ K")
    ax.legend()
    fig.tight_layout()
