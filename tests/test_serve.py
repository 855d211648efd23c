"""Live reload: ``mkdocs serve`` rebuilds on a curriculum edit, survives a broken file by
serving the last good site with the errors shown, and recovers when the file is fixed.

A real ``mkdocs serve`` on a loopback port, against a temporary copy of the project; every
wait is bounded, and the server is always stopped.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import GOOD, make_project
from roadmap_site.integrations import mkdocs_yaml

PHASE = "curriculum/basics/phases/start.yml"
WAIT = 90  # seconds, for each state the server must reach


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``mkdocs serve`` in ``project``; collects its output from a reader thread."""

    def __init__(self, project: Path, *options: str):
        self.port = free_port()
        mount = urlsplit(mkdocs_yaml.load(project / "mkdocs.yml").get("site_url") or "/").path
        self.base = f"http://127.0.0.1:{self.port}{mount.rstrip('/')}/"
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *options],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str) -> tuple[int | None, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except (urllib.error.URLError, OSError):
            return None, ""

    def wait_for(self, what: str, condition) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"mkdocs serve exited ({self.proc.returncode}) while waiting for "
                            f"{what}:\n{self.output[-3000:]}")
            if condition():
                return
            time.sleep(0.25)
        pytest.fail(f"timed out after {WAIT}s waiting for {what}:\n{self.output[-3000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def test_serve_reloads_survives_a_broken_file_and_recovers(tmp_path):
    project = make_project(tmp_path, GOOD)
    phase = project / PHASE
    original = phase.read_text(encoding="utf-8")
    assert "    title: Python\n" in original
    server = Server(project)
    try:
        def topic_shows(title: str, banner: bool | None = None):
            def check() -> bool:
                status, html = server.get("basics/python/")
                has_banner = "rs-error-banner" in html
                return (status == 200 and f">{title}</h1>" in html
                        and (banner is None or has_banner == banner))
            return check

        server.wait_for("the first build", topic_shows("Python", banner=False))

        # 1. An edit to a topic title is rebuilt and served.
        phase.write_text(original.replace("    title: Python\n", "    title: Python programming\n"),
                         encoding="utf-8")
        server.wait_for("the edited title", topic_shows("Python programming", banner=False))

        # 2. A YAML syntax error: the diagnostics are printed, the server keeps answering
        # with the last good site, and the page says that the curriculum has errors.
        marker = len(server.lines)
        phase.write_text(original.replace("title: Getting started", "title: [Getting started"),
                         encoding="utf-8")
        server.wait_for("the diagnostics in the server output",
                        lambda: any("start.yml:" in line and "error" in line
                                    for line in server.lines[marker:]))
        server.wait_for("the last good page with the error banner",
                        topic_shows("Python programming", banner=True))
        printed = "\n".join(server.lines[marker:])
        assert "still serving the last good version" in printed
        assert "Traceback" not in printed
        status, _ = server.get("basics/regression/")
        assert status == 200

        # 3. Fixed, with a new title: the server recovers and the banner is gone.
        phase.write_text(original.replace("    title: Python\n", "    title: Python 3\n"),
                         encoding="utf-8")
        server.wait_for("recovery with the new title", topic_shows("Python 3", banner=False))
        assert server.proc.poll() is None
    finally:
        server.stop()


def test_serve_clean_never_hangs_on_a_curriculum_error(tmp_path):
    """`mkdocs serve --clean` tells plugins it is a "build": the plugin must still see that it
    serves, show the error and keep answering, before and after a fix."""
    project = make_project(tmp_path, GOOD)
    phase = project / PHASE
    original = phase.read_text(encoding="utf-8")
    server = Server(project, "--clean")
    try:
        server.wait_for("the first build", lambda: server.get("basics/python/")[0] == 200)
        marker = len(server.lines)
        phase.write_text(original.replace("    title: Python\n", "    title: [Python\n"), encoding="utf-8")
        server.wait_for("the diagnostics", lambda: any("start.yml:" in line and "error" in line
                                                       for line in server.lines[marker:]))
        server.wait_for("an answer after the broken rebuild",
                        lambda: "rs-error-banner" in server.get("basics/python/")[1])
        phase.write_text(original.replace("    title: Python\n", "    title: Python 3\n"), encoding="utf-8")
        server.wait_for("recovery", lambda: ">Python 3</h1>" in server.get("basics/python/")[1])
        assert "Traceback" not in server.output
    finally:
        server.stop()


def test_serve_keeps_watching_a_curriculum_folder_that_was_removed_and_restored(tmp_path):
    project = make_project(tmp_path, GOOD)
    curriculum = project / "curriculum"
    server = Server(project)
    try:
        server.wait_for("the first build", lambda: ">Python</h1>" in server.get("basics/python/")[1])
        curriculum.rename(project / "curriculum-away")
        server.wait_for("the error banner", lambda: "rs-error-banner" in server.get("basics/python/")[1])
        (project / "curriculum-away").rename(curriculum)
        server.wait_for("recovery", lambda: "rs-error-banner" not in server.get("basics/python/")[1]
                        and ">Python</h1>" in server.get("basics/python/")[1])
        phase = project / PHASE
        phase.write_text(phase.read_text().replace("    title: Python\n", "    title: Python again\n"))
        server.wait_for("an edit after the restore", lambda: ">Python again</h1>" in server.get("basics/python/")[1])
    finally:
        server.stop()


def test_serve_shows_a_broken_symlink_and_recovers(tmp_path):
    """A dangling link at the curriculum's top level and a looping one in phases/ used to make
    the plugin raise, and MkDocs then held every request: now they are diagnostics in the banner."""
    project = make_project(tmp_path, GOOD)
    server = Server(project)
    try:
        server.wait_for("the first build", lambda: ">Python</h1>" in server.get("basics/python/")[1])
        dangling = project / "curriculum/gone"
        dangling.symlink_to(project / "curriculum/no-such-folder")
        loop = project / "curriculum/basics/phases/loop.yml"
        loop.symlink_to(loop)
        phase = project / PHASE  # the watcher may not report a new link: an edit rebuilds
        phase.write_text(phase.read_text() + "\n")
        server.wait_for("the banner naming both", lambda: all(
            part in server.get("basics/python/")[1] for part in ("rs-error-banner", "curriculum/gone", "loop.yml")))
        dangling.unlink()
        loop.unlink()
        phase.write_text(phase.read_text() + "\n")
        server.wait_for("recovery", lambda: "rs-error-banner" not in server.get("basics/python/")[1]
                        and ">Python</h1>" in server.get("basics/python/")[1])
        assert "Traceback" not in server.output
    finally:
        server.stop()


def test_serve_dirty_rebuilds_an_edited_topic_and_keeps_the_whole_search_index(tmp_path):
    """Under a real `mkdocs serve --dirty`, an edit shows on its page while the pages that
    were not rebuilt keep their search entries (tests/test_live_reload.py compares files)."""
    import json

    project = make_project(tmp_path, GOOD)
    phase = project / PHASE
    original = phase.read_text(encoding="utf-8")
    server = Server(project, "--dirty")
    try:
        def index_pages() -> list[str]:
            """Every entry's location (a page's entries, once each)."""
            status, text = server.get("search/search_index.json")
            docs = json.loads(text)["docs"] if status == 200 and text else []
            return sorted(d["location"] for d in docs)

        server.wait_for("the first build", lambda: "basics/regression/" in index_pages())
        before = index_pages()
        phase.write_text(original.replace("The language of ML.", "The language of machine learning."),
                         encoding="utf-8")
        server.wait_for("the edited summary",
                        lambda: "The language of machine learning." in server.get("basics/python/")[1])
        assert index_pages() == before
        assert "basics/regression/" in before and "basics/python/" in before
        assert server.proc.poll() is None
    finally:
        server.stop()
