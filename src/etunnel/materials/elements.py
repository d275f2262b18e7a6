"""Element properties from pymatgen, in SI, each with its source.

Values come from :class:`pymatgen.core.Element` (pymatgen's
``periodic_table.json``, compiled mostly from WebElements) and, for the
covalent radii, from Cordero et al. (2008) as shipped in
:class:`pymatgen.analysis.molecule_structure_comparator.CovalentRadius`.
The superconducting transition temperature is taken from the project's
compiled, sourced table (:mod:`etunnel.materials.superconductors`) where it
has the element, and pymatgen's value is kept only as a note.

Known upstream defects are caught, not parsed: any value stored as text
(e.g. a resistivity ``"high"``) becomes :class:`Missing` with the raw text
kept; pymatgen's T_c for Gd (a copy of Ga's) and for Sc, Y and Ce (measured
under pressure) are rejected.

Every property is returned as :class:`~etunnel.materials.provenance.Sourced`
or :class:`~etunnel.materials.provenance.Missing`; a missing value is never a
zero or a default. Users may override or add values from a CSV or TOML file
(:func:`load_overrides`).
"""

from __future__ import annotations

import csv
import io
import math
import tomllib
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etunnel.materials.provenance import MaybeSourced, Missing, Sourced, parse_number
from etunnel.materials.superconductors import REJECTED_UPSTREAM_TC, load_elemental_superconductors


def _pymatgen_version() -> str:
    try:
        from importlib.metadata import version

        return version("pymatgen")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return "unknown"


PYMATGEN_SOURCE = f"pymatgen {_pymatgen_version()} periodic_table.json.gz (compiled mostly from WebElements)"
CORDERO_SOURCE = (
    "Cordero et al., 'Covalent radii revisited', Dalton Trans. 2008, 2832-2838, doi:10.1039/b801115j, "
    "via pymatgen.analysis.molecule_structure_comparator.CovalentRadius"
)


@dataclass(frozen=True)
class PropertySpec:
    """How one property is read and converted to SI.

    Attributes
    ----------
    name : str
        etunnel's name of the property.
    raw_key : str
        Key in pymatgen's ``Element.data`` (``""`` for special sources).
    raw_unit : str
        Unit in which pymatgen stores it (checked against pymatgen at run time).
    unit : str
        SI unit of the returned value.
    factor : float
        Multiplier from ``raw_unit`` to ``unit``.
    description : str
        What the property is.
    """

    name: str
    raw_key: str
    raw_unit: str
    unit: str
    factor: float
    description: str


#: The element properties etunnel reads, with their units.
PROPERTIES: dict[str, PropertySpec] = {
    spec.name: spec
    for spec in (
        PropertySpec("electrical_resistivity", "Electrical resistivity", "ohm m", "ohm m", 1.0,
                     "Electrical resistivity at room temperature"),
        PropertySpec("superconduction_temperature", "Superconduction temperature", "K", "K", 1.0,
                     "Superconducting transition temperature T_c at ambient pressure"),
        PropertySpec("bulk_modulus", "Bulk modulus", "GPa", "Pa", 1e9, "Bulk modulus"),
        PropertySpec("van_der_waals_radius", "Van der waals radius", "ang", "m", 1e-10, "Van der Waals radius"),
        PropertySpec("atomic_radius", "Atomic radius", "ang", "m", 1e-10,
                     "Empirical atomic radius (Slater 1964)"),
        PropertySpec("metallic_radius", "Metallic radius", "ang", "m", 1e-10, "Metallic radius"),
        PropertySpec("atomic_radius_calculated", "Atomic radius calculated", "ang", "m", 1e-10,
                     "Calculated atomic radius (Clementi et al. 1967)"),
        PropertySpec("covalent_radius", "", "ang", "m", 1e-10, "Single-bond covalent radius (Cordero et al. 2008)"),
        PropertySpec("molar_volume", "Molar volume", "cm^3 mol^-1", "m^3 mol^-1", 1e-6, "Molar volume"),
        PropertySpec("boiling_point", "Boiling point", "K", "K", 1.0, "Boiling point at ambient pressure"),
        PropertySpec("density_of_solid", "Density of solid", "kg m^-3", "kg m^-3", 1.0, "Density of the solid"),
        PropertySpec("electronegativity", "X", "1", "1", 1.0, "Pauling electronegativity"),
    )
}


# Alternative spellings of units accepted in override files, per SI unit.
_OVERRIDE_UNITS: dict[str, dict[str, float]] = {
    "m": {"m": 1.0, "nm": 1e-9, "Å": 1e-10, "A": 1e-10, "ang": 1e-10, "angstrom": 1e-10, "pm": 1e-12},
    "ohm m": {"ohm m": 1.0, "Ω·m": 1.0, "Ω m": 1.0, "ohm cm": 1e-2, "uohm cm": 1e-8, "µΩ·cm": 1e-8,
              "uohm m": 1e-6, "µΩ·m": 1e-6, "m/MS": 1e-6, "nohm m": 1e-9, "nΩ·m": 1e-9},
    "K": {"K": 1.0, "mK": 1e-3},
    "Pa": {"Pa": 1.0, "GPa": 1e9, "MPa": 1e6},
    "m^3 mol^-1": {"m^3 mol^-1": 1.0, "cm^3 mol^-1": 1e-6},
    "kg m^-3": {"kg m^-3": 1.0, "g cm^-3": 1e3},
    "1": {"1": 1.0, "": 1.0},
}


def _check_symbol(symbol: str) -> str:
    from pymatgen.core import Element

    text = str(symbol).strip()
    try:
        Element(text)
    except (ValueError, KeyError):
        raise ValueError(f"unknown element symbol {symbol!r}") from None
    return text


@lru_cache(maxsize=None)
def _pymatgen_units() -> dict[str, str]:
    import pymatgen.core.periodic_table as pt

    units = getattr(pt, "_PT_UNIT", None)
    if not isinstance(units, dict):  # pragma: no cover - older pymatgen layout
        raw = getattr(pt, "_RAW_PT_DATA", None) or {}
        units = raw.get("_unit", {}) if isinstance(raw, dict) else {}
    # pymatgen stores dimensionless Pauling X without a unit entry.
    return {**dict(units), "X": "1"}


def _read_pymatgen(symbol: str, spec: PropertySpec) -> MaybeSourced:
    from pymatgen.core import Element

    element = Element(symbol)
    if spec.name == "covalent_radius":
        from pymatgen.analysis.molecule_structure_comparator import CovalentRadius

        raw = CovalentRadius.radius.get(symbol)
        return parse_number(raw, quantity=spec.name, unit=spec.unit, factor=spec.factor,
                            source=f"{CORDERO_SOURCE} [{symbol}]")
    source = f"{PYMATGEN_SOURCE}, Element('{symbol}').data['{spec.raw_key}']"
    known_unit = _pymatgen_units().get(spec.raw_key)
    if known_unit is not None and known_unit != spec.raw_unit:
        # pymatgen changed the stored unit: refuse to convert with a stale factor.
        return Missing(spec.name, spec.unit, source=source,
                       reason=f"pymatgen stores {spec.raw_key!r} in {known_unit!r}, expected {spec.raw_unit!r}")
    raw = element.data.get(spec.raw_key)
    item = parse_number(raw, quantity=spec.name, unit=spec.unit, factor=spec.factor, source=source)
    if isinstance(item, Sourced) and spec.name in ("electrical_resistivity", "bulk_modulus", "molar_volume",
                                                   "density_of_solid", "boiling_point") and item.value <= 0:
        return Missing(spec.name, spec.unit, source=source, raw=str(raw),
                       reason=f"non-physical value {raw!r} rejected (must be positive)")
    if isinstance(item, Sourced) and spec.unit == "m" and item.value <= 0:
        return Missing(spec.name, spec.unit, source=source, raw=str(raw),
                       reason=f"non-physical radius {raw!r} rejected")
    return item


def _superconduction_temperature(symbol: str) -> MaybeSourced:
    from pymatgen.core import Element

    spec = PROPERTIES["superconduction_temperature"]
    source = f"{PYMATGEN_SOURCE}, Element('{symbol}').data['{spec.raw_key}']"
    raw = Element(symbol).data.get(spec.raw_key)
    upstream = parse_number(raw, quantity=spec.name, unit="K", source=source)
    table = load_elemental_superconductors()
    if symbol in table and isinstance(table[symbol].tc, Sourced):
        tc = table[symbol].tc
        note = "compiled table value (ambient pressure)"
        if isinstance(upstream, Sourced):
            if not math.isclose(upstream.value, tc.value, rel_tol=1e-3):
                note += f"; pymatgen gives {upstream.value:g} K (not used)"
            else:
                note += "; pymatgen agrees"
        return Sourced(tc.value, "K", source=tc.source, note=note)
    if symbol in REJECTED_UPSTREAM_TC and isinstance(upstream, Sourced):
        return Missing(spec.name, "K", source=source, raw=str(raw),
                       reason=f"upstream defect rejected: {REJECTED_UPSTREAM_TC[symbol]}")
    if isinstance(upstream, Sourced):
        return Sourced(upstream.value, "K", source=source,
                       note="not in the compiled table of ambient elemental superconductors; unchecked upstream value")
    if isinstance(upstream, Missing) and upstream.raw:
        return upstream
    return Missing(spec.name, "K", source=f"{source}; etunnel/data/elemental_superconductors.csv",
                   reason="no ambient-pressure T_c known (not a known elemental superconductor at ambient pressure)")


@dataclass(frozen=True)
class ElementData:
    """All properties of one element, each sourced or explicitly missing.

    Attributes
    ----------
    symbol : str
        Element symbol.
    name : str
        Element name.
    Z : int
        Atomic number.
    properties : dict of str to Sourced or Missing
        Keyed by the names in :data:`PROPERTIES`, values in SI.
    """

    symbol: str
    name: str
    Z: int
    properties: dict[str, MaybeSourced] = field(default_factory=dict)

    def __getitem__(self, key: str) -> MaybeSourced:
        if key not in self.properties:
            raise ValueError(f"unknown property {key!r}; known: {', '.join(self.properties)}")
        return self.properties[key]

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "symbol": self.symbol,
            "name": self.name,
            "Z": self.Z,
            "properties": {k: {**v.to_dict(), "description": PROPERTIES[k].description} for k, v in self.properties.items()},
        }


Overrides = dict[str, dict[str, Sourced]]


def element_data(symbol: str, *, overrides: Overrides | None = None) -> ElementData:
    """Sourced SI properties of one element.

    Parameters
    ----------
    symbol : str
        Element symbol, e.g. ``"Hg"``.
    overrides : dict, optional
        ``{symbol: {property: Sourced}}``, as returned by :func:`load_overrides`;
        an override replaces the library value and keeps its own source.

    Returns
    -------
    ElementData

    Raises
    ------
    ValueError
        For an unknown element symbol.
    """
    from pymatgen.core import Element

    symbol = _check_symbol(symbol)
    element = Element(symbol)
    props: dict[str, MaybeSourced] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, spec in PROPERTIES.items():
            if name == "superconduction_temperature":
                props[name] = _superconduction_temperature(symbol)
            else:
                props[name] = _read_pymatgen(symbol, spec)
    for name, item in (overrides or {}).get(symbol, {}).items():
        props[name] = item
    return ElementData(symbol=symbol, name=str(element.long_name), Z=int(element.Z), properties=props)


def all_symbols(max_Z: int = 103) -> list[str]:
    """Element symbols with atomic number 1..max_Z, in order."""
    from pymatgen.core import Element

    return [el.symbol for el in Element if el.Z <= max_Z]


# ---------------------------------------------------------------- overrides


def _override_item(symbol: str, prop: str, value, unit: str, source: str, note: str, origin: str) -> Sourced:
    symbol = _check_symbol(symbol)
    if prop not in PROPERTIES:
        raise ValueError(f"{origin}: unknown property {prop!r} for {symbol}; known: {', '.join(PROPERTIES)}")
    spec = PROPERTIES[prop]
    accepted = _OVERRIDE_UNITS[spec.unit]
    unit = (unit or "").strip()
    if unit not in accepted:
        raise ValueError(
            f"{origin}: {symbol} {prop}: unknown unit {unit!r} (accepted: {', '.join(repr(u) for u in accepted)})"
        )
    if not str(source or "").strip():
        raise ValueError(f"{origin}: {symbol} {prop}: every override needs a source")
    item = parse_number(value, quantity=prop, unit=spec.unit, factor=accepted[unit],
                        source=f"user override ({origin}): {str(source).strip()}", note=note or "user override")
    if isinstance(item, Missing):
        raise ValueError(f"{origin}: {symbol} {prop}: value {value!r} is not a number")
    return item


def load_overrides(path: str | Path) -> Overrides:
    """Read user values that override or add to the library data.

    CSV format (``#`` lines are comments)::

        element,property,value,unit,source,note
        Hg,van_der_waals_radius,155,pm,Bondi 1964,

    TOML format::

        [Hg]
        van_der_waals_radius = { value = 155, unit = "pm", source = "Bondi 1964" }

    Parameters
    ----------
    path : str or Path
        A ``.csv`` or ``.toml`` file.

    Returns
    -------
    dict
        ``{symbol: {property: Sourced}}`` in SI units.

    Raises
    ------
    ValueError
        For an unknown element, property or unit, a value that is not a
        number, a missing source or an unsupported file type.
    """
    path = Path(path)
    origin = path.name
    if not path.is_file():
        raise ValueError(f"override file {str(path)!r} does not exist")
    out: Overrides = {}
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8")
        body = "".join(line for line in io.StringIO(text) if not line.lstrip().startswith("#"))
        reader = csv.DictReader(io.StringIO(body))
        needed = {"element", "property", "value", "unit", "source"}
        if reader.fieldnames is None or not needed <= set(reader.fieldnames):
            raise ValueError(f"{origin}: override CSV needs the columns {sorted(needed)}")
        for row in reader:
            item = _override_item(row["element"], row["property"].strip(), row["value"], row["unit"],
                                  row["source"], (row.get("note") or "").strip(), origin)
            out.setdefault(row["element"].strip(), {})[row["property"].strip()] = item
    elif suffix == ".toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{origin}: not valid TOML: {exc}") from None
        for symbol, table in data.items():
            if not isinstance(table, dict):
                raise ValueError(f"{origin}: expected a table [{symbol}] of properties")
            for prop, entry in table.items():
                if not isinstance(entry, dict) or "value" not in entry:
                    raise ValueError(f"{origin}: {symbol}.{prop} must be {{ value = ..., unit = ..., source = ... }}")
                item = _override_item(symbol, prop, entry["value"], entry.get("unit", ""), entry.get("source", ""),
                                      str(entry.get("note", "")), origin)
                out.setdefault(symbol.strip(), {})[prop] = item
    else:
        raise ValueError(f"override file must be .csv or .toml, got {path.name!r}")
    return out
