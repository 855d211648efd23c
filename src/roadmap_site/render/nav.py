"""The site navigation built from the model: a tab per roadmap (in recommended order), a
section per phase with the phase page as its index, the phase's topics in order, then its
project.

Its size per page is bounded. Material renders the navigation into every page; with
``navigation.prune`` a page carries only the entries of the sections on its own path (and a
link for each other section beside them). So a phase of more than ``SECTION_SIZE`` topics is
split into sections, each with its own index page (see ``sections``), and more than
``MAX_TABS`` roadmaps share one "Roadmaps" tab in groups of at most that many. The groups sit
one level down, in an "All roadmaps" section: with ``navigation.sections`` Material expands
every section of a tab's second level, so groups there would put every roadmap's link on every
page, where a group one level down is a single link unless the page is in it. A topic page's
navigation then grows with neither the size of its phase nor the number of roadmaps.
"""

from __future__ import annotations

from roadmap_site.curriculum import Curriculum
from roadmap_site.markup import theme_text
from roadmap_site.render import sections as topic_sections
from roadmap_site.render import urls

ROADMAPS_PLACEHOLDER = "roadmap-site://roadmaps"
RESOURCES_PLACEHOLDER = "roadmap-site://resources"
REVIEW_PLACEHOLDER = "roadmap-site://review"
TRACKS_PLACEHOLDER = "roadmap-site://tracks"
PLAN_PLACEHOLDER = "roadmap-site://plan"
# placeholder -> (default title, the generated page)
PAGES = {RESOURCES_PLACEHOLDER: ("Resources", urls.RESOURCES), REVIEW_PLACEHOLDER: ("Review", urls.REVIEW),
         PLAN_PLACEHOLDER: ("Plan", urls.PLAN)}


MAX_TABS = 12  # roadmaps that get a tab each; more share one "Roadmaps" tab
ALL_ROADMAPS = "All roadmaps"  # the section that holds the groups of roadmaps


def in_sections(entries: list, size: int, name: str) -> list:
    """``entries`` as they are when there are at most ``size``, else in numbered sections of
    at most ``size`` ("Roadmaps 1–12", "Roadmaps 13–24", ...), in the same order."""
    if len(entries) <= size:
        return entries

    def label(first: int, last: int) -> str:
        return f"{name} {first}" if first == last else f"{name} {first}\u2013{last}"

    return [{label(i + 1, min(i + size, len(entries))): entries[i:i + size]}
            for i in range(0, len(entries), size)]


def roadmap_sections(curriculum: Curriculum) -> list[dict]:
    sections = []
    for roadmap in curriculum.roadmaps:
        items: list = [urls.roadmap_page(roadmap.id)]
        for phase in roadmap.phases:
            pages: list = [urls.phase_page(roadmap.id, phase.id)]
            split = topic_sections.sections(phase)
            if split:
                pages += [{s.title: [s.src, *({theme_text(t.title): urls.topic_page(t.key)} for t in s.topics)]}
                          for s in split]
            else:
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
    if len(generated) > MAX_TABS:
        generated = [{"Roadmaps": [{ALL_ROADMAPS: in_sections(generated, MAX_TABS, "Roadmaps")}]}]
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
                if len(generated) == 1 and len(curriculum.roadmaps) > MAX_TABS and isinstance(item, dict):
                    out.append({next(iter(item)): next(iter(generated[0].values()))})  # the user's title
                else:
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
