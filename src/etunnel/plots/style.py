"""etunnel's one plotting style, applied by every plotting function of the package.

The style file ``etunnel.mplstyle`` ships in the package: a colour-blind-safe
palette (Okabe & Ito 2008), fonts and line widths sized for a journal column
(3.5 in single, 7.2 in double). It is applied inside a context manager, never
globally on import, so importing etunnel leaves a user's own matplotlib
settings untouched.

>>> import matplotlib.pyplot as plt
>>> from etunnel.plots.style import PALETTE, figure_style
>>> with figure_style():
...     plt.rcParams["font.size"]
8.0
>>> len(PALETTE)
8
"""

from __future__ import annotations

import contextlib
import functools
from importlib import resources

#: Path of the style file shipped with the package.
STYLE_PATH = str(resources.files("etunnel.plots").joinpath("etunnel.mplstyle"))

#: The Okabe-Ito palette in the style's colour cycle order (blue, vermillion, green, purple, orange, sky, yellow, black).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")

#: Journal column widths. [in]
SINGLE_COLUMN = 3.5
DOUBLE_COLUMN = 7.2


@contextlib.contextmanager
def figure_style():
    """Apply etunnel's style for the duration of a ``with`` block."""
    import matplotlib.pyplot as plt

    with plt.style.context(STYLE_PATH):
        yield


def styled(function):
    """Decorator: run a figure-building function inside :func:`figure_style`."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with figure_style():
            return function(*args, **kwargs)

    return wrapper
