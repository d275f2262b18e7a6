"""
Fit an element's T_c(p)
=======================

The workflow of ``etunnel fit``: build a material from its data
(:func:`etunnel.services.material.build_material`), fit the pressure and
temperature sub-models to its measured :math:`T_c(p)` (packaged table, or
your own CSV with ``data=``), and compare with a polynomial baseline with as
many coefficients by AIC/BIC. A failed fit says so.
"""

from etunnel.services.fit_report import fit_figure, fit_report
from etunnel.services.material import build_material

report = fit_report(build_material("Y"))
fig = fit_figure(report)

# %%
# The fitted parameters with standard errors, and the verdict:
for name, p in report.fitted.items():
    print(name, p)
print("RMSE [K]: model", report.model.get("rmse_K"), "baseline", report.baseline.get("rmse_K"))
print(report.winner)
