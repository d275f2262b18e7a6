"""Report sections for the two superconducting devices of the news seeds: the quantum piston engine
(Sachtleben, Mazon and Rego, PRL 119, 090601 (2017)) and the Ta/Nb/Cu refrigerator
(Manikandan, Giazotto and Jordan, Phys. Rev. Applied 11, 054034 (2019)).

Numbers come from :mod:`etunnel.standard.device_studies`, the same functions the
``etunnel engine`` and ``etunnel fridge`` verbs call.
"""

from __future__ import annotations

import math
from pathlib import Path

ENGINE_PAPER = "K. Sachtleben, K. T. Mazon, L. G. C. Rego, Phys. Rev. Lett. 119, 090601 (2017)"


def _g(x, spec=".3g"):
    return "missing" if x is None or (isinstance(x, float) and not math.isfinite(x)) else format(x, spec)


def engine_verdicts(study: dict) -> list[list[str]]:
    """Rows (check, etunnel value, verdict) for one engine study."""
    rows = study["rows"]
    scale = max(abs(e) for e in study["levels"]["energies_J"][0])
    first_law = max(abs(r["max_first_law_residual_J"]) for r in rows) / scale
    etas = [r["efficiency"] for r in rows if r["efficiency"] is not None]
    carnot_ok = all(e <= study["carnot_efficiency"] for e in etas)
    wc = [abs(r["coherence_work_J"]) for r in rows]
    qs = study["quasi_static"]["work_extracted"]
    friction = all(r["work_extracted_J"] <= qs * (1 + 1e-9) for r in rows if r["coherence_work_J"] > 0)
    powers = [(r["power_W"], r["tau_s"]) for r in rows if r["power_W"] is not None]
    best = max(powers) if powers else None
    return [
        ["first law per stroke, max abs(dE - W - Q) / abs(E)", _g(first_law, ".1e"), "holds" if first_law < 1e-10 else "fails"],
        ["coherence work abs(W_coh), shortest -> longest tau", f"{_g(wc[0])} J -> {_g(wc[-1])} J",
         "vanishes adiabatically" if wc[-1] < 1e-2 * wc[0] else "does not vanish in the range"],
        ["coherences act as friction: W_out below the quasi-static value whenever W_coh > 0",
         f"quasi-static {_g(qs)} J", "reproduced" if friction else "contradicted"],
        ["efficiency <= Carnot at every tau", f"max {_g(max(etas) if etas else None, '.4f')} vs "
         f"{study['carnot_efficiency']:.4f}", "holds" if carnot_ok else "fails"],
        ["efficiency of the slowest cycle vs quasi-static (all levels)",
         f"{_g(etas[-1] if etas else None, '.4f')} vs {_g(study['quasi_static']['efficiency'], '.4f')}",
         "adiabatic limit reached" if etas and study["quasi_static"]["efficiency"] is not None
         and abs(etas[-1] - study["quasi_static"]["efficiency"]) < 1e-3 else "not reached in the range"],
        ["power optimum", "none (no engine)" if best is None else f"{_g(best[0])} W at tau = {_g(best[1])} s",
         "finite-time optimum" if best is not None and best[1] < rows[-1]["tau_s"] else "at the longest tau"],
    ]


def device_sections(figdir: Path) -> dict:
    """Compute both studies, write their figures into ``figdir`` and return the Markdown section and figure paths."""
    from etunnel.plots.device_figures import engine_figure, fridge_figure
    from etunnel.plots.paper_figures import plt, save
    from etunnel.report.build import markdown_table
    from etunnel.standard.device_studies import engine_study, fridge_study

    figdir = Path(figdir)
    md = ["## Superconducting quantum devices of the news seeds", ""]
    head = ["check", "etunnel", "verdict"]
    engines = {}
    figures = {}
    for medium in ("flux-qubit", "box"):
        study = engine_study(medium)
        engines[medium] = study
        fig = engine_figure(study)
        name = f"engine_{medium.replace('-', '_')}"
        paths = figures[name] = save(fig, figdir, name)
        plt.close(fig)
        verdicts = engine_verdicts(study)
        title = f"Quantum piston engine ({ENGINE_PAPER}): {study['medium']['medium']}"
        assumptions = "; ".join(f"{k} = {v}" for k, v in study["assumptions"].items())
        conv = study["convergence"]
        note = (f"Assumptions: {assumptions}. Convergence: basis {conv['basis']} (levels change by "
                f"{_g(conv['max_relative_level_change_at_1.5x_basis'], '.1e')} at 1.5x), lambda grid "
                f"{conv['lambda_grid_points']} nodes, highest kept level holds at most "
                f"{_g(conv['max_population_of_highest_kept_level'], '.1e')}.")
        md += [f"### {title}", "", markdown_table(head, verdicts)]
        md += ["", note, "", f"![engine {medium}](figures/{paths['png'].name})", ""]
    fridge = fridge_study()
    fig = fridge_figure(fridge)
    paths = figures["refrigerator_device"] = save(fig, figdir, "refrigerator_device")
    plt.close(fig)
    chead = ["claim", "paper", "etunnel", "unit", "verdict", "detail"]
    crow = [[c["statement"], _g(c["paper_value"]), _g(c["etunnel_value"]), c["unit"], c["verdict"], c["detail"]]
            for c in fridge["claims"]]
    o = fridge["optimal"]
    extra = (f"Optimal cycle frequency {_g(o['T_start']['frequency_Hz'])} Hz at {o['T_start']['T_K']:g} K "
             f"(COP {_g(o['T_start']['cop'])}, Carnot {_g(o['T_start']['carnot_cop'])}) and "
             f"{_g(o['T_low']['frequency_Hz'])} Hz at {o['T_low']['T_K']:g} K. Assumptions: "
             + "; ".join(f"{k}: {v}" for k, v in fridge["assumptions"].items()) + ".")
    params = [[k, _g(v["value"], ".4g"), v["unit"], v["source"]] for k, v in fridge["parameters"].items()]
    title = "Superconducting quantum refrigerator (Manikandan, Giazotto & Jordan 2019) at device scale"
    md += [f"### {title}", "", markdown_table(chead, crow)]
    md += ["", extra, "", "Parameters:", "", markdown_table(["quantity", "value", "unit", "source"], params)]
    md += ["", "![refrigerator](figures/refrigerator_device.png)", ""]
    return {"markdown": "\n".join(md), "engine": engines, "fridge": fridge,
            "figures": figures}
