"""Every internal link of the built real site resolves: pages, assets, anchors, the diagrams'
links (SVG ``xlink:href``), the sitemap and the JSON API's URLs.

Built once per module with ``--strict``. A link is internal when it is relative, absolute on this
host (the 404 page uses ``/...`` paths) or starts with the site's own URL (canonical links, the
sitemap). External links are counted, not fetched. ``roadmap-site links`` checks those
(tests/test_links.py).
"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, make_project, mkdocs

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


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("links")
    project = make_project(tmp, ROOT / "curriculum")  # a snapshot: the working tree may change meanwhile
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    return project / "site"


@pytest.fixture(scope="module")
def pages(site) -> dict[str, _Page]:
    out = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        out[path.relative_to(site).as_posix()] = parser
    return out


@pytest.fixture(scope="module")
def site_url(pages) -> str:
    canonical = [v for tag, attr, v in pages["index.html"].links if tag == "link" and v.startswith("http")]
    assert canonical, "index.html has no canonical link"
    return canonical[0]


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


def test_every_internal_link_and_anchor_resolves(site, pages, site_url):
    counts: Counter = Counter()
    by_kind: Counter = Counter()
    broken = []
    for source, page in pages.items():
        for tag, attr, value in page.links:
            problem = check(site, pages, site_url, source, value, counts)
            by_kind[f"{tag}[{attr}]"] += 1
            if problem:
                broken.append(f"{source}: <{tag} {attr}={value!r}>: {problem}")
    print(f"\nlinks: {len(pages)} pages, {counts['internal']} internal links ({counts['anchors']} with an anchor) "
          f"resolved, {counts['external']} external not fetched; by kind: {dict(sorted(by_kind.items()))}")
    assert counts["internal"] > 10_000 and by_kind["a[xlink:href]"] > 0
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])


def test_diagram_nodes_link_to_existing_topic_pages(site, pages):
    """The roadmap diagrams (SVG): every node's link lands on a page, none is left out."""
    for rid in ("foundations", "ml", "dl", "llm", "mlops", "system-design"):
        svg_links = [v for tag, attr, v in pages[f"{rid}/index.html"].links if attr == "xlink:href"]
        assert len(svg_links) >= 10, rid
        for value in svg_links:
            assert target_file(site, unquote(urlsplit(urljoin(f"{BASE}{rid}/", value)).path)[1:]), (rid, value)


def test_sitemap_lists_only_existing_pages(site, site_url):
    import xml.etree.ElementTree as ET

    locs = [e.text for e in ET.parse(site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) > 300
    missing = [loc for loc in locs if not loc.startswith(site_url) or not target_file(site, loc[len(site_url):])]
    assert not missing, missing[:20]


def test_every_url_in_the_json_api_resolves_to_a_page(site):
    api = json.loads((site / "api/curriculum.json").read_text(encoding="utf-8"))
    urls = []
    for roadmap in api["roadmaps"]:
        urls.append(roadmap["url"])
        for phase in roadmap["phases"]:
            urls.append(phase["url"])
            urls += [topic["url"] for topic in phase["topics"]]
    missing = [u for u in urls if (target_file(site, unquote(u)) or Path()).suffix != ".html"]
    print(f"\napi: {len(urls)} URLs resolved to pages")
    assert len(urls) > 300 and not missing, missing[:20]
