"""
Figures 11-13: superconductors, boiling points and density
==========================================================

The paper compares the superconducting elements (Fig. 11) with the elements
that are not gaseous at 3500 K (Fig. 12) and with density (Fig. 13). The
maps are redrawn from sourced data (etunnel's table of ambient elemental
superconductors; pymatgen's boiling points and densities), and the
association is tested.
"""

import numpy as np
from pymatgen.core import Element

from etunnel.plots.paper_figures import periodic_map
from etunnel.report.claims import GAS_TEMPERATURE, association_tests, periodic_data

rows = periodic_data()


def cells(kind):
    out = []
    for r in rows:
        el = Element(r.symbol)
        cell = {"symbol": r.symbol, "Z": r.Z, "row": el.row, "group": el.group}
        if kind == "sc":
            cell["flag"] = r.superconducting
        elif kind == "bp":
            cell["flag"] = None if np.isnan(r.boiling_point) else bool(r.boiling_point > GAS_TEMPERATURE)
        else:
            cell["value"] = r.density
        out.append(cell)
    return out


# %%
fig11 = periodic_map(cells("sc"), "Figure 11: ambient-pressure elemental superconductors (blue)")
# %%
fig12 = periodic_map(cells("bp"), f"Figure 12: boiling point above {GAS_TEMPERATURE:g} K (blue)")
# %%
fig13 = periodic_map(cells("rho"), "Figure 13: density of the solid", colorbar_label="density [kg m^-3]")

# %%
# The association the paper claims, measured:
tests = association_tests(rows)
for key in ("boiling", "density"):
    print(key, {k: tests[key][k] for k in ("odds_ratio", "p_value", "n")})
