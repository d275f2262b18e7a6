"""
Figure 8: state diagram of mercury
==================================

The paper's Fig. 8 is a sketch. This is its quantitative form for mercury:
the state at every temperature and pressure from the pressure and
temperature sub-models (:mod:`etunnel.conditions.submodels`), with the
superconducting boundary :math:`R_v(T) = R_c(T, p)` (eqs. 38, 11) and the
insulating boundary :math:`c(T, p) = c^*` solved exactly, and the measured
:math:`T_c(p)` points with the fit of :math:`c_0`, :math:`n`, :math:`\\beta`
(``etunnel diagram Hg --fit``). Radii follow the paper's rule (``paper``
convention, see :ref:`radius-conventions`).
"""

from etunnel.services.diagram_report import diagram_figure, state_diagram_report
from etunnel.services.material import build_material

material = build_material("Hg")

# %%
# With the parameters as stated (c0 = 0.1, the paper's Table 1 value, below
# c* at ambient conditions), over a wide range of conditions:
stated = state_diagram_report(material, temperature=(0.0, 300.0, 121), pressure=(0.0, 40e9, 121))
fig_stated = diagram_figure(stated)
print(stated.to_dict()["state_fractions"])

# %%
# Fitted to the measured T_c(p) points (c0, n and beta free), where the data
# are (all five at ambient pressure). The fit reproduces them only with a T_c
# that climbs steeply just beyond them; the title and caption say so.
fitted = state_diagram_report(material, temperature=(0.0, 20.0, 121), pressure=(0.0, 0.1e9, 121), fit=True)
fig_fitted = diagram_figure(fitted)

# %%
# Which model the data prefer by AIC and BIC: the fitted sub-models, or a
# polynomial with as many coefficients ("none": too few points to decide).
print(fitted.fit.winner)
