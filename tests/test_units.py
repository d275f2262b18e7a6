"""Unit parsing at the CLI and web edges."""

import pytest

from etunnel.units import parse_length, parse_pressure, parse_range, parse_temperature


@pytest.mark.parametrize(
    "text,expected",
    [("149pm", 149e-12), ("1.49 Å", 1.49e-10), ("1.49A", 1.49e-10), ("0.149nm", 1.49e-10), ("1.49e-10m", 1.49e-10)],
)
def test_lengths(text, expected):
    assert parse_length("--rv", text) == pytest.approx(expected, rel=1e-15)


def test_pressure_and_temperature():
    assert parse_pressure("p", "25GPa") == 25e9
    assert parse_pressure("p", "3 kbar") == pytest.approx(3e8)
    assert parse_temperature("T", "4.2K") == 4.2


def test_ranges():
    assert parse_range("p", "0:40GPa", parse_pressure) == (0.0, 40e9, 41)
    assert parse_range("T", "0K:300K:61", parse_temperature) == (0.0, 300.0, 61)


@pytest.mark.parametrize("text,match", [("149", "has no unit"), ("149 xx", "unknown unit"), ("pm", "cannot read"), ("1e999pm", "finite")])
def test_bad_lengths_name_the_parameter(text, match):
    with pytest.raises(ValueError, match=f"--rv.*{match}|--rv must be {match}"):
        parse_length("--rv", text)


@pytest.mark.parametrize("text", ["40GPa", "10:5GPa", "0:40GPa:1", "0:40GPa:x"])
def test_bad_ranges(text):
    with pytest.raises(ValueError, match="--pressure"):
        parse_range("--pressure", text, parse_pressure)
