"""``roadmap-site export``: the site as a plain MkDocs project (see integrations/export.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_site.cli.common import EXIT_INVALID, EXIT_OK


def add(commands) -> None:
    parser = commands.add_parser("export", help="write the site as a plain MkDocs project "
                                                "that needs no plugin")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR",
                        help="a new or empty folder, or an earlier export (replaced)")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the project's mkdocs.yml (default: mkdocs.yml)")
    parser.add_argument("--watch", action="store_true",
                        help="export again whenever the curriculum, docs or mkdocs.yml change "
                             "(updating files in place, for `zensical serve`); Ctrl+C stops")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.watch:
        from roadmap_site.integrations.export import watch

        return watch(args.config_file, args.out_dir, lambda: _export_once(args, in_place=True))
    return _export_once(args)


def _export_once(args: argparse.Namespace, *, in_place: bool = False) -> int:
    from roadmap_site import diagnostics as diag
    from roadmap_site.integrations.export import ExportError, export

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
