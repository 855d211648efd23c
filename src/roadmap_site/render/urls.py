"""Where each generated page lives, and relative links between pages.

A topic's URL does not contain its phase (``ml/linear-regression/``), so moving a topic
between phases breaks no bookmark.
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
RESOURCES = "resources/index.md"


def roadmap_page(roadmap_id: str) -> str:
    return f"{roadmap_id}/index.md"


def phase_page(roadmap_id: str, phase_id: str) -> str:
    return f"{roadmap_id}/phases/{phase_id}/index.md"


def topic_page(key: str) -> str:
    return f"{key}.md"


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page ``src`` (relative to the site root)."""
    stem = src[:-3] if src.endswith(".md") else src
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
        return (stem + "/" if stem else "") + ("" if directory_urls else "index.html")
    return stem + "/" if directory_urls else stem + ".html"


def relative_url(from_src: str, to_src: str, directory_urls: bool = True, anchor: str = "") -> str:
    """A link from page ``from_src`` to page ``to_src`` that works wherever the site is hosted."""
    return linker(from_src, directory_urls)(to_src, anchor)


def linker(from_src: str, directory_urls: bool = True):
    """``relative_url`` from one page, as a function of the target: what the page needs once
    is worked out once (a page links to dozens of others)."""
    here = page_url(from_src, directory_urls)
    base = _parts(here if here.endswith("/") or here == "" else posixpath.dirname(here))

    def link(to_src: str, anchor: str = "") -> str:
        there, to, is_dir = _target(to_src, directory_urls)
        common = 0
        for a, b in zip(to, base, strict=False):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (len(base) - common) + list(to[common:])) or "."
        if is_dir:
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")

    return link


@functools.lru_cache(maxsize=65536)
def _target(to_src: str, directory_urls: bool) -> tuple[str, tuple[str, ...], bool]:
    there = page_url(to_src, directory_urls)
    return there, _parts(there), there.endswith("/") or there == ""


def _parts(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part)


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two site-relative URLs without ``.`` or ``..`` segments.

    The same result without its two ``abspath`` calls (each reads the working directory):
    link resolution runs for every link of every page.
    """
    to, base = _parts(path), _parts(start)
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + list(to[common:])) or "."


def asset_url(from_src: str, asset: str, directory_urls: bool = True) -> str:
    here = page_url(from_src, directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here)
    return posixpath.relpath(asset, base or ".")
