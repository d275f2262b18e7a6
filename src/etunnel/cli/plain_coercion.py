"""Typer's conversion of plain ``str``, ``int``, ``float`` and ``bool`` options, without pydantic.

Recent typer releases (0.29 here) convert every option value through a pydantic
``TypeAdapter``, and build the adapter even for an option left out, such as ``--help``.
Importing pydantic and building one adapter per option costs about 0.1 s on every
command, a third of ``etunnel model``. This module gives typer a light converter for
options annotated exactly ``str``, ``int``, ``float`` or ``bool`` with no parser and no bounds:

- a value of the annotated type already (a default, a flag's ``True``, any string for
  ``str``) is returned as it is, as typer's adapters return it;
- for ``float``, an ASCII decimal such as ``0.5``, ``-.5e-3`` or ``5.`` becomes ``float(text)``
  when that is finite (Python and pydantic both round correctly, so they agree);
- for ``int``, up to 18 ASCII digits with an optional sign become ``int(text)``.

Every other value (``nan``, ``1e400``, ``1_000``, `` 5``, ``0x1``, ``yes`` for a bool) and every
other annotation (paths, choices, lists, bounded numbers) goes to typer's own converter,
built on first need, so those results and error messages are typer's.
``tests/test_cli_startup.py`` compares the two converters value by value.

Older typers convert through click's types and never import pydantic; with them, and
with a typer whose converter interface differs from this one's, :func:`install` changes
nothing (``tests/test_cli_startup.py`` then reports pydantic among the imports).
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from typing import Any

_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_INT = re.compile(r"[+-]?[0-9]{1,18}")
PLAIN_TYPES = (str, int, float, bool)


def plain_value(annotation: type, value: Any) -> Any:
    """``value`` converted to ``annotation`` (one of PLAIN_TYPES), or ``None`` if it is not in plain form."""
    kind = type(value)
    if kind is annotation:
        return value
    if kind is not str:
        return None
    if annotation is float and _FLOAT.fullmatch(value):
        number = float(value)
        return number if math.isfinite(number) else None
    if annotation is int and _INT.fullmatch(value):
        return int(value)
    return None


def is_plain(descriptor: Any) -> bool:
    """True if typer's ``descriptor`` is a plain str/int/float/bool option without parser, bounds or file."""
    info = descriptor.parameter_info
    return (
        descriptor.annotation in PLAIN_TYPES
        and getattr(descriptor, "file_annotation", None) is None
        and getattr(info, "parser", None) is None
        and getattr(info, "min", None) is None
        and getattr(info, "max", None) is None
    )


def install() -> bool:
    """Give typer the light converter for plain options; True if it is in place.

    False, changing nothing, for a typer without this layout: an older one (click's
    types, no pydantic) or a newer one whose converter interface has changed.
    """
    try:
        from typer import core
        from typer._coercion import RuntimeParam
    except ImportError:
        return False
    typer_build = getattr(core, "build_runtime_param", None)
    if getattr(typer_build, "plain_options", False):  # installed already
        return True
    if (typer_build is None or not dataclasses.is_dataclass(RuntimeParam) or not hasattr(RuntimeParam, "coerce")
            or [f.name for f in dataclasses.fields(RuntimeParam)] != ["parameter_info", "annotation"]):
        return False

    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):
        """A plain option: converted here, or by typer's converter for values not in plain form."""

        descriptor: Any = None
        _typer: list = field(default_factory=list)  # typer's converter, built on first need

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            result = plain_value(self.annotation, value)
            if result is not None:
                return result
            if not self._typer:
                self._typer.append(typer_build(self.descriptor))
            return self._typer[0]._coerce_value(value, param=param, ctx=ctx)

    def build_runtime_param(descriptor: Any) -> Any:
        if is_plain(descriptor):
            return PlainRuntimeParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                                     descriptor=descriptor)
        return typer_build(descriptor)

    build_runtime_param.plain_options = True
    build_runtime_param.typer_build = typer_build
    core.build_runtime_param = build_runtime_param
    return True
