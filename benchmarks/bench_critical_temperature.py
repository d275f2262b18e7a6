"""The model's T_c(p) and the T_c(p) fits: compiled kernel against the NumPy bisection it replaced.

Run:  python benchmarks/bench_critical_temperature.py [--quick] [--json]

Baseline, measured in the same process: ``critical_temperature_reference``
(``etunnel.conditions.diagram``), the former implementation kept unchanged (a
201-point NumPy scan, then every bracket bisected to 1e-10 K through the
validating model API, ~110 us per halving). For the fits the baseline is the
same code with ``etunnel.conditions.calibration.critical_temperature``
replaced by the reference (the V/V0 memo is on in both). Figures: seconds per
call of ``critical_temperature`` (wall and CPU), and of the two users of the
fits: the T_c(p) claim of ``etunnel validate`` (leave-one-out fits of every
material with >= 3 points, 20 bootstrap resamples) and the calibration
section of ``etunnel reproduce`` (one free fit per material). ``identical``
says whether both paths gave the same numbers (T_c bit for bit; the claim's
effect, interval and per-material RMSEs; every fitted parameter).
``--quick`` skips the two slow baselines of the fits.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from etunnel.conditions import calibration
from etunnel.conditions import diagram as dg
from etunnel.conditions.submodels import PARAMETERS, MaterialConditions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import emit, row  # noqa: E402

GOAL_SPEEDUP = 10.0
GOAL_FIT_SECONDS = 1.0


def synthetic() -> MaterialConditions:
    """The calibration tests' material: a T_c(p) line crossing 45-320 K between 25.9 and 27.4 GPa."""
    P = {k: v[2] for k, v in PARAMETERS.items()}
    P.update(R_v0=150e-12, R_b0=200e-12, B0=100e9, alpha=1e-5, beta=3e-6, n=3.0)
    return MaterialConditions("synthetic", P)


def timed(func, repeats: int = 5):
    """(best wall, best CPU) seconds of ``func()`` and its last result."""
    wall = cpu = np.inf
    result = None
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        result = func()
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu, result


def _per_call_rows(m, pressure, label):
    dg.critical_temperature(m, pressure)  # compile / load the cached kernel, fill the V/V0 memo
    calls = 50
    new_w, new_c, new = timed(lambda: [dg.critical_temperature(m, pressure) for _ in range(calls)])
    old_w, old_c, old = timed(lambda: [dg.critical_temperature_reference(m, pressure) for _ in range(5)], 3)
    new_w, new_c, old_w, old_c = new_w / calls, new_c / calls, old_w / 5, old_c / 5
    same = bool(np.array_equal(new[0][0], old[0][0], equal_nan=True) and np.array_equal(new[0][1], old[0][1]))
    goal = f">= {GOAL_SPEEDUP:g}x faster"
    return [
        row(f"T_c(p) at {label}: wall per call (identical: {same})", new_w, "s",
            "NumPy bisection (reference)", old_w, goal, bool(old_w / new_w >= GOAL_SPEEDUP)),
        row(f"T_c(p) at {label}: CPU per call", new_c, "s", "NumPy bisection (reference)", old_c, goal,
            bool(old_c / new_c >= GOAL_SPEEDUP)),
    ]


def _with_reference(func):
    saved = calibration.critical_temperature
    calibration.critical_temperature = dg.critical_temperature_reference
    try:
        return func()
    finally:
        calibration.critical_temperature = saved


def _claim():
    from etunnel.validation.claims import claim_tc_pressure

    r = claim_tc_pressure(None, n_resamples=20, seed=0)
    e = r.effect
    return (e.value, e.ci_low, e.ci_high, e.p_value, r.extra.get("per_material"), r.detail)


def _census():
    from etunnel.conditions.calibration_census import calibrate_table

    return [(r.material, r.values, r.outcome, r.plausibility) for r in calibrate_table()]


def _fit_rows(name, func, quick):
    func()  # warm: imports, kernels, memo
    w, c, new = timed(func, 1 if quick else 2)
    if quick:
        return [row(f"{name}: wall", w, "s", "goal", GOAL_FIT_SECONDS, f"<= {GOAL_FIT_SECONDS:g} s",
                    bool(w <= GOAL_FIT_SECONDS)),
                row(f"{name}: CPU", c, "s", "goal", GOAL_FIT_SECONDS, f"<= {GOAL_FIT_SECONDS:g} s",
                    bool(c <= GOAL_FIT_SECONDS))]
    ow, oc, old = timed(lambda: _with_reference(func), 1)
    same = repr(new) == repr(old)
    return [row(f"{name}: wall (identical: {same})", w, "s", "NumPy bisection", ow,
                f"<= {GOAL_FIT_SECONDS:g} s", bool(w <= GOAL_FIT_SECONDS)),
            row(f"{name}: CPU", c, "s", "NumPy bisection", oc, f"<= {GOAL_FIT_SECONDS:g} s",
                bool(c <= GOAL_FIT_SECONDS))]


def run(quick: bool = False) -> list[dict]:
    m = synthetic()
    pressure = np.array([25.9, 26.2, 26.5, 26.8, 27.1, 27.4]) * 1e9
    rows = _per_call_rows(m, pressure[:1], "1 pressure")
    rows += _per_call_rows(m, pressure, "6 pressures")
    rows += _fit_rows("validate T_c(p) claim", _claim, quick)
    rows += _fit_rows("reproduce calibration", _census, quick)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the slow baselines of the fits")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    emit(run(args.quick), as_json=args.json)


if __name__ == "__main__":
    main()
