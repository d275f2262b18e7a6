"""Data regression of the main figures: what each figure draws is pinned in ``tests/data/figure_data.json``.

Each figure below is built from small, fixed inputs (no files outside the
package), read back with :func:`figure_arrays.figure_arrays` (line data,
scatter offsets, polygon vertices, bar and cell rectangles, labels) and
compared with the stored record to a relative tolerance of 1e-6. A change
that alters a figure's data fails here and shows up in review as a diff of
the JSON.

To accept an intended change, regenerate the stored data and commit the diff::

    ETUNNEL_REGENERATE_FIGURE_DATA=1 python -m pytest tests/test_figure_data.py -q

(the run rewrites ``tests/data/figure_data.json`` and then checks against it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from figure_arrays import compare, dumps, figure_arrays  # noqa: E402

STORED = Path(__file__).parent / "data" / "figure_data.json"
REGENERATE = os.environ.get("ETUNNEL_REGENERATE_FIGURE_DATA") == "1"
# Regeneration rewrites one shared file: in a parallel run the module then stays on one worker.
pytestmark = [pytest.mark.xdist_group("figure_data")] if REGENERATE else []


def _paper(name):
    from etunnel.plots import paper_figures as pf
    from etunnel.report import claims as cl

    if name == "figure2":
        return pf.figure2(cl.figure2_data(points=30))
    if name == "figure5":
        return pf.figure5(cl.figure5_data(points=30))
    if name == "figure7":
        return pf.figure7(cl.figure7_data(points=30))
    if name == "table1":
        return pf.table1_figure(cl.table1_rows())
    cells = [{"symbol": s, "Z": z, "row": r, "group": g, **extra} for s, z, r, g, extra in (
        ("H", 1, 1, 1, {"flag": False}), ("Nb", 41, 5, 5, {"flag": True}), ("Hg", 80, 6, 12, {"flag": True}),
        ("Fe", 26, 4, 8, {"flag": None}))]
    if name == "periodic_flags":
        return pf.periodic_map(cells, "flags")
    values = [dict(c, value=v) for c, v in zip(cells, (86.0, 8570.0, 14190.0, float("nan")))]
    for c in values:
        c.pop("flag")
    return pf.periodic_map(values, "values", colorbar_label="density [kg m^-3]")


def _state_diagram():
    from etunnel.conditions.diagram import state_diagram, state_regions
    from etunnel.conditions.submodels import PARAMETERS, MaterialConditions
    from etunnel.plots.state_diagram import plot_state_diagram

    P = {k: v[2] for k, v in PARAMETERS.items()}
    P.update(R_v0=175e-12, R_b0=200e-12, B0=100e9, alpha=1e-5, beta=3e-6, n=3.0)
    m = MaterialConditions("X", P)
    ds = state_diagram(m, np.linspace(0, 300, 7), np.linspace(0, 100e9, 7), scan=101)
    return plot_state_diagram(ds, regions=state_regions(m, ds, scan=101, max_depth=12), caption="fixture")


def _validation(name):
    from etunnel.plots import validation as pv

    symbols = ["Al", "Cu", "Nb", "Pb", "Fe"]
    D = np.array([2.0e9, -3.0e8, 5.0e9, 1.0e7, 8.0e9])
    rho = np.array([2.7e-8, 1.7e-8, 1.5e-7, 2.1e-7, 9.7e-8])
    effect = SimpleNamespace(value=0.4, n=5)
    if name == "resistivity_scatter":
        return pv.resistivity_scatter(SimpleNamespace(extra={"D": D, "rho": rho, "symbols": symbols}, effect=effect))
    if name == "table1_scatter":
        return pv.table1_scatter(SimpleNamespace(extra={"D": D, "rho": rho, "symbols": symbols, "printed_D": D * 1.1,
                                                        "printed_rho": rho * 0.9}))
    if name == "state_rule_roc":
        labels = [True, True, False, False, True, False]
        extra = {"roc": {"R_v/R_b": (labels, [0.9, 0.8, 0.7, 0.3, 0.6, 0.2]),
                         "density": (labels, [5.0, 2.0, 4.0, 3.0, 6.0, 1.0])},
                 "truth": np.array(labels), "x": np.array([0.9, 0.8, 0.7, 0.3, 0.6, 0.2]), "ratio": 0.65}
        return pv.state_rule_roc(SimpleNamespace(extra=extra))
    if name == "density_strip":
        return pv.density_strip(SimpleNamespace(extra={"density_sc": np.array([8570.0, 11340.0, 2700.0]),
                                                       "density_other": np.array([7870.0, 8960.0, 534.0, 1738.0])}))
    if name == "tc_pressure_rmse":
        return pv.tc_pressure_rmse(SimpleNamespace(extra={"per_material": {"Hg": (0.2, 0.1), "Y": (3.0, 1.5)}}))
    if name == "variants_heatmap":
        variants = [{"rv_convention": rv, "rb_convention": rb, "c": c, "terms": t, "value": v}
                    for (rv, rb), base in ((("paper", "paper"), 0.3), (("covalent", "metallic"), -0.2))
                    for t in ("1", "infinite") for c, v in ((0.1, base), (0.5, base + 0.1))]
        return pv.variants_heatmap(SimpleNamespace(variants=variants, id="resistivity"), "value", "Spearman rho",
                                   center=0, span=1)
    import pandas as pd

    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"x_std": rng.uniform(0, 1, 60), "tc_K": rng.uniform(1, 90, 60),
                          "family": np.repeat(["cuprate", "iron-based", "other"], 20)})
    return pv.electronegativity_bins(SimpleNamespace(extra={"frame": frame}), bins=3)


FIGURES = {
    "paper.figure2": lambda: _paper("figure2"),
    "paper.figure5": lambda: _paper("figure5"),
    "paper.figure7": lambda: _paper("figure7"),
    "paper.table1": lambda: _paper("table1"),
    "paper.periodic_flags": lambda: _paper("periodic_flags"),
    "paper.periodic_values": lambda: _paper("periodic_values"),
    "state_diagram": _state_diagram,
    **{f"validation.{n}": (lambda n=n: _validation(n)) for n in (
        "resistivity_scatter", "table1_scatter", "state_rule_roc", "density_strip", "tc_pressure_rmse",
        "variants_heatmap", "electronegativity_bins")},
}


def _drawn(name) -> dict:
    fig = FIGURES[name]()
    try:
        return json.loads(json.dumps(figure_arrays(fig)))
    finally:
        plt.close(fig)


@pytest.fixture(scope="module")
def stored():
    if REGENERATE:
        record = {name: _drawn(name) for name in sorted(FIGURES)}
        STORED.write_text(dumps(record) + "\n", encoding="utf-8")
    return json.loads(STORED.read_text(encoding="utf-8"))


def test_every_figure_is_stored(stored):
    assert sorted(stored) == sorted(FIGURES)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_draws_the_stored_data(stored, name):
    differences = compare(stored[name], _drawn(name), name)
    assert not differences, "\n".join(differences[:10]) + (
        "\nif the change is intended: ETUNNEL_REGENERATE_FIGURE_DATA=1 python -m pytest tests/test_figure_data.py")


def test_compare_catches_a_moved_point_and_tolerates_rounding(stored):
    record = json.loads(json.dumps(stored["paper.figure5"]))
    line = record["axes"][0]["lines"][0]["y"]
    line[3] = line[3] * (1 + 1e-9)
    assert compare(stored["paper.figure5"], record) == []
    line[3] = line[3] * (1 + 1e-3)
    assert compare(stored["paper.figure5"], record) != []
