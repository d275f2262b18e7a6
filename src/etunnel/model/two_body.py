r"""The two-body model: a hydrogen atom next to a proton, eqs. (1)-(11) of [1]_.

The electron sits at distance ``r`` from its nucleus on the line to a proton
at distance :math:`2R_b`; :math:`R_b` is the border between the two. All
charges in coulombs, lengths in metres, energies in joules. The nuclear
charge ``Q`` defaults to the proton charge and the electron charge ``q`` to
:math:`-e` (the paper writes it :math:`e`).

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import math

import numpy as np

from etunnel.checks import as_finite_array, require_positive, require_range, scalar_or_array
from etunnel.constants import COULOMB_CONSTANT, ELECTRON_CHARGE, PROTON_CHARGE
from etunnel.model.lattice import validate_geometry

#: Eq. (9): R_b/r at which the lifting energy vanishes, (3 + sqrt 5)/2.
BORDER_RATIO = (3.0 + math.sqrt(5.0)) / 2.0
#: Eq. (10): R_c/R_b of the two-body model, (3 - sqrt 5)/2.
CONDUCTING_RATIO = (3.0 - math.sqrt(5.0)) / 2.0


def _geometry(r, R_b):
    r, _, R_b, _ = validate_geometry(r, R_b, 0.0)
    return r, R_b


def _charges(Q, q):
    """Validate the nuclear charge ``Q > 0`` and the electron charge ``q < 0``."""
    return require_positive("Q", Q, unit="C"), require_range("q", q, high=0.0, high_inclusive=False, unit="C")


def coulomb_force(q1, q2, d):
    r"""Coulomb force between two charges, eq. (1) of [1]_.

    .. math:: F = \frac{K q_1 q_2}{d^2}

    Parameters
    ----------
    q1, q2 : array_like
        Charges. [C]
    d : array_like
        Distance, ``> 0``. [m]

    Returns
    -------
    float or numpy.ndarray
        Force; negative is attraction. [N]
    """
    q1 = as_finite_array("q1", q1)
    q2 = as_finite_array("q2", q2)
    d = require_positive("d", d, unit="m")
    return scalar_or_array(COULOMB_CONSTANT * q1 * q2 / d**2)


def two_body_force(r, R_b, *, Q=PROTON_CHARGE, q=ELECTRON_CHARGE):
    r"""Force on the electron on the centre line, eq. (2) of [1]_.

    .. math:: F_e = KQe\left[\frac{1}{r^2} - \frac{1}{(2R_b - r)^2}\right]

    Parameters
    ----------
    r : array_like
        Electron orbital radius, ``0 < r <= R_b``. [m]
    R_b : array_like
        Border radius. [m]
    Q : float, default proton charge
        Nuclear charge. [C]
    q : float, default electron charge
        Charge of the electron. [C]

    Returns
    -------
    float or numpy.ndarray
        :math:`F_e`; negative pulls the electron to its own nucleus. [N]
    """
    r, R_b = _geometry(r, R_b)
    Q, q = _charges(Q, q)
    return scalar_or_array(COULOMB_CONSTANT * Q * q * (1 / r**2 - 1 / (2 * R_b - r) ** 2))


def potential_energy_difference(r, R_b, *, Q=PROTON_CHARGE, q=ELECTRON_CHARGE):
    r"""Potential lifting energy from ``r`` to the border, eq. (3) of [1]_.

    .. math:: E_u = -\int_r^{R_b} F_e\,dx = -KQe\left[\frac1r + \frac{1}{2R_b - r} - \frac{2}{R_b}\right]

    Returns
    -------
    float or numpy.ndarray
        :math:`E_u`. [J]
    """
    r, R_b = _geometry(r, R_b)
    Q, q = _charges(Q, q)
    return scalar_or_array(-COULOMB_CONSTANT * Q * q * (1 / r + 1 / (2 * R_b - r) - 2 / R_b))


def orbital_kinetic_energy(r, R_b, *, Q=PROTON_CHARGE, q=ELECTRON_CHARGE):
    r"""Kinetic energy of the electron circulating at ``r``, eqs. (4)-(6) of [1]_.

    The centripetal force :math:`mv^2/r` balances :math:`-F_e` (eq. 4), so

    .. math:: E_r = \tfrac12 mv^2 = -\frac{KQe}{2}\left[\frac1r - \frac{r}{(2R_b - r)^2}\right],

    which is zero at the border (eq. 5).

    Returns
    -------
    float or numpy.ndarray
        :math:`E_r`. [J]
    """
    r, R_b = _geometry(r, R_b)
    Q, q = _charges(Q, q)
    return scalar_or_array(-COULOMB_CONSTANT * Q * q / 2 * (1 / r - r / (2 * R_b - r) ** 2))


def kinetic_energy_difference(r, R_b, *, Q=PROTON_CHARGE, q=ELECTRON_CHARGE):
    r"""Kinetic energy difference between the border and ``r``, eq. (7) of [1]_.

    .. math:: E_k = E_{R_b} - E_r = -\frac{KQe}{2}\left[\frac{r}{(2R_b - r)^2} - \frac1r\right]

    Returns
    -------
    float or numpy.ndarray
        :math:`E_k`. [J]
    """
    r, R_b = _geometry(r, R_b)
    Q, q = _charges(Q, q)
    return scalar_or_array(-COULOMB_CONSTANT * Q * q / 2 * (r / (2 * R_b - r) ** 2 - 1 / r))


def two_body_lifting_energy(r, R_b, *, Q=PROTON_CHARGE, q=ELECTRON_CHARGE):
    r"""Total energy to lift the electron from ``r`` to the border, eq. (8) of [1]_.

    .. math::

        E = E_k + E_u = -\frac{KQe}{2}\left[\frac1r + \frac{2}{2R_b - r}
            + \frac{r}{(2R_b - r)^2} - \frac{4}{R_b}\right]

    It equals the lattice lifting energy with ``c = 1`` and one term.

    Returns
    -------
    float or numpy.ndarray
        :math:`E`. [J]
    """
    r, R_b = _geometry(r, R_b)
    Q, q = _charges(Q, q)
    bracket = 1 / r + 2 / (2 * R_b - r) + r / (2 * R_b - r) ** 2 - 4 / R_b
    return scalar_or_array(-COULOMB_CONSTANT * Q * q / 2 * bracket)


def border_radius_at_zero_energy(r):
    r"""Border radius at which an electron at ``r`` needs no lifting energy, eq. (9) of [1]_.

    .. math:: R_b = \frac{3 + \sqrt5}{2} r \approx 2.618\,r

    Parameters
    ----------
    r : array_like
        Electron orbital radius, ``> 0``. [m]

    Returns
    -------
    float or numpy.ndarray
        :math:`R_b`. [m]
    """
    return scalar_or_array(BORDER_RATIO * require_positive("r", r, unit="m"))


def two_body_conducting_radius(R_b):
    r"""Conducting radius of the two-body model, eq. (10) of [1]_.

    .. math:: R_c = \frac{3 - \sqrt5}{2} R_b \approx 0.382\,R_b

    Parameters
    ----------
    R_b : array_like
        Border radius, ``> 0``. [m]

    Returns
    -------
    float or numpy.ndarray
        :math:`R_c`. [m]
    """
    return scalar_or_array(CONDUCTING_RATIO * require_positive("R_b", R_b, unit="m"))


def is_superconducting(R_v, R_c):
    r"""The superconductivity condition :math:`R_v \ge R_c`, eq. (11) of [1]_.

    Parameters
    ----------
    R_v : array_like
        Valence orbital radius, ``> 0``. [m]
    R_c : array_like
        Conducting radius, ``> 0``. [m]

    Returns
    -------
    bool or numpy.ndarray of bool
    """
    result = require_positive("R_v", R_v, unit="m") >= require_positive("R_c", R_c, unit="m")
    return bool(result) if np.ndim(result) == 0 else result
