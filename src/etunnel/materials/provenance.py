"""Values that carry their unit and their source.

Every number etunnel reads from a data file or a library travels as a
:class:`Sourced` value: the value in SI units, the SI unit, the source it was
taken from and an optional note. A value that could not be found, or that was
found but rejected (an unparseable string such as ``"high"``, a value measured
under pressure where an ambient one is wanted), travels as :class:`Missing`,
which says *why* it is missing. Nothing is ever replaced by a silent zero or
default.

Examples
--------
>>> from etunnel.materials.provenance import Sourced, Missing, is_missing
>>> tc = Sourced(4.153, "K", source="Onnes 1911")
>>> tc.value, tc.unit
(4.153, 'K')
>>> gap = Missing("gap", "J", reason="blank cell in elemental_superconductors.csv")
>>> is_missing(gap), is_missing(tc)
(True, False)
>>> gap.value is None
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Sourced:
    """A value with its SI unit and the source it came from.

    Parameters
    ----------
    value : float or str
        The value in SI units (``str`` only for categorical values, such as a
        superconductor type ``"I"``).
    unit : str
        SI unit of ``value``, e.g. ``"m"``, ``"K"``, ``"ohm m"``; ``"1"`` for
        dimensionless numbers and ``""`` for categorical values.
    source : str
        Where the value comes from: a paper, a URL, a library and its data
        file, or a user override file.
    note : str, optional
        Anything a reader must know: a conversion made, a conflict between
        sources, a convention.
    """

    value: float | str
    unit: str
    source: str
    note: str = ""

    missing = False

    def __post_init__(self) -> None:
        if isinstance(self.value, bool):
            raise ValueError(f"Sourced value must be a number or a category, got the boolean {self.value!r}")
        if isinstance(self.value, (int, float)):
            value = float(self.value)
            if not math.isfinite(value):
                raise ValueError(
                    f"Sourced value must be finite, got {self.value!r} (source: {self.source}); "
                    "use Missing for a value that is not available"
                )
            object.__setattr__(self, "value", value)
        elif not isinstance(self.value, str):
            raise ValueError(f"Sourced value must be a float or a str, got {type(self.value).__name__}")
        if not self.source:
            raise ValueError(f"Sourced value {self.value!r} {self.unit} has no source")

    def to(self, factor: float, unit: str) -> float:
        """Return ``value * factor``, documenting a conversion at the call site.

        Parameters
        ----------
        factor : float
            Multiplier from the stored SI unit to ``unit``.
        unit : str
            The target unit (only for readability of the caller).
        """
        del unit
        return float(self.value) * factor

    def to_dict(self) -> dict:
        """JSON-ready form: ``{"value", "unit", "source", "note", "missing": False}``."""
        return {"value": self.value, "unit": self.unit, "source": self.source, "note": self.note, "missing": False}


@dataclass(frozen=True)
class Missing:
    """The explicit absence of a value, with the reason.

    Parameters
    ----------
    quantity : str
        Name of the quantity that is missing (e.g. ``"electrical_resistivity"``).
    unit : str
        SI unit the value would have had.
    reason : str
        Why it is missing: not in the source, rejected as unparseable, measured
        under the wrong conditions, ...
    source : str, optional
        Where it was looked for (or where a rejected raw value came from).
    raw : str, optional
        The rejected raw value, if there was one (e.g. ``"high"``).
    """

    quantity: str
    unit: str
    reason: str
    source: str = ""
    raw: str = ""

    missing = True

    @property
    def value(self) -> None:
        """Always ``None``: a missing value has no number, not even NaN or 0."""
        return None

    @property
    def note(self) -> str:
        return self.reason

    def to_dict(self) -> dict:
        """JSON-ready form: ``{"value": None, "unit", "source", "note", "missing": True, "raw"}``."""
        out = {"value": None, "unit": self.unit, "source": self.source, "note": self.reason, "missing": True}
        if self.raw:
            out["raw"] = self.raw
        return out


#: Either a sourced value or its documented absence.
MaybeSourced = Union[Sourced, Missing]


def is_missing(item: MaybeSourced) -> bool:
    """True when ``item`` is a :class:`Missing`."""
    return isinstance(item, Missing)


def value_or_nan(item: MaybeSourced) -> float:
    """The numeric value, or NaN for a :class:`Missing` (for arrays and plots only).

    NaN is used here only as the array representation of "missing"; it never
    replaces a value in a data record.
    """
    if isinstance(item, Missing):
        return math.nan
    return float(item.value)


def parse_number(
    raw,
    *,
    quantity: str,
    unit: str,
    source: str,
    factor: float = 1.0,
    note: str = "",
) -> MaybeSourced:
    """Turn a raw cell or library value into :class:`Sourced` or :class:`Missing`.

    Blank cells and ``None`` become :class:`Missing` ("no value in source").
    Strings that are not plain numbers (``"high"``, ``"no data"``, ``"1.2 (at
    5 GPa)"``) become :class:`Missing` with the raw text kept, never a number.

    Parameters
    ----------
    raw : str, float or None
        The raw value.
    quantity : str
        Name of the quantity, for the :class:`Missing` record.
    unit : str
        SI unit of the result.
    source : str
        Source of the raw value.
    factor : float, optional
        Multiplier converting the raw value into ``unit``.
    note : str, optional
        Note attached to a successfully parsed value.
    """
    if raw is None:
        return Missing(quantity, unit, reason="no value in source", source=source)
    if isinstance(raw, bool):
        return Missing(quantity, unit, reason=f"unparseable value {raw!r}", source=source, raw=str(raw))
    if isinstance(raw, (int, float)):
        number = float(raw)
        text = repr(raw)
    else:
        text = str(raw).strip()
        if not text:
            return Missing(quantity, unit, reason="no value in source (blank)", source=source)
        try:
            number = float(text)
        except ValueError:
            return Missing(quantity, unit, reason=f"unparseable value {text!r} rejected", source=source, raw=text)
    if not math.isfinite(number):
        return Missing(quantity, unit, reason=f"non-finite value {text} rejected", source=source, raw=text)
    return Sourced(number * factor, unit, source=source, note=note)
