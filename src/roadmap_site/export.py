"""``roadmap-site export``: the site as a plain MkDocs project that needs no plugin.

Writes what the plugin adds to a build in memory, as files: the generated pages, the
hand-written pages with ``[[refs]]`` resolved and the overview marker replaced, the plugin's
assets, and a ``mkdocs.yml`` with the plugin removed and the navigation spelled out. Any
generator that reads a MkDocs project without running plugins (Zensical, ProperDocs, plain
MkDocs) can then build the same pages.
"""

from __future__ import annotations

import posixpath
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from roadmap_site import mkdocs_yaml, schema
from roadmap_site.diagnostics import Diagnostic, display_path
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render.api import API_PATH, TOPICS_PATH, curriculum_json, topics_json
from roadmap_site.render.nav import build_nav
from roadmap_site.render.pages import SiteRenderer
from roadmap_site.render.text import OVERVIEW_MARKER, resolve_references, unknown_reference_diagnostics

ASSETS_DIR = "assets/roadmap-site"  # under docs/, where the plugin's assets are copied
MARKER = ".roadmap-site-export"  # marks a folder this command may replace
MARKDOWN = (".md", ".markdown")


class ExportError(Exception):
    """A problem with the project or the output folder (not with the curriculum)."""


@dataclass
class ExportResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    generated: int = 0
    written: int = 0  # hand-written docs files copied
    assets: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def export(config_file: Path, out_dir: Path) -> ExportResult:
    """Export the project of ``config_file`` into ``out_dir``; nothing is written on errors.

    The export is assembled in a temporary folder beside ``out_dir`` and moved into place at
    the end, so a failure never leaves a half-written folder. ``out_dir`` must be missing,
    empty, or an earlier export (which is replaced).
    """
    if not config_file.is_file():
        raise ExportError(f"{display_path(config_file)}: no such file (pass -f mkdocs.yml)")
    _check_target(out_dir)
    project = config_file.parent
    config = mkdocs_yaml.load(config_file)
    if "INHERIT" in config:
        raise ExportError(f"{display_path(config_file)}: INHERIT is not supported by export")
    options = dict(mkdocs_yaml.plugin_entries(config)).get(mkdocs_yaml.PLUGIN_NAME, {})
    loaded = load_curriculum(project / options.get("curriculum_dir", "curriculum"))
    result = ExportResult(list(loaded.diagnostics))
    if not loaded.ok:
        return result
    curriculum = loaded.curriculum
    directory_urls = config.get("use_directory_urls", True) is not False
    renderer = SiteRenderer(curriculum, directory_urls)
    docs_dir = project / config.get("docs_dir", "docs")

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir.parent))
    try:
        docs_out = staging / "docs"
        generated = renderer.pages()
        docs_pages = _write_docs(docs_dir, docs_out, generated, renderer, curriculum, result)
        for src_uri, content in generated.items():
            _write(docs_out / src_uri, content)
        result.generated = len(generated)
        # The public files the plugin adds beside the pages: the JSON API and the schema.
        _write(docs_out / API_PATH, curriculum_json(curriculum, directory_urls))
        _write(docs_out / TOPICS_PATH, topics_json(curriculum, directory_urls))
        _write(docs_out / schema.SITE_PATH, schema.dumps(schema.curriculum_schema()))
        result.assets = _copy_assets(docs_out / ASSETS_DIR)
        _copy_theme_files(config, project, staging)
        config = _plain_config(config, curriculum, docs_pages, result.assets)
        _write(staging / "mkdocs.yml", "# Exported by roadmap-site: build with plain MkDocs, no plugin"
               " needed.\n" + mkdocs_yaml.dump(config))
        (staging / MARKER).write_text("roadmap-site export\n", encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        staging.rename(out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return result


def _check_target(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{display_path(out_dir)} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise ExportError(f"{display_path(out_dir)} is not empty and is not an earlier export; "
                          "choose a new or empty folder")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_docs(docs_dir: Path, docs_out: Path, generated: dict[str, str], renderer: SiteRenderer,
                curriculum, result: ExportResult) -> list[str]:
    """Copy the hand-written docs, resolving what the plugin resolves in on_page_markdown."""
    pages: list[str] = []
    if not docs_dir.is_dir():
        return pages
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        src_uri = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in src_uri.split("/")):
            continue  # MkDocs ignores dot files too
        target = docs_out / src_uri
        if src_uri in generated:
            result.diagnostics.append(Diagnostic(display_path(path), 1, 1, "warning",
                                                 "replaced by a generated page of the same path",
                                                 "rename or remove the hand-written page"))
            continue
        result.written += 1
        if path.suffix not in MARKDOWN:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            continue
        pages.append(src_uri)
        text = path.read_text(encoding="utf-8")
        if OVERVIEW_MARKER in text:
            text = text.replace(OVERVIEW_MARKER, renderer.overview(src_uri))
        text, unknown = resolve_references(text, src_uri, curriculum)
        result.diagnostics += unknown_reference_diagnostics(str(path), unknown, curriculum)
        _write(target, text)
    return pages


def _copy_assets(target: Path) -> list[str]:
    """The plugin's packaged assets (CSS, JS), as paths relative to docs/."""
    folder = resources.files("roadmap_site") / "assets"
    if not folder.is_dir():
        return []
    copied = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_file() and not item.name.startswith((".", "_")):
            target.mkdir(parents=True, exist_ok=True)
            (target / item.name).write_bytes(item.read_bytes())
            copied.append(posixpath.join(ASSETS_DIR, item.name))
    return copied


def _copy_theme_files(config: dict, project: Path, staging: Path) -> None:
    """Copy the theme's custom_dir and the hook scripts, which the config names by path."""
    theme = config.get("theme")
    paths = [theme.get("custom_dir")] if isinstance(theme, dict) else []
    paths += list(config.get("hooks") or [])
    for rel in paths:
        if not isinstance(rel, str) or Path(rel).is_absolute():
            continue
        source = project / rel
        if source.is_dir():
            shutil.copytree(source, staging / rel, dirs_exist_ok=True)
        elif source.is_file():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, staging / rel)


def _plain_config(config: dict, curriculum, docs_pages: list[str], assets: list[str]) -> dict:
    out = dict(config)
    out["docs_dir"] = "docs"
    for key in ("site_dir", "watch"):  # the export's own defaults; curriculum/ is not copied
        out.pop(key, None)
    out["plugins"] = mkdocs_yaml.without_plugin(config)
    out["nav"] = build_nav(config.get("nav"), curriculum, docs_pages)
    css = [a for a in assets if a.endswith(".css")]
    js = [a for a in assets if a.endswith((".js", ".mjs"))]
    if css:
        out["extra_css"] = list(config.get("extra_css") or []) + css
    if js:
        out["extra_javascript"] = list(config.get("extra_javascript") or []) + js
    return out
