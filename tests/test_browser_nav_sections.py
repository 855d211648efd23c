"""A huge phase's navigation in Chromium: its topics come in sections of SECTION_SIZE, a topic
page carries only its own section's links, and the sections read and work like the rest of
Material's navigation in light and dark mode and on a 390 px phone (render/nav.py). The same
for more than MAX_TABS roadmaps, in groups under "All roadmaps". Screenshots go to
/tmp/shots-perf/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from big_phase import huge_roadmap

from browser import serve_directory
from conftest import GOOD, make_project, mkdocs
from roadmap_site.render.nav import ALL_ROADMAPS, MAX_TABS
from roadmap_site.render.sections import SECTION_SIZE

SHOTS = Path("/tmp/shots-perf")
COUNT = 2 * SECTION_SIZE + 5


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sections")
    curriculum = tmp / "curriculum"
    shutil.copytree(GOOD, curriculum)
    huge_roadmap(curriculum, COUNT, ("islr", "python-docs"))
    project = make_project(tmp, curriculum)
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    with serve_directory(project / "site") as url:
        yield url, project / "site"


def test_a_topic_page_links_only_the_topics_of_its_own_section(site):
    _, folder = site
    html = (folder / "big" / "t50" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary"):html.index('<div class="md-content"')]  # the sidebar
    linked = {int(n) for n in re.findall(r'href="\.\./t(\d+)/"', nav)}
    # its section (41-80) in full; of the others, at most the link that opens them
    assert set(range(SECTION_SIZE, 2 * SECTION_SIZE)) - {50} <= linked
    assert len(linked - set(range(SECTION_SIZE, 2 * SECTION_SIZE))) <= 2, sorted(linked)
    assert f"Topics 1\u2013{SECTION_SIZE}" in nav and f"Topics {2 * SECTION_SIZE + 1}\u2013{COUNT}" in nav


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 390])
def test_sections_read_and_open_like_material_sections(site, browser, scheme, width):
    url, _ = site
    page = browser.new_page(viewport={"width": width, "height": 844})
    try:
        page.goto(url + "big/t50/")
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        if width < 1220:  # Material's drawer: the menu button opens it
            page.click("label.md-header__button[for='__drawer']")
            page.wait_for_timeout(400)
        name = f"Topics {SECTION_SIZE + 1}\u2013{2 * SECTION_SIZE}"
        if width < 1220:  # the drawer shows the page's own section as a panel, titled with it
            section = page.locator(".md-nav--primary label.md-nav__title", has_text=name).first
        else:
            section = page.locator(".md-nav--primary .md-nav__item--active a.md-nav__link", has_text=name).first
        # (Material keeps hidden copies of some links, for its other layouts: the visible one)
        active = page.locator(".md-nav--primary .md-nav__link--active >> visible=true", has_text="Topic 50").first
        first = page.locator(".md-nav--primary a.md-nav__link >> visible=true", has_text=f"Topic {SECTION_SIZE}").first
        other = page.locator(".md-nav--primary a.md-nav__link", has_text=f"Topics 1\u2013{SECTION_SIZE}")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"sections-{scheme}-{width}.png"))
        check_readable(page, [section, active, first], width, background)
        if width < 1220:
            section.click()  # back to the phase's panel, which lists its sections
            page.wait_for_timeout(400)
        other = other.locator("visible=true").first
        check_readable(page, [other], width, background)
        other.click()  # a collapsed section opens on its own page, which lists its topics
        page.wait_for_url(re.compile(rf".*/big/phases/huge/topics-1-{SECTION_SIZE}/$"))
        listed = page.locator("article .rs-topic-list li a")
        assert listed.count() == SECTION_SIZE and listed.first.inner_text() == "Topic 0"
        page.screenshot(path=str(SHOTS / f"section-page-{scheme}-{width}.png"))
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    finally:
        page.close()


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """The good fixture and 2 * MAX_TABS more roadmaps (e00, e01, ...): three groups."""
    tmp = tmp_path_factory.mktemp("many")
    curriculum = tmp / "curriculum"
    shutil.copytree(GOOD, curriculum)
    for r in range(2 * MAX_TABS):
        huge_roadmap(curriculum, 1, ("islr", "python-docs"), roadmap=f"e{r:02}", phase="only")
    project = make_project(tmp, curriculum)
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    with serve_directory(project / "site") as url:
        yield url


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 390])
def test_roadmap_groups_read_and_open_like_material_sections(many, browser, scheme, width):
    page = browser.new_page(viewport={"width": width, "height": 844})
    try:
        page.goto(many + "e15/")  # the second group holds the 13th to 24th roadmaps
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        group = f"Roadmaps {MAX_TABS + 1}\u2013{2 * MAX_TABS}"
        nav = ".md-nav--primary"
        if width < 1220:  # the drawer opens on the roadmap's own panel; its title goes up a level
            page.click("label.md-header__button[for='__drawer']")
            page.wait_for_timeout(400)
            title = page.locator(f"{nav} label.md-nav__title >> visible=true", has_text="E15").first
            check_readable(page, [title], width, background)
            title.click()
            page.wait_for_timeout(400)
            up = page.locator(f"{nav} label.md-nav__title >> visible=true", has_text=group).first
            check_readable(page, [up], width, background)
            mates = page.locator(f"{nav} a.md-nav__link >> visible=true", has_text="E14")
            check_readable(page, [mates.first], width, background)
            up.click()  # the groups' panel
            page.wait_for_timeout(400)
        else:
            current = page.locator(f"{nav} .md-nav__link--active >> visible=true", has_text="E15").first
            mates = page.locator(f"{nav} a.md-nav__link >> visible=true", has_text="E14").first
            label = page.locator(f"{nav} .md-nav__item--active > .md-nav__link >> visible=true",
                                 has_text=group).first
            check_readable(page, [current, mates, label], width, background)
        assert page.locator(f"{nav} >> text={ALL_ROADMAPS}").count() >= 1
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"groups-{scheme}-{width}.png"))
        last = page.locator(f"{nav} a.md-nav__link >> visible=true",
                            has_text=f"Roadmaps {2 * MAX_TABS + 1}\u2013").first
        check_readable(page, [last], width, background)
        last.click()  # another group is one link, to its first roadmap
        page.wait_for_url(re.compile(r".*/e22/$"))
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    finally:
        page.close()


def check_readable(page, items, width: int, background: str) -> None:
    """Each item on screen, inside the viewport, at least 12 px, with 3:1 contrast."""
    for item in items:
        item.scroll_into_view_if_needed()
        box = item.bounding_box()
        assert box and box["width"] > 20 and box["height"] >= 12
        assert 0 <= box["x"] and box["x"] + box["width"] <= width
        colour, size, visibility = item.evaluate(
            "e => { const s = getComputedStyle(e); return [s.color, s.fontSize, s.visibility]; }")
        assert visibility == "visible" and float(size[:-2]) >= 12
        assert _contrast(colour, background) >= 3.0, (colour, background)


def _contrast(a: str, b: str) -> float:
    def luminance(css: str) -> float:
        r, g, b_, *alpha = (float(x) for x in re.findall(r"[\d.]+", css))
        def channel(c: float) -> float:
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b_)
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
