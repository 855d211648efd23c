"""Reproducible output: two builds of the same input are identical, byte for byte, every file.

The two builds run in different folders, as different processes with different hash seeds (so
an iteration over a set or a dict built from one would show), and compare everything: pages,
assets, the search index, the JSON API, the sitemap and its gzip.

The one date in MkDocs' output is the build date, written as ``<lastmod>`` into sitemap.xml and
as the gzip header time of sitemap.xml.gz. MkDocs takes it from ``SOURCE_DATE_EPOCH`` when set
(https://reproducible-builds.org/specs/source-date-epoch/), so both builds set it; a second test
shows that it is the only thing that date changes.
"""

from __future__ import annotations

import difflib
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD, ROOT, make_project

EPOCH = "1700000000"  # 2023-11-14


def build(project: Path, *, epoch: str = EPOCH, hash_seed: str = "1") -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return project / "site"


def twins(tmp_path: Path, curriculum: Path) -> tuple[Path, Path]:
    """Two copies of one snapshot of the project (the working tree may change meanwhile)."""
    (tmp_path / "a").mkdir()
    first = make_project(tmp_path / "a", curriculum)
    second = tmp_path / "b" / "project"
    shutil.copytree(first, second)
    return first, second


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is missing on one side or differs, with the first differing lines."""
    left, right = files(a), files(b)
    out = [f"only in first build: {name}" for name in sorted(left.keys() - right.keys())]
    out += [f"only in second build: {name}" for name in sorted(right.keys() - left.keys())]
    for name in sorted(left.keys() & right.keys()):
        if left[name] != right[name]:
            out.append(f"differs: {name}\n" + _first_diff(name, left[name], right[name]))
    return out


def _first_diff(name: str, x: bytes, y: bytes) -> str:
    if name.endswith(".gz"):
        header = f"    gzip header: {x[:10].hex()} vs {y[:10].hex()}\n"
        x, y = gzip.decompress(x), gzip.decompress(y)
        if x == y:
            return header + "    (same content)"
        name = name[:-3]
    try:
        lines = difflib.unified_diff(x.decode().splitlines(), y.decode().splitlines(), lineterm="", n=0)
        return "\n".join("    " + line[:200] for line in list(lines)[2:12])
    except UnicodeDecodeError:
        at = next(i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q) if len(x) == len(y) else -1
        return f"    binary, sizes {len(x)} and {len(y)}, first differing byte {at}"


@pytest.mark.parametrize("curriculum", [GOOD, ROOT / "curriculum"], ids=["fixture", "real"])
def test_two_builds_are_identical(tmp_path, curriculum):
    first, second = twins(tmp_path, curriculum)
    a = build(first, hash_seed="1")
    b = build(second, hash_seed="2")
    found = differences(a, b)
    count = len(files(a))
    print(f"{curriculum.name}: {count} files compared byte for byte")
    assert count > 10
    assert not found, "\n".join(found)


def test_the_build_date_reaches_only_the_sitemap(tmp_path):
    """SOURCE_DATE_EPOCH is the only date in the output, and it shows in the sitemap only."""
    first, second = twins(tmp_path, GOOD)
    a = build(first, epoch=EPOCH)
    b = build(second, epoch="1900000000")  # 2030-03-17
    found = differences(a, b)
    assert sorted(line.split("\n")[0] for line in found) == ["differs: sitemap.xml", "differs: sitemap.xml.gz"]
    assert "<lastmod>2023-11-14</lastmod>" in (a / "sitemap.xml").read_text()
    assert "<lastmod>2030-03-17</lastmod>" in (b / "sitemap.xml").read_text()
    assert (a / "sitemap.xml").read_text().replace("2023-11-14", "2030-03-17") == (b / "sitemap.xml").read_text()
