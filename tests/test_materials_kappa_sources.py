"""kappa of an element from each published pair of lengths (issue: Nb called type I from one lambda source)."""

import math

import pytest

from etunnel.materials.kappa_sources import ALTERNATIVE_LENGTHS, kappa_by_source
from etunnel.standard import KAPPA_BOUNDARY


def test_nb_type_depends_on_the_lambda_source_and_says_so():
    out = kappa_by_source("Nb")
    kappas = [e["kappa"] for e in out["estimates"]]
    # 1 table pair x (1 + 2 lambda alternatives) x (1 + 1 xi alternative)
    assert len(kappas) == 6 and sum(e["used_by_compare"] for e in out["estimates"]) == 1
    # clean limit: kappa = 0.96 lambda_L / xi_0 (Tinkham eq. 4.25a); 29.1 nm / 39.9 nm -> 0.697
    used = next(e for e in out["estimates"] if e["used_by_compare"])
    assert used["kappa"] == pytest.approx(1 / (math.sqrt(2) * 0.74) * 29.1 / 39.9, rel=1e-12)
    assert used["type"] == "I" and used["B_c1_T"] is None
    assert min(kappas) < KAPPA_BOUNDARY < max(kappas)
    assert out["type_depends_on_source"] is True and "depends on the length source" in out["verdict"]
    assert "measured type: II" in out["verdict"] and out["used"]["reason"]
    # every type-II combination has a positive B_c1 (Brandt's form)
    for e in out["estimates"]:
        assert (e["B_c1_T"] is not None and e["B_c1_T"] > 0) == (e["kappa"] >= KAPPA_BOUNDARY)


def test_element_without_alternatives_or_lengths():
    assert "Nb" in ALTERNATIVE_LENGTHS
    out = kappa_by_source("Pb")
    assert out["estimates"] == [] and out["type_depends_on_source"] is None and "missing" in out["verdict"]
    with pytest.raises(ValueError, match="symbol"):
        kappa_by_source("Xx")
