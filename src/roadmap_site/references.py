"""Topic references: `topic-id` or `roadmap/topic-id`, and the `[[...]]` syntax in text."""

from __future__ import annotations

import re

# [[ml/linear-regression]] or [[ml/linear-regression|custom label]]
INLINE_REF = re.compile(r"\[\[\s*([^\[\]|\n]+?)\s*(?:\|\s*([^\[\]\n]+?)\s*)?\]\]")


def qualify(ref: str, roadmap: str) -> str:
    """The full key of a reference made from inside ``roadmap``."""
    return ref if "/" in ref else f"{roadmap}/{ref}"
