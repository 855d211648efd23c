"""A cache on disk of what a build makes from the curriculum, so that a build or a ``validate``
of a curriculum that has not changed since the last one skips loading and rendering it.

It lives in ``.cache/roadmap-site/`` beside ``mkdocs.yml`` (where Material's plugins keep
theirs). An entry is found by a key that covers everything its value is made from:

* the inputs: every file and folder under the curriculum folder, by name and content (a
  checkout that only touches modification times still hits), the working folder (diagnostics
  show paths relative to it) and the options of the step;
* the code: this package's files by content (an edited template or module in a development
  install counts) and the versions of the libraries whose behaviour reaches the output.

A tree the key cannot describe soundly (a symbolic link, an unreadable file, a FIFO) is not
cached at all. A missing, unreadable or corrupt entry is a miss, and a cache folder that cannot
be written is ignored: the cache can make a step faster, never different or broken. Entries are
pickles, trusted as the project's own ``.pyc`` files are; ``ROADMAP_SITE_CACHE=off`` turns the
cache off and ``ROADMAP_SITE_CACHE=<folder>`` moves it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

FOLDER = Path(".cache") / "roadmap-site"
ENV = "ROADMAP_SITE_CACHE"
KEEP = 2  # entries kept per kind: the current one and the one before (a branch switched back)
# A file larger than this is not read to make a key (the loader refuses files over 1 MB anyway):
# a stray huge file must not make every build read it.
LARGEST = 16 << 20
# Distributions whose version changes what a step makes (messages, Markdown, HTML, JSON).
LIBRARIES = ("pydantic", "pydantic-core", "pyyaml", "markdown", "pymdown-extensions", "jinja2", "markupsafe")
_PACKAGE = Path(__file__).resolve().parent


class BuildCache:
    """Entries by kind ("load", "site", "report") and key; ``folder`` None means no cache."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def for_project(cls, project: Path, *, enabled: bool = True) -> BuildCache:
        """The cache of the project in ``project`` (the folder of mkdocs.yml), unless turned
        off here or by ``ROADMAP_SITE_CACHE=off``."""
        setting = os.environ.get(ENV, "").strip()
        if not enabled or setting.lower() in ("off", "0", "false", "no"):
            return cls(None)
        return cls(Path(setting) if setting else project / FOLDER)

    def get(self, kind: str, key: str | None):
        if self.folder is None or key is None:
            return None
        try:
            with open(self.folder / f"{kind}-{key}.pickle", "rb") as handle:
                return pickle.load(handle)
        except Exception:  # missing, unreadable, truncated, from another version: a miss
            return None

    def put(self, kind: str, key: str | None, value) -> None:
        if self.folder is None or key is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{kind}-")
        except OSError:  # a read-only project: build without the cache
            return
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / f"{kind}-{key}.pickle")  # readers never see half
            self._evict(kind)
        except Exception:  # a full disk, an unpicklable value: build without it
            Path(temporary).unlink(missing_ok=True)

    def _evict(self, kind: str) -> None:
        entries = sorted(self.folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)


def key(*parts: str | bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        _add(digest, part)
    return digest.hexdigest()


def _add(digest, part: str | bytes) -> None:
    data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
    digest.update(len(data).to_bytes(8, "little"))  # so that ("ab", "c") differs from ("a", "bc")
    digest.update(data)


def inputs_key(kind: str, root: Path, *options: str) -> str | None:
    """The key of what ``kind`` makes from the curriculum in ``root`` with ``options``: the
    tree, the code, and the working folder, which the paths in diagnostics are relative to."""
    tree = tree_key(root)
    return tree and key(kind, code_key(), tree, str(root), os.getcwd(), *options)


def tree_key(root: Path) -> str | None:
    """A digest of everything under ``root``: names, kinds and contents, in a fixed order; None
    when something in it cannot be described soundly (then the step is not cached)."""
    digest = hashlib.blake2b(digest_size=16)
    _add(digest, str(root.resolve()))
    try:
        for folder, folders, files in os.walk(root, onerror=_raise):
            folders.sort()
            _add(digest, "d:" + os.path.relpath(folder, root))
            links = [f for f in folders if os.path.islink(os.path.join(folder, f))]
            for name in sorted(files + links):
                path = os.path.join(folder, name)
                info = os.lstat(path)
                if not stat.S_ISREG(info.st_mode) or info.st_size > LARGEST:
                    return None  # a link, FIFO or device (the loader follows or reports it), a huge file
                _add(digest, "f:" + name)
                with open(path, "rb") as handle:
                    digest.update(info.st_size.to_bytes(8, "little"))
                    while chunk := handle.read(1 << 20):
                        digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _raise(error: OSError) -> None:
    raise error


_code: str | None = None


def code_key() -> str:
    """A digest of the code that makes the output: this package's files by content (a CI
    checkout, whose files are all new, still finds the last run's entries), the installed
    versions of the libraries, and Python's."""
    global _code
    if _code is None:
        digest = hashlib.blake2b(digest_size=16)
        _add(digest, sys.version)
        for folder, folders, files in os.walk(_PACKAGE):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            for name in sorted(files):
                path = os.path.join(folder, name)
                _add(digest, os.path.relpath(path, _PACKAGE))
                with open(path, "rb") as handle:
                    _add(digest, handle.read())
        for version in _installed():
            _add(digest, version)
        _code = digest.hexdigest()
    return _code


def _installed() -> list[str]:
    """The metadata folders of LIBRARIES on the path ("pydantic-2.14.4.dist-info"), whose names
    carry their versions; read from the folder listing, which is much cheaper than importing
    importlib.metadata (about 40 ms) on the path that needs no other library."""
    wanted = {name.replace("-", "_").lower() for name in LIBRARIES}
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += [f"{entry}/{n}" for n in names if n.endswith((".dist-info", ".egg-info"))
                  and n.split("-", 1)[0].replace(".", "_").lower() in wanted]
    return sorted(found)
