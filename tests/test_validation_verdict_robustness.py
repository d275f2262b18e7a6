"""Scorecard robustness: does each verdict survive parameter draws and radius conventions?"""

import json
import math
from dataclasses import asdict

import numpy as np
import pytest

from etunnel.conditions.fit_uncertainty import SEED, SURVIVAL
from etunnel.serialization import jsonable
from etunnel.validation import claims as cl
from etunnel.validation import stats as st
from etunnel.validation import verdict_robustness as vr

# The module-scoped T_c(p) row with its robustness draws is built once: in a parallel run the module's tests share
# one worker (ungrouped, its tests were spread over both workers and each built it).
pytestmark = pytest.mark.xdist_group("verdict_robustness")

# Yttrium from the packaged table (Hamlin, Tissen & Schilling 2007; Wittig 1970), one material with 3 points
TC_FIXTURE = """material,pressure_GPa,tc_K,reference,source
Y,16,2.7,ref,src
Y,30,3.5,ref,src
Y,115,19.5,ref,src
"""


def _variant(rv, rb, c, terms, value, p):
    est = st.Estimate("spearman_rho", value, value - 0.1, value + 0.1, p, 40, 0.0, "test")
    return cl._variant_record(rv, rb, c, terms, est)


def _row(variants, verdict_text):
    head = next(v for v in variants if (v["rv_convention"], v["c"], v["terms"]) == ("paper", 0.1, "1"))
    return cl.ScoreRow("resistivity_all_elements", "claim", "test", vr._estimate(head), "baseline", math.nan,
                       verdict_text, "", variants=variants)


def test_convention_verdicts_survive_when_every_pair_gives_the_verdict():
    variants = [_variant(rv, rb, c, t, 0.6, 1e-4) for rv, rb in (("paper", "paper"), ("covalent", "metallic"))
                for c in (0.1, 0.5) for t in (1, "infinite")]
    row = _row(variants, "supported")
    part = vr.convention_verdicts(row, (0.1, 1), +1)
    assert part["verdicts"] == {"paper": "supported", "covalent/metallic": "supported"}
    assert part["fraction"] == 1.0 and part["survives"] is True and part["differing"] == {}


def test_convention_verdicts_do_not_survive_when_a_pair_contradicts():
    variants = [_variant("paper", "paper", c, t, 0.6, 1e-4) for c in (0.1, 0.5) for t in (1, "infinite")]
    variants += [_variant("covalent", "metallic", c, t, -0.6, 1e-4) for c in (0.1, 0.5) for t in (1, "infinite")]
    variants += [_variant("atomic", "metallic", c, t, 0.05, 0.6) for c in (0.1, 0.5) for t in (1, "infinite")]
    row = _row(variants, "fragile")
    part = vr.convention_verdicts(row, (0.1, 1), +1)
    # paper: supported (all its own variants support) = 'fragile' only with the other pairs counted
    assert part["verdicts"] == {"paper": "supported", "covalent/metallic": "contradicted",
                                "atomic/metallic": "not supported"}
    assert part["fraction"] == 0.0 and part["survives"] is False
    assert set(part["differing"]) == {"paper", "covalent/metallic", "atomic/metallic"}


def test_qualifier_does_not_count_as_a_different_verdict():
    variants = [_variant("paper", "paper", c, t, 0.6, 1e-4) for c in (0.1, 0.5) for t in (1, "infinite")]
    row = _row(variants, "supported")
    row.baseline_effect = 0.9  # the baseline beats every variant: verdicts carry the qualifier
    part = vr.convention_verdicts(row, (0.1, 1), +1)
    assert part["verdicts"]["paper"] == "supported; baseline as good or better"
    assert part["survives"] is True


@pytest.fixture(scope="module")
def tc_row(tmp_path_factory):
    path = tmp_path_factory.mktemp("tcp") / "tc.csv"
    path.write_text(TC_FIXTURE)
    row = cl.claim_tc_pressure(path, n_resamples=200, seed=0)
    vr.attach_robustness([row], draws=8)
    return row, path


def test_tc_pressure_draws_recompute_the_row_verdict(tc_row):
    row, _ = tc_row
    assert row.effect is not None
    par = row.robustness["parameters"]
    assert par["draws"] == 8 and par["seed"] == SEED
    assert par["survives"] == (par["fraction"] >= SURVIVAL)
    assert par["fraction"] * 8 == pytest.approx(round(par["fraction"] * 8))
    (y,) = par["materials"]
    assert y["material"] == "Y" and len(y["band"]) == 3 and y["varied"] == ["n", "beta"]
    assert y["survives"] == (y["fraction"] >= SURVIVAL)
    assert y["fraction"] == par["fraction"]  # one material: its own draws are the joint draws
    for b in y["band"]:
        assert b["n_with_tc"] + b["n_undefined"] + b["n_censored"] == 8
        if b["n_with_tc"]:
            assert b["tc_p05_K"] <= b["tc_median_K"] <= b["tc_p95_K"]
    # no shift reproduces the row's own verdict exactly (the recomputation is the row's headline)
    assert vr._recompute(row, row.extra["errors"], {}) == row.verdict
    json.dumps(jsonable(row.robustness), allow_nan=False)


def test_tc_pressure_survival_follows_the_recomputed_verdicts(tc_row, monkeypatch):
    """Same draws, verdict recomputation forced to disagree: the row does not survive."""
    row, _ = tc_row
    monkeypatch.setattr(vr, "_recompute", lambda r, errors, shifts: "supported")
    part = vr.tc_pressure_robustness(row, draws=4)
    assert part["parameters"]["fraction"] == 0.0 and part["parameters"]["survives"] is False
    assert all(v in (None, "supported") for v in part["conventions"]["verdicts"].values())


def test_tc_pressure_zero_draws_is_null_with_reason(tc_row):
    row, _ = tc_row
    part = vr.tc_pressure_robustness(row, draws=0)["parameters"]
    assert part["survives"] is None and part["fraction"] is None and "--robustness-draws 0" in part["reason"]


def test_band_agrees_with_the_report_for_the_same_material_and_seed(tc_row):
    """The scorecard's T_c band (free fit, as the report) equals the report's robustness section, draw for draw."""
    from etunnel.conditions.calibration import free_vary, load_tc_pressure, select_material
    from etunnel.report.robustness import SAMPLES, analyse_material

    row, path = tc_row
    report = analyse_material("Y", select_material(load_tc_pressure(path), "Y"))
    part = vr.tc_pressure_robustness(row, draws=SAMPLES, vary=lambda m: free_vary(m, 3))["parameters"]
    assert report["seed"] == part["seed"] == SEED
    (y,) = part["materials"]
    assert y["values"] == report["free_fit"]["values"]
    assert y["band"] == report["free_fit"]["tc_band_at_measured_points"]


def test_text_equals_json(tc_row):
    row, _ = tc_row
    rows = [row, cl.unavailable("density", "c", "t", "no data")]
    vr.attach_robustness(rows[1:])
    payload = json.loads(json.dumps(jsonable([r.to_dict() for r in rows]), allow_nan=False))
    head, body = vr.robustness_table(rows)
    assert [b[0] for b in body] == ["tc_pressure", "density"]
    par = payload[0]["robustness"]["parameters"]
    assert f"{par['fraction']:.0%} of {par['draws']} draws agree" in body[0][2]
    assert body[0][4] == ("survives" if payload[0]["robustness"]["survives"] else "does not survive")
    assert body[1][2] == "not computed: row not measured" and body[1][4] == "n/a"
    assert payload[1]["robustness"]["survives"] is None
    _, band = vr.band_table(rows)
    y = par["materials"][0]
    assert band[0][1] == f"{'survives' if y['survives'] else 'does not survive'} ({y['fraction']:.0%})"
    for line, b, tc in zip(band, y["band"], y["tc_K"]):
        assert line[2] == f"{b['pressure_GPa']:.4g}" and line[3] == f"{tc:.3g}"
        assert line[6] == f"{b['n_undefined']} / {b['n_censored']}"
    assert vr.robustness_cell(rows[1]) == "n/a"


def test_variant_records_rebuild_their_estimates():
    est = st.Estimate("spearman_rho", 0.4, 0.1, 0.6, 0.01, 30, 0.0, "m")
    assert vr._estimate(cl._variant_record("paper", "paper", 0.1, 1, est, extra=1)) == est
    assert asdict(est) == asdict(vr._estimate(asdict(est)))
    assert np.isfinite(est.value)


def test_cli_default_draws_is_the_documented_default():
    import inspect
    import typing

    from etunnel.cli.validate import validate
    from etunnel.conditions.fit_uncertainty import DEFAULT_DRAWS, MAX_DRAWS

    param = inspect.signature(validate).parameters["robustness_draws"]
    assert param.default == DEFAULT_DRAWS
    help_text = typing.get_type_hints(validate, include_extras=True)["robustness_draws"].__metadata__[0].help
    assert f"0 to {MAX_DRAWS}" in help_text and str(SEED) in help_text


def test_band_figure_plots_the_json_numbers(tc_row):
    from etunnel.plots import validation as pv

    row, _ = tc_row
    fig = pv.tc_pressure_band(row)
    try:
        (ax,) = [a for a in fig.axes if a.get_visible()]
        (y,) = row.robustness["parameters"]["materials"]
        measured = [line for line in ax.lines if line.get_label() == "measured"][0]
        np.testing.assert_allclose(measured.get_xdata(), y["pressure_GPa"])
        np.testing.assert_allclose(measured.get_ydata(), y["tc_K"])
    finally:
        pv.plt.close(fig)


def test_band_figure_hides_the_panels_past_the_last_material(tc_row):
    """Five materials on a grid of four columns: two rows, the last three panels hidden, one title each."""
    import copy

    from etunnel.plots import validation as pv

    row, _ = tc_row
    row = copy.copy(row)
    (material,) = row.robustness["parameters"]["materials"]
    materials = [dict(material, material=f"{material['material']} #{k}") for k in range(5)]
    row.robustness = {**row.robustness, "parameters": {**row.robustness["parameters"], "materials": materials}}
    fig = pv.tc_pressure_band(row)
    try:
        assert len(fig.axes) == 8
        shown = [a for a in fig.axes if a.get_visible()]
        assert [a.get_title().split("  (")[0] for a in shown] == [m["material"] for m in materials]
    finally:
        pv.plt.close(fig)
