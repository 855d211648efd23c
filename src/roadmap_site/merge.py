"""Merge validated files into one :class:`Curriculum` and check the cross-file rules.

Rules here: phase files match the roadmap's list, ids are unique (both places named),
every reference resolves (with a "did you mean"), prerequisites and roadmap requirements
form no cycle (the whole chain printed).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

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
class RoadmapFiles:
    """What the loader found for one roadmap folder."""

    folder: str
    roadmap: tuple[Document, Roadmap] | None
    # by file stem; None for a file that failed to load or validate (already reported)
    phases: dict[str, tuple[Document, Phase] | None] = field(default_factory=dict)
    # Topic ids that exist but failed validation, and whether a whole file was unreadable:
    # references into what failed are not reported a second time as "unknown".
    broken: set[str] = field(default_factory=set)
    incomplete: bool = False


@dataclass
class CatalogFile:
    document: Document
    entries: list[CatalogResource]


def merge(roadmaps: list[RoadmapFiles], catalogs: list[CatalogFile]) -> tuple[Curriculum, list[Diagnostic]]:
    out: list[Diagnostic] = []
    resources, resource_docs = _merge_catalog(catalogs, out)

    nodes: list[RoadmapNode] = []
    topics: dict[str, TopicNode] = {}
    topic_docs: dict[str, tuple[Document, tuple]] = {}  # key -> (file, loc of the topic)
    phase_docs: list[tuple[PhaseNode, Document]] = []
    for files in roadmaps:
        if files.roadmap is None:
            continue
        doc, roadmap = files.roadmap
        if roadmap.id != files.folder:
            out.append(doc.diagnostic(("id",), f"roadmap id '{roadmap.id}' does not match its "
                                      f"folder '{files.folder}'", f"write 'id: {files.folder}'"))
        node = RoadmapNode(roadmap, Source(doc.display, *doc.position(())))
        nodes.append(node)
        listed: set[str] = set()
        for i, phase_id in enumerate(roadmap.phases):
            if phase_id in listed:
                out.append(doc.diagnostic(("phases", i), f"phase '{phase_id}' is listed twice",
                                          "remove the second entry"))
                continue
            listed.add(phase_id)
            if phase_id not in files.phases:
                out.append(doc.diagnostic(
                    ("phases", i), f"phase '{phase_id}' is listed but phases/{phase_id}.yml "
                    "does not exist",
                    did_you_mean(phase_id, files.phases) or f"create phases/{phase_id}.yml"))
                continue
            if files.phases[phase_id] is None:
                continue
            pdoc, phase = files.phases[phase_id]
            if phase.id != phase_id:
                out.append(pdoc.diagnostic(("id",), f"phase id '{phase.id}' does not match its "
                                           f"file name '{phase_id}.yml'", f"write 'id: {phase_id}'"))
            pnode = PhaseNode(roadmap.id, phase, Source(pdoc.display, *pdoc.position(())))
            node.phases.append(pnode)
            phase_docs.append((pnode, pdoc))
            for t, topic in enumerate(phase.topics):
                loc = ("topics", t)
                tnode = TopicNode(roadmap.id, phase.id, topic,
                                  Source(pdoc.display, *pdoc.position(loc)))
                if tnode.key in topics:
                    first = topics[tnode.key].source
                    out.append(pdoc.diagnostic((*loc, "id"), f"topic id '{topic.id}' is already "
                                               f"used in roadmap '{roadmap.id}' at {first}",
                                               "choose another id, or merge the two topics"))
                    continue
                topics[tnode.key] = tnode
                topic_docs[tnode.key] = (pdoc, loc)
                pnode.topics.append(tnode)
        for stem, loaded in sorted(files.phases.items()):
            if stem not in listed and loaded is not None:
                out.append(loaded[0].diagnostic((), f"phase file is not listed in "
                                           f"{doc.display}", f"add '{stem}' to 'phases:' there"))

    silent = {f"{f.folder}/{t}" for f in roadmaps for t in f.broken}
    silent |= {f"{f.folder}/*" for f in roadmaps if f.incomplete}
    order = _order_roadmaps(nodes, {f.folder: f.roadmap[0] for f in roadmaps if f.roadmap}, out)
    for files in roadmaps:  # references in roadmap and phase summaries
        if files.roadmap is not None:
            rdoc, roadmap = files.roadmap
            check_text(roadmap.summary, roadmap.id, topics, rdoc, ("summary",), out, silent)
            for loaded in files.phases.values():
                if loaded is not None:
                    check_text(loaded[1].summary, roadmap.id, topics, loaded[0], ("summary",),
                               out, silent)
    ordered_topics = {t.key: t for r in order for t in r.topics}
    users: dict[str, list[str]] = {rid: [] for rid in resources}
    for key, tnode in ordered_topics.items():
        doc, loc = topic_docs[key]
        _resolve_topic(tnode, doc, loc, topics, resources, users, out, silent)
    for key, tnode in ordered_topics.items():
        doc, loc = topic_docs[key]
        _check_practice(tnode, doc, loc, topics, out, silent)
    for pnode, pdoc in phase_docs:
        _resolve_project(pnode, pdoc, topics, out, silent)
    for key, tnode in ordered_topics.items():
        for prereq in tnode.prerequisites:
            topics[prereq].needed_by.append(key)
    _report_cycles(ordered_topics, topic_docs, out)
    for rid, (doc, loc) in resource_docs.items():
        if not users[rid] and not silent:  # after a broken file, "unused" may be untrue
            out.append(doc.diagnostic(loc, f"resource '{rid}' is not used by any topic",
                                      "cite it from a topic with '- ref: " + rid + "', or remove it",
                                      severity="warning"))
    return Curriculum(order, ordered_topics, resources, users), out


def _merge_catalog(catalogs: list[CatalogFile], out: list[Diagnostic]):
    resources: dict[str, CatalogResource] = {}
    where: dict[str, tuple[Document, tuple]] = {}
    for catalog in catalogs:
        for i, entry in enumerate(catalog.entries):
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


def _order_roadmaps(nodes: list[RoadmapNode], docs: dict[str, Document],
                    out: list[Diagnostic]) -> list[RoadmapNode]:
    """Requirements first; among roadmaps that are ready at the same time, by id."""
    by_id = {n.id: n for n in nodes}
    for n in nodes:
        doc = docs[n.id] if n.id in docs else None
        for i, req in enumerate(n.data.requires):
            if doc is None:
                continue
            if req not in by_id:
                out.append(doc.diagnostic(("requires", i), f"requires unknown roadmap '{req}'",
                                          did_you_mean(req, by_id)
                                          or "known roadmaps: " + ", ".join(sorted(by_id))))
            elif req == n.id:
                out.append(doc.diagnostic(("requires", i), f"roadmap '{n.id}' requires itself",
                                          "remove it"))
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
    return Diagnostic(source.file, source.line, source.column, "error", message, hint)


def _resolve_topic(tnode: TopicNode, doc: Document, loc: tuple, topics: dict[str, TopicNode],
                   resources: dict[str, CatalogResource], users: dict[str, list[str]],
                   out: list[Diagnostic], silent: set[str]) -> None:
    topic = tnode.data
    for field_name in ("prerequisites", "related"):
        resolved: list[str] = getattr(tnode, field_name)
        for j, ref in enumerate(getattr(topic, field_name)):
            key = _resolve(ref, tnode, topics, doc, (*loc, field_name, j), out, silent)
            if key is None:
                continue
            if key in resolved:
                out.append(doc.diagnostic((*loc, field_name, j), f"'{ref}' is listed twice",
                                          "remove the second entry", severity="warning"))
                continue
            resolved.append(key)
    seen: set[str] = set()
    for j, res in enumerate(topic.resources):
        if isinstance(res, ResourceRef):
            if res.ref not in resources:
                out.append(doc.diagnostic((*loc, "resources", j, "ref"),
                                          f"unknown resource '{res.ref}'",
                                          did_you_mean(res.ref, resources)
                                          or "add it to a file in curriculum/resources/"))
                continue
            if res.ref in seen:
                out.append(doc.diagnostic((*loc, "resources", j), f"resource '{res.ref}' is "
                                          "cited twice", "remove one", severity="warning"))
                continue
            seen.add(res.ref)
            users[res.ref].append(tnode.key)
            tnode.resources.append(ResourceEntry(resources[res.ref], res.ref))
        else:
            tnode.resources.append(ResourceEntry(res))
    if len(tnode.resources) < 2 or not any(r.resource.free for r in tnode.resources):
        out.append(doc.diagnostic(loc, f"topic '{topic.id}' needs at least two resources, "
                                  "at least one of them free", "add resources to it",
                                  severity="warning"))
    check_text(topic.summary, tnode.roadmap, topics, doc, (*loc, "summary"), out, silent)


def _check_practice(tnode: TopicNode, doc: Document, loc: tuple, topics: dict[str, TopicNode],
                    out: list[Diagnostic], silent: set[str]) -> None:
    """Self-checks and exercises: their text, and a warning while there are too few."""
    topic = tnode.data
    for kind, items, fields in (("checks", topic.checks, ("question", "answer")),
                                ("exercises", topic.exercises, ("task", "outcome"))):
        for j, item in enumerate(items):
            for name in fields:
                check_text(getattr(item, name), tnode.roadmap, topics, doc, (*loc, kind, j, name), out, silent)
    if topic.design is not None:
        for name, text in topic.design.model_dump().items():
            for j, item in enumerate(text if isinstance(text, list) else [text]):
                where = ("design", name, j) if isinstance(text, list) else ("design", name)
                check_text(item, tnode.roadmap, topics, doc, (*loc, *where), out, silent)
    missing = [f"at least {low} {noun} (it has {len(items)})" for items, low, noun in (
        (topic.checks, MIN_CHECKS, "self-check questions"), (topic.exercises, MIN_EXERCISES, "exercise"))
        if len(items) < low]
    if missing:
        out.append(doc.diagnostic(loc, f"topic '{topic.id}' needs " + " and ".join(missing),
                                  "add 'checks:' (question, answer) and 'exercises:' (task, outcome); "
                                  "see docs/curriculum-format.md", severity="warning"))


def _resolve_project(pnode: PhaseNode, doc: Document, topics: dict[str, TopicNode],
                     out: list[Diagnostic], silent: set[str]) -> None:
    project = pnode.data.project
    if project is None:
        out.append(doc.diagnostic((), f"phase '{pnode.id}' has no project",
                                  "add 'project:' (title, brief, milestones, acceptance, topics, hours)",
                                  severity="warning"))
        return
    for j, ref in enumerate(project.topics):
        key = qualify(ref, pnode.roadmap)
        if key not in topics:
            if not _is_silent(key, silent):
                out.append(doc.diagnostic(("project", "topics", j), f"unknown topic '{ref}'",
                                          _ref_hint(ref, pnode.roadmap, topics)))
        elif key in pnode.project_topics:
            out.append(doc.diagnostic(("project", "topics", j), f"'{ref}' is listed twice",
                                      "remove the second entry", severity="warning"))
        else:
            pnode.project_topics.append(key)
    texts = [(("project", "brief"), project.brief)]
    texts += [(("project", kind, j), text) for kind in ("milestones", "acceptance")
              for j, text in enumerate(getattr(project, kind))]
    for loc, text in texts:
        check_text(text, pnode.roadmap, topics, doc, loc, out, silent)


def _is_silent(key: str, silent: set[str]) -> bool:
    return key in silent or key.split("/", 1)[0] + "/*" in silent


def _resolve(ref: str, tnode: TopicNode, topics: dict[str, TopicNode], doc: Document,
             loc: tuple, out: list[Diagnostic], silent: set[str]) -> str | None:
    key = qualify(ref, tnode.roadmap)
    if key == tnode.key:
        out.append(doc.diagnostic(loc, f"topic '{tnode.id}' refers to itself", "remove it"))
        return None
    if key not in topics:
        if not _is_silent(key, silent):
            out.append(doc.diagnostic(loc, f"unknown topic '{ref}'",
                                      _ref_hint(ref, tnode.roadmap, topics)))
        return None
    return key


def _ref_hint(ref: str, roadmap: str, topics: dict[str, TopicNode]) -> str | None:
    """Nearest existing topic: first in the roadmap the reference points at, then elsewhere."""
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
    return "write 'topic-id' for this roadmap or 'roadmap-id/topic-id'"


def check_text(text: str, roadmap: str, topics: dict[str, TopicNode], doc: Document,
               loc: tuple, out: list[Diagnostic], silent: set[str] = frozenset()) -> None:
    """Inline references and link schemes in a Markdown summary."""
    for m in INLINE_REF.finditer(text):
        key = qualify(m.group(1), roadmap)
        if key not in topics and not _is_silent(key, silent):
            out.append(doc.diagnostic(loc, f"unknown topic '[[{m.group(1)}]]' in text",
                                      _ref_hint(m.group(1), roadmap, topics)))
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
                                                  "remove one of these prerequisites"))
            else:
                colour[key] = BLACK
                path.pop()
                stack.pop()
