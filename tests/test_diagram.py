"""Layout of the roadmap diagram: no overlaps, every topic present, stable output."""

import re

import pytest

from conftest import GOOD, ROOT
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render.diagram import layout, render_overview_svg, render_svg, wrap


@pytest.fixture(scope="module")
def real():
    return load_curriculum(ROOT / "curriculum").curriculum


def test_no_overlaps_and_every_topic_present(real):
    for roadmap in real.roadmaps:
        lay = layout(roadmap)
        assert set(lay.nodes) == {t.key for t in roadmap.topics}
        boxes = list(lay.nodes.values())
        for i, a in enumerate(boxes):
            assert a.x >= 0 and a.x + a.w <= lay.width and a.y + a.h <= lay.height
            for b in boxes[i + 1:]:
                assert not a.overlaps(b)
        # phases in order down the spine, topics below their phase header
        ys = [y for _, _, y in lay.phases]
        assert ys == sorted(ys)


def test_edges_are_the_prerequisites_inside_the_roadmap(real):
    roadmap = real.roadmap("ml")
    lay = layout(roadmap)
    expected = {(p, t.key) for t in roadmap.topics for p in t.prerequisites if p.startswith("ml/")}
    assert set(lay.edges) == expected and expected


def test_svg_is_stable_and_links_every_node():
    curriculum = load_curriculum(GOOD).curriculum
    roadmap = curriculum.roadmap("basics")

    def render():
        return str(render_svg(curriculum, roadmap, lambda k: f"/{k}/", lambda p: f"/p/{p}/"))

    svg = render()
    assert svg == render()
    assert re.findall(r'xlink:href="(/basics/[^"/]+/)"', svg) == [
        "/basics/python/", "/basics/linear-algebra/", "/basics/regression/"]
    assert 'aria-label="Regression (intermediate, 6 hours)"' in svg
    assert svg.count('data-rs-toggle="') == 3
    overview = str(render_overview_svg(curriculum, lambda r: f"/{r}/"))
    assert overview.count("<path marker-end") == 1  # advanced requires basics


def test_wrap():
    assert wrap("Short") == ["Short"]
    lines = wrap("A very long topic title that will certainly not fit on two lines of text")
    assert len(lines) == 2 and lines[-1].endswith("…") and all(len(x) <= 27 for x in lines)
