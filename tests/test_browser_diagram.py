"""The drawn roadmap in headless Chromium, on a build of the real curriculum: computed colours in
light and dark (and after the palette toggle), geometry on a phone, labels inside their boxes,
one-tap done, the state menu, and hover highlighting. axe-core does not check SVG text, so the
contrast ratios are computed here from the colours the browser resolved."""

from __future__ import annotations

import json
import re

import pytest

from browser import served_build
from conftest import ROOT

pytestmark = pytest.mark.browser

KEY = "roadmap-site:progress:v1"
PROGRESS = {"version": 1, "topics": {"ml/what-is-ml": "done", "ml/ml-workflow": "doing",
                                     "ml/linear-regression": "done", "ml/logistic-regression": "skipped"}}
SEED = f"localStorage.getItem({KEY!r}) || localStorage.setItem({KEY!r}, {json.dumps(json.dumps(PROGRESS))})"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 3}
READY = """() => document.querySelector('.rs-node[data-rs-state], [data-rs-count]')
  && [...document.querySelectorAll('.rs-node[data-rs-topic]')].every(n => n.hasAttribute('data-rs-state'))
  && [...document.querySelectorAll('[data-rs-count]')].every(n => n.textContent)"""
ROADMAPS = ["foundations", "ml", "dl", "llm", "mlops", "system-design"]


site = served_build(ROOT / "curriculum", "diagram")


def open_page(browser, url: str, **context):
    ctx = browser.new_context(**context)
    ctx.add_init_script(SEED)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function(READY)
    return ctx, page, errors


# -- contrast from computed colours ---------------------------------------------------------------

def parse(colour: str) -> tuple[float, float, float, float]:
    nums = [float(n) for n in re.findall(r"[\d.]+", colour)]
    assert colour.startswith("rgb") and len(nums) in (3, 4), colour
    return (*nums[:3], nums[3] if len(nums) == 4 else 1.0)


def over(fg: str, bg: str) -> tuple[float, float, float]:
    r, g, b, a = parse(fg)
    br, bgc, bb, ba = parse(bg)
    assert ba == 1.0, bg
    return (r * a + br * (1 - a), g * a + bgc * (1 - a), b * a + bb * (1 - a))


def luminance(rgb) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    lf, lb = luminance(over(fg, bg)), luminance(over(bg, bg))
    return (max(lf, lb) + 0.05) / (min(lf, lb) + 0.05)


COLOURS = """() => {
  const cs = (el, p) => getComputedStyle(el)[p];
  const svg = [...document.querySelectorAll('svg.rs-diagram')].find(s => s.getBoundingClientRect().width > 0);
  const node = state => svg.querySelector(`.rs-node[data-rs-state="${state}"]`);
  const todo = node('todo');
  const out = {scheme: document.body.getAttribute('data-md-color-scheme'),
    page: cs(document.body, 'backgroundColor'),
    fill: cs(todo.querySelector('.rs-box'), 'fill'),
    label: [...svg.querySelectorAll('.rs-label')].map(t => cs(t, 'fill')),
    meta: [...svg.querySelectorAll('.rs-meta')].map(t => cs(t, 'fill')),
    chipText: [...svg.querySelectorAll('.rs-needs text')].map(t => cs(t, 'fill')),
    chipFill: cs(svg.querySelector('.rs-needs .rs-chip'), 'fill'),
    lines: [...svg.querySelectorAll('.rs-edges .rs-line')].map(p => cs(p, 'stroke')),
    arrow: cs(svg.querySelector('marker path'), 'fill'),
    phase: cs(svg.querySelector('.rs-phase-title'), 'fill'),
    glyphs: {}};
  for (const s of ['todo', 'doing', 'done', 'skipped']) {
    const n = node(s);
    out.glyphs[s] = {circleFill: cs(n.querySelector('.rs-toggle circle'), 'fill'),
      circleStroke: cs(n.querySelector('.rs-toggle circle'), 'stroke'),
      shown: [...n.querySelectorAll('.rs-toggle path')].filter(p => cs(p, 'display') !== 'none')
        .map(p => ({cls: p.getAttribute('class'), fill: cs(p, 'fill'), stroke: cs(p, 'stroke')})),
      box: cs(n.querySelector('.rs-box'), 'stroke'), dash: cs(n.querySelector('.rs-box'), 'strokeDasharray'),
      decoration: cs(n.querySelector('.rs-label'), 'textDecorationLine')};
  }
  return out;
}"""


def check_colours(c: dict) -> None:
    assert c["label"] and c["lines"] and c["meta"] and c["chipText"]
    for text in c["label"] + c["meta"]:
        assert contrast(text, c["fill"]) >= 4.5, (c["scheme"], text, c["fill"])
    for text in c["chipText"]:
        assert contrast(text, c["chipFill"]) >= 4.5
    arrow = [] if c["arrow"] == "context-stroke" else [c["arrow"]]  # else the line's own colour
    for line in [*c["lines"], *arrow]:
        assert contrast(line, c["page"]) >= 3, (c["scheme"], line, c["page"])
    assert contrast(c["phase"], c["page"]) >= 4.5
    g = c["glyphs"]
    # each state has its own glyph, not only its own colour
    assert [p["cls"] for p in g["todo"]["shown"]] == []
    assert [p["cls"] for p in g["done"]["shown"]] == ["rs-glyph-done"]
    assert [p["cls"] for p in g["doing"]["shown"]] == ["rs-glyph-doing"]
    assert [p["cls"] for p in g["skipped"]["shown"]] == ["rs-glyph-skipped"]
    assert g["skipped"]["decoration"] == "line-through" and g["skipped"]["dash"] != "none"
    # and every glyph stands out (non-text contrast, 3:1) against the node
    assert contrast(g["todo"]["circleStroke"], c["fill"]) >= 3
    assert contrast(g["done"]["circleFill"], c["fill"]) >= 3
    assert contrast(g["done"]["shown"][0]["stroke"], g["done"]["circleFill"]) >= 3  # the tick
    assert contrast(g["doing"]["shown"][0]["fill"], c["fill"]) >= 3
    assert contrast(g["skipped"]["shown"][0]["stroke"], c["fill"]) >= 3
    assert len({g[s]["box"] for s in ("todo", "doing", "done")}) == 3


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_colours_resolve_in_the_scheme_and_after_the_toggle(site, browser, scheme):
    ctx, page, errors = open_page(browser, site + "ml/", color_scheme=scheme)
    before = page.evaluate(COLOURS)
    assert before["scheme"] == {"light": "default", "dark": "slate"}[scheme]
    check_colours(before)
    # Material's palette toggle switches the scheme on body without a reload
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before['scheme']!r}")
    after = page.evaluate(COLOURS)
    check_colours(after)
    assert after["fill"] != before["fill"] and after["label"][0] != before["label"][0]
    assert after["lines"][0] != before["lines"][0]
    dark = before if scheme == "dark" else after
    assert luminance(over(dark["fill"], dark["fill"])) < 0.1  # dark nodes in the dark scheme
    assert errors == []
    ctx.close()


# -- desktop and phone geometry --------------------------------------------------------------------

GEOMETRY = """() => {
  const svg = [...document.querySelectorAll('svg.rs-diagram')].find(s => s.getBoundingClientRect().width > 0);
  const scale = svg.getScreenCTM().a, r = el => el.getBoundingClientRect();
  const nodes = [...svg.querySelectorAll('.rs-node')].map(g => {
    const box = r(g.querySelector('.rs-box'));
    return {key: g.getAttribute('data-rs-topic') || g.getAttribute('data-rs-roadmap'),
      box: [box.left, box.top, box.right, box.bottom],
      spans: [...g.querySelectorAll('.rs-label tspan, .rs-meta, .rs-needs text')].map(t => {
        const b = r(t); return [b.left, b.top, b.right, b.bottom]; }),
      toggle: g.querySelector('.rs-toggle') && [r(g.querySelector('.rs-toggle')).width,
                                                r(g.querySelector('.rs-toggle')).height],
      link: [r(g.querySelector('a')).width, r(g.querySelector('a')).height],
      chip: g.querySelector('.rs-needs') && [r(g.querySelector('.rs-needs')).width,
                                             r(g.querySelector('.rs-needs')).height],
      apart: !g.querySelector('.rs-needs') || (b => r(g.querySelector('.rs-toggle')).bottom <= b.top
                                                   || r(g.querySelector('.rs-toggle')).right <= b.left)(
                                                  r(g.querySelector('.rs-needs')))};
  });
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const phases = [...svg.querySelectorAll('.rs-phase')].map(a => [r(a).width, r(a).height]);
  return {kind: svg.getAttribute('class'), scale, nodes, sizes, phases, width: window.innerWidth,
    scroll: document.documentElement.scrollWidth};
}"""


def inside(inner, outer, slack: float = 0.5) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


@pytest.mark.parametrize("path", [f"{r}/" for r in ROADMAPS] + [""])
def test_phone_shows_one_column_that_fits_with_big_enough_text_and_targets(site, browser, path):
    ctx, page, errors = open_page(browser, site + path, **PHONE)
    g = page.evaluate(GEOMETRY)
    assert "rs-narrow" in g["kind"]
    assert g["scroll"] <= g["width"]  # no page-level horizontal scroll
    assert g["nodes"]
    for node in g["nodes"]:
        assert 0 <= node["box"][0] and node["box"][2] <= g["width"], node["key"]  # on screen
        assert node["link"][0] >= 24 and node["link"][1] >= 24
        for target in (node["toggle"], node["chip"]):
            assert target is None or min(target) >= 24, node
        assert node["apart"], node  # the two targets do not overlap
        for span in node["spans"]:
            assert inside(span, node["box"]), node["key"]
    assert min(g["sizes"]) >= 12, min(g["sizes"])
    assert all(min(p) >= 24 for p in g["phases"])
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("width", [1280, 1024, 800, 700, 640])
def test_the_drawing_shown_at_any_width_has_12_px_text(site, browser, width):
    """Material's desktop column is 688 px wide, narrower than the wide drawing: it shrinks to
    fit, and its smallest text must still be 12 px on screen, as on a phone."""
    ctx, page, errors = open_page(browser, site, viewport={"width": width, "height": 900})
    for path in [f"{r}/" for r in ROADMAPS] + [""]:
        page.goto(site + path)
        page.wait_for_function(READY)
        g = page.evaluate(GEOMETRY)
        assert min(g["sizes"]) >= 12, (width, path, g["kind"], g["scale"], min(g["sizes"]))
        assert g["scroll"] <= g["width"]
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("path", [f"{r}/" for r in ROADMAPS] + [""])
def test_desktop_labels_stay_inside_their_boxes(site, browser, path):
    ctx, page, errors = open_page(browser, site + path, viewport={"width": 1280, "height": 900})
    g = page.evaluate(GEOMETRY)
    assert "rs-wide" in g["kind"] and g["scroll"] <= g["width"]
    for node in g["nodes"]:
        for span in node["spans"]:
            assert inside(span, node["box"]), node["key"]
        for a, b in zip(node["spans"], node["spans"][1:], strict=False):
            assert a[3] <= b[1] + 1 or a[2] <= b[0] or b[2] <= a[0], node["key"]  # no two overlap
    assert errors == []
    ctx.close()


# -- progress from the diagram -----------------------------------------------------------------------

def state(page, key: str) -> str:
    return page.get_attribute(f'.rs-diagram:visible .rs-node[data-rs-topic="{key}"]', "data-rs-state")


def touch(page, target, hold_ms: int, move: float = 0) -> None:
    """A finger on ``target`` for ``hold_ms``, moved by ``move`` px before it lifts: touch
    events as a phone's screen sends them (Chromium makes the pointer events and the click)."""
    box = target.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    if move:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y + move}]})
    page.wait_for_timeout(hold_ms)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(100)
    cdp.detach()


def test_a_long_press_opens_the_menu_and_marks_nothing(site, browser):
    """The help says a long press opens the menu. iOS sends no contextmenu event for it, so the
    page times the press itself; the tap that ends it must not also mark the topic done."""
    ctx, page, errors = open_page(browser, site + "ml/", **PHONE)
    key = "ml/decision-trees"
    toggle = page.locator(f'.rs-diagram:visible [data-rs-toggle="{key}"]')
    toggle.scroll_into_view_if_needed()
    page.evaluate("document.addEventListener('contextmenu', e => e.stopImmediatePropagation(), true)")  # as iOS
    touch(page, toggle, 800)
    menu = page.get_by_role("menu", name="Progress")
    assert menu.count() == 1 and menu.is_visible()
    assert state(page, key) == "todo"
    assert page.evaluate("document.activeElement.getAttribute('aria-checked')") == "true"
    touch(page, menu.get_by_role("menuitemradio", name="Skipped"), 50)
    assert state(page, key) == "skipped" and menu.count() == 0
    touch(page, toggle, 50)  # a tap still marks done at once
    assert state(page, key) == "done" and menu.count() == 0
    touch(page, toggle, 800, move=40)  # a finger that scrolls the page is not a press
    assert menu.count() == 0 and state(page, key) == "done"
    assert errors == []
    ctx.close()


def test_one_tap_marks_done_and_the_menu_offers_every_state(site, browser):
    ctx, page, errors = open_page(browser, site + "ml/", **PHONE)
    key = "ml/decision-trees"
    toggle = page.locator(f'.rs-diagram:visible [data-rs-toggle="{key}"]')
    # the full title is the link's accessible name; the control says what it does
    assert page.locator(".rs-diagram:visible").get_by_role("link", name="Decision trees", exact=True).count() == 1
    assert toggle.get_attribute("aria-label") == "Decision trees: not started. Press to mark done."
    assert state(page, key) == "todo"
    toggle.tap()
    assert state(page, key) == "done"
    assert page.get_attribute(f'[data-rs-item="{key}"]', "data-rs-state") == "done"  # the text list too
    assert ": done." in toggle.get_attribute("aria-label")
    toggle.tap()
    assert state(page, key) == "todo"
    toggle.dispatch_event("contextmenu")  # a long press or right-click
    menu = page.get_by_role("menu", name="Progress")
    assert menu.get_by_role("menuitemradio").all_inner_texts() == ["Not started", "In progress", "Done", "Skipped"]
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    menu.get_by_role("menuitemradio", name="In progress").tap()
    assert state(page, key) == "doing" and menu.count() == 0
    page.reload()
    page.wait_for_function(READY)
    assert state(page, key) == "doing"
    toggle.focus()
    page.keyboard.press("m")
    assert page.evaluate("document.activeElement.getAttribute('aria-checked')") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert state(page, key) == "done"
    assert page.evaluate(f"document.activeElement.getAttribute('data-rs-toggle') === {key!r}")
    assert errors == []
    ctx.close()


def test_a_click_on_desktop_marks_done_and_home_shows_progress_per_roadmap(site, browser):
    ctx, page, errors = open_page(browser, site + "dl/", viewport={"width": 1280, "height": 900})
    key = "dl/neural-network-basics"
    page.locator(f'.rs-diagram:visible [data-rs-toggle="{key}"]').click()
    assert state(page, key) == "done"
    page.goto(site)
    page.wait_for_function("document.querySelector('[data-rs-count=\"dl\"]').textContent.includes('done')")
    counts = page.eval_on_selector_all(".rs-diagram.rs-wide [data-rs-count]",
                                       "ns => ns.map(n => [n.getAttribute('data-rs-count'), n.textContent])")
    assert dict(counts)["dl"] == " · 1 done" and dict(counts)["ml"] == " · 2 done"
    assert dict(counts)["llm"] == " · 0 done"
    fill = page.eval_on_selector('.rs-diagram.rs-wide [data-rs-fill="dl"]', "r => r.getBBox().width")
    track = page.eval_on_selector('.rs-diagram.rs-wide [data-rs-roadmap="dl"] .rs-track', "r => r.getBBox().width")
    total = page.eval_on_selector('[data-rs-bar][data-rs-roadmap="dl"]',
                                  "b => b.getAttribute('data-rs-bar').split(' ').length")
    assert fill == pytest.approx(track / total, abs=0.1)
    assert errors == []
    ctx.close()


def test_hover_and_focus_show_what_a_topic_needs_and_what_needs_it(site, browser):
    ctx, page, errors = open_page(browser, site + "ml/", viewport={"width": 1280, "height": 900})
    svg = ".rs-diagram:visible"
    extra = page.eval_on_selector_all(
        f"{svg} .rs-extra", "ps => ps.map(p => [p.getAttribute('data-rs-from'), p.getAttribute('data-rs-to')])")
    assert extra, "some prerequisites on this page are not drawn by default"
    source, target = extra[0]
    line = f'{svg} .rs-extra[data-rs-from="{source}"][data-rs-to="{target}"]'
    assert page.eval_on_selector(line, "p => getComputedStyle(p).display") == "none"
    page.hover(f'{svg} .rs-node[data-rs-topic="{target}"] .rs-box')
    assert page.eval_on_selector(line, "p => getComputedStyle(p).display") != "none"
    assert "rs-linked" in page.get_attribute(f'{svg} .rs-node[data-rs-topic="{source}"]', "class")
    page.mouse.move(0, 0)
    assert page.eval_on_selector(line, "p => getComputedStyle(p).display") == "none"
    page.focus(f'{svg} .rs-node[data-rs-topic="{source}"] a')  # the keyboard sees the same
    assert page.eval_on_selector(line, "p => getComputedStyle(p).display") != "none"
    assert "rs-linked" in page.get_attribute(f'{svg} .rs-node[data-rs-topic="{target}"]', "class")
    assert errors == []
    ctx.close()


def test_a_tap_on_needs_names_the_prerequisites_and_shows_their_lines(site, browser):
    ctx, page, errors = open_page(browser, site + "ml/", **PHONE)
    key = "ml/regularization"  # needs linear regression (drawn) and others shown as a chip
    url = page.url
    node = f'.rs-diagram:visible .rs-node[data-rs-topic="{key}"]'
    names = page.locator(f"{node} .rs-needs > title").text_content()
    assert names.startswith("Needs first: ")
    page.locator(f"{node} .rs-needs").tap()
    pop = page.locator(".rs-pop")
    assert pop.inner_text() == names and page.url == url  # no navigation
    box = pop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    hidden = page.locator(f'.rs-diagram:visible .rs-extra[data-rs-to="{key}"]')
    if hidden.count():
        assert hidden.first.evaluate("p => getComputedStyle(p).display") != "none"
    page.locator("h1").tap()
    assert pop.count() == 0
    assert errors == []
    ctx.close()
