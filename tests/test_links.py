"""``roadmap-site links``: the URL list, and the checker against a loopback server (no network)."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import GOOD, run_cli
from roadmap_site import links
from roadmap_site.pipeline import load_curriculum


class Handler(BaseHTTPRequestHandler):
    routes = {"/ok": 200, "/gone": 404, "/forbidden": 403, "/error": 500}

    def _answer(self, body: bool) -> None:
        if self.path == "/no-head" and self.command == "HEAD":
            status = 405
        elif self.path == "/no-head":
            status = 200
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/gone")
            self.end_headers()
            return
        else:
            status = self.routes.get(self.path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"hi")

    def do_HEAD(self):  # noqa: N802 - the http.server API
        self._answer(False)

    def do_GET(self):  # noqa: N802
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.MonkeyPatch.context() as mp:  # a proxy from the environment must not intercept
            mp.setenv("no_proxy", "127.0.0.1,localhost")
            mp.setenv("NO_PROXY", "127.0.0.1,localhost")
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_resource_urls_lists_catalog_and_inline_resources_once():
    urls = links.resource_urls(load_curriculum(GOOD).curriculum)
    assert urls == {
        "https://www.statlearning.com/": ["resource islr"],
        "https://example.com/course": ["resource paid-course"],
        "https://docs.python.org/3/": ["resource python-docs"],
        "https://en.wikipedia.org/wiki/Linear_algebra": ["topic basics/linear-algebra"],
    }


def test_cli_list_needs_no_network():
    proc = run_cli("links", "--list", str(GOOD))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "https://en.wikipedia.org/wiki/Linear_algebra\ttopic basics/linear-algebra"


def test_checker_statuses(server):
    found = {path: links.check_url(server + path, ["topic x/y"], timeout=5)
             for path in ["/ok", "/gone", "/forbidden", "/error", "/no-head", "/moved"]}
    assert [p for p, r in found.items() if r.broken] == ["/gone", "/error", "/moved"]
    assert found["/no-head"].status == 200  # HEAD refused, GET answered
    assert found["/moved"].status == 404  # redirects are followed to the final page
    refused = links.check_url(f"http://127.0.0.1:{closed_port()}/", ["resource r"], timeout=5)
    assert refused.broken and refused.status is None and refused.error


def test_reports(server):
    urls = {server + "/ok": ["resource fine"], server + "/gone": ["resource old", "topic ml/x"]}
    results = links.check_all(urls, workers=2, timeout=5)
    markdown = links.format_markdown(results)
    assert "found 1 broken resource link out of 2" in markdown
    assert f"| HTTP 404 | <{server}/gone> | `resource old`, `topic ml/x` |" in markdown
    assert server + "/ok" not in markdown
    assert links.format_text(results).splitlines()[-1] == "1 broken of 2 URLs checked"
    data = json.loads(links.format_json(results))
    assert [d["broken"] for d in data] == [False, True]
