"""Strong-coupling (Eliashberg-fitted) T_c formulas: McMillan 1968 and Allen-Dynes 1975.

Both express T_c through the electron-phonon coupling constant ``lambda_ep``
and the Coulomb pseudopotential ``mu_star``. Where the denominator
``lambda - mu*(1 + 0.62 lambda)`` is not positive the formulas predict no
superconductivity and these functions return exactly 0 K.

References
----------
.. [1] W. L. McMillan, "Transition temperature of strong-coupled
   superconductors", Phys. Rev. 167, 331 (1968), eq. (18).
.. [2] P. B. Allen and R. C. Dynes, "Transition temperature of
   strong-coupled superconductors reanalyzed", Phys. Rev. B 12, 905 (1975),
   eqs. (34)-(38).
"""

from __future__ import annotations

import math

import numpy as np

from etunnel.checks import require_positive, require_range, scalar_or_array

#: A commonly used default Coulomb pseudopotential (McMillan [1]_ took 0.13 for transition metals).
DEFAULT_MU_STAR: float = 0.13


def _exponent(lambda_ep, mu_star):
    lam = require_positive("lambda_ep", lambda_ep)
    mu = require_range("mu_star", mu_star, low=0.0, high=0.5)
    lam, mu = np.broadcast_arrays(lam, mu)
    denom = lam - mu * (1.0 + 0.62 * lam)
    with np.errstate(divide="ignore", invalid="ignore"):
        expo = np.where(denom > 0.0, -1.04 * (1.0 + lam) / np.where(denom > 0.0, denom, 1.0), -np.inf)
    return lam, mu, expo


def mcmillan_tc(theta_D, lambda_ep, mu_star):
    """McMillan (1968) critical temperature.

    .. math::

        T_c = \\frac{\\Theta_D}{1.45}\\exp\\left[
              -\\frac{1.04(1+\\lambda)}{\\lambda - \\mu^*(1 + 0.62\\lambda)}\\right]

    Eq. (18) of McMillan [1]_.

    Parameters
    ----------
    theta_D : array_like
        Debye temperature, > 0. [K]
    lambda_ep : array_like
        Electron-phonon coupling constant lambda, > 0. [1]
    mu_star : array_like
        Coulomb pseudopotential mu*, in [0, 0.5]. [1]

    Returns
    -------
    float or ndarray
        T_c [K]; 0 where ``lambda <= mu*(1 + 0.62 lambda)``.

    Examples
    --------
    McMillan's fit is built so that lambda -> inf is *not* the limit of
    interest; for lambda = 1, mu* = 0 the exponent is exactly -2.08:

    >>> import math
    >>> round(mcmillan_tc(1.45, 1.0, 0.0) / math.exp(-2.08), 12)
    1.0
    """
    theta = require_positive("theta_D", theta_D, unit="K")
    _, _, expo = _exponent(lambda_ep, mu_star)
    return scalar_or_array(theta / 1.45 * np.exp(expo))


def mcmillan_lambda(T_c, theta_D, mu_star):
    """Invert McMillan's formula: the coupling lambda that reproduces a measured T_c.

    .. math::

        \\lambda = \\frac{1.04 + \\mu^* L}{(1 - 0.62\\mu^*) L - 1.04},\\qquad
        L = \\ln\\frac{\\Theta_D}{1.45\\,T_c}

    McMillan's eq. (18) [1]_ solved for lambda (McMillan inferred lambda from T_c this way). This is an
    *inference from* T_c, not a prediction of it.

    McMillan's T_c rises monotonically with lambda towards the limit
    :math:`T_{\\max} = (\\Theta_D/1.45)\\exp[-1.04/(1 - 0.62\\mu^*)]` as
    :math:`\\lambda\\to\\infty`; no lambda reproduces a T_c at or above it.

    Parameters
    ----------
    T_c : array_like
        Measured critical temperature, > 0. [K]
    theta_D : array_like
        Debye temperature, > 0. [K]
    mu_star : array_like
        Coulomb pseudopotential, in [0, 0.5]. [1]

    Returns
    -------
    float or ndarray
        lambda > 0 [1] where ``T_c < T_max``; NaN where ``T_c >= T_max`` (the
        formula has no solution there: McMillan's equation cannot reach that
        T_c with any coupling). Never NaN for ``T_c < T_max``.
    """
    T_c = require_positive("T_c", T_c, unit="K")
    theta = require_positive("theta_D", theta_D, unit="K")
    mu = require_range("mu_star", mu_star, low=0.0, high=0.5)
    L = np.log(theta) - math.log(1.45) - np.log(T_c)  # as a difference: no overflow for tiny T_c
    denom = (1.0 - 0.62 * mu) * L - 1.04
    reachable = denom > 0.0
    safe = np.where(reachable, denom, 1.0)
    lam = np.where(reachable, (1.04 + mu * L) / safe, np.nan)
    return scalar_or_array(lam)


def allen_dynes_tc(omega_log, lambda_ep, mu_star, omega_2=None):
    """Allen-Dynes (1975) critical temperature, with strong-coupling and shape corrections.

    .. math::

        T_c = f_1 f_2\\,\\frac{\\omega_{\\log}}{1.2}\\exp\\left[
              -\\frac{1.04(1+\\lambda)}{\\lambda - \\mu^*(1 + 0.62\\lambda)}\\right]

        f_1 = \\left[1 + (\\lambda/\\Lambda_1)^{3/2}\\right]^{1/3},\\quad
        \\Lambda_1 = 2.46(1 + 3.8\\mu^*)

        f_2 = 1 + \\frac{(\\bar\\omega_2/\\omega_{\\log} - 1)\\,\\lambda^2}
                        {\\lambda^2 + \\Lambda_2^2},\\quad
        \\Lambda_2 = 1.82(1 + 6.3\\mu^*)\\,\\bar\\omega_2/\\omega_{\\log}

    Eqs. (34)-(38) of Allen and Dynes [2]_.

    Parameters
    ----------
    omega_log : array_like
        Logarithmic average phonon frequency, as a temperature hbar omega_log / k_B, > 0. [K]
    lambda_ep : array_like
        Electron-phonon coupling constant lambda, > 0. [1]
    mu_star : array_like
        Coulomb pseudopotential mu*, in [0, 0.5]. [1]
    omega_2 : array_like, optional
        Second-moment frequency sqrt(<omega^2>), as a temperature, > 0. [K]
        When given, both f_1 and f_2 are applied; when omitted only f_1
        (f_2 = 1, which is exact for an Einstein spectrum, omega_2 = omega_log).

    Returns
    -------
    float or ndarray
        T_c [K]; 0 where ``lambda <= mu*(1 + 0.62 lambda)``.
    """
    w_log = require_positive("omega_log", omega_log, unit="K")
    lam, mu, expo = _exponent(lambda_ep, mu_star)
    f1 = np.cbrt(1.0 + (lam / (2.46 * (1.0 + 3.8 * mu))) ** 1.5)
    if omega_2 is None:
        f2 = 1.0
    else:
        ratio = require_positive("omega_2", omega_2, unit="K") / w_log
        big_lambda_2 = 1.82 * (1.0 + 6.3 * mu) * ratio
        f2 = 1.0 + (ratio - 1.0) * lam**2 / (lam**2 + big_lambda_2**2)
    return scalar_or_array(f1 * f2 * w_log / 1.2 * np.exp(expo))
