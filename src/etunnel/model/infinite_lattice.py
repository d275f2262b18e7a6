r"""The infinite lattice of eq. (24), evaluated exactly.

The paper [1]_ sums the resisting distance over the molecules on the centre
line, eq. (24), and, unable to evaluate the series, keeps only its first term,
eq. (37). The series has a closed form. With :math:`x = r/R_b`, splitting the
terms by the parity of :math:`i` and using
:math:`\sum_{k\ge0}[(4k+\alpha)^{-1} - (4k+\beta)^{-1}] = [\psi(\beta/4) - \psi(\alpha/4)]/4`
and :math:`\sum_{k\ge0}(4k+\alpha)^{-2} = \psi_1(\alpha/4)/16`,

.. math::

    R_b D = S_0(x) + c\,S_1(x),

    S_0(x) = \tfrac12\left[\psi(\tfrac14) + \psi(\tfrac34) - \psi(\tfrac x4)
             - \psi(1 - \tfrac x4)\right]
             + \tfrac{x}{16}\left[\psi_1(1 - \tfrac x4) - \psi_1(\tfrac x4)\right] + G,

    S_1(x) = \tfrac12\left[\psi(\tfrac14) + \psi(\tfrac34) - \psi(\tfrac12 - \tfrac x4)
             - \psi(\tfrac12 + \tfrac x4)\right]
             + \tfrac{x}{16}\left[\psi_1(\tfrac12 - \tfrac x4) - \psi_1(\tfrac12 + \tfrac x4)\right] - G,

where :math:`\psi` is the digamma function, :math:`\psi_1` the trigamma
function and :math:`G` Catalan's constant. The digamma terms are the sum of
the potential terms :math:`D_u(i)` (eq. 19) and the trigamma terms, with
:math:`\pm G`, the sum of the kinetic terms :math:`D_k(i)` (eq. 22).

Both parts vanish at the border, so

.. math::

    R_b D = (1 - x)\left[\frac1x + A_0(x) + c\,A_1(x)\right]

with :math:`A_0, A_1` analytic on :math:`[0, 1]`. The fast evaluator uses
polynomial interpolants of :math:`A_0, A_1` generated at 50 digits
(:mod:`etunnel.model.tables`), compiled with numba for arrays
(:mod:`etunnel.model._kernels`) and evaluated in pure Python for one point
on Python floats (:mod:`etunnel.model._scalar_kernels`); its error is below
:math:`2\times10^{-15}` in :math:`R_b D` (see the tests).

The derivative at the border gives the insulating threshold exactly
(:func:`etunnel.model.conducting.insulating_threshold`):

.. math::

    R_b \left.\frac{\partial D}{\partial r}\right|_{r=R_b}
      = 3(c - 1)G + \tfrac74 (1 + c)\zeta(3) = 0
    \;\Rightarrow\;
    c^* = \frac{12G - 7\zeta(3)}{12G + 7\zeta(3)} \approx 0.13280.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import numpy as np

from etunnel.model import _infinite_lattice_tables as _tables

#: Catalan's constant G = sum_k (-1)^k/(2k+1)^2 (checked against mpmath in the tests).
CATALAN = 0.91596559417721901505460351493238411
#: Apery's constant zeta(3), correctly rounded (scipy.special.zeta(3) is one ulp low).
ZETA3 = 1.2020569031595942853997381615114
#: Exact insulating threshold of the infinite lattice, (12G - 7 zeta(3))/(12G + 7 zeta(3)),
#: correctly rounded (evaluating the ratio in float64 would be off by one ulp).
INFINITE_THRESHOLD = 0.13280381016216234273027574784527085

_A0 = np.asarray(_tables.A0)
_A1 = np.asarray(_tables.A1)
#: psi(1/4) + psi(3/4) = -2 gamma - 6 ln 2, correctly rounded (checked against mpmath in the tests).
_PSI_QUARTERS = -5.313314413162738


def potential_sum_exact(x, c):
    r"""Infinite sum of the potential terms, :math:`R_b\sum_{i\ge0} D_u(i)` (eqs. 18-19).

    Parameters
    ----------
    x : array_like
        Reduced orbital radius :math:`r/R_b`, in (0, 1]. [1]
    c : array_like
        Attraction coefficient. [1]

    Returns
    -------
    numpy.ndarray
        The dimensionless sum; the potential lifting energy is
        :math:`E_u = -\frac{KQe}{2R_b}\times` this value.
    """
    from scipy import special

    x, c = np.asarray(x, float), np.asarray(c, float)
    q = x / 4
    s0 = 0.5 * (_PSI_QUARTERS - special.psi(q) - special.psi(1 - q))
    s1 = 0.5 * (_PSI_QUARTERS - special.psi(0.5 - q) - special.psi(0.5 + q))
    return s0 + c * s1


def kinetic_sum_exact(x, c):
    r"""Infinite sum of the kinetic terms, :math:`R_b\sum_{i\ge0} D_k(i)` (eqs. 21-22).

    Parameters
    ----------
    x : array_like
        Reduced orbital radius :math:`r/R_b`, in (0, 1]. [1]
    c : array_like
        Attraction coefficient. [1]

    Returns
    -------
    numpy.ndarray
        The dimensionless sum; :math:`E_k = -\frac{KQe}{2R_b}\times` this value.
    """
    from scipy import special

    x, c = np.asarray(x, float), np.asarray(c, float)
    q = x / 4
    s0 = x / 16 * (special.polygamma(1, 1 - q) - special.polygamma(1, q)) + CATALAN
    s1 = x / 16 * (special.polygamma(1, 0.5 - q) - special.polygamma(1, 0.5 + q)) - CATALAN
    return s0 + c * s1


def reduced_resisting_distance_special(x, c):
    r"""Exact :math:`R_b D` of the infinite lattice from the digamma/trigamma closed form.

    This is the direct special-function evaluation (SciPy), kept as an
    independent cross-check of the fast evaluator
    :func:`reduced_resisting_distance`. The :math:`1/x` pole of
    :math:`\psi(x/4)` and :math:`\psi_1(x/4)` is separated analytically
    (:math:`\psi(z) = \psi(1+z) - 1/z`, :math:`\psi_1(z) = \psi_1(1+z) + 1/z^2`)
    so that small ``x`` loses no digits.

    Parameters
    ----------
    x : array_like
        Reduced orbital radius :math:`r/R_b`, in (0, 1]. [1]
    c : array_like
        Attraction coefficient. [1]
    """
    from scipy import special

    x, c = np.asarray(x, float), np.asarray(c, float)
    q = x / 4
    r0 = (
        0.5 * (_PSI_QUARTERS - special.psi(1 + q) - special.psi(1 - q))
        + x / 16 * (special.polygamma(1, 1 - q) - special.polygamma(1, 1 + q))
        + CATALAN
    )
    s1 = (
        0.5 * (_PSI_QUARTERS - special.psi(0.5 - q) - special.psi(0.5 + q))
        + x / 16 * (special.polygamma(1, 0.5 - q) - special.polygamma(1, 0.5 + q))
        - CATALAN
    )
    return 1.0 / x + r0 + c * s1


def reduced_functions(x):
    """Return ``(A0(x), A1(x))``, the smooth parts of the exact sum (see module notes)."""
    t = 2.0 * np.asarray(x, float) - 1.0
    return (np.polynomial.polynomial.polyval(t, _A0), np.polynomial.polynomial.polyval(t, _A1))


def flat_for_kernel(value: np.ndarray, shape: tuple) -> np.ndarray:
    """``value`` broadcast to ``shape`` as a writeable, contiguous 1-D float array; length 1 if it is one value."""
    if value.size == 1:
        return np.array(value, dtype=float).reshape(1)
    if value.shape == tuple(shape):
        flat = np.ascontiguousarray(value, dtype=float).reshape(-1)
        return flat if flat.flags.writeable else flat.copy()
    return np.array(np.broadcast_to(value, shape), dtype=float).reshape(-1)


def reduced_resisting_distance(x, c):
    r"""Exact :math:`R_b D` of the infinite lattice, fast.

    Evaluates :math:`(1-x)[1/x + A_0(x) + c A_1(x)]` in one compiled pass
    (:func:`etunnel.model._kernels.resisting_array` with :math:`R_b = 1`);
    :math:`1 - x` is exact for :math:`x \ge 1/2`.

    Parameters
    ----------
    x : array_like
        Reduced orbital radius :math:`r/R_b`, in (0, 1]; not validated here. [1]
    c : array_like
        Attraction coefficient; not validated here. [1]

    Returns
    -------
    numpy.ndarray
        :math:`R_b D`, broadcast over ``x`` and ``c``.
    """
    from etunnel.model import _kernels

    x = np.asarray(x, float)
    c = np.asarray(c, float)
    shape = np.broadcast_shapes(x.shape, c.shape)
    flat_x = flat_for_kernel(x, shape)
    if flat_x.size == 1 and c.size > 1:
        flat_x = np.full(c.size, flat_x[0])
    out = np.empty(flat_x.size)
    # The validating kernels compute the same values; their flag is not needed here.
    if c.size == 1:
        _kernels.resisting_checked(flat_x, 1.0, float(c.reshape(-1)[0]), out)
    else:
        _kernels.resisting_checked_c(flat_x, 1.0, flat_for_kernel(c, shape), out)
    return out.reshape(shape)


def tunnel_function(x, c):
    r"""The reduced function :math:`f(x) = 1/x + A_0(x) + c A_1(x) = R_b D/(1-x)`, and :math:`f'(x)`.

    Its zero in (0, 1) is the reduced conducting radius :math:`R_c/R_b`.
    """
    from etunnel.model import _kernels

    x, c = np.asarray(x, float), np.asarray(c, float)
    shape = np.broadcast_shapes(x.shape, c.shape)
    flat_x = np.array(np.broadcast_to(x, shape), dtype=float).reshape(-1)
    flat_c = np.array(np.broadcast_to(c, shape), dtype=float).reshape(-1)
    f, df = np.empty(flat_x.size), np.empty(flat_x.size)
    _kernels.tunnel_array(flat_x, flat_c, f, df)
    return f.reshape(shape), df.reshape(shape)
