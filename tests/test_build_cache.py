"""The build cache on disk (roadmap_site.build_cache): a build or validate of an unchanged
curriculum is taken from .cache/roadmap-site/, byte for byte what a fresh one makes; any change
of the inputs or the code misses; a broken or unwritable cache changes nothing.

A hit is proved by planting a marker in the cached entry: the next run shows it only if it
read the entry instead of loading and rendering again.
"""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD, ROOT, make_project, mkdocs, run_cli
from roadmap_site import build_cache
from roadmap_site.diagnostics import Diagnostic
from roadmap_site.pipeline import load_curriculum

TOPIC_FILE = "curriculum/basics/phases/next.yml"
TOPIC_PAGE = "basics/regression/index.md"


def entries(project: Path, kind: str) -> list[Path]:
    return sorted((project / build_cache.FOLDER).glob(f"{kind}-*.pickle"))


def only_entry(project: Path, kind: str) -> Path:
    found = entries(project, kind)
    assert len(found) == 1, found
    return found[0]


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(project: Path, out: str) -> Path:
    proc = mkdocs(project, "build", "--strict", "-d", out)
    assert proc.returncode == 0, proc.stderr
    return project / out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, GOOD)


def test_a_cached_build_is_byte_for_byte_a_fresh_build(project, monkeypatch):
    cold = build(project, "cold")
    assert entries(project, "load") and entries(project, "site")
    warm = build(project, "warm")
    monkeypatch.setenv("ROADMAP_SITE_CACHE", "off")
    fresh = build(project, "fresh")
    assert tree(warm) == tree(cold) == tree(fresh)


def test_an_unchanged_curriculum_is_taken_from_the_cache_and_an_edit_is_not(project):
    build(project, "first")
    entry = only_entry(project, "site")
    pages, files = pickle.loads(entry.read_bytes())
    pages[TOPIC_PAGE] += "\n\nPLANTED-IN-THE-CACHE\n"
    entry.write_bytes(pickle.dumps((pages, files)))
    html_of = TOPIC_PAGE.replace(".md", ".html")

    assert "PLANTED-IN-THE-CACHE" in (build(project, "hit") / html_of).read_text(encoding="utf-8")

    phase = project / TOPIC_FILE
    phase.write_text(phase.read_text(encoding="utf-8").replace("hours: 6", "hours: 7", 1), encoding="utf-8")
    assert "PLANTED-IN-THE-CACHE" not in (build(project, "miss") / html_of).read_text(encoding="utf-8")


def test_validate_takes_an_unchanged_curriculum_from_the_cache(tmp_path):
    shutil.copytree(GOOD, tmp_path / "curriculum")
    first = run_cli("validate", "curriculum", cwd=tmp_path)
    assert first.returncode == 0, first.stdout
    entry = only_entry(tmp_path, "report")
    diagnostics, counts = pickle.loads(entry.read_bytes())
    diagnostics.append(Diagnostic("curriculum/planted.yml", 3, 4, "warning", "PLANTED", None))
    entry.write_bytes(pickle.dumps((diagnostics, counts)))

    assert "curriculum/planted.yml:3:4" in run_cli("validate", "curriculum", cwd=tmp_path).stdout
    fresh = run_cli("validate", "curriculum", "--no-cache", cwd=tmp_path)
    assert "PLANTED" not in fresh.stdout and fresh.stdout == first.stdout


def test_validate_answering_from_the_cache_loads_no_model(tmp_path):
    """What makes it fast (about 0.05 s on the real curriculum against 0.33 s): neither the
    pipeline nor Pydantic is imported when the report is in the cache."""
    shutil.copytree(GOOD, tmp_path / "curriculum")
    script = ("import sys; from roadmap_site.cli import main; code = main(['validate', 'curriculum']); "
              "print(sorted(m for m in ('pydantic', 'roadmap_site.pipeline', 'yaml') if m in sys.modules))")
    cold = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    warm = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert cold.stdout.splitlines()[-1] == "['pydantic', 'roadmap_site.pipeline', 'yaml']", cold.stderr
    assert warm.stdout.splitlines()[-1] == "[]", warm.stderr
    assert warm.stdout.splitlines()[:-1] == cold.stdout.splitlines()[:-1]


def test_validate_of_a_broken_curriculum_reports_the_same_from_the_cache(tmp_path):
    shutil.copytree(GOOD, tmp_path / "curriculum")
    phase = tmp_path / TOPIC_FILE
    phase.write_text(phase.read_text(encoding="utf-8").replace("hours: 6", "hours: many", 1),
                     encoding="utf-8")
    runs = [run_cli("validate", "curriculum", "--format", fmt, cwd=tmp_path)
            for fmt in ("text", "json", "text", "json")]
    assert entries(tmp_path, "load")
    assert runs[0].returncode == runs[2].returncode == 1
    assert runs[0].stdout == runs[2].stdout and runs[1].stdout == runs[3].stdout
    assert "next.yml:9:" in runs[0].stdout


def test_paths_in_messages_follow_the_working_folder(tmp_path):
    """Diagnostics name files relative to where validate runs: the same files seen from
    another folder are another entry, not the first one's paths."""
    shutil.copytree(GOOD, tmp_path / "curriculum")
    (tmp_path / "curriculum" / "stray.txt").write_text("x", encoding="utf-8")
    here = run_cli("validate", "curriculum", cwd=tmp_path)
    (tmp_path / "sub").mkdir()
    there = run_cli("validate", "../curriculum", cwd=tmp_path / "sub")
    assert here.stdout.startswith("curriculum/stray.txt:1:1")
    assert there.stdout.startswith(f"{tmp_path / 'curriculum' / 'stray.txt'}:1:1")  # outside: absolute
    assert there.stdout == run_cli("validate", "../curriculum", "--no-cache", cwd=tmp_path / "sub").stdout


def test_turned_off_it_writes_nothing(tmp_path, monkeypatch):
    shutil.copytree(GOOD, tmp_path / "curriculum")
    assert run_cli("validate", "curriculum", "--no-cache", cwd=tmp_path).returncode == 0
    monkeypatch.setenv("ROADMAP_SITE_CACHE", "off")
    assert run_cli("validate", "curriculum", cwd=tmp_path).returncode == 0
    assert not (tmp_path / ".cache").exists()


def test_a_corrupt_or_foreign_entry_is_a_miss(tmp_path):
    shutil.copytree(GOOD, tmp_path / "curriculum")
    first = run_cli("validate", "curriculum", cwd=tmp_path)
    entry = only_entry(tmp_path, "load")
    for content in (b"", b"not a pickle", pickle.dumps({"something": "else"}), entry.read_bytes()[:100]):
        entry.write_bytes(content)
        again = run_cli("validate", "curriculum", cwd=tmp_path)
        assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


def test_a_cache_folder_that_cannot_be_written_is_ignored(tmp_path, monkeypatch):
    shutil.copytree(GOOD, tmp_path / "curriculum")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ROADMAP_SITE_CACHE", str(blocker / "cache"))  # a folder under a file: mkdir fails
    proc = run_cli("validate", "curriculum", cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr + proc.stdout
    assert "curriculum is valid" in proc.stdout


def test_every_input_counts_and_old_entries_go(tmp_path):
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    store = build_cache.BuildCache(tmp_path / "cache")
    first = load_curriculum(root, store=store)
    assert first.key is not None
    assert load_curriculum(root, store=store).key == first.key
    keys = {first.key}
    for change in (lambda: (root / "notes.md").write_text("n", encoding="utf-8"),  # even a README-like file
                   lambda: (root / "basics" / "extra").mkdir(),                          # an empty folder
                   lambda: (root / "basics" / "extra").rmdir()):
        change()
        keys.add(load_curriculum(root, store=store).key)
    assert len(keys) == 3  # the last change went back to the second tree
    assert len(list((tmp_path / "cache").glob("load-*.pickle"))) == build_cache.KEEP


def test_a_tree_with_a_huge_file_is_not_read_for_a_key(tmp_path):
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    assert build_cache.tree_key(root) is not None
    with (root / "huge.bin").open("wb") as out:
        out.truncate(build_cache.LARGEST + 1)  # sparse: no disk used
    assert build_cache.tree_key(root) is None


def test_a_tree_with_a_symbolic_link_is_not_cached(tmp_path):
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    (root / "basics" / "link.yml").symlink_to(root / "basics" / "roadmap.yml")
    store = build_cache.BuildCache(tmp_path / "cache")
    result = load_curriculum(root, store=store)
    assert result.key is None and not result.ok  # the loader reports the link itself
    assert not (tmp_path / "cache").exists()


def test_the_code_key_covers_the_package_files(tmp_path, monkeypatch):
    package = tmp_path / "roadmap_site"
    shutil.copytree(ROOT / "src" / "roadmap_site", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build_cache, "_PACKAGE", package)
    monkeypatch.setattr(build_cache, "_code", None)
    before = build_cache.code_key()
    template = next(package.rglob("*.j2"))
    template.write_text(template.read_text(encoding="utf-8") + " ", encoding="utf-8")
    monkeypatch.setattr(build_cache, "_code", None)
    assert build_cache.code_key() != before
