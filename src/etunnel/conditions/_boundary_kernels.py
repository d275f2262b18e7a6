r"""Compiled (numba) kernel behind :func:`etunnel.conditions.diagram.critical_temperature`.

The model's :math:`T_c(p)` is the lowest root in temperature of
:math:`R_b D(R_v)` (eq. 24 with eqs. 11 and 38 of [1]_) along one pressure.
The kernel runs the same algorithm as the NumPy path it replaces, column by
column: the same scan, the same bracket rule and the same bisection (same
midpoints, same stopping test :math:`|hi - lo| \le x_{tol} + 4\epsilon
\max(|lo|, |hi|)`, same handling of exact zeros, stuck midpoints and points
outside the model's domain). Only the per-step Python and NumPy overhead is
gone (~110 µs per halving before; ~0.1 µs now).

The sub-model formulas (:mod:`etunnel.conditions.submodels`) are written out
here in the same order of operations, compiled without fast-math (no
contraction into FMA, no reassociation), so each field equals NumPy's up to
the elementary functions: ``pow`` (``c_model="saturating"``) and ``exp``
(``rv_model="boltzmann"``) come from the C library here and from NumPy's SIMD
loops there, which differ by one ulp on a few per cent of arguments. A
bisection step then takes another branch only where :math:`|R_b D|` at the
midpoint is below that ulp, i.e. within ~1e-14 K of the root, so roots agree
bit for bit almost always and always within ``xtol``
(``tests/test_conditions_critical_temperature.py`` compares both paths).
:math:`D` itself comes from :func:`etunnel.model._kernels.resisting_scalar`
and :func:`etunnel.model._kernels.truncated_reduced_scalar`, the kernels the
NumPy path calls, compiled with their own flags.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

from etunnel.conditions.submodels import K_B
from etunnel.model import _kernels

#: Sub-model codes passed to the kernel.
RV_CODES = {"linear": 0, "boltzmann": 1}
C_CODES = {"linear": 0, "saturating": 1}

#: Kernel outcome: every value computed; or a point inside the domain where D or R_b is not finite, where the
#: NumPy path raises its error (the caller then runs it).
OK, NOT_FINITE = 0, 1

_EPS4 = 4 * np.finfo(float).eps
#: Same cap as the NumPy bisection: halving a double interval ends in < 2100 steps.
_MAX_HALVINGS = 2100
_FLOAT_MAX = 1.7976931348623157e308


@nb.njit(cache=True)
def boundary_value(T, cbrt_x, fp, ip):
    r"""Signed distance :math:`R_b D(R_v)` to the superconducting boundary at ``T`` [K]; NaN outside the domain.

    ``fp`` = (R_b0, alpha, T_ref, R_v0, beta, gamma, E_x, exp(-E_x/k_B T_ref), c0, k, n);
    ``ip`` = (rv code, c code, terms; 0 for the infinite lattice). Returns
    ``inf`` to flag a point inside the domain where ``R_b`` or ``D`` is not
    finite (the NumPy path raises there).
    """
    R_b0, alpha, T_ref, R_v0, beta, gamma, E_x, w_ref, c0, k, n = (
        fp[0], fp[1], fp[2], fp[3], fp[4], fp[5], fp[6], fp[7], fp[8], fp[9], fp[10])
    # submodels.thermal_factor, diagram._fields: same operations in the same order
    thermal = 1.0 + alpha * (T - T_ref)
    R_b = R_b0 * thermal * cbrt_x
    lam = 1.0 / (thermal * cbrt_x)
    if ip[1] == 0:
        c = c0 + k * (lam - 1.0)
    else:
        c = 1.0 - (1.0 - c0) * lam ** (-n)
    if ip[0] == 0:
        R_v = R_v0 * (1.0 + beta * (T - T_ref))
    else:
        w = math.exp(-E_x / (K_B * T)) if T > 0 else 0.0
        R_v = R_v0 * (1.0 + gamma * (w - w_ref))
    # diagram._in_domain: 0 <= c <= 1 and 0 < R_v <= R_b (NaN fails every test)
    if not ((c >= 0.0) and (c <= 1.0) and (R_v > 0.0) and (R_v <= R_b)):
        return np.nan
    if not R_b <= _FLOAT_MAX:
        return np.inf
    if ip[2] == 0:
        D = _kernels.resisting_scalar(R_v, R_b, c)
    else:
        inverse = 1.0 / R_b
        D = (R_b - R_v) * inverse * inverse * _kernels.truncated_reduced_scalar(R_v * inverse, c, ip[2])
    if not abs(D) <= _FLOAT_MAX:
        return np.inf
    return D * R_b


@nb.njit(cache=True)
def _bisect(lo, hi, f_lo, cbrt_x, fp, ip, xtol):
    """One bracket of :func:`etunnel.conditions.diagram._bisect_brackets`, step for step. (root, status)."""
    for _ in range(_MAX_HALVINGS):
        if not hi - lo > xtol + _EPS4 * max(abs(lo), abs(hi)):
            break
        mid = 0.5 * (lo + hi)
        stuck = (mid <= lo) or (mid >= hi)
        f_mid = boundary_value(mid, cbrt_x, fp, ip)
        if f_mid == np.inf:
            return np.nan, NOT_FINITE
        if not np.isfinite(f_mid):
            return np.nan, OK
        if f_mid == 0.0 or stuck:
            lo = mid
            hi = mid
        elif np.sign(f_mid) == np.sign(f_lo):
            lo = mid
            f_lo = f_mid
        else:
            hi = mid
    return 0.5 * (lo + hi), OK


@nb.njit(cache=True)
def critical_columns(t_grid, cbrt_x, fp, ip, xtol, tc, censored):
    """T_c [K] at each column ``cbrt_x`` (cube roots of V/V0); the rule of ``diagram.critical_temperature``.

    Fills ``tc`` and ``censored``; returns :data:`OK` or :data:`NOT_FINITE`.
    """
    m = t_grid.size
    t_max = t_grid[m - 1]
    values = np.empty(m)
    for j in range(cbrt_x.size):
        tc[j] = np.nan
        censored[j] = False
        for i in range(m):
            v = boundary_value(t_grid[i], cbrt_x[j], fp, ip)
            if v == np.inf:
                return NOT_FINITE
            values[i] = v
        if not np.isfinite(values[0]):
            continue  # undefined at 0 K
        if values[0] > 0:
            tc[j] = 0.0
            continue
        up = -1  # first scan interval where the value rises through zero, both ends finite
        leaves = -1  # first scan point outside the domain
        for i in range(m):
            finite_i = np.isfinite(values[i])
            if leaves < 0 and not finite_i:
                leaves = i
            if up < 0 and i + 1 < m and finite_i and np.isfinite(values[i + 1]) \
                    and values[i + 1] > 0 and values[i] <= 0:
                up = i
            if up >= 0 and leaves >= 0:
                break
        if up < 0:
            if leaves < 0:
                tc[j] = t_max
                censored[j] = True
            continue  # superconducting until the model leaves its domain: T_c undefined
        if leaves >= 0 and leaves <= up:
            continue
        if values[up] == 0.0:
            tc[j] = t_grid[up]
            continue
        root, status = _bisect(t_grid[up], t_grid[up + 1], values[up], cbrt_x[j], fp, ip, xtol)
        if status != OK:
            return status
        tc[j] = root
    return OK
