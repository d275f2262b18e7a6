"""Generation of the polynomial tables behind the fast infinite-lattice evaluator.

The exact resisting distance of the infinite lattice (see
:mod:`etunnel.model.infinite_lattice`) factors as

.. math::

    D R_b = (1 - x)\\left[\\frac{1}{x} + A_0(x) + c\\,A_1(x)\\right],
    \\qquad x = r / R_b,

where :math:`A_0` and :math:`A_1` are analytic on :math:`[0, 1]` (their
nearest singularities lie at :math:`x = \\pm 4` and :math:`x = \\pm 2`). This
module evaluates :math:`A_0, A_1` from their digamma/trigamma closed forms with
mpmath at 50 significant digits, interpolates them at Chebyshev points in
:math:`t = 2x - 1`, converts to monomial coefficients in :math:`t` and rounds
to float64. Run ``python -m etunnel.model.tables`` to rewrite
``_infinite_lattice_tables.py``; a test checks that the stored tables equal a
fresh generation.
"""

from __future__ import annotations

from pathlib import Path

#: Polynomial degrees in t = 2x - 1; chosen so that the interpolation error is
#: below 1e-16 (checked by ``max_interpolation_error``).
DEGREE_A0 = 16
DEGREE_A1 = 24
#: Degree in s = 2(c - c*)/(1 - c*) - 1 of the initial guess for R_c/R_b(c) on
#: [c*, 1]; its error is ~1e-10, so one Newton step lands on the float root.
DEGREE_RATIO_GUESS = 24
_DIGITS = 50


def reduced_functions_mp(x):
    """Return ``(A0(x), A1(x))`` at mpmath precision from the closed form.

    ``A0 = (S0 - 1/x + 1)/(1 - x)`` and ``A1 = S1/(1 - x)`` with ``S0``, ``S1``
    the c-independent and c-linear parts of the infinite-lattice sum in units
    of 1/R_b. At ``x = 1`` the removable singularity is filled with the exact
    limits ``A0(1) = 3G - 7 zeta(3)/4 - 1`` and ``A1(1) = -(3G + 7 zeta(3)/4)``.
    """
    import mpmath as mp

    x = mp.mpf(x)
    G, z3 = mp.catalan, mp.zeta(3)
    if x == 1:
        return 3 * G - 7 * z3 / 4 - 1, -(3 * G + 7 * z3 / 4)
    psi = mp.digamma
    tri = lambda z: mp.polygamma(1, z)  # noqa: E731
    q = x / 4
    half = mp.mpf(1) / 2
    r0 = (psi(0.25) + psi(0.75) - psi(1 + q) - psi(1 - q)) / 2 + x / 16 * (tri(1 - q) - tri(1 + q)) + G
    s1 = (psi(0.25) + psi(0.75) - psi(half - q) - psi(half + q)) / 2 + x / 16 * (tri(half - q) - tri(half + q)) - G
    return (r0 + 1) / (1 - x), s1 / (1 - x)


def _monomial_coefficients(func, degree: int) -> list[float]:
    """Chebyshev interpolation of ``func(t)`` on [-1, 1], returned as monomial coefficients."""
    import mpmath as mp

    n = degree + 1
    nodes = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
    values = [func(t) for t in nodes]
    cheb = []
    for j in range(n):
        s = mp.fsum(values[k] * mp.cos(mp.pi * j * (k + mp.mpf(1) / 2) / n) for k in range(n))
        cheb.append(s * (1 if j == 0 else 2) / n)
    # Chebyshev -> monomial, with exact integer recurrences for T_j.
    mono = [mp.mpf(0)] * n
    t_prev, t_curr = [1], [0, 1]
    for j in range(n):
        tj = t_prev if j == 0 else t_curr if j == 1 else None
        if j >= 2:
            t_next = [0] + [2 * a for a in t_curr]
            for k, a in enumerate(t_prev):
                t_next[k] -= a
            t_prev, t_curr = t_curr, t_next
            tj = t_curr
        for k, a in enumerate(tj):
            mono[k] += cheb[j] * a
    return [float(m) for m in mono]


def generate_infinite_lattice_tables() -> dict[str, list[float]]:
    """Return the monomial coefficients (in ``t = 2x - 1``) of A0 and A1, and of the R_c/R_b guess."""
    import mpmath as mp

    with mp.workdps(_DIGITS):
        a0 = _monomial_coefficients(lambda t: reduced_functions_mp((t + 1) / 2)[0], DEGREE_A0)
        a1 = _monomial_coefficients(lambda t: reduced_functions_mp((t + 1) / 2)[1], DEGREE_A1)
    return {"A0": a0, "A1": a1, "RATIO_GUESS": _ratio_guess_coefficients(a0, a1)}


def _ratio_guess_coefficients(a0: list[float], a1: list[float]) -> list[float]:
    r"""Monomial coefficients in :math:`s = 2(c - c^*)/(1 - c^*) - 1` of the zero :math:`x(c)` of
    :math:`1/x + A_0(x) + cA_1(x)` on :math:`[c^*, 1]`.

    The zeros are those of the stored float64 polynomials, found at 30 digits
    by Newton's method from :math:`x = 1` (the root at :math:`c^*`); the
    interpolant only seeds the Newton step of the scalar solver
    (:mod:`etunnel.model._scalar_kernels`), which checks it.
    """
    import mpmath as mp

    with mp.workdps(30):
        G, z3 = mp.catalan, mp.zeta(3)
        threshold = (12 * G - 7 * z3) / (12 * G + 7 * z3)
        A0 = [mp.mpf(v) for v in a0]
        A1 = [mp.mpf(v) for v in a1]

        def root(s):
            c = threshold + (s + 1) / 2 * (1 - threshold)
            f = lambda x: 1 / x + mp.polyval(A0[::-1], 2 * x - 1) + c * mp.polyval(A1[::-1], 2 * x - 1)  # noqa: E731
            return mp.findroot(f, mp.mpf(1) - (s + 1) / 4)

        return _monomial_coefficients(root, DEGREE_RATIO_GUESS)


def _horner_source(coefficients: list[float], variable: str = "t") -> str:
    """Horner's rule for ``coefficients`` (lowest order first) as one Python expression."""
    text = repr(coefficients[-1])
    for a in coefficients[-2::-1]:
        text = f"({text} * {variable} + {a!r})"
    return text


def _derivative_in_x(coefficients: list[float]) -> list[float]:
    """Monomial coefficients in t of d/dx, with t = 2x - 1 (so d/dx = 2 d/dt)."""
    return [2.0 * k * a for k, a in enumerate(coefficients)][1:]


def render_module(tables: dict[str, list[float]]) -> str:
    """Source text of ``_infinite_lattice_tables.py``.

    Besides the coefficient tuples it writes each polynomial (and its
    derivative in x) as one straight-line Horner expression: the compiled
    kernels inline these, and straight-line code is what lets the compiler
    vectorise the loop over points.
    """
    lines = [
        '"""Generated by ``python -m etunnel.model.tables``; do not edit by hand.',
        "",
        "Monomial coefficients, lowest order first, in t = 2 r/R_b - 1, of the smooth",
        "functions A0 and A1 of the exact infinite-lattice resisting distance, and the",
        "same polynomials (and their derivatives in x = r/R_b) as Horner expressions;",
        "last, an initial guess for the conducting ratio R_c/R_b as a polynomial in c.",
        '"""',
        "",
    ]
    for name in ("A0", "A1", "RATIO_GUESS"):
        lines.append(f"{name} = (")
        lines.extend(f"    {value!r}," for value in tables[name])
        lines.append(")")
    for name in ("A0", "A1"):
        coefficients = list(tables[name])
        lines += ["", "", f"def {name.lower()}(t):", f'    """{name} at t = 2x - 1 (Horner)."""']
        lines.append(f"    return {_horner_source(coefficients)}")
        lines += ["", "", f"def d{name.lower()}_dx(t):", f'    """d{name}/dx at t = 2x - 1 (Horner)."""']
        lines.append(f"    return {_horner_source(_derivative_in_x(coefficients))}")
    lines += ["", "", "def ratio_guess(s):", '    """Initial guess of R_c/R_b at s = 2(c - c*)/(1 - c*) - 1 (Horner)."""']
    lines.append(f"    return {_horner_source(list(tables['RATIO_GUESS']), 's')}")
    return "\n".join(lines) + "\n"


def main() -> None:
    target = Path(__file__).with_name("_infinite_lattice_tables.py")
    target.write_text(render_module(generate_infinite_lattice_tables()))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
