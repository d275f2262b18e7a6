"""Build the reproduction report: Markdown, self-contained HTML, figures, CSV and JSON."""

from __future__ import annotations

import base64
import csv
import html
import json
from collections.abc import Callable
from pathlib import Path

from etunnel.serialization import jsonable
from etunnel.materials.paper import PAPER

#: The steps of :func:`build_report`, for progress display.
STEPS = (
    "Table 1",
    "Figure 2",
    "Figure 5",
    "Figure 7",
    "periodic-table data (Figures 11-13)",
    "association tests",
    "numerical claims",
    "model domain census",
    "calibration against measured T_c(p)",
    "verdicts under parameter uncertainty and radius conventions",
    "figures",
    "writing report",
)


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_fmt(x)}" for k, x in v.items())
    if isinstance(v, list):
        return "[" + ", ".join(_fmt(x) for x in v) + "]"
    return str(v)


def build_report(out: str | Path, *, step: Callable[[str], None] | None = None) -> dict:
    """Recompute every table, figure and claim of the paper and write the report into ``out``.

    Writes ``report.md``, ``report.html`` (the Markdown rendered, with a table of
    contents and the figures embedded as SVG),
    ``figures/*.png`` and ``figures/*.svg``, ``table1.csv``, ``claims.json`` and
    ``findings.json`` (model domain per radius convention; calibration of every
    material of the T_c(p) table, :mod:`etunnel.report.findings`).

    Parameters
    ----------
    out : str or Path
        Output directory (created if needed).
    step : callable, optional
        Called with the name of each step as it starts (for a progress bar).

    Returns
    -------
    dict
        Paths written and the claims.
    """
    from etunnel.plots import paper_figures as pf
    from etunnel.report import claims as cl

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    figdir = out / "figures"
    tick = step or (lambda name: None)

    tick(STEPS[0])
    table1 = cl.table1_rows()
    correlations = cl.table1_correlations(table1)
    tick(STEPS[1])
    f2 = cl.figure2_data()
    tick(STEPS[2])
    f5 = cl.figure5_data()
    tick(STEPS[3])
    f7 = cl.figure7_data()
    tick(STEPS[4])
    periodic = cl.periodic_data()
    tick(STEPS[5])
    assoc = cl.association_tests(periodic)
    tick(STEPS[6])
    claims = cl.compute_claims(table1, correlations, assoc)
    from etunnel.report import findings as fd

    tick(STEPS[7])
    sections = [fd.domain_section()]
    tick(STEPS[8])
    sections.append(fd.calibration_section())
    tick(STEPS[9])
    from etunnel.report.robustness import robustness_sections

    sections += robustness_sections()

    tick(STEPS[10])
    from pymatgen.core import Element

    def cells(kind):
        result = []
        for r in periodic:
            el = Element(r.symbol)
            cell = {"symbol": r.symbol, "Z": r.Z, "row": el.row, "group": el.group}
            if kind == "sc":
                cell["flag"] = r.superconducting
            elif kind == "bp":
                cell["flag"] = None if r.boiling_point != r.boiling_point else r.boiling_point > cl.GAS_TEMPERATURE
            else:
                cell["value"] = r.density
            result.append(cell)
        return result

    figures = {
        "figure2": (pf.figure2(f2), "Figure 2: energies vs orbital radius (eqs. 3, 7, 8), R_b = 1000 pm."),
        "figure5": (pf.figure5(f5), "Figure 5: first-term resisting distance d (eq. 37) vs R_v for c = 0, 1/3, 1."),
        "figure7": (pf.figure7(f7), "Figure 7: electron energy level (-E_c, eq. 23) vs radius, first term (solid) "
                                    "and infinite lattice (dotted)."),
        "table1": (pf.table1_figure(table1), "Table 1 as a plot: printed resistivity vs the paper's and etunnel's D."),
        "figure11": (pf.periodic_map(cells("sc"), "Figure 11 (from data): ambient elemental superconductors (blue)"),
                     "Figure 11: elements in etunnel's sourced table of ambient-pressure superconductors."),
        "figure12": (pf.periodic_map(cells("bp"), f"Figure 12 (from data): boiling point > {cl.GAS_TEMPERATURE:g} K (blue)"),
                     "Figure 12: elements not gaseous at 3500 K (boiling point above 3500 K, pymatgen)."),
        "figure13": (pf.periodic_map(cells("rho"), "Figure 13 (from data): density of the solid",
                                     colorbar_label="density [kg m^-3]"),
                     "Figure 13: density of the solid (pymatgen); gray = missing."),
    }
    written = {}
    for name, (fig, caption) in figures.items():
        written[name] = pf.save(fig, figdir, name)
        pf.plt.close(fig)

    tick(STEPS[11])
    # table1.csv
    csv_path = out / "table1.csv"
    columns = ["symbol", "paper_R_b_pm", "paper_R_v_pm", "paper_resisting_D_per_m", "etunnel_first_term_D_per_m",
               "etunnel_infinite_D_per_m", "ratio_first_term_to_paper", "ratio_infinite_to_paper",
               "paper_resistivity_ohm_m"]
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for r in table1:
            writer.writerow([r["symbol"], f"{r['paper_R_b_m'] * 1e12:.6g}", f"{r['paper_R_v_m'] * 1e12:.6g}",
                             repr(r["paper_resisting_D_per_m"]), repr(r["etunnel_first_term_D_per_m"]),
                             repr(r["etunnel_infinite_D_per_m"]), repr(r["ratio_first_term_to_paper"]),
                             repr(r["ratio_infinite_to_paper"]), repr(r["paper_resistivity_ohm_m"])])
    claims_path = out / "claims.json"
    claims_json = jsonable([c.to_dict() for c in claims])
    claims_path.write_text(json.dumps(claims_json, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                           encoding="utf-8")

    findings_json = jsonable({s.title: s.data for s in sections})
    (out / "findings.json").write_text(json.dumps(findings_json, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                                       encoding="utf-8")
    from etunnel.report.devices import device_sections  # quantum engine and refrigerator
    from etunnel.report.standard_theory import standard_theory_section

    std_md = standard_theory_section()
    dev = device_sections(figdir)
    md = (_markdown(table1, correlations, assoc, claims, figures) + _sections_markdown(sections) + std_md
          + "\n" + dev["markdown"])
    (out / "report.md").write_text(md, encoding="utf-8")
    from etunnel.report.html_page import markdown_page

    page = markdown_page(md, title="etunnel: the paper reproduced", figures={**written, **dev["figures"]})
    (out / "report.html").write_text(page, encoding="utf-8")
    return {"out": out, "claims": claims, "table1": table1, "correlations": correlations, "association": assoc,
            "figures": written, "findings": sections}


def _sections_markdown(sections) -> str:
    parts = [""]
    for s in sections:
        parts += [f"## {s.title}", ""] + [p + "\n" for p in s.paragraphs] + [markdown_table(s.head, s.body), ""]
    return "\n".join(parts)




_INTRO = (
    f"Reproduction of {PAPER}. Every number below is computed by etunnel at run time; the paper's printed "
    "values are data (source: the paper). Verdicts: *reproduced* = equal at the paper's printed precision; "
    "*differs* = not equal, by the stated amount; *consistent (not sharp)* = the stated inequality holds but "
    "the exact bound is elsewhere; *contradicted*; *not testable* = the equations leave a free constant."
)


def _table1_rows_text(table1):
    head = ["symbol", "R_b [pm]", "R_v [pm]", "paper D [1/m]", "eq. 37 d [1/m]", "infinite D [1/m]",
            "d / paper", "D / paper", "resistivity [ohm m]", "R_v, R_b by 'paper' rule on pymatgen [pm]"]
    body = []
    for r in table1:
        body.append([r["symbol"], f"{r['paper_R_b_m'] * 1e12:.0f}", f"{r['paper_R_v_m'] * 1e12:.0f}",
                     f"{r['paper_resisting_D_per_m']:.3g}", f"{r['etunnel_first_term_D_per_m']:.4g}",
                     f"{r['etunnel_infinite_D_per_m']:.4g}", f"{r['ratio_first_term_to_paper']:.3g}",
                     f"{r['ratio_infinite_to_paper']:.3g}", f"{r['paper_resistivity_ohm_m']:.3g}",
                     f"{_pm(r['pymatgen_paper_rule_R_v_m'])}, {_pm(r['pymatgen_paper_rule_R_b_m'])}"])
    return head, body


def _pm(v):
    return "missing" if v is None else f"{v * 1e12:.0f}"


def _corr_text(correlations):
    return [[v["label"], str(v["n"]), f"{v['spearman_rho']:.3f}", f"{v['p_value']:.3g}"] for v in correlations.values()]


def markdown_table(head, body):
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(x).replace("|", "/") for x in row) + " |" for row in body]
    return "\n".join(lines)


def _assoc_rows(assoc):
    b, d, mw = assoc["boiling"], assoc["density"], assoc["density_mannwhitney"]
    return [
        ["superconducting vs boiling point > 3500 K", f"{b['table']}", str(b["n"]), f"{b['odds_ratio']:.3g}",
         f"{b['p_value']:.3g}", "Fisher exact, two-sided"],
        [f"superconducting vs density > median ({d['median_kg_m3']:.0f} kg/m^3)", f"{d['table']}", str(d["n"]),
         f"{d['odds_ratio']:.3g}", f"{d['p_value']:.3g}", "Fisher exact, two-sided"],
        ["density of superconducting vs other elements",
         f"medians {mw['median_superconducting_kg_m3']:.0f} vs {mw['median_other_kg_m3']:.0f} kg/m^3",
         f"{mw['n_superconducting']} + {mw['n_other']}", f"U = {mw['U']:.1f}", f"{mw['p_value']:.3g}",
         "Mann-Whitney, two-sided"],
    ]


_ASSOC_HEAD = ["test", "2x2 table [[SC & yes, SC & no], [other & yes, other & no]]", "n", "odds ratio / U",
               "p-value", "method"]


def _claims_rows(claims):
    return [[c.id, c.statement, _fmt(c.paper_value), _fmt(c.etunnel_value), c.verdict, c.detail] for c in claims]


_CLAIMS_HEAD = ["id", "claim", "paper", "etunnel", "verdict", "detail"]


def _markdown(table1, correlations, assoc, claims, figures) -> str:
    parts = ["# The electron-tunnel paper, reproduced number by number", "", _INTRO, ""]
    parts += ["## Claims", "", markdown_table(_CLAIMS_HEAD, _claims_rows(claims)), ""]
    head, body = _table1_rows_text(table1)
    parts += ["## Table 1 (c = 0.1)", "", markdown_table(head, body), "",
              "Resistivity column printed in m/MS (metre per megasiemens = 1e-6 ohm m). "
              + " ".join(f"{r['symbol']}: {r['note']}." for r in table1 if r["note"]), "",
              "Spearman rank correlation with the printed resistivity (exact permutation p-value):", "",
              markdown_table(["D", "n", "rho", "p"], _corr_text(correlations)), "", "![Table 1](figures/table1.png)", ""]
    parts += ["## Figures 2, 5, 7", ""]
    for name in ("figure2", "figure5", "figure7"):
        parts += [f"![{name}](figures/{name}.png)", "", figures[name][1], ""]
    parts += ["## Figures 11-13 and the association they claim", "", markdown_table(_ASSOC_HEAD, _assoc_rows(assoc)), "",
              "Excluded for a missing boiling point: " + ", ".join(assoc["boiling"]["excluded_missing"]) + ".",
              "Excluded for a missing solid density: " + ", ".join(assoc["density"]["excluded_missing"]) + ".", ""]
    for name in ("figure11", "figure12", "figure13"):
        parts += [f"![{name}](figures/{name}.png)", "", figures[name][1], ""]
    return "\n".join(parts)


def html_table(head, body):
    h = "".join(f"<th>{html.escape(x)}</th>" for x in head)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in row) + "</tr>" for row in body)
    return f"<table><thead><tr>{h}</tr></thead><tbody>{rows}</tbody></table>"


def html_figure(name: str, png: Path, caption: str) -> str:
    """A ``<figure>`` with the PNG embedded as base64, so the page needs no other file."""
    data = base64.b64encode(Path(png).read_bytes()).decode("ascii")
    return (f'<figure><img alt="{name}" src="data:image/png;base64,{data}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")

