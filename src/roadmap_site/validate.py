"""Check one loaded file against its model and turn Pydantic's errors into diagnostics."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from roadmap_site.diagnostics import Diagnostic, did_you_mean
from roadmap_site.loader import Document
from roadmap_site.model import ALL_MODELS, ID_PATTERN, Phase, Project, Topic

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


def check_phase(document: Document) -> tuple[Phase | None, list[Diagnostic], set[str]]:
    """Validate a phase file, keeping the valid topics when some are broken.

    Returns the phase (None when the phase itself is broken), the diagnostics, and the ids of
    topics that failed, so that references to them are not reported again as unknown.
    """
    data = document.data
    try:
        return Phase.model_validate(data), [], set()
    except ValidationError as exc:
        errors = exc.errors()
    problems = [_diagnostic(document, data, (), err) for err in errors]
    bad = {err["loc"][1] for err in errors
           if len(err["loc"]) > 2 and err["loc"][0] == "topics" and isinstance(err["loc"][1], int)}
    topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(topics, list):
        return None, problems, set()
    broken = {t["id"] for i, t in enumerate(topics) if i in bad and isinstance(t, dict)
              and isinstance(t.get("id"), str)}
    if any(not (len(e["loc"]) > 2 and e["loc"][0] == "topics") for e in errors):
        # the phase itself is broken: none of its topics can be placed
        return None, problems, broken | {t["id"] for t in topics if isinstance(t, dict)
                                         and isinstance(t.get("id"), str)}
    valid = [Topic.model_validate(t) for i, t in enumerate(topics) if i not in bad]
    if not valid:
        return None, problems, broken
    shell = {k: v for k, v in data.items() if k != "topics"}
    if shell.get("project") is not None:  # valid here: an error in it would have broken the phase
        shell["project"] = Project.model_validate(shell["project"])
    return Phase.model_construct(**shell, topics=valid), problems, broken


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
        hint = None
        if kind == "list_type" and isinstance(value, str):
            hint = f"write a list: [{value}] or one '- item' per line"
        elif kind == "string_type" and isinstance(value, (int, float, bool)):
            hint = "put the value in quotes to make it text"
        return document.diagnostic(where, f"'{field}' must be {_TYPE_NAMES[kind]}, "
                                   f"not {describe(value)}", hint)
    if kind == "literal_error":
        options = re.findall(r"'([^']+)'", ctx.get("expected", ""))
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return document.diagnostic(where, f"'{_short(str(value))}' is not a valid {field}: "
                                   f"expected one of {', '.join(options)}", hint)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN or field in ("id", "ref", "requires", "phases", "tags"):
            return document.diagnostic(where, f"'{_short(str(value))}' is not a valid id: use "
                                       "lowercase letters, digits and single hyphens",
                                       f"try '{kebab(str(value))}'")
        return document.diagnostic(where, f"'{_short(str(value))}' is not a valid topic "
                                   "reference", "write 'topic-id' or 'roadmap-id/topic-id'")
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

