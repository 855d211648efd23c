"""From a curriculum folder to a :class:`Curriculum`: find files, load, validate, merge.

Parsed and validated files are cached by content hash, so that ``mkdocs serve`` re-reads only
the files that changed between two rebuilds.
"""

from __future__ import annotations

import errno
import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_site import build_cache, gc_pause, validate, vocabulary
from roadmap_site.curriculum import Curriculum
from roadmap_site.diagnostics import Diagnostic, cap_per_file, display_path, has_errors, sort_diagnostics
from roadmap_site.folders import RESOURCES_DIR, TRACKS_DIR
from roadmap_site.loader import DEFAULT_LIMITS, Document, Limits, load_file
from roadmap_site.merge import CatalogFile, PhaseFile, RoadmapFiles, merge
from roadmap_site.model import Catalog, Phase, Roadmap, TagVocabulary, Track
from roadmap_site.tracks import resolve_tracks


@dataclass
class LoadResult:
    curriculum: Curriculum | None  # None when there are errors
    diagnostics: list[Diagnostic]
    key: str | None = None  # its key in the build cache, when one was used (see build_cache)

    @property
    def ok(self) -> bool:
        return self.curriculum is not None


class FileCache:
    """(path, content hash) -> (document, model, diagnostics)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple] = {}
        self.seen: set[tuple] = set()  # keys asked for since the last prune

    def get(self, path: Path, kind, limits: Limits, *, cwd: Path | None = None):
        """The loaded file; ``cwd`` (resolved) spares a system call per file when given."""
        try:
            raw: bytes | None = path.read_bytes()
            digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        except OSError:
            raw, digest = None, ""
        resolved = path.resolve()
        shown = display_path(path, resolved=resolved, cwd=cwd)
        key = (str(resolved), digest, shown)
        self.seen.add(key)
        hit = self._entries.get(key)
        if hit is None:
            hit = _load_one(path, kind, limits, shown, raw)
            self._entries[key] = hit
        return hit

    def prune(self, keep: set[str] | None = None) -> None:
        """Forget files not in ``keep`` (resolved paths). By default, forget everything not
        asked for since the last prune: removed files, and the earlier versions of edited
        ones, so that a long ``serve`` session does not keep every version it saw."""
        if keep is None:
            self._entries = {k: v for k, v in self._entries.items() if k in self.seen}
        else:
            self._entries = {k: v for k, v in self._entries.items() if k[0] in keep}
        self.seen = set()


def _load_one(path: Path, kind, limits: Limits, shown: str | None = None,
              raw: bytes | None = None) -> tuple[Document | None, object, list[Diagnostic]]:
    document, diagnostics = load_file(path, limits, display=shown, raw=raw)
    if document is None:
        return None, None, diagnostics
    loaded: object
    if kind is Phase or kind is Catalog:  # a broken topic or entry hides only itself
        loaded = (validate.check_phase(document, path.stem) if kind is Phase
                  else validate.check_catalog(document))
        problems = loaded.diagnostics
    else:
        loaded, problems = validate.check(document, kind)
    # The models hold what the rest needs; the document stays for its positions (diagnostics
    # of later merges), without the raw data, which would double the memory of a large curriculum.
    document.data = None
    return document, loaded, diagnostics + problems


def load_curriculum(directory: str | Path, *, limits: Limits = DEFAULT_LIMITS,
                    cache: FileCache | None = None, store: build_cache.BuildCache | None = None) -> LoadResult:
    """Load, validate and merge the curriculum in ``directory``. Never raises on bad input.

    With ``store``, a curriculum loaded before, byte for byte, is taken from the build cache.
    """
    root = Path(directory)
    key = None
    if store is not None and store.folder is not None and root.is_dir():
        key = build_cache.inputs_key("load", root, repr(limits))
        hit = store.get("load", key)
        if isinstance(hit, LoadResult):
            return hit
    with gc_pause.paused():
        result = _load_curriculum(root, limits, cache)
    if key is not None:
        result.key = key
        store.put("load", key, result)
    return result


def _load_curriculum(root: Path, limits: Limits, cache: FileCache | None) -> LoadResult:
    cache = cache or FileCache()
    out: list[Diagnostic] = []
    if not root.is_dir():
        out.append(Diagnostic(display_path(root), 1, 1, "error",
                              "curriculum folder does not exist",
                              "run from the project folder or pass the curriculum path",
                              "layout"))
        return LoadResult(None, out)
    found = _read_folder(root, cache, limits, out)
    if not found.roadmaps:
        out.append(Diagnostic(display_path(root), 1, 1, "error", "no roadmaps found",
                              "create <roadmap-id>/roadmap.yml in the curriculum folder",
                              "layout"))
    curriculum, problems = merge(found.roadmaps, found.catalogs, catalog_complete=found.catalog_complete)
    out.extend(problems)
    if found.tags[1] is not None:
        curriculum.tag_groups = found.tags[1]
        out.extend(vocabulary.check_topics(*found.tags, found.roadmaps, complete=not any(
            f.incomplete or f.broken for f in found.roadmaps)))
    if not has_errors(problems):  # a path needs every prerequisite resolved
        curriculum.tracks = resolve_tracks(found.tracks, curriculum, out)
    cache.prune()
    diagnostics = sort_diagnostics(cap_per_file(sort_diagnostics(out)))
    return LoadResult(None if has_errors(diagnostics) else curriculum, diagnostics)


@dataclass
class _Found:
    """The curriculum folder's files, each parsed and checked on its own."""

    roadmaps: list[RoadmapFiles] = field(default_factory=list)
    catalogs: list[CatalogFile] = field(default_factory=list)
    catalog_complete: bool = True  # False: some catalog ids are unknown (a file is broken)
    tracks: list = field(default_factory=list)
    tags: tuple = (None, None)  # (document, groups) of curriculum/tags.yml


def _read_folder(root: Path, cache: FileCache, limits: Limits, out: list[Diagnostic]) -> _Found:
    found = _Found()
    cwd, top = Path.cwd().resolve(), root.resolve()

    def load(path: Path, kind):
        document, model, diagnostics = cache.get(path, kind, limits, cwd=cwd)
        out.extend(diagnostics)
        return document, model

    for entry in _scan(root, top, out):
        if entry.name.startswith("_"):
            continue
        if entry.is_file() and entry.name == vocabulary.FILE:
            found.tags = load(entry, TagVocabulary)
            if found.tags[1] is not None:
                out.extend(vocabulary.check_vocabulary(*found.tags))
        elif entry.is_file():
            out.extend(_stray(entry))
        elif entry.name == TRACKS_DIR:
            for path in _scan(entry, top, out):
                if not _is_yaml(path):
                    out.extend(_stray(path))
                    continue
                document, model = load(path, Track)
                if model is not None:
                    found.tracks.append((document, model))
        elif entry.name == RESOURCES_DIR:
            for path in _scan(entry, top, out):
                if _is_yaml(path):
                    document, checked = load(path, Catalog)
                    if checked is not None and checked.model is not None:
                        found.catalogs.append(CatalogFile(document, checked.model, checked.indices,
                                                          checked.broken))
                    # some ids are unknown: a reference to a resource not found is not judged
                    found.catalog_complete &= checked is not None and checked.complete
                elif not path.name.startswith("."):
                    out.extend(_stray(path))
        else:
            found.roadmaps.append(_load_roadmap(entry, top, load, out))
    return found


def _load_roadmap(folder: Path, top: Path, load, out: list[Diagnostic]) -> RoadmapFiles:
    main = folder / "roadmap.yml"
    files = RoadmapFiles(folder.name, None, source=display_path(main))
    if main.is_file():
        document, model = load(main, Roadmap)
        if model is not None:
            files.roadmap = (document, model)
        files.incomplete |= model is None
    else:
        files.source = display_path(folder)
        out.append(Diagnostic(files.source, 1, 1, "error", "roadmap folder has no roadmap.yml",
                              "add roadmap.yml (id, title, summary, phases) or remove the folder",
                              "layout"))
    for path in _scan(folder, top, out):
        if path == main:
            continue
        if path.is_dir() and path.name == "phases":
            for phase_path in _scan(path, top, out):
                if _is_yaml(phase_path):
                    document, checked = load(phase_path, Phase)
                    # None marks a phase file that exists but is unusable: its own errors
                    # are reported; the roadmap's list must not also call it missing.
                    files.phases[phase_path.stem] = (
                        PhaseFile(document, checked.model, checked.indices)
                        if checked is not None and checked.model is not None else None)
                    if checked is not None:
                        files.broken.update({topic_id: (document, loc)
                                             for topic_id, loc in checked.broken.items()})
                    # topics it holds are unknown: references into the roadmap are not judged
                    files.incomplete |= checked is None or not checked.complete
                elif not phase_path.name.startswith("."):
                    files.strays.add(phase_path.name.split(".", 1)[0])
                    out.extend(_stray(phase_path))
        else:
            out.extend(_stray(path))
    return files


def _ignored(name: str) -> bool:
    """Hidden files, editor artefacts (backup~, #autosave#, .#lock) and READMEs: not content."""
    return (name.startswith((".", "#")) or name.endswith("~")
            or name.split(".", 1)[0].upper() in ("README", "LICENSE", "NOTES"))


def _scan(folder: Path, top: Path, out: list[Diagnostic]) -> list[Path]:
    """The entries of ``folder`` that are content: regular files and folders inside the
    curriculum. A broken or looping symbolic link, one that leads out of the curriculum, a
    FIFO or a device is a diagnostic naming its path, never a traceback or a silent skip."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        out.append(Diagnostic(display_path(folder), 1, 1, "error",
                              f"cannot read folder: {exc.strerror or exc}", None, "file"))
        return []
    usable = []
    for entry in entries:
        if _ignored(entry.name):
            continue
        problem = None
        try:
            if entry.is_symlink():
                target = entry.resolve(strict=True)  # raises on a loop or a missing target
                if target != top and top not in target.parents:
                    problem = ("symbolic link leads out of the curriculum folder",
                               "copy the file into the curriculum instead of linking to it")
            info = entry.stat()
            if problem is None and not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
                problem = ("is not a regular file or folder (a FIFO, socket or device)", "remove it")
        except RuntimeError:  # Python < 3.13 reports a symlink loop this way
            problem = ("symbolic link loops back on itself", "point it at a real file, or remove it")
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                problem = ("symbolic link loops back on itself", "point it at a real file, or remove it")
            else:
                problem = (f"symbolic link is broken ({exc.strerror or exc})" if entry.is_symlink()
                           else f"cannot read it ({exc.strerror or exc})", "fix or remove it")
        if problem:
            out.append(Diagnostic(display_path(entry), 1, 1, "error", problem[0], problem[1], "file"))
        else:
            usable.append(entry)
    return usable


def _is_yaml(path: Path) -> bool:
    return path.is_file() and path.suffix == ".yml"


def _stray(path: Path) -> list[Diagnostic]:
    hint = (f"rename it to {path.stem}.yml" if path.suffix == ".yaml"
            else "move it into a roadmap's phases/ folder or curriculum/resources/, or delete it")
    return [Diagnostic(display_path(path), 1, 1, "error",
                       "file is not part of the curriculum and would be ignored", hint, "layout")]
