"""The curriculum as Markdown pages (Jinja2 templates), keyed by their path under docs/.

Every string from YAML reaches the page as escaped HTML (autoescape) or as HTML produced by
:mod:`roadmap_site.markup`; none of it is left for the site's Markdown engine to interpret.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from markupsafe import Markup

from roadmap_site import gc_pause, markup
from roadmap_site.curriculum import Curriculum, PhaseNode, ResourceEntry, RoadmapNode, TopicNode
from roadmap_site.model import LEVEL_LABELS, RESOURCE_TYPES, TYPE_LABELS
from roadmap_site.references import qualify
from roadmap_site.render import diagram, urls
from roadmap_site.render.icons import icon
from roadmap_site.render.sections import Section, sections
from roadmap_site.render.templating import env, front_matter, hours, level_range, plain, subtopic_tree

T = TypeVar("T")

# Material's search: a topic page outranks the pages that list topics (roadmaps, phases,
# projects, tracks), so that a topic's name finds the topic; the catalog is left out (its
# entries are found from the topics that cite them). Measured with tests/search_queries.yml.
TOPIC_SEARCH = {"boost": 4}
LIST_SEARCH = {"boost": 0.5}
NO_SEARCH = {"exclude": True}


class RenderCache:
    """What a renderer may reuse from an earlier render of the same or a similar curriculum.

    The plugin keeps one across ``mkdocs serve`` rebuilds; the pipeline's FileCache hands back
    the very same model objects for files that did not change, so object identity tells what
    is unchanged:

    * summaries converted to HTML, keyed by their text and the titles of the topics they
      reference (links hold a placeholder; each page puts in its own relative URL);
    * fragments that depend on one model object only (a resource card, a subtopic tree),
      keyed by the object, which the entry keeps alive so that its id cannot be reused;
    * each page, while what it shows is the same: the model objects it is made from (by
      identity) and the values it takes from elsewhere (titles of linked topics, the lists of
      prerequisites, related topics and backlinks, by equality); see ``SiteRenderer._inputs``;
    * all the pages, when every model object of the curriculum is the one of the last render
      (an edit of a hand-written page, or a save that changed nothing).
    """

    def __init__(self) -> None:
        self.summaries: dict[tuple, str] = {}
        self.fragments: dict[tuple[str, int], tuple[object, Markup]] = {}
        self.wholes: dict[str, tuple[tuple, object]] = {}
        self.each: dict[str, tuple[tuple, tuple, str]] = {}  # page -> (objects, values, page)
        self._used: set = set()

    @property
    def pages(self) -> dict[str, str]:
        """The pages of the last full render (empty before the first)."""
        hit = self.wholes.get("pages")
        return hit[1] if hit else {}  # type: ignore[return-value]

    def whole(self, name: str, signature: tuple, make: Callable[[], T]) -> T:
        """A value made from the whole curriculum (all the pages, the JSON API), kept while
        ``signature`` (see :func:`curriculum_signature`) holds the same objects."""
        hit = self.wholes.get(name)
        if hit is not None and _same(hit[0], signature):
            return hit[1]  # type: ignore[return-value]
        value = make()
        self.wholes[name] = (signature, value)
        return value

    def fragment(self, kind: str, obj: object, make: Callable[[], Markup]) -> Markup:
        key = (kind, id(obj))
        hit = self.fragments.get(key)
        if hit is None or hit[0] is not obj:
            hit = self.fragments[key] = (obj, make())
        self._used.add(key)
        return hit[1]

    def page(self, src: str, inputs: tuple[tuple, tuple], make: Callable[[], str]) -> str:
        objects, values = inputs
        hit = self.each.get(src)
        if hit is None or not _same(hit[0], objects) or hit[1] != values:
            hit = self.each[src] = (objects, values, make())
        self._used.add(src)
        return hit[2]

    def summary(self, key: tuple, make: Callable[[], str]) -> str:
        html = self.summaries.get(key)
        if html is None:
            html = self.summaries[key] = make()
        self._used.add(key)
        return html

    def prune(self) -> None:
        """Forget what the last full render did not use (old versions of edited files)."""
        self.summaries = {k: v for k, v in self.summaries.items() if k in self._used}
        self.fragments = {k: v for k, v in self.fragments.items() if k in self._used}
        self.each = {k: v for k, v in self.each.items() if k in self._used}
        self._used = set()


def curriculum_signature(curriculum: Curriculum) -> tuple:
    """Every model object the pages are made from. Two curricula with the same objects (by
    identity) were merged from the same files, so they give the same pages and API."""
    return (*(r.data for r in curriculum.roadmaps),
            *(p.data for r in curriculum.roadmaps for p in r.phases),
            *curriculum.resources.values(), *(t.data for t in curriculum.tracks))


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


# A topic's URL inside a converted summary, until the page it goes on is known. NUL cannot
# come from YAML (the loader refuses control characters), so it cannot be forged.
_URL_SLOT = re.compile("\x00([^\x00]*)\x00")


class SiteRenderer:
    """Renders every generated page. ``directory_urls`` mirrors MkDocs' use_directory_urls.

    ``cache`` carries work over from an earlier render (see :class:`RenderCache`).
    """

    def __init__(self, curriculum: Curriculum, directory_urls: bool = True,
                 cache: RenderCache | None = None):
        self.c = curriculum
        self.directory_urls = directory_urls
        self.cache = cache if cache is not None else RenderCache()
        self._macros = env.get_template("_macros.j2").make_module(
            {"icon": icon, "level_range": level_range, "TYPE_LABELS": TYPE_LABELS})

    # -- helpers bound to the page being rendered ---------------------------------------
    def _helpers(self, src: str) -> dict[str, Callable]:
        link = urls.linker(src, self.directory_urls)

        def topic_url(key: str) -> str:
            return link(urls.topic_page(key))

        def md(text: str, roadmap: str) -> Markup:
            html = self.summary_html(text, roadmap)
            if "\x00" in html:  # put in this page's relative URL of each referenced topic
                html = _URL_SLOT.sub(lambda m: topic_url(m.group(1)), html)
            return Markup(html)

        return {"topic_url": topic_url, "md": md,
                "roadmap_url": lambda rid: link(urls.roadmap_page(rid)),
                "phase_url": lambda rid, pid: link(urls.phase_page(rid, pid)),
                "project_url": lambda rid, pid: link(urls.project_page(rid, pid))}

    def summary_html(self, text: str, roadmap: str) -> str:
        """A summary as inline HTML, with a URL slot wherever a topic is linked.

        Converted once per text (a summary shows on its topic, phase and roadmap pages), and
        kept across serve rebuilds while the titles of the topics it references stay the same.
        """
        topics, current = self.c.topics, self.c.current
        refs = tuple((key, topics[key].title if key in topics else None)
                     for key in (current(qualify(m.group(1), roadmap)) for m in markup.INLINE_REF.finditer(text)))

        def resolve(key: str):  # a former id links to the topic's page now, not to its redirect
            topic = topics.get(current(key))
            return (f"\x00{topic.key}\x00", topic.title) if topic else None

        return self.cache.summary((text, roadmap, refs),
                                  lambda: str(markup.render_inline(text, roadmap, resolve)))

    def _render(self, template: str, src: str, **context) -> str:
        return env.get_template(template).render(
            c=self.c, src=src, hours=hours, icon=icon, level_range=level_range,
            TYPE_LABELS=TYPE_LABELS, RESOURCE_TYPES=RESOURCE_TYPES, **self._helpers(src),
            **context)

    def resource_card(self, entry: ResourceEntry) -> Markup:
        """A resource card has no relative link: one rendering per resource serves every page."""
        return self.cache.fragment("card", entry.resource,
                                   lambda: self._macros.resource_card(entry))

    def subtopics_html(self, topic: TopicNode) -> Markup:
        return self.cache.fragment("subtopics", topic.data, lambda: self._macros.subtopic_items(
            subtopic_tree(topic.data.subtopics)))

    # -- pages ----------------------------------------------------------------------------
    def pages(self) -> dict[str, str]:
        signature = (self.directory_urls, *curriculum_signature(self.c))
        with gc_pause.paused():
            return dict(self.cache.whole("pages", signature, self._pages))

    def _pages(self) -> dict[str, str]:
        out: dict[str, str] = {}
        page = self.cache.page
        for roadmap in self.c.roadmaps:
            src = urls.roadmap_page(roadmap.id)
            out[src] = page(src, self._roadmap_inputs(roadmap), lambda r=roadmap: self.roadmap(r))
            for i, phase in enumerate(roadmap.phases):
                src = urls.phase_page(roadmap.id, phase.id)
                out[src] = page(src, self._phase_inputs(roadmap, i), lambda r=roadmap, i=i: self.phase(r, i))
                if phase.data.project:
                    src = urls.project_page(roadmap.id, phase.id)
                    out[src] = page(src, self._project_inputs(roadmap, phase),
                                    lambda r=roadmap, p=phase: self.project(r, p))
                for topic in phase.topics:
                    src = urls.topic_page(topic.key)
                    out[src] = page(src, self._topic_inputs(topic, roadmap, phase),
                                    lambda t=topic, r=roadmap, p=phase: self.topic(t, r, p))
                for section in sections(phase):
                    out[section.src] = page(section.src, self._section_inputs(roadmap, phase, section),
                                            lambda r=roadmap, p=phase, s=section: self.section(r, p, s))
        out[urls.RESOURCES] = page(urls.RESOURCES, self._resources_inputs(), self.resources)
        out[urls.REVIEW] = page(urls.REVIEW, ((), (self.directory_urls,)), self.review)
        out[urls.PLAN] = page(urls.PLAN, ((), (self.directory_urls,)), self.plan)
        for track in self.c.tracks:
            src = urls.track_page(track.id)
            out[src] = page(src, self._track_inputs(track), lambda t=track: self.track(t))
        if self.c.tracks:
            inputs = tuple(self._track_inputs(t) for t in self.c.tracks)
            out[urls.TRACKS] = page(urls.TRACKS, (tuple(o for i in inputs for o in i[0]), tuple(i[1] for i in inputs)),
                                    self.tracks)
        self.cache.prune()
        return out

    # -- what each page shows (keep in step with the templates) ----------------------------
    # (model objects compared by identity, values compared by equality): a page is rendered
    # again when either changes. A test edits every kind of value and compares with a fresh
    # render (tests/test_render_cache.py).
    def _refs(self, text: str, roadmap: str) -> tuple:
        topics = self.c.topics
        return tuple((key, topics[key].title if key in topics else None)
                     for key in (qualify(m.group(1), roadmap) for m in markup.INLINE_REF.finditer(text)))

    def _linked(self, keys) -> tuple:
        topics = self.c.topics
        return tuple((key, topics[key].title, topics[key].roadmap, self.c.roadmap(topics[key].roadmap).title)
                     for key in keys)

    def _topic_inputs(self, topic: TopicNode, roadmap: RoadmapNode, phase: PhaseNode) -> tuple[tuple, tuple]:
        objects = (topic.data, *(entry.resource for entry in topic.resources))
        values = (self.directory_urls, topic.key, roadmap.id, roadmap.title, phase.id, phase.title,
                  self._linked(topic.prerequisites), self._linked(topic.related),
                  self._linked(topic.needed_by), self._refs(topic.data.summary, topic.roadmap),
                  tuple(entry.id for entry in topic.resources),
                  self._practice_refs(topic), (phase.data.project.title if phase.data.project else None,
                                               tuple(phase.project_topics)))
        return objects, values

    def _practice_refs(self, topic: TopicNode) -> tuple:
        design = topic.data.design.model_dump() if topic.data.design else {}
        texts = [text for item in (*topic.data.checks, *topic.data.exercises) for text in item.model_dump().values()]
        texts += [t for value in design.values() for t in (value if isinstance(value, list) else [value])]
        return tuple(self._refs(text, topic.roadmap) for text in texts)

    def _project_inputs(self, roadmap: RoadmapNode, phase: PhaseNode) -> tuple[tuple, tuple]:
        project = phase.data.project
        texts = (project.brief, *project.milestones, *project.acceptance)
        values = (self.directory_urls, roadmap.id, roadmap.title, phase.id, phase.title,
                  self._linked(phase.project_topics), tuple(self._refs(t, roadmap.id) for t in texts))
        return (phase.data,), values

    def _phase_inputs(self, roadmap: RoadmapNode, index: int) -> tuple[tuple, tuple]:
        phase = roadmap.phases[index]
        near = tuple((p.id, p.title) if p else None for p in (
            roadmap.phases[index - 1] if index > 0 else None,
            roadmap.phases[index + 1] if index + 1 < len(roadmap.phases) else None))
        values = (self.directory_urls, roadmap.id, roadmap.title, index, len(roadmap.phases), near,
                  tuple(t.key for t in phase.topics), self._refs(phase.data.summary, roadmap.id),
                  tuple(self._refs(t.data.summary, roadmap.id) for t in phase.topics),
                  self._refs(phase.data.project.brief, roadmap.id) if phase.data.project else ())
        return (phase.data, *(t.data for t in phase.topics)), values

    def _section_inputs(self, roadmap: RoadmapNode, phase: PhaseNode, section: Section) -> tuple[tuple, tuple]:
        values = (self.directory_urls, roadmap.id, roadmap.title, phase.id, phase.title, len(phase.topics),
                  section.first, section.last, tuple(t.key for t in section.topics),
                  tuple(self._refs(t.data.summary, roadmap.id) for t in section.topics))
        return tuple(t.data for t in section.topics), values

    def _roadmap_inputs(self, roadmap: RoadmapNode) -> tuple[tuple, tuple]:
        objects = (roadmap.data, *(p.data for p in roadmap.phases), *(t.data for t in roadmap.topics))
        values = (self.directory_urls, tuple((rid, self.c.roadmap(rid).title) for rid in roadmap.data.requires),
                  tuple((p.id, tuple(t.key for t in p.topics)) for p in roadmap.phases),
                  tuple(self._linked(t.prerequisites) for t in roadmap.topics),
                  self._refs(roadmap.data.summary, roadmap.id),
                  tuple(self._refs(p.data.summary, roadmap.id) for p in roadmap.phases))
        return objects, values

    def _track_inputs(self, track) -> tuple[tuple, tuple]:
        topics = self.c.topics
        values = (self.directory_urls, tuple(track.goals), self._linked(track.path),
                  tuple((topics[k].data.hours, topics[k].data.level) for k in track.path),
                  self._refs(track.data.summary, ""))
        return (track.data,), values

    def _resources_inputs(self) -> tuple[tuple, tuple]:
        users = self.c.resource_users
        values = (self.directory_urls, tuple(self.c.resources),
                  tuple((r.id, r.title) for r in self.c.roadmaps),  # the roadmap filter's options
                  tuple((rid, self._linked(users.get(rid, []))) for rid in self.c.resources))
        return tuple(self.c.resources.values()), values

    def roadmap(self, roadmap: RoadmapNode) -> str:
        src = urls.roadmap_page(roadmap.id)
        helpers = self._helpers(src)
        svg = diagram.render_svg(self.c, roadmap, helpers["topic_url"],
                                 lambda pid: helpers["phase_url"](roadmap.id, pid))
        return self._render("roadmap.md.j2", src, roadmap=roadmap, diagram=svg,
                            front=front_matter(title=roadmap.title, search=LIST_SEARCH,
                                               description=plain(roadmap.data.summary)))

    def phase(self, roadmap: RoadmapNode, index: int) -> str:
        phase = roadmap.phases[index]
        src = urls.phase_page(roadmap.id, phase.id)
        prev_phase = roadmap.phases[index - 1] if index > 0 else None
        next_phase = roadmap.phases[index + 1] if index + 1 < len(roadmap.phases) else None
        return self._render("phase.md.j2", src, roadmap=roadmap, phase=phase, number=index + 1,
                            prev_phase=prev_phase, next_phase=next_phase,
                            front=front_matter(title=f"{phase.title} · {roadmap.title}",
                                               search=LIST_SEARCH,
                                               description=plain(phase.data.summary)))

    def topic(self, topic: TopicNode, roadmap: RoadmapNode | None = None,
              phase: PhaseNode | None = None) -> str:
        src = urls.topic_page(topic.key)
        roadmap = roadmap or self.c.roadmap(topic.roadmap)
        phase = phase or self.c.phase(topic.roadmap, topic.phase)
        return self._render("topic.md.j2", src, topic=topic, roadmap=roadmap, phase=phase, rev=topic.revision,
                            subtopics=self.subtopics_html(topic) if topic.data.subtopics else "",
                            resource_card=self.resource_card,
                            front=front_matter(title=topic.title, tags=list(topic.data.tags),
                                               search=TOPIC_SEARCH,
                                               description=plain(topic.data.summary)))

    def section(self, roadmap: RoadmapNode, phase: PhaseNode, section: Section) -> str:
        return self._render("section.md.j2", section.src, roadmap=roadmap, phase=phase, section=section,
                            front=front_matter(title=f"{section.title} · {phase.title} · {roadmap.title}",
                                               description=plain(phase.data.summary)))

    def project(self, roadmap: RoadmapNode, phase: PhaseNode) -> str:
        src = urls.project_page(roadmap.id, phase.id)
        project = phase.data.project
        return self._render("project.md.j2", src, roadmap=roadmap, phase=phase, project=project,
                            topic=phase,  # topic_list marks topics of other roadmaps
                            front=front_matter(title=f"Project: {project.title} · {roadmap.title}",
                                               search=LIST_SEARCH,
                                               description=plain(project.brief)))

    def overview(self, src: str) -> str:
        """The roadmap cards for a hand-written page (the home page) at ``src``."""

        def levels(roadmap: RoadmapNode) -> list[tuple[str, int]]:
            counts = Counter(t.data.level for t in roadmap.topics)
            return [(lv, counts[lv]) for lv in LEVEL_LABELS if counts[lv]]

        svg = diagram.render_overview_svg(self.c, self._helpers(src)["roadmap_url"])
        return self._render("overview.md.j2", src, levels=levels, diagram=svg)

    def tag_listing(self, src: str) -> str:
        """The grouped tags listing for a hand-written page (the Tags page) at ``src``; Material's
        plain listing of every tag when the curriculum has no tags.yml."""
        if not self.c.tag_groups:
            return "<!-- material/tags -->"
        counts = Counter(tag for t in self.c.topics.values() for tag in t.data.tags)
        return self._render("tags.md.j2", src, groups=self.c.tag_groups, counts=counts)

    def track(self, track) -> str:
        src = urls.track_page(track.id)
        topics = [self.c.topics[k] for k in track.path]
        by_roadmap: dict[str, list] = {}
        for t in topics:
            by_roadmap.setdefault(t.roadmap, []).append(t)
        return self._render("track.md.j2", src, track=track, by_roadmap=by_roadmap,
                            total=sum(t.data.hours for t in topics), topic=track,
                            front=front_matter(title=f"Track: {track.title}", search=LIST_SEARCH,
                                               description=plain(track.data.summary)))

    def tracks(self) -> str:
        totals = {t.id: sum(self.c.topics[k].data.hours for k in t.path) for t in self.c.tracks}
        return self._render("tracks.md.j2", urls.TRACKS, totals=totals, front=front_matter(
            title="Tracks", description="Paths across the roadmaps to a goal: each topic after what it needs."))

    def plan(self) -> str:
        return self._render("plan.md.j2", urls.PLAN, front=front_matter(
            title="Study plan", description="When you would finish each phase at the hours you can give."))

    def review(self) -> str:
        return self._render("review.md.j2", urls.REVIEW, front=front_matter(
            title="Review", description="The self-checks of the topics you have done, on a schedule."))

    def checks_json(self) -> str:
        """Every topic's self-checks as HTML for the Review page (links relative to it), with
        the topic's title and URL; read by assets/review.js."""
        helpers = self._helpers(urls.REVIEW)
        md = helpers["md"]
        data = {t.key: {"t": t.title, "u": urls.page_url(urls.topic_page(t.key), self.directory_urls),
                        "q": [str(md(c.question, t.roadmap)) for c in t.data.checks],
                        "a": [str(md(c.answer, t.roadmap)) for c in t.data.checks]}
                for t in self.c.topics.values() if t.data.checks}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"

    def resources(self) -> str:
        by_type: dict[str, list] = {t: [] for t in RESOURCE_TYPES}
        for rid, res in sorted(self.c.resources.items(), key=lambda kv: kv[1].title.lower()):
            users = self.c.resource_users.get(rid, [])
            roadmaps = " ".join(dict.fromkeys(key.split("/", 1)[0] for key in users))
            by_type[res.type].append((rid, res, users, roadmaps))
        return self._render("resources.md.j2", urls.RESOURCES, LEVEL_LABELS=LEVEL_LABELS,
                            by_type={t: v for t, v in by_type.items() if v},
                            front=front_matter(title="Resources", search=NO_SEARCH,
                                               description="Every resource of the curriculum, by type."))
