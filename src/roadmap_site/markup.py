"""Safe inline Markdown for text that comes from YAML (summaries).

Text from a pull request by a stranger must not run in a reader's browser. So the site's own
Markdown engine (with attr_list, md_in_html and friends) never sees it. Instead it goes through
a bare Python-Markdown instance here: raw HTML is disabled (shown as text), images become their
alt text, and links survive only to http(s) URLs or to topics via ``[[roadmap/topic]]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from roadmap_site.references import INLINE_REF

REF_SCHEME = "roadmap-ref:"
_SAFE_SCHEMES = ("http://", "https://")
# Link-like syntax worth a full parse; plain prose skips it (validation stays fast).
_LINKISH = re.compile(r"\]\s*[(:\[]|<[a-zA-Z]|\bwww\.", re.ASCII)

Resolver = Callable[[str], "tuple[str, str] | None"]  # key -> (url, title)


def _safe(href: str) -> bool:
    return href.lower().startswith(_SAFE_SCHEMES) or href.startswith(REF_SCHEME)


class _Sanitize(Treeprocessor):
    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.resolve: Resolver | None = None
        self.rejected: list[str] = []

    def run(self, root: Element) -> None:
        for el in root.iter():
            if el.tag == "img":  # no images from summaries: keep the words
                alt = el.get("alt", "")
                el.attrib.clear()
                el.tag, el.text = "span", alt
            elif el.tag == "a":
                href = el.get("href", "")
                if not _safe(href):
                    self.rejected.append(href)
                    el.attrib.clear()
                    el.tag = "span"
                elif href.startswith(REF_SCHEME):
                    self._topic_link(el, href[len(REF_SCHEME):])
                else:
                    el.set("rel", "noopener")

    def _topic_link(self, el: Element, key: str) -> None:
        target = self.resolve(key) if self.resolve else None
        auto = el.get("title") == "auto"
        el.attrib.clear()
        if target is None:
            el.tag = "span"
            return
        url, title = target
        el.set("href", url)
        el.set("class", "rs-topic-link")
        if auto:
            for child in list(el):
                el.remove(child)
            el.text = title


class SafeMarkdown:
    """A reusable converter. Not thread-safe (MkDocs builds in one thread)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._sanitize = _Sanitize(self._md)
        self._md.treeprocessors.register(self._sanitize, "rs_sanitize", 0)

    def convert(self, text: str, roadmap: str, resolve: Resolver | None = None) -> tuple[str, list[str]]:
        """HTML for ``text`` and the link targets that were refused."""
        self._sanitize.resolve = resolve
        self._sanitize.rejected = []
        self._md.reset()
        html = self._md.convert(_refs_to_links(text, roadmap))
        return html, list(self._sanitize.rejected)


def _refs_to_links(text: str, roadmap: str) -> str:
    def link(m: re.Match) -> str:
        ref, label = m.group(1), m.group(2)
        key = ref if "/" in ref else f"{roadmap}/{ref}"
        if label:
            return f"[{label}]({REF_SCHEME}{key})"
        return f'[{key}]({REF_SCHEME}{key} "auto")'

    return INLINE_REF.sub(link, text)


_shared = SafeMarkdown()


def unsafe_links(text: str) -> list[str]:
    """Link targets in ``text`` that the renderer would refuse (for the validator)."""
    if not _LINKISH.search(text):
        return []
    return _shared.convert(text, "_")[1]


def render_block(text: str, roadmap: str, resolve: Resolver) -> Markup:
    return Markup(_shared.convert(text, roadmap, resolve)[0])


def render_inline(text: str, roadmap: str, resolve: Resolver) -> Markup:
    html = _shared.convert(text, roadmap, resolve)[0]
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def theme_text(text: str) -> str:
    """Text for places where the theme inserts a string as HTML without escaping it.

    Material for MkDocs renders page and nav titles raw (they may carry markup from headings)
    and escapes them only inside attributes, so escaping ``<`` and ``>`` once is exactly enough:
    no tag can be formed, and ordinary titles ("Q&A") look the same everywhere.
    """
    return text.replace("<", "&lt;").replace(">", "&gt;")
