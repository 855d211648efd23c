"""The whole generated site, assembled in one place for every generator.

``assemble`` turns a curriculum into plain data: the pages (Markdown by source path), the other
files (the public JSON, the JSON Schema, the plugin's assets in the form readers download), the
navigation, the every-page stylesheets and scripts, and the problems that stop a build (two
pages at one address). The MkDocs plugin adds that data to a build in memory; the export writes
it to disk. Neither renders, links or checks anything itself. The other files include a redirect
page at each former URL of a renamed topic.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_site import build_cache, schema, site_assets
from roadmap_site.curriculum import Curriculum
from roadmap_site.diagnostics import Diagnostic
from roadmap_site.render import urls
from roadmap_site.render.api import API_PATH, CHECKS_PATH, TOPICS_PATH, curriculum_json, topics_json
from roadmap_site.render.nav import build_nav
from roadmap_site.render.pages import RenderCache, SiteRenderer, curriculum_signature
from roadmap_site.render.redirects import redirect_files
from roadmap_site.render.text import OVERVIEW_MARKER, TAGS_MARKER, resolve_references, unknown_reference_diagnostics

ASSETS = tuple(f"{site_assets.FOLDER}/{name}" for name in (*site_assets.EVERY_PAGE, *site_assets.ON_DEMAND))
STYLESHEETS = [f"{site_assets.FOLDER}/{n}" for n in site_assets.EVERY_PAGE if n.endswith(".css")]
SCRIPTS = [f"{site_assets.FOLDER}/{n}" for n in site_assets.EVERY_PAGE if n.endswith(".js")]


@dataclass
class GeneratedSite:
    renderer: SiteRenderer
    user_nav: list | None
    pages: dict[str, str] = field(default_factory=dict)  # source path -> Markdown
    files: dict[str, str | bytes] = field(default_factory=dict)  # site path -> content
    diagnostics: list[Diagnostic] = field(default_factory=list)  # errors: nothing may be built

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def navigation(self, docs_pages: list[str]) -> list:
        """The site's nav: the user's (or a default one) with the generated sections in it."""
        return build_nav(self.user_nav, self.renderer.c, docs_pages)

    def docs_page(self, markdown: str, src: str, path: str | None) -> tuple[str, list[Diagnostic]]:
        """A hand-written page as the site shows it: the overview and tags markers replaced and
        the ``[[roadmap/topic]]`` references linked; a warning for each unknown reference."""
        curriculum = self.renderer.c
        if OVERVIEW_MARKER in markdown:
            markdown = markdown.replace(OVERVIEW_MARKER, self.renderer.overview(src))
        if TAGS_MARKER in markdown:
            markdown = markdown.replace(TAGS_MARKER, self.renderer.tag_listing(src))
        text, unknown = resolve_references(markdown, src, curriculum)
        return text, unknown_reference_diagnostics(path, unknown, curriculum)


def hand_written_pages(docs_dir: Path) -> list[str]:
    """The Markdown pages of ``docs_dir`` as source paths; dot files and folders are skipped,
    as MkDocs skips them."""
    if not docs_dir.is_dir():
        return []
    pages = (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return sorted(p for p in pages if not any(part.startswith(".") for part in p.split("/")))


def assemble(curriculum: Curriculum, hand_written: list[str], *, user_nav: list | None = None,
             directory_urls: bool = True, cache: RenderCache | None = None,
             source: str = "mkdocs.yml", render: bool = True,
             store: build_cache.BuildCache | None = None, key: str | None = None) -> GeneratedSite:
    """The generated site of ``curriculum`` beside the hand-written pages ``hand_written``.

    With pages at one address, only the diagnostics are filled in. ``render=False`` stops
    there too (a check before a build that will assemble again). With ``store`` and the
    curriculum's ``key`` there (``LoadResult.key``), pages and files rendered before from
    the same curriculum are taken from the build cache.
    """
    renderer = SiteRenderer(curriculum, directory_urls, cache)
    site = GeneratedSite(renderer, user_nav)
    for url, a, b in urls.collisions(urls.generated_pages(curriculum), hand_written, directory_urls):
        site.diagnostics.append(Diagnostic(source, 1, 1, "error", f"{a} and {b} would both be the page /{url}",
                                           "rename one"))
    if site.ok and render:
        site_key = key and build_cache.key("site", key, str(directory_urls))
        hit = store.get("site", site_key) if store is not None else None
        if isinstance(hit, tuple) and len(hit) == 2:
            site.pages, site.files = hit
        else:
            site.pages = renderer.pages()
            site.files = _files(renderer)
            if store is not None:
                store.put("site", site_key, (site.pages, site.files))
    return site


@functools.lru_cache(maxsize=1)
def _schema_text() -> str:
    """The JSON Schema depends on the models only: made once per process."""
    return schema.dumps(schema.curriculum_schema())


def _files(renderer: SiteRenderer) -> dict[str, str | bytes]:
    """Site path -> content of every generated file that is not a page. The JSON is kept in
    the renderer's cache across serve rebuilds while the curriculum's objects are the same."""
    curriculum, urls_kind = renderer.c, renderer.directory_urls
    whole = renderer.cache.whole
    signature = (urls_kind, *curriculum_signature(curriculum))
    out: dict[str, str | bytes] = {
        API_PATH: whole("api", signature, lambda: curriculum_json(curriculum, urls_kind)),
        TOPICS_PATH: whole("topics", signature, lambda: topics_json(curriculum, urls_kind)),
        CHECKS_PATH: whole("checks", signature, renderer.checks_json),
        schema.SITE_PATH: _schema_text(),
    }
    out.update(whole("redirects", signature, lambda: redirect_files(curriculum, urls_kind)))
    for path in ASSETS:
        out[path] = site_assets.read(path.rsplit("/", 1)[1])
    return out
