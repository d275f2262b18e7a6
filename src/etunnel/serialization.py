"""Conversion of results into JSON-ready values, shared by the CLI, reports and scorecards."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np


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
