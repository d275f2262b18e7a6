"""Compiled evaluation of the tabulated BCS reduced gap (see :mod:`etunnel.standard.bcs_gap_tables`).

One pass over the temperatures: pick the interval, sum the Chebyshev series
of ``g(t) = y/sqrt(1 - t)`` by Clenshaw's recurrence, multiply by
``sqrt(1 - t)``. Kept in its own module so that numba is imported (and the
kernel compiled or loaded from its cache) only when a BCS gap is first needed.
"""

from __future__ import annotations

import numba
import numpy as np

from etunnel.standard._bcs_gap_coefficients import BREAKS, COEFFICIENTS, GRID

_BREAKS = np.array(BREAKS, dtype=np.float64)
_COEFFS = np.array(COEFFICIENTS, dtype=np.float64)
# Interval of every look-up cell [j/GRID, (j+1)/GRID); the ends after the first are cell edges.
_CELL = np.clip(np.searchsorted(_BREAKS, (np.arange(GRID) + 0.5) / GRID) - 1, 0, len(BREAKS) - 2).astype(np.int64)
# Affine map of each interval onto [-1, 1]: x = t * _SCALE - _SHIFT.
_SCALE = 2.0 / np.diff(_BREAKS)
_SHIFT = (_BREAKS[1:] + _BREAKS[:-1]) / np.diff(_BREAKS)


@numba.njit(cache=True, nogil=True)
def _reduced_gap_kernel(t, flat, grid, cell, scale, shift, coeffs, out):  # pragma: no cover - compiled
    n_coef = coeffs.shape[1]
    for i in range(t.size):
        ti = t[i]
        if not ti < 1.0:  # t >= 1: normal state
            out[i] = 0.0
            continue
        if ti <= flat:  # 1 - y < 1e-20
            out[i] = 1.0
            continue
        k = cell[int(ti * grid)]
        x = ti * scale[k] - shift[k]
        x2 = 2.0 * x
        b1 = 0.0
        b2 = 0.0
        for j in range(n_coef - 1, 0, -1):
            b0 = coeffs[k, j] + x2 * b1 - b2
            b2 = b1
            b1 = b0
        g = coeffs[k, 0] + x * b1 - b2
        out[i] = g * np.sqrt(1.0 - ti)


def reduced_gap_table(t: np.ndarray) -> np.ndarray:
    """``Delta/Delta0`` at reduced temperatures ``t >= 0`` (any shape, float64)."""
    t = np.asarray(t, dtype=np.float64, order="C")  # keeps 0-d arrays 0-d
    out = np.empty_like(t)
    _reduced_gap_kernel(t.reshape(-1), _BREAKS[0], float(GRID), _CELL, _SCALE, _SHIFT, _COEFFS, out.reshape(-1))
    return out
