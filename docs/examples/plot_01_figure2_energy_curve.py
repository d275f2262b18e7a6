"""
Figure 2: energy to lift an electron, atom and proton
=====================================================

The paper's Fig. 2: a hydrogen atom and a proton 2000 pm apart, so the border
is at :math:`R_b = 1000` pm. The lifting energy (eq. 8) falls as the orbit
grows and vanishes at the conducting radius :math:`R_c = (3-\\sqrt5)/2\\,R_b`
(eq. 10); beyond it lies the electron tunnel.
"""

import numpy as np

from etunnel.model import two_body
from etunnel.plots.paper_figures import figure2
from etunnel.report.claims import figure2_data

# %%
# The curves come from the model functions, not from the paper's picture.
data = figure2_data()
fig = figure2(data)

# %%
# The conducting radius, exact and as the paper prints it (382 pm):
R_b = 1000e-12
R_c = two_body.two_body_conducting_radius(R_b)
print(f"R_c = {R_c * 1e12:.3f} pm; (3 - sqrt 5)/2 R_b = {(3 - np.sqrt(5)) / 2 * R_b * 1e12:.3f} pm")
print(f"lifting energy at R_c: {two_body.two_body_lifting_energy(R_c, R_b):.3e} J")
