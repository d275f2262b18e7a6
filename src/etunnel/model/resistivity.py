r"""Resistivity from the lifting energy: eqs. (25)-(35) of [1]_.

A voltage lifts each electron to the tunnel with the potential
:math:`v = E_c/e` (eq. 25); with :math:`V = pnv` (eq. 26) and :math:`I = en/T`
(eq. 27), Ohm's law gives :math:`R = pTE_c/e^2` (eq. 28) and the resistivity
:math:`\rho = pATE_c/(Le^2)` (eq. 29). Writing :math:`Q = -ue` (eq. 32) and
the drift speed :math:`s = L/T` (eq. 31), :math:`\rho = ZD` (eq. 35) with the
microscopic resistivity :math:`Z = puAK/(2s)` (eq. 34).

The paper writes :math:`e` for the electron's charge; here ``e`` is its
magnitude and signs are made explicit.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import numpy as np

from etunnel.checks import as_finite_array, require_positive, require_range, scalar_or_array
from etunnel.constants import COULOMB_CONSTANT, ELEMENTARY_CHARGE


def lifting_potential(E_c):
    r"""Lifting potential of one electron, eq. (25) of [1]_: :math:`v = E_c/e`.

    Parameters
    ----------
    E_c : array_like
        Lifting energy. [J]

    Returns
    -------
    float or numpy.ndarray
        :math:`v`. [V]
    """
    return scalar_or_array(as_finite_array("E_c", E_c) / ELEMENTARY_CHARGE)


def resistance(E_c, p, T):
    r"""Resistance from the lifting energy, eq. (28) of [1]_: :math:`R = pTE_c/e^2`.

    Parameters
    ----------
    E_c : array_like
        Lifting energy. [J]
    p : array_like
        Proportionality between applied and lifting voltage, eq. (26), ``> 0``. [1]
    T : array_like
        Time for ``n`` electrons to cross the conductor, eq. (27), ``> 0``. [s]

    Returns
    -------
    float or numpy.ndarray
        :math:`R`. [Ω]
    """
    E_c = as_finite_array("E_c", E_c)
    return scalar_or_array(require_positive("p", p) * require_positive("T", T, unit="s") * E_c / ELEMENTARY_CHARGE**2)


def drift_speed(L, T):
    r"""Drift speed of electrons through the conductor, eq. (31) of [1]_: :math:`s = L/T`. [m/s]"""
    return scalar_or_array(require_positive("L", L, unit="m") / require_positive("T", T, unit="s"))


def equivalent_charge_coefficient(Q):
    r"""Coefficient :math:`u` of eq. (32) of [1]_, :math:`Q = -ue`, i.e. :math:`u = Q/|e|`. [1]"""
    return scalar_or_array(require_positive("Q", Q, unit="C") / ELEMENTARY_CHARGE)


def microscopic_resistivity(p, u, A, s):
    r"""Microscopic resistivity :math:`Z`, eq. (34) of [1]_.

    .. math:: Z = \frac{puAK}{2s}

    Parameters
    ----------
    p : array_like
        Voltage coefficient of eq. (26), ``> 0``. [1]
    u : array_like
        Equivalent nuclear-charge coefficient of eq. (32), ``0 < u <= 1``
        for hydrogen and larger molecules. [1]
    A : array_like
        Cross-sectional area of the conductor, ``> 0``. [m²]
    s : array_like
        Drift speed, eq. (31), ``> 0``. [m/s]

    Returns
    -------
    float or numpy.ndarray
        :math:`Z`. [Ω·m²]
    """
    p = require_positive("p", p)
    u = require_range("u", u, low=0.0, low_inclusive=False)
    A = require_positive("A", A, unit="m^2")
    s = require_positive("s", s, unit="m/s")
    return scalar_or_array(p * u * A * COULOMB_CONSTANT / (2 * s))


def resistivity(Z, D):
    r"""Resistivity :math:`\rho = ZD`, eqs. (33) and (35) of [1]_.

    Parameters
    ----------
    Z : array_like
        Microscopic resistivity, eq. (34), ``> 0``. [Ω·m²]
    D : array_like
        Resisting distance, eq. (24). [1/m]

    Returns
    -------
    float or numpy.ndarray
        :math:`\rho`. [Ω·m] Negative values mean the valence electrons are
        inside the tunnel; the paper reads that state as zero resistance.
    """
    Z = require_positive("Z", Z, unit="Ω m^2")
    return scalar_or_array(Z * as_finite_array("D", D))
