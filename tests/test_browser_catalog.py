"""The resources page's filter in Chromium (issue 18, item 3): by type, cost, level and roadmap,
with the number shown, kept in the URL; the type headings with nothing left hide too; without
script the page is the plain list."""

from __future__ import annotations

import pytest

from browser import served_build
from conftest import GOOD

pytestmark = pytest.mark.browser
site = served_build(GOOD, "catalog")

READY = "form[data-rs-catalog]:not([hidden]) .rs-filter-count:not(:empty)"
SHOWN = """() => [...document.querySelectorAll('ul.rs-catalog > li')]
  .filter(li => li.getBoundingClientRect().height > 0).map(li => li.id)"""
HEADINGS = """() => [...document.querySelectorAll('h2[id^="type-"]')]
  .filter(h => h.getBoundingClientRect().height > 0).map(h => h.id)"""


def choose(page, **values):
    for name, value in values.items():
        page.select_option(f"form[data-rs-catalog] select[name={name}]", value)


def test_the_filter_narrows_the_list_and_counts_it(site, browser):
    page = browser.new_page()
    page.goto(site + "resources/")
    page.wait_for_selector(READY)
    everything = page.evaluate(SHOWN)
    assert sorted(everything) == ["r-islr", "r-paid-course", "r-python-docs"]
    assert page.inner_text(".rs-filter-count") == "All 3 resources"

    choose(page, cost="free")
    assert sorted(page.evaluate(SHOWN)) == ["r-islr", "r-python-docs"]
    assert page.inner_text(".rs-filter-count") == "2 of 3 resources"
    choose(page, level="advanced")  # python-docs is beginner and advanced; islr beginner only
    assert page.evaluate(SHOWN) == ["r-python-docs"]
    assert page.evaluate(HEADINGS) == ["type-docs"]  # the book and course headings hide
    choose(page, cost="", level="", roadmap="advanced")  # cited by the Advanced roadmap's topics
    assert sorted(page.evaluate(SHOWN)) == ["r-islr", "r-python-docs"]
    choose(page, roadmap="", type="course")
    assert page.evaluate(SHOWN) == ["r-paid-course"]
    assert "type=course" in page.url

    page.goto(site + "resources/?type=book&cost=free")  # a shared, filtered link
    page.wait_for_selector(READY)
    assert page.evaluate(SHOWN) == ["r-islr"]
    assert page.input_value("select[name=type]") == "book"
    # each entry links the topics that cite it
    links = page.eval_on_selector_all("#r-islr .rs-muted a", "as => as.map(a => a.href)")
    assert sorted(links) == [site + p for p in ("advanced/neural-networks/", "basics/linear-algebra/",
                                                "basics/regression/")]
    page.close()


def test_without_script_the_page_is_the_plain_list(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "resources/")
    assert not page.is_visible("form[data-rs-catalog]")
    assert sorted(page.evaluate(SHOWN)) == ["r-islr", "r-paid-course", "r-python-docs"]
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_filter_fits_a_phone_in_both_schemes(site, browser, scheme, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    page.goto(site + "resources/")
    page.wait_for_selector(READY)
    seen = page.evaluate("""() => {
      const box = e => e.getBoundingClientRect(), cs = e => getComputedStyle(e);
      const select = document.querySelector('.rs-filter select');
      return { scheme: document.body.dataset.mdColorScheme,
               overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
               selects: [...document.querySelectorAll('.rs-filter select')]
                 .map(s => [box(s).left, box(s).right, box(s).height]),
               bg: cs(select).backgroundColor, page: cs(document.body).backgroundColor, fg: cs(select).color };
    }""")
    assert seen["scheme"] == scheme
    assert seen["overflow"] <= 0
    for left, right, height in seen["selects"]:
        assert 0 <= left and right <= 390 and height >= 32  # on screen and big enough to tap
    assert seen["bg"] == seen["page"] and seen["fg"] != seen["bg"]  # follows the scheme
    context.close()


# The type headings the table of contents lists and shows: Material's at the right (in view at
# 1280 px) and the same one in the drawer (by the entry's own display, the drawer being shut).
# Instant navigation makes the links' href absolute (…/resources/#type-book): by their hash.
TOC = """where => [...document.querySelectorAll(where + ' .md-nav--secondary a')]
  .filter(a => a.hash.startsWith('#type-'))
  .filter(a => where.includes('primary') ? getComputedStyle(a.closest('li')).display !== 'none'
                                         : a.getBoundingClientRect().height > 0)
  .map(a => a.hash.slice(1))"""
RIGHT, DRAWER = ".md-sidebar--secondary", ".md-sidebar--primary"
ALL_TYPES = ["type-docs", "type-book", "type-course"]


def test_the_table_of_contents_follows_the_hidden_headings(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "resources/")
    page.wait_for_selector(READY)
    assert page.evaluate(TOC, RIGHT) == page.evaluate(TOC, DRAWER) == ALL_TYPES

    choose(page, cost="free", level="advanced")  # only python-docs is left
    assert page.evaluate(HEADINGS) == ["type-docs"]
    assert page.evaluate(TOC, RIGHT) == page.evaluate(TOC, DRAWER) == ["type-docs"]
    assert not page.is_visible(f'{RIGHT} a[href$="#type-book"]')

    page.reload()  # the choice is kept in the URL, and so is what the contents list
    page.wait_for_selector(READY)
    assert page.evaluate(TOC, RIGHT) == page.evaluate(TOC, DRAWER) == ["type-docs"]

    choose(page, cost="", level="")  # cleared: every heading and its entry are back
    assert page.evaluate(HEADINGS) == ALL_TYPES
    assert page.evaluate(TOC, RIGHT) == page.evaluate(TOC, DRAWER) == ALL_TYPES
    choose(page, type="course")
    assert page.evaluate(TOC, RIGHT) == ["type-course"]
    # what is left leads to its heading and keeps the choice (the links were loaded with the
    # reload's ?cost=free&level=advanced, which would hide the course again)
    page.click(f'{RIGHT} a[href$="#type-course"]')
    page.wait_for_url(lambda url: url.endswith("/resources/?type=course#type-course"), timeout=5000)
    page.wait_for_selector(READY)
    assert page.is_visible("#type-course") and page.evaluate(SHOWN) == ["r-paid-course"]
    page.close()


def test_the_filtered_contents_fit_a_phone(site, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + "resources/?type=book")
    page.wait_for_selector(READY)
    assert page.evaluate(TOC, DRAWER) == ["type-book"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("label.md-header__button[for=__drawer]")  # the drawer, then its table of contents
    page.click(f"{DRAWER} label.md-nav__link[for=__toc]")
    page.wait_for_timeout(400)  # the drawer slides in
    assert page.is_visible(f'{DRAWER} .md-nav--secondary a[href$="#type-book"]')
    assert not page.is_visible(f'{DRAWER} .md-nav--secondary a[href$="#type-docs"]')
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
