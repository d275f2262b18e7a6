"""etunnel: the electron-tunnel theory of superconductivity, computable.

The model of J. Z. Liu, "Unified Theory of Low and High-Temperature
Superconductivity" (Stanford University), implemented equation by equation,
in SI units, with the infinite lattice evaluated exactly.
"""

from etunnel.model import (
    classify,
    conducting_radius,
    insulating_threshold,
    lifting_energy,
    resisting_distance,
)

__version__ = "0.1.0"

__all__ = [
    "classify",
    "conducting_radius",
    "insulating_threshold",
    "lifting_energy",
    "resisting_distance",
    "__version__",
]
