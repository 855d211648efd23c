"""The tag vocabulary (curriculum/tags.yml): unknown tags, variants, tags used once, and the
Tags page grouped by it."""

from __future__ import annotations

import shutil

import pytest

from conftest import GOOD, ROOT
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render.pages import SiteRenderer
from roadmap_site.vocabulary import normal_form

VOCABULARY = """\
- id: methods
  title: Methods
  description: How the topics learn.
  tags:
    - {id: supervised, description: Learning from labels}
    - {id: regression, description: Predicting a number}
- id: field
  title: Field
  tags:
    - {id: basics, description: Where to start}
    - {id: python, description: The language, single: the one language topic of the fixture}
"""


def fixture_tags(root):
    """Every tag the fixture's topics carry, and how many topics carry each."""
    result = load_curriculum(root)
    assert result.ok, result.diagnostics
    counts = {}
    for topic in result.curriculum.topics.values():
        for tag in topic.data.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return counts


@pytest.fixture
def tagged(tmp_path):
    """A copy of the good fixture whose topics carry only tags of VOCABULARY."""
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    for path in root.glob("*/phases/*.yml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.lstrip().startswith("tags:")),
                        encoding="utf-8")
    # supervised and regression on one topic each of two files, basics on two topics, python on one
    start = root / "basics/phases/start.yml"
    text = start.read_text(encoding="utf-8")
    text = text.replace("\n    title: ", "\n    tags: [basics]\n    title: ", 2)
    start.write_text(text, encoding="utf-8")
    (root / "tags.yml").write_text(VOCABULARY, encoding="utf-8")
    return root


def messages(result, severity=None):
    return [d for d in result.diagnostics if severity is None or d.severity == severity]


@pytest.mark.parametrize(("a", "b"), [("framework", "frameworks"), ("api", "apis"),
                                      ("optimisation", "optimization"), ("labelling", "labeling"),
                                      ("data-set", "dataset"), ("category", "categories"),
                                      ("class", "classes")])
def test_variants_share_a_normal_form(a, b):
    assert normal_form(a) == normal_form(b)


@pytest.mark.parametrize(("a", "b"), [("regression", "classification"), ("graph", "graphs-x"),
                                      ("nlp", "llm"), ("cloud", "clouds-of-tags")])
def test_distinct_tags_stay_distinct(a, b):
    assert normal_form(a) != normal_form(b)


def test_unknown_tag_is_an_error_at_the_tag_with_the_nearest_one(tagged):
    start = tagged / "basics/phases/start.yml"
    text = start.read_text(encoding="utf-8")
    start.write_text(text.replace("tags: [basics]", "tags: [basic, regresion]", 1), encoding="utf-8")
    result = load_curriculum(tagged)
    errors = messages(result, "error")
    assert not result.ok
    assert [(d.message, d.hint) for d in errors] == [
        ("unknown tag 'basic'", "did you mean 'basics'?"),
        ("unknown tag 'regresion'", "did you mean 'regression'?")]
    line = start.read_text(encoding="utf-8").splitlines().index("    tags: [basic, regresion]") + 1
    assert {(d.file.endswith("start.yml"), d.line) for d in errors} == {(True, line)}
    assert [d.column for d in errors] == [12, 19]


def test_variant_in_the_vocabulary_is_refused(tagged):
    vocab = tagged / "tags.yml"
    vocab.write_text(VOCABULARY + "    - {id: pythons, description: x}\n", encoding="utf-8")
    errors = messages(load_curriculum(tagged), "error")
    assert len(errors) == 1 and errors[0].file.endswith("tags.yml") and errors[0].line == 12
    assert "'pythons' is a variant of 'python' (line 11)" in errors[0].message


def test_tags_used_once_or_never_are_warnings_unless_justified(tagged):
    result = load_curriculum(tagged)
    assert result.ok
    warnings = {d.message for d in messages(result, "warning") if "tags.yml" in d.file}
    # python is used by no topic: a reason for one topic does not excuse none
    assert warnings == {"tag 'supervised' is not used by any topic", "tag 'regression' is not used by any topic",
                        "tag 'python' is not used by any topic"}
    start = tagged / "basics/phases/start.yml"
    text = start.read_text(encoding="utf-8")
    start.write_text(text.replace("tags: [basics]", "tags: [basics, supervised, python]", 1), encoding="utf-8")
    warnings = {d.message for d in messages(load_curriculum(tagged), "warning") if "tags.yml" in d.file}
    assert "tag 'regression' is not used by any topic" in warnings
    assert any(m.startswith("tag 'supervised' is used by one topic only (basics/") for m in warnings)
    assert not any("'python'" in m for m in warnings)  # used once, and its file says why


def test_without_a_vocabulary_any_tag_is_accepted():
    assert fixture_tags(GOOD)  # the fixture has tags and no tags.yml
    assert not (GOOD / "tags.yml").exists()


def test_the_real_curriculum_has_a_tidy_vocabulary():
    result = load_curriculum(ROOT / "curriculum")
    assert result.ok and not messages(result, "warning")
    counts = fixture_tags(ROOT / "curriculum")
    groups = result.curriculum.tag_groups
    assert len(groups) >= 5 and sum(len(g.tags) for g in groups) == len(counts)
    assert min(counts.values()) >= 2  # nothing used once: folded into broader tags


def test_tags_page_listing_is_grouped_with_a_jump_list(tagged):
    curriculum = load_curriculum(tagged).curriculum
    text = SiteRenderer(curriculum).tag_listing("tags.md")
    assert '<a href="#tags-methods">Methods</a>' in text and '<a href="#tags-field">Field</a>' in text
    assert "<!-- material/tags { include: [supervised, regression] } -->" in text
    assert "<!-- material/tags { include: [basics, python] } -->" in text
    assert text.index("## Methods { #tags-methods }") < text.index("## Field { #tags-field }")
    assert "<dd>Where to start · 2 topics</dd>" in text
    plain = SiteRenderer(load_curriculum(GOOD).curriculum).tag_listing("tags.md")
    assert plain == "<!-- material/tags -->"
