"""Compounds: formulas parsed with pymatgen, composition-weighted properties.

The paper's guideline for engineering superconductors ("Engineering
Room-Temperature Superconductors") speaks of choosing elements "with a narrow
range of electronegativities" and mixing large and small atoms. This module
gives the numbers those statements need: the atomic-fraction-weighted mean,
the weighted standard deviation and the range of each element property over a
formula's elements.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from etunnel.materials.elements import PROPERTIES, Overrides, element_data
from etunnel.materials.provenance import Sourced
from etunnel.materials.radii import RADIUS_CONVENTIONS

#: Properties summarised by default: every radius convention's radius and X.
DEFAULT_PROPERTIES = tuple(p for p, _ in RADIUS_CONVENTIONS.values() if p) + ("electronegativity",)


def parse_formula(formula: str) -> dict[str, float]:
    """Parse a chemical formula into ``{symbol: amount}`` with pymatgen.

    Parameters
    ----------
    formula : str
        E.g. ``"MgB2"``, ``"YBa2Cu3O7"``, ``"Ba0.4K0.6Fe2As2"``.

    Raises
    ------
    ValueError
        Naming the formula, when pymatgen cannot parse it, when it contains
        no element, or when an amount is not positive.
    """
    from pymatgen.core import Composition

    text = str(formula).strip()
    if not text:
        raise ValueError("empty chemical formula")
    try:
        comp = Composition(text)
    except Exception as exc:  # pymatgen raises several types for bad input
        raise ValueError(f"cannot parse chemical formula {formula!r}: {exc}") from None
    amounts = {str(el): float(n) for el, n in comp.get_el_amt_dict().items()}
    from pymatgen.core import Element

    unknown = [el for el in amounts if not Element.is_valid_symbol(el)]
    if unknown:
        raise ValueError(f"chemical formula {formula!r} contains unknown element symbols {unknown}")
    if not amounts:
        raise ValueError(f"chemical formula {formula!r} contains no element")
    bad = {el: n for el, n in amounts.items() if not (n > 0 and math.isfinite(n))}
    if bad:
        raise ValueError(f"chemical formula {formula!r} has non-positive amounts {bad}")
    return amounts


@dataclass(frozen=True)
class WeightedProperty:
    """Composition-weighted summary of one property over a formula's elements.

    Attributes
    ----------
    name : str
        Property name.
    unit : str
        SI unit.
    mean : float or None
        Atomic-fraction-weighted mean; ``None`` when any element lacks the value.
    std : float or None
        Atomic-fraction-weighted standard deviation (population form).
    minimum, maximum : float or None
        Range over the elements present.
    missing : list of str
        Elements for which the value is missing (then mean/std/range are None).
    sources : dict of str to str
        Source of each element's value.
    """

    name: str
    unit: str
    mean: float | None
    std: float | None
    minimum: float | None
    maximum: float | None
    missing: list[str]
    sources: dict[str, str]

    def to_dict(self) -> dict:
        return {
            "name": self.name, "unit": self.unit, "mean": self.mean, "std": self.std,
            "min": self.minimum, "max": self.maximum, "missing": self.missing, "sources": self.sources,
        }


def composition_properties(
    formula: str,
    properties: tuple[str, ...] = DEFAULT_PROPERTIES,
    *,
    overrides: Overrides | None = None,
) -> dict[str, WeightedProperty]:
    """Composition-weighted mean and spread of element properties.

    .. math::

        \\bar p = \\sum_i x_i p_i, \\qquad
        \\sigma_p = \\sqrt{\\sum_i x_i (p_i - \\bar p)^2},

    with :math:`x_i` the atomic fractions. If any element lacks a value, the
    summary is not computed (``None``) and the element is listed as missing:
    a partial average would silently change the weights.

    Parameters
    ----------
    formula : str
        Chemical formula.
    properties : tuple of str, optional
        Names from :data:`etunnel.materials.elements.PROPERTIES`.
    overrides : dict, optional
        User overrides.

    Returns
    -------
    dict of str to WeightedProperty
    """
    amounts = parse_formula(formula)
    unknown = [p for p in properties if p not in PROPERTIES]
    if unknown:
        raise ValueError(f"unknown properties {unknown}; known: {', '.join(PROPERTIES)}")
    total = sum(amounts.values())
    datas = {el: element_data(el, overrides=overrides) for el in amounts}
    out = {}
    for prop in properties:
        values, sources, missing = {}, {}, []
        for el, data in datas.items():
            item = data[prop]
            sources[el] = item.source
            if isinstance(item, Sourced):
                values[el] = float(item.value)
            else:
                missing.append(el)
        if missing:
            out[prop] = WeightedProperty(prop, PROPERTIES[prop].unit, None, None, None, None, missing, sources)
            continue
        mean = sum(amounts[el] / total * v for el, v in values.items())
        var = sum(amounts[el] / total * (v - mean) ** 2 for el, v in values.items())
        out[prop] = WeightedProperty(prop, PROPERTIES[prop].unit, mean, math.sqrt(var),
                                     min(values.values()), max(values.values()), [], sources)
    return out
