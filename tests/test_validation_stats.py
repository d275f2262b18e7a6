"""Statistics of the validation scorecard against hand-computed small cases.

Each expected value below is worked out by hand in the comment next to it
(or, where stated, by an independent method), so a wrong formula fails.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from etunnel.checks import InputError
from etunnel.validation import stats as st

# Five points: y is x with the pairs (1,2) and (3,4) swapped.
X5 = [1, 2, 3, 4, 5]
Y5 = [2, 1, 4, 3, 5]


def test_spearman_five_points_by_hand():
    # d = (-1, 1, -1, 1, 0), sum d^2 = 4, rho = 1 - 6*4/(5*(25-1)) = 0.8
    res = st.rank_correlations(X5, Y5)
    assert res["spearman"].value == pytest.approx(0.8, abs=1e-12)


def test_spearman_exact_p_five_points_by_hand():
    # |rho| >= 0.8 needs sum d^2 <= 4: identity (1), one adjacent swap (4), two disjoint
    # adjacent swaps (3) = 8 of 120 permutations per tail; two-sided 16/120.
    assert st.spearman_exact_p(X5, Y5) == pytest.approx(16 / 120, abs=1e-12)
    assert st.rank_correlations(X5, Y5)["spearman"].p_value == pytest.approx(16 / 120, abs=1e-12)


def test_kendall_five_points_by_hand():
    # 10 pairs, 2 discordant ((1,2) and (3,4)): tau = (8 - 2)/10 = 0.6.
    # Exact p: permutations with <= 2 inversions (Mahonian numbers 1, 4, 9) = 14 per tail, 28/120.
    res = st.rank_correlations(X5, Y5)["kendall"]
    assert res.value == pytest.approx(0.6, abs=1e-12)
    assert res.p_value == pytest.approx(28 / 120, abs=1e-9)


def test_kendall_batch_matches_scipy_with_ties():
    # Independent method: scipy's O(n log n) tau_b, on data with many ties.
    rng = np.random.default_rng(1)
    for _ in range(5):
        x = rng.integers(0, 5, 30).astype(float)
        y = x + rng.integers(-2, 3, 30)
        assert st.kendall_batch(x, y) == pytest.approx(stats.kendalltau(x, y).statistic, abs=1e-12)
        assert st.spearman_batch(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)


def test_batched_statistics_vectorise_over_resamples():
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(4, 12)), rng.normal(size=(4, 12))
    got = st.kendall_batch(x, y, axis=-1)
    assert got.shape == (4,)
    assert got[2] == pytest.approx(stats.kendalltau(x[2], y[2]).statistic, abs=1e-12)


def test_bootstrap_interval_contains_estimate_and_is_reproducible():
    rng = np.random.default_rng(3)
    x = rng.normal(size=40)
    y = x + rng.normal(size=40)
    a = st.rank_correlations(x, y, n_resamples=200, seed=7)["spearman"]
    b = st.rank_correlations(x, y, n_resamples=200, seed=7)["spearman"]
    assert a.ci_low < a.value < a.ci_high
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)
    assert a.excludes_null  # strong positive association


def test_constant_sample_is_undefined_not_zero():
    res = st.rank_correlations([1, 1, 1, 1], [1, 2, 3, 4])
    assert math.isnan(res["spearman"].value)


def test_fisher_tea_tasting():
    # Fisher's lady tasting tea: [[3, 1], [1, 3]]; hypergeometric P(3) = 16/70, P(4) = 1/70;
    # two-sided p = (1 + 16 + 16 + 1)/70 = 34/70; sample odds ratio 3*3/(1*1) = 9.
    est = st.fisher_2x2([[3, 1], [1, 3]])
    assert est.p_value == pytest.approx(34 / 70, abs=1e-12)
    assert est.value == pytest.approx(9.0)
    assert est.ci_low < 1 < est.ci_high


def test_fisher_rejects_bad_table():
    with pytest.raises(InputError):
        st.fisher_2x2([[1, -1], [2, 3]])


def test_confusion_and_balanced_accuracy_by_hand():
    truth = [1, 1, 1, 0, 0, 0, 0, 0]
    pred = [1, 1, 0, 1, 0, 0, 0, 0]
    cm = st.confusion(truth, pred)
    assert (cm.tp, cm.fn, cm.fp, cm.tn) == (2, 1, 1, 4)
    # sensitivity 2/3, specificity 4/5, balanced accuracy (2/3 + 4/5)/2 = 11/15
    assert st.balanced_accuracy(truth, pred) == pytest.approx(11 / 15, abs=1e-12)
    est = st.balanced_accuracy_estimate(truth, pred)
    assert est.value == pytest.approx(11 / 15)
    # Fisher on [[2, 1], [1, 4]]: independent check with scipy.
    assert est.p_value == pytest.approx(stats.fisher_exact([[2, 1], [1, 4]]).pvalue)


def test_all_negative_predictions_give_half():
    assert st.balanced_accuracy([1, 0, 0, 1], [0, 0, 0, 0]) == pytest.approx(0.5)


def test_auc_by_hand_with_a_tie():
    # positives 0.9, 0.4; negatives 0.5, 0.1, 0.4.
    # 0.9 beats all 3; 0.4 loses to 0.5, beats 0.1, ties 0.4 (1/2): (3 + 1.5)/6 = 0.75.
    labels = [1, 1, 0, 0, 0]
    scores = [0.9, 0.4, 0.5, 0.1, 0.4]
    assert st.auc(labels, scores) == pytest.approx(0.75, abs=1e-12)
    est = st.auc_estimate(labels, scores)
    assert est.value == pytest.approx(0.75)
    assert est.p_value == pytest.approx(stats.mannwhitneyu([0.9, 0.4], [0.5, 0.1, 0.4]).pvalue)


def test_auc_perfect_reversed_and_one_class():
    assert st.auc([1, 1, 0, 0], [3, 4, 1, 2]) == 1.0
    assert st.auc([1, 1, 0, 0], [1, 2, 3, 4]) == 0.0
    assert math.isnan(st.auc([1, 1], [1, 2]))


def test_auc_batch_equals_scalar():
    rng = np.random.default_rng(4)
    y = rng.random(30) < 0.4
    s = rng.normal(size=30)
    assert float(st._auc_stat(y, s)) == pytest.approx(st.auc(y, s))


def test_mann_whitney_effect_is_probability_of_superiority():
    # a = (3, 5), b = (1, 4): 3>1, 3<4, 5>1, 5>4 -> 3/4
    est = st.mann_whitney([3, 5], [1, 4])
    assert est.value == pytest.approx(0.75)


def test_paired_inputs_checked():
    with pytest.raises(InputError, match="same length"):
        st.rank_correlations([1, 2, 3], [1, 2])
    with pytest.raises(InputError, match="finite"):
        st.rank_correlations([1, 2, math.nan], [1, 2, 3])


# ------------------------------------------- count-based bootstrap statistics


def _reranked_ci(statistic, data, n_resamples, seed, method):
    # Independent method: scipy re-ranks every resample (the implementation before counts).
    res = stats.bootstrap(data, statistic, paired=True, vectorized=True, n_resamples=n_resamples,
                          method=method, random_state=np.random.default_rng(seed))
    return float(res.confidence_interval.low), float(res.confidence_interval.high)


@pytest.mark.parametrize(("n", "method", "chunk"), [(25, "BCa", 1 << 20), (205, "percentile", 1 << 20),
                                                   (25, "BCa", 100), (207, "percentile", 1000)])
def test_count_based_intervals_are_bit_identical_to_reranking(n, method, chunk, monkeypatch):
    # chunk: drawn cases per chunk; small values exercise the chunked draws and evaluation.
    monkeypatch.setattr(st, "_CHUNK_ELEMENTS", chunk)
    rng = np.random.default_rng(11)
    x = rng.integers(0, 9, n).astype(float)  # many ties
    y = x + rng.normal(size=n).round(1)
    labels = y > np.median(y)
    for fast, slow, data in [
        (st._spearman_on_indices(x, y), st.spearman_batch, (x, y)),
        (st._kendall_on_indices(x, y), st.kendall_batch, (x, y)),
        (st._auc_on_indices(labels, x), st._auc_stat, (labels, x)),
    ]:
        got = st.bootstrap_ci(fast, data, n_resamples=150, seed=5, vectorized=True)
        assert got[2] == method
        assert got[:2] == _reranked_ci(slow, data, 150, 5, method)  # exact equality, not approx


@pytest.mark.parametrize("float32_max_m", [st._KENDALL_FLOAT32_MAX_M, 0])
@pytest.mark.parametrize(("n", "rows"), [(30, 64), (400, 8)])
def test_kendall_from_counts_equals_kendall_batch_bit_for_bit(n, rows, float32_max_m, monkeypatch):
    # Both summation paths (float32 up to m = 4095, float64 above: forced with 0) give the float64 value of
    # kendall_batch on the gathered resample exactly, ties and heavily repeated cases included.
    monkeypatch.setattr(st, "_KENDALL_FLOAT32_MAX_M", float32_max_m)
    rng = np.random.default_rng(n)
    x = rng.integers(0, 7, n).astype(float)
    y = np.where(rng.random(n) < 0.3, 1.0, x + rng.normal(size=n).round(1))
    idx = rng.integers(0, n, (rows, n))
    idx[0] = 0  # one case drawn n times: both samples constant, tau undefined
    idx[1, : n // 2] = 3  # half of the draws on one case
    stat = st._kendall_on_indices(x, y)
    got = stat(idx)
    expected = st.kendall_batch(x[idx], y[idx])
    np.testing.assert_array_equal(got, expected)
    assert math.isnan(got[0]) and np.isfinite(got[1:]).all()
    jackknife = ~np.eye(n, dtype=bool)  # the BCa jackknife's leave-one-out samples (m = n - 1)
    loo = np.broadcast_to(np.arange(n), (n, n))[jackknife].reshape(n, n - 1)[:5]
    np.testing.assert_array_equal(stat(loo), st.kendall_batch(x[loo], y[loo]))


@pytest.mark.parametrize("seed", range(6))
def test_bca_step_for_step_equals_scipy_bootstrap(seed):
    # Independent method: scipy.stats.bootstrap itself, handed the same index statistic. Small samples with
    # many ties, so some draws are degenerate (NaN statistic, undefined BCa: the percentile fallback).
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(3, 40))
    x = rng.integers(0, 4, n).astype(float)
    y = x + rng.integers(0, 3, n)
    labels = rng.random(n) < 0.3
    labels[:2] = [True, False]
    predicted = rng.random(n) < 0.5
    methods = set()
    for stat in (st._spearman_on_indices(x, y), st._kendall_on_indices(x, y), st._auc_on_indices(labels, x),
                 st._balanced_on_indices(labels, predicted)):
        for resamples, confidence in ((199, 0.95), (50, 0.8)):
            fast = st._bootstrap_ci_indices(stat, n, n_resamples=resamples, seed=seed, confidence=confidence)
            slow = st._bootstrap_ci_scipy(stat, (np.arange(n),), n_resamples=resamples, seed=seed, vectorized=True,
                                          confidence=confidence)
            np.testing.assert_array_equal(fast[:2], slow[:2])  # bit for bit, NaN where NaN
            assert fast[2] == slow[2]
            methods.add(fast[2])
    assert "BCa" in methods
    # A perfect prediction: every jackknife value equal, a_hat = 0/0, BCa undefined; the percentile interval.
    perfect = st._balanced_on_indices(labels, labels)
    fast = st._bootstrap_ci_indices(perfect, n, n_resamples=99, seed=seed, confidence=0.95)
    slow = st._bootstrap_ci_scipy(perfect, (np.arange(n),), n_resamples=99, seed=seed, vectorized=True,
                                  confidence=0.95)
    np.testing.assert_array_equal(fast[:2], slow[:2])
    assert fast[2] == slow[2] == "percentile"
    assert fast[1] == 1.0 or math.isnan(fast[1])  # NaN when a resample misses a class


def test_resample_ranks_equal_rankdata():
    rng = np.random.default_rng(4)
    x = rng.integers(0, 6, 40).astype(float)
    idx = rng.integers(0, 40, (7, 40))
    group, n_groups = st._groups(x)
    np.testing.assert_array_equal(st._resample_ranks(group, n_groups, idx), stats.rankdata(x[idx], axis=-1))


def test_spearman_exact_p_equals_full_enumeration_with_ties():
    # Independent method: all n! pairings spelled out, as before the cached null distribution.
    import itertools

    rng = np.random.default_rng(8)
    for n in (4, 7):
        x = rng.integers(0, 4, n).astype(float)
        y = rng.normal(size=n)
        rx, ry = stats.rankdata(x) - (n + 1) / 2, stats.rankdata(y) - (n + 1) / 2
        den = math.sqrt(float(rx @ rx) * float(ry @ ry))
        rhos = np.array([ry[list(p)] @ rx for p in itertools.permutations(range(n))]) / den
        expected = float(np.mean(np.abs(rhos) >= abs(float(rx @ ry) / den) - 1e-12))
        assert st.spearman_exact_p(x, y) == expected


def test_interval_cache_keys_on_ranks_and_returns_what_a_fresh_computation_gives(monkeypatch):
    rng = np.random.default_rng(12)
    x = rng.normal(size=40)
    y = x + rng.normal(size=40)
    fresh = {}
    for name, make in [("spearman", st._spearman_on_indices), ("kendall", st._kendall_on_indices)]:
        monkeypatch.setattr(st, "_CI_CACHE", {})
        fresh[name] = st.bootstrap_ci(make(x, y), (x, y), n_resamples=200, seed=3, vectorized=True)
        # Same ranks, other values (a monotone map): served from the cache, and equal to a fresh run.
        x2, y2 = np.exp(x), y**3
        cached = st.bootstrap_ci(make(x2, y2), (x2, y2), n_resamples=200, seed=3, vectorized=True)
        monkeypatch.setattr(st, "_CI_CACHE", {})
        assert cached == fresh[name] == st.bootstrap_ci(make(x2, y2), (x2, y2), n_resamples=200, seed=3,
                                                        vectorized=True)
        # Another seed is another interval.
        assert st.bootstrap_ci(make(x, y), (x, y), n_resamples=200, seed=4, vectorized=True) != fresh[name]


@pytest.mark.parametrize("n", [1, 2, 5, 8])
def test_permutations_filled_from_the_iterator_match_the_tuple_list(n):
    import itertools

    expected = np.array(list(itertools.permutations(range(n))), dtype=np.int8)
    got = st._permutations.__wrapped__(n)
    assert got.dtype == np.int8 and got.shape == expected.shape
    np.testing.assert_array_equal(got, expected)


def test_permutation_null_in_blocks_equals_one_piece(monkeypatch):
    # Centred ranks with ties (multiples of 1/2): every dot product is exact, so blocking changes nothing.
    rx = tuple(np.sort(np.array([1, 2, 2, 4, 5, 6, 7, 8.0]) - 4.5))
    ry = tuple(np.sort(np.arange(1, 9.0) - 4.5))
    perms = st._permutations(8)
    one_piece = np.unique(np.abs(np.array(ry)[perms] @ np.array(rx)), return_counts=True)
    monkeypatch.setattr(st, "_CHUNK_ELEMENTS", 1000)  # 125 pairings per block, 323 blocks
    blocks = st._permutation_null.__wrapped__(rx, ry)
    for a, b in zip(blocks, one_piece):
        np.testing.assert_array_equal(a, b)
    assert blocks[1].sum() == 40320
