"""Shared test settings."""

import gc
import os
from collections import Counter

import pytest
from hypothesis import settings

settings.register_profile("etunnel", max_examples=60, deadline=None)
settings.load_profile("etunnel")


def pytest_addoption(parser, pluginmanager):
    """Accept the ``-n``/``--dist`` of ``addopts`` when pytest-xdist is disabled (``-p no:xdist``).

    The suite then runs serially in one process, as with ``-n 0``. ``addopts`` loads xdist with ``-p xdist``,
    so a ``-p no:xdist`` on the command line unregisters a plugin whose options are already defined.
    """
    group = parser.getgroup("xdist", "parallel runs (pytest-xdist not loaded: these options are ignored)")
    if pluginmanager.has_plugin("xdist") or any("--numprocesses" in option.names() for option in group.options):
        return
    # pytest reserves lowercase short options for plugins; this stands in for the plugin's own -n.
    group._addoption("-n", "--numprocesses", dest="numprocesses", default=None,
                    help="ignored: pytest-xdist is disabled or not installed; the tests run serially")
    group.addoption("--dist", dest="dist", default="no",
                    help="ignored: pytest-xdist is disabled or not installed")


def pytest_configure(config):
    """In a parallel run each worker owns one core: its OpenMP and BLAS libraries get one thread.

    Set before the workers start, so every library reads it when it loads; scikit-learn's OpenMP
    threads spin-waiting for a core that the other worker holds slowed one test 30-fold.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") or config.getoption("dist", "no") == "no":
        return
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def pytest_collection_modifyitems(config, items):
    """Start the ``slow`` tests first (stable order otherwise), so no worker is left with one at the end.

    Refuses a collection in which two tests share an id: pytest-xdist schedules by id, so it would run
    one of them and report the run as passed.
    """
    counts = Counter(item.nodeid for item in items)
    shared = sorted(nodeid for nodeid, n in counts.items() if n > 1)
    if shared:
        raise pytest.UsageError(f"{len(shared)} test ids are shared by several tests (give each its own id): "
                                + ", ".join(shared[:5]))
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_collection_finish(session):
    """Move what import and collection built (modules, classes, test items: ~300k objects) out of the cyclic
    garbage collector's reach. They live to the end of the run, yet every full collection walked them again,
    including the five that pytest runs at the end to find unraisable exceptions (about 0.3 s each per
    process). Objects made by the tests themselves are collected as before, but the youngest generation
    only every 20,000 net allocations instead of every 700 (and each older one every 20 instead of 10
    collections of the one below): the suite makes and drops millions of objects, and the collections
    themselves took ~2 s of CPU (measured: 25.4-26.1 s wall against 26.4-27.6 s for the suite).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


@pytest.fixture
def cli(capsys):
    """Run the ``etunnel`` command in this process: ``cli("model", "--rv", "149pm", ...)`` returns
    ``(exit status, stdout, stderr)``. Arguments are passed through ``str`` (paths, numbers)."""
    from etunnel.cli import main

    def run(*args):
        with pytest.raises(SystemExit) as exc:
            main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return exc.value.code, out, err

    return run


@pytest.fixture(autouse=True, scope="session")
def _private_cache_home(tmp_path_factory):
    """Caches (the screening model's) go to this run's temporary folder, never to the user's ~/.cache,
    and parallel workers never share one."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_sessionfinish(session):
    """A parallel worker ends at once when its session has finished and its results are sent.

    Every hook of the session's end has run by then (fixtures torn down, coverage data handed over, the
    ``workerfinished`` event with the exit status written to the controller), so what is skipped is the
    interpreter's teardown: pytest's final garbage collections that look for unraisable exceptions (5 full
    collections of what the tests left) and the finalisation of ~2,000 modules, ~2-3 s per worker on the
    controller's path to its summary (measured: 31.7-33.0 s wall against 33.4-35.5 s for the suite). A serial
    run (``-n 0``) keeps the full teardown, the unraisable-exception check included.
    """
    yield
    if os.environ.get("PYTEST_XDIST_WORKER"):
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
