"""Input validation shared by every public function.

Each check raises :class:`InputError` (a :class:`ValueError`) whose message
names the parameter, the allowed range and the value received. Nothing is
clamped and nothing becomes a silent NaN.
"""

from __future__ import annotations

import math

import numpy as np


class InputError(ValueError):
    """A public input is outside its allowed domain."""


class InputTypeError(InputError, TypeError):
    """A public input is not a real number at all (a string, bool, None, complex, ...).

    It is both a :class:`ValueError` (so every front door that maps
    :class:`InputError` reports it) and a :class:`TypeError`.
    """


#: Python and NumPy scalar types accepted where a real number is meant. bool
#: (and numpy.bool_) are excluded on purpose: ``c=True`` is an error, not 1.0.
_REAL_SCALARS = (int, float, np.integer, np.floating)
#: Array dtype kinds accepted: signed and unsigned integers, floats.
_REAL_KINDS = frozenset("iuf")


def _describe(values: np.ndarray) -> str:
    bad = np.ravel(values)
    shown = ", ".join(f"{v:.6g}" for v in bad[:3])
    more = f" (and {bad.size - 3} more)" if bad.size > 3 else ""
    return f"{shown}{more}"


def _not_a_number(name: str, value) -> InputTypeError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return InputTypeError(
        f"{name} must be a real number or array of real numbers, got {shown} ({type(value).__name__})"
    )


def _contains_non_real(value) -> bool:
    """True if a (nested) list/tuple holds anything but int/float (bool, str, None, complex, ...)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, (bool, np.bool_)) or not isinstance(item, (*_REAL_SCALARS, np.ndarray)):
            return True
    return False


def real_scalar(name: str, value) -> float | None:
    """``value`` as a finite float if it is a real scalar; None if it is an array or sequence.

    The fast path for scalar calls: no array is built. Raises the same errors,
    with the same messages, as :func:`as_finite_array`.
    """
    kind = type(value)
    if kind is float or (kind is not bool and isinstance(value, _REAL_SCALARS) and not isinstance(value, np.bool_)):
        x = float(value)
        if not math.isfinite(x):
            raise InputError(f"{name} must be finite, got {x:.6g}")
        return x
    if isinstance(value, (np.ndarray, list, tuple)) or hasattr(value, "__array__"):
        return None
    raise _not_a_number(name, value)


def as_finite_array(name: str, value) -> np.ndarray:
    """Return ``value`` as a float array, rejecting NaN, infinities and non-numbers.

    Accepted: int and float scalars (Python or NumPy) and arrays, lists or
    tuples of them. Refused with :class:`InputTypeError`: strings, bytes,
    ``None``, bools (``True`` is not 1.0), complex numbers and any array whose
    dtype is not integer or float. Refused with :class:`InputError`: NaN and
    infinities.
    """
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        raise _not_a_number(name, value)
    if isinstance(value, (list, tuple)) and _contains_non_real(value):
        raise _not_a_number(name, value)
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raise _not_a_number(name, value) from None
    if raw.dtype.kind not in _REAL_KINDS:
        raise _not_a_number(name, value)
    arr = raw.astype(float, copy=False)
    if arr.size and not (math.isfinite(arr.min()) and math.isfinite(arr.max())):
        finite = np.isfinite(arr)
        raise InputError(f"{name} must be finite, got {_describe(arr[~finite])}")
    return arr


def check_scalar_range(
    name: str,
    x: float,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    unit: str = "",
) -> float:
    """The range check of :func:`require_range` for a float already through :func:`real_scalar`."""
    ok = True
    if low is not None:
        ok = x >= low if low_inclusive else x > low
    if ok and high is not None:
        ok = x <= high if high_inclusive else x < high
    if not ok:
        raise InputError(
            f"{name} must be in {_interval(low, high, low_inclusive, high_inclusive, unit)}, got {x:.6g}"
        )
    return x


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
    if arr.size == 0:
        return arr
    # Two reductions decide the common case; the element-wise mask is built only to report.
    smallest, largest = float(arr.min()), float(arr.max())
    fits = (low is None or (smallest >= low if low_inclusive else smallest > low)) and (
        high is None or (largest <= high if high_inclusive else largest < high)
    )
    if fits:
        return arr
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


def scalar_positive(name: str, value, *, unit: str = "") -> float | None:
    """Scalar fast path of :func:`require_positive`: a float, or None for arrays."""
    x = real_scalar(name, value)
    return None if x is None else check_scalar_range(name, x, low=0.0, low_inclusive=False, unit=unit)


def scalar_range(name: str, value, **bounds) -> float | None:
    """Scalar fast path of :func:`require_range`: a float, or None for arrays."""
    x = real_scalar(name, value)
    return None if x is None else check_scalar_range(name, x, **bounds)


def require_positive(name: str, value, *, unit: str = "") -> np.ndarray:
    """Check that ``value`` is finite and strictly positive."""
    return require_range(name, value, low=0.0, low_inclusive=False, unit=unit)


def require_finite_result(name: str, value, unit: str = ""):
    """Refuse a result that overflowed (inf) or is NaN, instead of returning it.

    Valid but extreme inputs (a subnormal radius, say) can push a result past
    the float range; that is reported, not returned as ``inf``.
    """
    if isinstance(value, float):
        ok = math.isfinite(value)
    else:
        arr = np.asarray(value)
        ok = arr.size == 0 or (math.isfinite(arr.min()) and math.isfinite(arr.max()))
    if not ok:
        suffix = f" {unit}" if unit else ""
        raise InputError(f"{name} is outside the float64 range (|{name}| > 1.8e308{suffix}) for these inputs")
    return value


def scalar_or_array(arr: np.ndarray):
    """Return a Python float for 0-d results and the array otherwise."""
    return float(arr) if np.ndim(arr) == 0 else arr
