"""The benchmark runner: every figure of issue 9, measured side by side in one run.

Usage::

    python benchmarks/run.py                  # k = 1, 5, 10; 5 repetitions (30-40 minutes)
    python benchmarks/run.py --reps 3 --scales 1,10
    python benchmarks/run.py --quick          # k = 0.2 and 1, one repetition (a smoke test)

What it measures (each figure the median of --reps runs; the runs of different variants are
interleaved, A B A B ..., so that a change in the machine's load hits all of them alike):

* validate: ``roadmap-site validate`` as a subprocess (interpreter start included), wall time
  and peak memory (the child's own maxrss, from wait4), on the real curriculum and at every k;
* overhead: ``mkdocs build --strict`` of the project with the plugin, against plain MkDocs
  building what ``roadmap-site export`` wrote for the same curriculum (same theme and config,
  no plugin); the ratio of the two commands' CPU time (user + system, interpreter start and
  imports included) and of their wall time;
* scaling: the CPU time MkDocs spends loading the config and in ``build()``, per page, at each
  k (interpreter start and imports, a fixed cost, are left out: they would hide growth worse
  than linear), with and without the plugin, and the plugin's hooks per page;
* serve rebuild: the plugin's hooks against the whole rebuild after a one-file YAML edit, in one
  process as ``mkdocs serve`` does it (see mkdocs_timed.py), on the real curriculum;
* weight: HTML bytes of the median topic page, the largest roadmap page and its inline SVG, the
  plugin's CSS + JS; and whether a roadmap page needs any data file.

Targets are judged on CPU time where the issue says "build" (overhead, scaling): on a shared
machine the wall time of a build also measures the other processes. Validate is judged on
wall time, as the issue asks. Everything is written under benchmarks/out/ (projects, exports,
sites, results.json and results.md).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (a sibling script, not a package)

# As installed, Python compiles each module once and reuses the bytecode: a machine that sets
# PYTHONDONTWRITEBYTECODE (this sandbox does) would compile ours on every start (about 25 ms).
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ROADMAP_SITE_CACHE")}
ENV["NO_MKDOCS_2_WARNING"] = "1"
NO_CACHE = {"ROADMAP_SITE_CACHE": "off"}
TARGETS = {
    "overhead": 1.05,  # plugin build / plain build of the export (issue 19; 1.10 in issue 9)
    "scaling": 0.10,  # per-page time at the largest k at most 10 % above k = 1
    "validate_real": 0.2,  # seconds, start-up included (issue 19; 0.5 in issue 9)
    "validate_k10": 2.0,
    "serve_share": 0.05,
    "topic_page": 60 * 1024,
    "assets": 30 * 1024,  # issue 14 (it was 15 KB in issue 9, before notes and next up)
}


# -- running things ----------------------------------------------------------------------------
@dataclass
class Run:
    wall: float
    cpu: float  # user + system time of the child
    maxrss_kb: int
    code: int
    stderr: str = ""
    load: float = 0.0  # 1-minute load average when it ended
    extra: dict = field(default_factory=dict)


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run ``cmd``; its wall time, CPU time and own peak memory (wait4), not the runner's."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env={**ENV, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode, text,
               os.getloadavg()[0])


def check(result: Run, what: str) -> Run:
    if result.code != 0:
        raise SystemExit(f"{what} failed (exit {result.code}):\n{result.stderr[-3000:]}")
    return result


def roadmap_site_cmd() -> list[str]:
    """The installed ``roadmap-site`` script of this interpreter, as a user runs it."""
    script = Path(sys.executable).parent / "roadmap-site"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "roadmap_site"]


def timed_build(config: Path, site: Path, *, hooks: bool, env: dict | None = None) -> Run:
    handle, name = tempfile.mkstemp(suffix=".json")
    os.close(handle)
    result_file = Path(name)
    cmd = [sys.executable, str(HERE / "mkdocs_timed.py"), str(result_file), "build",
           *(["--hooks"] if hooks else []), "--strict", "-q", "-f", str(config), "-d", str(site)]
    try:
        result = check(run(cmd, env=env), f"mkdocs build -f {config}")
        result.extra = json.loads(result_file.read_text(encoding="utf-8"))
    finally:
        result_file.unlink(missing_ok=True)
    return result


def median(values) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


# -- the projects ------------------------------------------------------------------------------
def label(k: float | None) -> str:
    return "real" if k is None else f"k={k:g}"


def prepare(out: Path, curriculum: Path, scales: list[float]) -> dict[str, Path]:
    """An MkDocs project per curriculum (the real one and one per k), and its export."""
    projects: dict[str, Path] = {}
    real = out / "projects" / "real"
    if real.exists():
        shutil.rmtree(real)
    real.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", real / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, real / folder)
    shutil.copytree(curriculum, real / "curriculum")
    projects[label(None)] = real
    for k in scales:
        projects[label(k)] = generate.write_project(out / "projects" / f"k{k:g}", k)
    for name, project in projects.items():
        target = out / "exports" / project.name
        check(run([*roadmap_site_cmd(), "export", str(target), "-f", str(project / "mkdocs.yml")]),
              f"roadmap-site export ({name})")
    return projects


def pages_in(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


# -- weight --------------------------------------------------------------------------------------
SVG = re.compile(r'<svg class="rs-diagram[ "].*?</svg>', re.DOTALL)  # a page has two drawings


def weight(project: Path, site: Path) -> dict:
    from roadmap_site.pipeline import load_curriculum

    curriculum = load_curriculum(project / "curriculum").curriculum
    sizes = {key: (site / key / "index.html").stat().st_size for key in curriculum.topics}
    ordered = sorted(sizes, key=sizes.get)
    typical_key = ordered[len(ordered) // 2]
    roadmap_pages = {r.id: site / r.id / "index.html" for r in curriculum.roadmaps}
    largest_id = max(roadmap_pages, key=lambda rid: roadmap_pages[rid].stat().st_size)
    largest = roadmap_pages[largest_id].read_text(encoding="utf-8")
    svgs = SVG.findall(largest)
    from roadmap_site import site_assets

    assets = sorted(a for a in (site / "assets" / "roadmap-site").glob("*") if a.name in site_assets.EVERY_PAGE)
    scripts = "".join(a.read_text(encoding="utf-8") for a in assets if a.suffix == ".js")
    # The diagram must need no data file; next up (and import) fetch the topic list, nothing else.
    requests = re.findall(r"\bfetch\(([^)]*)\)|XMLHttpRequest|import\(", scripts)
    requests_data = any("api/topics.json" not in r for r in requests)
    page_json = re.findall(r'(?:src|href)="[^"]*\.json"', largest)
    return {
        "topic_pages": len(sizes),
        "topic_median_bytes": sizes[typical_key],
        "topic_median_gzip_bytes": len(gzip.compress((site / typical_key / "index.html").read_bytes())),
        "topic_median_page": typical_key,
        "topic_max_bytes": sizes[ordered[-1]],
        "roadmap_largest": largest_id,
        "roadmap_largest_bytes": len(largest.encode("utf-8")),
        "roadmap_svg_bytes": sum(len(svg.encode("utf-8")) for svg in svgs),
        "assets": {a.name: a.stat().st_size for a in assets},
        "assets_bytes": sum(a.stat().st_size for a in assets),
        "no_data_file": bool(svgs) and not requests_data and not page_json,
    }


# -- report ----------------------------------------------------------------------------------------
def machine() -> dict:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:  # pragma: no cover
            return "?"

    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem_kb) / 1024 / 1024, 1) if mem_kb.isdigit() else "?",
        "python": platform.python_version(),
        "mkdocs": ver("mkdocs"), "material": ver("mkdocs-material"), "pydantic": ver("pydantic"),
        "pyyaml": ver("pyyaml"), "jinja2": ver("jinja2"),
    }


def verdict(ok: bool | None) -> str:
    return "NOT MEASURED" if ok is None else ("MET" if ok else "NOT MET")


def report(results: dict) -> str:
    m = results["machine"]
    load = results["load"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; Python {m['python']}, "
        f"MkDocs {m['mkdocs']}, Material {m['material']}, Pydantic {m['pydantic']}, PyYAML {m['pyyaml']}",
        f"Date: {m['date']}; repetitions: {results['reps']}; load average (1 min) during the run: "
        f"min {load['min']:.2f}, median {load['median']:.2f}, max {load['max']:.2f}",
        "",
        "| Curriculum | topics | pages | validate wall (s) | validate peak (MB) | build with plugin: "
        "wall / CPU (s) | plain build of export: wall / CPU (s) | overhead wall | overhead CPU "
        "| build peak plugin / plain (MB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = results["curricula"]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['topics']:,} | {row['pages']:,} | {row['validate_s']:.3f} "
            f"| {row['validate_peak_mb']:.0f} | {row['plugin_s']:.2f} / {row['plugin_cpu_s']:.2f} "
            f"| {row['plain_s']:.2f} / {row['plain_cpu_s']:.2f} | {row['overhead_wall']:.3f} "
            f"| {row['overhead_cpu']:.3f} | {row['build_peak_mb']:.0f} / {row['plain_peak_mb']:.0f} |")
    lines += ["", "With the build cache (.cache/roadmap-site/): cold = turned off; warm = the curriculum "
              "unchanged since the last run; edit = one phase file changed just before (a miss, and the "
              "cache written again). Wall / CPU; overhead against the plain build of the export.", "",
              "| Curriculum | validate cold | validate warm | validate edit | build cold | build warm "
              "| build edit | overhead cold | overhead warm | overhead edit |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, row in rows.items():
        v = row["variants"]
        lines.append(f"| {name} | " + " | ".join(
            f"{v[f'validate_{x}']['wall']:.3f} / {v[f'validate_{x}']['cpu']:.3f} s" for x in ("cold", "warm", "edit"))
            + " | " + " | ".join(f"{v[f'build_{x}']['wall']:.2f} / {v[f'build_{x}']['cpu']:.2f} s"
                                 for x in ("cold", "warm", "edit"))
            + " | " + " | ".join(f"{v[f'overhead_{x}']['wall']:.3f} / {v[f'overhead_{x}']['cpu']:.3f}"
                                 for x in ("cold", "warm", "edit")) + " |")
    lines += ["", "| Curriculum | pages | build() CPU per page, plugin (ms) | build() CPU per page, plain (ms) "
              "| plugin hooks CPU (s) | hooks per page (ms) | hooks: on_config / on_files (s) |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, row in rows.items():
        hooks = row["hooks_cpu"]
        lines.append(
            f"| {name} | {row['pages']:,} | {row['build_per_page_ms']:.2f} | {row['plain_per_page_ms']:.2f} "
            f"| {row['hooks_cpu_s']:.3f} | {row['hooks_per_page_ms']:.3f} "
            f"| {hooks.get('on_config', 0):.3f} / {hooks.get('on_files', 0):.3f} |")
    s = results["serve"]
    lines += ["", f"Serve rebuild ({s['curriculum']}; {len(s['rebuilds'])} rebuilds): whole rebuild "
              f"{s['total_s']:.3f} s, plugin hooks {s['plugin_s'] * 1000:.1f} ms ({s['share'] * 100:.1f} %): "
              + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in s["hooks"].items())
              + f". First build in that process: {s['first_s']:.2f} s, plugin {s['plugin_first_s']:.3f} s."]
    w = results["weight"]
    lines += ["", f"Weight ({w['curriculum']}): median topic page {w['topic_median_bytes'] / 1024:.1f} KB "
              f"({w['topic_median_gzip_bytes'] / 1024:.1f} KB gzipped; {w['topic_median_page']}), largest "
              f"topic page {w['topic_max_bytes'] / 1024:.1f} KB; largest roadmap page "
              f"({w['roadmap_largest']}) {w['roadmap_largest_bytes'] / 1024:.1f} KB, of which its inline SVG "
              f"{w['roadmap_svg_bytes'] / 1024:.1f} KB; plugin CSS + JS {w['assets_bytes'] / 1024:.1f} KB ("
              + ", ".join(f"{k} {v:,} B" for k, v in w["assets"].items()) + "); the diagram needs a "
              f"data file: {'no' if w['no_data_file'] else 'YES'}", "", "Targets:"]
    for text, ok in results["targets"]:
        lines.append(f"  {verdict(ok):12s} {text}")
    return "\n".join(lines)


def targets(results: dict, scales: list[float]) -> list[tuple[str, bool | None]]:
    rows = results["curricula"]
    out: list[tuple[str, bool | None]] = []

    def at(k: float):
        return rows.get(label(k))

    for k in (1, 10):
        row = at(k)
        for v, what in (("cold", "cache off"), ("warm", "curriculum unchanged, cache"),
                        ("edit", "after a one-file edit, cache")):
            o = row["variants"][f"overhead_{v}"] if row else None
            out.append((f"overhead ratio <= {TARGETS['overhead']:.2f} at k={k}, {what}"
                        + (f": {o['cpu']:.3f} by CPU time, {o['wall']:.3f} by wall time" if o else ""),
                        None if o is None else max(o["cpu"], o["wall"]) <= TARGETS["overhead"]))
    top = max(scales) if scales else None
    base_k = 1 if 1 in scales and top and top > 1 else (min(scales) if scales else None)
    base, big = (at(base_k), at(top)) if base_k is not None and top != base_k else (None, None)
    if base and big:
        growth = big["build_per_page_ms"] / base["build_per_page_ms"] - 1
        plain = big["plain_per_page_ms"] / base["plain_per_page_ms"] - 1
        hooks = big["hooks_per_page_ms"] / base["hooks_per_page_ms"] - 1
        out.append((f"build time per page at k={top:g} within 10 % of k={base_k:g}: "
                    f"{big['build_per_page_ms']:.2f} vs {base['build_per_page_ms']:.2f} ms ({growth * 100:+.1f} %; "
                    f"plain MkDocs {plain * 100:+.1f} %, the plugin's hooks {hooks * 100:+.1f} %)",
                    growth <= TARGETS["scaling"]))
    else:
        out.append(("build time per page at k=10 within 10 % of k=1", None))
    real = rows.get("real")
    for v, what in (("cold", "cache off"), ("warm", "unchanged since the last run"),
                    ("edit", "after a one-file edit")):
        wall = real["variants"][f"validate_{v}"]["wall"] if real else None
        out.append((f"validate on the real curriculum <= {TARGETS['validate_real']} s wall, {what}"
                    + (f": {wall:.3f} s" if real else ""),
                    None if real is None else wall <= TARGETS["validate_real"]))
    k10 = at(10)
    out.append((f"validate at k=10 < {TARGETS['validate_k10']} s wall"
                + (f": {k10['validate_s']:.3f} s" if k10 else ""),
                None if k10 is None else k10["validate_s"] < TARGETS["validate_k10"]))
    s = results["serve"]
    out.append((f"serve: plugin share of a rebuild after a one-file edit < 5 %: {s['share'] * 100:.1f} %",
                s["share"] < TARGETS["serve_share"]))
    w = results["weight"]
    out.append((f"typical (median) topic page < 60 KB of HTML: {w['topic_median_bytes'] / 1024:.1f} KB",
                w["topic_median_bytes"] < TARGETS["topic_page"]))
    out.append((f"plugin CSS + JS <= 30 KB: {w['assets_bytes'] / 1024:.1f} KB", w["assets_bytes"] <= TARGETS["assets"]))
    out.append(("a roadmap page's diagram needs no data file (inline SVG; the script fetches only "
                "api/topics.json, for next up)",
                w["no_data_file"]))
    return out


# -- the run ---------------------------------------------------------------------------------------
def summarise(project: Path, out: Path, runs: dict[str, list[Run]]) -> dict:
    from roadmap_site.pipeline import load_curriculum

    plugin, plain = runs["plugin"], runs["plain"]  # the plugin's cold builds: all the work done
    site = out / "sites" / f"{project.name}-plugin"
    pages = pages_in(site)
    plain_pages = pages_in(out / "sites" / f"{project.name}-plain")
    if plain_pages != pages:
        print(f"  note: {project.name}: the plain build has {plain_pages} pages, the plugin build {pages}")

    def build_cpu(r: Run) -> float:
        return r.extra["config_cpu"] + r.extra["build_cpu"]

    hook_names = sorted({h for r in plugin for h in r.extra["hooks_cpu"]})
    hooks_cpu = median(sum(r.extra["hooks_cpu"].values()) for r in plugin)
    validate = runs["validate_cold"]
    variants = {
        f"{kind}_{v}": {"wall": median(r.wall for r in runs[step]), "cpu": median(r.cpu for r in runs[step])}
        for kind, steps in (("validate", ("validate_cold", "validate_warm", "validate_edit")),
                            ("build", ("plugin", "plugin_warm", "plugin_edit")))
        for v, step in zip(("cold", "warm", "edit"), steps, strict=True)}
    for v in ("cold", "warm", "edit"):
        build = variants[f"build_{v}"]
        variants[f"overhead_{v}"] = {"wall": build["wall"] / median(r.wall for r in plain),
                                     "cpu": build["cpu"] / median(r.cpu for r in plain)}
    return {
        "topics": len(load_curriculum(project / "curriculum").curriculum.topics),
        "pages": pages,
        "variants": variants,
        "validate_s": median(r.wall for r in validate),
        "validate_cpu_s": median(r.cpu for r in validate),
        "validate_peak_mb": median(r.maxrss_kb for r in validate) / 1024,
        "plugin_s": median(r.wall for r in plugin),
        "plain_s": median(r.wall for r in plain),
        "plugin_cpu_s": median(r.cpu for r in plugin),
        "plain_cpu_s": median(r.cpu for r in plain),
        "overhead_wall": median(r.wall for r in plugin) / median(r.wall for r in plain),
        "overhead_cpu": median(r.cpu for r in plugin) / median(r.cpu for r in plain),
        "build_per_page_ms": median(build_cpu(r) for r in plugin) / pages * 1000,
        "plain_per_page_ms": median(build_cpu(r) for r in plain) / pages * 1000,
        "build_wall_per_page_ms": median(r.extra["config"] + r.extra["build"] for r in plugin) / pages * 1000,
        "hooks_cpu_s": hooks_cpu,
        "hooks_per_page_ms": hooks_cpu / pages * 1000,
        "hooks_cpu": {h: median(r.extra["hooks_cpu"].get(h, 0.0) for r in plugin) for h in hook_names},
        "hooks_wall": {h: median(r.extra["hooks"].get(h, 0.0) for r in plugin) for h in hook_names},
        "build_peak_mb": median(r.maxrss_kb for r in plugin) / 1024,
        "plain_peak_mb": median(r.maxrss_kb for r in plain) / 1024,
        "runs": {kind: [{"wall": r.wall, "cpu": r.cpu, "load": r.load} for r in rs] for kind, rs in runs.items()},
    }


def serve(project: Path, out: Path, reps: int) -> dict:
    from roadmap_site.pipeline import load_curriculum

    curriculum = load_curriculum(project / "curriculum").curriculum
    first = curriculum.roadmaps[0]
    phase_file = project / "curriculum" / first.id / "phases" / f"{first.phases[0].id}.yml"
    result_file = out / "serve.json"
    check(run([sys.executable, str(HERE / "mkdocs_timed.py"), str(result_file), "serve",
               str(project / "mkdocs.yml"), str(phase_file), str(reps)]), "serve rebuilds")
    measured = json.loads(result_file.read_text(encoding="utf-8"))
    rebuilds = measured["rebuilds"]
    hook_names = sorted({h for r in rebuilds for h in r["hooks"]})
    return {
        "curriculum": f"{project.name}, one topic's hours edited in "
                      f"{phase_file.relative_to(project).as_posix()} before each rebuild",
        "rebuilds": rebuilds,
        "total_s": median(r["total"] for r in rebuilds),
        "plugin_s": median(r["plugin"] for r in rebuilds),
        "share": median(r["plugin"] / r["total"] for r in rebuilds),
        "hooks": {h: median(r["hooks"].get(h, 0.0) for r in rebuilds) for h in hook_names},
        "first_s": measured["first"],
        "plugin_first_s": measured["plugin_first"],
    }


def edit(project: Path, n: int) -> None:
    """Change one phase file of ``project`` (a comment appended): a new curriculum to the cache."""
    phase = sorted((project / "curriculum").glob("*/phases/*.yml"))[0]
    with phase.open("a", encoding="utf-8") as out:
        out.write(f"# benchmark edit {n} {time.time()}\n")


def measure(args: argparse.Namespace) -> dict:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    loads = [os.getloadavg()[0]]
    print(f"load average at start: {os.getloadavg()}", flush=True)
    print("preparing projects and exports ...", flush=True)
    projects = prepare(out, args.curriculum, args.scales)
    names = list(projects)

    # Each variant of a step is run once per repetition, interleaved. "cold": the build cache
    # off (ROADMAP_SITE_CACHE=off); "warm": the curriculum unchanged since the last run, which
    # filled the cache; "edit": one phase file changed just before (a comment appended), so
    # the cache misses and is written again.
    steps = ("validate_cold", "validate_warm", "validate_edit", "plugin", "plugin_warm", "plugin_edit", "plain")
    runs: dict[str, dict[str, list[Run]]] = {n: {step: [] for step in steps} for n in names}
    for rep in range(args.reps):
        for name in names:
            project, r = projects[name], runs[name]
            validate = [*roadmap_site_cmd(), "validate", "curriculum"]
            r["validate_cold"].append(check(run(validate, cwd=project, env=NO_CACHE), f"validate ({name})"))
            check(run(validate, cwd=project), f"validate ({name})")  # fills the cache if need be
            r["validate_warm"].append(check(run(validate, cwd=project), f"validate ({name})"))
            edit(project, rep)
            r["validate_edit"].append(check(run(validate, cwd=project), f"validate ({name})"))
        for name in names:
            project, r = projects[name], runs[name]
            config, site = project / "mkdocs.yml", out / "sites" / f"{project.name}-plugin"
            r["plugin"].append(timed_build(config, site, hooks=True, env=NO_CACHE))
            timed_build(config, site, hooks=True)  # fills the cache (validate's edit came since)
            r["plugin_warm"].append(timed_build(config, site, hooks=True))
            edit(project, rep)
            r["plugin_edit"].append(timed_build(config, site, hooks=True))
            r["plain"].append(timed_build(out / "exports" / project.name / "mkdocs.yml",
                                          out / "sites" / f"{project.name}-plain", hooks=False))
            loads.extend(x[-1].load for x in r.values())
            print(f"  rep {rep + 1}/{args.reps} {name}: validate cold / warm / edit "
                  + " / ".join(f"{r[v][-1].wall:.3f}" for v in steps[:3]) + " s; build plugin cold / warm / "
                  "edit / plain " + " / ".join(f"{r[v][-1].wall:.2f} ({r[v][-1].cpu:.2f})" for v in steps[3:])
                  + f" s wall (CPU) (load {os.getloadavg()[0]:.2f})", flush=True)

    curricula = {name: summarise(projects[name], out, runs[name]) for name in names}
    print("serve rebuilds ...", flush=True)
    serve_result = serve(projects["real"], out, max(args.reps, 3))
    loads.append(os.getloadavg()[0])
    w = weight(projects["real"], out / "sites" / "real-plugin")
    w["curriculum"] = "real"
    results = {
        "machine": machine(), "reps": args.reps, "scales": args.scales,
        "load": {"min": min(loads), "median": median(loads), "max": max(loads), "samples": loads},
        "curricula": curricula, "serve": serve_result, "weight": w,
    }
    results["targets"] = targets(results, args.scales)
    return results


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmarks of roadmap-site (issue 9).")
    parser.add_argument("--quick", action="store_true", help="k = 0.2 and 1, one repetition: a smoke test")
    parser.add_argument("--reps", type=int, help="repetitions of every measurement (default 5; 1 with --quick)")
    parser.add_argument("--scales", help="comma-separated scale factors k (default 1,5,10; 0.2,1 with --quick)")
    parser.add_argument("--curriculum", type=Path, default=ROOT / "curriculum",
                        help="the real curriculum (default: curriculum/)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="output folder (default benchmarks/out)")
    args = parser.parse_args(argv)
    args.reps = args.reps or (1 if args.quick else 5)
    scales = args.scales or ("0.2,1" if args.quick else "1,5,10")
    args.scales = sorted({float(s) for s in scales.split(",") if s.strip()})
    args.curriculum = args.curriculum.resolve()
    args.out = args.out.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = measure(args)
    text = report(results)
    print()
    print(text)
    (args.out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (args.out / "results.md").write_text(text + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out / 'results.md'}, {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
