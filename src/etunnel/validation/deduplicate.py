"""Merge duplicate SuperCon entries by reduced composition.

SuperCon as cleaned by Stanev et al. (2018) still lists many compositions
more than once (separate measurements, the same material written
differently: ``MgB2``, ``Mg1B2``, ``Mg2B4``). Cross-validating on such a file
puts copies of a test compound in the training folds and inflates every
score. The rules, applied in order, each counted:

1. ``identical_formula`` — rows whose formula text repeats an earlier row.
2. ``same_reduced_composition`` — further rows whose composition has the same
   atomic fractions (to :data:`KEY_DECIMALS` places) as an earlier row
   (:func:`etunnel.materials.descriptors.composition_key`).

Merge rule: one row per composition, with the **median** T_c of its rows
(``Tc = 0``, "no reported T_c", counts as 0 K, the convention of Stanev et
al., who treat those entries as non-superconductors). The merged frame keeps
how many rows were merged and their T_c range. The raw file is never
modified.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from etunnel.materials.descriptors import composition_key

#: Decimal places of the atomic fractions in the composition key.
KEY_DECIMALS = 4
#: Decimal places at which near-duplicates (e.g. neighbouring dopings) are counted.
NEAR_DECIMALS = 2
MERGE_RULE = "median T_c of the merged rows (Tc = 0, no reported T_c, counted as 0 K)"


@dataclass(frozen=True)
class Deduplicated:
    """Result of :func:`deduplicate`.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per composition: ``key``, ``formula`` (first spelling),
        ``amounts``, ``elements``, ``family``, ``tc_K`` (median), ``n_merged``,
        ``tc_min_K``, ``tc_max_K``.
    n_input : int
        Rows in.
    removed : dict of str to int
        Rows removed by each rule (see module docstring).
    n_conflicting : int
        Merged compositions whose T_c values span more than 10 K.
    n_near_duplicates : int
        Rows (of those kept) that would merge if fractions were rounded to
        :data:`NEAR_DECIMALS` places (doping series); counted, not merged.
        Grouped cross-validation by chemical system keeps them in one fold.
    merge_rule : str
    """

    frame: pd.DataFrame
    n_input: int
    removed: dict
    n_conflicting: int
    n_near_duplicates: int = 0
    merge_rule: str = MERGE_RULE

    def summary(self) -> dict:
        return {"rows_in": self.n_input, "rows_out": int(len(self.frame)), "removed": dict(self.removed),
                "compositions_with_tc_spread_over_10_K": self.n_conflicting,
                f"near_duplicate_rows_at_{NEAR_DECIMALS}_decimals_not_merged": self.n_near_duplicates, "merge_rule": self.merge_rule,
                "key": f"elements with atomic fractions rounded to {KEY_DECIMALS} decimals"}


def deduplicate(frame: pd.DataFrame) -> Deduplicated:
    """Merge rows of a parsed SuperCon frame (columns ``formula``, ``tc_K``, ``amounts``, ...).

    Parameters
    ----------
    frame : pandas.DataFrame
        ``SuperConData.frame`` from :func:`etunnel.validation.datasets.load_supercon`.

    Returns
    -------
    Deduplicated
    """
    for col in ("formula", "tc_K", "amounts"):
        if col not in frame.columns:
            raise ValueError(f"frame lacks column {col!r}")
    n = len(frame)
    text_dup = frame["formula"].duplicated()
    keys = frame["amounts"].map(lambda a: composition_key(a, decimals=KEY_DECIMALS))
    key_dup = keys.duplicated()
    work = frame.assign(key=keys.to_numpy())
    grouped = work.groupby("key", sort=False)
    tc = grouped["tc_K"]
    first = grouped.first()
    out = pd.DataFrame({
        "key": first.index.to_numpy(),
        "formula": first["formula"].to_numpy(),
        "amounts": first["amounts"].to_numpy(),
        "elements": first["elements"].to_numpy() if "elements" in first else None,
        "family": first["family"].to_numpy() if "family" in first else None,
        "tc_K": tc.median().to_numpy(),
        "n_merged": tc.size().to_numpy(),
        "tc_min_K": tc.min().to_numpy(),
        "tc_max_K": tc.max().to_numpy(),
    })
    removed = {"identical_formula": int(text_dup.sum()),
               "same_reduced_composition": int((key_dup & ~text_dup).sum())}
    near = frame["amounts"].map(lambda a: composition_key(a, decimals=NEAR_DECIMALS)).duplicated()
    near_only = int((near & ~key_dup).sum())
    spread = out["tc_max_K"] - out["tc_min_K"]
    return Deduplicated(frame=out, n_input=n, removed=removed, n_conflicting=int(np.sum(spread > 10.0)),
                        n_near_duplicates=near_only)
