"""Use case: recompute the paper's tables, figures and claims, and write the report folder."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etunnel.services.base import Result, internal


@dataclass(frozen=True)
class ReproductionReport(Result):
    """The paper reproduced: where the report was written, and each claim with its verdict.

    Attributes
    ----------
    out : str
        Folder holding report.md, report.html, figures/, table1.csv and claims.json.
    claims : list
        Each claim: paper value, etunnel value, verdict.
    """

    out: str
    claims: list
    details: dict = internal(default=None)


#: Garbage-collector thresholds while the report is built (CPython's default is 700, 10, 10). The run allocates
#: millions of short-lived objects (matplotlib artists, NumPy temporaries), and at the default a collection
#: scans them about a thousand times: 0.97 s of a 10.8 s run, against 0.31 s with these (peak memory 369 ->
#: 372 MB; measured with gc.callbacks). Collections change no number, only when memory is reclaimed.
GC_THRESHOLDS = (50_000, 20, 20)


@contextlib.contextmanager
def _fewer_collections():
    """Raise the garbage collector's thresholds to :data:`GC_THRESHOLDS` for the duration, then restore them."""
    previous = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(GC_THRESHOLDS, previous)))
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def reproduce(out: str | Path, *, force: bool = False, step: Callable[[str], None] | None = None) -> ReproductionReport:
    """Recompute every table, figure and claim of the paper and write the report into ``out``.

    The report is built in a temporary folder next to ``out`` and moved into
    place only when complete, so an error or Ctrl-C leaves nothing behind. An
    existing non-empty ``out`` needs ``force`` (files of the same name are
    replaced). ``step(name)`` is called as each step starts.
    """
    from etunnel.outputs import atomic_directory
    from etunnel.report.build import build_report

    with atomic_directory(out, force=force) as temp, _fewer_collections():
        result = build_report(temp, step=step)
    details = {k: v for k, v in result.items() if k not in ("out", "claims", "figures")}
    return ReproductionReport(out=str(out), claims=list(result["claims"]), details=details)
