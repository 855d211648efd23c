"""``roadmap-site new topic``: a skeleton that validates (with a warning until its placeholders
are replaced), added as text to the right file."""

from __future__ import annotations

import yaml

from conftest import GOOD, make_project, mkdocs, run_cli
from roadmap_site.pipeline import load_curriculum
from roadmap_site.scaffold import PLACEHOLDER_URLS

START = "basics/phases/start.yml"


def new_topic(root, *args):
    return run_cli("new", "topic", *args, cwd=root.parent)


def topics_of(path):
    return [t["id"] for t in yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]]


def test_added_topic_validates_and_keeps_the_file_as_it_was(good_copy):
    path = good_copy / START
    original = "# Phase one: keep this comment\n" + path.read_text(encoding="utf-8")
    original = original.replace("      - Data types\n", "      - Data types  # and this one\n")
    path.write_text(original, encoding="utf-8")
    proc = new_topic(good_copy, "basics/start", "jupyter-notebooks")
    assert proc.returncode == 0, proc.stderr
    assert "added topic 'basics/jupyter-notebooks' at curriculum/basics/phases/start.yml:" in proc.stdout
    assert "TODO" in proc.stdout and PLACEHOLDER_URLS[0] in proc.stdout  # the reminder
    text = path.read_text(encoding="utf-8")
    before, after = original.split("\nproject:", 1)  # inserted after the last topic, before the project
    before = before.rstrip("\n") + "\n"
    assert text.startswith(before) and text.endswith("project:" + after)  # nothing else changed
    added = text[len(before):len(text) - len("\nproject:" + after)]
    assert added.startswith("  - id: jupyter-notebooks\n    title: Jupyter notebooks\n")
    for key in ("summary", "level", "hours", "prerequisites", "resources", "subtopics"):
        assert f"\n    {key}:" in added, key
    assert topics_of(path) == ["python", "linear-algebra", "jupyter-notebooks"]
    validate = run_cli("validate", "curriculum", cwd=good_copy.parent)
    assert validate.returncode == 0, validate.stdout
    # valid, but the placeholders left in are a warning, which --strict (and CI) fail on
    lines = text.splitlines()
    placeholders = [n for n, line in enumerate(lines, 1) if "TODO" in line or "example.com" in line]
    first = lines.index("  - id: jupyter-notebooks") + 1
    assert len(placeholders) == 15 and min(placeholders) > first
    assert validate.stdout.splitlines() == [
        f"curriculum/basics/phases/start.yml:{first}:5: warning: topic 'jupyter-notebooks' still "
        f"has placeholder text (TODO or an example.com link) on lines "
        f"{', '.join(map(str, placeholders))}",
        "  hint: replace each TODO and example.com link with the real content",
        "curriculum is valid: 2 roadmaps, 5 topics, 3 catalog resources (0 errors, 1 warning)"]
    assert run_cli("validate", "--strict", "curriculum", cwd=good_copy.parent).returncode == 1
    topic = load_curriculum(good_copy).curriculum.topics["basics/jupyter-notebooks"]
    assert topic.phase == "start" and len(topic.resources) == 2
    assert [r.resource.url for r in topic.resources] == list(PLACEHOLDER_URLS)


def test_inserted_after_the_last_topic_when_topics_is_not_the_last_key(good_copy):
    path = good_copy / "advanced/phases/deep.yml"
    text = path.read_text(encoding="utf-8").split("\nproject:", 1)[0] + "\n"  # topics last
    head, topics = text.split("topics:\n", 1)
    summary = next(line for line in head.splitlines() if line.startswith("summary:"))
    # Topics first, listed without indentation, then a comment and a key of the phase.
    topics = "\n".join(line[2:] for line in topics.splitlines())
    path.write_text(head.replace(summary + "\n", "") + "topics:\n" + topics
                    + "\n    # notes on the last topic\n\n# The phase summary:\n" + summary + "\n",
                    encoding="utf-8")
    proc = new_topic(good_copy, "advanced/deep", "backpropagation", "--title", "Backpropagation")
    assert proc.returncode == 0, proc.stderr
    text = path.read_text(encoding="utf-8")
    assert "    # notes on the last topic\n- id: backpropagation\n  title: Backpropagation\n" in text
    assert text.rstrip().endswith("# The phase summary:\n" + summary)
    assert topics_of(path) == ["neural-networks", "backpropagation"]
    assert run_cli("validate", "curriculum", cwd=good_copy.parent).returncode == 0


def test_title_needing_quotes_and_crlf_files(good_copy):
    path = good_copy / START
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    title = 'Probability: "the basics" # not a comment'
    proc = new_topic(good_copy, "basics/start", "probability", "--title", title)
    assert proc.returncode == 0, proc.stderr
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    data = yaml.safe_load(raw.decode())
    assert data["topics"][-1]["title"] == title
    assert run_cli("validate", "curriculum", cwd=good_copy.parent).returncode == 0


def test_refusals_leave_files_untouched(good_copy):
    before = {p: p.read_bytes() for p in good_copy.rglob("*.yml")}
    cases = [
        (("basics/next", "python"), 1, "topic 'basics/python' already exists in curriculum/basics/phases/start.yml"),
        (("basics/strat", "x"), 1, "unknown phase 'basics/strat' (did you mean 'start'?)"),
        (("basix/start", "x"), 1, "unknown roadmap 'basix' (did you mean 'basics'?)"),
        (("basics", "x"), 2, "expected ROADMAP/PHASE"),
        (("basics/start", "Not_An_Id"), 2, "not a valid topic id"),
        (("basics/start", "x", "--title", "t" * 121), 2, "would not validate"),
    ]
    for args, code, message in cases:
        proc = new_topic(good_copy, *args)
        assert proc.returncode == code, (args, proc.stderr)
        assert message in proc.stderr, (args, proc.stderr)
    assert run_cli("new", "topic", cwd=good_copy.parent).returncode == 2
    assert {p: p.read_bytes() for p in good_copy.rglob("*.yml")} == before


def test_refuses_a_file_that_does_not_parse(good_copy):
    path = good_copy / START
    path.write_text(path.read_text().replace("title: Getting started", "title: [Getting started"))
    before = path.read_bytes()
    proc = new_topic(good_copy, "basics/start", "fresh-topic")
    assert proc.returncode == 1 and "is not valid YAML" in proc.stderr
    assert path.read_bytes() == before


def test_a_strict_build_fails_while_the_skeleton_is_left_as_it_is(tmp_path):
    """What CI runs (`mkdocs build --strict`) fails on the placeholders, and passes once they
    are replaced."""
    project = make_project(tmp_path, GOOD)
    curriculum = project / "curriculum"
    assert new_topic(curriculum, "basics/start", "jupyter-notebooks").returncode == 0
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode != 0
    assert "topic 'jupyter-notebooks' still has placeholder text" in proc.stderr
    path = curriculum / START
    text = path.read_text(encoding="utf-8").replace("TODO: ", "")
    for n, url in enumerate(PLACEHOLDER_URLS):
        text = text.replace(url, f"https://jupyter.org/{n}")
    path.write_text(text, encoding="utf-8")
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr


def test_new_topic_keeps_the_phase_file_line_endings_mode_and_link(good_copy):
    import os
    import stat

    real = good_copy / "basics/phases/start.yml"
    target = good_copy.parent / "shared-start.yml"
    target.write_bytes(real.read_bytes().replace(b"\n", b"\r\n"))
    os.chmod(target, 0o640)
    real.unlink()
    real.symlink_to(os.path.relpath(target, real.parent))
    proc = new_topic(good_copy, "basics/start", "jupyter-notebooks")
    assert proc.returncode == 0, proc.stderr
    assert real.is_symlink() and real.resolve() == target.resolve()
    data = target.read_bytes()
    assert b"jupyter-notebooks" in data and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
