"""CPU time of the labelled figures (validate's resistivity scatters, reproduce's Table 1 plot), built and saved.

Run:  python benchmarks/bench_figures.py [--json]

Each figure is built and written as PNG and SVG (:func:`etunnel.plots.paper_figures.save`)
twice in this process: with the point-label placement etunnel uses, and with the one it
replaced (a full canvas draw first, adjustText stopped by its default one-second
wall-clock limit, and leader lines clipped by the label text itself, which lays the
text out again at every bisection step). The inputs are fixed synthetic points
(81 labelled elements, as in the all-elements scatter; Table 1's nine rows), so no
data file is needed. CPU time (``time.process_time``), best of three; the
machine's load changes the old path's layout (wall-clock limit) but not its CPU
budget per second of wall time, so the baseline is the cost a user saw.

``run()`` returns the rows collected by ``benchmarks/run.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import row, standalone  # noqa: E402

GOAL_RATIO = 3.0


def _old_place_labels(ax, texts) -> None:
    """The implementation replaced: draw, then adjustText with its defaults (time_lim = 1 s of wall time)."""
    if not texts:
        return
    from adjustText import adjust_text

    ax.figure.canvas.draw()
    adjust_text(texts, ax=ax, arrowprops={"arrowstyle": "-", "color": "0.5", "lw": 0.4})


def _inputs():
    from etunnel.report import claims as rc

    rng = np.random.default_rng(0)
    symbols = [f"E{k}" for k in range(81)]
    D = np.r_[rng.lognormal(np.log(1e9), 0.5, 75), rng.uniform(1e8, 5e9, 6)]
    rho = np.r_[rng.lognormal(np.log(1e-7), 1.0, 75), 10.0 ** rng.uniform(2, 15, 6)]
    scatter = SimpleNamespace(extra={"D": D, "rho": rho, "symbols": symbols},
                              effect=SimpleNamespace(value=-0.1, n=81))
    printed = SimpleNamespace(extra={"printed_D": D[:9] * 1.3, "printed_rho": rho[:9] * 0.8, "D": D[:9],
                                     "rho": rho[:9], "symbols": symbols[:9]})
    return scatter, printed, rc.table1_rows()


def _figures_cpu(place_labels, inputs, folder: Path) -> float:
    from etunnel.plots import paper_figures as pf
    from etunnel.plots import validation as pv

    scatter, printed, table1 = inputs
    saved = pf._place_labels
    pf._place_labels = pv._place_labels = place_labels
    try:
        start = time.process_time()
        for name, make in (("resistivity_scatter", lambda: pv.resistivity_scatter(scatter)),
                           ("table1_scatter", lambda: pv.table1_scatter(printed)),
                           ("table1", lambda: pf.table1_figure(table1))):
            fig = make()
            pf.save(fig, folder, name)
            pf.plt.close(fig)
        return time.process_time() - start
    finally:
        pf._place_labels = pv._place_labels = saved


def run(repeats: int = 3) -> list[dict]:
    from etunnel.plots import paper_figures as pf

    inputs = _inputs()
    with tempfile.TemporaryDirectory() as tmp:
        _figures_cpu(pf._place_labels, inputs, Path(tmp))  # warm-up: imports, font cache
        new = min(_figures_cpu(pf._place_labels, inputs, Path(tmp)) for _ in range(repeats))
        old = min(_figures_cpu(_old_place_labels, inputs, Path(tmp)) for _ in range(repeats))
    r = row("labelled figures (3), built + PNG + SVG, CPU time", new, "s",
            "draw + adjustText 1 s wall limit + text-clipped leader lines", old,
            f">= {GOAL_RATIO:g}x faster", bool(old / new >= GOAL_RATIO))
    return [r]


if __name__ == "__main__":
    standalone(run, __doc__.splitlines()[0])
