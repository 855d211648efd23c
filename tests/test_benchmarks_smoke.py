"""The benchmarks keep working: the generator makes a valid curriculum that builds strictly, and
the runner runs end to end at a tiny scale and prints every target. No timing is asserted
(benchmarks are not tests; benchmarks/README.md has the figures)."""

from __future__ import annotations

import contextlib
import io
import json

import generate
import run as runner

from conftest import GOOD, ROOT, make_project, mkdocs, run_cli


def test_the_generator_is_deterministic_and_valid(tmp_path):
    a = generate.write_curriculum(tmp_path / "a", 0.1, seed=3)
    b = generate.write_curriculum(tmp_path / "b", 0.1, seed=3)
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*.yml"))
    assert files == sorted(p.relative_to(b).as_posix() for p in b.rglob("*.yml"))
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert any(f.startswith("resources/") for f in files) and any("/phases/" in f for f in files)
    proc = run_cli("validate", str(a))
    assert proc.returncode == 0 and "0 errors, 0 warnings" in proc.stdout, proc.stdout + proc.stderr


def test_a_generated_curriculum_builds_strictly(tmp_path):
    curriculum = generate.write_curriculum(tmp_path / "generated", 0.05)
    project = make_project(tmp_path, curriculum)
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr


def test_the_shape_of_the_real_curriculum_is_what_the_generator_reproduces():
    real = generate.describe(ROOT / "curriculum")
    assert real["roadmaps"] >= 1 and real["topics"] > 100
    assert {"subtopics per topic", "catalog entries cited once", "[[refs]] per topic summary"} <= set(real)


def test_the_runner_prints_every_target(tmp_path):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert runner.main(["--quick", "--scales", "0.05", "--curriculum", str(GOOD), "--out", str(tmp_path)]) == 0
    text = out.getvalue()
    for target in ("overhead ratio", "build time per page", "validate on the real curriculum", "validate at k=10",
                   "serve: plugin share", "topic page", "CSS + JS", "no data file"):
        assert target in text, target
    assert "Machine:" in text and "load average" in text
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert set(results["curricula"]) == {"real", "k=0.05"}
    assert results["serve"]["rebuilds"] and results["weight"]["no_data_file"]
    assert "Targets:" in (tmp_path / "results.md").read_text(encoding="utf-8")
