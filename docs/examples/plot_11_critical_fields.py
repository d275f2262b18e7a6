"""
Critical fields of a type II superconductor
===========================================

Ginzburg–Landau critical fields :math:`B_{c1}`, :math:`B_c` and
:math:`B_{c2}` against temperature from a London penetration depth and a BCS
coherence length (:mod:`etunnel.standard.ginzburg_landau`). The inputs are
illustrative values of the order of niobium's: :math:`T_c = 9.25` K,
:math:`\\lambda_L(0) = 39` nm, :math:`\\xi_0 = 38` nm (clean limit).
"""

import matplotlib.pyplot as plt
import numpy as np

from etunnel.plots.style import figure_style
from etunnel.standard import ginzburg_landau as gl

T_c, lambda_L, xi_0 = 9.25, 39e-9, 38e-9
T = np.linspace(0.5, 9.2, 120)
xi = gl.gl_coherence_length(xi_0, T, T_c)
lam = gl.gl_penetration_depth(lambda_L, T, T_c)
kappa = gl.gl_kappa(lam, xi)

with figure_style():
    fig, ax = plt.subplots()
    ax.plot(T, gl.upper_critical_field(xi), label="$B_{c2}$")
    ax.plot(T, gl.thermodynamic_critical_field(lam, xi), label="$B_c$")
    ax.plot(T, gl.lower_critical_field(lam, xi), label="$B_{c1}$")
    ax.set_xlabel("temperature T [K]")
    ax.set_ylabel("critical field [T]")
    ax.set_title(f"kappa = {kappa[0]:.2f}: type {gl.superconductor_type(kappa[0])}")
    ax.legend()
    fig.tight_layout()
