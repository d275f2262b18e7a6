"""The package's one plotting style: shipped, applied by the figure functions, never global; labels apart."""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import colors as mcolors  # noqa: E402

from etunnel.plots.style import PALETTE, STYLE_PATH, figure_style  # noqa: E402


def test_style_file_ships_with_the_package_and_sets_journal_sizes():
    assert Path(STYLE_PATH).is_file()
    with figure_style():
        assert plt.rcParams["font.size"] == 8
        assert list(plt.rcParams["figure.figsize"]) == [3.5, 2.6]  # single journal column, inches
        cycle = [mcolors.to_hex(c["color"]).upper() for c in plt.rcParams["axes.prop_cycle"]]
    assert cycle == list(PALETTE)


def test_importing_and_plotting_leave_the_users_settings_alone():
    before = dict(plt.rcParams)
    from etunnel.plots import paper_figures
    from etunnel.report.claims import figure5_data

    fig = paper_figures.figure5(figure5_data(points=50))
    plt.close(fig)
    after = dict(plt.rcParams)
    changed = {k for k in before if before[k] != after[k] and k != "backend"}
    assert not changed


def test_figure_functions_draw_in_the_palette():
    from etunnel.plots import paper_figures
    from etunnel.report.claims import figure2_data

    fig = paper_figures.figure2(figure2_data(points=50))
    colours = {mcolors.to_hex(line.get_color()).upper() for line in fig.axes[0].get_lines()[:4]}
    plt.close(fig)
    assert colours <= set(PALETTE)


def test_table1_labels_do_not_overlap_and_every_marker_is_in_the_legend():
    from etunnel.plots import paper_figures
    from etunnel.report.claims import table1_rows

    fig = paper_figures.table1_figure(table1_rows())
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) == 9  # one label per Table 1 material
    overlapping = [(a, b) for a, b in itertools.combinations(range(len(boxes)), 2) if boxes[a].overlaps(boxes[b])]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    markers = [line for line in ax.get_lines() if line.get_marker() not in (None, "None", "")]
    plt.close(fig)
    assert not overlapping
    assert len(legend) == len(markers) == 3
