"""Helpers for browser tests: the system Chromium driven by Playwright, and a static server.

Without Chromium the tests skip with a reason; with ROADMAP_SITE_REQUIRE_BROWSER=1 (set by
.ci/run) a missing browser is a failure instead.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ROADMAP_SITE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    if Path(CHROMIUM).is_file():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("ROADMAP_SITE_REQUIRE_BROWSER"):
        pytest.fail(reason + "; ROADMAP_SITE_REQUIRE_BROWSER is set")
    pytest.skip(reason)


@contextlib.contextmanager
def serve_directory(root: Path):
    """Serve ``root`` on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@contextlib.contextmanager
def launch():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def served_build(curriculum: Path, name: str, *, at_site_url: bool = False):
    """A module fixture: a project around ``curriculum``, built strictly and served on
    loopback; the fixture's value is the site's URL.

    ``at_site_url``: built with ``site_url`` set to the address it is served at, as the
    published site is. Material's instant navigation only takes links to its sitemap's
    addresses; elsewhere every link loads a whole page."""

    @pytest.fixture(scope="module")
    def site(tmp_path_factory):
        from conftest import make_project, mkdocs

        project = make_project(tmp_path_factory.mktemp(name), curriculum)
        (project / "site").mkdir()
        with serve_directory(project / "site") as url:  # a folder served as it is when asked
            if at_site_url:
                config = project / "mkdocs.yml"
                text = config.read_text(encoding="utf-8")
                config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {url}", text), encoding="utf-8")
            proc = mkdocs(project, "build", "--strict")
            assert proc.returncode == 0, proc.stderr
            yield url

    return site
