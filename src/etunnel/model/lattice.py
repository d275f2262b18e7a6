r"""The lattice model with attraction coefficient ``c``: eqs. (15)-(24), (36)-(37) of [1]_.

A valence electron at distance ``r`` from its nucleus, on the centre line of
a row of molecules spaced :math:`2R_b`, is attracted by its own nucleus (charge
:math:`Q`) and by the neighbours, which act alternately as charges
:math:`cQ` and :math:`Q` (eq. 17). The energy to lift it to the border is
:math:`E_c = -\frac{KQe}{2} D` (eq. 23) with the resisting distance
:math:`D = \sum_i [D_u(i) + D_k(i)]` (eq. 24).

Terms are counted as in the issue tracker's convention: ``terms = N`` keeps
:math:`i = 0, \dots, N-1`, so ``terms = 1`` is the first term :math:`d` of
eq. (37). ``terms = "infinite"`` evaluates the whole series exactly
(:mod:`etunnel.model.infinite_lattice`).

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import numbers

import numpy as np

from etunnel.checks import (
    InputError,
    InputTypeError,
    require_positive,
    require_finite_result,
    require_range,
    scalar_or_array,
    scalar_positive,
    scalar_range,
)
from etunnel.constants import COULOMB_CONSTANT, ELECTRON_CHARGE, PROTON_CHARGE
from etunnel.model import _scalar_kernels, infinite_lattice

INFINITE = "infinite"
#: Largest number of molecule pairs a finite sum accepts (a term costs ~3 ns; 1e7 terms ~ 0.03 s per point).
MAX_TERMS = 10_000_000
#: Largest (points x terms) product one finite-sum evaluation accepts (~ 5 s of work).
MAX_TERM_EVALUATIONS = 2_000_000_000


def validate_terms(terms) -> int | str:
    """Return ``terms`` as an int in [1, MAX_TERMS] or the string ``"infinite"``; raise otherwise."""
    if type(terms) is str and terms == INFINITE:
        return INFINITE
    if type(terms) is int and 1 <= terms <= MAX_TERMS:
        return terms
    if isinstance(terms, str):
        if terms.strip().lower() in (INFINITE, "inf"):
            return INFINITE
        try:
            terms = int(terms)
        except ValueError:
            raise InputError(f"terms must be a whole number >= 1 or 'infinite', got {terms!r}") from None
    if isinstance(terms, bool) or not isinstance(terms, numbers.Integral):
        raise InputTypeError(f"terms must be a whole number >= 1 or 'infinite', got {terms!r}")
    if terms < 1:
        raise InputError(f"terms must be >= 1 (or 'infinite'), got {terms}")
    if terms > MAX_TERMS:
        raise InputError(
            f"terms must be <= {MAX_TERMS:,} (the cap on a finite sum; use 'infinite' for the exact "
            f"infinite lattice), got {terms:,}"
        )
    return int(terms)


def check_work(points: int, terms: int) -> None:
    """Refuse a finite sum over more than MAX_TERM_EVALUATIONS (points x terms)."""
    if points * terms > MAX_TERM_EVALUATIONS:
        raise InputError(
            f"terms x points must be <= {MAX_TERM_EVALUATIONS:,} for a finite sum, got {terms:,} terms x "
            f"{points:,} points; use fewer terms or 'infinite' (exact and fast)"
        )


def _border_error(x: float) -> InputError:
    return InputError(
        "r must be in (0, R_b]: the orbital radius cannot exceed the border radius, " f"got r/R_b = {x:.6g}"
    )


def scalar_geometry(r, R_b, c):
    """Scalar fast path of :func:`validate_geometry`: ``(r, R_b, c)`` floats, or None if any is an array.

    Checks in the same order and raises the same errors as :func:`validate_geometry`.
    """
    R_b_ = scalar_positive("R_b", R_b, unit="m")
    if R_b_ is None:
        return None
    r_ = scalar_positive("r", r, unit="m")
    if r_ is None:
        return None
    c_ = scalar_range("c", c, low=0.0, high=1.0)
    if c_ is None:
        return None
    if r_ > R_b_:
        raise _border_error(r_ / R_b_)
    return r_, R_b_, c_


def validate_geometry(r, R_b, c):
    """Check ``0 < r <= R_b``, ``R_b > 0``, ``0 <= c <= 1``; return ``(r, x, R_b, c)`` arrays, ``x = r/R_b``."""
    R_b = require_positive("R_b", R_b, unit="m")
    r = require_positive("r", r, unit="m")
    c = require_range("c", c, low=0.0, high=1.0)
    if np.any(r > R_b):
        with np.errstate(over="ignore"):  # the message may read r/R_b = inf
            raise _border_error(float(np.max(r / R_b)))
    x = r / R_b
    return r, x, R_b, c


def validate_index(i) -> np.ndarray:
    """Check that the molecule-pair index ``i`` is a whole number (or array of them) ``>= 0``."""
    if isinstance(i, (bool, np.bool_)):
        raise InputTypeError(f"i must be a whole number >= 0, got {i!r}")
    arr = require_range("i", i, low=0.0)
    if np.any(arr != np.floor(arr)):
        raise InputError(f"i must be a whole number >= 0, got {i!r}")
    return arr.astype(np.int64)


def _parity_weights(i, c):
    """Return ``(c**(i % 2), c**((i + 1) % 2))``, the weights a and b of eqs. (17)-(22)."""
    odd = (np.asarray(i) % 2).astype(bool)
    one = np.ones_like(np.asarray(c, float))
    a = np.where(odd, c, one)
    b = np.where(odd, one, c)
    return a, b


def potential_term(i, r, R_b, c):
    r"""Potential term :math:`D_u(i)` of the lifting energy, eq. (19) of [1]_.

    .. math::

        D_u(i) = \frac{2c^{i\%2}}{2iR_b + r} + \frac{2c^{(i+1)\%2}}{2(i+1)R_b - r}
                 - \frac{2c^{i\%2} + 2c^{(i+1)\%2}}{2iR_b + R_b}

    Parameters
    ----------
    i : int or array_like of int
        Index of the molecule pair, ``i >= 0``.
    r : array_like
        Electron orbital radius. [m]
    R_b : array_like
        Border radius, half the molecular distance. [m]
    c : array_like
        Attraction coefficient. [1]

    Returns
    -------
    numpy.ndarray
        :math:`D_u(i)`. [1/m]
    """
    i = validate_index(i)
    r, _, R_b, c = validate_geometry(r, R_b, c)
    return scalar_or_array(_potential_term(i, r, R_b, c))


def _potential_term(i, r, R_b, c, weights=None):
    a, b = _parity_weights(i, c) if weights is None else weights
    return 2 * a / (2 * i * R_b + r) + 2 * b / (2 * (i + 1) * R_b - r) - (2 * a + 2 * b) / (2 * i * R_b + R_b)


def potential_term_factored(i, r, R_b, c):
    r"""The same :math:`D_u(i)` in the factored form of eq. (36) of [1]_.

    .. math::

        D_u(i) = \frac{2c^{i\%2}(R_b - r)}{(2iR_b + r)(2iR_b + R_b)}
               + \frac{2c^{(i+1)\%2}(r - R_b)}{(2(i+1)R_b - r)(2iR_b + R_b)}

    It makes the :math:`O(i^{-2})` decay visible; see :func:`potential_term`.
    """
    i = np.asarray(i)
    a, b = _parity_weights(i, c)
    m = 2 * i * R_b + R_b
    return 2 * a * (R_b - r) / ((2 * i * R_b + r) * m) + 2 * b * (r - R_b) / ((2 * (i + 1) * R_b - r) * m)


def kinetic_term(i, r, R_b, c):
    r"""Kinetic term :math:`D_k(i)` of the lifting energy, eq. (22) of [1]_.

    .. math::

        D_k(i) = \frac{r c^{(i+1)\%2}}{(2(i+1)R_b - r)^2}
               - \frac{(c^{(i+1)\%2} - c^{i\%2}) R_b}{(2iR_b + R_b)^2}
               - \frac{r c^{i\%2}}{(2iR_b + r)^2}

    Parameters and return value as in :func:`potential_term`. [1/m]
    """
    i = validate_index(i)
    r, _, R_b, c = validate_geometry(r, R_b, c)
    return scalar_or_array(_kinetic_term(i, r, R_b, c))


def _kinetic_term(i, r, R_b, c, weights=None):
    a, b = _parity_weights(i, c) if weights is None else weights
    return r * b / (2 * (i + 1) * R_b - r) ** 2 - (b - a) * R_b / (2 * i * R_b + R_b) ** 2 - r * a / (2 * i * R_b + r) ** 2


def series_term(i, r, R_b, c):
    """One term :math:`D_u(i) + D_k(i)` of the resisting distance, eq. (24) of [1]_. [1/m]"""
    i = validate_index(i)
    r, _, R_b, c = validate_geometry(r, R_b, c)
    return scalar_or_array(_potential_term(i, r, R_b, c) + _kinetic_term(i, r, R_b, c))


def first_term(r, R_b, c):
    r"""The first term :math:`d` of the resisting distance, eq. (37) of [1]_.

    .. math::

        d = \frac1r + \frac{2c}{2R_b - r} + \frac{rc}{(2R_b - r)^2} - \frac{3c+1}{R_b}
          = \frac{R_b - r}{R_b}\left[\frac1r - \frac{c\,(8R_b - 3r)}{(2R_b - r)^2}\right]

    The factored form (derived here, not in the paper) shows :math:`d = 0` at
    the border and gives the conducting radius in closed form.

    Parameters
    ----------
    r : array_like
        Electron orbital radius. [m]
    R_b : array_like
        Border radius. [m]
    c : array_like
        Attraction coefficient. [1]

    Returns
    -------
    numpy.ndarray
        :math:`d`. [1/m]
    """
    r, _, R_b, c = validate_geometry(r, R_b, c)
    return 1 / r + 2 * c / (2 * R_b - r) + r * c / (2 * R_b - r) ** 2 - (3 * c + 1) / R_b


def truncated_sum(r, R_b, c, terms: int):
    r"""The resisting distance summed over :math:`i = 0 \dots N-1` (eq. 24 truncated). [1/m]

    Accumulates the literal terms of eqs. (19) and (22) one molecule pair at a
    time: this is the series the paper describes, and the baseline the exact
    evaluator is measured against.
    """
    r, R_b, c = np.broadcast_arrays(*(np.asarray(v, float) for v in (r, R_b, c)))
    total = np.zeros(r.shape)
    # The weights (a, b) are (1, c) for even i and (c, 1) for odd i: formed once, not twice per term.
    weights = (_parity_weights(0, c), _parity_weights(1, c))
    for i in range(terms):
        pair = weights[i % 2]
        total += _potential_term(i, r, R_b, c, pair) + _kinetic_term(i, r, R_b, c, pair)
    return total


def reduced_tunnel_function(x, c, terms: int):
    r"""The truncated sum divided by :math:`(1 - x)`, computed without cancellation.

    Each term vanishes at the border; dividing it out analytically gives, with
    :math:`p = 2i`, :math:`m = 2i+1`, :math:`n = 2i+2`,

    .. math::

        \frac{R_b[D_u(i) + D_k(i)]}{1 - x} =
          \frac{2a}{(p+x)m} - \frac{2b}{(n-x)m}
          + \frac{b(x - n^2)}{m^2(n-x)^2} + \frac{a(p^2 - x)}{m^2(p+x)^2},

    :math:`a = c^{i\%2}`, :math:`b = c^{(i+1)\%2}`. Its zero in (0, 1) is
    :math:`R_c/R_b` of the truncated model. Summed term by term with
    compensated (Kahan) summation in a compiled loop
    (:func:`etunnel.model._kernels.truncated_reduced_one`); inputs are not
    validated here.
    """
    from etunnel.model import _kernels

    x, c = np.asarray(x, float), np.asarray(c, float)
    shape = np.broadcast_shapes(x.shape, c.shape)
    flat_x = np.array(np.broadcast_to(x, shape), dtype=float).reshape(-1)
    flat_c = np.array(np.broadcast_to(c, shape), dtype=float).reshape(-1)
    out = _kernels.truncated_reduced_array(flat_x, flat_c, int(terms), np.empty(flat_x.size))
    return out.reshape(shape)


def _resisting_distance_kernel(r: np.ndarray, R_b: np.ndarray, c: np.ndarray, terms) -> np.ndarray:
    """D from validated arrays through the compiled kernels, from R_b - r (exact at the border)."""
    from etunnel.model import _kernels

    shape = np.broadcast_shapes(r.shape, R_b.shape, c.shape)
    size = int(np.prod(shape))
    flat = infinite_lattice.flat_for_kernel
    flat_r, flat_R, flat_c = flat(r, shape), flat(R_b, shape), flat(c, shape)
    if flat_r.size == 1 and size > 1:
        flat_r = np.full(size, flat_r[0])
    out = np.empty(size)
    if terms == INFINITE:
        _kernels.resisting_array(flat_r, flat_R, flat_c, out)
    else:
        check_work(size, terms)
        _kernels.truncated_resisting_array(flat_r, flat_R, flat_c, terms, out)
    return out.reshape(shape)


def resisting_distance(r, R_b, c, terms="infinite"):
    r"""Resisting distance :math:`D`, eq. (24) of [1]_; eq. (37) for ``terms=1``.

    .. math::

        D = \sum_{i=0}^{N-1} [D_u(i) + D_k(i)]

    with :math:`D_u` from eq. (19) and :math:`D_k` from eq. (22). For
    ``terms="infinite"`` the series is evaluated exactly from its closed form
    in digamma and trigamma functions (:mod:`etunnel.model.infinite_lattice`),
    to better than :math:`2\times10^{-15}/R_b` in absolute terms.

    Parameters
    ----------
    r : array_like
        Electron orbital radius, ``0 < r <= R_b``. [m]
    R_b : array_like
        Border radius, half the molecular distance, ``> 0``. [m]
    c : array_like
        Attraction coefficient, ``0 <= c <= 1``. [1]
    terms : int or "infinite", default "infinite"
        Number of molecule pairs ``N >= 1`` kept in the sum, or the exact
        infinite lattice.

    Returns
    -------
    float or numpy.ndarray
        :math:`D`, broadcast over the inputs. [1/m]

    Raises
    ------
    ValueError
        If an input is outside its range or not finite.

    Examples
    --------
    The resisting distance vanishes at the border (eq. 24 at r = R_b):

    >>> resisting_distance(155e-12, 155e-12, 0.1)
    0.0
    """
    terms = validate_terms(terms)
    scalars = scalar_geometry(r, R_b, c)
    if scalars is not None:
        # Python floats: the pure-Python twin of the kernels (no numba import), see _scalar_kernels.
        if terms == INFINITE:
            return require_finite_result("D", _scalar_kernels.resisting(*scalars), "1/m")
        if terms <= _scalar_kernels.PYTHON_TERMS:
            return require_finite_result("D", _scalar_kernels.truncated_resisting(*scalars, terms), "1/m")
        from etunnel.model import _kernels

        r_, R_, c_ = scalars
        inverse = 1.0 / R_
        D = (R_ - r_) * inverse * inverse * _kernels.truncated_reduced_scalar(r_ * inverse, c_, terms)
        return require_finite_result("D", D, "1/m")
    if terms == INFINITE:
        fused = _fused_infinite(r, R_b, c)
        if fused is not None:
            return fused
    r, _, R_b, c = validate_geometry(r, R_b, c)
    return scalar_or_array(require_finite_result("D", _resisting_distance_kernel(r, R_b, c, terms), "1/m"))


def _fused_infinite(r, R_b, c):
    """The common array call (float64 array r; float R_b and c) in one validating pass, or None."""
    if not (
        type(r) is np.ndarray
        and r.dtype == np.float64
        and r.ndim >= 1
        and r.flags.c_contiguous
        and isinstance(R_b, float)
    ):
        return None
    from etunnel.model import _kernels

    out = np.empty(r.shape)
    if isinstance(c, float):
        ok = _kernels.resisting_checked(r.reshape(-1), float(R_b), float(c), out.reshape(-1))
    elif type(c) is np.ndarray and c.dtype == np.float64 and c.shape == r.shape and c.flags.c_contiguous:
        ok = _kernels.resisting_checked_c(r.reshape(-1), float(R_b), c.reshape(-1), out.reshape(-1))
    else:
        return None
    if ok:
        return out
    validate_geometry(r, R_b, c)  # raises the input error with its message
    require_finite_result("D", out, "1/m")  # or the overflow error
    raise AssertionError("unreachable: the fused check failed but no input is invalid")


def lifting_energy(r, R_b, c, terms="infinite", *, Q=PROTON_CHARGE):
    r"""Energy :math:`E_c` to lift an electron from orbital ``r`` to the border, eq. (23) of [1]_.

    .. math::

        E_c = E_u + E_k = -\frac{KQe}{2} D

    with :math:`e = -1.602\ldots\times10^{-19}` C the electron's charge, so
    :math:`E_c = \frac{K Q |e|}{2} D`: positive below the conducting radius,
    zero at it, negative inside the electron tunnel.

    Parameters
    ----------
    r, R_b, c, terms
        As in :func:`resisting_distance`.
    Q : float, default proton charge
        Equivalent nuclear charge acting on the electron, ``> 0``. [C]

    Returns
    -------
    float or numpy.ndarray
        :math:`E_c`. [J]
    """
    Q_ = scalar_positive("Q", Q, unit="C")
    Q = require_positive("Q", Q, unit="C") if Q_ is None else Q_
    D = resisting_distance(r, R_b, c, terms)
    if isinstance(D, float) and isinstance(Q, float):
        return require_finite_result("E_c", -COULOMB_CONSTANT * Q * ELECTRON_CHARGE / 2 * D, "J")
    return scalar_or_array(require_finite_result("E_c", -COULOMB_CONSTANT * Q * ELECTRON_CHARGE / 2 * np.asarray(D), "J"))


def center_line_force(r, R_b, c, terms="infinite", *, Q=PROTON_CHARGE):
    r"""Force on the electron from all molecules on the centre line, eq. (17) of [1]_.

    .. math::

        F_e = KQe \sum_{i=0}^{N-1}\left[\frac{c^{i\%2}}{(2iR_b + r)^2}
              - \frac{c^{(i+1)\%2}}{(2(i+1)R_b - r)^2}\right]

    ``terms=1`` is eq. (15); ``terms=2`` is eq. (16). For ``"infinite"``, with
    :math:`x = r/R_b`, the exact sum is

    .. math::

        F_e = \frac{KQe}{16R_b^2}\left[\psi_1(\tfrac x4) + c\,\psi_1(\tfrac{2+x}4)
              - c\,\psi_1(\tfrac{2-x}4) - \psi_1(1 - \tfrac x4)\right].

    Negative values pull the electron back to its own nucleus.

    Parameters
    ----------
    r, R_b, c, terms
        As in :func:`resisting_distance`.
    Q : float, default proton charge
        Equivalent nuclear charge. [C]

    Returns
    -------
    float or numpy.ndarray
        :math:`F_e`. [N]
    """
    terms = validate_terms(terms)
    r, x, R_b, c = validate_geometry(r, R_b, c)
    Q = require_positive("Q", Q, unit="C")
    prefactor = COULOMB_CONSTANT * Q * ELECTRON_CHARGE
    if terms == INFINITE:
        from scipy import special

        tri = lambda z: special.polygamma(1, z)  # noqa: E731
        bracket = tri(x / 4) + c * tri((2 + x) / 4) - c * tri((2 - x) / 4) - tri(1 - x / 4)
        return scalar_or_array(prefactor * bracket / (16 * R_b**2))
    total = np.zeros(np.broadcast_shapes(np.shape(r), np.shape(c)))
    for i in range(terms):
        a, b = _parity_weights(i, c)
        total = total + a / (2 * i * R_b + r) ** 2 - b / (2 * (i + 1) * R_b - r) ** 2
    return scalar_or_array(prefactor * total)
