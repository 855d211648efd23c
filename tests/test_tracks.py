"""Tracks: goal topics across roadmaps, their path (the prerequisite closure, each topic after
what it needs), validation with hints, and the published page with its own progress."""

from __future__ import annotations

import shutil

from conftest import GOOD, ROOT, make_project, mkdocs, run_cli
from roadmap_site.pipeline import load_curriculum


def test_a_track_path_is_the_closure_of_its_goals_prerequisites_first():
    curriculum = load_curriculum(ROOT / "curriculum").curriculum
    assert len(curriculum.tracks) >= 4
    for track in curriculum.tracks:
        path = track.path
        assert len(path) == len(set(path)) and set(track.goals) <= set(path)
        seen: set[str] = set()
        for key in path:  # every topic after all it needs, and nothing it does not need
            assert set(curriculum.topics[key].prerequisites) <= seen, (track.id, key)
            seen.add(key)
        needed, todo = set(), list(track.goals)
        while todo:
            key = todo.pop()
            if key not in needed:
                needed.add(key)
                todo += curriculum.topics[key].prerequisites
        assert set(path) == needed


def test_an_unknown_goal_is_an_error_with_a_hint(tmp_path):
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    track = root / "tracks/neural-networks-fast.yml"
    track.write_text(track.read_text().replace("advanced/neural-networks", "advanced/neural-network"))
    proc = run_cli("validate", "curriculum", cwd=tmp_path)
    assert proc.returncode == 1
    assert ("curriculum/tracks/neural-networks-fast.yml:4:9: error: unknown topic 'advanced/neural-network'\n"
            "  hint: did you mean 'advanced/neural-networks'?") in proc.stdout, proc.stdout


def test_the_track_page_lists_the_path_with_hours_and_progress(tmp_path):
    from bs4 import BeautifulSoup

    project = make_project(tmp_path, GOOD)
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    fixture_site = project / "site"
    page = BeautifulSoup((fixture_site / "tracks/neural-networks-fast/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    items = [li["data-rs-item"] for li in page.select("ol.rs-topic-list li")]
    assert items == ["basics/python", "basics/linear-algebra", "basics/regression", "advanced/neural-networks"]
    assert page.select_one("[data-rs-bar]")["data-rs-bar"] == " ".join(items)
    assert "48.5 h in total" in page.get_text()  # 10 + 12.5 + 6 + 20
    assert page.select("ol.rs-topic-list li strong")[-1].get_text() == "goal"
