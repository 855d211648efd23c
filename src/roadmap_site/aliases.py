"""Former topic ids (``aliases:``): which renamed topic each one leads to, and the rules that
keep that unambiguous.

An alias is the key a topic had before (``old-id`` in its own roadmap, ``roadmap/old-id`` for a
topic moved between roadmaps). Progress stored under it, ``[[references]]`` to it and its old URL
all follow the topic, so an alias may lead to one topic only and must not name a live topic.
"""

from __future__ import annotations

from roadmap_site.curriculum import TopicNode
from roadmap_site.diagnostics import Diagnostic
from roadmap_site.loader import Document
from roadmap_site.references import qualify


def collect_aliases(topics: dict[str, TopicNode], topic_docs: dict[str, tuple[Document, tuple]],
                    out: list[Diagnostic]) -> dict[str, str]:
    """Former key -> the topic's key, for every alias that breaks no rule (each broken one is
    reported at the alias, naming the other place involved)."""
    aliases: dict[str, str] = {}
    where: dict[str, str] = {}  # former key -> "file:line" of the alias that claimed it
    for key, tnode in topics.items():
        doc, loc = topic_docs[key]
        for j, alias in enumerate(tnode.data.aliases):
            at = (*loc, "aliases", j)
            former = qualify(alias, tnode.roadmap)
            if former == key:
                out.append(doc.diagnostic(at, f"alias '{alias}' is this topic's own id",
                                          "remove it: an alias is an id the topic had before",
                                          category="reference"))
            elif former in topics:
                out.append(doc.diagnostic(at, f"alias '{alias}' is the id of topic '{former}' "
                                          f"at {topics[former].source}",
                                          "an old id can be an alias only once no topic uses it: "
                                          "remove the alias, or rename that topic",
                                          category="reference"))
            elif former in aliases:
                same = aliases[former] == key
                out.append(doc.diagnostic(at, f"alias '{alias}' is listed twice" if same else
                                          f"alias '{alias}' is already an alias of topic "
                                          f"'{aliases[former]}' at {where[former]}",
                                          "remove the second entry" if same else
                                          "an old id can lead to one topic only: remove it from one "
                                          "of them", category="reference"))
            else:
                aliases[former] = key
                where[former] = f"{doc.display}:{doc.position(at)[0]}"
    return aliases
