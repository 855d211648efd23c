"""Text that is not what it looks like: what YAML escapes can put in a string, what a terminal
would do with what `validate` prints, and how editors count lines. Each case is a diagnostic
with a position, or harmless."""

from __future__ import annotations

import json
import shutil

from conftest import GOOD, run_cli
from roadmap_site.diagnostics import Diagnostic

PHASE = "curriculum/basics/phases/start.yml"


def _edit(tmp_path, old: str, new: str) -> str:
    shutil.copytree(GOOD, tmp_path / "curriculum")
    path = tmp_path / PHASE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_a_terminal_escape_in_a_value_is_shown_escaped(tmp_path):
    # YAML's "\e" is ESC: printed raw, "\e[2J" would clear the reader's terminal
    _edit(tmp_path, "  - id: python\n", '  - id: "py\\e[2Jthon"\n')
    for fmt in ("text", "github", "json"):
        proc = run_cli("validate", "curriculum", "--format", fmt, cwd=tmp_path)
        assert proc.returncode == 1
        if fmt == "json":
            assert any("\x1b" in d["message"] for d in json.loads(proc.stdout))  # data stays data
        else:
            assert "\x1b" not in proc.stdout and "\\x1b[2J" in proc.stdout, proc.stdout


def test_a_file_name_cannot_rewrite_the_terminal(tmp_path):
    shutil.copytree(GOOD, tmp_path / "curriculum")
    (tmp_path / "curriculum/basics/phases/start.yml").rename(tmp_path / "curriculum/basics/phases/st\x1b[1mart.yml")
    proc = run_cli("validate", "curriculum", cwd=tmp_path)
    assert proc.returncode == 1 and "\x1b" not in proc.stdout and "\\x1b[1m" in proc.stdout


def test_bidi_overrides_and_line_separators_are_escaped_in_messages():
    d = Diagnostic("a\u202eb.yml", 1, 1, "error", "value 'x\u2028y'", "hint \u2066z")
    assert d.format() == "a\\u202eb.yml:1:1: error: value 'x\\u2028y'\n  hint: hint \\u2066z"
    assert "\u2028" not in d.format_github() and "\u202e" not in d.format_github()


def test_a_title_with_a_line_break_is_an_error_at_its_line(tmp_path):
    text = _edit(tmp_path, "    title: Python\n", '    title: "Python\\nfor ML"\n')
    line = text.splitlines().index('    title: "Python\\nfor ML"') + 1
    proc = run_cli("validate", "curriculum", cwd=tmp_path)
    assert proc.returncode == 1
    assert f"{PHASE}:{line}:12: error: 'title' must be one line" in proc.stdout, proc.stdout


def test_a_long_value_is_never_echoed_whole(tmp_path):
    secret = "tok-" + "x" * 300
    _edit(tmp_path, "    tags: [programming]\n", f"    tags: {secret}\n")
    proc = run_cli("validate", "curriculum", "--format", "github", cwd=tmp_path)
    assert proc.returncode == 1 and secret not in proc.stdout and "tok-x" in proc.stdout


def test_line_counting_agrees_with_editors(tmp_path):
    """U+2028 and U+2029 are line breaks to YAML (and Python's str.splitlines) but not to
    editors: every later position would be off by one. They are refused where they stand."""
    text = _edit(tmp_path, "    summary: The language of ML. See the [docs](https://docs.python.org/3/).\n",
                 "    summary: \"The language\u2028of ML.\"\n")  # the character itself, in the file
    line = text.split("\n").index("    summary: \"The language\u2028of ML.\"") + 1
    proc = run_cli("validate", "curriculum", cwd=tmp_path)
    assert proc.returncode == 1
    assert f"{PHASE}:{line}:27: error:" in proc.stdout and "U+2028" in proc.stdout, proc.stdout


def test_an_email_autolink_is_text_and_a_mailto_link_a_readable_error(tmp_path):
    from roadmap_site.markup import render_inline

    html = str(render_inline("Write to <someone@example.com>.", "basics", lambda key: None))
    assert "someone@example.com" in html and "<a" not in html and "&#" not in html
    _edit(tmp_path, "    summary: The language of ML. See the [docs](https://docs.python.org/3/).\n",
          '    summary: "Write to <someone@example.com> or [me](mailto:me@example.com)."\n')
    proc = run_cli("validate", "curriculum", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.count("error:") == 1 and "link to 'mailto:me@example.com' is not allowed" in proc.stdout
