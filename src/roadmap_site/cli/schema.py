"""``roadmap-site schema``: the JSON Schema of the curriculum files, or the field reference."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_site.cli.common import EXIT_OK


def add(commands) -> None:
    parser = commands.add_parser("schema", help="print the JSON Schema of the curriculum files")
    parser.add_argument("--kind", choices=("curriculum", "roadmap", "phase", "track", "resources", "tags"),
                        default="curriculum",
                        help="which files: all of them (default), roadmap.yml, phase files, "
                             "track files, resource catalog files or tags.yml")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--markdown", action="store_true",
                       help="print the field reference of docs/curriculum-format.md instead")
    where.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    where.add_argument("--dir", type=Path, help="write every schema file into this folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from roadmap_site import diagnostics as diag
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
