"""The paper's guideline as a T_c predictor, beside a machine-learning baseline.

Learner: scikit-learn's :class:`~sklearn.ensemble.HistGradientBoostingRegressor`
and ``...Classifier`` (gradient-boosted trees with histogram binning). Chosen
over LightGBM/XGBoost because it is already a dependency (no extra compiled
library), handles NaN features natively (the tunnel-model quantities are
undefined for some elements), and has a quantile loss, which gives the
screen its uncertainty band without an ensemble.

What is measured (all on the deduplicated data, :mod:`etunnel.validation.deduplicate`):

* **Literature reproduction** on random 5-fold splits, Magpie features:
  Stanev et al. 2018 [1]_ (classifier T_c > 10 K: accuracy ~92%; regressor of
  ln T_c on the T_c > 10 K entries: R^2 ~0.88) and Hamidieh 2018 [2]_
  (regressor of T_c in K on entries with a reported T_c: RMSE 9.5 K, R^2 0.92).
* **The baseline** (regressor of ln(1 + T_c/K) on all entries) under random
  K-fold, grouped K-fold by chemical system (the set of elements, so a
  doping series never straddles train and test) and leave-one-family-out;
  regression R^2, MAE, RMSE [K] and, thresholding the predicted T_c,
  accuracy, ROC-AUC and precision in the top 1% for T_c > 10 K and > 77 K.
  Intervals: mean over folds x seeds with the Nadeau-Bengio corrected
  resampled-t interval [3]_.
* **The guideline** (a) as a score with no fitted weight
  (:func:`guideline_score`), (b) as the only features of a model, (c) as
  extra features beside Magpie (ablation, paired per fold), and permutation
  importance of the baseline.

References
----------
.. [1] V. Stanev et al., npj Comput. Mater. 4, 29 (2018).
.. [2] K. Hamidieh, Comput. Mater. Sci. 154, 346 (2018).
.. [3] C. Nadeau, Y. Bengio, "Inference for the generalization error",
   Machine Learning 52, 239 (2003).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from etunnel.materials import descriptors as de
from etunnel.validation.datasets import CUPRATE, IRON_BASED, OTHER, family

HYDRIDE = "hydride"
#: Families for leave-one-family-out: the loader's three plus hydrides (H present, not cuprate/iron-based).
SCREEN_FAMILIES = (CUPRATE, IRON_BASED, HYDRIDE, OTHER)
THRESHOLDS_K = (10.0, 77.0)
TOP_FRACTION = 0.01
#: Feature sets of the ablation.
FEATURE_SETS = ("magpie", "guideline", "magpie+guideline", "magpie+tunnel")
#: The guideline's rules as the paper words them: (feature, sign: +1 larger is better, -1 smaller is better, quote).
GUIDELINE_RULES = (
    ("x_range", -1, "choose elements with a narrow range of electronegativities"),
    ("size_ratio", +1, "a combination of large and small atoms"),
    ("atoms_per_fu", -1, "steer clear of excessively complex, large compound molecules"),
)
GUIDELINE_NOT_SCORED = ("'avoid elements with excessively high electronegativity' and 'insufficient "
                        "electronegativity' bound an optimum from both sides without stating it, so no "
                        "weight-free score can be formed from them")
#: Boosting settings (fixed, not tuned on the test folds).
HGB_PARAMS = {"max_iter": 100, "learning_rate": 0.15, "max_leaf_nodes": 31, "early_stopping": False}
#: Caps on user-controlled sizes.
MAX_FOLDS, MAX_SEEDS = 20, 20
#: Repeats and test rows of the permutation importance.
PERMUTATION_REPEATS, PERMUTATION_ROWS = 2, 2000
#: Training fractions of the learning curves.
LEARNING_FRACTIONS = (0.05, 0.2, 0.5, 1.0)


def screen_family(elements) -> str:
    """:func:`etunnel.validation.datasets.family`, with hydrides (H, neither cuprate nor iron-based) apart."""
    f = family(elements)
    if f == OTHER and "H" in set(elements):
        return HYDRIDE
    return f


def chemical_system(elements) -> str:
    """The sorted element set, e.g. ``"B-Mg"``: the group of grouped K-fold."""
    return "-".join(sorted(elements))


# ---------------------------------------------------------------- features


def features(compositions: Sequence[Mapping[str, float]], feature_set: str = "magpie+guideline", *,
             size_convention: str = de.DEFAULT_SIZE_CONVENTION) -> pd.DataFrame:
    """Feature matrix of a named set (see :data:`FEATURE_SETS`)."""
    if feature_set not in FEATURE_SETS:
        raise ValueError(f"feature_set must be one of {', '.join(FEATURE_SETS)}, got {feature_set!r}")
    p = de.pad(compositions)
    parts = []
    if "magpie" in feature_set:
        parts.append(de.magpie_features(p))
    if "guideline" in feature_set:
        parts.append(de.guideline_features(compositions, size_convention=size_convention, padded=p))
    if "tunnel" in feature_set:
        parts.append(de.tunnel_features(p))
    return pd.concat(parts, axis=1)


# ---------------------------------------------------------------- metrics


def weighted_auc(labels: np.ndarray, scores: np.ndarray, weights: np.ndarray | None = None) -> float:
    """ROC-AUC (Mann-Whitney form, ties count one half), with optional case weights.

    .. math:: \\mathrm{AUC} = P(s_+ > s_-) + \\tfrac12 P(s_+ = s_-)

    NaN when one class is absent. Weights let a bootstrap resample be a
    vector of counts on the original cases (O(n) per resample).
    """
    labels = np.asarray(labels, bool)
    scores = np.asarray(scores, float)
    w = np.ones(len(scores)) if weights is None else np.asarray(weights, float)
    uniq, inv = np.unique(scores, return_inverse=True)
    pos = np.bincount(inv, weights=w * labels, minlength=len(uniq))
    neg = np.bincount(inv, weights=w * ~labels, minlength=len(uniq))
    wp, wn = pos.sum(), neg.sum()
    if wp == 0 or wn == 0:
        return math.nan
    below = np.cumsum(neg) - neg
    return float((pos * (below + 0.5 * neg)).sum() / (wp * wn))


def precision_at_top(labels: np.ndarray, scores: np.ndarray, fraction: float = TOP_FRACTION) -> float:
    """Fraction of positives among the top ``fraction`` of cases by score (at least one case)."""
    labels = np.asarray(labels, bool)
    k = max(1, int(round(fraction * len(labels))))
    order = np.argsort(-np.asarray(scores, float), kind="stable")[:k]
    return float(labels[order].mean())


def r2_score(y_true, y_pred) -> float:
    """Coefficient of determination :math:`1 - \\sum (y - \\hat y)^2 / \\sum (y - \\bar y)^2`; NaN if y is constant."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2)) if len(y_true) else 0.0
    if ss_tot == 0.0:
        return math.nan
    return 1.0 - float(np.sum((y_true - y_pred) ** 2)) / ss_tot


def regression_metrics(tc_true: np.ndarray, tc_pred: np.ndarray) -> dict:
    """R^2, MAE [K], RMSE [K] of T_c, plus R^2 of ln(1 + T_c/K)."""
    err = tc_pred - tc_true
    return {"r2": float(r2_score(tc_true, tc_pred)), "mae_K": float(np.mean(np.abs(err))),
            "rmse_K": float(np.sqrt(np.mean(err**2))),
            "r2_log": float(r2_score(np.log1p(tc_true), np.log1p(np.clip(tc_pred, 0, None))))}


def classification_metrics(tc_true: np.ndarray, score: np.ndarray, *, predicted_tc: np.ndarray | None = None) -> dict:
    """Per threshold: accuracy (of ``predicted_tc > threshold``), ROC-AUC and precision in the top 1%."""
    out = {}
    for th in THRESHOLDS_K:
        y = tc_true > th
        row = {"roc_auc": weighted_auc(y, score), "precision_top1pct": precision_at_top(y, score),
               "base_rate": float(y.mean())}
        if predicted_tc is not None:
            row["accuracy"] = float(np.mean((predicted_tc > th) == y))
        out[f"tc_gt_{th:g}K"] = row
    return out


def flatten(metrics: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in metrics.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def corrected_interval(values: Sequence[float], test_fraction: float, level: float = 0.95) -> dict:
    """Mean and Nadeau-Bengio corrected resampled-t interval over folds x seeds.

    .. math:: \\hat\\sigma^2_{c} = \\left(\\frac1k + \\frac{n_2}{n_1}\\right) s^2

    (Nadeau & Bengio 2003, Eq. (15)), with ``test_fraction`` = n_2/(n_1+n_2).
    """
    v = np.asarray([x for x in values if x is not None and math.isfinite(x)], float)
    if v.size == 0:
        return {"mean": None, "low": None, "high": None, "n": 0}
    mean = float(v.mean())
    if v.size < 2:
        return {"mean": mean, "low": None, "high": None, "n": int(v.size)}
    ratio = test_fraction / (1.0 - test_fraction)
    se = math.sqrt((1.0 / v.size + ratio) * v.var(ddof=1))
    t = stats.t.ppf(0.5 + level / 2, v.size - 1)
    return {"mean": mean, "low": mean - t * se, "high": mean + t * se, "n": int(v.size)}


# ---------------------------------------------------------------- guideline score


def guideline_score(guide: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """The guideline as a score: no fitted weight.

    Each rule of :data:`GUIDELINE_RULES` becomes the percentile (0..1) of the
    candidate's feature within ``reference`` (default: ``guide`` itself),
    oriented so that 1 is what the paper recommends; the score is their plain
    mean. A rule whose feature is NaN is left out of that candidate's mean.

    Returns
    -------
    pandas.DataFrame
        Columns ``rule_<feature>`` per rule and ``score``.
    """
    ref = guide if reference is None else reference
    out = {}
    for feat, sign, _ in GUIDELINE_RULES:
        r = np.sort(ref[feat].to_numpy(float))
        r = r[np.isfinite(r)]
        v = guide[feat].to_numpy(float)
        # mid-rank percentile: ties share the middle of their block
        pct = (np.searchsorted(r, v, "left") + np.searchsorted(r, v, "right")) / (2.0 * len(r))
        pct = np.where(np.isfinite(v), pct, np.nan)
        out[f"rule_{feat}"] = pct if sign > 0 else 1.0 - pct
    frame = pd.DataFrame(out, index=guide.index)
    frame["score"] = frame.mean(axis=1, skipna=True)
    return frame


def bootstrap_auc(labels, scores, *, n_boot: int = 500, seed: int = 0) -> dict:
    """ROC-AUC with a percentile bootstrap interval (resampling cases)."""
    labels = np.asarray(labels, bool)
    scores = np.asarray(scores, float)
    ok = np.isfinite(scores)
    labels, scores = labels[ok], scores[ok]
    rng = np.random.default_rng(seed)
    n = len(labels)
    boots = [weighted_auc(labels, scores, rng.multinomial(n, np.full(n, 1.0 / n))) for _ in range(n_boot)]
    lo, hi = np.nanpercentile(boots, [2.5, 97.5])
    return {"value": weighted_auc(labels, scores), "low": float(lo), "high": float(hi), "n": int(n)}


def evaluate_guideline_score(tc: np.ndarray, score: pd.DataFrame, families: np.ndarray, *,
                             n_boot: int = 500, seed: int = 0) -> dict:
    """(a) the weight-free score vs random ranking: ROC-AUC and enrichment at the top 1%.

    Random ranking has AUC 0.5 and enrichment 1 by construction; the
    enrichment interval is a bootstrap percentile interval, and the AUC is
    also given within each family (does the rule rank *inside* a family?).
    """
    out = {}
    rng = np.random.default_rng(seed)
    n = len(tc)
    for th in THRESHOLDS_K:
        y = tc > th
        row = {"base_rate": float(y.mean())}
        for col in [c for c in score.columns]:
            s = score[col].to_numpy(float)
            auc = bootstrap_auc(y, s, n_boot=n_boot, seed=seed)
            ok = np.isfinite(s)
            prec = precision_at_top(y[ok], s[ok])
            enr = []
            for _ in range(min(n_boot, 200)):
                idx = rng.integers(0, n, n)
                yy, ss = y[idx], s[idx]
                m = np.isfinite(ss)
                enr.append(precision_at_top(yy[m], ss[m]) / max(yy[m].mean(), 1e-12))
            lo, hi = np.percentile(enr, [2.5, 97.5])
            fam = {f: weighted_auc(y[families == f], s[families == f]) for f in SCREEN_FAMILIES}
            row[col] = {"roc_auc": auc, "precision_top1pct": prec,
                        "enrichment_top1pct": {"value": prec / y.mean() if y.mean() > 0 else None,
                                               "low": float(lo), "high": float(hi)},
                        "roc_auc_within_family": fam}
        out[f"tc_gt_{th:g}K"] = row
    return out


# ---------------------------------------------------------------- models


def limit_threads(n: int = 1):
    """Context capping OpenMP/BLAS threads (HistGradientBoosting's OpenMP spins badly on a shared CPU)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=n)


def _regressor(seed: int, **kw):
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(random_state=seed, **{**HGB_PARAMS, **kw})


def _classifier(seed: int):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=seed, **HGB_PARAMS)


def random_folds(n: int, k: int, seed: int):
    from sklearn.model_selection import KFold

    return list(KFold(k, shuffle=True, random_state=seed).split(np.zeros(n)))


def grouped_folds(groups: np.ndarray, k: int, seed: int):
    """K folds with every group in exactly one test fold; groups shuffled by ``seed``."""
    from sklearn.model_selection import GroupKFold

    uniq, inv = np.unique(groups, return_inverse=True)
    perm = np.random.default_rng(seed).permutation(len(uniq))
    return list(GroupKFold(k).split(np.zeros(len(groups)), groups=perm[inv]))


def family_folds(families: np.ndarray):
    return [(f, np.flatnonzero(families != f), np.flatnonzero(families == f))
            for f in SCREEN_FAMILIES if np.any(families == f)]


def _fit_predict(X: np.ndarray, target: np.ndarray, train, test, seed: int) -> np.ndarray:
    return _regressor(seed).fit(X[train], target[train]).predict(X[test])


def baseline_fold_metrics(X: np.ndarray, tc: np.ndarray, train, test, seed: int,
                          store: np.ndarray | None = None) -> dict:
    """Fit the baseline (ln(1 + T_c/K)) on ``train``, score ``test`` (predictions into ``store[test]``)."""
    pred = np.expm1(_fit_predict(X, np.log1p(tc), train, test, seed)).clip(0, None)
    if store is not None:
        store[test] = pred
    return flatten({**regression_metrics(tc[test], pred),
                    **classification_metrics(tc[test], pred, predicted_tc=pred)})


def summarise(rows: list[dict], test_fraction: float) -> dict:
    keys = sorted({k for r in rows for k in r if isinstance(r[k], (int, float))})
    return {k: corrected_interval([r.get(k) for r in rows], test_fraction) for k in keys}


@dataclass(frozen=True)
class Data:
    """Deduplicated compositions with their features and groups."""

    formulas: list
    compositions: list
    tc: np.ndarray
    families: np.ndarray
    systems: np.ndarray
    feats: dict  # feature set -> DataFrame

    @classmethod
    def build(cls, formulas, compositions, tc, *, sets=FEATURE_SETS) -> "Data":
        p = de.pad(compositions)
        mag = de.magpie_features(p)
        gl = de.guideline_features(compositions, padded=p)
        tun = de.tunnel_features(p)
        parts = {"magpie": mag, "guideline": gl, "tunnel": tun}
        feats = {s: pd.concat([parts[x] for x in s.split("+")], axis=1) for s in sets}
        els = [tuple(c) for c in compositions]
        return cls(list(formulas), list(compositions), np.asarray(tc, float),
                   np.array([screen_family(e) for e in els]), np.array([chemical_system(e) for e in els]), feats)


def run_cv(data: Data, feature_set: str, splits: list, seeds_used: list[int]) -> list[dict]:
    X = data.feats[feature_set].to_numpy(float)
    rows = []
    for (train, test), seed in zip(splits, seeds_used):
        rows.append(baseline_fold_metrics(X, data.tc, train, test, seed))
    return rows


def literature_reproduction(data: Data, *, k: int, seeds: Sequence[int], tick: Callable[[], None]) -> dict:
    """Stanev 2018 and Hamidieh 2018 set-ups on random K-fold, Magpie features."""
    X = data.feats["magpie"].to_numpy(float)
    tc = data.tc
    above = np.flatnonzero(tc > 10.0)
    reported = np.flatnonzero(tc > 0.0)
    acc, r2log, rmse_h, r2_h = [], [], [], []
    for seed in seeds:
        for train, test in random_folds(len(tc), k, seed):
            clf = _classifier(seed).fit(X[train], tc[train] > 10.0)
            acc.append(float(np.mean(clf.predict(X[test]) == (tc[test] > 10.0))))
            tick()
        for train, test in random_folds(len(above), k, seed):
            tr, te = above[train], above[test]
            pred = _regressor(seed).fit(X[tr], np.log(tc[tr])).predict(X[te])
            r2log.append(float(r2_score(np.log(tc[te]), pred)))
            tick()
        for train, test in random_folds(len(reported), k, seed):
            tr, te = reported[train], reported[test]
            pred = _regressor(seed).fit(X[tr], tc[tr]).predict(X[te])
            rmse_h.append(float(np.sqrt(np.mean((pred - tc[te]) ** 2))))
            r2_h.append(float(r2_score(tc[te], pred)))
            tick()
    tf = 1.0 / k
    return {
        "stanev_accuracy_tc_gt_10K": {**corrected_interval(acc, tf), "published": 0.92,
                                      "rows": int(len(tc))},
        "stanev_r2_ln_tc_tc_gt_10K": {**corrected_interval(r2log, tf), "published": 0.88, "rows": int(len(above))},
        "hamidieh_rmse_K_tc_gt_0": {**corrected_interval(rmse_h, tf), "published": 9.5, "rows": int(len(reported))},
        "hamidieh_r2_tc_gt_0": {**corrected_interval(r2_h, tf), "published": 0.92, "rows": int(len(reported))},
    }


def learning_curve(data: Data, *, seed: int, fractions: Sequence[float] | None = None,
                   tick: Callable[[], None]) -> dict:
    """Test R^2 of ln(1 + T_c/K) against training size, random and grouped 80/20 splits."""
    fractions = tuple(fractions or LEARNING_FRACTIONS)
    X = data.feats["magpie"].to_numpy(float)
    y = np.log1p(data.tc)
    out = {"fractions": list(fractions)}
    rng = np.random.default_rng(seed)
    for name, (train, test) in (("random", random_folds(len(y), 5, seed)[0]),
                                ("grouped", grouped_folds(data.systems, 5, seed)[0])):
        train = rng.permutation(train)
        sizes, train_r2, test_r2 = [], [], []
        for f in fractions:
            sub = train[: max(50, int(f * len(train)))]
            m = _regressor(seed).fit(X[sub], y[sub])
            sizes.append(int(len(sub)))
            train_r2.append(float(r2_score(y[sub], m.predict(X[sub]))))
            test_r2.append(float(r2_score(y[test], m.predict(X[test]))))
            tick()
        out[name] = {"train_size": sizes, "train_r2_log": train_r2, "test_r2_log": test_r2}
    return out


def permutation_importances(data: Data, *, seed: int, n_repeats: int | None = None, top: int = 15) -> dict:
    """Permutation importance (drop in test R^2 of ln(1 + T_c/K)) of the Magpie + guideline model.

    One grouped 80/20 split; the guideline features are always listed.
    """
    from sklearn.inspection import permutation_importance

    frame = data.feats["magpie+guideline"]
    X = frame.to_numpy(float)
    y = np.log1p(data.tc)
    train, test = grouped_folds(data.systems, 5, seed)[0]
    m = _regressor(seed).fit(X[train], y[train])
    n_repeats = n_repeats or PERMUTATION_REPEATS
    sub = np.random.default_rng(seed).permutation(test)[:PERMUTATION_ROWS]
    res = permutation_importance(m, X[sub], y[sub], n_repeats=n_repeats, random_state=seed, scoring="r2")
    order = np.argsort(-res.importances_mean)
    names = list(frame.columns)
    pick = list(order[:top]) + [names.index(g) for g in de.GUIDELINE_FEATURES if names.index(g) not in order[:top]]
    return {"split": "grouped by chemical system, 80/20", "n_test_rows": int(len(sub)), "n_repeats": n_repeats,
            "features": [{"feature": names[i], "rank": int(np.flatnonzero(order == i)[0]) + 1,
                          "importance_mean": float(res.importances_mean[i]),
                          "importance_std": float(res.importances_std[i])} for i in pick]}


def evaluate(data: Data, *, k: int = 5, n_seeds: int = 2, n_seeds_ablation: int = 1, n_boot: int = 500,
             seed: int = 0, tick: Callable[[str], None] | None = None) -> dict:
    """The whole evaluation (see module docstring). ``tick(name)`` is called after each fit."""
    if not (2 <= k <= MAX_FOLDS):
        raise ValueError(f"k (folds) must be in [2, {MAX_FOLDS}], got {k}")
    for name, v in (("n_seeds", n_seeds), ("n_seeds_ablation", n_seeds_ablation)):
        if not (1 <= v <= MAX_SEEDS):
            raise ValueError(f"{name} must be in [1, {MAX_SEEDS}], got {v}")
    with limit_threads(1):
        return _evaluate(data, k=k, n_seeds=n_seeds, n_seeds_ablation=n_seeds_ablation, n_boot=n_boot, seed=seed,
                         step=tick or (lambda name: None))


def _evaluate(data: Data, *, k: int, n_seeds: int, n_seeds_ablation: int, n_boot: int, seed: int,
              step: Callable[[str], None]) -> dict:
    seeds = [seed + i for i in range(n_seeds)]
    tf = 1.0 / k
    n = len(data.tc)
    out: dict = {"rows": int(n), "folds": k, "seeds": seeds, "hgb_params": dict(HGB_PARAMS),
                 "family_counts": {f: int(np.sum(data.families == f)) for f in SCREEN_FAMILIES},
                 "chemical_systems": int(len(np.unique(data.systems)))}

    out["literature"] = literature_reproduction(data, k=k, seeds=seeds[:1],
                                                tick=lambda: step("literature set-ups"))

    def splits_for(kind: str, seed_list):
        sp, sd = [], []
        for s in seed_list:
            folds = random_folds(n, k, s) if kind == "random" else grouped_folds(data.systems, k, s)
            sp += folds
            sd += [s] * len(folds)
        return sp, sd

    per_fold: dict = {}
    results: dict = {}
    oof: dict = {}  # out-of-fold predictions of the first seed, Magpie baseline (parity and ROC figures)
    for kind in ("random", "grouped"):
        sp, sd = splits_for(kind, seeds)
        for fs in ("magpie", "guideline", "magpie+guideline", "magpie+tunnel"):
            use = len(sp) if fs in ("magpie", "guideline") else k * n_seeds_ablation
            rows = []
            X = data.feats[fs].to_numpy(float)
            for j, ((train, test), s) in enumerate(zip(sp[:use], sd[:use])):
                keep = oof.setdefault(kind, np.full(n, np.nan)) if fs == "magpie" and j < k else None
                rows.append(baseline_fold_metrics(X, data.tc, train, test, s, store=keep))
                step(f"{kind} {k}-fold, {fs}")
            per_fold[(kind, fs)] = rows
            results.setdefault(kind, {})[fs] = summarise(rows, tf)
    out["cv"] = results

    # leave-one-family-out
    lofo = {}
    for fs in ("magpie", "guideline"):
        X = data.feats[fs].to_numpy(float)
        lofo[fs] = {}
        for fam, train, test in family_folds(data.families):
            lofo[fs][fam] = {"n_test": int(len(test)), **baseline_fold_metrics(X, data.tc, train, test, seed)}
            step(f"leave-one-family-out, {fs}")
    out["leave_one_family_out"] = lofo

    # ablation: paired differences against Magpie alone, same folds and seeds
    abl = {}
    for kind in ("random", "grouped"):
        base = per_fold[(kind, "magpie")][: k * n_seeds_ablation]
        for fs in ("magpie+guideline", "magpie+tunnel"):
            other = per_fold[(kind, fs)]
            abl.setdefault(kind, {})[fs] = {
                key: corrected_interval([o[key] - b[key] for o, b in zip(other, base)], tf)
                for key in ("r2", "r2_log", "mae_K", "rmse_K", "tc_gt_10K.roc_auc", "tc_gt_77K.roc_auc")}
    out["ablation_delta_vs_magpie"] = abl

    g = guideline_score(data.feats["guideline"])
    out["guideline_score"] = evaluate_guideline_score(data.tc, g, data.families, n_boot=n_boot, seed=seed)
    out["guideline_rules"] = [{"feature": f, "direction": "larger is better" if s > 0 else "smaller is better",
                               "paper": q} for f, s, q in GUIDELINE_RULES]
    out["guideline_not_scored"] = GUIDELINE_NOT_SCORED
    out["learning_curve"] = learning_curve(data, seed=seed, tick=lambda: step("learning curves"))
    out["permutation_importance"] = permutation_importances(data, seed=seed)
    step("permutation importance")
    out["parity"] = {**oof, "tc": data.tc, "guideline_score": g["score"].to_numpy()}
    return out


def expected_fits(k: int = 5, n_seeds: int = 2, n_seeds_ablation: int = 1) -> int:
    """Number of ``tick`` calls :func:`evaluate` makes (for a progress bar)."""
    lit = 3 * k
    cv = 2 * (2 * k * n_seeds + 2 * k * n_seeds_ablation)
    return lit + cv + 2 * len(SCREEN_FAMILIES) + 2 * len(LEARNING_FRACTIONS) + 1
