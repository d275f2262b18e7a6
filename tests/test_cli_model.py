"""The ``etunnel model`` verb (in process), and the real entry points (a few subprocesses)."""

import json
import shutil
import subprocess
import sys

import pytest

import etunnel


def test_json_output_has_every_field_with_units(cli):
    code, out, err = cli("model", "--rv", "149pm", "--rb", "155pm", "--c", "0.1", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["resisting_distance"]["unit"] == "1/m"
    assert data["resisting_distance"]["value"] == pytest.approx(etunnel.resisting_distance(149e-12, 155e-12, 0.1), rel=1e-15)
    assert data["lifting_energy"]["unit"] == "eV"
    assert data["conducting_radius"]["value"] is None  # c = 0.1 is below the infinite-lattice threshold
    assert data["state"] == "insulator"
    assert data["inputs"]["R_v"] == {"value": 1.49e-10, "unit": "m"}


def test_first_term_conductor_and_angstrom_units(cli):
    code, out, _ = cli("model", "--rv", "1.2A", "--rb", "1.55 Å", "--c", "0.5", "--terms", "1", "--json")
    data = json.loads(out)
    assert data["conducting_ratio"]["value"] == pytest.approx(0.6202041028867288, rel=1e-14)
    assert data["state"] == "superconductor"
    assert data["resisting_distance"]["equation"] == "37"


def test_table_output(cli):
    code, out, _ = cli("model", "--rv", "90pm", "--rb", "155pm", "--c", "0.5")
    assert code == 0
    assert "conductor" in out and "lifting energy" in out


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["--rv", "149", "--rb", "155pm"], "--rv"),
        (["--rv", "149pm", "--rb", "155pm", "--c", "1.5"], "c must be in [0, 1]"),
        (["--rv", "160pm", "--rb", "155pm"], "--rv must be in (0, --rb]"),
        (["--rv", "149pm", "--rb", "155pm", "--terms", "0"], "terms must be >= 1"),
        (["--rv", "149pm", "--rb", "-155pm"], "--rb must be > 0"),
        (["--rv", "149furlong", "--rb", "155pm"], "unknown unit"),
        (["--rv", "149pm", "--rb", "155pm", "--c", "nan"], "c must be finite"),
        (["--rv", "149pm"], "Missing option"),
    ],
)
def test_bad_input_exits_2_with_one_line(cli, args, fragment):
    code, _, err = cli("model", *args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_help_teaches(cli):
    code, out, _ = cli("model", "--help")
    assert code == 0
    assert "superconductor" in out and "--terms" in out and "Example: etunnel model" in out


# --- the real entry points: `python -m etunnel` and the installed console script -------------


def _python_m(*args):
    return subprocess.run([sys.executable, "-m", "etunnel", *args], capture_output=True, text=True, timeout=120)


def test_python_m_etunnel_prints_json():
    result = _python_m("model", "--rv", "149pm", "--rb", "155pm", "--c", "0.5", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["state"] in ("conductor", "superconductor")
    assert result.stderr == ""  # no progress bar or warning leaks into a pipe


def test_python_m_etunnel_bad_input_exits_2_without_traceback():
    result = _python_m("model", "--rv", "160pm", "--rb", "155pm")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("etunnel: error: ") and result.stderr.count("\n") == 1


@pytest.mark.skipif(shutil.which("etunnel") is None, reason="the etunnel console script is not installed")
def test_console_script_version():
    result = subprocess.run(["etunnel", "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("etunnel ")
