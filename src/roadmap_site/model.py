"""The shape of the curriculum files, as Pydantic models.

These models are the single source of truth: the validator checks files against them and
``roadmap-site schema`` derives the JSON Schema editors use from them. They describe one file
at a time; cross-file rules (references, cycles, duplicate ids) live in :mod:`merge`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    TypeAdapter,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
REF_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*/)?[a-z0-9]+(-[a-z0-9]+)*$"
# The one definition of levels and resource types, with what readers see them called.
LEVEL_LABELS = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}
TYPE_LABELS = {
    "official": "Official", "docs": "Documentation", "book": "Book", "course": "Course",
    "video": "Video", "article": "Article", "paper": "Paper", "tool": "Tool",
    "dataset": "Dataset", "podcast": "Podcast",
}
LEVELS, RESOURCE_TYPES = tuple(LEVEL_LABELS), tuple(TYPE_LABELS)
MIN_CHECKS, MAX_CHECKS = 3, 5  # fewer than the minimum is a warning (content to write)
MIN_EXERCISES, MAX_EXERCISES = 1, 3
MIN_HOURS, MAX_HOURS = 0.5, 200.0  # under half an hour is a subtopic, not a topic

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64),
               Field(description="Lowercase kebab-case identifier, e.g. linear-regression")]
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN, max_length=130),
                Field(description="A topic id in this roadmap, or roadmap-id/topic-id")]
ONE_LINE = r"^[^\n\r\u2028\u2029]*$"  # a title becomes a heading: a line break would split it
Title = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=ONE_LINE)]
Summary = Annotated[str, StringConstraints(min_length=1, max_length=1000),
                    Field(description="Inline Markdown; [[roadmap/topic]] links to a topic")]
SubtopicTitle = Annotated[str, StringConstraints(min_length=1, max_length=200)]
TagName = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=40)]
MAX_AKA = 12
AkaName = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=ONE_LINE)]
Level = Literal[LEVELS]  # Literal of a tuple is the Literal of its items
ResourceType = Literal[RESOURCE_TYPES]


# White space (str.isspace and \s agree on every code point), controls, and characters that
# would end an HTML attribute or a Markdown link early.
_BAD_URL_CHAR = re.compile(r"[\s\x00-\x1f<>\"'`]")


def _check_url(value: str) -> str:
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https") or not value.lower().startswith(("http://", "https://")):
        raise PydanticCustomError("url_scheme", "URL must start with https:// or http://")
    host = value.split("//", 1)[1].split("/", 1)[0]
    if not host or _BAD_URL_CHAR.search(value):
        raise PydanticCustomError("url_invalid", "URL is not a valid web address")
    return value


Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "pattern": "^https?://[^\\s<>\"'`]+$",
                                "maxLength": 2000})]

# A resource's level is one level or a list of them ("beginner to intermediate").
LevelRange = Annotated[
    list[Level],
    BeforeValidator(lambda v: [v] if isinstance(v, str) else v),
    WithJsonSchema({"anyOf": [{"enum": list(LEVELS)},
                              {"type": "array", "items": {"enum": list(LEVELS)},
                               "minItems": 1}]}),
]


class _Model(BaseModel):
    # strict: YAML's `title: 123` is an error, not the string "123".
    model_config = ConfigDict(extra="forbid", strict=True)


class _ResourceFields(_Model):
    title: Title
    url: Url
    type: ResourceType
    free: bool = Field(description="false for resources that cost money")
    level: LevelRange | None = None
    quality: Annotated[int, Field(ge=1, le=5, description="The curators' rating, 1 to 5")] | None = None
    authors: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    description: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None


class CatalogResource(_ResourceFields):
    """An entry of the resource catalog (``curriculum/resources/*.yml``)."""

    id: Id


class InlineResource(_ResourceFields):
    """A resource written inside one topic."""


class ResourceRef(_Model):
    """A reference to a catalog entry by id."""

    ref: Id


def _resource_kind(value: Any) -> str:
    # a dict when validating, the model itself when serializing
    return "ref" if isinstance(value, ResourceRef) or (isinstance(value, dict) and "ref" in value) else "inline"


TopicResource = Annotated[
    Annotated[ResourceRef, Tag("ref")] | Annotated[InlineResource, Tag("inline")],
    Discriminator(_resource_kind),
]


class SubtopicNode(_Model):
    title: SubtopicTitle
    subtopics: list[Subtopic] = []


def _subtopic_kind(value: Any) -> str:
    return "node" if isinstance(value, (dict, SubtopicNode)) else "text"


Subtopic = Annotated[
    Annotated[SubtopicTitle, Tag("text")] | Annotated[SubtopicNode, Tag("node")],
    Discriminator(_subtopic_kind),
]
SubtopicNode.model_rebuild()


Text = Annotated[str, StringConstraints(min_length=1, max_length=1500),
                 Field(description="Inline Markdown; [[roadmap/topic]] links to a topic")]
Item = Annotated[str, StringConstraints(min_length=1, max_length=400),
                 Field(description="Inline Markdown")]


class Check(_Model):
    """A self-check question and the answer a learner compares theirs with."""

    question: Annotated[str, StringConstraints(min_length=1, max_length=400),
                        Field(description="Inline Markdown; answerable from the topic's resources")]
    answer: Text


class Exercise(_Model):
    """A hands-on task and what a finished result looks like."""

    task: Text
    outcome: Annotated[str, StringConstraints(min_length=1, max_length=800),
                       Field(description="What a finished result looks like (inline Markdown)")]


class WorkedDesign(_Model):
    """A worked answer to a design problem, section by section, and a rubric to mark one's own."""

    requirements: Text
    metrics: Text
    data: Text
    model: Text
    serving: Text
    evaluation: Text
    tradeoffs: Text
    rubric: Annotated[list[Item], Field(min_length=3, max_length=10,
                                        description="What a good answer covers, one point each")]


class Project(_Model):
    """A phase's project: a brief, milestones, acceptance criteria and the topics it exercises."""

    title: Title
    brief: Text
    milestones: Annotated[list[Item], Field(min_length=2, max_length=8)]
    acceptance: Annotated[list[Item], Field(min_length=2, max_length=8,
                                            description="Criteria a finished project meets")]
    topics: Annotated[list[Ref], Field(min_length=1, description="The topics it exercises")]
    hours: Annotated[float, Field(ge=MIN_HOURS, le=MAX_HOURS, description="Honest working time in hours")]


def _check_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_invalid", "no such date") from None
    return value


DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(_check_date),
                 Field(description="A date, YYYY-MM-DD")]


class Revision(_Model):
    """A significant change an author marks by hand (``revised: 2026-12-01`` is the short form)."""

    date: Date
    note: Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=ONE_LINE),
                    Field(description="What changed, in a few words: learners see it")] | None = None


# The short form is the date alone. Its errors point at `revised` itself (the date's loc is
# dropped, as the data has no `date` key), so the two forms read the same in diagnostics.
RevisedField = Annotated[
    Revision,
    BeforeValidator(lambda v: {"date": v} if isinstance(v, str) else v),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": DATE_PATTERN},
                              Revision.model_json_schema()]}),
]


class Topic(_Model):
    id: Id
    title: Title
    summary: Summary
    level: Level
    hours: Annotated[float, Field(ge=MIN_HOURS, le=MAX_HOURS, description="Honest study time in hours")]
    prerequisites: list[Ref] = []
    related: list[Ref] = []
    tags: list[TagName] = []
    aka: Annotated[list[AkaName], Field(
        max_length=MAX_AKA, description="Other names learners search for: abbreviations, spellings, "
                                        "tools (k-means, kmeans); shown as 'Also known as' and indexed")] = []
    resources: list[TopicResource] = []
    subtopics: list[Subtopic] = []
    checks: Annotated[list[Check], Field(max_length=MAX_CHECKS,
                                         description=f"{MIN_CHECKS} to {MAX_CHECKS} self-check questions")] = []
    exercises: Annotated[list[Exercise], Field(max_length=MAX_EXERCISES,
                                               description=f"{MIN_EXERCISES} to {MAX_EXERCISES} hands-on tasks")] = []
    design: WorkedDesign | None = Field(default=None, description="A worked answer, for design problems")
    reviewed: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
                        Field(description="The month its content was last checked, as YYYY-MM")] | None = None
    aliases: Annotated[list[Ref], Field(max_length=20, description=(
        "Former ids ('old-id', or 'roadmap-id/old-id' for a topic moved from another roadmap): "
        "progress, [[references]] and old URLs follow the topic"))] = []
    revised: RevisedField | None = Field(default=None, description=(
        "When its content last changed significantly: learners who completed it before that "
        "day are told (with the note, if any)"))


class Phase(_Model):
    """One phase file: ``curriculum/<roadmap>/phases/<phase>.yml``."""

    id: Id
    title: Title
    summary: Summary
    topics: Annotated[list[Topic], Field(min_length=1)]
    project: Project | None = None


TopicKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$", max_length=130),
                    Field(description="roadmap-id/topic-id")]


class Track(_Model):
    """A track: ``curriculum/tracks/<id>.yml``, a goal a learner works towards across roadmaps.
    Its path is every topic the goals need (their prerequisites, all the way down), in order."""

    id: Id
    title: Title
    summary: Summary
    goals: Annotated[list[TopicKey], Field(min_length=1, description="The topics the track ends with")]


class Roadmap(_Model):
    """A roadmap's ``roadmap.yml``."""

    id: Id
    title: Title
    summary: Summary
    requires: list[Id] = []
    phases: Annotated[list[Id], Field(min_length=1)]


Catalog = TypeAdapter(Annotated[list[CatalogResource], Field(min_length=1)])


class TagEntry(_Model):
    """A tag topics may carry."""

    id: TagName
    description: Annotated[str, StringConstraints(min_length=1, max_length=160, pattern=ONE_LINE),
                           Field(description="What the tag groups, in a few words")]
    single: Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=ONE_LINE),
                      Field(description="Why the tag stays although only one topic carries it")] | None = None


class TagGroup(_Model):
    """A group of ``curriculum/tags.yml``: a section of the Tags page."""

    id: Id
    title: Title
    description: Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=ONE_LINE)] | None = None
    tags: Annotated[list[TagEntry], Field(min_length=1)]


# curriculum/tags.yml: the tags topics may carry, in groups.
TagVocabulary = TypeAdapter(Annotated[list[TagGroup], Field(min_length=1)])

# Every model, for "did you mean" hints on unknown keys.
ALL_MODELS: tuple[type[BaseModel], ...] = (
    Roadmap, Phase, Topic, SubtopicNode, CatalogResource, InlineResource, ResourceRef, Check,
    Exercise, Project, WorkedDesign, Track, Revision, TagGroup, TagEntry)
