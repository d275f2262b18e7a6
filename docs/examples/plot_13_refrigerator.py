"""
A superconducting refrigerator against Carnot
=============================================

The quasi-static magnetic Otto cycle of a BCS superconductor
(:func:`etunnel.standard.refrigerator.otto_refrigerator`): its coefficient
of performance against the cold-reservoir temperature, beside the Carnot
bound it can never beat. Working substance with :math:`T_c = 1.2` K (of the
order of aluminium), hot reservoir at 1.0 K, field driving it fully normal.
"""

import matplotlib.pyplot as plt
import numpy as np

from etunnel.plots.style import figure_style
from etunnel.standard.refrigerator import otto_refrigerator

T_c, T_hot = 1.2, 1.0
T_cold = np.linspace(0.55, 0.98, 40)
cycles = [otto_refrigerator(T_hot, t, T_c, 1.0) for t in T_cold]
cop = np.array([c.cop for c in cycles])
carnot = np.array([c.carnot_cop for c in cycles])
assert np.all(np.isnan(cop) | (cop <= carnot))

with figure_style():
    fig, ax = plt.subplots()
    ax.plot(T_cold, carnot, color="k", ls="--", label="Carnot T_c/(T_h - T_c)")
    ax.plot(T_cold, cop, label="Otto cycle, BCS working substance")
    ax.set_yscale("log")
    ax.set_xlabel("cold reservoir temperature [K]")
    ax.set_ylabel("coefficient of performance [1]")
    ax.legend()
    fig.tight_layout()
