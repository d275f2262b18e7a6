"""The ``etunnel`` command: one verb per job.

Every verb accepts ``--json``. Bad input ends the program with exit status 2
and one line on standard error, never a traceback.
"""

from __future__ import annotations

import re
import sys

import typer

from etunnel.cli import plain_coercion

plain_coercion.install()  # plain str/int/float options without pydantic: a third of `etunnel model`'s start-up

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
    # Plain (click) help: typer's rich help imports rich.markdown and rich.traceback,
    # a third of a second on every --help; the text is the same.
    rich_markup_mode=None,
    context_settings={"max_content_width": 120},  # help follows the terminal's width, up to 120 columns
)


# Typer >= 0.25 vendors click; the usage-error class is found through the MRO
# of the public BadParameter so that both layouts work.
_USAGE_ERROR = next(k for k in typer.BadParameter.__mro__ if k.__name__ == "UsageError")


def _print_version(value: bool) -> None:
    if value:
        from etunnel import __version__

        print(f"etunnel {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", callback=_print_version,
                                 is_eager=True),
) -> None:
    """The electron-tunnel theory of superconductivity, computed exactly."""


def _register() -> None:
    from etunnel.cli import model as _model  # noqa: F401
    from etunnel.cli import element as _element  # noqa: F401
    from etunnel.cli import reproduce as _reproduce  # noqa: F401
    from etunnel.cli import compare as _compare  # noqa: F401
    from etunnel.cli import diagram as _diagram  # noqa: F401
    from etunnel.cli import fit as _fit  # noqa: F401
    from etunnel.cli import validate as _validate  # noqa: F401
    from etunnel.cli import tc as _tc  # noqa: F401
    from etunnel.cli import serve as _serve  # noqa: F401
    from etunnel.cli import engine as _engine  # noqa: F401
    from etunnel.cli import fridge as _fridge  # noqa: F401
    from etunnel.cli import sweep as _sweep  # noqa: F401
    from etunnel.cli import screen as _screen  # noqa: F401


def _register_verb(verb: str) -> bool:
    """Register only ``verb``'s command from ``etunnel.cli.<verb>``; False if that is not a verb.

    ``etunnel model ...`` then imports one verb module and builds one command instead of
    thirteen. Anything else (a root option, a misspelt verb, a helper module's name) is
    left to the full registration, so help texts and error messages stay the same.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", verb):
        return False
    from importlib import import_module
    from importlib.util import find_spec

    if find_spec(f"etunnel.cli.{verb}") is None:
        return False
    import_module(f"etunnel.cli.{verb}")
    return any(_command_name(command) == verb for command in app.registered_commands)


def _command_name(command) -> str:
    """The name typer gives a registered command (its function's name, underscores as dashes)."""
    return command.name or command.callback.__name__.replace("_", "-")


_built: tuple[tuple[int, ...], object] | None = None


def _click_command():
    """The click command typer builds from ``app``, built again only when a verb has been registered since.

    Typer builds it afresh on every ``app(...)`` call: each verb's signature and type hints are read
    again, ~20 ms for the thirteen verbs, which an in-process caller (the tests, a notebook looping over
    ``main``) pays on every call. The command holds no state between invocations (click makes a new
    context per call), so it is reused while the registered verbs are the same objects.
    """
    global _built
    key = tuple(map(id, app.registered_commands)) + tuple(map(id, app.registered_groups))
    if _built is None or _built[0] != key:
        _built = (key, typer.main.get_command(app))
    return _built[1]


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    args = sys.argv[1:] if argv is None else argv
    if not (args and _register_verb(args[0])):
        _register()
    try:
        # What ``app(...)`` does, less rebuilding the command (typer's excepthook it would install
        # prints the standard traceback when pretty exceptions are off, as they are here).
        code = _click_command()(args=argv, standalone_mode=False, prog_name="etunnel")
    except _USAGE_ERROR as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `etunnel` alone: the help, as before
            print(exc.ctx.get_help() if exc.ctx is not None else exc.format_message())
            sys.exit(2)
        message = " ".join(exc.format_message().split())
        if message:  # empty after `etunnel` alone, which has printed the help
            print(f"etunnel: error: {message}", file=sys.stderr)
        sys.exit(2)
    except typer.Abort:  # click turns Ctrl-C into Abort
        print("etunnel: interrupted; no partial output was left", file=sys.stderr)
        sys.exit(130)
    except KeyboardInterrupt:
        print("etunnel: interrupted; no partial output was left", file=sys.stderr)
        sys.exit(130)
    except ValueError as exc:
        message = " ".join(str(exc).split())
        print(f"etunnel: error: {message}", file=sys.stderr)
        sys.exit(2)
    except OSError as exc:  # a file the user named cannot be read or written
        where = f" {exc.filename!r}" if getattr(exc, "filename", None) else ""
        reason = exc.strerror or str(exc)
        print(f"etunnel: error: cannot access{where}: {' '.join(reason.split())}", file=sys.stderr)
        sys.exit(2)
    if code == 130:  # typer turns Ctrl-C into exit status 130
        print("etunnel: interrupted; no partial output was left", file=sys.stderr)
    sys.exit(code if isinstance(code, int) else 0)
