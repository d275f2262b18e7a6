"""The result type every service returns: a dataclass that serialises itself."""

from __future__ import annotations

import dataclasses
import json

from etunnel.serialization import jsonable


@dataclasses.dataclass(frozen=True)
class Result:
    """Base class of service results.

    Subclasses are frozen dataclasses. ``to_dict`` gives JSON-ready values
    (NaN and infinities become ``None``, NumPy types become Python types); the
    CLI's ``--json`` and the web API both print exactly this, so they cannot drift.
    """

    def to_dict(self) -> dict:
        """JSON-ready dictionary of the result's fields (recursively).

        Fields declared with :func:`internal` (live objects kept for plotting
        or writing files, e.g. an xarray Dataset) are left out.
        """
        out = {}
        for f in dataclasses.fields(self):
            if not _shown(f):
                continue
            if f.metadata.get("flatten"):
                out.update(_plain(getattr(self, f.name) or {}))
            else:
                out[f.name] = _plain(getattr(self, f.name))
        return jsonable(out)

    @classmethod
    def from_payload(cls, payload: dict, **internals):
        """Build the result from a domain payload: known keys fill the fields, the rest go to ``extra``.

        Keys a domain function adds later pass through to ``to_dict()``
        unchanged, provided the class declares ``extra: dict = flattened()``.
        """
        names = {f.name for f in dataclasses.fields(cls)}
        known = {k: v for k, v in payload.items() if k in names}
        rest = {k: v for k, v in payload.items() if k not in names}
        if rest:
            if "extra" not in names:
                raise TypeError(f"{cls.__name__} has no field for {', '.join(rest)}")
            known["extra"] = rest
        return cls(**known, **internals)

    def to_json(self, indent: int | None = 2) -> str:
        """The result as a JSON document (strict: no NaN, no infinities)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)


def quantity(value, unit: str, **extra) -> dict:
    """A JSON field: ``{"value": ..., "unit": ...}`` plus optional extras (e.g. ``source``)."""
    return {"value": value, "unit": unit, **extra}


def internal(**kwargs):
    """A dataclass field that the result carries but does not serialise (``to_dict`` skips it)."""
    return dataclasses.field(repr=False, compare=False, metadata={"serialise": False}, **kwargs)


def flattened():
    """A dict field whose items ``to_dict`` merges into the top level (keys with no field of their own)."""
    return dataclasses.field(default_factory=dict, metadata={"flatten": True})


def _shown(f: dataclasses.Field) -> bool:
    return f.metadata.get("serialise", True)


def _plain(value):
    if isinstance(value, Result):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if callable(getattr(value, "to_dict", None)):  # a domain record that knows its own JSON form
            return value.to_dict()
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if _shown(f)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
