"""The module graph: every module imports alone, and imports flow one way.

Layers (lowest first): model/ standard/ <- materials/ <- conditions/ <- validation/ report/
<- services/ <- cli/ web/. Nothing below the front doors imports them, and cli/ and web/
never import each other. Imports are read with ``ast`` (function-level imports included),
so a lazy import cannot hide an edge.
"""

from __future__ import annotations

import ast
import compileall
import functools
import importlib
import importlib.util
import os
import signal
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pytest

import etunnel

PACKAGE = Path(etunnel.__file__).parent
BELOW_FRONT_DOORS = ("model", "standard", "materials", "conditions", "validation", "report", "services", "plots")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@functools.cache
def _parsed(path: Path) -> ast.Module:
    """``path``'s syntax tree, parsed once per test process (several tests read every module)."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@functools.cache
def imported_names(path: Path) -> frozenset[str]:
    """Every module ``path`` imports, anywhere in the file, as absolute dotted names."""
    tree = _parsed(path)
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return frozenset(names)


def _imports_of(layer_prefix: str, path: Path) -> list[str]:
    return sorted(n for n in imported_names(path) if n == layer_prefix or n.startswith(layer_prefix + "."))


def test_the_parser_sees_function_level_and_relative_imports(tmp_path):
    fake = PACKAGE / "services" / "comparison.py"
    names = imported_names(fake)
    assert "etunnel.standard" in names  # imported inside compare_report
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from etunnel.cli import main\n")
    tree_names = set()
    for node in ast.walk(ast.parse(probe.read_text())):
        if isinstance(node, ast.ImportFrom):
            tree_names.add(node.module)
    assert "etunnel.cli" in tree_names


@pytest.mark.parametrize("layer", BELOW_FRONT_DOORS)
def test_nothing_below_the_front_doors_imports_them(layer):
    offenders = {}
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        bad = _imports_of("etunnel.cli", path) + _imports_of("etunnel.web", path)
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = bad
    assert offenders == {}


def test_top_level_modules_do_not_import_front_doors():
    offenders = {}
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name == "__main__.py":  # the entry point runs the CLI
            continue
        bad = _imports_of("etunnel.cli", path) + _imports_of("etunnel.web", path)
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_cli_and_web_do_not_import_each_other():
    for door, other in (("cli", "etunnel.web"), ("web", "etunnel.cli")):
        for path in sorted((PACKAGE / door).rglob("*.py")) if (PACKAGE / door).is_dir() else []:
            assert _imports_of(other, path) == [], path


def test_services_do_not_import_rich_or_typer():
    """Services return results; printing and argument parsing belong to the front doors."""
    for path in sorted((PACKAGE / "services").rglob("*.py")):
        names = imported_names(path)
        assert not {n for n in names if n.split(".")[0] in ("typer", "rich", "click")}, path


def test_cli_verbs_do_not_import_each_other():
    """A verb module imports services and shared CLI helpers, never another verb (no diagram <-> fit)."""
    verbs = {p.stem for p in (PACKAGE / "cli").glob("*.py")} - {"__init__", "common", "options"}
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        if path.name == "__init__.py":  # registers every verb in _register()
            continue
        bad = [n for n in imported_names(path) if n.startswith("etunnel.cli.") and n.split(".")[2] in verbs]
        assert bad == [], path


# Known clashes, older than this test: the verb `etunnel diagram` and the physics module it
# shows; the paper's claims (report/) and the claims measured on data (validation/).
KNOWN_SHARED_NAMES = {"diagram.py", "claims.py"}


def test_no_two_modules_share_a_file_name():
    seen: dict[str, str] = {}
    for path in _modules():
        if path.name in ("__init__.py", "__main__.py") or path.name in KNOWN_SHARED_NAMES:
            continue
        assert path.name not in seen, f"{path} and {seen[path.name]}"
        seen[path.name] = str(path)


def _import_each_alone(modules: list[str], package: str, width: int, scratch: Path,
                       timeout: float = 300.0) -> dict[str, str | None]:
    """Import each of ``modules`` (all inside ``package``) as if alone; returns ``{module: None}`` for each
    module imported and ``{module: error}`` for each that failed.

    The imports run in ``width`` forks of this process, each taking its share of ``modules`` in turn. Before
    each import a fork removes every module of ``package`` from ``sys.modules``, so the import starts from no
    module of ``package`` loaded and runs the module's own code and that of every ``package`` module it
    imports, in the order an import of it alone would: a circular import, or a module that uses another
    without importing it, fails as it would alone. The forks keep the third-party modules this process has
    loaded (the caller loads the ones ``package`` imports), as an import alone would load them; etunnel's
    modules change nothing in them at import but matplotlib's backend (``matplotlib.use("Agg")``). This
    process is left as it was. A fork per module would check the same at nearly twice the cost (2.5 s
    against 1.5 s CPU for etunnel's 117 modules): forking a process of a few hundred MB, copying the pages
    the import writes to and tearing it down take about as long as the import. The modules' bytecode is
    compiled once, here, into a private cache that every fork reads (without it, and with
    PYTHONDONTWRITEBYTECODE set, each import compiles every module it runs); compiling a file runs none of
    it. Forks not finished after ``timeout`` seconds are killed and their unfinished modules reported.
    """
    loaded = [name for name in sys.modules if name.partition(".")[0] == package]
    spec = importlib.util.find_spec(package)
    pycache_prefix = sys.pycache_prefix
    running: dict[int, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="walker-pycache-") as cache:
        try:
            sys.pycache_prefix = cache
            for folder in spec.submodule_search_locations or []:
                compileall.compile_dir(folder, quiet=2)
            for share in (modules[k::width] for k in range(width)):
                # Python >= 3.12 warns of a fork while threads run (pytest-xdist's): the fork runs only imports,
                # on its one thread, and ends with os._exit.
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
                    pid = os.fork()
                if pid == 0:  # the fork: never returns into the caller
                    try:
                        sys.settrace(None)  # a coverage tracer's data would be lost at os._exit
                        for module in share:
                            for name in [name for name in sys.modules if name.partition(".")[0] == package]:
                                del sys.modules[name]
                            try:
                                importlib.import_module(module)
                            except BaseException as exc:
                                (scratch / f"{module}.error").write_text(f"{module}: {type(exc).__name__}: {exc}")
                            else:
                                (scratch / f"{module}.imported").touch()
                    finally:
                        os._exit(0)
                running[pid] = share
            deadline = time.monotonic() + timeout
            while running and time.monotonic() < deadline:
                for pid in list(running):
                    if os.waitpid(pid, os.WNOHANG)[0]:
                        del running[pid]
                time.sleep(0.01)
        finally:
            sys.pycache_prefix = pycache_prefix
            for pid in running:  # past the time limit (or interrupted)
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    assert [name for name in sys.modules if name.partition(".")[0] == package] == loaded
    outcome: dict[str, str | None] = {module: f"{module}: not imported (its fork ended first)" for module in modules}
    outcome.update((path.stem, None) for path in scratch.glob("*.imported"))
    outcome.update((path.stem, path.read_text()) for path in scratch.glob("*.error"))
    return outcome


def _outside_names() -> list[str]:
    """The non-etunnel modules etunnel imports at module level (not inside a function), sorted.

    Only these run when an etunnel module is imported; a function-level import (matminer, qutip, ...)
    would cost the walker time and never be used.
    """
    names = set()
    for path in _modules():
        stack = list(_parsed(path).body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            stack.extend(ast.iter_child_nodes(node))
    return sorted(n for n in names if n.split(".")[0] != "etunnel")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork to import each module in a fresh state")
def test_every_module_imports_alone(tmp_path):
    modules = [_module_name(p) for p in _modules() if p.name != "__main__.py"]
    assert "etunnel.services.diagram_report" in modules and "etunnel.cli.fit" in modules
    outside = _outside_names()
    assert "numpy" in outside and "scipy.optimize" in outside and not any(n.startswith("etunnel") for n in outside)
    for name in outside:  # loaded once here, not in every fork; most are loaded already
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except Exception:  # an attribute (from x import y), an optional dependency, a platform module
                pass
    # One fork: no slower than two here (1.06 s against 1.13 s wall) and cheaper (1.45 s against 1.76 s CPU).
    outcome = _import_each_alone(modules, "etunnel", 1, tmp_path)
    assert {name: error for name, error in outcome.items() if error} == {}
    assert sorted(outcome) == sorted(modules)
    assert sys.modules["etunnel"] is etunnel  # this process is left as it was


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork to import each module in a fresh state")
def test_the_import_walker_reports_a_broken_module(tmp_path, monkeypatch):
    """The walker names each module that cannot be imported alone: a missing name, and one side of a circular
    import that succeeds when the other side was imported first, as it was in this process."""
    (tmp_path / "walkprobe").mkdir()
    (tmp_path / "walkprobe" / "__init__.py").write_text("")
    (tmp_path / "walkprobe" / "good.py").write_text("import json\n")
    (tmp_path / "walkprobe" / "bad.py").write_text("from walkprobe.good import missing\n")
    (tmp_path / "walkprobe" / "first.py").write_text("from walkprobe import second\nX = 1\n")
    (tmp_path / "walkprobe" / "second.py").write_text("from walkprobe.first import X\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        importlib.import_module("walkprobe.second")  # imports first, which then imports fine here
        assert "walkprobe.first" in sys.modules
        loaded = {name: sys.modules[name] for name in sys.modules if name.startswith("walkprobe")}
        scratch = tmp_path / "scratch"
        scratch.mkdir()
        outcome = _import_each_alone(["walkprobe.good", "walkprobe.bad", "walkprobe.first", "walkprobe.second"],
                                     "walkprobe", 2, scratch)
        assert {name: sys.modules[name] for name in sys.modules if name.startswith("walkprobe")} == loaded
    finally:
        for name in [name for name in sys.modules if name.startswith("walkprobe")]:
            del sys.modules[name]
    assert sorted(outcome) == ["walkprobe.bad", "walkprobe.first", "walkprobe.good", "walkprobe.second"]
    assert [name for name, error in outcome.items() if error] == ["walkprobe.bad", "walkprobe.first"]
    assert outcome["walkprobe.bad"].startswith("walkprobe.bad: ImportError: cannot import name 'missing'")
    assert "partially initialized module 'walkprobe.first'" in outcome["walkprobe.first"], outcome
