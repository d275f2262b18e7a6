"""Composition descriptors: the paper's guideline features and the Magpie set.

Two families of features, both computed from a composition alone, vectorised
over many compositions at once (padded arrays of element indices and amounts).

* **Guideline features** — the quantities the paper's section "Engineering
  Room-Temperature Superconductors" [1]_ talks about: the range and spread of
  Pauling electronegativity over the elements ("a narrow range of
  electronegativities"), the ratio and spread of atomic size under a *named*
  radius convention ("a combination of large and small atoms"), the number of
  elements and the atoms per formula unit ("avoid excessively complex, large
  compound molecules"). Element values come from
  :mod:`etunnel.materials.elements` (pymatgen / Cordero, with provenance).
* **Magpie** (Ward et al. 2016 [2]_): 22 element properties x 6 statistics
  (minimum, maximum, range, fraction-weighted mean, fraction-weighted mean
  absolute deviation, mode = property of the most abundant element, the
  smallest on ties) = 132 features. The element table is the one matminer
  ships (``matminer.utils.data.MagpieData``, NaNs imputed with the mean over
  elements as matminer does); the statistics reproduce
  ``ElementProperty.from_preset("magpie")`` number for number (tested), about
  50 times faster because they are vectorised.
* **Tunnel-model element quantities** — the valence radius R_v and border
  radius R_b under the paper's convention (:mod:`etunnel.materials.radii`)
  and their ratio R_b/R_v, composition-weighted; NaN where an element lacks
  a radius ("where defined").

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University (rev. 2023), section
   "Engineering Room-Temperature Superconductors".
.. [2] L. Ward, A. Agrawal, A. Choudhary, C. Wolverton, "A general-purpose
   machine learning framework for predicting properties of inorganic
   materials", npj Comput. Mater. 2, 16028 (2016).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

#: Highest atomic number the descriptor tables cover (matminer's Magpie table goes to 118).
MAX_Z = 118
#: The 22 Magpie element properties, in matminer's preset order.
MAGPIE_PROPERTIES = (
    "Number", "MendeleevNumber", "AtomicWeight", "MeltingT", "Column", "Row", "CovalentRadius",
    "Electronegativity", "NsValence", "NpValence", "NdValence", "NfValence", "NValence", "NsUnfilled",
    "NpUnfilled", "NdUnfilled", "NfUnfilled", "NUnfilled", "GSvolume_pa", "GSbandgap", "GSmagmom",
    "SpaceGroupNumber",
)
#: The six Magpie statistics, in matminer's order.
MAGPIE_STATS = ("minimum", "maximum", "range", "mean", "avg_dev", "mode")
MAGPIE_SOURCE = ("Magpie element table as shipped by matminer (Ward et al., npj Comput. Mater. 2, 16028 (2016)); "
                 "missing values imputed by the mean over elements, as matminer does")
#: Radius conventions a size feature may use (element property in etunnel.materials.elements).
SIZE_CONVENTIONS = {
    "covalent": "covalent_radius",
    "atomic": "atomic_radius",
    "metallic": "metallic_radius",
    "van_der_waals": "van_der_waals_radius",
    "calculated": "atomic_radius_calculated",
}
#: Default radius convention of the guideline's size features.
DEFAULT_SIZE_CONVENTION = "covalent"
#: Guideline feature names and units.
GUIDELINE_FEATURES = {
    "x_range": ("1", "max - min Pauling electronegativity over the elements"),
    "x_std": ("1", "atomic-fraction-weighted standard deviation of Pauling electronegativity"),
    "size_ratio": ("1", "largest / smallest radius over the elements"),
    "size_std": ("m", "atomic-fraction-weighted standard deviation of the radius"),
    "n_elements": ("1", "number of distinct elements"),
    "atoms_per_fu": ("1", "atoms per formula unit of the reduced formula"),
}
#: Tunnel-model element quantities (paper convention), composition-weighted.
TUNNEL_FEATURES = ("R_v_mean", "R_b_mean", "Rb_over_Rv_mean", "Rb_over_Rv_min", "Rb_over_Rv_max")
#: Cap on compositions featurised in one call.
MAX_COMPOSITIONS = 2_000_000


def magpie_labels() -> list[str]:
    """Feature names exactly as matminer labels them (``"MagpieData mean Number"``)."""
    return [f"MagpieData {s} {p}" for p in MAGPIE_PROPERTIES for s in MAGPIE_STATS]


@lru_cache(maxsize=1)
def _symbols() -> tuple[str, ...]:
    from pymatgen.core import Element

    return tuple(Element.from_Z(z).symbol for z in range(1, MAX_Z + 1))


@lru_cache(maxsize=1)
def _index() -> dict[str, int]:
    return {s: i for i, s in enumerate(_symbols())}


@lru_cache(maxsize=1)
def magpie_table() -> np.ndarray:
    """Magpie element table, shape (118, 22): row Z-1, column in :data:`MAGPIE_PROPERTIES`.

    Read from the ``magpie_elementdata/*.table`` files matminer ships, as
    ``matminer.utils.data.MagpieData(impute_nan=True)`` reads them (line Z
    holds element Z; unreadable or absent values become the mean over
    elements), without importing matminer's featuriser stack.
    """
    from importlib.resources import files

    folder = files("matminer") / "utils" / "data_files" / "magpie_elementdata"
    table = np.full((MAX_Z, len(MAGPIE_PROPERTIES)), np.nan)
    for j, prop in enumerate(MAGPIE_PROPERTIES):
        lines = (folder / f"{prop}.table").read_text().splitlines()
        for z in range(1, MAX_Z + 1):
            try:
                table[z - 1, j] = float(lines[z - 1])
            except (ValueError, IndexError):
                pass
    means = np.nanmean(table, axis=0)
    return np.where(np.isnan(table), means, table)


@lru_cache(maxsize=None)
def element_columns(size_convention: str = DEFAULT_SIZE_CONVENTION) -> dict[str, np.ndarray]:
    """Per-element arrays (length 118, NaN where missing) from etunnel's sourced element data.

    Keys: ``electronegativity`` (Pauling) [1], ``size`` [m] under ``size_convention``,
    ``R_v`` and ``R_b`` [m] under the paper's radius convention.
    """
    from etunnel.materials.elements import element_data
    from etunnel.materials.provenance import Sourced
    from etunnel.materials.radii import radii

    if size_convention not in SIZE_CONVENTIONS:
        raise ValueError(f"size_convention must be one of {', '.join(SIZE_CONVENTIONS)}, got {size_convention!r}")

    def val(item):
        return float(item.value) if isinstance(item, Sourced) else math.nan

    cols = {k: np.full(MAX_Z, np.nan) for k in ("electronegativity", "size", "R_v", "R_b")}
    for i, s in enumerate(_symbols()):
        try:
            data = element_data(s)
        except ValueError:
            continue
        cols["electronegativity"][i] = val(data["electronegativity"])
        cols["size"][i] = val(data[SIZE_CONVENTIONS[size_convention]])
        pair = radii(s, rv_convention="paper", rb_convention="paper", data=data)
        cols["R_v"][i], cols["R_b"][i] = val(pair.R_v), val(pair.R_b)
    return cols


@dataclass(frozen=True)
class Padded:
    """Compositions as padded arrays.

    Attributes
    ----------
    index : ndarray of int, shape (n, m)
        Element index Z-1 (0 in padding).
    amount : ndarray of float, shape (n, m)
        Amount of each element as written (0 in padding).
    mask : ndarray of bool, shape (n, m)
        True where an element is present.
    """

    index: np.ndarray
    amount: np.ndarray
    mask: np.ndarray

    @property
    def fraction(self) -> np.ndarray:
        return self.amount / self.amount.sum(axis=1, keepdims=True)


def pad(compositions: Sequence[Mapping[str, float]]) -> Padded:
    """Pack ``{symbol: amount}`` dictionaries into :class:`Padded` arrays.

    Raises
    ------
    ValueError
        Naming the 1-based position of a composition that is empty, has an
        unknown element or a non-positive or non-finite amount.
    """
    n = len(compositions)
    if n > MAX_COMPOSITIONS:
        raise ValueError(f"at most {MAX_COMPOSITIONS} compositions per call, got {n}")
    width = max((len(c) for c in compositions), default=1) or 1
    index = np.zeros((n, width), dtype=np.intp)
    amount = np.zeros((n, width))
    lookup = _index()
    for r, comp in enumerate(compositions):
        if not comp:
            raise ValueError(f"composition {r + 1} is empty")
        for k, (el, a) in enumerate(comp.items()):
            if el not in lookup:
                raise ValueError(f"composition {r + 1}: unknown element symbol {el!r}")
            a = float(a)
            if not (a > 0 and math.isfinite(a)):
                raise ValueError(f"composition {r + 1}: amount of {el} must be a finite number > 0, got {a!r}")
            index[r, k] = lookup[el]
            amount[r, k] = a
    return Padded(index, amount, amount > 0)


def _stats(values: np.ndarray, p: Padded) -> dict[str, np.ndarray]:
    """The six Magpie statistics of ``values`` (shape (n, m, k)) along the element axis."""
    mask = p.mask[:, :, None]
    w = p.amount[:, :, None]
    total = w.sum(axis=1)
    lo = np.where(mask, values, np.inf).min(axis=1)
    hi = np.where(mask, values, -np.inf).max(axis=1)
    mean = (w * values).sum(axis=1) / total
    dev = (w * np.abs(values - mean[:, None, :])).sum(axis=1) / total
    # matminer's mode: the value of the element(s) with the largest amount, np.isclose
    # to the maximum on the raw amounts, and the smallest such value on ties.
    top = np.isclose(p.amount, p.amount.max(axis=1, keepdims=True)) & p.mask
    mode = np.where(top[:, :, None], values, np.inf).min(axis=1)
    return {"minimum": lo, "maximum": hi, "range": hi - lo, "mean": mean, "avg_dev": dev, "mode": mode}


def magpie_features(compositions: Sequence[Mapping[str, float]] | Padded) -> pd.DataFrame:
    """The 132 Magpie features of each composition (matminer's labels and values).

    .. math::

        \\bar p = \\sum_i x_i p_i, \\quad
        \\mathrm{avg\\_dev} = \\sum_i x_i |p_i - \\bar p|, \\quad
        \\mathrm{range} = \\max_i p_i - \\min_i p_i,

    with :math:`x_i` the atomic fractions (Ward et al. 2016, Table 1).
    """
    p = compositions if isinstance(compositions, Padded) else pad(compositions)
    values = magpie_table()[p.index]  # (n, m, 22)
    st = _stats(values, p)
    out = np.stack([st[s] for s in MAGPIE_STATS], axis=2)  # (n, 22, 6)
    return pd.DataFrame(out.reshape(len(out), -1), columns=magpie_labels())


def _weighted_std(values: np.ndarray, p: Padded) -> np.ndarray:
    x = p.fraction
    v = np.where(p.mask, values, 0.0)
    mean = (x * v).sum(axis=1)
    return np.sqrt((x * (v - mean[:, None]) ** 2).sum(axis=1))


def _reduced_atoms(comp: Mapping[str, float]) -> float:
    """Atoms per formula unit of the reduced formula (integer formulas divided by their gcd)."""
    amounts = [float(a) for a in comp.values()]
    if all(abs(a - round(a)) < 1e-8 for a in amounts):
        g = 0
        for a in amounts:
            g = math.gcd(g, int(round(a)))
        return float(sum(round(a) for a in amounts) // max(g, 1))
    return float(sum(amounts))


def guideline_features(compositions: Sequence[Mapping[str, float]], *,
                       size_convention: str = DEFAULT_SIZE_CONVENTION, padded: Padded | None = None) -> pd.DataFrame:
    """The paper's guideline quantities for each composition (see :data:`GUIDELINE_FEATURES`).

    .. math::

        \\Delta\\chi = \\max_i \\chi_i - \\min_i \\chi_i, \\quad
        \\sigma_\\chi = \\sqrt{\\textstyle\\sum_i x_i(\\chi_i - \\bar\\chi)^2}, \\quad
        r_{\\max}/r_{\\min}, \\quad \\sigma_r,

    over the elements present (Pauling :math:`\\chi`, radius :math:`r` under
    ``size_convention``). Any element without a value makes that feature NaN
    for the composition, never a partial value. A single element gives
    range 0, ratio 1, spread 0.
    """
    p = padded if padded is not None else pad(compositions)
    cols = element_columns(size_convention)
    out = {}
    for name, key in (("x", "electronegativity"), ("size", "size")):
        vals = cols[key][p.index]
        bad = (np.isnan(vals) & p.mask).any(axis=1)
        hi = np.where(p.mask, vals, -np.inf).max(axis=1)
        lo = np.where(p.mask, vals, np.inf).min(axis=1)
        std = _weighted_std(np.where(np.isnan(vals), 0.0, vals), p)
        if name == "x":
            out["x_range"] = np.where(bad, np.nan, hi - lo)
            out["x_std"] = np.where(bad, np.nan, std)
        else:
            out["size_ratio"] = np.where(bad, np.nan, hi / lo)
            out["size_std"] = np.where(bad, np.nan, std)
    out["n_elements"] = p.mask.sum(axis=1).astype(float)
    out["atoms_per_fu"] = np.array([_reduced_atoms(c) for c in compositions], dtype=float)
    return pd.DataFrame(out)


def tunnel_features(compositions: Sequence[Mapping[str, float]] | Padded) -> pd.DataFrame:
    """Composition-weighted tunnel-model radii (paper convention), NaN where undefined.

    ``R_v_mean``, ``R_b_mean`` [m] are atomic-fraction-weighted means;
    ``Rb_over_Rv_*`` [1] the weighted mean, minimum and maximum of each
    element's R_b/R_v, the ratio the model's resisting distance D depends on
    (Eq. (24) in [1]_ in units of R_b).
    """
    p = compositions if isinstance(compositions, Padded) else pad(compositions)
    cols = element_columns(DEFAULT_SIZE_CONVENTION)
    rv, rb = cols["R_v"][p.index], cols["R_b"][p.index]
    ratio = rb / rv
    bad = ((np.isnan(rv) | np.isnan(rb)) & p.mask).any(axis=1)
    x = p.fraction

    def wmean(v):
        return np.where(bad, np.nan, (x * np.where(p.mask, np.nan_to_num(v), 0.0)).sum(axis=1))

    lo = np.where(p.mask, ratio, np.inf).min(axis=1)
    hi = np.where(p.mask, ratio, -np.inf).max(axis=1)
    return pd.DataFrame({"R_v_mean": wmean(rv), "R_b_mean": wmean(rb), "Rb_over_Rv_mean": wmean(ratio),
                         "Rb_over_Rv_min": np.where(bad, np.nan, lo), "Rb_over_Rv_max": np.where(bad, np.nan, hi)})


def composition_key(comp: Mapping[str, float], *, decimals: int = 4) -> str:
    """Canonical key of a composition: elements sorted, atomic fractions rounded.

    ``MgB2``, ``Mg1B2`` and ``Mg2B4`` share the key ``"B:0.6667 Mg:0.3333"``.
    Fractions are rounded to ``decimals`` places (default 4: compositions
    differing by less than 0.005 at.% are the same material here).
    """
    total = sum(float(a) for a in comp.values())
    return " ".join(f"{el}:{float(a) / total:.{decimals}f}" for el, a in sorted(comp.items()))


def reduced_formula(comp: Mapping[str, float]) -> str:
    """A readable reduced formula (integer amounts divided by their gcd, else as written)."""
    amounts = {el: float(a) for el, a in comp.items()}
    if all(abs(a - round(a)) < 1e-8 for a in amounts.values()):
        g = 0
        for a in amounts.values():
            g = math.gcd(g, int(round(a)))
        amounts = {el: round(a) // max(g, 1) for el, a in amounts.items()}
    parts = []
    for el, a in amounts.items():
        a = float(a)
        parts.append(el if a == 1 else f"{el}{a:g}")
    return "".join(parts)
