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
from pathlib import Path

from roadmap_site.diagnostics import Diagnostic, display_path
from roadmap_site.integrations import mkdocs_yaml
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render.site import ASSETS, SCRIPTS, STYLESHEETS, GeneratedSite, assemble, hand_written_pages

MARKER = ".roadmap-site-export"  # marks a folder this command may replace, and lists what it wrote
MARKER_HEADER = "roadmap-site export: the files below were written by it; anything else here is kept"
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


def export(config_file: Path, out_dir: Path, *, in_place: bool = False) -> ExportResult:
    """Export the project of ``config_file`` into ``out_dir``; nothing is written on errors.

    The export is assembled in a temporary folder beside ``out_dir`` and moved into place at
    the end, so a failure never leaves a half-written folder. ``out_dir`` must be missing,
    empty, or an earlier export: its files are replaced, and files no export wrote there
    (a CNAME, notes, a .git folder) are kept.

    ``in_place`` updates an earlier export file by file instead of swapping the folder, so a
    server watching it (``zensical serve``) keeps watching; each file is replaced atomically.
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
    docs_dir = project / config.get("docs_dir", "docs")
    site = assemble(loaded.curriculum, hand_written_pages(docs_dir), user_nav=config.get("nav"),
                    directory_urls=config.get("use_directory_urls", True) is not False,
                    source=display_path(config_file))
    result.diagnostics += site.diagnostics
    if not result.ok:
        return result
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir.parent))
    try:
        _write_project(site, config, project, docs_dir, staging, result)
        written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if not p.is_dir())
        (staging / MARKER).write_text("\n".join([MARKER_HEADER, *written]) + "\n", encoding="utf-8")
        (_sync if in_place and (out_dir / MARKER).is_file() else _replace)(out_dir, staging, set(written))
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return result


def _write_project(site: GeneratedSite, config: dict, project: Path, docs_dir: Path, staging: Path,
                   result: ExportResult) -> None:
    """Write the plain project into ``staging``: docs (hand-written and generated, and the
    files beside them), the theme files the config names, and the plain mkdocs.yml."""
    docs_out = staging / "docs"
    docs_pages = _write_docs(docs_dir, docs_out, site, result)
    for path, content in {**site.pages, **site.files}.items():
        (docs_out / path).parent.mkdir(parents=True, exist_ok=True)
        (docs_out / path).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result.generated = len(site.pages)
    result.assets = list(ASSETS)
    config = _copy_theme_files(config, project, staging)
    config = _plain_config(config, site.navigation(docs_pages))
    _write(staging / "mkdocs.yml", "# Exported by roadmap-site: build with plain MkDocs, no plugin"
           " needed.\n" + mkdocs_yaml.dump(config))


def _earlier_export(out_dir: Path) -> set[str] | None:
    """The files an earlier export wrote into ``out_dir`` (None when it did not say)."""
    lines = (out_dir / MARKER).read_text(encoding="utf-8").splitlines()
    return set(lines[1:]) | {MARKER} if len(lines) > 1 else None


def _user_entries(out_dir: Path, ours: set[str] | None, new: set[str]) -> list[str]:
    """What in ``out_dir`` the export did not write (CNAME, notes, .git/...): kept as it is.
    Whole folders are kept as one entry. Refuses when such a file is in the way of a new one."""
    new_dirs = {posixpath.dirname(p) for p in new}
    new_dirs |= {"/".join(d.split("/")[:i]) for d in new_dirs for i in range(1, d.count("/") + 1)}
    keep: list[str] = []

    def visit(folder: Path, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            rel = prefix + entry.name
            if entry.is_dir() and not entry.is_symlink():
                if rel in new_dirs or (ours is not None and any(p.startswith(rel + "/") for p in ours)):
                    visit(entry, rel + "/")
                else:
                    keep.append(rel)
            elif rel in new:
                if ours is not None and rel not in ours:
                    raise ExportError(f"{display_path(entry)} was not written by an export and the new "
                                      "export would replace it: move it away, then export again")
            elif ours is None or rel not in ours:
                keep.append(rel)  # stale files of the earlier export are dropped, the user's kept

    visit(out_dir, "")
    return keep


def _sync(out_dir: Path, staging: Path, new: set[str]) -> None:
    """Bring an earlier export up to date in place: changed files replaced, stale ones removed,
    the user's files left alone; the marker last, so an interrupted sync is redone next time."""
    ours = _earlier_export(out_dir)
    _user_entries(out_dir, ours, new)  # refuses, before any change, when a user's file is in the way
    for rel in sorted(new - {MARKER}):
        source, target = staging / rel, out_dir / rel
        data = source.read_bytes()
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.roadmap-site-new")
        tmp.write_bytes(data)
        tmp.replace(target)
    for rel in sorted((ours or set()) - new - {MARKER}):
        stale = out_dir / rel
        if stale.is_file() or stale.is_symlink():
            stale.unlink()
    (staging / MARKER).replace(out_dir / MARKER)


def _replace(out_dir: Path, staging: Path, new: set[str]) -> None:
    """Put the export in place of ``out_dir``, keeping every file there that no export wrote."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    keep = _user_entries(out_dir, _earlier_export(out_dir), new) if (out_dir / MARKER).is_file() else [
        e.name for e in out_dir.iterdir()]  # an empty folder (checked before)
    old = out_dir.with_name(f".{out_dir.name}.old-{staging.name}")
    out_dir.rename(old)
    staging.rename(out_dir)
    for rel in keep:
        (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (old / rel).rename(out_dir / rel)
    shutil.rmtree(old)


def _check_target(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{display_path(out_dir)} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise ExportError(f"{display_path(out_dir)} is not empty and is not an earlier export; "
                          "choose a new or empty folder")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_docs(docs_dir: Path, docs_out: Path, site: GeneratedSite, result: ExportResult) -> list[str]:
    """Copy the hand-written docs, resolving what the plugin resolves in on_page_markdown."""
    pages: list[str] = []
    if not docs_dir.is_dir():
        return pages
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        src_uri = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in src_uri.split("/")):
            continue  # MkDocs ignores dot files too
        target = docs_out / src_uri
        result.written += 1
        if path.suffix not in MARKDOWN:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            continue
        pages.append(src_uri)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ExportError(f"{display_path(path)}: not valid UTF-8 (byte {exc.start}); "
                              "save it as UTF-8") from None
        text, warnings = site.docs_page(text, src_uri, str(path))
        result.diagnostics += warnings
        _write(target, text)
    return pages


OUTSIDE = "_outside"  # where files the config names outside the project go in the export


def _copy_theme_files(config: dict, project: Path, staging: Path) -> dict:
    """Copy the theme's custom_dir and the hook scripts, which the config names by path, into
    the export; returns the config with those paths as they are there. A path that leaves the
    project (``../shared-theme``) is copied under ``_outside/``: nothing is written outside
    the export, whatever the config says."""
    config = dict(config)
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        config["theme"] = {**theme, "custom_dir": _copy_into(theme["custom_dir"], project, staging)}
    hooks = config.get("hooks")
    if isinstance(hooks, list):
        config["hooks"] = [_copy_into(h, project, staging) if isinstance(h, str) else h for h in hooks]
    return config


def _copy_into(rel: str, project: Path, staging: Path) -> str:
    if Path(rel).is_absolute():
        return rel  # still found where it is
    source = project / rel
    target_rel = posixpath.normpath(rel.replace("\\", "/"))
    if target_rel.startswith("../") or target_rel == "..":
        target_rel = posixpath.join(OUTSIDE, target_rel.lstrip("./").replace("../", ""))
    target = staging / target_rel
    if not target.resolve().is_relative_to(staging.resolve()):  # belt and braces
        raise ExportError(f"cannot place {rel} inside the export")
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    elif source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target_rel


def _plain_config(config: dict, nav: list) -> dict:
    out = dict(config)
    out["docs_dir"] = "docs"
    for key in ("site_dir", "watch"):  # the export's own defaults; curriculum/ is not copied
        out.pop(key, None)
    out["plugins"] = mkdocs_yaml.without_plugin(config)
    theme = out.get("theme")
    if isinstance(theme, dict) and theme.get("name") == "material" and "variant" not in theme:
        # Zensical's default look is its "modern" variant; "classic" is Material's, which
        # this site is designed and tested in. MkDocs passes the key on unused.
        out["theme"] = {**theme, "variant": "classic"}
    out["nav"] = nav
    out["extra_css"] = list(config.get("extra_css") or []) + STYLESHEETS
    out["extra_javascript"] = list(config.get("extra_javascript") or []) + SCRIPTS
    return out


def watch(config_file: Path, out_dir: Path, run, *, interval: float = 0.5,
          rounds: int | None = None) -> int:
    """Run ``run`` (an export) now and again after every change to the project's inputs, until
    interrupted. Polls modification times: no dependency, and it keeps working when a watched
    folder is removed and comes back. A failed export keeps the last good one in place."""
    import time

    project = config_file.parent
    seen = None
    done = 0
    try:
        while rounds is None or done < rounds:
            state = _inputs_state(project, config_file)
            if state != seen:
                seen = state
                run()
                print(f"watching {display_path(project)} for changes (Ctrl+C stops)", flush=True)
            done += 1
            time.sleep(interval)
    except KeyboardInterrupt:
        pass
    return 0


def _inputs_state(project: Path, config_file: Path) -> tuple:
    """(path, mtime, size) of every file the export reads: mkdocs.yml, the curriculum, the
    docs, the theme's custom_dir and hooks (read from mkdocs.yml each time, which may change)."""
    roots = [Path("curriculum"), Path("docs")]
    try:
        config = mkdocs_yaml.load(config_file)
        options = dict(mkdocs_yaml.plugin_entries(config)).get(mkdocs_yaml.PLUGIN_NAME, {})
        roots = [Path(str(options.get("curriculum_dir", "curriculum"))), Path(str(config.get("docs_dir", "docs")))]
        theme = config.get("theme")
        if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
            roots.append(Path(theme["custom_dir"]))
        roots += [Path(h) for h in config.get("hooks") or [] if isinstance(h, str)]
    except Exception:  # a broken mkdocs.yml: the export reports it; keep watching the defaults
        pass
    out = []
    for root in roots:
        base = project / root
        for path in [base, *sorted(base.rglob("*"))] if base.is_dir() else [base]:
            try:
                info = path.stat()
            except OSError:
                continue
            if path.is_file():
                out.append((str(path), info.st_mtime_ns, info.st_size))
    try:
        info = config_file.stat()
        out.append((str(config_file), info.st_mtime_ns, info.st_size))
    except OSError:
        pass
    return tuple(out)
