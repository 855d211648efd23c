"""Search on the real site, as a learner uses it: every query of tests/search_queries.yml goes
into the header's search box of a strict build of the real curriculum in headless Chromium, and
the pages that come back are checked against the targets of issue 18. The same measurement is
printed, per query, by benchmarks/search_quality.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from browser import serve_directory
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import search_quality  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built(real_site) -> Path:
    return real_site


@pytest.fixture(scope="module")
def site(built):
    with serve_directory(built) as url:
        yield url


def test_the_query_set_is_large_and_names_real_topics(built):
    queries = search_quality.load_queries()
    topics = {t["key"] for t in json.loads((built / "api/topics.json").read_text())["topics"]}
    assert len(queries) >= 80
    assert {q["kind"] for q in queries} == {"plain", "acronym", "tool", "variant", "typo"}
    assert len({q["q"] for q in queries}) == len(queries), "a query is listed twice"
    unknown = {k for q in queries for k in q["expect"]} - topics
    assert not unknown, f"the query set expects topics that do not exist: {sorted(unknown)}"


def test_learner_queries_find_the_right_topic(browser, built, site):
    page = browser.new_page()
    outcomes = search_quality.measure(page, site, search_quality.load_queries())
    page.close()
    rates = search_quality.rates(outcomes)
    report = search_quality.report(built, outcomes)
    print(report)
    for name, target in search_quality.TARGETS.items():
        assert rates[name] >= target, f"{name}: {rates[name]:.1%} < {target:.0%}\n{report}"


def test_the_index_is_small_and_holds_topics_not_lists(built):
    path = built / search_quality.INDEX
    assert path.stat().st_size <= 600_000
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    assert "ml/clustering/" in pages
    assert not any(p.startswith(("tags/", "resources/")) for p in pages), "tags and catalog are left out"
    clustering = next(d for d in docs if d["location"] == "ml/clustering/")
    assert "kmeans" in clustering["text"] and clustering.get("boost", 1) > 1
    # the sections that name other topics or hold long answers are not indexed
    anchors = {d["location"].split("#", 1)[1] for d in docs if "#" in d["location"]}
    assert not anchors & {"resources", "checks", "exercises", "related", "needed-by", "prerequisites"}


def test_typing_shows_results_and_the_also_known_as_line(browser, site):
    page = browser.new_page()
    page.goto(site + "ml/clustering/")
    aka = page.locator(".rs-aka")
    assert "Also known as" in aka.inner_text() and "kmeans" in aka.inner_text()
    search_quality.open_search(page, site)
    assert search_quality.ask(page, "kubernets")[0] == "mlops/kubernetes"
    assert search_quality.ask(page, "a/b testing")[0] == "system-design/ab-testing"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matched_words_in_results_are_readable(browser, site, scheme):
    """Material colours the matched words of a result with its accent, under 4.5:1 against the
    page; docs/assets/site.css darkens (or lightens) them."""
    from test_browser_diagram import contrast

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    search_quality.open_search(page, site)
    search_quality.ask(page, "attention")
    marks = page.evaluate("""() => [...document.querySelectorAll('.md-search-result mark')].map(m => {
        let el = m, bg = 'rgba(0, 0, 0, 0)';
        while (el && (bg = getComputedStyle(el).backgroundColor) === 'rgba(0, 0, 0, 0)') el = el.parentElement;
        return {color: getComputedStyle(m).color, under: bg, size: parseFloat(getComputedStyle(m).fontSize)}; })""")
    assert marks
    for mark in marks:
        assert contrast(mark["color"], mark["under"]) >= 4.5, mark
    context.close()
