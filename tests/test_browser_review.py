"""The Review page in Chromium: the self-checks of a topic marked done come back, a grade moves
them on the schedule, and the schedule survives reloads and an export/import into a new
browser profile (it lives in the progress store)."""

from __future__ import annotations

import json

import pytest

from browser import served_build
from conftest import GOOD

pytestmark = pytest.mark.browser


site = served_build(GOOD, "review")


def status(page) -> str:
    page.wait_for_function("!document.querySelector('.rs-review-status').textContent.startsWith('Loading')")
    return page.locator(".rs-review-status").inner_text()


def test_review_queue_follows_progress_and_survives_reload_and_export(site, browser, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: d.accept())
    page.goto(site + "review/")
    assert status(page).startswith("Nothing to review yet")

    page.goto(site + "basics/regression/")
    page.get_by_role("radio", name="Done").check()
    page.goto(site + "review/")
    assert status(page) == "3 due today · 0 scheduled later"
    card = page.locator(".rs-review-card")
    assert card.get_by_role("link").inner_text() == "Regression"
    assert page.locator(".rs-review-question").inner_text() == "What does least squares minimise?"
    assert page.locator(".rs-review-answer").count() == 0  # folded until asked
    page.get_by_role("button", name="Show the answer").click()
    assert "squared differences" in page.locator(".rs-review-answer").inner_text()
    page.get_by_role("button", name="I knew it").click()
    assert status(page).startswith("2 due today · 1 scheduled later (next on ")
    page.get_by_role("button", name="Show the answer").click()
    page.get_by_role("button", name="Not yet").click()  # box 1: due tomorrow
    assert status(page).startswith("1 due today · 2 scheduled later")

    page.reload()
    assert status(page).startswith("1 due today · 2 scheduled later")
    # the schedule is in the store: exported with the progress...
    page.goto(site + "basics/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    info.value.save_as(exported)
    reviews = json.loads(exported.read_text())["reviews"]
    assert set(reviews) == {"basics/regression"} and reviews["basics/regression"][0].count(":") == 3
    context.close()

    # ... and imported into a fresh profile, with the same queue
    fresh = browser.new_context()
    page = fresh.new_page()
    page.on("dialog", lambda d: d.accept())
    page.goto(site + "basics/")
    page.set_input_files("[data-rs-tools] input[type=file]", str(exported))
    page.wait_for_function("document.querySelector('[data-rs-tools] .rs-message').textContent !== ''")
    page.goto(site + "review/")
    assert status(page).startswith("1 due today · 2 scheduled later")
    # a topic set back to "not started" leaves the queue
    page.goto(site + "basics/regression/")
    page.get_by_role("radio", name="Not started").check()
    page.goto(site + "review/")
    assert status(page).startswith("Nothing to review yet")
    fresh.close()
    assert errors == []
