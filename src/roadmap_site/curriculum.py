"""The merged curriculum: every roadmap, phase and topic with references resolved.

Plain data, built by :mod:`merge` and read by the renderers, the CLI and the plugin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from roadmap_site.model import CatalogResource, InlineResource, Phase, Roadmap, TagGroup, Topic, Track
from roadmap_site.revisions import revision


@dataclass(frozen=True)
class Source:
    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class _Named:
    """Nodes whose id and title are their model's."""

    data: Roadmap | Phase | Topic | Track

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def title(self) -> str:
        return self.data.title


@dataclass
class ResourceEntry:
    """A resource as a topic shows it: a catalog entry (with its id) or an inline one."""

    resource: CatalogResource | InlineResource
    id: str | None = None


@dataclass
class TopicNode(_Named):
    roadmap: str
    phase: str
    data: Topic
    source: Source
    prerequisites: list[str] = field(default_factory=list)  # topic keys, resolved
    related: list[str] = field(default_factory=list)
    needed_by: list[str] = field(default_factory=list)
    resources: list[ResourceEntry] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.roadmap}/{self.data.id}"

    @cached_property
    def revision(self) -> str:
        """What it teaches, as hashes (see :mod:`revisions`): shown on its page and on its
        roadmap's two drawings, so worked out once."""
        return revision(self.data)


@dataclass
class PhaseNode(_Named):
    roadmap: str
    data: Phase
    source: Source
    topics: list[TopicNode] = field(default_factory=list)
    project_topics: list[str] = field(default_factory=list)  # topic keys the project exercises

    @property
    def hours(self) -> float:
        return sum(t.data.hours for t in self.topics)


@dataclass
class RoadmapNode(_Named):
    data: Roadmap
    source: Source
    phases: list[PhaseNode] = field(default_factory=list)

    @property
    def topics(self) -> list[TopicNode]:
        return [t for p in self.phases for t in p.topics]

    @property
    def hours(self) -> float:
        return sum(p.hours for p in self.phases)


@dataclass
class TrackNode(_Named):
    data: Track
    source: Source
    goals: list[str] = field(default_factory=list)  # topic keys, resolved
    path: list[str] = field(default_factory=list)  # every topic the goals need, prerequisites first


@dataclass
class Curriculum:
    roadmaps: list[RoadmapNode]  # in recommended order (requirements first)
    topics: dict[str, TopicNode]  # by key "roadmap/topic-id", in roadmap and phase order
    resources: dict[str, CatalogResource]  # the catalog, by id
    resource_users: dict[str, list[str]]  # catalog id -> keys of the topics that cite it
    tracks: list[TrackNode] = field(default_factory=list)  # by id
    tag_groups: list[TagGroup] = field(default_factory=list)  # curriculum/tags.yml; empty: any tag
    aliases: dict[str, str] = field(default_factory=dict)  # former topic key -> its key now

    def current(self, key: str) -> str:
        """The key a topic reference means: a former key (an alias) leads to the topic now."""
        return self.aliases.get(key, key)

    def roadmap(self, roadmap_id: str) -> RoadmapNode:
        index = self._index()
        if roadmap_id not in index:
            index = self._index(again=True)
            if roadmap_id not in index:
                raise KeyError(roadmap_id)
        return index[roadmap_id][0]

    def phase(self, roadmap_id: str, phase_id: str) -> PhaseNode:
        entry = self._index().get(roadmap_id)
        if entry is None or phase_id not in entry[1]:
            entry = self._index(again=True)[roadmap_id]  # a KeyError for an unknown id, as before
        return entry[1][phase_id]

    def _index(self, again: bool = False) -> dict[str, tuple[RoadmapNode, dict[str, PhaseNode]]]:
        """Roadmaps and phases by id, built on first use (lookups by id stay constant-time:
        the index is checked against the number of roadmaps, and built again on a miss, for a
        roadmap or phase added since; not by counting every roadmap's phases on each lookup,
        which made a lookup grow with the number of roadmaps)."""
        cached = self.__dict__.get("_by_id")
        if again or cached is None or cached[0] != len(self.roadmaps):
            cached = (len(self.roadmaps), {r.id: (r, {p.id: p for p in r.phases}) for r in self.roadmaps})
            self.__dict__["_by_id"] = cached
        return cached[1]
