"""Sourced ambient-pressure properties of the elemental superconductors.

Reads the compiled table ``etunnel/data/elemental_superconductors.csv``
(32 elements; every value has its published source in its row; a blank cell
means no sourced value was found). Values are converted to SI on reading:

==========================  ===================  ============================
field                       unit                 CSV column (unit)
==========================  ===================  ============================
``tc``                      K                    ``tc_K``
``hc0``                     T                    ``hc0_mT`` (mT, mu0 Hc(0))
``theta_D``                 K                    ``theta_D_K``
``lambda_ep``               1                    ``lambda_ep``
``mu_star``                 1                    ``mu_star``
``gap``                     J                    ``gap_delta0_meV`` (Delta(0))
``two_delta_over_kTc``      1                    ``two_delta_over_kTc``
``penetration_depth``       m                    ``london_penetration_depth_nm``
``coherence_length``        m                    ``coherence_length_nm``
``gamma``                   J mol^-1 K^-2        ``sommerfeld_gamma_mJ_per_mol_K2``
``type``                    (category)           ``type``
==========================  ===================  ============================

The table deliberately omits Gd (pymatgen's 1.083 K is a copy of Ga's) and
Sc, Y and Ce (pymatgen's values were measured under pressure); see
:data:`REJECTED_UPSTREAM_TC`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

from etunnel.constants import ELECTRONVOLT
from etunnel.materials.provenance import MaybeSourced, Missing, Sourced, parse_number

#: Name of the packaged table.
TABLE_NAME = "elemental_superconductors.csv"

#: (field, CSV column, SI unit, factor to SI, source column)
_COLUMNS: tuple[tuple[str, str, str, float, str], ...] = (
    ("tc", "tc_K", "K", 1.0, "source_tc"),
    ("hc0", "hc0_mT", "T", 1e-3, "source_hc0"),
    ("theta_D", "theta_D_K", "K", 1.0, "source_thetaD"),
    ("lambda_ep", "lambda_ep", "1", 1.0, "source_lambda_mu"),
    ("mu_star", "mu_star", "1", 1.0, "source_lambda_mu"),
    ("gap", "gap_delta0_meV", "J", 1e-3 * ELECTRONVOLT, "source_gap"),
    ("two_delta_over_kTc", "two_delta_over_kTc", "1", 1.0, "source_gap"),
    ("penetration_depth", "london_penetration_depth_nm", "m", 1e-9, "source_lengths"),
    ("coherence_length", "coherence_length_nm", "m", 1e-9, "source_lengths"),
    ("gamma", "sommerfeld_gamma_mJ_per_mol_K2", "J mol^-1 K^-2", 1e-3, "source_gamma"),
)

#: Upstream (pymatgen / WebElements) T_c values known to be wrong for ambient
#: pressure, with the reason. Source: the header of elemental_superconductors.csv
#: and /work/shared/data/README.md of this project.
REJECTED_UPSTREAM_TC: dict[str, str] = {
    "Gd": "pymatgen's 1.083 K for Gd is apparently a copy of Ga's value; Gd is not a known ambient superconductor",
    "Sc": "pymatgen's T_c for Sc was measured under pressure, not at ambient pressure",
    "Y": "pymatgen's T_c for Y was measured under pressure, not at ambient pressure",
    "Ce": "pymatgen's T_c for Ce was measured under pressure, not at ambient pressure",
}


@dataclass(frozen=True)
class ElementalSuperconductor:
    """Ambient-pressure superconducting properties of one element, all sourced.

    Every attribute except ``symbol`` and ``notes_conflicts`` is a
    :class:`~etunnel.materials.provenance.Sourced` value in SI units or a
    :class:`~etunnel.materials.provenance.Missing`.

    Attributes
    ----------
    symbol : str
        Element symbol.
    tc : Sourced or Missing
        Critical temperature at ambient pressure. [K]
    hc0 : Sourced or Missing
        Thermodynamic critical field at 0 K, as mu0 Hc(0). [T]
    theta_D : Sourced or Missing
        Debye temperature. [K]
    lambda_ep : Sourced or Missing
        Electron-phonon coupling constant. [1]
    mu_star : Sourced or Missing
        Coulomb pseudopotential. [1]
    gap : Sourced or Missing
        Zero-temperature gap Delta(0) (half the tunnelling 2 Delta). [J]
    two_delta_over_kTc : Sourced or Missing
        2 Delta(0) / (k_B T_c). [1]
    penetration_depth : Sourced or Missing
        London / zero-temperature penetration depth. [m]
    coherence_length : Sourced or Missing
        BCS / Pippard coherence length xi0. [m]
    gamma : Sourced or Missing
        Sommerfeld coefficient of the normal-state electronic heat capacity. [J mol^-1 K^-2]
    type : Sourced or Missing
        Superconductor type as stated by the source (e.g. ``"I"``, ``"II"``).
    notes_conflicts : str
        Alternative and conflicting values listed by the table's compiler.
    """

    symbol: str
    tc: MaybeSourced
    hc0: MaybeSourced
    theta_D: MaybeSourced
    lambda_ep: MaybeSourced
    mu_star: MaybeSourced
    gap: MaybeSourced
    two_delta_over_kTc: MaybeSourced
    penetration_depth: MaybeSourced
    coherence_length: MaybeSourced
    gamma: MaybeSourced
    type: MaybeSourced
    notes_conflicts: str = ""

    def quantities(self) -> dict[str, MaybeSourced]:
        """All sourced quantities by field name (everything but symbol and notes)."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("symbol", "notes_conflicts")
        }

    def to_dict(self) -> dict:
        """JSON-ready form."""
        out = {"symbol": self.symbol}
        out.update({name: item.to_dict() for name, item in self.quantities().items()})
        out["notes_conflicts"] = self.notes_conflicts
        return out


def _read_rows(text: str) -> list[dict[str, str]]:
    body = "".join(line for line in io.StringIO(text) if not line.lstrip().startswith("#"))
    return list(csv.DictReader(io.StringIO(body)))


def _table_text(path: str | Path | None) -> tuple[str, str]:
    if path is None:
        text = resources.files("etunnel").joinpath("data", TABLE_NAME).read_text(encoding="utf-8")
        return text, f"etunnel/data/{TABLE_NAME}"
    path = Path(path)
    return path.read_text(encoding="utf-8"), str(path)


def load_elemental_superconductors(path: str | Path | None = None) -> dict[str, ElementalSuperconductor]:
    """Load the sourced ambient properties of the elemental superconductors (see :func:`_load`)."""
    return dict(_load(None if path is None else str(path)))


@lru_cache(maxsize=8)
def _load(path: str | None) -> dict[str, ElementalSuperconductor]:
    """Load the sourced ambient properties of the elemental superconductors.

    Parameters
    ----------
    path : str or Path, optional
        A table in the same format; by default the packaged
        ``elemental_superconductors.csv``.

    Returns
    -------
    dict of str to ElementalSuperconductor
        Records keyed by element symbol, in the table's order.

    Raises
    ------
    ValueError
        If a required column is absent, a symbol is repeated, or a cell that
        must be numeric holds text (the table must not contain such cells).

    Notes
    -----
    Each value's ``source`` is the row's source cell for that group of
    quantities (a citation with URL and quote), prefixed by the table name.
    Blank cells become :class:`~etunnel.materials.provenance.Missing`.
    """
    text, table = _table_text(path)
    rows = _read_rows(text)
    if not rows:
        raise ValueError(f"{table}: no rows")
    needed = {"element", "type", "source_type", "notes_conflicts"} | {c[1] for c in _COLUMNS} | {c[4] for c in _COLUMNS}
    absent = needed - set(rows[0])
    if absent:
        raise ValueError(f"{table}: missing columns {sorted(absent)}")
    out: dict[str, ElementalSuperconductor] = {}
    for row in rows:
        symbol = row["element"].strip()
        if not symbol:
            raise ValueError(f"{table}: a row has no element symbol")
        if symbol in out:
            raise ValueError(f"{table}: element {symbol} appears twice")
        values: dict[str, MaybeSourced] = {}
        for name, column, unit, factor, source_column in _COLUMNS:
            cited = row[source_column].strip()
            source = f"{table} [{column}]: {cited}" if cited else f"{table} [{column}] (no source cell)"
            item = parse_number(row[column], quantity=name, unit=unit, source=source, factor=factor)
            if isinstance(item, Missing) and item.raw:
                raise ValueError(f"{table}: {symbol} {column} is not a number: {item.raw!r}")
            values[name] = item
        type_text = row["type"].strip()
        type_source = f"{table} [type]: {row['source_type'].strip()}"
        values["type"] = (
            Sourced(type_text, "", source=type_source)
            if type_text
            else Missing("type", "", reason="no value in source (blank)", source=type_source)
        )
        out[symbol] = ElementalSuperconductor(symbol=symbol, notes_conflicts=row["notes_conflicts"].strip(), **values)
    return out
