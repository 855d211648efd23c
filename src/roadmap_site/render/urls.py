"""Where each generated page lives, and relative links between pages.

A topic's URL does not contain its phase (``ml/linear-regression/``), so moving a topic
between phases breaks no bookmark.

Every generated page is an ``index.md`` in a folder of its own, so its source folder is its
URL's folder: a relative link in its HTML resolves the same whether a generator resolves it
against the page's URL (MkDocs) or against its source file (Zensical).
"""

from __future__ import annotations

import functools
import posixpath

from roadmap_site.render.sections import sections

HOME = "index.md"
RESOURCES = "resources/index.md"
REVIEW = "review/index.md"
TRACKS = "tracks/index.md"
PLAN = "plan/index.md"


def roadmap_page(roadmap_id: str) -> str:
    return f"{roadmap_id}/index.md"


def phase_page(roadmap_id: str, phase_id: str) -> str:
    return f"{roadmap_id}/phases/{phase_id}/index.md"


def project_page(roadmap_id: str, phase_id: str) -> str:
    return f"{roadmap_id}/phases/{phase_id}/project/index.md"


def track_page(track_id: str) -> str:
    return f"tracks/{track_id}/index.md"


def topic_page(key: str) -> str:
    return f"{key}/index.md"


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page ``src`` (relative to the site root)."""
    stem = src[:-3] if src.endswith(".md") else src
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
        return (stem + "/" if stem else "") + ("" if directory_urls else "index.html")
    return stem + "/" if directory_urls else stem + ".html"


def linker(from_src: str, directory_urls: bool = True):
    """Relative links from page ``from_src``, as a function of the target page (and anchor) that
    works wherever the site is hosted; what the page needs once is worked out once."""
    here = page_url(from_src, directory_urls)
    base = _parts(here if here.endswith("/") or here == "" else posixpath.dirname(here))

    def link(to_src: str, anchor: str = "") -> str:
        to, is_dir = _target(to_src, directory_urls)
        rel = _relative(to, base)
        if is_dir:
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")

    return link


@functools.lru_cache(maxsize=65536)
def _target(to_src: str, directory_urls: bool) -> tuple[tuple[str, ...], bool]:
    there = page_url(to_src, directory_urls)
    return _parts(there), there.endswith("/") or there == ""


def _parts(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part)


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two site-relative URLs without ``.`` or ``..`` segments.

    The same result without its two ``abspath`` calls (each reads the working directory):
    link resolution runs for every link of every page.
    """
    return _relative(_parts(path), _parts(start))


def _relative(to: tuple[str, ...], base: tuple[str, ...]) -> str:
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + list(to[common:])) or "."


def generated_pages(curriculum) -> list[tuple[str, str]]:
    """Every page the generator writes (what SiteRenderer.pages() keys, and the redirects) as
    (source path, what it is, for messages); a roadmap may take the path of a page of the site's
    own (review/)."""
    out = [(RESOURCES, "the Resources page"), (REVIEW, "the Review page"), (PLAN, "the Plan page")]
    out += [(track_page(t.id), f"the page of track '{t.id}'") for t in curriculum.tracks]
    out += [(TRACKS, "the Tracks page")] if curriculum.tracks else []
    for roadmap in curriculum.roadmaps:
        out.append((roadmap_page(roadmap.id), f"the page of roadmap '{roadmap.id}'"))
        for phase in roadmap.phases:
            out.append((phase_page(roadmap.id, phase.id), f"the page of phase '{roadmap.id}/{phase.id}'"))
            if phase.data.project:
                out.append((project_page(roadmap.id, phase.id), f"the project of phase '{roadmap.id}/{phase.id}'"))
            out += [(topic_page(t.key), f"the page of topic '{t.key}'") for t in phase.topics]
            out += [(s.src, f"the page of {s.title} of phase '{roadmap.id}/{phase.id}'")
                    for s in sections(phase)]
    # A redirect from a former topic URL (render/redirects.py) is written where that topic's
    # page was: nothing else may take the address.
    out += [(topic_page(old), f"the redirect from former topic '{old}'") for old in sorted(curriculum.aliases)]
    return out


def collisions(generated: list[tuple[str, str]], hand_written: list[str],
               directory_urls: bool = True) -> list[tuple[str, str, str]]:
    """(URL, one owner, the other) wherever two pages would be written to one address, which
    MkDocs lets one of them replace silently: two generated pages (a roadmap named like the
    Review page), or a generated and a hand-written one (a roadmap named like docs/about.md)."""
    owners = {page_url(src, directory_urls): f"docs/{src}" for src in hand_written}
    out = []
    for src, owner in generated:
        url = page_url(src, directory_urls)
        if url in owners:
            out.append((url, owner, owners[url]))
        else:
            owners[url] = owner
    return out
