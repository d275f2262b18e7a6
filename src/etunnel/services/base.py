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
        """JSON-ready dictionary of the result's fields (recursively)."""
        return jsonable({f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)})

    def to_json(self, indent: int | None = 2) -> str:
        """The result as a JSON document (strict: no NaN, no infinities)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)


def _plain(value):
    if isinstance(value, Result):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
