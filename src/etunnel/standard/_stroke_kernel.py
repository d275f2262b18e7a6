r"""Compiled DOP853 integration of one unitary stroke of the quantum Otto engine.

The same algorithm, step for step, as ``scipy.integrate.solve_ivp(method="DOP853")``
applied node to node by :func:`etunnel.standard.quantum_engine.stroke_operators`
(the path kept there as ``method="scipy"``): the Dormand-Prince 8(5,3) tableau
read from :class:`scipy.integrate.DOP853`, SciPy's error norm (the 5th- and
3rd-order estimates blended as in Hairer's DOP853), step-size controller
(safety 0.9, factors 0.2..10, exponent -1/8, no growth after a rejection),
initial-step heuristic, minimum step ``10 ulp(t)``, the step size carried
across spline nodes, and the 7th-order dense output. What differs is only the
order of floating-point additions inside the matrix products, so the two agree
to rounding (tested against each other in ``tests/test_standard_quantum_engine.py``).

The right-hand side is the interaction-picture Schrödinger equation with the
work operators of :func:`~etunnel.standard.quantum_engine.stroke_operators`;
the eigen-data come from the path's joint piecewise cubic, evaluated as
:class:`scipy.interpolate.PPoly` does (same interval search, same power sum).

Kept in its own module so that numba is imported (and the kernel compiled, or
loaded from its on-disk cache) only when a stroke is first integrated.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from scipy.integrate import DOP853

_N_STAGES = DOP853.n_stages  # 12
_A = np.zeros((16, 16))
_A[:_N_STAGES, :_N_STAGES] = DOP853.A
_A[_N_STAGES + 1:] = DOP853.A_EXTRA
_B = np.ascontiguousarray(DOP853.B, dtype=np.float64)
_C = np.zeros(16)
_C[:_N_STAGES] = DOP853.C
_C[_N_STAGES + 1:] = DOP853.C_EXTRA
_E3 = np.ascontiguousarray(DOP853.E3, dtype=np.float64)
_E5 = np.ascontiguousarray(DOP853.E5, dtype=np.float64)
_D = np.ascontiguousarray(DOP853.D, dtype=np.float64)
_ERROR_EXPONENT = -1.0 / (DOP853.error_estimator_order + 1)  # -1/8
_SAFETY, _MIN_FACTOR, _MAX_FACTOR = 0.9, 0.2, 10.0

#: Status codes returned by the kernel.
OK, TOO_SMALL_STEP, OUTPUT_MISSED = 0, 1, 2

_JIT = dict(cache=True, nogil=True)


@numba.njit(**_JIT)
def _rhs(t, y, out, tau, smooth, lam0, dlam, grid, coef, M, v, ph, P, Q, T):  # pragma: no cover - compiled
    """d/dt of [U_I, W_pop, W_coh, theta] (complex, flattened), as the rhs of stroke_operators."""
    MM = M * M
    u = t / tau
    if smooth:
        s = u - math.sin(2 * math.pi * u) / (2 * math.pi)
        ldot = dlam * (1.0 - math.cos(2 * math.pi * u)) / tau
    else:
        s = u
        ldot = dlam / tau
    lam = lam0 + dlam * s
    # PPoly.__call__ with extrapolate=True: interval i with grid[i] <= lam < grid[i+1], clipped
    n_int = grid.size - 1
    if lam <= grid[0]:
        i = 0
    elif lam >= grid[n_int]:
        i = n_int - 1
    else:
        lo, hi = 0, n_int
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if lam < grid[mid]:
                hi = mid
            else:
                lo = mid
        i = lo
    x = lam - grid[i]
    x2 = x * x
    x3 = x2 * x
    for k in range(v.size):  # the power sum of scipy's evaluate_poly1, term by term in the same order
        v[k] = 0.0 + coef[3, i, k] + coef[2, i, k] * x + coef[1, i, k] * x2 + coef[0, i, k] * x3
    for n in range(M):
        th = y[3 * MM + n].real
        ph[n] = complex(math.cos(th), math.sin(th))
    # P = ph A ph^*, Q = ph [(E_m - E_n) A ldot] ph^*
    for n in range(M):
        for m in range(M):
            a = v[2 * M + n * M + m]
            pp = ph[n] * ph[m].conjugate()
            P[n, m] = pp * a
            Q[n, m] = pp * ((v[m] - v[n]) * a * ldot)
    UI = y[:MM].reshape((M, M))
    # dU_I = -ldot P U_I
    for n in range(M):
        for m in range(M):
            acc = 0j
            for k in range(M):
                acc += P[n, k] * UI[k, m]
            out[n * M + m] = -ldot * acc
    # W_pop' = U_I^+ diag(ldot E') U_I ; W_coh' = U_I^+ Q U_I
    for k in range(M):
        for m in range(M):
            acc = 0j
            for l in range(M):
                acc += Q[k, l] * UI[l, m]
            T[k, m] = acc
    for n in range(M):
        for m in range(M):
            accp = 0j
            accc = 0j
            for k in range(M):
                c = UI[k, n].conjugate()
                accp += c * (ldot * v[M + k]) * UI[k, m]
                accc += c * T[k, m]
            out[MM + n * M + m] = accp
            out[2 * MM + n * M + m] = accc
    for n in range(M):
        out[3 * MM + n] = v[n]


@numba.njit(**_JIT)
def _rms_scaled(a, scale):  # pragma: no cover - compiled
    acc = 0.0
    for i in range(a.size):
        z = a[i] / scale[i]
        acc += z.real * z.real + z.imag * z.imag
    return math.sqrt(acc) / math.sqrt(a.size)


@numba.njit(**_JIT)
def _combine(Kr, coeffs, n_terms, base, h, out):  # pragma: no cover - compiled
    """out = base + h * sum_r coeffs[r] K[r] on the real views (same sum order, r ascending, per component)."""
    m = out.size
    for i in range(m):
        out[i] = 0.0
    for r in range(n_terms):
        a = coeffs[r]
        if a != 0.0:
            for i in range(m):
                out[i] += Kr[r, i] * a
    for i in range(m):
        out[i] = base[i] + out[i] * h


@numba.njit(**_JIT)
def integrate_stroke(y0, breaks, tau, smooth, lam0, dlam, grid, coef, M, rtol, atol, t_out, piece_out, y_out,
                     A, B, C, E3, E5, D):  # pragma: no cover - compiled
    """Integrate from breaks[0] to breaks[-1], restarting DOP853 at every break (spline node).

    Fills ``y_out[j]`` with the dense output at ``t_out[j]`` (sorted; ``piece_out[j]`` is the
    node interval that owns it, as ``_PiecewiseSolution`` picks it). Returns (y, n_rhs, status).
    The Runge-Kutta sums run on real views of the complex arrays (the coefficients are real).
    """
    n = y0.size
    n2 = 2 * n
    MM = M * M
    v = np.empty(2 * M + MM)
    ph = np.empty(M, dtype=np.complex128)
    P = np.empty((M, M), dtype=np.complex128)
    Q = np.empty((M, M), dtype=np.complex128)
    T = np.empty((M, M), dtype=np.complex128)
    K = np.empty((16, n), dtype=np.complex128)
    Kr = K.view(np.float64)
    y = y0.copy()
    yr = y.view(np.float64)
    f = np.empty(n, dtype=np.complex128)
    f1 = np.empty(n, dtype=np.complex128)
    ytmp = np.empty(n, dtype=np.complex128)
    ytmpr = ytmp.view(np.float64)
    y_new = np.empty(n, dtype=np.complex128)
    y_newr = y_new.view(np.float64)
    y_old = np.empty(n, dtype=np.complex128)
    scale = np.empty(n)
    err5 = np.empty(n2)
    err3 = np.empty(n2)
    zero = np.zeros(n2)
    F = np.empty((7, n), dtype=np.complex128)
    n_rhs = 0
    h_last = -1.0  # None
    j_out = 0
    n_out = t_out.size
    for p in range(breaks.size - 1):
        t = breaks[p]
        t_bound = breaks[p + 1]
        _rhs(t, y, f, tau, smooth, lam0, dlam, grid, coef, M, v, ph, P, Q, T)
        n_rhs += 1
        interval = abs(t_bound - t)
        if h_last < 0.0:  # select_initial_step (scipy.integrate._ivp.common), order 7
            for i in range(n):
                scale[i] = atol + abs(y[i]) * rtol
            d0 = _rms_scaled(y, scale)
            d1 = _rms_scaled(f, scale)
            if d0 < 1e-5 or d1 < 1e-5:
                h0 = 1e-6
            else:
                h0 = 0.01 * d0 / d1
            h0 = min(h0, interval)
            for i in range(n):
                ytmp[i] = y[i] + h0 * f[i]
            _rhs(t + h0, ytmp, f1, tau, smooth, lam0, dlam, grid, coef, M, v, ph, P, Q, T)
            n_rhs += 1
            for i in range(n):
                ytmp[i] = f1[i] - f[i]
            d2 = _rms_scaled(ytmp, scale) / h0
            if d1 <= 1e-15 and d2 <= 1e-15:
                h1 = max(1e-6, h0 * 1e-3)
            else:
                h1 = (0.01 / max(d1, d2)) ** (1.0 / 8.0)
            h_abs = min(100 * h0, h1, interval)
        else:
            h_abs = min(interval, h_last)
        # step times of this piece: the last three, for the step size carried to the next node
        t_m3 = t
        t_m2 = t
        t_m1 = t
        n_steps = 0
        while t != t_bound:
            min_step = 10 * abs(np.nextafter(t, np.inf) - t)
            if h_abs < min_step:
                h_abs = min_step
            rejected = False
            while True:
                if h_abs < min_step:
                    return y, n_rhs, TOO_SMALL_STEP
                t_new = t + h_abs
                if t_new - t_bound > 0:
                    t_new = t_bound
                h = t_new - t
                h_abs = abs(h)
                # rk_step
                K[0, :] = f
                for s in range(1, _N_STAGES):
                    _combine(Kr, A[s], s, yr, h, ytmpr)
                    _rhs(t + C[s] * h, ytmp, K[s], tau, smooth, lam0, dlam, grid, coef, M, v, ph, P, Q, T)
                _combine(Kr, B, _N_STAGES, yr, h, y_newr)
                _rhs(t + h, y_new, K[_N_STAGES], tau, smooth, lam0, dlam, grid, coef, M, v, ph, P, Q, T)
                n_rhs += _N_STAGES
                # error norm (DOP853._estimate_error_norm)
                _combine(Kr, E5, _N_STAGES + 1, zero, 1.0, err5)
                _combine(Kr, E3, _N_STAGES + 1, zero, 1.0, err3)
                e5 = 0.0
                e3 = 0.0
                for i in range(n):
                    sc = atol + max(abs(y[i]), abs(y_new[i])) * rtol
                    a = err5[2 * i] / sc
                    b = err5[2 * i + 1] / sc
                    e5 += a * a + b * b
                    a = err3[2 * i] / sc
                    b = err3[2 * i + 1] / sc
                    e3 += a * a + b * b
                if e5 == 0.0 and e3 == 0.0:
                    error_norm = 0.0
                else:
                    error_norm = abs(h) * e5 / math.sqrt((e5 + 0.01 * e3) * n)
                if error_norm < 1:
                    if error_norm == 0:
                        factor = _MAX_FACTOR
                    else:
                        factor = min(_MAX_FACTOR, _SAFETY * error_norm ** _ERROR_EXPONENT)
                    if rejected:
                        factor = min(1.0, factor)
                    h_abs *= factor
                    break
                h_abs *= max(_MIN_FACTOR, _SAFETY * error_norm ** _ERROR_EXPONENT)
                rejected = True
            t_old = t
            y_old[:] = y
            y[:] = y_new
            f[:] = K[_N_STAGES]
            t = t_new
            n_steps += 1
            t_m3, t_m2, t_m1 = t_m2, t_m1, t
            # dense output (Dop853DenseOutput) at the requested times this step owns
            if j_out < n_out and piece_out[j_out] == p and t_out[j_out] <= t:
                y_oldr = y_old.view(np.float64)
                for s in range(_N_STAGES + 1, 16):
                    _combine(Kr, A[s], s, y_oldr, h, ytmpr)
                    _rhs(t_old + C[s] * h, ytmp, K[s], tau, smooth, lam0, dlam, grid, coef, M, v, ph, P, Q, T)
                    n_rhs += 1
                for i in range(n):
                    dy = y[i] - y_old[i]
                    F[0, i] = dy
                    F[1, i] = h * K[0, i] - dy
                    F[2, i] = 2 * dy - h * (f[i] + K[0, i])
                for q in range(4):
                    _combine(Kr, D[q], 16, zero, h, F[3 + q].view(np.float64))
                while j_out < n_out and piece_out[j_out] == p and t_out[j_out] <= t:
                    xx = (t_out[j_out] - t_old) / h
                    for i in range(n):
                        acc = 0j
                        for q in range(7):
                            acc += F[6 - q, i]
                            if q % 2 == 0:
                                acc *= xx
                            else:
                                acc *= 1 - xx
                        y_out[j_out, i] = acc + y_old[i]
                    j_out += 1
        if n_steps >= 3:
            h_last = t_m2 - t_m3
        elif n_steps == 2:
            h_last = t_m2 - breaks[p]
    if j_out != n_out:
        return y, n_rhs, OUTPUT_MISSED
    return y, n_rhs, OK


def run(y0, breaks, tau, smooth, lam0, dlam, grid, coef, M, rtol, atol, t_out=None, piece_out=None):
    """Python entry point: (y_final, n_rhs, y_out); raises RuntimeError if the integration fails."""
    if t_out is None:
        t_out = np.empty(0)
        piece_out = np.empty(0, dtype=np.int64)
    y_out = np.empty((t_out.size, y0.size), dtype=np.complex128)
    y, n_rhs, status = integrate_stroke(
        np.ascontiguousarray(y0, dtype=np.complex128), np.ascontiguousarray(breaks, dtype=np.float64), float(tau),
        bool(smooth), float(lam0), float(dlam), np.ascontiguousarray(grid, dtype=np.float64),
        np.ascontiguousarray(coef, dtype=np.float64), int(M), float(rtol), float(atol),
        np.ascontiguousarray(t_out, dtype=np.float64), np.ascontiguousarray(piece_out, dtype=np.int64), y_out,
        _A, _B, _C, _E3, _E5, _D)
    if status == TOO_SMALL_STEP:
        raise RuntimeError("Schrödinger integration failed: required step size is less than spacing between numbers")
    if status == OUTPUT_MISSED:  # pragma: no cover - a bug, not an input error
        raise RuntimeError("stroke integration did not reach every requested output time")
    return y, int(n_rhs), y_out
