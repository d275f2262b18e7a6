"""Validation: the paper's claims measured against real data, beside baselines (issue 6).

:mod:`~etunnel.validation.datasets` (loaders with schema checks),
:mod:`~etunnel.validation.stats` (effect sizes, bootstrap intervals, p-values),
:mod:`~etunnel.validation.claims` (one function per claim, verdict rules) and
:mod:`~etunnel.validation.scorecard` (runs everything, writes the scorecard;
CLI: ``etunnel validate``).
"""
