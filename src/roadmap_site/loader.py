"""Load one YAML file into plain data plus the source position of every key and value.

PyYAML's composer (C variant when present) gives nodes with marks; we build the Python
values ourselves so that we can (a) remember where each value came from, (b) refuse what
PyYAML would silently accept: repeated keys, aliases, custom tags, and (c) bound the work a
hostile file can cause. Nothing here raises on bad input: problems become diagnostics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from roadmap_site.diagnostics import Diagnostic, display_path

try:  # the C composer is several times faster; fall back to pure Python where absent
    _Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple  # a data path such as ("topics", 3, "title")
Position = tuple[int, int]  # 1-based line and column


@dataclass(frozen=True)
class Limits:
    """Bounds on what one file may contain, so a hostile file cannot exhaust the machine."""

    max_file_bytes: int = 1_000_000
    max_depth: int = 24
    max_nodes: int = 100_000
    max_string_chars: int = 20_000


DEFAULT_LIMITS = Limits()


@dataclass
class Document:
    """One parsed file: its data and where each value (and mapping key) stands in the source."""

    path: Path
    display: str
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)

    def position(self, loc: Path_) -> Position:
        """The position of the value at ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))

    def key_position(self, loc: Path_) -> Position:
        return self.key_positions.get(tuple(loc)) or self.position(loc)

    def diagnostic(self, loc: Path_, message: str, hint: str | None = None, *,
                   severity: str = "error", key: bool = False) -> Diagnostic:
        line, col = self.key_position(loc) if key else self.position(loc)
        return Diagnostic(self.display, line, col, severity, message, hint)  # type: ignore[arg-type]


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TEXT_TAGS = {"tag:yaml.org,2002:timestamp"}  # dates: keep as written
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_constructor = yaml.constructor.SafeConstructor()


class _Refused(Exception):
    """Raised inside the converter to stop at the first limit hit; turned into a diagnostic."""

    def __init__(self, mark: yaml.Mark | None, message: str, hint: str | None = None,
                 alias: bool = False):
        super().__init__(message)
        self.mark, self.message, self.hint, self.alias = mark, message, hint, alias


def _pos(mark: yaml.Mark | None) -> Position:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _inside(text: str, line: int, col: int) -> Position:
    """Clamp a position to the text: at the end of a file without a final newline, the YAML
    scanner reports a line after the last one, which an editor cannot jump to."""
    lines = text.split("\n")
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, col


def _offset_position(raw: bytes, offset: int) -> Position:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def load_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[Document | None, list[Diagnostic]]:
    """Parse ``path``. Returns the document (None when unusable) and its diagnostics."""
    shown = display_path(path)

    def problem(line: int, col: int, message: str, hint: str | None = None,
                severity: str = "error") -> Diagnostic:
        return Diagnostic(shown, line, col, severity, message, hint)  # type: ignore[arg-type]

    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return None, [problem(1, 1, f"file is {size:,} bytes; the limit is "
                                  f"{limits.max_file_bytes:,}", "split it into several files")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [problem(1, 1, f"cannot read file: {exc.strerror or exc}")]

    diagnostics: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        diagnostics.append(problem(1, 1, "file starts with a byte-order mark (BOM)",
                                   "save the file as UTF-8 without BOM", severity="warning"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _offset_position(raw, exc.start)
        return None, [*diagnostics, problem(line, col, "file is not valid UTF-8 "
                                            f"(byte 0x{raw[exc.start]:02x})",
                                            "save the file with UTF-8 encoding")]
    bad = _CONTROL.search(text)
    if bad:  # libyaml lets some of these through; they have no place in a curriculum
        line, col = _offset_position(text.encode("utf-8"), len(text[: bad.start()].encode("utf-8")))
        return None, [*diagnostics, problem(line, col, f"file contains the control character "
                                            f"U+{ord(bad.group()):04X}",
                                            "delete it; use spaces, not tabs, for indentation")]
    try:
        _check_events(text, limits)
        node = yaml.compose(text, Loader=_Loader)
    except _Refused as exc:
        return None, [*diagnostics, problem(*_pos(exc.mark), exc.message, exc.hint)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _inside(text, *_pos(mark))
        message = "YAML syntax error: " + " ".join(
            part for part in (exc.context, exc.problem) if part)
        return None, [*diagnostics, problem(line, col, message, _syntax_hint(exc))]
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark object
        line, col = (1, 1)
        if isinstance(exc, yaml.reader.ReaderError):
            line, col = _offset_position(text.encode("utf-8"),
                                         len(text[: exc.position].encode("utf-8")))
            return None, [*diagnostics, problem(
                line, col, f"file contains a character YAML does not allow "
                f"({exc.character!r})" if isinstance(exc.character, str) else str(exc).strip(),
                "remove control characters; use spaces, not tabs, for indentation")]
        return None, [*diagnostics, problem(line, col, f"YAML error: {exc}")]

    if node is None:
        return None, [*diagnostics, problem(1, 1, "file is empty",
                                            "add the content, or delete the file")]
    document = Document(path=path, display=shown, data=None)
    converter = _Converter(document, limits)
    try:
        document.data = converter.convert(node, (), 0)
    except _Refused as exc:
        line, col = _pos(_first_alias(text) if exc.alias else exc.mark)
        return None, [*diagnostics, *converter.diagnostics, problem(line, col, exc.message,
                                                                    exc.hint)]
    except RecursionError:
        return None, [*diagnostics, problem(1, 1, "file is nested too deeply")]
    return document, [*diagnostics, *converter.diagnostics]


def _check_events(text: str, limits: Limits) -> None:
    """Refuse aliases, deep nesting and too many values before anything is composed.

    PyYAML's composer builds every node (with two marks each, ~450 bytes) before we can count
    them, and recurses in C: a 1 MB file of ``[`` crashes the interpreter, and one of 500,000
    tiny values takes ~170 MB. The parser's events stream in constant memory (libyaml keeps an
    explicit stack), so this pass stops at the first limit hit, having built nothing. It counts
    what :class:`_Converter` counts (values, not mapping keys), so both agree on the limits.
    """
    stack: list[list[bool]] = []  # per open collection: [is a mapping, next node is a key]
    count = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "YAML aliases (*name) and merge keys are not "
                           "supported", "write the value out in full")
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            is_key = bool(stack) and stack[-1][0] and stack[-1][1]
            if stack and stack[-1][0]:
                stack[-1][1] = not stack[-1][1]
            if is_key and isinstance(event, yaml.CollectionStartEvent):
                raise _Refused(event.start_mark, "keys must be plain words", "write 'key: value'")
            if not is_key:
                count += 1
                if count > limits.max_nodes:
                    raise _Refused(event.start_mark, f"file has more than {limits.max_nodes:,} "
                                   "values", "split it into several files")
                if len(stack) > limits.max_depth:
                    raise _Refused(event.start_mark, f"value is nested more than "
                                   f"{limits.max_depth} levels deep", "flatten the structure")
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([isinstance(event, yaml.MappingStartEvent), True])
        elif isinstance(event, yaml.CollectionEndEvent) and stack:
            stack.pop()


def _first_alias(text: str) -> yaml.Mark | None:
    """Where the first alias is used (the composer only tells where its anchor is)."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark
    except yaml.YAMLError:
        pass
    return None


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").lower()
    if "tab" in problem:
        return "indent with spaces; YAML does not allow tabs for indentation"
    if "mapping values are not allowed" in problem:
        return "put quotes around a value that contains ': '"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check the indentation of this line and the one before it"
    if "found undefined alias" in problem:
        return "aliases are not supported; write the value out"
    return "check the YAML syntax near this position"


class _Converter:
    def __init__(self, document: Document, limits: Limits):
        self.document = document
        self.limits = limits
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, loc: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise _Refused(node.start_mark, f"file has more than {self.limits.max_nodes:,} "
                           "values", "split it into several files")
        if depth > self.limits.max_depth:
            raise _Refused(node.start_mark, f"value is nested more than "
                           f"{self.limits.max_depth} levels deep", "flatten the structure")
        if id(node) in self.seen:
            # The composer hands back the same node object for an alias: refuse it, which
            # also bounds "billion laughs" files to their written size.
            raise _Refused(node.start_mark, "YAML aliases (*name) and merge keys are not "
                           "supported", "write the value out in full", alias=True)
        self.seen.add(id(node))
        self.document.positions[loc] = _pos(node.start_mark)

        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            first_seen: dict[str, yaml.Mark] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == \
                        "tag:yaml.org,2002:merge":
                    raise _Refused(key_node.start_mark, "keys must be plain words",
                                   "write 'key: value'")
                key = key_node.value  # raw text: 'on' and 'yes' stay strings
                if key in first_seen:
                    first = first_seen[key]
                    self.diagnostics.append(Diagnostic(
                        self.document.display, *_pos(key_node.start_mark), "error",
                        f"key '{key}' appears twice in this mapping (first on line "
                        f"{first.line + 1})", "remove one of them; YAML keeps only the last"))
                    continue
                first_seen[key] = key_node.start_mark
                self.document.key_positions[(*loc, key)] = _pos(key_node.start_mark)
                result[key] = self.convert(value_node, (*loc, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        # Scalar
        if node.tag not in _SCALAR_TAGS:
            if node.tag in _TEXT_TAGS:
                return node.value
            raise _Refused(node.start_mark, f"unsupported YAML tag '{node.tag}'",
                           "remove the tag; plain values are enough")
        if len(node.value) > self.limits.max_string_chars:
            raise _Refused(node.start_mark, f"value is {len(node.value):,} characters long; the "
                           f"limit is {self.limits.max_string_chars:,}", "shorten it")
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        try:
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return node.value
