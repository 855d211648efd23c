"""The pages this round added, as a reader sees them in Chromium: computed text colours against
their backgrounds (WCAG AA) and sizes, in light and dark, and no sideways scroll at 390 px."""

from __future__ import annotations

import pytest

from browser import served_build
from conftest import GOOD

pytestmark = pytest.mark.browser
site = served_build(GOOD, "pages")

# page -> selectors whose text must be readable there
PAGES = {
    "basics/python/": ["details.rs-check summary code"],
    "basics/regression/": ["details.rs-check summary", "details.rs-check p", ".rs-exercises li p"],
    "basics/phases/start/project/": [".rs-milestones li", ".rs-acceptance li"],
    "review/": [".rs-review-status"],
    "plan/": [".rs-plan-out p", ".rs-plan-out td", ".rs-plan-out th", ".rs-plan-ics"],
    "tracks/": ["h2 a:not(.headerlink)", ".rs-bar"],
    "tracks/neural-networks-fast/": [".rs-topic-list li > a", ".rs-topic-list strong"],
    "resources/": [".rs-filter label", ".rs-filter select", ".rs-filter-count", ".rs-catalog li"],
}

# Contrast of an element's text colour (or another colour property) against the first opaque
# background behind it.
CONTRAST = """(el, prop) => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  let bg = null;
  for (let n = el; n && !bg; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor, v = rgb(c);
    if (v.length < 4 || v[3] > 0.9) bg = v;
  }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(el)[prop || 'color']), [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return { ratio: (a + 0.05) / (b + 0.05), size: parseFloat(getComputedStyle(el).fontSize) };
}"""

# Every piece of text the article shows, with its computed size: none may be under 12 px.
SMALLEST = """() => {
  const walk = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  let small = [];
  for (let n; (n = walk.nextNode());) {
    const el = n.parentElement, box = el.getBoundingClientRect();
    if (!n.textContent.trim() || !box.width || getComputedStyle(el).visibility === 'hidden') continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) small.push([el.tagName, n.textContent.trim().slice(0, 40), size]);
  }
  return small;
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 390])
def test_new_pages_are_readable_in_both_schemes_and_on_phones(site, browser, scheme, width):
    # the reader's system preference picks the palette, as Material does on a first visit
    context = browser.new_context(viewport={"width": width, "height": 844},
                                  color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    page.goto(site)
    page.evaluate("""() => { const s = window.roadmapSiteStore;
                             s.set('basics/python', 'done'); s.set('basics/regression', 'done'); }""")
    for path, selectors in PAGES.items():
        page.goto(site + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        if path == "resources/":  # the filter shows once catalog.js has run
            page.wait_for_selector("form[data-rs-catalog]:not([hidden]) .rs-filter-count:not(:empty)")
        if path in ("review/", "plan/"):  # filled in by their scripts
            page.wait_for_function("document.querySelector('.rs-review-status, .rs-plan-out table') && !/Loading/"
                                   ".test(document.querySelector('[data-rs-review], [data-rs-plan]').innerText)")
        for selector in selectors:
            elements = page.locator(selector)
            assert elements.count() > 0, (path, selector)
            for i in range(min(elements.count(), 5)):
                seen = elements.nth(i).evaluate(CONTRAST)
                # WCAG AA: 4.5:1, or 3:1 for large text (24 px, as the track titles)
                assert seen["ratio"] >= (3 if seen["size"] >= 24 else 4.5), (path, selector, scheme, seen)
                assert seen["size"] >= 12, (path, selector, seen)
        assert page.evaluate(SMALLEST) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, width, overflow)
    context.close()


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_shows_on_the_progress_radios_and_the_drawing_phases(site, browser, scheme):
    """Both had outline: none (the radios from the browser's form styles, the phases from the
    drawing's own rule), so a keyboard user could not see where they were."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site + "basics/regression/")
    tab_to(page, ".rs-status input")
    radio = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                          " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert radio[0] != "none" and radio[1] >= 2, radio
    ring = page.locator(":focus").evaluate(CONTRAST, "outlineColor")
    assert ring["ratio"] >= 3, ring  # WCAG 1.4.11: a focus indicator against what is around it
    page.goto(site + "basics/")
    tab_to(page, ".rs-diagram:not([hidden]) a.rs-phase, .rs-diagram a.rs-phase")
    edge = page.evaluate("() => { const s = getComputedStyle(document.activeElement.querySelector('.rs-hit'));"
                         " return [s.stroke, parseFloat(s.strokeWidth)]; }")
    assert edge[0] != "none" and edge[1] >= 2, edge
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_format_reference_code_is_readable(site, browser, scheme):
    """The field tables' code (10.9 px in Material's tables) and the YAML examples' colours."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site + "curriculum-format/")
    sizes = page.evaluate("[...document.querySelectorAll('article table code')]"
                          ".map(c => parseFloat(getComputedStyle(c).fontSize))")
    assert len(sizes) > 50 and min(sizes) >= 12, min(sizes)
    tokens = page.locator("article .highlight code span[class]")
    kinds = {}
    for i in range(tokens.count()):
        kind = tokens.nth(i).get_attribute("class")
        if kind not in kinds and tokens.nth(i).inner_text().strip():
            kinds[kind] = tokens.nth(i).evaluate(CONTRAST)
    assert "no" in kinds, sorted(kinds)  # the YAML constants (true, null) that were 4.48:1 in dark
    assert all(seen["ratio"] >= 4.5 for seen in kinds.values()), kinds
    context.close()
