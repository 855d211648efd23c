"""One broken case per rule, each checked against a golden diagnostics file.

Each case edits a copy of ``fixtures/good``. Run with ``UPDATE_GOLDEN=1`` to rewrite the
golden files after an intended change to a message, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from roadmap_site.diagnostics import CATEGORIES
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
    assert proc.returncode == 1, proc.stdout
    assert proc.stderr == ""  # diagnostics and summary on stdout, like ruff and flake8
    assert "Traceback" not in proc.stdout
    golden = (GOLDEN / f"{name}.txt").read_text()
    assert proc.stdout.startswith(golden)
    assert proc.stdout[len(golden):].startswith("curriculum is invalid: ")


def test_all_diagnostics_in_one_run_root_causes_first(good_copy):
    for name in ("unknown-key", "unknown-prerequisite", "unknown-resource", "unlisted-phase"):
        CASES[name](good_copy)
    replace("advanced/phases/deep.yml", "title: Going deeper", "title: [Going deeper")(good_copy)
    diags = load_curriculum(good_copy).diagnostics
    errors = [d for d in diags if d.severity == "error"]
    assert diags[:len(errors)] == errors  # errors before warnings
    ranks = [CATEGORIES.index(d.category) for d in errors]
    assert ranks == sorted(ranks)  # syntax, then missing/stray files, rules, references
    assert {d.category for d in errors} == {"syntax", "layout", "rule", "reference"}
    # the syntax error comes first although its file sorts after basics/ by name
    assert (errors[0].file, errors[0].category) == ("curriculum/advanced/phases/deep.yml", "syntax")


def test_later_topics_keep_their_own_lines_after_a_broken_topic(good_copy):
    """A topic that fails validation is left out; the topics after it in the same file are
    still reported at their own lines, not at the broken topic's."""
    replace(PHASE, "hours: 10", "hours: ten")(good_copy)  # python, the first topic of start.yml
    replace(PHASE, "related: [python]", "related: [python, nope]")(good_copy)  # linear-algebra
    lines = (good_copy / PHASE).read_text(encoding="utf-8").splitlines()
    related = next(n for n, line in enumerate(lines, 1) if "related: [python, nope]" in line)
    linear_algebra = next(n for n, line in enumerate(lines, 1) if "- id: linear-algebra" in line)
    [unknown] = [d for d in load_curriculum(good_copy).diagnostics if "'nope'" in d.message]
    assert (unknown.file, unknown.line) == (f"curriculum/{PHASE}", related)
    assert related > linear_algebra


def test_references_to_a_broken_topic_warn_once(good_copy):
    replace(NEXT, "id: regression\n", "id: regression\n    levle: x\n")(good_copy)
    path = good_copy / "advanced/phases/deep.yml"
    path.write_text(path.read_text().replace("[basics/regression]", "[basics/regression]\n"
                                             "    related: [basics/regression]"), encoding="utf-8")
    diags = load_curriculum(good_copy).diagnostics
    broken = [d for d in diags if "'basics/regression' is broken" in d.message]
    assert [(d.severity, d.file) for d in broken] == [("warning", "curriculum/advanced/phases/deep.yml")]
    assert not any("unknown topic" in d.message for d in diags)
    assert sum(d.severity == "error" for d in diags) == 1


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_over_indented_key_is_named_whatever_the_yaml_parser(loader, good_copy, monkeypatch):
    """PyYAML's C and Python parsers word this error differently; the message is our own."""
    import yaml

    from roadmap_site import loader as loader_module
    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML built without {loader}")
    monkeypatch.setattr(loader_module, "_Loader", getattr(yaml, loader))
    for old, new in (("    title: Python\n", "      title: Python\n"),  # after "- id: python"
                     ("    level: beginner\n    hours: 10", "    level: beginner\n      hours: 10")):
        copy = good_copy.parent / f"copy-{len(old)}"
        import shutil
        shutil.copytree(good_copy, copy)
        replace(PHASE, old, new)(copy)
        lines = (copy / PHASE).read_text().splitlines()
        at = next(n for n, line in enumerate(lines, 1) if line == new.splitlines()[-1])
        [d] = load_curriculum(copy).diagnostics
        assert (d.line, d.column) == (at, 7), d
        assert "indented" in d.message and "column 5" in d.hint, d


def test_fixture_tree_is_untouched():
    assert (FIXTURES / "good" / NEXT).read_text().startswith("id: next")
