"""Progress that survives curriculum edits (issue 14, item 2), in Chromium.

One site address, rebuilt between page visits (the served folder is switched from one build to
the next, as a deployment replaces a site): a renamed topic keeps its progress, its note and its
bookmarks; a topic completed before a significant revision says so, and only then.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from browser import serve_directory
from conftest import GOOD, edit, make_project, mkdocs
from test_browser_pages import CONTRAST

pytestmark = pytest.mark.browser
SHARD = "roadmap-site:/site/:progress:basics"
SHOTS = Path("/tmp/shots-aliases")
NEXT, START, DEEP = "basics/phases/next.yml", "basics/phases/start.yml", "advanced/phases/deep.yml"
TOMORROW = (datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)).isoformat()


def renamed(root: Path) -> None:
    """basics/regression is now basics/linear-models (references updated, as a strict build needs),
    and advanced/neural-networks was basics/perceptron (moved between roadmaps)."""
    edit(root, NEXT, "  - id: regression\n", "  - id: linear-models\n    aliases: [regression]\n")
    edit(root, DEEP, "  - id: neural-networks\n", "  - id: neural-networks\n    aliases: [basics/perceptron]\n")
    edit(root, NEXT, "    - regression\n", "    - linear-models\n")
    edit(root, DEEP, "basics/regression", "basics/linear-models")


def revised(root: Path) -> None:
    """python gains a self-check (and a subtopic is only re-cased); linear-algebra's summary is
    reworded; regression is marked revised (tomorrow) by hand; neural-networks gains a check."""
    new_check = ("      - question: What does a generator function return?\n"
                 "        answer: An iterator that computes each value only when it is asked for.\n")
    edit(root, START, "    exercises:\n      - task: Write a function `word_counts",
         new_check + "    exercises:\n      - task: Write a function `word_counts")
    edit(root, START, "      - Data types\n", "      - Data Types.\n")
    edit(root, START, "summary: Vectors and matrices, the language of data.",
         "summary: Vectors and matrices; the language of all data.")
    edit(root, NEXT, "  - id: regression\n",
         f"  - id: regression\n    revised: {{date: {TOMORROW}, note: a new worked example}}\n")
    edit(root, DEEP, "    exercises:", new_check + "    exercises:")


def build(root: Path, name: str, change) -> Path:
    curriculum = root / f"{name}-curriculum"
    shutil.copytree(GOOD, curriculum)
    if change:
        change(curriculum)
    (root / name).mkdir()
    project = make_project(root / name, curriculum)
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    return project / "site"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(site URL, {build name: site folder}, switch(name)): one address, any of three builds."""
    root = tmp_path_factory.mktemp("rebuilds")
    SHOTS.mkdir(parents=True, exist_ok=True)
    sites = {name: build(root, name, change) for name, change in
             (("before", None), ("renamed", renamed), ("revised", revised))}
    served = root / "served"
    served.mkdir()

    def switch(name: str) -> None:
        link = served / "site"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(sites[name], target_is_directory=True)

    switch("before")
    with serve_directory(served) as url:
        yield url + "site/", switch


@pytest.fixture
def context(browser):
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_())  # routing turns the HTTP cache off
    yield context
    context.close()


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({SHARD!r})") or "{}")


def test_a_renamed_topic_keeps_progress_note_and_bookmark(server, context):
    url, switch = server
    switch("before")
    page = context.new_page()
    page.goto(url + "basics/regression/")
    page.check('.rs-status input[value="done"]')
    page.fill(".rs-notes textarea", "Residuals first.")
    page.locator(".rs-notes textarea").blur()
    page.wait_for_function("document.querySelector('.rs-note-status').textContent.startsWith('Saved')")
    assert stored(page)["topics"]["basics/regression"][0] == "done"

    page.close()
    switch("renamed")  # the site is rebuilt: the learner comes back later through an old bookmark
    page = context.new_page()
    page.goto(url + "basics/regression/#checks")
    page.wait_for_url(url + "basics/linear-models/#checks")
    page.wait_for_function("document.querySelector('.rs-status input[value=done]').checked")
    assert page.locator(".rs-notes textarea").input_value() == "Residuals first."
    data = stored(page)
    assert data["topics"]["basics/linear-models"][0] == "done" and "basics/regression" not in data["topics"]
    assert data["notes"]["basics/linear-models"][0] == "Residuals first." and "basics/regression" not in data["notes"]
    # the page scrolled to the fragment the bookmark asked for
    assert page.evaluate("Math.abs(document.getElementById('checks').getBoundingClientRect().top) < 200")
    page.screenshot(path=str(SHOTS / "renamed-topic-after-bookmark.png"))


def test_a_rename_keeps_the_later_change_of_each_entry(server, context):
    """Stored under both keys (another device wrote the new one later): the later change wins,
    per entry, and the old key is gone; a topic moved to another roadmap takes its entries along."""
    url, switch = server
    switch("renamed")
    page = context.new_page()
    page.goto(url)
    page.evaluate(f"""localStorage.setItem({SHARD!r}, JSON.stringify({{version: 2,
        topics: {{"basics/regression": ["done", 1000], "basics/linear-models": ["doing", 2000],
                  "basics/perceptron": ["done", 1200]}},
        notes: {{"basics/regression": ["old note", 3000], "basics/linear-models": ["older note", 500]}},
        reviews: {{"basics/regression": ["1:20000", 1500]}}}}))""")
    page.goto(url + "basics/phases/next/")  # a page without "next up": renames all the same
    page.wait_for_function(f"!localStorage.getItem({SHARD!r}).includes('basics/regression')")
    data = stored(page)
    assert data["topics"] == {"basics/linear-models": ["doing", 2000]}
    assert data["notes"] == {"basics/linear-models": ["old note", 3000]}
    assert data["reviews"] == {"basics/linear-models": ["1:20000", 1500]}
    moved = json.loads(page.evaluate("localStorage.getItem('roadmap-site:/site/:progress:advanced')"))
    assert moved["topics"] == {"advanced/neural-networks": ["done", 1200]}
    assert page.locator('[data-rs-item="basics/linear-models"]').get_attribute("data-rs-state") == "doing"


def updated_text(page) -> str | None:
    box = page.locator("[data-rs-updated]")
    page.wait_for_function("window.rs_updated !== undefined")
    return None if box.get_attribute("hidden") is not None else box.locator(".admonition-title").inner_text()


def test_updated_since_completed_only_after_a_significant_revision(server, context):
    url, switch = server
    switch("before")
    page = context.new_page()
    for key in ("basics/python", "basics/linear-algebra"):
        page.goto(url + key + "/")
        page.check('.rs-status input[value="done"]')
        assert updated_text(page) is None
    page.goto(url + "basics/")  # marked done on the drawn roadmap: its revision is recorded too
    page.click('[data-rs-toggle="basics/regression"]')
    revs = stored(page)["revs"]
    assert set(revs) == {"basics/python", "basics/linear-algebra", "basics/regression"}
    # done before revisions were recorded: no revision stored, so nothing can be said about it
    page.evaluate("""() => localStorage.setItem('roadmap-site:/site/:progress:advanced',
        JSON.stringify({version: 2, topics: {'advanced/neural-networks': ['done', 1000]}}))""")

    switch("revised")
    expected = {"basics/python": "Updated since you completed it: self-checks",
                "basics/linear-algebra": None,  # a reworded summary does not nag
                "basics/regression": "Updated since you completed it: a new worked example",
                "advanced/neural-networks": None}
    for key, text in expected.items():
        page.goto(url + key + "/")
        page.wait_for_function("document.querySelector('.rs-status input[value=done]').checked")
        assert updated_text(page) == text, key
        if text:
            page.locator("[data-rs-updated]").screenshot(path=str(SHOTS / f"updated-{key.replace('/', '--')}.png"))
    page.goto(url + "basics/python/")
    page.wait_for_selector("[data-rs-updated]:not([hidden])")
    page.screenshot(path=str(SHOTS / "updated-since-completed.png"))
    page.click("[data-rs-updated] button")  # marked as reviewed: it goes, and stays gone
    assert updated_text(page) is None
    page.reload()
    assert updated_text(page) is None
    assert page.locator('.rs-status input[value="done"]').is_checked()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_updated_notice_is_readable_in_both_schemes_on_a_phone(server, browser, scheme):
    url, switch = server
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  color_scheme="dark" if scheme == "slate" else "light")
    context.route("**/*", lambda route: route.continue_())
    page = context.new_page()
    switch("before")
    page.goto(url + "basics/python/")
    page.check('.rs-status input[value="done"]')
    switch("revised")
    page.goto(url + "basics/python/")
    page.wait_for_selector("[data-rs-updated]:not([hidden])")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    assert page.locator("[data-rs-updated] p a").get_attribute("href") == "#checks"  # what changed, one tap away
    for selector in ("[data-rs-updated] .admonition-title", "[data-rs-updated] p:not(.admonition-title)",
                     "[data-rs-updated] p a", "[data-rs-updated] button"):
        seen = page.locator(selector).evaluate(CONTRAST)
        assert seen["ratio"] >= 4.5 and seen["size"] >= 12, (selector, scheme, seen)
    box = page.locator("[data-rs-updated]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.locator("[data-rs-updated]").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"updated-390-{scheme}.png"))
    context.close()


def test_a_file_exported_before_a_rename_imports_into_the_renamed_topic(server, context, tmp_path):
    url, switch = server
    switch("renamed")
    old = tmp_path / "exported-before.json"
    old.write_text(json.dumps({"version": 2, "topics": {"basics/regression": ["done", 1000]},
                               "notes": {"basics/regression": ["from the file", 1000]},
                               "revs": {"basics/regression": ["a.b.c.d", 1000]}}))
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    page.goto(url + "basics/")
    page.set_input_files("[data-rs-tools] input[type=file]", str(old))
    message = page.locator(".rs-message").filter(has_text="1 topic and 1 note, 2 of them new here")
    message.wait_for()
    assert "Left out" not in message.inner_text()
    page.wait_for_function(f"!localStorage.getItem({SHARD!r}).includes('basics/regression')")
    data = stored(page)
    assert (data["topics"], data["notes"], data["revs"]) == ({"basics/linear-models": ["done", 1000]},
                                                             {"basics/linear-models": ["from the file", 1000]},
                                                             {"basics/linear-models": ["a.b.c.d", 1000]})
