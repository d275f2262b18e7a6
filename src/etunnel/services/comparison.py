"""Use case: the tunnel model, the standard theory and the measurements for one material, side by side."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from etunnel.constants import ELECTRONVOLT
from etunnel.services.base import Result, flattened, quantity

PAPER = 'J. Z. Liu, "Unified Theory of Low and High-Temperature Superconductivity" (rev. 2023)'
TINKHAM = "Tinkham, Introduction to Superconductivity, 2nd ed. (1996)"
_MEV = 1e-3 * ELECTRONVOLT


def _missing(unit: str, model: str, needs: list[str]) -> dict:
    return quantity(None, unit, model=model, missing=True, note=f"not computed: missing input(s) {', '.join(needs)}")


def _measured(record) -> dict:
    """The measured values of the table, each with unit and source (JSON form of the loader's records)."""
    return {name: item.to_dict() for name, item in record.quantities().items()}


def radius_kinds(symbol: str) -> tuple[str, str]:
    """The kinds of radius the paper's convention takes as R_v and R_b for ``symbol``."""
    from etunnel.materials.radii import PAPER_EMPIRICAL_BORDER

    return "covalent", ("empirical atomic" if symbol in PAPER_EMPIRICAL_BORDER else "van der Waals")


def _tunnel(symbol: str, c: float) -> dict:
    from etunnel.materials.radii import PAPER_EMPIRICAL_BORDER, radii
    from etunnel.model import classify, conducting_radius, lifting_energy

    pair = radii(symbol, rv_convention="paper", rb_convention="paper")
    rv_kind, rb_kind = radius_kinds(pair.symbol)
    out: dict = {
        "source": f"{PAPER}; core API etunnel.classify / lifting_energy / conducting_radius (infinite lattice)",
        "c": quantity(c, "1", note="attraction coefficient (the paper's Table 1 uses c = 0.1)"),
        "R_v": {**pair.R_v.to_dict(), "kind": rv_kind,
                "convention": f"paper (R_v = {rv_kind} radius, Cordero 2008 via pymatgen)"},
        "R_b": {**pair.R_b.to_dict(), "kind": rb_kind,
                "convention": f"paper (R_b = {rb_kind} radius via pymatgen; the paper's Table 1 takes the "
                              f"empirical atomic radius for {', '.join(sorted(PAPER_EMPIRICAL_BORDER))}, "
                              "the van der Waals radius otherwise)"},
    }
    if not pair.complete:
        out.update(evaluated=False, reason="R_v or R_b missing for this element")
        return out
    R_v, R_b = float(pair.R_v.value), float(pair.R_b.value)
    if R_v > R_b:
        out.update(evaluated=False, reason=f"R_v = {R_v:.4g} m exceeds R_b = {R_b:.4g} m; the model needs R_v <= R_b")
        return out
    out.update(
        evaluated=True,
        state=str(classify(R_v, R_b, c)),
        lifting_energy=quantity(float(lifting_energy(R_v, R_b, c)) / ELECTRONVOLT, "eV",
                                note="E_c at r = R_v, paper eq. (23), infinite lattice"),
        conducting_radius=quantity(float(conducting_radius(R_b, c)), "m",
                                   note="paper eq. (38); null = no tunnel"),
    )
    return out


@dataclass(frozen=True)
class ComparisonReport(Result):
    """Tunnel model, standard-theory predictions and measured values for one material.

    Attributes
    ----------
    symbol : str
    tunnel_model : dict
        State, lifting energy [eV] and conducting radius [m] with the radii and their conventions.
    standard : dict
        Each standard-theory prediction with unit, model and inputs; missing inputs named.
    measured : dict
        Each measured value with unit and source.
    flux_quantum : dict
        h/2e beside the paper's claim h/e [Wb].
    notes : str
        Conflicts between sources.
    tc_pressure : list
        Measured T_c(p) points of the packaged table [Pa, K], with the BCS weak-coupling gap of each [meV].
    missing : str or None
        What etunnel has no data for, in words (null when the ambient record exists).
    """

    symbol: str
    tunnel_model: dict
    standard: dict
    measured: dict
    flux_quantum: dict
    notes: str
    tc_pressure: list = dataclasses.field(default_factory=list)
    missing: str | None = None
    extra: dict = flattened()


def compare_report(symbol: str, *, c: float = 0.1, mu_star: float | None = None) -> ComparisonReport:
    """Tunnel model, standard-theory predictions and measured values for one element, as a JSON-ready dict.

    Standard predictions use only sourced measured inputs; a prediction whose
    input is missing is reported as missing with the input named. Where the
    documented default mu* is used instead of a sourced value, the field says so.
    """
    from etunnel.materials.provenance import Missing
    from etunnel.materials.superconductors import load_elemental_superconductors
    from etunnel.standard import (
        BCS_GAP_RATIO,
        bcs_gap,
        bcs_thermodynamic_critical_field,
        gl_coherence_length,
        gl_kappa,
        gl_penetration_depth,
        london_superfluid_density,
        lower_critical_field,
        mcmillan_lambda,
        mcmillan_tc,
        superconductor_type,
        thermodynamic_critical_field,
        upper_critical_field,
    )

    from etunnel.checks import require_range

    for name, value in (("c", c), ("mu_star", mu_star)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise TypeError(f"{name} must be a real number, got {value!r}")
    require_range("c", c, low=0.0, high=1.0)
    if mu_star is None:
        from etunnel.standard import DEFAULT_MU_STAR as mu_star
    require_range("mu_star", mu_star, low=0.0, high=0.5)  # McMillan's range, as etunnel.standard.mcmillan_tc
    table = load_elemental_superconductors()
    key = symbol.strip().capitalize() if isinstance(symbol, str) else symbol
    if key not in table:
        return _compare_without_ambient_record(symbol, table, c=c)
    rec = table[key]
    val = {name: (None if isinstance(item, Missing) else item.value) for name, item in rec.quantities().items()}
    std: dict = {}

    # --- T_c: McMillan (1968) and Allen-Dynes (1975) -------------------------------
    mu_is_default = val["mu_star"] is None
    mu = mu_star if mu_is_default else float(val["mu_star"])
    mu_note = (f"mu* = {mu} is the documented default (McMillan 1968), not a measured value for {key}"
               if mu_is_default else f"mu* = {mu} from the table (sourced)")
    need = [n for n in ("theta_D", "lambda_ep") if val[n] is None]
    if need:
        std["tc_mcmillan"] = _missing("K", "McMillan, Phys. Rev. 167, 331 (1968), eq. 18", need)
    else:
        std["tc_mcmillan"] = quantity(mcmillan_tc(val["theta_D"], val["lambda_ep"], mu), "K",
                                      model="McMillan, Phys. Rev. 167, 331 (1968), eq. 18",
                                      inputs="theta_D, lambda_ep from the table", mu_star=mu_note)
    std["tc_allen_dynes"] = _missing("K", "Allen & Dynes, Phys. Rev. B 12, 905 (1975)",
                                     ["omega_log (not in the data table)"] + (["lambda_ep"] if val["lambda_ep"] is None else []))
    if val["tc"] is not None and val["theta_D"] is not None:
        lam = mcmillan_lambda(val["tc"], val["theta_D"], mu)
        std["lambda_ep_inferred"] = quantity(lam, "1", model="McMillan (1968) eq. 18 solved for lambda",
                                             note="an inference from the measured T_c and theta_D, not a prediction",
                                             mu_star=mu_note)
    else:
        std["lambda_ep_inferred"] = _missing("1", "McMillan (1968) inverted", [n for n in ("tc", "theta_D") if val[n] is None])

    # --- BCS gap ------------------------------------------------------------------
    if val["tc"] is None:
        std["gap"] = _missing("meV", "BCS weak coupling", ["tc"])
    else:
        std["gap"] = quantity(float(bcs_gap(0.0, val["tc"])) / _MEV, "meV",
                              model="BCS weak coupling: Delta(0) = pi e^-gamma k_B T_c (Tinkham eq. 3.30)",
                              inputs="measured T_c")
    std["two_delta_over_kTc"] = quantity(2.0 * BCS_GAP_RATIO, "1", model="BCS weak coupling")

    # --- BCS thermodynamic critical field from gamma --------------------------------
    if val["tc"] is None or val["gamma"] is None:
        std["bc0_bcs"] = _missing("T", "BCS: B_c(0) = sqrt(mu0 N(0)) Delta(0) (Tinkham eq. 3.52)",
                                  [n for n in ("tc", "gamma") if val[n] is None])
    else:
        from pymatgen.core import Element

        molar_volume = float(Element(key).molar_volume) * 1e-6  # cm^3/mol -> m^3/mol
        std["bc0_bcs"] = quantity(bcs_thermodynamic_critical_field(0.0, val["tc"], val["gamma"] / molar_volume), "T",
                                  model="BCS: B_c(0) = sqrt(mu0 N(0)) Delta(0) (Tinkham eq. 3.52)",
                                  inputs=f"measured T_c, gamma; molar volume {molar_volume:.4g} m^3/mol from pymatgen")

    # --- London and Ginzburg-Landau ------------------------------------------------
    lam_L, xi_0, tc = val["penetration_depth"], val["coherence_length"], val["tc"]
    if lam_L is None:
        std["n_s_from_lambda_L"] = _missing("m^-3", "London", ["penetration_depth"])
    else:
        std["n_s_from_lambda_L"] = quantity(london_superfluid_density(lam_L), "m^-3",
                                            model="London: n_s = m_e / (mu0 e^2 lambda_L^2) (Tinkham eq. 1.9)",
                                            note="superfluid density implied by the measured lambda_L, free-electron mass")
    gl_model = (f"Ginzburg-Landau with Gor'kov clean-limit lengths, lambda_GL = lambda_L/sqrt(2(1-t)), "
                f"xi_GL = 0.74 xi_0/sqrt(1-t) ({TINKHAM} eqs. 4.22-4.25), linearly extrapolated to T = 0")
    gl_keys = ("xi_gl0", "lambda_gl0", "kappa", "type", "bc_gl", "bc1", "bc2")
    need = [n for n, v in (("penetration_depth", lam_L), ("coherence_length", xi_0), ("tc", tc)) if v is None]
    if need:
        for k in gl_keys:
            std[k] = _missing("1" if k in ("kappa", "type") else ("m" if k in ("xi_gl0", "lambda_gl0") else "T"), gl_model, need)
    else:
        lam_gl = float(gl_penetration_depth(lam_L, 0.0, tc))
        xi_gl = float(gl_coherence_length(xi_0, 0.0, tc))
        kappa = float(gl_kappa(lam_gl, xi_gl))
        std["xi_gl0"] = quantity(xi_gl, "m", model=gl_model, inputs="measured xi_0")
        std["lambda_gl0"] = quantity(lam_gl, "m", model=gl_model, inputs="measured lambda_L")
        std["kappa"] = quantity(kappa, "1", model=gl_model + "; kappa = 0.96 lambda_L/xi_0")
        std["type"] = quantity(superconductor_type(kappa), "", model="Abrikosov: type I if kappa < 1/sqrt(2) = 0.7071",
                               note=f"kappa = {kappa:.3f}")
        std["bc_gl"] = quantity(float(thermodynamic_critical_field(lam_gl, xi_gl)), "T", model=gl_model,
                                note="GL B_c = Phi0/(2 sqrt2 pi lambda xi); a linear extrapolation of the near-T_c slope, "
                                     "about twice the true B_c(0) for a parabolic B_c(T)")
        bc1 = float(lower_critical_field(lam_gl, xi_gl))
        std["bc1"] = quantity(None if math.isnan(bc1) else bc1, "T", model=gl_model + "; London B_c1 = Phi0 ln(kappa)/(4 pi lambda^2)",
                              note="null: kappa <= 1/sqrt(2), no mixed state" if math.isnan(bc1) else "high-kappa approximation")
        std["bc2"] = quantity(float(upper_critical_field(xi_gl)), "T", model=gl_model + "; B_c2 = Phi0/(2 pi xi^2)",
                              note="for type I this is the supercooling field, not a bulk critical field"
                              if kappa < 1 / math.sqrt(2) else "")

    flux = _flux()
    return ComparisonReport(
        symbol=key,
        tunnel_model=_tunnel(key, c),
        standard=std,
        measured=_measured(rec),
        flux_quantum=flux,
        notes=rec.notes_conflicts,
        tc_pressure=_tc_pressure_points(key),
    )


def _flux() -> dict:
    from etunnel.model.phenomena import paper_minimum_ring_flux
    from etunnel.standard import flux_quantum

    return {
        "standard": quantity(flux_quantum(), "Wb", model="h/(2e), charge-2e pairs", source="CODATA h and e"),
        "tunnel_paper_claim": quantity(paper_minimum_ring_flux(), "Wb", model="2 Phi0 = h/e",
                                       source=f"{PAPER}, text after eq. (45)"),
        "measured": quantity(flux_quantum(), "Wb", note="flux trapped in rings in units of h/(2e)",
                             source="Deaver & Fairbank, PRL 7, 43 (1961); Doll & Näbauer, PRL 7, 51 (1961)"),
    }


#: Standard-theory fields of :func:`compare_report`, with their units.
_STANDARD_UNITS = {
    "tc_mcmillan": "K", "tc_allen_dynes": "K", "lambda_ep_inferred": "1", "gap": "meV", "bc0_bcs": "T",
    "n_s_from_lambda_L": "m^-3", "xi_gl0": "m", "lambda_gl0": "m", "kappa": "1", "type": "1", "bc_gl": "T",
    "bc1": "T", "bc2": "T",
}


def _compare_without_ambient_record(symbol, table, *, c: float) -> ComparisonReport:
    """An element or compound with no ambient-pressure record: what data exist, and what is missing."""
    from pymatgen.core import Element

    from etunnel.materials.compounds import parse_formula
    from etunnel.materials.provenance import Missing
    from etunnel.standard import BCS_GAP_RATIO

    if not isinstance(symbol, str):
        raise TypeError(f"symbol must be a string (element symbol or chemical formula), got {symbol!r}")
    text = symbol.strip()
    element = text.capitalize() if Element.is_valid_symbol(text.capitalize()) else None
    if element is None:
        try:
            parse_formula(text)
        except ValueError as exc:
            raise ValueError(f"symbol must be an element symbol or a chemical formula (e.g. Nb, H3S, MgB2), "
                             f"got {symbol!r}: {exc}") from None
    name = element or text
    table_name = "etunnel's table of ambient-pressure elemental superconductors (elemental_superconductors.csv)"
    why = (f"{name} is not in {table_name}" if element
           else f"{name} is a compound; {table_name} holds elements only")
    std = {key: quantity(None, unit, missing=True, note=f"not computed: no measured inputs ({why})")
           for key, unit in _STANDARD_UNITS.items()}
    std["two_delta_over_kTc"] = quantity(2.0 * BCS_GAP_RATIO, "1", model="BCS weak coupling")
    template = next(iter(table.values())).quantities()
    measured = {key: Missing(key, item.unit, reason=why).to_dict() for key, item in template.items()}
    if element:
        tunnel = _tunnel(element, c)
    else:
        tunnel = {
            "c": quantity(c, "1", note="attraction coefficient (the paper's Table 1 uses c = 0.1)"),
            "evaluated": False,
            "reason": "the radius conventions give R_v and R_b of one element; for a compound give them yourself "
                      "(etunnel model --rv ... --rb ...)",
        }
    points = _tc_pressure_points(name)
    missing = [why, "so no ambient T_c, Debye temperature, coupling, gap, lengths or Sommerfeld gamma"]
    missing.append(f"{len(points)} measured T_c(p) point(s) in the packaged tc_vs_pressure.csv" if points
                   else "no T_c(p) points in the packaged tc_vs_pressure.csv either")
    if not element:
        missing.append("no R_v, R_b for the tunnel model")
    return ComparisonReport(symbol=name, tunnel_model=tunnel, standard=std, measured=measured,
                            flux_quantum=_flux(), notes="", tc_pressure=points, missing="; ".join(missing))


def _tc_pressure_points(name: str) -> list[dict]:
    """Measured T_c(p) rows of the packaged table for ``name``, each with its BCS weak-coupling gap."""
    from etunnel.conditions.calibration import load_tc_pressure, select_material
    from etunnel.constants import BOLTZMANN_CONSTANT
    from etunnel.standard import BCS_GAP_RATIO

    rows = select_material(load_tc_pressure(), name)
    return [
        {"material_row": r.material, "pressure": quantity(float(r.pressure_Pa), "Pa"), "tc": quantity(float(r.tc_K), "K"),
         "gap_bcs": quantity(BCS_GAP_RATIO * BOLTZMANN_CONSTANT * float(r.tc_K) / ELECTRONVOLT * 1e3, "meV",
                             model="BCS weak coupling at the measured T_c: Delta(0) = 1.764 k_B T_c"),
         "reference": r.reference}
        for r in rows.itertuples(index=False)
    ]
