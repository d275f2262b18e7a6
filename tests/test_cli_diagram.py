"""`etunnel diagram`: JSON, files, and bad input (exit 2, one line, no partial file)."""

import json

import pytest


@pytest.mark.slow
def test_json_and_netcdf(tmp_path, cli):
    import xarray as xr

    nc = tmp_path / "y.nc"
    code, out, err = cli("diagram", "Y", "--pressure", "0:40GPa:5", "--temperature", "0:300K:4",
                         "--out", str(nc), "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["material"]["B0_prime_origin"] == "assumption B0' = 4"
    assert payload["material"]["parameters"]["B0"] == {"value": 41e9, "unit": "Pa",
                                                       "source": payload["material"]["parameters"]["B0"]["source"]}
    assert sum(payload["state_fractions"].values()) == pytest.approx(1.0)
    ds = xr.open_dataset(nc, engine="scipy")
    assert ds.state.shape == (4, 5) and ds.pressure.attrs["units"] == "Pa"


def test_png(tmp_path, cli):
    png = tmp_path / "hg.png"
    code, _, err = cli("diagram", "Hg", "--pressure", "0:10GPa:4", "--temperature", "0:300K:3", "--out", str(png))
    assert code == 0, err
    assert png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args, message", [
    (["--pressure", "-5:40GPa"], "--pressure"),
    (["--temperature", "-10:300K"], "temperature"),
    (["--pressure", "nan:40GPa"], "--pressure"),
    (["--params", "B0=abc"], "B0"),
    (["--out", "x.txt"], "unsupported file type"),
])
def test_bad_input_exit_2(tmp_path, cli, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("diagram", "Y", "--pressure", "0:40GPa:3", "--temperature", "0:300K:3",
                         "--out", "d.png", *args)
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_missing_material_data(tmp_path, cli):
    code, _, err = cli("diagram", "LaH10", "--out", str(tmp_path / "x.png"))
    assert code == 2 and "--params" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_file(tmp_path, cli, monkeypatch):
    import etunnel.plots.state_diagram as plots

    def boom(*a, **k):
        class Fig:
            def savefig(self, path, **kw):
                with open(path, "w") as fh:
                    fh.write("partial")
                raise ValueError("disk full")
        return Fig()

    monkeypatch.setattr(plots, "plot_state_diagram", boom)
    code, _, err = cli("diagram", "Y", "--pressure", "0:40GPa:3", "--temperature", "0:300K:3",
                       "--out", str(tmp_path / "d.png"))
    assert code == 2 and "disk full" in err
    assert list(tmp_path.iterdir()) == []
