"""How long the drawn roadmaps take: layout and SVG per roadmap, on a synthetic curriculum.

Generates the curriculum of scale k (``generate.py``), loads it once, then times, for every
roadmap, the layout of both drawings (wide and narrow) and the whole SVG (layout included), and
the home overview. Prints the figures; nothing is asserted. The median of ``--reps`` runs is kept
per roadmap.

Usage::

    python benchmarks/layout.py              # k = 10, 5 repetitions
    python benchmarks/layout.py --scale 1 --reps 3
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

from roadmap_site.pipeline import load_curriculum  # noqa: E402
from roadmap_site.render import diagram  # noqa: E402


def timed(fn, reps: int) -> float:
    """Median CPU time of ``fn`` in milliseconds (the machine is shared: wall time also measures
    whatever else runs; the load average is printed beside the figures)."""
    runs = []
    for _ in range(reps):
        start = time.process_time()
        fn()
        runs.append((time.process_time() - start) * 1000)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", "-k", type=float, default=10.0)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        curriculum = load_curriculum(generate.write_curriculum(Path(tmp) / "c", args.scale)).curriculum
    roadmaps = curriculum.roadmaps
    topics = sum(len(r.topics) for r in roadmaps)

    def url(key: str) -> str:
        return f"/{key}/"

    layout_ms, svg_ms, sizes = [], [], []
    for r in roadmaps:
        layout_ms.append(timed(lambda r=r: [diagram.draw(r, s) for s in diagram.STYLES], args.reps))
        svg_ms.append(timed(lambda r=r: diagram.render_svg(curriculum, r, url, url), args.reps))
        sizes.append(len(diagram.render_svg(curriculum, r, url, url)))
    overview_ms = timed(lambda: diagram.render_overview_svg(curriculum, url), args.reps)

    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}; CPU times")
    print(f"k = {args.scale:g}: {len(roadmaps)} roadmaps, {topics} topics; median of {args.reps} runs")
    print(f"layout (both drawings) per roadmap: median {statistics.median(layout_ms):.1f} ms, "
          f"max {max(layout_ms):.1f} ms, all roadmaps {sum(layout_ms) / 1000:.3f} s")
    print(f"SVG (layout + markup) per roadmap:  median {statistics.median(svg_ms):.1f} ms, "
          f"max {max(svg_ms):.1f} ms, all roadmaps {sum(svg_ms) / 1000:.3f} s")
    print(f"SVG bytes per roadmap page (both drawings): median {statistics.median(sizes) / 1024:.1f} KB, "
          f"max {max(sizes) / 1024:.1f} KB")
    print(f"home overview ({len(roadmaps)} roadmaps): {overview_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
