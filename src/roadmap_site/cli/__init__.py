"""The ``roadmap-site`` command: one module per subcommand, each with ``add`` (its arguments)
and ``run``. No MkDocs import here: it must run without a site build, and each subcommand
imports what only it needs when it runs (``validate`` starts fast).

Exit codes, for every subcommand: 0 success, 1 the curriculum (or the request) is wrong,
2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys

from roadmap_site.cli import export, links, new, schema, stats, validate
from roadmap_site.cli.common import EXIT_INVALID, EXIT_OK

COMMANDS = (validate, schema, export, stats, new, links)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap-site", description="Validate and inspect a roadmap-site curriculum.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add(commands)
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


def console() -> None:
    """The installed command: :func:`main`, then an exit that skips the interpreter's teardown.

    A ``validate`` run ends with the whole curriculum and Pydantic's models in memory; freeing
    them object by object took 33 ms of a 0.36 s run (medians of 21 runs each way, 2026-12-03;
    benchmarks/README.md). The output is flushed first, and the package registers no ``atexit``
    handler. In-process callers (tests) use :func:`main`, which returns.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a closed pipe (validate | head), a closed stream
            pass
    os._exit(code)
