"""The real curriculum is complete: something to practise in every topic and phase (issue 17),
a worked design for every design problem, and the stale names the audit found are gone."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from roadmap_site.model import MAX_CHECKS, MAX_EXERCISES, MIN_CHECKS, MIN_EXERCISES
from roadmap_site.pipeline import load_curriculum


@pytest.fixture(scope="module")
def curriculum():
    result = load_curriculum(ROOT / "curriculum")
    assert result.ok and not result.diagnostics, [d.format() for d in result.diagnostics][:10]
    return result.curriculum


def test_every_topic_has_checks_and_exercises_and_every_phase_a_project(curriculum):
    topics = list(curriculum.topics.values())
    assert len(topics) > 250
    thin = [t.key for t in topics if not (MIN_CHECKS <= len(t.data.checks) <= MAX_CHECKS
                                          and MIN_EXERCISES <= len(t.data.exercises) <= MAX_EXERCISES)]
    assert not thin
    phases = [p for r in curriculum.roadmaps for p in r.phases]
    assert all(p.data.project and len(p.project_topics) >= 1 for p in phases), [
        p.id for p in phases if not p.data.project]
    checks = sum(len(t.data.checks) for t in topics)
    exercises = sum(len(t.data.exercises) for t in topics)
    print(f"\n{len(topics)} topics, {checks} self-checks, {exercises} exercises, {len(phases)} projects")


def test_every_design_problem_has_a_worked_design(curriculum):
    problems = [t for p in curriculum.roadmap("system-design").phases if p.id.startswith(("recommendation",
                "vision", "language", "prediction")) for t in p.topics]
    assert len(problems) == 19
    assert [t.key for t in problems if t.data.design is None or len(t.data.design.rubric) < 4] == []


@pytest.mark.parametrize(("stale", "current"), [
    ("TensorFlow Lite", "LiteRT"), ("PyTorch Mobile", "ExecuTorch"), ("MosaicML", "Databricks|Composer"),
    ("Cloud Functions", "Cloud Run"), ("Exact nearest-neighbour search over millions", "^$")])
def test_stale_names_and_claims_are_gone(stale, current):
    """An old name appears only near the current one ('LiteRT (formerly TensorFlow Lite)',
    'successors'), or in a product's own name (MosaicML Composer)."""
    hits = []
    for path in (ROOT / "curriculum").rglob("*.yml"):
        text = " ".join(path.read_text(encoding="utf-8").split())
        for m in re.finditer(re.escape(stale), text):
            near = text[max(0, m.start() - 200): m.end() + 200]
            if not re.search(current, near):
                hits.append(f"{path.relative_to(ROOT)}: ...{near}...")
    assert not hits
