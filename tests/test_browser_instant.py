"""The learner's scripts under Material's instant navigation, as on the published site: a link
swaps the page without loading a new document, and each page's script must act as after a full
load (the site is built for the address it is served at, or Material would load every page)."""

from __future__ import annotations

import pytest

from browser import served_build
from conftest import GOOD

pytestmark = pytest.mark.browser
site = served_build(GOOD, "instant", at_site_url=True)


def open_page(browser, url: str, **context):
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("window.roadmapSiteStore !== undefined")
    page.evaluate("window.rs_same_document = true")  # gone after a full load
    return ctx, page, errors


def same_document(page) -> bool:
    return page.evaluate("window.rs_same_document === true")


def tab(page, name: str, path: str) -> None:
    page.locator(".md-tabs a", has_text=name).click()
    page.wait_for_url("**/" + path)


def test_a_revealed_answer_is_not_carried_to_the_next_visit(site, browser):
    ctx, page, errors = open_page(browser, site + "basics/regression/")
    page.get_by_role("radio", name="Done").check()
    tab(page, "Review", "review/")
    card = page.locator(".rs-review-card")
    card.get_by_role("button", name="Show the answer").click()
    assert page.locator(".rs-review-answer").count() == 1
    tab(page, "Basics", "basics/")
    tab(page, "Review", "review/")
    page.wait_for_function("document.querySelector('.rs-review-card')?.childElementCount > 0")
    assert same_document(page)
    assert page.locator(".rs-review-answer").count() == 0
    assert card.get_by_role("button").all_inner_texts() == ["Show the answer"]
    assert errors == []
    ctx.close()


def test_the_state_menu_does_not_outlive_its_page(site, browser):
    """Back and forward swap the page without a click: the menu (and a "needs" note) opened on
    the roadmap page must not stay over the next one."""
    ctx, page, errors = open_page(browser, site + "basics/")
    page.locator(".md-sidebar--primary a", has_text="Regression").first.click()
    page.wait_for_url("**/basics/regression/")
    page.go_back()
    page.wait_for_url("**/basics/")
    page.wait_for_function("document.querySelector('.rs-diagram [data-rs-toggle]') !== null")
    toggle = page.locator('.rs-diagram:visible [data-rs-toggle="basics/regression"]')
    toggle.focus()
    page.keyboard.press("m")
    assert page.locator(".rs-menu").count() == 1
    page.go_forward()
    page.wait_for_url("**/basics/regression/")
    page.wait_for_function("document.querySelector('.rs-menu') === null", timeout=5000)
    page.go_back()
    page.wait_for_url("**/basics/")
    page.locator(".rs-diagram:visible .rs-needs").first.click()
    assert page.locator(".rs-pop").count() == 1
    page.go_forward()
    page.wait_for_url("**/basics/regression/")
    page.wait_for_function("document.querySelector('.rs-pop') === null", timeout=5000)
    assert same_document(page) and errors == []
    ctx.close()


def test_a_page_script_still_loading_is_not_asked_for_twice(site, browser):
    """Leave the plan before plan.js has arrived, and come back: one copy runs (two would
    attach every listener twice)."""
    ctx = browser.new_context()
    ctx.add_init_script("""{ let set = 0, value;
        Object.defineProperty(window, 'rs_plan', {configurable: true, get: () => value,
                                                  set: v => { set++; value = v; }});
        window.rs_plan_set = () => set; }""")
    page = ctx.new_page()
    page.goto(site + "basics/")
    page.evaluate("window.rs_same_document = true")
    held: list = []  # requests for plan.js, answered once released
    page.route("**/plan.js", lambda route: route.continue_() if held == [None] else held.append(route))
    tab(page, "Plan", "plan/")
    tab(page, "Basics", "basics/")
    tab(page, "Plan", "plan/")
    waiting, held[:] = list(held), [None]
    for route in waiting:
        route.continue_()
    # (null-safe: the address changes before Material swaps the page in)
    page.wait_for_function("!/^Loading|^$/.test(document.querySelector('.rs-plan-out')?.textContent ?? '')")
    assert same_document(page)
    assert len(waiting) == 1 and page.evaluate("window.rs_plan_set()") == 1
    ctx.close()


def test_a_link_in_the_drawing_navigates_instantly_and_back(site, browser):
    """Material takes HTML links only; the drawing's SVG links go through it too (a whole page
    load before), with the history a learner expects."""
    ctx, page, errors = open_page(browser, site + "basics/")
    page.locator(".rs-diagram:visible").get_by_role("link", name="Regression", exact=True).click()
    page.wait_for_url("**/basics/regression/")
    page.get_by_role("radio", name="Done").wait_for()
    assert same_document(page)
    page.go_back()
    page.wait_for_url("**/basics/")
    page.wait_for_function("document.querySelector('.rs-diagram [data-rs-toggle]') !== null")
    page.locator(".rs-diagram:visible .rs-phase").first.click()  # a phase's title
    page.wait_for_url("**/basics/phases/**")
    assert same_document(page) and errors == []
    ctx.close()
