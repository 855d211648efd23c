from pathlib import Path

import pytest

from roadmap_site.loader import DEFAULT_LIMITS, Limits, load_file


def load(tmp_path: Path, content: bytes | str, limits: Limits = DEFAULT_LIMITS):
    path = tmp_path / "f.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return load_file(path, limits)


def test_positions_of_keys_and_values(tmp_path):
    doc, diags = load(tmp_path, "id: x\ntopics:\n  - id: a\n    title: A\n")
    assert diags == []
    assert doc.data == {"id": "x", "topics": [{"id": "a", "title": "A"}]}
    assert doc.position(("topics", 0, "title")) == (4, 12)
    assert doc.key_position(("topics", 0, "title")) == (4, 5)
    assert doc.position(("topics", 0, "missing")) == (3, 5)  # nearest ancestor


def test_scalars_keep_yaml_types_but_keys_stay_text(tmp_path):
    doc, _ = load(tmp_path, "on: yes\nhours: 2.5\nn: 3\nempty:\n")
    assert doc.data == {"on": True, "hours": 2.5, "n": 3, "empty": None}


def test_repeated_key_is_an_error_at_the_second(tmp_path):
    doc, diags = load(tmp_path, "id: a\ntitle: A\nid: b\n")
    assert [(d.line, d.column, d.severity) for d in diags] == [(3, 1, "error")]
    assert "'id' appears twice" in diags[0].message and "line 1" in diags[0].message


@pytest.mark.parametrize("content, line, col, words", [
    (b"", 1, 1, "empty"),
    (b"# only a comment\n", 1, 1, "empty"),
    (b"id: a\ntitle: \xff\xfe\n", 2, 8, "not valid UTF-8"),
    ("id: a\ntitle: [unclosed\n", 3, 1, "YAML syntax error"),
    ("id: a\n\ttitle: b\n", 2, 1, "YAML syntax error"),
    ("id: a\ntitle: b\x07\n", 2, 9, "control character"),
    ("a: &x [1]\nb: *x\n", 2, 4, "aliases"),
    ("a: !!python/object:os.system x\n", 1, 4, "unsupported YAML tag"),
    ("--- a\n--- b\n", 2, 1, "YAML syntax error"),
])
def test_bad_files_become_positioned_diagnostics(tmp_path, content, line, col, words):
    doc, diags = load(tmp_path, content)
    assert doc is None
    errors = [d for d in diags if d.severity == "error"]
    assert len(errors) == 1, diags
    assert (errors[0].line, errors[0].column) == (line, col), errors[0]
    assert words in errors[0].message
    assert errors[0].hint


def test_bom_is_a_warning_and_the_file_still_loads(tmp_path):
    doc, diags = load(tmp_path, b"\xef\xbb\xbfid: a\n")
    assert doc.data == {"id": "a"}
    assert [d.severity for d in diags] == ["warning"] and "byte-order mark" in diags[0].message


def test_billion_laughs_is_refused_quickly(tmp_path):
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    doc, diags = load(tmp_path, lol)
    assert doc is None and "aliases" in diags[0].message


def test_limits(tmp_path):
    deep = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 40))
    assert "nested" in load(tmp_path, deep)[1][0].message
    assert "limit" in load(tmp_path, "a: " + "x" * 50, Limits(max_string_chars=10))[1][0].message
    assert "bytes" in load(tmp_path, "a: b\n" * 100, Limits(max_file_bytes=100))[1][0].message
    assert "values" in load(tmp_path, "[" + "1, " * 50 + "1]", Limits(max_nodes=20))[1][0].message
