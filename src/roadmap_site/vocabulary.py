"""The tag vocabulary, ``curriculum/tags.yml``: the tags topics may carry, in groups.

Without the file any well-formed tag is accepted. With it: a topic's tag that is not in it is
an error (with the nearest tag as a hint); two tags of the file that differ only in plural,
case, hyphens or British and American spelling are an error (they split one subject in two
on the Tags page); a tag no topic carries, or only one topic carries without a ``single:``
reason, is a warning (fold it into a broader tag), so that ``--strict`` keeps the list tidy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from roadmap_site.diagnostics import Diagnostic, did_you_mean
from roadmap_site.loader import Document
from roadmap_site.merge import RoadmapFiles
from roadmap_site.model import TagGroup

FILE = "tags.yml"
# British spellings as American ones, for comparison only (optimisation ~ optimization).
_SPELLING = ((re.compile(r"is(ation|e|ing|ed)"), r"iz\1"), (re.compile(r"ll(ing|ed)"), r"l\1"),
             (re.compile(r"yse"), "yze"))


def normal_form(tag: str) -> str:
    """What two spellings of one tag share: no case, hyphens or plural, American spelling."""
    text = re.sub(r"[-_\s]", "", tag.lower())
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    if text.endswith("ies") and len(text) > 4:
        return text[:-3] + "y"
    if text.endswith("es") and text[:-2].endswith(("s", "x", "ch", "sh")):
        return text[:-2]
    if text.endswith("s") and not text.endswith(("ss", "us")) and len(text) > 3:
        return text[:-1]
    return text


def tag_ids(groups: Iterable[TagGroup]) -> list[str]:
    return [tag.id for group in groups for tag in group.tags]


def check_vocabulary(document: Document, groups: list[TagGroup]) -> list[Diagnostic]:
    """Groups and tags listed twice, and tags that are variants of another one."""
    out: list[Diagnostic] = []
    group_lines: dict[str, int] = {}
    seen: dict[str, tuple[str, int]] = {}  # normal form -> (tag, line)
    for g, group in enumerate(groups):
        line = document.position((g, "id"))[0]
        if group.id in group_lines:
            out.append(document.diagnostic((g, "id"), f"group '{group.id}' is listed twice "
                                           f"(first on line {group_lines[group.id]})",
                                           "merge the two groups"))
        group_lines.setdefault(group.id, line)
        for t, tag in enumerate(group.tags):
            loc = (g, "tags", t, "id")
            line = document.position(loc)[0]
            first = seen.get(normal_form(tag.id))
            if first is None:
                seen[normal_form(tag.id)] = (tag.id, line)
            elif first[0] == tag.id:
                out.append(document.diagnostic(loc, f"tag '{tag.id}' is listed twice (first on "
                                               f"line {first[1]})", "remove one of them"))
            else:
                out.append(document.diagnostic(
                    loc, f"tag '{tag.id}' is a variant of '{first[0]}' (line {first[1]}): "
                    "two spellings would split one subject in two on the Tags page",
                    f"keep '{first[0]}' and retag the topics that use '{tag.id}'"))
    return out


def check_topics(document: Document, groups: list[TagGroup], roadmaps: list[RoadmapFiles],
                 *, complete: bool) -> list[Diagnostic]:
    """Unknown tags on topics; and, when every topic was read (``complete``), the tags that no
    topic or only one topic carries."""
    out: list[Diagnostic] = []
    known = set(tag_ids(groups))
    by_form = {normal_form(t): t for t in known}
    users: dict[str, list[str]] = {t: [] for t in known}
    for files in roadmaps:
        for loaded in files.phases.values():
            if loaded is None:
                continue
            for index, topic in zip(loaded.indices, loaded.phase.topics, strict=True):
                for j, tag in enumerate(topic.tags):
                    if tag in known:
                        users[tag].append(f"{files.folder}/{topic.id}")
                        continue
                    near = by_form.get(normal_form(tag))
                    hint = (f"did you mean '{near}'?" if near else did_you_mean(tag, known)) or (
                        f"use a tag of {document.display}, or add '{tag}' there")
                    out.append(loaded.document.diagnostic(
                        ("topics", index, "tags", j), f"unknown tag '{tag}'", hint, category="reference"))
    if not complete:
        return out
    for g, group in enumerate(groups):
        for t, tag in enumerate(group.tags):
            topics = users[tag.id]
            if not topics:
                out.append(document.diagnostic((g, "tags", t, "id"), f"tag '{tag.id}' is not used by any topic",
                                               "tag a topic with it, or remove it", severity="warning"))
            elif len(topics) == 1 and not tag.single:
                out.append(document.diagnostic(
                    (g, "tags", t, "id"), f"tag '{tag.id}' is used by one topic only ({topics[0]})",
                    "fold it into a broader tag, or say why it stays with 'single: <reason>'",
                    severity="warning"))
    return out
