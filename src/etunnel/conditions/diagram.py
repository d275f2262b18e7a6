r"""The electrical-resistance state diagram in temperature and pressure (Figure 8 of [1]_).

At every :math:`(T, p)` the sub-models (:mod:`etunnel.conditions.submodels`)
give :math:`R_v(T)`, :math:`R_b(T, p)` and :math:`c(T, p)`, and the paper's
rule (eqs. 11, 38-41) gives the state:

- insulator where :math:`c < c^*` (no root of eq. 38 in the cell,
  :func:`etunnel.insulating_threshold`);
- superconductor where :math:`R_v \ge R_c`, i.e. where the resisting
  distance at the valence orbital is :math:`D(R_v) \le 0` (eq. 24: :math:`D`
  changes sign at :math:`R_c`, and is positive inside the cell when
  :math:`c < c^*`);
- conductor otherwise.

Boundaries are solved exactly with :func:`scipy.optimize.brentq` in
temperature at each pressure (a scan only brackets the roots):

- superconducting boundary :math:`T_c(p)`: :math:`D(R_v, R_b, c) = 0`,
  equivalently :math:`R_v = R_c` (eq. 38 with eq. 11), "the intersection between
  the [resistivity] surface and the zero resistivity plane";
- insulating boundary: :math:`c(T, p) = c^*`;
- triple points: both at once. On the insulating boundary :math:`R_c = R_b`,
  so a triple point is where :math:`R_v = R_b` there; it is solved by brentq
  in pressure along the insulating boundary.

Points where a sub-model leaves the model's domain (:math:`c` outside [0, 1],
or :math:`R_v > R_b`) are marked ``outside`` (state -1), never clamped.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University, Figure 8 and eqs. (38)-(41).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass

import numpy as np

from etunnel.checks import InputError, require_range
from etunnel.conditions.eos import eos_pressure, volume_ratio
from etunnel.conditions.submodels import K_B, MaterialConditions, thermal_factor
from etunnel.model import conducting_ratio, insulating_threshold, resisting_distance
from etunnel.model.lattice import MAX_TERM_EVALUATIONS, validate_terms

OUTSIDE, INSULATOR, CONDUCTOR, SUPERCONDUCTOR = -1, 0, 1, 2
STATE_NAMES = {OUTSIDE: "outside model domain", INSULATOR: "insulator", CONDUCTOR: "conductor",
               SUPERCONDUCTOR: "superconductor"}

#: Root tolerance in temperature [K] for every boundary.
T_XTOL = 1e-10
#: Root tolerance in pressure [Pa] for triple points.
P_XTOL = 1e-3
#: Root tolerance in s = (V/V0)^(1/3) for boundaries solved along pressure.
S_XTOL = 1e-15


def _fields(material: MaterialConditions, T, cbrt_x):
    """R_v, R_b, c, lambda at temperatures ``T`` and cube roots of V/V0 ``cbrt_x`` (broadcast)."""
    P = material.params
    T = np.asarray(T, float)
    thermal = thermal_factor(T, alpha=P["alpha"], T_ref=P["T_ref"])
    R_b = P["R_b0"] * thermal * cbrt_x
    lam = 1.0 / (thermal * cbrt_x)
    c = material.attraction(lam)
    R_v = material.valence_radius(T)
    return np.broadcast_arrays(R_v, R_b, c, lam)


def _in_domain(R_v, R_b, c):
    r"""Where the model is defined: :math:`0 \le c \le 1` and :math:`0 < R_v \le R_b` (the core API refuses the rest)."""
    return (c >= 0) & (c <= 1) & (R_v > 0) & (R_v <= R_b)


def classify_cells(R_v, R_b, c, terms="infinite"):
    r"""State code and :math:`R_c` of each cell, by the core rule applied to the cell's own R_v, R_b, c.

    Same rule as :func:`etunnel.classify` (eqs. 11 and 38): ``INSULATOR``
    where :math:`c < c^*` (no tunnel), ``SUPERCONDUCTOR`` where
    :math:`R_v \ge R_c`, ``CONDUCTOR`` otherwise; ``OUTSIDE`` wherever the core
    refuses the input (:math:`R_v > R_b`, :math:`R_v \le 0`, or ``c``
    outside [0, 1]).

    Returns
    -------
    state : numpy.ndarray of int8
    R_c : numpy.ndarray
        Conducting radius [m]; NaN outside the domain and where no tunnel exists.
    """
    R_v, R_b, c = np.broadcast_arrays(np.asarray(R_v, float), np.asarray(R_b, float), np.asarray(c, float))
    state = np.full(R_b.shape, OUTSIDE, np.int8)
    R_c = np.full(R_b.shape, np.nan)
    inside = _in_domain(R_v, R_b, c)
    if inside.any():
        # eq. (38): R_c, NaN where no tunnel (c < c*)
        R_c[inside] = np.asarray(conducting_ratio(c[inside], terms), float) * R_b[inside]
        # eq. (11): superconducting where R_v >= R_c; insulating without a tunnel (c < c*)
        state[inside] = np.where(c[inside] < insulating_threshold(terms), INSULATOR,
                                 np.where(R_v[inside] >= R_c[inside], SUPERCONDUCTOR, CONDUCTOR))
    return state, R_c


def states_at(material: MaterialConditions, temperature, pressure):
    """State codes at points ``(temperature [K], pressure [Pa])`` (broadcast), by :func:`classify_cells`."""
    T, p = np.broadcast_arrays(np.asarray(temperature, float), np.asarray(pressure, float))
    cbrt_x = np.cbrt(np.asarray([material.volume_ratio(q) for q in p.ravel()], float)).reshape(p.shape)
    R_v, R_b, c, _ = _fields(material, T, cbrt_x)
    return classify_cells(R_v, R_b, c, material.terms)[0]


def _superconducting_value(material: MaterialConditions, R_v, R_b, c):
    r"""Signed distance to the superconducting boundary: negative on the superconducting side.

    :math:`R_b D(R_v)` (eq. 24), defined inside the model's domain
    (:math:`0 < R_v \le R_b`, :math:`0 \le c \le 1`). NaN outside it: beyond
    the border :math:`R_v > R_b` the resisting distance is undefined and
    :func:`etunnel.classify` refuses the input, so no boundary is drawn there.
    """
    R_v, R_b, c = np.broadcast_arrays(np.asarray(R_v, float), np.asarray(R_b, float), np.asarray(c, float))
    out = np.full(R_b.shape, np.nan)
    inside = _in_domain(R_v, R_b, c)
    if inside.any():
        out[inside] = np.asarray(resisting_distance(R_v[inside], R_b[inside], c[inside], terms=material.terms)) * R_b[inside]
    return out


def _bisect_brackets(function, lo, hi, f_lo, index, *, xtol: float):
    """Vectorised bisection of every bracket ``[lo, hi]`` at once (``function(x, index)`` elementwise).

    Returns the roots (NaN where the function left its domain inside the
    bracket). Each root is within ``xtol + 4 eps |x|`` of a sign change, the
    same guarantee as :func:`scipy.optimize.brentq` with those tolerances.
    """
    lo, hi, f_lo, index = (np.array(a, dtype=d) for a, d in ((lo, float), (hi, float), (f_lo, float), (index, int)))
    ok = np.ones(lo.shape, bool)
    eps4 = 4 * np.finfo(float).eps
    for _ in range(2100):  # bisection of a double interval ends in < 2100 halvings
        active = ok & (hi - lo > xtol + eps4 * np.maximum(np.abs(lo), np.abs(hi)))
        if not active.any():
            break
        a = np.flatnonzero(active)
        mid = 0.5 * (lo[a] + hi[a])
        stuck = (mid <= lo[a]) | (mid >= hi[a])
        f_mid = np.asarray(function(mid, index[a]), float)
        bad = ~np.isfinite(f_mid)
        ok[a[bad]] = False
        zero = (f_mid == 0.0) | stuck
        lo[a[zero]] = hi[a[zero]] = mid[zero]
        move_lo = ~bad & ~zero & (np.sign(f_mid) == np.sign(f_lo[a]))
        lo[a[move_lo]] = mid[move_lo]
        f_lo[a[move_lo]] = f_mid[move_lo]
        move_hi = ~bad & ~zero & ~move_lo
        hi[a[move_hi]] = mid[move_hi]
    return np.where(ok, 0.5 * (lo + hi), np.nan)


def _roots_by_column(function, grid: np.ndarray, *, xtol: float) -> list[list[float]]:
    """All roots in every column of ``grid`` (scan points x columns, ascending along axis 0).

    ``function(x, column)`` is evaluated elementwise. Sign changes between
    finite neighbours are refined together by :func:`_bisect_brackets`
    (vectorised over all brackets of all columns); exact zeros on the grid
    count as roots. Same result as :func:`_roots` column by column.
    """
    m, k = grid.shape
    columns = np.broadcast_to(np.arange(k), grid.shape)
    values = np.asarray(function(grid.ravel(), columns.ravel()), float).reshape(grid.shape)
    out: list[list[float]] = [[] for _ in range(k)]
    i, j = np.nonzero(values == 0.0)
    for ii, jj in zip(i, j):
        out[jj].append(float(grid[ii, jj]))
    a, b = values[:-1], values[1:]
    with np.errstate(invalid="ignore"):
        bracket = np.isfinite(a) & np.isfinite(b) & (a * b < 0)
    i, j = np.nonzero(bracket)
    if i.size:
        roots = _bisect_brackets(function, grid[i, j], grid[i + 1, j], a[i, j], j, xtol=xtol)
        for r, jj in zip(roots, j):
            if np.isfinite(r):
                out[jj].append(float(r))
    return [sorted(col) for col in out]


@dataclass
class _Column:
    """Functions of temperature at one pressure."""

    material: MaterialConditions
    pressure: float
    cbrt_x: float

    def fields(self, T):
        return _fields(self.material, T, self.cbrt_x)

    def superconducting_function(self, T):
        R_v, R_b, c, _ = self.fields(T)
        return _superconducting_value(self.material, R_v, R_b, c)

    def insulating_function(self, T):
        """:math:`c - c^*`."""
        _, _, c, _ = self.fields(T)
        return c - insulating_threshold(self.material.terms)


def _column(material: MaterialConditions, pressure: float) -> _Column:
    P = material.params
    return _Column(material, float(pressure), _cbrt_volume_ratio(material.eos, P["B0"], P["B0_prime"], float(pressure)))


def _pressure_of(material: MaterialConditions, s) -> np.ndarray:
    P = material.params
    return np.asarray(eos_pressure(np.asarray(s, float) ** 3, P["B0"], P["B0_prime"], eos=material.eos), float)


def _boundaries_in_pressure(material: MaterialConditions, temperature, p_min: float, p_max: float, scan: int):
    """For each temperature, the pressures of both boundaries, solved in s = (V/V0)^(1/3), all rows at once."""
    s_hi = float(np.cbrt(material.volume_ratio(p_min)))
    s_lo = float(np.cbrt(material.volume_ratio(p_max)))
    T = np.atleast_1d(np.asarray(temperature, float))
    grid = np.repeat(np.linspace(s_lo, s_hi, scan)[:, None], T.size, axis=1)
    threshold = insulating_threshold(material.terms)

    def superconducting(s, row):
        R_v, R_b, c, _ = _fields(material, T[row], s)
        return _superconducting_value(material, R_v, R_b, c)

    def insulating(s, row):
        _, _, c, _ = _fields(material, T[row], s)
        return c - threshold

    sc = _roots_by_column(superconducting, grid, xtol=S_XTOL)
    ins = _roots_by_column(insulating, grid, xtol=S_XTOL)
    as_pressure = lambda rows: [sorted(_pressure_of(material, r).tolist()) if r else [] for r in rows]  # noqa: E731
    return as_pressure(sc), as_pressure(ins)


def _column_functions(material: MaterialConditions, cbrt_x: np.ndarray):
    """Boundary functions of (T, column index) for columns at cube roots of V/V0 ``cbrt_x``."""
    threshold = insulating_threshold(material.terms)

    def superconducting(T, column):
        R_v, R_b, c, _ = _fields(material, T, cbrt_x[column])
        return _superconducting_value(material, R_v, R_b, c)

    def insulating(T, column):
        _, _, c, _ = _fields(material, T, cbrt_x[column])
        return c - threshold

    return superconducting, insulating


def _roots(function, grid: np.ndarray, *, xtol: float) -> list[float]:
    """All roots of ``function`` bracketed by sign changes on ``grid``, each refined by brentq."""
    from scipy.optimize import brentq  # here, not at module level: sweep workers and the grid path never need SciPy

    values = function(grid)
    roots = []
    exact = np.flatnonzero(values == 0.0)
    roots.extend(grid[exact].tolist())
    finite = np.isfinite(values)
    for i in range(len(grid) - 1):
        if not (finite[i] and finite[i + 1]):
            continue
        a, b = values[i], values[i + 1]
        if a * b < 0:
            def scalar(t):
                v = float(function(np.array([t]))[0])
                if not np.isfinite(v):
                    raise _OutsideDomain
                return v
            try:
                roots.append(brentq(scalar, grid[i], grid[i + 1], xtol=xtol, rtol=4 * np.finfo(float).eps))
            except _OutsideDomain:
                continue
    return sorted(roots)


class _OutsideDomain(Exception):
    pass


def _scan_grid(t_min: float, t_max: float, points: int) -> np.ndarray:
    return np.linspace(t_min, t_max, points)


def superconducting_boundary(material: MaterialConditions, pressure, *, t_min: float = 0.0, t_max: float = 300.0,
                             scan: int = 401) -> list[list[float]]:
    r"""Temperatures where :math:`R_v(T) = R_c(T, p)` (eq. 38 with eq. 11) at each pressure.

    Parameters
    ----------
    material : MaterialConditions
    pressure : array_like
        Pressures, ``>= 0``. [Pa]
    t_min, t_max : float
        Temperature window searched. [K]
    scan : int
        Points of the bracketing scan (roots closer than one scan step can be
        missed; each bracketed root is exact to ``T_XTOL``).

    Returns
    -------
    list of list of float
        For each pressure, the boundary temperatures in ascending order. [K]
    """
    pressure = np.atleast_1d(require_range("pressure", pressure, low=0.0, unit="Pa"))
    grid = _scan_grid(*_check_window(t_min, t_max), scan)
    return [_roots(_column(material, p).superconducting_function, grid, xtol=T_XTOL) for p in pressure]


def insulating_boundary(material: MaterialConditions, pressure, *, t_min: float = 0.0, t_max: float = 300.0,
                        scan: int = 401) -> list[list[float]]:
    r"""Temperatures where :math:`c(T, p) = c^*` at each pressure. [K]

    Same parameters and return value as :func:`superconducting_boundary`.
    """
    pressure = np.atleast_1d(require_range("pressure", pressure, low=0.0, unit="Pa"))
    grid = _scan_grid(*_check_window(t_min, t_max), scan)
    return [_roots(_column(material, p).insulating_function, grid, xtol=T_XTOL) for p in pressure]


def _check_window(t_min, t_max):
    t_min = float(require_range("t_min", t_min, low=0.0, unit="K"))
    t_max = float(require_range("t_max", t_max, low=0.0, unit="K"))
    if not t_max > t_min:
        raise InputError(f"t_max must be greater than t_min, got {t_min} K and {t_max} K")
    return t_min, t_max


def triple_points(material: MaterialConditions, pressure, *, t_min: float = 0.0, t_max: float = 300.0,
                  scan: int = 401) -> list[tuple[float, float]]:
    r"""Triple points :math:`(T, p)` where the superconducting and insulating boundaries meet.

    On the insulating boundary :math:`c = c^*` and :math:`R_c = R_b`, so the
    superconducting condition :math:`R_v = R_c` becomes :math:`R_v = R_b`.
    The function :math:`R_v - R_b` along the (first) insulating boundary is
    scanned over ``pressure`` and each sign change solved with brentq.

    Returns
    -------
    list of (T [K], p [Pa])
    """
    pressure = np.sort(np.atleast_1d(require_range("pressure", pressure, low=0.0, unit="Pa")))
    t_min, t_max = _check_window(t_min, t_max)
    cbrt_x = np.array([_column(material, q).cbrt_x for q in pressure])
    _, insulating = _column_functions(material, cbrt_x)
    grid = np.repeat(_scan_grid(t_min, t_max, scan)[:, None], pressure.size, axis=1)
    ins_rows = _roots_by_column(insulating, grid, xtol=T_XTOL)
    return _triple_points_from(material, pressure, ins_rows, t_min=t_min, t_max=t_max, scan=scan)


def _triple_points_from(material: MaterialConditions, pressure, ins_rows, *, t_min: float, t_max: float, scan: int):
    """Triple points from the insulating roots ``ins_rows`` already solved at each of ``pressure``."""
    from scipy.optimize import brentq

    grid = _scan_grid(t_min, t_max, scan)

    def on_boundary(p):
        column = _column(material, p)
        roots = _roots(column.insulating_function, grid, xtol=T_XTOL)
        if not roots:
            return np.nan, np.nan
        T = roots[0]
        R_v, R_b, _, _ = column.fields(np.array([T]))
        return T, float(R_v[0] - R_b[0])

    def value_at(j):
        if not ins_rows[j]:
            return np.nan
        R_v, R_b, _, _ = _column(material, pressure[j]).fields(np.array([ins_rows[j][0]]))
        return float(R_v[0] - R_b[0])

    values = np.array([value_at(j) for j in range(len(pressure))])
    points = []
    for i in range(len(pressure) - 1):
        a, b = values[i], values[i + 1]
        if np.isfinite(a) and np.isfinite(b) and a * b < 0:
            def f(p):
                v = on_boundary(p)[1]
                if not np.isfinite(v):
                    raise _OutsideDomain
                return v
            try:
                p_star = brentq(f, pressure[i], pressure[i + 1], xtol=P_XTOL)
            except _OutsideDomain:
                continue
            points.append((on_boundary(p_star)[0], p_star))
    return points


def critical_temperature(material: MaterialConditions, pressure, *, t_max: float = 1000.0, scan: int = 201):
    r"""Model :math:`T_c(p)`: the lowest temperature where superconductivity ends.

    The superconducting boundary :math:`R_b D(R_v) = 0` (eqs. 11, 24, 38) is
    bracketed by a scan of ``scan`` temperatures in ``[0, t_max]`` and each
    bracket bisected to :data:`T_XTOL`. The work runs in a compiled kernel
    (:mod:`etunnel.conditions._boundary_kernels`), step for step the algorithm
    of :func:`critical_temperature_reference`; V/V0 at each pressure is
    solved once per equation of state and pressure and remembered.

    Parameters
    ----------
    material : MaterialConditions
    pressure : array_like
        ``>= 0``. [Pa]
    t_max : float
        Upper end of the search, ``> 0``. [K]
    scan : int
        Bracketing scan points, in ``[2, MAX_SCAN]``.

    Returns
    -------
    tc : numpy.ndarray
        [K], shaped like ``pressure`` (at least 1-d); 0 where the material is
        not superconducting at 0 K (the model predicts no transition),
        ``t_max`` where it is superconducting over the whole window
        (censored), NaN where the model is undefined at 0 K or leaves its
        domain (:math:`R_v > R_b`, or c outside [0, 1]) before
        superconductivity ends.
    censored : numpy.ndarray of bool
        True where ``tc`` is the window edge ``t_max``.
    """
    from etunnel.conditions import _boundary_kernels as kernels

    pressure = np.atleast_1d(require_range("pressure", pressure, low=0.0, unit="Pa"))
    t_max = _check_t_max(t_max)
    scan = _check_scan(scan)
    terms = validate_terms(material.terms)
    if terms != "infinite" and terms * scan * pressure.size > MAX_TERM_EVALUATIONS:
        return critical_temperature_reference(material, pressure, t_max=t_max, scan=scan)
    P = material.params
    flat = pressure.ravel()
    cbrt_x = np.array([_cbrt_volume_ratio(material.eos, P["B0"], P["B0_prime"], float(q)) for q in flat], float)
    fp = np.array([P["R_b0"], P["alpha"], P["T_ref"], P["R_v0"], P["beta"], P["gamma"], P["E_x"],
                   math.exp(-P["E_x"] / (K_B * P["T_ref"])), P["c0"], P["k"], P["n"]], float)
    ip = np.array([kernels.RV_CODES[material.rv_model], kernels.C_CODES[material.c_model],
                   0 if terms == "infinite" else terms], np.int64)
    tc = np.empty(flat.size)
    censored = np.empty(flat.size, bool)
    status = kernels.critical_columns(_tc_scan_grid(t_max, scan), cbrt_x, fp, ip, T_XTOL, tc, censored)
    if status != kernels.OK:  # a field is not finite inside the domain: the NumPy path raises its error
        return critical_temperature_reference(material, pressure, t_max=t_max, scan=scan)
    return tc.reshape(pressure.shape), censored.reshape(pressure.shape)


#: Largest bracketing scan :func:`critical_temperature` accepts (a scan point costs ~0.1 us per pressure).
MAX_SCAN = 1_000_001


def _check_t_max(t_max) -> float:
    if isinstance(t_max, bool) or not isinstance(t_max, (int, float, np.integer, np.floating)):
        raise InputError(f"t_max must be a number of kelvin > 0, got {t_max!r}")
    t_max = float(t_max)
    if not (math.isfinite(t_max) and t_max > 0):
        raise InputError(f"t_max must be finite and > 0 K, got {t_max!r}")
    return t_max


def _check_scan(scan) -> int:
    if isinstance(scan, bool) or not isinstance(scan, (int, np.integer)) or not 2 <= scan <= MAX_SCAN:
        raise InputError(f"scan must be an integer in [2, {MAX_SCAN}], got {scan!r}")
    return int(scan)


@functools.lru_cache(maxsize=64)
def _tc_scan_grid(t_max: float, scan: int) -> np.ndarray:
    """The scan of :func:`critical_temperature`, built once per window (read-only)."""
    grid = _scan_grid(0.0, t_max, scan)
    grid.setflags(write=False)
    return grid


@functools.lru_cache(maxsize=4096)
def _cbrt_volume_ratio(eos: str, B0: float, B0_prime: float, pressure: float) -> float:
    """:math:`(V/V_0)^{1/3}` at ``pressure`` [Pa], remembered: fits ask for the same few pressures thousands of times."""
    return float(np.cbrt(volume_ratio(pressure, B0, B0_prime, eos=eos)))


def critical_temperature_reference(material: MaterialConditions, pressure, *, t_max: float = 1000.0, scan: int = 201):
    r"""Model :math:`T_c(p)` by the NumPy path (vectorised bisection); :func:`critical_temperature` runs it compiled.

    Kept as the reference the compiled path is tested and benchmarked
    against, and as the path that raises the error where a field is not finite.

    Parameters
    ----------
    material : MaterialConditions
    pressure : array_like
        ``>= 0``. [Pa]
    t_max : float
        Upper end of the search. [K]
    scan : int
        Bracketing scan points.

    Returns
    -------
    tc : numpy.ndarray
        [K]; 0 where the material is not superconducting at 0 K (the model
        predicts no transition), ``t_max`` where it is superconducting over the
        whole window (censored), NaN where the model is undefined at 0 K or
        leaves its domain (:math:`R_v > R_b`, or c outside [0, 1]) before
        superconductivity ends.
    censored : numpy.ndarray of bool
        True where ``tc`` is the window edge ``t_max``.
    """
    pressure = np.atleast_1d(require_range("pressure", pressure, low=0.0, unit="Pa"))
    t_grid = _scan_grid(0.0, float(t_max), scan)
    cbrt_x = np.array([_column(material, q).cbrt_x for q in pressure], float)
    superconducting, _ = _column_functions(material, cbrt_x)
    k = pressure.size
    grid = np.repeat(t_grid[:, None], k, axis=1)
    values = np.asarray(superconducting(grid.ravel(), np.broadcast_to(np.arange(k), grid.shape).ravel()),
                        float).reshape(grid.shape)
    tc = np.full(k, np.nan)
    censored = np.zeros(k, bool)
    finite = np.isfinite(values)
    with np.errstate(invalid="ignore"):
        ends = finite[1:] & finite[:-1] & (values[1:] > 0) & (values[:-1] <= 0)
    lo, hi, f_lo, cols = [], [], [], []
    for j in range(k):
        v = values[:, j]
        if not finite[0, j]:
            continue  # undefined at 0 K
        if v[0] > 0:
            tc[j] = 0.0
            continue
        up = np.flatnonzero(ends[:, j])
        leaves = np.flatnonzero(~finite[:, j])
        if up.size == 0:
            if leaves.size == 0:
                tc[j] = float(t_max)
                censored[j] = True
            continue  # superconducting until the model leaves its domain: T_c undefined
        i = up[0]
        if leaves.size and leaves[0] <= i:
            continue
        if v[i] == 0.0:
            tc[j] = t_grid[i]
            continue
        lo.append(t_grid[i]), hi.append(t_grid[i + 1]), f_lo.append(v[i]), cols.append(j)
    if cols:
        tc[np.array(cols)] = _bisect_brackets(superconducting, lo, hi, f_lo, cols, xtol=T_XTOL)
    return tc, censored


def _inside_at(material: MaterialConditions, T: float, p: float) -> bool:
    """True where (T, p) is inside the model's domain; the border R_v = R_b itself counts as inside."""
    R_v, R_b, c, _ = _fields(material, np.array([T]), _column(material, p).cbrt_x)
    return bool(_in_domain(R_v, R_b * (1 + 1e-12), c)[0])


def _pad(rows: list[list], fill=np.nan) -> np.ndarray:
    width = max([len(r) for r in rows] + [1])
    out = np.full((len(rows), width), fill, float)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


def state_diagram(material: MaterialConditions, temperature, pressure, *, progress=None, scan: int = 401):
    """The state at every point of a (T, p) grid, with exact boundaries, as an :class:`xarray.Dataset`.

    Parameters
    ----------
    material : MaterialConditions
    temperature : array_like
        1-D, ``>= 0``, ascending. [K]
    pressure : array_like
        1-D, ``>= 0``, ascending. [Pa]
    progress : callable, optional
        Called as ``progress(done, total)`` after the boundaries solved along
        temperature (all columns at once) and after those solved along pressure.
    scan : int
        Points of the bracketing scan for the boundaries.

    Returns
    -------
    xarray.Dataset
        Coordinates ``temperature`` [K] and ``pressure`` [Pa]; variables
        ``state`` (int8: -1 outside, 0 insulator, 1 conductor,
        2 superconductor; -1 wherever the core classification refuses the
        cell's own R_v, R_b, c: ``R_v > R_b`` or ``c`` outside [0, 1]),
        ``R_v``, ``R_b``, ``R_c`` [m] (NaN outside the domain), ``c``,
        ``compression_ratio`` [1], ``D`` (resisting distance at the valence
        orbital [1/m]; NaN outside the domain), ``volume_ratio`` [1], the boundaries
        ``T_superconducting`` and ``T_insulating`` (pressure x branch) [K],
        the same boundaries solved along pressure, ``p_superconducting`` and
        ``p_insulating`` (temperature x branch) [Pa], and
        ``triple_temperature`` [K] / ``triple_pressure`` [Pa].
    """
    import xarray as xr

    T = require_range("temperature", temperature, low=0.0, unit="K").ravel()
    p = require_range("pressure", pressure, low=0.0, unit="Pa").ravel()
    if T.size < 2 or p.size < 2:
        raise InputError("the temperature and pressure grids need at least 2 points each")
    if np.any(np.diff(T) <= 0) or np.any(np.diff(p) <= 0):
        raise InputError("temperature and pressure grids must be strictly ascending")
    t_min, t_max = float(T[0]), float(T[-1])
    terms = material.terms
    threshold = insulating_threshold(terms)
    shape = (T.size, p.size)
    R_v = np.asarray(material.valence_radius(T), float)
    R_b = np.empty(shape)
    c = np.empty(shape)
    lam = np.empty(shape)
    D = np.full(shape, np.nan)
    volume = np.empty(p.size)
    cbrt_x = np.empty(p.size)
    for j, pj in enumerate(p):
        column = _column(material, pj)
        cbrt_x[j] = column.cbrt_x
        volume[j] = column.cbrt_x**3
        _, R_b[:, j], c[:, j], lam[:, j] = column.fields(T)
    R_v_grid = np.broadcast_to(R_v[:, None], shape)
    state, R_c = classify_cells(R_v_grid, R_b, c, terms)
    inside = state != OUTSIDE
    if inside.any():
        D[inside] = resisting_distance(R_v_grid[inside], R_b[inside], c[inside], terms=terms)
    superconducting, insulating = _column_functions(material, cbrt_x)
    grid = np.repeat(_scan_grid(t_min, t_max, scan)[:, None], p.size, axis=1)
    sc_rows = _roots_by_column(superconducting, grid, xtol=T_XTOL)
    ins_rows = _roots_by_column(insulating, grid, xtol=T_XTOL)
    if progress is not None:
        progress(p.size, p.size + 1)
    sc_p, ins_p = _boundaries_in_pressure(material, T, float(p[0]), float(p[-1]), scan)
    if progress is not None:
        progress(p.size + 1, p.size + 1)
    triples = _triple_points_from(material, p, ins_rows, t_min=t_min, t_max=t_max, scan=scan) if p.size > 1 else []
    # c = c* separates nothing where the model is undefined (R_v > R_b): keep only insulating roots inside the domain
    ins_rows = [[t for t in row if _inside_at(material, t, pj)] for row, pj in zip(ins_rows, p)]
    ins_p = [[q for q in row if _inside_at(material, ti, q)] for row, ti in zip(ins_p, T)]
    units = {"units": "K"}
    ds = xr.Dataset(
        data_vars={
            "state": (("temperature", "pressure"), state, {
                "long_name": "electrical resistance state", "units": "1",
                "flag_values": np.array(sorted(STATE_NAMES), np.int8),
                "flag_meanings": " ".join(STATE_NAMES[k].replace(" ", "_") for k in sorted(STATE_NAMES))}),
            "R_v": (("temperature",), R_v, {"long_name": "valence orbital radius", "units": "m"}),
            "R_b": (("temperature", "pressure"), R_b, {"long_name": "border radius", "units": "m"}),
            "R_c": (("temperature", "pressure"), R_c, {"long_name": "conducting radius (eq. 38); NaN without tunnel",
                                                       "units": "m"}),
            "c": (("temperature", "pressure"), c, {"long_name": "attraction coefficient", "units": "1"}),
            "compression_ratio": (("temperature", "pressure"), lam, {
                "long_name": "R_b(T_ref, 0) / R_b(T, p)", "units": "1"}),
            "D": (("temperature", "pressure"), D, {
                "long_name": "resisting distance at the valence orbital (eq. 24); resistivity is proportional up to Z",
                "units": "1/m"}),
            "volume_ratio": (("pressure",), volume, {"long_name": "V/V0 from the equation of state", "units": "1"}),
            "T_superconducting": (("pressure", "sc_branch"), _pad(sc_rows), {
                "long_name": "superconducting boundary R_v = R_c (brentq)", "units": "K", "xtol_K": T_XTOL}),
            "T_insulating": (("pressure", "ins_branch"), _pad(ins_rows), {
                "long_name": f"insulating boundary c = c* = {threshold:.12g} (brentq)", "units": "K", "xtol_K": T_XTOL}),
            "p_superconducting": (("temperature", "sc_pbranch"), _pad(sc_p), {
                "long_name": "superconducting boundary R_v = R_c, solved along pressure (brentq in (V/V0)^(1/3))",
                "units": "Pa"}),
            "p_insulating": (("temperature", "ins_pbranch"), _pad(ins_p), {
                "long_name": "insulating boundary c = c*, solved along pressure", "units": "Pa"}),
            "triple_temperature": (("triple",), np.array([t for t, _ in triples], float), units),
            "triple_pressure": (("triple",), np.array([q for _, q in triples], float), {"units": "Pa"}),
        },
        coords={
            "temperature": ("temperature", T, {"units": "K", "long_name": "temperature"}),
            "pressure": ("pressure", p, {"units": "Pa", "long_name": "pressure"}),
        },
        attrs={
            "title": f"Electrical resistance state diagram of {material.name} (electron-tunnel model, Figure 8)",
            "material": material.name,
            "rv_model": material.rv_model,
            "c_model": material.c_model,
            "eos": material.eos,
            "terms": str(terms),
            "insulating_threshold": threshold,
            "parameters_json": json.dumps(material.params),
            "sources_json": json.dumps(material.sources),
            "assumptions": "; ".join(material.assumptions()) or "none",
        },
    )
    return ds


def summarize(ds) -> dict:
    """Fractions of the grid in each state and the boundary curves, JSON-ready."""
    state = ds["state"].values
    total = state.size
    fractions = {STATE_NAMES[k]: float(np.count_nonzero(state == k)) / total for k in sorted(STATE_NAMES)}
    return {"fractions": fractions}


@dataclass(frozen=True)
class StateRow:
    """The states along pressure at one temperature, between exactly solved breakpoints.

    Attributes
    ----------
    temperature : float
        [K]
    edges : numpy.ndarray
        Ascending pressures [Pa]: the window ends and, between them, every
        boundary crossed at this temperature (:math:`R_v = R_c`, :math:`c = c^*`,
        and the domain edges :math:`R_v = R_b`, :math:`c = 0`, :math:`c = 1`).
    states : numpy.ndarray of int8
        State of each interval between consecutive edges (``len(edges) - 1``),
        by :func:`classify_cells` at the interval's midpoint; neighbouring
        intervals always differ.
    """

    temperature: float
    edges: np.ndarray
    states: np.ndarray

    def same_layout(self, other: "StateRow") -> bool:
        """True where ``other`` crosses the same regions in the same order."""
        return self.states.shape == other.states.shape and bool(np.all(self.states == other.states))


#: Deepest bisection in temperature between rows whose region layouts differ.
REGION_MAX_DEPTH = 30


def _state_rows(material: MaterialConditions, temperature: np.ndarray, p_min: float, p_max: float,
                scan: int) -> list[StateRow]:
    """One :class:`StateRow` per temperature, all solved together in s = (V/V0)^(1/3)."""
    T = np.atleast_1d(np.asarray(temperature, float))
    s_hi = float(np.cbrt(material.volume_ratio(p_min)))
    s_lo = float(np.cbrt(material.volume_ratio(p_max)))
    grid = np.repeat(np.linspace(s_lo, s_hi, scan)[:, None], T.size, axis=1)
    threshold = insulating_threshold(material.terms)

    def field(which):
        def function(s, row):
            R_v, R_b, c, _ = _fields(material, T[row], s)
            if which == "superconducting":
                return _superconducting_value(material, R_v, R_b, c)
            return {"insulating": c - threshold, "c_low": c, "c_high": c - 1.0, "border": R_b - R_v}[which]
        return function

    roots = [_roots_by_column(field(w), grid, xtol=S_XTOL)
             for w in ("superconducting", "insulating", "c_low", "c_high", "border")]
    rows = []
    for i, t in enumerate(T):
        s_edges = np.unique(np.concatenate([[s_lo, s_hi], *[np.asarray(r[i], float) for r in roots]]))
        s_edges = s_edges[(s_edges >= s_lo) & (s_edges <= s_hi)]
        mid = 0.5 * (s_edges[:-1] + s_edges[1:])
        R_v, R_b, c, _ = _fields(material, np.full(mid.shape, t), mid)
        states = classify_cells(R_v, R_b, c, material.terms)[0]
        keep = np.concatenate([[True], states[1:] != states[:-1]])  # merge equal neighbours
        # s decreases with pressure: reverse so that edges ascend in pressure
        lower_edges = s_edges[:-1][keep]
        s_list = np.concatenate([lower_edges, [s_hi]])
        p_edges = _pressure_of(material, s_list[::-1])
        p_edges[0], p_edges[-1] = p_min, p_max
        rows.append(StateRow(float(t), p_edges, states[keep][::-1].astype(np.int8)))
    return rows


def state_regions(material: MaterialConditions, ds, *, scan: int = 401, max_depth: int = REGION_MAX_DEPTH):
    """Rows of exact region breakpoints spanning the window of a state diagram ``ds``.

    The rows are at the grid temperatures, at every boundary temperature solved
    along pressure (``T_superconducting``, ``T_insulating``, triple points), and
    between any two neighbouring rows whose layouts differ, bisected in
    temperature until they are within ``(T_max - T_min) 2^-max_depth`` of each
    other. Polygons joining matching breakpoints of neighbouring rows fill each
    region; their edges are the solved boundaries (:func:`classify_cells`
    decides the state of every interval), so a figure's fill and its boundary
    lines agree.

    Parameters
    ----------
    material : MaterialConditions
        The material ``ds`` was computed for.
    ds : xarray.Dataset
        From :func:`state_diagram`.
    scan : int
        Bracketing scan points along pressure, in ``[11, 4001]``.
    max_depth : int
        Bisection depth, in ``[0, 50]``.

    Returns
    -------
    list of StateRow
        Ascending in temperature.
    """
    if isinstance(scan, bool) or not isinstance(scan, int) or not 11 <= scan <= 4001:
        raise InputError(f"scan must be an integer in [11, 4001], got {scan!r}")
    if isinstance(max_depth, bool) or not isinstance(max_depth, int) or not 0 <= max_depth <= 50:
        raise InputError(f"max_depth must be an integer in [0, 50], got {max_depth!r}")
    T_grid = ds["temperature"].values
    p = ds["pressure"].values
    t_min, t_max = float(T_grid[0]), float(T_grid[-1])
    extra = np.concatenate([ds["T_superconducting"].values.ravel(), ds["T_insulating"].values.ravel(),
                            ds["triple_temperature"].values.ravel()])
    extra = extra[np.isfinite(extra) & (extra > t_min) & (extra < t_max)]
    T = np.unique(np.concatenate([T_grid, extra]))
    rows = _state_rows(material, T, float(p[0]), float(p[-1]), scan)
    gap = (t_max - t_min) * 2.0 ** -max_depth
    for _ in range(max_depth):
        new = [0.5 * (a.temperature + b.temperature) for a, b in zip(rows[:-1], rows[1:])
               if not a.same_layout(b) and b.temperature - a.temperature > gap]
        if not new:
            break
        rows = sorted(rows + _state_rows(material, np.array(new), float(p[0]), float(p[-1]), scan),
                      key=lambda r: r.temperature)
    return rows
