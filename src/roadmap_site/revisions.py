"""A topic's revision: what it teaches, as one short hash per facet, so that a learner who
completed it can be told that it changed since, and what changed, in a word.

Significant is what a learner is expected to know or do: the subtopics, the self-checks (a
corrected answer matters), the exercises and the worked design. The summary and the resources
are not: rewording a summary or replacing a dead link should not send every learner back. Within
a facet, case, punctuation, spacing and the order of the items do not count, so tidying up does
not either; a word that changes does. An author marks anything else by hand with ``revised:``.
"""

from __future__ import annotations

import hashlib
import json
import re

from pydantic import BaseModel

from roadmap_site.model import Topic

# In this order in the revision; assets/updated.js names them in the same order.
FACETS = ("subtopics", "checks", "exercises", "design")
_NOT_WORDS = re.compile(r"[\W_]+")


def _plain(value):
    """Models as nested lists and dicts (model_dump warns on subtopics built without validation)."""
    if isinstance(value, BaseModel):
        return {k: _plain(v) for k, v in value}
    return [_plain(v) for v in value] if isinstance(value, list) else value


def _digest(items: list) -> str:
    if not items:
        return "-"
    words = sorted(_NOT_WORDS.sub("", json.dumps(_plain(item), ensure_ascii=False).casefold())
                   for item in items)
    return hashlib.blake2b("\n".join(words).encode("utf-8"), digest_size=8).hexdigest()[:5]


def revision(topic: Topic) -> str:
    """``subtopics.checks.exercises.design``, each a 5-character hash, ``-`` when empty."""
    return ".".join(_digest(v if isinstance(v, list) else [v] if v else [])
                    for v in (getattr(topic, f) for f in FACETS))
