"""The drawn roadmap: an SVG laid out at build time, inlined in the roadmap page.

Layout: phases in order down a vertical spine; each phase's topics as nodes in a grid beside
it; prerequisite edges inside the roadmap drawn behind the nodes. Every node is a real link
with an accessible name, and carries a small toggle to mark the topic done from the diagram.
Colours come from CSS (Material's variables), so dark mode and progress states need no
re-render. Links use ``xlink:href``: Material's instant navigation rewrites every ``[href]``
by assignment, which throws on SVG links (their ``href`` is read-only). The output depends
only on the input: the same curriculum gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from roadmap_site.curriculum import Curriculum, RoadmapNode

WIDTH = 760
SPINE_X = 18
LEFT = 48  # where node columns start
COLUMNS = 3
NODE_W, NODE_H = 222, 50
GAP_X, GAP_Y = 14, 14
PHASE_H = 40
CHARS_PER_LINE = 27  # at 13px, roughly what fits in NODE_W minus the toggle


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        return not (self.x + self.w <= other.x or other.x + other.w <= self.x
                    or self.y + self.h <= other.y or other.y + other.h <= self.y)


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    phases: list[tuple[str, str, float]]  # (phase id, title, y of its header)
    nodes: dict[str, Box]  # topic key -> box
    edges: list[tuple[str, str]]  # (prerequisite key, topic key), inside the roadmap


def layout(roadmap: RoadmapNode) -> Layout:
    y = 8.0
    phases, nodes = [], {}
    for phase in roadmap.phases:
        phases.append((phase.id, phase.title, y))
        y += PHASE_H
        for i, topic in enumerate(phase.topics):
            row, col = divmod(i, COLUMNS)
            nodes[topic.key] = Box(LEFT + col * (NODE_W + GAP_X), y + row * (NODE_H + GAP_Y),
                                   NODE_W, NODE_H)
        rows = -(-len(phase.topics) // COLUMNS)
        y += rows * (NODE_H + GAP_Y) + 18
    edges = [(pre, t.key) for t in roadmap.topics for pre in t.prerequisites if pre in nodes]
    return Layout(WIDTH, y, phases, nodes, edges)


def wrap(text: str, width: int = CHARS_PER_LINE, lines: int = 2) -> list[str]:
    words, out, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if len(candidate) <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = word
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return [o if len(o) <= width else o[: width - 1] + "…" for o in out]


def _edge_path(a: Box, b: Box) -> str:
    """A curve from the prerequisite to the topic that needs it."""
    if b.y > a.y:  # below: bottom centre to top centre
        x1, y1, x2, y2 = a.x + a.w / 2, a.y + a.h, b.x + b.w / 2, b.y
        dy = max(12.0, (y2 - y1) / 2)
        return f"M{x1:g} {y1:g}C{x1:g} {y1 + dy:g} {x2:g} {y2 - dy:g} {x2:g} {y2:g}"
    # same row (or above, for out-of-order prerequisites): side to side, bowed upwards
    x1, x2 = (a.x + a.w, b.x) if a.x < b.x else (a.x, b.x + b.w)
    y1, y2 = a.y + a.h / 2, b.y + b.h / 2
    lift = 22 + abs(x2 - x1) / 8
    return f"M{x1:g} {y1:g}C{x1:g} {y1 - lift:g} {x2:g} {y2 - lift:g} {x2:g} {y2:g}"


def render_svg(curriculum: Curriculum, roadmap: RoadmapNode, topic_url: Callable[[str], str],
               phase_anchor: Callable[[str], str]) -> Markup:
    lay = layout(roadmap)
    title_id = f"rs-diagram-{roadmap.id}"
    e = escape
    parts = [
        f'<svg class="rs-diagram" viewBox="0 0 {lay.width:g} {lay.height:g}" '
        f'width="{lay.width:g}" height="{lay.height:g}" aria-labelledby="{title_id}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">Roadmap diagram: {e(roadmap.title)}, '
        f'{len(roadmap.phases)} phases, {len(lay.nodes)} topics</title>',
        f'<line class="rs-spine" x1="{SPINE_X}" y1="8" x2="{SPINE_X}" y2="{lay.height - 10:g}"/>',
        '<g class="rs-edges" aria-hidden="true">',
    ]
    for pre, key in lay.edges:
        parts.append(f'<path d="{_edge_path(lay.nodes[pre], lay.nodes[key])}" '
                     f'data-rs-from="{e(pre)}" data-rs-to="{e(key)}"/>')
    parts.append("</g>")
    for number, (phase_id, title, y) in enumerate(lay.phases, 1):
        parts.append(
            f'<a class="rs-phase" xlink:href="{e(phase_anchor(phase_id))}">'
            f'<circle cx="{SPINE_X}" cy="{y + 14:g}" r="9"/>'
            f'<text class="rs-phase-num" x="{SPINE_X}" y="{y + 18:g}" aria-hidden="true">{number}</text>'
            f'<text class="rs-phase-title" x="{LEFT}" y="{y + 20:g}">{e(title)}</text></a>')
    for key, box in lay.nodes.items():
        topic = curriculum.topics[key]
        label = f"{topic.title} ({topic.data.level}, {topic.data.hours:g} hours)"
        lines = wrap(topic.title)
        ty = box.y + (box.h - 16 * len(lines)) / 2 + 12
        text = "".join(f'<tspan x="{box.x + 10:g}" y="{ty + 16 * i:g}">{e(line)}</tspan>'
                       for i, line in enumerate(lines))
        tx, tcy = box.x + box.w - 16, box.y + box.h / 2
        parts.append(
            f'<g class="rs-node" data-rs-topic="{e(key)}">'
            f'<a xlink:href="{e(topic_url(key))}" role="link" aria-label="{e(label)}">'
            f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.w:g}" height="{box.h:g}" rx="8"/>'
            f'<text class="rs-level-{topic.data.level}">{text}</text></a>'
            f'<g class="rs-toggle" role="button" tabindex="0" data-rs-toggle="{e(key)}" '
            f'aria-label="Progress of {e(topic.title)}: not started. Press to change.">'
            f'<circle cx="{tx:g}" cy="{tcy:g}" r="8"/></g></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _direct_requirements(curriculum: Curriculum, roadmap: RoadmapNode) -> list[str]:
    """Requirements not implied by another requirement (a transitive reduction): fewer lines."""
    requires = {r.id: set(r.data.requires) for r in curriculum.roadmaps}

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in requires.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    reqs = [r for r in roadmap.data.requires if r in requires]
    return [r for r in reqs if not any(r in reachable(other) for other in reqs if other != r)]


def render_overview_svg(curriculum: Curriculum, roadmap_url: Callable[[str], str]) -> Markup:
    """The six roadmaps as layers by requirement depth, with 'requires' arrows."""
    depth: dict[str, int] = {}
    for roadmap in curriculum.roadmaps:  # already in requirement order
        reqs = [r for r in roadmap.data.requires if r in depth]
        depth[roadmap.id] = 1 + max((depth[r] for r in reqs), default=-1)
    layers: dict[int, list[RoadmapNode]] = {}
    for roadmap in curriculum.roadmaps:
        layers.setdefault(depth[roadmap.id], []).append(roadmap)
    w, h, gap_y = 200, 44, 30
    height = len(layers) * (h + gap_y) - gap_y + 16
    boxes: dict[str, Box] = {}
    for d, items in layers.items():
        total = len(items) * w + (len(items) - 1) * 24
        x0 = (WIDTH - total) / 2
        for i, roadmap in enumerate(items):
            boxes[roadmap.id] = Box(x0 + i * (w + 24), 8 + d * (h + gap_y), w, h)
    e = escape
    parts = [f'<svg class="rs-diagram rs-overview-diagram" viewBox="0 0 {WIDTH} {height:g}" '
             f'width="{WIDTH}" height="{height:g}" aria-labelledby="rs-overview-title" '
             f'xmlns="http://www.w3.org/2000/svg">',
             '<title id="rs-overview-title">How the roadmaps build on each other</title>',
             '<defs><marker id="rs-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>',
             '<g class="rs-edges" aria-hidden="true">']
    for roadmap in curriculum.roadmaps:
        for req in _direct_requirements(curriculum, roadmap):
            if req in boxes:
                a, b = boxes[req], boxes[roadmap.id]
                parts.append(f'<path marker-end="url(#rs-arrow)" d="{_edge_path(a, b)}"/>')
    parts.append("</g>")
    for roadmap in curriculum.roadmaps:
        box = boxes[roadmap.id]
        parts.append(
            f'<g class="rs-node rs-roadmap-node"><a xlink:href="{e(roadmap_url(roadmap.id))}">'
            f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.w:g}" height="{box.h:g}" rx="8"/>'
            f'<text x="{box.x + box.w / 2:g}" y="{box.y + 27:g}" text-anchor="middle">'
            f'{e(roadmap.title)}</text></a></g>')
    parts.append("</svg>")
    return Markup("".join(parts))
