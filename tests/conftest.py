from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "good"
# The benchmarks' curriculum generators are importable from tests (generate, big_phase).
sys.path.insert(0, str(ROOT / "benchmarks"))

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def good_copy(tmp_path: Path, monkeypatch) -> Path:
    """A writable copy of the good fixture curriculum; the working directory is its parent."""
    target = tmp_path / "curriculum"
    shutil.copytree(GOOD, target)
    monkeypatch.chdir(tmp_path)
    return target


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Edit ``root/file``: its first ``old`` (which must be there) becomes ``new``."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "roadmap_site", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def make_project(tmp_path: Path, curriculum: Path, *, extra_docs: dict[str, str] | None = None) -> Path:
    """A minimal MkDocs project around ``curriculum`` with this repo's mkdocs.yml and docs."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(curriculum, project / "curriculum")
    for name, text in (extra_docs or {}).items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    return project


def mkdocs(project: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (skips, or fails under .ci/run, without it): one per test module."""
    from browser import launch

    with launch() as b:
        yield b


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """A strict build of a snapshot of the real curriculum (one per test process), for the
    tests that need the real site's size: search quality, printing."""
    project = make_project(tmp_path_factory.mktemp("real-site"), ROOT / "curriculum")
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    return project / "site"
