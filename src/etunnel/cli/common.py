"""Shared machinery of the command-line verbs: output as text or JSON."""

from __future__ import annotations

import json
import math

from rich.console import Console
from rich.table import Table

from etunnel.serialization import jsonable

console = Console()


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
