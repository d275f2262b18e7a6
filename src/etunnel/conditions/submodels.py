r"""Sub-models for :math:`R_b(T, p)`, :math:`R_v(T)` and :math:`c(T, p)`.

The paper's sections "Resistivity Dynamics" and "Electrical Resistance State"
(Figure 8, eqs. 38-41 of [1]_) state only directions: :math:`R_b` shrinks with
pressure and grows with temperature, :math:`R_v` grows with temperature, and
:math:`c` grows as molecules are pressed together. It gives no functions.
The forms below are the smallest parametric families with those directions;
every parameter is explicit, has a stated default and can be replaced.

**Border radius** (molecular distance). Thermal expansion at zero pressure
times isothermal compression (separable; the temperature dependence of
:math:`B_0` is neglected):

.. math::

    R_b(T, p) = R_{b0}\,[1 + \alpha (T - T_\mathrm{ref})]\;
                \left(\frac{V}{V_0}(p)\right)^{1/3}

with :math:`V/V_0` from the Vinet or Birch–Murnaghan EOS
(:mod:`etunnel.conditions.eos`), :math:`R_{b0}` the tabulated radius and
:math:`\alpha` the tabulated linear expansion coefficient, both at room
temperature :math:`T_\mathrm{ref} = 298.15` K. A constant :math:`\alpha` is the
simplest form; real solids expand far less below their Debye temperature, so
this form *overstates* the temperature effect at low T.

**Compression ratio** :math:`\lambda = R_b(T_\mathrm{ref}, 0) / R_b(T, p)`:
1 at room conditions, > 1 when molecules are pressed together.

**Valence radius** (``rv_model``):

- ``"linear"``: :math:`R_v = R_{v0}[1 + \beta (T - T_\mathrm{ref})]`, the
  first-order expansion of any smooth rise; ``beta >= 0`` keeps the paper's
  direction. Default ``beta = 0`` (no sourced value: an explicit assumption).
- ``"boltzmann"``: :math:`R_v = R_{v0}[1 + \gamma (w(T) - w(T_\mathrm{ref}))]`,
  :math:`w = e^{-E_x/k_BT}`: the mean radius when a fraction :math:`w` of
  valence electrons is thermally excited to an orbital :math:`\gamma` larger,
  the paper's mechanism ("valence electrons become excited and move to higher
  orbitals") in the dilute two-level limit.

**Attraction coefficient** (``c_model``), a function of :math:`\lambda` only
("c grows as molecules are pressed together"):

- ``"linear"``: :math:`c = c_0 + k(\lambda - 1)`;
- ``"saturating"``: :math:`c = 1 - (1 - c_0)\lambda^{-n}`, which rises
  towards the paper's largest coefficient :math:`c = 1` and never exceeds it.

Both give :math:`c_0` at room conditions; the default :math:`c_0 = 0.1` is the
value of the paper's Table 1.

A consequence worth stating: when :math:`R_v` does not depend on temperature,
temperature and pressure act only through :math:`R_b`, so every boundary is
an isochore and its slope is :math:`dT/dp = 1/(3\alpha B)` (the thermodynamic
isochore slope, see :func:`isochore_slope`). A rising :math:`R_v` only steepens
the superconducting boundary.

References
----------
.. [1] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from etunnel.checks import InputError, require_range
from etunnel.conditions import eos as _eos

K_B = 1.380649e-23  # Boltzmann constant [J/K] (exact, SI 2019)
EV = 1.602176634e-19  # electron volt [J] (exact, SI 2019)
T_REF = 298.15  # room temperature of the tabulated radii, B0 and alpha [K]

RV_MODELS = ("linear", "boltzmann")
C_MODELS = ("linear", "saturating")

#: name -> (unit, description, default or None when it comes from element data)
PARAMETERS: dict[str, tuple[str, str, float | None]] = {
    "R_v0": ("m", "valence radius at room conditions", None),
    "R_b0": ("m", "border radius at room conditions", None),
    "B0": ("Pa", "bulk modulus", None),
    "B0_prime": ("1", "pressure derivative of the bulk modulus", 4.0),
    "alpha": ("1/K", "linear thermal expansion coefficient", None),
    "T_ref": ("K", "reference (room) temperature of the tabulated data", T_REF),
    "beta": ("1/K", "relative rise of R_v per kelvin (rv_model linear)", 0.0),
    "gamma": ("1", "relative size of the excited orbital (rv_model boltzmann)", 1.0),
    "E_x": ("J", "excitation energy (rv_model boltzmann)", 1.0 * EV),
    "c0": ("1", "attraction coefficient at room conditions", 0.1),
    "k": ("1", "rise of c per unit compression ratio (c_model linear)", 1.0),
    "n": ("1", "exponent of the saturating c model", 1.0),
}

_DEFAULT_NOTES = {
    "B0_prime": "assumption: B0' = 4 (no measured or computed value given; pass --eos-data PATH or --params B0_prime=...)",
    "beta": "assumption: beta = 0, R_v independent of temperature (the paper gives only the direction)",
    "gamma": "assumption: gamma = 1 (placeholder, no sourced value)",
    "E_x": "assumption: E_x = 1 eV (placeholder, no sourced value)",
    "c0": "assumption: c0 = 0.1, the paper's Table 1 value at ambient conditions",
    "k": "assumption: k = 1 (placeholder, no sourced value; fit it with 'etunnel fit')",
    "n": "assumption: n = 1 (placeholder, no sourced value; fit it with 'etunnel fit')",
    "T_ref": "T_ref = 298.15 K, room temperature of the tabulated radii, B0 and alpha",
}

#: Parameters each sub-model uses.
MODEL_PARAMETERS = {
    ("rv", "linear"): ("beta",),
    ("rv", "boltzmann"): ("gamma", "E_x"),
    ("c", "linear"): ("c0", "k"),
    ("c", "saturating"): ("c0", "n"),
}

#: Values not in pymatgen, each derived from a cited source.
SUPPLEMENTARY_ALPHA = {
    "Hg": (
        2.86e-5,
        "derived from http://mercury.atomistry.com/physical_properties.html: solid Hg density 14.193 g/cm3 at "
        "the melting point (234.3 K) and 14.382 g/cm3 at the temperature of liquid air (taken as 80 K); "
        "alpha = ln(14.382/14.193)/(3 x 154 K), a mean over 80-234 K (pymatgen has no value: Hg is liquid at 298 K)",
    ),
}


def border_radius(T, p, *, R_b0: float, B0: float, B0_prime: float, alpha: float, T_ref: float = T_REF, eos: str = "vinet"):
    r"""Border radius :math:`R_b(T, p)` (half the molecular distance). [m]

    .. math::

        R_b = R_{b0}[1 + \alpha(T - T_\mathrm{ref})]\,(V/V_0)^{1/3}

    Parameters
    ----------
    T : array_like
        Temperature, ``>= 0``. [K]
    p : array_like
        Pressure, ``>= 0``. [Pa]
    R_b0 : float
        Border radius at ``T_ref`` and zero pressure. [m]
    B0, B0_prime : float
        Bulk modulus [Pa] and its pressure derivative [1].
    alpha : float
        Linear thermal expansion coefficient, ``0 <= alpha < 1/T_ref``. [1/K]
    T_ref : float
        Reference temperature. [K]
    eos : {"vinet", "birch_murnaghan"}

    Returns
    -------
    numpy.ndarray
        :math:`R_b`, broadcast over ``T`` and ``p``. [m]
    """
    T = require_range("temperature", T, low=0.0, unit="K")
    p = require_range("pressure", p, low=0.0, unit="Pa")
    return R_b0 * thermal_factor(T, alpha=alpha, T_ref=T_ref) * np.cbrt(_eos.volume_ratio(p, B0, B0_prime, eos=eos))


def thermal_factor(T, *, alpha: float, T_ref: float = T_REF):
    r"""Linear thermal expansion factor :math:`1 + \alpha(T - T_\mathrm{ref})`. [1]"""
    return 1.0 + alpha * (np.asarray(T, float) - T_ref)


def valence_radius(T, *, R_v0: float, model: str = "linear", beta: float = 0.0, gamma: float = 1.0,
                   E_x: float = EV, T_ref: float = T_REF):
    r"""Valence orbital radius :math:`R_v(T)`. [m]

    ``"linear"``: :math:`R_{v0}[1+\beta(T-T_\mathrm{ref})]`;
    ``"boltzmann"``: :math:`R_{v0}[1+\gamma(e^{-E_x/k_BT}-e^{-E_x/k_BT_\mathrm{ref}})]`.
    See the module notes for why.

    Parameters
    ----------
    T : array_like
        Temperature, ``>= 0``. [K]
    R_v0 : float
        Valence radius at ``T_ref``. [m]
    model : {"linear", "boltzmann"}
    beta : float
        [1/K] (linear)
    gamma : float
        [1] (boltzmann)
    E_x : float
        Excitation energy, ``> 0``. [J] (boltzmann)
    T_ref : float
        [K]
    """
    T = require_range("temperature", T, low=0.0, unit="K")
    if model == "linear":
        return R_v0 * (1.0 + beta * (T - T_ref))
    if model == "boltzmann":
        with np.errstate(divide="ignore", over="ignore"):
            w = np.where(T > 0, np.exp(-E_x / (K_B * np.where(T > 0, T, 1.0))), 0.0)
        return R_v0 * (1.0 + gamma * (w - math.exp(-E_x / (K_B * T_ref))))
    raise InputError(f"unknown R_v model {model!r}; choose one of {', '.join(RV_MODELS)}")


def attraction_coefficient(lam, *, model: str = "linear", c0: float = 0.1, k: float = 1.0, n: float = 1.0):
    r"""Attraction coefficient :math:`c(\lambda)` in the compression ratio. [1]

    ``"linear"``: :math:`c_0 + k(\lambda - 1)`;
    ``"saturating"``: :math:`1 - (1-c_0)\lambda^{-n}`.

    Parameters
    ----------
    lam : array_like
        Compression ratio :math:`\lambda = R_b(T_\mathrm{ref},0)/R_b(T,p)`. [1]
    model : {"linear", "saturating"}
    c0, k, n : float
        Parameters. [1]

    Returns
    -------
    numpy.ndarray
        ``c``; values outside [0, 1] are returned as computed (the diagram
        marks them as outside the model's domain; nothing is clamped).
    """
    lam = np.asarray(lam, float)
    if model == "linear":
        return c0 + k * (lam - 1.0)
    if model == "saturating":
        return 1.0 - (1.0 - c0) * lam ** (-n)
    raise InputError(f"unknown c model {model!r}; choose one of {', '.join(C_MODELS)}")


@dataclass(frozen=True)
class MaterialConditions:
    """A material's sub-model parameters: everything needed for its state diagram.

    Attributes
    ----------
    name : str
        Material (element symbol or compound label).
    params : dict of str to float
        All parameters in SI (see :data:`PARAMETERS`).
    rv_model, c_model, eos : str
        Sub-model choices.
    terms : int or "infinite"
        Lattice model used for R_c, D and the threshold.
    sources : dict of str to str
        Where each parameter comes from.
    """

    name: str
    params: dict
    rv_model: str = "linear"
    c_model: str = "saturating"
    eos: str = "vinet"
    terms: object = "infinite"
    sources: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.rv_model not in RV_MODELS:
            raise InputError(f"unknown R_v model {self.rv_model!r}; choose one of {', '.join(RV_MODELS)}")
        if self.c_model not in C_MODELS:
            raise InputError(f"unknown c model {self.c_model!r}; choose one of {', '.join(C_MODELS)}")
        _eos.check_eos(self.eos)
        for name in PARAMETERS:
            if name not in self.params:
                raise InputError(f"{self.name}: parameter {name} missing")
            value = self.params[name]
            if not isinstance(value, (int, float)) or not math.isfinite(value):
                raise InputError(f"{self.name}: parameter {name} must be a finite number, got {value!r}")
        for name in ("R_v0", "R_b0", "B0", "B0_prime", "T_ref"):
            if not self.params[name] > 0:
                raise InputError(f"{self.name}: {name} must be > 0 {PARAMETERS[name][0]}, got {self.params[name]!r}")
        alpha = self.params["alpha"]
        if not 0.0 <= alpha < 1.0 / self.params["T_ref"]:
            raise InputError(f"{self.name}: alpha must be in [0, {1.0 / self.params['T_ref']:.4g}) 1/K, got {alpha!r}")
        if self.params["E_x"] <= 0:
            raise InputError(f"{self.name}: E_x must be > 0 J, got {self.params['E_x']!r}")

    @property
    def model_parameters(self) -> tuple[str, ...]:
        """Names of the parameters of the chosen c and R_v sub-models."""
        return MODEL_PARAMETERS[("c", self.c_model)] + MODEL_PARAMETERS[("rv", self.rv_model)]

    def with_params(self, **updates) -> "MaterialConditions":
        """A copy with some parameters replaced (source: 'set by caller')."""
        params = {**self.params, **{k: float(v) for k, v in updates.items()}}
        sources = {**self.sources, **{k: "set by caller" for k in updates}}
        unknown = set(updates) - set(PARAMETERS)
        if unknown:
            raise InputError(f"unknown parameter(s) {sorted(unknown)}; known: {', '.join(PARAMETERS)}")
        return replace(self, params=params, sources=sources)

    def volume_ratio(self, p):
        """:math:`V/V_0` at pressure ``p`` [Pa]. [1]"""
        P = self.params
        return _eos.volume_ratio(p, P["B0"], P["B0_prime"], eos=self.eos)

    def border_radius(self, T, p):
        """:math:`R_b(T, p)` [m]; see :func:`border_radius`."""
        P = self.params
        return border_radius(T, p, R_b0=P["R_b0"], B0=P["B0"], B0_prime=P["B0_prime"], alpha=P["alpha"],
                             T_ref=P["T_ref"], eos=self.eos)

    def valence_radius(self, T):
        """:math:`R_v(T)` [m]; see :func:`valence_radius`."""
        P = self.params
        return valence_radius(T, R_v0=P["R_v0"], model=self.rv_model, beta=P["beta"], gamma=P["gamma"],
                              E_x=P["E_x"], T_ref=P["T_ref"])

    def attraction(self, lam):
        """:math:`c(\\lambda)` [1]; see :func:`attraction_coefficient`."""
        P = self.params
        return attraction_coefficient(lam, model=self.c_model, c0=P["c0"], k=P["k"], n=P["n"])

    def assumptions(self) -> list[str]:
        """Stated assumptions among the sources (values not taken from data)."""
        used = {"R_v0", "R_b0", "B0", "B0_prime", "alpha", "T_ref", *self.model_parameters}
        return [f"{k}: {v}" for k, v in self.sources.items() if k in used and v.startswith("assumption")]


def isochore_slope(B: float, alpha: float) -> float:
    r"""Slope :math:`dT/dp = 1/(3\alpha B)` of a line of constant :math:`R_b`. [K/Pa]

    With a temperature-independent :math:`R_v`, every boundary of the diagram
    is such a line; a rising :math:`R_v` makes the superconducting boundary
    steeper still. ``B`` is the bulk modulus at the pressure considered.
    """
    if alpha <= 0:
        return math.inf
    return 1.0 / (3.0 * alpha * B)


def _pymatgen_alpha(symbol: str):
    try:
        from pymatgen.core import Element

        raw = Element(symbol).data.get("Coefficient of linear thermal expansion")
    except Exception:  # noqa: BLE001 - an unknown symbol is reported by the caller
        return None, "not an element known to pymatgen"
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = None
    if value is not None and math.isfinite(value) and value > 0:
        return value, f"pymatgen Element('{symbol}').data['Coefficient of linear thermal expansion'] (WebElements, room temperature)"
    if symbol in SUPPLEMENTARY_ALPHA:
        return SUPPLEMENTARY_ALPHA[symbol]
    return None, f"pymatgen has no 'Coefficient of linear thermal expansion' for {symbol} (raw value {raw!r})"


def _element_values(symbol: str, rv_convention: str, rb_convention: str):
    """(values, sources, reasons) for R_v0, R_b0, B0, alpha from element data."""
    values: dict[str, float] = {}
    sources: dict[str, str] = {}
    reasons: dict[str, str] = {}
    try:
        from etunnel.materials.elements import element_data
        from etunnel.materials.radii import radii

        data = element_data(symbol)
        pair = radii(symbol, rv_convention=rv_convention, rb_convention=rb_convention)
    except ValueError as exc:
        why = f"{symbol!r} is not an element with tabulated data ({' '.join(str(exc).split())})"
        return values, sources, {k: why for k in ("R_v0", "R_b0", "B0", "alpha")}
    for name, item in (("R_v0", pair.R_v), ("R_b0", pair.R_b), ("B0", data["bulk_modulus"])):
        if getattr(item, "missing", True):
            reasons[name] = getattr(item, "reason", "missing")
        else:
            values[name] = float(item.value)
            sources[name] = f"{item.source}{'; ' + item.note if getattr(item, 'note', '') else ''}"
    alpha, why = _pymatgen_alpha(symbol)
    if alpha is None:
        reasons["alpha"] = why
    else:
        values["alpha"], sources["alpha"] = alpha, why
    return values, sources, reasons


_HOW = {
    "R_v0": "--params R_v0=130pm",
    "R_b0": "--params R_b0=200pm",
    "B0": "--params B0=40GPa",
    "alpha": "--params alpha=1e-5",
}


def material_conditions(name: str, *, params: dict | None = None, rv_model: str = "linear", c_model: str = "saturating",
                        eos: str = "vinet", eos_data=None, eos_structure: str | None = None,
                        rv_convention: str = "paper", rb_convention: str = "paper",
                        terms="infinite") -> MaterialConditions:
    """Build a material's :class:`MaterialConditions` from element data, files and user values.

    Order of precedence for each parameter: ``params`` (user) > data
    (element data for R_v0, R_b0, B0 and alpha; the ACWF file for B0' when
    ``eos_data`` is given) > the stated defaults of :data:`PARAMETERS`, which
    are recorded as assumptions.

    Parameters
    ----------
    name : str
        Element symbol; a compound works when every value is passed in ``params``.
    params : dict, optional
        Parameter values in SI (names in :data:`PARAMETERS`).
    rv_model, c_model, eos : str
        Sub-model choices.
    eos_data : path, optional
        The ACWF EOS CSV (by path; computed DFT-PBE values).
    eos_structure : str, optional
        Structure to take from ``eos_data`` (default rule: see
        :func:`etunnel.conditions.eos.load_acwf_b0_prime`).
    rv_convention, rb_convention : str
        Radius conventions (:mod:`etunnel.materials.radii`).
    terms : int or "infinite"

    Raises
    ------
    InputError
        Naming every value that is missing, why, and how to supply it.
    """
    params = dict(params or {})
    unknown = set(params) - set(PARAMETERS)
    if unknown:
        raise InputError(f"unknown parameter(s) {', '.join(sorted(unknown))}; known: {', '.join(PARAMETERS)}")
    for key, value in params.items():
        try:
            params[key] = float(value)
        except (TypeError, ValueError):
            raise InputError(f"parameter {key} must be a number, got {value!r}") from None
        if not math.isfinite(params[key]):
            raise InputError(f"parameter {key} must be finite, got {value!r}")
    needed_from_data = [k for k in ("R_v0", "R_b0", "B0", "alpha") if k not in params]
    values, sources, reasons = ({}, {}, {})
    if needed_from_data:
        values, sources, reasons = _element_values(name, rv_convention, rb_convention)
    missing = [k for k in needed_from_data if k not in values]
    if missing and len({reasons.get(k) for k in missing}) == 1 and len(missing) > 1:
        how = ",".join(_HOW[k].split()[1] for k in missing)
        raise InputError(f"{name}: no value for {', '.join(missing)} ({reasons[missing[0]]}); supply them, e.g. --params {how}")
    if missing:
        parts = [f"{k} ({PARAMETERS[k][1]}: {reasons.get(k, 'missing')}; supply it, e.g. {_HOW[k]})" for k in missing]
        raise InputError(f"{name}: no value for " + "; ".join(parts))
    final: dict[str, float] = {}
    final_sources: dict[str, str] = {}
    for key, (unit, _description, default) in PARAMETERS.items():
        if key in params:
            final[key], final_sources[key] = params[key], "user (--params)"
        elif key in values:
            final[key], final_sources[key] = values[key], sources[key]
        elif key == "B0_prime" and eos_data is not None:
            final[key], final_sources[key] = _eos.load_acwf_b0_prime(eos_data, name, structure=eos_structure,
                                                                     B0_measured=final.get("B0", values.get("B0")))
        else:
            final[key] = float(default)
            final_sources[key] = _DEFAULT_NOTES.get(key, f"default {default} {unit}")
    require_range("alpha", final["alpha"], low=0.0)
    return MaterialConditions(name=name, params=final, rv_model=rv_model, c_model=c_model, eos=eos, terms=terms,
                              sources=final_sources)
