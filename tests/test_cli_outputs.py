"""Output files: --force to overwrite, the user's file mode, nothing partial after an error or Ctrl-C;
--version; progress never on standard output; compare on compounds and radius labels."""

from __future__ import annotations

import json
import os

import pytest

from etunnel.checks import InputError
from etunnel.outputs import atomic_directory, atomic_file, check_output_file

GRID = ["--pressure", "0:40GPa:3", "--temperature", "0:300K:3"]


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield 0o027
    os.umask(old)


def test_overwrite_needs_force_and_files_get_the_normal_mode(tmp_path, cli, umask_027):
    png = tmp_path / "y.png"
    code, _, err = cli("diagram", "Y", *GRID, "--out", str(png))
    assert code == 0, err
    assert os.stat(png).st_mode & 0o777 == 0o666 & ~umask_027  # 0o640, not mkstemp's 0o600
    first = png.read_bytes()
    code, _, err = cli("diagram", "Y", *GRID, "--out", str(png))
    assert code == 2 and "pass --force" in err and png.read_bytes() == first
    code, _, err = cli("diagram", "Y", *GRID, "--out", str(png), "--force", "--c-model", "linear")
    assert code == 0, err
    assert png.read_bytes() != first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["y.png"]


def test_ctrl_c_while_writing_leaves_no_file(tmp_path, cli, monkeypatch):
    import etunnel.plots.state_diagram as plots

    class Fig:
        def savefig(self, path, **kw):
            with open(path, "w") as fh:
                fh.write("partial")
            raise KeyboardInterrupt

    monkeypatch.setattr(plots, "plot_state_diagram", lambda *a, **k: Fig())
    code, out, err = cli("diagram", "Y", *GRID, "--out", str(tmp_path / "d.png"))
    assert code == 130 and err.count("\n") == 1 and "interrupted" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_interrupted_report_leaves_no_folder(tmp_path, cli, monkeypatch):
    import etunnel.report.build as build

    def half_a_report(out, step=None):
        (out / "report.md").write_text("half")
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "build_report", half_a_report)
    code, _, err = cli("reproduce", "--out", str(tmp_path / "report"))
    assert code == 130 and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_atomic_directory_new_empty_and_forced(tmp_path, umask_027):
    target = tmp_path / "r"
    with atomic_directory(target) as temp:
        (temp / "figures").mkdir()
        (temp / "figures" / "a.png").write_bytes(b"1")
        (temp / "report.md").write_text("one")
    assert (target / "report.md").read_text() == "one"
    assert os.stat(target).st_mode & 0o777 == 0o777 & ~umask_027
    assert os.stat(target / "figures" / "a.png").st_mode & 0o777 == 0o666 & ~umask_027
    (target / "mine.txt").write_text("user's")
    with pytest.raises(InputError, match="not empty; pass --force"):
        with atomic_directory(target):
            pass
    with atomic_directory(target, force=True) as temp:
        (temp / "report.md").write_text("two")
    assert (target / "report.md").read_text() == "two"
    assert (target / "mine.txt").read_text() == "user's"  # --force replaces our files only
    assert (target / "figures" / "a.png").read_bytes() == b"1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no temporary folder left
    empty = tmp_path / "empty"
    empty.mkdir()
    with atomic_directory(empty) as temp:
        (temp / "x").write_text("x")
    assert (empty / "x").read_text() == "x"


def test_atomic_file_error_leaves_old_content(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_file(path, force=True) as temp:
            temp.write_text("new, half")
            raise RuntimeError("disk full")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


@pytest.mark.parametrize("path, fragment", [
    ("", "empty path"),
    ("nofolder/x.png", "does not exist"),
    ("/proc/x.png", "'/proc/x.png'"),
    (".", "existing folder"),
])
def test_output_path_errors_name_the_path(path, fragment):
    with pytest.raises(InputError, match=fragment):
        check_output_file(path)


def test_version(cli):
    from etunnel import __version__

    code, out, err = cli("--version")
    assert code == 0 and out == f"etunnel {__version__}\n" and err == ""


def test_progress_only_on_a_terminal_stderr():
    from etunnel.cli.common import progress_bar

    with progress_bar("work") as progress:  # pytest's stderr is not a terminal
        assert progress is None
    with progress_bar("work", enabled=False) as progress:
        assert progress is None


def test_text_width_follows_columns_and_is_wide_in_pipes(monkeypatch):
    from etunnel.cli.common import PIPE_WIDTH, _LazyConsole

    monkeypatch.delenv("COLUMNS", raising=False)
    assert _LazyConsole().width == PIPE_WIDTH
    monkeypatch.setenv("COLUMNS", "200")
    assert _LazyConsole().width == 200


def test_text_output_is_not_cut(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    import etunnel.cli.common as common

    monkeypatch.setattr(common, "console", common._LazyConsole())
    monkeypatch.setattr("etunnel.cli.diagram.print_table", common.print_table)
    code, out, err = cli("diagram", "Y", *GRID)
    assert code == 0, err
    assert "assumption: beta = 0, R_v independent of temperature (the paper gives only the direction)" in out


def test_compare_compound_with_tc_pressure_data(cli):
    code, out, err = cli("compare", "H3S", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["tunnel_model"]["evaluated"] is False
    assert [p["tc"]["value"] for p in report["tc_pressure"]] == [203.0, 203.0]
    gap = report["tc_pressure"][0]["gap_bcs"]["value"]  # 1.764 k_B (203 K) in meV
    assert gap == pytest.approx(1.7638769 * 1.380649e-23 * 203 / 1.602176634e-22, rel=1e-6)
    assert "compound" in report["missing"]
    assert report["standard"]["tc_mcmillan"]["value"] is None
    assert report["measured"]["tc"]["value"] is None and report["measured"]["tc"]["missing"] is True


@pytest.mark.parametrize("name, points", [("LaH10", 5), ("MgB2", 0), ("Y", 7)])
def test_compare_accepts_materials_without_an_ambient_record(cli, name, points):
    code, out, err = cli("compare", name, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert len(report["tc_pressure"]) == points
    assert report["missing"]
    if points == 0:
        assert "no T_c(p) points" in report["missing"]
    code, out, err = cli("compare", name)
    assert code == 0 and "missing inputs" in out


@pytest.mark.parametrize("symbol, kind", [("Al", "empirical atomic"), ("Nb", "van der Waals"), ("Ca", "empirical atomic")])
def test_compare_labels_radii_by_their_real_convention(cli, symbol, kind):
    code, out, err = cli("compare", symbol, "--json")
    assert code == 0, err
    tm = json.loads(out)["tunnel_model"]
    assert tm["R_b"]["kind"] == kind and tm["R_v"]["kind"] == "covalent"
    assert f"R_b = {kind} radius" in tm["R_b"]["convention"]
    code, out, _ = cli("compare", symbol)
    assert f"R_b ({kind} radius)" in out


def test_etunnel_alone_prints_the_help(cli):
    code, out, err = cli()
    assert code == 2 and err == ""
    assert out.startswith("Usage: etunnel") and "validate" in out and "--version" in out
