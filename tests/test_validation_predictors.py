"""Deduplication, metrics, intervals and the weight-free guideline score (small fixtures)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etunnel.validation import predictors as pr
from etunnel.validation.deduplicate import deduplicate


def _frame(rows):
    from etunnel.materials.compounds import parse_formula

    recs = []
    for i, (f, tc) in enumerate(rows):
        a = parse_formula(f)
        recs.append({"row": i + 1, "formula": f, "tc_K": float(tc), "elements": tuple(a), "amounts": a,
                     "family": "other"})
    return pd.DataFrame(recs)


def test_deduplicate_merges_by_reduced_composition_with_median():
    d = deduplicate(_frame([("MgB2", 39), ("Mg1B2", 38), ("Mg2B4", 40), ("MgB2", 10), ("Nb3Sn", 18),
                            ("La1.85Sr0.15CuO4", 38), ("La1.851Sr0.149CuO4", 36)]))
    assert len(d.frame) == 4
    mgb2 = d.frame.set_index("formula").loc["MgB2"]
    assert mgb2["tc_K"] == 38.5  # median of 39, 38, 40, 10
    assert (mgb2["n_merged"], mgb2["tc_min_K"], mgb2["tc_max_K"]) == (4, 10, 40)
    assert d.removed == {"identical_formula": 1, "same_reduced_composition": 2}
    assert d.n_conflicting == 1
    assert d.n_near_duplicates == 1  # the two La-Sr-Cu-O dopings agree to 2 decimals; kept apart
    assert d.summary()["rows_out"] == 4


def test_auc_matches_sklearn_with_ties_and_weights():
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(1)
    y = rng.random(300) < 0.3
    s = np.round(rng.random(300) + 0.3 * y, 1)  # many ties
    assert pr.weighted_auc(y, s) == pytest.approx(roc_auc_score(y, s), abs=1e-12)
    w = rng.integers(0, 4, 300)
    rep = np.repeat(np.arange(300), w)
    assert pr.weighted_auc(y, s, w) == pytest.approx(roc_auc_score(y[rep], s[rep]), abs=1e-12)
    assert math.isnan(pr.weighted_auc(np.zeros(5, bool), np.arange(5.0)))


def test_precision_at_top_and_r2():
    y = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 0], bool)
    s = np.arange(10.0)[::-1]
    assert pr.precision_at_top(y, s, 0.2) == 0.5
    assert pr.precision_at_top(y, s, 0.01) == 1.0  # at least one case
    assert pr.r2_score([1, 2, 3], [1, 2, 3]) == 1.0
    assert pr.r2_score([1, 2, 3], [2, 2, 2]) == 0.0
    assert math.isnan(pr.r2_score([2, 2], [1, 3]))


def test_corrected_interval_formula():
    v = [0.8, 0.9, 0.85, 0.95, 0.75]
    out = pr.corrected_interval(v, 0.2)
    from scipy import stats

    se = math.sqrt((1 / 5 + 0.25) * np.var(v, ddof=1))
    assert out["mean"] == pytest.approx(0.85)
    assert out["high"] - out["mean"] == pytest.approx(stats.t.ppf(0.975, 4) * se)
    assert pr.corrected_interval([0.5], 0.2) == {"mean": 0.5, "low": None, "high": None, "n": 1}
    assert pr.corrected_interval([math.nan], 0.2)["mean"] is None


def test_guideline_score_follows_the_paper_direction_without_weights():
    guide = pd.DataFrame({"x_range": [0.1, 1.0, 2.0], "size_ratio": [3.0, 2.0, 1.0], "atoms_per_fu": [2, 5, 20],
                          "x_std": 0.0, "size_std": 0.0, "n_elements": 2})
    s = pr.guideline_score(guide)
    # the first row follows every rule best, the last worst
    assert list(s["score"]) == sorted(s["score"], reverse=True)
    assert s["score"].iloc[0] == pytest.approx(5 / 6)  # mid-rank percentile of the best of three
    # score = plain mean of the three rule percentiles
    np.testing.assert_allclose(s["score"], s[[c for c in s if c.startswith("rule_")]].mean(axis=1))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0, 3), min_size=2, max_size=30))
def test_guideline_score_bounded_and_monotone(values):
    guide = pd.DataFrame({"x_range": values, "size_ratio": 1.0, "atoms_per_fu": 3.0})
    s = pr.guideline_score(guide)["rule_x_range"].to_numpy()
    assert np.all((s >= 0) & (s <= 1))
    order = np.argsort(values)
    assert np.all(np.diff(s[order]) <= 1e-12)  # narrower range never scores lower


def test_families_and_systems():
    assert pr.screen_family(("La", "H")) == "hydride"
    assert pr.screen_family(("Y", "Ba", "Cu", "O", "H")) == "cuprate"
    assert pr.chemical_system(("Mg", "B")) == "B-Mg"
    folds = pr.grouped_folds(np.array(["a", "a", "b", "c", "c", "d"]), 2, 0)
    for train, test in folds:
        assert not set(np.array(["a", "a", "b", "c", "c", "d"])[train]) & set(np.array(["a", "a", "b", "c", "c", "d"])[test])


def test_feature_set_checked():
    with pytest.raises(ValueError, match="feature_set"):
        pr.features([{"Mg": 1}], "everything")
    assert pr.features([{"Mg": 1, "B": 2}], "magpie+tunnel").shape == (1, 132 + 5)
