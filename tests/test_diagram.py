"""The drawn roadmap: layout steps on small graphs, and the drawn SVG of fixtures and the real
curriculum checked by its geometry (read back from the SVG, independently of the layout code):
no overlapping boxes, no drawn line crossing another or passing behind a box it does not join,
every prerequisite either drawn or counted on its node, no label cut short, stable bytes."""

from __future__ import annotations

import itertools
import random
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import GOOD, ROOT
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render import diagram
from roadmap_site.render.layout import (
    Grid,
    assign_layers,
    count_crossings,
    layered,
    order_layers,
    transitive_reduction,
)
from roadmap_site.render.textfit import text_width, wrap

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


@pytest.fixture(scope="module")
def real():
    return load_curriculum(ROOT / "curriculum").curriculum


@pytest.fixture(scope="module")
def good():
    return load_curriculum(GOOD).curriculum


def render(curriculum, roadmap) -> str:
    return str(diagram.render_svg(curriculum, roadmap, lambda k: f"/{k}/", lambda p: f"#phase-{p}"))


def drawings(markup: str) -> list[ET.Element]:
    return list(ET.fromstring(f"<root>{markup}</root>"))


# -- geometry read back from the SVG ---------------------------------------------------------------

Rect = tuple[float, float, float, float]  # x1, y1, x2, y2


def boxes_of(svg: ET.Element) -> dict[str, Rect]:
    out = {}
    for g in svg.iter(f"{SVG}g"):
        key = g.get("data-rs-topic") or g.get("data-rs-roadmap")
        if key and "rs-node" in g.get("class", ""):
            r = next(el for el in g.iter(f"{SVG}rect") if el.get("class") == "rs-box")
            x, y, w, h = (float(r.get(a)) for a in ("x", "y", "width", "height"))
            out[key] = (x, y, x + w, y + h)
    return out


def polyline(d: str) -> list[tuple[float, float]]:
    assert re.fullmatch(r"M[-\d. ]+(L[-\d. ]+)*", d), d  # drawn lines are polylines
    nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(nums[::2], nums[1::2], strict=True))


def lines_of(svg: ET.Element) -> list[tuple[str, str, list[tuple[float, float]]]]:
    return [(p.get("data-rs-from"), p.get("data-rs-to"), polyline(p.get("d")))
            for p in svg.iter(f"{SVG}path") if p.get("class") == "rs-line"]


def _orient(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on(a, b, c) -> bool:
    return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])


def segments_meet(p1, p2, q1, q2) -> bool:
    """Any common point, touching and overlapping included."""
    d1, d2, d3, d4 = _orient(q1, q2, p1), _orient(q1, q2, p2), _orient(p1, p2, q1), _orient(p1, p2, q2)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return any(d == 0 and _on(a, b, c) for d, a, b, c in
               ((d1, q1, q2, p1), (d2, q1, q2, p2), (d3, p1, p2, q1), (d4, p1, p2, q2)))


def segment_enters(p, q, rect: Rect) -> bool:
    """Does a segment pass over a box (its border included)?"""
    x1, y1, x2, y2 = rect
    if _on((x1, y1), (x2, y2), p) or _on((x1, y1), (x2, y2), q):
        return True
    corners = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]
    return any(segments_meet(p, q, a, b) for a, b in itertools.pairwise([*corners, corners[0]]))


def crossings(lines) -> list[tuple[str, str]]:
    found = []
    for (a1, b1, pts1), (a2, b2, pts2) in itertools.combinations(lines, 2):
        if any(segments_meet(p, q, r, s) for p, q in itertools.pairwise(pts1)
               for r, s in itertools.pairwise(pts2)):
            found.append((f"{a1}->{b1}", f"{a2}->{b2}"))
    return found


def behind(lines, boxes: dict[str, Rect]) -> list[tuple[str, str]]:
    """Lines passing over a box they do not join (their own boxes only at their ends)."""
    found = []
    for a, b, pts in lines:
        segs = list(itertools.pairwise(pts))
        for key, rect in boxes.items():
            for i, (p, q) in enumerate(segs):
                if key == a and i == 0:
                    p = q  # leaving its source: only the far end may not be on the box
                if key == b and i == len(segs) - 1:
                    q = p
                if (p != q or key not in (a, b)) and segment_enters(p, q, rect):
                    found.append((f"{a}->{b}", key))
    return found


def in_line(lines, gap: float = 24) -> list[tuple[str, str]]:
    """Pairs of lines with vertical runs on one x, end to end across a gap: they read as one."""
    found = []
    for (a1, b1, pts1), (a2, b2, pts2) in itertools.combinations(lines, 2):
        for (p, q), (r, s) in itertools.product(itertools.pairwise(pts1), itertools.pairwise(pts2)):
            if p[0] == q[0] and r[0] == s[0] and abs(p[0] - r[0]) < 3:
                lo1, hi1, lo2, hi2 = min(p[1], q[1]), max(p[1], q[1]), min(r[1], s[1]), max(r[1], s[1])
                if max(lo1, lo2) - min(hi1, hi2) < gap:
                    found.append((f"{a1}->{b1}", f"{a2}->{b2}"))
    return found


def check_drawing(svg: ET.Element) -> None:
    boxes, lines = boxes_of(svg), lines_of(svg)
    for (k1, r1), (k2, r2) in itertools.combinations(boxes.items(), 2):
        overlap = not (r1[2] <= r2[0] or r2[2] <= r1[0] or r1[3] <= r2[1] or r2[3] <= r1[1])
        assert not overlap, (k1, k2)
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    for key, (x1, y1, x2, y2) in boxes.items():
        assert 0 <= x1 and x2 <= width and 0 <= y1 and y2 <= height, key
    assert crossings(lines) == []
    assert behind(lines, boxes) == []
    assert in_line(lines) == []
    for a, b, pts in lines:  # arrows run down into the top of the topic that needs the source
        assert pts[0][1] == boxes[a][3] and pts[-1][1] == boxes[b][1] and pts[-1][1] > pts[-2][1]


# -- the checker itself can fail ---------------------------------------------------------------------

def test_the_geometry_checks_see_crossings_and_lines_behind_boxes():
    lines = [("a", "b", [(0, 0), (0, 10)]), ("c", "d", [(-5, 5), (5, 5)])]
    assert crossings(lines) == [("a->b", "c->d")]
    assert crossings([lines[0], ("c", "d", [(1, 0), (1, 10)])]) == []
    assert crossings([lines[0], ("c", "d", [(0, 10), (0, 20)])])  # touching counts
    boxes = {"a": (-5, -10, 5, 0), "b": (-5, 10, 5, 20), "x": (-2, 4, 2, 6)}
    assert behind([lines[0]], boxes) == [("a->b", "x")]
    assert behind([lines[0]], {k: v for k, v in boxes.items() if k != "x"}) == []
    assert behind([("a", "b", [(0, 0), (0, 4), (8, 4), (8, 10)])], {**boxes, "x": (6, 3, 9, 5)})  # grazes
    assert in_line([lines[0], ("c", "d", [(0, 20), (0, 30)])])  # a gap of 10 on one x reads as one line
    assert in_line([lines[0], ("c", "d", [(0, 80), (0, 90)])]) == []


# -- layout steps -------------------------------------------------------------------------------------

def test_transitive_reduction_drops_implied_edges_only():
    nodes = list("abcd")
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("a", "d")]
    assert transitive_reduction(nodes, edges) == [("a", "b"), ("b", "c"), ("c", "d")]
    assert transitive_reduction(nodes, [("a", "b"), ("a", "c")]) == [("a", "b"), ("a", "c")]


def test_layers_put_a_topic_below_what_it_needs_and_respect_the_width():
    nodes = list("abcdef")
    edges = [("a", "d"), ("b", "d"), ("d", "e")]
    layers = assign_layers(nodes, edges, width=3)
    level = {n: i for i, ls in enumerate(layers) for n in ls}
    assert all(level[a] < level[b] for a, b in edges)
    assert all(len(ls) <= 3 for ls in layers)
    assert layers[0] == ["a", "b", "c"]  # the authored order decides who comes first
    assert assign_layers(nodes, edges, width=1) == [["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]


def test_barycenter_ordering_removes_avoidable_crossings():
    nodes = ["a", "b", "x", "y"]
    edges = [("a", "y"), ("b", "x")]  # authored order crosses; swapping one layer fixes it
    layers = [["a", "b"], ["x", "y"]]
    assert count_crossings(layers, edges) == 1
    ordered = order_layers(layers, edges, nodes)
    assert count_crossings(ordered, edges) == 0
    assert order_layers([["a", "b"], ["x", "y"]], [("a", "x"), ("b", "y")], nodes) == layers  # ties


def random_dag(rng: random.Random, n: int, p: float) -> tuple[list[str], list[tuple[str, str]]]:
    nodes = [f"n{i}" for i in range(n)]
    return nodes, [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:] if rng.random() < p]


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_layered_blocks_on_random_graphs_are_untangled(columns):
    rng = random.Random(columns)
    grid = Grid(columns=columns, node_w=120)
    for _ in range(40):
        nodes, edges = random_dag(rng, rng.randint(2, 12), rng.choice([0.15, 0.3, 0.6]))
        heights = {n: rng.choice([40, 56, 72]) for n in nodes}
        block = layered(nodes, edges, heights, grid, 10, 10)
        reduced = transitive_reduction(nodes, edges)
        drawn = [(r.source, r.target) for r in block.routes]
        assert sorted(drawn + block.undrawn) == sorted(reduced)  # each edge drawn or reported
        rects = {k: (b.x, b.y, b.right, b.bottom) for k, b in block.boxes.items()}
        lines = [(r.source, r.target, list(r.points)) for r in block.routes]
        assert crossings(lines) == [] and behind(lines, rects) == [] and in_line(lines) == []
        assert all(not _overlap(a, b) for a, b in itertools.combinations(block.boxes.values(), 2))
        assert layered(nodes, edges, heights, grid, 10, 10) == block


def test_a_chain_and_a_diamond_are_drawn_in_full():
    grid = Grid(columns=3, node_w=100)
    chain = layered(list("abcd"), [("a", "b"), ("b", "c"), ("c", "d")], dict.fromkeys("abcd", 40), grid, 0, 0)
    assert chain.undrawn == [] and len(chain.routes) == 3
    assert len({b.x for b in chain.boxes.values()}) == 1  # straight down one column
    diamond = layered(list("abcd"), [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")],
                      dict.fromkeys("abcd", 40), grid, 0, 0)
    assert diamond.undrawn == [] and len(diamond.routes) == 4


# -- the real drawings ------------------------------------------------------------------------------

def test_real_roadmaps_every_drawing_is_untangled_and_complete(real):
    for roadmap in real.roadmaps:
        svgs = drawings(render(real, roadmap))
        assert [s.get("class") for s in svgs] == ["rs-diagram rs-wide", "rs-diagram rs-narrow"]
        keys = [t.key for t in roadmap.topics]
        phase_of = {t.key: p.id for p in roadmap.phases for t in p.topics}
        for svg in svgs:
            check_drawing(svg)
            assert sorted(boxes_of(svg)) == sorted(keys)
            drawn = {(a, b) for a, b, _ in lines_of(svg)}
            assert all(phase_of[a] == phase_of[b] for a, b in drawn)  # no lines across phases
            for g in svg.iter(f"{SVG}g"):
                key = g.get("data-rs-topic")
                if not key or "rs-node" not in g.get("class", ""):
                    continue
                topic = real.topics[key]
                # every prerequisite is a line, a counted chip, or implied by another path
                chip = "".join(t.text or "" for t in g.iter(f"{SVG}text") if t.text and t.text.startswith("needs"))
                shown = sum(1 for a, b in drawn if b == key) + (int(chip.split()[1]) if chip else 0)
                reduced = [a for a, b in diagram.prerequisite_edges(roadmap) if b == key]
                assert shown == len(reduced) and set(reduced) <= set(topic.prerequisites), key
        wide = boxes_of(svgs[0])
        assert len({round(r[0]) for r in wide.values()}) == 3  # three columns in use
        assert len({round(r[0]) for r in boxes_of(svgs[1]).values()}) == 1  # one column on phones


def test_real_drawings_draw_most_prerequisites_inside_a_phase(real):
    drawn = total = 0
    for roadmap in real.roadmaps:
        phase_of = {t.key: p.id for p in roadmap.phases for t in p.topics}
        total += sum(1 for a, b in diagram.prerequisite_edges(roadmap) if phase_of.get(a) == phase_of[b])
        drawn += len(lines_of(drawings(render(real, roadmap))[0]))
    assert drawn >= 0.7 * total, (drawn, total)


def test_labels_are_never_cut_short_and_name_the_node(real):
    for roadmap in real.roadmaps:
        markup = render(real, roadmap)
        assert "…" not in markup
        for svg in drawings(markup):
            for g in svg.iter(f"{SVG}g"):
                key = g.get("data-rs-topic")
                if not key or "rs-node" not in g.get("class", ""):
                    continue
                link = g.find(f"{SVG}a")
                title = real.topics[key].title
                assert link.find(f"{SVG}title").text == title  # the accessible name
                label = link.find(f"{SVG}text[@class='rs-label']")
                spans = [t.text for t in label]
                assert " ".join(spans) == title and len(spans) <= 3
                size = float(label.get("font-size"))
                box = boxes_of(svg)[key]
                for span, text in zip(label, spans, strict=True):
                    assert float(span.get("x")) + text_width(text, size) <= box[2] - diagram.TOGGLE + diagram.PAD


def test_svg_is_stable_links_every_node_and_keeps_the_contract(good):
    roadmap = good.roadmap("basics")
    markup = render(good, roadmap)
    assert markup == render(good, roadmap)
    wide, narrow = drawings(markup)
    for svg in (wide, narrow):
        links = [a.get(XLINK) for a in svg.iter(f"{SVG}a") if a.get(XLINK, "").startswith("/")]
        assert links == ["/basics/python/", "/basics/linear-algebra/", "/basics/regression/"]
        toggles = [g.get("data-rs-toggle") for g in svg.iter(f"{SVG}g") if g.get("data-rs-toggle")]
        assert toggles == ["basics/python", "basics/linear-algebra", "basics/regression"]
        assert {(a, b) for a, b, _ in lines_of(svg)} == {
            ("basics/python", "basics/regression"), ("basics/linear-algebra", "basics/regression")} or \
            lines_of(svg) == []  # the fixture's two phases: prerequisites from another phase are chips
    assert 'data-rs-topic="basics/regression"' in markup and "needs 2" in markup
    ids = re.findall(r'\bid="([^"]+)"', markup)
    assert len(ids) == len(set(ids))  # two drawings on one page, no duplicate ids


def test_overview_draws_requirements_without_crossings(real, good):
    for curriculum in (real, good):
        markup = str(diagram.render_overview_svg(curriculum, lambda r: f"/{r}/"))
        assert markup == str(diagram.render_overview_svg(curriculum, lambda r: f"/{r}/"))
        for svg in drawings(markup):
            check_drawing(svg)
            boxes = boxes_of(svg)
            assert sorted(boxes) == sorted(r.id for r in curriculum.roadmaps)
            drawn = {(a, b) for a, b, _ in lines_of(svg)}
            ids = [r.id for r in curriculum.roadmaps]
            reduced = transitive_reduction(ids, [(q, r.id) for r in curriculum.roadmaps for q in r.data.requires])
            assert drawn == set(reduced)
            for a, b in drawn:
                assert boxes[a][3] < boxes[b][1]  # a roadmap sits below what it requires


def test_wrap_keeps_every_word():
    text = "A very long topic title that will certainly not fit on two lines of a narrow box"
    lines = wrap(text, 120, 14)
    assert " ".join(lines) == text and len(lines) > 2
    assert all(text_width(line, 14) <= 120 for line in lines)
    assert wrap("Supercalifragilisticexpialidocious", 50, 14) == ["Supercalifragilisticexpialidocious"]


def test_the_layout_benchmark_runs(capsys):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import layout as bench  # benchmarks/layout.py

    assert bench.main(["--scale", "0.2", "--reps", "1"]) == 0
    out = capsys.readouterr().out
    assert "layout (both drawings) per roadmap" in out and "home overview" in out


def _overlap(a, b) -> bool:
    return not (a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y)
