"""The files the plugin ships beside the pages (package folder ``assets/``), in one place for
the plugin and the export: which every page loads, which a page loads itself, and the compact
form both write (the sources keep their comments; readers download none of them)."""

from __future__ import annotations

import re
from importlib import resources

FOLDER = "assets/roadmap-site"  # where they go in the site (and in an export's docs/)
# In this order: store.js first, the other scripts use the store it sets up.
EVERY_PAGE = ("roadmap-site.css", "store.js", "progress.js", "learner.js")
# learner.js loads each of these on its own pages only
ON_DEMAND = ("tools.js", "review.js", "plan.js", "updated.js", "catalog.js")

# Comments and indentation only; what is left runs exactly as written. A "//" counts as a
# comment only at the start of a line or after white space that follows ; { } , or ) (never
# inside a string or a URL in these files: tests/test_browser_* run the compact form).
_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n|[ \t]*/\*[^\n]*?\*/", re.S | re.M)
_LINE_COMMENT = re.compile(r"^[ \t]*//.*\n|(?<=[;{},)])[ \t]+//[^\n]*$", re.M)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s*([{};,>])\s*")  # never part of a selector's or value's words


def compact(name: str, text: str) -> str:
    if name.endswith(".css"):
        text = _CSS_SPACE.sub(r"\1", _CSS_COMMENT.sub("", text))
    else:
        text = _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", text))
    end = "" if name.endswith(".css") else "\n"  # line breaks mean nothing in CSS; in JS they may
    return "".join(line.strip() + end for line in text.splitlines() if line.strip()) + ("\n" if not end else "")


def read(name: str) -> bytes:
    """The asset as the site serves it."""
    text = (resources.files("roadmap_site") / "assets" / name).read_text(encoding="utf-8")
    return compact(name, text).encode("utf-8")
