"""The renderer's shortcuts give exactly what the slow paths give.

* relative links computed without ``posixpath.relpath``;
* plain summaries converted without Markdown;
* pages, fragments and summaries reused across renders (as across ``mkdocs serve`` rebuilds)
  are the pages a fresh render of the edited curriculum makes.
"""

from __future__ import annotations

import itertools
import posixpath
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import GOOD, ROOT, edit
from roadmap_site import markup
from roadmap_site.pipeline import FileCache, load_curriculum
from roadmap_site.render import urls
from roadmap_site.render.pages import RenderCache, SiteRenderer


def test_relative_urls_match_posixpath():
    curriculum = load_curriculum(GOOD).curriculum
    sources = [urls.HOME, urls.RESOURCES, "about.md", "a/b/c.md", *SiteRenderer(curriculum).pages()]
    for directory_urls in (True, False):
        for a, b in itertools.product(sources, repeat=2):
            here, there = urls.page_url(a, directory_urls), urls.page_url(b, directory_urls)
            base = here if here.endswith("/") or here == "" else posixpath.dirname(here)
            assert urls._relpath(there, base) == posixpath.relpath(there or ".", base or ".")


def _slow(text: str, resolve, roadmap: str = "r") -> str:
    html = markup._shared().convert(text, roadmap, resolve)[0]
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


PIECES = st.sampled_from([
    "a", "Z", "0", "1. ", " ", "  ", ".", ",", ";", ":", "'", '"', "(", ")", "-", "+", "=", "#", "*", "_",
    "`", "[", "]", "!", "<", ">", "&", "&amp;", "\\", "|", "/", "%", "?", "é", "\u00a0", "\u2028", "\u3000",
    "\n", "\t", "[[x]]", "[[a/b]]", "[[nope]]", "[[x|label]]", "http://e.org", "<http://e.org>", "www.e.org",
    "**b**", "](", "]: ",
])
TITLES = st.sampled_from(["Bee", "B & C", "<i>x</i>", "Q&amp;A", "a*b*", "Plain (2)"])


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join), TITLES)
def test_plain_summaries_skip_markdown_with_the_same_result(text, title):
    targets = {"r/x": ("\x00r/x\x00", "Title X"), "a/b": ("../b/", title)}
    fast = markup._plain_inline(text, "r", targets.get)
    if fast is not None:
        assert fast == _slow(text, targets.get)


def test_most_real_summaries_take_the_plain_path():
    curriculum = load_curriculum(ROOT / "curriculum").curriculum
    texts = [(t.data.summary, t.roadmap) for t in curriculum.topics.values()]

    def resolve(key):
        return ("u", curriculum.topics[key].title) if key in curriculum.topics else None

    plain = [markup._plain_inline(text, roadmap, resolve) for text, roadmap in texts]
    assert sum(p is not None for p in plain) > len(texts) * 0.8
    for (text, roadmap), fast in zip(texts, plain, strict=True):
        if fast is not None:
            assert fast == _slow(text, resolve, roadmap)


def test_pages_reused_across_rebuilds_are_the_pages_of_a_fresh_render(tmp_path, monkeypatch):
    """A serve session: each save reloads through the same FileCache and renders with the same
    RenderCache; every render must equal a fresh render of what is on disk."""
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    monkeypatch.chdir(tmp_path)
    files, render_cache = FileCache(), RenderCache()

    def check(directory_urls: bool = True) -> dict[str, str]:
        result = load_curriculum(root, cache=files)
        assert result.ok, result.diagnostics
        cached = SiteRenderer(result.curriculum, directory_urls, render_cache).pages()
        fresh = SiteRenderer(load_curriculum(root).curriculum, directory_urls).pages()
        assert cached == fresh
        return cached

    first = check()
    assert check() == first  # nothing changed: the same pages (from the page cache)
    assert render_cache.pages
    check(directory_urls=False)  # another URL style: nothing reused wrongly
    start, nxt, catalog = "basics/phases/start.yml", "basics/phases/next.yml", "resources/catalog.yml"
    # a topic title, which other pages show in links, summaries and resource usage
    edit(root, start, "title: Python", "title: Python 3")
    check()
    # a subtopic and a summary
    edit(root, start, "- Data types", "- Data types and values")
    check()
    edit(root, nxt, "summary: ", "summary: Edited. ")
    check()
    # a catalog entry, shown as a card on every topic that cites it
    edit(root, catalog, "title: ", "title: Renamed ")
    check()
    # and back: earlier versions come back from disk, not from a stale cache
    shutil.rmtree(root)
    shutil.copytree(GOOD, root)
    assert check() == first


def test_the_render_cache_forgets_what_the_last_render_did_not_use(tmp_path, monkeypatch):
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    monkeypatch.chdir(tmp_path)
    files, render_cache = FileCache(), RenderCache()
    SiteRenderer(load_curriculum(root, cache=files).curriculum, True, render_cache).pages()
    fragments = len(render_cache.fragments)
    for n in range(5):
        edit(root, "resources/catalog.yml", "title: ", f"title: V{n} ")
        SiteRenderer(load_curriculum(root, cache=files).curriculum, True, render_cache).pages()
    assert len(render_cache.fragments) == fragments


# Keys whose values are shown on some page; every such leaf of every file is edited in turn.
SHOWN = {"title", "summary", "hours", "level", "url", "type", "free", "quality", "description",
         "authors", "tags", "subtopics", "question", "answer", "task", "outcome", "brief", "milestones",
         "acceptance"}


def _leaves(value, path=()):
    """Paths to the shown scalars (and subtopic strings) of a file's data."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in SHOWN and not isinstance(item, (dict, list)):
                yield (*path, key)
            elif isinstance(item, (dict, list)):
                yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str) and path and path[-1] in ("subtopics", "tags", "milestones", "acceptance"):
                yield (*path, i)
            else:
                yield from _leaves(item, (*path, i))


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1 if value < 5 else value - 1
    if path_is_tag(value):
        return value + "-x"
    return {"beginner": "advanced", "intermediate": "beginner", "advanced": "intermediate",
            "article": "paper", "docs": "book", "book": "course", "course": "docs",
            "paper": "video"}.get(value, value + " (edited)" if "://" not in value else value + "x")


def path_is_tag(value) -> bool:
    return isinstance(value, str) and value.islower() and " " not in value and "-" not in value \
        and len(value) < 20 and value.isalpha() and value not in (
            "beginner", "intermediate", "advanced", "article", "docs", "book", "course", "paper", "video")


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data, path):
    for part in path:
        data = data[part]
    return data


STRUCTURAL = [  # (file, edit of its data): order, links and backlinks change
    ("basics/roadmap.yml", lambda d: d["phases"].reverse()),
    ("basics/phases/start.yml", lambda d: d["topics"].reverse()),
    ("basics/phases/start.yml", lambda d: d["topics"][1].pop("related", None)),
    ("basics/phases/next.yml", lambda d: d["topics"][0]["prerequisites"].pop()),
    ("basics/phases/next.yml", lambda d: d["topics"][0]["resources"].reverse()),
    ("advanced/phases/deep.yml", lambda d: d["topics"][0].update(related=["basics/python"])),
    ("advanced/phases/deep.yml", lambda d: d["topics"][0].update(
        summary="Now it links [[basics/linear-algebra]] and [[basics/regression|a label]].")),
    ("basics/phases/start.yml", lambda d: d["project"]["topics"].pop()),
    ("basics/phases/start.yml", lambda d: d.pop("project")),
    ("basics/phases/next.yml", lambda d: d["topics"][0]["checks"].reverse()),
    ("basics/phases/next.yml", lambda d: d["topics"][0]["checks"][0].update(answer="See [[python]].")),
]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_shown_value_edited_in_turn_renders_like_a_fresh_render(tmp_path, monkeypatch, directory_urls):
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    monkeypatch.chdir(tmp_path)
    files, render_cache = FileCache(), RenderCache()

    def check() -> bool:
        result = load_curriculum(root, cache=files)
        if not result.ok:  # an edit that breaks a rule: nothing to compare
            return False
        cached = SiteRenderer(result.curriculum, directory_urls, render_cache).pages()
        assert cached == SiteRenderer(load_curriculum(root).curriculum, directory_urls).pages()
        return True

    assert check()
    edits = [(rel, path) for rel in sorted(p.relative_to(GOOD).as_posix() for p in GOOD.rglob("*.yml"))
             for path in _leaves(yaml.safe_load((GOOD / rel).read_text(encoding="utf-8")))]
    assert len(edits) > 40
    compared = 0
    for rel, path in edits:
        original = (root / rel).read_text(encoding="utf-8")
        data = yaml.safe_load(original)
        _set(data, path, _changed(_get(data, path)))
        (root / rel).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        compared += check()
        (root / rel).write_text(original, encoding="utf-8")
        assert check()
    for rel, change in STRUCTURAL:
        original = (root / rel).read_text(encoding="utf-8")
        data = yaml.safe_load(original)
        change(data)
        (root / rel).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        compared += check()
        (root / rel).write_text(original, encoding="utf-8")
        assert check()
    assert compared > len(edits) * 0.8, compared


def test_a_broken_compiled_template_cache_is_ignored():
    from roadmap_site.render import templating

    cache = templating.env.bytecode_cache
    expected = SiteRenderer(load_curriculum(GOOD).curriculum).pages()
    if cache is None:  # the package folder is read-only here: nothing to break
        return
    folder = Path(cache.directory)
    for path in folder.glob("*.jinja-cache"):
        path.write_bytes(path.read_bytes()[:20])  # right magic, truncated code
    templating.env.cache.clear()
    assert SiteRenderer(load_curriculum(GOOD).curriculum).pages() == expected
    for path in folder.glob("*.jinja-cache"):
        path.write_bytes(b"not a cache")
    templating.env.cache.clear()
    assert SiteRenderer(load_curriculum(GOOD).curriculum).pages() == expected
