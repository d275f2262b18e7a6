"""OpenAPI descriptions of the JSON the explorer serves, with the unit of every field.

The responses themselves are the services' ``Result.to_dict()`` (the same JSON
``etunnel ... --json`` prints); these models only document that shape.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Quantity(BaseModel):
    """A number with its unit (``null`` = missing or does not exist)."""

    value: float | None = Field(description="The value, in the unit named by `unit`; null when missing or absent.")
    unit: str = Field(description="Unit of `value`: m, 1/m, eV, K, Pa or 1 (dimensionless).")
    equation: str | None = Field(None, description="Equation of the paper that defines the value.")


class QuantityArray(BaseModel):
    """An array of numbers with their unit (``null`` entries = missing)."""

    value: list[float | None] = Field(description="Values in the unit named by `unit`.")
    unit: str = Field(description="Unit of every entry of `value`.")
    equation: str | None = Field(None, description="Equation of the paper that defines the values.")


class ModelInputs(BaseModel):
    R_v: Quantity = Field(description="Valence orbital radius R_v [m].")
    R_b: Quantity = Field(description="Border radius R_b, half the molecular distance [m].")
    c: Quantity = Field(description="Attraction coefficient c [1].")
    terms: int | str = Field(description="Molecule pairs kept in eq. (24): 1 = eq. (37), 'infinite' = exact.")


class ModelOut(BaseModel):
    """``etunnel model --json``: the model for one material."""

    inputs: ModelInputs
    resisting_distance: Quantity = Field(description="Resisting distance D at R_v (eq. 24 / 37) [1/m].")
    lifting_energy: Quantity = Field(description="Energy to lift the electron from R_v to the border (eq. 23) [eV].")
    conducting_radius: Quantity = Field(description="Conducting radius R_c (eq. 38) [m]; null without a tunnel.")
    conducting_ratio: Quantity = Field(description="R_c / R_b [1]; null without a tunnel.")
    insulating_threshold: Quantity = Field(description="c* below which no tunnel exists [1].")
    state: str = Field(description="insulator, conductor or superconductor (eqs. 11, 38).")


class TunnelRegion(BaseModel):
    exists: bool = Field(description="False when c < c* (no conducting radius).")
    from_: Quantity = Field(alias="from", description="Inner edge of the tunnel, R_c [m].")
    to: Quantity = Field(description="Outer edge of the tunnel, R_b [m].")


class CurveOut(BaseModel):
    """Lifting energy along the centre line (the paper's Figs. 2 and 7)."""

    model: ModelOut
    r: QuantityArray = Field(description="Electron radius r along the centre line [m].")
    lifting_energy: QuantityArray = Field(description="E_c(r), energy to lift the electron from r to the border [eV].")
    resisting_distance: QuantityArray = Field(description="D(r) [1/m].")
    tunnel_region: TunnelRegion
    note: str


class ElementOut(BaseModel):
    """``etunnel element SYMBOL --json``: sourced properties, radii and the model on them."""

    symbol: str
    name: str
    Z: int = Field(description="Atomic number [1].")
    properties: dict = Field(description="Every tabulated property: value (in `unit`), unit, source, note; "
                                         "superconduction_temperature in K (null: none known).")
    radii: dict = Field(description="R_v and R_b [m] with convention and source.")
    model: dict = Field(description="Model on the radii: D [1/m], lifting energy [eV], R_c [m], state; or a reason.")


class PeriodicCell(BaseModel):
    symbol: str
    name: str
    Z: int = Field(description="Atomic number [1].")
    row: int = Field(description="Table row [1].")
    column: int = Field(description="Table column [1].")
    state: str | None = Field(description="Predicted state; null when the model cannot be applied.")
    resisting_distance: Quantity = Field(description="D at R_v [1/m].")
    R_v: Quantity = Field(description="Valence radius [m].")
    R_b: Quantity = Field(description="Border radius [m].")
    measured_tc: Quantity = Field(description="Measured ambient T_c [K]; null if not a known superconductor.")
    known_superconductor: bool
    verdict: str = Field(description="agrees, disagrees or not evaluated.")
    reason: str | None


class PeriodicTableOut(BaseModel):
    rv_convention: str
    rb_convention: str
    c: Quantity = Field(description="Attraction coefficient [1].")
    terms: int | str
    cells: list[PeriodicCell]
    counts: dict[str, int] = Field(description="Number of elements per verdict [1].")
    note: str


class DiagramMaterial(BaseModel):
    name: str
    points: int = Field(description="Measured T_c(p) points [1].")
    diagram_available: bool
    reason: str | None


class DiagramMaterialsOut(BaseModel):
    materials: list[DiagramMaterial]


class MeasuredPoint(BaseModel):
    material: str
    pressure: Quantity = Field(description="Pressure [Pa].")
    tc: Quantity = Field(description="Measured T_c [K].")
    sigma: Quantity = Field(description="Uncertainty of T_c [K]; null if not given.")
    reference: str
    source: str


class DiagramOut(BaseModel):
    """The (T, p) state diagram (the paper's Fig. 8, quantitative)."""

    diagram: dict = Field(description="`etunnel diagram --json`: material with parameters (value, unit, source) and "
                                      "assumptions, grid [Pa, K], state fractions [1], boundaries (T_K [K] per "
                                      "pressure_Pa [Pa] and back), c* [1], isochore slope [K/GPa].")
    temperature: QuantityArray = Field(description="Temperature grid [K].")
    pressure: QuantityArray = Field(description="Pressure grid [Pa].")
    state: dict = Field(description="State code [1] at (temperature, pressure): -1 outside, 0 insulator, "
                                    "1 conductor, 2 superconductor.")
    measured: list[MeasuredPoint]


class JobStatus(BaseModel):
    """A long job (report or validation) run in the background."""

    available: bool = Field(description="False when the job cannot run here (see `reason`).")
    status: str = Field(description="idle, running, done or failed.")
    reason: str | None = Field(description="Why unavailable or why it failed.")
    url: str | None = Field(description="Page of the result once done.")
    elapsed: float | None = Field(description="Run time so far or in total [s].")
    files: list[str] = Field(description="Files written, relative to `url`'s folder.")
    result: dict | None = Field(None, description="Once done: `etunnel reproduce --json` / `etunnel validate --json` "
                                                  "(claims with paper and etunnel values, each with its unit).")


class ErrorOut(BaseModel):
    """Bad input: the parameter and its allowed range."""

    detail: str | list = Field(description="Message naming the parameter and its allowed range.")


class SweepSliceOut(BaseModel):
    """One (temperature, pressure) state grid of a sweep store (``/api/v1/sweep/slice``)."""

    store: str = Field(description="Absolute path of the zarr store.")
    material: str
    convention: str = Field(description="Radius convention label, 'R_v/R_b' or one name for both.")
    sample: int = Field(description="Parameter draw index.")
    parameters: dict = Field(description="The sample's sub-model parameters (SI units of etunnel.conditions.submodels).")
    temperature_K: list[float] = Field(description="Temperatures of the grid rows [K].")
    pressure_GPa: list[float] = Field(description="Pressures of the grid columns [GPa].")
    stride: dict = Field(description="Every k-th temperature and pressure of the store kept (caps 201 x 201).")
    state: list[list[int]] | None = Field(description="State codes [temperature][pressure]; null if not computed yet.")
    state_codes: dict = Field(description="Code -> state name: -2 no data, -1 outside, 0 insulator, 1 conductor, "
                                          "2 superconductor.")
    state_fraction: dict | None = Field(description="Fraction of the grid in each state that occurs.")
    reason: str | None = Field(description="Why state is null.")
