"""
Screen candidates with the guideline and a baseline
===================================================

The workflow of ``etunnel screen``: rank candidate compositions by the
paper's engineering guideline (a weight-free score,
:func:`etunnel.validation.predictors.guideline_score`) and by a
gradient-boosted T_c baseline trained on a SuperCon-format table, with a
10-90 % band and an out-of-distribution flag
(:func:`etunnel.services.candidate_screen.screen`).

The training table here is a toy of about seventy well-known compositions,
written on the fly so that the example runs anywhere; its predictions are
illustrations of the workflow, not results. With the real data, pass the
SuperCon file: ``etunnel screen LaH10 H3S MgB2 --supercon
stanev_supercon_data.csv``.
"""

import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from etunnel.services.candidate_screen import screen

ROWS = [
    ("YBa2Cu3O7", 92), ("YBa2Cu3O6.5", 55), ("YBa2Cu3O6", 0), ("La1.85Sr0.15CuO4", 38), ("La2CuO4", 0),
    ("Bi2Sr2CaCu2O8", 85), ("Bi2Sr2Ca2Cu3O10", 110), ("HgBa2Ca2Cu3O8", 133), ("HgBa2CuO4", 94),
    ("Tl2Ba2Ca2Cu3O10", 125), ("Nd1.85Ce0.15CuO4", 24), ("Ba0.6K0.4Fe2As2", 38), ("LaFeAsO0.9F0.1", 26),
    ("SmFeAsO0.85F0.15", 55), ("FeSe", 8), ("FeTe", 0), ("BaFe2As2", 0), ("H3S", 203), ("YH6", 224),
    ("CaH6", 215), ("PdH", 9), ("ThH10", 161), ("MgB2", 39), ("AlB2", 0), ("Nb3Sn", 18), ("Nb3Ge", 23),
    ("V3Si", 17), ("NbN", 16), ("NbC", 11), ("NbTi", 10), ("Pb", 7.2), ("Nb", 9.25), ("Al", 1.2), ("Sn", 3.7),
    ("In", 3.4), ("Hg", 4.15), ("Zn", 0.85), ("Cs3C60", 38), ("K3C60", 19), ("Li2Pd3B", 7), ("Cu", 0),
    ("Au", 0), ("Ag", 0), ("NaCl", 0), ("Si", 0), ("Fe", 0), ("SrTiO3", 0.3), ("Sr2RuO4", 1.5),
    ("YNi2B2C", 15.5), ("CaC6", 11.5),
]
folder = Path(tempfile.mkdtemp())
training = folder / "supercon_toy.csv"
training.write_text("name,Tc\n" + "".join(f"{n},{t}\n" for n, t in ROWS), encoding="utf-8")

result = screen(["LaH10", "Nb3Al", "MgB2", "CsPbI3", "YBa2Cu4O8"], supercon=training, use_cache=False)

# %%
# Each candidate: the guideline score (0-1, 1 = what the paper recommends),
# the baseline's T_c with its band, and whether it lies outside what the
# model was trained on.
for c in result.candidates:
    print(f"{c.formula:10s} guideline {c.guideline_score:.2f}  T_c {c.predicted_tc_K:6.1f} K "
          f"[{c.tc_low_K:.1f}, {c.tc_high_K:.1f}]  out of distribution: {c.out_of_distribution}")

names = [c.formula for c in result.candidates]
tc = np.array([c.predicted_tc_K for c in result.candidates])
low = np.array([c.tc_low_K for c in result.candidates])
high = np.array([c.tc_high_K for c in result.candidates])
score = np.array([c.guideline_score for c in result.candidates])
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7.2, 3.0), layout="constrained")
ax1.bar(names, score, color="0.6")
ax1.set_ylabel("guideline score [1]")
ax1.set_ylim(0, 1)
ax2.errorbar(names, tc, yerr=[tc - low, high - tc], fmt="o", capsize=3, label="baseline, 10-90 % band")
ax2.set_ylabel("predicted $T_c$ [K]")
ax2.legend(fontsize=7)
for ax in (ax1, ax2):
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
fig.suptitle("Candidates ranked two ways (toy training table)", fontsize=9)
