"""Figure 8: the filled regions are the core classification, and the legend leaves the data uncovered."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.path import Path  # noqa: E402

from etunnel.conditions.diagram import (  # noqa: E402
    CONDUCTOR,
    INSULATOR,
    OUTSIDE,
    SUPERCONDUCTOR,
    state_diagram,
    state_regions,
    states_at,
)
from etunnel.conditions.submodels import PARAMETERS, MaterialConditions  # noqa: E402
from etunnel.plots.state_diagram import STATE_COLORS, STATE_LABELS, plot_state_diagram, region_geometry  # noqa: E402

# The module-scoped diagrams and their regions are built once: in a parallel run the module's tests share one
# worker (ungrouped, its tests were spread over both workers and each built them).
pytestmark = pytest.mark.xdist_group("plot_state_diagram")

P_MAX = 100e9
T_MAX = 300.0


def material(**updates):
    P = {k: v[2] for k, v in PARAMETERS.items()}
    P.update(R_v0=175e-12, R_b0=200e-12, B0=100e9, alpha=1e-5, beta=3e-6, n=3.0)  # all four regions
    P.update(updates)
    return MaterialConditions("X", P)


#: Two windows: all four regions with near-vertical boundaries, and a T_c(p) that slopes across the grid
#: (R_v grows fast with T), so rows at the exact boundary temperatures matter.
CASES = {"four-regions": {}, "sloped-boundary": {"R_v0": 160e-12, "beta": 3e-4}}


@pytest.fixture(scope="module", params=sorted(CASES))
def diagram(request):
    m = material(**CASES[request.param])
    ds = state_diagram(m, np.linspace(0, T_MAX, 13), np.linspace(0, P_MAX, 13), scan=101)
    return m, ds, state_regions(m, ds, scan=201)


def _distance_to_lines(points, lines):
    """Smallest distance of each point to any segment of ``lines`` (all in the same normalised units)."""
    segments = np.concatenate([np.stack([line[:-1], line[1:]], axis=1) for line in lines])
    a, b = segments[None, :, 0], segments[None, :, 1]
    d = b - a
    q = points[:, None, :]
    length2 = np.maximum(np.sum(d * d, axis=-1), 1e-300)
    t = np.clip(np.sum((q - a) * d, axis=-1) / length2, 0.0, 1.0)
    return np.min(np.linalg.norm(q - (a + t[..., None] * d), axis=-1), axis=1)


def test_filled_polygons_agree_with_the_core_classification(diagram):
    m, ds, rows = diagram
    polygons, lines = region_geometry(rows)
    scale = np.array([P_MAX, T_MAX])
    paths = [(state, Path(poly / scale)) for state, poly in polygons]
    assert {state for state, _ in polygons} >= {INSULATOR, CONDUCTOR, SUPERCONDUCTOR}
    if m.params["beta"] < 1e-4:
        assert OUTSIDE in {state for state, _ in polygons}
    rng = np.random.default_rng(20261129)
    points = rng.uniform(0.0, 1.0, size=(600, 2))
    # a drawn side is a chord of the exact curve between rows: points within 1 % of the window of a boundary are
    # skipped (the chord lies within far less than that of the curve at these row spacings)
    far = _distance_to_lines(points, [line / scale for kind in lines for line in lines[kind]]) > 0.01
    assert far.sum() >= 450
    expected = states_at(m, points[far, 1] * T_MAX, points[far, 0] * P_MAX)
    filled = [[state for state, path in paths if path.contains_point(pt)] for pt in points[far]]
    assert all(len(f) == 1 for f in filled)  # every point lies in exactly one region
    assert np.array_equal(np.array([f[0] for f in filled]), expected)


def test_boundary_lines_are_the_polygon_sides(diagram):
    m, ds, rows = diagram
    polygons, lines = region_geometry(rows)
    vertices = {tuple(v) for _, poly in polygons for v in poly}
    for kind in ("superconducting", "insulating"):
        assert lines[kind]
        assert all(tuple(v) in vertices for line in lines[kind] for v in line)
    # the exact T_c(p) solved along temperature lies on the drawn superconducting line (rows pass through it)
    drawn = np.vstack(lines["superconducting"])
    checked = 0
    for p, row in zip(ds.pressure.values, ds.T_superconducting.values):
        for t in row[np.isfinite(row)]:
            if 0 < t < T_MAX:
                assert np.min(np.hypot((drawn[:, 0] - p) / P_MAX, (drawn[:, 1] - t) / T_MAX)) < 1e-9
                checked += 1
    if m.params["beta"] > 1e-4:
        assert checked >= 1  # the 25 GPa column crosses T_c(p) inside the window


def test_rows_refined_where_the_layout_changes(diagram):
    _, ds, rows = diagram
    temps = np.array([r.temperature for r in rows])
    assert np.all(np.diff(temps) > 0)
    assert temps[0] == 0.0 and temps[-1] == T_MAX
    for a, b in zip(rows[:-1], rows[1:]):
        assert a.same_layout(b) or b.temperature - a.temperature <= T_MAX * 2.0**-30 * 1.0001
    for r in rows:
        assert r.edges[0] == 0.0 and r.edges[-1] == P_MAX and np.all(np.diff(r.edges) > 0)
        assert np.all(r.states[1:] != r.states[:-1])


def test_state_regions_bounds_its_inputs(diagram):
    m, ds, _ = diagram
    with pytest.raises(ValueError, match="scan"):
        state_regions(m, ds, scan=5)
    with pytest.raises(ValueError, match="max_depth"):
        state_regions(m, ds, max_depth=True)


def test_figure_has_every_state_in_the_legend_outside_the_axes(diagram):
    m, ds, rows = diagram
    fig = plot_state_diagram(ds, regions=rows, caption="test caption")
    ax = fig.axes[0]
    legend = ax.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    names = ["superconductor", "conductor", "insulator"] + (["outside model domain"] if m.params["beta"] < 1e-4 else [])
    assert [x for x in labels if x in STATE_LABELS.values()] == names
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))
    assert ax.get_xlabel() == "pressure p [GPa]" and ax.get_ylabel() == "temperature T [K]"
    # the superconductor and insulator swatches differ clearly from white and from each other
    from matplotlib.colors import to_rgb

    for k in (INSULATOR, SUPERCONDUCTOR):
        assert min(to_rgb(STATE_COLORS[k])) < 0.75
    plt.close(fig)
