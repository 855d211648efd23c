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
    from roadmap_site.folders import locate

    if not args.path.exists():
        print(f"roadmap-site validate: error: {args.path}: no such folder or file",
              file=sys.stderr)
        return EXIT_USAGE
    root, part = locate(args.path)
    diagnostics, counts = _check(root, args.cache)
    shown, elsewhere = diagnostics, []
    if part is not None:  # only the part asked for; the rest is counted in the summary
        inside = {d: Path(d.file).resolve().is_relative_to(part) for d in diagnostics}
        shown = [d for d in diagnostics if inside[d]]
        elsewhere = [d for d in diagnostics if not inside[d]]
    errors = diag.has_errors(shown)
    failed = errors or (args.strict and bool(shown))
    summary = _summary(counts, root, part, shown, elsewhere, failed=failed, errors=errors)
    if args.format == "json":
        print(diag.format_json(shown))
    elif args.format == "github":
        print(diag.format_github(shown, summary))
    else:
        if shown:
            print(diag.format_text(shown))
        print(summary)
    return EXIT_INVALID if failed else EXIT_OK


def _check(root: Path, cache: bool) -> tuple[list, tuple[int, int, int] | None]:
    """The diagnostics of the curriculum in ``root`` and its numbers of roadmaps, topics and
    catalog resources (None when it has errors). A run on the same files as the last one
    answers from the project's build cache (beside mkdocs.yml, the curriculum folder's parent)
    without importing the pipeline, Pydantic or the models."""
    from roadmap_site.build_cache import BuildCache, inputs_key

    store = BuildCache.for_project(root.parent, enabled=cache)
    key = inputs_key("report", root) if store.folder is not None else None
    hit = store.get("report", key)
    if isinstance(hit, tuple) and len(hit) == 2:
        return hit
    from roadmap_site.pipeline import load_curriculum

    result = load_curriculum(root, store=store)  # its "load" entry serves the next mkdocs build
    c = result.curriculum
    checked = (result.diagnostics, c and (len(c.roadmaps), len(c.topics), len(c.resources)))
    store.put("report", key, checked)
    return checked


def _summary(counts: tuple[int, int, int] | None, root: Path, part: Path | None, shown: list,
             elsewhere: list, *, failed: bool, errors: bool) -> str:
    from roadmap_site import diagnostics as diag

    name = diag.display_path(part) if part is not None else "curriculum"
    if not failed and part is None and counts is not None:
        summary = (f"curriculum is valid: {counts[0]} roadmaps, {counts[1]} topics, "
                   f"{counts[2]} catalog resources ({diag.summary_line(shown)})")
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
