"""Synthetic curricula shaped like the real one, at a scale factor k.

k = 1 gives one copy's worth of topics: 6 roadmaps, 39 phases, about 260 topics, 650 catalog
resources. k = 10 gives ten copies (60 roadmaps, about 2,600 topics). Each copy keeps the real
curriculum's shape, measured from ``curriculum/`` (``--describe`` prints that measurement for
any curriculum, so the two can be compared):

* roadmaps with 6-7 phases and the real "requires" graph (a chain with one roadmap needing
  four others); 4-12 topics per phase (the real list of phase sizes);
* per topic: 2-11 top-level subtopics, 71 % of topics with one level of nesting (about 12
  subtopics in all); 2-8 resources (about 4), of which 12 % of topics have one inline resource;
  0-4 prerequisites (about 1.9: 37 % in the same phase, 33 % in an earlier phase, 30 % in a
  roadmap this one requires); 1-6 related topics (27 % in another roadmap); 2-3 tags from a
  vocabulary of about 250; summaries of 210-500 characters with about 0.6 ``[[refs]]`` each
  (79 % of them to another roadmap) and inline code in 3 %;
* a catalog of about 2.5 resources per topic, with the real reuse: most entries cited once, a
  few cited by 10-23 topics; 97 % free; types, ratings, authors and descriptions in the real
  proportions; one catalog file per roadmap.

Fractional scales are allowed (k = 0.2 gives one small roadmap) for smoke tests. The output
depends only on (k, seed): the same arguments give the same bytes. Every generated curriculum
passes ``roadmap-site validate`` with no warning, and builds with ``mkdocs build --strict``.

Usage::

    python benchmarks/generate.py OUT --scale 10            # OUT/curriculum + an MkDocs project
    python benchmarks/generate.py OUT --scale 1 --curriculum-only
    python benchmarks/generate.py --describe curriculum     # the shape of any curriculum
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# -- the real curriculum's shape (measured with --describe on curriculum/) ---------------------
# (roadmap id, title, phase count, ids of the roadmaps it requires, by archetype index)
ARCHETYPES = [
    ("foundations", "Foundations", [8, 8, 12, 9, 12, 7], []),
    ("ml", "Machine Learning", [5, 7, 9, 5, 4, 5, 4], [0]),
    ("dl", "Deep Learning", [6, 5, 5, 7, 5, 6], [1]),
    ("llm", "Large Language Models", [5, 5, 7, 10, 5, 6], [2]),
    ("mlops", "MLOps", [7, 11, 5, 8, 10, 8, 5], [1]),
    ("system-design", "ML System Design", [7, 7, 5, 6, 5, 4, 4], [1, 2, 3, 4]),
]
RESOURCES_PER_TOPIC = {2: 6, 3: 96, 4: 85, 5: 37, 6: 31, 7: 3, 8: 1}
INLINE_SHARE = 32 / 259  # topics with one inline resource
# how many topics cite a catalog entry -> how many entries (485 entries cited once, ...)
CATALOG_REUSE = {1: 485, 2: 107, 3: 31, 4: 13, 5: 4, 6: 3, 7: 2, 10: 1, 11: 3, 12: 1, 14: 1, 20: 1,
                 23: 1}
PREREQUISITES = {0: 4, 1: 81, 2: 128, 3: 41, 4: 5}
PREREQ_WHERE = {"same-phase": 180, "earlier-phase": 156, "required-roadmap": 144}
# the first roadmap of a copy requires none: weight the others up to keep 30 % across roadmaps
PREREQ_WHERE_REQUIRING = {"same-phase": 180, "earlier-phase": 156, "required-roadmap": 190}
RELATED = {1: 26, 2: 115, 3: 81, 4: 29, 5: 7, 6: 1}
RELATED_CROSS = 177 / 656
SUMMARY_REFS = {0: 154, 1: 72, 2: 24, 3: 7, 4: 2}
SUMMARY_REF_CROSS = 118 / 149
SUMMARY_CODE = 9 / 259
TOP_SUBTOPICS = (2, 11, 5.5)  # triangular(low, high, mode): mean about 6.1
NESTED_SHARE = 183 / 259
NESTED_NODES = (1, 5, 1.5)  # per nested topic: mean about 2.5 nodes
NODE_CHILDREN = (1, 7, 2)  # per node: mean about 3.1 children (3.13 measured)
TAGS_PER_TOPIC = {1: 40, 2: 90, 3: 105, 4: 24}
TAG_VOCABULARY = 252
HOURS = {2: 1, 3: 10, 4: 20, 5: 24, 6: 50, 7: 1, 8: 56, 10: 33, 12: 20, 14: 9, 15: 12, 16: 3,
         20: 11, 25: 2, 30: 4, 40: 2, 80: 1}
LEVELS = {"beginner": 59, "intermediate": 138, "advanced": 62}
TYPES = {"docs": 200, "paper": 131, "article": 120, "book": 60, "course": 56, "tool": 56,
         "official": 24, "video": 6}
QUALITY = {None: 325, 5: 180, 4: 147, 3: 1}
RESOURCE_LEVELS = {None: 185, ("intermediate",): 140, ("advanced",): 131, ("beginner",): 95,
                   ("beginner", "intermediate"): 51, ("intermediate", "advanced"): 45,
                   ("beginner", "intermediate", "advanced"): 6}
FREE_SHARE = 634 / 653
AUTHORS_SHARE = 238 / 653
DESCRIPTION_SHARE = 380 / 653
TOPIC_SUMMARY = (210, 500, 230)  # triangular: mean about 313 characters (309 measured)
PHASE_SUMMARY = (250, 460, 320)
ROADMAP_SUMMARY = (260, 365, 330)
PHASE_SUMMARY_REF = 2 / 39
ROADMAP_SUMMARY_REF = 1 / 6

WORDS = """model data training loss gradient feature vector matrix tensor layer network attention
embedding token sequence batch optimizer learning rate regularization validation test metric
precision recall accuracy inference serving latency throughput pipeline dataset label sample
distribution probability variance bias estimator regression classification clustering kernel
tree forest boosting ensemble convolution pooling recurrent transformer encoder decoder decoding
prompt retrieval index search ranking recommendation feedback monitoring drift deployment
container cluster scheduler storage stream warehouse schema query join partition cache memory
compute accelerator precision quantization pruning distillation scaling parallelism checkpoint
experiment tracking registry versioning reproducibility evaluation benchmark baseline ablation
fairness privacy governance safety alignment preference reward policy agent environment state
action value function objective constraint likelihood posterior prior sampling estimate signal
noise outlier imputation normalization encoding selection projection decomposition spectrum
graph node edge walk diffusion generator discriminator autoencoder latent manifold contrastive
similarity distance nearest neighbour hashing sketch approximation bound complexity algorithm
structure array list queue heap sort dynamic program proof induction limit derivative integral
calculus algebra eigenvalue rank norm basis orthogonal convex update step momentum schedule
warmup dropout residual normalization activation softmax logit entropy divergence calibration
threshold interval hypothesis significance bootstrap resampling window horizon forecast season
trend anomaly fraud churn funnel conversion auction budget bidding traffic replica shard queue
gateway endpoint request response contract interface module package library framework tooling
""".split()
CODE_WORDS = ["fit", "predict", "nn.Module", "numpy", "pandas", "torch.compile", "grep", "pytest"]


def _pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _tri(rng: random.Random, spec: tuple) -> float:
    low, high, mode = spec
    return rng.triangular(low, high, mode)


def _kebab(words: list[str]) -> str:
    return "-".join(w.lower().replace(".", "-") for w in words)


@dataclass
class Topic:
    roadmap: str
    phase: int
    index: int  # position in the roadmap (its phases in order)
    id: str
    title: str
    prerequisites: list[str] = field(default_factory=list)  # keys
    related: list[str] = field(default_factory=list)
    resources: list = field(default_factory=list)  # catalog ids (str) or inline dicts

    @property
    def key(self) -> str:
        return f"{self.roadmap}/{self.id}"


class Generator:
    def __init__(self, scale: float, seed: int = 0):
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.rng = random.Random(f"roadmap-site-benchmark/{seed}")
        self.scale = scale
        self.tags = self._tag_vocabulary()

    # -- text ---------------------------------------------------------------------------------
    def words(self, n: int) -> list[str]:
        return [self.rng.choice(WORDS) for _ in range(n)]

    def title(self, low: int = 2, high: int = 5) -> str:
        words = self.words(self.rng.randint(low, high))
        return " ".join([words[0].capitalize(), *words[1:]])

    def text(self, length: float, refs: list[str] = (), code: bool = False) -> str:
        """Sentences of about ``length`` characters, with the references spread through them."""
        pieces = [f"[[{r}]]" for r in refs]
        if code:
            pieces.append(f"`{self.rng.choice(CODE_WORDS)}`")
        out: list[str] = []
        size = sum(len(p) + 1 for p in pieces)
        sentence: list[str] = []
        while size < length:
            word = self.rng.choice(WORDS)
            if pieces and self.rng.random() < 0.08:
                word = pieces.pop()
            sentence.append(word)
            size += len(word) + 1
            if len(sentence) >= self.rng.randint(8, 18):
                out.append(" ".join(sentence).capitalize() + ".")
                sentence = []
        sentence += pieces
        if sentence:
            out.append(" ".join(sentence).capitalize() + ".")
        return " ".join(out)

    def _tag_vocabulary(self) -> list[str]:
        tags: list[str] = []
        while len(tags) < TAG_VOCABULARY:
            tag = _kebab(self.words(self.rng.choice([1, 1, 2])))
            if tag not in tags and len(tag) <= 40:
                tags.append(tag)
        return tags

    # -- structure ----------------------------------------------------------------------------
    def roadmap_plan(self) -> list[tuple[int, int, str, str, list[int], list[str]]]:
        """(copy, archetype, id, title, phase sizes, required roadmap ids) for each roadmap."""
        count = max(1, round(len(ARCHETYPES) * self.scale))
        plan = []
        for n in range(count):
            copy, arch = divmod(n, len(ARCHETYPES))
            base, title, sizes, requires = ARCHETYPES[arch]
            rid = base if copy == 0 else f"{base}-{copy + 1}"
            name = title if copy == 0 else f"{title} {copy + 1}"
            req_ids = [ARCHETYPES[r][0] + ("" if copy == 0 else f"-{copy + 1}") for r in requires]
            req_ids = [r for r in req_ids if r in {p[2] for p in plan}]
            if self.scale < 1 and count == 1:  # a tiny smoke-test curriculum: few phases
                sizes = sizes[: max(1, round(len(sizes) * self.scale * len(ARCHETYPES)))]
            plan.append((copy, arch, rid, name, list(sizes), req_ids))
        return plan

    def generate(self) -> dict[str, object]:
        """The curriculum as {relative path: YAML-ready data}."""
        plan = self.roadmap_plan()
        requires = {p[2]: p[5] for p in plan}
        closure = {rid: self._closure(rid, requires) for rid in requires}
        topics: dict[str, list[list[Topic]]] = {}  # roadmap -> phases -> topics
        phase_ids: dict[str, list[str]] = {}
        for _copy, _arch, rid, _title, sizes, _req in plan:
            sizes = sizes[:]
            self.rng.shuffle(sizes)
            phases, ids, used_ids, index = [], [], set(), 0
            for p, size in enumerate(sizes):
                pid = self._unique(_kebab(self.words(2)), set(ids))
                ids.append(pid)
                row = []
                for _ in range(size):
                    title = self.title()
                    tid = self._unique(_kebab(title.split())[:50].strip("-"), used_ids)
                    used_ids.add(tid)
                    row.append(Topic(rid, p, index, tid, title))
                    index += 1
                phases.append(row)
            topics[rid] = phases
            phase_ids[rid] = ids
        by_key = {t.key: t for phases in topics.values() for row in phases for t in row}
        copies: dict[int, list[str]] = {}
        for copy, _arch, rid, *_ in plan:
            copies.setdefault(copy, []).append(rid)
        for rids in copies.values():
            group = [t for rid in rids for row in topics[rid] for t in row]
            for t in group:
                self._prerequisites(t, topics, closure[t.roadmap])
            for t in group:
                self._related(t, topics, rids)
        catalogs: dict[str, list[dict]] = {rid: [] for rid in topics}
        for copy, rids in copies.items():
            group = [t for rid in rids for row in topics[rid] for t in row]
            self._deal_resources(group, catalogs, copy)

        files: dict[str, object] = {}
        for _copy, _arch, rid, title, _sizes, req in plan:
            others = [k for r in closure[rid] for k in self._keys(topics[r])]
            files[f"{rid}/roadmap.yml"] = {
                "id": rid, "title": title,
                "summary": self.text(_tri(self.rng, ROADMAP_SUMMARY), self._text_refs(
                    1 if self.rng.random() < ROADMAP_SUMMARY_REF else 0, rid, topics[rid], others)),
                "requires": req, "phases": phase_ids[rid]}
            for p, row in enumerate(topics[rid]):
                files[f"{rid}/phases/{phase_ids[rid][p]}.yml"] = {
                    "id": phase_ids[rid][p], "title": self.title(3, 6),
                    "summary": self.text(_tri(self.rng, PHASE_SUMMARY), self._text_refs(
                        1 if self.rng.random() < PHASE_SUMMARY_REF else 0, rid, topics[rid], others)),
                    "topics": [self._topic_data(t, topics, by_key, closure) for t in row],
                    "project": self._project([t.id for t in row])}
        for rid, entries in catalogs.items():
            if entries:
                files[f"resources/{rid}.yml"] = entries
        return files

    @staticmethod
    def _closure(rid: str, requires: dict[str, list[str]]) -> list[str]:
        seen: list[str] = []
        todo = list(requires[rid])
        while todo:
            r = todo.pop(0)
            if r not in seen:
                seen.append(r)
                todo += requires[r]
        return seen

    @staticmethod
    def _unique(base: str, used: set[str]) -> str:
        base = base or "item"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    @staticmethod
    def _keys(phases: list[list[Topic]]) -> list[str]:
        return [t.key for row in phases for t in row]

    def _prerequisites(self, t: Topic, topics: dict[str, list[list[Topic]]], required: list[str]) -> None:
        phases = topics[t.roadmap]
        pools = {
            "same-phase": [x.key for x in phases[t.phase] if x.index < t.index],
            "earlier-phase": [x.key for row in phases[: t.phase] for x in row],
            "required-roadmap": [k for r in required for k in self._keys(topics[r])],
        }
        for _ in range(_pick(self.rng, PREREQUISITES)):
            where = _pick(self.rng, PREREQ_WHERE_REQUIRING if required else PREREQ_WHERE)
            pool = pools[where] or pools["same-phase"] or pools["earlier-phase"] or pools["required-roadmap"]
            choices = [k for k in pool if k not in t.prerequisites]
            if choices:
                t.prerequisites.append(self.rng.choice(choices))

    def _related(self, t: Topic, topics: dict[str, list[list[Topic]]], group: list[str]) -> None:
        local = [k for k in self._keys(topics[t.roadmap]) if k != t.key]
        other_roadmaps = [r for r in group if r != t.roadmap]
        for _ in range(_pick(self.rng, RELATED)):
            if other_roadmaps and self.rng.random() < RELATED_CROSS:
                pool = self._keys(topics[self.rng.choice(other_roadmaps)])
            else:
                pool = local
            choices = [k for k in pool if k not in t.related and k not in t.prerequisites]
            if choices:
                t.related.append(self.rng.choice(choices))

    def _text_refs(self, n: int, roadmap: str, phases: list[list[Topic]], others: list[str]) -> list[str]:
        local = [t.id for row in phases for t in row]
        refs: list[str] = []
        for _ in range(n):
            if others and self.rng.random() < SUMMARY_REF_CROSS:
                refs.append(self.rng.choice(others))
            elif local:
                refs.append(self.rng.choice(local))
        return refs

    def _deal_resources(self, group: list[Topic], catalogs: dict[str, list[dict]], copy: int) -> None:
        """Give each topic its resources with the real catalog reuse (a few entries cited often)."""
        slots: dict[int, int] = {}
        inline: dict[int, int] = {}
        for i, _t in enumerate(group):
            total = _pick(self.rng, RESOURCES_PER_TOPIC)
            inline[i] = 1 if self.rng.random() < INLINE_SHARE else 0
            slots[i] = total - inline[i]
        needed = sum(slots.values())
        uses: list[int] = []
        while sum(uses) < needed:
            uses.append(min(_pick(self.rng, CATALOG_REUSE), needed - sum(uses)))
        uses.sort(reverse=True)  # the most cited first, while every topic still has room
        cited: dict[int, list[str]] = {i: [] for i in slots}
        suffix = "" if copy == 0 else f"-{copy + 1}"
        for n, count in enumerate(uses):
            room = [i for i in slots if slots[i] > 0]
            if not room:
                break
            users = self.rng.sample(room, min(count, len(room)))
            rid = f"res-{n + 1}{suffix}"
            entry = self._catalog_entry(rid)
            catalogs[group[users[0]].roadmap].append(entry)
            for i in users:
                slots[i] -= 1
                cited[i].append(rid)
        free = {e["id"]: e["free"] for entries in catalogs.values() for e in entries}
        for i, t in enumerate(group):
            refs = cited[i]
            self.rng.shuffle(refs)
            t.resources = list(refs)
            if inline[i] or len(refs) < 2:
                for _ in range(max(inline[i], 2 - len(refs))):
                    t.resources.append(self._inline_resource())
            if not any(r["free"] if isinstance(r, dict) else free[r] for r in t.resources):
                first = t.resources[0]
                for entries in catalogs.values():
                    for e in entries:
                        if e["id"] == first:
                            e["free"] = free[first] = True

    def _catalog_entry(self, rid: str) -> dict:
        entry: dict = {"id": rid, "title": self.title(3, 7), "url": self._url(),
                       "type": _pick(self.rng, TYPES), "free": self.rng.random() < FREE_SHARE}
        level = _pick(self.rng, RESOURCE_LEVELS)
        if level:
            entry["level"] = level[0] if len(level) == 1 else list(level)
        quality = _pick(self.rng, QUALITY)
        if quality:
            entry["quality"] = quality
        if self.rng.random() < AUTHORS_SHARE:
            entry["authors"] = ", ".join(" ".join(w.capitalize() for w in self.words(2))
                                         for _ in range(self.rng.randint(1, 2)))
        if self.rng.random() < DESCRIPTION_SHARE:
            entry["description"] = self.text(self.rng.triangular(25, 70, 40)).rstrip(".") + "."
        return entry

    def _inline_resource(self) -> dict:
        return {"title": self.title(3, 6), "url": self._url(),
                "type": self.rng.choice(["article"] * 5 + ["docs"]), "free": True}

    def _url(self) -> str:
        # Not the domains reserved for examples (example.com, .org, .net): validate warns about
        # those as placeholders. Same lengths as those, so page weights stay comparable.
        host = self.rng.choice(["sampled.org", "docs.sampled.com", "arxiv.sampled.net", "learn.example.io"])
        return f"https://{host}/" + "/".join(_kebab(self.words(1)) for _ in range(self.rng.randint(1, 3)))

    def _topic_data(self, t: Topic, topics, by_key: dict[str, Topic], closure) -> dict:
        def ref(key: str) -> str:
            roadmap, _, tid = key.partition("/")
            return tid if roadmap == t.roadmap else key

        others = [k for r in closure[t.roadmap] for k in self._keys(topics[r])]
        others += [k for k in t.related if not k.startswith(t.roadmap + "/")]
        refs = self._text_refs(_pick(self.rng, SUMMARY_REFS), t.roadmap, topics[t.roadmap],
                               [k for k in others if k != t.key])
        refs = [ref(r) if "/" in r else r for r in refs if r != t.id]
        data = {
            "id": t.id, "title": t.title,
            "summary": self.text(_tri(self.rng, TOPIC_SUMMARY), refs, self.rng.random() < SUMMARY_CODE),
            "level": _pick(self.rng, LEVELS), "hours": _pick(self.rng, HOURS),
        }
        if t.prerequisites:
            data["prerequisites"] = [ref(k) for k in t.prerequisites]
        if t.related:
            data["related"] = [ref(k) for k in t.related]
        data["tags"] = sorted(set(self.rng.sample(self.tags, _pick(self.rng, TAGS_PER_TOPIC))))
        data["resources"] = [r if isinstance(r, dict) else {"ref": r} for r in t.resources]
        data["subtopics"] = self._subtopics()
        # practice, sized like the hand-written content (3-5 checks, 1-2 exercises)
        data["checks"] = [{"question": self.text(self.rng.triangular(60, 160, 90)).rstrip(".") + "?",
                           "answer": self.text(self.rng.triangular(80, 300, 150))}
                          for _ in range(self.rng.randint(3, 5))]
        data["exercises"] = [{"task": self.text(self.rng.triangular(80, 250, 140)),
                              "outcome": self.text(self.rng.triangular(50, 160, 90))}
                             for _ in range(self.rng.randint(1, 2))]
        return data

    def _project(self, topic_ids: list[str]) -> dict:
        return {"title": self.title(2, 5), "brief": self.text(self.rng.triangular(120, 400, 220)),
                "milestones": [self.text(self.rng.triangular(30, 90, 50)) for _ in range(4)],
                "acceptance": [self.text(self.rng.triangular(30, 90, 50)) for _ in range(3)],
                "topics": self.rng.sample(topic_ids, min(3, len(topic_ids))), "hours": _pick(self.rng, HOURS)}

    def _subtopics(self) -> list:
        items: list = [self.text(self.rng.triangular(20, 70, 35)).rstrip(".")
                       for _ in range(round(_tri(self.rng, TOP_SUBTOPICS)))]
        if self.rng.random() < NESTED_SHARE:
            count = min(len(items), round(_tri(self.rng, NESTED_NODES)))
            for i in sorted(self.rng.sample(range(len(items)), count)):
                children = [self.text(self.rng.triangular(15, 60, 30)).rstrip(".")
                            for _ in range(round(_tri(self.rng, NODE_CHILDREN)))]
                items[i] = {"title": items[i], "subtopics": children}
        return items


# -- YAML output (block style, like the hand-written files) -------------------------------------
def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _flow(items: list) -> str:
    return "[" + ", ".join(items) + "]"


def to_yaml(value, indent: int = 0) -> str:
    """Plain data as block YAML. Lists of ids are written in flow style, as curators do."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list) and all(isinstance(i, str) and " " not in i for i in item) \
                    and key in ("requires", "phases", "prerequisites", "related", "tags", "level"):
                lines.append(f"{pad}{key}: {_flow(item)}")
            elif isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                lines.append(to_yaml(item, indent + 2))
            elif isinstance(item, list):
                lines.append(f"{pad}{key}: []")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                body = to_yaml(item, indent + 2).lstrip()
                lines.append(f"{pad}- {body}")
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


def write_curriculum(target: Path, scale: float, seed: int = 0) -> Path:
    """Write a synthetic curriculum into ``target`` (replaced if it exists)."""
    files = Generator(scale, seed).generate()
    if target.exists():
        shutil.rmtree(target)
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Synthetic (benchmarks/generate.py, scale {scale:g}, seed {seed})\n"
                        + to_yaml(data) + "\n", encoding="utf-8")
    return target


def write_project(target: Path, scale: float, seed: int = 0, source: Path = ROOT) -> Path:
    """An MkDocs project: this repo's mkdocs.yml, docs/ and overrides/, and a synthetic curriculum.

    ``scale`` may also be "real" (a copy of the real curriculum) when called from the runner.
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    write_curriculum(target / "curriculum", scale, seed)
    return target


# -- shape measurement --------------------------------------------------------------------------
def describe(directory: Path) -> dict[str, float]:
    """The figures this generator reproduces, measured on any valid curriculum."""
    sys.path.insert(0, str(ROOT / "src"))
    from roadmap_site.model import ResourceRef, SubtopicNode
    from roadmap_site.pipeline import load_curriculum

    result = load_curriculum(directory)
    if not result.ok:
        raise SystemExit(f"{directory}: not a valid curriculum")
    c = result.curriculum
    topics = list(c.topics.values())
    phases = [p for r in c.roadmaps for p in r.phases]

    def count(items) -> tuple[int, int]:
        total, nodes = 0, 0
        for item in items:
            total += 1
            if isinstance(item, SubtopicNode):
                nodes += 1
                sub_total, sub_nodes = count(item.subtopics)
                total, nodes = total + sub_total, nodes + sub_nodes
        return total, nodes

    subtopics = [count(t.data.subtopics) for t in topics]
    prereqs = sum(len(t.prerequisites) for t in topics)
    related = sum(len(t.related) for t in topics)
    refs_in_summaries = sum(t.data.summary.count("[[") for t in topics)
    cited = [len(users) for users in c.resource_users.values()]
    return {
        "roadmaps": len(c.roadmaps),
        "phases": len(phases),
        "topics": len(topics),
        "phases per roadmap": len(phases) / len(c.roadmaps),
        "topics per phase": len(topics) / len(phases),
        "max topics per phase": max(len(p.topics) for p in phases),
        "subtopics per topic": statistics.mean(s[0] for s in subtopics),
        "nested subtopic nodes per topic": statistics.mean(s[1] for s in subtopics),
        "resources per topic": statistics.mean(len(t.resources) for t in topics),
        "inline resources per topic": statistics.mean(
            sum(not isinstance(r, ResourceRef) for r in t.data.resources) for t in topics),
        "catalog entries": len(c.resources),
        "catalog entries per topic": len(c.resources) / len(topics),
        "catalog entries cited once": sum(n == 1 for n in cited) / max(1, len(cited)),
        "most citations of one entry": max(cited, default=0),
        "prerequisites per topic": prereqs / len(topics),
        "cross-roadmap prerequisites": sum(k.split("/")[0] != t.roadmap for t in topics
                                           for k in t.prerequisites) / max(1, prereqs),
        "related per topic": related / len(topics),
        "cross-roadmap related": sum(k.split("/")[0] != t.roadmap for t in topics
                                     for k in t.related) / max(1, related),
        "topic summary characters": statistics.mean(len(t.data.summary) for t in topics),
        "[[refs]] per topic summary": refs_in_summaries / len(topics),
        "tags per topic": statistics.mean(len(t.data.tags) for t in topics),
        "distinct tags": len({g for t in topics for g in t.data.tags}),
        "hours per topic": statistics.mean(t.data.hours for t in topics),
        "YAML bytes": sum(p.stat().st_size for p in Path(directory).rglob("*.yml")),
    }


def compare(real: Path, synthetic: Path) -> str:
    a, b = describe(real), describe(synthetic)
    rows = [f"{'':34s} {'real':>10s} {'synthetic':>10s}"]
    for key in a:
        rows.append(f"{key:34s} {a[key]:10.3g} {b[key]:10.3g}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="output folder (replaced)")
    parser.add_argument("--scale", "-k", type=float, default=1.0, help="copies' worth of topics (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--curriculum-only", action="store_true",
                        help="write only the curriculum into OUT, not an MkDocs project")
    parser.add_argument("--describe", type=Path, metavar="CURRICULUM",
                        help="print the shape of a curriculum (with OUT: compare it to OUT's)")
    args = parser.parse_args(argv)
    if args.describe:
        if args.out:
            print(compare(args.describe, args.out))
        else:
            for key, value in describe(args.describe).items():
                print(f"{key:34s} {value:10.3g}")
        return 0
    if args.out is None:
        parser.error("OUT is required")
    if args.curriculum_only:
        write_curriculum(args.out, args.scale, args.seed)
    else:
        write_project(args.out, args.scale, args.seed)
    print(f"wrote {args.out} (scale {args.scale:g}, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
