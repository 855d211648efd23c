"""A topic's revision: one short hash per facet of what it teaches, blind to tidying up."""

from __future__ import annotations

import pytest

from roadmap_site.model import Topic
from roadmap_site.pipeline import load_curriculum
from roadmap_site.revisions import FACETS, revision

BASE = {"id": "t", "title": "T", "summary": "What it is.", "level": "beginner", "hours": 1,
        "subtopics": ["Data types", {"title": "Functions", "subtopics": ["Arguments", "Closures"]}],
        "checks": [{"question": "Why?", "answer": "Because."}, {"question": "How?", "answer": "So."}],
        "exercises": [{"task": "Do it.", "outcome": "It is done."}],
        "resources": [{"ref": "islr"}]}


def rev(**changes) -> list[str]:
    return revision(Topic.model_validate({**BASE, **changes})).split(".")


def changed(**changes) -> list[str]:
    return [f for f, a, b in zip(FACETS, rev(), rev(**changes), strict=True) if a != b]


def test_each_facet_has_its_own_hash_and_an_empty_one_is_a_dash():
    assert len(rev()) == len(FACETS) == 4
    assert rev()[3] == "-" and all(len(h) == 5 for h in rev()[:3])


@pytest.mark.parametrize(("changes", "facets"), [
    ({"checks": [*BASE["checks"], {"question": "When?", "answer": "Now."}]}, ["checks"]),
    ({"checks": [{"question": "Why?", "answer": "Because of this."}, BASE["checks"][1]]}, ["checks"]),
    ({"subtopics": ["Data types", "Functions"]}, ["subtopics"]),
    ({"exercises": []}, ["exercises"]),
    # tidying up is not a change: case, punctuation, spacing, order
    ({"subtopics": [{"title": "functions.", "subtopics": ["Arguments", "Closures"]}, "Data  Types"]}, []),
    ({"checks": list(reversed(BASE["checks"]))}, []),
    # and neither the summary nor the resources are what a topic teaches
    ({"summary": "Something else entirely.", "resources": []}, []),
])
def test_only_what_a_topic_teaches_changes_its_revision(changes, facets):
    assert changed(**changes) == facets


def test_revised_takes_a_date_or_a_date_and_a_note(good_copy):
    topic = Topic.model_validate({**BASE, "revised": "2026-12-01"})
    assert (topic.revised.date, topic.revised.note) == ("2026-12-01", None)
    topic = Topic.model_validate({**BASE, "revised": {"date": "2026-12-01", "note": "new checks"}})
    assert topic.revised.note == "new checks"
    path = good_copy / "basics/phases/next.yml"
    path.write_text(path.read_text().replace("  - id: regression\n", "  - id: regression\n    revised: 2026-02-30\n"))
    [error] = [d for d in load_curriculum(good_copy).diagnostics if d.severity == "error"]
    assert (error.file, error.line, error.column) == ("curriculum/basics/phases/next.yml", 6, 14)
    assert "revised" in error.message and "date" in error.message
