"""Page load and one click with 10,000 stored progress entries, in headless Chromium (issue 14).

Usage::

    python benchmarks/progress_store.py                 # builds the real site into benchmarks/out/
    python benchmarks/progress_store.py --reps 15 --entries 10000
    python benchmarks/progress_store.py --before        # also the script of main before issue 14

The built site is served on 127.0.0.1. For each page (the largest roadmap page and a topic page),
with an empty store and with --entries stored entries (every real topic, the rest for topics of
an older curriculum, and a note of 200 characters on every real topic):

* load: Chromium's own count of script time (CDP ``Performance.getMetrics``, ``ScriptDuration``:
  every script of the page, Material's included) from navigation to the ``load`` event and a
  quiet 300 ms after it, and the ``load`` event's time from navigation start;
* click: the script time of one click, measured in the page around a synchronous ``click()``
  (the handlers run inside it: the store's re-read, merge, write and read-back, and the refresh
  of everything on the page): on the topic page the "Done" radio, on the roadmap page a
  diagram node's progress toggle.

Targets: a click under 50 ms of script time; a load under 100 ms more script time than with an
empty store. Medians of --reps runs, the empty and full runs interleaved.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, serve_directory  # noqa: E402

OLD_KEY = "roadmap-site:progress:v1"  # format 1, before issue 14
PREFIX = "roadmap-site:/:progress:"  # format 2: + a roadmap's id (the site is served at /)

# The store's own start-up, timed alone: store.js run again in the loaded page, after the click
# (it parses every stored key into a new state; the page's controls keep their own store).
STORE_LOAD = """async () => { const src = await (await fetch('/assets/roadmap-site/store.js')).text();
    const run = new Function(src.replace('document.currentScript', 'null')), t = performance.now();
    run(); return performance.now() - t; }"""
CLICK = {  # page -> JS that clicks once and returns the milliseconds the click's handlers took
    "topic": """() => { const r = [...document.querySelectorAll('.rs-status input')].find(i => !i.checked);
        const t = performance.now(); r.click(); return performance.now() - t; }""",
    "roadmap": """() => { const g = document.querySelectorAll('[data-rs-toggle]');
        const n = g[Math.floor(g.length / 2)], t = performance.now();
        n.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
        return performance.now() - t; }""",
}


def build(out: Path) -> Path:
    project = out / "progress-store"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "curriculum"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return project / "site"


def seed(site: Path, entries: int, old_format: bool) -> dict[str, str]:
    """localStorage items: every real topic, the rest for topics of retired roadmaps (50 each),
    a note of 200 characters on every real topic; format 2 (one key per roadmap) or format 1."""
    topics = [t["key"] for t in json.loads((site / "api/topics.json").read_text())["topics"]]
    keys = topics + [f"retired-{i // 50}/topic-{i}" for i in range(max(0, entries - len(topics)))]
    states = ["done", "doing", "skipped"]
    if old_format:
        return {OLD_KEY: json.dumps({"version": 1, "topics": {k: states[i % 3] for i, k in enumerate(keys)}})}
    shards: dict[str, dict] = {}
    t = 1_700_000_000_000
    for i, k in enumerate(keys):
        doc = shards.setdefault(PREFIX + k.split("/")[0], {"version": 2, "topics": {}, "notes": {}})
        doc["topics"][k] = [states[i % 3], t + i]
        if k in topics:
            doc["notes"][k] = ["n" * 200, t]
    return {key: json.dumps(doc) for key, doc in shards.items()}


def measure(browser, url: str, data: dict[str, str] | None, click: str, old: bool) -> dict:
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(url.rsplit("/", 2)[0] + "/404-warm-up")  # same origin: seed there, then measure the page
    if data:
        page.evaluate("items => { for (const k in items) localStorage.setItem(k, items[k]); }", data)
    cdp.send("Performance.enable")
    before = _script(cdp)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    load_script = _script(cdp) - before
    load_event = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    clicked = page.evaluate(CLICK[click])
    store = None if old else page.evaluate(STORE_LOAD)
    stored = page.evaluate("() => Object.values(localStorage).reduce((n, v) => n + v.length, 0)")
    context.close()
    return {"load_script_ms": load_script * 1000, "load_event_ms": load_event, "click_ms": clicked,
            "stored_chars": stored, "store_ms": store}


def _script(cdp) -> float:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}["ScriptDuration"]


def run(site: Path, reps: int, entries: int, label: str, old_format: bool) -> list[str]:
    data = seed(site, entries, old_format)
    roadmap = max((p for p in site.glob("*/index.html") if (p.parent / "phases").is_dir()),
                  key=lambda p: p.stat().st_size).parent.name
    topic = json.loads((site / "api/topics.json").read_text())["topics"][0]["url"]
    lines = []
    with serve_directory(site) as url, launch() as browser:
        for name, path, click in (("roadmap page " + roadmap, roadmap + "/", "roadmap"),
                                  ("topic page " + topic.rstrip("/"), topic, "topic")):
            runs: dict[str, list[dict]] = {"empty": [], "full": []}
            for _ in range(reps):
                for variant in runs:  # interleaved
                    runs[variant].append(measure(browser, url + path, data if variant == "full" else None, click,
                                                 old_format))
            med = {v: {k: None if rs[0][k] is None else statistics.median(r[k] for r in rs) for k in rs[0]}
                   for v, rs in runs.items()}
            e, f = med["empty"], med["full"]
            extra = f["load_script_ms"] - e["load_script_ms"]
            store = (f"{e['store_ms']:.1f} / {f['store_ms']:.1f}" if f["store_ms"] is not None else "n/a")
            lines.append(f"| {label} | {name} | {f['stored_chars'] / 1024:.0f} KB | {store} | "
                         f"{e['load_script_ms']:.1f} / {f['load_script_ms']:.1f} ({extra:+.1f}) | "
                         f"{e['load_event_ms']:.0f} / {f['load_event_ms']:.0f} | "
                         f"{e['click_ms']:.1f} / {f['click_ms']:.1f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--before", action="store_true",
                        help="also measure main's progress.js as it was before issue 14 (git show)")
    args = parser.parse_args()
    site = build(args.out)
    print(f"{args.entries:,} entries, median of {args.reps} runs; script time from Chromium's ScriptDuration\n")
    print("| script | page | stored | store start-up ms: empty / full | load script ms: empty / full (+) "
          "| load event ms: empty / full | click script ms: empty / full |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for line in run(site, args.reps, args.entries, "now", False):
        print(line, flush=True)
    if args.before:
        old = subprocess.run(["git", "show", "166e95a:src/roadmap_site/assets/progress.js"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        assets = site / "assets" / "roadmap-site"
        (assets / "progress.js").write_text(old, encoding="utf-8")
        for name in ("store.js", "learner.js"):
            (assets / name).write_text("", encoding="utf-8")
        for line in run(site, args.reps, args.entries, "before (166e95a)", True):
            print(line, flush=True)


if __name__ == "__main__":
    main()
