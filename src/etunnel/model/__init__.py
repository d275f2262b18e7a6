"""The paper's equations as pure, vectorised functions in SI units.

Submodules by section of the paper: :mod:`~etunnel.model.two_body`
(eqs. 1-11), :mod:`~etunnel.model.lattice` (eqs. 15-24, 36-37),
:mod:`~etunnel.model.infinite_lattice` (the exact infinite series),
:mod:`~etunnel.model.conducting` (eqs. 38-41), :mod:`~etunnel.model.resistivity`
(eqs. 25-35) and :mod:`~etunnel.model.phenomena` (eqs. 42-45).
"""

from etunnel.model.conducting import (
    CONDUCTOR,
    INSULATOR,
    STATES,
    SUPERCONDUCTOR,
    classify,
    conducting_radius,
    conducting_ratio,
    insulating_threshold,
    insulating_threshold_fraction,
)
from etunnel.model.lattice import (
    center_line_force,
    first_term,
    kinetic_term,
    lifting_energy,
    potential_term,
    resisting_distance,
    series_term,
)

__all__ = [
    "CONDUCTOR",
    "INSULATOR",
    "STATES",
    "SUPERCONDUCTOR",
    "center_line_force",
    "classify",
    "conducting_radius",
    "conducting_ratio",
    "first_term",
    "insulating_threshold",
    "insulating_threshold_fraction",
    "kinetic_term",
    "lifting_energy",
    "potential_term",
    "resisting_distance",
    "series_term",
]
