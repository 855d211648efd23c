"""``roadmap-site export``: plain MkDocs, with no plugin loaded, builds the same pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import GOOD, make_project, mkdocs, run_cli
from roadmap_site.integrations import mkdocs_yaml
from roadmap_site.integrations.export import MARKER

# Runs MkDocs with roadmap_site made unimportable: proof that the export needs no plugin.
PLAIN_MKDOCS = ("import sys; sys.modules['roadmap_site'] = None; "
                "from mkdocs.__main__ import cli; sys.argv = ['mkdocs', *sys.argv[1:]]; cli()")


def plain_mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PLAIN_MKDOCS, *args], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def html_pages(site: Path) -> dict[str, str]:
    """Every page's article HTML, by path (the theme's chrome around it is not compared)."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = page.select_one("article")
        out[path.relative_to(site).as_posix()] = str(article) if article else ""
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(plugin-built site, exported project, site built from the export without the plugin)."""
    tmp = tmp_path_factory.mktemp("export")
    project = make_project(tmp, GOOD, extra_docs={
        "notes.md": "# Notes\n\nSee [[basics/regression]] and `[[not-a-link]]`.\n"})
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    out = tmp / "exported"
    proc = run_cli("export", str(out), cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert "build it with: mkdocs build" in proc.stdout
    proc = plain_mkdocs(out, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    return project / "site", out, out / "site"


def test_export_builds_the_same_pages_without_the_plugin(builds):
    plugin_site, _, plain_site = builds
    with_plugin, without = html_pages(plugin_site), html_pages(plain_site)
    assert "basics/regression/index.html" in with_plugin
    assert sorted(without) == sorted(with_plugin)
    for page, article in with_plugin.items():
        assert without[page] == article, page


def test_export_publishes_the_same_api_and_schema(builds):
    plugin_site, _, plain_site = builds
    for name in ("api/curriculum.json", "api/topics.json", "schema/curriculum.schema.json"):
        assert (plugin_site / name).is_file(), name
        assert (plain_site / name).read_bytes() == (plugin_site / name).read_bytes(), name


def test_exported_config_has_no_plugin_and_a_full_nav(builds):
    _, out, _ = builds
    text = (out / "mkdocs.yml").read_text(encoding="utf-8")
    config = mkdocs_yaml.load(out / "mkdocs.yml")
    assert "roadmap-site://" not in text and "- roadmap-site" not in text
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert names == ["search", "tags"]
    assert config["plugins"][0]["search"]["fields"]["title"] == {"boost": 2}  # the site's tuning kept
    nav_titles = [next(iter(item)) for item in config["nav"] if isinstance(item, dict)]
    assert nav_titles[:3] == ["Home", "Basics", "Advanced"]
    basics = config["nav"][1]["Basics"]
    assert basics[0] == "basics/index.md"
    assert basics[1] == {"Getting started": ["basics/phases/start/index.md",
                                             {"Python": "basics/python/index.md"},
                                             {"Linear algebra": "basics/linear-algebra/index.md"},
                                             {"Project: A tiny data toolkit": "basics/phases/start/project/index.md"}]}
    assert (out / "docs/basics/phases/start/project/index.md").is_file()
    assert (out / MARKER).is_file() and (out / "overrides").is_dir()
    assert config["theme"]["variant"] == "classic"  # Zensical's look for this Material site


def test_hand_written_pages_are_resolved(builds):
    _, out, _ = builds
    notes = (out / "docs/notes.md").read_text(encoding="utf-8")
    assert "[Regression](basics/regression/index.md)" in notes
    assert "`[[not-a-link]]`" in notes  # code stays code
    home = (out / "docs/index.md").read_text(encoding="utf-8")
    assert "roadmap-site:overview" not in home and "basics/" in home


def test_assets_are_copied_and_referenced(builds):
    _, out, _ = builds
    package_assets = sorted(p.name for p in (Path(__file__).parent.parent / "src/roadmap_site/assets").glob("*")
                            if p.is_file() and not p.name.startswith((".", "_")))
    copied = sorted(p.name for p in (out / "docs/assets/roadmap-site").glob("*")) if package_assets else []
    assert copied == package_assets
    config = mkdocs_yaml.load(out / "mkdocs.yml")
    referenced = config.get("extra_css", []) + config.get("extra_javascript", [])
    from roadmap_site import site_assets

    # every page loads these; the Review page loads review.js itself
    every = site_assets.EVERY_PAGE
    assert [Path(r).name for r in referenced if "roadmap-site/" in r] == [
        *(a for a in every if a.endswith(".css")), *(a for a in every if a.endswith(".js"))]


def test_export_refuses_a_foreign_folder_and_a_broken_curriculum(tmp_path):
    project = make_project(tmp_path, GOOD)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    proc = run_cli("export", str(foreign), cwd=project)
    assert proc.returncode == 1 and "not empty" in proc.stderr
    assert (foreign / "keep.txt").read_text() == "mine"

    out = tmp_path / "out"
    assert run_cli("export", str(out), cwd=project).returncode == 0
    assert run_cli("export", str(out), cwd=project).returncode == 0  # an earlier export: replaced
    phase = project / "curriculum/basics/phases/start.yml"
    phase.write_text(phase.read_text().replace("level: beginner", "level: beginer", 1))
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    proc = run_cli("export", str(out), cwd=project)
    assert proc.returncode == 1 and "nothing was exported" in proc.stderr
    assert "start.yml" in proc.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before  # untouched
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]  # no leftovers
    assert run_cli("export", str(tmp_path / "x"), "-f", "nope.yml", cwd=project).returncode == 1
    assert run_cli("export").returncode == 2


def test_unknown_reference_in_a_page_is_a_warning_with_its_line(tmp_path):
    project = make_project(tmp_path, GOOD, extra_docs={"bad.md": "# Bad\n\nSee [[basics/regresion]].\n"})
    proc = run_cli("export", str(tmp_path / "out"), cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert "docs/bad.md:3:7: warning: unknown topic reference '[[basics/regresion]]'" in proc.stderr
    assert "did you mean 'basics/regression'?" in proc.stderr


def test_mkdocs_yaml_keeps_python_and_env_tags(tmp_path):
    source = ("site_name: !ENV [SITE, Default]\n"
              "markdown_extensions:\n  - pymdownx.emoji:\n"
              "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
              "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
              "plugins:\n  search: {}\n  roadmap-site:\n    curriculum_dir: content\n")
    path = tmp_path / "mkdocs.yml"
    path.write_text(source)
    config = mkdocs_yaml.load(path)
    assert dict(mkdocs_yaml.plugin_entries(config))["roadmap-site"] == {"curriculum_dir": "content"}
    assert mkdocs_yaml.without_plugin(config) == ["search"]
    dumped = mkdocs_yaml.dump(config)
    assert "!!python/name:material.extensions.emoji.twemoji" in dumped
    assert "!ENV" in dumped
    # Read back, the tags are the same values: nothing was lost or executed.
    assert mkdocs_yaml.load(_write(tmp_path / "again.yml", dumped)) == config
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.safe_load(source)  # why the tolerant loader exists


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_export_writes_nothing_outside_its_folder(tmp_path):
    """A custom_dir or hook outside the project is copied under _outside/ in the export, and
    the exported config points there; the files beside the output folder are not touched."""
    root = tmp_path / "work"
    root.mkdir()
    project = make_project(root, GOOD)
    shared = root / "shared-theme"
    (shared / "partials").mkdir(parents=True)
    (shared / "partials/footer.html").write_text("{# the user's own footer #}\n")
    (root / "hooks.py").write_text("# a hook of the user's\n")
    decoy = root / "exports/shared-theme/partials/footer.html"  # where a naive copy would land
    decoy.parent.mkdir(parents=True)
    decoy.write_text("not the export's")
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["theme"]["custom_dir"] = "../shared-theme"
    config["hooks"] = ["../hooks.py"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "exports/out" not in p.as_posix()}
    proc = run_cli("export", str(root / "exports/out"), "-f", str(project / "mkdocs.yml"), cwd=root)
    assert proc.returncode == 0, proc.stderr
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "exports/out" not in p.as_posix()}
    assert after == before
    out = root / "exports/out"
    exported = yaml.safe_load((out / "mkdocs.yml").read_text().replace("!!python", "!python"))
    assert exported["theme"]["custom_dir"] == "_outside/shared-theme"
    assert exported["hooks"] == ["_outside/hooks.py"]
    assert (out / "_outside/shared-theme/partials/footer.html").is_file() and (out / "_outside/hooks.py").is_file()


def test_export_again_keeps_files_it_did_not_write(tmp_path):
    project = make_project(tmp_path, GOOD, extra_docs={"old.md": "# Old page\n"})
    out = tmp_path / "out"
    assert run_cli("export", str(out), cwd=project).returncode == 0
    assert (out / "docs/old.md").is_file()
    (project / "docs/old.md").unlink()  # gone from the project: its exported copy must go too
    (out / "CNAME").write_text("roadmaps.example.org\n")
    (out / "NOTES.md").write_text("my notes\n")
    (out / ".git/refs/tags").mkdir(parents=True)
    (out / ".git/HEAD").write_text("ref: refs/heads/main\n")
    (out / "docs/extra.txt").write_text("inside an exported folder\n")
    proc = run_cli("export", str(out), cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert (out / "CNAME").read_text() == "roadmaps.example.org\n"
    assert (out / "NOTES.md").read_text() == "my notes\n"
    assert (out / ".git/HEAD").is_file() and (out / ".git/refs/tags").is_dir()
    assert (out / "docs/extra.txt").is_file()
    assert not (out / "docs/old.md").exists()
    # a file of the user's where the export now writes a page: refused, nothing changed
    (project / "docs/CNAME.md").write_text("# A page\n")
    (out / "docs/CNAME.md").write_text("the user's\n")
    snapshot = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    proc = run_cli("export", str(out), cwd=project)
    assert proc.returncode == 1 and "CNAME.md" in proc.stderr and "Traceback" not in proc.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_export_watch_updates_in_place_and_survives_errors(tmp_path):
    """`export --watch` (beside `zensical serve`): an edit is exported again into the same
    folders (a watcher on them keeps working), a broken edit keeps the last good export."""
    import time

    project = make_project(tmp_path, GOOD)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "roadmap_site", "export", str(out), "--watch"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []

    import threading
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    page = out / "docs/basics/python/index.md"

    def wait_for(what, condition, limit=60):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            assert proc.poll() is None, "".join(lines)
            if condition():
                return
            time.sleep(0.2)
        pytest.fail(f"timed out waiting for {what}:\n{''.join(lines)}")

    try:
        wait_for("the first export", lambda: page.is_file() and sum("watching" in x for x in lines) == 1)
        folder = (out / "docs/basics").stat().st_ino
        phase = project / "curriculum/basics/phases/start.yml"
        original = phase.read_text()
        time.sleep(0.05)
        phase.write_text(original.replace("    title: Python\n", "    title: Python 3\n"))
        wait_for("the edit", lambda: ">Python 3</h1>" in page.read_text())
        assert (out / "docs/basics").stat().st_ino == folder  # updated in place
        before = page.read_text()
        phase.write_text(original.replace("title: Getting started", "title: [Getting started"))
        wait_for("the error", lambda: any("start.yml" in x and "error" in x for x in lines))
        assert page.read_text() == before and proc.poll() is None
        phase.write_text(original)
        wait_for("recovery", lambda: ">Python</h1>" in page.read_text())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "Traceback" not in "".join(lines)


@pytest.mark.parametrize(("edit", "says"), [
    ("site_name: [", "mkdocs.yml:"), ("plugins: 5", "'plugins' must be"), ("plugins: [{}]", "'plugins' must be"),
    ("plugins: {roadmap-site: 7}", "'plugins' must be"), ("nav: 5", "'nav' must be"),
    ("hooks: 7", "'hooks' must be"), ("theme: 5", "'theme' must be"), ("docs_dir: 5", "'docs_dir' must be"),
    ("x: " + "[" * 5000 + "]" * 5000, "nested too deeply"),
])
def test_export_names_the_problem_of_a_malformed_mkdocs_yml(tmp_path, edit, says):
    project = make_project(tmp_path, GOOD)
    config = project / "mkdocs.yml"
    key = edit.split(":", 1)[0]
    kept = [block for block in config.read_text().split("\n\n") if not block.startswith(key + ":")]
    config.write_text("\n\n".join(kept) + "\n" + edit + "\n")
    proc = run_cli("export", str(tmp_path / "out"), cwd=project)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert says in proc.stderr and "mkdocs.yml" in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists()


def test_export_names_a_docs_page_that_is_not_utf8(tmp_path):
    project = make_project(tmp_path, GOOD)
    (project / "docs/bad.md").write_bytes(b"# A\n\xff\xfe\n")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text().replace(
        "      curriculum_dir: curriculum", "      curriculum_dir: 5"))
    proc = run_cli("export", str(tmp_path / "out"), cwd=project)
    assert proc.returncode == 1 and "curriculum_dir" in proc.stderr and "Traceback" not in proc.stderr
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text().replace(
        "      curriculum_dir: 5", "      curriculum_dir: curriculum"))
    proc = run_cli("export", str(tmp_path / "out"), cwd=project)
    assert proc.returncode == 1 and "docs/bad.md: not valid UTF-8" in proc.stderr
