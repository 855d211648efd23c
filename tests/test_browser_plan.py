"""The study plan in Chromium: dates from the hours a week and the learner's progress, per phase
and roadmap, for a track too, and an .ics calendar that a real parser reads back."""

from __future__ import annotations

import datetime as dt

import pytest

from browser import served_build
from conftest import GOOD

pytestmark = pytest.mark.browser
site = served_build(GOOD, "plan")


PLANNED = "!document.querySelector('.rs-plan-out').textContent.startsWith('Loading')"

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
