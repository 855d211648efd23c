"""Incremental rebuilds under ``mkdocs serve --dirty`` never leave a stale page.

One serve session, in this process as ``mkdocs serve --dirty`` runs it (the config loaded
again for every rebuild; MkDocs keeps the plugin instances, so the plugin's memory of the
last build survives), edits every value a page shows, one after the other. After each edit
every file of the incremental site must equal, byte for byte, the file of a fresh full build
of the same project (new plugin instances, an empty site folder), and no other file may exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from conftest import GOOD, edit, make_project

URL = "http://127.0.0.1:8000/"
NEXT = "curriculum/basics/phases/next.yml"
START = "curriculum/basics/phases/start.yml"

NUMPY = ("  - id: numpy\n    title: NumPy\n    summary: Arrays.\n    level: beginner\n    hours: 3\n"
         "    resources:\n      - ref: python-docs\n      - ref: islr\n")

# (file, old, new): each applied once, in order, on top of the edits before it.
EDITS = [
    (NEXT, "summary: Fit a line; uses", "summary: Fit a straight line; uses"),
    (NEXT, "hours: 6\n    prerequisites", "hours: 7.5\n    prerequisites"),
    (NEXT, "level: intermediate", "level: advanced"),
    (NEXT, "    tags: [programming, models]\n",
     "    tags: [programming, models]\n    subtopics:\n      - Least squares\n"
     "      - title: Diagnostics\n        subtopics: [Residual plots]\n"),
    (NEXT, "      - ref: python-docs\n    checks:\n      - question: What does least",
     "      - title: Regression notes\n        url: https://example.org/regression\n        type: article\n"
     "        free: true\n    checks:\n      - question: What does least"),
    (NEXT, "prerequisites: [python, linear-algebra]", "prerequisites: [python]"),
    (NEXT, "    prerequisites: [python]\n", "    prerequisites: [python]\n    related: [linear-algebra]\n"),
    (NEXT, "What does least squares minimise?", "Which quantity does least squares minimise?"),
    (NEXT, "report the test mean squared", "report the held-out mean squared"),
    (NEXT, "tags: [programming, models]", "tags: [programming, statistics]"),
    (NEXT, "Predict house prices", "Predict house values"),
    (NEXT, "summary: After this phase you can fit a line through data.",
     "summary: After this phase you can fit and judge a line through data."),
    ("curriculum/resources/catalog.yml", "An Introduction to Statistical Learning",
     "An Introduction to Statistical Learning (2nd edition)"),
    ("curriculum/basics/roadmap.yml", "summary: The first steps.", "summary: The very first steps."),
    (START, "hours: 12.5", "hours: 14"),
    (NEXT, "title: Regression\n", "title: Linear regression\n"),  # the navigation changes
    (NEXT, "title: Next steps", "title: Then"),
    (START, "  - id: linear-algebra\n", NUMPY + "  - id: linear-algebra\n"),  # a new page
    (START, "related: [python]", "related: [python, numpy]"),
    ("docs/about.md", "\n", "\nA sentence added by hand.\n"),
]


def session_builds(project: Path, site: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = URL
    build(config, serve_url=URL, dirty=True)


def fresh_build(project: Path, site: Path) -> None:
    """A full build with new plugin instances, as a new `mkdocs serve` would make."""
    cache = MkDocsConfig.plugins.plugin_cache
    kept = dict(cache)
    cache.clear()
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = URL
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=URL)
    finally:
        cache.clear()
        cache.update(kept)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(incremental: Path, fresh: Path, step: str) -> None:
    a, b = tree(incremental), tree(fresh)
    assert sorted(a) == sorted(b), f"after {step}: files differ: {sorted(set(a) ^ set(b))}"
    stale = [name for name in a if a[name] != b[name]]
    assert stale == [], f"after {step}: stale files {stale}"


@pytest.fixture
def session(tmp_path, monkeypatch):
    """A serve --dirty session's project and site folder, with plugin instances of its own."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path, GOOD)
    monkeypatch.chdir(project)
    cache = MkDocsConfig.plugins.plugin_cache
    kept = dict(cache)
    cache.clear()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "serve"))
    config.plugins.on_startup(command="serve", dirty=True)
    yield project, tmp_path / "serve", config.plugins["roadmap-site"]
    cache.clear()
    cache.update(kept)


def test_every_edit_rebuilds_exactly_what_a_full_build_writes(session, tmp_path):
    project, site, plugin = session
    session_builds(project, site)
    assert_same_site(site, _fresh(project, tmp_path, "start"), "the first build")
    for number, (path, old, new) in enumerate(EDITS):
        edit(project, path, old, new)
        session_builds(project, site)
        assert_same_site(site, _fresh(project, tmp_path, number), f"edit {number}: {new!r}")
        if number == 0:  # a summary: its pages are rebuilt, most are kept
            pages, kept = plugin.rebuild.pages, plugin.rebuild.kept
            assert len(pages) // 2 < len(kept) < len(pages), sorted(kept)


def test_a_removed_topic_leaves_no_page_behind(session, tmp_path):
    project, site, _ = session
    before = (project / START).read_text(encoding="utf-8")
    edit(project, START, "  - id: linear-algebra\n", NUMPY + "  - id: linear-algebra\n")
    session_builds(project, site)
    assert (site / "basics/numpy/index.html").is_file()
    (project / START).write_text(before, encoding="utf-8")
    session_builds(project, site)
    assert not (site / "basics/numpy/index.html").exists()
    assert_same_site(site, _fresh(project, tmp_path, "removed"), "removing a topic")


def test_errors_show_on_every_page_and_go_when_fixed(session, tmp_path):
    project, site, _ = session
    session_builds(project, site)
    good = (project / NEXT).read_text(encoding="utf-8")
    (project / NEXT).write_text(good.replace("hours: 6\n", "hours: many\n", 1), encoding="utf-8")
    session_builds(project, site)
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert pages and all("rs-error-banner" in p.read_text(encoding="utf-8") for p in pages)
    (project / NEXT).write_text(good.replace("hours: 6\n", "hours: 8\n", 1), encoding="utf-8")
    session_builds(project, site)
    assert_same_site(site, _fresh(project, tmp_path, "fixed"), "fixing the error")


def _fresh(project: Path, tmp_path: Path, label) -> Path:
    site = tmp_path / f"fresh-{label}"
    fresh_build(project, site)
    return site
