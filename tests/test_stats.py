"""``roadmap-site stats``: counts per roadmap and phase, aligned, with totals."""

from __future__ import annotations

import json

from conftest import GOOD, ROOT, run_cli
from roadmap_site.model import SubtopicNode
from roadmap_site.pipeline import load_curriculum
from roadmap_site.stats import count_subtopics, rows


def test_fixture_counts():
    by_name = {r.name: r for r in rows(load_curriculum(GOOD).curriculum)}
    start = by_name["Getting started"]  # python: 4 subtopics (one nested level), linear-algebra: 0
    assert (start.kind, start.topics, start.subtopics, start.resources, start.hours) == ("phase", 2, 4, 4, 22.5)
    basics = by_name["Basics"]
    assert (basics.kind, basics.topics, basics.resources, basics.hours) == ("roadmap", 3, 6, 28.5)
    total = by_name["Total"]
    assert (total.kind, total.topics, total.subtopics, total.resources, total.hours) == ("total", 4, 4, 8, 48.5)


def test_count_subtopics_counts_every_depth():
    node = SubtopicNode.model_validate({"title": "b", "subtopics": ["c", {"title": "d", "subtopics": ["e"]}]})
    assert count_subtopics(["a", node]) == 5


def test_table_is_aligned_and_in_roadmap_order():
    proc = run_cli("stats", str(GOOD))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["Roadmap", "/", "phase", "Topics", "Subtopics", "Resources", "Hours"]
    table = [line for line in lines if line and not line.startswith(("-", "Resource catalog"))]
    width = len(lines[0])
    assert all(len(line) == width for line in table), "numbers are right-aligned to the header"
    names = [line[:17].rstrip() for line in table[1:]]
    assert names == ["Basics", "  Getting started", "  Next steps", "Advanced", "  Going deeper", "Total"]
    assert table[-1].split() == ["Total", "4", "4", "8", "48.5"]
    assert lines[-1] == "Resource catalog: 3 entries"


def test_json_and_real_curriculum_totals_agree():
    proc = run_cli("stats", "--format", "json", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    curriculum = load_curriculum(ROOT / "curriculum").curriculum
    total = data[-1]
    assert total["kind"] == "total" and total["topics"] == len(curriculum.topics)
    assert total["topics"] == sum(r["topics"] for r in data if r["kind"] == "roadmap")
    assert total["hours"] == sum(t.data.hours for t in curriculum.topics.values())


def test_invalid_curriculum_exits_1(good_copy):
    (good_copy / "basics/roadmap.yml").write_text("id: basics\n")
    proc = run_cli("stats", "curriculum", cwd=good_copy.parent)
    assert proc.returncode == 1
    assert "basics/roadmap.yml" in proc.stderr and "curriculum is invalid" in proc.stderr
