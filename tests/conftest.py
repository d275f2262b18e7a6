"""Shared test settings."""

from hypothesis import settings

settings.register_profile("etunnel", max_examples=60, deadline=None)
settings.load_profile("etunnel")


def pytest_addoption(parser, pluginmanager):
    """Accept the ``-n``/``--dist`` of ``addopts`` when pytest-xdist is disabled (``-p no:xdist``) or absent.

    The suite then runs serially in one process, as with ``-n 0``.
    """
    if pluginmanager.has_plugin("xdist"):
        return
    group = parser.getgroup("xdist", "parallel runs (pytest-xdist not loaded: these options are ignored)")
    # pytest reserves lowercase short options for plugins; this stands in for the plugin's own -n.
    group._addoption("-n", "--numprocesses", dest="numprocesses", default=None,
                    help="ignored: pytest-xdist is disabled or not installed; the tests run serially")
    group.addoption("--dist", dest="dist", default="no",
                    help="ignored: pytest-xdist is disabled or not installed")


def pytest_collection_modifyitems(config, items):
    """Start the ``slow`` tests first (stable order otherwise), so no worker is left with one at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
