"""Reading a built site: its pages' ids and links, and whether an internal link resolves.

Shared by the link test of the real site and the test that builds it with every generator.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRS = {("a", "href"), ("a", "xlink:href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("image", "href"), ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"),
              ("source", "src"), ("iframe", "src"), ("form", "action"), ("area", "href")}
BASE = "http://site.invalid/"  # a stand-in origin for resolving relative links


class _Page(HTMLParser):
    """The ids of a page and its links as (tag, attribute, value)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRS:
                self.links.append((tag, name, value))

    handle_startendtag = handle_starttag


def target_file(site: Path, path: str) -> Path | None:
    """The file a URL path (relative to the site root, unquoted) is served from, if any."""
    candidate = (site / path).resolve()
    if not candidate.is_relative_to(site.resolve()):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check(site: Path, pages: dict[str, _Page], site_url: str, source: str, value: str, counts: Counter) -> str | None:
    """None when ``value`` (a link found in ``source``) resolves, else what is wrong."""
    parts = urlsplit(value)
    if parts.scheme in ("javascript", "data", "vbscript"):
        return f"{parts.scheme}: URL"
    if parts.scheme in ("mailto", "tel"):
        counts["external"] += 1
        return None
    if parts.scheme or parts.netloc:
        if not value.startswith(site_url):
            counts["external"] += 1
            return None
        url = BASE + value[len(site_url):]
    elif value.startswith("/"):  # absolute on this host: the site is served from site_url's path
        prefix = urlsplit(site_url).path
        if not value.startswith(prefix):
            return f"absolute path outside the site's path {prefix}"
        url = BASE + value[len(prefix):]
    else:
        url = urljoin(BASE + source, value)
    resolved = urlsplit(url)
    path = unquote(resolved.path)[1:]
    counts["internal"] += 1
    target = target_file(site, path)
    if target is None:
        return f"no file for /{path}"
    if resolved.fragment:
        counts["anchors"] += 1
        page = pages.get(target.relative_to(site.resolve()).as_posix())
        if page is None:
            return f"#{resolved.fragment} points into {target.name}, which is not a page"
        if unquote(resolved.fragment) not in page.ids:
            return f"no element with id '{unquote(resolved.fragment)}' in /{path}"
    return None




def read_pages(site: Path) -> dict[str, _Page]:
    out = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        out[path.relative_to(site).as_posix()] = parser
    return out


def broken_links(site: Path, site_url: str) -> tuple[list[str], Counter]:
    """Every internal link of ``site`` that does not resolve, and counts of what was checked."""
    pages = read_pages(site)
    counts: Counter = Counter()
    broken = [f"{source}: <{tag} {attr}={value!r}>: {problem}"
              for source, page in pages.items() for tag, attr, value in page.links
              if (problem := check(site, pages, site_url, source, value, counts))]
    return broken, counts
