"""Elements outside the model's domain (R_v > R_b) at ambient conditions, per radius convention."""

from etunnel.conditions.domain_census import domain_census
from etunnel.materials.radii import radii


def test_census_agrees_with_the_radii_it_counts():
    symbols = ["Fe", "Al", "Ca", "Cu", "Hg", "Nb", "Ti"]
    for c in domain_census(symbols):
        assert sorted([s for s, _, _ in c.outside] + list(c.inside) + list(c.missing)) == sorted(symbols)
        for s, rv, rb in c.outside:
            pair = radii(s, rv_convention=c.rv_convention, rb_convention=c.rb_convention)
            assert rv == pair.R_v.value and rb == pair.R_b.value and rv > rb
        for s in c.inside:
            pair = radii(s, rv_convention=c.rv_convention, rb_convention=c.rb_convention)
            assert pair.R_v.value <= pair.R_b.value


def test_paper_rule_puts_fe_outside_and_al_inside():
    paper = domain_census(["Fe", "Al"], conventions=[("paper", "paper")])[0]
    # Fe: covalent 142 pm > empirical 140 pm; Al: covalent 121 pm <= empirical 125 pm
    assert [s for s, _, _ in paper.outside] == ["Fe"] and paper.inside == ("Al",)
    assert paper.to_dict()["n_outside"] == 1
