"""Tracks: a goal across roadmaps (``curriculum/tracks/*.yml``) and the path to it.

A track names its goal topics; its path is their prerequisite closure, ordered so that every
topic comes after what it needs and, among topics that are ready together, in the order of
the curriculum (roadmaps in recommended order, then phases and topics as written).
"""

from __future__ import annotations

import heapq

from roadmap_site.curriculum import Curriculum, Source, TrackNode
from roadmap_site.diagnostics import Diagnostic, did_you_mean
from roadmap_site.loader import Document
from roadmap_site.model import Track


def resolve_tracks(tracks: list[tuple[Document, Track]], curriculum: Curriculum,
                   out: list[Diagnostic]) -> list[TrackNode]:
    nodes: dict[str, TrackNode] = {}
    for doc, track in tracks:
        stem = doc.path.stem
        if track.id != stem:
            out.append(doc.diagnostic(("id",), f"track id '{track.id}' does not match its file name "
                                      f"'{stem}.yml'", f"write 'id: {stem}'"))
            continue
        node = TrackNode(track, Source(doc.display, *doc.position(())))
        for j, goal in enumerate(track.goals):
            if goal in curriculum.aliases:
                out.append(doc.diagnostic(("goals", j), f"'{goal}' is a former id of topic "
                                          f"'{curriculum.aliases[goal]}'", f"write '{curriculum.aliases[goal]}'",
                                          severity="warning", category="reference"))
                goal = curriculum.aliases[goal]
            if goal not in curriculum.topics:
                out.append(doc.diagnostic(("goals", j), f"unknown topic '{goal}'",
                                          did_you_mean(goal, curriculum.topics)
                                          or "write 'roadmap-id/topic-id' of a topic in the curriculum",
                                          category="reference"))
            elif goal not in node.goals:
                node.goals.append(goal)
        node.path = path_to(node.goals, curriculum)
        nodes[track.id] = node
    return [nodes[k] for k in sorted(nodes)]


def path_to(goals: list[str], curriculum: Curriculum) -> list[str]:
    """The goals and everything they need, each topic after its prerequisites."""
    needed: set[str] = set()
    todo = list(goals)
    while todo:
        key = todo.pop()
        if key not in needed:
            needed.add(key)
            todo += curriculum.topics[key].prerequisites
    order = {key: i for i, key in enumerate(curriculum.topics)}
    waiting = {key: {p for p in curriculum.topics[key].prerequisites if p in needed} for key in needed}
    ready = [(order[k], k) for k, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    path: list[str] = []
    while ready:
        _, key = heapq.heappop(ready)
        path.append(key)
        for other in curriculum.topics[key].needed_by:  # the backlinks merge worked out
            deps = waiting.get(other)
            if deps and key in deps:
                deps.discard(key)
                if not deps:
                    heapq.heappush(ready, (order[other], other))
    return path  # prerequisites form no cycle (the validator refuses them): every topic is here
