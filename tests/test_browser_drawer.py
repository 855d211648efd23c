"""The navigation drawer (below 1220 px) with the keyboard, in Chromium: what the drawer hides
takes no Tab stop, its menu button and its level labels work with Tab, Enter, Space and Escape,
and focus stays where a reader can see it (docs/assets/drawer.js, site.css). Material alone
left the menu button out of reach and walked Tab through the closed drawer's links."""

from __future__ import annotations

import pytest

from browser import served_build
from conftest import GOOD

pytestmark = pytest.mark.browser
site = served_build(GOOD, "drawer")

MENU = 'label.md-header__button[for="__drawer"]'
# The focused element, whether it is in the drawer, and whether a reader sees it: on screen
# and on top at its centre (the drawer stacks its levels; a covered link is not seen). The
# tooltip Material shows for a focused link does not count as covering.
FOCUS = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  const top = box.width && box.height && document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    .find(e => !e.closest('.md-tooltip, .md-tooltip2'));
  return { tag: el.tagName, text: el.textContent.trim().slice(0, 40), drawer: !!el.closest('.md-sidebar--primary'),
           seen: !!(top && el.contains(top)), menu: el.matches('label.md-header__button') };
}"""
OPEN = "document.getElementById('__drawer').checked"


def tabs(page, count: int) -> list[dict]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS))
    return stops


@pytest.mark.parametrize("width", [390, 1000])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_closed_drawer_takes_no_tab_stop_and_the_menu_button_does(site, browser, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site + "basics/regression/")
    stops = tabs(page, 40)
    assert not [s for s in stops if s["drawer"]], stops  # the links of the closed drawer
    assert any(s["menu"] for s in stops[:3])
    button = page.locator(MENU)
    assert button.get_attribute("role") == "button" and button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-label")
    context.close()


@pytest.mark.parametrize("key", ["Enter", " "])
def test_menu_button_opens_the_drawer_and_every_stop_in_it_is_seen(site, browser, key):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "basics/regression/")
    page.focus(MENU)
    page.keyboard.press(key)
    page.wait_for_function(OPEN)
    assert page.locator(MENU).get_attribute("aria-expanded") == "true"
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary')")  # after the slide
    first = page.evaluate(FOCUS)
    assert first["seen"], first
    stops = [first]
    while stops[-1]["drawer"] and len(stops) < 60:
        stops += tabs(page, 1)
    inside = [s for s in stops if s["drawer"]]
    assert len(inside) >= 3 and all(s["seen"] for s in inside), inside
    page.keyboard.press("Shift+Tab")  # back to the drawer's last link, then close
    assert page.evaluate(FOCUS)["drawer"]
    page.keyboard.press("Escape")
    page.wait_for_function(f"!{OPEN}")
    assert page.evaluate(FOCUS)["menu"]
    assert page.locator(MENU).get_attribute("aria-expanded") == "false"
    context.close()


def test_level_labels_go_up_and_down_with_the_keyboard(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "basics/regression/")
    page.focus(MENU)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary')")
    level = page.evaluate(FOCUS)  # the open level's title: "back" to the roadmap
    assert level["tag"] == "LABEL" and level["seen"], level
    page.keyboard.press("Enter")  # up a level: focus on the entry that opens the one just left
    page.wait_for_function("document.activeElement.matches('label.md-nav__link')")
    entry = page.evaluate(FOCUS)
    assert entry["seen"] and entry["drawer"], entry
    page.keyboard.press(" ")  # and down again
    page.wait_for_function("document.activeElement.matches('label.md-nav__title')")
    assert page.evaluate(FOCUS)["seen"]
    context.close()


def test_wide_screen_keeps_the_sidebar_in_the_tab_order(site, browser):
    """At 1280 px the navigation is a sidebar, always shown: what hides the closed drawer must
    not hide it."""
    context = browser.new_context(viewport={"width": 1280, "height": 844})
    page = context.new_page()
    page.goto(site + "basics/regression/")
    stops = tabs(page, 40)
    assert [s for s in stops if s["drawer"]], stops
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility") == "visible"
    context.close()
