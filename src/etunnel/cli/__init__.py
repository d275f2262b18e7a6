"""The ``etunnel`` command: one verb per job.

Every verb accepts ``--json``. Bad input ends the program with exit status 2
and one line on standard error, never a traceback.
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="etunnel",
    help=(
        "The electron-tunnel theory of superconductivity, computed exactly.\n\n"
        "Lengths take units (149pm, 1.49Å, 1.49A, 0.149nm), pressures GPa, kbar or Pa, "
        "temperatures K. Every verb has --json for machine-readable output."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


# Typer >= 0.25 vendors click; the usage-error class is found through the MRO
# of the public BadParameter so that both layouts work.
_USAGE_ERROR = next(k for k in typer.BadParameter.__mro__ if k.__name__ == "UsageError")


@app.callback()
def _root() -> None:
    """The electron-tunnel theory of superconductivity, computed exactly."""


def _register() -> None:
    from etunnel.cli import model as _model  # noqa: F401
    from etunnel.cli import element as _element  # noqa: F401
    from etunnel.cli import reproduce as _reproduce  # noqa: F401
    from etunnel.cli import compare as _compare  # noqa: F401
    from etunnel.cli import diagram as _diagram  # noqa: F401
    from etunnel.cli import fit as _fit  # noqa: F401
    from etunnel.cli import validate as _validate  # noqa: F401
    from etunnel.cli import screen as _screen  # noqa: F401


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    _register()
    try:
        code = app(args=argv, standalone_mode=False, prog_name="etunnel")
    except _USAGE_ERROR as exc:
        message = " ".join(exc.format_message().split())
        if message:  # empty after `etunnel` alone, which has printed the help
            print(f"etunnel: error: {message}", file=sys.stderr)
        sys.exit(2)
    except typer.Abort:
        print("etunnel: aborted", file=sys.stderr)
        sys.exit(1)
    except ValueError as exc:
        message = " ".join(str(exc).split())
        print(f"etunnel: error: {message}", file=sys.stderr)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
