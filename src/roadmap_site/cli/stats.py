"""``roadmap-site stats``: topics, subtopics, resources and hours per roadmap and phase."""

from __future__ import annotations

import argparse
import json

from roadmap_site.cli.common import EXIT_INVALID, EXIT_OK, add_path, load_or_report


def add(commands) -> None:
    parser = commands.add_parser("stats", help="topics, subtopics, resources and hours per "
                                               "roadmap and phase")
    add_path(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from roadmap_site import stats

    result = load_or_report(args.path)
    if not result.ok:
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps(stats.as_dicts(result.curriculum), indent=2))
    else:
        print(stats.table(result.curriculum))
    return EXIT_OK
