"""MkDocs with stopwatches: what ``run.py`` starts in a subprocess for every timed build.

``python benchmarks/mkdocs_timed.py RESULT.json build [mkdocs build options]`` runs MkDocs' own
``build`` command (its click CLI, as ``mkdocs build`` does) and writes to RESULT.json the time
(wall and CPU) spent loading the config, in ``build()``, and in each hook of the roadmap-site
plugin (when ``--hooks`` is given first: importing the plugin early costs a plain build time it
would not otherwise spend, so plain builds run without it).

``python benchmarks/mkdocs_timed.py RESULT.json serve CONFIG PHASE_FILE REPS`` does what
``mkdocs serve`` does on a rebuild, in one process: load the config and build once, then REPS
times edit PHASE_FILE (one topic's hours), load the config again and build again. MkDocs keeps
plugin instances across config loads (``Plugins.plugin_cache``), so the plugin's FileCache and
other caches survive, as under ``serve``. The hook timers give the plugin's share of each rebuild.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

HOOKS = ("on_startup", "on_config", "on_files", "on_nav", "on_page_markdown", "on_post_page",
         "on_post_build", "on_shutdown")


def time_hooks(cls, clock=time.perf_counter) -> dict[str, float]:
    """Wrap the hooks ``cls`` defines with timers; returns the dict they add seconds to."""
    spent: dict[str, float] = {}
    for name in HOOKS:
        method = cls.__dict__.get(name)
        if method is None:
            continue

        def make(method=method, name=name):
            @functools.wraps(method)  # keeps mkdocs_priority (event_priority) in __dict__
            def timed(*args, **kwargs):
                start = clock()
                try:
                    return method(*args, **kwargs)
                finally:
                    spent[name] = spent.get(name, 0.0) + clock() - start
            return timed

        setattr(cls, name, make())
    return spent


def _timed(module, name: str, into: dict, key: str) -> None:
    """Time a function of ``module``: wall time under ``key``, CPU time under ``key_cpu``."""
    original = getattr(module, name)

    @functools.wraps(original)
    def timed(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            into[key] = into.get(key, 0.0) + time.perf_counter() - start
            into[key + "_cpu"] = into.get(key + "_cpu", 0.0) + time.process_time() - cpu

    setattr(module, name, timed)


def build(result: Path, args: list[str]) -> None:
    started = time.perf_counter()
    hooks: dict[str, float] = {}
    hooks_cpu: dict[str, float] = {}
    if args and args[0] == "--hooks":
        args = args[1:]
        from roadmap_site.integrations.plugin import RoadmapSitePlugin

        hooks = time_hooks(RoadmapSitePlugin)
        hooks_cpu = time_hooks(RoadmapSitePlugin, time.process_time)
    import mkdocs.commands.build
    import mkdocs.config
    from mkdocs.__main__ import cli

    times: dict[str, float] = {}
    _timed(mkdocs.config, "load_config", times, "config")
    _timed(mkdocs.commands.build, "build", times, "build")
    imported = time.perf_counter()
    code = 0
    try:
        cli.main(["build", *args], standalone_mode=False)
    except SystemExit as exc:  # pragma: no cover - click exits on usage errors
        code = int(exc.code or 0)
    except Exception as exc:  # a failed build: report it, the runner stops
        print(f"mkdocs build failed: {exc}", file=sys.stderr)
        code = 1
    result.write_text(json.dumps({
        "imports": imported - started, "config": times.get("config", 0.0),
        "build": times.get("build", 0.0), "config_cpu": times.get("config_cpu", 0.0),
        "build_cpu": times.get("build_cpu", 0.0), "hooks": hooks, "hooks_cpu": hooks_cpu,
        "code": code}), encoding="utf-8")
    sys.exit(code)


def edit(path: Path, n: int) -> None:
    """Change the first topic's hours (a small, valid, one-file edit), differently each time."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"(?m)^(\s+hours: )([0-9.]+)\s*$", text)
    if match is None:
        raise SystemExit(f"{path}: no 'hours:' line to edit")
    value = float(match.group(2))
    new = value + 0.5 if n % 2 == 0 else max(0.5, value - 0.5)
    path.write_text(text[: match.start(2)] + f"{new:g}" + text[match.end(2):], encoding="utf-8")


def serve(result: Path, config_file: str, phase_file: str, reps: int) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from roadmap_site.integrations.plugin import RoadmapSitePlugin

    spent = time_hooks(RoadmapSitePlugin)
    site_dir = tempfile.mkdtemp(prefix="rs-bench-serve-")
    serve_url = "http://127.0.0.1:8000/"

    def get_config():
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = serve_url
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    start = time.perf_counter()
    mkdocs_build(config, serve_url=serve_url)
    first = time.perf_counter() - start
    plugin_first = sum(spent.values())
    rebuilds = []
    original = Path(phase_file).read_text(encoding="utf-8")
    try:
        for n in range(reps):
            edit(Path(phase_file), n)
            spent.clear()
            start = time.perf_counter()
            mkdocs_build(get_config(), serve_url=serve_url)
            total = time.perf_counter() - start
            rebuilds.append({"total": total, "plugin": sum(spent.values()), "hooks": dict(spent)})
    finally:
        Path(phase_file).write_text(original, encoding="utf-8")
    result.write_text(json.dumps({"first": first, "plugin_first": plugin_first, "rebuilds": rebuilds}),
                      encoding="utf-8")


def main(argv: list[str]) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    result, mode, *rest = argv
    if mode == "build":
        build(Path(result), rest)
    elif mode == "serve":
        config_file, phase_file, reps = rest
        serve(Path(result), config_file, phase_file, int(reps))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
