"""London electrodynamics: penetration depth from the superfluid density.

References
----------
.. [1] F. London and H. London, "The electromagnetic equations of the
   supraconductor", Proc. R. Soc. A 149, 71 (1935).
.. [2] C. J. Gorter and H. B. G. Casimir, "On supraconductivity I",
   Physica 1, 306 (1934) (two-fluid model).
.. [3] M. Tinkham, *Introduction to Superconductivity*, 2nd ed.
   (McGraw-Hill, 1996), eqs. (1.9) and (1.10).
"""

from __future__ import annotations

import numpy as np

from etunnel.checks import require_positive, require_range, scalar_or_array
from etunnel.constants import ELECTRON_MASS, ELEMENTARY_CHARGE, VACUUM_PERMEABILITY


def london_penetration_depth(n_s, m_eff=ELECTRON_MASS):
    """London penetration depth from the superfluid electron density.

    .. math::

        \\lambda_L = \\sqrt{\\frac{m^*}{\\mu_0 n_s e^2}}

    London and London [1]_; Tinkham [3]_ eq. (1.9), SI form.

    Parameters
    ----------
    n_s : array_like
        Density of superconducting electrons (not pairs), > 0. [m^-3]
    m_eff : array_like, optional
        Effective (band) mass of the carriers, > 0; default the free-electron
        mass. [kg]

    Returns
    -------
    float or ndarray
        lambda_L [m].

    Examples
    --------
    Free electrons at 1e29 m^-3 screen a field over ~16.8 nm:

    >>> round(london_penetration_depth(1e29) * 1e9, 2)
    16.8
    """
    n_s = require_positive("n_s", n_s, unit="m^-3")
    m = require_positive("m_eff", m_eff, unit="kg")
    return scalar_or_array(np.sqrt(m / (VACUUM_PERMEABILITY * n_s * ELEMENTARY_CHARGE**2)))


def london_superfluid_density(lambda_L, m_eff=ELECTRON_MASS):
    """Superfluid electron density implied by a penetration depth (inverse of :func:`london_penetration_depth`).

    .. math::

        n_s = \\frac{m^*}{\\mu_0 e^2 \\lambda_L^2}

    Parameters
    ----------
    lambda_L : array_like
        Penetration depth, > 0. [m]
    m_eff : array_like, optional
        Effective mass, > 0; default the free-electron mass. [kg]

    Returns
    -------
    float or ndarray
        n_s [m^-3].
    """
    lam = require_positive("lambda_L", lambda_L, unit="m")
    m = require_positive("m_eff", m_eff, unit="kg")
    return scalar_or_array(m / (VACUUM_PERMEABILITY * ELEMENTARY_CHARGE**2 * lam**2))


def two_fluid_penetration_depth(T, T_c, lambda_0):
    """Temperature dependence of the penetration depth in the Gorter-Casimir two-fluid model.

    .. math::

        \\lambda(T) = \\frac{\\lambda(0)}{\\sqrt{1 - (T/T_c)^4}}

    Gorter and Casimir [2]_; Tinkham [3]_ eq. (1.10) (empirical, good to a few
    per cent for classic superconductors).

    Parameters
    ----------
    T : array_like
        Temperature, >= 0. [K]
    T_c : array_like
        Critical temperature, > 0. [K]
    lambda_0 : array_like
        Penetration depth at T = 0, > 0. [m]

    Returns
    -------
    float or ndarray
        lambda(T) [m]; ``inf`` for ``T >= T_c`` (the field penetrates fully).
    """
    T = require_range("T", T, low=0.0, unit="K")
    T_c = require_positive("T_c", T_c, unit="K")
    lam0 = require_positive("lambda_0", lambda_0, unit="m")
    t4 = (T / T_c) ** 4
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.where(t4 < 1.0, lam0 / np.sqrt(np.where(t4 < 1.0, 1.0 - t4, 1.0)), np.inf)
    return scalar_or_array(lam)
