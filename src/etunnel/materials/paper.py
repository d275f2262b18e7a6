"""The paper's own printed values, as data with source = the paper.

Table 1 of [1]_ lists, for nine materials, the radii used as R_b and R_v, the
"Resisting D" computed (the paper says) with eq. (37) at c = 0.1, and the
resistivity. The resistivity column is headed "Resistivity (m/MS)": metre per
megasiemens, i.e. 1e-6 ohm m (micro-ohm metre); Cu's 1.69E-02 m/MS is
1.69e-8 ohm m. On reading, every value is converted to SI.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University (rev. 2023).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from etunnel.materials.provenance import Sourced

PAPER = 'J. Z. Liu, "Unified Theory of Low and High-Temperature Superconductivity", Stanford University (rev. 2023)'
TABLE1_SOURCE = f"{PAPER}, Table 1"

#: The attraction coefficient used for Table 1 ("c = 0.1"). Source: the paper, Table 1.
TABLE1_C = Sourced(0.1, "1", source=TABLE1_SOURCE, note="uniform value assumed by the paper")

#: 1 m/MS (metre per megasiemens) in ohm m.
M_PER_MS = 1e-6


@dataclass(frozen=True)
class Table1Row:
    """One row of the paper's Table 1, in SI units.

    Attributes
    ----------
    name, symbol : str
    R_b : Sourced
        "Border Ra" [m].
    R_v : Sourced
        "Valence Ra" [m].
    resisting_D : Sourced
        "Resisting D" [1/m].
    resistivity : Sourced
        "Resistivity" converted from m/MS to [ohm m].
    note : str
        etunnel's remark on a printed value (empty if none).
    """

    name: str
    symbol: str
    R_b: Sourced
    R_v: Sourced
    resisting_D: Sourced
    resistivity: Sourced
    note: str = ""


def load_table1() -> list[Table1Row]:
    """The paper's Table 1 as printed, converted to SI (source = the paper)."""
    text = resources.files("etunnel").joinpath("data", "liu_table1.csv").read_text(encoding="utf-8")
    body = "".join(line for line in io.StringIO(text) if not line.lstrip().startswith("#"))
    rows = []
    for row in csv.DictReader(io.StringIO(body)):
        if row["resistivity_unit"].strip() != "m/MS":
            raise ValueError(f"liu_table1.csv: unexpected resistivity unit {row['resistivity_unit']!r}")
        rows.append(
            Table1Row(
                name=row["name"],
                symbol=row["symbol"],
                R_b=Sourced(float(row["border_radius_pm"]) * 1e-12, "m", TABLE1_SOURCE,
                            note="'Border Ra' (van der Waals or empirical radius, from ptable.com)"),
                R_v=Sourced(float(row["valence_radius_pm"]) * 1e-12, "m", TABLE1_SOURCE,
                            note="'Valence Ra' (covalent radius, from ptable.com)"),
                resisting_D=Sourced(float(row["resisting_d_per_m"]), "1/m", TABLE1_SOURCE,
                                    note="'Resisting D', eq. (37) at c = 0.1 according to the paper"),
                resistivity=Sourced(float(row["resistivity_printed"]) * M_PER_MS, "ohm m", TABLE1_SOURCE,
                                    note=f"printed as {row['resistivity_printed']} m/MS (1 m/MS = 1e-6 ohm m)"),
                note=row["note"].strip(),
            )
        )
    return rows


#: Boiling-point threshold of Figure 12 ("states of elements at 3500 K"). Source: the paper.
GAS_TEMPERATURE = 3500.0
#: Elements considered in Figures 11-13: Z = 1..103 (the printed periodic table).
MAX_Z = 103


#: Numbers printed in the paper's text, with the equation or figure they belong to.
#: (value, where printed). Used by the reproduction report as the "paper value".
PRINTED = {
    "border_ratio": (2.618, "eq. (9): R_b = (3+sqrt 5)/2 r ~ 2.618 r"),
    "proton_distance_ratio": (5.236, "text after eq. (9): 5.236 (2 x 2.618) times the orbital radius"),
    "Rc_c1": (0.382, "eq. (39)/(41): R_c ~ 0.382 R_b when c = 1"),
    "Rc_c1/2": (0.621, "eq. (39): R_c ~ 0.621 R_b when c = 1/2"),
    "Rc_c1/3": (0.785, "eq. (39): R_c ~ 0.785 R_b when c = 1/3"),
    "Rc_fig7_c1_pm": (382.0, "Figure 7 caption: turning positive at a radius of 382 pm (c = 1, R_b = 1000 pm)"),
    "Rc_fig7_c1/3_pm": (785.0, "Figure 7 caption: turning positive at a radius of 785 pm (c = 1/3, R_b = 1000 pm)"),
    "threshold_weak": (1 / 6, "text after Table 1 and after eq. (40): no tunnel for c < 1/6"),
    "threshold_about": (0.225, "text after eq. (41): the electron tunnel disappears at c of about 0.225"),
    "threshold_tunnel": (0.25, "text after Table 1: an electron tunnel appears for c > 1/4"),
    "ring_flux_factor": (2.0, "Flux Quantization: the theory predicts a minimum ring flux of twice Phi0 = h/2e"),
}
