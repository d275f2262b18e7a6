"""Statistics for the validation scorecard: effect sizes, bootstrap intervals, p-values.

Every function returns plain floats and is tested against a hand-computed
small case (``tests/test_validation_stats.py``). scikit-learn is not used:
the ROC AUC is the Mann-Whitney statistic, :math:`\\mathrm{AUC} = U/(n_1 n_2)`,
and the balanced accuracy is computed from the confusion matrix.

Conventions
-----------
* Labels are booleans (``True`` = positive, e.g. "superconducting").
* A *score* ranks positives high: the AUC of a score that predicts "lower is
  more positive" (the resisting distance D) is taken on ``-D``.
* Bootstrap intervals resample cases with replacement (pairs stay together)
  with :func:`scipy.stats.bootstrap`; BCa below :data:`BCA_MAX_N` cases,
  the percentile method above (BCa's jackknife costs ``n`` evaluations), and
  the percentile method wherever BCa is undefined (a degenerate sample).
* The rank statistics are evaluated on each resample from its *counts*
  (how often each case was drawn), not by re-ranking the resample: the
  average rank of a value in a resample is the number of drawn cases below
  it plus half its own count plus one half. The resampled indices are
  scipy's own (same generator stream), and the arithmetic after the ranks is
  unchanged, so the intervals are bit-identical to re-ranking each resample
  (tested), at a fraction of the cost and memory.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
from scipy import stats

from etunnel.checks import InputError

#: Largest sample for which bootstrap intervals use BCa (above: percentile).
BCA_MAX_N = 200
#: Largest n for which the Spearman p-value is an exact permutation p-value.
EXACT_SPEARMAN_MAX_N = 9
#: Default confidence level of the intervals.
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Estimate:
    """One effect size with its interval and p-value.

    Attributes
    ----------
    statistic : str
        What was measured (e.g. ``"spearman_rho"``).
    value : float
        The estimate (NaN where undefined, e.g. a constant input).
    ci_low, ci_high : float
        Bootstrap confidence interval (NaN when not computed).
    p_value : float
        Two-sided p-value against the null stated in ``null`` (NaN when not meaningful).
    n : int
        Number of cases used.
    null : float
        The value under "no effect" (0 for correlations, 1 for odds ratios, 0.5 for AUC).
    method : str
        Test and interval method, in words.
    """

    statistic: str
    value: float
    ci_low: float = math.nan
    ci_high: float = math.nan
    p_value: float = math.nan
    n: int = 0
    null: float = 0.0
    method: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def excludes_null(self) -> bool:
        """True when the interval lies entirely on one side of the null value."""
        if not (math.isfinite(self.ci_low) and math.isfinite(self.ci_high)):
            return False
        return self.ci_low > self.null or self.ci_high < self.null


def _paired(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if x.shape != y.shape:
        raise InputError(f"paired samples must have the same length, got {x.size} and {y.size}")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise InputError("paired samples must be finite (drop missing cases first and report them)")
    return x, y


# ------------------------------------------------------------ correlations


def spearman_batch(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    """Spearman's rho along ``axis`` (average ranks for ties), vectorised over the other axes.

    Equals :func:`scipy.stats.spearmanr` for 1-D input; NaN where a sample is constant.
    """
    rx = stats.rankdata(x, axis=axis)
    ry = stats.rankdata(y, axis=axis)
    rx = rx - rx.mean(axis=axis, keepdims=True)
    ry = ry - ry.mean(axis=axis, keepdims=True)
    num = np.sum(rx * ry, axis=axis)
    den = np.sqrt(np.sum(rx * rx, axis=axis) * np.sum(ry * ry, axis=axis))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def kendall_batch(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Kendall's :math:`\tau_b` along ``axis``, vectorised through the pair-sign matrix.

    .. math::

        \tau_b = \frac{\sum_{i<j} \operatorname{sgn}(x_i-x_j)\operatorname{sgn}(y_i-y_j)}
                      {\sqrt{\sum_{i<j}|\operatorname{sgn}(x_i-x_j)|\,\sum_{i<j}|\operatorname{sgn}(y_i-y_j)|}}

    Memory grows as ``n**2`` per sample: meant for n up to a few hundred.
    Equals :func:`scipy.stats.kendalltau` (variant ``"b"``) for 1-D input.
    """
    x = np.moveaxis(np.asarray(x, float), axis, -1)
    y = np.moveaxis(np.asarray(y, float), axis, -1)
    sx = np.sign(x[..., :, None] - x[..., None, :])
    sy = np.sign(y[..., :, None] - y[..., None, :])
    s = np.sum(sx * sy, axis=(-1, -2))
    tx = np.sum(np.abs(sx), axis=(-1, -2))
    ty = np.sum(np.abs(sy), axis=(-1, -2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((tx > 0) & (ty > 0), s / np.sqrt(np.where(tx * ty > 0, tx * ty, 1.0)), np.nan)


@lru_cache(maxsize=4)
def _permutations(n: int) -> np.ndarray:
    """All ``n!`` orderings of ``range(n)``, in :func:`itertools.permutations` order, as ``(n!, n)`` int8.

    Filled straight from the iterator (3.3 MB for n = 9) rather than from a list of
    tuples (about 46 MB of Python objects for n = 9).
    """
    flat = itertools.chain.from_iterable(itertools.permutations(range(n)))
    return np.fromiter(flat, dtype=np.int8, count=n * math.factorial(n)).reshape(-1, n)


def spearman_exact_p(x, y) -> float:
    """Exact two-sided permutation p-value of Spearman's rho (all ``n!`` pairings; n <= 9).

    The p-value is the share of pairings with ``|rho| >= |rho_observed|``
    (a tolerance of 1e-12 absorbs rounding).
    """
    x, y = _paired(x, y)
    n = x.size
    if n > EXACT_SPEARMAN_MAX_N:
        raise InputError(f"exact Spearman p-value enumerates n! pairings; n must be <= {EXACT_SPEARMAN_MAX_N}, got {n}")
    rx = stats.rankdata(x) - (n + 1) / 2
    ry = stats.rankdata(y) - (n + 1) / 2
    den = math.sqrt(float(rx @ rx) * float(ry @ ry))
    if den == 0:
        return math.nan
    rho = float(rx @ ry) / den
    values, counts = _permutation_null(tuple(np.sort(rx)), tuple(np.sort(ry)))
    # |dot/den| for every pairing, compared exactly as with all n! values spelled out.
    return float(counts[values / den >= abs(rho) - 1e-12].sum()) / math.factorial(n)


@lru_cache(maxsize=64)
def _permutation_null(rx: tuple, ry: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``|sum_i rx_i ry_pi(i)|`` over all pairings ``pi``, with their multiplicities.

    Depends only on the two rank multisets, so the scorecard's many n = 9
    variants share one enumeration. Centred ranks are multiples of 1/2, so
    every dot product is exact and the distinct values are exact too.
    """
    rx, ry = np.array(rx), np.array(ry)
    perms = _permutations(rx.size)
    # In blocks of pairings: ry[perms] in one piece is n! x n floats (26 MB for n = 9). Each dot is exact,
    # so the blocking cannot change a value.
    step = max(1, _CHUNK_ELEMENTS // max(rx.size, 1))
    dots = np.concatenate([np.abs(ry[perms[k:k + step]] @ rx) for k in range(0, len(perms), step)])
    return np.unique(dots, return_counts=True)


#: Resampled cases processed at once by the count-based statistics (bounds their memory:
#: a few float arrays of this many elements).
_CHUNK_ELEMENTS = 1 << 17


class _OnIndices:
    """A paired statistic evaluated on the resampled *indices* of the cases.

    :func:`scipy.stats.bootstrap` with ``paired=True`` resamples the index
    vector ``arange(n)``; passing that vector as the only sample hands the
    drawn indices to the statistic unchanged, with the same random stream as
    when the samples themselves are passed. ``func(idx)`` maps an integer
    array ``(..., m)`` of case indices to the statistic ``(...)``; it is
    applied to chunks of about :data:`_CHUNK_ELEMENTS` drawn cases.
    """

    def __init__(self, func, n: int, key: tuple | None = None):
        self.func = func
        self.n = n
        #: What the statistic depends on (its kind and the dense ranks of its inputs), for
        #: :func:`bootstrap_ci`'s cache; None: not cached.
        self.key = key if n <= _CACHE_MAX_N else None

    def rows_per_chunk(self, m: int) -> int:
        return max(1, _CHUNK_ELEMENTS // max(m, 1))

    def __call__(self, idx, axis=-1):
        idx = np.moveaxis(np.asarray(idx), axis, -1)
        flat = idx.reshape(-1, idx.shape[-1])
        out = np.empty(flat.shape[0])
        step = self.rows_per_chunk(flat.shape[1])
        for k in range(0, flat.shape[0], step):
            out[k:k + step] = self.func(flat[k:k + step])
        return out.reshape(idx.shape[:-1])

    def percentile_interval(self, n_resamples: int, seed: int, confidence: float) -> tuple[float, float]:
        """The percentile interval of :func:`scipy.stats.bootstrap` (``paired=True``), without its memory.

        scipy draws all indices at once, ``rng.integers(0, n, (n_resamples, n))``;
        drawing them in row chunks (as int32) consumes the generator
        identically (tested), so the bootstrap distribution, and with the
        same :func:`scipy.stats.quantile` call the interval, are unchanged,
        while only one chunk of indices is held at a time.
        """
        rng = np.random.default_rng(seed)
        n = self.n
        step = self.rows_per_chunk(n)
        theta = np.concatenate([self.func(rng.integers(0, n, (min(step, n_resamples - k), n), dtype=np.int32))
                                for k in range(0, n_resamples, step)])
        alpha = np.asarray((1 - confidence) / 2, dtype=theta.dtype)
        ci = stats.quantile(theta, np.stack((alpha, 1 - alpha), axis=-1), axis=-1)
        return float(ci[..., 0]), float(ci[..., 1])


#: Largest sample whose bootstrap intervals are cached (keys hold its dense ranks).
_CACHE_MAX_N = 2000
_CI_CACHE: dict = {}
_CI_CACHE_SIZE = 1024


def _rank_key(*arrays) -> tuple:
    """Dense ranks of each array, as bytes: all a rank statistic can see of its inputs."""
    return tuple(np.unique(np.asarray(a), return_inverse=True)[1].astype(np.int32).tobytes() for a in arrays)


def _groups(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Index of each case's value among the sorted distinct values, and their number."""
    uniq, inverse = np.unique(values, return_inverse=True)
    return inverse.ravel(), uniq.size


def _group_counts(group: np.ndarray, n_groups: int, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct-value index of every drawn case ``(B, m)``, and each distinct value's count ``(B, groups)``."""
    g = group[idx]
    rows = g.shape[0]
    counts = np.bincount((g + n_groups * np.arange(rows)[:, None]).ravel(),
                         minlength=rows * n_groups).reshape(rows, n_groups).astype(float)
    return g, counts


def _resample_ranks(group: np.ndarray, n_groups: int, idx: np.ndarray) -> np.ndarray:
    """Average ranks (ties averaged, as :func:`scipy.stats.rankdata`) of each resample, in resample order.

    ``idx`` has shape ``(B, m)``; row ``b`` is a resample of the cases. The
    rank of a value ``v`` in a resample is ``#(drawn < v) + (#(drawn == v) + 1)/2``,
    an exact half-integer, so the result equals re-ranking the resample.
    """
    g, counts = _group_counts(group, n_groups, idx)
    below = np.cumsum(counts, axis=1) - counts
    rank_of_group = below + 0.5 * (counts + 1.0)
    return np.take_along_axis(rank_of_group, g, axis=1)


def _weights(idx: np.ndarray, n: int) -> np.ndarray:
    """How often each of the ``n`` cases is drawn in each resample: ``(B, n)`` float counts."""
    rows = idx.shape[0]
    return np.bincount((idx + n * np.arange(rows)[:, None]).ravel(),
                       minlength=rows * n).reshape(rows, n).astype(float)


def _centred_group_ranks(w: np.ndarray, order: np.ndarray, starts: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """How often each distinct value is drawn ``(B, groups)``, and its average rank in the resample minus ``(m+1)/2``.

    ``w`` holds the case counts ``(B, n)``; ``order`` sorts the cases by value and ``starts`` are the first
    positions of each distinct value in that order. The rank is ``#(drawn < v) + (#(drawn == v) + 1)/2``
    (:func:`_resample_ranks`): every quantity is an integer or a half-integer, hence exact.
    """
    counts = np.add.reduceat(w[:, order], starts, axis=1) if starts.size < order.size else w[:, order]
    below = np.cumsum(counts, axis=1) - counts
    return counts, below + 0.5 * (counts + 1.0) - 0.5 * (m + 1)


def _sorted_groups(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cases sorted by value (stable), the first position of each distinct value, and each case's value index."""
    order = np.argsort(values, kind="stable")
    first = np.r_[True, values[order][1:] != values[order][:-1]]
    group = np.empty(values.size, dtype=np.intp)
    group[order] = np.cumsum(first) - 1
    return order, np.flatnonzero(first), group


def _spearman_on_indices(x: np.ndarray, y: np.ndarray) -> _OnIndices:
    """Spearman's rho of each resample from its case counts ``w`` (equal to re-ranking, bit for bit).

    :func:`spearman_batch` on a resample centres the average ranks by their
    mean, which is ``(m+1)/2`` exactly (an exact sum of half-integers divided
    by ``m``), and sums ``rx*ry``, ``rx*rx`` and ``ry*ry`` over the drawn cases:
    multiples of 1/4 far below ``2^51``, so exact in any order. Summed here
    per case (weighted by ``w``) and per distinct value (weighted by its
    count) instead, they are the same numbers, and the final square root and
    division are the same operations on them.
    """
    n = x.size
    ox, sx, gx = _sorted_groups(x)
    oy, sy, gy = _sorted_groups(y)

    def func(idx):
        m = idx.shape[-1]
        w = _weights(idx, n)
        cx, rx = _centred_group_ranks(w, ox, sx, m)
        cy, ry = _centred_group_ranks(w, oy, sy, m)
        num = np.sum(w * rx[:, gx] * ry[:, gy], axis=-1)
        den = np.sqrt(np.sum(cx * rx * rx, axis=-1) * np.sum(cy * ry * ry, axis=-1))
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)

    return _OnIndices(func, x.size, ("spearman",) + _rank_key(x, y))


_BLAS_CONTROLLER: list = []


def _one_blas_thread():
    """Context running BLAS on one thread (:mod:`threadpoolctl`), for products too small to share.

    The Kendall product below, ``(1000 x 80) @ (80 x 80)``, takes 0.1 ms on one
    thread and 7 ms with OpenBLAS's threads on a busy 2-core machine (measured).
    Its value does not depend on the threads: every sum in it is exact.
    """
    if not _BLAS_CONTROLLER:
        from threadpoolctl import ThreadpoolController

        _BLAS_CONTROLLER.append(ThreadpoolController())
    return _BLAS_CONTROLLER[0].limit(limits=1, user_api="blas")


#: Largest number of drawn cases for which :func:`_kendall_on_indices` sums in float32 (see there).
_KENDALL_FLOAT32_MAX_M = 4095


def _kendall_on_indices(x: np.ndarray, y: np.ndarray) -> _OnIndices:
    """Kendall's tau_b of each resample from its case counts ``w`` (exact integers, hence equal to re-ranking).

    Over the drawn ordered pairs, ``sum sgn(dx) sgn(dy) = w^T S w`` with
    ``S_ij = sgn(x_i - x_j) sgn(y_i - y_j)``, and the tie-corrected
    denominators are ``sum |sgn(dx)| = m^2 - sum_v c_v^2`` with ``c_v`` how
    often a distinct value ``v`` of x is drawn (likewise y), ``m`` the drawn
    cases. Every one of these is an integer, so any exact arithmetic gives
    the float64 values :func:`kendall_batch` computes on the resample.

    ``w^T S w`` is summed in float32, which is exact here: each entry of
    ``w S`` is a sum of terms ``w_i S_ij`` with ``|S_ij| <= 1``, so every
    partial sum, in whatever order the BLAS adds, is an integer of magnitude
    at most ``sum_i w_i = m``; each term ``w_j (w S)_j`` and every partial sum
    of ``sum_j w_j (w S)_j`` is an integer of magnitude at most ``m^2``.
    With ``m <= 4095``, ``m^2 < 2^24``, and float32 holds every integer up to
    ``2^24`` exactly. Larger resamples take the same sums in float64
    (exact below ``2^53``). Memory ``n**2``: for n up to a few thousand.
    """
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    n = x.size
    pair_sign = sx * sy
    pair_sign32 = pair_sign.astype(np.float32)
    gx, nx = _groups(x)
    gy, ny = _groups(y)

    def func(idx):
        m = idx.shape[-1]
        w = _weights(idx, n)
        with _one_blas_thread():
            if m <= _KENDALL_FLOAT32_MAX_M:
                w32 = w.astype(np.float32)
                s = np.sum((w32 @ pair_sign32) * w32, axis=-1).astype(float)
            else:
                s = np.sum((w @ pair_sign) * w, axis=-1)
        cx = _group_counts(gx, nx, idx)[1]
        cy = _group_counts(gy, ny, idx)[1]
        tx = float(m) * m - np.sum(cx * cx, axis=-1)
        ty = float(m) * m - np.sum(cy * cy, axis=-1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where((tx > 0) & (ty > 0), s / np.sqrt(np.where(tx * ty > 0, tx * ty, 1.0)), np.nan)

    return _OnIndices(func, n, ("kendall",) + _rank_key(x, y))


def _auc_on_indices(labels: np.ndarray, scores: np.ndarray) -> _OnIndices:
    """:func:`_auc_stat` of each resample, with the ranks from the resample's counts (sums of half-integers: exact)."""
    gs, ns = _groups(scores)
    y = labels.astype(bool)

    def func(idx):
        ranks = _resample_ranks(gs, ns, idx)
        yy = y[idx]
        n1 = yy.sum(axis=-1)
        n0 = yy.shape[-1] - n1
        u = np.sum(np.where(yy, ranks, 0.0), axis=-1) - n1 * (n1 + 1) / 2
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where((n1 > 0) & (n0 > 0), u / np.where(n1 * n0 > 0, n1 * n0, 1), np.nan)

    return _OnIndices(func, y.size, ("auc",) + _rank_key(y, scores))


def _balanced_on_indices(truth: np.ndarray, predicted: np.ndarray) -> _OnIndices:
    """Balanced accuracy of each resample (the arithmetic of the gathered-sample statistic, unchanged)."""
    t, p = truth.astype(bool), predicted.astype(bool)

    def func(idx):
        a, b = t[idx], p[idx]
        pos = a.sum(axis=-1)
        neg = a.shape[-1] - pos
        with np.errstate(invalid="ignore", divide="ignore"):
            sens = np.sum(a & b, axis=-1) / pos
            spec = np.sum(~a & ~b, axis=-1) / neg
        return (sens + spec) / 2

    return _OnIndices(func, t.size, ("balanced_accuracy", t.tobytes(), p.tobytes()))


def bootstrap_ci(statistic, data: tuple, *, n_resamples: int, seed: int, vectorized: bool,
                 confidence: float = CONFIDENCE) -> tuple[float, float, str]:
    """Paired bootstrap interval of ``statistic(*data)`` with :func:`scipy.stats.bootstrap`.

    ``statistic`` may also be an index statistic (:class:`_OnIndices`); it is
    then handed the resampled case indices instead of the resampled data.

    Returns ``(low, high, method)``; ``(nan, nan, "none")`` when ``n_resamples`` is 0
    or there are fewer than 3 cases.
    """
    n = len(data[0])
    if n_resamples <= 0 or n < 3:
        return math.nan, math.nan, "none"
    if isinstance(statistic, _OnIndices):
        # Rank statistics see only the dense ranks of their inputs: variants that rank the
        # cases alike (e.g. several c for one radius convention) share one interval.
        key = None if statistic.key is None else (statistic.key, int(n_resamples), int(seed), float(confidence))
        if key is not None and key in _CI_CACHE:
            return _CI_CACHE[key]
        result = _bootstrap_ci_indices(statistic, n, n_resamples=n_resamples, seed=seed, confidence=confidence)
        if key is not None:
            if len(_CI_CACHE) >= _CI_CACHE_SIZE:
                _CI_CACHE.pop(next(iter(_CI_CACHE)))
            _CI_CACHE[key] = result
        return result
    return _bootstrap_ci_scipy(statistic, data, n_resamples=n_resamples, seed=seed, vectorized=vectorized,
                               confidence=confidence)


def _bootstrap_ci_indices(statistic: _OnIndices, n: int, *, n_resamples: int, seed: int,
                          confidence: float) -> tuple[float, float, str]:
    if n > BCA_MAX_N:
        with np.errstate(all="ignore"):
            low, high = statistic.percentile_interval(int(n_resamples), seed, confidence)
        return low, high, "percentile"
    import warnings

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            low, high = _bca_on_indices(statistic, n, int(n_resamples), seed, confidence)
        except Exception:
            low = high = math.nan
        if math.isfinite(low) and math.isfinite(high):
            return low, high, "BCa"
        try:
            low, high = statistic.percentile_interval(int(n_resamples), seed, confidence)
        except Exception:
            low = high = math.nan
    return low, high, "percentile"


def _bca_on_indices(statistic: _OnIndices, n: int, n_resamples: int, seed: int,
                    confidence: float) -> tuple[float, float]:
    """The BCa interval of :func:`scipy.stats.bootstrap` (``paired=True``, ``method="BCa"``), step for step.

    The same operations on the same arrays as scipy 1.17's ``bootstrap`` and
    ``_bca_interval`` (resampled indices ``rng.integers(0, n, (B, n))`` as
    int64 from ``default_rng(seed)``; ``theta_hat`` on all cases; the
    jackknife's leave-one-out index rows; the acceleration ``a_hat`` and
    ``z0_hat``; :func:`scipy.stats.quantile` at the adjusted levels), without
    scipy's per-call input handling, which costs as much as the statistic
    at the scorecard's sizes. Bit-identical to scipy (tested, degenerate
    samples included).
    """
    from scipy.special import ndtr, ndtri

    rng = np.random.default_rng(seed)
    theta_hat_b = statistic(rng.integers(0, n, size=(n_resamples, n), dtype=np.int64))
    alpha = (1 - confidence) / 2
    # z0_hat: the share of the bootstrap distribution below the estimate (ties counted one half).
    theta_hat = np.expand_dims(statistic(np.arange(n)), axis=-1)
    below = np.count_nonzero(theta_hat_b < theta_hat, axis=-1) + np.count_nonzero(theta_hat_b <= theta_hat, axis=-1)
    z0_hat = ndtri(below.astype(theta_hat.dtype) / (2 * n_resamples))
    # a_hat: from the jackknife, each row leaving out one case.
    keep = np.ones((n, n), dtype=bool)
    np.fill_diagonal(keep, False)
    theta_hat_i = statistic(np.broadcast_to(np.arange(n), (n, n))[keep].reshape((n, n - 1)))
    n_j = float(n)
    theta_hat_dot = np.mean(theta_hat_i, axis=-1, keepdims=True)
    u = (n_j - 1) * (theta_hat_dot - theta_hat_i)
    nums = [np.sum(u**3, axis=-1) / n_j**3]
    dens = [np.sum(u**2, axis=-1) / n_j**2]
    a_hat = 1 / 6 * sum(nums) / sum(dens)**(3 / 2)
    z_alpha = float(ndtri(alpha))
    num1 = z0_hat + z_alpha
    alpha_1 = ndtr(z0_hat + num1 / (1 - a_hat * num1))
    z_1alpha = -z_alpha
    num2 = z0_hat + z_1alpha
    alpha_2 = ndtr(z0_hat + num2 / (1 - a_hat * num2))
    ci = stats.quantile(theta_hat_b, np.stack((alpha_1, alpha_2), axis=-1), axis=-1)
    return float(ci[..., 0]), float(ci[..., 1])


def _bootstrap_ci_scipy(statistic, data: tuple, *, n_resamples: int, seed: int, vectorized: bool,
                        confidence: float) -> tuple[float, float, str]:
    n = len(data[0])
    method = "BCa" if n <= BCA_MAX_N else "percentile"
    kwargs = dict(paired=True, vectorized=vectorized, n_resamples=int(n_resamples), confidence_level=confidence,
                  random_state=np.random.default_rng(seed))
    import warnings

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            res = stats.bootstrap(data, statistic, method=method, **kwargs)
            low, high = float(res.confidence_interval.low), float(res.confidence_interval.high)
        except Exception:
            low = high = math.nan
        if method == "BCa" and not (math.isfinite(low) and math.isfinite(high)):
            method = "percentile"
            kwargs["random_state"] = np.random.default_rng(seed)
            try:
                res = stats.bootstrap(data, statistic, method=method, **kwargs)
                low, high = float(res.confidence_interval.low), float(res.confidence_interval.high)
            except Exception:
                low = high = math.nan
    return low, high, method


def rank_correlations(x, y, *, n_resamples: int = 0, seed: int = 0, kendall: bool = True,
                      exact: bool | None = None) -> dict[str, Estimate]:
    """Spearman's rho and Kendall's tau_b with bootstrap intervals and two-sided p-values.

    Parameters
    ----------
    x, y : array_like
        Paired finite samples.
    n_resamples : int, optional
        Bootstrap resamples (0: no interval).
    seed : int, optional
        Seed of the bootstrap generator.
    kendall : bool, optional
        Also compute Kendall's tau_b.
    exact : bool, optional
        Exact permutation p-values (Spearman by enumeration, Kendall by
        scipy's exact null); default: when ``n <= 9``.

    Returns
    -------
    dict
        ``{"spearman": Estimate, "kendall": Estimate}``.
    """
    x, y = _paired(x, y)
    n = x.size
    exact = (n <= EXACT_SPEARMAN_MAX_N) if exact is None else exact
    out: dict[str, Estimate] = {}
    if n < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        out["spearman"] = Estimate("spearman_rho", math.nan, n=n, method="undefined (fewer than 3 cases or a constant sample)")
        if kendall:
            out["kendall"] = Estimate("kendall_tau_b", math.nan, n=n, method=out["spearman"].method)
        return out
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sp = stats.spearmanr(x, y)
    rho = float(sp.statistic)
    p = spearman_exact_p(x, y) if exact else float(sp.pvalue)
    lo, hi, how = bootstrap_ci(_spearman_on_indices(x, y), (x, y), n_resamples=n_resamples, seed=seed,
                               vectorized=True)
    out["spearman"] = Estimate("spearman_rho", rho, lo, hi, p, n, 0.0,
                               f"Spearman; p {'exact permutation' if exact else 't approximation'}; "
                               f"{how} bootstrap CI ({n_resamples} resamples)")
    if kendall:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ties = np.unique(x).size < n or np.unique(y).size < n
            kt = stats.kendalltau(x, y, method="exact" if exact and not ties else "auto")
        if n <= 400:
            stat, vec = _kendall_on_indices(x, y), True
        else:
            def stat(a, b):
                return stats.kendalltau(a, b).statistic
            vec = False
        lo, hi, how = bootstrap_ci(stat, (x, y), n_resamples=n_resamples, seed=seed, vectorized=vec)
        out["kendall"] = Estimate("kendall_tau_b", float(kt.statistic), lo, hi, float(kt.pvalue), n, 0.0,
                                  f"Kendall tau_b; p {'exact' if exact and not ties else 'scipy auto'}; "
                                  f"{how} bootstrap CI ({n_resamples} resamples)")
    return out


# --------------------------------------------------------- classification


@dataclass(frozen=True)
class Confusion:
    """A 2x2 confusion matrix (positive = ``True``)."""

    tp: int
    fn: int
    fp: int
    tn: int

    @property
    def sensitivity(self) -> float:
        """True-positive rate tp / (tp + fn); NaN without positives."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else math.nan

    @property
    def specificity(self) -> float:
        """True-negative rate tn / (tn + fp); NaN without negatives."""
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else math.nan

    @property
    def balanced_accuracy(self) -> float:
        """(sensitivity + specificity) / 2."""
        return (self.sensitivity + self.specificity) / 2

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fn": self.fn, "fp": self.fp, "tn": self.tn,
                "sensitivity": self.sensitivity, "specificity": self.specificity,
                "balanced_accuracy": self.balanced_accuracy}


def confusion(truth, predicted) -> Confusion:
    """Confusion matrix of boolean predictions against boolean truth."""
    t = np.asarray(truth, dtype=bool).ravel()
    p = np.asarray(predicted, dtype=bool).ravel()
    if t.shape != p.shape:
        raise InputError(f"truth and predictions differ in length: {t.size} and {p.size}")
    return Confusion(int(np.sum(t & p)), int(np.sum(t & ~p)), int(np.sum(~t & p)), int(np.sum(~t & ~p)))


def balanced_accuracy(truth, predicted) -> float:
    """Balanced accuracy, the mean of sensitivity and specificity."""
    return confusion(truth, predicted).balanced_accuracy


def auc(labels, scores) -> float:
    r"""ROC AUC as the Mann-Whitney statistic: :math:`U/(n_1 n_0)`, ties counted one half.

    The probability that a random positive scores higher than a random
    negative. NaN without positives or without negatives.
    """
    y = np.asarray(labels, dtype=bool).ravel()
    s = np.asarray(scores, dtype=float).ravel()
    if y.shape != s.shape:
        raise InputError(f"labels and scores differ in length: {y.size} and {s.size}")
    n1, n0 = int(y.sum()), int((~y).sum())
    if n1 == 0 or n0 == 0:
        return math.nan
    ranks = stats.rankdata(s)
    u = float(ranks[y].sum()) - n1 * (n1 + 1) / 2
    return u / (n1 * n0)


def _auc_stat(y, s, axis=-1):
    y = np.asarray(y, dtype=bool)
    ranks = stats.rankdata(s, axis=axis)
    n1 = y.sum(axis=axis)
    n0 = y.shape[axis] - n1
    u = np.sum(np.where(y, ranks, 0.0), axis=axis) - n1 * (n1 + 1) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((n1 > 0) & (n0 > 0), u / np.where(n1 * n0 > 0, n1 * n0, 1), np.nan)


def auc_estimate(labels, scores, *, n_resamples: int = 0, seed: int = 0, name: str = "roc_auc") -> Estimate:
    """ROC AUC with a bootstrap interval and the two-sided Mann-Whitney p-value (null AUC = 0.5)."""
    y = np.asarray(labels, dtype=bool).ravel()
    s = np.asarray(scores, dtype=float).ravel()
    if not np.all(np.isfinite(s)):
        raise InputError("scores must be finite (drop missing cases first and report them)")
    value = auc(y, s)
    n = y.size
    if not math.isfinite(value):
        return Estimate(name, math.nan, n=n, null=0.5, method="undefined (one class empty)")
    p = float(stats.mannwhitneyu(s[y], s[~y], alternative="two-sided").pvalue)
    lo, hi, how = bootstrap_ci(_auc_on_indices(y, s), (y, s), n_resamples=n_resamples, seed=seed,
                               vectorized=True)
    return Estimate(name, value, lo, hi, p, n, 0.5,
                    f"AUC = U/(n1 n0); p two-sided Mann-Whitney; {how} bootstrap CI ({n_resamples} resamples)")


def balanced_accuracy_estimate(truth, predicted, *, n_resamples: int = 0, seed: int = 0) -> Estimate:
    """Balanced accuracy with a bootstrap interval and a Fisher exact p-value (null 0.5).

    The p-value is Fisher's exact test of independence between prediction
    and truth, which is the exact conditional test of "no better than chance".
    """
    t = np.asarray(truth, dtype=bool).ravel()
    p = np.asarray(predicted, dtype=bool).ravel()
    cm = confusion(t, p)
    value = cm.balanced_accuracy
    pval = float(stats.fisher_exact([[cm.tp, cm.fn], [cm.fp, cm.tn]]).pvalue)

    lo, hi, how = bootstrap_ci(_balanced_on_indices(t, p), (t, p), n_resamples=n_resamples, seed=seed,
                               vectorized=True)
    return Estimate("balanced_accuracy", value, lo, hi, pval, t.size, 0.5,
                    f"balanced accuracy; p two-sided Fisher exact on the confusion matrix; {how} bootstrap CI "
                    f"({n_resamples} resamples)")


# ------------------------------------------------------- association tests


def fisher_2x2(table) -> Estimate:
    """Fisher's exact test on a 2x2 table, with the sample odds ratio ``(a d)/(b c)``.

    The interval is the exact conditional interval of
    :func:`scipy.stats.contingency.odds_ratio` (conditional MLE), as
    resampling a 2x2 table with small cells gives infinite ratios.
    """
    tab = np.asarray(table, dtype=np.int64)
    if tab.shape != (2, 2) or np.any(tab < 0):
        raise InputError(f"a 2x2 table of non-negative counts is required, got {table!r}")
    res = stats.fisher_exact(tab)
    ci = stats.contingency.odds_ratio(tab).confidence_interval(CONFIDENCE)
    return Estimate("odds_ratio", float(res.statistic), float(ci.low), float(ci.high), float(res.pvalue),
                    int(tab.sum()), 1.0, "sample odds ratio; p two-sided Fisher exact; exact conditional CI")


def mann_whitney(a, b, *, n_resamples: int = 0, seed: int = 0) -> Estimate:
    """Mann-Whitney U test of ``a`` vs ``b``, reported as the effect size AUC = P(a > b) + P(a = b)/2."""
    a = np.asarray(a, float).ravel()
    b = np.asarray(b, float).ravel()
    labels = np.r_[np.ones(a.size, bool), np.zeros(b.size, bool)]
    est = auc_estimate(labels, np.r_[a, b], n_resamples=n_resamples, seed=seed, name="common_language_effect")
    return est


def permutation_p_difference(errors_a, errors_b, *, n_resamples: int, seed: int) -> float:
    """Two-sided sign-flip permutation p-value for the mean of paired differences ``a - b``."""
    a, b = _paired(errors_a, errors_b)
    d = a - b
    if d.size == 0:
        return math.nan
    res = stats.permutation_test((d,), np.mean, permutation_type="samples", n_resamples=max(int(n_resamples), 1),
                                 alternative="two-sided", random_state=np.random.default_rng(seed))
    return float(res.pvalue)
