"""The ``roadmap-site`` command. No MkDocs import here: it must run without a site build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_site import diagnostics as diag
from roadmap_site.pipeline import load_curriculum

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _validate(args: argparse.Namespace) -> int:
    result = load_curriculum(args.path)
    if args.format == "json":
        print(diag.format_json(result.diagnostics))
    elif args.format == "github":
        if result.diagnostics:
            print(diag.format_github(result.diagnostics))
    else:
        if result.diagnostics:
            print(diag.format_text(result.diagnostics), file=sys.stderr)
        curriculum = result.curriculum
        if curriculum is not None:
            topics = len(curriculum.topics)
            print(f"curriculum is valid: {len(curriculum.roadmaps)} roadmaps, {topics} topics, "
                  f"{len(curriculum.resources)} catalog resources ({diag.summary_line(result.diagnostics)})")
        else:
            print(f"curriculum is invalid: {diag.summary_line(result.diagnostics)}", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_INVALID


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap-site", description="Validate and inspect a roadmap-site curriculum.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check the curriculum; exit 1 on errors")
    validate.add_argument("path", nargs="?", default="curriculum", type=Path,
                          help="curriculum folder (default: curriculum)")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text",
                          help="text (default), github (workflow annotations) or json")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
