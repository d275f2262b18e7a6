"""
Validate the paper's claims on data
===================================

The workflow of ``etunnel validate``: each testable claim of the paper is
measured on data nobody tuned, with a confidence interval, beside a baseline,
and given a verdict (:func:`etunnel.services.validation_report.validate`).
The scorecard is written as Markdown, JSON and a self-contained HTML page.

The SuperCon table here is a toy of a few dozen compositions, written on the
fly so that the example runs anywhere, and the bootstrap is switched off; the
verdicts printed below are therefore illustrations of the workflow, not
results. With the real data: ``etunnel validate --supercon
stanev_supercon_data.csv --out val`` (about 20 s).
"""

import tempfile
from pathlib import Path

from etunnel.services.validation_report import validate

ROWS = [
    ("YBa2Cu3O7", 92), ("YBa2Cu3O6", 0), ("La1.85Sr0.15CuO4", 38), ("La2CuO4", 0), ("Bi2Sr2CaCu2O8", 85),
    ("HgBa2Ca2Cu3O8", 133), ("Ba0.6K0.4Fe2As2", 38), ("LaFeAsO0.9F0.1", 26), ("FeSe", 8), ("BaFe2As2", 0),
    ("H3S", 203), ("LaH10", 250), ("MgB2", 39), ("AlB2", 0), ("Nb3Sn", 18), ("V3Si", 17), ("NbN", 16),
    ("Pb", 7.2), ("Nb", 9.25), ("Al", 1.2), ("Sn", 3.7), ("Cu", 0), ("Au", 0), ("NaCl", 0), ("SrTiO3", 0.3),
    ("Sr2RuO4", 1.5), ("CaC6", 11.5), ("K3C60", 19), ("Fe", 0), ("Si", 0),
]
folder = Path(tempfile.mkdtemp())
supercon = folder / "supercon_toy.csv"
supercon.write_text("name,Tc\n" + "".join(f"{n},{t}\n" for n, t in ROWS), encoding="utf-8")

report = validate(supercon, folder / "scorecard", n_bootstrap=0)

# %%
# One line per claim: what was measured and the verdict.
for row in report.to_dict()["rows"]:
    effect = row["effect"]
    value = "missing" if effect is None or effect["value"] is None else f"{effect['value']:.3g}"
    print(f"{row['id']:28s} {value:>9s}  {row['verdict']}")

# %%
# The page itself is ``scorecard/scorecard.html``; its figures are also
# written as PNG and SVG. Here is the one for the electronegativity claim.
import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

figures = sorted((folder / "scorecard" / "figures").glob("*electronegativity*.png"))
fig, ax = plt.subplots(figsize=(7.2, 4.0))
ax.imshow(mpimg.imread(figures[0]))
ax.set_axis_off()
