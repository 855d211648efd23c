"""Hand Markdown the raw HTML of generated pages already stashed (see render/html_blocks.py).

Python-Markdown keeps each raw HTML block in its ``htmlStash`` and puts it back, unchanged,
after converting the rest; finding the blocks is the costly part (two ``HTMLParser`` passes
over the whole page, Markdown's and MkDocs'). This preprocessor runs before both and stashes
the blocks of a generated page itself, so they see only the headings: the page is the same
byte for byte (tests/test_html_stash.py compares every page both ways).
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from roadmap_site.render import html_blocks

# After Markdown's whitespace normalisation (30), before MkDocs' anchor collection (21) and
# Markdown's raw HTML block processor (20)
PRIORITY = 25


class GeneratedHtml(Extension):
    """Registered once per build; ``page_ids`` holds what the current page's blocks give."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False  # set for each page before Markdown converts it (see the plugin)
        self.page_ids: set[str] = set()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.register(_Stash(md, self), "roadmap_site_html", PRIORITY)


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, extension: GeneratedHtml) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        extension.page_ids = set()
        if not extension.active:
            return lines
        text = "\n".join(lines)
        blocks = html_blocks.find(text, self.md.is_block_level)
        if not blocks:
            return lines
        out, pos = [], 0
        for block in blocks:
            placeholder = self.md.htmlStash.store(block.html(text))
            out += (text[pos:block.start], "\n", placeholder, "\n\n")
            pos = block.end
            extension.page_ids |= block.ids
        out.append(text[pos:])
        return "".join(out).split("\n")
