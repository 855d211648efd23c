"""Check one loaded file against its model and turn Pydantic's errors into diagnostics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from roadmap_site.diagnostics import Diagnostic, did_you_mean
from roadmap_site.loader import Document
from roadmap_site.model import ALL_MODELS, ID_PATTERN, ONE_LINE, Catalog, CatalogResource, Phase, Project, Topic

M = TypeVar("M")

_TYPE_NAMES = {
    "string_type": "text", "int_type": "a whole number", "float_type": "a number",
    "bool_type": "true or false", "list_type": "a list", "model_type": "a mapping (key: value)",
    "dict_type": "a mapping (key: value)", "model_attributes_type": "a mapping (key: value)",
    "int_from_float": "a whole number",
}


def describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{_short(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-id"


def check(document: Document, model: type[M] | TypeAdapter, loc: tuple = ()) -> tuple[M | None, list[Diagnostic]]:
    """Validate ``document.data`` (or the part at ``loc``) against ``model``."""
    data = document.data
    for part in loc:
        data = data[part]
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(data), []
        return model.model_validate(data), []  # type: ignore[attr-defined]
    except ValidationError as exc:
        return None, [_diagnostic(document, data, loc, err) for err in exc.errors()]


@dataclass
class Checked:
    """A file checked item by item: one broken item hides only itself."""

    model: Any  # the file's model with its valid items; None when the file itself is unusable
    indices: list[int]  # the position in the file of each valid item
    diagnostics: list[Diagnostic]
    broken: dict[str, tuple]  # id of each item that failed -> its loc in the document
    anonymous: bool = False  # an item failed whose id is unusable: references cannot be judged

    @property
    def complete(self) -> bool:
        """Whether every id of the file is known (valid, or among the broken ones)."""
        return self.model is not None and not self.anonymous


def check_phase(document: Document, stem: str) -> Checked:
    """Validate a phase file, keeping its valid topics when some are broken.

    A broken topic does not stop the others: they are kept (with their index in the file, for
    positions) and the broken topics' ids are returned so that references to them are not
    reported as unknown. A broken key of the phase itself (``title: 5``) is reported, and the
    phase is kept with the valid parts (its file name for a broken ``id``).
    """
    data = document.data
    try:
        phase = Phase.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
    else:
        indices = list(range(len(phase.topics)))
        return Checked(phase, indices, _placeholders(document, indices), {})
    problems = [_diagnostic(document, data, (), err) for err in errors]
    topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(topics, list):
        return Checked(None, [], problems, {})
    bad_topics, bad_keys = set(), set()
    for err in errors:
        loc = err["loc"]
        if len(loc) >= 2 and loc[0] == "topics" and isinstance(loc[1], int):
            bad_topics.add(loc[1])
        elif loc:
            bad_keys.add(loc[0])
    if "topics" in bad_keys:  # empty, or not a list of mappings: nothing to keep
        return Checked(None, [], problems, {})
    indices = [i for i in range(len(topics)) if i not in bad_topics]
    valid = [Topic.model_validate(topics[i]) for i in indices]
    fallback = {"id": stem, "title": stem, "summary": ""}
    shell = {k: data[k] if k in data and k not in bad_keys else fallback[k] for k in fallback}
    if data.get("project") is not None and "project" not in bad_keys:
        shell["project"] = Project.model_validate(data["project"])
    phase = Phase.model_construct(**shell, topics=valid)
    return Checked(phase, indices, problems + _placeholders(document, indices),
                   *_ids(topics, bad_topics, ("topics",)))


def check_catalog(document: Document) -> Checked:
    """Validate a resource catalog file, keeping its valid entries when some are broken."""
    data = document.data
    try:
        entries = Catalog.validate_python(data)
    except ValidationError as exc:
        errors = exc.errors()
    else:
        return Checked(entries, list(range(len(entries))), [], {})
    problems = [_diagnostic(document, data, (), err) for err in errors]
    bad = {err["loc"][0] for err in errors if err["loc"] and isinstance(err["loc"][0], int)}
    if not isinstance(data, list) or any(not err["loc"] for err in errors):
        return Checked(None, [], problems, {})
    indices = [i for i in range(len(data)) if i not in bad]
    entries = [CatalogResource.model_validate(data[i]) for i in indices]
    return Checked(entries, indices, problems, *_ids(data, bad))


def _ids(items: list, bad: set[int], prefix: tuple = ()) -> tuple[dict[str, tuple], bool]:
    """The id of each broken item (with the item's loc), and whether one has no usable id."""
    ids = {}
    for i in sorted(bad):
        item_id = items[i].get("id") if isinstance(items[i], dict) else None
        if isinstance(item_id, str) and re.fullmatch(ID_PATTERN, item_id):
            ids[item_id] = (*prefix, i)
    return ids, len(ids) < len(bad)


# What `roadmap-site new topic` writes for the contributor to replace (scaffold.py): TODO
# text and links to the domains reserved for examples (RFC 2606).
_TODO = re.compile(r"\bTODO\b")
_EXAMPLE_URL = re.compile(r"^https?://([^/]*\.)?example\.(com|org|net)([:/?#]|$)", re.IGNORECASE)


def _placeholders(document: Document, indices: list[int]) -> list[Diagnostic]:
    """One warning per topic (of those at ``indices``) that still holds placeholders."""
    topics = document.data["topics"]
    out = []
    for i in indices:
        # Most topics hold neither: the repr (built in C) shows every string, so a topic
        # whose repr has no TODO and no "example." has no placeholder (a tenth of validate).
        text = repr(topics[i])
        if "TODO" not in text and "example." not in text.lower():
            continue
        loc = ("topics", i)
        found = sorted({document.position(where)[0] for where in _placeholder_locs(topics[i], loc)})
        if found:
            lines = ", ".join(map(str, found))
            out.append(document.diagnostic(
                loc, f"topic '{topics[i]['id']}' still has placeholder text (TODO or an "
                f"example.com link) on line{'s' * (len(found) > 1)} {lines}",
                "replace each TODO and example.com link with the real content",
                severity="warning"))
    return out


def _placeholder_locs(value: Any, loc: tuple):
    if isinstance(value, str):
        if _TODO.search(value) or _EXAMPLE_URL.match(value):
            yield loc
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _placeholder_locs(v, (*loc, k))
    elif isinstance(value, list):
        for j, v in enumerate(value):
            yield from _placeholder_locs(v, (*loc, j))


def _data_loc(data: Any, loc: tuple) -> tuple:
    """Keep the parts of Pydantic's loc that exist in the data (drop union tags)."""
    out, node = [], data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not out[-1:] == [part]:
            # a key Pydantic reports that the data lacks (missing / extra): keep it last
            out.append(part)
            break
        else:
            continue
        out.append(part)
    return tuple(out)


def _field(loc: tuple) -> str:
    return next((p for p in reversed(loc) if isinstance(p, str)), "value")


def _diagnostic(document: Document, data: Any, base: tuple, err: dict) -> Diagnostic:
    kind = err["type"]
    loc = _data_loc(data, err["loc"])
    where = (*base, *loc)
    field = _field(loc)
    value = err.get("input")
    ctx = err.get("ctx") or {}

    if kind == "missing":
        return document.diagnostic(where[:-1], f"missing required key '{field}'",
                                   f"add '{field}:' to this mapping")
    if kind == "extra_forbidden":
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        return document.diagnostic(where, f"unknown key '{field}'",
                                   _key_hint(field, parent), key=True)
    if kind in _TYPE_NAMES:
        return document.diagnostic(where, f"'{field}' must be {_TYPE_NAMES[kind]}, "
                                   f"not {describe(value)}", _type_hint(kind, value))
    if kind == "literal_error":
        options = re.findall(r"'([^']+)'", ctx.get("expected", ""))
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return document.diagnostic(where, f"'{_short(str(value))}' is not a valid {field}: "
                                   f"expected one of {', '.join(options)}", hint)
    if kind == "string_pattern_mismatch":
        return document.diagnostic(where, *_pattern_problem(field, str(value), ctx.get("pattern")))
    if kind == "string_too_short":
        return document.diagnostic(where, f"'{field}' is empty", f"write the {field}")
    if kind == "string_too_long":
        return document.diagnostic(where, f"'{field}' is {len(value):,} characters long; "
                                   f"the limit is {ctx.get('max_length'):,}", "shorten it")
    if kind == "too_short":
        return document.diagnostic(where, f"'{field}' needs at least {ctx.get('min_length')} "
                                   "item(s)", None)
    if kind in ("url_scheme", "url_invalid"):
        return document.diagnostic(where, f"{err['msg']}: '{_short(str(value), 60)}'",
                                   "link only to web pages (https://...)")
    # Number ranges and anything else: Pydantic's own message is clear enough.
    return document.diagnostic(where, f"'{field}': {err['msg'][0].lower()}{err['msg'][1:]}"
                               + (f" (got {describe(value)})" if value is not None
                                  and not isinstance(value, (dict, list)) else ""))


def _type_hint(kind: str, value: Any) -> str | None:
    if kind == "list_type" and isinstance(value, str):
        return f"write a list: [{_short(value)}] or one '- item' per line"
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        return "put the value in quotes to make it text"
    if kind in ("int_type", "float_type", "int_from_float") and isinstance(value, str):
        return "write the number alone, without quotes or units"
    if kind == "bool_type":
        return "write true or false"
    return None


def _pattern_problem(field: str, value: str, pattern: str | None) -> tuple[str, str]:
    """(message, hint) for a string that does not have the form its field needs."""
    if pattern == ID_PATTERN or field in ("id", "ref", "requires", "phases", "tags"):
        return (f"'{_short(value)}' is not a valid id: use lowercase letters, digits and single hyphens",
                f"try '{_short(kebab(value))}'")
    if pattern == ONE_LINE:
        return f"'{field}' must be one line", "remove the line break (a '>-' or '|' block keeps them)"
    if field == "aliases":
        return (f"'{_short(value)}' is not a valid former id", "write the old id as it was: 'old-id', "
                "or 'roadmap-id/old-id' for a topic moved from another roadmap")
    return f"'{_short(value)}' is not a valid topic reference", "write 'topic-id' or 'roadmap-id/topic-id'"


def _key_hint(key: str, mapping: Any) -> str | None:
    """Nearest valid key, among the fields of the models that fit the mapping's other keys."""
    siblings = set(mapping) - {key} if isinstance(mapping, dict) else set()
    fields: set[str] = set()
    for model in ALL_MODELS:
        names = set(model.model_fields)
        if siblings & names and siblings <= names | _unknown(siblings, names):
            fields |= names
    if not fields:
        fields = {name for model in ALL_MODELS for name in model.model_fields}
    return did_you_mean(key, sorted(fields)) or f"valid keys here: {', '.join(sorted(fields))}"


def _unknown(siblings: set[str], names: set[str]) -> set[str]:
    # Other misspelt keys should not stop a model from matching.
    return {s for s in siblings if s not in {n for m in ALL_MODELS for n in m.model_fields}}

