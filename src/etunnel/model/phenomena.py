r"""Phenomena sections of [1]_: Lorentz force (42), Stefan-Boltzmann (43), critical current (44), flux (45).

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import numpy as np

from etunnel.checks import InputError, as_finite_array, require_range, scalar_or_array
from etunnel.constants import FLUX_QUANTUM, STEFAN_BOLTZMANN_CONSTANT


def lorentz_force(q, E, v, B):
    r"""Lorentz force on a moving charge, eq. (42) of [1]_.

    .. math:: \mathbf F = q(\mathbf E + \mathbf v \times \mathbf B)

    Parameters
    ----------
    q : array_like
        Charge. [C]
    E : array_like, shape (..., 3)
        Electric field. [V/m]
    v : array_like, shape (..., 3)
        Velocity. [m/s]
    B : array_like, shape (..., 3)
        Magnetic flux density. [T]

    Returns
    -------
    numpy.ndarray, shape (..., 3)
        Force. [N]
    """
    arrays = {name: as_finite_array(name, value) for name, value in (("E", E), ("v", v), ("B", B))}
    for name, arr in arrays.items():
        if arr.shape[-1:] != (3,):
            raise InputError(f"{name} must have a last axis of length 3 (x, y, z), got shape {arr.shape}")
    q = as_finite_array("q", q)[..., np.newaxis]
    return q * (arrays["E"] + np.cross(arrays["v"], arrays["B"]))


def blackbody_power(T):
    r"""Radiated power per area of a black body, eq. (43) of [1]_: :math:`P = \sigma T^4`.

    Parameters
    ----------
    T : array_like
        Absolute temperature, ``>= 0``. [K]

    Returns
    -------
    float or numpy.ndarray
        :math:`P`. [W/m²]
    """
    T = require_range("T", T, low=0.0, unit="K")
    return scalar_or_array(STEFAN_BOLTZMANN_CONSTANT * T**4)


def critical_current_density(T, C):
    r"""Critical current density of the paper, eq. (44) of [1]_: :math:`J = CT^4`.

    The paper argues that the current density is proportional to the power
    absorbed from the environment (eq. 43), with a material constant ``C``.

    Parameters
    ----------
    T : array_like
        Temperature, ``>= 0``. [K]
    C : array_like
        Conversion efficiency of the material, ``>= 0``. [A m^-2 K^-4]

    Returns
    -------
    float or numpy.ndarray
        :math:`J`. [A/m²]
    """
    T = require_range("T", T, low=0.0, unit="K")
    C = require_range("C", C, low=0.0, unit="A m^-2 K^-4")
    return scalar_or_array(C * T**4)


def flux_quantum() -> float:
    r"""The superconducting flux quantum, eq. (45) of [1]_: :math:`\Phi_0 = h/(2e)`. [Wb]"""
    return FLUX_QUANTUM


def paper_minimum_ring_flux() -> float:
    r"""The minimum flux in a superconducting ring that the paper's theory predicts: :math:`2\Phi_0 = h/e`. [Wb]

    The paper (section "Flux Quantization") argues that a hole current and an
    electron current circulating in opposite directions act as two electrons,
    giving twice :math:`\Phi_0`, and cites Deaver-Fairbank and Doll-Näbauer
    (1961) as confirmation. Those experiments measured :math:`h/(2e)`, i.e.
    :math:`\Phi_0` itself.
    """
    return 2 * flux_quantum()
