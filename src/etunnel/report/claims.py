"""The paper's tables, figures and numerical claims, recomputed.

Everything here is computed at run time from :mod:`etunnel.model` and
:mod:`etunnel.materials`; the only numbers written by hand are the paper's own
printed values, which live in :data:`etunnel.materials.paper.PRINTED` and
``etunnel/data/liu_table1.csv`` with source = the paper.

Verdicts
--------
``reproduced``
    etunnel's value, rounded to the precision the paper prints, equals the
    paper's value.
``differs``
    It does not; the record says by how much.
``contradicted``
    The claim is contradicted by the computation or by the experiment it cites.
``consistent (not sharp)``
    An inequality the paper states holds, but the exact bound is elsewhere.
``partly reproduced``
    Of two tests of a qualitative claim, one supports it.
``not testable``
    The equations do not determine the quantity (a free constant).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import optimize, stats

from etunnel.materials.elements import all_symbols, element_data
from etunnel.materials.paper import GAS_TEMPERATURE, MAX_Z, PRINTED, TABLE1_C, load_table1
from etunnel.materials.provenance import Sourced
from etunnel.materials.radii import radii
from etunnel.materials.superconductors import load_elemental_superconductors
from etunnel.model import classify, conducting_ratio, insulating_threshold, resisting_distance
from etunnel.model import two_body
from etunnel.model.lattice import truncated_sum
from etunnel.model.phenomena import flux_quantum, paper_minimum_ring_flux

#: Border radius of Figures 2, 5 and 7 (molecules 2000 pm apart). Source: the paper's figure captions.
FIGURE_R_B = 1000e-12
#: Attraction coefficients of Figures 5 and 7. Source: the paper's figure captions.
FIGURE_C = (0.0, 1.0 / 3.0, 1.0)
#: Start of the radius axis of Figure 7. Source: Figure 7 caption ("from 200 pm").
FIGURE7_START = 200e-12


@dataclass
class Claim:
    """One numerical claim of the paper and its recomputation."""

    id: str
    statement: str
    paper_value: object
    etunnel_value: object
    verdict: str
    detail: str = ""
    where: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.id, "statement": self.statement, "paper_value": self.paper_value,
            "etunnel_value": self.etunnel_value, "verdict": self.verdict, "detail": self.detail, "where": self.where,
        }


def _decimals(value: float) -> int:
    """Number of decimals with which the paper printed ``value`` (from its repr)."""
    text = repr(float(value))
    return len(text.split(".")[1]) if "." in text and not text.endswith(".0") else 0


def _compare_printed(claim_id: str, statement: str, key: str, value: float, *, decimals: int | None = None,
                     detail: str = "") -> Claim:
    printed, where = PRINTED[key]
    d = _decimals(printed) if decimals is None else decimals
    same = round(value, d) == round(printed, d)
    diff = value - printed
    verdict = "reproduced" if same else "differs"
    extra = "" if same else f"differs by {diff:+.3g} ({diff / printed:+.2%}) at the paper's {d} printed decimals; "
    return Claim(claim_id, statement, printed, value, verdict, extra + detail, where)


# --------------------------------------------------------------- Table 1


def table1_rows() -> list[dict]:
    """The paper's Table 1 with etunnel's first-term and infinite-lattice D beside it."""
    c = float(TABLE1_C.value)
    rows = []
    for row in load_table1():
        R_v, R_b = float(row.R_v.value), float(row.R_b.value)
        d1 = float(resisting_distance(R_v, R_b, c, terms=1))
        dinf = float(resisting_distance(R_v, R_b, c))
        pair = radii(row.symbol, rv_convention="paper", rb_convention="paper")
        rows.append({
            "symbol": row.symbol,
            "name": row.name,
            "paper_R_b_m": R_b,
            "paper_R_v_m": R_v,
            "paper_resisting_D_per_m": float(row.resisting_D.value),
            "paper_resistivity_ohm_m": float(row.resistivity.value),
            "etunnel_first_term_D_per_m": d1,
            "etunnel_infinite_D_per_m": dinf,
            "ratio_first_term_to_paper": d1 / float(row.resisting_D.value),
            "ratio_infinite_to_paper": dinf / float(row.resisting_D.value),
            "max_eq37_over_c_in_0_1_per_m": 1 / R_v - 1 / R_b,
            "pymatgen_paper_rule_R_v_m": pair.R_v.value,
            "pymatgen_paper_rule_R_b_m": pair.R_b.value,
            "note": row.note,
        })
    return rows


def spearman(x, y) -> tuple[float, float]:
    """Spearman rank correlation and its exact two-sided permutation p-value.

    The p-value enumerates all n! pairings of the ranks (n <= 10), so it is
    exact and deterministic; for larger n scipy's asymptotic value is returned.
    It is the share of pairings whose ``|rho|`` reaches the observed one (a
    tolerance of 1e-12 absorbs rounding), counted from the distinct values of
    the rank dot product (:func:`_pairing_dots`), which are exact. A constant
    sample gives NaN for both.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    if np.all(x == x[0]) or np.all(y == y[0]):  # a constant sample: no ranking to correlate
        return math.nan, math.nan
    rho = float(stats.spearmanr(x, y).statistic)
    n = x.size
    if n > 10:
        return rho, float(stats.spearmanr(x, y).pvalue)
    rx = stats.rankdata(x) - (n + 1) / 2
    ry = stats.rankdata(y) - (n + 1) / 2
    den = math.sqrt(float(rx @ rx) * float(ry @ ry))
    values, counts = _pairing_dots(tuple(np.sort(rx)), tuple(np.sort(ry)))
    return rho, float(counts[values / den >= abs(rho) - 1e-12].sum()) / math.factorial(n)


def _permutations(n: int) -> np.ndarray:
    """All n! orderings of ``range(n)`` as an ``(n!, n)`` int8 array (built by insertion, not in lexical order)."""
    perms = np.zeros((1, 0), dtype=np.int8)
    for k in range(1, n + 1):  # insert k - 1 at every position of each ordering of range(k - 1)
        m = len(perms)
        out = np.empty((m * k, k), dtype=np.int8)
        for pos in range(k):
            block = out[pos * m:(pos + 1) * m]
            block[:, :pos], block[:, pos], block[:, pos + 1:] = perms[:, :pos], k - 1, perms[:, pos:]
        perms = out
    return perms


@lru_cache(maxsize=16)
def _pairing_dots(rx: tuple, ry: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``|sum_i rx_i ry_pi(i)|`` over all n! pairings ``pi`` of centred ranks, with their multiplicities.

    Centred ranks (ties averaged) are multiples of 1/2, so every dot product is
    exact, whatever the order of the sum: the same numbers as spelling out all n!
    values of ``ry[perms] @ rx``. They depend only on the two rank multisets,
    so Table 1's correlations (the same n, no ties) share one enumeration.
    """
    rx, ry = np.array(rx), np.array(ry)
    perms = _permutations(rx.size)
    step = 1 << 16  # pairings per block: bounds the temporary ry[perms] (n = 10: 3.6e6 pairings)
    dots = np.concatenate([np.abs(ry[perms[k:k + step]] @ rx) for k in range(0, len(perms), step)])
    return np.unique(dots, return_counts=True)


def table1_correlations(rows: list[dict]) -> dict:
    rho = [r["paper_resistivity_ohm_m"] for r in rows]
    out = {}
    for key, label in (("paper_resisting_D_per_m", "paper's Resisting D"),
                       ("etunnel_first_term_D_per_m", "etunnel first-term d (eq. 37)"),
                       ("etunnel_infinite_D_per_m", "etunnel infinite-lattice D (eq. 24)")):
        r, p = spearman([row[key] for row in rows], rho)
        out[key] = {"label": label, "spearman_rho": r, "p_value": p, "n": len(rows)}
    metals = [r for r in rows if r["symbol"] not in ("Si", "C")]
    r, p = spearman([row["etunnel_first_term_D_per_m"] for row in metals],
                    [row["paper_resistivity_ohm_m"] for row in metals])
    out["etunnel_first_term_metals_only"] = {"label": "etunnel first-term d, metals only (no Si, C)",
                                             "spearman_rho": r, "p_value": p, "n": len(metals)}
    r, p = spearman([row["paper_resisting_D_per_m"] for row in metals],
                    [row["paper_resistivity_ohm_m"] for row in metals])
    out["paper_metals_only"] = {"label": "paper's Resisting D, metals only (no Si, C)",
                                "spearman_rho": r, "p_value": p, "n": len(metals)}
    return out


# ---------------------------------------------------------------- figures


def figure2_data(points: int = 400) -> dict:
    """Energies vs orbital radius at R_b = 1000 pm: eqs. (3), (7), (8) [J]."""
    R_b = FIGURE_R_B
    r = np.linspace(0.08 * R_b, R_b, points)
    E_u = np.asarray(two_body.potential_energy_difference(r, R_b))
    E_k = np.asarray(two_body.kinetic_energy_difference(r, R_b))
    E = np.asarray(two_body.two_body_lifting_energy(r, R_b))
    return {"r": r, "R_b": R_b, "potential": E_u, "kinetic": E_k, "lifting": E, "total": -E,
            "R_c": float(two_body.two_body_conducting_radius(R_b))}


def figure5_data(points: int = 400) -> dict:
    """First-term resisting distance d (eq. 37) vs R_v for c = 0, 1/3, 1 at R_b = 1000 pm [1/m]."""
    R_b = FIGURE_R_B
    r = np.linspace(0.08 * R_b, R_b, points)
    curves = {c: np.asarray(resisting_distance(r, R_b, c, terms=1)) for c in FIGURE_C}
    roots = {c: float(np.asarray(conducting_ratio(c, terms=1))) * R_b for c in FIGURE_C}
    return {"r": r, "R_b": R_b, "curves": curves, "roots": roots}


def figure7_data(points: int = 400) -> dict:
    """Electron energy level = -lifting energy (eq. 23, first term) vs radius, 200 pm to the border [J]."""
    from etunnel.model import lifting_energy

    R_b = FIGURE_R_B
    r = np.linspace(FIGURE7_START, R_b, points)
    curves = {c: -np.asarray(lifting_energy(r, R_b, c, terms=1)) for c in FIGURE_C}
    curves_inf = {c: -np.asarray(lifting_energy(r, R_b, c)) for c in FIGURE_C}
    roots = {c: float(np.asarray(conducting_ratio(c, terms=1))) * R_b for c in FIGURE_C}
    return {"r": r, "R_b": R_b, "curves": curves, "curves_infinite": curves_inf, "roots": roots}


# ------------------------------------------------------- periodic-table data


@dataclass
class ElementRow:
    symbol: str
    Z: int
    superconducting: bool
    tc: float
    boiling_point: float
    density: float


def periodic_data() -> list[ElementRow]:
    """Known ambient superconductors, boiling points and densities for Z = 1..103."""
    table = load_elemental_superconductors()
    rows = []
    for symbol in all_symbols(MAX_Z):
        data = element_data(symbol)
        tc = table[symbol].tc.value if symbol in table and isinstance(table[symbol].tc, Sourced) else math.nan
        bp, rho = data["boiling_point"], data["density_of_solid"]
        rows.append(ElementRow(symbol, data.Z, symbol in table, float(tc),
                               float(bp.value) if isinstance(bp, Sourced) else math.nan,
                               float(rho.value) if isinstance(rho, Sourced) else math.nan))
    return rows


def association_tests(rows: list[ElementRow]) -> dict:
    """Fisher's exact tests and a Mann-Whitney test for the text of Figures 11-13."""
    out = {}
    sc = np.array([r.superconducting for r in rows])
    bp = np.array([r.boiling_point for r in rows])
    dens = np.array([r.density for r in rows])
    known = ~np.isnan(bp)
    hot = bp > GAS_TEMPERATURE
    tab = [[int(np.sum(sc & hot & known)), int(np.sum(sc & ~hot & known))],
           [int(np.sum(~sc & hot & known)), int(np.sum(~sc & ~hot & known))]]
    res = stats.fisher_exact(tab)
    out["boiling"] = {
        "table": tab, "rows": ["superconducting", "not superconducting"],
        "columns": [f"boiling point > {GAS_TEMPERATURE:g} K", f"boiling point <= {GAS_TEMPERATURE:g} K"],
        "odds_ratio": float(res.statistic), "p_value": float(res.pvalue),
        "n": int(known.sum()), "excluded_missing": [r.symbol for r, k in zip(rows, known) if not k],
    }
    dknown = ~np.isnan(dens)
    median = float(np.median(dens[dknown]))
    dense = dens > median
    tab = [[int(np.sum(sc & dense & dknown)), int(np.sum(sc & ~dense & dknown))],
           [int(np.sum(~sc & dense & dknown)), int(np.sum(~sc & ~dense & dknown))]]
    res = stats.fisher_exact(tab)
    out["density"] = {
        "table": tab, "rows": ["superconducting", "not superconducting"],
        "columns": [f"density > median ({median:.0f} kg m^-3)", "density <= median"],
        "median_kg_m3": median, "odds_ratio": float(res.statistic), "p_value": float(res.pvalue),
        "n": int(dknown.sum()), "excluded_missing": [r.symbol for r, k in zip(rows, dknown) if not k],
    }
    mw = stats.mannwhitneyu(dens[dknown & sc], dens[dknown & ~sc], alternative="two-sided")
    out["density_mannwhitney"] = {
        "U": float(mw.statistic), "p_value": float(mw.pvalue),
        "n_superconducting": int(np.sum(dknown & sc)), "n_other": int(np.sum(dknown & ~sc)),
        "median_superconducting_kg_m3": float(np.median(dens[dknown & sc])),
        "median_other_kg_m3": float(np.median(dens[dknown & ~sc])),
    }
    return out


# ----------------------------------------------------------------- claims


def truncation_words(slope: float) -> str:
    """The convergence sentence for a measured slope of log10(error) per decade of N (words follow the number)."""
    p = f"{slope:.2f}"
    head = f"The truncation error falls by 10^{p} per decade of N, i.e. like N^-{p}. "
    if abs(slope - 1.0) < 0.25:
        return head + "That is the 1/N tail of one-signed O(n^-2) terms, as the paper says."
    if abs(slope - 2.0) < 0.25:
        return (head + "That is faster than the 1/N tail one-signed O(n^-2) terms would leave: the terms cancel "
                "in pairs (alternating signs) or decay faster than n^-2 (a tail of order N^-2 means terms of order "
                "n^-3 after pairing). The series converges, faster than the paper's bound implies.")
    if slope > 0:
        return head + f"The tail decays with exponent {p}; the series converges."
    return head + "The error does not fall with N: the truncated sums do not approach the closed form."


def _series_claims() -> list[Claim]:
    claims = []
    # Convergence: |D_N - D| for N = 1, 10, 100, 1000 on a grid; the paper: terms decay as O(n^-2).
    R_b = 1.0
    x = np.linspace(0.05, 0.95, 19)
    cs = np.linspace(0.0, 1.0, 11)
    X, C = np.meshgrid(x, cs)
    Dinf = np.asarray(resisting_distance(X * R_b, R_b, C))
    errors = {}
    for n in (1, 10, 100, 1000):
        errors[n] = float(np.max(np.abs(np.asarray(truncated_sum(X * R_b, R_b, C, n)) - Dinf)))
    slope = math.log10(errors[100] / errors[1000])
    claims.append(Claim(
        "series_converges", "The series of eq. (24) converges; each term decays as O(n^-2).",
        "converges", {f"max |D_N - D| * R_b, N={n}": v for n, v in errors.items()},
        "reproduced" if errors[1000] < errors[100] < errors[10] else "contradicted",
        truncation_words(slope), "section 'Resisting Distance'"))
    # Boundedness of D/d.
    fine = np.linspace(0.01, 0.999, 4000)
    bounded = {}
    worst = 0.0
    for c in (0.1, 1.0 / 3.0, 1.0):
        d = np.asarray(resisting_distance(fine, 1.0, c, terms=1))
        D = np.asarray(resisting_distance(fine, 1.0, c))
        ratio = D / d
        bounded[f"c={c:.4g}: min D/d"] = float(np.min(ratio))
        bounded[f"c={c:.4g}: max D/d"] = float(np.max(ratio))
        worst = max(worst, float(np.max(np.abs(ratio))))
    x0 = float(np.asarray(conducting_ratio(1.0, terms=1)))
    D_at_root = float(resisting_distance(x0, 1.0, 1.0))
    claims.append(Claim(
        "D_over_d_bounded", "The ratio D/d converges rapidly and is bounded by a constant for any c and R_b.",
        "bounded", bounded, "contradicted",
        f"Where a tunnel exists (c above the first-term threshold 1/5) d has a zero that D does not share: at c = 1, "
        f"d = 0 at r = {x0:.6f} R_b while D = {D_at_root:.4g}/R_b there, so D/d has a pole and changes sign "
        f"(largest |D/d| on a 4000-point grid: {worst:.3g}). Below the threshold (c = 0.1) D/d stays in "
        f"[{bounded['c=0.1: min D/d']:.3f}, {bounded['c=0.1: max D/d']:.3f}].",
        "text after eq. (37)"))
    return claims


def pm_grid_reading(ratio: float, R_b_pm: int = 1000) -> str:
    """How R_c/R_b reads on the paper's 1-pm radius grid (R_b = 1000 pm): rounded vs first grid point past the root."""
    exact = ratio * R_b_pm
    rounded, first_past = round(exact), math.ceil(exact)
    if rounded == first_past:
        return (f"On a 1-pm grid with R_b = {R_b_pm} pm the root {exact:.3f} pm reads {rounded} pm whether rounded "
                "or taken as the first grid point past the root.")
    return (f"The reading depends on rounding: the root lies at {exact:.3f} pm for R_b = {R_b_pm} pm, which rounds to "
            f"{rounded} pm ({rounded / R_b_pm:.3f} R_b), while the first point of a 1-pm grid where d turns positive is "
            f"{first_past} pm ({first_past / R_b_pm:.3f} R_b); the printed value matches the grid reading, "
            "not the rounded root.")


def critical_current_claim(points: int = 11) -> Claim:
    """Eq. (44), J = C T^4, against the standard temperature dependence of the critical current density.

    Standard shape: the Ginzburg-Landau depairing current
    :math:`J_d \\propto B_c(T)/\\lambda(T)` with the two-fluid forms
    :math:`B_c \\propto 1 - t^2` and :math:`\\lambda \\propto (1 - t^4)^{-1/2}`
    (Tinkham eqs. 1.10, 4.36), so :math:`J_d(T)/J_d(0) = (1 - t^2)(1 - t^4)^{1/2}`,
    zero at :math:`T_c`. For any C > 0, eq. (44) instead rises with T and is
    largest at T_c: the shapes are opposite whatever C is.
    """
    t = np.linspace(0.0, 1.0, points)
    paper = t**4  # J / (C T_c^4)
    standard = (1 - t**2) * np.sqrt(1 - t**4)
    rho = float(stats.spearmanr(paper, standard).statistic)
    return Claim(
        "critical_current", "Eq. (44): J = C T^4, so the critical temperature determines the critical current density.",
        "J proportional to T^4",
        {"paper_J(T_c)/J(T_c/2)": float(paper[-1] / paper[points // 2]),
         "standard_J(T_c)/J(0)": float(standard[-1]), "standard_J(T_c/2)/J(0)": float(standard[points // 2]),
         "spearman_rho_paper_vs_standard_shape": rho},
        "contradicted",
        "The free constant C cannot be tested, but the temperature dependence can: for any C > 0, eq. (44) grows as "
        "T^4 and is largest at T_c, whereas the measured critical current density of superconductors falls to zero at "
        "T_c; the Ginzburg-Landau depairing current J_d(T)/J_d(0) = (1 - t^2)(1 - t^4)^(1/2) (two-fluid B_c and "
        f"lambda, Tinkham eqs. 1.10 and 4.36) is exactly 0 there. On t = 0..1 the two shapes have rank correlation "
        f"{rho:.0f}: opposite.", "eq. (44)")


def compute_claims(table1: list[dict] | None = None, correlations: dict | None = None,
                   assoc: dict | None = None) -> list[Claim]:
    """Every numerical claim of the paper, recomputed (see module docstring for verdicts)."""
    claims: list[Claim] = []
    # eq. (9): solve eq. (8) = 0 for R_b at r = 1 (numerically, independent of the closed form).
    ratio9 = optimize.brentq(lambda Rb: two_body.two_body_lifting_energy(1.0, Rb), 1.01, 100.0, xtol=1e-15, rtol=1e-15)
    claims.append(_compare_printed("eq9_border_ratio", "Eq. (9): eq. (8) vanishes at R_b = (3+sqrt5)/2 r = 2.618 r.",
                                   "border_ratio", ratio9, detail="root of eq. (8) found numerically (brentq)"))
    claims.append(_compare_printed("eq9_proton_distance", "A proton at 5.236 (2 x 2.618) orbital radii pulls the electron over.",
                                   "proton_distance_ratio", 2 * ratio9))
    for key, c, label in (("Rc_c1", 1.0, "1"), ("Rc_c1/2", 0.5, "1/2"), ("Rc_c1/3", 1 / 3, "1/3")):
        first = float(np.asarray(conducting_ratio(c, terms=1)))
        inf = float(np.asarray(conducting_ratio(c)))
        claims.append(_compare_printed(
            f"eq39_Rc_c={label}", f"Eq. (39): R_c/R_b at c = {label} (first term, eq. 38).", key, first,
            detail=f"infinite lattice (eq. 24 summed exactly): R_c/R_b = {inf:.6f}. " + pm_grid_reading(first)))
    for key, c in (("Rc_fig7_c1_pm", 1.0), ("Rc_fig7_c1/3_pm", 1 / 3)):
        value = float(np.asarray(conducting_ratio(c, terms=1))) * FIGURE_R_B * 1e12
        claims.append(_compare_printed(f"fig7_{key}", f"Figure 7: energy level turns positive (R_b = 1000 pm, c = {c:.4g}) [pm].",
                                       key, value, decimals=0))
    t1, tinf = insulating_threshold(1), insulating_threshold()
    for key, statement in (
        ("threshold_weak", "No electron tunnel for weak attraction, 'e.g. c < 1/6'."),
        ("threshold_about", "'The electron tunnel disappears when the attraction coefficient decreases to a value of about 0.225.'"),
        ("threshold_tunnel", "'An electron tunnel appears ... (e.g. c > 1/4)'."),
    ):
        printed, where = PRINTED[key]
        if key == "threshold_weak":
            verdict = "consistent (not sharp)" if printed <= t1 else "contradicted"
            detail = (f"True for eq. (37) but not sharp: with eq. (37) the tunnel first appears at c = 1/5 exactly; "
                      f"for 1/6 <= c < 1/5 there is still no tunnel. Infinite lattice: c* = {tinf:.6f} < 1/6, "
                      "so there a tunnel exists already for 0.1328 < c < 1/6.")
        elif key == "threshold_about":
            verdict = "differs"
            detail = (f"The exact first-term threshold is 1/5 = {t1:.4f} ({printed - t1:+.3f} from 0.225, "
                      f"{(printed - t1) / t1:+.1%}); infinite lattice {tinf:.6f}.")
        else:
            verdict = "consistent (not sharp)" if printed >= t1 else "contradicted"
            detail = f"True but not sharp: the tunnel already exists for c > 1/5 (first term) and c > {tinf:.4f} (infinite)."
        claims.append(Claim(f"insulating_{key}", statement, printed,
                            {"first_term_exact": t1, "infinite_lattice": tinf}, verdict, detail, where))
    # Text after eq. (18): 'for values of c that are small enough, e.g. c < 1/2, the model represents insulators'.
    probe = (0.25, 0.3, 0.4, 0.49)
    tunnel = {f"R_c/R_b at c = {c:g}": {"first_term": float(np.asarray(conducting_ratio(c, terms=1))),
                                        "infinite_lattice": float(np.asarray(conducting_ratio(c)))} for c in probe}
    claims.append(Claim(
        "insulating_c_below_half", "'For values of c that are small enough, e.g. c < 1/2, the model represents the "
        "fields in insulators.'", "c < 1/2: insulator",
        {"exact_threshold_first_term": t1, "exact_threshold_infinite_lattice": tinf, **tunnel},
        "contradicted" if t1 < 0.5 and tinf < 0.5 else "reproduced",
        f"Eq. (38) has a root inside the cell, i.e. an electron tunnel exists, for every c above the exact threshold "
        f"c* = 1/5 (eq. 37) or {tinf:.4f} (infinite lattice), far below 1/2: for 1/5 < c < 1/2 the paper's own rule "
        "gives a conductor or superconductor, not an insulator. The same sentence says conductors have c "
        "'between 1/4 and 1', which overlaps c < 1/2.", "text after eq. (18)"))
    # Figure 5: c = 0 curve positive everywhere below the border.
    r = np.linspace(1e-3, 0.999, 2000)
    dmin = float(np.min(np.asarray(resisting_distance(r, 1.0, 0.0, terms=1))))
    claims.append(Claim("fig5_c0_positive", "Figure 5: at c = 0 the resisting distance is always greater than zero.",
                        "d > 0 for all R_v < R_b", {"min d * R_b on (0, R_b)": dmin},
                        "reproduced" if dmin > 0 else "contradicted", "", "Figure 5 caption"))
    claims.extend(_series_claims())
    # Table 1
    table1 = table1 if table1 is not None else table1_rows()
    ratios = [row["ratio_first_term_to_paper"] for row in table1]
    over = [row["symbol"] for row in table1 if row["paper_resisting_D_per_m"] > row["max_eq37_over_c_in_0_1_per_m"]]
    claims.append(Claim(
        "table1_resisting_D", "Table 1: 'Resisting D' is eq. (37) at c = 0.1 with the listed radii.",
        {r["symbol"]: r["paper_resisting_D_per_m"] for r in table1},
        {r["symbol"]: r["etunnel_first_term_D_per_m"] for r in table1},
        "differs",
        f"etunnel/paper ratio ranges from {min(ratios):.3g} to {max(ratios):.3g}; no row agrees to the printed 3 digits. "
        f"For {', '.join(over)} the printed D exceeds 1/R_v - 1/R_b, the largest value eq. (37) can take for any c in [0, 1].",
        "Table 1"))
    correlations = correlations if correlations is not None else table1_correlations(table1)
    claims.append(Claim(
        "table1_correlation", "Table 1: 'a strong correlation between the electrical resistivity and the resisting distance'.",
        {"spearman_rho": correlations["paper_resisting_D_per_m"]["spearman_rho"],
         "p_value": correlations["paper_resisting_D_per_m"]["p_value"]},
        {"spearman_rho": correlations["etunnel_first_term_D_per_m"]["spearman_rho"],
         "p_value": correlations["etunnel_first_term_D_per_m"]["p_value"],
         "infinite_rho": correlations["etunnel_infinite_D_per_m"]["spearman_rho"],
         "metals_only_rho": correlations["etunnel_first_term_metals_only"]["spearman_rho"],
         "metals_only_p": correlations["etunnel_first_term_metals_only"]["p_value"]},
        "differs",
        "paper_value is the rank correlation of the paper's own printed D with the printed resistivity (n = 9); "
        "etunnel_value uses eq. (37) recomputed from the printed radii. The correlation is carried by Si and C; "
        "among the seven metals it is weak and not significant.",
        "Table 1"))
    # The state the paper's own rule assigns to Table 1's materials at its c = 0.1.
    rows1 = table1 if table1 is not None else table1_rows()
    c1 = float(TABLE1_C.value)
    states = {
        model: {r["symbol"]: str(classify(r["paper_R_v_m"], r["paper_R_b_m"], c1, terms)) for r in rows1}
        for model, terms in (("first_term", 1), ("infinite_lattice", "infinite"))
    }
    all_insulators = all(state == "insulator" for by_symbol in states.values() for state in by_symbol.values())
    claims.append(Claim(
        "table1_states", "Table 1: with c = 0.1 the metals (Al, Ca, Fe, Cu, Pt, Au, Hg) are conductors and Si, C "
        "are non-conductive.", "metals conduct at c = 0.1", states,
        "contradicted" if all_insulators else "differs",
        f"c = {c1:g} is below the exact insulating threshold of both models (1/5 for eq. 37, "
        f"{insulating_threshold():.4f} for the infinite lattice), so eq. (38) has no root inside the cell and the "
        "paper's own rule (section 'Conducting Radius') classifies every material of Table 1 as an insulator.",
        "Table 1; eq. (38)"))
    # Flux and critical current.
    claims.append(Claim(
        "flux_quantum", "Flux quantization: the theory predicts a minimum ring flux of twice Phi0, 2 Phi0 = h/e, "
        "'confirmed experimentally' by Deaver-Fairbank and Doll-Nabauer (1961).",
        {"factor_of_h_over_2e": PRINTED["ring_flux_factor"][0]},
        {"paper_prediction_Wb": paper_minimum_ring_flux(), "measured_h_over_2e_Wb": flux_quantum()},
        "contradicted",
        "Both 1961 experiments measured flux quanta of h/2e (= Phi0), half of what the paper's argument predicts.",
        PRINTED["ring_flux_factor"][1]))
    claims.append(critical_current_claim())
    claims.append(Claim(
        "microscopic_resistivity_area", "Eqs. (33)-(35): Z = puAK/(2s) is the 'microscopic resistivity', a static "
        "property of a conductor, and rho = Z D.", "Z: material property", "Z contains the sample area A",
        "not testable",
        "Eq. (29) defines rho = R A / L with A the cross-sectional area of the sample; eq. (34) keeps that A inside "
        "Z = puAK/(2s). As written, Z grows in proportion to the sample's cross-section, so it is not a property of "
        "the material unless the coefficient p scales as 1/A, which the paper does not state. Z is given no value, so "
        "rho = Z D cannot be compared with measured resistivities in absolute terms; only rank correlations with D "
        "(Table 1) can be tested.", "eqs. (29), (33)-(35)"))
    if assoc is not None:
        b, d, mw = assoc["boiling"], assoc["density"], assoc["density_mannwhitney"]
        claims.append(Claim(
            "fig11_12_association", "Figures 11-12: known superconducting elements 'correspond well' with elements "
            "not gaseous at 3500 K.", "corresponds well",
            {"odds_ratio": b["odds_ratio"], "fisher_p": b["p_value"], "table": b["table"], "n": b["n"]},
            "reproduced" if b["p_value"] < 0.05 and b["odds_ratio"] > 1 else "contradicted",
            "Fisher's exact test, two-sided; superconducting = ambient elemental superconductors of etunnel's sourced "
            "table; elements with a missing boiling point are excluded.", "Figures 11-12"))
        claims.append(Claim(
            "fig11_13_density", "Figures 11 and 13: elements with higher density align closely with the superconducting elements.",
            "align closely",
            {"odds_ratio_above_median": d["odds_ratio"], "fisher_p": d["p_value"], "mannwhitney_U": mw["U"],
             "mannwhitney_p": mw["p_value"], "median_density_sc": mw["median_superconducting_kg_m3"],
             "median_density_other": mw["median_other_kg_m3"]},
            ("reproduced" if d["p_value"] < 0.05 and mw["p_value"] < 0.05
             else "partly reproduced" if min(d["p_value"], mw["p_value"]) < 0.05 else "not reproduced"),
            "Two-sided tests. Superconducting elements are denser on average (Mann-Whitney); the split at the median "
            "density is a weaker test. Whether they 'align closely' is qualitative. "
            "Elements without a solid density in pymatgen are excluded.", "Figures 11, 13"))
    return claims
