"""What an incremental rebuild under ``mkdocs serve --dirty`` may keep from the last build.

A generated page is kept (MkDocs skips it) only when its Markdown is the one the last build
rendered and nothing else its HTML shows has changed: the navigation, the hand-written files,
the config, the theme overrides and the error banner all go into one site signature, and a
change of any of them rebuilds every page. What MkDocs skips for a kept page the plugin puts
back: its search entries (from the last build, in page order) and the collection step of
other plugins (the tags plugin reads front matter in ``on_page_markdown``).

Plain data only: the plugin adapts it to MkDocs (this module never imports it).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path


def file_stats(paths) -> tuple:
    """(path, size, mtime) of each file: enough to notice an edit, and cheap to take."""
    stats = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            stats.append((str(path), None, None))
            continue
        stats.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(stats)


def folder_stats(folder: str | None) -> tuple:
    if not folder or not os.path.isdir(folder):
        return ()
    return file_stats(sorted(p for p in Path(folder).rglob("*") if p.is_file()))


def signature(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def page_of(location: str) -> str:
    """The page URL of a search entry ("ml/#loss" -> "ml/")."""
    return location.partition("#")[0]


def group_entries(entries: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        groups.setdefault(page_of(entry["location"]), []).append(entry)
    return groups


@dataclass
class BuildMemory:
    """What the last complete build under ``serve --dirty`` rendered."""

    site_dir: str | None = None
    signature: str | None = None
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> Markdown
    outputs: dict[str, str] = field(default_factory=dict)  # src_uri -> written HTML file
    search: dict[str, list[dict]] = field(default_factory=dict)  # page URL -> entries

    def kept(self, site_dir: str, site_signature: str, pages: dict[str, str]) -> set[str]:
        """The generated pages whose last output is still right."""
        if site_dir != self.site_dir or site_signature != self.signature:
            return set()
        return {src for src, text in pages.items() if self.pages.get(src) == text}

    def vanished(self, site_dir: str, pages: dict[str, str]) -> list[str]:
        """Output files of generated pages the last build wrote and this one no longer has."""
        if site_dir != self.site_dir:
            return []
        return [path for src, path in self.outputs.items() if src not in pages]

    def merged_search(self, order: list[str], rebuilt: set[str], entries: list[dict]) -> list[dict]:
        """The search entries a full build would have: a rebuilt page's new ones, a kept
        page's from the last build, in the order of the pages (as a full build adds them)."""
        fresh = group_entries(entries)
        merged: list[dict] = []
        for url in order:
            merged += fresh.get(url, []) if url in rebuilt else self.search.get(url, [])
        return merged

    def remember(self, site_dir: str, site_signature: str, pages: dict[str, str],
                 outputs: dict[str, str], entries: list[dict] | None) -> None:
        self.site_dir, self.signature = site_dir, site_signature
        self.pages, self.outputs = dict(pages), dict(outputs)
        self.search = group_entries(entries) if entries is not None else {}

    def forget(self) -> None:
        self.site_dir = self.signature = None
        self.pages, self.outputs, self.search = {}, {}, {}
