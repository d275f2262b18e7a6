"""Use case: build a material under temperature and pressure, with every parameter checked and sourced.

:func:`build_material` turns validated SI values into a
:class:`etunnel.conditions.submodels.MaterialConditions`, after checking each
user-given parameter against its physical range (:data:`PARAMETER_RANGES`);
:func:`describe_material` gives its JSON description (parameters with units
and sources, assumptions).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etunnel.checks import InputError
from etunnel.services.base import Result, quantity

_EV = 1.602176634e-19

#: Physical range of each sub-model parameter: (low, high, low_inclusive, high_inclusive, unit, why).
#: User values outside it are refused before any work. The fit bounds of
#: :data:`etunnel.conditions.calibration.FIT_BOUNDS` lie inside these ranges.
PARAMETER_RANGES: dict[str, tuple[float, float, bool, bool, str, str]] = {
    "R_v0": (0.0, 1e-9, False, True, "m", "an orbital radius, at most 1 nm"),
    "R_b0": (0.0, 1e-9, False, True, "m", "half a molecular distance, at most 1 nm"),
    "B0": (0.0, 1e13, False, True, "Pa", "a bulk modulus (diamond: 443 GPa), at most 10 TPa"),
    "B0_prime": (0.0, 20.0, False, True, "1", "dB/dp, measured 3-8 for elements; at most 20"),
    "alpha": (0.0, 1e-3, True, True, "1/K", "a linear expansion coefficient (solids: 1e-6 to 1e-4)"),
    "T_ref": (0.0, 1e4, False, True, "K", "a reference temperature"),
    "beta": (0.0, 1e-3, True, True, "1/K", "relative rise of R_v per kelvin (R_v non-decreasing in T)"),
    "gamma": (0.0, 10.0, False, True, "1", "size of the excited orbital relative to R_v"),
    "E_x": (0.0, 10.0 * _EV, False, True, "J", "an excitation energy, at most 10 eV"),
    "c0": (0.0, 1.0, True, True, "1", "the attraction coefficient, 0 <= c <= 1 (paper eq. 11)"),
    "k": (0.0, 50.0, True, True, "1", "rise of c per unit compression ratio"),
    "n": (0.0, 50.0, True, True, "1", "exponent of the saturating c model"),
}


def _interval(low, high, low_inc, high_inc, unit) -> str:
    shown = "" if unit == "1" else f" {unit}"
    return f"{'[' if low_inc else '('}{low:g}, {high:g}{']' if high_inc else ')'}{shown}"


def check_parameters(params: dict) -> dict[str, float]:
    """Check user parameters (SI floats) against :data:`PARAMETER_RANGES`; return them as floats.

    Raises
    ------
    InputError
        For an unknown name, a value that is not a real number (strings,
        booleans and None are refused, not coerced), or a value outside its
        physical range, naming the parameter, its range and the value.
    """
    import math

    out: dict[str, float] = {}
    for name, value in dict(params or {}).items():
        if name not in PARAMETER_RANGES:
            raise InputError(f"unknown parameter {name!r}; known: {', '.join(PARAMETER_RANGES)}")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"parameter {name} must be a real number, got {value!r}")
        value = float(value)
        low, high, low_inc, high_inc, unit, why = PARAMETER_RANGES[name]
        ok = math.isfinite(value) and (value >= low if low_inc else value > low) and (
            value <= high if high_inc else value < high)
        if not ok:
            raise InputError(f"parameter {name} must be in {_interval(low, high, low_inc, high_inc, unit)} "
                             f"({why}), got {value:g}")
        out[name] = value
    return out


def build_material(name: str, *, params: dict | None = None, c_model: str = "saturating", rv_model: str = "linear",
                   eos: str = "vinet", eos_data: str | Path | None = None, eos_structure: str | None = None,
                   rv_convention: str = "paper", rb_convention: str = "paper", terms="infinite"):
    """A material's :class:`~etunnel.conditions.submodels.MaterialConditions` from checked inputs.

    Parameters
    ----------
    name : str
        Element symbol, or any name when every value is given in ``params``.
    params : dict, optional
        Parameter values in SI (names and ranges in :data:`PARAMETER_RANGES`).
    c_model, rv_model, eos : str
        Sub-model choices (see :mod:`etunnel.conditions.submodels`).
    eos_data : path, optional
        ACWF EOS CSV for B0' (must exist).
    eos_structure : str, optional
        Structure to take from ``eos_data``.
    rv_convention, rb_convention : str
        Radius conventions (:mod:`etunnel.materials.radii`).
    terms : int or "infinite"
        Lattice model.
    """
    from etunnel.conditions.submodels import material_conditions

    checked = check_parameters(params or {})
    if eos_data is not None and not Path(eos_data).is_file():
        raise InputError(f"--eos-data: file {str(eos_data)!r} not found")
    return material_conditions(name, params=checked, c_model=c_model, rv_model=rv_model, eos=eos,
                               eos_data=eos_data, eos_structure=eos_structure, rv_convention=rv_convention,
                               rb_convention=rb_convention, terms=terms)


@dataclass(frozen=True)
class MaterialDescription(Result):
    """A material's sub-models, parameters (value, unit, source) and stated assumptions."""

    name: str
    c_model: str
    rv_model: str
    eos: str
    terms: str
    parameters: dict
    assumptions: list
    B0_prime_origin: str


def describe_material(m) -> MaterialDescription:
    """JSON-ready description of a MaterialConditions: parameters with units and sources, and assumptions."""
    from etunnel.conditions.submodels import PARAMETERS

    used = {"R_v0", "R_b0", "B0", "B0_prime", "alpha", "T_ref", *m.model_parameters}
    return MaterialDescription(
        name=m.name,
        c_model=m.c_model,
        rv_model=m.rv_model,
        eos=m.eos,
        terms=str(m.terms),
        parameters={k: quantity(m.params[k], PARAMETERS[k][0], source=m.sources.get(k, ""))
                    for k in PARAMETERS if k in used},
        assumptions=m.assumptions(),
        B0_prime_origin=b0_prime_origin(m),
    )


def b0_prime_origin(m) -> str:
    """Where B0' comes from, in a few words: computed (ACWF), an assumption, or the user."""
    source = m.sources.get("B0_prime", "")
    if source.startswith("computed (ACWF"):
        return "computed (ACWF, DFT-PBE)"
    if source.startswith("assumption"):
        return "assumption B0' = 4"
    return source


def caption_for(m, extra: str = "") -> str:
    """Figure caption: assumptions and the origin of B0'."""
    parts = [f"B0' = {m.params['B0_prime']:.4g}: {b0_prime_origin(m)}."]
    parts += [a + "." for a in m.assumptions() if not a.startswith("B0_prime")]
    parts.append(f"alpha = {m.params['alpha']:.3g} 1/K ({m.sources.get('alpha', '')}).")
    if extra:
        parts.append(extra)
    return " ".join(parts)
