"""Start-up of the ``etunnel`` command: what a verb imports, typer's options without pydantic, same output.

The speed itself is measured by benchmarks/bench_cli_startup.py (issue 12); these tests
pin what makes it fast (the modules a command must not import) and that the fast
paths give what the slow ones gave: option values bit for bit, tables byte for byte.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etunnel.cli import plain_coercion
from etunnel.cli.plain_coercion import plain_value

MODEL = ["model", "--rv", "149pm", "--rb", "155pm", "--c", "0.5"]

# `etunnel model --rv 149pm --rb 155pm --c 0.5` in a pipe, printed by the tree before the
# start-up work (rich's Table through the same print_table), at COLUMNS=100 and COLUMNS=40.
TABLE_100 = """\
      Electron-tunnel model, terms = infinite      
┏━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━┓
┃ quantity                ┃          value ┃ unit ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━┩
│ R_v                     │            149 │ pm   │
│ R_b                     │            155 │ pm   │
│ c                       │            0.5 │      │
│ resisting distance D    │    -3.9947e+08 │ 1/m  │
│ lifting energy E_c      │      -0.287611 │ eV   │
│ conducting radius R_c   │        90.6028 │ pm   │
│ R_c / R_b               │       0.584534 │      │
│ insulating threshold c* │       0.132804 │      │
│ state                   │ superconductor │      │
└─────────────────────────┴────────────────┴──────┘
"""
TABLE_40 = """\
Electron-tunnel model, terms = infinite 
┏━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━┓
┃ quantity      ┃         value ┃ unit ┃
┡━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━┩
│ R_v           │           149 │ pm   │
│ R_b           │           155 │ pm   │
│ c             │           0.5 │      │
│ resisting     │   -3.9947e+08 │ 1/m  │
│ distance D    │               │      │
│ lifting       │     -0.287611 │ eV   │
│ energy E_c    │               │      │
│ conducting    │       90.6028 │ pm   │
│ radius R_c    │               │      │
│ R_c / R_b     │      0.584534 │      │
│ insulating    │      0.132804 │      │
│ threshold c*  │               │      │
│ state         │ superconducto │      │
│               │             r │      │
└───────────────┴───────────────┴──────┘
"""


# --- what a command imports (fresh interpreters) ----------------------------------------------

_IMPORTS = (
    "import sys\n"
    "from etunnel.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit as exit:\n"
    "    assert not exit.code, exit.code\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def _modules_after(*args) -> tuple[str, set[str]]:
    env = {**os.environ, "COLUMNS": "100"}
    result = subprocess.run([sys.executable, "-c", _IMPORTS, *args], capture_output=True, text=True, timeout=120,
                            env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, set(result.stderr.split())


# Text, --json and --terms runs of `etunnel model` in one fresh interpreter: after each run the modules loaded so far
# go to stderr (one line) and a NUL line ends the run's output on stdout.
_MODEL_RUNS = (
    "import sys\n"
    "from etunnel.cli import main\n"
    "for extra in ([], ['--json'], ['--terms', '5']):\n"
    "    try:\n"
    "        main([*sys.argv[1:], *extra])\n"
    "    except SystemExit as exit:\n"
    "        assert not exit.code, (extra, exit.code)\n"
    "    sys.stdout.write('\\0\\n')\n"
    "    sys.stdout.flush()\n"
    "    print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def test_model_imports_no_pydantic_no_other_verb_neither_numba_nor_scipy_and_prints_the_same_table():
    # Python floats never go through numba (issue 12: `etunnel model` paid ~0.6 s to load it), nor scipy.
    env = {**os.environ, "COLUMNS": "100"}
    result = subprocess.run([sys.executable, "-c", _MODEL_RUNS, *MODEL], capture_output=True, text=True, timeout=120,
                            env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    outputs = result.stdout.split("\0\n")
    loaded = [set(line.split()) for line in result.stderr.splitlines()]
    assert len(outputs) == 4 and outputs[3] == "" and len(loaded) == 3, result.stderr[-2000:]  # all three were checked
    assert outputs[0] == TABLE_100  # byte for byte, in a pipe
    assert json.loads(outputs[1])["state"] == "superconductor" and "terms = 5" in outputs[2]
    modules = loaded[0]
    assert not {m for m in modules if m.split(".")[0] == "pydantic"}
    verbs = {m for m in modules if m.startswith("etunnel.cli.")}
    assert verbs == {"etunnel.cli.model", "etunnel.cli.common", "etunnel.cli.plain_coercion"}, verbs
    for extra, modules in zip(([], ["--json"], ["--terms", "5"]), loaded):
        compiled = sorted(m for m in modules if m.split(".")[0] in ("numba", "scipy", "llvmlite"))
        assert not compiled, (extra, compiled)


def test_model_help_imports_neither_numpy_nor_pydantic():
    out, modules = _modules_after("model", "--help")
    assert "Example: etunnel model" in out and "--terms" in out
    assert not {m for m in modules if m.split(".")[0] in ("numpy", "pydantic", "rich", "scipy")}


# --- the table and the help look as before (in process) ---------------------------------------


@pytest.mark.parametrize("columns, expected", [("100", TABLE_100), ("40", TABLE_40)], ids=["100", "40"])
def test_model_table_byte_for_byte(cli, monkeypatch, columns, expected):
    import etunnel.cli.common as common

    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(common, "console", common._LazyConsole())
    code, out, err = cli(*MODEL)
    assert (code, err) == (0, "")
    assert out == expected


def test_root_help_lists_every_verb_after_a_single_verb_run(cli):
    from etunnel.cli import _register, app

    cli(*MODEL)
    _register()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    code, out, _ = cli("--help")
    assert code == 0
    assert all(f"  {name} " in out for name in names), out


# --- registering one verb ---------------------------------------------------------------------


def test_every_verb_registers_alone_and_nothing_else_does(cli):
    from etunnel.cli import _command_name, _register, _register_verb, app

    _register()
    verbs = [_command_name(c) for c in app.registered_commands]
    assert "model" in verbs and len(verbs) == len(set(verbs)) >= 13
    assert all(_register_verb(verb) for verb in verbs)
    for not_a_verb in ("common", "options", "plain_coercion", "__init__", "__main__", "Model", "modle", "model.x",
                       "../model", "", "-h", "--help"):
        assert not _register_verb(not_a_verb), not_a_verb


def test_a_misspelt_verb_still_gets_a_suggestion(cli):
    code, out, err = cli("modle")
    assert code == 2 and out == ""
    assert err == "etunnel: error: No such command 'modle'. Did you mean 'model'?\n"


# --- plain options: the light converter gives typer's values ----------------------------------


@pytest.fixture(scope="module")
def typer_convert():
    """typer's own (pydantic) converter for one annotation, as typer builds it without this package."""
    typer_coercion = pytest.importorskip("typer._coercion", reason="older typers convert through click, no pydantic")
    from typer import core
    from typer.models import OptionInfo

    assert getattr(core.build_runtime_param, "plain_options", False)  # installed by importing etunnel.cli
    build = core.build_runtime_param.typer_build
    converters = {t: build(typer_coercion.resolve_type_descriptor(t, OptionInfo())) for t in plain_coercion.PLAIN_TYPES}

    def convert(annotation, value):
        return converters[annotation]._coerce_value(value, param=None, ctx=None)

    return convert


def _same(a, b) -> bool:
    return type(a) is type(b) and (a == b) and (not isinstance(a, float) or math.copysign(1, a) == math.copysign(1, b))


finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=120, deadline=None)
@given(text=st.one_of(finite.map(repr), finite.map("{:.3e}".format), finite.map("{:.17g}".format),
                      finite.map("{:f}".format), st.from_regex(plain_coercion._FLOAT, fullmatch=True)))
def test_floats_convert_as_typer_converts_them(typer_convert, text):
    value = plain_value(float, text)
    assert value is not None or not math.isfinite(float(text))  # only overflow is left to typer
    if value is not None:
        assert _same(value, typer_convert(float, text)), text


@settings(max_examples=60, deadline=None)
@given(text=st.one_of(st.integers(-10**18 + 1, 10**18 - 1).map(str), st.from_regex(plain_coercion._INT, fullmatch=True)))
def test_ints_convert_as_typer_converts_them(typer_convert, text):
    value = plain_value(int, text)
    assert value is not None
    assert _same(value, typer_convert(int, text)), text


@settings(max_examples=50, deadline=None)
@given(text=st.text())
def test_strings_pass_as_typer_passes_them(typer_convert, text):
    assert _same(plain_value(str, text), typer_convert(str, text))


@pytest.mark.parametrize("annotation, value", [(float, 0.1), (float, -0.0), (int, 7), (bool, True), (bool, False),
                                               (str, "infinite")])
def test_values_of_the_right_type_pass_unchanged(typer_convert, annotation, value):
    assert _same(plain_value(annotation, value), value)
    assert _same(typer_convert(annotation, value), value)


@pytest.mark.parametrize("annotation, text", [
    (float, "nan"), (float, "inf"), (float, "-Infinity"), (float, "1e400"), (float, "1_000"), (float, " 5"),
    (float, "5 "), (float, "0x1"), (float, "１"), (float, ""), (float, "1e"), (float, "."), (float, 1),
    (int, "1.0"), (int, "1_0"), (int, "1" * 19), (int, "٣"), (int, " 5"), (int, True), (int, 2.0),
    (bool, "yes"), (bool, "1"), (bool, 1), (str, 5), (str, b"bytes"),
])
def test_other_values_are_left_to_typer(annotation, text):
    assert plain_value(annotation, text) is None


@pytest.mark.parametrize("c, outcome", [
    ("1_0", "etunnel: error: c must be in [0, 1], got 10\n"),  # typer (pydantic) reads the underscore
    ("nan", "etunnel: error: c must be finite, got nan\n"),
    ("1e400", "etunnel: error: c must be finite, got inf\n"),
    ("abc", "etunnel: error: Invalid value for '--c': "),
    (" 0.5", ""),
    ("5.", "etunnel: error: c must be in [0, 1], got 5\n"),
])
def test_model_option_values_left_to_typer_give_typers_answers(cli, c, outcome):
    code, out, err = cli("model", "--rv", "149pm", "--rb", "155pm", "--c", c, "--json")
    assert err.startswith(outcome) and err.count("\n") == (1 if outcome else 0), err
    assert code == (2 if outcome else 0)


def test_install_is_idempotent():
    pytest.importorskip("typer._coercion")
    from typer import core

    before = core.build_runtime_param
    assert plain_coercion.install() == hasattr(before, "plain_options")
    assert core.build_runtime_param is before


def test_is_plain_refuses_bounds_and_parsers():
    typer_coercion = pytest.importorskip("typer._coercion")
    from pathlib import Path

    from typer.models import OptionInfo

    def plain(annotation, **info):
        return plain_coercion.is_plain(typer_coercion.resolve_type_descriptor(annotation, OptionInfo(**info)))

    assert plain(float) and plain(int) and plain(str) and plain(bool)
    assert not plain(float, min=0) and not plain(int, max=5) and not plain(str, parser=str.upper)
    assert not plain(Path) and not plain(list[str])

