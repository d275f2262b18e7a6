"""T_c against superfluid density: the Božović (2016) scaling for overdoped cuprates.

Uemura et al. [1]_ found, in underdoped cuprates, ``T_c`` proportional to
``n_s/m*`` (i.e. to ``1/lambda^2``). Božović et al. [2]_ measured
thousands of overdoped La2-xSrxCuO4 films and found ``T_c`` set by the
zero-temperature phase stiffness ``rho_s0``: linear with an offset over most
of the range, and *parabolic* near the origin,

.. math::

    T_c = \\gamma_B \\sqrt{\\rho_{s0}},\\qquad \\gamma_B = (4.2 \\pm 0.5)\\ \\mathrm{K^{1/2}},

with the phase stiffness of a layer of thickness ``d`` (in kelvin)

.. math::

    \\rho_{s0} = \\frac{\\hbar^2 d}{4 \\mu_0 e^2 k_B \\lambda(0)^2}.

This module implements the parabolic form only, because it is the one whose
coefficient we could source: ``gamma_B = 4.2 +/- 0.5 K^(1/2)`` is quoted from
[2]_ by Tao [3]_ (abstract). The layer thickness default ``d = 0.66 nm`` (one
CuO2 plane per half unit cell of LSCO, c/2) is *our* assumption for how [2]_
converts lambda to rho_s; we did not read that from [2]_ itself. The linear
branch's coefficients were not sourced and are not implemented.

The relation is an empirical law of overdoped LSCO, not a prediction of BCS
theory (for which T_c does not depend on the superfluid density); applying it
to elemental superconductors is a test of universality, not a model.

References
----------
.. [1] Y. J. Uemura et al., "Universal correlations between T_c and n_s/m*
   in high-T_c cuprate superconductors", Phys. Rev. Lett. 62, 2317 (1989).
.. [2] I. Božović, X. He, J. Wu, A. T. Bollinger, "Dependence of the critical
   temperature in overdoped copper oxides on superfluid density",
   Nature 536, 309 (2016).
.. [3] Y. Tao, "Parabolic scaling in overdoped cuprate films",
   arXiv:1906.10518 (2019), abstract: "experimental measure value
   (4.2 +/- 0.5) K^{1/2}".
"""

from __future__ import annotations

import numpy as np

from etunnel.checks import require_positive, scalar_or_array
from etunnel.constants import BOLTZMANN_CONSTANT, ELEMENTARY_CHARGE, HBAR, VACUUM_PERMEABILITY

#: Božović et al. (2016) parabolic coefficient gamma_B [K^(1/2)], as quoted by Tao (arXiv:1906.10518).
BOZOVIC_GAMMA: float = 4.2
#: Its quoted uncertainty [K^(1/2)].
BOZOVIC_GAMMA_UNCERTAINTY: float = 0.5
#: Assumed layer thickness for the phase stiffness, c/2 of La2-xSrxCuO4 [m] (our assumption, see module notes).
LSCO_LAYER_THICKNESS: float = 0.66e-9


def phase_stiffness(penetration_depth, *, d=LSCO_LAYER_THICKNESS):
    """Superfluid phase stiffness of a layer, in temperature units.

    .. math::

        \\rho_s = \\frac{\\hbar^2 d}{4\\mu_0 e^2 k_B\\lambda^2}

    (2D stiffness ``hbar^2 n_s d / (4 m*)`` with the London relation
    ``n_s/m* = 1/(mu_0 e^2 lambda^2)``; the form used by Božović et al. [2]_.)

    Parameters
    ----------
    penetration_depth : array_like
        Zero-temperature penetration depth lambda(0), > 0. [m]
    d : array_like, optional
        Layer thickness, > 0; default 0.66 nm (LSCO c/2). [m]

    Returns
    -------
    float or ndarray
        rho_s [K].
    """
    lam = require_positive("penetration_depth", penetration_depth, unit="m")
    d = require_positive("d", d, unit="m")
    return scalar_or_array(HBAR**2 * d / (4.0 * VACUUM_PERMEABILITY * ELEMENTARY_CHARGE**2 * BOLTZMANN_CONSTANT * lam**2))


def bozovic_tc(penetration_depth, *, d=LSCO_LAYER_THICKNESS, gamma=BOZOVIC_GAMMA):
    """T_c from the superfluid density by Božović's parabolic scaling.

    .. math::

        T_c = \\gamma_B\\sqrt{\\rho_{s0}},\\qquad
        \\rho_{s0} = \\frac{\\hbar^2 d}{4\\mu_0 e^2 k_B\\lambda(0)^2}

    Božović et al. [2]_ (overdoped LSCO films, low-T_c end); gamma_B = 4.2 K^(1/2)
    as quoted by Tao [3]_.

    Parameters
    ----------
    penetration_depth : array_like
        Zero-temperature penetration depth lambda(0), > 0. [m]
    d : array_like, optional
        Layer thickness used in the stiffness, > 0. [m]
    gamma : array_like, optional
        Scaling coefficient gamma_B, > 0. [K^(1/2)]

    Returns
    -------
    float or ndarray
        T_c [K].
    """
    g = require_positive("gamma", gamma, unit="K^(1/2)")
    return scalar_or_array(g * np.sqrt(phase_stiffness(penetration_depth, d=d)))
