"""Use case: the state diagram of a material in temperature and pressure, optionally calibrated first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etunnel.checks import InputError
from etunnel.services.base import Result, flattened, internal, quantity
from etunnel.services.material import describe_material

#: Largest number of points along each axis of a diagram grid.
MAX_AXIS_POINTS = 1001


@dataclass(frozen=True)
class DiagramReport(Result):
    """A state diagram: grid, state fractions, exact boundaries and the material behind them.

    Attributes
    ----------
    material : MaterialDescription
    grid : dict
        Pressure [Pa] and temperature [K] as [start, stop, points].
    insulating_threshold : float
        c* of the lattice model. [1]
    state_fractions : dict
        Fraction of grid points in each state.
    boundaries : dict
        T_c(p) [K], the insulating boundary and triple points, solved exactly.
    isochore_slope_K_per_GPa : dict
        1/(3 alpha B) at the ends of the pressure range. [K/GPa]
    out : str or None
        File written, if any.
    fit : FitReport or None
        The calibration applied first (``fit=True``).
    """

    material: object
    grid: dict
    insulating_threshold: object
    state_fractions: dict
    state_codes: dict
    boundaries: dict
    isochore_slope_K_per_GPa: dict
    out: str | None = None
    fit: object = None
    extra: dict = flattened()
    dataset: object = internal(default=None)
    conditions: object = internal(default=None)


def _axis(name: str, start: float, stop: float, points: int, unit: str):
    import numpy as np

    if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= MAX_AXIS_POINTS:
        raise InputError(f"--{name}: number of points must be an integer in [2, {MAX_AXIS_POINTS}], got {points!r}")
    if not (np.isfinite(start) and np.isfinite(stop)):
        raise InputError(f"--{name}: start and stop must be finite, got {start!r}:{stop!r}")
    if start < 0:
        raise InputError(f"--{name} must be >= 0 {unit}, got start {start:g} {unit}")
    if not stop > start:
        raise InputError(f"--{name}: stop must be greater than start, got {start:g}:{stop:g} {unit}")
    return np.linspace(start, stop, points)


def check_grid(temperature: tuple[float, float, int], pressure: tuple[float, float, int]):
    """Check a grid given as (start, stop, points) in K and Pa; return the axes (T, p)."""
    return _axis("temperature", *temperature, "K"), _axis("pressure", *pressure, "Pa")


def state_diagram_report(m, temperature: tuple[float, float, int], pressure: tuple[float, float, int], *,
                         fit: bool = False, data: str | Path | None = None, progress=None) -> DiagramReport:
    """The state at every (T, p) of a grid, with exact boundaries.

    Parameters
    ----------
    m : MaterialConditions
        The material (:func:`etunnel.services.material.build_material`).
    temperature, pressure : (start, stop, points)
        Grid axes in K and Pa, ``start >= 0``, at most :data:`MAX_AXIS_POINTS` points each.
    fit : bool
        Calibrate the material to its measured T_c(p) first (``data`` or the packaged table).
    progress : callable, optional
        ``progress(done, total)`` while the grid is computed.
    """
    from etunnel.conditions.calibration import isochore_bound
    from etunnel.conditions.diagram import STATE_NAMES, state_diagram, summarize

    T, P = check_grid(temperature, pressure)
    (t0, t1, n_t), (p0, p1, n_p) = temperature, pressure
    fit_report = None
    if fit:
        from etunnel.services.fit_report import fit_report as _fit_report

        fit_report = _fit_report(m, data=data, include_extrapolated=False)
        m = fit_report.result.material
    ds = state_diagram(m, T, P, progress=progress) if progress is not None else state_diagram(m, T, P)
    summary = summarize(ds)
    sc = ds["T_superconducting"].values
    ins = ds["T_insulating"].values
    slope = isochore_bound(m, [p0, p1])
    payload = {
        "material": describe_material(m),
        "grid": {"pressure": quantity([p0, p1, n_p], "Pa"), "temperature": quantity([t0, t1, n_t], "K")},
        "insulating_threshold": ds.attrs["insulating_threshold"],
        "state_fractions": summary["fractions"],
        "state_codes": {str(k): v for k, v in STATE_NAMES.items()},
        "boundaries": {
            "superconducting_T_of_p": {"pressure_Pa": P, "T_K": sc, "equation": "R_v(T) = R_c(T,p) (eq. 38, 11)"},
            "superconducting_p_of_T": {"T_K": T, "pressure_Pa": ds["p_superconducting"].values},
            "insulating_T_of_p": {"pressure_Pa": P, "T_K": ins, "equation": "c(T,p) = c*"},
            "insulating_p_of_T": {"T_K": T, "pressure_Pa": ds["p_insulating"].values},
            "triple_points": [{"T_K": t, "pressure_Pa": q} for t, q in zip(ds["triple_temperature"].values,
                                                                           ds["triple_pressure"].values)],
            "tolerance": {"T_K": 1e-10, "s": 1e-15},
        },
        "isochore_slope_K_per_GPa": {"at_p_min": slope[0] * 1e9, "at_p_max": slope[1] * 1e9,
                                     "meaning": "dT/dp = 1/(3 alpha B): slope of every boundary when R_v is "
                                                "temperature-independent; the smallest T_c(p) slope the model allows "
                                                "with a non-decreasing R_v"},
        "out": None,
    }
    if fit_report is not None:
        payload["fit"] = fit_report
    return DiagramReport.from_payload(payload, dataset=ds, conditions=m)


def diagram_figure(report: DiagramReport):
    """The state-diagram figure (matplotlib) of a :class:`DiagramReport`."""
    from etunnel.conditions.diagram import state_regions
    from etunnel.plots.state_diagram import plot_state_diagram
    from etunnel.services.material import caption_for

    fit = report.fit.result if report.fit is not None else None
    extra = ""
    if report.fit is not None:
        references = list(dict.fromkeys(str(d.get("reference", "")) for d in report.fit.to_dict().get("data", [])))
        references = [r for r in references if r and r != "nan"]
        if references:
            extra = "Measured T_c (error bars: sigma used in the fit): " + "; ".join(references) + "."
    regions = state_regions(report.conditions, report.dataset)
    return plot_state_diagram(report.dataset, regions=regions, fit=fit,
                              caption=caption_for(report.conditions, extra))
