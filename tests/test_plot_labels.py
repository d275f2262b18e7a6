"""Point labels placed by adjustText: a fixed iteration count (reproducible layout) and leader lines clipped
exactly as by the label itself."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from etunnel.plots import paper_figures as pf  # noqa: E402


def _labelled():
    fig, ax = pf.plt.subplots(figsize=(4, 3))
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 1, 30), rng.uniform(0, 1, 30)
    x[:10] = 0.5 + rng.normal(0, 0.01, 10)  # a crowded cluster: labels must move, so lines are drawn
    ax.scatter(x, y)
    texts = [ax.text(a, b, f"L{k}", fontsize=7) for k, (a, b) in enumerate(zip(x, y))]
    pf._place_labels(ax, texts)
    return fig, ax


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    return buf.getvalue()


def _path(line):
    paths = line._get_path_in_displaycoord()[0]
    return paths[0] if isinstance(paths, list) else paths


def test_label_layout_is_reproducible():
    # adjustText's default stops after one second of wall time, so the layout depended on the machine's load.
    first, second = _labelled()[0], _labelled()[0]
    assert _png(first) == _png(second)
    pf.plt.close(first)
    pf.plt.close(second)


def test_leader_lines_clipped_as_by_the_text():
    fig, ax = _labelled()
    fig.draw_without_rendering()
    lines = [p for p in ax.patches if isinstance(p, pf._LabelLine)]
    assert len(lines) >= 3
    for line in lines:
        box = line.patchA
        box.forget()
        fast = _path(line)
        line.set_patchA(box.text)  # the original clipping: Text.contains at every bisection step
        exact = _path(line)
        line.set_patchA(box)
        np.testing.assert_array_equal(fast.vertices, exact.vertices)
        # the clipped line starts on the label's box, not at its centre
        extent = box.text.get_window_extent()
        start = fast.vertices[0]
        assert not (extent.x0 < start[0] < extent.x1 and extent.y0 < start[1] < extent.y1)
    assert all(type(p) is not FancyArrowPatch for p in ax.patches)
    pf.plt.close(fig)
