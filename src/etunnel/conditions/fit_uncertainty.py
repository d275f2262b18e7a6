r"""Monte Carlo over a :math:`T_c(p)` fit's parameter uncertainty: the draws, the states and T_c under them.

Shared by the reproduction report (:mod:`etunnel.report.robustness`) and the
validation scorecard (:mod:`etunnel.validation.verdict_robustness`), so that
both say the same thing about the same material, fit and seed.

**Draws.** :func:`ensemble_parameters` turns a fit of
:func:`etunnel.conditions.calibration.fit_tc_pressure` into the ``[parameters]``
table of a sweep spec (:func:`etunnel.conditions.parameter_sweep.parse_spec`):
a multivariate normal with the fit's covariance (``[parameters.correlated]``)
where the covariance is finite; otherwise uniform over +-:data:`RELATIVE_RANGE`
of each fitted value (:data:`ZERO_VALUE_RANGE` above a value at zero), the
reason the covariance is missing given in words. ``B0'`` (the equation of
state's pressure derivative, an assumption of 4 by default) is drawn uniformly
in :data:`B0_PRIME_RANGE`. Draw ``s`` depends on the seed and ``s`` only
(the sweep's ``SeedSequence(seed, spawn_key=(s,))``), so the first draws of a
longer run are those of a shorter one.

**States** at measured points go through the sweep kernel
(:func:`~etunnel.conditions.parameter_sweep.evaluate_cell_block`, hence the
state rule :func:`etunnel.conditions.diagram.classify_cells`, eqs. 11 and 38 of
the paper); **T_c** per draw is :func:`etunnel.conditions.diagram.critical_temperature`
(eqs. 11, 38-41) on each draw's material.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Parameter draws per material by default.
DEFAULT_DRAWS = 64
#: Largest number of draws a user may ask for (cost is linear in it: one T_c(p) evaluation per draw and material).
MAX_DRAWS = 2_000
#: Seed of every ensemble (draws depend on it and the sample index only).
SEED = 20261129
#: B0' drawn in every ensemble (default assumption 4).
B0_PRIME_RANGE = (3.5, 5.5)
#: Half-width of the uniform range around a fitted value when the fit's covariance is not finite.
RELATIVE_RANGE = 0.2
#: Uniform upper end for a fitted value at (or within 1e-3 of its scale from) zero; lower end 0.
ZERO_VALUE_RANGE = {"c0": 0.02, "n": 0.2, "beta": 1e-6, "k": 0.2, "gamma": 0.2}
#: Fraction of draws that must agree with a verdict for it to survive.
SURVIVAL = 0.95


@dataclass(frozen=True)
class PointEnsemble:
    """States of one ensemble at the measured points (per sample) and whether each draw reproduces all points."""

    at_tc: np.ndarray  # (samples, n) state at (T_i, p_i)
    below: np.ndarray  # (samples, n) state at T_i - 3 sigma (or 0 K)
    above: np.ndarray  # (samples, n) state at T_i + 3 sigma
    low_is_zero: np.ndarray  # (n,) T_i - 3 sigma <= 0
    names: tuple
    table: np.ndarray

    @property
    def reproduces(self) -> np.ndarray:
        """(samples,) True where the draw's T_c is within 3 sigma of every measured point."""
        ok_low = self.low_is_zero[None, :] | (self.below == 2)
        return np.all(ok_low & (self.above != 2), axis=1)


def ensemble_spec(name, temperature_top, pressure_top, parameters, samples, conventions=("paper",), *, seed=SEED):
    """A validated in-memory sweep spec for one material (temperature [K] and pressure [Pa] tops)."""
    from etunnel.conditions.parameter_sweep import parse_spec

    data = {"axes": {"materials": [name], "conventions": list(conventions),
                     "temperature": {"start": 0.0, "stop": float(temperature_top), "num": 2},
                     "pressure": {"start": 0.0, "stop": float(pressure_top) / 1e9, "num": 2, "unit": "GPa"}},
            "parameters": parameters, "samples": {"count": samples}, "outputs": {"variables": ["state"]}}
    if samples > 1 or any(isinstance(v, dict) for v in parameters.values()):
        data["seed"] = int(seed)
    return parse_spec(data)


def point_states(inputs, convention, samples, tc, sigma, pressure) -> PointEnsemble:
    """States at (T_i - 3 sigma, T_i, T_i + 3 sigma; p_i) for every sample, through the sweep kernel."""
    from etunnel.conditions.parameter_sweep import evaluate_cell_block

    n = tc.size
    low = tc - 3 * sigma
    T = np.concatenate([np.maximum(low, 0.0), tc, tc + 3 * sigma])
    state, _, _ = evaluate_cell_block(inputs, 0, convention, np.arange(samples), T, pressure, with_D=False)
    i = np.arange(n)
    return PointEnsemble(at_tc=state[:, n + i, i], below=state[:, i, i], above=state[:, 2 * n + i, i],
                         low_is_zero=low <= 0, names=inputs.names, table=inputs.table)


def grid_tc(state, T):
    """Highest superconducting grid temperature per (sample, pressure): NaN if none, inf at the window's top [K]."""
    sc = state == 2
    any_sc = sc.any(axis=1)
    top = T.size - 1 - np.argmax(sc[:, ::-1, :], axis=1)
    return np.where(any_sc, np.where(top == T.size - 1, np.inf, T[top]), np.nan)


def fit_parameter_draws(fit) -> tuple[dict, str]:
    """Spec ``[parameters]`` for the fitted parameters of ``fit`` and the words saying where they come from."""
    from etunnel.conditions.calibration import FIT_BOUNDS

    names = list(fit.varied)
    if np.all(np.isfinite(fit.covariance)):
        cov = fit.covariance
        return ({"correlated": {"names": names, "mean": [fit.values[v] for v in names],
                                "covariance": [[float(x) for x in row] for row in (cov + cov.T) / 2]}},
                "normal with the fit's covariance")
    params, words = {}, []
    for v in names:
        value = fit.values[v]
        if abs(value) <= 1e-3 * FIT_BOUNDS[v][2]:
            lo, hi = 0.0, ZERO_VALUE_RANGE[v]
        else:
            lo, hi = value * (1 - RELATIVE_RANGE), value * (1 + RELATIVE_RANGE)
        lo, hi = max(lo, FIT_BOUNDS[v][0]), min(hi, FIT_BOUNDS[v][1])
        if v == "n":
            lo = max(lo, 1e-9)  # n > 0 in the sweep
        params[v] = {"distribution": "uniform", "low": lo, "high": hi}
        words.append(f"{v} in [{lo:.4g}, {hi:.4g}]")
    why = fit.covariance_reason or "covariance not finite"
    return params, f"uniform ({'; '.join(words)}), because the covariance is undetermined: {why}"


def b0_prime_draws() -> dict:
    """Spec entry drawing B0' uniformly in :data:`B0_PRIME_RANGE`."""
    return {"distribution": "uniform", "low": B0_PRIME_RANGE[0], "high": B0_PRIME_RANGE[1]}


def ensemble_parameters(fit) -> tuple[dict, str]:
    """:func:`fit_parameter_draws` plus B0': the ensemble of a fit, as a spec ``[parameters]`` table, and its words."""
    params, words = fit_parameter_draws(fit)
    params["B0_prime"] = b0_prime_draws()
    return params, words


def draw_critical_temperatures(inputs, pressure, *, t_max: float, convention: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Model T_c at ``pressure`` [Pa] for every draw of ``inputs`` (material 0): ``(tc, censored)``, each (draws, n).

    ``tc`` [K] is :func:`etunnel.conditions.diagram.critical_temperature` on the
    draw's material: 0 where not superconducting at 0 K, ``t_max`` where
    superconducting over the whole window (``censored``), NaN where undefined.
    """
    from etunnel.conditions.diagram import critical_temperature

    pressure = np.atleast_1d(np.asarray(pressure, float))
    base = inputs.conditions[0][convention]
    draws = inputs.table.shape[0]
    tc = np.full((draws, pressure.size), np.nan)
    censored = np.zeros((draws, pressure.size), bool)
    if base is None:
        return tc, censored
    for s in range(draws):
        values = dict(zip(inputs.names, inputs.table[s].tolist()))
        m = base.with_params(**values) if values else base
        # a large drawn n can overflow lam**(-n) in the c sub-model: c -> -inf is outside the model's
        # domain, which critical_temperature reports as NaN (undefined), not as a number
        with np.errstate(over="ignore"):
            tc[s], censored[s] = critical_temperature(m, pressure, t_max=t_max)
    return tc, censored


def tc_band(tc: np.ndarray, censored: np.ndarray, pressure) -> list[dict]:
    """Per pressure: 5 %, 50 % and 95 % quantiles of T_c [K] over the draws that have one, and the counts.

    Draws with an undefined T_c (NaN: the model leaves its domain) or a
    censored one (superconducting over the whole search window, a lower bound
    only) are counted (``n_undefined``, ``n_censored``), never given a number;
    the quantiles are over the ``n_with_tc`` others, null when there are none.
    """
    out = []
    for j, q in enumerate(np.atleast_1d(pressure)):
        col, cen = tc[:, j], censored[:, j]
        ok = np.isfinite(col) & ~cen
        have = col[ok]
        out.append({"pressure_GPa": float(q) / 1e9,
                    "tc_p05_K": float(np.quantile(have, 0.05)) if have.size else None,
                    "tc_median_K": float(np.median(have)) if have.size else None,
                    "tc_p95_K": float(np.quantile(have, 0.95)) if have.size else None,
                    "n_with_tc": int(have.size), "n_undefined": int(np.count_nonzero(~np.isfinite(col))),
                    "n_censored": int(np.count_nonzero(cen))})
    return out
