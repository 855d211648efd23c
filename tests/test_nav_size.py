"""The navigation a page carries stays bounded: a huge phase is split into sections of at
most SECTION_SIZE topics, and more than MAX_TABS roadmaps share one tab in sections, with
every page in its place and order (render/nav.py)."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

from big_phase import huge_roadmap

from conftest import GOOD, make_project, mkdocs
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render import urls
from roadmap_site.render.nav import ALL_ROADMAPS, MAX_TABS, build_nav, in_sections, roadmap_sections
from roadmap_site.render.sections import SECTION_SIZE

REFS = ("islr", "python-docs")  # catalog entries of tests/fixtures/good


def pages_of(nav) -> list[str]:
    """Every page of a nav, in order (what MkDocs' previous/next links follow)."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in pages_of(value)]
    return [p for item in nav for p in pages_of(item)]


def curriculum_with(tmp_path: Path, *, topics: int = 0, roadmaps: int = 0):
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    if topics:
        huge_roadmap(root, topics, REFS, project=False)
    for r in range(roadmaps):
        huge_roadmap(root, 1, REFS, roadmap=f"extra{r}", phase="only")
    result = load_curriculum(root)
    assert result.ok, [d.format() for d in result.diagnostics if d.severity == "error"]
    return result.curriculum


def test_sections_keep_every_entry_in_order():
    entries = list(range(2 * MAX_TABS + 1))
    sections = in_sections(entries, MAX_TABS, "Roadmaps")
    assert [len(next(iter(s.values()))) for s in sections] == [MAX_TABS, MAX_TABS, 1]
    assert [x for s in sections for x in next(iter(s.values()))] == entries
    assert list(sections[-1]) == [f"Roadmaps {2 * MAX_TABS + 1}"]
    assert in_sections(entries[:MAX_TABS], MAX_TABS, "Roadmaps") == entries[:MAX_TABS]


def test_a_huge_phase_is_split_into_sections_of_its_topics(tmp_path):
    count = 2 * SECTION_SIZE + 5
    curriculum = curriculum_with(tmp_path, topics=count)
    nav = build_nav(None, curriculum, ["index.md"])
    big = next(item["Big"] for item in nav if isinstance(item, dict) and "Big" in item)
    phase = big[1]["Huge"]
    assert phase[0] == urls.phase_page("big", "huge")  # still the section's index page
    sections = phase[1:]
    assert [list(s)[0] for s in sections] == [
        f"Topics 1\u2013{SECTION_SIZE}", f"Topics {SECTION_SIZE + 1}\u2013{2 * SECTION_SIZE}",
        f"Topics {2 * SECTION_SIZE + 1}\u2013{count}"]
    # each section: its own page first (Material's section index), then its topics
    firsts = [1, SECTION_SIZE + 1, 2 * SECTION_SIZE + 1]
    lasts = [SECTION_SIZE, 2 * SECTION_SIZE, count]
    assert [pages_of(s)[0] for s in sections] == [
        f"big/phases/huge/topics-{a}-{b}/index.md" for a, b in zip(firsts, lasts, strict=True)]
    assert all(len(pages_of(s)) <= SECTION_SIZE + 1 for s in sections)
    assert [p for s in sections for p in pages_of(s)[1:]] == [urls.topic_page(f"big/t{i}") for i in range(count)]
    generated = {src for src, _ in urls.generated_pages(curriculum)}
    assert {pages_of(s)[0] for s in sections} <= generated


def test_small_phases_and_few_roadmaps_keep_a_tab_each_and_flat_phases(tmp_path):
    curriculum = curriculum_with(tmp_path)
    nav = build_nav(None, curriculum, ["index.md"])
    tabs = [next(iter(item)) for item in nav if isinstance(item, dict)][:len(curriculum.roadmaps)]
    assert tabs == [r.title for r in curriculum.roadmaps]
    assert not any(str(title).startswith("Topics ") for title in _titles(nav))


def test_many_roadmaps_share_one_tab_in_sections(tmp_path):
    curriculum = curriculum_with(tmp_path, roadmaps=MAX_TABS)  # with the fixture's two: 14
    assert len(curriculum.roadmaps) > MAX_TABS
    user_nav = [{"Home": "index.md"}, {"Learn": "roadmap-site://roadmaps"}, {"About": "about.md"}]
    nav = build_nav(user_nav, curriculum, ["index.md", "about.md"])
    assert [next(iter(item)) for item in nav] == ["Home", "Learn", "About"]
    assert [list(item) for item in nav[1]["Learn"]] == [[ALL_ROADMAPS]]  # groups one level down
    sections = nav[1]["Learn"][0][ALL_ROADMAPS]
    assert [list(s)[0] for s in sections] == [f"Roadmaps 1\u2013{MAX_TABS}",
                                              f"Roadmaps {MAX_TABS + 1}\u2013{len(curriculum.roadmaps)}"]
    assert pages_of(sections) == pages_of(roadmap_sections(curriculum))  # same pages, same order


def test_a_topic_page_links_the_roadmaps_of_its_own_group_only(tmp_path):
    """Built: Material expands the groups of a tab's second level, so the groups sit a level
    lower; a page then links each roadmap of its own group, and one page of each other group."""
    curriculum = curriculum_with(tmp_path, roadmaps=2 * MAX_TABS)  # with the fixture's two: 26
    groups = [[urls.page_url(pages_of(roadmap)[0]) for roadmap in next(iter(group.values()))]
              for group in build_nav(None, curriculum, ["index.md"])[1]["Roadmaps"][0][ALL_ROADMAPS]]
    assert [len(g) for g in groups] == [MAX_TABS, MAX_TABS, 2]
    project = make_project(tmp_path, tmp_path / "curriculum")
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    roadmaps = {url for g in groups for url in g}
    for own in range(len(groups)):
        page = groups[own][1]  # a roadmap page inside the group, not its first
        html = (project / "site" / page / "index.html").read_text(encoding="utf-8")
        sidebar = html[html.index("md-nav--primary"):html.index('<div class="md-content"')]
        linked = {posixpath.normpath(posixpath.join(page, href)) + "/"
                  for href in re.findall(r'href="([^"#]+/)"', sidebar)} & roadmaps
        others = {g[0] for i, g in enumerate(groups) if i != own}  # each other group: one link
        assert linked == set(groups[own]) | others, page


def _titles(nav):
    if isinstance(nav, dict):
        for key, value in nav.items():
            yield key
            yield from _titles(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _titles(item)
