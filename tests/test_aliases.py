"""Former topic ids (``aliases``): the validator's rules, references that follow a renamed
topic, and the redirect page at each old URL (plugin build and export alike)."""

from __future__ import annotations

import importlib.util
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import GOOD, edit, make_project, mkdocs, run_cli
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render.pages import SiteRenderer
from roadmap_site.render.site import assemble
from roadmap_site.render.text import resolve_references

NEXT = "basics/phases/next.yml"
START = "basics/phases/start.yml"
DEEP = "advanced/phases/deep.yml"


def rename_regression(root: Path) -> None:
    """basics/regression becomes basics/linear-models; the rest of the curriculum is not told."""
    edit(root, NEXT, "  - id: regression\n", "  - id: linear-models\n    aliases: [regression]\n")


def line_of(root: Path, file: str, needle: str) -> int:
    text = (root / file).read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


def test_a_renamed_topic_keeps_its_references_and_says_to_use_the_new_id(good_copy):
    rename_regression(good_copy)
    result = load_curriculum(good_copy)
    assert result.ok
    c = result.curriculum
    assert c.aliases == {"basics/regression": "basics/linear-models"}
    assert c.topics["advanced/neural-networks"].prerequisites == ["basics/linear-models"]
    assert "advanced/neural-networks" in c.topics["basics/linear-models"].needed_by
    assert c.phase("basics", "next").project_topics == ["basics/linear-models", "basics/python"]
    # the curriculum's own references still work, each with a warning that names the new id
    warnings = sorted((d.file, d.line, d.severity) for d in result.diagnostics)
    assert warnings == [(f"curriculum/{DEEP}", line_of(good_copy, DEEP, "basics/regression"), "warning"),
                        (f"curriculum/{NEXT}", line_of(good_copy, NEXT, "    - regression"), "warning")]
    assert all("basics/linear-models" in d.message and "basics/linear-models" in (d.hint or "")
               for d in result.diagnostics)


def test_a_former_id_in_text_links_to_the_topic_not_to_its_redirect(good_copy):
    rename_regression(good_copy)
    edit(good_copy, START, "summary: Vectors and matrices, the language of data.",
         "summary: Vectors and matrices, the language of data and of [[regression]].")
    c = load_curriculum(good_copy).curriculum
    page = SiteRenderer(c).topic(c.topics["basics/linear-algebra"])
    link = BeautifulSoup(page, "html.parser").select_one(".rs-summary a.rs-topic-link")
    assert link["href"] == "../linear-models/" and link.get_text() == "Regression"


def test_a_former_id_in_a_hand_written_page_resolves_without_a_warning(good_copy):
    rename_regression(good_copy)
    c = load_curriculum(good_copy).curriculum
    text, unknown = resolve_references("See [[basics/regression]] and [[basics/regresion]].", "notes/a.md", c)
    assert unknown == ["basics/regresion"]
    assert "See [Regression](../basics/linear-models/index.md)" in text


COLLISIONS = {
    # name: (file, old, new, the text the error is on, what the message says)
    "own id": (NEXT, "  - id: regression\n", "  - id: regression\n    aliases: [basics/regression]\n",
               "aliases: [basics/regression]", "this topic's own id"),
    "a live topic": (NEXT, "  - id: regression\n", "  - id: regression\n    aliases: [python]\n",
                     "aliases: [python]", "is the id of topic 'basics/python'"),
    "a live topic of another roadmap": (DEEP, "  - id: neural-networks\n",
                                        "  - id: neural-networks\n    aliases: [basics/python]\n",
                                        "aliases: [basics/python]", "is the id of topic 'basics/python'"),
    "malformed": (NEXT, "  - id: regression\n", "  - id: regression\n    aliases: [Old_Regression]\n",
                  "aliases: [Old_Regression]", "not a valid former id"),
}


@pytest.mark.parametrize("name", sorted(COLLISIONS))
def test_an_alias_that_collides_is_an_error_with_its_position(name, good_copy):
    file, old, new, at, says = COLLISIONS[name]
    edit(good_copy, file, old, new)
    proc = run_cli("validate", "curriculum", cwd=good_copy.parent)
    assert proc.returncode == 1, proc.stdout
    text = (good_copy / file).read_text(encoding="utf-8")
    line = line_of(good_copy, file, at)
    column = text.index(at) - text.rfind("\n", 0, text.index(at)) + len("aliases: [")
    errors = [x for x in proc.stdout.splitlines() if ": error: " in x]
    assert len(errors) == 1, proc.stdout
    assert errors[0].startswith(f"curriculum/{file}:{line}:{column}: error: ") and says in errors[0], proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_one_alias_on_two_topics_is_an_error_naming_both(good_copy):
    edit(good_copy, START, "  - id: python\n", "  - id: python\n    aliases: [old-topic]\n")
    edit(good_copy, NEXT, "  - id: regression\n", "  - id: regression\n    aliases: [old-topic]\n")
    proc = run_cli("validate", "curriculum", cwd=good_copy.parent)
    assert proc.returncode == 1
    first = line_of(good_copy, START, "aliases: [old-topic]")
    [error] = [x for x in proc.stdout.splitlines() if ": error: " in x]
    assert error.startswith(f"curriculum/{NEXT}:{line_of(good_copy, NEXT, 'aliases: [old-topic]')}:")
    assert "already an alias of topic 'basics/python'" in error and f"{START}:{first}" in error


@pytest.mark.parametrize("directory_urls", [True, False])
def test_each_former_url_gets_a_redirect_to_the_topic(good_copy, directory_urls):
    rename_regression(good_copy)
    edit(good_copy, DEEP, "  - id: neural-networks\n", "  - id: neural-networks\n    aliases: [basics/perceptron]\n")
    c = load_curriculum(good_copy).curriculum
    site = assemble(c, [], directory_urls=directory_urls)
    files, pages = site.files, site.pages
    index = "" if directory_urls else "index.html"
    for former, target in (("basics/regression", "basics/linear-models"),
                           ("basics/perceptron", "advanced/neural-networks")):
        path = f"{former}/index.html"
        html = BeautifulSoup(files[path], "html.parser")
        href = html.select_one("body a")["href"]
        assert href == posixpath.relpath(target, former) + "/" + index
        # the target is a real page, wherever the site is hosted
        resolved = posixpath.normpath(posixpath.join(former, href))
        assert (resolved[:-len(".html")] + ".md" if resolved.endswith(".html") else resolved + "/index.md") in pages
        assert html.select_one('link[rel="canonical"]')["href"] == href
        assert html.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={href}"
        assert html.select_one('meta[name="robots"]')["content"] == "noindex"
        assert "location.hash" in html.script.string  # the #fragment goes along
        assert c.topics[target].title in html.body.get_text()


@pytest.fixture(scope="module")
def renamed_builds(tmp_path_factory):
    """The fixture curriculum with basics/regression renamed: built by the plugin, and exported."""
    tmp = tmp_path_factory.mktemp("renamed")
    curriculum = tmp / "curriculum"
    shutil.copytree(GOOD, curriculum)
    rename_regression(curriculum)
    edit(curriculum, DEEP, "basics/regression", "basics/linear-models")  # clean under --strict
    edit(curriculum, NEXT, "    - regression\n", "    - linear-models\n")
    project = make_project(tmp, curriculum, extra_docs={"notes.md": "# Notes\n\nSee [[basics/regression]].\n"})
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("export", str(tmp / "exported"), cwd=project)
    assert proc.returncode == 0, proc.stderr
    return project, tmp / "exported"


def test_plugin_and_export_write_the_same_redirect(renamed_builds):
    project, exported = renamed_builds
    built = (project / "site/basics/regression/index.html").read_text(encoding="utf-8")
    assert built == (exported / "docs/basics/regression/index.html").read_text(encoding="utf-8")
    assert "../linear-models/" in built
    # a hand-written page's reference to the former id links to the topic (built under --strict)
    notes = BeautifulSoup((project / "site/notes/index.html").read_text(encoding="utf-8"), "html.parser")
    assert notes.select_one("article a[href*='linear-models']").get_text() == "Regression"
    # a redirect is no page: not in the search index or the sitemap
    search = (project / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "basics/regression/" not in search
    assert "basics/regression/" not in (project / "site/sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_redirect_that_would_replace_a_page_stops_the_build_and_the_export(tmp_path, good_copy, directory_urls):
    rename_regression(good_copy)
    project = make_project(tmp_path, good_copy, extra_docs={})
    (project / "docs/basics").mkdir()
    # docs/basics/regression/index.md is /basics/regression/ with either URL style
    (project / "docs/basics/regression").mkdir()
    (project / "docs/basics/regression/index.md").write_text("# Mine\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + f"\nuse_directory_urls: {str(directory_urls).lower()}\n")
    proc = mkdocs(project, "build")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert re.search(r"the redirect from former topic 'basics/regression' and docs/basics/regression/index.md "
                     r"would both be the page /basics/regression/", proc.stderr), proc.stderr
    assert not (project / "site").exists()
    proc = run_cli("export", str(tmp_path / "out"), cwd=project)
    assert proc.returncode == 1 and "the redirect from former topic" in proc.stderr


def test_a_track_goal_may_name_a_former_id_with_a_warning(good_copy):
    rename_regression(good_copy)
    edit(good_copy, "tracks/neural-networks-fast.yml", "advanced/neural-networks", "basics/regression")
    result = load_curriculum(good_copy)
    assert result.ok
    assert result.curriculum.tracks[0].goals == ["basics/linear-models"]
    assert any(d.file.endswith("neural-networks-fast.yml") and d.severity == "warning"
               and "basics/linear-models" in d.message for d in result.diagnostics)


def test_the_topic_index_names_former_keys_for_the_browser(good_copy):
    rename_regression(good_copy)
    c = load_curriculum(good_copy).curriculum
    index = json.loads(assemble(c, []).files["api/topics.json"])
    by_key = {t["key"]: t for t in index["topics"]}
    assert by_key["basics/linear-models"]["aliases"] == ["basics/regression"]
    assert "aliases" not in by_key["basics/python"]  # only renamed topics carry the field


def test_zensical_serves_the_exported_redirect_as_it_is(renamed_builds, tmp_path):
    """Zensical runs no plugins: it builds the export, and copies the redirect verbatim."""
    if sys.version_info < (3, 11) or importlib.util.find_spec("zensical") is None:
        reason = "Zensical needs Python 3.11+ and `pip install zensical` (a test dependency there)"
        if os.environ.get("ROADMAP_SITE_REQUIRE_BROWSER") and sys.version_info >= (3, 11):
            pytest.fail(reason + "; .ci/run requires it")
        pytest.skip(reason)
    project, exported = renamed_builds
    out = tmp_path / "exported"
    shutil.copytree(exported, out)
    proc = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=out, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert (out / "site/basics/regression/index.html").read_bytes() == \
        (project / "site/basics/regression/index.html").read_bytes()

