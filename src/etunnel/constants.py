"""Physical constants in SI units, taken from CODATA via :mod:`scipy.constants`.

The paper [1]_ writes Coulomb's constant as ``K``, the electron charge as ``e``
and the proton (nuclear) charge as ``Q``. Signs follow the paper: the electron
carries ``-ELEMENTARY_CHARGE`` and a proton ``+ELEMENTARY_CHARGE``.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University (2019, rev. 2023).
"""

from __future__ import annotations

import math

from scipy import constants as _codata

#: Elementary charge e [C].
ELEMENTARY_CHARGE: float = _codata.e
#: Charge of the electron, -e [C].
ELECTRON_CHARGE: float = -_codata.e
#: Charge of the proton, +e [C]; the default nuclear charge Q of the paper.
PROTON_CHARGE: float = _codata.e
#: Coulomb's constant K = 1/(4 pi epsilon_0) [N m^2 C^-2], eq. (1) of [1].
COULOMB_CONSTANT: float = 1.0 / (4.0 * math.pi * _codata.epsilon_0)
#: Planck constant h [J s].
PLANCK_CONSTANT: float = _codata.h
#: Reduced Planck constant hbar [J s].
HBAR: float = _codata.hbar
#: Electron mass m_e [kg].
ELECTRON_MASS: float = _codata.m_e
#: Boltzmann constant k_B [J/K].
BOLTZMANN_CONSTANT: float = _codata.k
#: Stefan-Boltzmann constant sigma [W m^-2 K^-4], eq. (43) of [1].
STEFAN_BOLTZMANN_CONSTANT: float = _codata.Stefan_Boltzmann
#: Vacuum permeability mu_0 [N A^-2].
VACUUM_PERMEABILITY: float = _codata.mu_0
#: One electronvolt [J].
ELECTRONVOLT: float = _codata.electron_volt
#: Superconducting flux quantum h/(2e) [Wb].
FLUX_QUANTUM: float = _codata.h / (2 * _codata.e)
#: Avogadro constant [1/mol].
AVOGADRO_CONSTANT: float = _codata.Avogadro
