"""Claims of the scorecard: verdict rules, variant coverage, and the missing calibration module."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from etunnel.validation import claims as cl
from etunnel.validation.stats import Estimate


def _est(value, p, lo=math.nan, hi=math.nan, null=0.0):
    return Estimate("x", value, lo, hi, p, 10, null)


def test_supports_needs_direction_p_and_interval():
    assert cl.supports(_est(0.5, 0.01, 0.2, 0.8), +1)
    assert not cl.supports(_est(0.5, 0.01, -0.1, 0.8), +1)  # interval includes 0
    assert not cl.supports(_est(0.5, 0.2, 0.2, 0.8), +1)  # p too large
    assert not cl.supports(_est(-0.5, 0.01, -0.8, -0.2), +1)  # wrong direction
    assert cl.supports(_est(-0.5, 0.01, -0.8, -0.2), -1)
    assert cl.supports(_est(0.7, 0.01, 0.6, 0.8, null=0.5), +1)
    assert not cl.supports(_est(0.4, 0.01, 0.3, 0.45, null=0.5), +1)


def test_verdict_rules():
    good, bad, null = _est(0.5, 0.01, 0.2, 0.8), _est(-0.5, 0.01, -0.8, -0.2), _est(0.1, 0.5, -0.2, 0.4)
    assert cl.verdict(good, [good] * 4, +1) == "supported"
    assert cl.verdict(good, [good, null, null, null], +1) == "fragile"
    # A headline that fails is never promoted by supporting variants.
    assert cl.verdict(null, [good, good, good, null], +1) == "not supported"
    assert cl.verdict(bad, [good] * 4, +1) == "contradicted"
    assert cl.verdict(good, [good], +1, baseline_effect=0.6).endswith("baseline as good or better")
    assert cl.verdict(good, [good], +1, baseline_effect=0.3) == "supported"


def test_variants_cover_every_convention_pair():
    from etunnel.materials.radii import RADIUS_CONVENTIONS

    pairs = cl.variant_pairs()
    pure = [c for c, (p, _) in RADIUS_CONVENTIONS.items() if p]
    assert pairs[0] == ("paper", "paper")
    assert len(pairs) == 1 + len(pure) * (len(pure) - 1)
    assert set(cl.C_VALUES) >= {0.05, 0.1, 0.2, 0.3, 0.5, 1.0}
    assert set(cl.TERMS) == {1, "infinite"}


def test_state_rule_on_real_elements_reports_every_variant():
    from etunnel.validation.datasets import element_table

    row = cl.claim_state_rule(element_table(), n_resamples=0, seed=0)
    assert len(row.variants) == len(cl.variant_pairs()) * len(cl.C_VALUES) * len(cl.TERMS)
    # Below the first-term insulating threshold (c* = 0.2) the rule predicts no superconductor.
    low = [v for v in row.variants if v["c"] == 0.05 and v["terms"] == "1"]
    assert all(v["cm_tp"] == 0 and v["cm_fp"] == 0 and v["value"] == pytest.approx(0.5) for v in low)
    # Headline = the paper's worked example, c = 1/2, first term. Closed form of eq. (38):
    # R_c/R_b = 2/(1 + 2c + sqrt(c(4c + 1))) = 2/(2 + sqrt(1.5)) = 0.62020 (the paper prints 0.621).
    head = [v for v in row.variants if (v["rv_convention"], v["rb_convention"], v["c"], v["terms"])
            == ("paper", "paper", 0.5, "1")][0]
    assert head["Rc_over_Rb"] == pytest.approx(2 / (2 + math.sqrt(1.5)), rel=1e-12)
    assert row.effect.value == head["value"]


def test_tc_pressure_row_when_calibration_missing(monkeypatch):
    import etunnel.conditions

    monkeypatch.setitem(sys.modules, "etunnel.conditions.calibration", None)  # import fails
    monkeypatch.delattr(etunnel.conditions, "calibration", raising=False)
    row = cl.claim_tc_pressure(None, n_resamples=10, seed=0)
    assert row.verdict == "not available: calibration module missing"
    assert row.effect is None and math.isnan(row.baseline_effect)


def test_tc_pressure_row_when_calibration_fails(monkeypatch):
    import types

    fake = types.ModuleType("etunnel.conditions.calibration")

    def load_tc_pressure(path=None, *, include_extrapolated=False):
        raise RuntimeError("work in progress")

    fake.load_tc_pressure = load_tc_pressure
    monkeypatch.setitem(sys.modules, "etunnel.conditions.calibration", fake)
    import etunnel.conditions as conditions

    monkeypatch.setattr(conditions, "calibration", fake, raising=False)
    row = cl.claim_tc_pressure(None, n_resamples=10, seed=0)
    assert row.verdict.startswith("not available: calibration module failed")
    assert row.effect is None


def test_tc_pressure_row_with_a_working_module(monkeypatch):
    import types

    import pandas as pd

    fake = types.ModuleType("etunnel.conditions.calibration")

    def load_tc_pressure(path=None, *, include_extrapolated=False):
        p = np.arange(5) * 1e9
        return pd.DataFrame({"material": ["X"] * 5, "pressure_Pa": p, "tc_K": 5 + p / 1e9,
                             "sigma_K": [0.1] * 5, "reference": "r", "source": "s"})

    def leave_one_out(pressure, tc, sigma=None, *, symbol):
        model = np.array([0.1, -0.1, 0.2, -0.2, 0.1])
        base = np.array([1.0, -1.0, 2.0, -2.0, 1.0])
        return types.SimpleNamespace(model_errors=model, baseline_errors=base,
                                     model_rmse=float(np.sqrt(np.mean(model ** 2))),
                                     baseline_rmse=float(np.sqrt(np.mean(base ** 2))), n=5)

    fake.load_tc_pressure, fake.leave_one_out = load_tc_pressure, leave_one_out
    monkeypatch.setitem(sys.modules, "etunnel.conditions.calibration", fake)
    import etunnel.conditions as conditions

    monkeypatch.setattr(conditions, "calibration", fake, raising=False)
    row = cl.claim_tc_pressure(None, n_resamples=50, seed=0)
    # By hand: model mean square (0.01+0.01+0.04+0.04+0.01)/5 = 0.022; baseline (1+1+4+4+1)/5 = 2.2.
    assert row.effect.value == pytest.approx(math.sqrt(0.022) - math.sqrt(2.2))
    assert row.effect.n == 5


def test_guideline_score_row_on_a_small_table():
    """The weight-free guideline score as a scorecard row: AUC from the same score as 'etunnel screen'."""
    import pandas as pd
    from pymatgen.core import Composition

    from etunnel.validation import stats as st
    from etunnel.validation.claims import claim_guideline_score

    rows = [("MgB2", 39.0), ("Nb3Sn", 18.0), ("YBa2Cu3O7", 92.0), ("NbN", 16.0), ("V3Si", 17.0),
            ("Cu", 0.0), ("NaCl", 0.0), ("MgO", 0.0), ("Al", 1.2), ("Sn", 3.7), ("Pb", 7.2), ("LaH10", 250.0),
            ("MgB2", 38.0)]  # a duplicate, merged with its median T_c
    frame = pd.DataFrame({"formula": [f for f, _ in rows],
                          "amounts": [dict(Composition(f).get_el_amt_dict()) for f, _ in rows],
                          "tc_K": [t for _, t in rows]})
    row = claim_guideline_score(frame, n_resamples=0, seed=0)
    assert row.id == "guideline_score" and row.effect.n == 12  # 13 rows, one composition merged
    assert "12 compositions from 13 rows" in row.detail
    # the headline is the plain AUC of the score for T_c > 10 K
    from etunnel.materials.descriptors import guideline_features
    from etunnel.validation.deduplicate import deduplicate
    from etunnel.validation.predictors import guideline_score

    merged = deduplicate(frame).frame
    s = guideline_score(guideline_features(list(merged["amounts"])))["score"].to_numpy(float)
    expected = st.auc_estimate(merged["tc_K"].to_numpy(float) > 10.0, s).value
    assert row.effect.value == pytest.approx(expected, abs=1e-12)
    assert 0.0 <= row.effect.value <= 1.0 and row.baseline_effect == 0.5


def test_element_rows_at_the_default_settings_give_the_scorecard_numbers():
    """The density, boiling-point and standard-theory rows at ``etunnel validate``'s defaults (1000 resamples, seed 0).

    Pinned from ``etunnel validate --supercon stanev_supercon_data.csv`` (scorecard.json): these rows use
    only the packaged element data, so a change to the statistics or to the data fails here, not only in a
    full run. The end-to-end test runs the command with fewer resamples.
    """
    from etunnel.validation.datasets import element_table

    elements = element_table()
    kw = {"n_resamples": 1000, "seed": 0}
    expected = {  # value, ci_low, ci_high, p_value, n
        "density": (0.6785256410256411, 0.5372078630911123, 0.7891104365689754, 0.007443449589002538, 82),
        "not_gaseous_3500K": (6.419580419580419, 2.2058069973008942, 18.900554664691704, 0.00012911874866765858, 93),
        "standard_theory_baseline": (-0.49972632731253414, -0.7282941272069221, -0.18457377717878054,
                                     0.006775904304272367, 28),
    }
    rows = [cl.claim_density(elements, **kw), cl.claim_boiling(elements, **kw),
            cl.claim_standard_baseline(elements, **kw)]
    for row in rows:
        e = row.effect
        value, low, high, p, n = expected[row.id]
        assert e.n == n, row.id
        assert [e.value, e.ci_low, e.ci_high, e.p_value] == pytest.approx([value, low, high, p], rel=1e-12), row.id
    assert [row.verdict for row in rows[:2]] == ["supported", "supported"]
