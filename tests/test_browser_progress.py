"""Progress tracking and the diagram in headless Chromium, on a real build of the fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import served_build
from conftest import GOOD

pytestmark = pytest.mark.browser
TOPIC = "basics/regression"


site = served_build(GOOD, "browser")


def state_of_item(page, key: str) -> str | None:
    return page.get_attribute(f'[data-rs-item="{key}"]', "data-rs-state")


def test_mark_done_is_seen_everywhere_after_reload(site, browser, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + "basics/regression/")
    done = page.get_by_role("radio", name="Done")
    assert not done.is_checked()
    done.check()
    page.reload()
    assert page.get_by_role("radio", name="Done").is_checked()

    page.goto(site + "basics/phases/next/")
    assert state_of_item(page, TOPIC) == "done"
    assert "1 of 1 topics done (100%)" in page.locator(".rs-bar label").inner_text()

    page.goto(site + "basics/")
    assert state_of_item(page, TOPIC) == "done"
    assert page.get_attribute(f'.rs-node[data-rs-topic="{TOPIC}"]', "data-rs-state") == "done"
    colour = page.eval_on_selector(f'.rs-node[data-rs-topic="{TOPIC}"] rect',
                                   "r => getComputedStyle(r).stroke")
    plain = page.eval_on_selector('.rs-node[data-rs-topic="basics/python"] rect',
                                  "r => getComputedStyle(r).stroke")
    assert colour != plain
    assert "1 of 3 topics done (33%)" in page.locator(".rs-bar label").first.inner_text()

    page.goto(site)
    bars = page.locator(".rs-overview .rs-bar label").all_inner_texts()
    assert bars[0].endswith("1 of 3 topics done (33%)") and bars[1].endswith("0 of 1 topics done (0%)")
    assert errors == []
    context.close()


def test_export_then_import_into_fresh_context(site, browser, tmp_path):
    first = browser.new_context(accept_downloads=True)
    page = first.new_page()
    page.goto(site + "basics/python/")
    page.get_by_role("radio", name="In progress").check()
    page.goto(site + "basics/linear-algebra/")
    page.get_by_role("radio", name="Skipped").check()
    page.goto(site + "basics/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["version"] == 2
    assert {k: v[0] for k, v in data["topics"].items()} == {"basics/python": "doing",
                                                            "basics/linear-algebra": "skipped"}
    first.close()

    fresh = browser.new_context()
    page = fresh.new_page()
    page.on("dialog", lambda d: d.accept())
    page.goto(site + "basics/")
    assert state_of_item(page, "basics/python") == "todo"
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "topics": {"basics/python": "finished"}}')
    page.set_input_files('[data-rs-tools] input[type=file]', str(bad))
    message = page.locator(".rs-message")
    message.filter(has_text="Import failed").wait_for()
    assert state_of_item(page, "basics/python") == "todo"
    page.set_input_files('[data-rs-tools] input[type=file]', str(exported))
    message.filter(has_text="2 topics and 0 notes, 2 of them new here").wait_for()
    assert state_of_item(page, "basics/python") == "doing"
    assert state_of_item(page, "basics/linear-algebra") == "skipped"
    page.goto(site + "basics/python/")
    assert page.get_by_role("radio", name="In progress").is_checked()
    fresh.close()


def test_reset_asks_first(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "basics/python/")
    page.get_by_role("radio", name="Done").check()
    page.goto(site + "basics/")
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Reset progress").click()
    assert state_of_item(page, "basics/python") == "done"
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert state_of_item(page, "basics/python") == "todo"
    context.close()


def test_diagram_node_click_lands_on_topic_and_toggle_marks_progress(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "basics/")
    toggle = page.locator(f'.rs-diagram:visible [data-rs-toggle="{TOPIC}"]')
    toggle.focus()
    page.keyboard.press("p")  # in progress, from the keyboard (Enter would mark it done)
    assert page.get_attribute(f'.rs-node[data-rs-topic="{TOPIC}"]', "data-rs-state") == "doing"
    assert "in progress" in toggle.get_attribute("aria-label")
    page.locator(f'.rs-diagram:visible .rs-node[data-rs-topic="{TOPIC}"] a').click()
    page.wait_for_url("**/basics/regression/")
    assert page.locator("h1").inner_text() == "Regression"
    assert page.get_by_role("radio", name="In progress").is_checked()
    context.close()


def test_progress_survives_instant_navigation(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "basics/python/")
    page.get_by_role("radio", name="Done").check()
    # Material's instant navigation swaps the page without a reload; the script must re-run.
    page.locator(".md-tabs__link", has_text="Basics").click()
    page.wait_for_url("**/basics/")
    page.wait_for_function("document.querySelector('[data-rs-item=\"basics/python\"]')"
                           "?.getAttribute('data-rs-state') === 'done'")
    context.close()


def test_plugin_assets_stay_small():
    """Issue 14: the CSS and JS every page loads stay under 30 KB uncompressed, all files
    together; a script one page loads itself (the Review page's) stays small too."""
    from roadmap_site import site_assets

    root = Path(__file__).resolve().parent.parent / "src/roadmap_site/assets"
    names = {p.name for p in root.iterdir() if p.suffix in (".css", ".js")}
    assert names == {*site_assets.EVERY_PAGE, *site_assets.ON_DEMAND}  # nothing shipped unlisted
    served = {name: len(site_assets.read(name)) for name in names}  # what readers download
    assert sum(served[name] for name in site_assets.EVERY_PAGE) <= 30 * 1024
    assert all(served[name] <= 8 * 1024 for name in site_assets.ON_DEMAND)


def test_keyboard_reaches_diagram_links_toggles_and_progress_controls(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "basics/")
    seen = set()
    for _ in range(250):
        page.keyboard.press("Tab")
        seen.add(page.evaluate(
            "(() => { const a = document.activeElement;"
            " if (a.closest('.rs-node') && a.matches('a')) return 'node-link';"
            " if (a.matches('[data-rs-toggle]')) return 'toggle';"
            " if (a.closest('[data-rs-tools]') && a.matches('button')) return 'tool'; return 'other'; })()"))
        if {"node-link", "toggle", "tool"} <= seen:
            break
    assert {"node-link", "toggle", "tool"} <= seen
    page.goto(site + "basics/python/")
    radio = page.get_by_role("radio", name="Not started")
    radio.focus()
    page.keyboard.press("ArrowRight")  # radios move and select with arrow keys
    assert page.get_by_role("radio", name="In progress").is_checked()
    context.close()


def test_phone_width_has_no_horizontal_page_scroll(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    page = context.new_page()
    for path in ("", "basics/", "basics/regression/", "resources/"):
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()
