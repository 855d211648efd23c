"""``roadmap-site links``: list the curriculum's external resource URLs and check them.

Run weekly by ``.github/workflows/links.yml``, which turns the Markdown report into an issue.
Tests check against a loopback server only: nothing here runs on the network in tests.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from roadmap_site.curriculum import Curriculum

USER_AGENT = "Mozilla/5.0 (compatible; roadmap-site link check)"
# Statuses that say "this server refuses robots or is busy", not "this page is gone".
NOT_BROKEN = {401, 403, 429}


@dataclass
class LinkStatus:
    url: str
    used_by: list[str]  # catalog ids ("resource islr") and topic keys ("topic ml/x")
    status: int | None = None  # the final HTTP status, None when no answer
    error: str | None = None

    @property
    def broken(self) -> bool:
        if self.status is None:
            return True
        return self.status >= 400 and self.status not in NOT_BROKEN


def resource_urls(curriculum: Curriculum) -> dict[str, list[str]]:
    """Every external URL of the curriculum -> where it is used, in curriculum order."""
    urls: dict[str, list[str]] = {}
    for rid, resource in sorted(curriculum.resources.items()):
        urls.setdefault(resource.url, []).append(f"resource {rid}")
    for key, topic in curriculum.topics.items():
        for entry in topic.resources:
            if entry.id is None:  # inline resources; catalog ones are listed above
                urls.setdefault(entry.resource.url, []).append(f"topic {key}")
    return urls


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # follows redirects
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def check_url(url: str, used_by: list[str], timeout: float = 20.0) -> LinkStatus:
    """HEAD first (cheap); GET when HEAD is refused or fails, since many servers mishandle it."""
    result = LinkStatus(url, used_by)
    for method in ("HEAD", "GET"):
        try:
            result.status, result.error = _request(url, method, timeout), None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            result.status, result.error = None, str(getattr(exc, "reason", exc))
        if not result.broken and result.status is not None and result.status < 400:
            break
    return result


def check_all(urls: dict[str, list[str]], workers: int = 16, timeout: float = 20.0) -> list[LinkStatus]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda item: check_url(item[0], item[1], timeout), urls.items()))


def _problem(link: LinkStatus) -> str:
    return f"HTTP {link.status}" if link.status is not None else (link.error or "no answer")


def format_text(results: list[LinkStatus]) -> str:
    broken = [r for r in results if r.broken]
    lines = [f"{_problem(r)}  {r.url}  ({', '.join(r.used_by)})" for r in broken]
    return "\n".join(lines + [f"{len(broken)} broken of {len(results)} URLs checked"])


def format_markdown(results: list[LinkStatus]) -> str:
    """The body of the "broken links" issue."""
    broken = [r for r in results if r.broken]
    lines = [f"The weekly link check found {len(broken)} broken resource "
             f"link{'s' * (len(broken) != 1)} out of {len(results)}.", "",
             "| Problem | URL | Used by |", "| --- | --- | --- |"]
    for r in broken:
        used = ", ".join(f"`{u}`" for u in r.used_by)
        lines.append(f"| {_problem(r).replace('|', '/')} | <{r.url}> | {used} |")
    lines += ["", "Fix the URL in `curriculum/` (or replace the resource) and open a pull request. "
              "This issue is updated by `.github/workflows/links.yml`."]
    return "\n".join(lines)


def format_json(results: list[LinkStatus]) -> str:
    return json.dumps([{**asdict(r), "broken": r.broken} for r in results], indent=2)
