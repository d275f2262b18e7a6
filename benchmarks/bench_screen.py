"""Speed of the screen: featurising SuperCon, and screening 10,000 candidates with a cached model.

Run:  ETUNNEL_SUPERCON=/path/to/stanev_supercon_data.csv python benchmarks/bench_screen.py [--json]

Rows (``run()`` returns them as dicts with name, value, unit, baseline_name,
baseline_value, ratio, goal, met):

* featurising every parsed SuperCon composition (Magpie + guideline
  features), against matminer's ``ElementProperty.from_preset("magpie")``
  timed on a 300-composition sample in the same run and scaled to the full
  count; goal <= 20 s.
* screening 10,000 candidates (SuperCon formulas drawn with replacement) with
  the model already cached, against training the model from scratch in the
  same run; goal <= 10 s.

Skips cleanly (no rows, a message) when ``ETUNNEL_SUPERCON`` is not set or
the file is absent. The model cache goes to a temporary ``XDG_CACHE_HOME``,
not the user's. Fits run on one thread. Wall-clock times on a shared CPU:
the load average is printed beside them.
"""

from __future__ import annotations

import os
import tempfile
import time
import warnings
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_common import standalone  # noqa: E402

N_CANDIDATES = 10_000
MATMINER_SAMPLE = 300


def _row(name, value, unit, baseline_name, baseline_value, goal, met):
    return {"name": name, "value": value, "unit": unit, "baseline_name": baseline_name,
            "baseline_value": baseline_value, "ratio": baseline_value / value if value else None,
            "goal": goal, "met": met}


def run() -> list[dict]:
    path = os.environ.get("ETUNNEL_SUPERCON")
    if not path or not Path(path).is_file():
        print("bench_screen: skipped (set ETUNNEL_SUPERCON to a SuperCon-format CSV)")
        return []
    import numpy as np

    from etunnel.validation import predictors as pr
    from etunnel.validation.datasets import load_supercon

    rows = []
    data = load_supercon(path)
    comps = list(data.frame["amounts"])
    start = time.perf_counter()
    pr.features(comps, "magpie+guideline")
    ours = time.perf_counter() - start

    from matminer.featurizers.composition import ElementProperty
    from pymatgen.core import Composition

    ep = ElementProperty.from_preset("magpie")
    sample = comps[:MATMINER_SAMPLE]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for c in sample:
            ep.featurize(Composition(c))
        ref = (time.perf_counter() - start) * len(comps) / len(sample)
    rows.append(_row(f"featurise {len(comps)} compositions (Magpie + guideline)", ours, "s",
                     f"matminer ElementProperty magpie, {MATMINER_SAMPLE} timed, scaled", ref, "<= 20 s",
                     ours <= 20.0))

    rng = np.random.default_rng(0)
    candidates = list(rng.choice(data.frame["formula"].to_numpy(), N_CANDIDATES))
    old = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        try:
            from etunnel.services.candidate_screen import screen

            start = time.perf_counter()
            screen(candidates[:1], supercon=path)  # trains and caches
            train = time.perf_counter() - start
            start = time.perf_counter()
            res = screen(candidates, supercon=path, skip_bad=True)  # SuperCon has "Sr0"-style rows
            cached = time.perf_counter() - start
        finally:
            if old is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = old
    assert res.model["origin"] == "cache"
    rows.append(_row(f"screen {N_CANDIDATES} candidates, cached model", cached, "s",
                     "train the model from scratch (+ screen 1)", train, "<= 10 s", cached <= 10.0))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    for r in rows:
        r["conditions"] = f"{os.cpu_count()} cores shared; 1-min load average {load:.1f}" if load is not None else ""
    return rows


if __name__ == "__main__":
    standalone(run, __doc__.splitlines()[0])
