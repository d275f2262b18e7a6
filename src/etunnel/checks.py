"""Input validation shared by every public function.

Each check raises :class:`InputError` (a :class:`ValueError`) whose message
names the parameter, the allowed range and the value received. Nothing is
clamped and nothing becomes a silent NaN.
"""

from __future__ import annotations

import numpy as np


class InputError(ValueError):
    """A public input is outside its allowed domain."""


def _describe(values: np.ndarray) -> str:
    bad = np.ravel(values)
    shown = ", ".join(f"{v:.6g}" for v in bad[:3])
    more = f" (and {bad.size - 3} more)" if bad.size > 3 else ""
    return f"{shown}{more}"


def as_finite_array(name: str, value) -> np.ndarray:
    """Return ``value`` as a float array, rejecting NaN, infinities and non-numbers."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a real number or array of real numbers, got {value!r}") from None
    finite = np.isfinite(arr)
    if not finite.all():
        raise InputError(f"{name} must be finite, got {_describe(arr[~finite])}")
    return arr


def require_range(
    name: str,
    value,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    unit: str = "",
) -> np.ndarray:
    """Check that every element of ``value`` is finite and inside the given range.

    Returns the input as a float array.
    """
    arr = as_finite_array(name, value)
    ok = np.ones(arr.shape, dtype=bool)
    if low is not None:
        ok &= arr >= low if low_inclusive else arr > low
    if high is not None:
        ok &= arr <= high if high_inclusive else arr < high
    if not ok.all():
        raise InputError(
            f"{name} must be in {_interval(low, high, low_inclusive, high_inclusive, unit)}, "
            f"got {_describe(arr[~ok])}"
        )
    return arr


def _interval(low, high, low_inclusive, high_inclusive, unit) -> str:
    left = ("[" if low_inclusive else "(") + ("-inf" if low is None else f"{low:g}")
    right = ("inf" if high is None else f"{high:g}") + ("]" if high_inclusive else ")")
    suffix = f" {unit}" if unit else ""
    return f"{left}, {right}{suffix}"


def require_positive(name: str, value, *, unit: str = "") -> np.ndarray:
    """Check that ``value`` is finite and strictly positive."""
    return require_range(name, value, low=0.0, low_inclusive=False, unit=unit)


def scalar_or_array(arr: np.ndarray):
    """Return a Python float for 0-d results and the array otherwise."""
    return float(arr) if np.ndim(arr) == 0 else arr
