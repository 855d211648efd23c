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
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, make_project, mkdocs
from sitecheck import BASE, _Page, check, read_pages, target_file


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("links")
    project = make_project(tmp, ROOT / "curriculum")  # a snapshot: the working tree may change meanwhile
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    return project / "site"


@pytest.fixture(scope="module")
def pages(site) -> dict[str, _Page]:
    return read_pages(site)


@pytest.fixture(scope="module")
def site_url(pages) -> str:
    canonical = [v for tag, attr, v in pages["index.html"].links if tag == "link" and v.startswith("http")]
    assert canonical, "index.html has no canonical link"
    return canonical[0]


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
