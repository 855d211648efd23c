"""Edit to reloaded page under a real ``mkdocs serve`` (issue 19, target <= 1.0 s).

Usage::

    python benchmarks/live_reload.py                 # serve --dirty and plain serve, 5 edits each
    python benchmarks/live_reload.py --reps 10 --modes dirty

For each mode (``--dirty``: the plugin's incremental rebuild; ``plain``: MkDocs' full rebuild)
it copies the project (this repo's mkdocs.yml, docs/, overrides/ and the curriculum) to a
temporary folder, starts ``mkdocs serve`` there on a free loopback port, waits for the first
build, then --reps times writes an edit to one topic's summary (a new word each time) and
polls the topic's page (every 10 ms) until it shows the word. The figure is the time from the
write to the first response that shows it: file watching, MkDocs' rebuild delay (0.1 s), the
rebuild and the response; beside it, the CPU time the server used meanwhile (from /proc: on a
shared machine the wall time also measures the other processes). The edits of the two modes
are interleaved (dirty, plain, dirty, ...) so that a change in the machine's load hits both
alike. Prints each figure against the target.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.0  # seconds, edit to reloaded page under serve --dirty
PHASE = "curriculum/foundations/phases/mathematics.yml"
TOPIC_PAGE = "foundations/linear-algebra/"
# The topic's summary: a plain or a folded scalar (the word goes before its first word).
SUMMARY = re.compile(r"(  - id: linear-algebra\n(?:    .*\n)*?    summary: (?:[>|]-?\n +)?)(\S)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    def __init__(self, project: Path, *options: str, pythonpath: str | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *options],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"PYTHONPATH": pythonpath} if pythonpath else {})})
        threading.Thread(target=lambda: self.lines.extend(self.proc.stdout), daemon=True).start()

    def page(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, OSError):
            return ""

    def wait_for(self, path: str, word: str, limit: float = 300.0) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            if self.proc.poll() is not None:
                raise SystemExit("mkdocs serve exited:\n" + "".join(self.lines[-30:]))
            if word in self.page(path):
                return time.perf_counter() - start
            time.sleep(0.01)
        raise SystemExit(f"no page with {word!r} after {limit} s:\n" + "".join(self.lines[-30:]))

    def cpu(self) -> float:
        """CPU seconds the server has used (user + system, all its threads)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def project_copy(into: Path, curriculum: Path) -> Path:
    into.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, into / folder)
    shutil.copytree(curriculum, into / "curriculum")
    return into


def edit(project: Path, word: str) -> float:
    """Put ``word`` into the topic's summary; returns the time of the write."""
    path = project / PHASE
    text = path.read_text(encoding="utf-8")
    new, count = SUMMARY.subn(lambda m: f"{m.group(1)}{word} {m.group(2)}", text, count=1)
    if count != 1:
        raise SystemExit(f"cannot find the linear-algebra summary in {PHASE}")
    start = time.perf_counter()
    path.write_text(new, encoding="utf-8")
    return start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--modes", default="dirty,plain", help="dirty, plain or both")
    parser.add_argument("--curriculum", type=Path, default=ROOT / "curriculum")
    parser.add_argument("--baseline", metavar="SRC", help="also serve --dirty with the roadmap_site package "
                        "in SRC (e.g. an older commit's src/, from git archive): the 'baseline' mode")
    args = parser.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m] + (["baseline"] if args.baseline else [])
    options = {"dirty": ("--dirty",), "plain": (), "baseline": ("--dirty",)}
    times: dict[str, list[float]] = {m: [] for m in modes}
    cpu: dict[str, list[float]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory(prefix="live-reload-") as tmp:
        servers = {}
        try:
            for mode in modes:
                project = project_copy(Path(tmp) / mode, args.curriculum)
                servers[mode] = (project, Serve(project, *options[mode],
                                                pythonpath=args.baseline if mode == "baseline" else None))
            for _, server in servers.values():
                server.wait_for(TOPIC_PAGE, "</html>")
            time.sleep(1.0)  # let the watchers settle
            for rep in range(args.reps):
                for mode, (project, server) in servers.items():
                    word = f"edit{mode}{rep}x"
                    used = server.cpu()
                    start = edit(project, word)
                    server.wait_for(TOPIC_PAGE, word)
                    times[mode].append(time.perf_counter() - start)
                    cpu[mode].append(server.cpu() - used)
                    time.sleep(0.5)  # the server's own settling (its watcher, the browser poll)
        finally:
            for _, server in servers.values():
                server.stop()
    load = os.getloadavg()
    print(f"load average (1, 5, 15 min) at the end: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
    for mode in modes:
        values = times[mode]
        median = statistics.median(values)
        name = {"dirty": "serve --dirty", "plain": "serve", "baseline": "baseline serve --dirty"}[mode]
        line = (f"{name}: edit to reloaded page, median of "
                f"{len(values)}: {median:.3f} s (min {min(values):.3f}, max {max(values):.3f}); "
                f"server CPU per edit {statistics.median(cpu[mode]):.3f} s")
        if mode == "dirty":
            line += f"; target <= {TARGET:.1f} s: {'MET' if median <= TARGET else 'NOT MET'}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
