"""The public JSON API: ``api/curriculum.json``, every roadmap, phase and topic with its URL.

Deterministic (sorted keys, no timestamps) so that two builds of the same input are identical;
compact (no indentation) since programs read it.
"""

from __future__ import annotations

import json

from roadmap_site import __version__
from roadmap_site.curriculum import Curriculum, ResourceEntry, TopicNode
from roadmap_site.render import urls

API_PATH = "api/curriculum.json"
API_VERSION = 1
# What the progress script needs, and no more: which topics exist (imports keep only those),
# in roadmap order, with their hours and prerequisites ("next up"). Fetched by the browser.
TOPICS_PATH = "api/topics.json"
CHECKS_PATH = "api/checks.json"  # the Review page's data (SiteRenderer.checks_json)


def _resource(entry: ResourceEntry) -> dict:
    data = entry.resource.model_dump(exclude_none=True, exclude={"id"})
    if entry.id:
        data["id"] = entry.id
    return data


def topic_record(topic: TopicNode, url: str) -> dict:
    """Every field of the topic as written (so a new field reaches the API by itself), with
    references resolved to full keys and catalog resources filled in; plus what the merge
    works out (key, URL, needed by)."""
    return {**topic.data.model_dump(exclude_none=True), "key": topic.key, "url": url,
            "prerequisites": topic.prerequisites, "related": topic.related, "needed_by": topic.needed_by,
            "resources": [_resource(r) for r in topic.resources]}


def curriculum_json(curriculum: Curriculum, directory_urls: bool = True) -> str:
    def url(src: str) -> str:
        return urls.page_url(src, directory_urls)

    roadmaps = []
    for roadmap in curriculum.roadmaps:
        phases = []
        for phase in roadmap.phases:
            entry = {**phase.data.model_dump(exclude={"topics", "project"}),
                     "url": url(urls.phase_page(roadmap.id, phase.id)), "hours": phase.hours,
                     "topics": [topic_record(t, url(urls.topic_page(t.key))) for t in phase.topics]}
            project = phase.data.project
            if project is not None:
                entry["project"] = {**project.model_dump(exclude={"topics"}), "topics": phase.project_topics,
                                    "url": url(urls.project_page(roadmap.id, phase.id))}
            phases.append(entry)
        roadmaps.append({**roadmap.data.model_dump(exclude={"phases"}), "url": url(urls.roadmap_page(roadmap.id)),
                         "hours": roadmap.hours, "phases": phases})
    document = {"version": API_VERSION, "generator": f"roadmap-site {__version__}",
                "roadmaps": roadmaps}
    # Compact: the file is for programs, and without ``indent`` json uses its C encoder
    # (five times faster on a large curriculum, and a quarter smaller).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def topics_json(curriculum: Curriculum, directory_urls: bool = True) -> str:
    """Every topic in roadmap order (roadmaps, then phases, then topics as written)."""
    roadmaps = [{"id": r.id, "title": r.title, "phases": [{"id": p.id, "title": p.title} for p in r.phases]}
                for r in curriculum.roadmaps]
    topics = [{"key": t.key, "title": t.title, "roadmap": r.id, "phase": p.id, "hours": t.data.hours,
               "url": urls.page_url(urls.topic_page(t.key), directory_urls),
               "prerequisites": t.prerequisites,
               # former keys: stored progress under them moves to the topic (store.js rename)
               **({"aliases": [k for k, v in curriculum.aliases.items() if v == t.key]} if t.data.aliases else {})}
              for r in curriculum.roadmaps for p in r.phases for t in p.topics]
    tracks = [{"id": t.id, "title": t.title, "path": t.path} for t in curriculum.tracks]
    document = {"version": API_VERSION, "roadmaps": roadmaps, "topics": topics, "tracks": tracks}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
