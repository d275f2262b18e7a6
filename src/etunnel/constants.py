"""Physical constants in SI units: CODATA 2022, as tabulated by :mod:`scipy.constants` (SciPy 1.17).

The values are written out rather than imported, because importing
:mod:`scipy.constants` takes about half a second, paid by every start of the
``etunnel`` command; ``tests/test_constants.py`` checks them against
:mod:`scipy.constants`. e, h, k_B and N_A are exact in the SI since 2019.

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

_E = 1.602176634e-19  # elementary charge [C], exact
_H = 6.62607015e-34  # Planck constant [J s], exact
_EPSILON_0 = 8.8541878188e-12  # vacuum electric permittivity [F/m], CODATA 2022, u_r 1.6e-10

#: Elementary charge e [C].
ELEMENTARY_CHARGE: float = _E
#: Charge of the electron, -e [C].
ELECTRON_CHARGE: float = -_E
#: Charge of the proton, +e [C]; the default nuclear charge Q of the paper.
PROTON_CHARGE: float = _E
#: Coulomb's constant K = 1/(4 pi epsilon_0) [N m^2 C^-2], eq. (1) of [1].
COULOMB_CONSTANT: float = 1.0 / (4.0 * math.pi * _EPSILON_0)
#: Planck constant h [J s].
PLANCK_CONSTANT: float = _H
#: Reduced Planck constant hbar [J s].
HBAR: float = _H / (2 * math.pi)
#: Electron mass m_e [kg] (CODATA 2022, u_r 3.1e-10).
ELECTRON_MASS: float = 9.1093837139e-31
#: Boltzmann constant k_B [J/K], exact.
BOLTZMANN_CONSTANT: float = 1.380649e-23
#: Stefan-Boltzmann constant sigma [W m^-2 K^-4], eq. (43) of [1] (exact: 2 pi^5 k^4 / (15 h^3 c^2)).
STEFAN_BOLTZMANN_CONSTANT: float = 5.6703744191844314e-08
#: Vacuum permeability mu_0 [N A^-2] (CODATA 2022, u_r 1.6e-10).
VACUUM_PERMEABILITY: float = 1.25663706127e-06
#: One electronvolt [J].
ELECTRONVOLT: float = _E
#: Superconducting flux quantum h/(2e) [Wb].
FLUX_QUANTUM: float = _H / (2 * _E)
#: Avogadro constant [1/mol], exact.
AVOGADRO_CONSTANT: float = 6.02214076e23
