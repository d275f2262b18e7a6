"""The report's standard-theory section is derived from the comparison rows, cell by cell."""

from __future__ import annotations

from etunnel.report.standard_theory import HEAD, standard_theory_findings, standard_theory_section
from etunnel.validation.coupling_comparison import compare_coupling_records


def test_section_matches_rows():
    rows = compare_coupling_records()
    md, page = standard_theory_section()
    table_lines = [line for line in md.splitlines() if line.startswith("| ") and not line.startswith("| material")]
    assert len(table_lines) == len(rows)
    assert page.count("<tr>") == len(rows) + 1 and all(h in page for h in ("Eliashberg [K]", "published prediction [K]"))
    assert len(HEAD) == table_lines[0].count(" | ") + 1
    for line, r in zip(table_lines, rows):
        assert line.startswith(f"| {r.material}")
        assert (f"{r.tc_measured_K:g} (" in line) if r.tc_measured_K is not None else "missing" in line


def test_findings_state_the_hydride_record():
    findings = standard_theory_findings(compare_coupling_records())
    hydrides = findings[0]
    assert "contradicted" in hydrides and "H3S 191-204 K" in hydrides and "before the measurement" in hydrides
    assert "reported as missing" in findings[1]  # no guessed omega_log
