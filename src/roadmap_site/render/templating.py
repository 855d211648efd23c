"""The Jinja2 environment the pages are rendered with, its filters, and the small view
helpers the templates use (hours, level ranges, subtopic trees, front matter)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from roadmap_site import markup
from roadmap_site.model import LEVEL_LABELS, SubtopicNode


class _TemplateCodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept beside them (as Python keeps .pyc files), keyed by a checksum
    of the source: compiling the six templates is a tenth of a small site's rendering.
    A folder that cannot be written only means no cache."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, truncated, from another Python: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _code_cache() -> jinja2.BytecodeCache | None:
    folder = Path(__file__).resolve().parent.parent / "templates" / "__pycache__"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return _TemplateCodeCache(str(folder), "%s.jinja-cache")


env = jinja2.Environment(
    loader=jinja2.PackageLoader("roadmap_site", "templates"),
    bytecode_cache=_code_cache(),
    autoescape=True,  # the templates emit HTML inside Markdown: escape everything from YAML
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)

# The characters Python-Markdown lets a backslash escape (others would show the backslash).
# < > & are left to HTML escaping, which runs afterwards.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_escape(text: str) -> Markup:
    """Text for a Markdown heading: every Markdown special escaped, then HTML-escaped."""
    return escape(_MD_SPECIAL.sub(r"\\\1", text))


def hours(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text} h"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


def level_range(levels: list[str] | None) -> str:
    if not levels:
        return ""
    names = [label for lv, label in LEVEL_LABELS.items() if lv in levels]
    return names[0] if len(names) == 1 else f"{names[0]} to {names[-1].lower()}"


@dataclass
class SubtopicView:
    title: str
    anchor: str
    children: list[SubtopicView]


def subtopic_tree(items: list, used: Counter | None = None) -> list[SubtopicView]:
    used = used if used is not None else Counter()
    out = []
    for item in items:
        title = item.title if isinstance(item, SubtopicNode) else item
        anchor = "st-" + slug(title)[:60]
        used[anchor] += 1
        if used[anchor] > 1:
            anchor += f"-{used[anchor]}"
        children = subtopic_tree(item.subtopics, used) if isinstance(item, SubtopicNode) else []
        out.append(SubtopicView(title, anchor, children))
    return out


def front_matter(title: str, description: str = "", tags: list[str] | None = None,
                 search: dict | None = None) -> str:
    # Material inserts meta.title as HTML and meta.description into an attribute, unescaped.
    # search: Material's search options for the page (boost, exclude), see render/pages.py.
    data = {"title": markup.theme_text(title), "description": str(escape(description)), "tags": tags,
            "search": search}
    # JSON is valid YAML and json.dumps is far faster than yaml.safe_dump (measured).
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items() if v]
    return Markup("---\n" + "\n".join(lines) + "\n---\n")  # YAML, not HTML: no autoescape


env.filters["md_escape"] = md_escape
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
env.filters["month"] = lambda value: f"{_MONTHS[int(value[5:7]) - 1]} {value[:4]}"  # "2026-12"


def plain(text: str, limit: int = 160) -> str:
    """Summary as plain text (meta description): references become their ids' words."""
    text = markup.INLINE_REF.sub(lambda m: m.group(2) or m.group(1).rsplit("/", 1)[-1], text)
    text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
