"""Findings beyond the paper's own numbers: where the model is defined, and whether it can fit measured T_c(p).

Two sections of the reproduction report, computed at run time:

- :func:`domain_section`: per radius convention, the elements whose
  tabulated valence radius exceeds their border radius at ambient conditions
  (:func:`etunnel.conditions.domain_census.domain_census`); the model, and
  every state diagram of such an element, is undefined there.
- :func:`calibration_section`: for every material of the packaged T_c(p)
  table, what the paper's parameters give and whether the best free fit
  (c0 included) reproduces the measurements
  (:func:`etunnel.conditions.calibration_census.calibrate_table`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """A report section: title, paragraphs, one table, and the JSON data behind it."""

    title: str
    paragraphs: list
    head: list
    body: list
    data: dict = field(default_factory=dict)


def domain_section() -> Section:
    from etunnel.conditions.domain_census import domain_census

    census = domain_census()
    body = []
    for c in census:
        names = ", ".join(f"{s} ({rv * 1e12:.0f} > {rb * 1e12:.0f} pm)" for s, rv, rb in c.outside) or "none"
        body.append([f"R_v {c.rv_convention}, R_b {c.rb_convention}", str(c.n_with_data), str(len(c.outside)), names])
    paper = next(c for c in census if c.rv_convention == "paper")
    paragraphs = [
        "The model is defined for a valence orbital inside its cell, R_v <= R_b (eqs. 11, 24, 38); the core API "
        "refuses R_v > R_b. At ambient conditions (T_ref, p = 0) the sub-models give R_v = R_v0 and R_b = R_b0, the "
        "tabulated radii, so an element with R_v0 > R_b0 is outside the model's domain before any temperature or "
        "pressure is applied, and every cell of its state diagram is 'outside model domain'. Elements Z = 1-96; "
        "R_v is the covalent radius as in Table 1.",
        f"Under the paper's own rule (R_v covalent; R_b van der Waals, empirical for Ca, Fe, Al) "
        f"{len(paper.outside)} of {paper.n_with_data} elements lie outside the domain: "
        f"{', '.join(s for s, _, _ in paper.outside) or 'none'}. With other border-radius conventions the count "
        "ranges from "
        f"{min(len(c.outside) for c in census)} to {max(len(c.outside) for c in census)}: which elements the model "
        "can describe at all depends on a convention the paper does not justify. Compression shrinks R_b further, so "
        "more materials leave the domain under pressure (see the calibration below).",
    ]
    return Section("Where the model is defined at ambient conditions", paragraphs,
                   ["convention", "elements with both radii", "outside (R_v > R_b)", "which"], body,
                   {"census": [c.to_dict() for c in census]})


def calibration_section(progress=None) -> Section:
    from etunnel.conditions.calibration_census import calibrate_table, summarize_calibrations

    results = calibrate_table(progress=progress)
    summary = summarize_calibrations(results)
    body = []
    for r in results:
        if not r.evaluated:
            body.append([r.material, str(r.n), "not evaluated", r.reason, "", ""])
            continue
        fitted = ", ".join(f"{k} = {v:.3g}" for k, v in r.values.items())
        body.append([r.material, str(r.n), "contradicted" if r.stated_contradicted else "consistent",
                     r.outcome, fitted, "; ".join(r.plausibility)])
    ev = summary["evaluated"]
    paragraphs = [
        "For every material of the packaged T_c(p) table (phases merged; extrapolated critical pressures excluded) "
        "the model's T_c(p), the superconducting boundary of its state diagram, is compared with the measurements "
        "twice: with the stated parameters (the paper's c0 = 0.1, n = 1, beta = 0; c0 = 0.1 lies below the exact "
        "insulating threshold c* = 0.1328), and after a free fit of c0, n and beta within physical bounds "
        "(fewer parameters when there are fewer points). A fit 'reproduces' the data when every point is within "
        "3 sigma; it 'fails' when the best fit still predicts no superconductivity, a value above the 1000 K search "
        "range, or leaves the model's domain at a measured point. The best fit is the one found by a scan of c0 (with "
        "anchors through each point) followed by a bounded local least-squares search: a failure means that search "
        "found no parameters reproducing the data, not a proof that none exist.",
        f"Of {summary['materials']} materials, {ev} could be evaluated from element data "
        f"(not: {', '.join(summary['not_evaluated'])}, each for the reason given). The stated parameters are "
        f"contradicted by measurement for {len(summary['stated_parameters_contradicted'])} of {ev}. The free fit "
        f"fails for {len(summary['free_fit_failed'])} ({', '.join(summary['free_fit_failed']) or 'none'}) and "
        f"reproduces the points for {len(summary['free_fit_reproduces'])} "
        f"({', '.join(summary['free_fit_reproduces']) or 'none'}); of those, "
        f"{len(summary['free_fit_reproduces_but_implausibly_steep'])} do so only with an implausibly steep T_c(p) "
        "just beyond the data (a step: the model's T_c jumps by hundreds of kelvin per GPa).",
    ]
    return Section("Can the model reproduce measured T_c(p)?", paragraphs,
                   ["material", "points", "stated parameters", "free fit", "fitted", "plausibility"], body,
                   {"summary": summary, "materials": [r.to_dict() for r in results]})
