"""Safe inline Markdown for text that comes from YAML (summaries).

Text from a pull request by a stranger must not run in a reader's browser. So the site's own
Markdown engine (with attr_list, md_in_html and friends) never sees it. Instead it goes through
a bare Python-Markdown instance here: raw HTML is disabled (shown as text), images become their
alt text, and links survive only to http(s) URLs or to topics via ``[[roadmap/topic]]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup

from roadmap_site.references import INLINE_REF

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

REF_SCHEME = "roadmap-ref:"
_SAFE_SCHEMES = ("http://", "https://")
# Link-like syntax worth a full parse; plain prose skips it (validation stays fast).
_LINKISH = re.compile(r"\]\s*[(:\[]|<[a-zA-Z]|\bwww\.", re.ASCII)

Resolver = Callable[[str], "tuple[str, str] | None"]  # key -> (url, title)


def _safe(href: str) -> bool:
    return href.lower().startswith(_SAFE_SCHEMES) or href.startswith(REF_SCHEME)


class _Sanitize:
    """A tree processor (Python-Markdown calls its ``run`` on the element tree)."""

    def __init__(self, md) -> None:
        self.md = md
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
        import markdown  # here, not at the top: validating a curriculum rarely needs it

        self._md = markdown.Markdown(extensions=[], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        # <someone@example.com> would become a mailto: link hidden behind HTML entities (and an
        # unreadable refusal): it stays text, like raw HTML
        self._md.inlinePatterns.deregister("automail")
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


_converter: SafeMarkdown | None = None


def _shared() -> SafeMarkdown:
    global _converter
    if _converter is None:
        _converter = SafeMarkdown()
    return _converter


def unsafe_links(text: str) -> list[str]:
    """Link targets in ``text`` that the renderer would refuse (for the validator)."""
    # References are safe links; only link syntax outside them needs the full converter
    # (which a summary with two references, "[[a]] and [[b]]", would otherwise get).
    if not _LINKISH.search(INLINE_REF.sub("x", text)):
        return []
    return _shared().convert(text, "_")[1]


def render_block(text: str, roadmap: str, resolve: Resolver) -> Markup:
    return Markup(_shared().convert(text, roadmap, resolve)[0])


def render_inline(text: str, roadmap: str, resolve: Resolver) -> Markup:
    fast = _plain_inline(text, roadmap, resolve)
    if fast is not None:
        return Markup(fast)
    html = _shared().convert(text, roadmap, resolve)[0]
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


# Characters with a meaning in inline Markdown or in HTML (and controls): prose without any of
# them comes out of Python-Markdown exactly as it went in.
_SPECIAL = re.compile(r"[\\`*_\[\]!<>&#\x00-\x1f\x7f]")
_ORDERED_LIST = re.compile(r"\d+\.")


def _plain_inline(text: str, roadmap: str, resolve: Resolver) -> str | None:
    """What :func:`render_inline` returns for plain prose with plain ``[[refs]]``, without
    running Markdown; None when the text needs the full converter.

    Most summaries are plain sentences, and converting them is most of a build's rendering
    time. This only handles text whose conversion is the identity: one line, no character
    that starts inline syntax, no block syntax at the start (the first character a letter, a
    digit not opening an ordered list, a quote or a parenthesis), no surrounding white space.
    Each plain reference becomes the link the full converter makes of it.
    """
    if not text or not (text[0].isalnum() or text[0] in "(\"'") or text[-1].isspace() \
            or _ORDERED_LIST.match(text):
        return None
    out: list[str] = []
    last = 0
    for m in INLINE_REF.finditer(text):
        if m.group(2) is not None:  # a label is Markdown of its own
            return None
        out.append(text[last:m.start()])
        ref = m.group(1)
        target = resolve(ref if "/" in ref else f"{roadmap}/{ref}")
        if target is None or _SPECIAL.search(target[1]) or any(c in target[0] for c in '&<>"\n'):
            return None
        out.append(f'<a class="rs-topic-link" href="{target[0]}">{target[1]}</a>')
        last = m.end()
    out.append(text[last:])
    if any(_SPECIAL.search(part) for part in out[::2]):
        return None
    return "".join(out)


def theme_text(text: str) -> str:
    """Text for places where the theme inserts a string as HTML without escaping it.

    Material for MkDocs renders page and nav titles raw (they may carry markup from headings)
    and escapes them only inside attributes, so escaping ``<`` and ``>`` once is exactly enough:
    no tag can be formed, and ordinary titles ("Q&A") look the same everywhere.
    """
    return text.replace("<", "&lt;").replace(">", "&gt;")
