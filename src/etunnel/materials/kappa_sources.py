r"""The Ginzburg-Landau parameter of an element from each published pair of lengths, and whether its type depends on the choice.

:math:`\kappa = \lambda_{GL}/\xi_{GL}` with Gor'kov's clean-limit relations
(:func:`etunnel.standard.gl_penetration_depth`,
:func:`etunnel.standard.gl_coherence_length`; Tinkham eq. 4.25a:
:math:`\kappa = 0.96\,\lambda_L(0)/\xi_0`). Superconductor type from
:math:`\kappa` against :math:`1/\sqrt2` (Abrikosov).

The packaged table (:mod:`etunnel.materials.superconductors`) holds one
(lambda_L, xi_0) pair per element. Where published measurements disagree
(its ``notes_conflicts`` column), the alternatives are listed here with their
sources in :data:`ALTERNATIVE_LENGTHS`; :func:`kappa_by_source` gives the
kappa of every combination, says which one ``etunnel compare`` uses and why,
and flags a type verdict that changes with the choice.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from etunnel.materials.provenance import Sourced
from etunnel.materials.superconductors import load_elemental_superconductors
from etunnel.standard import (
    KAPPA_BOUNDARY,
    gl_coherence_length,
    gl_kappa,
    gl_penetration_depth,
    lower_critical_field,
    superconductor_type,
)

#: Published lengths other than the table's pair: symbol -> (quantity, value [m], source).
#: Source of each: the element's ``notes_conflicts`` entry in etunnel/data/elemental_superconductors.csv.
ALTERNATIVE_LENGTHS: dict[str, tuple[tuple[str, float, str], ...]] = {
    "Nb": (
        ("penetration_depth", 39e-9, "Maxfield & McLean 1965: lambda_L = 39 +/- 5 nm"),
        ("penetration_depth", 47e-9, "Maxfield & McLean 1965: lambda(0) = 47 +/- 5 nm (effective, not London)"),
        ("coherence_length", 43e-9, "Janson et al. 2012: xi = 43 nm (point contact on a 7 K film)"),
    ),
}

#: Why ``etunnel compare`` uses the table's pair.
CHOICE_REASON = ("the table's lambda_L and xi_0 come from one study of one sample, so kappa is a ratio of "
                 "consistent lengths; mixing sources mixes samples of different purity")


@dataclass(frozen=True)
class KappaEstimate:
    """kappa from one (lambda_L, xi_0) pair."""

    penetration_depth: float
    penetration_depth_source: str
    coherence_length: float
    coherence_length_source: str
    kappa: float
    type: str
    used: bool
    lower_critical_field: float | None = None

    def to_dict(self) -> dict:
        return {"lambda_L_m": self.penetration_depth, "lambda_L_source": self.penetration_depth_source,
                "xi_0_m": self.coherence_length, "xi_0_source": self.coherence_length_source,
                "kappa": self.kappa, "type": self.type, "used_by_compare": self.used,
                "B_c1_T": self.lower_critical_field,
                "B_c1_note": "Brandt (2003) form, GL lengths extrapolated to T = 0; null: type I, no mixed state"}


def _short(source: str) -> str:
    """The citation part of a table source string (after the CSV column tag)."""
    text = source.split("]:", 1)[-1].strip()
    return text.split("|")[0].strip()


def kappa_by_source(symbol: str) -> dict:
    """kappa and type from every combination of published lambda_L and xi_0 for ``symbol``.

    Returns
    -------
    dict
        ``estimates`` (list of :class:`KappaEstimate` dicts), ``used``
        (the table's pair, with :data:`CHOICE_REASON`), ``kappa_range``,
        ``type_depends_on_source`` (bool) and a one-line ``verdict``.
        ``estimates`` is empty when the table lacks either length.
    """
    table = load_elemental_superconductors()
    if symbol not in table:
        raise ValueError(f"symbol must be one of {', '.join(table)}, got {symbol!r}")
    rec = table[symbol]
    lam, xi, tc = rec.penetration_depth, rec.coherence_length, rec.tc
    if not all(isinstance(q, Sourced) for q in (lam, xi, tc)):
        return {"estimates": [], "used": None, "kappa_range": None, "type_depends_on_source": None,
                "verdict": "not computed: lambda_L, xi_0 or T_c missing from the table"}
    lams = [(float(lam.value), "table: " + _short(lam.source))]
    xis = [(float(xi.value), "table: " + _short(xi.source))]
    for quantity, value, source in ALTERNATIVE_LENGTHS.get(symbol, ()):
        (lams if quantity == "penetration_depth" else xis).append((value, source))
    estimates = []
    for (l_value, l_src), (x_value, x_src) in itertools.product(lams, xis):
        lam_gl = float(gl_penetration_depth(l_value, 0.0, float(tc.value)))
        xi_gl = float(gl_coherence_length(x_value, 0.0, float(tc.value)))
        k = float(gl_kappa(lam_gl, xi_gl))
        bc1 = float(lower_critical_field(lam_gl, xi_gl))
        estimates.append(KappaEstimate(l_value, l_src, x_value, x_src, k, str(superconductor_type(k)),
                                       used=(l_src, x_src) == (lams[0][1], xis[0][1]),
                                       lower_critical_field=None if math.isnan(bc1) else bc1))
    types = {e.type for e in estimates}
    used = next(e for e in estimates if e.used)
    kappas = [e.kappa for e in estimates]
    depends = len(types) > 1
    if depends:
        verdict = (f"type depends on the length source: kappa = {min(kappas):.3f} to {max(kappas):.3f} across "
                   f"{len(estimates)} published combinations, on both sides of 1/sqrt2 = {KAPPA_BOUNDARY:.4f}; "
                   f"the table's pair gives kappa = {used.kappa:.3f} (type {used.type})")
    else:
        verdict = f"type {used.type} for every published combination (kappa {min(kappas):.3f} to {max(kappas):.3f})"
    measured = rec.quantities().get("type")
    if isinstance(measured, Sourced):
        verdict += f"; measured type: {measured.value}"
    return {
        "estimates": [e.to_dict() for e in estimates],
        "used": {"kappa": used.kappa, "type": used.type, "reason": CHOICE_REASON},
        "kappa_range": [min(kappas), max(kappas)],
        "type_depends_on_source": depends,
        "verdict": verdict,
        "model": "kappa = lambda_GL/xi_GL, Gor'kov clean limit (0.96 lambda_L/xi_0, Tinkham eq. 4.25a)",
    }
