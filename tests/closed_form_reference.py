"""The conducting ratio R_c/R_b from the closed form of A0 and A1 (``tables.reduced_functions_mp``), by mpmath.

Shared by test_kernels.py and test_scalar_kernels.py, which check the compiled and the pure-Python
solvers against the same roots; each root is computed once per test process. 30 digits: the roots
agree with a 40-digit search to 1e-32 relative (measured at every c the tests use), and the tests
compare floats within 2 ulp (2e-16) of the root.
"""

from __future__ import annotations

import functools

import mpmath as mp

from etunnel.model import tables


@functools.lru_cache(maxsize=None)
def conducting_ratio_closed_form_mp(c: float):
    """Root in (0.2, 1) of 1/x + A0(x) + c A1(x), the reduced infinite-lattice D, at 30 digits."""

    def reduced(x):
        a0, a1 = tables.reduced_functions_mp(x)  # one closed-form evaluation per iterate
        return 1 / x + a0 + c * a1

    with mp.workdps(30):
        return mp.findroot(reduced, (0.2, 1.0), solver="anderson")
