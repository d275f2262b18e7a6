"""Every verb, at least ten bad inputs each: exit status 2, exactly one line on stderr, no traceback.

The inputs are refused before any work (so the whole table runs in seconds) and no file is
left behind. Paths are relative to a scratch folder holding: exists.png (a file), adir/ (an
empty folder), full/ (a folder with a file), tc.csv (a small T_c(p) table) and bad.toml.
"""

from __future__ import annotations

import pytest

from etunnel.cli import main

RV = ["--rv", "149pm", "--rb", "155pm"]
GRID = ["--pressure", "0:40GPa:3", "--temperature", "0:300K:3"]
TC_CSV = "material,pressure_GPa,tc_K\nY,11,1.2\nY,30,3.5\nY,115,19.5\n"
SUPERCON = "name,Tc\nMgB2,39\nNb,9.25\n"
SWEEP_SPEC = """seed = 1
[axes]
materials = ["Pb"]
conventions = ["paper"]
temperature = { start = 0.0, stop = 300.0, num = 3 }
pressure = { start = 0.0, stop = 10.0, num = 3, unit = "GPa" }
[samples]
count = 1
"""

BAD = {
    "model": [
        (["--rv", "149", "--rb", "155pm"], "--rv"),
        ([*RV, "--c", "1.5"], "c must be in [0, 1]"),
        (["--rv", "160pm", "--rb", "155pm"], "--rv must be in (0, --rb]"),
        ([*RV, "--terms", "0"], "terms must be >= 1"),
        (["--rv", "149pm", "--rb", "-155pm"], "--rb must be > 0"),
        (["--rv", "149furlong", "--rb", "155pm"], "unknown unit"),
        ([*RV, "--c", "nan"], "c must be finite"),
        ([*RV, "--c", "inf"], "c must be finite"),
        (["--rv", "149pm"], "Missing option"),
        ([*RV, "--terms", "many"], "terms"),
        (["--rv", "", "--rb", "155pm"], "--rv"),
        (["--rv", "0pm", "--rb", "155pm"], "--rv"),
        ([*RV, "--bogus"], "No such option"),
        ([*RV, "--c", "abc"], "--c"),
    ],
    "element": [
        (["Xx"], "unknown element symbol"),
        (["Hg", "--rv-convention", "ionic"], "unknown valence radius convention"),
        (["Hg", "--rb-convention", "hard_sphere"], "unknown border radius convention"),
        (["Hg", "--c", "2"], "c must be in"),
        (["Hg", "--c", "-0.1"], "c must be in"),
        (["Hg", "--c", "nan"], "c must be finite"),
        (["Hg", "--terms", "0"], "terms must be >= 1"),
        (["Hg", "--overrides", "missing.toml"], "not found"),
        (["Hg", "--overrides", ""], "--overrides: empty"),
        (["Hg", "--overrides", "adir"], "is a folder"),
        (["Hg", "--overrides", "bad.toml"], ""),
        ([], "Missing argument"),
    ],
    "compare": [
        (["Xx"], "symbol must be"),
        (["123"], "symbol must be"),
        ([""], "symbol must be"),
        (["Nb", "--c", "2"], "c must be in [0, 1]"),
        (["H3S", "--c", "2"], "c must be in [0, 1]"),
        (["Nb", "--c", "nan"], "c must be finite"),
        (["Nb", "--mu-star", "-1"], "mu_star must be in [0, 0.5]"),
        (["Nb", "--mu-star", "0.9"], "mu_star must be in [0, 0.5]"),
        (["Nb", "--mu-star", "abc"], "--mu-star"),
        (["Nb", "--c", "abc"], "--c"),
        ([], "Missing argument"),
        (["Nb", "--bogus"], "No such option"),
    ],
    "diagram": [
        (["Y", *GRID, "--pressure", "-5:40GPa"], "--pressure"),
        (["Y", "--temperature", "-10:300K"], "temperature"),
        (["Y", "--pressure", "nan:40GPa"], "--pressure"),
        (["Y", "--pressure", "0:40GPa:100000"], "number of points must be an integer in [2, 1001]"),
        (["Y", *GRID, "--params", "B0=abc"], "B0"),
        (["Y", *GRID, "--params", "c0=2"], "c0 must be in [0, 1]"),
        (["Y", *GRID, "--params", "n=-1"], "n must be in [0, 50]"),
        (["Y", *GRID, "--out", "x.txt"], "unsupported file type"),
        (["Y", *GRID, "--out", ""], "--out: empty path"),
        (["Y", *GRID, "--out", "nofolder/x.png"], "'nofolder' does not exist"),
        (["Y", *GRID, "--out", "adir"], "is an existing folder"),
        (["Y", *GRID, "--out", "exists.png"], "pass --force"),
        (["Y", *GRID, "--out", "/proc/x.png"], "'/proc/x.png'"),
        (["Y", *GRID, "--c-model", "cubic"], "unknown c model"),
        (["Y", *GRID, "--data", "tc.csv"], "--data"),
        (["Y", *GRID, "--fit", "--data", "missing.csv"], "not found"),
        (["LaH10", *GRID], "--params"),
    ],
    "fit": [
        (["Y", "--data", "tc.csv", "--vary", "n,n"], "named twice"),
        (["Y", "--data", "tc.csv", "--vary", "k"], "not a parameter of c-model"),
        (["Y", "--data", "tc.csv", "--vary", "zz"], "cannot fit 'zz'"),
        (["Y", "--data", "tc.csv", "--vary", ""], "--vary"),
        (["Y", "--data", "tc.csv", "--vary", "n,"], "--vary"),
        (["Y", "--data", "tc.csv", "--params", "c0=2"], "c0 must be in [0, 1]"),
        (["Y", "--data", "tc.csv", "--params", "n=-1"], "n must be in [0, 50]"),
        (["Y", "--data", "tc.csv", "--params", "n=1,n=2"], "given twice"),
        (["Y", "--data", "tc.csv", "--params", "zz=1"], "unknown parameter 'zz'"),
        (["Y", "--data", "missing.csv"], "not found"),
        (["Y", "--data", ""], "--data: empty"),
        (["Y", "--data", "tc.csv", "--out", "/proc/x.png"], "'/proc/x.png'"),
        (["Y", "--data", "tc.csv", "--out", "exists.png"], "pass --force"),
        (["Y", "--data", "tc.csv", "--predict", "-1:10GPa"], "--predict"),
        (["Y", "--data", "tc.csv", "--predict", "0:10GPa:1"], "--predict"),
        (["Nb", "--data", "tc.csv"], "no T_c(p) rows for 'Nb'"),
    ],
    "reproduce": [
        (["--out", "/proc/x"], "'/proc/x'"),
        (["--out", "/proc/x", "--force"], "'/proc/x'"),
        (["--out", ""], "--out: empty path"),
        (["--out", "nofolder/sub"], "'nofolder' does not exist"),
        (["--out", "nofolder/sub", "--force"], "'nofolder' does not exist"),
        (["--out", "full"], "pass --force"),
        (["--out", "full", "--json"], "pass --force"),
        (["--out", "exists.png"], "is not a folder"),
        (["--out", "exists.png", "--force"], "is not a folder"),
        ([], "Missing option"),
        (["--out", "r", "--bogus"], "No such option"),
    ],
    "validate": [
        (["--supercon", "missing.csv", "--out", "o"], "--supercon: file 'missing.csv' not found"),
        (["--supercon", "", "--out", "o"], "--supercon: empty"),
        (["--supercon", "adir", "--out", "o"], "is a folder"),
        (["--supercon", "sc.csv", "--out", "o", "--tc-pressure", "missing.csv"], "--tc-pressure: file"),
        (["--supercon", "sc.csv", "--out", "o", "--bootstrap", "-1"], "--bootstrap"),
        (["--supercon", "sc.csv", "--out", "o", "--bootstrap", "abc"], "--bootstrap"),
        (["--supercon", "sc.csv", "--out", "o", "--bootstrap", "10000000"], "--bootstrap"),
        (["--supercon", "sc.csv", "--out", "o", "--seed", "-1"], "--seed"),
        (["--supercon", "sc.csv", "--out", "o", "--robustness-draws", "-1"], "--robustness-draws"),
        (["--supercon", "sc.csv", "--out", "o", "--robustness-draws", "2001"], "--robustness-draws"),
        (["--supercon", "sc.csv", "--out", "o", "--robustness-draws", "abc"], "--robustness-draws"),
        (["--supercon", "sc.csv", "--out", "o", "--robustness-draws", "1.5"], "--robustness-draws"),
        (["--supercon", "sc.csv", "--out", "o", "--jobs", "0"], "--jobs"),
        (["--supercon", "sc.csv", "--out", "o", "--jobs", "9"], "--jobs"),
        (["--supercon", "sc.csv", "--out", "o", "--jobs", "-1"], "--jobs"),
        (["--supercon", "sc.csv", "--out", "o", "--jobs", "two"], "--jobs"),
        (["--supercon", "sc.csv", "--out", "o", "--jobs", "1.5"], "--jobs"),
        (["--supercon", "sc.csv", "--out", "/proc/x"], "'/proc/x'"),
        (["--supercon", "sc.csv", "--out", "full"], "pass --force"),
        (["--supercon", "sc.csv", "--out", ""], "--out: empty path"),
        (["--supercon", "sc.csv"], "Missing option"),
    ],
    "tc": [
        (["--modes", "40meV:-0.7"], "lambda_i must be > 0"),
        (["--modes", "abc"], "ENERGY:LAMBDA"),
        ([], "give exactly one of"),
        (["--modes", "40meV:0.7", "--debye", "20meV:1"], "give exactly one of"),
        (["--modes", "40meV:0.7", "--mu-star", "0.9"], "mu_star must be in [0, 0.5]"),
        (["--modes", "40meV:0.7", "--mu-star", "nan"], "mu_star must be finite"),
        (["--material", "Xx"], "material must be one of"),
        (["--spectrum", "missing.csv"], "missing.csv"),
        (["--debye", "20meV"], "--debye must be W_D:LAMBDA"),
        (["--modes", "40meV:0.7", "--cutoff", "-1"], "--cutoff"),
        (["--modes", "0meV:0.7"], "mode energy must be > 0"),
        (["--modes", "4000meV:0.7"], "check the energy unit"),
        (["--modes", "40meV:0.7", "--out", "/proc/x.png"], "'/proc/x.png'"),
        (["--modes", "40meV:0.7", "--out", "exists.png"], "pass --force"),
        (["--modes", "40meV:0.7", "--out", "x.txt"], "unsupported file type"),
        (["--modes", "40meV:0.7", "--out", "adir"], "existing folder"),
    ],
    "engine": [
        (["--medium", "foo"], "medium must be 'box' or 'flux-qubit'"),
        (["--tau", "-1"], "tau must be in (0, inf) s"),
        (["--tau", "abc"], "--tau"),
        (["--t-hot", "0.01", "--t-cold", "0.1"], "T_cold must be below T_hot"),
        (["--t-hot", "-1"], "T_hot must be in"),
        (["--t-cold", "nan"], "T_cold must be finite"),
        (["--levels", "1"], "n_levels must be an integer in [2, 24]"),
        (["--levels", "100"], "n_levels must be an integer in [2, 24]"),
        (["--bath", "foo"], "--bath must be"),
        (["--protocol", "foo"], "protocol must be one of"),
        (["--medium", "box", "--ej", "1e9"], "--ej/--ec/--el apply to --medium flux-qubit only"),
        (["--ej", "-1"], "E_J must be in"),
        (["--out", "/proc/x.png"], "'/proc/x.png'"),
        (["--out", "exists.png"], "pass --force"),
        (["--out", "x.txt"], "unsupported file type"),
        (["--out", "adir"], "existing folder"),
    ],
    "fridge": [
        (["--t-start", "-1"], "T_start must be a temperature in (0, 4.47) K"),
        (["--t-start", "nan"], "T_start must be a temperature"),
        (["--t-start", "20"], "T_start must be a temperature"),
        (["--t-start", "abc"], "--t-start"),
        (["--t-low", "0.5"], "T_low must lie between"),
        (["--area", "0"], "area must be a positive finite number"),
        (["--cu-volume", "-1"], "cu_volume must be a positive finite number"),
        (["--thickness", "0"], "ta_thickness must be a positive finite number"),
        (["--resistance", "-1"], "specific_resistance must be a positive finite number"),
        (["--points", "1"], "n_curve must be an integer in [2, 200]"),
        (["--points", "1000"], "n_curve must be an integer in [2, 200]"),
        (["--out", "/proc/x.png"], "'/proc/x.png'"),
        (["--out", "exists.png"], "pass --force"),
        (["--out", "x.txt"], "unsupported file type"),
        (["--out", "adir"], "existing folder"),
    ],
    "sweep": [
        ([], "missing spec"),
        (["missing.toml", "--out", "s.zarr"], "'missing.toml' not found"),
        (["bad.toml", "--out", "s.zarr"], "not valid TOML"),
        (["spec.toml"], "--out is required"),
        (["spec.toml", "--out", "full"], "not an etunnel sweep store"),
        (["spec.toml", "--out", ""], "--out: empty path"),
        (["spec.toml", "--out", "nodir/s.zarr"], "folder 'nodir' does not exist"),
        (["spec.toml", "--out", "/proc/s.zarr"], "folder '/proc' is not writable"),
        (["spec.toml", "--out", "s.zarr", "--scheduler", "bogus"], "--scheduler must be an address"),
        (["--summary", "missing.zarr"], "'missing.zarr' not found"),
        (["--summary", "adir"], "not an etunnel sweep store"),
        (["spec.toml", "--summary", "adir"], "not both"),
        (["--summary", "adir", "--out", "x.txt"], "unsupported file type"),
        (["--summary", "adir", "--scheduler", "tcp://127.0.0.1:1"], "apply to a run"),
    ],
    "screen": [
        (["LaH10"], "--supercon"),
        (["LaH10", "--supercon", "missing.csv"], "'missing.csv' does not exist"),
        (["Xx2O", "--supercon", "sc.csv"], "unknown element symbols"),
        (["La0H2", "--supercon", "sc.csv"], "amounts must be > 0"),
        (["LaH-1", "--supercon", "sc.csv"], "cannot parse chemical formula"),
        (["", "--supercon", "sc.csv"], "empty chemical formula"),
        (["LaH10", "--supercon", "sc.csv", "--out", "x.txt"], "unsupported file type"),
        (["LaH10", "--supercon", "sc.csv", "--out", ""], "empty path"),
        (["LaH10", "--supercon", "sc.csv", "--out", "/proc/x.csv"], "'/proc/x.csv'"),
        (["--evaluate", "--supercon", "sc.csv"], "needs --out DIR"),
        (["--evaluate", "--supercon", "sc.csv", "--out", "full"], "pass --force"),
        (["--evaluate", "--supercon", "sc.csv", "--out", "o", "--seeds", "0"], "must be in [1, 20]"),
        (["--file", "missing.csv", "--supercon", "sc.csv"], "'missing.csv' does not exist"),
        (["LaH10", "--supercon", "sc.csv", "--evaluate"], "--evaluate takes no candidates"),
    ],
    "serve": [
        (["--port", "70000"], "--port must be in [0, 65535]"),
        (["--port", "-1"], "--port must be in [0, 65535]"),
        (["--port", "abc"], "--port"),
        (["--host", ""], "--host must be"),
        (["--host", "local host"], "--host must be"),
        (["--bootstrap", "-1"], "--bootstrap must be in [0, 10000]"),
        (["--bootstrap", "20000"], "--bootstrap must be in [0, 10000]"),
        (["--supercon", "missing.csv"], "not found"),
        (["--supercon", "adir"], "is a folder"),
        (["--supercon", ""], "--supercon: empty path"),
        (["--store", "missing.zarr"], "--store: 'missing.zarr' not found"),
        (["--store", "adir"], "is not an etunnel sweep store"),
        (["--store", ""], "--store: empty path"),
        (["--bogus"], "No such option"),
        (["extra"], "unexpected extra argument"),
    ],
}

FIXTURES = {"exists.png", "adir", "full", "tc.csv", "bad.toml", "sc.csv", "spec.toml"}


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    (tmp_path / "exists.png").write_bytes(b"user's file")
    (tmp_path / "adir").mkdir()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("user's file")
    (tmp_path / "tc.csv").write_text(TC_CSV)
    (tmp_path / "bad.toml").write_text("[Hg\nvalue = ")
    (tmp_path / "sc.csv").write_text(SUPERCON)
    (tmp_path / "spec.toml").write_text(SWEEP_SPEC)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_verb_has_at_least_ten_bad_inputs():
    from etunnel.cli import _register, app

    _register()
    verbs = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert verbs <= set(BAD), verbs - set(BAD)
    assert all(len(cases) >= 10 for cases in BAD.values())


@pytest.mark.parametrize("verb, args, fragment",
                         [(v, a, f) for v, cases in BAD.items() for a, f in cases],
                         ids=[f"{v}-{i}" for v, cases in BAD.items() for i in range(len(cases))])
def test_bad_input_exits_2_with_one_line(scratch, capsys, verb, args, fragment):
    with pytest.raises(SystemExit) as exc:
        main([verb, *args])
    out, err = capsys.readouterr()
    assert exc.value.code == 2, (out, err)
    assert err.startswith("etunnel: error: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert fragment in err
    assert "Traceback" not in err and "Traceback" not in out
    assert {p.name for p in scratch.iterdir()} == FIXTURES  # nothing written, not even a temporary file
    assert (scratch / "exists.png").read_bytes() == b"user's file"
    assert [p.name for p in (scratch / "full").iterdir()] == ["keep.txt"]
