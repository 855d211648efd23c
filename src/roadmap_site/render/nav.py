"""The site navigation built from the model: a tab per roadmap (in recommended order), a
section per phase with the phase page as its index, the phase's topics in order, then its
project."""

from __future__ import annotations

from roadmap_site.curriculum import Curriculum
from roadmap_site.markup import theme_text
from roadmap_site.render import urls

ROADMAPS_PLACEHOLDER = "roadmap-site://roadmaps"
RESOURCES_PLACEHOLDER = "roadmap-site://resources"
REVIEW_PLACEHOLDER = "roadmap-site://review"
TRACKS_PLACEHOLDER = "roadmap-site://tracks"
PLAN_PLACEHOLDER = "roadmap-site://plan"
# placeholder -> (default title, the generated page)
PAGES = {RESOURCES_PLACEHOLDER: ("Resources", urls.RESOURCES), REVIEW_PLACEHOLDER: ("Review", urls.REVIEW),
         PLAN_PLACEHOLDER: ("Plan", urls.PLAN)}


def roadmap_sections(curriculum: Curriculum) -> list[dict]:
    sections = []
    for roadmap in curriculum.roadmaps:
        items: list = [urls.roadmap_page(roadmap.id)]
        for phase in roadmap.phases:
            pages: list = [urls.phase_page(roadmap.id, phase.id)]
            pages += [{theme_text(t.title): urls.topic_page(t.key)} for t in phase.topics]
            if phase.data.project:
                pages.append({f"Project: {theme_text(phase.data.project.title)}":
                              urls.project_page(roadmap.id, phase.id)})
            items.append({theme_text(phase.title): pages})
        sections.append({theme_text(roadmap.title): items})
    return sections


def build_nav(user_nav: list | None, curriculum: Curriculum, docs_pages: list[str]) -> list:
    """Merge the generated sections into the user's nav.

    With a nav in mkdocs.yml, the entries whose target is ``roadmap-site://roadmaps``,
    ``roadmap-site://tracks``, ``roadmap-site://resources``, ``roadmap-site://review`` or
    ``roadmap-site://plan`` are
    replaced by the generated sections and pages; everything else keeps its place. Without
    one: home, roadmaps, tracks, resources, review, plan, then the other hand-written pages in
    alphabetical order.
    """
    generated = roadmap_sections(curriculum)
    tracks = [urls.TRACKS, *({theme_text(t.title): urls.track_page(t.id)} for t in curriculum.tracks)
              ] if curriculum.tracks else []
    if user_nav is None:
        nav: list = [urls.HOME] if urls.HOME in docs_pages else []
        nav += generated + ([{"Tracks": tracks}] if tracks else [])
        nav += [{title: page} for title, page in PAGES.values()]
        nav += sorted(p for p in docs_pages if p != urls.HOME)
        return nav

    def expand(items: list) -> list:
        out: list = []
        for item in items:
            target = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
            if target == ROADMAPS_PLACEHOLDER:
                out += generated
            elif target == TRACKS_PLACEHOLDER:
                if tracks:
                    out.append({next(iter(item)) if isinstance(item, dict) else "Tracks": tracks})
            elif isinstance(target, str) and target in PAGES:
                title = next(iter(item)) if isinstance(item, dict) else PAGES[target][0]
                out.append({title: PAGES[target][1]})
            elif isinstance(target, list):
                out.append({next(iter(item)): expand(target)})
            else:
                out.append(item)
        return out

    return expand(user_nav)
