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
report = state_diagram_report(material, temperature=(0.0, 300.0, 121), pressure=(0.0, 40e9, 121), fit=True)
fig = diagram_figure(report)

# %%
# Fractions of the grid in each state, and which model the data prefer
# (the fitted sub-models or a polynomial with as many coefficients):
print(report.to_dict()["state_fractions"])
print(report.fit.winner)
