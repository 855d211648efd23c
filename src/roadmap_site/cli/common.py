"""What the subcommands share: exit codes, the curriculum path argument, loading with a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap_site.pipeline import LoadResult

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default="curriculum", type=Path,
                        help="curriculum folder (default: curriculum)")


def load_or_report(path: Path) -> LoadResult:
    """Load the curriculum; on errors print them (text format) for the caller to exit 1."""
    from roadmap_site import diagnostics as diag
    from roadmap_site.pipeline import load_curriculum

    result = load_curriculum(path)
    if not result.ok:
        print(diag.format_text(result.diagnostics), file=sys.stderr)
        print(f"curriculum is invalid: {diag.summary_line(result.diagnostics)}; "
              "run roadmap-site validate", file=sys.stderr)
    return result
