"""One broken case per rule, each checked against a golden diagnostics file.

Each case edits a copy of ``fixtures/good``. Run with ``UPDATE_GOLDEN=1`` to rewrite the
golden files after an intended change to a message, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from roadmap_site.pipeline import load_curriculum

GOLDEN = Path(__file__).parent / "golden" / "diagnostics"
PHASE = "basics/phases/start.yml"
NEXT = "basics/phases/next.yml"


def replace(file: str, old: str, new: str):
    def edit(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(file: str, text: str):
    def edit(root: Path) -> None:
        (root / file).write_text(text, encoding="utf-8")
    return edit


def delete(file: str):
    return lambda root: (root / file).unlink()


CASES = {
    "unknown-key": replace(PHASE, "    level: beginner\n    hours: 10", "    levle: beginner\n    hours: 10"),
    "missing-title": replace(PHASE, "    title: Python\n", ""),
    "wrong-type": replace(PHASE, "hours: 10", "hours: ten"),
    "wrong-type-list": replace(NEXT, "prerequisites: [python, linear-algebra]", "prerequisites: python"),
    "bad-level": replace(PHASE, "level: beginner", "level: beginer"),
    "bad-id": replace(NEXT, "id: regression", "id: Linear_Regression"),
    "duplicate-topic-id": replace(NEXT, "id: regression", "id: python"),
    "unknown-prerequisite": replace(NEXT, "[python, linear-algebra]", "[python, linear-algebr]"),
    "unknown-cross-roadmap-prerequisite": replace("advanced/phases/deep.yml", "basics/regresion", "basics/regresion")
    if False else replace("advanced/phases/deep.yml", "basics/regression", "basics/regresion"),
    "prerequisite-cycle": replace(PHASE, "    related: [python]", "    prerequisites: [regression]"),
    "repeated-key": replace(PHASE, "    hours: 10\n", "    hours: 10\n    hours: 12\n"),
    "yaml-syntax": replace(PHASE, "title: Getting started", "title: [Getting started"),
    "unlisted-phase": write("basics/phases/extra.yml", "id: extra\ntitle: Extra\nsummary: More.\n"
                            "topics:\n  - id: extra-topic\n    title: Extra\n    summary: S.\n"
                            "    level: beginner\n    hours: 1\n    resources:\n"
                            "      - ref: islr\n      - ref: python-docs\n"),
    "missing-phase-file": delete(NEXT),
    "javascript-url": replace(PHASE, "url: https://en.wikipedia.org/wiki/Linear_algebra",
                              "url: javascript:alert(1)"),
    "javascript-link-in-summary": replace(PHASE, "[docs](https://docs.python.org/3/)",
                                          "[docs](javascript:alert(1))"),
    "unknown-inline-reference": replace(NEXT, "[[linear-algebra]]", "[[linear-algebro]]"),
    "unknown-resource": replace(NEXT, "ref: islr", "ref: isl"),
    "duplicate-resource-id": replace("resources/catalog.yml", "id: paid-course", "id: islr"),
    "phase-id-mismatch": replace(NEXT, "id: next", "id: nxt"),
    "unknown-required-roadmap": replace("advanced/roadmap.yml", "requires: [basics]", "requires: [basic]"),
    "empty-file": write(NEXT, ""),
    "too-few-resources": replace("advanced/phases/deep.yml", "      - ref: python-docs\n", ""),
}


def run_case(name: str, root: Path) -> str:
    CASES[name](root)
    result = load_curriculum(root)
    return "\n".join(d.format() for d in result.diagnostics) + "\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_case_matches_golden(name, good_copy):
    text = run_case(name, good_copy)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert "Traceback" not in text


def test_good_fixture_is_clean(good_copy):
    result = load_curriculum(good_copy)
    assert result.ok and result.diagnostics == []
    assert [r.id for r in result.curriculum.roadmaps] == ["basics", "advanced"]


@pytest.mark.parametrize("name", ["unknown-key", "missing-title", "wrong-type",
                                  "duplicate-topic-id", "unknown-prerequisite",
                                  "prerequisite-cycle", "repeated-key", "yaml-syntax",
                                  "unlisted-phase", "missing-phase-file", "javascript-url"])
def test_cli_exits_1_and_names_file_and_line(name, good_copy):
    CASES[name](good_copy)
    proc = run_cli("validate", "curriculum", cwd=good_copy.parent)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stderr.splitlines()[0] == (GOLDEN / f"{name}.txt").read_text().splitlines()[0]
    assert proc.stderr.startswith("curriculum/")


def test_all_diagnostics_in_one_run_sorted(good_copy):
    for name in ("unknown-key", "unknown-prerequisite", "javascript-url", "unknown-resource"):
        CASES[name](good_copy)
    diags = load_curriculum(good_copy).diagnostics
    assert len(diags) >= 4
    assert diags == sorted(diags, key=lambda d: (d.file, d.line, d.column, d.message))


def test_fixture_tree_is_untouched():
    assert (FIXTURES / "good" / NEXT).read_text().startswith("id: next")
