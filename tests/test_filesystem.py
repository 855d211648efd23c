"""What a curriculum folder may hold besides content: symbolic links that are broken, loop or
lead outside, FIFOs, editor artefacts and READMEs. Each is a diagnostic naming its path or is
ignored; never a traceback, in validate, stats, new topic and the build."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import GOOD, make_project, mkdocs, run_cli

PHASES = "curriculum/basics/phases"


def _break(curriculum_parent, case: str) -> str:
    """Apply one filesystem problem; returns the path a diagnostic must name."""
    root = curriculum_parent / "curriculum"
    if case == "dangling-top":
        (root / "gone").symlink_to(root / "no-such-folder")
        return "curriculum/gone"
    if case == "loop-in-phases":
        (root / "basics/phases/loop.yml").symlink_to(root / "basics/phases/loop.yml")
        return f"{PHASES}/loop.yml"
    if case == "outside":
        secret = curriculum_parent / "secret.yml"
        secret.write_text("token: s3cr3t-value\n")
        (root / "basics/phases/extra.yml").symlink_to(secret)
        return f"{PHASES}/extra.yml"
    if case == "fifo":
        os.mkfifo(root / "basics/phases/pipe.yml")
        return f"{PHASES}/pipe.yml"
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["dangling-top", "loop-in-phases", "outside", "fifo"])
def test_filesystem_problems_are_diagnostics(tmp_path, case):
    shutil.copytree(GOOD, tmp_path / "curriculum")
    shown = _break(tmp_path, case)
    for command in (["validate", "curriculum"], ["stats", "curriculum"],
                    ["new", "topic", "basics/start", "a-new-topic"]):
        proc = run_cli(*command, cwd=tmp_path)
        text = proc.stdout + proc.stderr
        assert "Traceback" not in text, (command, text)
        assert "s3cr3t" not in text  # an outside file is neither read nor echoed
        if command[0] == "validate":
            assert proc.returncode == 1 and f"{shown}:1:1: error:" in proc.stdout, text


def test_filesystem_problem_fails_the_build_cleanly(tmp_path):
    project = make_project(tmp_path, GOOD)
    os.mkfifo(project / "curriculum/basics/phases/pipe.yml")
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "curriculum/basics/phases/pipe.yml:1:1: error" in proc.stderr


def test_editor_artefacts_and_readmes_are_ignored(tmp_path):
    root = tmp_path / "curriculum"
    shutil.copytree(GOOD, root)
    text = (root / "basics/phases/start.yml").read_text()
    for name in ("start.yml~", "#start.yml#", ".#start.yml", "README.md"):
        (root / "basics/phases" / name).write_text(text + "\nbroken: [\n")
    (root / "README.md").write_text("# About this folder\n")
    (root / "basics/README.md").write_text("# Basics\n")
    proc = run_cli("validate", "curriculum", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "0 errors, 0 warnings" in proc.stdout
