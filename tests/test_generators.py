"""One site, every generator: MkDocs and ProperDocs run the plugin, Zensical builds the export.

Each builds the real curriculum strictly; all three give the same pages, and every internal link
and anchor of each resolves. Zensical needs Python 3.11 or newer: below that its build is
skipped with a reason (.ci/run and CI run it); ProperDocs and Zensical are test dependencies.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_project, run_cli
from sitecheck import broken_links

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url


def _run(project: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=project, capture_output=True, text=True,
                          timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("generators"), ROOT / "curriculum")


@pytest.fixture(scope="module")
def mkdocs_site(project) -> Path:
    proc = _run(project, "mkdocs", "build", "--strict", "-d", "site-mkdocs")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return project / "site-mkdocs"


def test_properdocs_runs_the_plugin_and_builds_the_same_site(project, mkdocs_site):
    proc = _run(project, "properdocs", "build", "--strict", "-d", "site-properdocs")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = project / "site-properdocs"
    assert _pages(site) == _pages(mkdocs_site) and len(_pages(site)) > 300
    broken, counts = broken_links(site, SITE_URL)
    assert not broken, broken[:20]
    assert counts["internal"] > 10_000


def test_zensical_builds_the_export_with_the_same_pages_and_no_broken_link(project, mkdocs_site, tmp_path):
    if sys.version_info < (3, 11) or importlib.util.find_spec("zensical") is None:
        reason = "Zensical needs Python 3.11+ and `pip install zensical` (a test dependency there)"
        if os.environ.get("ROADMAP_SITE_REQUIRE_BROWSER") and sys.version_info >= (3, 11):
            pytest.fail(reason + "; .ci/run requires it")
        pytest.skip(reason)
    out = tmp_path / "exported"
    proc = run_cli("export", str(out), cwd=project)
    assert proc.returncode == 0, proc.stderr
    proc = _run(out, "zensical", "build", "--strict")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    site = out / "site"
    # Zensical writes its search index as search.json, MkDocs as search/search_index.json: pages only.
    assert _pages(site) == _pages(mkdocs_site)
    broken, counts = broken_links(site, SITE_URL)
    assert not broken, f"{len(broken)} broken:\n" + "\n".join(broken[:20])
    assert counts["internal"] > 10_000 and counts["anchors"] > 1_000
    topic = (site / "ml/naive-bayes/index.html").read_text(encoding="utf-8")
    for part in ('data-rs-topic="ml/naive-bayes"', "rs-check", "roadmap-site/progress.js", "roadmap-site.css"):
        assert part in topic, part
    assert "<svg" in (site / "ml/index.html").read_text(encoding="utf-8")  # the drawn roadmap
    assert "md-tag" in (site / "tags/index.html").read_text(encoding="utf-8")
    _search_works(site)


def _search_works(site: Path) -> None:
    """Zensical's own search box (no copied Material partial replaces it) finds a topic."""
    import re

    from browser import launch, serve_directory

    with serve_directory(site) as url, launch() as browser:
        page = browser.new_page()
        page.goto(url + "about/")  # a page that does not name the topic's phase
        phase = page.get_by_text("Supervised learning")  # in the first result's path
        assert phase.count() == 0
        page.locator(".md-search__button").click()
        # Keys go where the focus is: wait for the search field (in the dialog's shadow root)
        # to have it, as a learner waits to see it, or a busy machine drops the first ones.
        page.wait_for_function("""() => { const a = document.activeElement;
            const f = a && a.shadowRoot ? a.shadowRoot.activeElement : a;
            return !!f && f.tagName === "INPUT"; }""")
        page.keyboard.type("linear regression")
        page.get_by_text(re.compile(r"^\d+ results?$")).wait_for(timeout=30_000)
        phase.first.wait_for(timeout=30_000)
