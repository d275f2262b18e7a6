"""Radius conventions for the valence radius R_v and the border radius R_b.

The paper [1]_ needs two radii per material: the valence orbital radius R_v
and the border radius R_b (half the distance between neighbouring molecules).
Tabulated atomic radii come in several conventions, none of which is the
model's R_v or R_b; etunnel therefore makes the choice explicit and named.

==================  =========================================================
convention          radius (source)
==================  =========================================================
``covalent``        single-bond covalent radius, Cordero et al. (2008)
``van_der_waals``   van der Waals radius (pymatgen / WebElements)
``metallic``        metallic radius (pymatgen / WebElements)
``atomic``          empirical atomic radius, Slater (1964) (pymatgen)
``calculated``      calculated atomic radius, Clementi et al. (1967) (pymatgen)
``paper``           the paper's mixed choice (Table 1): R_v = covalent radius;
                    R_b = van der Waals radius, except the empirical (atomic)
                    radius for Ca, Fe and Al
``table1``          the radii the paper printed in Table 1 (Si, C, Al, Ca, Fe,
                    Cu, Pt, Au, Hg only; missing for every other element)
==================  =========================================================

The ``paper`` convention applies the paper's *rule* to today's pymatgen
data. It does not reproduce the paper's printed numbers: the paper took its
radii from ptable.com, whose covalent radii (e.g. Hg 149 pm, Cu 138 pm) are an
older compilation than Cordero's (Hg 132 pm, Cu 132 pm) and whose van der
Waals radii for metals are Bondi's 1964 values (Hg 155 pm, Cu 140 pm) where
pymatgen now has larger ones (Hg 223 pm, Cu 196 pm). The printed values are
shipped separately as data (:func:`etunnel.materials.paper.load_table1`).

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University (rev. 2023), Table 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from etunnel.materials.elements import ElementData, Overrides, element_data
from etunnel.materials.paper import TABLE1_SOURCE, load_table1
from etunnel.materials.provenance import MaybeSourced, Missing, Sourced

#: Convention name -> (element property, description).
RADIUS_CONVENTIONS: dict[str, tuple[str, str]] = {
    "covalent": ("covalent_radius", "single-bond covalent radius (Cordero et al. 2008)"),
    "van_der_waals": ("van_der_waals_radius", "van der Waals radius (pymatgen/WebElements)"),
    "metallic": ("metallic_radius", "metallic radius (pymatgen/WebElements)"),
    "atomic": ("atomic_radius", "empirical atomic radius (Slater 1964, pymatgen)"),
    "calculated": ("atomic_radius_calculated", "calculated atomic radius (Clementi et al. 1967, pymatgen)"),
    "paper": ("", "the paper's Table 1 rule: R_v covalent; R_b van der Waals, or empirical for Ca, Fe, Al"),
    "table1": ("", "the radii printed in the paper's Table 1 (nine materials)"),
}

#: Elements for which the paper's Table 1 uses the empirical radius as R_b.
PAPER_EMPIRICAL_BORDER = frozenset({"Ca", "Fe", "Al"})

_PAPER_SOURCE = "convention 'paper': Liu, Table 1 caption (rule applied to pymatgen data)"


def _check_convention(convention: str, role: str) -> str:
    if convention not in RADIUS_CONVENTIONS:
        raise ValueError(
            f"unknown {role} radius convention {convention!r}; choose one of {', '.join(RADIUS_CONVENTIONS)}"
        )
    return convention


def _annotate(item: MaybeSourced, note: str) -> MaybeSourced:
    if isinstance(item, Sourced):
        joined = f"{item.note}; {note}" if item.note else note
        return Sourced(item.value, item.unit, source=item.source, note=joined)
    return Missing(item.quantity, item.unit, reason=f"{item.reason} ({note})", source=item.source, raw=item.raw)


def radius(data: ElementData, convention: str, *, role: str) -> MaybeSourced:
    """One radius of an element under a named convention.

    Parameters
    ----------
    data : ElementData
        The element's data (:func:`etunnel.materials.elements.element_data`).
    convention : str
        One of :data:`RADIUS_CONVENTIONS`.
    role : {"valence", "border"}
        Which radius is wanted; matters only for ``"paper"``.

    Returns
    -------
    Sourced or Missing
        The radius [m].
    """
    if role not in ("valence", "border"):
        raise ValueError(f"role must be 'valence' or 'border', got {role!r}")
    _check_convention(convention, role)
    if convention == "table1":
        return _printed_radius(data.symbol, role)
    if convention == "paper":
        if role == "valence":
            prop = "covalent_radius"
            why = "R_v = covalent radius"
        elif data.symbol in PAPER_EMPIRICAL_BORDER:
            prop = "atomic_radius"
            why = f"R_b = empirical radius for {data.symbol}"
        else:
            prop = "van_der_waals_radius"
            why = "R_b = van der Waals radius"
        return _annotate(data[prop], f"{_PAPER_SOURCE}: {why}")
    prop = RADIUS_CONVENTIONS[convention][0]
    return _annotate(data[prop], f"convention {convention!r}")


def _printed_radius(symbol: str, role: str) -> MaybeSourced:
    """The radius the paper printed in Table 1, or Missing for elements it does not list."""
    rows = {row.symbol: row for row in load_table1()}
    if symbol not in rows:
        return Missing(
            f"{role} radius (table1)",
            "m",
            reason=f"the paper's Table 1 prints radii only for {', '.join(rows)}",
            source=TABLE1_SOURCE,
        )
    return rows[symbol].R_v if role == "valence" else rows[symbol].R_b


@dataclass(frozen=True)
class RadiusPair:
    """The valence and border radius of one element under named conventions.

    Attributes
    ----------
    symbol : str
    R_v : Sourced or Missing
        Valence orbital radius. [m]
    R_b : Sourced or Missing
        Border radius. [m]
    rv_convention, rb_convention : str
        The conventions used.
    """

    symbol: str
    R_v: MaybeSourced
    R_b: MaybeSourced
    rv_convention: str
    rb_convention: str

    @property
    def complete(self) -> bool:
        """True when both radii are available."""
        return isinstance(self.R_v, Sourced) and isinstance(self.R_b, Sourced)


def radii(
    symbol: str,
    *,
    rv_convention: str = "paper",
    rb_convention: str = "paper",
    overrides: Overrides | None = None,
    data: ElementData | None = None,
) -> RadiusPair:
    """R_v and R_b of an element under the chosen conventions.

    Parameters
    ----------
    symbol : str
        Element symbol.
    rv_convention, rb_convention : str, optional
        Names from :data:`RADIUS_CONVENTIONS`; default ``"paper"``.
    overrides : dict, optional
        User overrides (:func:`etunnel.materials.elements.load_overrides`).
    data : ElementData, optional
        Pre-loaded element data (``symbol`` and ``overrides`` are then ignored).

    Returns
    -------
    RadiusPair
    """
    _check_convention(rv_convention, "valence")
    _check_convention(rb_convention, "border")
    data = data or element_data(symbol, overrides=overrides)
    return RadiusPair(
        symbol=data.symbol,
        R_v=radius(data, rv_convention, role="valence"),
        R_b=radius(data, rb_convention, role="border"),
        rv_convention=rv_convention,
        rb_convention=rb_convention,
    )
