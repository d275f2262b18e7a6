"""etunnel: the electron-tunnel theory of superconductivity, computable.

The model of J. Z. Liu, "Unified Theory of Low and High-Temperature
Superconductivity" (Stanford University), implemented equation by equation,
in SI units, with the infinite lattice evaluated exactly.
"""

__version__ = "0.1.0"

__all__ = [
    "classify",
    "conducting_radius",
    "insulating_threshold",
    "lifting_energy",
    "resisting_distance",
    "__version__",
]

_MODEL_FUNCTIONS = frozenset(__all__) - {"__version__"}


def __getattr__(name: str):
    """Load the model functions on first use (PEP 562), so that ``etunnel --help`` starts fast."""
    if name in _MODEL_FUNCTIONS:
        from etunnel import model

        value = getattr(model, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'etunnel' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _MODEL_FUNCTIONS)
