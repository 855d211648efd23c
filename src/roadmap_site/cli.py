"""The ``roadmap-site`` command. No MkDocs import here: it must run without a site build.

Exit codes, for every subcommand: 0 success, 1 the curriculum (or the request) is wrong,
2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from roadmap_site import diagnostics as diag
from roadmap_site.pipeline import LoadResult, load_curriculum, locate

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _validate(args: argparse.Namespace) -> int:
    """Diagnostics and the summary go to stdout in every format (as ruff and flake8 do), so
    that ``validate > report.txt`` keeps them; only a usage error goes to stderr."""
    if not args.path.exists():
        print(f"roadmap-site validate: error: {args.path}: no such folder or file",
              file=sys.stderr)
        return EXIT_USAGE
    root, part = locate(args.path)
    result = load_curriculum(root)
    shown, elsewhere = result.diagnostics, []
    if part is not None:  # only the part asked for; the rest is counted in the summary
        inside = {d: Path(d.file).resolve().is_relative_to(part) for d in result.diagnostics}
        shown = [d for d in result.diagnostics if inside[d]]
        elsewhere = [d for d in result.diagnostics if not inside[d]]
    errors = diag.has_errors(shown)
    failed = errors or (args.strict and bool(shown))
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
    if args.format == "json":
        print(diag.format_json(shown))
    elif args.format == "github":
        print(diag.format_github(shown, summary))
    else:
        if shown:
            print(diag.format_text(shown))
        print(summary)
    return EXIT_INVALID if failed else EXIT_OK


def _load_or_report(path: Path) -> LoadResult:
    """Load the curriculum; on errors print them (text format) for the caller to exit 1."""
    result = load_curriculum(path)
    if not result.ok:
        print(diag.format_text(result.diagnostics), file=sys.stderr)
        print(f"curriculum is invalid: {diag.summary_line(result.diagnostics)}; "
              "run roadmap-site validate", file=sys.stderr)
    return result


def _schema(args: argparse.Namespace) -> int:
    from roadmap_site import schema

    if args.markdown:
        from roadmap_site.reference import field_reference

        sys.stdout.write(field_reference())
        return EXIT_OK
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, document in schema.all_schemas().items():
            (args.dir / name).write_text(schema.dumps(document), encoding="utf-8")
            print(f"wrote {diag.display_path(args.dir / name)}")
        return EXIT_OK
    document = schema.curriculum_schema() if args.kind == "curriculum" else schema.file_schema(args.kind)
    text = schema.dumps(document)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if args.watch:
        from roadmap_site.export import watch

        return watch(args.config_file, args.out_dir, lambda: _export_once(args, in_place=True))
    return _export_once(args)


def _export_once(args: argparse.Namespace, *, in_place: bool = False) -> int:
    from roadmap_site.export import ExportError, export

    try:
        result = export(args.config_file, args.out_dir, in_place=in_place)
    except (ExportError, ValueError, OSError) as exc:
        print(f"roadmap-site export: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if result.diagnostics:
        print(diag.format_text(result.diagnostics), file=sys.stderr)
    if not result.ok:
        print(f"curriculum is invalid: {diag.summary_line(result.diagnostics)}; nothing was "
              "exported", file=sys.stderr)
        return EXIT_INVALID
    out = diag.display_path(args.out_dir)
    print(f"exported {result.generated} generated pages, {result.written} hand-written files and "
          f"{len(result.assets)} assets to {out}/\nbuild it with: mkdocs build -f {out}/mkdocs.yml")
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    from roadmap_site import stats

    result = _load_or_report(args.path)
    if not result.ok:
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps(stats.as_dicts(result.curriculum), indent=2))
    else:
        print(stats.table(result.curriculum))
    return EXIT_OK


def _new_topic(args: argparse.Namespace) -> int:
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


def _links(args: argparse.Namespace) -> int:
    from roadmap_site import links

    result = _load_or_report(args.path)
    if not result.ok:
        return EXIT_INVALID
    urls = links.resource_urls(result.curriculum)
    if args.list:
        for url, used_by in urls.items():
            print(f"{url}\t{', '.join(used_by)}")
        return EXIT_OK
    results = links.check_all(urls, workers=args.workers, timeout=args.timeout)
    formatter = {"text": links.format_text, "markdown": links.format_markdown,
                 "json": links.format_json}[args.format]
    print(formatter(results))
    return EXIT_INVALID if any(r.broken for r in results) else EXIT_OK


def _add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default="curriculum", type=Path,
                        help="curriculum folder (default: curriculum)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap-site", description="Validate and inspect a roadmap-site curriculum.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check the curriculum; exit 1 on errors")
    validate.add_argument("path", nargs="?", default="curriculum", type=Path,
                          help="curriculum folder (default: curriculum), or a roadmap folder, "
                               "the catalog folder or a file in them: only its problems are "
                               "listed, and it is checked against the rest of the curriculum")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text",
                          help="text (default), github (workflow annotations) or json; "
                               "all on stdout")
    validate.add_argument("--strict", action="store_true",
                          help="exit 1 on warnings too (placeholders, too few resources, ...)")
    validate.set_defaults(run=_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of the curriculum files")
    schema.add_argument("--kind", choices=("curriculum", "roadmap", "phase", "track", "resources", "tags"),
                        default="curriculum",
                        help="which files: all of them (default), roadmap.yml, phase files, "
                             "track files, resource catalog files or tags.yml")
    where = schema.add_mutually_exclusive_group()
    where.add_argument("--markdown", action="store_true",
                       help="print the field reference of docs/curriculum-format.md instead")
    where.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    where.add_argument("--dir", type=Path, help="write every schema file into this folder")
    schema.set_defaults(run=_schema)

    export = commands.add_parser("export", help="write the site as a plain MkDocs project "
                                                "that needs no plugin")
    export.add_argument("out_dir", type=Path, metavar="OUT_DIR",
                        help="a new or empty folder, or an earlier export (replaced)")
    export.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the project's mkdocs.yml (default: mkdocs.yml)")
    export.add_argument("--watch", action="store_true",
                        help="export again whenever the curriculum, docs or mkdocs.yml change "
                             "(updating files in place, for `zensical serve`); Ctrl+C stops")
    export.set_defaults(run=_export)

    stats = commands.add_parser("stats", help="topics, subtopics, resources and hours per "
                                              "roadmap and phase")
    _add_path(stats)
    stats.add_argument("--format", choices=("text", "json"), default="text")
    stats.set_defaults(run=_stats)

    new = commands.add_parser("new", help="add a skeleton to the curriculum")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    topic = kinds.add_parser("topic", help="add a topic skeleton to a phase file")
    topic.add_argument("where", metavar="ROADMAP/PHASE", help="e.g. ml/supervised")
    topic.add_argument("topic_id", metavar="TOPIC-ID", help="lowercase kebab-case, e.g. lasso")
    topic.add_argument("--title", help="the topic's title (default: from the id)")
    topic.add_argument("--curriculum", type=Path, default=Path("curriculum"),
                       help="curriculum folder (default: curriculum)")
    topic.set_defaults(run=_new_topic)

    links = commands.add_parser("links", help="check the resources' URLs (uses the network)")
    _add_path(links)
    links.add_argument("--list", action="store_true", help="only list the URLs, check nothing")
    links.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    links.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    links.add_argument("--workers", type=int, default=16, help="parallel requests")
    links.set_defaults(run=_links)
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
    except OSError as exc:  # an unwritable output file, a full disk: a message, not a traceback
        print(f"roadmap-site {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
