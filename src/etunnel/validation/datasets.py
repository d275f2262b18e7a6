"""Loaders for the validation datasets, each with schema validation.

* :func:`load_supercon` — the SuperCon-derived list of compositions and T_c
  of Stanev et al. (2018) [1]_, read from a path given at run time (the file
  is not part of the package and must not be copied into it).
* :func:`element_table` — one row per element (Z = 1..103) from the
  package's sourced data layer (:mod:`etunnel.materials`): room-temperature
  resistivity, density, boiling point, Pauling electronegativity, every
  radius, and the ambient-pressure superconductor label and T_c.
* :func:`electronegativity_spread` — the spread of Pauling electronegativity
  over a formula's elements, for the paper's "narrow range of
  electronegativities" guideline.

A malformed file raises :class:`etunnel.checks.InputError` (a ``ValueError``)
whose message names the file, the row and the problem. Formulas that
pymatgen cannot parse are *reported* (kept in :attr:`SuperConData.failures`
with the parser's message), never dropped silently.

References
----------
.. [1] V. Stanev et al., "Machine learning modeling of superconducting
   critical temperature", npj Computational Materials 4, 29 (2018);
   data: github.com/vstanev1/Supercon, ``Supercon_data.csv``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from etunnel.checks import InputError
from etunnel.materials.paper import GAS_TEMPERATURE, MAX_Z

#: Columns a SuperCon-format file must have: ``name`` (formula) and ``Tc`` [K].
SUPERCON_COLUMNS = ("name", "Tc")
#: Citation of the SuperCon-derived dataset.
SUPERCON_SOURCE = ("Stanev et al., npj Comput. Mater. 4, 29 (2018), data from NIMS SuperCon "
                   "(github.com/vstanev1/Supercon, Supercon_data.csv)")

#: Material families told from the formula alone.
CUPRATE, IRON_BASED, OTHER = "cuprate", "iron-based", "other"
FAMILIES = (CUPRATE, IRON_BASED, OTHER)
#: Pnictogen/chalcogen partners that make an Fe compound "iron-based" here.
IRON_PARTNERS = frozenset({"As", "Se", "P", "S", "Te"})


def family(elements) -> str:
    """Material family from the set of elements in a formula.

    ``"cuprate"``: contains Cu and O. ``"iron-based"``: contains Fe and one
    of As, Se, P, S, Te (and is not a cuprate). ``"other"``: everything else.
    A crude rule, stated as such in the scorecard: it cannot see structure.
    """
    els = set(elements)
    if {"Cu", "O"} <= els:
        return CUPRATE
    if "Fe" in els and els & IRON_PARTNERS:
        return IRON_BASED
    return OTHER


@dataclass(frozen=True)
class ParseFailure:
    """A formula the parser rejected.

    Attributes
    ----------
    row : int
        1-based data row in the file (header excluded).
    formula : str
        The text as read.
    tc : float
        Its T_c [K].
    reason : str
        The parser's message.
    """

    row: int
    formula: str
    tc: float
    reason: str


@dataclass
class SuperConData:
    """A SuperCon-format file, validated and parsed.

    Attributes
    ----------
    path : str
        Where it was read from.
    frame : pandas.DataFrame
        One row per parsed entry: ``row`` (1-based), ``formula``, ``tc_K``,
        ``elements`` (tuple of symbols), ``amounts`` (dict symbol -> amount),
        ``family``.
    failures : list of ParseFailure
        Entries whose formula could not be parsed (not in ``frame``).
    n_rows : int
        Data rows in the file.
    n_tc_zero : int
        Rows with ``Tc = 0`` (no reported T_c; *not* a measured 0 K).
    n_duplicate_formulas : int
        Rows whose formula text repeats an earlier row.
    source : str
        Citation.
    """

    path: str
    frame: pd.DataFrame
    failures: list[ParseFailure] = field(default_factory=list)
    n_rows: int = 0
    n_tc_zero: int = 0
    n_duplicate_formulas: int = 0
    source: str = SUPERCON_SOURCE

    def summary(self) -> dict:
        """Counts, for the scorecard."""
        return {"path": self.path, "rows": self.n_rows, "parsed": int(len(self.frame)),
                "unparsable": len(self.failures), "tc_zero_rows": self.n_tc_zero,
                "duplicate_formula_rows": self.n_duplicate_formulas, "source": self.source,
                "unparsable_examples": [f"row {f.row}: {f.formula!r} ({f.reason})" for f in self.failures[:20]]}


def _parse(formula: str) -> tuple[dict[str, float] | None, str]:
    from etunnel.materials.compounds import parse_formula

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return parse_formula(formula), ""
    except ValueError as exc:
        return None, " ".join(str(exc).split())


def load_supercon(path: str | Path, *, progress: Callable[[int, int], None] | None = None) -> SuperConData:
    """Read and validate a SuperCon-format CSV (columns ``name``, ``Tc``).

    Parameters
    ----------
    path : str or Path
        The file, e.g. ``stanev_supercon_data.csv`` (16,414 rows).
    progress : callable, optional
        Called as ``progress(done, total)`` while formulas are parsed (each
        unique formula is parsed once).

    Returns
    -------
    SuperConData

    Raises
    ------
    InputError
        If the file does not exist, is not CSV, lacks a column, has an empty
        formula, or a ``Tc`` that is not a finite number >= 0 [K]. The
        message gives the row.

    Notes
    -----
    ``Tc = 0`` means "no reported T_c" in this dataset; such rows are kept
    and counted. Formulas pymatgen cannot parse are returned in
    ``failures`` with the parser's reason.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"SuperCon file {str(path)!r} does not exist")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name}: not a readable CSV file: {' '.join(str(exc).split())}") from None
    columns = [c.strip() for c in raw.columns]
    raw.columns = columns
    absent = [c for c in SUPERCON_COLUMNS if c not in columns]
    if absent:
        raise InputError(f"{path.name}: missing column(s) {absent}; a SuperCon file needs columns "
                         f"{list(SUPERCON_COLUMNS)}, found {columns}")
    if raw.empty:
        raise InputError(f"{path.name}: no data rows")
    names = raw["name"].str.strip()
    empty = np.flatnonzero(names.to_numpy() == "")
    if empty.size:
        raise InputError(f"{path.name}: row {int(empty[0]) + 1} has an empty formula in column 'name'")
    tc = pd.to_numeric(raw["Tc"].str.strip(), errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(~np.isfinite(tc))
    if bad.size:
        i = int(bad[0])
        raise InputError(f"{path.name}: row {i + 1} ({names.iloc[i]!r}): Tc must be a number in K, "
                         f"got {raw['Tc'].iloc[i]!r}")
    neg = np.flatnonzero(tc < 0)
    if neg.size:
        i = int(neg[0])
        raise InputError(f"{path.name}: row {i + 1} ({names.iloc[i]!r}): Tc must be >= 0 K, got {tc[i]:g} K "
                         f"({neg.size} negative value(s) in all)")
    unique = list(dict.fromkeys(names))
    parsed: dict[str, tuple[dict[str, float] | None, str]] = {}
    for k, formula in enumerate(unique):
        parsed[formula] = _parse(formula)
        if progress is not None and (k % 200 == 0 or k == len(unique) - 1):
            progress(k + 1, len(unique))
    records, failures = [], []
    for i, (formula, t) in enumerate(zip(names, tc)):
        amounts, reason = parsed[formula]
        if amounts is None:
            failures.append(ParseFailure(i + 1, formula, float(t), reason))
            continue
        els = tuple(amounts)
        records.append({"row": i + 1, "formula": formula, "tc_K": float(t), "elements": els,
                        "amounts": amounts, "family": family(els)})
    frame = pd.DataFrame.from_records(records, columns=["row", "formula", "tc_K", "elements", "amounts", "family"])
    return SuperConData(path=str(path), frame=frame, failures=failures, n_rows=int(len(raw)),
                        n_tc_zero=int(np.sum(tc == 0)), n_duplicate_formulas=int(names.duplicated().sum()))


# ------------------------------------------------------------- electronegativity


def _pauling(symbols) -> dict[str, float]:
    from etunnel.materials.elements import element_data
    from etunnel.materials.provenance import Sourced

    out = {}
    for s in symbols:
        item = element_data(s)["electronegativity"]
        out[s] = float(item.value) if isinstance(item, Sourced) else math.nan
    return out


def electronegativity_spread(data: SuperConData) -> pd.DataFrame:
    """Spread of Pauling electronegativity over each composition's elements.

    Columns added to ``data.frame`` (a copy): ``x_range`` (max - min over
    the elements present), ``x_std`` (atomic-fraction-weighted standard
    deviation, the form of
    :func:`etunnel.materials.compounds.composition_properties`),
    ``n_elements`` and ``x_missing`` (elements without a Pauling value; then
    both spreads are NaN, never a partial value). Single-element entries
    have spread 0.
    """
    frame = data.frame.copy()
    symbols = sorted({s for els in frame["elements"] for s in els})
    chi = _pauling(symbols)
    ranges, stds, missing = [], [], []
    for amounts in frame["amounts"]:
        miss = [s for s in amounts if not math.isfinite(chi[s])]
        missing.append(",".join(miss))
        if miss:
            ranges.append(math.nan)
            stds.append(math.nan)
            continue
        total = sum(amounts.values())
        vals = np.array([chi[s] for s in amounts])
        w = np.array([amounts[s] / total for s in amounts])
        mean = float(w @ vals)
        ranges.append(float(vals.max() - vals.min()))
        stds.append(math.sqrt(float(w @ (vals - mean) ** 2)))
    frame["x_range"] = ranges
    frame["x_std"] = stds
    frame["n_elements"] = [len(a) for a in frame["amounts"]]
    frame["x_missing"] = missing
    return frame


# ------------------------------------------------------------------ elements


def element_table() -> pd.DataFrame:
    """One row per element Z = 1..103, from :mod:`etunnel.materials`, SI units.

    Columns: ``symbol``, ``Z``, ``resistivity`` [ohm m], ``density`` [kg m^-3],
    ``boiling_point`` [K], ``electronegativity`` [1], ``radius_<convention>``
    [m] for every pure radius convention, ``paper_R_v``, ``paper_R_b`` [m]
    (the paper's rule applied to pymatgen data), ``superconducting`` (in the
    sourced table of ambient-pressure elemental superconductors), ``tc`` [K],
    ``theta_D`` [K], ``lambda_ep``, ``mu_star``. Missing values are NaN.
    """
    from etunnel.materials.elements import all_symbols, element_data
    from etunnel.materials.provenance import Sourced
    from etunnel.materials.radii import RADIUS_CONVENTIONS, radii
    from etunnel.materials.superconductors import load_elemental_superconductors

    def val(item):
        return float(item.value) if isinstance(item, Sourced) else math.nan

    table = load_elemental_superconductors()
    rows = []
    for symbol in all_symbols(MAX_Z):
        data = element_data(symbol)
        row = {"symbol": symbol, "Z": data.Z,
               "resistivity": val(data["electrical_resistivity"]), "density": val(data["density_of_solid"]),
               "boiling_point": val(data["boiling_point"]), "electronegativity": val(data["electronegativity"])}
        for conv, (prop, _) in RADIUS_CONVENTIONS.items():
            if prop:
                row[f"radius_{conv}"] = val(data[prop])
        pair = radii(symbol, rv_convention="paper", rb_convention="paper", data=data)
        row["paper_R_v"], row["paper_R_b"] = val(pair.R_v), val(pair.R_b)
        sc = table.get(symbol)
        row["superconducting"] = sc is not None
        row["tc"] = val(sc.tc) if sc else math.nan
        row["theta_D"] = val(sc.theta_D) if sc else math.nan
        row["lambda_ep"] = val(sc.lambda_ep) if sc else math.nan
        row["mu_star"] = val(sc.mu_star) if sc else math.nan
        rows.append(row)
    return pd.DataFrame(rows)


def convention_radii(elements: pd.DataFrame, rv_convention: str, rb_convention: str) -> tuple[np.ndarray, np.ndarray]:
    """R_v and R_b [m] of every row of :func:`element_table` under the named conventions."""
    from etunnel.materials.radii import RADIUS_CONVENTIONS

    for conv in (rv_convention, rb_convention):
        if conv not in RADIUS_CONVENTIONS:
            raise InputError(f"unknown radius convention {conv!r}; choose one of {', '.join(RADIUS_CONVENTIONS)}")
    R_v = elements["paper_R_v"] if rv_convention == "paper" else elements[f"radius_{rv_convention}"]
    R_b = elements["paper_R_b"] if rb_convention == "paper" else elements[f"radius_{rb_convention}"]
    return R_v.to_numpy(float), R_b.to_numpy(float)
