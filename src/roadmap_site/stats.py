"""``roadmap-site stats``: the size of each roadmap and phase, as an aligned table."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from roadmap_site.curriculum import Curriculum, TopicNode
from roadmap_site.model import SubtopicNode


@dataclass
class Row:
    name: str
    kind: str  # "roadmap", "phase" or "total"
    topics: int = 0
    subtopics: int = 0
    resources: int = 0
    hours: float = 0.0

    @property
    def depth(self) -> int:
        return 1 if self.kind == "phase" else 0

    def add(self, other: Row) -> None:
        self.topics += other.topics
        self.subtopics += other.subtopics
        self.resources += other.resources
        self.hours += other.hours


def count_subtopics(items: list) -> int:
    """Every subtopic at every depth."""
    return sum(1 + (count_subtopics(i.subtopics) if isinstance(i, SubtopicNode) else 0)
               for i in items)


def _topic_row(topic: TopicNode) -> Row:
    return Row(topic.title, "topic", 1, count_subtopics(topic.data.subtopics), len(topic.resources),
               topic.data.hours)


def rows(curriculum: Curriculum) -> list[Row]:
    """A row per roadmap followed by its phases, then the total."""
    out: list[Row] = []
    total = Row("Total", "total")
    for roadmap in curriculum.roadmaps:
        head = Row(roadmap.title, "roadmap")
        phases = []
        for phase in roadmap.phases:
            row = Row(phase.title, "phase")
            for topic in phase.topics:
                row.add(_topic_row(topic))
            head.add(row)
            phases.append(row)
        out += [head, *phases]
        total.add(head)
    return out + [total]


def _hours(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def table(curriculum: Curriculum) -> str:
    """Roadmaps with their phases indented below them, numbers right-aligned, a total line."""
    data = rows(curriculum)
    header = ("Roadmap / phase", "Topics", "Subtopics", "Resources", "Hours")
    cells = [("  " * r.depth + r.name, f"{r.topics:,}", f"{r.subtopics:,}", f"{r.resources:,}",
              _hours(r.hours)) for r in data]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]

    def line(row) -> str:
        return "  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)])

    rule = "  ".join("-" * w for w in widths)
    body = []
    for i, (row, cell) in enumerate(zip(data, cells, strict=True)):
        if row.kind != "phase" and i:  # a blank line before each roadmap, a rule before the total
            body.append(rule if row.kind == "total" else "")
        body.append(line(cell).rstrip())
    catalog = f"Resource catalog: {len(curriculum.resources):,} entries"
    return "\n".join([line(header).rstrip(), rule, *body, "", catalog])


def as_dicts(curriculum: Curriculum) -> list[dict]:
    return [asdict(row) for row in rows(curriculum)]
