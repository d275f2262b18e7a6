"""
Figure 5: resisting distance for c = 0, 1/3 and 1
=================================================

The paper's Fig. 5: the first term :math:`d` of the resisting distance
(eq. 37) against the valence radius for three attraction coefficients, with
:math:`R_b = 1000` pm. Where a curve crosses zero is the conducting radius
(eq. 38). With :math:`c = 0` there is no crossing: an insulator.
"""

import etunnel
from etunnel.plots.paper_figures import figure5
from etunnel.report.claims import figure5_data

fig = figure5(figure5_data())

# %%
# The roots, first term (eq. 38) and infinite lattice (exact), in pm:
for c in (1 / 3, 1.0):
    first = etunnel.conducting_radius(1000e-12, c, terms=1) * 1e12
    infinite = etunnel.conducting_radius(1000e-12, c) * 1e12
    print(f"c = {c:.3f}: R_c = {first:.2f} pm (first term), {infinite:.2f} pm (infinite lattice)")
