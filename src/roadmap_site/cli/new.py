"""``roadmap-site new topic``: add a topic skeleton to a phase file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_site.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE


def add(commands) -> None:
    parser = commands.add_parser("new", help="add a skeleton to the curriculum")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    topic = kinds.add_parser("topic", help="add a topic skeleton to a phase file")
    topic.add_argument("where", metavar="ROADMAP/PHASE", help="e.g. ml/supervised")
    topic.add_argument("topic_id", metavar="TOPIC-ID", help="lowercase kebab-case, e.g. lasso")
    topic.add_argument("--title", help="the topic's title (default: from the id)")
    topic.add_argument("--curriculum", type=Path, default=Path("curriculum"),
                       help="curriculum folder (default: curriculum)")
    topic.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from roadmap_site import diagnostics as diag
    from roadmap_site.scaffold import PLACEHOLDER_URLS, ScaffoldError, add_topic

    roadmap, _, phase = args.where.partition("/")
    if not roadmap or not phase or "/" in phase:
        print(f"roadmap-site new topic: error: expected ROADMAP/PHASE, e.g. ml/supervised, "
              f"not '{args.where}'", file=sys.stderr)
        return EXIT_USAGE
    try:
        added = add_topic(args.curriculum, roadmap, phase, args.topic_id, args.title)
    except ValueError as exc:
        print(f"roadmap-site new topic: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ScaffoldError, OSError) as exc:
        print(f"roadmap-site new topic: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    where = f"{diag.display_path(added.path)}:{added.line}"
    print(f"added topic '{roadmap}/{args.topic_id}' at {where}\n"
          f"now replace every TODO, the two placeholder links ({PLACEHOLDER_URLS[0]}, ...), the "
          "level and the hours, add prerequisites, then run: roadmap-site validate (it warns "
          "while a TODO or an example.com link is left)")
    return EXIT_OK
