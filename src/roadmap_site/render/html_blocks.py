"""The raw HTML blocks of a page, found the way Python-Markdown finds them, without its parser.

A generated page is almost all HTML (cards, lists, drawings) around a few Markdown headings.
Markdown reads every raw HTML block with Python's ``HTMLParser`` (MkDocs does it a second time
to collect anchor ids), which costs more than rendering the page did. The plugin hands these
blocks to Markdown already stashed (see ``integrations/plugin/html_stash.py``), so Markdown
parses only the headings and the page comes out byte for byte the same.

Only what the renderer writes is recognised: blocks that start with a block-level tag at the
start of a line, with quoted attributes, and end at the end of a line with the closing tag of
their first element. Anything else on the page (a comment, a script, text after a
closing tag, a ``markdown`` attribute, a ``<`` in a Markdown line) leaves the whole page to
Markdown: ``find`` returns None.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

# A start or end tag whose attribute values are all quoted (what html.parser reads the same way)
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>`"'=<]*)((?:\s+[^\s/>`"'=<]+(?:="[^"`]*"|='[^'`]*')?)*)\s*(/?)>""")
_BLANK_AFTER = re.compile(r"[ ]*\n[ ]*\n")  # Markdown's blank_line_re: the block ends its line
# Elements whose content html.parser reads as text, not tags (the last two in newer Pythons):
# a page with the first kind is left to Markdown; the second kind is taken when it holds no "<",
# which every version reads alike.
_RAW_TEXT = frozenset(("script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"))
_ESCAPABLE_RAW_TEXT = frozenset(("title", "textarea"))
_EMPTY = "hr"  # Python-Markdown's only empty block tag: never on its stack of open tags
_ATTRIBUTE = re.compile(r"""\s([^\s/>`"'=<]+)(?:="([^"]*)"|='([^']*)')?""")


class Block:
    """A raw HTML block: where it is in the page, and the anchor ids it gives its elements
    (what MkDocs collects from raw HTML to check links to ``page#id``)."""

    __slots__ = ("start", "end", "tail", "ids")

    def __init__(self, start: int, end: int, tail: str, ids: set[str]) -> None:
        self.start, self.end, self.tail, self.ids = start, end, tail, ids

    def html(self, text: str) -> str:
        """What Markdown would keep of the block: its text, and its line break when a blank
        line follows."""
        return text[self.start:self.end] + self.tail


def find(text: str, is_block_level: Callable[[str], bool]) -> list[Block] | None:
    """Each raw HTML block of ``text``, in order, or None when the page has anything this
    module does not judge exactly as Python-Markdown would."""
    blocks: list[Block] = []
    pos = 0
    while True:
        start = text.find("<", pos)
        if start < 0:
            return blocks
        if start and text[start - 1] != "\n":
            return None  # HTML inside a Markdown line
        block = _block(text, start, is_block_level)
        if block is None:
            return None
        blocks.append(block)
        pos = block.end


def _block(text: str, start: int, is_block_level: Callable[[str], bool]) -> Block | None:
    tag = _TAG.match(text, start)
    if tag is None or tag.group(1) or not is_block_level(tag.group(2).lower()):
        return None
    stack: list[str] = []
    ids: set[str] = set()
    if tag.group(4) or tag.group(2).lower() == _EMPTY:  # an empty element is a block of its own
        if tag.group(3) and not _attributes(tag.group(2).lower(), tag.group(3), ids):
            return None
        return _ended(text, start, tag.end(), ids)
    while True:
        closing, name, attributes, empty = tag.groups()
        name = name.lower()
        if closing:
            if name in stack:
                while stack.pop() != name:
                    pass
                if not stack:
                    return _ended(text, start, tag.end(), ids)
        elif name in _RAW_TEXT or (name in _ESCAPABLE_RAW_TEXT and not _plain(text, tag.end(), name)):
            return None
        else:
            if attributes and not _attributes(name, attributes, ids):
                return None
            if not empty and name != _EMPTY:
                stack.append(name)
        pos = text.find("<", tag.end())
        while pos >= 0 and not _starts_markup(text[pos + 1:pos + 2]):
            pos = text.find("<", pos + 1)  # a "<" that starts no tag is text to html.parser
        tag = _TAG.match(text, pos) if pos >= 0 else None
        if tag is None:
            return None


def _ended(text: str, start: int, end: int, ids: set[str]) -> Block | None:
    """The block closed at ``end``: Markdown keeps the line break in the block when a blank line
    follows; a block followed by more on its line is left to Markdown."""
    if _BLANK_AFTER.match(text, end):
        return Block(start, end, "\n", ids)
    return Block(start, end, "", ids) if text.startswith("\n", end) else None


def _plain(text: str, pos: int, name: str) -> bool:
    """Whether the next "<" after ``pos`` is the end tag of ``name``."""
    after = text.find("<", pos)
    return after >= 0 and text.startswith("</", after) and text[after + 2:after + 2 + len(name)].lower() == name


def _starts_markup(char: str) -> bool:
    return char.isascii() and (char.isalpha() or char in "/!?")


def _attributes(tag: str, attributes: str, ids: set[str]) -> bool:
    """Collect the anchor ids of one start tag; False on a ``markdown`` attribute (Markdown
    would parse inside the element)."""
    for m in _ATTRIBUTE.finditer(attributes):
        name = m.group(1).lower()
        if name == "markdown":
            return False
        if name == "id" or (name == "name" and tag == "a"):
            value = m.group(2) if m.group(2) is not None else m.group(3)
            if value is not None:
                ids.add(html.unescape(value))
    return True
