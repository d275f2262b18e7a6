"""Published electron-phonon coupling parameters with their sources (``etunnel/data/coupling_parameters.csv``).

One record per (material, phase, pressure, source set). Blank cells are loaded as
``None`` (missing), never as zero; each record keeps the source text of its row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_FLOATS = ("pressure_theory_GPa", "lambda", "omega_log_K", "omega_2_K", "mu_star", "theta_D_K",
           "tc_theory_low_K", "tc_theory_high_K", "tc_measured_K", "pressure_measured_GPa")


@dataclass(frozen=True)
class CouplingRecord:
    """One row of the table; floats are ``None`` where the table is blank."""

    material: str
    kind: str
    phase: str
    pressure_theory_GPa: float | None
    lambda_ep: float | None
    omega_log_K: float | None
    omega_2_K: float | None
    mu_star: float | None
    theta_D_K: float | None
    source_coupling: str
    tc_theory_low_K: float | None
    tc_theory_high_K: float | None
    theory_method: str
    source_theory: str
    tc_measured_K: float | None
    pressure_measured_GPa: float | None
    source_tc_measured: str
    notes: str


def _float(name: str, text: str, row: int) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"coupling_parameters.csv row {row}: {name} is not a number: {text!r}") from None


@lru_cache(maxsize=1)
def load_coupling_parameters() -> tuple[CouplingRecord, ...]:
    """All records of the packaged table, in file order."""
    text = resources.files("etunnel.data").joinpath("coupling_parameters.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    out = []
    for i, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
        vals = {k: _float(k, row[k], i) for k in _FLOATS}
        out.append(CouplingRecord(
            material=row["material"], kind=row["kind"], phase=row["phase"],
            pressure_theory_GPa=vals["pressure_theory_GPa"], lambda_ep=vals["lambda"],
            omega_log_K=vals["omega_log_K"], omega_2_K=vals["omega_2_K"], mu_star=vals["mu_star"],
            theta_D_K=vals["theta_D_K"], source_coupling=row["source_coupling"],
            tc_theory_low_K=vals["tc_theory_low_K"], tc_theory_high_K=vals["tc_theory_high_K"],
            theory_method=row["theory_method"], source_theory=row["source_theory"],
            tc_measured_K=vals["tc_measured_K"], pressure_measured_GPa=vals["pressure_measured_GPa"],
            source_tc_measured=row["source_tc_measured"], notes=row["notes"],
        ))
    return tuple(out)


def coupling_materials() -> list[str]:
    """Material names in the table, in file order, without repeats."""
    return list(dict.fromkeys(r.material for r in load_coupling_parameters()))
