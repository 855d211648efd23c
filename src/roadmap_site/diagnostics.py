"""Diagnostics: what is wrong, where, and how to fix it.

Every problem the tool finds becomes one :class:`Diagnostic` with a file, a 1-based line and
column, a message and an optional hint. They are collected (never raised) so that one run
reports all of them, root causes first: errors before warnings, and among them what stops a file
from being read, then its YAML syntax, then missing or stray files, then the rules of one file,
then the references between files; by file and line within each of these.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

# What a diagnostic is about, root causes first; the order in which diagnostics are listed.
CATEGORIES = ("file", "syntax", "layout", "rule", "reference")
Category = Literal["file", "syntax", "layout", "rule", "reference"]

# GitHub shows at most this many error (and as many warning) annotations per step.
GITHUB_ANNOTATIONS = 10


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: Severity
    message: str
    hint: str | None = None
    category: Category = field(default="rule", compare=False)

    def format(self) -> str:
        text = f"{_safe(self.file)}:{self.line}:{self.column}: {self.severity}: {_safe(self.message)}"
        if self.hint:
            text += f"\n  hint: {_safe(self.hint)}"
        return text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the PR diff."""
        title = "roadmap-site"
        message = _safe(self.message + (f" (hint: {self.hint})" if self.hint else ""))
        return (
            f"::{self.severity} file={_gh_property(_safe(self.file))},line={self.line},"
            f"col={self.column},title={_gh_property(title)}::{_gh_data(message)}"
        )

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column,
                "severity": self.severity, "message": self.message, "hint": self.hint}


# What a terminal or a log viewer would act on instead of showing: control characters (ANSI
# escape sequences start with ESC), line and paragraph separators, bidirectional overrides.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _safe(text: str) -> str:
    """Text with every such character shown as an escape (``\\x1b``): a file name or value
    from the curriculum cannot rewrite the terminal or hide part of a message. Newlines stay
    only where the message itself has them (the hint's own line)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def display_path(path: str | os.PathLike, *, resolved: Path | None = None, cwd: Path | None = None) -> str:
    """The path as a user would type it: relative to the working directory when inside it.

    ``resolved`` (``path`` resolved) and ``cwd`` (the working directory, resolved) save the
    system calls when the caller already has them.
    """
    p = Path(path)
    try:
        # the folder resolved, not the name: a symbolic link is shown as itself, and a
        # looping one cannot make this raise
        return (resolved or p.absolute().parent.resolve() / p.name).relative_to(
            cwd or Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return p.as_posix()


def sort_key(d: Diagnostic) -> tuple:
    """Root causes first (see the module's docstring)."""
    return (d.severity != "error", CATEGORIES.index(d.category), d.file, d.line, d.column, d.message)


MAX_PER_FILE = 100  # a file with more is mostly one mistake repeated: fix the first ones


def cap_per_file(diagnostics: list[Diagnostic], limit: int = MAX_PER_FILE) -> list[Diagnostic]:
    """At most ``limit`` diagnostics per file (in the given order), then one that counts the
    rest: thousands of messages help no one, and printing them costs time."""
    shown: dict[str, int] = {}
    hidden: dict[str, list[Diagnostic]] = {}
    out = []
    for d in diagnostics:
        if shown.get(d.file, 0) < limit:
            shown[d.file] = shown.get(d.file, 0) + 1
            out.append(d)
        else:
            hidden.setdefault(d.file, []).append(d)
    for file, rest in hidden.items():
        errors = sum(d.severity == "error" for d in rest)
        first = rest[0]  # listed where the first hidden one would have been
        out.append(Diagnostic(file, first.line, first.column, "error" if errors else "warning",
                              f"{len(rest):,} more problems in this file are not shown "
                              f"({errors:,} errors, {len(rest) - errors:,} warnings)",
                              "fix the ones shown first; they often cause the rest", first.category))
    return out


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    # dict.fromkeys drops exact duplicates while keeping the first occurrence.
    return sorted(dict.fromkeys(diagnostics), key=sort_key)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A 'did you mean' hint naming the closest candidate, or None when nothing is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(d.format() for d in diagnostics)


def format_github(diagnostics: list[Diagnostic], summary: str | None = None) -> str:
    """One annotation per diagnostic, then ``summary`` (when given) as a notice that also says
    how many GitHub will not show: it shows the first few of each severity per step, which is
    why root causes go first."""
    lines = [d.format_github() for d in diagnostics]
    if summary is not None:
        errors = sum(d.severity == "error" for d in diagnostics)
        hidden = (max(0, errors - GITHUB_ANNOTATIONS)
                  + max(0, len(diagnostics) - errors - GITHUB_ANNOTATIONS))
        if hidden:
            summary += (f"; {hidden} more not shown as annotations (GitHub shows the first "
                        f"{GITHUB_ANNOTATIONS} errors and {GITHUB_ANNOTATIONS} warnings): see the "
                        "log of this step, or run roadmap-site validate")
        lines.append(f"::notice title=roadmap-site::{_gh_data(summary)}")
    return "\n".join(lines)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False)


def summary_line(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
