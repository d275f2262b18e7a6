"""Use case: measure the paper's claims against data, beside baselines, and write the scorecard folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etunnel.checks import InputError
from etunnel.conditions.fit_uncertainty import MAX_DRAWS
from etunnel.services.base import Result

#: Largest number of bootstrap resamples per interval.
MAX_BOOTSTRAP = 100_000


@dataclass(frozen=True)
class ValidationReport(Result):
    """The validation scorecard.

    Attributes
    ----------
    out : str
        Folder holding scorecard.md, scorecard.html, scorecard.json, figures/ and CSVs.
    supercon : dict
        Summary of the SuperCon file read (rows, unparsable, T_c = 0 rows).
    rows : list
        One row per claim: the claim, the measured effect with interval and p, the baseline, the verdict, and
        ``robustness``: whether the verdict survives parameter draws and radius conventions
        (:mod:`etunnel.validation.verdict_robustness`).
    """

    out: str
    supercon: dict
    rows: list


def validate(supercon: str | Path, out: str | Path, *, tc_pressure: str | Path | None = None,
             n_bootstrap: int = 1000, seed: int = 0, robustness_draws: int | None = None, jobs: int = 1,
             force: bool = False,
             step: Callable[[str, int], None] | None = None,
             parse_progress: Callable[[int, int], None] | None = None) -> ValidationReport:
    """Run every validation claim and write the scorecard into ``out`` (with ``scorecard.json``).

    Inputs are checked before any work: the SuperCon and T_c(p) files must
    exist, ``0 <= n_bootstrap <=`` :data:`MAX_BOOTSTRAP`, ``0 <= robustness_draws <=``
    :data:`etunnel.conditions.fit_uncertainty.MAX_DRAWS` (default
    :data:`~etunnel.conditions.fit_uncertainty.DEFAULT_DRAWS`), ``1 <= jobs <=``
    :data:`etunnel.validation.scorecard.MAX_JOBS` (processes; 1: serial), and ``out`` must be
    a new or empty folder (or any folder with ``force``). The scorecard is
    built in a temporary folder and moved into place only when complete.
    """
    from etunnel.outputs import atomic_directory
    from etunnel.validation.scorecard import MAX_JOBS, run_validation

    if isinstance(n_bootstrap, bool) or not isinstance(n_bootstrap, int) or not 0 <= n_bootstrap <= MAX_BOOTSTRAP:
        raise InputError(f"--bootstrap must be a whole number in [0, {MAX_BOOTSTRAP}], got {n_bootstrap!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise InputError(f"--seed must be a whole number in [0, 2**32), got {seed!r}")
    if robustness_draws is not None and (isinstance(robustness_draws, bool) or not isinstance(robustness_draws, int)
                                         or not 0 <= robustness_draws <= MAX_DRAWS):
        raise InputError(f"--robustness-draws must be a whole number in [0, {MAX_DRAWS}], got {robustness_draws!r}")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise InputError(f"--jobs must be a whole number in [1, {MAX_JOBS}], got {jobs!r}")
    for option, path in (("--supercon", supercon), ("--tc-pressure", tc_pressure)):
        if path is not None and not Path(path).is_file():
            raise InputError(f"{option}: file {str(path)!r} not found")
    with atomic_directory(out, force=force) as temp:
        result = run_validation(supercon, temp, tc_pressure=tc_pressure, n_bootstrap=n_bootstrap, seed=seed,
                                robustness_draws=robustness_draws, jobs=jobs, step=step,
                                parse_progress=parse_progress)
        report = ValidationReport(out=str(out), supercon=result["supercon"], rows=list(result["rows"]))
        (temp / "scorecard.json").write_text(report.to_json() + "\n", encoding="utf-8")
    return report
