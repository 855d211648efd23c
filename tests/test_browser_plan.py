"""The study plan in Chromium: dates from the hours a week and the learner's progress, per phase
and roadmap, for a track too, and an .ics calendar that a real parser reads back."""

from __future__ import annotations

import datetime as dt

import pytest

from browser import served_build
from conftest import GOOD

pytestmark = pytest.mark.browser
site = served_build(GOOD, "plan", at_site_url=True)  # with instant navigation, as published


# null-safe: after an instant navigation the address changes before the page is swapped in
PLANNED = "!/^Loading|^$/.test(document.querySelector('.rs-plan-out')?.textContent ?? '')"

def test_plan_dates_follow_hours_progress_and_scope_and_the_calendar_parses(site, browser, tmp_path):
    icalendar = pytest.importorskip("icalendar")  # a test dependency: always there under .ci/run
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + "basics/python/")
    page.get_by_role("radio", name="Done").check()
    page.goto(site + "plan/")
    summary = page.locator(".rs-plan-out p").first
    page.wait_for_function(PLANNED)
    # left: linear algebra 12.5 h, regression 6 h, neural networks 20 h = 38.5 h; at 6 h a week
    assert summary.inner_text().startswith("3 topics and 39 h left")  # 38.5 rounds up
    page.get_by_label("Hours a week").fill("10")
    page.get_by_label("Hours a week").dispatch_event("change")
    rows = page.locator(".rs-plan-out table").nth(1).locator("tbody tr")
    assert rows.count() == 3
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(3)] == [
        "Linear algebra", "Regression", "Neural networks"]
    phases = page.locator(".rs-plan-out table").first.locator("tbody tr td:first-child").all_inner_texts()
    assert [p.strip() for p in phases] == ["Basics", "Getting started", "Next steps", "Advanced", "Going deeper"]
    page.reload()  # the hours are remembered
    # The page's field says 6 until the plan is drawn (after api/topics.json arrives): read it then.
    page.wait_for_function(PLANNED)
    assert page.get_by_label("Hours a week").input_value() == "10"
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar (.ics)").click()
    path = tmp_path / "plan.ics"
    info.value.save_as(path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = [e for e in calendar.walk("VEVENT")]
    assert [str(e["SUMMARY"]) for e in events] == [
        "Linear algebra (12.5 h)", "Regression (6 h)", "Neural networks (20 h)"]
    today = dt.date.today()
    starts = [e.decoded("DTSTART") for e in events]
    assert starts[0] == today and starts == sorted(starts)
    # 10 h a week: linear algebra takes days 0-8 (12.5 h -> 8.75 days), so regression starts on day 8
    assert starts[1] == today + dt.timedelta(days=8)
    assert str(events[2]["URL"]).endswith("/advanced/neural-networks/")
    # a track: only the topics its goal needs
    page.get_by_label("Plan for").select_option(label="Track: Neural networks, fast")
    assert rows.count() == 3 and "3 topics" in summary.inner_text()
    assert errors == []
    context.close()


def test_the_saved_hours_show_before_the_plan_is_drawn(site, browser):
    """On a slow connection the field says what the learner chose, not the page's default,
    while the topics are still on their way."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "plan/")
    page.wait_for_function(PLANNED)
    page.get_by_label("Hours a week").fill("10")
    page.get_by_label("Hours a week").dispatch_event("change")
    held: list = []  # requests for the topics, answered once released
    page.route("**/api/topics.json", lambda route: route.continue_() if held == [None] else held.append(route))
    page.reload()
    assert held and page.locator(".rs-plan-out").inner_text().startswith("Loading")
    assert page.get_by_label("Hours a week").input_value() == "10"
    waiting, held[:] = list(held), [None]  # the plan's request, learner.js's; later ones pass
    for route in waiting:
        route.continue_()
    page.wait_for_function(PLANNED)
    assert "at 10 h a week" in page.locator(".rs-plan-out p").first.inner_text()
    context.close()


def test_the_plan_is_whole_again_after_instant_navigation(site, browser):
    """Material's instant navigation swaps the page but runs plan.js once: coming back to the
    plan by a link must show every scope, the one chosen, and its plan."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "plan/")
    page.wait_for_function(PLANNED)
    scopes = page.locator(".rs-plan-scope option").all_inner_texts()
    assert len(scopes) > 3 and "Track: Neural networks, fast" in scopes
    page.get_by_label("Plan for").select_option(label="Track: Neural networks, fast")
    planned = page.locator(".rs-plan-out").inner_text()
    page.evaluate("window.rs_same_document = true")
    page.locator(".md-tabs a", has_text="Resources").click()
    page.wait_for_url("**/resources/")
    page.locator(".md-tabs a", has_text="Plan").click()
    page.wait_for_url("**/plan/")
    page.wait_for_function(PLANNED)
    assert page.evaluate("window.rs_same_document") is True  # no page load: instant navigation
    assert page.locator(".rs-plan-scope option").all_inner_texts() == scopes
    assert page.locator(".rs-plan-scope option:checked").inner_text() == "Track: Neural networks, fast"
    assert page.locator(".rs-plan-out").inner_text() == planned
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_plan_fields_are_outlined_and_finger_sized_on_a_phone(site, browser, scheme):
    """The hours field and the scope menu (the Resources filter's style): a border that stands
    out from the page (3:1, WCAG's rule for a control's edge), text as on the page, 40 px tall."""
    from test_browser_diagram import contrast

    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site + "plan/")
    page.wait_for_function(PLANNED)
    fields = page.evaluate("""() => [...document.querySelectorAll('.rs-plan-hours, .rs-plan-scope')].map(e => {
        const c = getComputedStyle(e), b = e.getBoundingClientRect();
        return {h: b.height, right: b.right, border: c.borderTopColor, bw: parseFloat(c.borderTopWidth),
                color: c.color, bg: c.backgroundColor, size: parseFloat(c.fontSize),
                page: getComputedStyle(document.body).backgroundColor}; })""")
    assert len(fields) == 2
    for f in fields:
        assert f["h"] >= 40 and f["right"] <= 390 and f["size"] >= 14, f
        assert f["bw"] >= 1 and contrast(f["border"], f["page"]) >= 3, f
        assert contrast(f["color"], f["bg"]) >= 4.5, f
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


FIELD_AND_MESSAGE = """() => {
    const field = document.querySelector('.rs-plan-hours');
    const m = document.getElementById(field.getAttribute('aria-describedby'));
    const c = getComputedStyle(m), b = m.getBoundingClientRect(), f = field.getBoundingClientRect();
    return {invalid: field.getAttribute('aria-invalid'), value: field.value,
            text: m.textContent,
            shown: b.width > 0 && b.height > 0 && c.display !== 'none' && c.visibility === 'visible',
            size: parseFloat(c.fontSize), color: c.color, page: getComputedStyle(document.body).backgroundColor,
            besideField: m.closest('.rs-filter') === field.closest('.rs-filter') && b.top < f.bottom + 60,
            summary: document.querySelector('.rs-plan-out p').textContent,
            saved: localStorage.getItem('roadmap-site:' + new URL(window.roadmapSiteStore.base).pathname + ':plan'),
            scrollWidth: document.documentElement.scrollWidth}; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_hours_outside_1_to_80_whole_are_refused_and_said_next_to_the_field(site, browser, scheme):
    """0, -5, 200, 0.5 or nothing in the hours field: the plan keeps the last good hours, which
    are what is kept for the next visit; the field is marked invalid and a message beside it,
    readable in both schemes and within a phone's width, says what is accepted. Good hours
    clear it and redraw the plan."""
    from test_browser_diagram import contrast

    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + "plan/")
    page.wait_for_function(PLANNED)
    field = page.get_by_label("Hours a week")
    field.fill("10")
    field.blur()
    assert "at 10 h a week" in page.locator(".rs-plan-out p").first.inner_text()
    assert page.evaluate(FIELD_AND_MESSAGE)["invalid"] is None
    for bad in ["0", "-5", "200", "0.5", ""]:
        field.fill(bad)
        field.blur()  # the learner leaves the field: a change event
        s = page.evaluate(FIELD_AND_MESSAGE)
        assert s["value"] == bad and s["invalid"] == "true", (bad, s)
        assert "at 10 h a week" in s["summary"], (bad, s)
        assert s["text"] == "Enter whole hours from 1 to 80. The plan still uses 10 h a week.", (bad, s)
        assert s["shown"] and s["besideField"] and s["size"] >= 12, (bad, s)
        assert contrast(s["color"], s["page"]) >= 4.5, (bad, s)
        assert s["scrollWidth"] <= 390, (bad, s)
        assert '"hours":10' in s["saved"], (bad, s)
        page.reload()
        page.wait_for_function(PLANNED)
        s = page.evaluate(FIELD_AND_MESSAGE)
        assert s["value"] == "10" and s["invalid"] is None and not s["shown"], (bad, s)
        assert "at 10 h a week" in s["summary"], (bad, s)
    field.fill("200")
    field.blur()
    assert page.evaluate(FIELD_AND_MESSAGE)["invalid"] == "true"
    field.fill("12")
    field.blur()
    s = page.evaluate(FIELD_AND_MESSAGE)
    assert s["invalid"] is None and not s["shown"] and s["text"] == "", s
    assert "at 12 h a week" in s["summary"] and '"hours":12' in s["saved"], s
    page.reload()
    page.wait_for_function(PLANNED)
    assert page.evaluate(FIELD_AND_MESSAGE)["value"] == "12"
    assert errors == []
    context.close()


def test_hours_typed_key_by_key_are_judged_before_leaving_the_field(site, browser):
    """The message shows as soon as the field holds refused hours (the learner has not left it);
    good hours typed in redraw the plan a moment after the last key."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "plan/")
    page.wait_for_function(PLANNED)
    field = page.get_by_label("Hours a week")
    for bad in ["0", "-5", "200"]:
        field.select_text()
        field.press_sequentially(bad)
        s = page.evaluate(FIELD_AND_MESSAGE)
        assert s["value"] == bad and s["invalid"] == "true" and s["shown"], (bad, s)
        # the plan, the message and what is kept agree (keys are not slow enough to pass 2 or 20)
        hours = s["text"].split("still uses ")[1].split(" h")[0]
        assert f"at {hours} h a week" in s["summary"] and f'"hours":{hours}' in (s["saved"] or '"hours":6'), (bad, s)
    field.select_text()
    field.press("Backspace")
    assert page.evaluate(FIELD_AND_MESSAGE)["invalid"] == "true"  # emptied: still waiting for hours
    field.press_sequentially("14")
    page.wait_for_function("document.querySelector('.rs-plan-out p').textContent.includes('at 14 h a week')")
    s = page.evaluate(FIELD_AND_MESSAGE)
    assert s["invalid"] is None and not s["shown"] and '"hours":14' in s["saved"], s
    assert page.evaluate("document.activeElement.classList.contains('rs-plan-hours')")  # left as typed
    context.close()


@pytest.mark.parametrize("stored", ["0.5", "500", "0", "2.5", '"10"', "null"])
def test_saved_hours_outside_1_to_80_whole_are_not_used(site, browser, stored):
    """What an older version (or another hand) kept in this browser is judged as typed hours are."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "plan/")
    page.wait_for_function(PLANNED)
    page.evaluate("""stored => localStorage.setItem('roadmap-site:' + new URL(window.roadmapSiteStore.base).pathname
        + ':plan', '{"hours":' + stored + ',"scope":""}')""", stored)
    page.reload()
    page.wait_for_function(PLANNED)
    s = page.evaluate(FIELD_AND_MESSAGE)
    assert s["value"] == "6" and "at 6 h a week" in s["summary"] and s["invalid"] is None, s
    context.close()
