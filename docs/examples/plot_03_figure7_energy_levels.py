"""
Figure 7: electron energy level and the width of the tunnel
===========================================================

The paper's Fig. 7: the electron's energy level :math:`-E_c` (eq. 23) from
200 pm to the border at :math:`R_b = 1000` pm for several :math:`c`. Solid:
the paper's first term (eq. 37); dotted: the whole lattice, summed exactly.
The tunnel (positive level) widens as :math:`c` grows, and the infinite
lattice moves its edge.
"""

from etunnel.plots.paper_figures import figure7
from etunnel.report.claims import figure7_data

fig = figure7(figure7_data())
