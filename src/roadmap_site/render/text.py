"""Hand-written Markdown pages: ``[[roadmap/topic]]`` references and the overview marker."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from roadmap_site.curriculum import Curriculum
from roadmap_site.diagnostics import Diagnostic, did_you_mean, display_path
from roadmap_site.references import INLINE_REF
from roadmap_site.render import urls

OVERVIEW_MARKER = "<!-- roadmap-site:overview -->"
TAGS_MARKER = "<!-- roadmap-site:tags -->"  # the grouped tags listing (render/pages.py tag_listing)
# Fenced blocks and inline code: references inside them are examples, not links.
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)


def resolve_references(markdown: str, src: str, curriculum: Curriculum) -> tuple[str, list[str]]:
    """Replace each reference by a Markdown link to the topic; return the unknown ones."""
    unknown: list[str] = []

    def link(m: re.Match) -> str:
        ref, label = m.group(1), m.group(2)
        # A former id (an alias) resolves silently: a hand-written page keeps building under
        # --strict after a rename; the curriculum's own references get a warning (merge.Known).
        topic = curriculum.topics.get(curriculum.current(ref))
        if topic is None:
            unknown.append(ref)
            return m.group(0)
        text = (label or topic.title).replace("[", "\\[").replace("]", "\\]")
        # Link the page's source: MkDocs checks it and turns it into the right URL.
        target = posixpath.relpath(urls.topic_page(topic.key), posixpath.dirname(src) or ".")
        return f"[{text}]({target})"

    out, last = [], 0
    for code in _CODE.finditer(markdown):
        out.append(INLINE_REF.sub(link, markdown[last:code.start()]))
        out.append(code.group(0))
        last = code.end()
    out.append(INLINE_REF.sub(link, markdown[last:]))
    return "".join(out), unknown


def unknown_reference_diagnostics(path: str | None, refs: list[str], curriculum: Curriculum) -> list[Diagnostic]:
    """A diagnostic with file and line for each unknown reference in a hand-written page."""
    try:
        text = Path(path).read_text(encoding="utf-8") if path else ""
    except OSError:
        text = ""
    shown = display_path(path) if path else "docs"
    out = []
    for ref in refs:
        offset = text.find(ref)
        line = text.count("\n", 0, offset) + 1 if offset >= 0 else 1
        col = offset - text.rfind("\n", 0, offset) if offset >= 0 else 1
        out.append(Diagnostic(shown, line, col, "warning", f"unknown topic reference '[[{ref}]]'",
                              did_you_mean(ref, curriculum.topics) or "write [[roadmap-id/topic-id]]"))
    return out
