"""Tests of ``etunnel tc`` and its service: JSON schema, figure writing, refusals, the coupling table."""

from __future__ import annotations

import json
import math

import pytest

from etunnel.services.critical_temperature import carbotte_gap_ratio, coupling_table, mu_star_sweep
from etunnel.standard.spectral_function import parse_modes


def test_modes_json(cli):
    code, out, _ = cli("tc", "--modes", "40meV:0.7,140meV:1.6", "--mu-star", "0.1", "--json")
    assert code == 0
    r = json.loads(out)
    assert r["moments"]["lambda"] == pytest.approx(2.3)
    # Allen-Dynes from the moments, and the ordering strong coupling gives: McMillan < Allen-Dynes < Eliashberg.
    assert r["tc_mcmillan_K"] < r["tc_allen_dynes_K"] < r["eliashberg"]["tc"]
    assert r["eliashberg"]["converged"] is True
    assert r["gap"]["pade"]["ok"] is True
    assert 4.5 < r["gap"]["two_delta_over_kTc"] < 5.5
    assert any("mu* = 0.1" in a for a in r["assumptions"])


def test_spectrum_file_and_figure(tmp_path, cli):
    f = tmp_path / "a2f.csv"
    rows = "\n".join(f"{w},{(w / 20.0) ** 2 if w <= 20 else 0.0}" for w in range(1, 22))
    f.write_text("energy [meV],a2F\n" + rows + "\n", encoding="utf-8")
    png = tmp_path / "tc.png"
    code, out, err = cli("tc", "--spectrum", str(f), "--mu-star", "0.12", "--out", str(png))
    assert code == 0, err
    assert png.stat().st_size > 10_000 and png.read_bytes()[:4] == b"\x89PNG"
    assert "Eliashberg" in out and "converged" in out
    # Refuses to overwrite without --force, and leaves the file alone.
    before = png.read_bytes()
    code, _, err = cli("tc", "--spectrum", str(f), "--out", str(png), "--no-gap")
    assert code == 2 and err.startswith("etunnel: error:") and "--force" in err
    assert png.read_bytes() == before
    code, _, _ = cli("tc", "--spectrum", str(f), "--out", str(png), "--no-gap", "--force")
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "match"),
    [
        (["tc"], "exactly one of"),
        (["tc", "--modes", "40meV:1", "--debye", "20meV:1"], "exactly one of"),
        (["tc", "--modes", "40:1"], "energy unit"),
        (["tc", "--modes", "40meV:1", "--mu-star", "0.8"], "mu_star"),
        (["tc", "--debye", "20meV"], "W_D:LAMBDA"),
        (["tc", "--modes", "40meV:1", "--out", "x.txt"], "unsupported file type"),
        (["tc", "--material", "Unobtainium"], "material must be one of"),
        (["tc", "--modes", "40meV:1", "--cutoff", "1meV"], "cutoff must be >="),
    ],
)
def test_bad_input_exits_2(cli, argv, match):
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert err.startswith("etunnel: error:") and match in err and "Traceback" not in err


def test_material_table_json(cli):
    code, out, _ = cli("tc", "--material", "Ta", "--json")
    assert code == 0
    row = json.loads(out)["rows"][0]
    assert row["tc_measured_K"] == 4.47 and row["mu_star_sourced"] == 0.1
    assert row["tc_allen_dynes_K"] is None and row["tc_eliashberg_K"] is None  # no sourced omega_log: missing
    assert any("omega_log" in m for m in row["missing"])
    lo, hi = row["tc_mcmillan_K"]
    assert 5.9 < lo < hi < 7.7  # McMillan theta_D/1.45 with lambda 0.73, theta_D 240 K, mu* 0.13..0.10
    assert "Wolf" in row["sources"]["coupling"]


def test_coupling_table_hydrides():
    t = coupling_table()
    hydrides = [r for r in t.rows if r.kind == "hydride"]
    assert {r.material for r in hydrides} >= {"H3S", "LaH10", "CaH6", "YH6"}
    for r in hydrides:
        assert r.tc_measured_K is not None and r.sources["tc_measured"]
        assert r.tunnel_model.startswith("no inputs")
        if r.lambda_ep is not None:
            lo, hi = r.omega_log_needed_eliashberg_K
            assert 500 < lo < hi < 2000  # hydrogen-phonon energies, K
    published = {r.material: r.tc_published_theory_K for r in hydrides if r.tc_published_theory_K}
    assert published["H3S"] == [191.0, 204.0]


def test_mu_star_sweep_monotone():
    s = parse_modes("20meV:1.0")
    sweep = mu_star_sweep(s, [0.0, 0.1, 0.2])
    assert sweep.tc_eliashberg_K[0] > sweep.tc_eliashberg_K[1] > sweep.tc_eliashberg_K[2]


def test_carbotte_ratio_limits():
    assert carbotte_gap_ratio(1e-6) == pytest.approx(3.53, rel=1e-8)
    assert carbotte_gap_ratio(0.1) == pytest.approx(3.53 * (1 + 0.125 * math.log(5)))


@pytest.mark.slow
def test_gap_reported_missing_when_matsubara_cap_is_reached():
    import time

    from etunnel.constants import ELECTRONVOLT
    from etunnel.services.critical_temperature import spectrum_critical_temperature

    t0 = time.process_time()  # CPU time: the work done, whatever the machine's load
    r = spectrum_critical_temperature(parse_modes("10meV:1.0"), 0.1, cutoff=2.5 * ELECTRONVOLT)
    assert math.isfinite(r.eliashberg["tc"]) and r.gap is None
    assert any(a.startswith("gap not computed") and "MAX_MATSUBARA" in a for a in r.assumptions)
    assert time.process_time() - t0 < 10


def test_debye_json_moments(cli):
    code, out, _ = cli("tc", "--debye", "20meV:1.0", "--mu-star", "0.1", "--no-gap", "--json")
    assert code == 0
    r = json.loads(out)
    assert r["moments"]["lambda"] == pytest.approx(1.0)
    assert r["moments"]["omega_log_meV"] == pytest.approx(20 * math.exp(-0.5), rel=1e-12)
    assert r["moments"]["omega_2_meV"] == pytest.approx(20 / math.sqrt(2), rel=1e-12)
    assert r["gap"] is None and r["eliashberg"]["tc"] > r["tc_allen_dynes_K"] > r["tc_mcmillan_K"]
