"""End to end: real MkDocs builds (strict) of the fixture and of the real curriculum."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import GOOD, ROOT, make_project, mkdocs, run_cli
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


def test_a_strict_build_failing_on_a_warning_leaves_site_untouched(tmp_path):
    """An unused catalog entry (a curriculum warning) and an unknown [[ref]] in a docs page each
    fail a strict build before MkDocs cleans site/; without --strict they build."""
    project = make_project(tmp_path, GOOD)
    assert mkdocs(project, "build", "--strict").returncode == 0
    before = tree_digest(project / "site")
    catalog = project / "curriculum/resources/catalog.yml"
    original = catalog.read_text()
    catalog.write_text(original + "- id: unused-entry\n  title: Unused\n  url: https://example.org/\n"
                       "  type: article\n  free: true\n")
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "catalog.yml" in proc.stderr and "unused-entry" in proc.stderr
    assert tree_digest(project / "site") == before
    catalog.write_text(original)
    (project / "docs/extra.md").write_text("# Extra\n\nSee [[basics/pythn]].\n")
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode != 0 and "docs/extra.md:3:7: warning" in proc.stderr
    assert tree_digest(project / "site") == before
    assert mkdocs(project, "build").returncode == 0  # not strict: a warning builds
    assert tree_digest(project / "site") != before


def test_unknown_reference_in_a_docs_page_names_file_and_line(tmp_path):
    text = "# Extra\n\nSee [[basics/pythn]] and `[[not/a-ref]]`.\n"
    project = make_project(tmp_path, GOOD, extra_docs={"extra.md": text})
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode != 0
    assert "docs/extra.md:3:7: warning: unknown topic reference '[[basics/pythn]]'" in proc.stderr
    assert "did you mean 'basics/python'?" in proc.stderr
    assert "not/a-ref" not in proc.stderr  # code is left alone


def test_reference_in_docs_page_becomes_link(tmp_path):
    project = make_project(tmp_path, GOOD, extra_docs={"extra.md": "# Extra\n\nSee [[basics/python]].\n"})
    assert mkdocs(project, "build", "--strict").returncode == 0
    page = soup(project / "site/extra/index.html")
    assert page.select_one("article a[href='../basics/python/']").get_text() == "Python"


def test_json_api_and_schema_are_published(fixture_site):
    import json

    api = json.loads((fixture_site / "api/curriculum.json").read_text())
    assert api["version"] == 1
    assert [r["id"] for r in api["roadmaps"]] == ["basics", "advanced"]
    topics = {t["key"]: t for r in api["roadmaps"] for p in r["phases"] for t in p["topics"]}
    reg = topics["basics/regression"]
    assert reg["url"] == "basics/regression/" and (fixture_site / reg["url"] / "index.html").is_file()
    assert reg["prerequisites"] == ["basics/python", "basics/linear-algebra"]
    assert reg["resources"][0] == {"id": "islr", "title": "An Introduction to Statistical Learning",
                                   "url": "https://www.statlearning.com/", "type": "book", "free": True,
                                   "level": ["beginner"], "quality": 5,
                                   "description": "A gentle introduction to statistical learning."}
    assert len(reg["checks"]) == 3 and set(reg["checks"][0]) == {"question", "answer"}
    assert reg["exercises"][0]["outcome"]
    start = api["roadmaps"][0]["phases"][0]
    assert start["project"]["topics"] == ["basics/python", "basics/linear-algebra"]
    assert (fixture_site / start["project"]["url"] / "index.html").is_file()
    schema = json.loads((fixture_site / "schema/curriculum.schema.json").read_text())
    assert "$defs" in schema or "definitions" in schema
    # What the progress script reads (next up, import): the same topics, in roadmap order.
    index = json.loads((fixture_site / "api/topics.json").read_text())
    assert [t["key"] for t in index["topics"]] == list(topics)
    assert index["topics"][2] == {"key": "basics/regression", "title": "Regression", "roadmap": "basics",
                                  "phase": "next", "hours": 6, "url": reg["url"],
                                  "prerequisites": reg["prerequisites"]}
    assert [(r["id"], r["title"], [p["id"] for p in r["phases"]]) for r in index["roadmaps"]] == [
        ("basics", "Basics", ["start", "next"]), ("advanced", "Advanced", ["deep"])]
    # the study plan reads tracks from it too: a track's path, prerequisites first
    assert index["tracks"] == [{"id": "neural-networks-fast", "title": "Neural networks, fast",
                                "path": ["basics/python", "basics/linear-algebra", "basics/regression",
                                         "advanced/neural-networks"]}]


def test_every_field_of_the_model_reaches_the_api():
    """The API's records come from the models: a field added to Topic, Phase or Roadmap is
    published without anyone remembering to list it."""
    import json

    from roadmap_site.pipeline import load_curriculum
    from roadmap_site.render.api import curriculum_json

    curriculum = load_curriculum(ROOT / "curriculum").curriculum
    api = json.loads(curriculum_json(curriculum))
    records = {t["key"]: t for r in api["roadmaps"] for p in r["phases"] for t in p["topics"]}
    assert records.keys() == curriculum.topics.keys()
    for key, topic in curriculum.topics.items():
        assert set(topic.data.model_dump(exclude_none=True)) <= set(records[key]), key
    assert {"subtopics", "design", "reviewed", "checks"} <= set().union(*records.values())
    for roadmap, record in zip(curriculum.roadmaps, api["roadmaps"], strict=True):
        assert set(roadmap.data.model_dump(exclude_none=True)) <= set(record)
        for phase, precord in zip(roadmap.phases, record["phases"], strict=True):
            assert set(phase.data.model_dump(exclude_none=True)) <= set(precord)


def test_topic_pages_show_checks_folded_and_exercises(fixture_site):
    page = soup(fixture_site / "basics/regression/index.html")
    checks = page.select("details.rs-check")
    assert len(checks) == 3 and all(not c.has_attr("open") for c in checks)  # answers folded
    assert checks[0].summary.get_text(strip=True) == "What does least squares minimise?"
    assert "squared differences" in checks[0].find("p").get_text()
    assert [c["data-rs-check"] for c in checks] == [f"basics/regression#{i}" for i in (1, 2, 3)]
    exercise = page.select_one("ol.rs-exercises li")
    assert "diabetes" in exercise.get_text() and "Done when:" in exercise.get_text()
    # a topic the phase project exercises links to it; the project page links back to its topics
    python = soup(fixture_site / "basics/python/index.html")
    assert python.find("a", string="A tiny data toolkit")["href"] == "../phases/start/project/"
    project = soup(fixture_site / "basics/phases/start/project/index.html")
    assert project.h1.get_text(strip=True) == "A tiny data toolkit"
    assert len(project.select("ol.rs-milestones li")) == 3 and len(project.select("ul.rs-acceptance li")) == 2
    assert [a["href"] for a in project.select("ul.rs-links a")] == ["../../../python/", "../../../linear-algebra/"]
    # and the phase and roadmap pages point at it
    for src, href in (("basics/phases/start/index.html", "project/"), ("basics/index.html", "phases/start/project/")):
        assert soup(fixture_site / src).select_one(f'a[href="{href}"]'), src


def test_tags_index_lists_topics(fixture_site):
    page = soup(fixture_site / "tags/index.html")
    text = page.get_text(" ")
    assert "programming" in text and "models" in text
    assert page.select_one("a[href*='basics/regression/']")


def test_resources_index_links_back_to_topics(fixture_site):
    page = soup(fixture_site / "resources/index.html")
    islr = page.find(id="r-islr")
    assert [a.get_text() for a in islr.select(".rs-muted a")] == ["Linear algebra", "Regression", "Neural networks"]
    assert page.find(id="type-book") and page.find(id="type-docs")


def test_footer_next_runs_across_phase_boundaries(fixture_site):
    # last topic of phase "start" -> its project -> the page of phase "next" -> its first topic
    page = soup(fixture_site / "basics/linear-algebra/index.html")
    assert page.select_one("a.md-footer__link--next")["href"] == "../phases/start/project/"
    page = soup(fixture_site / "basics/phases/start/project/index.html")
    assert page.select_one("a.md-footer__link--next")["href"] == "../../next/"
    page = soup(fixture_site / "basics/phases/next/index.html")
    assert page.select_one("a.md-footer__link--next")["href"] == "../../regression/"
    assert page.select_one("a.md-footer__link--prev")["href"] == "../start/project/"


def test_summary_links_are_relative_to_each_page(fixture_site):
    # The same summary ([[python|Python code]]) is shown on pages at different depths.
    for page, href in [("basics/regression/index.html", "../python/"),
                       ("basics/phases/next/index.html", "../../python/")]:
        links = soup(fixture_site / page).find_all("a", string="Python code")
        assert links and all(a["href"] == href for a in links), page
    # The roadmap summary ("Start with [[python]]") on the roadmap page and on the home page.
    for page, href in [("basics/index.html", "python/"), ("index.html", "basics/python/")]:
        summary = soup(fixture_site / page).find(string=re.compile("Start with")).parent
        assert summary.find("a", string="Python")["href"] == href, page


def test_the_404_page_says_where_to_go(fixture_site):
    page = soup(fixture_site / "404.html")
    assert page.h1.get_text(strip=True) == "This page does not exist"
    home = page.find("a", string=lambda t: t and "home page" in t)
    assert home and home["href"].startswith("http")  # absolute: the page is served at any depth


@pytest.mark.parametrize(("rename", "clash"), [("about", "docs"), ("review", "generated")])
def test_ids_that_collide_with_output_paths_stop_the_build_and_the_export(tmp_path, rename, clash):
    """A roadmap named like a hand-written page (docs/about.md is /about/) or like a page the
    generator writes (review/) would replace it silently: an error naming both, before
    site/ is touched."""
    project = make_project(tmp_path, GOOD)
    assert mkdocs(project, "build", "--strict").returncode == 0
    before = tree_digest(project / "site")
    root = project / "curriculum"
    (root / "advanced").rename(root / rename)
    roadmap = root / rename / "roadmap.yml"
    roadmap.write_text(roadmap.read_text().replace("id: advanced", f"id: {rename}"))
    for path in root.rglob("*.yml"):
        path.write_text(path.read_text().replace("advanced/", f"{rename}/"))
    assert run_cli("validate", "curriculum", cwd=project).returncode == 0  # the curriculum alone is fine
    proc = mkdocs(project, "build")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    other = "docs/about.md" if clash == "docs" else "the Review page"
    assert f"the page of roadmap '{rename}' and {other} would both be the page /{rename}/" in proc.stderr, proc.stderr
    assert tree_digest(project / "site") == before
    proc = run_cli("export", str(tmp_path / "out"), cwd=project)
    assert proc.returncode == 1 and "would both be the page" in proc.stderr
