r"""Which elements lie outside the model's domain at ambient conditions, per radius convention.

The electron-tunnel model is defined for a valence orbital inside its cell,
:math:`0 < R_v \le R_b` (eqs. 11, 24 and 38 of [1]_; :func:`etunnel.classify`
refuses :math:`R_v > R_b`). At ambient conditions (:math:`T = T_{ref}`,
:math:`p = 0`) the sub-models give :math:`R_v = R_{v0}` and :math:`R_b = R_{b0}`,
the tabulated radii, so an element whose tabulated valence radius exceeds its
border radius is outside the domain before any temperature or pressure is
applied: every cell of its state diagram is "outside model domain".

The valence radius is the covalent radius, as in the paper's Table 1; the
border radius is taken under each convention of
:data:`etunnel.materials.radii.RADIUS_CONVENTIONS`, plus the radii the paper
printed (``table1``/``table1``).

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University, Table 1 and eqs. (11), (38).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: (R_v convention, R_b convention) pairs counted by :func:`domain_census`.
CENSUS_CONVENTIONS = (
    ("paper", "paper"),
    ("covalent", "van_der_waals"),
    ("covalent", "metallic"),
    ("covalent", "atomic"),
    ("covalent", "calculated"),
    ("table1", "table1"),
)
#: Elements examined: Z = 1 to 96 (H to Cm).
MAX_ATOMIC_NUMBER = 96


@dataclass(frozen=True)
class ConventionCensus:
    """Elements inside and outside the domain at ambient conditions under one convention pair.

    Attributes
    ----------
    rv_convention, rb_convention : str
    outside : tuple of (str, float, float)
        ``(symbol, R_v [m], R_b [m])`` with ``R_v > R_b``.
    inside : tuple of str
        Symbols with ``R_v <= R_b``.
    missing : tuple of str
        Symbols lacking one of the radii under this convention.
    """

    rv_convention: str
    rb_convention: str
    outside: tuple = field(default_factory=tuple)
    inside: tuple = field(default_factory=tuple)
    missing: tuple = field(default_factory=tuple)

    @property
    def n_with_data(self) -> int:
        return len(self.outside) + len(self.inside)

    def to_dict(self) -> dict:
        return {
            "rv_convention": self.rv_convention,
            "rb_convention": self.rb_convention,
            "n_with_both_radii": self.n_with_data,
            "n_outside": len(self.outside),
            "outside": [{"symbol": s, "R_v_m": rv, "R_b_m": rb} for s, rv, rb in self.outside],
            "n_missing": len(self.missing),
        }


def domain_census(symbols=None, conventions=CENSUS_CONVENTIONS) -> list[ConventionCensus]:
    """Count, per radius convention, the elements with :math:`R_v > R_b` at ambient conditions.

    Parameters
    ----------
    symbols : sequence of str, optional
        Elements to examine; default Z = 1..:data:`MAX_ATOMIC_NUMBER`.
    conventions : sequence of (str, str)
        ``(rv_convention, rb_convention)`` pairs.

    Returns
    -------
    list of ConventionCensus
    """
    from pymatgen.core.periodic_table import Element

    from etunnel.materials.elements import element_data
    from etunnel.materials.provenance import Sourced
    from etunnel.materials.radii import radii

    if symbols is None:
        symbols = [Element.from_Z(z).symbol for z in range(1, MAX_ATOMIC_NUMBER + 1)]
    data = {s: element_data(s) for s in symbols}
    out = []
    for rv_conv, rb_conv in conventions:
        outside, inside, missing = [], [], []
        for s in symbols:
            pair = radii(s, rv_convention=rv_conv, rb_convention=rb_conv, data=data[s])
            if not (isinstance(pair.R_v, Sourced) and isinstance(pair.R_b, Sourced)):
                missing.append(s)
                continue
            rv, rb = float(pair.R_v.value), float(pair.R_b.value)
            if rv > rb:
                outside.append((s, rv, rb))
            else:
                inside.append(s)
        out.append(ConventionCensus(rv_conv, rb_conv, tuple(outside), tuple(inside), tuple(missing)))
    return out
