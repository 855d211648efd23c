"""What `mkdocs serve` needs beyond a build: watching a curriculum folder that comes back,
compiling the theme once per session, and the `serve --dirty` rebuild that skips the generated
pages whose output is still right (the plain-data side of it is :mod:`roadmap_site.live_reload`).
"""

from __future__ import annotations

import logging
import os
import threading
import time

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from roadmap_site import live_reload

log = logging.getLogger("mkdocs.plugins.roadmap_site")


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


class DirtyRebuild:
    """Under `serve --dirty`: which generated pages MkDocs may skip, and what the plugin does
    for them that MkDocs then does not (the other plugins' collection step, search entries)."""

    def __init__(self) -> None:
        self.memory = live_reload.BuildMemory()  # what the last `serve --dirty` build wrote
        self.tracking = False  # this build is a `serve --dirty` one that the memory follows
        self.pages: dict[str, str] = {}
        self.site_signature = ""
        self.kept: set[str] = set()
        self.rebuilt: set[str] = set()
        self.files: Files | None = None
        self.order: list[File] | None = None  # the pages in the order MkDocs reads them
        self.position = 0  # how far along that order the kept pages have been collected

    def plan(self, config: MkDocsConfig, files: Files, pages: dict[str, str], extra: dict,
             hand_written: list[File], errors: list[str] | None, *, tracking: bool) -> None:
        """Under `serve --dirty`, choose the generated pages MkDocs may skip: those whose
        Markdown and site (see live_reload) are as in the last build. Hand-written pages
        show the curriculum too ([[refs]], the overview, the tags page): always rebuilt."""
        self.tracking = tracking and _search_plugins(config) is not None
        self.pages, self.kept, self.rebuilt, self.files = pages, set(), set(), files
        self.order, self.position = None, 0
        if not self.tracking:
            return
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

    def page_read(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        self.rebuilt.add(page.file.src_uri)
        if self.tracking and self.kept:
            self._collect_kept(config, files, until=page.file)

    def before_listings(self, config: MkDocsConfig, files: Files) -> None:
        if self.tracking and self.kept:
            self._collect_kept(config, files, until=None)

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

    def after_build(self, config: MkDocsConfig) -> None:
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
