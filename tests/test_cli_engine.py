"""`etunnel engine`: JSON, figure, and bad input (in-process)."""

import json

import pytest


def test_engine_box_json_and_figure(tmp_path, cli):
    png = tmp_path / "engine.png"
    code, out, err = cli("engine", "--medium", "box", "--tau", "1e-12", "--tau", "8e-12", "--json",
                         "--out", str(png))
    assert code == 0, err
    data = json.loads(out)
    assert [r["tau_s"] for r in data["rows"]] == [1e-12, 8e-12]
    slow, fast = data["rows"][1], data["rows"][0]
    assert abs(slow["coherence_work_J"]) < abs(fast["coherence_work_J"])  # friction falls with tau
    for r in data["rows"]:  # the cycle's coherence work is the sum of its two strokes'
        assert abs(r["coherence_work_expansion_J"] + r["coherence_work_compression_J"] - r["coherence_work_J"]) <= \
            1e-12 * abs(r["coherence_work_J"])
    assert data["convergence"]["max_relative_level_change_at_1.5x_basis"] < 1e-4
    for r in data["rows"]:
        assert abs(r["max_first_law_residual_J"]) < 1e-10 * abs(data["levels"]["energies_J"][0][0])
        assert r["efficiency"] is None or r["efficiency"] <= data["carnot_efficiency"]
    assert data["assumptions"]["T_hot"] == "10.0 K"
    assert png.stat().st_size > 10_000
    # no overwrite without --force
    code, _, err = cli("engine", "--medium", "box", "--tau", "1e-12", "--out", str(png))
    assert code == 2 and "exists" in err and "Traceback" not in err


@pytest.mark.parametrize("args, needle", [
    (["--t-hot", "0.01", "--t-cold", "0.1"], "T_cold must be below T_hot"),
    (["--tau", "-1e-9"], "tau"),
    (["--ej", "0"], "E_J"),
    (["--medium", "piston"], "medium"),
    (["--medium", "box", "--barrier-height", "1e-23"], "bound levels"),
    (["--bath", "hot"], "--bath"),
])
def test_engine_bad_input(cli, args, needle):
    code, out, err = cli("engine", *args)
    assert code == 2
    assert err.startswith("etunnel: error:") and needle in err and err.count("\n") == 1
