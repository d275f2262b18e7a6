"""Generation of the Chebyshev tables behind the fast weak-coupling BCS gap.

The reduced gap :math:`y(t) = \\Delta(T)/\\Delta(0)`, ``t = T/T_c``, of
:mod:`etunnel.standard.bcs` is stored as piecewise Chebyshev series of

.. math::

    g(t) = \\frac{y(t)}{\\sqrt{1 - t}},

which is analytic up to and including ``t = 1`` (near T_c the gap equation
gives :math:`\\Delta^2 = (1 - t)\\,h(t)` with ``h`` analytic and
:math:`h(1) > 0`, so the square-root branch point is divided out;
:math:`g(1) = \\sqrt{8/(7\\zeta(3))}\\,e^{\\gamma_E} = 1.7367`, Tinkham eq.
3.54). At low temperature :math:`1 - y \\approx 2 K_0(\\Delta_0/k_B T)`
is exponentially flat: below :data:`T_FLAT` it is below 1e-20 and ``y`` is
1 to double precision, so the tables start there. The essential singularity
at ``t = 0`` is kept away from every interval by the breakpoints
:data:`BREAKS`.

The values at the Chebyshev nodes are solutions of the gap equation in its
Matsubara form (an independent formulation from the quadrature of
:mod:`etunnel.standard.bcs`),

.. math::

    \\ln\\frac{1}{t} = 2\\sum_{n \\ge 0}\\Big[\\frac{1}{2n+1}
        - \\frac{1}{\\sqrt{(2n+1)^2 + z^2}}\\Big],\\qquad
    z = \\frac{\\Delta}{\\pi k_B T} = \\frac{e^{-\\gamma_E}\\,y}{t},

(e.g. Abrikosov, Gorkov & Dzyaloshinskii; equivalent to Tinkham eq. 3.27
with the cutoff eliminated), summed at :data:`DIGITS` significant digits:
the first ``N > z`` terms directly and the rest through the binomial series
in :math:`z^2/(2n+1)^2` with Hurwitz zeta functions, then solved for ``y``
with :func:`mpmath.findroot`. Run ``python -m etunnel.standard.bcs_gap_tables``
to rewrite ``_bcs_gap_coefficients.py``; a test regenerates one interval
and compares.
"""

from __future__ import annotations

import functools
from pathlib import Path

#: Below this reduced temperature y = 1 to double precision (1 - y < 1e-20).
T_FLAT = 0.04
#: Interval ends of the piecewise Chebyshev representation, in t. Every end after the first
#: is a multiple of 1/:data:`GRID`, so the interval of a temperature is one table look-up.
BREAKS = (T_FLAT, 0.0625, 0.09375, 0.125, 0.1875, 0.25, 0.3125, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0)
#: Cells per unit t of the interval look-up table.
GRID = 32
#: Chebyshev degree on every interval (the coefficients fall below 1e-16 by degree 13).
DEGREE = 15
#: Working precision of the generation [significant digits].
DIGITS = 32


@functools.lru_cache(maxsize=None)
def _half_integer_zeta(s: int, n: int, prec: int):
    """Hurwitz ``zeta(s, n + 1/2)`` at ``prec`` bits (the current working precision).

    The tail of :func:`matsubara_sum_mp` needs the same dozen values at every z of an interval
    (n depends on z only through ceil(z)); the root search evaluates the sum ~200 times per interval.
    """
    import mpmath as mp

    with mp.workprec(prec):
        return mp.zeta(s, n + mp.mpf(1) / 2)


def matsubara_sum_mp(z):
    """``2 sum_{n>=0} [1/(2n+1) - 1/sqrt((2n+1)^2 + z^2)]`` at mpmath precision."""
    import mpmath as mp

    z = mp.mpf(z)
    z2 = z * z
    n_direct = int(mp.ceil(z)) + 6
    head = mp.fsum(1 / mp.mpf(2 * n + 1) - 1 / mp.sqrt((2 * n + 1) ** 2 + z2) for n in range(n_direct))
    # Tail n >= N: 1/m - 1/sqrt(m^2+z^2) = -(1/m) sum_k binom(-1/2, k) (z/m)^(2k), m = 2n+1;
    # sum_{n>=N} m^-(2k+1) = 2^-(2k+1) zeta(2k+1, N + 1/2). Ratio (z/(2N+1))^2 < 1/4.
    tail, k, binom = mp.mpf(0), 1, mp.mpf(1)
    while True:
        binom *= (mp.mpf(-0.5) - (k - 1)) / k
        term = -binom * z2**k * _half_integer_zeta(2 * k + 1, n_direct, mp.mp.prec) / mp.mpf(2) ** (2 * k + 1)
        tail += term
        if abs(term) < mp.eps * abs(head + tail) / 1000:
            break
        k += 1
    return 2 * (head + tail)


def reduced_gap_mp(t):
    """Delta(T)/Delta(0) at reduced temperature ``0 < t < 1``, at mpmath precision."""
    import mpmath as mp

    t = mp.mpf(t)
    if not 0 < t < 1:
        raise ValueError(f"t must lie in (0, 1), got {t}")
    c = mp.exp(-mp.euler)  # z = Delta/(pi k_B T) = e^-gamma y / t
    target = -mp.log(t)
    if t > mp.mpf("0.5"):
        guess = min(mp.mpf("0.999"), mp.mpf("1.7367") * mp.sqrt(1 - t))
    else:
        guess = mp.mpf(1) - mp.mpf(10) ** -12
    return mp.findroot(lambda y: matsubara_sum_mp(c * y / t) - target, guess)


def g_mp(t):
    """``g(t) = y(t)/sqrt(1 - t)``; at ``t = 1`` its limit ``sqrt(8/(7 zeta(3))) e^gamma``."""
    import mpmath as mp

    t = mp.mpf(t)
    if t == 1:
        return mp.sqrt(8 / (7 * mp.zeta(3))) * mp.exp(mp.euler)
    return reduced_gap_mp(t) / mp.sqrt(1 - t)


def chebyshev_coefficients(a, b, degree: int = DEGREE) -> list[float]:
    """Chebyshev coefficients of ``g`` on ``[a, b]`` (interpolation at first-kind nodes), rounded to float."""
    import mpmath as mp

    with mp.workdps(DIGITS):
        a, b = mp.mpf(a), mp.mpf(b)
        n = degree + 1
        nodes = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
        values = [g_mp((a + b) / 2 + (b - a) / 2 * x) for x in nodes]
        coeffs = []
        for j in range(n):
            s = mp.fsum(values[k] * mp.cos(mp.pi * j * (k + mp.mpf(1) / 2) / n) for k in range(n))
            coeffs.append(float(s * (1 if j == 0 else 2) / n))
    return coeffs


def generate_gap_tables() -> list[list[float]]:
    """Chebyshev coefficients of ``g`` on every interval of :data:`BREAKS`, lowest order first."""
    return [chebyshev_coefficients(a, b) for a, b in zip(BREAKS[:-1], BREAKS[1:])]


def render_module(tables: list[list[float]]) -> str:
    """Source text of ``_bcs_gap_coefficients.py``."""
    lines = [
        '"""Generated by ``python -m etunnel.standard.bcs_gap_tables``; do not edit by hand.',
        "",
        "Chebyshev coefficients, lowest order first, of g(t) = (Delta/Delta0)/sqrt(1 - t) on each",
        "interval [BREAKS[i], BREAKS[i+1]] of the reduced temperature t = T/T_c.",
        '"""',
        "",
        f"BREAKS = {tuple(float(b) for b in BREAKS)!r}",
        f"GRID = {GRID!r}",
        "",
        "COEFFICIENTS = (",
    ]
    for row in tables:
        lines.append("    (")
        lines.extend(f"        {value!r}," for value in row)
        lines.append("    ),")
    lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> None:
    target = Path(__file__).with_name("_bcs_gap_coefficients.py")
    target.write_text(render_module(generate_gap_tables()))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
