"""The constants etunnel writes out agree with scipy.constants (CODATA), bit for bit where SciPy's CODATA is 2022."""

import math

import pytest
from scipy import constants as codata

from etunnel import constants as c

CASES = [  # (etunnel value, SciPy value, exact in the SI)
    (c.ELEMENTARY_CHARGE, codata.e, True),
    (-c.ELECTRON_CHARGE, codata.e, True),
    (c.PROTON_CHARGE, codata.e, True),
    (c.PLANCK_CONSTANT, codata.h, True),
    (c.HBAR, codata.hbar, True),
    (c.BOLTZMANN_CONSTANT, codata.k, True),
    (c.AVOGADRO_CONSTANT, codata.Avogadro, True),
    (c.ELECTRONVOLT, codata.electron_volt, True),
    (c.STEFAN_BOLTZMANN_CONSTANT, codata.Stefan_Boltzmann, True),
    (c.FLUX_QUANTUM, codata.h / (2 * codata.e), True),
    (c.ELECTRON_MASS, codata.m_e, False),
    (c.VACUUM_PERMEABILITY, codata.mu_0, False),
    (c.COULOMB_CONSTANT, 1 / (4 * math.pi * codata.epsilon_0), False),
]


@pytest.mark.parametrize("ours, scipy_value, exact", CASES)
def test_constants_match_codata(ours, scipy_value, exact):
    if exact:
        assert ours == scipy_value
    else:  # measured constants: a later CODATA release moves them by parts in 1e10
        assert ours == pytest.approx(scipy_value, rel=1e-8)


def test_stefan_boltzmann_from_its_definition():
    sigma = 2 * math.pi**5 * codata.k**4 / (15 * codata.h**3 * codata.c**2)
    assert c.STEFAN_BOLTZMANN_CONSTANT == pytest.approx(sigma, rel=1e-15)
