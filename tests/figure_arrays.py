"""The data a matplotlib figure draws, as plain arrays, for the figure data-regression tests.

:func:`figure_arrays` reads back what each axes of a figure holds: line x/y
data, scatter offsets, polygon and patch vertices, error-bar segments, image
arrays, rectangle geometry with face colours, and the labels (title, axis
labels, legend entries, sorted text strings). Positions of texts are left out
on purpose: adjustText moves labels iteratively, and the regression is about
the data. :func:`compare` checks two such records with a tolerance.
"""

from __future__ import annotations

import json
import math

import numpy as np
from matplotlib import colors as mcolors
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.patches import Rectangle

#: Relative tolerance of every stored number; absolute floor is ATOL_SCALE x the largest |value| of its array.
RTOL = 1e-6
ATOL_SCALE = 1e-9


def _array(values) -> list:
    a = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan)
    return [None if not math.isfinite(v) else float(f"{v:.12g}") for v in a.ravel()] + [list(a.shape)]


def _axes_record(ax) -> dict:
    legend = ax.get_legend()
    record = {
        "title": ax.get_title(),
        "xlabel": ax.get_xlabel(),
        "ylabel": ax.get_ylabel(),
        "xlim": _array(ax.get_xlim()),
        "ylim": _array(ax.get_ylim()),
        "legend": [t.get_text() for t in legend.get_texts()] if legend is not None else [],
        "texts": sorted(t.get_text() for t in ax.texts),
        "lines": [{"label": line.get_label(), "x": _array(line.get_xdata()), "y": _array(line.get_ydata())}
                  for line in ax.get_lines()],
        "collections": [],
        "rectangles": [],
        "images": [_array(im.get_array()) for im in ax.get_images()],
    }
    for coll in ax.collections:
        kind = type(coll).__name__
        if isinstance(coll, LineCollection):
            data = [_array(seg) for seg in coll.get_segments()]
        elif isinstance(coll, PathCollection):  # scatter: the offsets are the data
            data = [_array(coll.get_offsets())]
        else:  # polygons (fill, fill_between, PolyCollection)
            data = [_array(path.vertices) for path in coll.get_paths()]
        record["collections"].append({"kind": kind, "gid": coll.get_gid() or "", "data": data})
    for patch in ax.patches:
        if isinstance(patch, Rectangle):
            record["rectangles"].append({"xywh": _array([patch.get_x(), patch.get_y(), patch.get_width(),
                                                         patch.get_height()]),
                                         "facecolor": mcolors.to_hex(patch.get_facecolor())})
    return record


def _colorbar_record(ax) -> dict:
    """A colour bar: its label and range (its colour strip is the colormap, not data)."""
    return {"colorbar": ax.get_ylabel() or ax.get_xlabel(), "ylim": _array(ax.get_ylim())}


def figure_arrays(fig) -> dict:
    """Every axes of ``fig`` as a JSON-ready record (colour bars by label and range)."""
    return {"suptitle": fig._suptitle.get_text() if fig._suptitle is not None else "",
            "axes": [_colorbar_record(ax) if hasattr(ax, "_colorbar") else _axes_record(ax) for ax in fig.axes]}


def dumps(record, indent: str = "") -> str:
    """JSON with one stored array per line, so a review diff shows which array of which figure changed."""
    step = indent + " "
    if isinstance(record, dict):
        items = [f"{step}{json.dumps(k)}: {dumps(v, step)}" for k, v in sorted(record.items())]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}" if items else "{}"
    if isinstance(record, list) and any(isinstance(v, (dict, list)) for v in record) and not _is_array(record):
        return "[\n" + ",\n".join(step + dumps(v, step) for v in record) + "\n" + indent + "]"
    return json.dumps(record, separators=(", ", ": "))


def _is_array(value) -> bool:
    """True for a stored array: numbers (None = NaN) followed by the shape, a list of ints."""
    return (isinstance(value, list) and bool(value) and isinstance(value[-1], list)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value[-1])
            and all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in value[:-1]))


def _numbers(stored: list) -> tuple[np.ndarray, list]:
    *flat, shape = stored
    return np.array([np.nan if v is None else v for v in flat], float), shape


def compare(expected, actual, where: str = "figure") -> list[str]:
    """Differences between two records (empty when they agree within :data:`RTOL`)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        if sorted(expected) != sorted(actual):
            return [f"{where}: keys {sorted(expected)} != {sorted(actual)}"]
        return [d for k in expected for d in compare(expected[k], actual[k], f"{where}.{k}")]
    if _is_array(expected):
        if not (isinstance(actual, list) and actual and isinstance(actual[-1], list)):
            return [f"{where}: expected an array, got {actual!r:.80}"]
        (e, e_shape), (a, a_shape) = _numbers(expected), _numbers(actual)
        if e_shape != a_shape:
            return [f"{where}: shape {e_shape} != {a_shape}"]
        finite = e[np.isfinite(e)]
        atol = ATOL_SCALE * (float(np.max(np.abs(finite))) if finite.size else 0.0)
        if not np.allclose(a, e, rtol=RTOL, atol=atol, equal_nan=True):
            worst = int(np.nanargmax(np.abs(np.where(np.isnan(a - e), np.inf, a - e))))
            return [f"{where}: element {worst} is {a[worst]!r}, stored {e[worst]!r}"]
        return []
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(expected)} items stored, {len(actual)} drawn"]
        return [d for i, (x, y) in enumerate(zip(expected, actual)) for d in compare(x, y, f"{where}[{i}]")]
    return [] if expected == actual else [f"{where}: {expected!r:.80} != {actual!r:.80}"]
