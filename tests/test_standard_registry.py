"""One parametrised check over every vectorised function of etunnel.standard:
scalar input gives a Python float, array input broadcasts to the expected shape,
and results at representative inputs are finite."""

from __future__ import annotations

import numpy as np
import pytest

from etunnel import standard as s

T = np.array([0.5, 2.0, 8.0])
REGISTRY = [  # (function, scalar args, array args, expected shape)
    (s.bcs_gap, (1.0, 9.25), (T[:, None], np.array([3.0, 9.25])), (3, 2)),
    (s.bcs_entropy, (1.0, 9.25, 1.0), (T, 9.25, 1.0), (3,)),
    (s.bcs_specific_heat, (1.0, 9.25, 1.0), (T, 9.25, 1.0), (3,)),
    (s.bcs_free_energy_difference, (1.0, 9.25, 1.0), (T, 9.25, 1.0), (3,)),
    (s.bcs_thermodynamic_critical_field, (1.0, 9.25, 700.0), (T, 9.25, 700.0), (3,)),
    (s.bcs_tc, (275.0, 0.3), (275.0, np.array([0.2, 0.3])), (2,)),
    (s.mcmillan_tc, (275.0, 0.8, 0.13), (np.array([200.0, 275.0]), 0.8, 0.13), (2,)),
    (s.allen_dynes_tc, (200.0, 0.8, 0.13), (200.0, np.array([0.5, 0.8, 1.5]), 0.13), (3,)),
    (s.mcmillan_lambda, (9.25, 275.0, 0.13), (np.array([4.0, 9.25]), 275.0, 0.13), (2,)),
    (s.london_penetration_depth, (1e28,), (np.array([1e27, 1e28]),), (2,)),
    (s.london_superfluid_density, (3e-8,), (np.array([3e-8, 5e-8]),), (2,)),
    (s.two_fluid_penetration_depth, (1.0, 9.25, 3e-8), (T, 9.25, 3e-8), (3,)),
    (s.gl_coherence_length, (4e-8, 1.0, 9.25), (4e-8, T, 9.25), (3,)),
    (s.gl_penetration_depth, (3e-8, 1.0, 9.25), (3e-8, T, 9.25), (3,)),
    (s.gl_kappa, (3e-8, 4e-8), (np.array([3e-8, 3e-7]), 4e-8), (2,)),
    (s.thermodynamic_critical_field, (3e-8, 4e-8), (np.array([3e-8, 3e-7]), 4e-8), (2,)),
    (s.upper_critical_field, (4e-8,), (np.array([4e-8, 4e-9]),), (2,)),
    (s.lower_critical_field, (3e-7, 4e-8), (np.array([3e-7, 3e-6]), 4e-8), (2,)),
    (s.brandt_core_term, (0.8,), (np.array([0.75, 2.0, 50.0]),), (3,)),
    (s.bcs_coherence_length, (3e5, 9.25), (np.array([3e5, 1e6]), 9.25), (2,)),
    (s.phase_stiffness, (2e-7,), (np.array([2e-7, 4e-7]),), (2,)),
    (s.bozovic_tc, (2e-7,), (np.array([2e-7, 4e-7]),), (2,)),
    (s.carnot_cop, (2.0, 1.0), (np.array([2.0, 3.0]), 1.0), (2,)),
]


@pytest.mark.parametrize(("func", "scalar_args", "array_args", "shape"), REGISTRY, ids=lambda v: getattr(v, "__name__", None))
def test_scalar_and_array(func, scalar_args, array_args, shape):
    scalar = func(*scalar_args)
    assert isinstance(scalar, float) and np.isfinite(scalar)
    out = func(*array_args)
    assert np.shape(out) == shape
    assert np.all(np.isfinite(out))


def test_every_public_function_is_registered_or_exempt():
    exempt = {"flux_quantum", "superconductor_type", "otto_refrigerator",
              "refrigerator_cooling_power"}
    registered = {f.__name__ for f, *_ in REGISTRY}
    public = {n for n in s.__all__ if callable(getattr(s, n)) and not isinstance(getattr(s, n), type) and n.islower()}
    assert public - exempt == registered
