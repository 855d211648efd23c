"""End to end: real MkDocs builds (strict) of the fixture and of the real curriculum."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import GOOD, ROOT, make_project, mkdocs
from roadmap_site.pipeline import load_curriculum


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tab_titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".md-tabs__link")]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("fixture-site")
    project = make_project(tmp, GOOD)
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    return project / "site"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("real-site")
    proc = mkdocs(ROOT, "build", "--strict", "--site-dir", str(tmp / "site"))
    assert proc.returncode == 0, proc.stderr
    return tmp / "site"


def test_fixture_pages_exist(fixture_site):
    for page in ["index.html", "basics/index.html", "basics/phases/start/index.html",
                 "basics/python/index.html", "basics/regression/index.html",
                 "advanced/neural-networks/index.html", "resources/index.html"]:
        assert (fixture_site / page).is_file(), page


def test_topic_page_content(fixture_site):
    page = soup(fixture_site / "basics/regression/index.html")
    assert page.find("h1").get_text() == "Regression"
    prereqs = page.find(id="prerequisites").find_next("ul")
    assert [a.get_text() for a in prereqs.find_all("a")] == ["Python", "Linear algebra"]
    assert prereqs.find("a")["href"] == "../python/"
    summary = page.select_one(".rs-summary")
    assert summary.find("a", string="Python code")["href"] == "../python/"  # [[python|Python code]]
    assert summary.find("a", string="Linear algebra")["href"] == "../linear-algebra/"
    cards = page.select(".grid.cards li.rs-resource")
    assert len(cards) == 2
    link = cards[0].find("a")
    assert link["href"] == "https://www.statlearning.com/" and "noopener" in link["rel"]
    needed_by = page.find(id="needed-by").find_next("ul")
    assert needed_by.find("a")["href"] == "../../advanced/neural-networks/"


def test_subtopics_are_anchors(fixture_site):
    page = soup(fixture_site / "basics/python/index.html")
    assert page.find(id="st-functions") and page.find(id="st-closures")
    assert page.find(id="st-closures").find_parent("li")["id"] == "st-functions"


def test_nav_follows_roadmap_and_phase_order(fixture_site):
    page = soup(fixture_site / "basics/index.html")
    assert tab_titles(page)[:3] == ["Home", "Basics", "Advanced"]
    nav = [a.get_text(" ", strip=True) for a in page.select(".md-nav--primary .md-nav__link")]
    start, nxt = nav.index("Getting started"), nav.index("Next steps")
    assert start < nav.index("Python") < nav.index("Linear algebra") < nxt < nav.index("Regression")


def test_phase_page_links_next_phase_and_topics(fixture_site):
    page = soup(fixture_site / "basics/phases/start/index.html")
    assert page.find("a", rel="next")["href"] == "../next/"
    assert [a.get_text() for a in page.select(".rs-topic-list > li > a")] == ["Python", "Linear algebra"]
    assert "22.5 h in total" in page.get_text()


def test_home_overview_cards(fixture_site):
    page = soup(fixture_site / "index.html")
    cards = page.select(".rs-overview li.rs-roadmap-card")
    assert [c.find("a").get_text() for c in cards] == ["Basics", "Advanced"]
    assert "3 topics" in cards[0].get_text()


def test_real_site_builds_strict_with_all_roadmaps_in_order(real_site):
    page = soup(real_site / "index.html")
    hrefs = [a["href"] for a in page.select(".md-tabs__link")]
    assert hrefs[:7] == [".", "foundations/", "ml/", "dl/", "llm/", "mlops/", "system-design/"]
    curriculum = load_curriculum(ROOT / "curriculum").curriculum
    for key in curriculum.topics:
        assert (real_site / key / "index.html").is_file(), key


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_failed_build_leaves_site_untouched(tmp_path):
    project = make_project(tmp_path, GOOD)
    assert mkdocs(project, "build", "--strict").returncode == 0
    before = tree_digest(project / "site")
    phase = project / "curriculum/basics/phases/next.yml"
    phase.write_text(phase.read_text().replace("[python, linear-algebra]", "[python, nope]"))
    for args in (["build"], ["build", "--strict"]):
        proc = mkdocs(project, *args)
        assert proc.returncode != 0
        assert "curriculum/basics/phases/next.yml:10:29: error: unknown topic 'nope'" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert tree_digest(project / "site") == before
