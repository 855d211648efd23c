"""Search quality of a built site: types every query of tests/search_queries.yml into the real
search box in headless Chromium and prints how often the right topic comes first and in the first
three, per kind of query, with the size of the search index.

Usage::

    python benchmarks/search_quality.py SITE_DIR [SITE_DIR ...]   # e.g. before and after a change

tests/test_browser_search.py runs the same measurement on a fresh build and checks the targets.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yml"
INDEX = Path("search") / "search_index.json"
TARGETS = {"first": 0.90, "top3": 0.97, "typo_top3": 0.75}
PLACEHOLDER = "Type to start searching"


@dataclass(frozen=True)
class Outcome:
    query: str
    kind: str
    expect: tuple[str, ...]
    results: tuple[str, ...]  # the topic (or page) keys of the first results, best first

    @property
    def rank(self) -> int | None:
        for i, key in enumerate(self.results, 1):
            if key in self.expect:
                return i
        return None


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def open_search(page, url: str) -> None:
    page.goto(url)
    page.click("input.md-search__input")  # visible in the header at desktop width


def ask(page, query: str, depth: int = 3) -> tuple[str, ...]:
    """Type ``query`` into the search box; the page keys of the first ``depth`` results."""
    box = page.locator("input.md-search__input")
    meta = ".md-search-result__meta"
    box.press("Control+A")
    box.press("Backspace")
    page.wait_for_function(f"document.querySelector('{meta}').textContent.trim() === '{PLACEHOLDER}'")
    # Material searches on key events: the text goes in at once and its last key is pressed, so
    # that exactly one search runs, for the whole query (typing key by key would show the
    # results of a prefix until the last one arrives).
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function(
        f"(t => t !== '{PLACEHOLDER}' && !/^Initializing/.test(t))"
        f"(document.querySelector('{meta}').textContent.trim())")
    hrefs = page.eval_on_selector_all(  # one item per page; its first link is the page's
        ".md-search-result__list > .md-search-result__item",
        "items => items.map(li => li.querySelector('a.md-search-result__link').href)")
    return tuple(_key(h) for h in hrefs[:depth])


def _key(href: str) -> str:
    path = href.split("#", 1)[0].split("?", 1)[0]  # Material adds ?h=<terms> to highlight
    path = path.split("://", 1)[-1].split("/", 1)[-1]  # drop scheme and host
    return path.strip("/")


def measure(page, url: str, queries: list[dict]) -> list[Outcome]:
    open_search(page, url)
    return [Outcome(q["q"], q["kind"], tuple(q["expect"]), ask(page, q["q"])) for q in queries]


def rates(outcomes: list[Outcome]) -> dict[str, float]:
    def share(items, test):
        items = list(items)
        return sum(1 for o in items if test(o)) / len(items) if items else 0.0

    typos = [o for o in outcomes if o.kind == "typo"]
    return {
        "first": share(outcomes, lambda o: o.rank == 1),
        "top3": share(outcomes, lambda o: o.rank is not None and o.rank <= 3),
        "typo_top3": share(typos, lambda o: o.rank is not None and o.rank <= 3),
    }


def report(site: Path, outcomes: list[Outcome]) -> str:
    r = rates(outcomes)
    size = (site / INDEX).stat().st_size
    lines = [f"{site}: {len(outcomes)} queries; first {r['first']:.1%}, top 3 {r['top3']:.1%}, "
             f"typos top 3 {r['typo_top3']:.1%}; search index {size / 1000:.0f} KB"]
    for kind in sorted({o.kind for o in outcomes}):
        part = rates([o for o in outcomes if o.kind == kind])
        n = sum(1 for o in outcomes if o.kind == kind)
        lines.append(f"  {kind:8} ({n:3}): first {part['first']:.0%}, top 3 {part['top3']:.0%}")
    for o in outcomes:
        if o.rank != 1:
            lines.append(f"  {'miss' if o.rank is None else f'#{o.rank}':4} {o.query!r}: "
                         f"{', '.join(o.results) or 'nothing'} (want {' or '.join(o.expect)})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built site directories")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="the query set (YAML)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import launch, serve_directory

    with launch() as browser:
        for site in args.sites:
            with serve_directory(site) as url:
                page = browser.new_page()
                print(report(site, measure(page, url, load_queries(args.queries))), flush=True)
                page.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
