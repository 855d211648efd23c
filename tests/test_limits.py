"""Hostile files are refused with a positioned diagnostic, and refusing them costs little memory.

Each case replaces a phase file of the good fixture and loads the whole curriculum under
``tracemalloc``: the peak of Python allocations must stay under ``MEMORY_BOUND``. Timings are
printed, not asserted.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from conftest import GOOD
from roadmap_site.loader import DEFAULT_LIMITS, Limits, load_file
from roadmap_site.pipeline import load_curriculum

MEMORY_BOUND = 50 * 1024 * 1024
TARGET = "basics/phases/next.yml"

# The classic "billion laughs": nine levels of nine aliases, 9**9 (387 million) "lol"s expanded.
BILLION_LAUGHS = "".join(
    [f"a: &a [{', '.join(['lol'] * 9)}]\n"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)])


def _values(n: int) -> str:
    return "[" + ",".join(["1"] * n) + "]\n"


CASES = {
    # name: (file content, expected message fragment, expected (line, column))
    "billion-laughs": (BILLION_LAUGHS, "aliases", (2, 8)),
    "merge-key": ("base: &b {id: x}\ntopics:\n  - <<: *b\n", "aliases", (3, 9)),
    "2-mb-file": ("summary: " + "x" * 2_000_000 + "\n", "2,000,010 bytes; the limit is 1,000,000", (1, 1)),
    "100-levels-block": ("".join("  " * i + "- \n" for i in range(100)), "nested more than 24 levels", (26, 51)),
    "100-levels-mapping": ("".join("  " * i + f"k{i}:\n" for i in range(100)), "nested more than 24 levels",
                           (26, 51)),
    "100-levels-flow": ("[" * 100 + "]" * 100 + "\n", "nested more than 24 levels", (1, 26)),
    # the root is value 1: item 99,999 (0-based) of the list is value 100,001
    "200k-values-flow": (_values(200_000), "more than 100,000 values", (1, 2 + 2 * 99_999)),
    "200k-values-block": ("".join("- 1\n" for _ in range(200_000)), "more than 100,000 values", (100_000, 3)),
    # each "{a: 1}," is 7 characters and 2 values (keys are not counted): value 100,001 is the
    # "1" of mapping 49,999 (0-based), at column 2 + 7 * 49,999 + 4
    "200k-values-mappings": ("[" + ",".join(["{a: 1}"] * 100_000) + "]\n", "more than 100,000 values",
                             (1, 6 + 7 * 49_999)),
    "900k-character-string": ("summary: " + "x" * 900_000 + "\n", "900,000 characters long; the limit is 20,000",
                              (1, 10)),
}


@pytest.fixture
def curriculum(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    monkeypatch.chdir(tmp_path)
    return root


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_refused_with_position_and_bounded_memory(name, curriculum):
    text, message, position = CASES[name]
    (curriculum / TARGET).write_text(text, encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = load_curriculum(Path("curriculum"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    print(f"{name}: {len(text.encode()):,} bytes refused in {elapsed:.2f} s (under tracemalloc), "
          f"peak {peak / 2**20:.1f} MB")
    assert not result.ok
    ours = [d for d in result.diagnostics if d.file == "curriculum/" + TARGET]
    assert len(ours) == 1, result.diagnostics
    d = ours[0]
    assert d.severity == "error" and message in d.message, d
    assert (d.line, d.column) == position, d
    assert d.hint
    assert peak < MEMORY_BOUND, f"{peak / 2**20:.1f} MB"


def test_limit_hit_names_no_other_file(curriculum):
    """The refusal stays local: the other files load, nothing else is reported about them."""
    (curriculum / TARGET).write_text(BILLION_LAUGHS, encoding="utf-8")
    result = load_curriculum(Path("curriculum"))
    assert {d.file for d in result.diagnostics if d.severity == "error"} <= {
        "curriculum/" + TARGET, "curriculum/basics/roadmap.yml", "curriculum/advanced/phases/deep.yml"}


def test_extreme_nesting_does_not_crash_the_interpreter(tmp_path):
    """800 KB of '[' (under the size limit): PyYAML's C composer recurses once per level and
    used to kill the process with a segmentation fault. Run in a child so a crash is a failure
    here rather than the end of the test run."""
    deep = tmp_path / "deep.yml"
    deep.write_text("[" * 400_000 + "]" * 400_000, encoding="utf-8")
    keys = tmp_path / "keys.yml"  # mappings nested as keys: "{{a: 1}: 1}"
    keys.write_text("{" * 150_000 + "a" + ": 1}" * 150_000, encoding="utf-8")
    code = ("import sys; from pathlib import Path; from roadmap_site.loader import load_file;"
            "[print(load_file(Path(p))[1][0].format()) for p in sys.argv[1:]]")
    proc = subprocess.run([sys.executable, "-c", code, str(deep), str(keys)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert "deep.yml:1:26: error: value is nested more than 24 levels deep" in proc.stdout
    assert "keys.yml:1:2: error: keys must be plain words" in proc.stdout


@pytest.mark.parametrize("text", [
    "[" * 5 + "]" * 5,
    "a:\n  b:\n    - [1, 2, {c: d}]\n",
    "- 1\n- [2, 3]\n- {x: 4, y: [5]}\n",
    "{a: 1, b: 2, c: 3, d: 4}\n",
])
def test_the_streaming_check_and_the_converter_agree_on_the_limits(tmp_path, text):
    """Every limit is exact: a file with exactly N values or depth D loads, one more is refused,
    whichever of the two passes (events first, then nodes) sees it."""
    path = tmp_path / "f.yml"
    path.write_text(text, encoding="utf-8")
    doc, diagnostics = load_file(path)
    assert doc is not None and diagnostics == []
    values = len(doc.positions)  # one position per value, the root included
    depth = max(len(loc) for loc in doc.positions)
    assert load_file(path, Limits(max_nodes=values))[0] is not None
    assert "values" in load_file(path, Limits(max_nodes=values - 1))[1][0].message
    assert load_file(path, Limits(max_depth=depth))[0] is not None
    if depth:
        assert "nested" in load_file(path, Limits(max_depth=depth - 1))[1][0].message


def test_a_file_at_the_default_depth_limit_loads(tmp_path):
    path = tmp_path / "f.yml"
    path.write_text("[" * DEFAULT_LIMITS.max_depth + "1" + "]" * DEFAULT_LIMITS.max_depth, encoding="utf-8")
    doc, diagnostics = load_file(path)
    assert doc is not None and diagnostics == []


def test_deep_flow_nesting_is_refused_where_it_starts_whatever_the_yaml_release(tmp_path):
    """PyYAML 6.0.4's scanner refuses deep flow nesting itself, ahead of our events; the message
    and position must still be ours, at the bracket that breaks the limit (with two mappings
    and 23 sequences open, the 24th '[' is one level too many: column 6 + 23)."""
    deep = tmp_path / "mid.yml"
    deep.write_text("a:\n  b: " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    document, diagnostics = load_file(deep)
    assert document is None
    assert [(d.line, d.column, d.severity) for d in diagnostics] == [(2, 6 + 23, "error")]
    assert "24 levels" in diagnostics[0].message


def test_validation_work_is_bounded_by_unknown_references(tmp_path, monkeypatch):
    """A topic listing thousands of unknown prerequisites: hints are searched a bounded number
    of times (each search scans a roadmap's ids), and a file shows at most 100 diagnostics and
    one that counts the rest."""
    import difflib

    from roadmap_site.diagnostics import MAX_PER_FILE
    from roadmap_site.pipeline import load_curriculum

    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    refs = ", ".join(f"unknown-prereq-{i}" for i in range(1500))
    topics = [f"  - {{id: t-{i}, title: T {i}, summary: S., level: beginner, hours: 1, "
              f"resources: [{{ref: islr}}, {{ref: python-docs}}]"
              + (f", prerequisites: [{refs}]" if i == 0 else "") + "}" for i in range(500)]
    (root / "basics/phases/next.yml").write_text("id: next\ntitle: Next\nsummary: S.\ntopics:\n"
                                                 + "\n".join(topics) + "\n", encoding="utf-8")
    calls = []
    real = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: calls.append(1) or real(*a, **k))
    result = load_curriculum(root)
    assert len(calls) <= 250, len(calls)
    in_file = [d for d in result.diagnostics if d.file.endswith("basics/phases/next.yml")]
    assert len(in_file) == MAX_PER_FILE + 1
    assert "more problems in this file are not shown" in in_file[-1].message
    assert "1," in in_file[-1].message  # the count of what is hidden: well over a thousand
