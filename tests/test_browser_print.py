"""Printing (issue 18, item 5), measured on PDFs Chromium prints of the real site and read back
with pdfminer: a roadmap page's first page is filled with the roadmap (its drawing, taller than
a page, follows the text instead of leaving page 1 half blank), and a topic page prints the
address of each resource."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from browser import serve_directory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(real_site: Path):
    with serve_directory(real_site) as url:
        yield url


def pages_of(pdf: bytes) -> list[tuple[str, float]]:
    """Each printed page's text, and how far down the page its text reaches (0 to 1)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    out = []
    for page in extract_pages(io.BytesIO(pdf)):
        boxes = [e for e in page if isinstance(e, LTTextContainer)]
        text = "".join(e.get_text() for e in boxes)
        out.append((text, (page.height - min(e.y0 for e in boxes)) / page.height if boxes else 0.0))
    return out


@pytest.mark.parametrize("roadmap", ["ml", "mlops"])
def test_a_roadmap_page_prints_without_a_blank_first_page(site, browser, roadmap):
    page = browser.new_page()
    page.goto(f"{site}{roadmap}/")
    printed = pages_of(page.pdf(format="A4"))
    first_text, reach = printed[0]
    assert reach >= 0.75, f"page 1 ends {reach:.0%} down"
    first_phase = page.locator("h2[id^=phase-]").first.inner_text().strip(" ¶")
    assert first_phase in first_text  # the text roadmap starts on page 1
    # The drawing follows the text roadmap: its boxes' "level · hours" lines (the text
    # roadmap shows level and hours as two badges) start after the last phase's heading.
    last_phase = page.locator("h2[id^=phase-]").last.inner_text().strip(" ¶")
    ends = next(i for i, (text, _) in enumerate(printed) if last_phase in text)
    drawn = [i for i, (text, _) in enumerate(printed) if re.search(r"(Beginner|Intermediate|Advanced) · ", text)]
    assert drawn and min(drawn) >= ends, (ends, drawn)
    page.close()


def test_a_topic_page_prints_its_resource_addresses(site, browser):
    page = browser.new_page()
    page.goto(site + "ml/clustering/")
    urls = page.eval_on_selector_all(".rs-resource-title a", "as => as.map(a => a.getAttribute('href'))")
    assert len(urls) >= 2
    text = re.sub(r"\s+", "", "".join(t for t, _ in pages_of(page.pdf(format="A4"))))
    for url in urls:
        assert url in text, url
    page.close()
