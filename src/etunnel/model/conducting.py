r"""Conducting radius, insulating threshold and the state of a material: eqs. (11), (38)-(41) of [1]_.

The conducting radius :math:`R_c` is where the resisting distance changes
sign (eq. 38): below it the electron is confined, above it it is in the
electron tunnel. Every term of eq. (24) vanishes at the border, so
:math:`R_b` is always a root; :math:`R_c` is the other one.

**First-term model** (eq. 37). Factoring gives
:math:`d = \frac{1-x}{R_b}\left[\frac1x - \frac{c(8-3x)}{(2-x)^2}\right]`,
so eq. (38) is the quadratic :math:`(1+3c)x^2 - (4+8c)x + 4 = 0` with root

.. math::

    \frac{R_c}{R_b} = \frac{2}{1 + 2c + \sqrt{c(4c+1)}},

which lies inside the cell, :math:`R_c \le R_b`, exactly when :math:`c \ge 1/5`.
At :math:`c = 1` it is :math:`(3-\sqrt5)/2` (eqs. 10, 39, 41).

**Truncated and infinite lattice.** :math:`R_c/R_b` is the zero of
:math:`f(x) = R_b D/(1-x)`, found by a safeguarded Newton iteration. The
tunnel opens at the border when :math:`f(1) = 0`, i.e. when
:math:`\partial D/\partial r = 0` at :math:`r = R_b`:

.. math::

    c^*_N = \frac{3G_N - 2Z_N}{3G_N + 2Z_N},\quad
    G_N = \sum_{i<N}\frac{(-1)^i}{(2i+1)^2},\quad
    Z_N = \sum_{i<N}\frac{1}{(2i+1)^3},

a rational number for finite ``N`` (1/5 for ``N = 1``, 1/8 for ``N = 2``),
and :math:`c^*_\infty = (12G - 7\zeta(3))/(12G + 7\zeta(3)) \approx 0.13280`.
The paper quotes 1/6, "about 0.225" and "above 1/4" for this threshold.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from etunnel.checks import (
    InputError,
    real_scalar,
    require_positive,
    require_range,
    scalar_or_array,
    scalar_positive,
    scalar_range,
)
from etunnel.model import _scalar_kernels, infinite_lattice
from etunnel.model.lattice import INFINITE, check_work, validate_terms

INSULATOR = "insulator"
CONDUCTOR = "conductor"
SUPERCONDUCTOR = "superconductor"
STATES = (INSULATOR, CONDUCTOR, SUPERCONDUCTOR)
_STATE_NAMES = np.array(STATES)

#: Above this many terms the threshold sums are accumulated in floating point
#: (math.fsum, correctly rounded) instead of exact fractions.
_EXACT_FRACTION_TERMS = 400
_ROOT_BRACKET_LOW = 0.2  # f(x) > 0 here for every c in [0, 1] and every model (tested)
#: Root solves of a finite sum evaluate it this many times per value of c, at most.
_ROOT_EVALUATIONS = 60


def insulating_threshold_fraction(terms: int) -> Fraction:
    """The exact rational insulating threshold :math:`c^*_N` of the ``N``-term model."""
    terms = validate_terms(terms)
    if terms == INFINITE:
        raise InputError("insulating_threshold_fraction needs a finite number of terms; the infinite lattice's threshold is irrational")
    G = sum(Fraction((-1) ** i, (2 * i + 1) ** 2) for i in range(terms))
    Z = sum(Fraction(1, (2 * i + 1) ** 3) for i in range(terms))
    return (3 * G - 2 * Z) / (3 * G + 2 * Z)


def insulating_threshold(terms="infinite") -> float:
    r"""Attraction coefficient below which no electron tunnel exists.

    For ``c`` below :math:`c^*` the resisting distance is positive everywhere
    inside the cell (eq. 38 has no root in :math:`(0, R_b)`): the material is
    an insulator. See the module notes for the derivation.

    Parameters
    ----------
    terms : int or "infinite", default "infinite"
        The model: number of molecule pairs, or the exact infinite lattice.

    Returns
    -------
    float
        :math:`c^*`: 0.2 for ``terms=1``; 0.13280381016216233 (the double nearest 0.1328038101621623427) for the
        infinite lattice. [1]
    """
    terms = validate_terms(terms)
    if terms == INFINITE:
        return infinite_lattice.INFINITE_THRESHOLD
    return _finite_threshold(terms)


@functools.lru_cache(maxsize=256)
def _finite_threshold(terms: int) -> float:
    if terms <= _EXACT_FRACTION_TERMS:
        return float(insulating_threshold_fraction(terms))
    G, Z = _threshold_sums(terms)
    return (3 * G - 2 * Z) / (3 * G + 2 * Z)


def _threshold_sums(terms: int) -> tuple[float, float]:
    r""":math:`G_N` and :math:`Z_N` in closed form, as polygamma differences.

    .. math::

        G_N = \frac{\psi_1(\tfrac14) - \psi_1(\tfrac14 + K_e)}{16}
              - \frac{\psi_1(\tfrac34) - \psi_1(\tfrac34 + K_o)}{16},\qquad
        Z_N = \frac{\psi_2(N + \tfrac12) - \psi_2(\tfrac12)}{16},

    with :math:`K_e = \lceil N/2 \rceil` even and :math:`K_o = \lfloor N/2 \rfloor`
    odd indices (from :math:`\sum_{k<K}(k+z)^{-2} = \psi_1(z) - \psi_1(z+K)` and
    :math:`\sum_{k<K}(k+z)^{-3} = [\psi_2(z+K) - \psi_2(z)]/2`). Tested against
    :func:`math.fsum` of the literal terms.
    """
    from scipy import special

    even, odd = (terms + 1) // 2, terms // 2
    G = (
        (special.polygamma(1, 0.25) - special.polygamma(1, 0.25 + even))
        - (special.polygamma(1, 0.75) - special.polygamma(1, 0.75 + odd))
    ) / 16
    Z = (special.polygamma(2, terms + 0.5) - special.polygamma(2, 0.5)) / 16
    return float(G), float(Z)


def first_term_conducting_ratio(c):
    r"""Closed-form root :math:`R_c/R_b = 2/(1 + 2c + \sqrt{c(4c+1)})` of eq. (38) with eq. (37).

    Returned for any ``c >= 0``; values above 1 mean the root lies beyond the
    border (no tunnel).
    """
    c = np.asarray(c, float)
    return 2.0 / (1.0 + 2.0 * c + np.sqrt(c * (4.0 * c + 1.0)))


def _solve_reduced_root(c: np.ndarray, function) -> np.ndarray:
    """Zero of the decreasing ``function(x, c) -> (f, f')`` on [0.2, 1], vectorised (NumPy).

    Safeguarded Newton: a Newton step is taken when it stays inside the
    current bracket (bounds included), otherwise bisection. This is the
    reference solver the compiled one is tested against.
    """
    lo = np.full(c.shape, _ROOT_BRACKET_LOW)
    hi = np.ones(c.shape)
    x = 0.5 * (lo + hi)
    for _ in range(100):
        f, df = function(x, c)
        positive = f > 0
        lo = np.where(positive, x, lo)
        hi = np.where(positive, hi, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = x - f / df
        inside = (newton >= lo) & (newton <= hi) & np.isfinite(newton)
        x_new = np.where(inside, newton, 0.5 * (lo + hi))
        converged = np.abs(x_new - x) <= 4 * np.finfo(float).eps * x_new
        x = x_new
        if converged.all():
            break
    return x


def _ratio_scalar(c: float, terms) -> float:
    """R_c/R_b for one validated c (NaN below the threshold)."""
    # Python floats: the pure-Python twin of the kernels (no numba import), see _scalar_kernels.
    if terms == INFINITE:
        return _scalar_kernels.ratio(c)
    if c < _finite_threshold(terms):
        return math.nan
    if terms == 1:
        return min(2.0 / (1.0 + 2.0 * c + math.sqrt(c * (4.0 * c + 1.0))), 1.0)
    if terms <= _scalar_kernels.PYTHON_TERMS:
        return _scalar_kernels.truncated_root(c, terms)
    from etunnel.model import _kernels

    check_work(_ROOT_EVALUATIONS, terms)
    return _kernels.truncated_root(c, terms)


def _ratio_array(c: np.ndarray, terms) -> np.ndarray:
    """R_c/R_b over a validated array of c (NaN below the threshold)."""
    from etunnel.model import _kernels

    flat = np.ascontiguousarray(c, dtype=float).reshape(-1)
    out = np.empty(flat.size)
    if terms == INFINITE:
        _kernels.ratio_array(flat, _kernels.guess_table(), out)
        return out.reshape(c.shape)
    threshold = insulating_threshold(terms)
    tunnel = flat >= threshold
    out.fill(np.nan)
    if terms == 1:
        out[tunnel] = np.minimum(first_term_conducting_ratio(flat[tunnel]), 1.0)
    elif tunnel.any():
        check_work(int(tunnel.sum()) * _ROOT_EVALUATIONS, terms)
        out[tunnel] = _kernels.truncated_root_array(np.ascontiguousarray(flat[tunnel]), terms, np.empty(int(tunnel.sum())))
    return out.reshape(c.shape)


def conducting_ratio(c, terms="infinite"):
    r"""Reduced conducting radius :math:`R_c/R_b` as a function of ``c`` (eqs. 38-40).

    The infinite lattice is solved by a compiled kernel: an interpolated
    initial guess from a 257-node table of :math:`R_c/R_b(c)`, one Newton
    step, and a check that falls back to safeguarded Newton. A Python float
    ``c`` takes the same steps in pure Python (no numba), from a generated
    polynomial guess in ``c`` (:mod:`etunnel.model._scalar_kernels`). Finite
    sums are solved by a safeguarded regula falsi (Illinois) on the N-term
    reduced function (in pure Python for a float ``c`` and at most
    32 terms).

    Parameters
    ----------
    c : array_like
        Attraction coefficient, ``0 <= c <= 1``. [1]
    terms : int or "infinite", default "infinite"
        The model.

    Returns
    -------
    float or numpy.ndarray
        :math:`R_c/R_b` in :math:`(0, 1]`; NaN where ``c`` is below the
        insulating threshold (no tunnel). At the threshold itself it is 1:
        the tunnel has zero width at the border.
    """
    terms = validate_terms(terms)
    c_ = scalar_range("c", c, low=0.0, high=1.0)
    if c_ is not None:
        return _ratio_scalar(c_, terms)
    c = require_range("c", c, low=0.0, high=1.0)
    return scalar_or_array(_ratio_array(c, terms))


def conducting_radius(R_b, c, terms="infinite"):
    r"""Conducting radius :math:`R_c`, the solution of eq. (38) of [1]_ (eqs. 39-41).

    For the first-term model (``terms=1``) the root is in closed form,
    :math:`R_c = 2R_b/(1 + 2c + \sqrt{c(4c+1)})`; for more terms and the
    infinite lattice it is solved to machine precision.

    Parameters
    ----------
    R_b : array_like
        Border radius, ``> 0``. [m]
    c : array_like
        Attraction coefficient, ``0 <= c <= 1``. [1]
    terms : int or "infinite", default "infinite"
        The model.

    Returns
    -------
    float or numpy.ndarray
        :math:`R_c`. [m] NaN only where no tunnel exists (``c`` below
        :func:`insulating_threshold`).

    Examples
    --------
    Eq. (41): at c = 1 the first-term model gives (3 - sqrt 5)/2 R_b.

    >>> round(conducting_radius(1.0, 1.0, terms=1), 12)
    0.38196601125
    """
    R_b_ = scalar_positive("R_b", R_b, unit="m")
    if R_b_ is not None and real_scalar("c", c) is not None:
        return _check_underflow(conducting_ratio(c, terms) * R_b_, R_b_)
    R_b = require_positive("R_b", R_b, unit="m")
    ratio = np.asarray(conducting_ratio(c, terms))
    if ratio.ndim and np.broadcast_shapes(ratio.shape, R_b.shape) == ratio.shape:
        np.multiply(ratio, R_b, out=ratio)  # ratio is a fresh array of ours: scale it in place
        return _check_underflow(ratio, R_b)
    return scalar_or_array(_check_underflow(ratio * R_b, R_b))


def _check_underflow(R_c, R_b):
    """Refuse an R_c that rounded to 0 (R_b far below the float range's normal numbers)."""
    if isinstance(R_c, float):
        underflow = R_c == 0.0
    else:
        # R_c/R_b >= 0.2, so only R_b below ~1e-300 can underflow: test the array only then.
        underflow = np.min(R_b) < 1e-300 and np.any(R_c == 0.0)
    if underflow:
        raise InputError("R_c underflows float64 for these inputs: R_b must be >= 1e-300 m")
    return R_c


def classify(R_v, R_b, c, terms="infinite"):
    r"""Electrical resistance state by the paper's rule (eqs. 11 and 38).

    - no root of eq. (38) inside the cell (``c`` below the threshold): ``"insulator"``;
    - :math:`R_v < R_c`: ``"conductor"``;
    - :math:`R_v \ge R_c` (eq. 11): ``"superconductor"``.

    Parameters
    ----------
    R_v : array_like
        Valence orbital radius, ``0 < R_v <= R_b``. [m]
    R_b : array_like
        Border radius. [m]
    c : array_like
        Attraction coefficient, ``0 <= c <= 1``. [1]
    terms : int or "infinite", default "infinite"
        The model.

    Returns
    -------
    str or numpy.ndarray of str
        The state; arrays give arrays.
    """
    R_b_ = scalar_positive("R_b", R_b, unit="m")
    R_v_ = scalar_positive("R_v", R_v, unit="m")
    if R_b_ is not None and R_v_ is not None and real_scalar("c", c) is not None:
        if R_v_ > R_b_:
            raise InputError(f"R_v must be in (0, R_b], got R_v/R_b = {R_v_ / R_b_:.6g}")
        ratio = conducting_ratio(c, terms)
        if math.isnan(ratio):
            return INSULATOR
        return SUPERCONDUCTOR if R_v_ / R_b_ >= ratio else CONDUCTOR
    R_b = require_positive("R_b", R_b, unit="m")
    R_v = require_positive("R_v", R_v, unit="m")
    if np.any(R_v > R_b):
        raise InputError(f"R_v must be in (0, R_b], got R_v/R_b = {np.max(R_v / R_b):.6g}")
    ratio = np.asarray(conducting_ratio(c, terms))
    x = R_v / R_b
    # Index into STATES (insulator 0, conductor 1, superconductor 2): one string copy per value.
    if x.size == 1 or x.shape == ratio.shape:
        from etunnel.model import _kernels

        flat_ratio = np.ascontiguousarray(ratio, dtype=float).reshape(-1)
        flat_x = np.ascontiguousarray(x, dtype=float).reshape(-1)
        code = _kernels.state_codes(flat_x, flat_ratio, np.empty(flat_ratio.size, np.int8)).reshape(ratio.shape)
    else:
        code = (x >= ratio).astype(np.int8) + 1
        code = np.where(np.isnan(ratio), np.int8(0), code)
    state = _STATE_NAMES.take(code)
    return str(state) if state.ndim == 0 else state
