"""
Table 1: resistivity against resisting distance
===============================================

The paper's Table 1 lists nine materials with their radii, a "Resisting D"
computed with eq. (37) at :math:`c = 0.1`, and their resistivity. Here the
printed D, and eq. (37) and the infinite lattice recomputed from the printed
radii, are plotted against the printed resistivity. The printed column is not
eq. (37) of the printed radii, and at :math:`c = 0.1` (below
:math:`c^* = 1/5`) every material is an insulator under the paper's own rule.
"""

from etunnel.plots.paper_figures import table1_figure
from etunnel.report.claims import table1_correlations, table1_rows

rows = table1_rows()
fig = table1_figure(rows)

# %%
for r in rows:
    print(f"{r['symbol']:>2}: printed D {r['paper_resisting_D_per_m']:.3g} 1/m, "
          f"eq. (37) {r['etunnel_first_term_D_per_m']:.3g} 1/m, ratio {r['ratio_first_term_to_paper']:.3g}")
print(table1_correlations(rows))
