"""Use case: screen candidate compositions, and evaluate the paper's guideline as a predictor.

:func:`screen` ranks candidates by the paper's guideline score (no fitted
weights) and by a gradient-boosted baseline's predicted T_c with a 10-90%
quantile band, flags candidates outside the training distribution and names
the nearest known compounds with their measured T_c. :func:`evaluate_guideline`
runs the whole evaluation of :mod:`etunnel.validation.predictors` and writes
the report page.

The model is trained from the SuperCon file the user gives and cached on
disk under ``$XDG_CACHE_HOME/etunnel/screen`` (default ``~/.cache``), keyed
by the SHA-256 of that file, the feature schema and the scikit-learn
version. Nothing trained is shipped with the package.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from etunnel.checks import InputError
from etunnel.services.base import Result

#: Bump when features or model change: old cache files are then ignored.
SCHEMA_VERSION = 1
#: Cap on candidates per call.
MAX_CANDIDATES = 200_000
#: Nearest known compounds named per candidate.
N_NEIGHBOURS = 3
#: A candidate is out of distribution when its distance to the nearest training
#: composition (standardised Magpie space) exceeds this quantile of the training set's own.
OOD_QUANTILE = 0.99
QUANTILES = (0.1, 0.9)
#: Columns accepted as the formula column of a candidates file.
FORMULA_COLUMNS = ("formula", "name", "composition")
FEATURE_SET = "magpie+guideline"
#: An element symbol followed by an amount of zero ("Mg0B2"), which pymatgen silently drops.
_ZERO_AMOUNT = re.compile(r"([A-Z][a-z]?)(0+(?:\.0*)?)(?![\d.])")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/etunnel/screen``, or ``~/.cache/etunnel/screen``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "etunnel" / "screen"


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ------------------------------------------------------------------ input


@dataclass(frozen=True)
class BadRow:
    """A candidate that could not be used: 1-based row (or position), text, reason."""

    row: int
    formula: str
    reason: str


def parse_candidates(formulas: Sequence[str], *, skip_bad: bool = False, where: str = "candidate"
                     ) -> tuple[list[tuple[int, str, dict]], list[BadRow]]:
    """Parse formulas; refuse the first bad one (naming its row) unless ``skip_bad``.

    Raises
    ------
    InputError
        ``"<where> 3 ('Xx2'): ..."`` for an unparseable formula, unknown
        element, or zero/negative amount, when ``skip_bad`` is false.
    """
    from etunnel.materials.compounds import parse_formula
    from etunnel.materials.descriptors import MAX_Z, _index

    if len(formulas) == 0:
        raise InputError("no candidate formulas given")
    if len(formulas) > MAX_CANDIDATES:
        raise InputError(f"at most {MAX_CANDIDATES} candidates per run, got {len(formulas)}")
    good, bad = [], []
    lookup = _index()
    seen: dict[str, dict] = {}  # each distinct text parsed once
    for i, text in enumerate(formulas, start=1):
        if not isinstance(text, str):
            raise TypeError(f"{where} {i}: formula must be a string, got {type(text).__name__}")
        if text in seen:
            good.append((i, text, seen[text]))
            continue
        try:
            zero = _ZERO_AMOUNT.search(text)
            if zero:
                raise ValueError(f"amount of {zero.group(1)} is zero ({zero.group(0)!r}); amounts must be > 0")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                amounts = parse_formula(text)
            outside = [el for el in amounts if el not in lookup]
            if outside:
                raise ValueError(f"elements {outside} are beyond Z = {MAX_Z}")
        except ValueError as exc:
            reason = " ".join(str(exc).split())
            if not skip_bad:
                raise InputError(f"{where} {i} ({text!r}): {reason}; use --skip-bad to report and skip "
                                 "bad rows") from None
            bad.append(BadRow(i, text, reason))
            continue
        seen[text] = amounts
        good.append((i, text, amounts))
    if not good:
        raise InputError(f"no usable candidate: all {len(bad)} rows failed (first: row {bad[0].row} "
                         f"{bad[0].formula!r}: {bad[0].reason})")
    return good, bad


def read_candidates_file(path: str | Path) -> list[str]:
    """Formulas from a CSV with a ``formula`` (or ``name``/``composition``) column.

    Raises
    ------
    InputError
        Missing file, unreadable or empty CSV, no formula column (naming the
        columns found), or an empty formula cell (naming the row).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"candidates file {str(path)!r} does not exist")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path.name}: empty file; expected a CSV with a 'formula' column") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name}: not a readable CSV file: {' '.join(str(exc).split())}") from None
    cols = {c.strip().lower(): c for c in raw.columns}
    col = next((cols[c] for c in FORMULA_COLUMNS if c in cols), None)
    if col is None:
        raise InputError(f"{path.name}: no formula column; expected one of {list(FORMULA_COLUMNS)}, "
                         f"found {[str(c) for c in raw.columns]}")
    if raw.empty:
        raise InputError(f"{path.name}: no data rows")
    if len(raw) > MAX_CANDIDATES:
        raise InputError(f"{path.name}: at most {MAX_CANDIDATES} candidates per run, got {len(raw)}")
    names = raw[col].str.strip()
    empty = np.flatnonzero(names.to_numpy() == "")
    if empty.size:
        raise InputError(f"{path.name}: row {int(empty[0]) + 1} has an empty formula")
    return list(names)


# ------------------------------------------------------------------ model


@dataclass
class ScreenModel:
    """The trained screen: regressors, the training set's descriptors, and provenance."""

    sha256: str
    supercon: str
    n_train: int
    point: object
    low: object
    high: object
    columns: list
    formulas: list
    keys: list
    tc: np.ndarray
    magpie_mean: np.ndarray
    magpie_scale: np.ndarray
    magpie_z: np.ndarray
    ood_threshold: float
    elements: frozenset
    families: np.ndarray
    guideline_ref: pd.DataFrame
    dedup: dict
    _nn: object = None

    def neighbours(self, z: np.ndarray, k: int):
        from sklearn.neighbors import NearestNeighbors

        if self._nn is None:
            self._nn = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(self.magpie_z)
        return self._nn.kneighbors(z, n_neighbors=k)


def _standardise(magpie: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return (magpie - mean) / scale


def train_model(supercon: str | Path, *, seed: int = 0, progress: Callable[[str], None] | None = None) -> ScreenModel:
    """Train the screen from a SuperCon-format file (deduplicated first)."""
    from sklearn.neighbors import NearestNeighbors

    from etunnel.materials.descriptors import GUIDELINE_FEATURES, composition_key
    from etunnel.validation import predictors as pr
    from etunnel.validation.datasets import load_supercon
    from etunnel.validation.deduplicate import deduplicate

    note = progress or (lambda s: None)
    note("reading SuperCon")
    sha = file_sha256(supercon)
    dd = deduplicate(load_supercon(supercon).frame)
    data = pr.Data.build(dd.frame["formula"], dd.frame["amounts"], dd.frame["tc_K"], sets=("magpie", FEATURE_SET))
    X = data.feats[FEATURE_SET]
    y = np.log1p(data.tc)
    note("training the baseline")
    with pr.limit_threads(1):
        point = pr._regressor(seed).fit(X.to_numpy(float), y)
        note("training the quantile band")
        low = pr._regressor(seed, loss="quantile", quantile=QUANTILES[0]).fit(X.to_numpy(float), y)
        high = pr._regressor(seed, loss="quantile", quantile=QUANTILES[1]).fit(X.to_numpy(float), y)
    mag = data.feats["magpie"].to_numpy(float)
    mean, scale = mag.mean(axis=0), mag.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    z = _standardise(mag, mean, scale)
    note("training-set distances")
    dist, _ = NearestNeighbors(n_neighbors=2, algorithm="brute").fit(z).kneighbors(z)
    threshold = float(np.quantile(dist[:, 1], OOD_QUANTILE))
    return ScreenModel(sha256=sha, supercon=str(supercon), n_train=int(len(y)), point=point, low=low, high=high,
                       columns=list(X.columns), formulas=list(data.formulas),
                       keys=[composition_key(a) for a in data.compositions], tc=data.tc,
                       magpie_mean=mean, magpie_scale=scale, magpie_z=z, ood_threshold=threshold,
                       elements=frozenset(el for c in data.compositions for el in c), families=data.families,
                       guideline_ref=data.feats[FEATURE_SET][list(GUIDELINE_FEATURES)].copy(),
                       dedup=dd.summary())


def _cache_path(sha: str) -> Path:
    import sklearn

    return cache_dir() / f"screen-{sha[:20]}-v{SCHEMA_VERSION}-sklearn{sklearn.__version__}.joblib"


def load_or_train(supercon: str | Path, *, progress: Callable[[str], None] | None = None,
                  use_cache: bool = True) -> tuple[ScreenModel, str]:
    """The cached model for this file (by content hash), training and caching it if absent.

    Returns the model and ``"cache"`` or ``"trained"``. A cache file that
    cannot be read is retrained over, never trusted.
    """
    import joblib

    path = Path(supercon)
    if not path.is_file():
        raise InputError(f"SuperCon file {str(path)!r} does not exist")
    sha = file_sha256(path)
    target = _cache_path(sha)
    if use_cache and target.is_file():
        try:
            model = joblib.load(target)
            if isinstance(model, ScreenModel) and model.sha256 == sha:
                return model, "cache"
        except Exception:  # a truncated or foreign cache file: retrain
            pass
    model = train_model(path, progress=progress)
    if use_cache:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            joblib.dump(model, tmp)
            os.replace(tmp, target)
        finally:
            if tmp.exists():
                tmp.unlink()
    return model, "trained"


# ------------------------------------------------------------------ screening


@dataclass(frozen=True)
class Neighbour:
    formula: str
    tc_K: float
    distance: float


@dataclass(frozen=True)
class Candidate:
    """One screened composition.

    Attributes
    ----------
    row : int
        Position in the input (1-based; file row for ``--file``).
    formula : str
    family : str
    guideline_score : float
        Mean of the rule percentiles, 0..1 (1: what the paper recommends).
    guideline_rules : dict
        Each rule's percentile within the training set.
    features : dict
        The guideline features (units in ``etunnel.materials.descriptors.GUIDELINE_FEATURES``).
    predicted_tc_K, tc_low_K, tc_high_K : float
        Baseline prediction and its 10-90% quantile band [K].
    rank_guideline, rank_predicted : int
        1 = best among the candidates.
    out_of_distribution : bool
    ood_reasons : list of str
    nearest_distance : float
        Distance to the nearest training composition, standardised Magpie space [1].
    measured_tc_K : float or None
        Median measured T_c when this composition is in the training data.
    nearest : list of Neighbour
    """

    row: int
    formula: str
    family: str
    guideline_score: float
    guideline_rules: dict
    features: dict
    predicted_tc_K: float
    tc_low_K: float
    tc_high_K: float
    rank_guideline: int
    rank_predicted: int
    out_of_distribution: bool
    ood_reasons: list
    nearest_distance: float
    measured_tc_K: float | None
    nearest: list


@dataclass(frozen=True)
class ScreenResult(Result):
    """Candidates (input order), skipped rows, and the model's provenance and assumptions."""

    candidates: list
    skipped: list
    model: dict
    assumptions: dict = field(default_factory=dict)


def screen_compositions(model: ScreenModel, parsed: list[tuple[int, str, dict]], *,
                        progress: Callable[[int, int], None] | None = None, chunk: int = 5000) -> list[Candidate]:
    """Score parsed candidates with a trained model."""
    from etunnel.materials.descriptors import GUIDELINE_FEATURES, composition_key
    from etunnel.validation import predictors as pr

    n = len(parsed)
    comps = [p[2] for p in parsed]
    parts = []
    for start in range(0, n, chunk):
        parts.append(pr.features(comps[start:start + chunk], FEATURE_SET))
        if progress:
            progress(min(start + chunk, n), n)
    X = pd.concat(parts, ignore_index=True)
    Xn = X[model.columns].to_numpy(float)
    with pr.limit_threads(1):
        pred = np.expm1(model.point.predict(Xn)).clip(0, None)
        q = np.sort(np.stack([model.low.predict(Xn), model.high.predict(Xn)]), axis=0)
    lo, hi = np.expm1(q[0]).clip(0, None), np.expm1(q[1]).clip(0, None)
    guide = X[list(GUIDELINE_FEATURES)]
    score = pr.guideline_score(guide, model.guideline_ref)
    mag_cols = [c for c in model.columns if c.startswith("MagpieData")]
    z = _standardise(X[mag_cols].to_numpy(float), model.magpie_mean, model.magpie_scale)
    dist, idx = model.neighbours(z, N_NEIGHBOURS)
    known = {k: i for i, k in enumerate(model.keys)}
    rank_g = _ranks(score["score"].to_numpy())
    rank_p = _ranks(pred)
    rule_cols = [c for c in score.columns if c.startswith("rule_")]
    rules = score[rule_cols].to_numpy(float)
    total = score["score"].to_numpy(float)
    gvals = guide.to_numpy(float)
    gnames = list(guide.columns)
    out = []
    for j, (row, text, amounts) in enumerate(parsed):
        reasons = []
        unseen = sorted(set(amounts) - model.elements)
        if unseen:
            reasons.append(f"elements absent from training data: {', '.join(unseen)}")
        if dist[j, 0] > model.ood_threshold:
            reasons.append(f"nearest training composition at distance {dist[j, 0]:.3g} > {model.ood_threshold:.3g} "
                           f"(the {OOD_QUANTILE:.0%} quantile of training nearest-neighbour distances)")
        hit = known.get(composition_key(amounts))
        out.append(Candidate(
            row=row, formula=text, family=pr.screen_family(tuple(amounts)),
            guideline_score=float(total[j]),
            guideline_rules={c[5:]: _num(v) for c, v in zip(rule_cols, rules[j])},
            features={c: _num(v) for c, v in zip(gnames, gvals[j])},
            predicted_tc_K=float(pred[j]), tc_low_K=float(lo[j]), tc_high_K=float(hi[j]),
            rank_guideline=int(rank_g[j]), rank_predicted=int(rank_p[j]),
            out_of_distribution=bool(reasons), ood_reasons=reasons, nearest_distance=float(dist[j, 0]),
            measured_tc_K=None if hit is None else float(model.tc[hit]),
            nearest=[Neighbour(model.formulas[i], float(model.tc[i]), float(d)) for d, i in zip(dist[j], idx[j])]))
    return out


def _num(v) -> float | None:
    v = float(v)
    return v if math.isfinite(v) else None


def _ranks(values: np.ndarray) -> np.ndarray:
    """1 = largest; NaN last."""
    v = np.where(np.isfinite(values), values, -np.inf)
    order = np.argsort(-v, kind="stable")
    ranks = np.empty(len(v), dtype=int)
    ranks[order] = np.arange(1, len(v) + 1)
    return ranks


def model_info(model: ScreenModel, origin: str) -> dict:
    import sklearn

    from etunnel.validation.predictors import HGB_PARAMS

    return {"supercon": model.supercon, "sha256": model.sha256, "training_rows": model.n_train,
            "origin": origin, "cache_dir": str(cache_dir()), "learner": f"scikit-learn {sklearn.__version__} "
            f"HistGradientBoostingRegressor {HGB_PARAMS}", "target": "ln(1 + T_c/K)", "features": FEATURE_SET,
            "deduplication": model.dedup}


def assumptions() -> dict:
    from etunnel.materials.descriptors import DEFAULT_SIZE_CONVENTION
    from etunnel.validation.predictors import GUIDELINE_NOT_SCORED, GUIDELINE_RULES

    return {
        "guideline_score": "mean of rule percentiles within the training set, no fitted weights; rules: "
                           + "; ".join(f"{f} ({'larger' if s > 0 else 'smaller'} is better: '{q}')"
                                       for f, s, q in GUIDELINE_RULES),
        "not_scored": GUIDELINE_NOT_SCORED,
        "size_convention": DEFAULT_SIZE_CONVENTION,
        "uncertainty": f"{QUANTILES[0]:.0%}-{QUANTILES[1]:.0%} quantile band of gradient-boosted quantile regressors",
        "out_of_distribution": f"unseen element, or nearest-neighbour distance in standardised Magpie space above "
                               f"the training set's {OOD_QUANTILE:.0%} quantile",
        "tc_zero": "Tc = 0 in SuperCon (no reported T_c) is treated as 0 K, as Stanev et al. do",
    }


def screen(formulas: Sequence[str] | None = None, *, file: str | Path | None = None, supercon: str | Path,
           skip_bad: bool = False, use_cache: bool = True, progress: Callable[[str, int, int], None] | None = None
           ) -> ScreenResult:
    """Rank candidates by the guideline score and the baseline's predicted T_c.

    Parameters
    ----------
    formulas : sequence of str, optional
        Chemical formulas (``"LaH10"``).
    file : path, optional
        CSV with a ``formula`` column (instead of / besides ``formulas``).
    supercon : path
        SuperCon-format training file (columns ``name``, ``Tc`` [K]).
    skip_bad : bool
        Report and skip unusable rows instead of refusing the run.
    """
    if not isinstance(skip_bad, bool):
        raise TypeError(f"skip_bad must be a bool, got {type(skip_bad).__name__}")
    note = progress or (lambda s, d, t: None)
    texts: list[str] = list(formulas or [])
    where = "candidate"
    if file is not None:
        if texts:
            raise InputError("give formulas or --file, not both")
        texts = read_candidates_file(file)
        where = f"{Path(file).name}: row"
    parsed, bad = parse_candidates(texts, skip_bad=skip_bad, where=where)
    model, origin = load_or_train(supercon, progress=lambda s: note(s, 0, 1), use_cache=use_cache)
    cands = screen_compositions(model, parsed, progress=lambda d, t: note("featurising candidates", d, t))
    return ScreenResult(candidates=cands, skipped=bad, model=model_info(model, origin), assumptions=assumptions())


# ------------------------------------------------------------------ evaluation


@dataclass(frozen=True)
class EvaluationResult(Result):
    """The guideline's evaluation: every number of the report, and the files written."""

    verdict: list
    deduplication: dict
    evaluation: dict
    files: dict
    conditions: dict


def evaluate_guideline(supercon: str | Path, out: str | Path, *, k: int = 5, n_seeds: int = 2,
                       n_seeds_ablation: int = 1, n_boot: int = 500, seed: int = 0, force: bool = False,
                       progress: Callable[[str, int, int], None] | None = None) -> EvaluationResult:
    """Run :func:`etunnel.validation.predictors.evaluate` and write ``guideline.html`` etc. into ``out``.

    ``out`` must be a new or empty folder (any folder with ``force``); it is checked before any work and
    filled in one step at the end, so a failed or interrupted run leaves it as it was.
    """
    import time

    from etunnel.outputs import atomic_directory, check_output_directory

    check_output_directory(out, force=force)

    from etunnel.report.guideline import verdict_lines, write_report
    from etunnel.validation import predictors as pr
    from etunnel.validation.datasets import load_supercon
    from etunnel.validation.deduplicate import deduplicate

    t0, c0 = time.perf_counter(), time.process_time()
    note = progress or (lambda s, d, t: None)
    total = pr.expected_fits(k, n_seeds, n_seeds_ablation)
    done = [0]

    def tick(name: str) -> None:
        done[0] += 1
        note(name, done[0], total)

    note("reading SuperCon", 0, total)
    raw = load_supercon(supercon)
    dd = deduplicate(raw.frame)
    data = pr.Data.build(dd.frame["formula"], dd.frame["amounts"], dd.frame["tc_K"])
    res = pr.evaluate(data, k=k, n_seeds=n_seeds, n_seeds_ablation=n_seeds_ablation, n_boot=n_boot, seed=seed,
                      tick=tick)
    parity = res.pop("parity")
    elapsed = time.perf_counter() - t0
    conditions = {"elapsed_s": elapsed, "cpu_s": time.process_time() - c0, "threads_per_fit": 1, "cpu_count": os.cpu_count(),
                  "load_average_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
                  "supercon": str(supercon), "sha256": file_sha256(supercon), "unparsable_rows": len(raw.failures)}
    note("writing report", total, total)
    with atomic_directory(out, force=force) as temp:
        written = write_report(temp, res, parity, dedup=dd.summary(), conditions=conditions)
    files = {k2: str(Path(out) / Path(v).relative_to(temp)) for k2, v in written.items()}
    return EvaluationResult(verdict=verdict_lines(res), deduplication=dd.summary(), evaluation=res,
                            files=files, conditions=conditions)
