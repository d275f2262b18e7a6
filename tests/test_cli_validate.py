"""End-to-end test of ``etunnel validate`` on small fixtures (no /work/shared).

The run is the real command with its plumbing (worker process, figures, scorecard files) at reduced
sizes given through its documented options (``--bootstrap``, ``--robustness-draws``, ``--tc-pressure``).
Six of the nine figures are left out here (:data:`CHEAP_FIGURES`): each figure function is drawn from
small fixed data in ``tests/test_figure_data.py``, and ``benchmarks/compare_validate.py`` checks that
every file of a full run on the real SuperCon file is byte-identical between ``--jobs`` settings and
commits. The numbers at the default settings are pinned in ``tests/test_validation_claims.py``.
"""

from __future__ import annotations

import csv
import json
import shutil
from importlib import resources

import pytest


# A few dozen SuperCon-style rows: cuprates, iron-based, others, Tc = 0 rows and
# two formulas pymatgen cannot parse (the same defects as in the real file).
FIXTURE_ROWS = [
    ("YBa2Cu3O7", 92), ("La1.85Sr0.15Cu1O4", 38), ("Bi2Sr2Ca1Cu2O8", 85), ("Hg1Ba2Ca2Cu3O8", 133),
    ("Tl2Ba2Ca2Cu3O10", 125), ("Nd1.85Ce0.15Cu1O4", 24), ("La2Cu1O4", 0), ("Y1Ba2Cu3O6", 0),
    ("Ba0.6K0.4Fe2As2", 38), ("LaFeAsO0.9F0.1", 26), ("Fe1Se1", 8), ("Fe1Se0.5Te0.5", 14),
    ("SmFeAsO0.85F0.15", 55), ("LaFePO", 4), ("Fe1Te1", 0), ("MgB2", 39), ("Nb3Sn", 18), ("Nb3Ge", 23),
    ("NbN", 16), ("V3Si", 17), ("Pb", 7.2), ("Nb", 9.25), ("Al", 1.2), ("NbTi", 10), ("Mo6S8Pb1", 15),
    ("Cs3C60", 38), ("K3C60", 19), ("Li2Pd3B", 7), ("CeCu2Si2", 0.6), ("UPt3", 0.5), ("Cu", 0), ("Au", 0),
    ("NaCl", 0), ("Si", 0), ("Ag1Cl1", 0), ("Sm1Ba-1Cu3O6.94", 80), ("B1Sr2Ca3Cu4O2N+3", 20),
]
#: Materials of the packaged T_c(p) table kept for the end-to-end run (3 points each; the full table scores 13).
TC_PRESSURE_MATERIALS = ("Hg", "Pb")
#: ... and two the calibration module refuses (no element data; no thermal expansion): reported, not scored.
TC_PRESSURE_REFUSED = ("LaH10", "P")
#: Figures drawn in the end-to-end run: one of each kind (an element row's, the SuperCon row's measured in the
#: worker, the T_c(p) band drawn after the robustness step). The other six take ~85 % of the drawing time.
CHEAP_FIGURES = ("density", "electronegativity", "tc_pressure_band")


@pytest.fixture()
def supercon_fixture(tmp_path):
    path = tmp_path / "supercon_small.csv"
    path.write_text("name,Tc\n" + "".join(f"{n},{t}\n" for n, t in FIXTURE_ROWS), encoding="utf-8")
    return path


@pytest.fixture()
def tc_pressure_fixture(tmp_path):
    """The packaged T_c(p) table's rows for :data:`TC_PRESSURE_MATERIALS`, in its own format."""
    text = resources.files("etunnel.data").joinpath("tc_vs_pressure.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = [lines[0]] + [line for line, rec in zip(lines[1:], csv.reader(lines[1:]))
                         if rec[0] in TC_PRESSURE_MATERIALS + TC_PRESSURE_REFUSED]
    path = tmp_path / "tc_small.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_validate_end_to_end_json(cli, tmp_path, supercon_fixture, tc_pressure_fixture, monkeypatch):
    from etunnel.validation import scorecard

    full = scorecard.FIGURE_SPECS
    assert sum(len(specs) for specs in full.values()) == 9
    monkeypatch.setattr(scorecard, "FIGURE_SPECS", {row: [s for s in specs if s[0] in CHEAP_FIGURES]
                                                    for row, specs in full.items()})  # inherited by the worker
    out = tmp_path / "val"
    argv = ["validate", "--supercon", str(supercon_fixture), "--out", str(out), "--json", "--bootstrap", "20",
            "--seed", "3", "--robustness-draws", "4", "--tc-pressure", str(tc_pressure_fixture)]
    # One process first: the worker of the second run then starts with matplotlib loaded (saves its import).
    code, stdout_serial, err = cli(*argv + ["--jobs", "1"])
    assert code == 0, err
    serial = _tree(out)
    shutil.rmtree(out)
    code, stdout, err = cli(*argv + ["--jobs", "2"])
    assert code == 0, err
    payload = json.loads(stdout)  # exactly one JSON object
    rows = {r["id"]: r for r in payload["rows"]}
    assert set(rows) >= {"resistivity_all_elements", "resistivity_table1", "state_rule", "not_gaseous_3500K",
                         "density", "electronegativity_spread", "standard_theory_baseline", "tc_pressure"}
    for r in payload["rows"]:
        assert r["claim"] and r["test"] and r["verdict"]
    e = rows["electronegativity_spread"]["effect"]
    assert e["n"] == sum(1 for n, t in FIXTURE_ROWS if t > 0) - 2  # two unparsable rows have T_c > 0
    assert payload["supercon"]["rows"] == len(FIXTURE_ROWS)
    assert payload["supercon"]["unparsable"] == 2
    assert payload["supercon"]["tc_zero_rows"] == sum(1 for _, t in FIXTURE_ROWS if t == 0)
    # The T_c(p) row is measured on the given table: its materials, 3 held-out points each; the materials the
    # calibration module cannot handle are named, not scored.
    tcp = rows["tc_pressure"]
    assert tcp["effect"]["n"] == 3 * len(TC_PRESSURE_MATERIALS)
    assert all(f"{m}: " in tcp["detail"] for m in TC_PRESSURE_MATERIALS)
    refused = tcp["detail"].split("could not handle (not scored): ")[1]
    assert all(f"{m} (InputError: {m}: no value for" in refused for m in TC_PRESSURE_REFUSED)
    for name in ("scorecard.md", "scorecard.html", "scorecard.json", "supercon_unparsable.csv",
                 "variants_state_rule.csv", "figures/density.png", "figures/electronegativity.svg",
                 "figures/tc_pressure_band.png"):
        assert (out / name).is_file(), name
    html = (out / "scorecard.html").read_text(encoding="utf-8")
    # the Markdown rendered as the reproduction report: table of contents, figures embedded as SVG, no raw markup
    assert "data:image/svg+xml;base64," in html and "<img" in html and 'src="figures/' not in html
    assert html.count("data:image/svg+xml;base64,") == len(CHEAP_FIGURES)
    assert '<nav class="toc">' in html and '<a href="#scorecard">Scorecard</a>' in html
    assert "<em>supported</em>" in html and "<table>" in html
    assert "\\*" not in html and "\\_" not in html  # escapes of data text are consumed by the renderer
    unparsable = (out / "supercon_unparsable.csv").read_text(encoding="utf-8")
    assert "Sm1Ba-1Cu3O6.94" in unparsable and "B1Sr2Ca3Cu4O2N+3" in unparsable
    md = (out / "scorecard.md").read_text(encoding="utf-8")
    assert "unparsable 2" in md
    # every row says whether its verdict survives the model's own inputs; the Markdown says the same as the JSON
    assert all(set(r["robustness"]) >= {"parameters", "conventions", "survives"} for r in payload["rows"])
    assert rows["density"]["robustness"]["survives"] is None
    assert rows["state_rule"]["robustness"]["conventions"]["survives"] in (True, False)
    assert "## Robustness to the model's own inputs" in md and '<a href="#robustness' in html
    par = tcp["robustness"]["parameters"]
    assert par["draws"] == 4 and par["seed"] == 20261129
    assert [m["material"] for m in par["materials"]] == list(TC_PRESSURE_MATERIALS)
    assert f"{par['fraction']:.0%} of 4 draws agree" in md
    saved = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))
    assert saved["rows"] == payload["rows"]

    # The worker (--jobs 2) wrote the same files as one process (--jobs 1), byte for byte, under the same --out
    # name (scorecard.json names it): the figures and the SuperCon row made in the worker against made here.
    assert stdout_serial == stdout
    parallel = _tree(out)
    assert sorted(serial) == sorted(parallel)
    assert sorted(name for name in serial if name.startswith("figures/")) == sorted(
        f"figures/{name}.{ext}" for name in CHEAP_FIGURES for ext in ("png", "svg"))
    for name in serial:
        assert serial[name] == parallel[name], name


def test_validate_missing_column_is_one_line_exit_2(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("formula,Tc\nMgB2,39\n", encoding="utf-8")
    code, stdout, err = cli("validate", "--supercon", str(bad), "--out", str(tmp_path / "o"),
                            "--bootstrap", "0")
    assert code == 2
    assert err.startswith("etunnel: error:") and "missing column" in err and err.count("\n") == 1


def test_validate_negative_tc_is_exit_2(cli, tmp_path):
    bad = tmp_path / "neg.csv"
    bad.write_text("name,Tc\nMgB2,-1\n", encoding="utf-8")
    code, _, err = cli("validate", "--supercon", str(bad), "--out", str(tmp_path / "o"), "--bootstrap", "0")
    assert code == 2 and "Tc must be >= 0 K" in err


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_row(then=None, wait=False):
    """A stand-in for the claims: one density row handed to the figure queue, then ``then()``.

    ``wait``: until a worker has drawn (or failed to draw) the row's figures, so the main process cannot.
    """
    from etunnel.validation import claims as cl

    def measure(elements, data, queue, **kwargs):
        row = cl.ScoreRow("density", "claim", "test", None, "none", float("nan"), "verdict", "detail")
        queue.add(row)
        if wait and queue.pool is not None:
            assert queue.pending[-1][2].exception() is not None
        if then is not None:
            then()
        return [row]

    return measure


def _failing_figure(row, *args, **kwargs):
    raise ValueError("figure data: density column is empty")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_validate_figure_error_is_one_line_and_leaves_nothing(cli, tmp_path, supercon_fixture, monkeypatch, jobs):
    from etunnel.plots import validation as pv
    from etunnel.validation import scorecard

    monkeypatch.setattr(scorecard, "_measure", _one_row(wait=True))
    monkeypatch.setattr(pv, "density_strip", _failing_figure)  # inherited by the forked worker
    out = tmp_path / "val"
    code, _, err = cli("validate", "--supercon", str(supercon_fixture), "--out", str(out), "--jobs", jobs)
    assert code == 2
    assert err.strip() == "etunnel: error: figure data: density column is empty"
    assert list(tmp_path.iterdir()) == [supercon_fixture]


def test_validate_interrupt_stops_the_worker_and_leaves_nothing(cli, tmp_path, supercon_fixture, monkeypatch):
    import multiprocessing

    from etunnel.validation import scorecard

    def interrupt():
        raise KeyboardInterrupt  # Ctrl-C while the worker draws the first row's figures

    monkeypatch.setattr(scorecard, "_measure", _one_row(interrupt))
    out = tmp_path / "val"
    code, _, err = cli("validate", "--supercon", str(supercon_fixture), "--out", str(out), "--jobs", "2")
    assert code == 130
    assert "no partial output" in err
    assert list(tmp_path.iterdir()) == [supercon_fixture]
    assert multiprocessing.active_children() == []


def test_worker_loads_the_plotting_modules_before_the_first_row(tmp_path):
    """The worker's warm-up returns nothing (a module cannot be sent back); serially there is no worker."""
    from etunnel.validation import scorecard

    assert scorecard._FigureQueue(tmp_path / "serial", 1).prepare() is None
    queue = scorecard._FigureQueue(tmp_path / "figures", 2)
    try:
        assert queue.prepare().result(timeout=60) is None
    finally:
        queue.close()
