r"""Can the model reproduce the measured :math:`T_c(p)` of each material? One fit per material of the packaged table.

For every material of :func:`etunnel.conditions.calibration.load_tc_pressure`
(phases merged, extrapolated critical pressures excluded) this runs
:func:`~etunnel.conditions.calibration.fit_tc_pressure` from the stated
(paper's) parameters with :func:`~etunnel.conditions.calibration.free_vary`
(``c0`` first), and records two verdicts: what the stated parameters give
(``c0 = 0.1`` is below the exact insulating threshold c* = 0.1328, so they
call every material an insulator unless compression raises c), and whether
the best free fit reproduces the points, with its plausibility remarks.
Materials the sub-models cannot describe from element data (compounds
without radii) are listed as not evaluated, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from etunnel.checks import InputError


@dataclass(frozen=True)
class MaterialCalibration:
    """Outcome for one material (JSON-ready through :meth:`to_dict`)."""

    material: str
    n: int
    evaluated: bool
    reason: str = ""
    varied: tuple = ()
    values: dict = field(default_factory=dict)
    stated_verdict: str = ""
    stated_contradicted: bool | None = None
    failed: bool | None = None
    reproduced: bool | None = None
    outcome: str = ""
    plausibility: tuple = ()
    winner: str = ""

    def to_dict(self) -> dict:
        return {"material": self.material, "n": self.n, "evaluated": self.evaluated, "reason": self.reason or None,
                "varied": list(self.varied), "fitted": self.values, "stated_parameters_verdict": self.stated_verdict,
                "stated_parameters_contradicted": self.stated_contradicted, "free_fit_failed": self.failed,
                "free_fit_reproduces": self.reproduced, "free_fit_outcome": self.outcome,
                "plausibility": list(self.plausibility), "winner_aic": self.winner}


def calibrate_table(path=None, *, materials=None, progress=None) -> list[MaterialCalibration]:
    """Fit every material (or ``materials``) of the T_c(p) table; see the module notes.

    Parameters
    ----------
    path : str or Path, optional
        T_c(p) CSV; default the packaged table.
    materials : sequence of str, optional
        Base names to include; default all.
    progress : callable, optional
        Called as ``progress(done, total, name)`` after each material.

    Returns
    -------
    list of MaterialCalibration
    """
    from etunnel.conditions.calibration import base_name, fit_tc_pressure, free_vary, load_tc_pressure, select_material
    from etunnel.conditions.submodels import material_conditions

    table = load_tc_pressure(path)
    names = sorted({base_name(m) for m in table["material"]})
    if materials is not None:
        names = [n for n in names if n in set(materials)]
    out = []
    for i, name in enumerate(names):
        rows = select_material(table, name)
        n = len(rows)
        try:
            m = material_conditions(name)
        except (InputError, ValueError) as exc:
            out.append(MaterialCalibration(name, n, False, reason=" ".join(str(exc).split())))
        else:
            fit = fit_tc_pressure(m, rows["pressure_Pa"].to_numpy(float), rows["tc_K"].to_numpy(float),
                                  rows["sigma_K"].to_numpy(float), vary=free_vary(m, n))
            out.append(MaterialCalibration(
                name, n, True, varied=fit.varied, values=dict(fit.values), stated_verdict=fit.start_verdict,
                stated_contradicted="contradicted by measurement" in fit.start_verdict, failed=fit.failed,
                reproduced=(not fit.failed) and fit.n_reproduced == fit.n, outcome=fit.outcome,
                plausibility=tuple(fit.plausibility), winner=fit.winner_aic))
        if progress is not None:
            progress(i + 1, len(names), name)
    return out


def summarize_calibrations(results: list[MaterialCalibration]) -> dict:
    """Counts over the table: evaluated, stated parameters contradicted, free fit failed / reproduces / implausible."""
    ev = [r for r in results if r.evaluated]
    steep = [r.material for r in ev if any(p.endswith("implausibly steep") for p in r.plausibility)]
    return {
        "materials": len(results),
        "evaluated": len(ev),
        "not_evaluated": [r.material for r in results if not r.evaluated],
        "stated_parameters_contradicted": [r.material for r in ev if r.stated_contradicted],
        "free_fit_failed": [r.material for r in ev if r.failed],
        "free_fit_reproduces": [r.material for r in ev if r.reproduced],
        "free_fit_reproduces_but_implausibly_steep": [m for m in steep if m in {r.material for r in ev if r.reproduced}],
        "free_fit_poor": [r.material for r in ev if not r.failed and not r.reproduced],
        "median_points": float(np.median([r.n for r in results])) if results else None,
    }
