"""The module graph: every module imports alone, and imports flow one way.

Layers (lowest first): model/ standard/ <- materials/ <- conditions/ <- validation/ report/
<- services/ <- cli/ web/. Nothing below the front doors imports them, and cli/ and web/
never import each other. Imports are read with ``ast`` (function-level imports included),
so a lazy import cannot hide an edge.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import subprocess
import sys
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


_WALKER = r"""
import importlib, os, sys
# The third-party and standard-library modules that etunnel names anywhere (read by the test with
# ``ast``, passed as JSON on stdin) are loaded once in this parent; each forked child then imports one
# etunnel module into an interpreter with no etunnel module loaded, so a circular import or a missing
# import of an etunnel module shows up as if the module were imported alone. Children run a few at a
# time: each is a fork of the same clean parent, so they cannot see each other's imports.
import json
for name in json.load(sys.stdin):
    try:
        importlib.import_module(name)
    except Exception:  # an attribute (from x import y), an optional dependency, a platform module
        pass
assert not [m for m in sys.modules if m == "etunnel" or m.startswith("etunnel.")], "etunnel pre-imported"
modules, failures, running = sys.argv[2:], [], {}
# The modules' bytecode is compiled once, here, into a private cache that every child reads (without it, and
# with PYTHONDONTWRITEBYTECODE set, each child compiles every module it imports: half of its time). Compiling
# a file runs none of it, so the children still import from a state with no etunnel module loaded.
import compileall, importlib.util, tempfile
cache = tempfile.TemporaryDirectory(prefix="walker-pycache-")
sys.pycache_prefix, sys.dont_write_bytecode = cache.name, False
for top in sorted({module.partition(".")[0] for module in modules}):
    spec = importlib.util.find_spec(top)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=2)
    if spec and spec.origin and not spec.submodule_search_locations:
        compileall.compile_file(spec.origin, quiet=2)
width = max(1, int(sys.argv[1]))


def reap():
    pid, status = os.wait()
    if status != 0:
        failures.append(running[pid])
    del running[pid]


for module in modules:
    while len(running) >= width:
        reap()
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(module)
        except BaseException as exc:
            print(f"{module}: {type(exc).__name__}: {exc}", flush=True)
            os._exit(1)
        os._exit(0)
    running[pid] = module
while running:
    reap()
cache.cleanup()
print("imported", len(modules), "modules; FAILED", " ".join(sorted(failures)))
sys.exit(1 if failures else 0)
"""


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
def test_every_module_imports_alone():
    modules = [_module_name(p) for p in _modules() if p.name != "__main__.py"]
    assert "etunnel.services.diagram_report" in modules and "etunnel.cli.fit" in modules
    outside = _outside_names()
    assert "numpy" in outside and "scipy.optimize" in outside and not any(n.startswith("etunnel") for n in outside)
    env = {**os.environ, "MPLBACKEND": "Agg"}
    width = str(min(4, os.cpu_count() or 1))
    result = subprocess.run([sys.executable, "-c", _WALKER, width, *modules], input=json.dumps(outside),
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"imported {len(modules)} modules; FAILED \n" in result.stdout, result.stdout


def test_the_import_walker_reports_a_broken_module(tmp_path):
    """The walker fails, naming the module, when one module cannot be imported alone."""
    (tmp_path / "walkprobe").mkdir()
    (tmp_path / "walkprobe" / "__init__.py").write_text("")
    (tmp_path / "walkprobe" / "good.py").write_text("import json\n")
    (tmp_path / "walkprobe" / "bad.py").write_text("from walkprobe.good import missing\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", _WALKER, "2", "walkprobe.good", "walkprobe.bad"],
                            input=json.dumps(["json", "no_such_module_xyz"]), capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 1
    assert "walkprobe.bad: ImportError" in result.stdout and "FAILED walkprobe.bad\n" in result.stdout
