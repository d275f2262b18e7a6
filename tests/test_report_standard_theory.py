"""The report's standard-theory section is derived from the comparison rows, cell by cell."""

from __future__ import annotations

import pytest

from etunnel.report.html_page import markdown_page
from etunnel.report.standard_theory import HEAD, standard_theory_findings, standard_theory_section
from etunnel.validation.coupling_comparison import compare_coupling_records

# The module-scoped rows (about 20 Eliashberg solves) are built once: in a parallel run the module's tests share one
# worker (ungrouped, its tests were spread over both workers and each built them).
pytestmark = pytest.mark.xdist_group("standard_theory")


@pytest.fixture(scope="module")
def rows():
    return compare_coupling_records()  # about 20 Eliashberg solves: once for the module


def test_section_matches_rows(rows):
    md = standard_theory_section(rows=rows)
    page = markdown_page(md, title="standard theory")  # as the report renders it
    table_lines = [line for line in md.splitlines() if line.startswith("| ") and not line.startswith("| material")]
    assert len(table_lines) == len(rows)
    assert page.count("<tr>") == len(rows) + 1 and all(h in page for h in ("Eliashberg [K]", "published prediction [K]"))
    assert len(HEAD) == table_lines[0].count(" | ") + 1
    for line, r in zip(table_lines, rows):
        assert line.startswith(f"| {r.material}")
        assert (f"{r.tc_measured_K:g} (" in line) if r.tc_measured_K is not None else "missing" in line


def test_section_computes_its_rows_when_not_given(rows, monkeypatch):
    from etunnel.report import standard_theory

    calls = []
    monkeypatch.setattr(standard_theory, "compare_coupling_records", lambda **kw: calls.append(kw) or rows)
    assert standard_theory_section() == standard_theory_section(rows=rows)
    assert calls == [{"mu_star_band": standard_theory.DEFAULT_MU_STAR_BAND}]


def test_findings_state_the_hydride_record(rows):
    findings = standard_theory_findings(rows)
    hydrides = findings[0]
    assert "contradicted" in hydrides and "H3S 191-204 K" in hydrides and "before the measurement" in hydrides
    assert "reported as missing" in findings[1]  # no guessed omega_log


def test_every_value_in_the_coupling_table_has_a_source():
    from etunnel.materials.coupling_parameters import load_coupling_parameters

    for r in load_coupling_parameters():
        if any(v is not None for v in (r.lambda_ep, r.omega_log_K, r.omega_2_K, r.mu_star, r.theta_D_K)):
            assert r.source_coupling.strip(), r
        if r.tc_measured_K is not None:
            assert r.source_tc_measured.strip() and r.pressure_measured_GPa is not None, r
        if r.tc_theory_low_K is not None:
            assert r.source_theory.strip() and r.theory_method.strip(), r
        assert r.omega_2_K is None or r.omega_log_K is None or r.omega_2_K >= r.omega_log_K
