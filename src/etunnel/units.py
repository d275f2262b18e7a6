"""Parsing of physical quantities with units, for the CLI and web edges.

The numerical core works in SI floats only. These parsers turn strings such
as ``"149pm"``, ``"1.49 Å"``, ``"25GPa"`` or ``"4.2K"`` into SI values and
reject anything malformed with an :class:`~etunnel.checks.InputError` naming
the parameter and the accepted units.
"""

from __future__ import annotations

import math
import re

from etunnel.checks import InputError

LENGTH_UNITS = {
    "m": 1.0,
    "cm": 1e-2,
    "mm": 1e-3,
    "um": 1e-6,
    "µm": 1e-6,
    "nm": 1e-9,
    "Å": 1e-10,
    "A": 1e-10,
    "angstrom": 1e-10,
    "pm": 1e-12,
}
PRESSURE_UNITS = {
    "Pa": 1.0,
    "kPa": 1e3,
    "MPa": 1e6,
    "GPa": 1e9,
    "TPa": 1e12,
    "bar": 1e5,
    "kbar": 1e8,
    "Mbar": 1e11,
    "atm": 101325.0,
}
TEMPERATURE_UNITS = {"K": 1.0, "mK": 1e-3}

_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([^\s\d.+-][^\s]*)?\s*$")


def parse_quantity(name: str, text, units: dict[str, float], *, default_unit: str | None = None) -> float:
    """Parse ``text`` (a number followed by one of ``units``) into SI.

    Parameters
    ----------
    name : str
        Name of the parameter, used in error messages.
    text : str or float
        The quantity, e.g. ``"149pm"``. A bare number is accepted only when
        ``default_unit`` is given.
    units : dict
        Map from unit symbol to its SI factor.
    default_unit : str, optional
        Unit assumed for a bare number.

    Returns
    -------
    float
        The value in SI units.
    """
    accepted = ", ".join(units)
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        number, unit = float(text), None
    else:
        match = _QUANTITY.match(str(text))
        if match is None:
            raise InputError(f"{name}: cannot read {text!r} as a number with a unit (accepted units: {accepted})")
        number, unit = float(match.group(1)), match.group(2)
    if unit is None:
        if default_unit is None:
            raise InputError(f"{name}: {text!r} has no unit (accepted units: {accepted})")
        unit = default_unit
    if unit not in units:
        raise InputError(f"{name}: unknown unit {unit!r} in {text!r} (accepted units: {accepted})")
    if not math.isfinite(number):
        raise InputError(f"{name} must be finite, got {text!r}")
    return number * units[unit]


def parse_length(name: str, text) -> float:
    """Parse a length such as ``"149pm"``, ``"1.49 Å"``, ``"1.49A"`` or ``"0.149nm"`` into metres."""
    return parse_quantity(name, text, LENGTH_UNITS)


def parse_pressure(name: str, text) -> float:
    """Parse a pressure such as ``"25GPa"`` or ``"3 kbar"`` into pascals."""
    return parse_quantity(name, text, PRESSURE_UNITS)


def parse_temperature(name: str, text) -> float:
    """Parse a temperature such as ``"4.2K"`` into kelvin."""
    return parse_quantity(name, text, TEMPERATURE_UNITS)


def parse_range(name: str, text, parser, *, default_points: int = 41) -> tuple[float, float, int]:
    """Parse a range ``"start:stop[:points]"`` with units, e.g. ``"0:40GPa"`` or ``"0K:300K:61"``.

    A unit written only on the stop value applies to the start as well.
    Returns ``(start, stop, points)`` in SI units.
    """
    parts = str(text).split(":")
    if len(parts) not in (2, 3):
        raise InputError(f"{name}: expected start:stop or start:stop:points, got {text!r}")
    start_text, stop_text = parts[0].strip(), parts[1].strip()
    start_match, stop_match = _QUANTITY.match(start_text), _QUANTITY.match(stop_text)
    if start_match and stop_match and start_match.group(2) is None and stop_match.group(2):
        start_text += stop_match.group(2)
    start, stop = parser(name, start_text), parser(name, stop_text)
    points = default_points
    if len(parts) == 3:
        try:
            points = int(parts[2])
        except ValueError:
            raise InputError(f"{name}: number of points must be an integer, got {parts[2]!r}") from None
        if points < 2:
            raise InputError(f"{name}: number of points must be >= 2, got {points}")
    if not stop > start:
        raise InputError(f"{name}: stop must be greater than start, got {text!r}")
    return start, stop, points
