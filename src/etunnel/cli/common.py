"""Shared machinery of the command-line verbs: output as text or JSON."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

import numpy as np
from rich.console import Console
from rich.table import Table

console = Console()


def jsonable(value):
    """Convert NumPy scalars and arrays, and non-finite floats, into JSON-ready values.

    NaN and infinities become ``null``: JSON has no such numbers, and a reader
    must see a missing value, not a wrong one.
    """
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    return value


def quantity(value, unit: str, **extra) -> dict:
    """A JSON field: ``{"value": ..., "unit": ...}`` plus optional extras (e.g. ``source``)."""
    return {"value": value, "unit": unit, **extra}


def print_json(payload) -> None:
    """Print one JSON object on standard output."""
    print(json.dumps(jsonable(payload), indent=2, ensure_ascii=False, allow_nan=False))


def print_table(title: str, rows: list[tuple[str, str, str]]) -> None:
    """Print ``(quantity, value, unit)`` rows as a table."""
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    table.add_column("unit")
    for name, value, unit in rows:
        table.add_row(name, value, unit)
    console.print(table)


def fmt(value, spec: str = ".6g") -> str:
    """Format a number for tables; missing values read ``missing``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "missing"
    return format(value, spec)
