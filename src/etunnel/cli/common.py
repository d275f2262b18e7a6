"""Shared machinery of the command-line verbs: output as text or JSON, progress on standard error."""

from __future__ import annotations

import json
import math
import os
from contextlib import contextmanager


#: Text width when standard output is not a terminal and COLUMNS is unset.
PIPE_WIDTH = 120


class _LazyConsole:
    """A rich Console created on first use (importing rich costs time that ``--help`` should not pay)."""

    def __init__(self, **kwargs):
        self._kwargs = kwargs
        self._console = None

    def get(self):
        """The rich Console itself."""
        if self._console is None:
            from rich.console import Console

            console = Console(**self._kwargs)
            if not console.is_terminal and not os.environ.get("COLUMNS"):
                console.width = PIPE_WIDTH  # rich's 80 columns would fold long sources and notes
            self._console = console
        return self._console

    def __getattr__(self, name):
        return getattr(self.get(), name)


#: Standard output (tables, text). Rich sizes tables to the terminal's width.
console = _LazyConsole()
#: Standard error (progress bars, never on standard output).
err_console = _LazyConsole(stderr=True)


def print_json(payload) -> None:
    """Print one JSON object on standard output (``payload`` is a result's ``to_dict()``)."""
    from etunnel.serialization import jsonable  # imports NumPy, which --help does not need

    print(json.dumps(jsonable(payload), indent=2, ensure_ascii=False, allow_nan=False))


def print_table(title: str, rows: list[tuple[str, str, str]]) -> None:
    """Print ``(quantity, value, unit)`` rows as a table, wrapped to the terminal's width."""
    from rich.table import Table

    table = Table(title=title, show_header=True, header_style="bold")
    short = all(len(value) <= 24 for _, value, _ in rows)  # numbers align right; sentences read left to right
    table.add_column("quantity", overflow="fold")
    table.add_column("value", justify="right" if short else "left", overflow="fold")
    table.add_column("unit")
    for name, value, unit in rows:
        table.add_row(name, value, unit)
    console.print(table)


def __getattr__(name: str):
    """``jsonable`` is still importable from here, loaded on first use (PEP 562)."""
    if name == "jsonable":
        from etunnel.serialization import jsonable

        return jsonable
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def fmt(value, spec: str = ".6g") -> str:
    """Format a number for tables; missing values read ``missing``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "missing"
    return format(value, spec)


@contextmanager
def progress_bar(description: str, *, enabled: bool = True):
    """Yield ``progress(done, total)`` drawing a rich bar on standard error, or ``None``.

    The bar is shown only when standard error is a terminal and ``enabled``
    (verbs pass ``not json_output``), so piped output and ``--json`` stay clean.
    """
    if not (enabled and err_console.is_terminal):
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                  TimeElapsedColumn(), console=err_console.get(), transient=True) as bar:
        task = bar.add_task(description, total=None)

        def progress(done: int, total: int, text: str | None = None) -> None:
            bar.update(task, completed=done, total=total, **({"description": text} if text else {}))

        yield progress
