"""``roadmap-site new topic``: add a topic skeleton to a phase file.

The skeleton is inserted as text after the phase's last topic, in the file's own indentation,
so the file's comments and formatting stay as they are (re-dumping the YAML would lose them).
Its placeholder values pass validation, with a warning (validate.py) until the contributor has
replaced the TODO text and example.com links: ``validate --strict`` and CI fail on it.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from roadmap_site.diagnostics import did_you_mean, display_path
from roadmap_site.loader import load_file
from roadmap_site.model import ID_PATTERN, Topic

PLACEHOLDER_URLS = ("https://example.com/replace-with-a-real-link",
                    "https://example.com/replace-with-another-real-link")


class ScaffoldError(Exception):
    """The topic cannot be added; the message says why and what to do."""


@dataclass
class Added:
    path: Path
    line: int  # 1-based line of the new topic's "- id:"


def title_from_id(topic_id: str) -> str:
    return topic_id.replace("-", " ").capitalize()


def skeleton(topic_id: str, title: str) -> dict:
    """The new topic as data; validated against the model before anything is written."""
    return {
        "id": topic_id,
        "title": title,
        "summary": "TODO: say in one to three sentences what this topic is and why an ML engineer needs it.",
        "level": "beginner",
        "hours": 4,
        "prerequisites": [],
        "resources": [
            {"title": "TODO: the best free resource", "url": PLACEHOLDER_URLS[0], "type": "article",
             "free": True},
            {"title": "TODO: a second resource", "url": PLACEHOLDER_URLS[1], "type": "docs",
             "free": True},
        ],
        "subtopics": ["TODO: first subtopic", "TODO: second subtopic"],
        "checks": [{"question": f"TODO: self-check question {n}?",
                    "answer": "TODO: the answer a learner compares theirs with."} for n in (1, 2, 3)],
        "exercises": [{"task": "TODO: a hands-on task, doable with free tools and public data.",
                       "outcome": "TODO: what a finished result looks like."}],
    }


def _scalar(value) -> str:
    """A YAML scalar: plain when it reads back as itself, else double-quoted (JSON is valid YAML)."""
    text = str(value) if not isinstance(value, bool) else str(value).lower()
    try:
        plain_ok = yaml.safe_load(f"k: {text}") == {"k": value}
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok and text.strip() == text else json.dumps(value, ensure_ascii=False)


def render(topic: dict, first_prefix: str, indent: int) -> list[str]:
    """The topic as block YAML lines: ``first_prefix`` holds the dash, keys at ``indent``."""
    pad, sub = " " * indent, " " * (indent + 2)
    lines: list[str] = []
    for key, value in topic.items():
        head = first_prefix if not lines else pad
        if isinstance(value, list) and not value:
            lines.append(f"{head}{key}: []")
        elif isinstance(value, list):
            lines.append(f"{head}{key}:")
            for item in value:
                if isinstance(item, dict):
                    lines += render(item, f"{sub}- ", indent + 4)
                else:
                    lines.append(f"{sub}- {_scalar(item)}")
        else:
            lines.append(f"{head}{key}: {_scalar(value)}")
    return lines


def _topic_ids(roadmap_dir: Path) -> dict[str, Path]:
    """Topic ids already used in the roadmap (files that do not parse are skipped)."""
    ids: dict[str, Path] = {}
    for path in sorted((roadmap_dir / "phases").glob("*.yml")):
        document, _ = load_file(path)  # bounded: a hostile file cannot exhaust memory or the stack
        data = document.data if document else None
        topics = data.get("topics") if isinstance(data, dict) else None
        for topic in topics if isinstance(topics, list) else []:
            if isinstance(topic, dict) and isinstance(topic.get("id"), str):
                ids.setdefault(topic["id"], path)
    return ids


def _phase_file(curriculum: Path, roadmap: str, phase: str) -> Path:
    if not curriculum.is_dir():
        raise ScaffoldError(f"{display_path(curriculum)}: curriculum folder does not exist")
    roadmaps = sorted(p.name for p in curriculum.iterdir() if (p / "roadmap.yml").is_file())
    if roadmap not in roadmaps:
        hint = did_you_mean(roadmap, roadmaps) or "known roadmaps: " + ", ".join(roadmaps)
        raise ScaffoldError(f"unknown roadmap '{roadmap}' ({hint})")
    phases = sorted(p.stem for p in (curriculum / roadmap / "phases").glob("*.yml"))
    if phase not in phases:
        hint = did_you_mean(phase, phases) or f"phases of {roadmap}: " + ", ".join(phases)
        raise ScaffoldError(f"unknown phase '{roadmap}/{phase}' ({hint})")
    return curriculum / roadmap / "phases" / f"{phase}.yml"


def _insertion(text: str, path: Path) -> tuple[int, str, int]:
    """(line index to insert at, first-line prefix with the dash, key indent)."""
    document, problems = load_file(path)
    if document is None:  # checked first: the project's loader bounds depth, size and aliases
        first = next((d for d in problems if d.severity == "error"), None)
        raise ScaffoldError(f"{display_path(path)} is not valid YAML; fix it first: "
                            f"{first.format() if first else 'unknown problem'}")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ScaffoldError(f"{display_path(path)} is not valid YAML; fix it first "
                            f"(roadmap-site validate shows where): {exc}") from None
    topics = None
    if isinstance(root, yaml.MappingNode):
        topics = next((v for k, v in root.value if k.value == "topics"), None)
    if not isinstance(topics, yaml.SequenceNode) or topics.flow_style or not topics.value:
        raise ScaffoldError(f"{display_path(path)} has no block list of 'topics:' to add to; "
                            "add the topic by hand")
    lines = text.splitlines()
    first = topics.value[0].start_mark
    prefix = lines[first.line][:first.column]
    if prefix.strip() != "-":
        raise ScaffoldError(f"{display_path(path)}: cannot tell how its topics are indented; "
                            "add the topic by hand")
    dash = prefix.index("-")
    last = topics.value[-1]
    # After the last topic's last line, keeping comments indented under it (they belong to it)
    # and leaving comments at the level of the next key (they introduce it) below the new topic.
    end = last.start_mark.line
    for i in range(last.start_mark.line + 1, min(last.end_mark.line + 1, len(lines))):
        stripped = lines[i].strip()
        indent = len(lines[i]) - len(lines[i].lstrip())
        if stripped and not stripped.startswith("#") and indent <= dash:
            break  # the next key of the phase (the mark's line may be that key's)
        if stripped and (not stripped.startswith("#") or indent > dash):
            end = i
    return end + 1, prefix, first.column


def add_topic(curriculum: Path, roadmap: str, phase: str, topic_id: str,
              title: str | None = None) -> Added:
    """Insert the skeleton of ``topic_id`` into ``curriculum/roadmap/phases/phase.yml``."""
    if not re.fullmatch(ID_PATTERN, topic_id) or len(topic_id) > 64:
        raise ValueError(f"'{topic_id}' is not a valid topic id: use lowercase kebab-case, "
                         "e.g. linear-regression")
    path = _phase_file(curriculum, roadmap, phase)
    taken = _topic_ids(curriculum / roadmap)
    if topic_id in taken:
        raise ScaffoldError(f"topic '{roadmap}/{topic_id}' already exists in "
                            f"{display_path(taken[topic_id])}; choose another id")
    topic = skeleton(topic_id, title or title_from_id(topic_id))
    try:  # a bad --title fails here, before the file is touched
        Topic.model_validate(topic)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"the skeleton would not validate: {problems}") from None
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.replace("\r\n", "\n")
    at, prefix, indent = _insertion(text, path)
    lines = text.splitlines()
    lines[at:at] = render(topic, prefix, indent)
    new_text = "\n".join(lines) + "\n"
    _check(new_text, topic, path)
    real = path.resolve()  # a symbolic link stays one: its target is edited
    tmp = real.with_name(f".{real.name}.new")
    tmp.write_bytes(new_text.replace("\n", newline).encode("utf-8"))
    os.chmod(tmp, stat.S_IMODE(real.stat().st_mode))  # and the file keeps its mode
    os.replace(tmp, real)  # all or nothing
    return Added(path, at + 1)


def _check(text: str, topic: dict, path: Path) -> None:
    """The edited file must read back with the new topic in it, exactly as meant."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:  # pragma: no cover - would be a bug in render()
        raise ScaffoldError(f"could not add the topic to {display_path(path)} safely: {exc}") from None
    found = [t for t in data.get("topics", []) if isinstance(t, dict) and t.get("id") == topic["id"]]
    if found != [topic]:  # pragma: no cover - would be a bug in _insertion()
        raise ScaffoldError(f"could not add the topic to {display_path(path)} safely; add it by hand")
