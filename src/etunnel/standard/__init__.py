"""The standard theory of superconductivity, for comparison with the electron-tunnel model.

One function per published model, vectorised over NumPy arrays, SI units:

* :mod:`~etunnel.standard.bcs` — weak-coupling BCS: gap Delta(T) from the gap
  equation, T_c formula, entropy, specific heat, condensation free energy,
  thermodynamic critical field (BCS 1957; Mühlschlegel 1959; Tinkham ch. 3).
* :mod:`~etunnel.standard.strong_coupling` — McMillan (1968) and Allen-Dynes
  (1975) T_c from lambda, mu*, Theta_D or omega_log.
* :mod:`~etunnel.standard.london` — London penetration depth, two-fluid lambda(T).
* :mod:`~etunnel.standard.ginzburg_landau` — GL/Gor'kov lengths, kappa, type,
  B_c, B_c1, B_c2; the flux quantum h/2e beside the tunnel paper's h/e claim.
* :mod:`~etunnel.standard.uemura` — Božović (2016) T_c vs superfluid density.
* :mod:`~etunnel.standard.refrigerator` — magnetic Otto refrigerator on a BCS
  superconductor (after Manikandan, Giazotto & Jordan 2019).
"""

from etunnel.standard.bcs import (
    BCS_GAP_RATIO,
    BCS_SPECIFIC_HEAT_JUMP,
    BCS_TC_PREFACTOR,
    bcs_entropy,
    bcs_free_energy_difference,
    bcs_gap,
    bcs_specific_heat,
    bcs_tc,
    bcs_thermodynamic_critical_field,
)
from etunnel.standard.ginzburg_landau import (
    KAPPA_BOUNDARY,
    bcs_coherence_length,
    brandt_core_term,
    flux_quantum,
    gl_coherence_length,
    gl_kappa,
    gl_penetration_depth,
    lower_critical_field,
    superconductor_type,
    thermodynamic_critical_field,
    upper_critical_field,
)
from etunnel.standard.london import (
    london_penetration_depth,
    london_superfluid_density,
    two_fluid_penetration_depth,
)
from etunnel.standard.refrigerator import (
    OttoCycle,
    carnot_cop,
    otto_refrigerator,
    refrigerator_cooling_power,
)
from etunnel.standard.strong_coupling import (
    DEFAULT_MU_STAR,
    allen_dynes_tc,
    mcmillan_lambda,
    mcmillan_tc,
)
from etunnel.standard.uemura import BOZOVIC_GAMMA, bozovic_tc, phase_stiffness

__all__ = [
    "BCS_GAP_RATIO",
    "BCS_SPECIFIC_HEAT_JUMP",
    "BCS_TC_PREFACTOR",
    "BOZOVIC_GAMMA",
    "DEFAULT_MU_STAR",
    "KAPPA_BOUNDARY",
    "OttoCycle",
    "allen_dynes_tc",
    "bcs_coherence_length",
    "bcs_entropy",
    "bcs_free_energy_difference",
    "bcs_gap",
    "bcs_specific_heat",
    "bcs_tc",
    "bcs_thermodynamic_critical_field",
    "bozovic_tc",
    "carnot_cop",
    "flux_quantum",
    "gl_coherence_length",
    "gl_kappa",
    "gl_penetration_depth",
    "london_penetration_depth",
    "london_superfluid_density",
    "brandt_core_term",
    "lower_critical_field",
    "mcmillan_lambda",
    "mcmillan_tc",
    "otto_refrigerator",
    "phase_stiffness",
    "refrigerator_cooling_power",
    "superconductor_type",
    "thermodynamic_critical_field",
    "two_fluid_penetration_depth",
    "upper_critical_field",
]
