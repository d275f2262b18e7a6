"""The service layer: results serialise themselves, and the CLI's --json is exactly ``to_dict()``."""

from __future__ import annotations

import dataclasses
import json

import pytest

from etunnel.cli import main
from etunnel.services.base import Result, flattened, internal
from etunnel.services.comparison import compare_report
from etunnel.services.element_report import element_report
from etunnel.services.evaluate import evaluate_model
from etunnel.services.material import PARAMETER_RANGES, build_material, check_parameters, describe_material


def _json(capsys, *argv):
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    out, err = capsys.readouterr()
    assert exc.value.code == 0, err
    return json.loads(out)


@dataclasses.dataclass(frozen=True)
class _Probe(Result):
    a: float
    b: dict
    extra: dict = flattened()
    live: object = internal(default=None)


def test_result_base_skips_internal_fields_and_flattens_extra():
    r = _Probe.from_payload({"a": float("nan"), "b": {"x": 1}, "new_key": [1.0, float("inf")]}, live=object())
    assert r.to_dict() == {"a": None, "b": {"x": 1}, "new_key": [1.0, None]}
    assert json.loads(r.to_json()) == r.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.a = 1.0


def test_cli_json_is_the_service_result(capsys):
    assert _json(capsys, "model", "--rv", "120pm", "--rb", "155pm", "--c", "0.5", "--terms", "1", "--json") == \
        evaluate_model(120e-12, 155e-12, 0.5, 1).to_dict()
    assert _json(capsys, "element", "Hg", "--json") == element_report("Hg").to_dict()
    assert _json(capsys, "compare", "Nb", "--json") == compare_report("Nb").to_dict()


def test_evaluate_model_values_and_refusals():
    r = evaluate_model(120e-12, 155e-12, 0.5, 1)
    assert r.conducting_ratio["value"] == pytest.approx(0.6202041028867288, rel=1e-14)  # eq. (39), first term
    assert r.state == "superconductor"
    with pytest.raises(ValueError, match="R_v must be in"):
        evaluate_model(160e-12, 155e-12, 0.5)
    with pytest.raises(TypeError, match="c must be a real number"):
        evaluate_model(120e-12, 155e-12, True)
    with pytest.raises(TypeError, match="R_v"):
        evaluate_model("1e-10", 155e-12, 0.5)


@pytest.mark.parametrize("name, value, fragment", [
    ("c0", 2.0, "c0 must be in [0, 1]"),
    ("n", -1.0, "n must be in [0, 50]"),
    ("B0", 0.0, "B0 must be in (0"),
    ("alpha", float("nan"), "alpha must be in"),
    ("R_v0", 2e-9, "R_v0 must be in (0, 1e-09] m"),
    ("c00", 0.1, "unknown parameter 'c00'"),
])
def test_parameters_checked_against_physical_ranges(name, value, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace("[", r"\[").replace("]", r"\]")):
        check_parameters({name: value})


def test_parameter_ranges_cover_every_parameter_and_contain_fit_bounds():
    from etunnel.conditions.calibration import FIT_BOUNDS
    from etunnel.conditions.submodels import PARAMETERS

    assert set(PARAMETER_RANGES) == set(PARAMETERS)
    for name, (lo, hi, *_rest) in FIT_BOUNDS.items():
        assert PARAMETER_RANGES[name][0] <= lo and hi <= PARAMETER_RANGES[name][1], name
    with pytest.raises(TypeError):
        check_parameters({"c0": "0.1"})
    with pytest.raises(TypeError):
        check_parameters({"c0": True})


def test_material_description_names_sources_and_units():
    d = describe_material(build_material("Y", params={"c0": 0.2})).to_dict()
    assert d["parameters"]["c0"] == {"value": 0.2, "unit": "1", "source": "user (--params)"}
    assert d["parameters"]["B0"]["unit"] == "Pa" and d["B0_prime_origin"] == "assumption B0' = 4"
