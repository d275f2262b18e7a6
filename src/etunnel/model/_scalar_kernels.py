r"""Pure-Python twins of the compiled kernels, for one point on Python floats.

A call of a model function on Python floats (the CLI's ``etunnel model``,
:mod:`etunnel.services.evaluate`, a user's loop over materials) evaluates the
same generated polynomials (:mod:`etunnel.model._infinite_lattice_tables`) and
the same formulas as :mod:`etunnel.model._kernels`, with :mod:`math` instead
of numba, so that it never imports numba or SciPy: a one-point call does not
pay ~0.6 s to load the compiler and its cached kernels. Arrays stay on the
compiled kernels.

The arithmetic is the compiled kernels' line for line; the only difference
is that the compiled code may fuse ``a*b + c`` into one FMA
(``fastmath={"contract"}``), so results agree to a few ulp, not bitwise
(``tests/test_scalar_kernels.py`` holds them to 2 ulp, or 1e-15 of the
magnitude of the terms where D cancels near the conducting radius, and to
mpmath). The border treatment is the same: :math:`D` is formed from
:math:`R_b - r`, never from :math:`1 - r/R_b`.

The finite-``N`` sums cost ~1 us per term here; above
:data:`PYTHON_TERMS` terms the callers use the compiled kernels instead.
"""

from __future__ import annotations

import math

from etunnel.model import _infinite_lattice_tables as _tables
from etunnel.model.infinite_lattice import INFINITE_THRESHOLD

#: Largest number of terms a finite sum is evaluated with in pure Python (~1 us per term).
PYTHON_TERMS = 32
#: Lower end of the bracket of the conducting-radius root (as in the compiled kernels).
ROOT_BRACKET_LOW = 0.2
_EPS = 2.220446049250313e-16
#: Largest final Newton step accepted without the safeguarded solver (as in the compiled kernels).
_STEP_TOLERANCE = 1e-9
_GUESS_SCALE = 2.0 / (1.0 - INFINITE_THRESHOLD)

_a0, _a1, _da0, _da1 = _tables.a0, _tables.a1, _tables.da0_dx, _tables.da1_dx


def resisting(r: float, R_b: float, c: float) -> float:
    """D of the infinite lattice at one point, from R_b - r. [1/m]"""
    inverse = 1.0 / R_b
    t = 2.0 * (r * inverse) - 1.0
    return (R_b - r) * inverse * inverse * (R_b / r + _a0(t) + c * _a1(t))


def tunnel(x: float, c: float) -> tuple[float, float]:
    """f(x) = 1/x + A0(x) + c A1(x) = R_b D/(1 - x) and f'(x)."""
    t = 2.0 * x - 1.0
    inverse = 1.0 / x
    return inverse + _a0(t) + c * _a1(t), -inverse * inverse + _da0(t) + c * _da1(t)


def safeguarded_root(c: float) -> float:
    """Zero of f(., c) on [0.2, 1]: Newton kept inside a shrinking bracket, bisection otherwise."""
    lo, hi = ROOT_BRACKET_LOW, 1.0
    x = 0.5 * (lo + hi)
    for _ in range(200):
        f, df = tunnel(x, c)
        if f > 0.0:
            lo = x
        elif f < 0.0:
            hi = x
        else:
            return x
        newton = x - f / df if df != 0.0 else math.nan
        x_new = newton if lo <= newton <= hi else 0.5 * (lo + hi)
        if abs(x_new - x) <= 4.0 * _EPS * x_new or hi - lo <= 2.0 * _EPS * hi:
            return x_new
        x = x_new
    return x


def ratio(c: float) -> float:
    """R_c/R_b of the infinite lattice for one validated c (NaN below c*).

    The generated polynomial guess (error ~1e-10), one Newton step and its
    check, the safeguarded solver if the check fails.
    """
    if c < INFINITE_THRESHOLD:
        return math.nan
    if c == INFINITE_THRESHOLD:
        return 1.0
    x = _tables.ratio_guess((c - INFINITE_THRESHOLD) * _GUESS_SCALE - 1.0)
    f, df = tunnel(x, c)
    step = f / df
    x = x - step
    if x > 1.0:
        return 1.0 if x <= 1.0 + 1e-12 else safeguarded_root(c)
    if not (abs(step) <= _STEP_TOLERANCE and x >= ROOT_BRACKET_LOW):
        return safeguarded_root(c)
    return x


def truncated_reduced(x: float, c: float, terms: int) -> float:
    r"""R_b D_N/(1 - x) of the N-term lattice, term by term with compensated summation.

    The terms of :func:`etunnel.model.lattice.reduced_tunnel_function`; a
    division by zero (``x`` underflowed to 0) gives inf, as in the compiled kernel.
    """
    total = 0.0
    compensation = 0.0
    for i in range(terms):
        a, b = (1.0, c) if i % 2 == 0 else (c, 1.0)
        p = 2.0 * i
        m = p + 1.0
        n = p + 2.0
        px = p + x
        nx = n - x
        if px == 0.0:
            return math.inf
        term = 2.0 * a / (px * m) - 2.0 * b / (nx * m) + b * (x - n * n) / (m * m * nx * nx) + a * ((p * p - x) / px) / (m * m * px)
        y = term - compensation
        s = total + y
        compensation = (s - total) - y
        total = s
    return total


def truncated_resisting(r: float, R_b: float, c: float, terms: int) -> float:
    """D of the N-term lattice at one point, from R_b - r. [1/m]"""
    inverse = 1.0 / R_b
    return (R_b - r) * inverse * inverse * truncated_reduced(r * inverse, c, terms)


def truncated_root(c: float, terms: int) -> float:
    """Zero of the N-term reduced function on [0.2, 1]: safeguarded regula falsi (Illinois)."""
    lo, hi = ROOT_BRACKET_LOW, 1.0
    f_lo = truncated_reduced(lo, c, terms)
    f_hi = truncated_reduced(hi, c, terms)
    if f_hi >= 0.0:
        return 1.0
    side = 0
    previous = -1.0
    for _ in range(200):
        x = lo - f_lo * (hi - lo) / (f_hi - f_lo)
        if not (lo < x < hi):
            x = 0.5 * (lo + hi)
        f = truncated_reduced(x, c, terms)
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
