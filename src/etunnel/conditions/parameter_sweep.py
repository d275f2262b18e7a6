r"""Parameter sweeps of the state rule on dask, stored in zarr.

A sweep evaluates the paper's state rule (eqs. 11 and 38, through
:func:`etunnel.conditions.diagram.classify_cells`, the same rule as
:func:`etunnel.classify`) on the grid

    material x convention x sample x temperature x pressure

where ``convention`` names the radius conventions taken for :math:`R_v` and
:math:`R_b` (:mod:`etunnel.materials.radii`) and ``sample`` indexes Monte
Carlo draws of the sub-model parameters (:mod:`etunnel.conditions.submodels`).

The spec is a TOML file (see ``examples/sweep-small.toml``)::

    seed = 20261129                  # required when a parameter has a distribution

    [axes]
    materials = ["Nb", "Pb", "Al"]   # element symbols
    conventions = ["paper", "covalent/van_der_waals"]   # "both" or "R_v/R_b"
    temperature = { start = 0.0, stop = 30.0, num = 31 }            # [K]
    pressure = { start = 0.0, stop = 100.0, num = 41, unit = "GPa" }  # GPa, kbar or Pa

    [model]                          # all optional: the defaults shown
    rv_model = "linear"
    c_model = "saturating"
    eos = "vinet"
    terms = "infinite"

    [parameters]                     # SI units of etunnel.conditions.submodels.PARAMETERS
    B0_prime = 4.0                   # a fixed value
    c0 = { distribution = "uniform", low = 0.08, high = 0.12 }
    n = { distribution = "normal", mean = 1.0, std = 0.2, low = 0.1, high = 3.0 }
    # or parameters drawn together, e.g. with a T_c(p) fit's values and covariance:
    # [parameters.correlated]
    # names = ["c0", "beta"]
    # mean = [0.15, 2e-5]
    # covariance = [[1e-4, 1e-8], [1e-8, 4e-11]]

    [samples]
    count = 32

    [chunks]                         # samples per chunk (optional)
    sample = 8

    [outputs]
    variables = ["state", "R_c", "D"]

Chunks: one material, one convention and ``chunks.sample`` samples each, with
whole (temperature, pressure) planes; without ``[chunks]``, as many samples as
fit in :data:`DEFAULT_CHUNK_POINTS` (1e6) points (at least one plane). A chunk's
fields are built sample by sample, then the state rule, R_c and D run once
over the whole chunk. Their compiled kernels (:mod:`etunnel.model._kernels`)
work element by element, so a value is the same bytes whatever batch it is
solved in, and the stored values do not depend on the chunking (tested).

Determinism: sample ``s`` draws its parameters from its own stream,
``numpy.random.default_rng(SeedSequence(seed, spawn_key=(s,)))``, so the draws
(and every stored byte) depend on the seed and the sample index only, never on
the chunking, the scheduler or the order in which chunks run. Independent
parameters are drawn in alphabetical order of their names, then the
correlated block (``[parameters.correlated]``); the draws are shared by all
materials and conventions (common random numbers), so differences between
materials are not blurred by sampling noise.

Caps (each refused with the spec key named): at most :data:`MAX_POINTS`
points in all, :data:`MAX_SAMPLES` samples, :data:`MAX_AXIS` points on the
temperature or pressure axis, :data:`MAX_MATERIALS` materials,
and :data:`MAX_CHUNK_POINTS` points per chunk and per (T, p) plane, which bounds
each task's memory: 83 bytes per point traced at the peak of a chunk's
computation (R_v, R_b, c, the outputs and the masked copies the kernels take;
Pb, 1e6 points), so about 85 MB for a default chunk and 340 MB at the cap, per
worker thread, plus the codec's buffers (peak RSS measured in
benchmarks/bench_sweep.py and the README).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from etunnel.checks import InputError
from etunnel.conditions.diagram import OUTSIDE, STATE_NAMES, classify_cells
from etunnel.conditions.eos import EOS_MODELS, _PRESSURE, _X_MIN
from etunnel.conditions.submodels import C_MODELS, PARAMETERS, RV_MODELS, material_conditions
from etunnel.materials.radii import RADIUS_CONVENTIONS

#: State code of a (material, convention) with no input data (a radius missing in that convention).
NO_DATA = -2
SWEEP_STATE_NAMES = {NO_DATA: "no data", **STATE_NAMES}

#: Caps on user-controlled sizes.
MAX_POINTS = 10**10
MAX_SAMPLES = 10**6
MAX_AXIS = 100_000
MAX_MATERIALS = 1_000
MAX_CHUNK_POINTS = 4_000_000
#: Default points per chunk when [chunks] does not say.
DEFAULT_CHUNK_POINTS = 1_000_000

OUTPUTS = {"state": ("int8", "1", "state code: -2 no data, -1 outside model domain, 0 insulator, 1 conductor, "
                     "2 superconductor"),
           "R_c": ("float64", "m", "conducting radius (eq. 38); NaN outside the domain and without a tunnel"),
           "D": ("float64", "1/m", "resisting distance at the valence orbital D(R_v) (eq. 24); NaN outside the domain")}
#: Parameters a spec may set or sample, with their allowed open/closed ranges (low, high, low_inclusive).
SAMPLED = {"c0": (0.0, 1.0, True), "n": (0.0, math.inf, False), "k": (-math.inf, math.inf, True),
           "beta": (-math.inf, math.inf, True), "gamma": (0.0, math.inf, False), "E_x": (0.0, math.inf, False),
           "B0_prime": (0.0, math.inf, False)}
DISTRIBUTIONS = ("uniform", "normal")
PRESSURE_UNITS = {"Pa": 1.0, "kbar": 1e8, "GPa": 1e9}
DIMS = ("material", "convention", "sample", "temperature", "pressure")
_TOP_KEYS = ("seed", "axes", "model", "parameters", "samples", "chunks", "outputs")
_AXIS_KEYS = ("materials", "conventions", "temperature", "pressure")
_MODEL_KEYS = ("rv_model", "c_model", "eos", "terms")


def _err(key: str, message: str) -> InputError:
    return InputError(f"spec key {key}: {message}")


def _require_table(value, key: str) -> dict:
    if not isinstance(value, dict):
        raise _err(key, f"must be a table, got {value!r}")
    return value


def _unknown(table: dict, allowed, prefix: str) -> None:
    for k in table:
        if k not in allowed:
            raise _err(f"{prefix}{k}", f"unknown key; allowed: {', '.join(allowed)}")


def _number(value, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _err(key, f"must be a finite number, got {value!r}")
    return float(value)


def _integer(value, key: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _err(key, f"must be an integer in [{low}, {high}], got {value!r}")
    return value


def _string_list(value, key: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise _err(key, f"must be a non-empty list of strings, got {value!r}")
    if len(set(value)) != len(value):
        raise _err(key, f"has duplicates: {value!r}")
    return list(value)


def _range(value, key: str, unit_scale: dict | None) -> tuple[np.ndarray, dict]:
    table = _require_table(value, key)
    allowed = ("start", "stop", "num") + (("unit",) if unit_scale else ())
    _unknown(table, allowed, key + ".")
    for k in ("start", "stop", "num"):
        if k not in table:
            raise _err(f"{key}.{k}", "missing")
    start, stop = _number(table["start"], f"{key}.start"), _number(table["stop"], f"{key}.stop")
    num = _integer(table["num"], f"{key}.num", 1, MAX_AXIS)
    if start < 0:
        raise _err(f"{key}.start", f"must be >= 0, got {start!r}")
    if num == 1 and stop != start:
        raise _err(f"{key}.num", f"must be > 1 when start != stop, got {num}")
    if num > 1 and not stop > start:
        raise _err(f"{key}.stop", f"must be > start ({start!r}) for an axis of {num} points, got {stop!r}")
    scale = 1.0
    normal = {"start": start, "stop": stop, "num": num}
    if unit_scale:
        unit = table.get("unit")
        if unit not in unit_scale:
            raise _err(f"{key}.unit", f"must be one of {', '.join(unit_scale)}, got {unit!r}")
        scale = unit_scale[unit]
        normal["unit"] = unit
    return np.linspace(start, stop, num) * scale, normal


@dataclass(frozen=True)
class Distribution:
    """A parameter's distribution: ``uniform(low, high)`` or ``normal(mean, std)`` truncated to ``[low, high]``."""

    name: str
    kind: str
    low: float
    high: float
    mean: float = math.nan
    std: float = math.nan

    def draw(self, rng: np.random.Generator) -> float:
        """One draw (truncated normal by rejection in the sample's own stream)."""
        if self.kind == "uniform":
            return float(rng.uniform(self.low, self.high))
        while True:
            x = float(rng.normal(self.mean, self.std))
            if self.low <= x <= self.high:
                return x


@dataclass(frozen=True)
class Correlated:
    """Parameters drawn together from a normal distribution with a full covariance (e.g. a T_c(p) fit's).

    Draws falling outside any parameter's allowed range are rejected and redrawn
    (in the sample's own stream); the Cholesky factor is computed here in plain
    Python so the draws do not depend on the LAPACK build.
    """

    names: tuple
    mean: tuple
    cholesky: tuple  # lower-triangular rows
    ranges: tuple  # (low, high, low_inclusive) per name

    def draw(self, rng: np.random.Generator) -> list[float]:
        for _ in range(MAX_REJECTIONS):
            z = rng.standard_normal(len(self.names)).tolist()
            x = [m + sum(row[j] * z[j] for j in range(i + 1)) for i, (m, row) in enumerate(zip(self.mean, self.cholesky))]
            if all((lo <= v if inc else lo < v) and v <= hi for v, (lo, hi, inc) in zip(x, self.ranges)):
                return x
        raise _err("parameters.correlated", f"no draw inside the allowed ranges of {', '.join(self.names)} in "
                   f"{MAX_REJECTIONS} tries; the distribution lies mostly outside them")


#: Redraws allowed for one sample of correlated parameters before the spec is refused.
MAX_REJECTIONS = 1000


def _cholesky(cov: list[list[float]], key: str) -> tuple:
    n = len(cov)
    L = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            acc = cov[i][j] - sum(L[i][k] * L[j][k] for k in range(j))
            if i == j:
                if not acc > 0:
                    raise _err(key, "must be symmetric positive definite")
                L[i][i] = math.sqrt(acc)
            else:
                L[i][j] = acc / L[j][j]
    return tuple(tuple(r) for r in L)


def _correlated(value, key: str) -> Correlated:
    table = _require_table(value, key)
    _unknown(table, ("names", "mean", "covariance"), key + ".")
    for k in ("names", "mean", "covariance"):
        if k not in table:
            raise _err(f"{key}.{k}", "missing")
    names = _string_list(table["names"], f"{key}.names")
    for name in names:
        if name not in SAMPLED:
            raise _err(f"{key}.names", f"{name!r} is not sweepable; allowed: {', '.join(SAMPLED)}")
    n = len(names)
    mean = table["mean"]
    if not isinstance(mean, list) or len(mean) != n:
        raise _err(f"{key}.mean", f"must be a list of {n} numbers, got {mean!r}")
    mean = [_number(v, f"{key}.mean") for v in mean]
    cov = table["covariance"]
    if not isinstance(cov, list) or len(cov) != n or not all(isinstance(r, list) and len(r) == n for r in cov):
        raise _err(f"{key}.covariance", f"must be a {n} x {n} list of lists, got {cov!r}")
    cov = [[_number(v, f"{key}.covariance") for v in r] for r in cov]
    if any(abs(cov[i][j] - cov[j][i]) > 1e-12 * max(abs(cov[i][j]), abs(cov[j][i]), 1e-300) for i in range(n) for j in range(n)):
        raise _err(f"{key}.covariance", "must be symmetric")
    return Correlated(tuple(names), tuple(mean), _cholesky(cov, f"{key}.covariance"), tuple(SAMPLED[k] for k in names))


def _parameter(name: str, value, key: str):
    low, high, low_inclusive = SAMPLED[name]
    unit = PARAMETERS[name][0]
    interval = f"{'[' if low_inclusive else '('}{low:g}, {high:g}{']' if math.isfinite(high) else ')'} {unit}"

    def check(x: float, k: str) -> float:
        if not (low <= x if low_inclusive else low < x) or not x <= high:
            raise _err(k, f"must be in {interval}, got {x!r}")
        return x

    if not isinstance(value, dict):
        return check(_number(value, key), key)
    _unknown(value, ("distribution", "low", "high", "mean", "std"), key + ".")
    kind = value.get("distribution")
    if kind not in DISTRIBUTIONS:
        raise _err(f"{key}.distribution", f"must be one of {', '.join(DISTRIBUTIONS)}, got {kind!r}")
    if kind == "uniform":
        for k in ("low", "high"):
            if k not in value:
                raise _err(f"{key}.{k}", "missing")
        lo, hi = check(_number(value["low"], f"{key}.low"), f"{key}.low"), check(_number(value["high"], f"{key}.high"), f"{key}.high")
        if not hi > lo:
            raise _err(f"{key}.high", f"must be > low ({lo!r}), got {hi!r}")
        if "mean" in value or "std" in value:
            raise _err(f"{key}.mean", "not used by a uniform distribution (give low and high)")
        return Distribution(name, kind, lo, hi)
    for k in ("mean", "std"):
        if k not in value:
            raise _err(f"{key}.{k}", "missing")
    mean, std = _number(value["mean"], f"{key}.mean"), _number(value["std"], f"{key}.std")
    if not std > 0:
        raise _err(f"{key}.std", f"must be > 0, got {std!r}")
    bounded = math.isfinite(low) or math.isfinite(high)
    if bounded and not ("low" in value and "high" in value):
        raise _err(f"{key}.low", f"a normal distribution of {name} must be truncated to [low, high] inside {interval}")
    lo = check(_number(value["low"], f"{key}.low"), f"{key}.low") if "low" in value else -math.inf
    hi = check(_number(value["high"], f"{key}.high"), f"{key}.high") if "high" in value else math.inf
    if not hi > lo:
        raise _err(f"{key}.high", f"must be > low ({lo!r}), got {hi!r}")
    from scipy.stats import norm

    accept = norm.cdf(hi, mean, std) - norm.cdf(lo, mean, std)
    if not accept >= 1e-3:
        raise _err(key, f"truncation [{lo!r}, {hi!r}] keeps a fraction {accept:.3g} < 1e-3 of normal({mean!r}, {std!r})")
    return Distribution(name, kind, lo, hi, mean, std)


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep: axes, model choices, parameters, chunks and outputs (all SI)."""

    normal: dict  # the spec in canonical form (hashed; stored in the zarr attributes)
    materials: tuple[str, ...]
    conventions: tuple[tuple[str, str], ...]
    temperature: np.ndarray = field(repr=False)  # [K]
    pressure: np.ndarray = field(repr=False)  # [Pa]
    fixed: dict = field(default_factory=dict)
    distributions: tuple = ()  # Distribution, then at most one Correlated
    samples: int = 1
    seed: int | None = None
    model: dict = field(default_factory=dict)
    chunks: dict = field(default_factory=dict)
    outputs: tuple[str, ...] = ("state", "R_c", "D")

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.materials), len(self.conventions), self.samples, self.temperature.size, self.pressure.size)

    @property
    def points(self) -> int:
        return math.prod(self.shape)

    @property
    def spec_hash(self) -> str:
        """SHA-256 of the canonical spec (the identity of a store)."""
        text = json.dumps(self.normal, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def chunk_shape(self) -> tuple[int, ...]:
        return (1, 1, self.chunks["sample"], self.chunks["temperature"], self.chunks["pressure"])

    @property
    def block_counts(self) -> tuple[int, ...]:
        return tuple(-(-n // c) for n, c in zip(self.shape, self.chunk_shape))

    @property
    def convention_labels(self) -> list[str]:
        return [rv if rv == rb else f"{rv}/{rb}" for rv, rb in self.conventions]

    @property
    def sampled_names(self) -> tuple[str, ...]:
        """Names of the drawn parameters: independent ones alphabetically, then the correlated block."""
        return tuple(n for d in self.distributions for n in ((d.name,) if isinstance(d, Distribution) else d.names))

    def parameter_table(self) -> np.ndarray:
        """Drawn values, shape (samples, len(sampled_names)); sample ``s`` from its own SeedSequence stream."""
        out = np.empty((self.samples, len(self.sampled_names)))
        for s in range(self.samples):
            rng = np.random.default_rng(np.random.SeedSequence(self.seed, spawn_key=(s,)))
            row = []
            for dist in self.distributions:
                value = dist.draw(rng)
                row.extend(value if isinstance(value, list) else [value])
            out[s] = row
        return out


def parse_spec(data: dict) -> SweepSpec:
    """Validate a spec (a dict as read from TOML); raise InputError naming the offending key."""
    _require_table(data, "(top level)")
    _unknown(data, _TOP_KEYS, "")
    axes = _require_table(data.get("axes"), "axes") if "axes" in data else None
    if axes is None:
        raise _err("axes", "missing")
    _unknown(axes, _AXIS_KEYS, "axes.")
    for k in _AXIS_KEYS:
        if k not in axes:
            raise _err(f"axes.{k}", "missing")
    materials = _string_list(axes["materials"], "axes.materials")
    if len(materials) > MAX_MATERIALS:
        raise _err("axes.materials", f"at most {MAX_MATERIALS} materials, got {len(materials)}")
    conventions = []
    for label in _string_list(axes["conventions"], "axes.conventions"):
        parts = label.split("/")
        if len(parts) == 1:
            parts = parts * 2
        if len(parts) != 2 or any(p not in RADIUS_CONVENTIONS for p in parts):
            raise _err("axes.conventions", f"unknown convention {label!r}; give a name or 'R_v/R_b' from "
                       f"{', '.join(RADIUS_CONVENTIONS)}")
        conventions.append(tuple(parts))
    temperature, t_normal = _range(axes["temperature"], "axes.temperature", None)
    pressure, p_normal = _range(axes["pressure"], "axes.pressure", PRESSURE_UNITS)

    model_table = _require_table(data.get("model", {}), "model")
    _unknown(model_table, _MODEL_KEYS, "model.")
    model = {"rv_model": "linear", "c_model": "saturating", "eos": "vinet", "terms": "infinite", **model_table}
    for key, choices in (("rv_model", RV_MODELS), ("c_model", C_MODELS), ("eos", EOS_MODELS)):
        if model[key] not in choices:
            raise _err(f"model.{key}", f"must be one of {', '.join(choices)}, got {model[key]!r}")
    terms = model["terms"]
    if not (terms == "infinite" or (isinstance(terms, int) and not isinstance(terms, bool) and 1 <= terms <= 1000)):
        raise _err("model.terms", f"must be 'infinite' or an integer in [1, 1000], got {terms!r}")

    params = _require_table(data.get("parameters", {}), "parameters")
    fixed, distributions = {}, []
    correlated = _correlated(params["correlated"], "parameters.correlated") if "correlated" in params else None
    for name in sorted(params):
        if name == "correlated":
            continue
        if correlated is not None and name in correlated.names:
            raise _err(f"parameters.{name}", "also given in parameters.correlated; give it once")
        if name not in SAMPLED:
            raise _err(f"parameters.{name}", f"unknown or not sweepable; allowed: {', '.join(SAMPLED)}")
        value = _parameter(name, params[name], f"parameters.{name}")
        if isinstance(value, Distribution):
            distributions.append(value)
        else:
            fixed[name] = value

    samples_table = _require_table(data.get("samples", {}), "samples")
    _unknown(samples_table, ("count",), "samples.")
    samples = _integer(samples_table.get("count", 1), "samples.count", 1, MAX_SAMPLES)
    if correlated is not None:
        distributions.append(correlated)
    if not distributions and samples != 1:
        raise _err("samples.count", f"must be 1 when no parameter has a distribution, got {samples}")
    seed = data.get("seed")
    if distributions and seed is None:
        raise _err("seed", "missing (required when a parameter has a distribution)")
    if seed is not None:
        seed = _integer(seed, "seed", 0, 2**63 - 1)

    outputs_table = _require_table(data.get("outputs", {}), "outputs")
    _unknown(outputs_table, ("variables",), "outputs.")
    outputs = _string_list(outputs_table.get("variables", list(OUTPUTS)), "outputs.variables")
    for name in outputs:
        if name not in OUTPUTS:
            raise _err("outputs.variables", f"unknown output {name!r}; choose from {', '.join(OUTPUTS)}")
    if "state" not in outputs:
        raise _err("outputs.variables", "must include 'state'")
    outputs = [o for o in OUTPUTS if o in outputs]

    shape = (len(materials), len(conventions), samples, temperature.size, pressure.size)
    points = math.prod(shape)
    if points > MAX_POINTS:
        raise _err("axes", f"the sweep has {points:.4g} points (shape {shape}); the cap is {MAX_POINTS:.0e}")
    chunk_table = _require_table(data.get("chunks", {}), "chunks")
    _unknown(chunk_table, ("sample",), "chunks.")
    plane = temperature.size * pressure.size
    if plane > MAX_CHUNK_POINTS:
        raise _err("axes", f"the (temperature, pressure) plane has {plane} points; the cap is {MAX_CHUNK_POINTS} "
                   "(a chunk holds whole planes)")
    default_sample = max(1, min(samples, DEFAULT_CHUNK_POINTS // plane))
    chunks = {"sample": _integer(chunk_table.get("sample", default_sample), "chunks.sample", 1, samples),
              "temperature": temperature.size, "pressure": pressure.size}
    per_chunk = chunks["sample"] * plane
    if per_chunk > MAX_CHUNK_POINTS:
        raise _err("chunks.sample", f"a chunk of {chunks['sample']} samples has {per_chunk} points; the cap is "
                   f"{MAX_CHUNK_POINTS} (at most {MAX_CHUNK_POINTS // plane} samples per chunk)")

    normal = {"axes": {"materials": materials, "conventions": [list(c) for c in conventions],
                       "temperature": t_normal, "pressure": p_normal},
              "model": model, "samples": samples, "seed": seed, "chunks": chunks, "outputs": outputs,
              "fixed": fixed, "distributions": [{k: v for k, v in vars(d).items() if not (isinstance(v, float) and math.isnan(v))}
                                                for d in distributions if isinstance(d, Distribution)],
              "correlated": None if correlated is None else {"names": list(correlated.names), "mean": list(correlated.mean),
                                                             "covariance": params["correlated"]["covariance"]}}
    return SweepSpec(normal=json.loads(json.dumps(normal)), materials=tuple(materials), conventions=tuple(conventions),
                     temperature=temperature, pressure=pressure, fixed=fixed, distributions=tuple(distributions),
                     samples=samples, seed=seed, model=model, chunks=chunks, outputs=tuple(outputs))


def load_spec(path) -> SweepSpec:
    """Read and validate a TOML spec file."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise InputError(f"spec file {str(path)!r} not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"spec file {str(path)!r} is not valid TOML: {exc}") from None
    return parse_spec(data)


@dataclass(frozen=True)
class SweepInputs:
    """Everything a chunk needs: the base conditions of each (material, convention) and the parameter draws."""

    conditions: tuple  # [material][convention] -> MaterialConditions or None (no data)
    missing: tuple  # [material][convention] -> reason or ""
    names: tuple[str, ...]  # sampled parameter names
    table: np.ndarray  # (samples, len(names))
    terms: object
    # (B0, B0', eos, pressures) -> cube root of V/V0 on the pressures: the EOS is inverted once per
    # (B0, B0') and pressure axis, not once per chunk (bounded: cleared past _COMPRESSION_CACHE entries)
    _compression: dict = field(default_factory=dict, repr=False, compare=False)

    def cube_root_compression(self, material, p: np.ndarray, p_key: bytes) -> np.ndarray:
        """:math:`(V/V_0)^{1/3}` of ``material`` at pressures ``p`` [Pa] (cached; read-only array). [1]

        ``p_key`` identifies the pressure axis (:func:`_axis_key`).
        """
        P = material.params
        key = (P["B0"], P["B0_prime"], material.eos, p_key)
        value = self._compression.get(key)
        if value is None:
            value = np.cbrt(material.volume_ratio(p))
            value.flags.writeable = False
            if len(self._compression) >= _COMPRESSION_CACHE:
                self._compression.clear()
            self._compression[key] = value
        return value

    def __getstate__(self):
        # the cache is rebuilt where the inputs land (a dask worker); it is not shipped with every task
        return {**self.__dict__, "_compression": {}}

    def __setstate__(self, state):
        self.__dict__.update(state)


def _axis_key(p: np.ndarray) -> bytes:
    """A digest of an axis' values (its bytes and length), for :meth:`SweepInputs.cube_root_compression`."""
    return hashlib.blake2b(np.ascontiguousarray(p, float).tobytes(), digest_size=16).digest() + p.size.to_bytes(8, "little")


#: Most pressure axes held by :meth:`SweepInputs.cube_root_compression` (one per sampled B0' value).
_COMPRESSION_CACHE = 256


def prepare(spec: SweepSpec) -> SweepInputs:
    """Build every material's conditions and draw the parameters; refuse what cannot be computed.

    Raises InputError naming ``axes.materials`` (unknown element),
    ``axes.pressure`` (beyond the equation of state's range for some draw) or a
    parameter key (a draw the sub-model refuses), before any chunk is computed.
    """
    from etunnel.materials.elements import element_data

    table = spec.parameter_table()
    names = spec.sampled_names
    conditions, missing = [], []
    for name in spec.materials:
        try:
            element_data(name)
        except ValueError as exc:
            raise _err("axes.materials", f"{name!r} is not a known element ({' '.join(str(exc).split())})") from None
        row, why = [], []
        for rv, rb in spec.conventions:
            try:
                m = material_conditions(name, params=dict(spec.fixed), rv_model=spec.model["rv_model"],
                                        c_model=spec.model["c_model"], eos=spec.model["eos"], rv_convention=rv,
                                        rb_convention=rb, terms=spec.model["terms"])
            except InputError as exc:
                row.append(None)
                why.append(" ".join(str(exc).split()))
                continue
            row.append(m)
            why.append("")
            p_top = float(spec.pressure.max())
            for s in range(spec.samples):
                values = dict(zip(names, table[s].tolist()))
                try:
                    ms = m.with_params(**values) if values else m
                except InputError as exc:
                    raise _err(f"parameters ({', '.join(names)})", f"sample {s} for {name}: {exc}") from None
                P = ms.params
                reach = float(_PRESSURE[ms.eos](_X_MIN, P["B0"], P["B0_prime"]))
                if not p_top < reach:
                    raise _err("axes.pressure", f"stop {p_top / 1e9:.6g} GPa is beyond the {ms.eos} equation of "
                               f"state's range ({reach / 1e9:.6g} GPa) for {name} (sample {s}, B0' = {P['B0_prime']:.6g})")
        conditions.append(tuple(row))
        missing.append(tuple(why))
    return SweepInputs(tuple(conditions), tuple(missing), names, table, spec.model["terms"])


def evaluate_cell_block(inputs: SweepInputs, material: int, convention: int, samples, T, p, *, with_D: bool = True):
    """State, R_c [m] and D [1/m] on (samples x T x p) for one material and convention.

    Each sample's fields :math:`R_v(T)`, :math:`R_b(T, p)`, :math:`c(T, p)` are the
    sub-models' (same expressions as :mod:`etunnel.conditions.diagram`), and
    the state is :func:`classify_cells` (eqs. 11, 38), so a sweep cell always
    agrees with :func:`etunnel.classify`. D is eq. (24) at :math:`r = R_v`.

    The fields are built sample by sample (each sample has its own
    parameters) into one (samples, T, p) block; the state rule, R_c and D then
    run once over the whole block. Their compiled kernels work element by
    element, so every value is the same bytes whatever block it is solved in
    (tested: ``test_block_values_do_not_depend_on_the_batch``).

    ``with_D=False`` skips eq. (24) for callers that keep only the state and R_c;
    ``None`` then stands in place of D.
    """
    from etunnel.model import resisting_distance
    from etunnel.conditions.diagram import _fields

    samples = np.asarray(samples, int)
    T = np.asarray(T, float)
    p = np.asarray(p, float)
    shape = (samples.size, T.size, p.size)
    base = inputs.conditions[material][convention]
    if base is None:
        return np.full(shape, NO_DATA, np.int8), np.full(shape, np.nan), np.full(shape, np.nan) if with_D else None
    R_v, R_b, c = np.empty(shape), np.empty(shape), np.empty(shape)
    p_key = _axis_key(p)
    for i, s in enumerate(samples):
        values = dict(zip(inputs.names, inputs.table[s].tolist()))
        m = base.with_params(**values) if values else base
        R_v[i], R_b[i], c[i], _ = _fields(m, T[:, None], inputs.cube_root_compression(m, p, p_key)[None, :])
    state, R_c = classify_cells(R_v, R_b, c, inputs.terms)
    if not with_D:
        return state, R_c, None
    D = np.full(shape, np.nan)
    inside = state != OUTSIDE
    if inside.any():
        D[inside] = resisting_distance(R_v[inside], R_b[inside], c[inside], terms=inputs.terms)
    return state, R_c, D


def _ufunc_kernel(m_idx, v_idx, s_idx, T, p, *, inputs: SweepInputs, with_D: bool = True):
    """apply_ufunc kernel on one dask block (inputs broadcastable to (m, v, s, T, p)); D is None unless ``with_D``."""
    m_idx, v_idx, s_idx, T, p = (np.asarray(a) for a in (m_idx, v_idx, s_idx, T, p))
    shape = np.broadcast_shapes(m_idx.shape, v_idx.shape, s_idx.shape, T.shape, p.shape)
    ms, vs, ss = m_idx.ravel(), v_idx.ravel(), s_idx.ravel()
    Ts, ps = T.ravel(), p.ravel()
    if ms.size == 1 and vs.size == 1:
        # a sweep chunk: one material and one convention; hand the block over without a copy
        out = evaluate_cell_block(inputs, int(ms[0]), int(vs[0]), ss, Ts, ps, with_D=with_D)
        return tuple(None if a is None else a.reshape(shape) for a in out)
    state = np.empty(shape, np.int8)
    R_c = np.empty(shape)
    D = np.empty(shape) if with_D else None
    for a, m in enumerate(ms):
        for b, v in enumerate(vs):
            out = evaluate_cell_block(inputs, int(m), int(v), ss, Ts, ps, with_D=with_D)
            for target, value in zip((state, R_c, D), out):
                if target is not None:
                    target[a, b] = value
    return state, R_c, D


def sweep_dataset(spec: SweepSpec, inputs: SweepInputs | None = None, *, chunked: bool = True):
    """The sweep as an xarray Dataset backed by dask arrays (``chunked``) or computed in memory.

    Chunks follow ``spec.chunks`` (one material and one convention per chunk);
    the kernel runs through ``xarray.apply_ufunc(..., dask="parallelized")``.
    """
    import xarray as xr
    from dask.array import PerformanceWarning

    inputs = inputs if inputs is not None else prepare(spec)
    # object arrays of str are stored as zarr v3 variable-length strings (fixed-width UTF-32 has no v3 spec)
    coords = {"material": np.array(spec.materials, dtype=object), "convention": np.array(spec.convention_labels, dtype=object),
              "sample": np.arange(spec.samples), "temperature": spec.temperature, "pressure": spec.pressure}
    idx = {d: xr.DataArray(np.arange(n), dims=d, coords={d: coords[d]}) for d, n in zip(DIMS[:3], spec.shape[:3])}
    T = xr.DataArray(spec.temperature, dims="temperature", coords={"temperature": coords["temperature"]})
    p = xr.DataArray(spec.pressure, dims="pressure", coords={"pressure": coords["pressure"]})
    args = [idx["material"], idx["convention"], idx["sample"], T, p]
    if chunked:
        chunk = dict(zip(DIMS, spec.chunk_shape))
        args = [a.chunk({a.dims[0]: chunk[a.dims[0]]}) for a in args]
    with warnings.catch_warnings():
        # the outer product of five 1-D chunked axes has (by design) many more chunks than any input
        warnings.simplefilter("ignore", PerformanceWarning)
        state, R_c, D = xr.apply_ufunc(
            _ufunc_kernel, *args, kwargs={"inputs": inputs}, output_core_dims=[[], [], []],
            dask="parallelized", output_dtypes=[np.int8, float, float])
    ds = xr.Dataset({"state": state.transpose(*DIMS), "R_c": R_c.transpose(*DIMS), "D": D.transpose(*DIMS)})
    ds = ds[list(spec.outputs)]
    for name in spec.outputs:
        ds[name].attrs.update(units=OUTPUTS[name][1], long_name=OUTPUTS[name][2])
    ds["temperature"].attrs["units"] = "K"
    ds["pressure"].attrs["units"] = "Pa"
    if inputs.names:
        ds["parameter_value"] = xr.DataArray(inputs.table, dims=("sample", "parameter"),
                                             coords={"parameter": np.array(inputs.names, dtype=object)},
                                             attrs={"long_name": "drawn sub-model parameter values (SI)"})
    ds.attrs.update(store_attributes(spec, inputs))
    return ds


def store_attributes(spec: SweepSpec, inputs: SweepInputs) -> dict:
    """Metadata of a store: spec and its hash, package version, data sources, seed, state codes."""
    from etunnel import __version__

    sources = {}
    for name, row, why in zip(spec.materials, inputs.conditions, inputs.missing):
        for label, m, reason in zip(spec.convention_labels, row, why):
            sources[f"{name} {label}"] = dict(m.sources) if m is not None else {"missing": reason}
    return {"etunnel_sweep_spec": json.dumps(spec.normal, sort_keys=True), "etunnel_sweep_spec_hash": spec.spec_hash,
            "etunnel_version": __version__, "seed": -1 if spec.seed is None else spec.seed,
            "data_sources": json.dumps(sources, sort_keys=True),
            "state_codes": json.dumps({str(k): v for k, v in SWEEP_STATE_NAMES.items()}),
            "sampling": "sample s draws from numpy default_rng(SeedSequence(seed, spawn_key=(s,))), independent "
                        "parameters in alphabetical order, then the correlated block; draws shared by all materials and conventions"}


# --------------------------------------------------------------------------- store, chunk by chunk


def _blocks(spec: SweepSpec):
    """Every chunk as (flat index, block index tuple, region slices)."""
    counts = spec.block_counts
    for flat, index in enumerate(np.ndindex(*counts)):
        region = tuple(slice(i * c, min((i + 1) * c, n)) for i, c, n in zip(index, spec.chunk_shape, spec.shape))
        yield flat, index, region


def _template(spec: SweepSpec, inputs: SweepInputs):
    import xarray as xr

    ds = sweep_dataset(spec, inputs, chunked=True)
    n_blocks = math.prod(spec.block_counts)
    ds["chunk_done"] = xr.DataArray(np.zeros(n_blocks, np.int8), dims="chunk",
                                    attrs={"long_name": "1 where the chunk (C order over the block grid) is written"})
    return ds


def _compressors(name: str) -> tuple:
    """Codec of an output: Blosc LZ4 with byte shuffle for the float64 outputs, zarr's default (zstd) for ``state``.

    Measured on a 1e6-point chunk (benchmarks/bench_sweep.py, README): zstd took 46 and 24 ms of CPU
    for R_c and D at ratios 1.15 and 1.05; LZ4 + shuffle takes 12 and 10 ms at 1.58 and 1.34. On the
    int8 state zstd is as fast (2 ms) and packs 219:1 against LZ4's 89:1.
    """
    from zarr.codecs import BloscCodec, ZstdCodec

    if OUTPUTS[name][0] == "float64":
        return (BloscCodec(cname="lz4", clevel=5, shuffle="shuffle", typesize=8),)
    return (ZstdCodec(level=0),)


def _encoding(spec: SweepSpec, ds) -> dict:
    enc = {name: {"chunks": spec.chunk_shape, "compressors": _compressors(name)} for name in spec.outputs}
    enc["chunk_done"] = {"chunks": (1,)}
    return enc


def is_sweep_store(path) -> bool:
    """Whether ``path`` is a zarr store written by :func:`run_sweep`."""
    import zarr

    try:
        group = zarr.open_group(str(path), mode="r")
    except Exception:  # noqa: BLE001 - anything unreadable is not a sweep store
        return False
    return "etunnel_sweep_spec_hash" in group.attrs


#: Arrays opened by :func:`_write_block` in this process, keyed by path and the identity of its metadata file.
_OPEN_ARRAYS: dict = {}
_MAX_OPEN_ARRAYS = 64


def _open_array(path: str):
    """``zarr.open_array(path, mode="r+")``, reused while the array's ``zarr.json`` is the same file.

    The key holds the metadata file's inode and modification time, so a store
    replaced in place (``--force``) is opened afresh, never written through a
    stale handle.
    """
    import zarr

    meta = os.stat(os.path.join(path, "zarr.json"))
    key = (path, meta.st_ino, meta.st_mtime_ns, meta.st_size)
    array = _OPEN_ARRAYS.get(key)
    if array is None:
        array = zarr.open_array(path, mode="r+")
        if len(_OPEN_ARRAYS) >= _MAX_OPEN_ARRAYS:
            _OPEN_ARRAYS.clear()
        _OPEN_ARRAYS[key] = array
    return array


def _write_block(path: str, flat: int, region, *blocks):
    """Write one chunk's outputs into the store, then mark it done (the mark is the resume point)."""
    for name, block in zip(OUTPUTS, blocks):
        if block is not None:
            _open_array(f"{path}/{name}")[region] = block
    _open_array(f"{path}/chunk_done")[flat] = 1
    return flat


def _create_store(spec: SweepSpec, inputs: SweepInputs, path: Path) -> None:
    """Write the store's metadata, coordinates and draws into a temporary folder, then move it to ``path``."""
    ds = _template(spec, inputs)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        ds.to_zarr(str(tmp / "store"), mode="w-", compute=False, encoding=_encoding(spec, ds), consolidated=False)
        os.chmod(tmp / "store", 0o777 & ~_umask())
        os.replace(tmp / "store", path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass(frozen=True)
class StoreState:
    path: str
    created: bool
    done: int
    total: int


def open_or_create(spec: SweepSpec, inputs: SweepInputs, path, *, force: bool = False) -> StoreState:
    """Create the store, or reopen it to resume when it holds this very spec.

    Refuses (InputError) a path that is not a sweep store, and a store of a
    different spec unless ``force`` (which replaces it, atomically).
    """
    import zarr

    path = Path(path).absolute()
    total = math.prod(spec.block_counts)
    if path.exists():
        if not is_sweep_store(path):
            raise InputError(f"--out {str(path)!r} exists and is not an etunnel sweep store; not touching it")
        old = zarr.open_group(str(path), mode="r").attrs["etunnel_sweep_spec_hash"]
        if old == spec.spec_hash:
            done = int(np.asarray(zarr.open_group(str(path), mode="r")["chunk_done"][:]).sum())
            return StoreState(str(path), False, done, total)
        if not force:
            raise InputError(f"--out {str(path)!r} holds a sweep of a different spec (hash {old[:12]}, this spec "
                             f"{spec.spec_hash[:12]}); choose another --out, or pass --force to replace it")
        aside = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
        os.replace(path, aside / "store")
        try:
            _create_store(spec, inputs, path)
        except BaseException:
            os.replace(aside / "store", path)
            raise
        finally:
            shutil.rmtree(aside, ignore_errors=True)
        return StoreState(str(path), True, 0, total)
    if not path.parent.is_dir():
        raise InputError(f"--out {str(path)!r}: folder {str(path.parent)!r} does not exist")
    _create_store(spec, inputs, path)
    return StoreState(str(path), True, 0, total)


def _compute_and_write(path: str, flat: int, index, region, shared, outputs):
    """One chunk: the Dataset's kernel (:func:`_ufunc_kernel`) on the chunk's coordinates, then :func:`_write_block`."""
    inputs, temperature, pressure = shared
    m, v, s = (np.arange(r.start, r.stop) for r in region[:3])
    blocks = _ufunc_kernel(m[:, None, None, None, None], v[None, :, None, None, None], s[None, None, :, None, None],
                           temperature[region[3]][None, None, None, :, None], pressure[region[4]][None, None, None, None, :],
                           inputs=inputs, with_D="D" in outputs)
    return _write_block(path, flat, region, *(b if name in outputs else None for name, b in zip(OUTPUTS, blocks)))


def pending_tasks(spec: SweepSpec, inputs: SweepInputs, path):
    """Delayed tasks of the chunks not yet marked done: one task per chunk computes it and writes it.

    Each task runs :func:`_ufunc_kernel`, the kernel that :func:`sweep_dataset` maps over the
    Dataset's dask blocks, on the chunk's coordinates (the store equals the Dataset, tested), with
    the computation and the write fused into one task: 1 task per chunk for the scheduler instead of
    the 10 of the Dataset's graph (apply_ufunc, the output getters and the write). The inputs (material
    conditions and parameter draws) are one shared key of the graph, sent once to each worker.
    """
    import dask
    import zarr

    path = str(Path(path).absolute())
    done = np.asarray(zarr.open_group(path, mode="r")["chunk_done"][:])
    shared = dask.delayed((inputs, spec.temperature, spec.pressure), pure=False, name=f"sweep-inputs-{spec.spec_hash[:16]}")
    outputs = tuple(spec.outputs)
    tasks = []
    for flat, index, region in _blocks(spec):
        if done[flat]:
            continue
        tasks.append(dask.delayed(_compute_and_write, pure=False)(
            path, flat, index, region, shared, outputs, dask_key_name=f"write-chunk-{flat}"))
    return tasks


def compute_tasks(tasks, *, scheduler=None, client=None, on_done=None, num_workers: int | None = None) -> None:
    """Run write tasks locally (``scheduler`` = "threads" | "processes" | "sync") or on a distributed ``client``.

    ``on_done(n)`` is called as chunks finish (progress).
    """
    import dask

    if not tasks:
        return
    if client is not None:
        from distributed import as_completed

        futures = client.compute(tasks)
        try:
            for future in as_completed(futures):
                future.result()
                if on_done:
                    on_done(1)
        finally:
            client.cancel(futures)
        return
    from dask.callbacks import Callback

    class _Progress(Callback):
        def _posttask(self, key, result, dsk, state, worker_id):
            name = key if isinstance(key, str) else key[0] if isinstance(key, tuple) else str(key)
            if str(name).startswith("write-chunk-") and on_done:
                on_done(1)

    kwargs = {"scheduler": scheduler or "threads"}
    if num_workers is not None and kwargs["scheduler"] != "sync":
        kwargs["num_workers"] = num_workers
    with _Progress():
        dask.compute(*tasks, **kwargs)


def open_store(path):
    """Open a sweep store as an xarray Dataset (refuses anything else)."""
    import xarray as xr

    if not Path(path).exists():
        raise InputError(f"store {str(path)!r} not found")
    if not is_sweep_store(path):
        raise InputError(f"{str(path)!r} is not an etunnel sweep store")
    return xr.open_zarr(str(path), consolidated=False)
