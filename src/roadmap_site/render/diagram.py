"""The drawn roadmap: SVG laid out at build time (see ``layout`` for why it is layered).

A roadmap is drawn twice, a wide layout (three columns) and a narrow one (one column, for phones);
CSS shows one of them by the width of the figure, so nothing is laid out in the browser. Phases
run down a spine; inside a phase topics sit in layers below what they need, and only the lines
the router can draw without a crossing or passing a box are drawn, with arrowheads. Whatever
is not drawn (a prerequisite in another phase or roadmap, or a line that would cross) is a
"needs N" chip on the node, named in its tooltip and description; prerequisites on this page
also have hidden lines (``rs-extra``) that show, with the linked nodes, when the node is hovered
or focused.

Contract: each node is ``g.rs-node[data-rs-topic="roadmap/topic"]``, each line (drawn or hidden)
a ``path[data-rs-from][data-rs-to]``; progress.js sets ``data-rs-state`` on the nodes and CSS
draws the state as a glyph (✓, half-filled, struck through) and a colour. Colours all come from
CSS variables declared on ``[data-md-color-scheme]``, so the scheme switch needs no re-render.
A label is never cut short: it wraps and the box grows; the full title is the link's ``<title>``.

Links use ``xlink:href``: Material's instant navigation rewrites every ``[href]`` by assignment,
which throws on SVG links (their ``href`` is read-only). The output depends only on the input:
the same curriculum gives the same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from roadmap_site.curriculum import Curriculum, RoadmapNode
from roadmap_site.model import LEVEL_LABELS
from roadmap_site.render.layout import Block, Box, Grid, Route, layered, transitive_reduction
from roadmap_site.render.textfit import text_width, wrap


@dataclass(frozen=True)
class Style:
    """One of the two drawings: the grid and the type sizes (SVG units ~ CSS px at full width)."""

    name: str
    grid: Grid
    spine_x: float
    x0: float  # where the grid starts, right of the spine
    title_size: float
    line_h: float
    meta_size: float
    phase_size: float

    @property
    def width(self) -> float:
        return self.x0 + self.grid.width

    @property
    def phase_x(self) -> float:  # phase titles start clear of the numbered circle on the spine
        return max(self.x0, self.spine_x + 18)


# The wide drawing is shown at 688 px in Material's desktop column (0.9 of its width): its
# smallest text is 13.5 so that it is 12 px on screen there.
WIDE = Style("wide", Grid(columns=3, node_w=212), spine_x=16, x0=36, title_size=14, line_h=18,
             meta_size=13.5, phase_size=16)
NARROW = Style("narrow", Grid(columns=1, node_w=286, side=22), spine_x=13, x0=24, title_size=15,
               line_h=19, meta_size=13, phase_size=16)
STYLES = (WIDE, NARROW)
PAD = 10  # inside a node, left and top
TOGGLE = 40  # the toggle's column at a node's right edge (a 32 x 32 target)


@dataclass(frozen=True)
class NodeText:
    title: list[str]
    meta: str
    needs: int
    meta_rows: int  # 1, or 2 when the "needs" chip does not fit beside the meta text

    def height(self, s: Style) -> float:
        head = max(PAD + len(self.title) * s.line_h, TOGGLE)  # the toggle never meets the chip
        return head + self.meta_rows * (s.meta_size + 10) + 4


def _chip_w(needs: int, s: Style) -> float:
    return text_width(f"needs {needs}", s.meta_size) + 12


def node_text(title: str, meta: str, needs: int, s: Style) -> NodeText:
    inner = s.grid.node_w - 2 * PAD
    lines = wrap(title, inner - TOGGLE + PAD, s.title_size)
    fits = not needs or text_width(meta, s.meta_size) + 8 + _chip_w(needs, s) <= inner
    return NodeText(lines, meta, needs, 1 if fits else 2)


@dataclass(frozen=True)
class Drawing:
    style: Style
    height: float
    phases: list[tuple[str, str, list[str], float]]  # (phase id, title, title lines, y)
    boxes: dict[str, Box]
    texts: dict[str, NodeText]
    routes: list[Route]  # lines drawn by default
    extra: list[tuple[str, str]]  # prerequisites on this page drawn only on hover/focus
    needs: dict[str, list[str]]  # topic -> prerequisites not drawn as a line (any roadmap)


def prerequisite_edges(roadmap: RoadmapNode) -> list[tuple[str, str]]:
    """The roadmap's prerequisites (from any roadmap) after transitive reduction.

    Only paths through this roadmap's own topics count, so the page depends on nothing but the
    roadmap and the titles it shows (what the render cache compares)."""
    nodes: list[str] = []
    for t in roadmap.topics:
        nodes += [p for p in t.prerequisites if p not in nodes]
    nodes += [t.key for t in roadmap.topics if t.key not in nodes]
    return transitive_reduction(nodes, [(p, t.key) for t in roadmap.topics for p in t.prerequisites])


@functools.lru_cache(maxsize=512)
def _layered(keys: tuple, edges: tuple, heights: tuple, grid, x0: float, y0: float) -> Block:
    """A phase's block, kept while its topics, lines and box sizes stay the same: under
    `serve`, an edit to a topic's summary or resources redraws its roadmap page without
    laying every phase out again (the layout is most of that page's cost)."""
    return layered(keys, edges, dict(zip(keys, heights, strict=True)), grid, x0, y0)


def draw(roadmap: RoadmapNode, s: Style) -> Drawing:
    edges = prerequisite_edges(roadmap)
    phase_of = {t.key: p.id for p in roadmap.phases for t in p.topics}
    inside = [(a, b) for a, b in edges if phase_of.get(a) == phase_of[b]]
    prereqs: dict[str, list[str]] = {t.key: [] for t in roadmap.topics}
    for a, b in edges:
        prereqs[b].append(a)

    def meta(t) -> str:
        return f"{LEVEL_LABELS[t.data.level]} · {t.data.hours:g} h"

    y = 8.0
    phases, boxes, routes, texts = [], {}, [], {}
    needs: dict[str, list[str]] = {}
    for phase in roadmap.phases:
        lines = wrap(phase.title, s.width - s.phase_x - 8, s.phase_size, bold=True)
        phases.append((phase.id, phase.title, lines, y))
        y += 16 + len(lines) * (s.phase_size + 6)
        keys = [t.key for t in phase.topics]
        own = [(a, b) for a, b in inside if b in keys]
        # heights assume every prerequisite may end up as a chip (the worst case): one pass
        sized = {t.key: node_text(t.title, meta(t), len(prereqs[t.key]), s) for t in phase.topics}
        block = _layered(tuple(keys), tuple(own), tuple(sized[k].height(s) for k in keys), s.grid, s.x0, y)
        drawn = {(r.source, r.target) for r in block.routes}
        for k in keys:
            needs[k] = [p for p in prereqs[k] if (p, k) not in drawn]
            texts[k] = NodeText(sized[k].title, sized[k].meta, len(needs[k]), sized[k].meta_rows)
        boxes.update(block.boxes)
        routes += block.routes
        y += block.height + 28
    extra = [(a, b) for b, ps in needs.items() for a in ps if a in boxes]
    return Drawing(s, y - 12, phases, boxes, texts, routes, extra, needs)


def _fmt(v: float) -> str:
    return f"{round(v, 1):g}"


def _arrow_defs(marker: str) -> str:
    return (f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
            'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
            '<path d="M0 0L10 5L0 10z"/></marker></defs>')


def _extra_path(a: Box, b: Box) -> str:
    """A hidden line bowed out to the left of both nodes, from a's side into b's side."""
    ya, yb = a.y + a.h / 2, b.y + b.h / 2
    bow = 14 + min(abs(yb - ya), 400) / 20
    return (f"M{_fmt(a.x)} {_fmt(ya)}C{_fmt(a.x - bow)} {_fmt(ya)} {_fmt(b.x - bow)} {_fmt(yb)} "
            f"{_fmt(b.x)} {_fmt(yb)}")


def _toggle(key: str, title: str, box: Box) -> str:
    """The progress control: a 32 x 32 target; CSS shows the glyph of the state (✓, half, slash)."""
    e = escape
    return (f'<g class="rs-toggle" role="button" tabindex="0" data-rs-toggle="{e(key)}" '
            f'transform="translate({_fmt(box.right - TOGGLE / 2)} {_fmt(box.y + TOGGLE / 2)})" '
            'aria-keyshortcuts="Enter Space D P S N M" '
            f'aria-label="{e(title)}: not started. Press to mark done.">'
            '<rect class="rs-hit" x="-16" y="-16" width="32" height="32"/><circle r="10"/>'
            '<path class="rs-glyph-doing" d="M0-10A10 10 0 0 0 0 10Z"/>'
            '<path class="rs-glyph-done" d="M-5 0l3.5 3.5 6.5-7"/>'
            '<path class="rs-glyph-skipped" d="M-7 7L7-7"/></g>')


def _node_body(title: str, desc: str, text: NodeText, box: Box, s: Style,
               needs_title: str) -> str:
    """The box, the wrapped title, the meta line and the "needs" chip, inside the link."""
    e, f = escape, _fmt
    tx = box.x + PAD
    spans = "".join(f'<tspan x="{f(tx)}" y="{f(box.y + PAD + s.title_size + i * s.line_h - 1)}">'
                    f"{e(line)}</tspan>" for i, line in enumerate(text.title))
    meta_y = box.y + box.h - PAD - (text.meta_rows - 1) * (s.meta_size + 10) - 1
    parts = [f"<title>{e(title)}</title><desc>{e(desc)}</desc>",
             f'<rect class="rs-box" x="{f(box.x)}" y="{f(box.y)}" width="{f(box.w)}" '
             f'height="{f(box.h)}" rx="8"/>',
             f'<text class="rs-label" font-size="{s.title_size:g}">{spans}</text>']
    if text.meta:
        parts.append(f'<text class="rs-meta" x="{f(tx)}" y="{f(meta_y)}" '
                     f'font-size="{s.meta_size:g}">{e(text.meta)}</text>')
    if text.needs:
        cw = _chip_w(text.needs, s)
        cx = box.right - PAD - cw if text.meta_rows == 1 else tx
        cy = box.bottom - PAD - s.meta_size - 3
        at = f'x="{f(cx)}" width="{f(cw)}"'
        parts.append(f'<g class="rs-needs"><title>{e(needs_title)}</title>'  # a tap names them
                     f'<rect class="rs-hit" {at} y="{f(cy - 4)}" height="{f(s.meta_size + 14)}"/>'
                     f'<rect class="rs-chip" {at} y="{f(cy)}" height="{f(s.meta_size + 6)}" rx="4"/>'
                     f'<text x="{f(cx + 6)}" y="{f(cy + s.meta_size + 1)}" font-size="{s.meta_size:g}">'
                     f"needs {text.needs}</text></g>")
    return "".join(parts)


def _svg_open(d_width: float, height: float, cls: str, title_id: str, title: str) -> str:
    return (f'<svg class="rs-diagram {cls}" viewBox="0 0 {_fmt(d_width)} {_fmt(height)}" '
            f'width="{_fmt(d_width)}" height="{_fmt(height)}" aria-labelledby="{title_id}" '
            f'role="group" xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" style="max-width:{_fmt(d_width)}px">'
            f'<title id="{title_id}">{escape(title)}</title>')


def _lines(routes: list[Route], extra: list[tuple[str, str]], boxes: dict[str, Box],
           marker: str) -> str:
    e = escape
    parts = ['<g class="rs-edges" aria-hidden="true">']
    for r in routes:
        parts.append(f'<path class="rs-line" d="{r.path()}" data-rs-from="{e(r.source)}" '
                     f'data-rs-to="{e(r.target)}" marker-end="url(#{marker})"/>')
    for a, b in extra:
        parts.append(f'<path class="rs-extra" d="{_extra_path(boxes[a], boxes[b])}" '
                     f'data-rs-from="{e(a)}" data-rs-to="{e(b)}" marker-end="url(#{marker})"/>')
    parts.append("</g>")
    return "".join(parts)


def render_roadmap(curriculum: Curriculum, roadmap: RoadmapNode, d: Drawing,
                   topic_url: Callable[[str], str], phase_anchor: Callable[[str], str]) -> str:
    s, e, f = d.style, escape, _fmt
    ident = f"rs-diagram-{roadmap.id}-{s.name}"
    parts = [_svg_open(s.width, d.height, f"rs-{s.name}", ident,
                       f"Roadmap diagram: {roadmap.title}, {len(d.phases)} phases, "
                       f"{len(d.boxes)} topics"),
             _arrow_defs(f"{ident}-arrow")]
    if d.phases:
        parts.append(f'<line class="rs-spine" x1="{f(s.spine_x)}" y1="{f(d.phases[0][3] + 14)}" '
                     f'x2="{f(s.spine_x)}" y2="{f(d.height - 8)}"/>')
    parts.append(_lines(d.routes, d.extra, d.boxes, f"{ident}-arrow"))
    phase_of = {t.key: p.id for p in roadmap.phases for t in p.topics}
    for number, (phase_id, title, lines, y) in enumerate(d.phases, 1):  # a phase, then its topics
        spans = "".join(f'<tspan x="{f(s.phase_x)}" y="{f(y + 20 + i * (s.phase_size + 6))}">{e(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(
            f'<a class="rs-phase" xlink:href="{e(phase_anchor(phase_id))}">'
            f'<title>Phase {number}: {e(title)}</title>'
            f'<rect class="rs-hit" x="0" y="{f(y)}" width="{f(s.width)}" '
            f'height="{f(len(lines) * (s.phase_size + 6) + 10)}"/>'
            f'<circle cx="{f(s.spine_x)}" cy="{f(y + 14)}" r="10"/>'
            f'<text class="rs-phase-num" x="{f(s.spine_x)}" y="{f(y + 18)}" aria-hidden="true">{number}</text>'
            f'<text class="rs-phase-title" font-size="{s.phase_size:g}">{spans}</text></a>')
        for key in (k for k in d.boxes if phase_of[k] == phase_id):
            parts.append(_topic_node(curriculum, roadmap, d, key, topic_url))
    parts.append("</svg>")
    return "".join(parts)


def _topic_node(curriculum: Curriculum, roadmap: RoadmapNode, d: Drawing, key: str,
                topic_url: Callable[[str], str]) -> str:
    topic, box, e = curriculum.topics[key], d.boxes[key], escape
    names = [_name(curriculum, roadmap, p) for p in d.needs[key]]
    needs_title = "Needs first: " + ", ".join(names) if names else ""
    desc = f"{LEVEL_LABELS[topic.data.level]}, {topic.data.hours:g} hours." + (
        f" {needs_title}." if names else "")
    # data-rs-rev: a topic marked done here records what it teaches now (revisions.py)
    return (f'<g class="rs-node" data-rs-topic="{e(key)}" data-rs-rev="{topic.revision}">'
            f'<a xlink:href="{e(topic_url(key))}" role="link">'
            f"{_node_body(topic.title, desc, d.texts[key], box, d.style, needs_title)}</a>"
            f"{_toggle(key, topic.title, box)}</g>")


def _name(curriculum: Curriculum, roadmap: RoadmapNode, key: str) -> str:
    topic = curriculum.topics[key]
    if topic.roadmap == roadmap.id:
        return topic.title
    return f"{topic.title} ({curriculum.roadmap(topic.roadmap).title})"


def render_svg(curriculum: Curriculum, roadmap: RoadmapNode, topic_url: Callable[[str], str],
               phase_anchor: Callable[[str], str]) -> Markup:
    """Both drawings of a roadmap; CSS shows the one that fits."""
    return Markup("".join(render_roadmap(curriculum, roadmap, draw(roadmap, s), topic_url, phase_anchor)
                          for s in STYLES))


# -- the home page: how the roadmaps build on each other -----------------------------------------

OVERVIEW_WIDE = Style("wide", Grid(columns=2, node_w=250), spine_x=0, x0=0, title_size=16,
                      line_h=20, meta_size=13, phase_size=0)
OVERVIEW_NARROW = Style("narrow", Grid(columns=1, node_w=300, side=22), spine_x=0, x0=0,
                        title_size=16, line_h=20, meta_size=13, phase_size=0)


def render_overview_svg(curriculum: Curriculum, roadmap_url: Callable[[str], str]) -> Markup:
    """The roadmaps in layers by what they require (reduced), each with the reader's progress."""
    ids = [r.id for r in curriculum.roadmaps]
    edges = [(req, r.id) for r in curriculum.roadmaps for req in r.data.requires if req in ids]
    out = []
    for s in (OVERVIEW_WIDE, OVERVIEW_NARROW):
        texts = {r.id: NodeText(wrap(r.title, s.grid.node_w - 2 * PAD, s.title_size, bold=True),
                                f"{len(r.topics)} topics · {r.hours:g} h", 0, 2)
                 for r in curriculum.roadmaps}
        block = layered(ids, edges, {k: t.height(s) for k, t in texts.items()}, s.grid, 0, 8)
        height = block.height + 16
        ident = f"rs-overview-{s.name}"
        e, f = escape, _fmt
        parts = [_svg_open(s.width, height, f"rs-overview-diagram rs-{s.name}", ident,
                           "How the roadmaps build on each other"),
                 _arrow_defs(f"{ident}-arrow"), _lines(block.routes, [], block.boxes, f"{ident}-arrow")]
        for r in curriculum.roadmaps:
            box, text = block.boxes[r.id], texts[r.id]
            after = [curriculum.roadmap(a).title for a, b in block.undrawn if b == r.id]
            spans = "".join(f'<tspan x="{f(box.x + PAD)}" y="{f(box.y + PAD + s.title_size + i * s.line_h - 1)}">'
                            f"{e(line)}</tspan>" for i, line in enumerate(text.title))
            bar_y = box.bottom - PAD - 6
            parts.append(
                f'<g class="rs-node rs-roadmap-node" data-rs-roadmap="{e(r.id)}">'
                f'<a xlink:href="{e(roadmap_url(r.id))}" role="link"><title>{e(r.title)}</title>'
                f'<desc>{e(text.meta)}' + (f". After {e(', '.join(after))}" if after else "") + "</desc>"
                f'<rect class="rs-box" x="{f(box.x)}" y="{f(box.y)}" width="{f(box.w)}" '
                f'height="{f(box.h)}" rx="8"/>'
                f'<text class="rs-label rs-roadmap-title" font-size="{s.title_size:g}">{spans}</text>'
                f'<text class="rs-meta" x="{f(box.x + PAD)}" y="{f(bar_y - 10)}" font-size="{s.meta_size:g}">'
                f'{e(text.meta)}<tspan class="rs-count" data-rs-count="{e(r.id)}"></tspan></text>'
                f'<rect class="rs-track" x="{f(box.x + PAD)}" y="{f(bar_y)}" width="{f(box.w - 2 * PAD)}" '
                f'height="5" rx="2.5"/><rect class="rs-fill" data-rs-fill="{e(r.id)}" '
                f'x="{f(box.x + PAD)}" y="{f(bar_y)}" width="0" height="5" rx="2.5" '
                f'data-rs-width="{f(box.w - 2 * PAD)}"/></a></g>')
        parts.append("</svg>")
        out.append("".join(parts))
    return Markup("".join(out))
