"""Page weight and build time when one phase is huge (issue 19, item 4).

Usage::

    python benchmarks/big_phase.py                   # a phase of 1,000 topics
    python benchmarks/big_phase.py --topics 400

Adds a roadmap with one phase of N topics to the real curriculum, builds the site twice with
MkDocs in this process, once with the navigation split into sections (the plugin's design,
``render/sections.py``: at most SECTION_SIZE topics per section) and once with the phase's topics
as one flat list (the design before), and prints for each: the HTML bytes of the median page
of the huge phase, the build's CPU time per page, and the number of pages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPIC = """  - id: t{i}
    title: {title}
    summary: {summary}
    level: beginner
    hours: 2
    resources:
{resources}
    checks:
      - question: What is topic {i}?
        answer: The topic numbered {i} in the huge phase.
      - question: Which phase holds topic {i}?
        answer: The huge one, with every other numbered topic.
      - question: Why does topic {i} exist?
        answer: To make the phase large enough to need sections.
    exercises:
      - task: Read topic {i}.
        outcome: You can say what topic {i} is about.
"""
PROJECT = """project:
  title: Read them all
  brief: Read every topic of the huge phase in order.
  milestones:
    - Read the first section.
    - Read the rest.
  acceptance:
    - Every topic is marked done.
    - Nothing was skipped.
  topics:
    - t0
  hours: 2
"""


def topic_yaml(i: int, refs: tuple[str, ...], title: str = "Topic {i}",
               summary: str = "What topic {i} is about.") -> str:
    """Topic ``t<i>`` of a phase file, citing the catalog entries ``refs``, with self-checks
    and an exercise (so that it validates without a warning)."""
    return TOPIC.format(i=i, title=title.format(i=i), summary=summary.format(i=i),
                        resources="".join(f"      - ref: {r}\n" for r in refs).rstrip("\n"))


def huge_roadmap(curriculum: Path, topics: int, refs: tuple[str, ...], *, roadmap: str = "big",
                 phase: str = "huge", project: bool = True, **names: str) -> None:
    """Add to ``curriculum`` a roadmap of one phase of ``topics`` numbered topics (t0, t1, ...):
    this benchmark's curriculum and the nav-size tests' (tests/test_nav_size.py,
    tests/test_browser_nav_sections.py). ``names``: title and summary templates of the topics."""
    folder = curriculum / roadmap
    (folder / "phases").mkdir(parents=True)
    (folder / "roadmap.yml").write_text(f"id: {roadmap}\ntitle: {roadmap.capitalize()}\n"
                                        f"summary: One huge phase.\nphases: [{phase}]\n", encoding="utf-8")
    (folder / "phases" / f"{phase}.yml").write_text(
        f"id: {phase}\ntitle: {phase.capitalize()}\nsummary: Many topics.\ntopics:\n"
        + "".join(topic_yaml(i, refs, **names) for i in range(topics)) + (PROJECT if project else ""),
        encoding="utf-8")


def project(into: Path, topics: int) -> Path:
    into.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    for folder in ("docs", "overrides", "curriculum"):
        shutil.copytree(ROOT / folder, into / folder)
    huge_roadmap(into / "curriculum", topics, ("huge-book", "huge-docs"), roadmap="huge", phase="all",
                 title="Topic number {i} of the huge phase",
                 summary="What topic {i} is about, in a sentence of about the usual length for a summary.")
    catalog = into / "curriculum" / "resources" / "huge.yml"
    catalog.write_text("- id: huge-book\n  title: A book for the huge phase\n  url: https://example.org/book\n"
                       "  type: book\n  free: true\n- id: huge-docs\n  title: Docs for the huge phase\n"
                       "  url: https://example.org/docs\n  type: docs\n  free: true\n", encoding="utf-8")
    return into


def build(folder: Path, site: Path) -> tuple[float, int]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(folder / "mkdocs.yml"), site_dir=str(site))
    start = time.process_time()
    mkdocs_build(config)
    cpu = time.process_time() - start
    return cpu, sum(1 for _ in site.rglob("*.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=1000)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from roadmap_site.render import sections

    designs = {"sections": sections.SECTION_SIZE, "flat (before)": 10**9}
    with tempfile.TemporaryDirectory(prefix="big-phase-") as tmp:
        folder = project(Path(tmp) / "project", args.topics)
        os.chdir(folder)
        for name, size in designs.items():
            sections.SECTION_SIZE = size
            site = Path(tmp) / name.split()[0]
            cpu, pages = build(folder, site)
            weights = [p.stat().st_size for p in (site / "huge").glob("t*/index.html")]
            print(f"{name}: {args.topics} topics in one phase, {pages} pages; median page of the "
                  f"phase {statistics.median(weights) / 1024:.1f} KB (max {max(weights) / 1024:.1f} KB); "
                  f"build CPU {cpu:.1f} s, {cpu / pages * 1000:.1f} ms per page", flush=True)
    load = os.getloadavg()
    print(f"load average (1, 5, 15 min) at the end: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
