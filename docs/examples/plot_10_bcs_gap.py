"""
BCS energy gap
==============

The weak-coupling BCS gap :math:`\\Delta(T)` from the gap equation
(:func:`etunnel.standard.bcs.bcs_gap`), in units of :math:`k_B T_c`. At zero
temperature :math:`2\\Delta(0)/k_BT_c = 2\\pi e^{-\\gamma} = 3.528`; near
:math:`T_c`, :math:`\\Delta \\approx 3.06\\,k_BT_c\\sqrt{1 - T/T_c}`.
"""

import matplotlib.pyplot as plt
import numpy as np

from etunnel.constants import BOLTZMANN_CONSTANT
from etunnel.plots.style import figure_style
from etunnel.standard.bcs import bcs_gap

T_c = 9.25  # K, niobium
t = np.linspace(0.0, 1.0, 201)
gap = bcs_gap(t * T_c, T_c) / (BOLTZMANN_CONSTANT * T_c)

with figure_style():
    fig, ax = plt.subplots()
    ax.plot(t, gap, label="BCS gap equation")
    ax.plot(t, 3.06 * np.sqrt(1 - t), ls="--", label=r"$3.06\sqrt{1 - T/T_c}$")
    ax.set_xlabel("reduced temperature T/T_c [1]")
    ax.set_ylabel(r"gap $\Delta/k_B T_c$ [1]")
    ax.set_ylim(0, 2)
    ax.legend()
    fig.tight_layout()

print(f"2 Delta(0) / k_B T_c = {2 * gap[0]:.6f}  (2 pi exp(-gamma) = {2 * np.pi * np.exp(-np.euler_gamma):.6f})")
