"""A small layered (Sugiyama-style) layout with orthogonal lines routed through the gaps.

Why this layout: a roadmap is read top to bottom, phase by phase, and inside a phase a reader
wants to see what comes first. A layered layout says exactly that: a topic sits below every
topic of its phase that it needs. The steps are the classic ones, kept small because a phase has
at most a dozen topics:

1. transitive reduction (a line that another path already implies is not drawn);
2. layering by longest path, filled in authored order with at most ``columns`` topics a layer
   (one column on phones);
3. crossing reduction by barycenter sweeps, the authored order breaking ties, keeping the best
   ordering found;
4. placement on a fixed grid of columns, each topic in the free column nearest to the ones it
   needs, so lines mostly run straight down;
5. routing: every line leaves the bottom of its topic and enters the top of the next one through
   its own port; it runs only in the gaps between layers ("tracks") and between columns
   ("lanes"), never across a box. Lines are accepted one by one, shortest first, and a line that
   would cross or touch an accepted line, pass a box it does not join, or run in line with
   another line's vertical run across a gap (the two would read as one line) is not drawn: the
   caller shows it as a "needs" label instead. A line left out gets a second chance with its
   ports moved aside and with the tracks taken bottom-up. So the drawn lines never cross by
   construction, and the tests check the geometry independently.

Graphviz's ``dot`` does this better for large graphs but is a system binary a pip-installed
plugin cannot assume. ``grandalf`` (pure Python) lays out but neither routes around boxes nor
guarantees zero crossings, and has had no release since 2023; for graphs of a dozen nodes this
module is shorter than the glue it would need. Everything here is plain arithmetic on sorted
data: the same input gives the same output, bytes included.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Edge = tuple[str, str]
CLEARANCE = 4.0  # how close a line may pass a box it does not join
SEPARATION = 3.0  # how close two lines may come (touching counts as crossing)
ALIGN = 48.0  # two lines' vertical runs on one x closer than this read as one line
PORT_MOVES = ((0, 0), (0, -14), (0, 14), (-14, 0), (14, 0), (-14, -14), (14, 14), (-14, 14), (14, -14))


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Route:
    source: str
    target: str
    points: tuple[Point, ...]

    def segments(self) -> list[tuple[Point, Point]]:
        return list(itertools.pairwise(self.points))

    def path(self) -> str:
        (x, y), *rest = ((round(x, 1), round(y, 1)) for x, y in self.points)
        return f"M{x:g} {y:g}" + "".join(f"L{x:g} {y:g}" for x, y in rest)


@dataclass(frozen=True)
class Grid:
    """The geometry of one layered block: a fixed grid of columns with channels beside them."""

    columns: int
    node_w: float
    gap_x: float = 28.0  # between columns: two lanes for lines
    side: float = 20.0  # left and right of the columns: two lanes each
    gap_y: float = 40.0  # between layers: three tracks for lines
    tracks: int = 3

    @property
    def width(self) -> float:
        return 2 * self.side + self.columns * self.node_w + (self.columns - 1) * self.gap_x

    def column_x(self, x0: float, col: int) -> float:
        return x0 + self.side + col * (self.node_w + self.gap_x)

    def lanes(self, x0: float) -> list[float]:
        out = [x0 + self.side / 3, x0 + 2 * self.side / 3]
        for col in range(self.columns - 1):
            start = self.column_x(x0, col) + self.node_w
            out += [start + self.gap_x / 3, start + 2 * self.gap_x / 3]
        end = self.column_x(x0, self.columns - 1) + self.node_w
        return out + [end + self.side / 3, end + 2 * self.side / 3]


@dataclass(frozen=True)
class Block:
    boxes: dict[str, Box]
    routes: list[Route]  # drawn lines, in acceptance order
    undrawn: list[Edge]  # edges of the reduced graph that are not drawn
    height: float


def transitive_reduction(nodes: Sequence[str], edges: Iterable[Edge]) -> list[Edge]:
    """The edges of an acyclic graph that no longer path implies, in a stable order."""
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        if b not in succ[a]:
            succ[a].append(b)

    def reach(start: str, skip: str) -> set[str]:
        seen: set[str] = set()
        todo = [n for n in succ[start] if n != skip]
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo.extend(succ[n])
        return seen

    return [(a, b) for a in nodes for b in succ[a] if b not in reach(a, b)]


def assign_layers(nodes: Sequence[str], edges: Sequence[Edge], width: int) -> list[list[str]]:
    """Longest-path layers, at most ``width`` nodes each; the authored order decides who waits."""
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        preds[b].append(a)
    index = {n: i for i, n in enumerate(nodes)}
    layer: dict[str, int] = {}
    layers: list[list[str]] = []
    pending = list(nodes)
    while pending:  # the first pending node whose prerequisites are placed (the graph is acyclic)
        n = next(m for m in pending if all(p in layer for p in preds[m]))
        pending.remove(n)
        at = 1 + max((layer[p] for p in preds[n]), default=-1)
        while at < len(layers) and len(layers[at]) >= width:
            at += 1
        if at == len(layers):
            layers.append([])
        layers[at].append(n)
        layer[n] = at
    return [sorted(ls, key=index.__getitem__) for ls in layers]


def count_crossings(layers: list[list[str]], edges: Sequence[Edge]) -> int:
    """Crossings of straight lines between adjacent layers (long edges run in lanes)."""
    pos = {n: (i, j) for i, ls in enumerate(layers) for j, n in enumerate(ls)}
    short = [(pos[a][1], pos[b][1], pos[a][0]) for a, b in edges if pos[b][0] == pos[a][0] + 1]
    return sum(1 for (a1, b1, l1), (a2, b2, l2) in itertools.combinations(short, 2)
               if l1 == l2 and (a1 - a2) * (b1 - b2) < 0)


def order_layers(layers: list[list[str]], edges: Sequence[Edge], nodes: Sequence[str],
                 sweeps: int = 4) -> list[list[str]]:
    """Barycenter sweeps down and up; ties keep the authored order; the best ordering wins."""
    index = {n: i for i, n in enumerate(nodes)}
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    succs: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        preds[b].append(a)
        succs[a].append(b)
    current = [list(ls) for ls in layers]
    best, best_count = [list(ls) for ls in current], count_crossings(current, edges)

    def sweep(order: Iterable[int], neighbours: dict[str, list[str]]) -> None:
        for i in order:
            pos = {n: j for ls in current for j, n in enumerate(ls)}
            own = {n: j for j, n in enumerate(current[i])}

            def key(n: str, pos: dict[str, int] = pos, own: dict[str, int] = own) -> tuple[float, int]:
                near = [pos[m] for m in neighbours[n]]
                return (sum(near) / len(near) if near else own[n], index[n])

            current[i].sort(key=key)

    for _ in range(sweeps):
        sweep(range(1, len(current)), preds)
        sweep(range(len(current) - 2, -1, -1), succs)
        count = count_crossings(current, edges)
        if count < best_count:
            best, best_count = [list(ls) for ls in current], count
    return best


def _slots(layer: list[str], wanted: dict[str, float], columns: int) -> list[int]:
    """Columns for a layer, in order, each as near as possible to where its prerequisites are."""
    def cost(combo: tuple[int, ...]) -> float:
        return sum(abs(c - wanted[n]) for c, n in zip(combo, layer, strict=True) if n in wanted)

    return list(min(itertools.combinations(range(columns), len(layer)), key=cost))


Rect = tuple[float, float, float, float]  # x1, y1, x2, y2


def _seg_rects(route: Route, pad: float) -> list[Rect]:
    # comparisons, not min()/max(): this runs for every candidate line (half the layout's time)
    return [((px if px < qx else qx) - pad, (py if py < qy else qy) - pad,
             (qx if px < qx else px) + pad, (qy if py < qy else py) + pad)
            for (px, py), (qx, qy) in route.segments()]


Taken = tuple[list[Rect], list[Rect], Rect]  # a drawn line's segments, vertical runs, extent


def _extent(rects: list[Rect]) -> Rect:
    x1, y1, x2, y2 = rects[0]
    for a1, b1, a2, b2 in rects:
        x1, y1 = (a1 if a1 < x1 else x1), (b1 if b1 < y1 else y1)
        x2, y2 = (a2 if a2 > x2 else x2), (b2 if b2 > y2 else y2)
    return x1, y1, x2, y2


def _taken(route: Route) -> Taken:
    """What a line occupies: its segments (padded), and its vertical runs stretched by ALIGN."""
    half = SEPARATION / 2
    segs = _seg_rects(route, half)
    verticals = [(px - half, (py if py < qy else qy) - ALIGN / 2, px + half, (qy if py < qy else py) + ALIGN / 2)
                 for (px, py), (qx, qy) in route.segments() if px == qx]
    return segs, verticals, _extent(segs + verticals)


Row = tuple[float, float, list[tuple[str, Rect]]]  # a layer's boxes (padded) and their y extent


def _fits(route: Route, rows: list[Row], accepted: list[Taken]) -> bool:
    """No segment near a box it does not join (CLEARANCE), nor near an accepted line (SEPARATION),
    and no vertical run in line with another line's, where the two would read as one line.

    Segments are axis-parallel, so "near" is an overlap of rectangles around them. (Written out
    rather than with helpers: this is the layout's inner loop.)"""
    bare = _seg_rects(route, 0)
    last = len(bare) - 1
    for i, (sx1, sy1, sx2, sy2) in enumerate(bare):
        for top, bottom, boxes in rows:  # a segment is near the boxes of one or two layers
            if sy2 < top or bottom < sy1:
                continue
            for name, (ox1, oy1, ox2, oy2) in boxes:
                if sx2 < ox1 or ox2 < sx1 or sy2 < oy1 or oy2 < sy1:
                    continue
                if not ((i == 0 and name == route.source) or (i == last and name == route.target)):
                    return False
    segs, verticals, (ex1, ey1, ex2, ey2) = _taken(route)
    for other_segs, other_runs, (fx1, fy1, fx2, fy2) in accepted:
        if ex2 < fx1 or fx2 < ex1 or ey2 < fy1 or fy2 < ey1:
            continue
        for mine, theirs in ((segs, other_segs), (verticals, other_runs)):
            for bx1, by1, bx2, by2 in theirs:
                for ax1, ay1, ax2, ay2 in mine:
                    if not (ax2 < bx1 or bx2 < ax1 or ay2 < by1 or by2 < ay1):
                        return False
    return True


def layered(nodes: Sequence[str], edges: Sequence[Edge], heights: dict[str, float], grid: Grid,
            x0: float, y0: float) -> Block:
    """Lay out ``nodes`` (authored order) with ``edges`` (prerequisite, topic) in a grid block."""
    reduced = transitive_reduction(nodes, edges)
    layers = order_layers(assign_layers(nodes, reduced, grid.columns), reduced, nodes)
    placed = _Placed(nodes, reduced, layers, heights, grid, x0, y0)
    # greedy tracks top-down can block a line that bottom-up would draw: when a line is left
    # out, try the other way and keep the one that draws more (on the real curriculum: 151 of
    # 172 lines instead of 136)
    drawn, undrawn = placed.route(flip=False)
    if undrawn:
        other = placed.route(flip=True)
        if len(other[1]) < len(undrawn):
            drawn, undrawn = other
    return Block(placed.boxes, drawn, undrawn, placed.height)


class _Placed:
    """The boxes of one block in their layers and columns, and the routing of its lines."""

    def __init__(self, nodes: Sequence[str], reduced: list[Edge], layers: list[list[str]],
                 heights: dict[str, float], grid: Grid, x0: float, y0: float) -> None:
        self.nodes, self.reduced, self.grid = nodes, reduced, grid
        preds: dict[str, list[str]] = {n: [] for n in nodes}
        for a, b in reduced:
            preds[b].append(a)
        column: dict[str, int] = {}
        for ls in layers:
            wanted = {n: sum(column[p] for p in preds[n]) / len(preds[n]) for n in ls if preds[n]}
            for n, col in zip(ls, _slots(ls, wanted, grid.columns), strict=True):
                column[n] = col
        self.boxes: dict[str, Box] = {}
        self.layer_of: dict[str, int] = {}
        self.bottoms: list[float] = []
        y = y0
        for i, ls in enumerate(layers):
            for n in ls:
                self.boxes[n] = Box(grid.column_x(x0, column[n]), y, grid.node_w, heights[n])
                self.layer_of[n] = i
            self.bottoms.append(y + max(heights[n] for n in ls))
            y = self.bottoms[-1] + grid.gap_y
        self.height = y - grid.gap_y - y0 if layers else 0.0
        outs: dict[str, list[Edge]] = {n: [] for n in nodes}
        ins: dict[str, list[Edge]] = {n: [] for n in nodes}
        for e in reduced:
            outs[e[0]].append(e)
            ins[e[1]].append(e)
        self.out_port, self.in_port = self._ports(outs, 1), self._ports(ins, 0)
        self.lanes = grid.lanes(x0)
        self.span = {e: self.layer_of[e[1]] - self.layer_of[e[0]] for e in reduced}
        self.rows: list[Row] = []
        for ls in layers:
            padded = [(n, (self.boxes[n].x - CLEARANCE, self.boxes[n].y - CLEARANCE,
                           self.boxes[n].right + CLEARANCE, self.boxes[n].bottom + CLEARANCE)) for n in ls]
            self.rows.append((min(r[1] for _, r in padded), max(r[3] for _, r in padded), padded))

    def _tracks(self, below_layer: int) -> list[float]:
        top, grid = self.bottoms[below_layer], self.grid
        return [top + grid.gap_y * (t + 1) / (grid.tracks + 1) for t in range(grid.tracks)]

    def _ports(self, ends: dict[str, list[Edge]], other: int) -> dict[Edge, float]:
        """One port per line end, spread along the box's bottom (out) and top (in) edges."""
        boxes, out = self.boxes, {}
        for n, es in ends.items():
            es.sort(key=lambda e: (boxes[e[other]].x, self.layer_of[e[other]], self.nodes.index(e[other])))
            for k, e in enumerate(es):
                out[e] = boxes[n].x + boxes[n].w * (k + 1) / (len(es) + 1)
        return out

    def _candidates(self, e: Edge, flip: bool) -> Iterator[Route]:
        """Routes for one edge, shortest first: with its own ports, then with ports moved aside
        (when a run would line up with another); ``flip`` takes the tracks bottom-up."""
        a, b = self.boxes[e[0]], self.boxes[e[1]]
        la, lb = self.layer_of[e[0]], self.layer_of[e[1]]
        for moves in (PORT_MOVES[:1], PORT_MOVES[1:] if lb == la + 1 else PORT_MOVES[1:3]):
            found: list[tuple[float, int, Route]] = []
            for da, db in moves:
                pa, pb = self.out_port[e] + da, self.in_port[e] + db
                if not (a.x + 12 <= pa <= a.right - 12 and b.x + 12 <= pb <= b.right - 12):
                    continue
                moved = abs(da) + abs(db)
                if lb == la + 1:
                    if pa == pb:
                        found.append((moved, 0, Route(*e, ((pa, a.bottom), (pb, b.y)))))
                    for t, ty in enumerate(self._tracks(la)):
                        found.append((moved + abs(pa - pb), -t if flip else t,
                                      Route(*e, ((pa, a.bottom), (pa, ty), (pb, ty), (pb, b.y)))))
                    continue
                near = sorted(self.lanes, key=lambda x: (abs(pa - x) + abs(x - pb), x))[:4 if not moved else 2]
                for n, (y1, lane, y2) in enumerate(itertools.product(self._tracks(la), near, self._tracks(lb - 1))):
                    pts = ((pa, a.bottom), (pa, y1), (lane, y1), (lane, y2), (pb, y2), (pb, b.y))
                    found.append((moved + abs(pa - lane) + abs(lane - pb), -n if flip else n, Route(*e, pts)))
            yield from (r for _, _, r in sorted(found, key=lambda f: (f[0], f[1])))

    def route(self, flip: bool) -> tuple[list[Route], list[Edge]]:
        """Accept lines one by one (shortest span first) where they fit; the rest are undrawn."""
        accepted: list[Route] = []
        taken: list[Taken] = []
        undrawn: list[Edge] = []
        boxes, nodes = self.boxes, self.nodes
        for e in sorted(self.reduced, key=lambda e: (self.span[e], boxes[e[1]].x, self.out_port[e],
                                                      nodes.index(e[1]), nodes.index(e[0]))):
            found = next((r for r in self._candidates(e, flip) if _fits(r, self.rows, taken)), None)
            if found is None:
                undrawn.append(e)
            else:
                accepted.append(found)
                taken.append(_taken(found))
        return accepted, undrawn
