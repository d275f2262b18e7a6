"""Sphinx configuration for the etunnel documentation.

Build with warnings as errors (what CI runs)::

    python -m sphinx -W -b html docs docs/_build/html
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("MPLBACKEND", "Agg")

import etunnel  # noqa: E402

project = "etunnel"
author = "etunnel contributors"
copyright = "etunnel contributors, BSD-3-Clause"
release = etunnel.__version__ if hasattr(etunnel, "__version__") else "0.1.0"
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "myst_parser",
    "sphinx_gallery.gen_gallery",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "examples", "gen_modules", "auto_examples/*.md5"]

# MyST: $...$ and $$...$$ maths, labelled equations, definition lists for the glossary.
myst_enable_extensions = ["dollarmath", "amsmath", "deflist", "colon_fence"]
myst_dmath_double_inline = True
myst_heading_anchors = 3

# autodoc / autosummary / numpydoc
autosummary_generate = True
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_typehints = "none"
autodoc_mock_imports: list[str] = []
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()
numpydoc_xref_param_type = False

# No intersphinx: the build must work offline.

# sphinx-gallery: every example runs during the build and draws its figure.
sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "doc_module": ("etunnel",),
    "backreferences_dir": "gen_modules/backreferences",
    "reference_url": {"etunnel": None},
    "within_subsection_order": "FileNameSortKey",
    "remove_config_comments": True,
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "abort_on_example_error": True,
    "show_memory": False,
    "plot_gallery": "True",
    "download_all_examples": False,
}

# MathJax loads from its CDN by default. To read the pages offline, point it at a local copy, e.g. Debian's
# libjs-mathjax: ETUNNEL_DOCS_MATHJAX=file:///usr/share/javascript/mathjax/MathJax.js (MathJax 2).
if os.environ.get("ETUNNEL_DOCS_MATHJAX"):
    mathjax_path = os.environ["ETUNNEL_DOCS_MATHJAX"] + "?config=TeX-AMS-MML_HTMLorMML"
    mathjax2_config = {"TeX": {"equationNumbers": {"autoNumber": "none"}},
                       "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                                   "processEscapes": True, "processEnvironments": True,
                                   "ignoreClass": "tex2jax_ignore",
                                   "processClass": "tex2jax_process|mathjax_process|math|output_area"}}

html_theme = "pydata_sphinx_theme"
html_title = "etunnel"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": [],
}
html_static_path: list[str] = []
html_show_sourcelink = False

nitpicky = False
# A module lists its references once; its functions cite them as plain [N] (see _process_docstring),
# so the module-level citations look "not referenced" to docutils.
suppress_warnings = ["ref.citation"]


# --- docstring adjustments for the rendered reference (the source stays as written) ---
_CITATION = re.compile(r"\[(\d+)\]_")
_DEFINITION = re.compile(r"^\s*\.\. \[(\d+)\]")
_PIPES = re.compile(r"\|([^|`\n]+)\|")


def _process_docstring(app, what, name, obj, options, lines):
    """Keep docstrings that cite their module's references valid reStructuredText.

    Functions cite sources listed once in the module docstring (``eq. (19) of [1]_``);
    rendered on their own, those citations have no target. They become plain
    ``[1]``, which the module's References section on the same page explains.
    Constants whose docstring puts an expression between bars (``|dT_c/dp|``)
    would be read as substitutions; the bars are escaped.
    """
    defined = {m.group(1) for line in lines if (m := _DEFINITION.match(line))}
    for k, line in enumerate(lines):
        line = _CITATION.sub(lambda m: m.group(0) if m.group(1) in defined else f"[{m.group(1)}]", line)
        if what in {"data", "attribute"}:
            line = _PIPES.sub(lambda m: f"\\|{m.group(1)}\\|", line)
        lines[k] = line


def _add_backreferences(app, what, name, obj, options, lines):
    """Under each function or class, the gallery examples that call it (after numpydoc has run)."""
    if what not in {"function", "class"}:
        return
    # sphinx-gallery records an object under its shortest public name (etunnel.standard.bcs_gap for
    # etunnel.standard.bcs.bcs_gap): try the full name, then each package that re-exports it.
    parts = name.split(".")
    candidates = [name] + [".".join(parts[:k] + parts[-1:]) for k in range(len(parts) - 2, 0, -1)]
    folder = HERE / "gen_modules" / "backreferences"
    found = [n for n in candidates if (folder / f"{n}.examples").is_file() and (folder / f"{n}.examples").stat().st_size]
    if found:
        lines += ["", ".. rubric:: Gallery examples", "", f".. minigallery:: {' '.join(found)}", ""]


def setup(app):
    app.connect("autodoc-process-docstring", _process_docstring, priority=100)
    app.connect("autodoc-process-docstring", _add_backreferences, priority=900)
