r"""The paper's testable claims, measured against data beside baselines.

Each ``claim_*`` function returns a :class:`ScoreRow`: the claim as the paper
states it, the measured effect with a bootstrap interval and a p-value, a
baseline on the same question, a verdict and, where the model has free
choices, every *variant* (radius convention pair x attraction coefficient c x
number of lattice terms), so that no single favourable choice is reported
alone.

Model variants
--------------
The resisting distance :math:`D(R_v, R_b, c)` (eq. 24; eq. 37 for
``terms=1``) needs a valence radius, a border radius and ``c``. Variants
are every ordered pair of distinct pure radius conventions
(:data:`etunnel.materials.radii.RADIUS_CONVENTIONS`) plus the paper's own
mixed rule, for every ``c`` in :data:`C_VALUES` and ``terms`` in
:data:`TERMS`. Elements with :math:`R_v > R_b` are outside the model's
domain (:math:`0 < r \le R_b`); they are excluded from D and counted.

Verdicts (decided before looking at the numbers)
------------------------------------------------
A variant *supports* a claim when its effect lies in the claimed direction
with p < :data:`ALPHA` and a bootstrap interval that excludes the null value;
it *contradicts* it when the same holds in the opposite direction.

``supported``
    the headline variant (the paper's own configuration) supports the claim
    and so do at least :data:`ROBUST_SHARE` of all defined variants;
``fragile``
    the headline supports it but fewer than :data:`ROBUST_SHARE` of the
    variants do: the result depends on the convention or on c;
``contradicted``
    the headline contradicts it;
``not supported``
    otherwise (no significant effect in the claimed direction).

A verdict gets the suffix ``; baseline as good or better`` when the baseline
score's effect on the same scale is at least as large.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from etunnel.validation import stats as st

#: Attraction coefficients tried. [1]
C_VALUES = (0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
#: Lattice models tried: the paper's first term (eq. 37) and the exact infinite lattice (eq. 24).
TERMS = (1, "infinite")
#: Significance level of the verdicts.
ALPHA = 0.05
#: Share of variants that must support a claim for ``supported``.
ROBUST_SHARE = 0.75
#: The paper's Table 1 choice: its radius rule, c = 0.1, first term (eq. 37).
TABLE1_VARIANT = ("paper", "paper", 0.1, 1)
#: The paper's worked example of the state rule (eq. 39): c = 1/2, R_c = 0.621 R_b, first term.
STATE_RULE_VARIANT = ("paper", "paper", 0.5, 1)

_PAPER = "Liu (rev. 2023)"


@dataclass
class ScoreRow:
    """One row of the scorecard.

    Attributes
    ----------
    id : str
        Short identifier.
    claim : str
        The claim as the paper states it (quoted or closely paraphrased, with the section).
    test : str
        What was measured, on which data.
    effect : Estimate or None
        Headline effect with interval and p-value.
    baseline : str
        The baseline on the same question, with its numbers.
    baseline_effect : float
        Baseline's effect on the headline's scale (NaN if none).
    verdict : str
    detail : str
        Variant summary, exclusions and caveats.
    variants : list of dict
        Every variant's numbers (written to CSV).
    extra : dict
        Arrays for figures and further tables (not written to JSON).
    robustness : dict
        Whether the verdict survives the model's own inputs (sub-model parameter
        draws, radius conventions); filled by
        :func:`etunnel.validation.verdict_robustness.attach_robustness`, empty until then.
    """

    id: str
    claim: str
    test: str
    effect: st.Estimate | None
    baseline: str
    baseline_effect: float
    verdict: str
    detail: str
    variants: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict, repr=False)
    robustness: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready form (without the bulky ``extra``; variants summarised by count)."""
        return {"id": self.id, "claim": self.claim, "test": self.test,
                "effect": None if self.effect is None else self.effect.to_dict(),
                "baseline": self.baseline, "baseline_effect": self.baseline_effect,
                "verdict": self.verdict, "detail": self.detail, "n_variants": len(self.variants),
                "robustness": self.robustness or None}


def unavailable(id: str, claim: str, test: str, reason: str) -> ScoreRow:
    """A row for a claim that could not be measured: no number is invented."""
    return ScoreRow(id, claim, test, None, "not available", math.nan, f"not available: {reason}", reason)


# ----------------------------------------------------------------- helpers


def variant_pairs() -> list[tuple[str, str]]:
    """(R_v convention, R_b convention): the paper's rule, then every ordered pair of distinct pure conventions."""
    from etunnel.materials.radii import RADIUS_CONVENTIONS

    pure = [c for c, (prop, _) in RADIUS_CONVENTIONS.items() if prop]
    return [("paper", "paper")] + [(a, b) for a in pure for b in pure if a != b]


def _D(R_v, R_b, c, terms) -> np.ndarray:
    from etunnel.model import resisting_distance

    if R_v.size == 0:
        return np.array([])
    return np.atleast_1d(np.asarray(resisting_distance(R_v, R_b, c, terms=terms), float))


def _sign_ok(est: st.Estimate, direction: int) -> bool:
    return math.isfinite(est.value) and (est.value - est.null) * direction > 0


def supports(est: st.Estimate | None, direction: int) -> bool:
    """Effect in ``direction`` (+1/-1 relative to the null), p < ALPHA, interval excluding the null.

    Where no interval was computed (``n_resamples = 0``) only the p-value is required.
    """
    if est is None or not _sign_ok(est, direction) or not (est.p_value < ALPHA):
        return False
    computed = math.isfinite(est.ci_low) and math.isfinite(est.ci_high)
    return est.excludes_null or not computed


def verdict(headline: st.Estimate | None, variants: list[st.Estimate], direction: int,
            baseline_effect: float = math.nan) -> str:
    """The scorecard verdict (rules in the module docstring)."""
    defined = [v for v in variants if v is not None and math.isfinite(v.value)]
    share = (sum(supports(v, direction) for v in defined) / len(defined)) if defined else 0.0
    if supports(headline, -direction):
        text = "contradicted"
    elif supports(headline, direction) and share >= ROBUST_SHARE:
        text = "supported"
    elif supports(headline, direction):
        text = "fragile"
    else:
        text = "not supported"
    if headline is not None and math.isfinite(baseline_effect) and math.isfinite(headline.value):
        if abs(baseline_effect - headline.null) >= abs(headline.value - headline.null):
            text += "; baseline as good or better"
    return text


def _share(variants: list[st.Estimate], direction: int) -> str:
    defined = [v for v in variants if math.isfinite(v.value)]
    k = sum(supports(v, direction) for v in defined)
    bad = sum(supports(v, -direction) for v in defined)
    vals = np.array([v.value for v in defined])
    if not defined:
        return "no variant defined"
    return (f"{k}/{len(defined)} variants support it, {bad} contradict it; "
            f"effect over variants: median {np.median(vals):.3f}, range {vals.min():.3f} to {vals.max():.3f}")


def fmt_p(p: float) -> str:
    """A p-value as text; an underflow to 0 reads ``< 1e-300``."""
    if not math.isfinite(p):
        return "n/a"
    return "< 1e-300" if p == 0 else f"{p:.2g}"


def fmt_estimate(est: st.Estimate | None) -> tuple[str, str, str]:
    """(effect, interval, p) as text."""
    if est is None or not math.isfinite(est.value):
        return "n/a", "n/a", "n/a"
    ci = f"[{est.ci_low:.3g}, {est.ci_high:.3g}]" if math.isfinite(est.ci_low) else "not computed"
    p = f"{fmt_p(est.p_value)}" if math.isfinite(est.p_value) else "n/a"
    return f"{est.statistic} = {est.value:.3g} (n = {est.n})", ci, p


def _variant_record(rv, rb, c, terms, est: st.Estimate, **extra) -> dict:
    return {"rv_convention": rv, "rb_convention": rb, "c": c, "terms": str(terms), **asdict(est), **extra}


# ------------------------------------------------ 1. D versus resistivity


def claim_resistivity(elements: pd.DataFrame, *, n_resamples: int, seed: int,
                      tick: Callable[[], None] | None = None) -> ScoreRow:
    """Resisting distance D vs measured room-temperature resistivity, all elements with data (eq. 35, Table 1)."""
    rho = elements["resistivity"].to_numpy(float)
    records, ests, head = [], [], None
    excluded_head = []
    for rv, rb in variant_pairs():
        from etunnel.validation.datasets import convention_radii

        R_v, R_b = convention_radii(elements, rv, rb)
        have = np.isfinite(rho) & np.isfinite(R_v) & np.isfinite(R_b)
        inside = have & (R_v <= R_b)
        for c in C_VALUES:
            for terms in TERMS:
                D = _D(R_v[inside], R_b[inside], c, terms)
                res = st.rank_correlations(D, rho[inside], n_resamples=n_resamples, seed=seed)
                sp = res["spearman"]
                records.append(_variant_record(rv, rb, c, terms, sp, kendall_tau_b=res["kendall"].value,
                                               kendall_p=res["kendall"].p_value,
                                               kendall_ci_low=res["kendall"].ci_low,
                                               kendall_ci_high=res["kendall"].ci_high,
                                               n_outside_domain=int(np.sum(have & ~inside))))
                ests.append(sp)
                if (rv, rb, c, terms) == TABLE1_VARIANT:
                    head, head_k = sp, res["kendall"]
                    excluded_head = list(elements["symbol"][have & ~inside])
                    extra = {"D": D, "rho": rho[inside], "symbols": list(elements["symbol"][inside])}
        if tick:
            tick()
    # Baselines: density (a single measured property) and the bare ratio R_v/R_b (no c, no D).
    dens = elements["density"].to_numpy(float)
    ok = np.isfinite(rho) & np.isfinite(dens)
    b_dens = st.rank_correlations(dens[ok], rho[ok], n_resamples=n_resamples, seed=seed, kendall=False)["spearman"]
    R_v, R_b = elements["paper_R_v"].to_numpy(float), elements["paper_R_b"].to_numpy(float)
    ok2 = np.isfinite(rho) & np.isfinite(R_v) & np.isfinite(R_b) & (R_v <= R_b)
    b_ratio = st.rank_correlations(-(R_v[ok2] / R_b[ok2]), rho[ok2], n_resamples=n_resamples, seed=seed,
                                   kendall=False)["spearman"]
    base = max((b_dens, b_ratio), key=lambda e: abs(e.value) if math.isfinite(e.value) else -1)
    eff, ci, p = fmt_estimate(head)
    return ScoreRow(
        id="resistivity_all_elements",
        claim=("'The results indicate a strong correlation between the electrical resistivity and the resisting "
               "distance' (Table 1; rho = Z D, eq. 35): larger D, larger resistivity."),
        test=("Spearman (and Kendall tau_b) of D against measured room-temperature resistivity (pymatgen) over "
              "every element with both radii and a resistivity; headline = the paper's radius rule, c = 0.1, eq. 37."),
        effect=head,
        baseline=(f"density: rho_S = {b_dens.value:.3f} (p {fmt_p(b_dens.p_value)}); -R_v/R_b alone (paper rule): "
                  f"rho_S = {b_ratio.value:.3f} (p {fmt_p(b_ratio.p_value)}); chance: rho_S = 0"),
        baseline_effect=base.value,
        verdict=verdict(head, ests, +1, base.value),
        detail=(f"Kendall tau_b (headline) = {head_k.value:.3f} [{head_k.ci_low:.3g}, {head_k.ci_high:.3g}], "
                f"p {fmt_p(head_k.p_value)}. {_share(ests, +1)}. Headline excludes R_v > R_b (outside the model): "
                f"{', '.join(excluded_head) or 'none'}."),
        variants=records, extra=extra,
    )


# ------------------------------------------ 1b. the nine Table 1 elements


def claim_table1(elements: pd.DataFrame, *, n_resamples: int, seed: int,
                 tick: Callable[[], None] | None = None) -> ScoreRow:
    """The same correlation on the paper's nine Table 1 elements: printed radii and every convention."""
    from etunnel.materials.paper import load_table1

    t1 = load_table1()
    symbols = [r.symbol for r in t1]
    printed_D = np.array([float(r.resisting_D.value) for r in t1])
    printed_rho = np.array([float(r.resistivity.value) for r in t1])
    sub = elements.set_index("symbol").loc[symbols]
    measured = sub["resistivity"].to_numpy(float)
    records, ests = [], []
    # The paper's own numbers: printed D against printed resistivity.
    as_printed = st.rank_correlations(printed_D, printed_rho, n_resamples=n_resamples, seed=seed)
    R_v = np.array([float(r.R_v.value) for r in t1])
    R_b = np.array([float(r.R_b.value) for r in t1])
    head = None
    for c in C_VALUES:
        for terms in TERMS:
            D = _D(R_v, R_b, c, terms)
            res = st.rank_correlations(D, measured, n_resamples=n_resamples, seed=seed)
            records.append(_variant_record("printed", "printed", c, terms, res["spearman"],
                                           kendall_tau_b=res["kendall"].value, kendall_p=res["kendall"].p_value,
                                           resistivity="pymatgen (measured)"))
            ests.append(res["spearman"])
            if (c, terms) == TABLE1_VARIANT[2:]:
                head, head_k = res["spearman"], res["kendall"]
                head_D = D
    from etunnel.validation.datasets import convention_radii

    conv_ests = []
    for rv, rb in variant_pairs():
        Rv, Rb = convention_radii(sub.reset_index(), rv, rb)
        inside = np.isfinite(Rv) & np.isfinite(Rb) & (Rv <= Rb) & np.isfinite(measured)
        for c in C_VALUES:
            for terms in TERMS:
                D = _D(Rv[inside], Rb[inside], c, terms)
                res = st.rank_correlations(D, measured[inside], n_resamples=n_resamples, seed=seed)
                records.append(_variant_record(rv, rb, c, terms, res["spearman"], kendall_tau_b=res["kendall"].value,
                                               kendall_p=res["kendall"].p_value, resistivity="pymatgen (measured)",
                                               n_outside_domain=int(np.sum(~inside))))
                conv_ests.append(res["spearman"])
        if tick:
            tick()
    dens = sub["density"].to_numpy(float)
    ok = np.isfinite(dens) & np.isfinite(measured)
    b = st.rank_correlations(dens[ok], measured[ok], n_resamples=n_resamples, seed=seed, kendall=False)["spearman"]
    eff, ci, p = fmt_estimate(head)
    pr = as_printed["spearman"]
    return ScoreRow(
        id="resistivity_table1",
        claim="Table 1: 'a strong correlation between the electrical resistivity ... and the resisting distance' "
              "for Si, C, Al, Ca, Fe, Cu, Pt, Au, Hg at c = 0.1.",
        test=("Spearman/Kendall of D from the paper's printed radii (eq. 37, c = 0.1) against measured "
              "resistivity (pymatgen), exact permutation p (n = 9); variants: every c and lattice model with the "
              "printed radii, and every radius convention."),
        effect=head,
        baseline=f"density vs resistivity on the same 9: rho_S = {b.value:.3f} (p {fmt_p(b.p_value)}); chance: 0",
        baseline_effect=b.value,
        verdict=verdict(head, ests + conv_ests, +1, b.value),
        detail=(f"Paper's printed D vs printed resistivity: rho_S = {pr.value:.3f} [{pr.ci_low:.3g}, "
                f"{pr.ci_high:.3g}], exact p {fmt_p(pr.p_value)}; Kendall {as_printed['kendall'].value:.3f}, "
                f"p {fmt_p(as_printed['kendall'].p_value)}. Headline Kendall tau_b = {head_k.value:.3f}, "
                f"p {fmt_p(head_k.p_value)}. Printed radii: {_share(ests, +1)}. Conventions: {_share(conv_ests, +1)}. "
                "With n = 9 the two insulators (Si, C) dominate the ranks."),
        variants=records,
        extra={"symbols": symbols, "D": head_D, "rho": measured, "printed_D": printed_D, "printed_rho": printed_rho},
    )


# ------------------------------------------------------ 2. the state rule


def claim_state_rule(elements: pd.DataFrame, *, n_resamples: int, seed: int,
                     tick: Callable[[], None] | None = None) -> ScoreRow:
    """The paper's rule (R_v >= R_c: superconductor; eqs. 11, 38-39) against the known ambient elemental superconductors."""
    from etunnel.model import conducting_ratio, insulating_threshold
    from etunnel.validation.datasets import convention_radii

    truth_all = elements["superconducting"].to_numpy(bool)
    records, ests, auc_ests = [], [], []
    head = head_auc_x = None
    head_cm = None
    for rv, rb in variant_pairs():
        R_v, R_b = convention_radii(elements, rv, rb)
        have = np.isfinite(R_v) & np.isfinite(R_b)
        x = R_v[have] / R_b[have]
        truth = truth_all[have]
        auc_x = st.auc_estimate(truth, x, n_resamples=n_resamples, seed=seed, name="roc_auc_Rv_over_Rb")
        inside = x <= 1.0
        for c in C_VALUES:
            for terms in TERMS:
                threshold = insulating_threshold(terms)
                ratio = float(conducting_ratio(c, terms)) if c >= threshold else math.nan
                predicted = (x >= ratio) if math.isfinite(ratio) else np.zeros(x.size, bool)
                ba = st.balanced_accuracy_estimate(truth, predicted, n_resamples=n_resamples, seed=seed)
                cm = st.confusion(truth, predicted)
                D = _D(R_v[have][inside], R_b[have][inside], c, terms)
                auc_D = st.auc_estimate(truth[inside], -D, n_resamples=n_resamples, seed=seed, name="roc_auc_minus_D")
                records.append(_variant_record(rv, rb, c, terms, ba, **{f"cm_{k}": v for k, v in cm.to_dict().items()},
                                               auc_minus_D=auc_D.value, auc_minus_D_ci_low=auc_D.ci_low,
                                               auc_minus_D_ci_high=auc_D.ci_high, auc_minus_D_p=auc_D.p_value,
                                               auc_Rv_over_Rb=auc_x.value, Rc_over_Rb=ratio,
                                               n_outside_domain_for_D=int(np.sum(~inside))))
                ests.append(ba)
                auc_ests.append(auc_D)
                if (rv, rb, c, terms) == STATE_RULE_VARIANT:
                    head, head_cm, head_auc_D, head_auc_x = ba, cm, auc_D, auc_x
                    extra = {"x": x, "truth": truth, "ratio": ratio, "symbols": list(elements["symbol"][have])}
        if tick:
            tick()
    # Baselines: density and boiling point as scores; chance = 0.5.
    dens = elements["density"].to_numpy(float)
    ok = np.isfinite(dens)
    b_dens = st.auc_estimate(truth_all[ok], dens[ok], n_resamples=n_resamples, seed=seed, name="roc_auc_density")
    bp = elements["boiling_point"].to_numpy(float)
    okb = np.isfinite(bp)
    b_bp = st.auc_estimate(truth_all[okb], bp[okb], n_resamples=n_resamples, seed=seed, name="roc_auc_boiling_point")
    extra.update({"roc": {"R_v/R_b (paper rule)": (extra["truth"], extra["x"]),
                          "density": (truth_all[ok], dens[ok]), "boiling point": (truth_all[okb], bp[okb])}})
    return ScoreRow(
        id="state_rule",
        claim=("'whenever R_v >= R_c, superconductivity is achieved' (eq. 38-39); 'With c = 1/2 ... valence electrons "
               "will be in the electron tunnel when R_v > 0.621 R_b, and superconductivity will occur.'"),
        test=("The rule's prediction (superconductor / not) for every element with radii, against the sourced table "
              "of 32 ambient-pressure elemental superconductors; balanced accuracy (Fisher p), ROC AUC of -D and of "
              "R_v/R_b as scores. Headline: the paper's radius rule, c = 1/2, eq. 37."),
        effect=head,
        baseline=(f"density as a score: AUC = {b_dens.value:.3f} [{b_dens.ci_low:.3g}, {b_dens.ci_high:.3g}]; "
                  f"boiling point: AUC = {b_bp.value:.3f} [{b_bp.ci_low:.3g}, {b_bp.ci_high:.3g}]; chance: BA = AUC "
                  "= 0.5. Standard theory gives no which-element prediction without lambda_ep (sourced for 2 of 32)."),
        baseline_effect=math.nan,
        verdict=verdict(head, ests, +1),
        detail=(f"Headline confusion: TP {head_cm.tp}, FN {head_cm.fn}, FP {head_cm.fp}, TN {head_cm.tn} "
                f"(sensitivity {head_cm.sensitivity:.2f}, specificity {head_cm.specificity:.2f}). "
                f"AUC of -D (headline) = {head_auc_D.value:.3f} [{head_auc_D.ci_low:.3g}, {head_auc_D.ci_high:.3g}], "
                f"p {fmt_p(head_auc_D.p_value)}; AUC of R_v/R_b (c-free) = {head_auc_x.value:.3f} "
                f"[{head_auc_x.ci_low:.3g}, {head_auc_x.ci_high:.3g}], p {fmt_p(head_auc_x.p_value)}. "
                f"Balanced accuracy: {_share(ests, +1)}. AUC of -D: {_share(auc_ests, +1)}. "
                "Negatives include elements that superconduct only under pressure or were never measured; "
                "below the insulating threshold c* the rule predicts no superconductor at all (BA = 0.5)."),
        variants=records, extra=extra,
    )


# -------------------------------------------------- 3. Figures 11-13


def claim_boiling(elements: pd.DataFrame, *, n_resamples: int, seed: int) -> ScoreRow:
    """Figure 11 vs Figure 12: superconducting elements are those not gaseous at 3500 K."""
    from etunnel.validation.datasets import GAS_TEMPERATURE

    bp = elements["boiling_point"].to_numpy(float)
    sc = elements["superconducting"].to_numpy(bool)
    ok = np.isfinite(bp)
    hot = bp > GAS_TEMPERATURE
    tab = [[int(np.sum(sc & hot & ok)), int(np.sum(sc & ~hot & ok))],
           [int(np.sum(~sc & hot & ok)), int(np.sum(~sc & ~hot & ok))]]
    head = st.fisher_2x2(tab)
    auc_bp = st.auc_estimate(sc[ok], bp[ok], n_resamples=n_resamples, seed=seed, name="roc_auc_boiling_point")
    dens = elements["density"].to_numpy(float)
    okd = np.isfinite(dens)
    base = st.auc_estimate(sc[okd], dens[okd], n_resamples=n_resamples, seed=seed, name="roc_auc_density")
    return ScoreRow(
        id="not_gaseous_3500K",
        claim=("Figure 11's superconductive elements 'correspond well with the elements that are still not in the "
               "gaseous state at 3500 K in Figure 12'."),
        test=f"Fisher's exact test: ambient superconductor vs boiling point > {GAS_TEMPERATURE:g} K (pymatgen), Z = 1..103.",
        effect=head,
        baseline=(f"chance: odds ratio 1; density as the score instead of boiling point: AUC = {base.value:.3f} vs "
                  f"boiling point AUC = {auc_bp.value:.3f}"),
        baseline_effect=math.nan,
        verdict=verdict(head, [head], +1),
        detail=(f"2x2 [[SC & hot, SC & not], [other & hot, other & not]] = {tab}; "
                f"sensitivity {tab[0][0] / max(tab[0][0] + tab[0][1], 1):.2f} (share of superconductors above "
                f"3500 K), precision {tab[0][0] / max(tab[0][0] + tab[1][0], 1):.2f}. Boiling point as a continuous "
                f"score: AUC = {auc_bp.value:.3f} [{auc_bp.ci_low:.3g}, {auc_bp.ci_high:.3g}], p "
                f"{fmt_p(auc_bp.p_value)}. Missing boiling point (excluded): "
                f"{', '.join(elements['symbol'][~ok]) or 'none'}."),
        extra={"table": tab},
    )


def claim_density(elements: pd.DataFrame, *, n_resamples: int, seed: int) -> ScoreRow:
    """Figure 13: 'elements with higher density align closely with the superconductive elements'."""
    dens = elements["density"].to_numpy(float)
    sc = elements["superconducting"].to_numpy(bool)
    ok = np.isfinite(dens)
    median = float(np.median(dens[ok]))
    dense = dens > median
    tab = [[int(np.sum(sc & dense & ok)), int(np.sum(sc & ~dense & ok))],
           [int(np.sum(~sc & dense & ok)), int(np.sum(~sc & ~dense & ok))]]
    fisher = st.fisher_2x2(tab)
    head = st.mann_whitney(dens[ok & sc], dens[ok & ~sc], n_resamples=n_resamples, seed=seed)
    Z = elements["Z"].to_numpy(float)
    base = st.mann_whitney(Z[ok & sc], Z[ok & ~sc], n_resamples=n_resamples, seed=seed)
    return ScoreRow(
        id="density",
        claim=("Figure 13: 'elements with higher density align closely with the superconductive elements presented "
               "in Figure 11'; the trend is not one of atomic number."),
        test=("Mann-Whitney: density of the solid (pymatgen) of ambient superconductors vs other elements, effect "
              "= P(density_SC > density_other); Fisher's exact test above/below the median density."),
        effect=head,
        baseline=(f"atomic number Z as the score (the paper says the trend is not Z): AUC = {base.value:.3f} "
                  f"[{base.ci_low:.3g}, {base.ci_high:.3g}]; chance 0.5"),
        baseline_effect=base.value,
        verdict=verdict(head, [head], +1, base.value),
        detail=(f"Medians {np.median(dens[ok & sc]):.0f} (SC, n = {int(np.sum(ok & sc))}) vs "
                f"{np.median(dens[ok & ~sc]):.0f} kg m^-3 (other, n = {int(np.sum(ok & ~sc))}). Fisher above the "
                f"median ({median:.0f} kg m^-3): table {tab}, odds ratio {fisher.value:.3g} "
                f"[{fisher.ci_low:.3g}, {fisher.ci_high:.3g}], p {fmt_p(fisher.p_value)}. Missing density (excluded): "
                f"{int(np.sum(~ok))} elements."),
        extra={"density_sc": dens[ok & sc], "density_other": dens[ok & ~sc]},
    )


# ----------------------------------------------- 4. electronegativity


def _spread_frames(spread: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame, pd.DataFrame]:
    """Entries with a spread (mask, frame) and those of them with a reported T_c."""
    ok = np.isfinite(spread["x_std"].to_numpy(float))
    frame = spread[ok]
    return ok, frame, frame[frame["tc_K"] > 0]


def electronegativity_estimates(spread: pd.DataFrame, *, n_resamples: int, seed: int) -> dict:
    """The electronegativity row's own estimates: Spearman of T_c against the spread, overall and per family,
    and against the range instead of the standard deviation (see :func:`claim_electronegativity`)."""
    from etunnel.validation.datasets import FAMILIES

    _, _, pos = _spread_frames(spread)
    head = st.rank_correlations(pos["x_std"], pos["tc_K"], n_resamples=n_resamples, seed=seed,
                                kendall=False)["spearman"]
    per_family = {}
    for fam in FAMILIES:
        f = pos[pos["family"] == fam]
        if len(f) >= 3:
            e = st.rank_correlations(f["x_std"], f["tc_K"], n_resamples=n_resamples, seed=seed,
                                     kendall=False)["spearman"]
        else:
            e = st.Estimate("spearman_rho", math.nan, n=len(f), method="fewer than 3 entries")
        per_family[fam] = e
    xr = st.rank_correlations(pos["x_range"], pos["tc_K"], n_resamples=0, seed=seed, kendall=False)["spearman"]
    return {"head": head, "per_family": per_family, "range": xr}


def electronegativity_baselines(spread: pd.DataFrame, *, n_resamples: int, seed: int) -> dict:
    """The electronegativity row's baseline (Spearman of T_c against the number of elements) and its reported-T_c
    vs 'Tc = 0' comparison (ROC-AUC of a narrow spread), see :func:`claim_electronegativity`."""
    _, frame, pos = _spread_frames(spread)
    n_el = st.rank_correlations(pos["n_elements"], pos["tc_K"], n_resamples=n_resamples, seed=seed,
                                kendall=False)["spearman"]
    # Reported-T_c vs Tc = 0 rows, with a narrow spread as the score.
    has_tc = frame["tc_K"].to_numpy(float) > 0
    auc0 = st.auc_estimate(has_tc, -frame["x_std"].to_numpy(float), n_resamples=n_resamples, seed=seed,
                           name="roc_auc_narrow_spread")
    return {"n_elements": n_el, "tc_zero_auc": auc0}


def claim_electronegativity(spread: pd.DataFrame, *, n_resamples: int, seed: int, n_failures: int = 0,
                            estimates: dict | None = None, baselines: dict | None = None) -> ScoreRow:
    """'choose elements with a narrow range of electronegativities': T_c vs the spread of Pauling X.

    ``estimates`` and ``baselines``: :func:`electronegativity_estimates` and :func:`electronegativity_baselines`
    of the same ``spread``, ``n_resamples`` and ``seed`` when already computed (``etunnel validate`` computes
    them in two processes; each estimate draws its own seeded resamples, so the row is the same); computed
    here otherwise.
    """
    ok, frame, pos = _spread_frames(spread)
    est = estimates if estimates is not None else electronegativity_estimates(spread, n_resamples=n_resamples,
                                                                              seed=seed)
    base = baselines if baselines is not None else electronegativity_baselines(spread, n_resamples=n_resamples,
                                                                               seed=seed)
    head, per_family, xr = est["head"], est["per_family"], est["range"]
    fam_ests = list(per_family.values())
    n_el, auc0 = base["n_elements"], base["tc_zero_auc"]
    fam_text = "; ".join(f"{fam}: rho_S = {e.value:.3f} [{e.ci_low:.3g}, {e.ci_high:.3g}], p {fmt_p(e.p_value)}, "
                         f"n = {e.n}" for fam, e in per_family.items())
    return ScoreRow(
        id="electronegativity_spread",
        claim=("'it is advantageous to choose elements with a narrow range of electronegativities' "
               "(Engineering Room-Temperature Superconductors): narrower spread, better superconductor."),
        test=("Spearman of T_c against the atomic-fraction-weighted standard deviation of Pauling electronegativity "
              "over the SuperCon compositions with a reported T_c (> 0 K); by family told from the formula."),
        effect=head,
        baseline=(f"number of elements in the formula: rho_S = {n_el.value:.3f} (p {fmt_p(n_el.p_value)}); "
                  "chance: rho_S = 0"),
        baseline_effect=n_el.value,
        verdict=verdict(head, [head] + fam_ests, -1, n_el.value),
        detail=(f"By family (cuprate = Cu and O; iron-based = Fe with As/Se/P/S/Te; other): {fam_text}. "
                f"Range (max - min) instead of std: rho_S = {xr.value:.3f}. Reported T_c vs 'Tc = 0' rows with "
                f"narrow spread as score: AUC = {auc0.value:.3f} [{auc0.ci_low:.3g}, {auc0.ci_high:.3g}] "
                f"(Tc = 0 means no reported T_c, not a measured non-superconductor). Entries used: {len(frame)} "
                f"({len(pos)} with T_c > 0); unparsable formulas: {n_failures}; entries with an element lacking "
                f"Pauling X: {int(np.sum(~ok))}."),
        extra={"frame": pos[["x_std", "tc_K", "family"]].reset_index(drop=True), "per_family": per_family},
    )


def claim_guideline_score(frame: pd.DataFrame, *, n_resamples: int, seed: int) -> ScoreRow:
    """The paper's engineering guideline as a weight-free score, against T_c > 10 K in SuperCon.

    ``frame`` is a SuperCon table with ``formula``, ``amounts`` and ``tc_K``
    (as :func:`etunnel.validation.datasets.load_supercon` gives). Compositions are
    merged by reduced formula (median T_c, :func:`etunnel.validation.deduplicate.deduplicate`);
    the score is :func:`etunnel.validation.predictors.guideline_score` (mean of the rules'
    percentiles, oriented the paper's way, no fitted weight); the headline is its ROC-AUC
    for T_c > 10 K with a bootstrap interval, against random ranking (AUC 0.5).
    """
    from etunnel.materials.descriptors import guideline_features
    from etunnel.validation.deduplicate import deduplicate
    from etunnel.validation.predictors import GUIDELINE_RULES, guideline_score

    dd = deduplicate(frame)
    merged = dd.frame
    score = guideline_score(guideline_features(list(merged["amounts"])))
    tc = merged["tc_K"].to_numpy(float)
    s = score["score"].to_numpy(float)
    ok = np.isfinite(s)
    head = st.auc_estimate(tc[ok] > 10.0, s[ok], n_resamples=n_resamples, seed=seed,
                           name="roc_auc_guideline_score_tc_above_10K")
    above77 = st.auc_estimate(tc[ok] > 77.0, s[ok], n_resamples=0, seed=seed, name="roc_auc_tc_above_77K")
    rules = []
    for feat, _, words in GUIDELINE_RULES:
        r = score[f"rule_{feat}"].to_numpy(float)
        okr = np.isfinite(r)
        e = st.auc_estimate(tc[okr] > 10.0, r[okr], n_resamples=0, seed=seed, name=f"roc_auc_rule_{feat}")
        rules.append(f"'{words}' ({feat}): AUC {e.value:.3f}")
    return ScoreRow(
        id="guideline_score",
        claim=("'Engineering Room-Temperature Superconductors': bond elements with a narrow range of "
               "electronegativities, combine large and small atoms, avoid excessively complex compounds."),
        test=("ROC-AUC of the weight-free guideline score (mean of each rule's percentile within SuperCon, "
              "oriented the paper's way; sizes from covalent radii) for T_c > 10 K, over the SuperCon "
              "compositions merged by reduced formula (median T_c)."),
        effect=head,
        baseline="random ranking: AUC = 0.5",
        baseline_effect=0.5,
        verdict=verdict(head, [head], +1),
        detail=(f"Rules alone: {'; '.join(rules)}. T_c > 77 K: AUC {above77.value:.3f}. "
                f"{len(merged)} compositions from {dd.summary()['rows_in']} rows (rows of the same reduced "
                f"composition merged, median T_c); {int(np.sum(~ok))} without a score. "
                "T_c = 0 means no reported T_c, not a measured non-superconductor. The gradient-boosted "
                "baseline and the ablation are in 'etunnel screen --evaluate'."),
    )


# ------------------------------------------- 5. standard-theory baseline


def claim_standard_baseline(elements: pd.DataFrame, *, n_resamples: int, seed: int) -> ScoreRow:
    """Standard theory on the elemental superconductors: McMillan T_c where inputs exist; Debye temperature vs T_c."""
    from etunnel.standard import mcmillan_tc

    sc = elements[elements["superconducting"]]
    full = sc[np.isfinite(sc["theta_D"]) & np.isfinite(sc["lambda_ep"]) & np.isfinite(sc["mu_star"])]
    lines = []
    for _, r in full.iterrows():
        tc = float(mcmillan_tc(r["theta_D"], r["lambda_ep"], r["mu_star"]))
        lines.append(f"{r['symbol']}: McMillan {tc:.3g} K vs measured {r['tc']:.3g} K")
    partial = sc[np.isfinite(sc["lambda_ep"]) & ~np.isfinite(sc["mu_star"])]["symbol"].tolist()
    ok = np.isfinite(sc["theta_D"]) & np.isfinite(sc["tc"])
    head = st.rank_correlations(sc["theta_D"][ok], sc["tc"][ok], n_resamples=n_resamples, seed=seed,
                                kendall=False)["spearman"]
    return ScoreRow(
        id="standard_theory_baseline",
        claim="(baseline, not a claim of the paper) Standard theory: T_c from the phonon scale and coupling.",
        test=("McMillan (1968) T_c where theta_D, lambda_ep and mu* are all sourced; Spearman of Debye temperature "
              "against T_c over the elemental superconductors (BCS: T_c proportional to theta_D at fixed coupling)."),
        effect=head,
        baseline="chance: rho_S = 0",
        baseline_effect=math.nan,
        verdict="baseline (no verdict)",
        detail=("McMillan T_c computable for: " + ("; ".join(lines) if lines else "no element") + ". "
                f"lambda_ep sourced without mu* (McMillan not computed, no mu* invented): {', '.join(partial) or 'none'}. "
                f"theta_D available for {int(ok.sum())} of {len(sc)} elemental superconductors. The coupling, not only "
                "theta_D, varies across elements: McMillan's T_c is proportional to theta_D only at fixed lambda_ep and mu*, "
                "so this rank correlation is a simple physical baseline, not a test of the standard theory."),
    )


# ------------------------------------------------------------ 6. T_c(p)


_TCP_CLAIM = ("The state diagram (R_v, R_b, c) with pressure shrinking R_b predicts how T_c changes with pressure "
              "(issue 4's calibrated state diagram).")


def claim_tc_pressure(path=None, *, n_resamples: int, seed: int) -> ScoreRow:
    """Out-of-sample (leave-one-point-out) error of the calibrated state diagram vs the baseline fit.

    Needs :mod:`etunnel.conditions.calibration` (issue 4). If it is missing or
    fails, the row says so; no number is invented.
    """
    test = ("Leave-one-point-out RMSE of T_c(p) per material with >= 3 points: calibrated state diagram vs the "
            "calibration module's baseline fit; paired bootstrap of the RMSE difference.")
    try:
        from etunnel.conditions import calibration
    except ImportError:
        return unavailable("tc_pressure", _TCP_CLAIM, test, "calibration module missing")
    base_name = getattr(calibration, "base_name", lambda m: str(m).split("(")[0].strip())
    try:
        frame = calibration.load_tc_pressure(path)
        groups = [(str(m), g) for m, g in frame.groupby("material") if len(g) >= 3]
    except Exception as exc:  # the module is another developer's work in progress
        return unavailable("tc_pressure", _TCP_CLAIM, test,
                           f"calibration module failed ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})")
    model_err, base_err, per_material, skipped, errors = [], [], {}, {}, {}
    censored = undefined = 0
    for material, g in groups:
        sigma = g["sigma_K"].to_numpy(float) if "sigma_K" in g else None
        try:
            r = calibration.leave_one_out(g["pressure_Pa"].to_numpy(float), g["tc_K"].to_numpy(float), sigma,
                                          symbol=base_name(material))
        except Exception as exc:  # one material the module cannot handle: reported, not hidden
            skipped[material] = f"{type(exc).__name__}: {' '.join(str(exc).split())[:120]}"
            continue
        errors[material] = {"symbol": base_name(material), "pressure": g["pressure_Pa"].to_numpy(float),
                            "tc": g["tc_K"].to_numpy(float), "sigma": sigma,
                            "model_errors": np.asarray(r.model_errors, float),
                            "baseline_errors": np.asarray(r.baseline_errors, float)}
        model_err.extend(np.asarray(r.model_errors, float).tolist())
        base_err.extend(np.asarray(r.baseline_errors, float).tolist())
        per_material[material] = (float(r.model_rmse), float(r.baseline_rmse), int(r.n))
        censored += int(getattr(r, "n_censored", 0))
        undefined += int(getattr(r, "n_undefined", 0))
    if not per_material:
        return unavailable("tc_pressure", _TCP_CLAIM, test,
                           "calibration module failed for every material ("
                           + "; ".join(f"{k}: {v}" for k, v in skipped.items())[:400] + ")")
    m, b = np.asarray(model_err), np.asarray(base_err)
    ok = np.isfinite(m) & np.isfinite(b)
    m, b = m[ok], b[ok]
    if m.size < 3:
        return unavailable("tc_pressure", _TCP_CLAIM, test, f"fewer than 3 usable left-out points ({m.size})")
    rmse_m, rmse_b = float(np.sqrt(np.mean(m ** 2))), float(np.sqrt(np.mean(b ** 2)))
    head = tc_pressure_estimate(m, b, n_resamples=n_resamples, seed=seed)
    per = "; ".join(f"{k}: {v[0]:.3g} vs {v[1]:.3g} K (n = {v[2]})" for k, v in per_material.items())
    return ScoreRow(
        id="tc_pressure", claim=_TCP_CLAIM, test=test, effect=head,
        baseline=f"baseline fit RMSE = {rmse_b:.3g} K (model {rmse_m:.3g} K)", baseline_effect=math.nan,
        verdict=verdict(head, [head], -1),
        detail=(f"Per material (model vs baseline RMSE): {per}. Median |error|: model {np.median(np.abs(m)):.3g} K, "
                f"baseline {np.median(np.abs(b)):.3g} K. Materials with >= 3 points the module could not handle "
                f"(not scored): {'; '.join(f'{k} ({v})' for k, v in skipped.items()) or 'none'}. Materials with "
                "fewer than 3 points are not scored. "
                f"{censored} held-out predictions are censored (superconducting over the whole 0-"
                f"{getattr(calibration, 'T_MAX', math.nan):g} K search window) and enter at that bound, which "
                f"understates the model's error; {undefined} are undefined and enter as 0 K."),
        extra={"per_material": per_material, "errors": errors, "n_resamples": n_resamples, "seed": seed},
    )


def tc_pressure_estimate(model_errors, baseline_errors, *, n_resamples: int, seed: int) -> st.Estimate:
    """The T_c(p) row's headline: RMSE(model) - RMSE(baseline) over the pooled held-out errors [K].

    Paired bootstrap interval of the difference and a two-sided sign-flip
    permutation p on the squared errors (at least 100 permutations).
    """
    m, b = np.asarray(model_errors, float), np.asarray(baseline_errors, float)
    rmse_m, rmse_b = float(np.sqrt(np.mean(m ** 2))), float(np.sqrt(np.mean(b ** 2)))

    def diff(a, c, axis=-1):
        return np.sqrt(np.mean(a ** 2, axis=axis)) - np.sqrt(np.mean(c ** 2, axis=axis))

    lo, hi, how = st.bootstrap_ci(diff, (m, b), n_resamples=n_resamples, seed=seed, vectorized=True)
    p = st.permutation_p_difference(m ** 2, b ** 2, n_resamples=max(n_resamples, 100), seed=seed)
    return st.Estimate("rmse_model_minus_baseline_K", rmse_m - rmse_b, lo, hi, p, int(m.size), 0.0,
                       f"RMSE difference [K]; p sign-flip permutation on squared errors; {how} bootstrap CI")
