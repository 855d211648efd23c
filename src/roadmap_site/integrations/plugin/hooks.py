"""The MkDocs plugin: a thin adapter over the core (the only module that imports mkdocs).

Hooks, in the order MkDocs calls them:

* ``on_startup``: remember whether this is ``serve`` (errors must not stop the server).
* ``on_config``: load and validate the curriculum *before* MkDocs cleans ``site/``, so a
  broken curriculum can never wipe the last good site; watch the curriculum folder.
* ``on_files``: add the generated pages (in memory) and set the navigation.
* ``on_page_markdown``: resolve ``[[roadmap/topic]]`` references in hand-written pages; let
  Markdown take a generated page's HTML already stashed (see :mod:`.html_stash`).
* ``on_page_content``: hand MkDocs the anchor ids of that HTML.
* ``on_pre_page``, ``on_env``, ``on_post_build``: under ``serve --dirty``, complete what
  MkDocs skipped for the pages kept from the last build (see :mod:`.serve`).
* ``on_post_page``: under ``serve``, show the current curriculum errors on every page.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from roadmap_site import gc_pause
from roadmap_site.build_cache import BuildCache
from roadmap_site.curriculum import Curriculum
from roadmap_site.diagnostics import summary_line
from roadmap_site.integrations.plugin.html_stash import GeneratedHtml
from roadmap_site.integrations.plugin.serve import CompiledTemplates, CurriculumWatch, DirtyRebuild, KeptPage
from roadmap_site.pipeline import FileCache, LoadResult, load_curriculum
from roadmap_site.render.pages import RenderCache
from roadmap_site.render.site import SCRIPTS, STYLESHEETS, GeneratedSite, assemble, hand_written_pages

log = logging.getLogger("mkdocs.plugins.roadmap_site")
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">')
EMPTY = Curriculum([], {}, {}, {})


def error_banner(diagnostics) -> str:
    errors = [d.format() for d in diagnostics if d.severity == "error"]
    # Styled here, not in roadmap-site.css: only `mkdocs serve` with a broken curriculum shows it.
    return ('<div class="rs-error-banner" role="alert" style="border-left:.3em solid #c62828;padding:.5em 1em;'
            'background:var(--md-code-bg-color);white-space:pre-wrap;font-family:var(--md-code-font-family);'
            'font-size:.75em"><strong>The curriculum has errors; this page shows the last good version.</strong>\n'
            + html.escape("\n".join(errors)) + "</div>")


def _called_from_serve() -> bool:
    """Whether this build runs under `mkdocs serve` (or ProperDocs'): its builder is on the
    stack, in the server's thread too. `serve --clean` tells on_startup "build", and a plugin
    that raises under serve makes every request hang, so on_startup alone is not enough."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.replace("\\", "/").endswith("/commands/serve.py"):
            return True
        frame = frame.f_back
    return False


class RoadmapSiteConfig(Config):
    enabled = c.Type(bool, default=True)
    curriculum_dir = c.Type(str, default="curriculum")
    cache = c.Type(bool, default=True)  # .cache/roadmap-site/ (see roadmap_site.build_cache)


class RoadmapSitePlugin(BasePlugin[RoadmapSiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.cache = FileCache()
        self.render_cache = RenderCache()  # kept across serve rebuilds, like the FileCache
        self.site: GeneratedSite | None = None
        self.result: LoadResult | None = None
        self.last_good: LoadResult | None = None
        self.user_nav: list | None = None
        self.store = BuildCache(None)
        self.dirty = False
        self.rebuild = DirtyRebuild()  # which pages a `serve --dirty` rebuild may skip
        self.templates = CompiledTemplates()
        # hand-written pages as the strict check made them: (src, Markdown) -> page, warnings
        self.docs_pages: dict[tuple[str, str], tuple[str, list]] = {}
        self.html = GeneratedHtml()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # `serve --clean` says "build": see _called_from_serve
        self.dirty = dirty

    @event_priority(100)  # first: fail before other plugins do work on a doomed build
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").parent
        directory = (root / self.config.curriculum_dir).resolve()
        if str(directory) not in config.watch:
            config.watch.append(str(directory))
        # Shipped in the package, so the plugin works in any site.
        config.extra_css += [a for a in STYLESHEETS if a not in config.extra_css]
        config.extra_javascript += [a for a in SCRIPTS if a not in config.extra_javascript]
        config.markdown_extensions.append(self.html)
        # MkDocs hands on_config a fresh config each rebuild: keep the user's own nav.
        self.user_nav = config.nav
        self.docs_pages = {}
        self.serving = self.serving or _called_from_serve()
        # The in-memory caches serve rebuilds only: a one-off build lets the parsed files go at
        # once, and takes what it can from the build cache on disk instead.
        self.store = BuildCache.for_project(root, enabled=self.config.cache and not self.serving)
        result = load_curriculum(directory, cache=self.cache if self.serving else None, store=self.store)
        for d in result.diagnostics:
            (log.error if d.severity == "error" else log.warning)(d.format())
        if result.ok:
            clashes = self._clashes(result, config)
            if clashes and not self.serving:
                raise PluginError(f"roadmap-site: {clashes}; nothing was built")
            if clashes:
                log.error("roadmap-site: %s", clashes)
            else:
                self.last_good = result
            if config.strict and not self.serving:
                self._fail_early_in_strict_mode(result, config)
        elif self.serving:
            # Raising here would make `mkdocs serve` hang every request until the next good
            # build: keep serving the last good curriculum and show the errors on every page.
            log.error("curriculum has errors (%s); %s", summary_line(result.diagnostics),
                      "still serving the last good version" if self.last_good else "serving without it")
        else:
            raise PluginError(f"roadmap-site: the curriculum has "
                              f"{summary_line(result.diagnostics)}; nothing was built")
        self.result = result
        return config

    @staticmethod
    def _clashes(result: LoadResult, config: MkDocsConfig) -> str:
        """Pages that would be written to one address (checked here, before site/ is cleaned)."""
        site = assemble(result.curriculum, hand_written_pages(Path(config.docs_dir)),
                        directory_urls=config.use_directory_urls, render=False)
        return "; ".join(f"{d.message}: {d.hint}" for d in site.diagnostics)

    def _fail_early_in_strict_mode(self, result: LoadResult, config: MkDocsConfig) -> None:
        """What would fail a strict build later (a curriculum warning, an unknown [[ref]] in a
        docs page) fails it now, before MkDocs cleans site/: the last good site stays."""
        warnings = [d for d in result.diagnostics if d.severity == "warning"]
        docs = Path(config.docs_dir)
        site = assemble(result.curriculum, [], directory_urls=config.use_directory_urls, render=False)
        for rel in hand_written_pages(docs):
            try:
                text = (docs / rel).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # MkDocs reports it itself
            text = meta.get_data(text)[0]  # as on_page_markdown will get it: no front matter
            page = self.docs_pages[rel, text] = site.docs_page(text, rel, str(docs / rel))
            for d in page[1]:
                log.warning(d.format())
                warnings.append(d)
        if warnings:
            raise PluginError(f"roadmap-site: {len(warnings)} warning(s) in strict mode; nothing was "
                              "built and site/ was left as it was")

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Keep watching the curriculum when its folder is removed and comes back (a checkout
        of another branch, a restore): the file watcher of a removed folder never wakes up
        again, so a small thread notices the new folder, watches it and asks for a rebuild."""
        if self.config.enabled:
            root = Path(config.config_file_path or ".").parent
            CurriculumWatch(server, str((root / self.config.curriculum_dir).resolve())).start()
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        with gc_pause.paused():  # thousands of pages and files made here (see gc_pause)
            return self._add_files(files, config)

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        curriculum = self.last_good.curriculum if self.last_good else EMPTY
        # One renderer per build, with a cache that outlives it: under `serve`, what the
        # last build rendered from unchanged files is reused (see RenderCache).
        if not self.serving:
            self.render_cache = RenderCache()
        # Clashes were checked in on_config (a build stops there; serve keeps the last good).
        self.site = site = assemble(curriculum, [], user_nav=self.user_nav,
                                    directory_urls=config.use_directory_urls, cache=self.render_cache,
                                    store=self.store, key=self.last_good.key if self.last_good else None)
        pages = site.pages if self.last_good else {}
        for src_uri in pages:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:  # only under serve: a build stops on it in on_config
                files.remove(existing)
        hand_written = [f for f in files if not f.generated_by]
        docs_pages = [f.src_uri for f in hand_written if f.is_documentation_page()]
        config.nav = site.navigation(docs_pages)
        errors = None if self.result is None or self.result.ok else [d.format() for d in self.result.diagnostics]
        self.rebuild.plan(config, files, pages, site.files, hand_written, errors,
                          tracking=self.serving and self.dirty)
        for src_uri, content in pages.items():
            kind = KeptPage if src_uri in self.rebuild.kept else File
            files.append(kind.generated(config, src_uri, content=content))
        for path, content in site.files.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self.rebuild.page_read(page, config, files)
        return page

    @event_priority(110)  # before the tags plugin (100) builds its listings in on_env
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.templates
        self.rebuild.before_listings(config, files)
        return env

    @event_priority(50)  # before the search plugin (0) writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.rebuild.after_build(config)

    def on_build_error(self, *, error: Exception) -> None:
        self.rebuild.memory.forget()  # a half-written site: the next build starts afresh

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        present = getattr(page, "present_anchor_ids", None)  # MkDocs 1.6: for `validation.anchors`
        if self.html.page_ids and present is not None:
            present |= self.html.page_ids  # MkDocs' parser would have found them in the raw HTML
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Under `serve`, put the current errors at the top of every page until they are fixed."""
        if not (self.serving and self.result and not self.result.ok):
            return output
        return ARTICLE.sub(lambda m: m.group(0) + error_banner(self.result.diagnostics), output, count=1)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        self.html.active = self.site is not None and page.file.src_uri in self.site.pages
        if not self.config.enabled or self.last_good is None or page.file.generated_by:
            return markdown
        site = self.site
        if site is None or site.renderer.c is not self.last_good.curriculum:
            site = assemble(self.last_good.curriculum, [], directory_urls=config.use_directory_urls,
                            cache=self.render_cache, render=False)
        # the strict check made it already from the same Markdown (the home page's overview
        # drawing is a layout of every roadmap: 0.4 s at 60 roadmaps)
        made = self.docs_pages.pop((page.file.src_uri, markdown), None)
        text, warnings = made or site.docs_page(markdown, page.file.src_uri, page.file.abs_src_path)
        for d in warnings:
            log.warning(d.format())
        return text
