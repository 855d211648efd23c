"""The loader builds values from parser events in one pass (no composed nodes).

It must report what a parse, then PyYAML's composer, then a conversion of the composed nodes
reported, in that order of precedence, although all three now happen in the same pass.
"""

from __future__ import annotations

import pytest
import yaml

from roadmap_site.loader import DEFAULT_LIMITS, Limits, load_file


def load(tmp_path, text: str, limits: Limits = DEFAULT_LIMITS):
    path = tmp_path / "f.yml"
    path.write_text(text, encoding="utf-8")
    return load_file(path, limits)


def errors(tmp_path, text: str, limits: Limits = DEFAULT_LIMITS) -> list[tuple[int, int, str]]:
    doc, diagnostics = load(tmp_path, text, limits)
    return [(d.line, d.column, d.message) for d in diagnostics if d.severity == "error"]


@pytest.mark.parametrize("text", [
    "a: 1\nb: [1, {c: d, e: [f, g]}]\nh: {}\ni: []\n",
    "- x\n- - y\n  - z\n- k: v\n  l:\n    - 1\n    - 2.5\n",
    "a: 'q'\nb: \"d\"\nc: |\n  lit\nd: >-\n  fold\n  ed\ne: ~\nf: yes\ng: 0x1F\nh: 2001-12-14\n",
    "--- 1\n...\n",
    "just text\n",
])
def test_values_and_types_are_those_of_pyyaml(tmp_path, text):
    doc, diagnostics = load(tmp_path, text)
    assert diagnostics == []
    expected = yaml.safe_load(text)
    if isinstance(expected, dict) and "h" in expected and not isinstance(expected["h"], dict):
        expected["h"] = "2001-12-14"  # dates stay as written
    assert doc.data == expected


def test_every_value_and_key_has_its_position(tmp_path):
    doc, _ = load(tmp_path, "a:\n  - b: 1\n    c: [x, y]\n")
    assert doc.positions == {(): (1, 1), ("a",): (2, 3), ("a", 0): (2, 5), ("a", 0, "b"): (2, 8),
                             ("a", 0, "c"): (3, 8), ("a", 0, "c", 0): (3, 9), ("a", 0, "c", 1): (3, 12)}
    assert doc.key_positions == {("a",): (1, 1), ("a", 0, "b"): (2, 5), ("a", 0, "c"): (3, 5)}


def test_a_repeated_key_keeps_the_first_value_and_its_positions(tmp_path):
    doc, diagnostics = load(tmp_path, "a: 1\nb: [2]\na: {x: 3}\nc: 4\n")
    assert doc.data == {"a": 1, "b": [2], "c": 4}
    assert ("a", "x") not in doc.positions and doc.position(("c",)) == (4, 4)
    assert [(d.line, d.column) for d in diagnostics] == [(3, 1)]


def test_a_syntax_error_later_in_the_file_wins_over_a_conversion_problem(tmp_path):
    assert errors(tmp_path, "a: !!foo x\nb: [\n")[0][2].startswith("YAML syntax error")


def test_limits_anywhere_win_over_composer_and_conversion_problems(tmp_path):
    text = "a: !!foo x\nb: &k 1\nc: &k 2\nd: [1, 2, 3, 4, 5, 6]\n"
    assert "values" in errors(tmp_path, text, Limits(max_nodes=6))[0][2]


def test_a_repeated_anchor_wins_over_an_earlier_conversion_problem(tmp_path):
    (line, column, message), = errors(tmp_path, "a: !!foo x\nb: &k 1\nc: &k 2\n")
    assert (line, column) == (3, 4) and "duplicate anchor" in message


def test_a_second_document_is_a_syntax_error_even_after_a_conversion_problem(tmp_path):
    (line, column, message), = errors(tmp_path, "a: !!foo x\n---\nb: 1\n")
    assert (line, column) == (2, 1) and "single document" in message


def test_a_conversion_problem_comes_with_the_repeated_keys_before_it_only(tmp_path):
    found = errors(tmp_path, "a: 1\na: 2\nb: !!foo x\nc: 1\nc: 2\n")
    assert [(line, column) for line, column, _ in found] == [(2, 1), (3, 4)]
    assert "appears twice" in found[0][2] and "unsupported YAML tag" in found[1][2]


def test_a_merge_key_is_refused_even_without_an_alias(tmp_path):
    assert "keys must be plain words" in errors(tmp_path, "<<: {a: 1}\n")[0][2]
    assert errors(tmp_path, "'<<': 1\n") == []  # quoted: an ordinary key


@pytest.mark.parametrize("value", ["!!bool maybe", "!!int x", "!!float 1x", "!!float ''", "!!null x"])
def test_a_value_its_tag_cannot_convert_stays_text(tmp_path, value):
    """No traceback: "!!bool maybe" raised a KeyError from PyYAML's constructor before."""
    doc, diagnostics = load(tmp_path, f"a: {value}\n")
    assert diagnostics == [] and doc.data["a"] in (value.split(" ", 1)[1].strip("'"), None)


def test_values_after_a_refusal_still_count_towards_the_limits(tmp_path):
    text = "a: !!foo x\nb: [1, 2, 3, 4, 5, 6, 7, 8]\n"
    assert "unsupported" in errors(tmp_path, text)[0][2]
    assert "values" in errors(tmp_path, text, Limits(max_nodes=5))[0][2]
