"""Every example a reader can copy runs: the README's Python blocks and the docstrings' ``>>>`` examples.

README blocks are executed in order in one namespace; a line ending in a comment that is a Python
literal (``etunnel.classify(...)  # 'superconductor'``) must evaluate to that literal. Docstring
examples run as doctests, one test per module that has any, found by scanning ``src/etunnel`` so a
new module's examples are picked up without editing this file.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "etunnel"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks(path: Path) -> list[str]:
    return _BLOCK.findall(path.read_text(encoding="utf-8"))


def _claimed_value(line: str):
    """The literal a trailing comment claims, or None when the comment is prose."""
    code, sep, comment = line.partition("  #")
    if not sep or not code.strip():
        return None
    try:
        return code.strip(), ast.literal_eval(comment.strip())
    except (ValueError, SyntaxError):
        return None


def _check_block(block: str, namespace: dict) -> int:
    exec(compile(block, "<README>", "exec"), namespace)
    checked = 0
    for line in block.splitlines():
        claim = _claimed_value(line)
        if claim is None:
            continue
        expression, expected = claim
        value = eval(expression, namespace)
        if isinstance(expected, float):
            assert math.isclose(value, expected, rel_tol=1e-15), (expression, value, expected)
        else:
            assert value == expected, (expression, value, expected)
        checked += 1
    return checked


def test_readme_python_blocks_run_and_their_stated_values_hold():
    blocks = python_blocks(ROOT / "README.md")
    assert blocks, "README.md has no ```python block"
    namespace: dict = {}
    checked = sum(_check_block(b, namespace) for b in blocks)
    assert checked >= 2  # insulating_threshold() and classify(...) state their values


def test_docs_index_python_block_runs():
    index = ROOT / "docs" / "index.md"
    if not index.is_file():
        pytest.skip("docs/ not present in this checkout")
    for block in python_blocks(index):
        _check_block(block, {})


def _modules_with_examples() -> list[str]:
    names = []
    for path in sorted(SRC.rglob("*.py")):
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(SRC.parent).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


MODULES = _modules_with_examples()


def test_some_modules_have_examples():
    assert len(MODULES) >= 5


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, name) if t.examples]
    assert tests, f"{name} mentions '>>>' but no doctest was found"
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
