"""``roadmap-site validate``: check the curriculum, or the part of it a path names."""

from __future__ import annotations

import argparse
from pathlib import Path

from roadmap_site.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE


def add(commands) -> None:
    parser = commands.add_parser("validate", help="check the curriculum; exit 1 on errors")
    parser.add_argument("path", nargs="?", default="curriculum", type=Path,
                        help="curriculum folder (default: curriculum), or a roadmap folder, "
                             "the catalog folder or a file in them: only its problems are "
                             "listed, and it is checked against the rest of the curriculum")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                        help="text (default), github (workflow annotations) or json; "
                             "all on stdout")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 on warnings too (placeholders, too few resources, ...)")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="load the curriculum afresh, not from .cache/roadmap-site/ (the "
                             "result of the last run on the same files)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Diagnostics and the summary go to stdout in every format (as ruff and flake8 do), so
    that ``validate > report.txt`` keeps them; only a usage error goes to stderr."""
    import sys

    from roadmap_site import diagnostics as diag
    from roadmap_site.build_cache import BuildCache
    from roadmap_site.pipeline import load_curriculum, locate

    if not args.path.exists():
        print(f"roadmap-site validate: error: {args.path}: no such folder or file",
              file=sys.stderr)
        return EXIT_USAGE
    root, part = locate(args.path)
    # The project's cache, beside mkdocs.yml, which is the curriculum folder's parent.
    result = load_curriculum(root, store=BuildCache.for_project(root.parent, enabled=args.cache))
    shown, elsewhere = result.diagnostics, []
    if part is not None:  # only the part asked for; the rest is counted in the summary
        inside = {d: Path(d.file).resolve().is_relative_to(part) for d in result.diagnostics}
        shown = [d for d in result.diagnostics if inside[d]]
        elsewhere = [d for d in result.diagnostics if not inside[d]]
    errors = diag.has_errors(shown)
    failed = errors or (args.strict and bool(shown))
    summary = _summary(result, root, part, shown, elsewhere, failed=failed, errors=errors)
    if args.format == "json":
        print(diag.format_json(shown))
    elif args.format == "github":
        print(diag.format_github(shown, summary))
    else:
        if shown:
            print(diag.format_text(shown))
        print(summary)
    return EXIT_INVALID if failed else EXIT_OK


def _summary(result, root: Path, part: Path | None, shown: list, elsewhere: list, *,
             failed: bool, errors: bool) -> str:
    from roadmap_site import diagnostics as diag

    name = diag.display_path(part) if part is not None else "curriculum"
    if not failed and part is None and result.curriculum is not None:
        c = result.curriculum
        summary = (f"curriculum is valid: {len(c.roadmaps)} roadmaps, {len(c.topics)} topics, "
                   f"{len(c.resources)} catalog resources ({diag.summary_line(shown)})")
    elif not failed:
        summary = f"{name} is valid ({diag.summary_line(shown)})"
    else:
        summary = f"{name} is invalid: {diag.summary_line(shown)}"
        if not errors:
            summary += " (--strict counts warnings as errors)"
    if elsewhere:
        summary += (f"; elsewhere in {diag.display_path(root)}: {diag.summary_line(elsewhere)} "
                    f"(roadmap-site validate {diag.display_path(root)} lists them)")
    return summary
