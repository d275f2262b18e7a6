"""Views of the web explorer that no other use case provides.

Plain functions returning :class:`~etunnel.services.base.Result` dataclasses:

- :func:`evaluate_model`: the model use case (``etunnel model --json``)
  within the explorer's caps;
- :func:`centre_line_curve`: the lifting energy along the centre line,
  E_c(r) for r from near the nucleus to the border (the paper's Figs. 2 and 7),
  with the tunnel region (r between R_c and R_b, where E_c < 0) marked;
- :func:`periodic_table`: every element's state and D under one convention,
  beside whether it is a known ambient-pressure superconductor;
- :func:`diagram_view`: the diagram use case (``etunnel diagram --json``) with
  the state on the grid and the measured T_c(p) points added;
- :func:`diagram_materials`: the materials that have measured T_c(p) data.

Every size a caller controls is capped (:data:`MAX_CURVE_POINTS`,
:data:`MAX_TERMS`, :data:`MAX_DIAGRAM_TEMPERATURES`, :data:`MAX_DIAGRAM_PRESSURES`);
larger requests raise :class:`etunnel.checks.InputError` naming the limit.
"""

from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np

from etunnel.checks import InputError
from etunnel.constants import ELECTRONVOLT
from etunnel.model import lifting_energy, resisting_distance
from etunnel.model.lattice import INFINITE, validate_terms
from etunnel.services.base import Result
from etunnel.services.element_report import ElementReport, element_report
from etunnel.services.evaluate import ModelEvaluation
from etunnel.services.evaluate import evaluate_model as _evaluate_model

#: Largest number of points along the centre line.
MAX_CURVE_POINTS = 2001
#: Largest number of molecule pairs kept in eq. (24) for a truncated sum (the exact sum is ``"infinite"``).
MAX_TERMS = 100
#: Largest number of temperatures in a state diagram grid.
MAX_DIAGRAM_TEMPERATURES = 201
#: Largest number of pressures in a state diagram grid (each costs an exact boundary solve).
MAX_DIAGRAM_PRESSURES = 81
#: Highest pressure a diagram may reach [Pa] (the equations of state are not meant beyond).
MAX_DIAGRAM_PRESSURE = 500e9
#: Highest temperature a diagram may reach [K].
MAX_DIAGRAM_TEMPERATURE = 5000.0


def _q(value, unit: str, **extra) -> dict:
    """A JSON field ``{"value": ..., "unit": ...}`` plus extras, as ``etunnel ... --json`` prints it."""
    return {"value": value, "unit": unit, **extra}


def check_terms(terms):
    """``terms`` checked against the explorer's cap: ``'infinite'`` or an integer in [1, MAX_TERMS]."""
    terms = validate_terms(terms)
    if terms != INFINITE and terms > MAX_TERMS:
        raise InputError(f"terms must be 'infinite' or an integer in [1, {MAX_TERMS}], got {terms}")
    return terms


def _real(name: str, value, low: float, high: float, unit: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise InputError(f"{name} must be a number in [{low:g}, {high:g}] {unit}, got {value!r}")
    value = float(value)
    if not (math.isfinite(value) and low <= value <= high):
        raise InputError(f"{name} must be in [{low:g}, {high:g}] {unit}, got {value!r}")
    return value


def _geometry(R_v, R_b, c):
    R_b = _real("R_b", R_b, 0.0, math.inf, "m")
    if not R_b > 0 or not math.isfinite(R_b):
        raise InputError(f"R_b must be > 0 m and finite, got {R_b!r}")
    R_v = _real("R_v", R_v, 0.0, R_b, "m (0 < R_v <= R_b)")
    if not R_v > 0:
        raise InputError(f"R_v must be in (0, R_b] = (0, {R_b:g}] m, got {R_v!r}")
    c = _real("c", c, 0.0, 1.0, "")
    return R_v, R_b, c


def evaluate_model(R_v: float, R_b: float, c: float, terms=INFINITE) -> ModelEvaluation:
    """The model for one material (:func:`etunnel.services.evaluate.evaluate_model`), within the explorer's caps.

    Parameters
    ----------
    R_v : float
        Valence orbital radius, ``0 < R_v <= R_b``. [m]
    R_b : float
        Border radius, half the molecular distance. [m]
    c : float
        Attraction coefficient in [0, 1]. [1]
    terms : int or "infinite"
        Molecule pairs kept in eq. (24) (1 = eq. 37, at most :data:`MAX_TERMS`); ``"infinite"`` is exact.
    """
    R_v, R_b, c = _geometry(R_v, R_b, c)
    return _evaluate_model(R_v, R_b, c, check_terms(terms))


@dataclasses.dataclass(frozen=True)
class CentreLineCurve(Result):
    """Lifting energy along the centre line, E_c(r), and the marks of Figs. 2 and 7."""

    model: ModelEvaluation
    r: dict
    lifting_energy: dict
    resisting_distance: dict
    tunnel_region: dict
    note: str


def centre_line_curve(R_v: float, R_b: float, c: float, terms=INFINITE, *, points: int = 201) -> CentreLineCurve:
    """The energy E_c(r) to lift an electron at radius r to the border, for r in (0, R_b].

    E_c(r) = (K Q e / 2) D(r) (eq. 23) with D from eq. (24) (or eq. 37 for
    ``terms=1``): the curves of the paper's Figs. 2 and 7. The tunnel region is
    R_c <= r <= R_b, where E_c <= 0 (eq. 38); it does not exist (``null``
    bounds) when c is below the insulating threshold.

    The grid runs from ``r_min = min(R_b / 2, 0.8 R_v)`` to ``R_b`` with
    ``points`` points (2 to :data:`MAX_CURVE_POINTS`), and always contains R_v.
    """
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 2 <= points <= MAX_CURVE_POINTS:
        raise InputError(f"points must be an integer in [2, {MAX_CURVE_POINTS}], got {points!r}")
    model = evaluate_model(R_v, R_b, c, terms)
    R_v, R_b, c = (model.inputs[k]["value"] for k in ("R_v", "R_b", "c"))
    terms = model.inputs["terms"]
    r_min = min(0.5 * R_b, 0.8 * R_v)
    r = np.unique(np.append(np.linspace(r_min, R_b, int(points)), R_v))
    D = resisting_distance(r, R_b, c, terms)
    E = lifting_energy(r, R_b, c, terms) / ELECTRONVOLT
    R_c = model.conducting_radius["value"]
    tunnel = {"from": _q(None if not math.isfinite(R_c) else R_c, "m"), "to": _q(R_b if math.isfinite(R_c) else None, "m"),
              "exists": bool(math.isfinite(R_c))}
    return CentreLineCurve(
        model=model,
        r=_q(r, "m"),
        lifting_energy=_q(E, "eV", equation="23"),
        resisting_distance=_q(D, "1/m", equation="24" if terms != 1 else "37"),
        tunnel_region=tunnel,
        note="E_c(r) is the energy to lift the electron from radius r to the border; E_c <= 0 inside the tunnel "
             "(R_c <= r <= R_b). The state is read at r = R_v.",
    )


def _table_position(symbol: str) -> tuple[int, int]:
    """(row, column) of an element in the 18-column periodic table; f-block in rows 9 and 10."""
    from pymatgen.core import Element

    el = Element(symbol)
    Z = el.Z
    if 57 <= Z <= 71:
        return 9, 3 + (Z - 57)
    if 89 <= Z <= 103:
        return 10, 3 + (Z - 89)
    return int(el.row), int(el.group)


@functools.lru_cache(maxsize=8192)
def element_view(symbol: str, *, rv_convention: str = "paper", rb_convention: str = "paper", c: float = 0.1,
                 terms=INFINITE) -> ElementReport:
    """The element use case (``etunnel element --json``) within the explorer's caps, cached."""
    c = _real("c", c, 0.0, 1.0, "")
    return element_report(symbol, rv_convention=rv_convention, rb_convention=rb_convention, c=c,
                          terms=check_terms(terms))


def _element(symbol: str, rv_convention: str, rb_convention: str, c: float, terms) -> dict:
    return element_view(symbol, rv_convention=rv_convention, rb_convention=rb_convention, c=c, terms=terms).to_dict()


@dataclasses.dataclass(frozen=True)
class PeriodicTable(Result):
    """One cell per element: position, state and D under one convention, and the measured T_c."""

    rv_convention: str
    rb_convention: str
    c: dict
    terms: int | str
    cells: list
    counts: dict
    note: str


def periodic_table(*, rv_convention: str = "paper", rb_convention: str = "paper", c: float = 0.1,
                   terms=INFINITE, max_Z: int = 103) -> PeriodicTable:
    """The model's state and D for every element (Z = 1 to ``max_Z``), beside the measured ambient T_c.

    ``verdict`` per cell: ``agrees`` when the predicted state is
    superconductor exactly for the known ambient-pressure elemental
    superconductors, ``disagrees`` otherwise, ``not evaluated`` where the model
    cannot be applied (radius missing, or R_v > R_b).
    """
    from etunnel.materials.elements import all_symbols

    cells = []
    counts = {"agrees": 0, "disagrees": 0, "not evaluated": 0}
    c = _real("c", c, 0.0, 1.0, "")
    terms = check_terms(terms)
    for symbol in all_symbols(max_Z):
        em = _element(symbol, rv_convention, rb_convention, c, terms)
        model, tc = em["model"], em["properties"]["superconduction_temperature"]
        measured_sc = not tc["missing"]
        if model["evaluated"]:
            predicted_sc = model["state"] == "superconductor"
            verdict = "agrees" if predicted_sc == measured_sc else "disagrees"
        else:
            verdict = "not evaluated"
        counts[verdict] += 1
        row, column = _table_position(symbol)
        cells.append({
            "symbol": em["symbol"], "name": em["name"], "Z": em["Z"], "row": row, "column": column,
            "state": model.get("state"),
            "resisting_distance": _q(model["resisting_distance"]["value"] if model["evaluated"] else None, "1/m"),
            "R_v": _q(em["radii"]["R_v"]["value"], "m"), "R_b": _q(em["radii"]["R_b"]["value"], "m"),
            "measured_tc": _q(tc["value"], "K"),
            "known_superconductor": measured_sc,
            "verdict": verdict,
            "reason": model.get("reason"),
        })
    return PeriodicTable(rv_convention=rv_convention, rb_convention=rb_convention, c=_q(c, "1"), terms=terms, cells=cells, counts=counts,
                         note="row 9/10 hold the lanthanides/actinides; known_superconductor means a measured "
                              "ambient-pressure T_c in etunnel's sourced table")


@dataclasses.dataclass(frozen=True)
class DiagramMaterials(Result):
    """Materials with measured T_c(p) data, and whether the diagram can be built from packaged data."""

    materials: list


@functools.lru_cache(maxsize=1)
def diagram_materials() -> DiagramMaterials:
    """Every material in the packaged T_c(p) table, with its number of points and diagram availability."""
    from etunnel.conditions.calibration import base_name, load_tc_pressure
    from etunnel.conditions.submodels import material_conditions

    df = load_tc_pressure()
    names = sorted({base_name(m) for m in df["material"]})
    out = []
    for name in names:
        n = int(np.count_nonzero(df["material"].map(base_name) == name))
        try:
            material_conditions(name)
            available, reason = True, None
        except (ValueError, TypeError, KeyError) as exc:
            available, reason = False, " ".join(str(exc).split())
        out.append({"name": name, "points": n, "diagram_available": available, "reason": reason})
    return DiagramMaterials(materials=out)


@dataclasses.dataclass(frozen=True)
class DiagramView(Result):
    """``etunnel diagram --json`` (``diagram``) with the state on the grid and the measured T_c(p) points."""

    diagram: dict
    temperature: dict
    pressure: dict
    state: dict
    measured: list


def _grid(name, low, high, points, *, limit, cap, unit):
    low = _real(f"{name}_min", low, 0.0, limit, unit)
    high = _real(f"{name}_max", high, 0.0, limit, unit)
    if not high > low:
        raise InputError(f"{name}_max must be greater than {name}_min, got {low:g} to {high:g} {unit}")
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 2 <= points <= cap:
        raise InputError(f"{name}_points must be an integer in [2, {cap}], got {points!r}")
    return low, high, int(points)


@functools.lru_cache(maxsize=256)
def diagram_view(material: str, *, t_min: float = 0.0, t_max: float = 300.0, t_points: int = 61,
                 p_min: float = 0.0, p_max: float = 40e9, p_points: int = 41, rv_convention: str = "paper",
                 rb_convention: str = "paper", terms=INFINITE) -> DiagramView:
    """The state of ``material`` at every (T, p) of a grid, with boundaries and measured T_c(p).

    Temperatures in K (``t_min`` to ``t_max`` <= :data:`MAX_DIAGRAM_TEMPERATURE`,
    at most :data:`MAX_DIAGRAM_TEMPERATURES` points); pressures in Pa
    (``p_min`` to ``p_max`` <= :data:`MAX_DIAGRAM_PRESSURE`, at most
    :data:`MAX_DIAGRAM_PRESSURES` points). Sub-models at their defaults (see
    ``diagram.material.assumptions``), as ``etunnel diagram`` without
    ``--params``. Results are cached (the computation is deterministic).
    """
    from etunnel.conditions.calibration import load_tc_pressure, select_material
    from etunnel.services.diagram_report import state_diagram_report
    from etunnel.services.material import build_material

    if not isinstance(material, str) or not material.strip():
        raise InputError(f"material must be a name such as 'Hg', got {material!r}")
    temperature = _grid("t", t_min, t_max, t_points, limit=MAX_DIAGRAM_TEMPERATURE, cap=MAX_DIAGRAM_TEMPERATURES,
                        unit="K")
    pressure = _grid("p", p_min, p_max, p_points, limit=MAX_DIAGRAM_PRESSURE, cap=MAX_DIAGRAM_PRESSURES, unit="Pa")
    terms = check_terms(terms)
    m = build_material(material, rv_convention=rv_convention, rb_convention=rb_convention, terms=terms)
    report = state_diagram_report(m, temperature, pressure)
    ds = report.dataset
    rows = select_material(load_tc_pressure(), material)
    measured = [{"material": r.material, "pressure": _q(r.pressure_Pa, "Pa"), "tc": _q(r.tc_K, "K"),
                 "sigma": _q(r.sigma_K if math.isfinite(r.sigma_K) else None, "K"),
                 "reference": r.reference, "source": r.source} for r in rows.itertuples()]
    return DiagramView(
        diagram=report.to_dict(),
        temperature=_q(ds["temperature"].values, "K"),
        pressure=_q(ds["pressure"].values, "Pa"),
        state=_q(ds["state"].values.astype(int), "1", dims=["temperature", "pressure"]),
        measured=measured,
    )
