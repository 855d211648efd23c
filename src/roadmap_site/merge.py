"""Merge validated files into one :class:`Curriculum` and check the cross-file rules.

Rules here: phase files match the roadmap's list, ids are unique (both places named),
every reference resolves (with a "did you mean"), prerequisites and roadmap requirements
form no cycle (the whole chain printed).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from roadmap_site.aliases import collect_aliases
from roadmap_site.curriculum import (
    Curriculum,
    PhaseNode,
    ResourceEntry,
    RoadmapNode,
    Source,
    TopicNode,
)
from roadmap_site.diagnostics import Diagnostic, did_you_mean
from roadmap_site.loader import Document
from roadmap_site.markup import unsafe_links
from roadmap_site.model import MIN_CHECKS, MIN_EXERCISES, CatalogResource, Phase, ResourceRef, Roadmap
from roadmap_site.references import INLINE_REF, qualify


@dataclass
class PhaseFile:
    document: Document
    phase: Phase  # with the valid topics only
    indices: list[int]  # the index in the file of each of its topics, for positions


@dataclass
class RoadmapFiles:
    """What the loader found for one roadmap folder."""

    folder: str
    roadmap: tuple[Document, Roadmap] | None
    # by file stem; None for a file that failed to load (already reported)
    phases: dict[str, PhaseFile | None] = field(default_factory=dict)
    # Topics that exist but failed validation (id -> where), and whether a file's topics are
    # unknown: references into what failed are not reported a second time as "unknown".
    broken: dict[str, tuple[Document, tuple]] = field(default_factory=dict)
    incomplete: bool = False
    source: str = ""  # roadmap.yml (or the folder) as shown in diagnostics
    strays: set[str] = field(default_factory=set)  # names (before the first dot) in phases/


@dataclass
class CatalogFile:
    document: Document
    entries: list[CatalogResource]  # the valid ones
    indices: list[int] = field(default_factory=list)  # the index in the file of each entry
    broken: dict[str, tuple] = field(default_factory=dict)  # id of a broken entry -> its loc


class Broken:
    """Ids that exist but failed validation: a reference to one says so, once, as a warning
    (the error is at the broken item), instead of an "unknown" error at every reference."""

    def __init__(self, where: dict[str, str]) -> None:
        self.where = where  # id (or roadmap/topic key) -> "file:line" of the broken item
        self.told: set[str] = set()

    def __contains__(self, key: str) -> bool:
        return key in self.where

    def tell(self, doc: Document, loc: tuple, kind: str, key: str, out: list[Diagnostic]) -> None:
        if key not in self.told:
            self.told.add(key)
            out.append(doc.diagnostic(loc, f"{kind} '{key}' is broken (errors at "
                                      f"{self.where[key]}); references to it are not checked "
                                      "until it is fixed", f"fix {self.where[key]} first",
                                      severity="warning", category="reference"))


def _where(doc: Document, loc: tuple) -> str:
    return f"{doc.display}:{doc.position(loc)[0]}"


def merge(roadmaps: list[RoadmapFiles], catalogs: list[CatalogFile], *,
          catalog_complete: bool = True) -> tuple[Curriculum, list[Diagnostic]]:
    """``catalog_complete`` is False when a catalog file could not be read: a reference to a
    resource that is not found is then not reported (it may be in that file)."""
    out: list[Diagnostic] = []
    resources, resource_docs = _merge_catalog(catalogs, out)
    broken_resources = Broken({rid: _where(c.document, loc) for c in catalogs
                               for rid, loc in c.broken.items() if rid not in resources})
    found = _Index(silent={f"{f.folder}/*" for f in roadmaps if f.incomplete})
    for files in roadmaps:
        _add_roadmap(files, found, out)
    broken_topics = Broken({f"{f.folder}/{t}": _where(*where) for f in roadmaps
                            for t, where in f.broken.items()})
    aliases = collect_aliases(found.topics, found.topic_docs, out)
    known = Known(found.topics, broken_topics, found.silent, aliases)
    order = _order_roadmaps(found.nodes, roadmaps, out)
    _check_summaries(roadmaps, known, out)
    ordered_topics = {t.key: t for r in order for t in r.topics}
    users: dict[str, list[str]] = {rid: [] for rid in resources}
    for key, tnode in ordered_topics.items():
        doc, loc = found.topic_docs[key]
        _resolve_topic(tnode, doc, loc, known, resources, broken_resources, catalog_complete,
                       users, out)
        _check_practice(tnode, doc, loc, known, out)
    for pnode, pdoc in found.phase_docs:
        _resolve_project(pnode, pdoc, known, out)
    for key, tnode in ordered_topics.items():
        for prereq in tnode.prerequisites:
            found.topics[prereq].needed_by.append(key)
    _report_cycles(ordered_topics, found.topic_docs, out)
    if not (found.silent or broken_topics.where):  # after a broken topic, "unused" may be untrue
        for rid, (doc, loc) in resource_docs.items():
            if not users[rid]:
                out.append(doc.diagnostic(loc, f"resource '{rid}' is not used by any topic",
                                          "cite it from a topic with '- ref: " + rid + "', or remove it",
                                          severity="warning"))
    return Curriculum(order, ordered_topics, resources, users, aliases=aliases), out


@dataclass
class _Index:
    """The roadmaps, phases and topics found so far, with the file each came from."""

    nodes: list[RoadmapNode] = field(default_factory=list)
    topics: dict[str, TopicNode] = field(default_factory=dict)
    topic_docs: dict[str, tuple[Document, tuple]] = field(default_factory=dict)  # key -> (file, loc)
    phase_docs: list[tuple[PhaseNode, Document]] = field(default_factory=list)
    silent: set[str] = field(default_factory=set)  # "roadmap/*": its topics are not all known


def _add_roadmap(files: RoadmapFiles, found: _Index, out: list[Diagnostic]) -> None:
    """A roadmap with its listed phases, in order; a phase listed but missing, or a phase file
    not listed, is reported (with the likely rename when there is one)."""
    if files.roadmap is None:
        found.silent.add(f"{files.folder}/*")
        return
    doc, roadmap = files.roadmap
    if roadmap.id != files.folder:
        out.append(doc.diagnostic(("id",), f"roadmap id '{roadmap.id}' does not match its "
                                  f"folder '{files.folder}'", f"write 'id: {files.folder}'"))
    node = RoadmapNode(roadmap, Source(doc.display, *doc.position(())))
    found.nodes.append(node)
    listed: set[str] = set()
    unlisted = [stem for stem in files.phases if stem not in roadmap.phases]
    renamed: set[str] = set()  # unlisted files named by a "did you mean" below
    for i, phase_id in enumerate(roadmap.phases):
        if phase_id in listed:
            out.append(doc.diagnostic(("phases", i), f"phase '{phase_id}' is listed twice",
                                      "remove the second entry"))
            continue
        listed.add(phase_id)
        if phase_id not in files.phases:
            found.silent.add(f"{files.folder}/*")  # its topics are unknown
            if phase_id not in files.strays:  # a stray file's hint (rename it) fixes both
                out.append(_missing_phase(doc, i, phase_id, unlisted, renamed))
        elif files.phases[phase_id] is not None:
            _add_phase(roadmap, phase_id, files.phases[phase_id], node, found, out)
    for stem in unlisted:
        if files.phases[stem] is not None and stem not in renamed:
            out.append(files.phases[stem].document.diagnostic(
                (), f"phase file is not listed in {doc.display}",
                f"add '{stem}' to 'phases:' there", category="layout"))


def _missing_phase(doc: Document, i: int, phase_id: str, unlisted: list[str], renamed: set[str]) -> Diagnostic:
    near = difflib.get_close_matches(phase_id, unlisted, n=1, cutoff=0.6)
    path = PurePosixPath(doc.display).parent / "phases" / f"{phase_id}.yml"
    if near:
        renamed.add(near[0])
        hint = (f"did you mean '{near[0]}'? phases/{near[0]}.yml is not listed: "
                f"rename it to {phase_id}.yml, or write '{near[0]}' here")
    else:
        hint = f"restore or create {path}, or remove '{phase_id}' from this list"
    return doc.diagnostic(("phases", i), f"phase '{phase_id}' is listed but {path} does not exist",
                          hint, category="layout")


def _add_phase(roadmap: Roadmap, phase_id: str, loaded: PhaseFile, node: RoadmapNode, found: _Index,
               out: list[Diagnostic]) -> None:
    pdoc, phase = loaded.document, loaded.phase
    if phase.id != phase_id:
        out.append(pdoc.diagnostic(("id",), f"phase id '{phase.id}' does not match its "
                                   f"file name '{phase_id}.yml'", f"write 'id: {phase_id}'"))
    pnode = PhaseNode(roadmap.id, phase, Source(pdoc.display, *pdoc.position(())))
    node.phases.append(pnode)
    found.phase_docs.append((pnode, pdoc))
    for index, topic in zip(loaded.indices, phase.topics, strict=True):
        loc = ("topics", index)
        tnode = TopicNode(roadmap.id, phase.id, topic, Source(pdoc.display, *pdoc.position(loc)))
        if tnode.key in found.topics:
            first = found.topics[tnode.key].source
            out.append(pdoc.diagnostic((*loc, "id"), f"topic id '{topic.id}' is already "
                                       f"used in roadmap '{roadmap.id}' at {first}",
                                       "choose another id, or merge the two topics"))
            continue
        found.topics[tnode.key] = tnode
        found.topic_docs[tnode.key] = (pdoc, loc)
        pnode.topics.append(tnode)


def _check_summaries(roadmaps: list[RoadmapFiles], known: Known, out: list[Diagnostic]) -> None:
    """References in roadmap and phase summaries."""
    for files in roadmaps:
        if files.roadmap is not None:
            rdoc, roadmap = files.roadmap
            check_text(roadmap.summary, roadmap.id, known, rdoc, ("summary",), out)
            for loaded in files.phases.values():
                if loaded is not None:
                    check_text(loaded.phase.summary, roadmap.id, known, loaded.document,
                               ("summary",), out)


@dataclass
class Known:
    """The topics references may name, and what to say about those that failed."""

    topics: dict[str, TopicNode]
    broken: Broken  # topics that failed validation
    silent: set[str]  # "roadmap/*" for roadmaps whose topics are not all known
    aliases: dict[str, str] = field(default_factory=dict)  # former key -> key (see aliases.py)
    hint_budget: int = 200  # "did you mean" searches per run: each scans a roadmap's ids

    def unknown(self, key: str, doc: Document, loc: tuple, out: list[Diagnostic]) -> bool:
        """True when ``key`` names no topic and nothing explains why: the caller reports it as
        unknown. A broken topic gets its one warning here; a topic of a roadmap whose topics
        are not all known gets nothing."""
        if key in self.topics:
            return False
        if key in self.aliases:  # it resolves; the curriculum itself should say the new id
            out.append(doc.diagnostic(loc, f"'{key}' is a former id of topic '{self.aliases[key]}'",
                                      f"write '{self.aliases[key]}'", severity="warning",
                                      category="reference"))
            return False
        if key in self.broken:
            self.broken.tell(doc, loc, "topic", key, out)
        elif key.split("/", 1)[0] + "/*" not in self.silent:
            return True
        return False


def _merge_catalog(catalogs: list[CatalogFile], out: list[Diagnostic]):
    resources: dict[str, CatalogResource] = {}
    where: dict[str, tuple[Document, tuple]] = {}
    for catalog in catalogs:
        for i, entry in zip(catalog.indices, catalog.entries, strict=True):
            loc = (i,)
            if entry.id in resources:
                first_doc, first_loc = where[entry.id]
                line, _ = first_doc.position(first_loc)
                out.append(catalog.document.diagnostic(
                    (*loc, "id"), f"resource id '{entry.id}' is already defined at "
                    f"{first_doc.display}:{line}", "reuse that entry with '- ref: "
                    f"{entry.id}', or choose another id"))
                continue
            resources[entry.id] = entry
            where[entry.id] = (catalog.document, loc)
    return resources, where


def _order_roadmaps(nodes: list[RoadmapNode], roadmaps: list[RoadmapFiles],
                    out: list[Diagnostic]) -> list[RoadmapNode]:
    """Requirements first; among roadmaps that are ready at the same time, by id."""
    by_id = {n.id: n for n in nodes}
    docs = {f.folder: f.roadmap[0] for f in roadmaps if f.roadmap}
    broken = Broken({f.folder: f.source for f in roadmaps if f.roadmap is None})
    for n in nodes:
        doc = docs[n.id] if n.id in docs else None
        for i, req in enumerate(n.data.requires):
            if doc is None:
                continue
            if req in broken and req not in by_id:
                broken.tell(doc, ("requires", i), "roadmap", req, out)
            elif req not in by_id:
                out.append(doc.diagnostic(("requires", i), f"requires unknown roadmap '{req}'",
                                          did_you_mean(req, by_id)
                                          or "known roadmaps: " + ", ".join(sorted(by_id)),
                                          category="reference"))
            elif req == n.id:
                out.append(doc.diagnostic(("requires", i), f"roadmap '{n.id}' requires itself",
                                          "remove it", category="reference"))
    deps = {n.id: {r for r in n.data.requires if r in by_id and r != n.id} for n in nodes}
    order: list[RoadmapNode] = []
    done: set[str] = set()
    while len(done) < len(by_id):
        # one at a time, smallest id first: foundations, ml, dl, llm, mlops, system-design
        ready = sorted(rid for rid in by_id if rid not in done and deps[rid] <= done)
        if not ready:
            stuck = sorted(set(by_id) - done)
            out.append(_at(by_id[stuck[0]].source, "roadmap requirements form a cycle among: "
                           + ", ".join(stuck), "remove one 'requires' entry"))
            ready = stuck
        done.add(ready[0])
        order.append(by_id[ready[0]])
    return order


def _at(source: Source, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(source.file, source.line, source.column, "error", message, hint, "reference")


def _resolve_topic(tnode: TopicNode, doc: Document, loc: tuple, known: Known,
                   resources: dict[str, CatalogResource], broken_resources: Broken,
                   catalog_complete: bool, users: dict[str, list[str]],
                   out: list[Diagnostic]) -> None:
    topic = tnode.data
    for field_name in ("prerequisites", "related"):
        resolved: list[str] = getattr(tnode, field_name)
        for j, ref in enumerate(getattr(topic, field_name)):
            key = _resolve(ref, tnode, known, doc, (*loc, field_name, j), out)
            if key is None:
                continue
            if key in resolved:
                out.append(doc.diagnostic((*loc, field_name, j), f"'{ref}' is listed twice",
                                          "remove the second entry", severity="warning",
                                          category="reference"))
                continue
            resolved.append(key)
    seen: set[str] = set()
    uncounted = False  # a cited resource is broken: the count below would be wrong
    for j, res in enumerate(topic.resources):
        if isinstance(res, ResourceRef):
            if res.ref in broken_resources and res.ref not in resources:
                broken_resources.tell(doc, (*loc, "resources", j, "ref"), "resource", res.ref, out)
                uncounted = True
                continue
            if res.ref not in resources and not catalog_complete:
                uncounted = True
                continue
            if res.ref not in resources:
                out.append(doc.diagnostic((*loc, "resources", j, "ref"),
                                          f"unknown resource '{res.ref}'",
                                          did_you_mean(res.ref, resources)
                                          or "add it to a file in curriculum/resources/",
                                          category="reference"))
                continue
            if res.ref in seen:
                out.append(doc.diagnostic((*loc, "resources", j), f"resource '{res.ref}' is "
                                          "cited twice", "remove one", severity="warning",
                                          category="reference"))
                continue
            seen.add(res.ref)
            users[res.ref].append(tnode.key)
            tnode.resources.append(ResourceEntry(resources[res.ref], res.ref))
        else:
            tnode.resources.append(ResourceEntry(res))
    if not uncounted and (len(tnode.resources) < 2
                          or not any(r.resource.free for r in tnode.resources)):
        out.append(doc.diagnostic(loc, f"topic '{topic.id}' needs at least two resources, "
                                  "at least one of them free", "add resources to it",
                                  severity="warning"))
    check_text(topic.summary, tnode.roadmap, known, doc, (*loc, "summary"), out)


def _check_practice(tnode: TopicNode, doc: Document, loc: tuple, known: Known, out: list[Diagnostic]) -> None:
    """Self-checks, exercises and a worked design: their text, and a warning while too few."""
    topic = tnode.data
    texts = [((kind, j, name), text) for kind, items in (("checks", topic.checks), ("exercises", topic.exercises))
             for j, item in enumerate(items) for name, text in item.model_dump().items()]
    for name, value in (topic.design.model_dump().items() if topic.design else ()):
        texts += [(("design", name, j), t) for j, t in enumerate(value)] if isinstance(value, list) else [
            (("design", name), value)]
    for where, text in texts:
        check_text(text, tnode.roadmap, known, doc, (*loc, *where), out)
    missing = [f"at least {low} {noun} (it has {len(items)})" for items, low, noun in (
        (topic.checks, MIN_CHECKS, "self-check questions"), (topic.exercises, MIN_EXERCISES, "exercise"))
        if len(items) < low]
    if missing:
        out.append(doc.diagnostic(loc, f"topic '{topic.id}' needs " + " and ".join(missing),
                                  "add 'checks:' (question, answer) and 'exercises:' (task, outcome); "
                                  "see docs/curriculum-format.md", severity="warning"))


def _resolve_project(pnode: PhaseNode, doc: Document, known: Known, out: list[Diagnostic]) -> None:
    project = pnode.data.project
    if project is None:
        out.append(doc.diagnostic((), f"phase '{pnode.id}' has no project",
                                  "add 'project:' (title, brief, milestones, acceptance, topics, hours)",
                                  severity="warning"))
        return
    for j, ref in enumerate(project.topics):
        key = qualify(ref, pnode.roadmap)
        if known.unknown(key, doc, ("project", "topics", j), out):
            out.append(doc.diagnostic(("project", "topics", j), f"unknown topic '{ref}'",
                                      _ref_hint(ref, pnode.roadmap, known), category="reference"))
            continue
        key = known.aliases.get(key, key)
        if key in known.topics and key in pnode.project_topics:
            out.append(doc.diagnostic(("project", "topics", j), f"'{ref}' is listed twice",
                                      "remove the second entry", severity="warning"))
        elif key in known.topics:
            pnode.project_topics.append(key)
    texts = [(("project", "brief"), project.brief)]
    texts += [(("project", kind, j), text) for kind in ("milestones", "acceptance")
              for j, text in enumerate(getattr(project, kind))]
    for loc, text in texts:
        check_text(text, pnode.roadmap, known, doc, loc, out)


def _resolve(ref: str, tnode: TopicNode, known: Known, doc: Document, loc: tuple,
             out: list[Diagnostic]) -> str | None:
    key = qualify(ref, tnode.roadmap)
    if known.aliases.get(key, key) == tnode.key:
        out.append(doc.diagnostic(loc, f"topic '{tnode.id}' refers to itself", "remove it",
                                  category="reference"))
        return None
    if known.unknown(key, doc, loc, out):
        out.append(doc.diagnostic(loc, f"unknown topic '{ref}'",
                                  _ref_hint(ref, tnode.roadmap, known),
                                  category="reference"))
    key = known.aliases.get(key, key)
    return key if key in known.topics else None


def _ref_hint(ref: str, roadmap: str, known: Known) -> str | None:
    """Nearest existing topic: first in the roadmap the reference points at, then elsewhere.
    Bounded: past the budget (thousands of unknown references) the hint is the generic one."""
    fallback = "write 'topic-id' for this roadmap or 'roadmap-id/topic-id'"
    if known.hint_budget <= 0:
        return fallback
    known.hint_budget -= 1
    topics = known.topics
    target_roadmap, _, topic_id = qualify(ref, roadmap).partition("/")
    roadmaps = {k.split("/", 1)[0] for k in topics}
    if target_roadmap not in roadmaps:
        return (did_you_mean(target_roadmap, roadmaps) or
                "known roadmaps: " + ", ".join(sorted(roadmaps)))
    ids = [k.split("/", 1)[1] for k in topics if k.startswith(target_roadmap + "/")]
    near = difflib.get_close_matches(topic_id, ids, n=1, cutoff=0.6)
    if near:
        return f"did you mean '{ref.rpartition('/')[0] + '/' if '/' in ref else ''}{near[0]}'?"
    elsewhere = [k for k in topics if k.endswith("/" + topic_id)]
    if elsewhere:
        return f"did you mean '{elsewhere[0]}'? (a topic of another roadmap)"
    return fallback


def check_text(text: str, roadmap: str, known: Known, doc: Document, loc: tuple,
               out: list[Diagnostic]) -> None:
    """Inline references and link schemes in a Markdown summary."""
    for m in INLINE_REF.finditer(text):
        key = qualify(m.group(1), roadmap)
        if known.unknown(key, doc, loc, out):
            out.append(doc.diagnostic(loc, f"unknown topic '[[{m.group(1)}]]' in text",
                                      _ref_hint(m.group(1), roadmap, known),
                                      category="reference"))
    for url in unsafe_links(text):
        out.append(doc.diagnostic(loc, f"link to '{url[:60]}' is not allowed in text",
                                  "link only to https:// or http:// URLs, or to [[topic-id]]"))


def _report_cycles(topics: dict[str, TopicNode], topic_docs: dict, out: list[Diagnostic]) -> None:
    """Report each prerequisite cycle once, with its whole chain, at its first topic."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(topics, WHITE)
    reported: set[frozenset[str]] = set()
    for start in topics:
        if colour[start] != WHITE:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        colour[start] = GREY
        path.append(start)
        while stack:
            key, i = stack[-1]
            prereqs = topics[key].prerequisites
            if i < len(prereqs):
                stack[-1] = (key, i + 1)
                nxt = prereqs[i]
                if colour[nxt] == WHITE:
                    colour[nxt] = GREY
                    path.append(nxt)
                    stack.append((nxt, 0))
                elif colour[nxt] == GREY:
                    cycle = path[path.index(nxt):]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        first = min(cycle, key=lambda k: (topics[k].source.file, topics[k].source.line))
                        j = cycle.index(first)
                        chain = cycle[j:] + cycle[:j] + [first]
                        doc, loc = topic_docs[first]
                        after = chain[1]
                        idx = topics[first].prerequisites.index(after)
                        raw = topics[first].data.prerequisites
                        pos = next((n for n, r in enumerate(raw)
                                    if qualify(r, topics[first].roadmap) == after), idx)
                        out.append(doc.diagnostic((*loc, "prerequisites", pos),
                                                  "prerequisite cycle: " + " → ".join(chain),
                                                  "remove one of these prerequisites",
                                                  category="reference"))
            else:
                colour[key] = BLACK
                path.pop()
                stack.pop()
