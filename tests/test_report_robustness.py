"""Report section: calibration verdicts under parameter uncertainty and under every radius convention pair."""

import json

import numpy as np
import pytest

from etunnel.report import robustness as rb

# Pb rows as in the packaged table (three measurements at ambient pressure) and two Y points
FIXTURE = """material,pressure_GPa,tc_K,reference,source
Pb,0,7.19,ref,src
Pb,0,7.2,ref,src
Pb,0,7.196,ref,src
Y,30,3.5,ref,src
Y,115,19.5,ref,src
"""


# The module-scoped fixture is built once: in a parallel run the module's tests share one worker.
pytestmark = pytest.mark.xdist_group("report_robustness")


@pytest.fixture(scope="module")
def sections(tmp_path_factory):
    path = tmp_path_factory.mktemp("rob") / "tc.csv"
    path.write_text(FIXTURE)
    return rb.robustness_sections(path, materials=("Pb", "Y", "Nb"))  # Nb: no rows, skipped


def test_sections_shape_and_bounds(sections):
    points, conventions = sections
    results = points.data["materials"]
    assert [r["material"] for r in results] == ["Pb", "Y"]
    assert len(points.body) == 3 + 2  # one row per measured point
    for r in results:
        assert r["samples"] == rb.SAMPLES
        assert r["cells_evaluated"] <= rb.MAX_CELLS_PER_MATERIAL
        for ens in ("stated", "free_fit"):
            for probs in r[ens]["state_probability_at_measured_points"]:
                assert sum(probs.values()) == pytest.approx(1.0)
            assert r[ens]["survives"] == (r[ens]["agreeing_fraction"] >= rb.SURVIVAL)
        assert len(r["band"]) == rb.BAND_PRESSURES
    json.dumps({"a": points.data, "b": conventions.data}, allow_nan=False)  # JSON-ready, no NaN
    assert len(conventions.body) == 2


def test_paper_convention_reproduces_the_calibration_verdicts(sections):
    """With the parameters held at the stated and at the fitted values, the paper convention gives the fit's own verdicts."""
    for r in sections[0].data["materials"]:
        paper = r["conventions"]["paper"]
        assert paper["stated"] == r["stated"]["verdict"]
        assert (paper["fitted"] == "reproduces") == (r["free_fit"]["verdict"] == "reproduces")
    pb = sections[0].data["materials"][0]
    assert pb["stated"]["verdict"] == "contradicted"  # c0 = 0.1 < c* = 0.1328: an insulator
    assert pb["free_fit"]["covariance"] is None and "degrees of freedom" in pb["free_fit"]["covariance_reason_null"]


def test_ensemble_states_equal_classify_cells_at_the_points():
    """Every draw's state at (T_c -+ 3 sigma, T_c; p) equals diagram.states_at (classify_cells) for that draw."""
    from etunnel.conditions.diagram import states_at
    from etunnel.conditions.parameter_sweep import prepare
    from etunnel.conditions.submodels import material_conditions

    params = {"c0": {"distribution": "uniform", "low": 0.1, "high": 0.3},
              "B0_prime": {"distribution": "uniform", "low": 3.5, "high": 5.5}}
    inputs = prepare(rb._spec("Y", 40.0, 120e9, params, 6))
    tc = np.array([3.5, 19.5])
    sigma = np.array([0.35, 0.35])
    p = np.array([30e9, 115e9])
    ens = rb._points(inputs, 0, 6, tc, sigma, p)
    base = material_conditions("Y")
    for s in range(6):
        m = base.with_params(**dict(zip(inputs.names, inputs.table[s].tolist())))
        np.testing.assert_array_equal(ens.below[s], states_at(m, tc - 3 * sigma, p))
        np.testing.assert_array_equal(ens.at_tc[s], states_at(m, tc, p))
        np.testing.assert_array_equal(ens.above[s], states_at(m, tc + 3 * sigma, p))
    expected = np.all(((ens.below == 2) | ens.low_is_zero) & (ens.above != 2), axis=1)
    np.testing.assert_array_equal(ens.reproduces, expected)


def test_free_parameters_use_the_covariance_when_finite():
    class Fit:
        varied = ("c0",)
        values = {"c0": 0.3}
        covariance = np.array([[1e-6]])
        covariance_reason = ""

    params, words = rb._free_parameters(Fit())
    assert params == {"correlated": {"names": ["c0"], "mean": [0.3], "covariance": [[1e-6]]}}
    Fit.covariance = np.array([[np.nan]])
    Fit.covariance_reason = "singular: test"
    params, words = rb._free_parameters(Fit())
    assert params["c0"] == {"distribution": "uniform", "low": pytest.approx(0.24), "high": pytest.approx(0.36)}
    assert "singular: test" in words
