"""The MkDocs plugin: a thin adapter over the core (the only module that imports mkdocs).

Hooks, in the order MkDocs calls them:

* ``on_startup``: remember whether this is ``serve`` (errors must not stop the server).
* ``on_config``: load and validate the curriculum *before* MkDocs cleans ``site/``, so a
  broken curriculum can never wipe the last good site; watch the curriculum folder.
* ``on_files``: add the generated pages (in memory) and set the navigation.
* ``on_page_markdown``: resolve ``[[roadmap/topic]]`` references in hand-written pages.
* ``on_env``, ``on_post_build``: under ``serve --dirty``, complete what MkDocs skipped for
  the pages kept from the last build (see :mod:`roadmap_site.live_reload`).
* ``on_post_page``: under ``serve``, show the current curriculum errors on every page.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
import threading
import time
from pathlib import Path

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from roadmap_site import gc_pause, live_reload
from roadmap_site.curriculum import Curriculum
from roadmap_site.diagnostics import summary_line
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


class CurriculumWatch(threading.Thread):
    """Re-watches the curriculum folder under `serve` whenever it is a new folder."""

    def __init__(self, server, path: str, interval: float = 1.0) -> None:
        super().__init__(name="roadmap-site-watch", daemon=True)
        self.server, self.path, self.interval = server, path, interval
        self.identity = self._identity()

    def _identity(self):
        try:
            info = os.stat(self.path)
            return info.st_dev, info.st_ino
        except OSError:
            return None

    def run(self) -> None:
        while True:
            time.sleep(self.interval)
            identity = self._identity()
            if identity == self.identity:
                continue
            self.identity = identity
            if identity is not None:
                try:
                    self.server.unwatch(self.path)
                except Exception:  # not watched any more, or an older server: watch it anew
                    pass
                try:
                    self.server.watch(self.path)
                except Exception as exc:  # never take the server down
                    log.warning("roadmap-site: cannot watch %s again: %s", self.path, exc)
            # Gone or back: rebuild (the watcher ignores its root's own removal).
            cond = getattr(self.server, "_rebuild_cond", None)  # MkDocs' own way to ask for one
            if cond is not None:
                with cond:
                    self.server._want_rebuild = True
                    cond.notify_all()


class KeptPage(File):
    """A generated page whose last output is still right: `serve --dirty` skips it."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per `serve` session: MkDocs makes a new Jinja
    environment for every rebuild, which compiles them all again (a sixth of a rebuild
    that renders a few pages). Jinja checks the source's checksum before reusing code."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _always_modified() -> bool:
    return True


def _search_plugins(config: MkDocsConfig) -> list | None:
    """The search plugins, or None when one is not Material's (whose index this plugin
    knows how to complete for the pages a `--dirty` rebuild skips)."""
    found = []
    for name, plugin in config.plugins.items():
        if name.endswith("search"):
            if not (hasattr(plugin, "search_index_prev")
                    and isinstance(getattr(getattr(plugin, "search_index", None), "entries", None), list)):
                return None
            found.append(plugin)
    return found


class RoadmapSiteConfig(Config):
    enabled = c.Type(bool, default=True)
    curriculum_dir = c.Type(str, default="curriculum")


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
        self.dirty = False
        self.memory = live_reload.BuildMemory()  # what the last `serve --dirty` build wrote
        self.tracking = False  # this build is a `serve --dirty` one that the memory follows
        self.pages: dict[str, str] = {}
        self.site_signature = ""
        self.kept: set[str] = set()
        self.rebuilt: set[str] = set()
        self.files: Files | None = None
        self.order: list[File] | None = None  # the pages in the order MkDocs reads them
        self.position = 0  # how far along that order the kept pages have been collected
        self.templates = CompiledTemplates()

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
        # MkDocs hands on_config a fresh config each rebuild: keep the user's own nav.
        self.user_nav = config.nav
        self.serving = self.serving or _called_from_serve()
        # The caches serve rebuilds only: a one-off build lets the parsed files go at once.
        result = load_curriculum(directory, cache=self.cache if self.serving else None)
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
            for d in site.docs_page(text, rel, str(docs / rel))[1]:
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
                                    directory_urls=config.use_directory_urls, cache=self.render_cache)
        pages = site.pages if self.last_good else {}
        for src_uri in pages:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:  # only under serve: a build stops on it in on_config
                files.remove(existing)
        hand_written = [f for f in files if not f.generated_by]
        docs_pages = [f.src_uri for f in hand_written if f.is_documentation_page()]
        config.nav = site.navigation(docs_pages)
        self._plan_rebuild(config, files, pages, site.files, hand_written)
        for src_uri, content in pages.items():
            kind = KeptPage if src_uri in self.kept else File
            files.append(kind.generated(config, src_uri, content=content))
        for path, content in site.files.items():
            files.append(File.generated(config, path, content=content))
        return files

    def _plan_rebuild(self, config: MkDocsConfig, files: Files, pages: dict[str, str],
                      extra: dict[str, str], hand_written: list[File]) -> None:
        """Under `serve --dirty`, choose the generated pages MkDocs may skip: those whose
        Markdown and site (see live_reload) are as in the last build. Hand-written pages
        show the curriculum too ([[refs]], the overview, the tags page): always rebuilt."""
        self.tracking = self.serving and self.dirty and _search_plugins(config) is not None
        self.pages, self.kept, self.rebuilt, self.files = pages, set(), set(), files
        self.order, self.position = None, 0
        if not self.tracking:
            return
        errors = None if self.result is None or self.result.ok else [d.format() for d in self.result.diagnostics]
        self.site_signature = live_reload.signature(
            config.nav, sorted(pages), sorted(extra), config.use_directory_urls, config.site_url, errors,
            [f.src_uri for f in hand_written],
            live_reload.file_stats([f.abs_src_path for f in hand_written if f.abs_src_path]),
            live_reload.file_stats([config.config_file_path]),
            live_reload.folder_stats(config.theme.custom_dir))
        self.kept = self.memory.kept(config.site_dir, self.site_signature, pages)
        for f in hand_written:
            if f.is_documentation_page():
                f.is_modified = _always_modified  # type: ignore[method-assign]
        log.debug("roadmap-site: %d of %d generated pages kept", len(self.kept), len(pages))

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self.rebuilt.add(page.file.src_uri)
        if self.tracking and self.kept:
            self._collect_kept(config, files, until=page.file)
        return page

    @event_priority(110)  # before the tags plugin (100) builds its listings in on_env
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.templates
        if self.tracking and self.kept:
            self._collect_kept(config, files, until=None)
        return env

    def _collect_kept(self, config: MkDocsConfig, files: Files, until: File | None) -> None:
        """MkDocs skips reading a kept page: run the other plugins' collection step
        (``on_page_markdown``: the tags plugin reads front matter there) on it, in the order
        in which a full build reads the pages (what they gather keeps that order), so that
        nothing gathered from every page (a tags listing, tags.json) loses the kept ones."""
        if self.order is None:
            self.order = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        while self.position < len(self.order):
            f = self.order[self.position]
            self.position += 1
            if f is until:
                return
            if f.page is not None and f.src_uri not in self.rebuilt:
                f.page.read_source(config)
                config.plugins.on_page_markdown(f.page.markdown, page=f.page, config=config, files=files)

    @event_priority(50)  # before the search plugin (0) writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Give the search index the kept pages' entries from the last build, remove the
        pages that are gone, and remember this build for the next one."""
        if not self.tracking or self.files is None:
            return
        searches = _search_plugins(config) or []
        entries = None
        for search in searches:
            index = search.search_index
            if self.kept:
                order, rebuilt = [], set()
                for f in self.files.documentation_pages():
                    if f.page is not None:
                        order.append(f.page.url)
                        if f.src_uri in self.rebuilt:
                            rebuilt.add(f.page.url)
                index.entries = self.memory.merged_search(order, rebuilt, index.entries)
            search.search_index_prev = None  # its own merge assumes one page was rebuilt
            entries = index.entries
        written = {f.abs_dest_path for f in self.files}
        for path in self.memory.vanished(config.site_dir, self.pages):
            if path in written:
                continue
            try:
                os.remove(path)
            except OSError:
                pass
        outputs = {f.src_uri: f.abs_dest_path for f in self.files if f.src_uri in self.pages}
        self.memory.remember(config.site_dir, self.site_signature, self.pages, outputs, entries)

    def on_build_error(self, *, error: Exception) -> None:
        self.memory.forget()  # a half-written site: the next build starts afresh

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Under `serve`, put the current errors at the top of every page until they are fixed."""
        if not (self.serving and self.result and not self.result.ok):
            return output
        return ARTICLE.sub(lambda m: m.group(0) + error_banner(self.result.diagnostics), output, count=1)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if not self.config.enabled or self.last_good is None or page.file.generated_by:
            return markdown
        site = self.site
        if site is None or site.renderer.c is not self.last_good.curriculum:
            site = assemble(self.last_good.curriculum, [], directory_urls=config.use_directory_urls,
                            cache=self.render_cache, render=False)
        text, warnings = site.docs_page(markdown, page.file.src_uri, page.file.abs_src_path)
        for d in warnings:
            log.warning(d.format())
        return text
