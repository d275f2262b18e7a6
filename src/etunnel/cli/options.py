"""Options shared by several verbs: sub-model parameters with units, figure output."""

from __future__ import annotations

from etunnel.checks import InputError

PARAMS_HELP = (
    "Sub-model parameters, comma-separated name=value with units where they have one: "
    "R_v0=132pm, R_b0=223pm, B0=25GPa, B0_prime=5, alpha=2e-5 (1/K), T_ref=298.15K, "
    "beta=1e-5 (1/K), gamma=1, E_x=1eV, c0=0.1, k=1, n=1. Each is checked against its physical range "
    "(c0 in [0, 1], n and k in [0, 50], ...)."
)


def parse_params(text: str | None) -> dict:
    """Parse ``--params`` into SI floats (raises InputError naming the bad item).

    Units are parsed here; ranges are checked by the service
    (:func:`etunnel.services.material.check_parameters`).
    """
    from etunnel.conditions.submodels import EV, PARAMETERS
    from etunnel.units import parse_length, parse_pressure, parse_quantity, parse_temperature

    out: dict[str, float] = {}
    if text is None:
        return out
    if not text.strip():
        raise InputError("--params: empty; give name=value pairs, e.g. c0=0.2,n=1")
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        if "=" not in item:
            raise InputError(f"--params: expected name=value, got {item!r}")
        name, value = (s.strip() for s in item.split("=", 1))
        if name not in PARAMETERS:
            raise InputError(f"--params: unknown parameter {name!r}; known: {', '.join(PARAMETERS)}")
        if name in out:
            raise InputError(f"--params: parameter {name!r} given twice")
        unit = PARAMETERS[name][0]
        label = f"--params {name}"
        if unit == "m":
            out[name] = parse_length(label, value)
        elif unit == "Pa":
            out[name] = parse_pressure(label, value)
        elif unit == "K":
            out[name] = parse_temperature(label, value if not _bare(value) else value + "K")
        elif unit == "J":
            out[name] = parse_quantity(label, value, {"J": 1.0, "eV": EV, "meV": 1e-3 * EV}, default_unit="J")
        else:
            out[name] = parse_quantity(label, value, {"1/K": 1.0, "K^-1": 1.0, "1": 1.0}, default_unit="1")
    return out


def parse_vary(text: str | None) -> list[str] | None:
    """Parse ``--vary`` (comma-separated names); the service checks the names."""
    if text is None:
        return None
    names = [v.strip() for v in text.split(",")]
    if not any(names) or any(not v for v in names):
        raise InputError(f"--vary: expected comma-separated parameter names, e.g. n,beta; got {text!r}")
    return names


def _bare(value: str) -> bool:
    try:
        float(value)
        return True
    except ValueError:
        return False


def save_figure(fig, out, *, force: bool) -> None:
    """Save a matplotlib figure atomically (no partial file on failure or Ctrl-C)."""
    from etunnel.outputs import atomic_file

    try:
        with atomic_file(out, force=force) as temp:
            fig.savefig(temp, dpi=130)
    finally:
        from matplotlib.figure import Figure

        if isinstance(fig, Figure):
            import matplotlib.pyplot as plt

            plt.close(fig)


def input_file(text: str | None, option: str):
    """A file the user names for reading: ``None`` stays ``None``; an empty name or a missing file is refused."""
    from pathlib import Path

    if text is None:
        return None
    if not text.strip():
        raise InputError(f"{option}: empty file name")
    path = Path(text)
    if path.is_dir():
        raise InputError(f"{option}: {text!r} is a folder, not a file")
    if not path.is_file():
        raise InputError(f"{option}: file {text!r} not found")
    return path
