"""Fixed Gauss-Legendre quadrature, vectorised over many integrals at once.

The BCS integrals below are smooth and decay like ``exp(-E/k_B T)``; a fixed
Gauss-Legendre rule on finite panels integrates them to ~1e-13 relative
accuracy for every temperature, and, unlike :func:`scipy.integrate.quad`, it
evaluates thousands of temperatures in one NumPy call. The tests check these
integrals against :mod:`mpmath` quadrature.
"""

from __future__ import annotations

import numpy as np

_N_NODES = 160
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(_N_NODES)

#: Upper end of the reduced-energy integrals, E/(k_B T); exp(-60) ~ 1e-26.
X_MAX = 60.0


def panel(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the Gauss-Legendre rule on ``[a, b]``.

    ``a`` and ``b`` are arrays of shape ``(N,)``; the results have shape
    ``(N, _N_NODES)``.
    """
    a = np.asarray(a, dtype=float)[:, None]
    b = np.asarray(b, dtype=float)[:, None]
    half = 0.5 * (b - a)
    return a + half * (_NODES[None, :] + 1.0), half * _WEIGHTS[None, :]


def integrate_energy(g, delta: np.ndarray) -> np.ndarray:
    """Integrate ``g(E, x)`` over ``x`` in ``[0, inf)`` with ``E = sqrt(x^2 + delta^2)``.

    ``delta`` (shape ``(N,)``) is the reduced gap Delta/(k_B T). The range is
    split at ``x = delta`` so that the curvature of ``E(x)`` near ``x = 0`` is
    resolved when ``delta`` is small.
    """
    delta = np.asarray(delta, dtype=float)
    split = np.minimum(delta, X_MAX)
    total = np.zeros_like(delta)
    for a, b in ((np.zeros_like(delta), split), (split, split + X_MAX)):
        x, w = panel(a, b)
        energy = np.sqrt(x * x + delta[:, None] ** 2)
        total += np.sum(w * g(energy, x), axis=1)
    return total
