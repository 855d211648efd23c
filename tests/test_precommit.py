"""pre-commit: the published hook (.pre-commit-hooks.yaml) and this repo's own config."""

from __future__ import annotations

import re
import shlex
import subprocess

import yaml

from conftest import ROOT

CURRICULUM_FILES = ["curriculum/ml/roadmap.yml", "curriculum/ml/phases/supervised.yml",
                    "curriculum/resources/common.yml"]
OTHER_FILES = ["docs/index.md", "mkdocs.yml", "tests/fixtures/good/basics/roadmap.yml",
               "curriculum/ml/notes.md", ".github/workflows/ci.yml"]


def load(name: str):
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def published_hook() -> dict:
    [hook] = load(".pre-commit-hooks.yaml")
    return hook


def local_hook() -> dict:
    repo = next(r for r in load(".pre-commit-config.yaml")["repos"] if r["repo"] == "local")
    return next(h for h in repo["hooks"] if h["id"] == "roadmap-site-validate")


def run_entry(entry: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(shlex.split(entry), cwd=cwd, capture_output=True, text=True, timeout=120)


def test_published_hook():
    hook = published_hook()
    assert hook["id"] == "roadmap-site-validate"
    assert hook["entry"] == "roadmap-site validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    # language: python installs this package; its console script must be the entry's command.
    scripts = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project.scripts]")[1]
    assert re.search(rf'^{re.escape(shlex.split(hook["entry"])[0])} = "roadmap_site.cli:console"', scripts, re.M)


def test_hooks_select_the_curriculum_yaml():
    for hook in (published_hook(), local_hook()):
        pattern = re.compile(hook["files"])
        assert all(pattern.search(f) for f in CURRICULUM_FILES), hook["files"]
        assert not any(pattern.search(f) for f in OTHER_FILES), hook["files"]


def test_local_config_runs_the_same_check_and_ruff():
    assert local_hook()["entry"] == published_hook()["entry"]
    assert local_hook()["pass_filenames"] is False
    ruff = next(r for r in load(".pre-commit-config.yaml")["repos"] if "ruff-pre-commit" in r["repo"])
    assert re.fullmatch(r"v\d+\.\d+\.\d+", ruff["rev"])  # pinned, so every machine lints alike
    [hook] = ruff["hooks"]
    assert hook["id"] == "ruff-check"
    assert re.compile(hook["files"]).search("src/roadmap_site/cli/validate.py")
    assert re.compile(hook["files"]).search("tests/test_cli.py")


def test_hook_entry_passes_on_this_repo_and_fails_on_a_broken_curriculum(good_copy):
    entry = published_hook()["entry"]
    proc = run_entry(entry, ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "curriculum is valid" in proc.stdout
    phase = good_copy / "basics/phases/next.yml"
    phase.write_text(phase.read_text().replace("[python, linear-algebra]", "[python, linear-algebr]"))
    proc = run_entry(entry, good_copy.parent)
    assert proc.returncode == 1
    assert "curriculum/basics/phases/next.yml:10:29: error: unknown topic 'linear-algebr'" in proc.stdout
