"""Materials data with provenance: elements, radius conventions, compounds.

Every value carries its SI unit and source (:mod:`etunnel.materials.provenance`).
``etunnel.materials`` may import :mod:`etunnel.model`, never the reverse.
"""

from etunnel.materials.provenance import Missing, MaybeSourced, Sourced, is_missing
from etunnel.materials.superconductors import ElementalSuperconductor, load_elemental_superconductors

__all__ = [
    "ElementalSuperconductor",
    "MaybeSourced",
    "Missing",
    "Sourced",
    "is_missing",
    "load_elemental_superconductors",
]
