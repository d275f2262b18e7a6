"""The ``etunnel model`` verb."""

import json
import subprocess
import sys

import pytest

import etunnel


def run(*args):
    return subprocess.run([sys.executable, "-m", "etunnel", *args], capture_output=True, text=True, timeout=120)


def test_json_output_has_every_field_with_units():
    result = run("model", "--rv", "149pm", "--rb", "155pm", "--c", "0.1", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["resisting_distance"]["unit"] == "1/m"
    assert data["resisting_distance"]["value"] == pytest.approx(etunnel.resisting_distance(149e-12, 155e-12, 0.1), rel=1e-15)
    assert data["lifting_energy"]["unit"] == "eV"
    assert data["conducting_radius"]["value"] is None  # c = 0.1 is below the infinite-lattice threshold
    assert data["state"] == "insulator"
    assert data["inputs"]["R_v"] == {"value": 1.49e-10, "unit": "m"}


def test_first_term_conductor_and_angstrom_units():
    result = run("model", "--rv", "1.2A", "--rb", "1.55 Å", "--c", "0.5", "--terms", "1", "--json")
    data = json.loads(result.stdout)
    assert data["conducting_ratio"]["value"] == pytest.approx(0.6202041028867288, rel=1e-14)
    assert data["state"] == "superconductor"
    assert data["resisting_distance"]["equation"] == "37"


def test_table_output():
    result = run("model", "--rv", "90pm", "--rb", "155pm", "--c", "0.5")
    assert result.returncode == 0
    assert "conductor" in result.stdout and "lifting energy" in result.stdout


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
def test_bad_input_exits_2_with_one_line(args, fragment):
    result = run("model", *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_help_teaches():
    result = run("model", "--help")
    assert result.returncode == 0
    assert "superconductor" in result.stdout and "--terms" in result.stdout
