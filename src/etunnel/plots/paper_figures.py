"""The paper's figures, computed from the model and the data (not redrawn).

Each function takes the arrays produced by :mod:`etunnel.report.claims` and
returns a :class:`matplotlib.figure.Figure`. :func:`save` writes PNG and SVG
deterministically (no timestamps in the metadata).
"""

from __future__ import annotations

import contextlib
import io
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.layout_engine import PlaceHolderLayoutEngine  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from etunnel.constants import ELECTRONVOLT  # noqa: E402
from etunnel.plots.style import PALETTE, styled  # noqa: E402

_COLORS = {0.0: PALETTE[0], 1.0 / 3.0: PALETTE[1], 1.0: PALETTE[4]}


def _label_c(c: float) -> str:
    return {0.0: "c = 0", 1.0: "c = 1"}.get(c, "c = 1/3" if math.isclose(c, 1 / 3) else f"c = {c:g}")


@styled
def figure2(data: dict) -> Figure:
    """Figure 2: energies to lift the electron vs orbital radius, R_b = 1000 pm (eqs. 3, 7, 8)."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    r = data["r"] * 1e12
    ax.plot(r, data["lifting"] / ELECTRONVOLT, color=PALETTE[0], label="lifting energy E, eq. (8)")
    ax.plot(r, data["kinetic"] / ELECTRONVOLT, color=PALETTE[1], label="kinetic difference E_k, eq. (7)")
    ax.plot(r, data["potential"] / ELECTRONVOLT, color=PALETTE[4], label="potential difference E_u, eq. (3)")
    ax.plot(r, data["total"] / ELECTRONVOLT, color=PALETTE[2], label="total energy = -E")
    ax.axhline(0, color="k", lw=0.6)
    ax.axvline(data["R_c"] * 1e12, color="gray", ls="--", lw=0.8)
    ax.annotate(f"R_c = {data['R_c'] * 1e12:.1f} pm (eq. 10)", (data["R_c"] * 1e12, 0), xytext=(8, -18),
                textcoords="offset points", arrowprops={"arrowstyle": "-", "color": "0.5", "lw": 0.5})
    ax.set_ylim(-8, 8)
    ax.set_xlabel("electron orbital radius r [pm]")
    ax.set_ylabel("energy [eV]")
    ax.set_title("Figure 2 (recomputed): hydrogen atom and proton, R_b = 1000 pm")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


@styled
def figure5(data: dict) -> Figure:
    """Figure 5: first-term resisting distance d (eq. 37) vs R_v for c = 0, 1/3, 1 (R_b = 1000 pm)."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    r = data["r"] * 1e12
    marked = False
    for c, d in data["curves"].items():
        ax.plot(r, d, color=_COLORS.get(c), label=_label_c(c))
        root = data["roots"][c]
        if np.isfinite(root) and root < data["R_b"]:
            ax.plot([root * 1e12], [0], "o", color="k", ms=3,
                    label="_" if marked else "conducting radius R_c, eq. (38)")
            marked = True
            # Left of and below a root near the nucleus is empty; near the border, above the c = 0 curve is.
            left = root < 0.6 * data["R_b"]
            ax.annotate(f"R_c = {root * 1e12:.0f} pm", (root * 1e12, 0), xytext=(-6, -14) if left else (4, 24),
                        textcoords="offset points", fontsize=8, ha="right" if left else "left",
                        arrowprops=None if left else {"arrowstyle": "-", "color": "0.5", "lw": 0.5})
    ax.axhline(0, color="k", lw=0.6)
    ax.set_ylim(-2e9, 1e10)
    ax.set_xlabel("valence orbital radius R_v [pm]")
    ax.set_ylabel("resisting distance d [1/m]")
    ax.set_title("Figure 5 (recomputed): eq. (37), R_b = 1000 pm")
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda k: labels[k].startswith("conducting"))
    ax.legend([handles[k] for k in order], [labels[k] for k in order])
    fig.tight_layout()
    return fig


@styled
def figure7(data: dict) -> Figure:
    """Figure 7: electron energy level (= -lifting energy, eq. 23) vs radius, 200 pm to the border."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    r = data["r"] * 1e12
    for c, e in data["curves"].items():
        ax.plot(r, e / ELECTRONVOLT, color=_COLORS.get(c), label=f"{_label_c(c)} (first term, eq. 37)")
    for c, e in data["curves_infinite"].items():
        ax.plot(r, e / ELECTRONVOLT, color=_COLORS.get(c), ls=":", label=f"{_label_c(c)} (infinite lattice)")
    marked = False
    for c, root in data["roots"].items():
        if np.isfinite(root) and root < data["R_b"]:
            # Left of a root above the axis is empty for the c = 1 curve; near the border, below the curves.
            left = root < 0.6 * data["R_b"]
            ax.plot([root * 1e12], [0], "o", color="k", ms=3,
                    label="_" if marked else "conducting radius R_c, first term (eq. 38)")
            marked = True
            ax.annotate(f"{root * 1e12:.0f} pm", (root * 1e12, 0), xytext=(-6, 8) if left else (4, -36),
                        textcoords="offset points", fontsize=8, ha="right" if left else "left",
                        arrowprops=None if left else {"arrowstyle": "-", "color": "0.5", "lw": 0.5})
    ax.axhline(0, color="k", lw=0.6)
    ax.set_xlabel("electron orbital radius r [pm]")
    ax.set_ylabel("electron energy level -E_c [eV]")
    ax.set_title("Figure 7 (recomputed): energy level vs radius, R_b = 1000 pm")
    ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


#: adjustText iterations for point labels. A fixed count rather than adjustText's default one-second wall-clock
#: limit, so the layout does not depend on how busy the machine is (15 is about what one second gave on a
#: 2-core machine; 5 leaves visible overlaps among the 81 element labels).
LABEL_ITERATIONS = 15


class _LabelBox:
    """A point label's bounding box in display units, as the clipping patch of its leader line.

    adjustText connects each moved label to its point with a FancyArrowPatch
    clipped by the label (``patchA=text``). The clipping bisects the line and
    asks ``text.contains`` about each trial point, and every call lays the text
    out again (about 15 layouts per line per draw: most of a labelled figure's
    save time). This stand-in answers the same question, whether a display point
    lies inside ``Text.get_window_extent`` (the test ``Text.contains`` makes),
    from one layout per draw of the line: :class:`_LabelLine` calls
    :meth:`forget` before each draw.
    """

    def __init__(self, text: Text):
        self.text = text
        self._extent = None

    def forget(self) -> None:
        self._extent = None

    def contains(self, event):
        text = self.text
        # As Text.contains: False while the text has no renderer (never drawn) or is hidden.
        if text._renderer is None or not text.get_visible():
            return False, {}
        if self._extent is None:
            self._extent = Text.get_window_extent(text)
        box = self._extent
        return bool(box.x0 <= event.x <= box.x1 and box.y0 <= event.y <= box.y1), {}


class _LabelLine(FancyArrowPatch):
    """adjustText's leader line, clipped by a :class:`_LabelBox` measured once per draw."""

    def draw(self, renderer):
        if isinstance(self.patchA, _LabelBox):
            self.patchA.forget()
        super().draw(renderer)


def _place_labels(ax, texts) -> None:
    """Move point labels apart so none overlaps another label or a marker (adjustText).

    adjustText draws the figure (without rendering) before it measures the
    labels, and stops after :data:`LABEL_ITERATIONS` iterations. The leader
    lines it adds are clipped by :class:`_LabelBox` (same clipping as the label
    itself, one text layout per line per draw).
    """
    if not texts:
        return
    from adjustText import adjust_text

    _, lines = adjust_text(texts, ax=ax, iter_lim=LABEL_ITERATIONS, time_lim=None,
                           arrowprops={"arrowstyle": "-", "color": "0.5", "lw": 0.4})
    for line in lines:
        if type(line) is FancyArrowPatch and isinstance(line.patchA, Text):  # not adjustText's annotation fallback
            line.__class__ = _LabelLine  # same arrow, same state; only its draw measures the label once
            line.set_patchA(_LabelBox(line.patchA))


@styled
def table1_figure(rows: list[dict]) -> Figure:
    """Resistivity vs resisting distance for Table 1: the paper's D and etunnel's."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    rho = np.array([r["paper_resistivity_ohm_m"] for r in rows])
    texts = []
    for key, marker, label in (("paper_resisting_D_per_m", "s", "paper's Resisting D (printed)"),
                               ("etunnel_first_term_D_per_m", "o", "etunnel eq. (37), printed radii"),
                               ("etunnel_infinite_D_per_m", "^", "etunnel infinite lattice, printed radii")):
        D = np.array([r[key] for r in rows])
        ax.loglog(D, rho, marker, label=label, alpha=0.8)
        if key == "paper_resisting_D_per_m":
            texts += [ax.text(x, y, r["symbol"], fontsize=7) for r, x, y in zip(rows, D, rho)
                      if np.isfinite(x) and np.isfinite(y) and x > 0]
    _place_labels(ax, texts)
    ax.set_xlabel("resisting distance [1/m]")
    ax.set_ylabel("resistivity (Table 1) [ohm m]")
    ax.set_title("Table 1: resistivity vs resisting distance (c = 0.1)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def _position(Z: int, row: int, group: int) -> tuple[float, float]:
    if 57 <= Z <= 71:
        return Z - 57 + 3, 8.6
    if 89 <= Z <= 103:
        return Z - 89 + 3, 9.6
    return group, row


@styled
def periodic_map(cells: list[dict], title: str, *, colorbar_label: str | None = None, log: bool = False) -> Figure:
    """A periodic-table map. Each cell: symbol, Z, row, group, and either ``value`` (float, NaN = missing)
    or ``flag`` (True/False/None = missing)."""
    from matplotlib import colors as mcolors

    fig, ax = plt.subplots(figsize=(11, 6))
    values = [c.get("value") for c in cells if c.get("value") is not None and np.isfinite(c.get("value"))]
    norm = None
    cmap = plt.get_cmap("viridis")
    if values:
        norm = mcolors.LogNorm(min(values), max(values)) if log else mcolors.Normalize(min(values), max(values))
    for cell in cells:
        x, y = _position(cell["Z"], cell["row"], cell["group"])
        if "flag" in cell:
            flag = cell["flag"]
            face = "lightgray" if flag is None else (PALETTE[0] if flag else "white")
            text_color = "white" if flag else "black"
        else:
            v = cell.get("value")
            missing = v is None or not np.isfinite(v)
            face = "lightgray" if missing else cmap(norm(v))
            text_color = "black" if missing or norm(v) > 0.5 else "white"
        ax.add_patch(plt.Rectangle((x - 0.45, y - 0.45), 0.9, 0.9, facecolor=face, edgecolor="black", lw=0.5))
        ax.text(x, y, cell["symbol"], ha="center", va="center", fontsize=8, color=text_color)
    ax.set_xlim(0.4, 18.6)
    ax.set_ylim(10.2, 0.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)
    if norm is not None and "flag" not in cells[0]:
        sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        fig.colorbar(sm, ax=ax, shrink=0.6, label=colorbar_label or "")
    ax.text(0.5, 10.1, "gray = missing value", fontsize=8, va="bottom")
    fig.tight_layout()
    return fig


@contextlib.contextmanager
def _no_layout_pass(fig: Figure):
    """Save without the draw that ``savefig`` makes for a layout engine when the figure's engine does nothing.

    ``fig.tight_layout()`` lays the figure out once and leaves a
    :class:`~matplotlib.layout_engine.PlaceHolderLayoutEngine`, whose ``execute``
    does nothing. ``savefig`` still draws the whole figure once (without
    rendering) before printing it whenever the figure has a layout engine; for
    a placeholder that draw changes nothing, so it is skipped here: the engine
    is removed while the figure is written and put back after. The files are
    byte for byte the same (``benchmarks/bench_reproduce.py`` compares every file
    of ``etunnel reproduce``).

    Figures with point-label leader lines (:class:`_LabelLine`) keep that draw:
    a leader line is clipped by its label's box as measured at the label's last
    draw, and that draw must be one with this format's renderer.
    """
    engine = fig.get_layout_engine()
    if type(engine) is not PlaceHolderLayoutEngine or fig.findobj(_LabelLine):
        yield
        return
    # set_layout_engine(None) reads figure.autolayout / constrained_layout.use: pin them so it means "no engine".
    with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


def save(fig: Figure, directory: Path, name: str) -> dict[str, Path]:
    """Write ``name.png`` and ``name.svg`` (deterministic metadata) and return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    png, svg = directory / f"{name}.png", directory / f"{name}.svg"
    with _no_layout_pass(fig):
        fig.savefig(png, dpi=110, metadata={"Software": None})
        with matplotlib.rc_context({"svg.hashsalt": "etunnel"}):
            fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return {"png": png, "svg": svg}


def png_bytes(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    return buf.getvalue()
