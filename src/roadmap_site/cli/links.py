"""``roadmap-site links``: check the resources' URLs (the one command that uses the network)."""

from __future__ import annotations

import argparse

from roadmap_site.cli.common import EXIT_INVALID, EXIT_OK, add_path, load_or_report


def add(commands) -> None:
    parser = commands.add_parser("links", help="check the resources' URLs (uses the network)")
    add_path(parser)
    parser.add_argument("--list", action="store_true", help="only list the URLs, check nothing")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    parser.add_argument("--workers", type=int, default=16, help="parallel requests")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from roadmap_site import links

    result = load_or_report(args.path)
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
