r"""Compiled kernels (numba) behind the lattice model's hot paths.

Imported lazily by :mod:`etunnel.model.infinite_lattice`,
:mod:`etunnel.model.lattice` and :mod:`etunnel.model.conducting`, so that
``import etunnel`` does not pay for numba. Arrays go through these kernels;
one point given as Python floats goes through their pure-Python twins in
:mod:`etunnel.model._scalar_kernels` (same tables, same formulas), so that a
one-point call never loads numba. The tests compare both with mpmath, with
each other (2 ulp) and with the NumPy/SciPy evaluations they replaced.

Compiler options, and why they are safe:

- ``error_model="numpy"``: a float division by zero gives inf/NaN as in
  NumPy instead of raising; inputs are validated before any kernel runs, so
  no kernel divides by zero. Without it the loops do not vectorise.
- ``fastmath={"contract"}``: lets LLVM fuse ``a*b + c`` into one FMA with a
  single rounding. This is the only fast-math flag used: no reassociation, no
  assumptions about NaN, infinities or signed zeros. An FMA is at least as
  accurate as the separate multiply and add; the accuracy tests
  (``tests/test_kernels.py``) hold the result to mpmath at the same bounds as
  the uncompiled evaluation.

Border accuracy (issue 10, item 7): :math:`D` is evaluated as
:math:`D = \frac{R_b - r}{R_b^2}\,[R_b/r + A_0(x) + cA_1(x)]`, with
:math:`R_b - r` formed from the inputs (exact by Sterbenz's lemma when
:math:`r \ge R_b/2`), never as :math:`1 - r/R_b`, whose rounding error
would be relative :math:`10^{-16}/(1 - r/R_b)`.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

from etunnel.model import _infinite_lattice_tables as _tables
from etunnel.model.infinite_lattice import INFINITE_THRESHOLD

_OPTIONS = dict(error_model="numpy", fastmath={"contract"}, cache=True)
_a0 = nb.njit(inline="always", **_OPTIONS)(_tables.a0)
_a1 = nb.njit(inline="always", **_OPTIONS)(_tables.a1)
_da0 = nb.njit(inline="always", **_OPTIONS)(_tables.da0_dx)
_da1 = nb.njit(inline="always", **_OPTIONS)(_tables.da1_dx)

#: Lower end of the bracket of the conducting-radius root (f > 0 there for every c in [0, 1]).
ROOT_BRACKET_LOW = 0.2
_EPS = np.finfo(float).eps


# --------------------------------------------------------------------------- infinite lattice


@nb.njit(inline="always", **_OPTIONS)
def resisting_one(r, R_b, c):
    """D of the infinite lattice at one point, from R_b - r (see module notes). [1/m]"""
    inverse = 1.0 / R_b
    x = r * inverse
    t = 2.0 * x - 1.0
    return (R_b - r) * inverse * inverse * (R_b / r + _a0(t) + c * _a1(t))


@nb.njit(**_OPTIONS)
def resisting_scalar(r, R_b, c):
    """Scalar entry point of :func:`resisting_one`."""
    return resisting_one(r, R_b, c)


@nb.njit(**_OPTIONS)
def resisting_array(r, R_b, c, out):
    """D over 1-D arrays; ``R_b`` and ``c`` have length 1 (shared) or ``r.size``."""
    n = out.size
    if R_b.size == 1 and c.size == 1:
        R = R_b[0]
        cc = c[0]
        for i in range(n):
            out[i] = resisting_one(r[i], R, cc)
    elif R_b.size == 1:
        R = R_b[0]
        for i in range(n):
            out[i] = resisting_one(r[i], R, c[i])
    elif c.size == 1:
        cc = c[0]
        for i in range(n):
            out[i] = resisting_one(r[i], R_b[i], cc)
    else:
        for i in range(n):
            out[i] = resisting_one(r[i], R_b[i], c[i])
    return out


_FLOAT_MAX = 1.7976931348623157e308


@nb.njit(**_OPTIONS)
def resisting_checked(r, R_b, c, out):
    """D over a 1-D array ``r`` with scalar ``R_b``, ``c``, validating in the same pass.

    Returns True when every input is in its domain (0 < r <= R_b, R_b finite
    and > 0, 0 <= c <= 1, NaN failing every test) and every result is finite;
    False otherwise, and the caller then runs the ordinary checks, which raise
    the error with its message. One pass over memory instead of six.
    """
    if not (0.0 < R_b <= _FLOAT_MAX and 0.0 <= c <= 1.0):
        return False
    bad = 0
    for i in range(r.size):
        ri = r[i]
        d = resisting_one(ri, R_b, c)
        out[i] = d
        # An integer count (not a boolean "and") keeps the loop vectorisable.
        bad += 0 if (ri > 0.0) & (ri <= R_b) & (abs(d) <= _FLOAT_MAX) else 1
    return bad == 0


@nb.njit(**_OPTIONS)
def resisting_checked_c(r, R_b, c, out):
    """:func:`resisting_checked` with an array ``c`` of the same length as ``r``."""
    if not (0.0 < R_b <= _FLOAT_MAX):
        return False
    bad = 0
    for i in range(r.size):
        ri = r[i]
        ci = c[i]
        d = resisting_one(ri, R_b, ci)
        out[i] = d
        bad += 0 if (ri > 0.0) & (ri <= R_b) & (ci >= 0.0) & (ci <= 1.0) & (abs(d) <= _FLOAT_MAX) else 1
    return bad == 0


@nb.njit(inline="always", **_OPTIONS)
def tunnel_one(x, c):
    """f(x) = 1/x + A0(x) + c A1(x) = R_b D/(1 - x) and f'(x)."""
    t = 2.0 * x - 1.0
    inverse = 1.0 / x
    f = inverse + _a0(t) + c * _a1(t)
    df = -inverse * inverse + _da0(t) + c * _da1(t)
    return f, df


@nb.njit(**_OPTIONS)
def tunnel_array(x, c, f_out, df_out):
    """f and f' over 1-D arrays of equal length."""
    for i in range(x.size):
        f, df = tunnel_one(x[i], c[i])
        f_out[i] = f
        df_out[i] = df


@nb.njit(**_OPTIONS)
def safeguarded_root(c):
    """Zero of f(., c) on [0.2, 1] by Newton kept inside a shrinking bracket (bisection otherwise).

    The bracket test is inclusive, so an iterate that lands on the bracket is
    accepted instead of triggering a bisection.
    """
    lo = ROOT_BRACKET_LOW
    hi = 1.0
    x = 0.5 * (lo + hi)
    for _ in range(200):
        f, df = tunnel_one(x, c)
        if f > 0.0:
            lo = x
        elif f < 0.0:
            hi = x
        else:
            return x
        newton = x - f / df
        if lo <= newton <= hi and newton == newton:
            x_new = newton
        else:
            x_new = 0.5 * (lo + hi)
        if abs(x_new - x) <= 4.0 * _EPS * x_new or hi - lo <= 2.0 * _EPS * hi:
            return x_new
        x = x_new
    return x


#: Nodes of the initial-guess table for the conducting radius, uniform in c on [c*, 1].
GUESS_NODES = 257
_STEP = (1.0 - INFINITE_THRESHOLD) / (GUESS_NODES - 1)
_guess_table = np.empty((0, 0))


def guess_table() -> np.ndarray:
    """Table ``(x, dx/dc)`` of R_c/R_b at GUESS_NODES values of c from c* to 1 (built once per process).

    ``x`` by :func:`safeguarded_root`; the slope by implicit differentiation,
    :math:`dx/dc = -A_1(x)/f'(x)`.
    """
    global _guess_table
    if _guess_table.size == 0:
        nodes = INFINITE_THRESHOLD + _STEP * np.arange(GUESS_NODES)
        x = np.array([safeguarded_root(float(c)) for c in nodes])
        x[0] = 1.0  # the tunnel opens at the border at c = c* (exactly: f(1, c*) = 0)
        f, df = np.empty(x.size), np.empty(x.size)
        tunnel_array(x, nodes, f, df)
        _guess_table = np.stack([x, -_tables_a1(2.0 * x - 1.0) / df])
    return _guess_table


def _tables_a1(t: np.ndarray) -> np.ndarray:
    return np.polynomial.polynomial.polyval(t, np.asarray(_tables.A1))


@nb.njit(inline="always", **_OPTIONS)
def _ratio_guess(c, table):
    """Cubic Hermite interpolation of R_c/R_b in the table (c clipped to [c*, 1]); error ~1e-12."""
    s = (c - INFINITE_THRESHOLD) * (1.0 / _STEP)
    s = min(max(s, 0.0), GUESS_NODES - 1.0)
    k = min(int(s), GUESS_NODES - 2)
    w = s - k
    x0 = table[0, k]
    x1 = table[0, k + 1]
    m0 = table[1, k] * _STEP
    m1 = table[1, k + 1] * _STEP
    w2 = w * w
    w3 = w2 * w
    return (2.0 * w3 - 3.0 * w2 + 1.0) * x0 + (w3 - 2.0 * w2 + w) * m0 + (3.0 * w2 - 2.0 * w3) * x1 + (w3 - w2) * m1


#: Block length of :func:`ratio_array` (2 x 32 kB per block: inside L2).
_RATIO_BLOCK = 4096
#: Largest final Newton step accepted without falling back to the safeguarded
#: solver; the error after it is ~ K step**2 with K = |f''/2f'| of order 1.
_STEP_TOLERANCE = 1e-9


@nb.njit(**_OPTIONS)
def ratio_array(c, table, out):
    """R_c/R_b of the infinite lattice over a 1-D array of c (NaN below the threshold).

    First the table guess (error ~1e-9), then, branch-free so that it
    vectorises, one Newton step (quadratic convergence: below one ulp) and
    its check: the step below 1e-9 and the root inside [0.2, 1] where f
    decreases monotonically (so it is the one root); a failed check is
    marked NaN. Last, NaN below c*, 1 at c*, and the safeguarded solver
    (:func:`safeguarded_root`) for any value whose check failed.
    """
    # In blocks small enough that the three passes over a block stay in cache.
    for start in range(0, c.size, _RATIO_BLOCK):
        stop = min(start + _RATIO_BLOCK, c.size)
        _ratio_block(c[start:stop], table, out[start:stop])
    return out


@nb.njit(**_OPTIONS)
def _ratio_block(c, table, out):
    """The three passes of :func:`ratio_array` over one block."""
    n = c.size
    for i in range(n):
        out[i] = _ratio_guess(c[i], table)
    for i in range(n):
        x = out[i]
        f, df = tunnel_one(x, c[i])
        step = f / df
        x = x - step
        ok = (abs(step) <= _STEP_TOLERANCE) & (x >= ROOT_BRACKET_LOW) & (x <= 1.0 + 1e-12)
        out[i] = min(x, 1.0) if ok else math.nan
    for i in range(n):
        ci = c[i]
        if ci < INFINITE_THRESHOLD:
            out[i] = math.nan
        elif ci == INFINITE_THRESHOLD:
            out[i] = 1.0
        elif out[i] != out[i]:
            out[i] = safeguarded_root(ci)
    return out


@nb.njit(**_OPTIONS)
def ratio_scalar(c, table):
    """:func:`ratio_array` for one value of c (same steps, same checks, no arrays)."""
    if c < INFINITE_THRESHOLD:
        return math.nan
    if c == INFINITE_THRESHOLD:
        return 1.0
    x = _ratio_guess(c, table)
    f, df = tunnel_one(x, c)
    step = f / df
    x = x - step
    if x > 1.0:
        return 1.0 if x <= 1.0 + 1e-12 else safeguarded_root(c)
    if not (abs(step) <= _STEP_TOLERANCE and x >= ROOT_BRACKET_LOW):
        return safeguarded_root(c)
    return x


@nb.njit(**_OPTIONS)
def state_codes(x, ratio, out):
    """Index into STATES per value: 0 insulator (ratio NaN), 2 superconductor (x >= ratio), else 1.

    ``x`` (R_v/R_b) has length 1 or ``ratio.size``.
    """
    if x.size == 1:
        x0 = x[0]
        for i in range(ratio.size):
            q = ratio[i]
            out[i] = 0 if q != q else (2 if x0 >= q else 1)
    else:
        for i in range(ratio.size):
            q = ratio[i]
            out[i] = 0 if q != q else (2 if x[i] >= q else 1)
    return out


# --------------------------------------------------------------------------- N-term lattice


@nb.njit(inline="always", **_OPTIONS)
def truncated_reduced_one(x, c, terms):
    r"""R_b D_N/(1 - x) of the N-term lattice, summed term by term (compensated).

    Each term is the one of :func:`etunnel.model.lattice.reduced_tunnel_function`,
    with the border factor :math:`1 - x` divided out analytically.
    """
    total = 0.0
    compensation = 0.0
    for i in range(terms):
        if i % 2 == 0:
            a = 1.0
            b = c
        else:
            a = c
            b = 1.0
        p = 2.0 * i
        m = p + 1.0
        n = p + 2.0
        px = p + x
        nx = n - x
        term = (
            2.0 * a / (px * m)
            - 2.0 * b / (nx * m)
            + b * (x - n * n) / (m * m * nx * nx)
            + a * ((p * p - x) / px) / (m * m * px)  # not px*px: it underflows for x < 1e-154
        )
        y = term - compensation
        s = total + y
        compensation = (s - total) - y
        total = s
    return total


@nb.njit(**_OPTIONS)
def truncated_reduced_scalar(x, c, terms):
    """Scalar entry point of :func:`truncated_reduced_one`."""
    return truncated_reduced_one(x, c, terms)


@nb.njit(**_OPTIONS)
def truncated_resisting_array(r, R_b, c, terms, out):
    """D of the N-term lattice over 1-D arrays (``R_b``, ``c`` of length 1 or ``r.size``), from R_b - r."""
    for i in range(out.size):
        R = R_b[0] if R_b.size == 1 else R_b[i]
        cc = c[0] if c.size == 1 else c[i]
        inverse = 1.0 / R
        out[i] = (R - r[i]) * inverse * inverse * truncated_reduced_one(r[i] * inverse, cc, terms)
    return out


@nb.njit(**_OPTIONS)
def truncated_reduced_array(x, c, terms, out):
    """R_b D_N/(1 - x) over 1-D arrays of equal length."""
    for i in range(out.size):
        out[i] = truncated_reduced_one(x[i], c[i], terms)
    return out


@nb.njit(**_OPTIONS)
def truncated_root(c, terms):
    """Zero of the N-term reduced function on [0.2, 1]: safeguarded secant/bisection."""
    lo = ROOT_BRACKET_LOW
    hi = 1.0
    f_lo = truncated_reduced_one(lo, c, terms)
    f_hi = truncated_reduced_one(hi, c, terms)
    if f_hi >= 0.0:
        return 1.0
    side = 0
    previous = -1.0
    for _ in range(200):
        x = lo - f_lo * (hi - lo) / (f_hi - f_lo)  # regula falsi, Illinois variant
        if not (lo < x < hi):
            x = 0.5 * (lo + hi)
        f = truncated_reduced_one(x, c, terms)
        if f == 0.0:
            return x
        if f > 0.0:
            lo, f_lo = x, f
            if side == 1:
                f_hi *= 0.5
            side = 1
        else:
            hi, f_hi = x, f
            if side == -1:
                f_lo *= 0.5
            side = -1
        if hi - lo <= 4.0 * _EPS * hi or abs(x - previous) <= 2.0 * _EPS * x:
            return x
        previous = x
    return 0.5 * (lo + hi)


@nb.njit(**_OPTIONS)
def truncated_root_array(c, terms, out):
    for i in range(c.size):
        out[i] = truncated_root(c[i], terms)
    return out
