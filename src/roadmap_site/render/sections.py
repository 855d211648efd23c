"""A huge phase's topics in sections, each with a page of its own (its navigation index).

Material renders the navigation into every page; with ``navigation.prune`` a page carries
the entries of the sections on its own path only. A phase of more than ``SECTION_SIZE``
topics is therefore split into sections of at most that many ("Topics 41–80"): a topic page
then carries its own section's links, not the whole phase's. Each section needs an index
page of its own: with ``navigation.indexes``, Material makes a section's first ``index.md``
child its index, and every topic page is an ``index.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap_site.curriculum import PhaseNode, TopicNode

SECTION_SIZE = 40  # topics of a phase in one navigation section, at most


@dataclass(frozen=True)
class Section:
    roadmap: str
    phase: str
    first: int  # 1-based positions in the phase
    last: int
    topics: tuple[TopicNode, ...]

    @property
    def title(self) -> str:
        return f"Topics {self.first}" if self.first == self.last else f"Topics {self.first}\u2013{self.last}"

    @property
    def src(self) -> str:
        return f"{self.roadmap}/phases/{self.phase}/topics-{self.first}-{self.last}/index.md"


def sections(phase: PhaseNode, size: int | None = None) -> list[Section]:
    """The phase's sections, or none when its topics fit in one."""
    size = size or SECTION_SIZE
    topics = phase.topics
    if len(topics) <= size:
        return []
    return [Section(phase.roadmap, phase.id, i + 1, min(i + size, len(topics)), tuple(topics[i:i + size]))
            for i in range(0, len(topics), size)]
