"""Load one YAML file into plain data plus the source position of every key and value.

PyYAML's parser (C variant when present) gives a stream of events with marks; we build the
Python values from it ourselves, in one pass and without composing nodes, so that we can (a)
remember where each value came from, (b) refuse what PyYAML would silently accept: repeated
keys, aliases, custom tags, and (c) bound the work a hostile file can cause: the pass stops at
the first limit hit, in constant stack depth. Nothing here raises on bad input: problems become
diagnostics.
"""

from __future__ import annotations

import re
import stat
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
                   severity: str = "error", key: bool = False,
                   category: str = "rule") -> Diagnostic:
        line, col = self.key_position(loc) if key else self.position(loc)
        return Diagnostic(self.display, line, col, severity, message,  # type: ignore[arg-type]
                          hint, category)


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TEXT_TAGS = {"tag:yaml.org,2002:timestamp"}  # dates: keep as written
# Control characters, and the line and paragraph separators, which YAML counts as line breaks
# where editors do not (every later position would be off by one line).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_constructor = yaml.constructor.SafeConstructor()


class _Refused(Exception):
    """A file refused at its first problem; turned into a diagnostic (after ``diagnostics``,
    those found before it)."""

    def __init__(self, mark: yaml.Mark | None, message: str, hint: str | None = None,
                 diagnostics: list[Diagnostic] | None = None):
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint
        self.diagnostics = diagnostics or []


def _pos(mark: yaml.Mark | None) -> Position:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _inside(text: str, line: int, col: int) -> Position:
    """Clamp a position to the text: at the end of a file without a final newline, the YAML
    scanner reports a line after the last one, which an editor cannot jump to."""
    lines = text.split("\n")
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, col


def _flow_too_deep(text: str, end: int, max_depth: int) -> int | None:
    """The offset of the first '[' or '{' opening a flow collection nested deeper than
    ``max_depth`` before ``end``, or None. A rough scan (quotes and comments skipped, brackets
    counted only where a value starts), used only to explain a syntax error."""
    depth, quote, i = 0, "", 0
    prev = "\n"  # the last character that is not a space
    end = min(end, len(text))
    while i < end:
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
            i += 1
            continue
        if ch in "'\"" and (prev in "\n[{,:-?" ):
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            newline = text.find("\n", i)
            i = end if newline < 0 else newline
            continue
        elif ch in "[{" and prev in "\n[{,:-?":
            depth += 1
            if depth > max_depth:
                return i
        elif ch in "]}" and depth:
            depth -= 1
        if ch not in " \t":
            prev = ch
        i += 1
    return None


def _offset_position(raw: bytes, offset: int) -> Position:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def load_file(path: Path, limits: Limits = DEFAULT_LIMITS, *, display: str | None = None,
              raw: bytes | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Parse ``path``. Returns the document (None when unusable) and its diagnostics.

    ``display`` (the path as shown in diagnostics) and ``raw`` (the file's bytes) save a
    second look at the file when the caller already has them.
    """
    shown = display if display is not None else display_path(path)

    def problem(line: int, col: int, message: str, hint: str | None = None,
                severity: str = "error", category: str = "syntax") -> Diagnostic:
        return Diagnostic(shown, line, col, severity, message, hint, category)  # type: ignore[arg-type]

    raw_or_problem = _read(path, raw, limits, problem)
    if isinstance(raw_or_problem, Diagnostic):
        return None, [raw_or_problem]
    raw = raw_or_problem
    diagnostics: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        diagnostics.append(problem(1, 1, "file starts with a byte-order mark (BOM)",
                                   "save the file as UTF-8 without BOM", severity="warning",
                                   category="file"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _offset_position(raw, exc.start)
        return None, [*diagnostics, problem(line, col, "file is not valid UTF-8 "
                                            f"(byte 0x{raw[exc.start]:02x})",
                                            "save the file with UTF-8 encoding", category="file")]
    bad = _CONTROL.search(text)
    if bad:  # libyaml lets some of these through; they have no place in a curriculum
        line, col = _offset_position(text.encode("utf-8"), len(text[: bad.start()].encode("utf-8")))
        return None, [*diagnostics, problem(line, col, f"file contains the control character "
                                            f"U+{ord(bad.group()):04X}",
                                            "delete it; use spaces, not tabs, for indentation",
                                            category="file")]
    document = Document(path=path, display=shown, data=None)
    try:
        found, repeated = _build(text, document, limits)
    except _Refused as exc:
        return None, [*diagnostics, *exc.diagnostics, problem(*_pos(exc.mark), exc.message, exc.hint)]
    except yaml.YAMLError as exc:
        return None, [*diagnostics, *_yaml_error(exc, text, document, limits, problem)]
    if not found:
        return None, [*diagnostics, problem(1, 1, "file is empty",
                                            "add the content, or delete the file")]
    return document, [*diagnostics, *repeated]


def _read(path: Path, raw: bytes | None, limits: Limits, problem) -> bytes | Diagnostic:
    """The file's bytes, or why they cannot be read (not a regular file, too large, unreadable)."""
    try:
        if raw is None:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):  # reading a FIFO or a device would block or never end
                return problem(1, 1, "is not a regular file (a FIFO, socket or device)", "remove it",
                               category="file")
        size = len(raw) if raw is not None else info.st_size
        if size > limits.max_file_bytes:
            return problem(1, 1, f"file is {size:,} bytes; the limit is {limits.max_file_bytes:,}",
                           "split it into several files", category="file")
        return raw if raw is not None else path.read_bytes()
    except OSError as exc:
        return problem(1, 1, f"cannot read file: {exc.strerror or exc}", category="file")


def _yaml_error(exc: yaml.YAMLError, text: str, document: Document, limits: Limits, problem) -> list[Diagnostic]:
    """The diagnostics for an error PyYAML raised while ``_build`` read ``text``."""
    if not isinstance(exc, yaml.MarkedYAMLError):  # reader errors (control characters) carry no mark object
        if isinstance(exc, yaml.reader.ReaderError):
            line, col = _offset_position(text.encode("utf-8"), len(text[: exc.position].encode("utf-8")))
            return [problem(line, col, f"file contains a character YAML does not allow "
                            f"({exc.character!r})" if isinstance(exc.character, str) else str(exc).strip(),
                            "remove control characters; use spaces, not tabs, for indentation")]
        return [problem(1, 1, f"YAML error: {exc}")]
    mark = exc.problem_mark or exc.context_mark
    # Some PyYAML releases (6.0.4) refuse deep flow nesting in their scanner, which reads
    # ahead of the events our own depth limit counts: report our limit at its real place.
    # Parse the text up to the bracket that breaks our limit: what that finds is what an
    # unlimited scanner would have found first.
    too_deep = _flow_too_deep(text, mark.index if mark is not None else len(text), limits.max_depth + 1)
    if too_deep is not None:
        try:
            _build(text[: too_deep + 1], Document(path=document.path, display=document.display, data=None), limits)
        except _Refused as first:
            return [*first.diagnostics, problem(*_pos(first.mark), first.message, first.hint)]
        except yaml.YAMLError as early:
            early_mark = getattr(early, "problem_mark", None)
            if early_mark is not None and early_mark.index < too_deep:
                exc, mark = early, early_mark  # a real syntax error before the deep part
            else:
                line, col = _offset_position(text.encode("utf-8"), len(text[:too_deep].encode("utf-8")))
                return [problem(line, col, f"value is nested more than {limits.max_depth} levels deep",
                                "flatten the structure")]
    indented = _over_indented(text, mark)
    if indented is not None:
        return [problem(*indented)]
    line, col = _inside(text, *_pos(mark))
    message = "YAML syntax error: " + " ".join(part for part in (exc.context, exc.problem) if part)
    return [problem(line, col, message, _syntax_hint(exc))]


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_resolver = yaml.resolver.Resolver()
_RESOLVED: dict[str, str] = {}  # plain scalar -> its implicit tag (depends on the text only)
_NO_KEY = object()  # a mapping's frame between two entries: the next scalar is a key
_SKIP = object()  # a mapping's frame after a repeated key: its value is not converted


def _scalar_tag(event: yaml.ScalarEvent) -> str:
    """The tag PyYAML's composer gives a scalar: explicit, or resolved from a plain value."""
    tag = event.tag
    if tag is not None and tag != "!":
        return tag
    if not event.implicit[0]:  # quoted: text
        return _STR
    value = event.value
    if (value[:1] if value else "") not in _IMPLICIT and None not in _IMPLICIT:
        return _STR  # no implicit resolver starts with this character
    tag = _RESOLVED.get(value)
    if tag is None:
        tag = _resolver.resolve(yaml.ScalarNode, value, event.implicit)
        if len(value) <= 24 and len(_RESOLVED) < 4096:  # true, 5, 2.5, no: they repeat a lot
            _RESOLVED[value] = tag
    return tag


class _Frame:
    """An open mapping or sequence while its events stream by."""

    __slots__ = ("value", "loc", "mapping", "key", "first_seen", "skip")

    def __init__(self, value, loc: Path_, mapping: bool, skip: bool):
        self.value, self.loc, self.mapping, self.skip = value, loc, mapping, skip
        self.key: object = _NO_KEY
        self.first_seen: dict[str, yaml.Mark] = {}


def _build(text: str, document: Document, limits: Limits) -> tuple[bool, list[Diagnostic]]:
    """Fill ``document`` (data and positions) from the events of ``text``, in one pass.

    Returns whether the stream had a document, and the diagnostics for repeated keys.
    Problems are reported in the order in which a parse, then PyYAML's composer, then a
    conversion of the composed nodes would meet them (which is what the tests and golden
    diagnostics describe), although the three happen in this one pass:

    1. syntax errors, aliases, non-scalar keys, and the value count and depth limits, anywhere
       in the stream: raised at once (nothing after them is read);
    2. the composer's own errors (a repeated anchor, a second document): the first is kept
       and raised at the end of the stream, unless a problem of the first kind comes later;
    3. the conversion's refusals (an unsupported tag, a string too long, a merge key): the
       first is kept, with the repeated keys found before it, and raised last. Nothing is
       built after it, but the rest of the stream is still checked for problems 1 and 2.

    A repeated key's later value is checked against the limits but not converted (YAML would
    keep the last one; we report it and keep the first).
    """
    builder = _Builder(document, limits)
    parser = _Loader(text)
    try:
        builder.consume(parser.get_event)
    finally:
        parser.dispose()
    if builder.composer_error is not None:
        raise builder.composer_error
    if builder.refused is not None:
        raise builder.refused
    return builder.found, builder.repeated


class _Builder:
    """The state of one pass of ``_build``: the open collections, the counts for the limits,
    and the first problem of each kind (see ``_build`` for the order they are reported in)."""

    def __init__(self, document: Document, limits: Limits) -> None:
        self.document, self.limits = document, limits
        self.repeated: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.count = self.documents = 0
        self.first_document_mark: yaml.Mark | None = None
        self.anchors: dict[str, yaml.Mark] = {}
        self.composer_error: yaml.composer.ComposerError | None = None
        self.refused: _Refused | None = None
        self.found = False

    def consume(self, get_event) -> None:
        scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        stack = self.stack
        while True:
            event = get_event()
            kind = event.__class__
            if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                frame = stack[-1] if stack else None
                if self.documents == 1 and event.anchor is not None and self.composer_error is None:
                    self._anchor(event)
                if frame is not None and frame.mapping and frame.key is _NO_KEY:
                    self._key(event, frame, kind is scalar_event)
                else:
                    self._value(event, frame, kind)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                if stack and stack[-1].mapping:
                    stack[-1].key = _NO_KEY  # the collection was a value: the next is a key
            elif kind is yaml.AliasEvent:
                raise _Refused(event.start_mark, "YAML aliases (*name) and merge keys are not "
                               "supported", "write the value out in full")
            elif kind is yaml.DocumentStartEvent:
                self._document_start(event)
            elif kind is yaml.StreamEndEvent:
                return

    def _anchor(self, event) -> None:
        mark = event.start_mark
        if event.anchor in self.anchors:
            self.composer_error = yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence", self.anchors[event.anchor],
                "second occurrence", mark)
        self.anchors[event.anchor] = mark

    def _document_start(self, event) -> None:
        self.documents += 1
        if self.documents == 1:
            self.first_document_mark = event.start_mark
        elif self.documents == 2 and self.composer_error is None:
            self.composer_error = yaml.composer.ComposerError(
                "expected a single document in the stream", self.first_document_mark,
                "but found another document", event.start_mark)

    def _key(self, event, frame: _Frame, is_scalar: bool) -> None:
        mark = event.start_mark
        if not is_scalar:
            raise _Refused(mark, "keys must be plain words", "write 'key: value'")
        key = event.value  # raw text: 'on' and 'yes' stay strings
        frame.key = key
        if frame.skip or self.refused is not None:
            return
        if _scalar_tag(event) == _MERGE:
            self.refused = _Refused(mark, "keys must be plain words", "write 'key: value'",
                                    diagnostics=self.repeated)
            return
        first = frame.first_seen.get(key)
        if first is not None:
            self.repeated.append(Diagnostic(
                self.document.display, *_pos(mark), "error",
                f"key '{key}' appears twice in this mapping (first on line {first.line + 1})",
                "remove one of them; YAML keeps only the last", "syntax"))
            frame.key = _SKIP
            return
        frame.first_seen[key] = mark
        self.document.key_positions[(*frame.loc, key)] = (mark.line + 1, mark.column + 1)

    def _value(self, event, frame: _Frame | None, kind) -> None:
        """A scalar, or the start of a collection, in a value's place: the limits hold for
        every value, converted or not."""
        mark = event.start_mark
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise _Refused(mark, f"file has more than {self.limits.max_nodes:,} values",
                           "split it into several files")
        if len(self.stack) > self.limits.max_depth:
            raise _Refused(mark, f"value is nested more than {self.limits.max_depth} levels deep",
                           "flatten the structure")
        key = None
        if frame is None:
            loc: Path_ = ()
            skip = self.documents > 1
            self.found = self.found or self.documents == 1
        elif frame.mapping:
            key = frame.key
            skip = frame.skip or key is _SKIP
            loc = () if skip else (*frame.loc, key)
        else:
            skip = frame.skip
            loc = () if skip else (*frame.loc, len(frame.value))
        build = not skip and self.refused is None
        if kind is yaml.ScalarEvent:
            if key is not None:
                frame.key = _NO_KEY  # type: ignore[union-attr]
            if build:
                self._scalar_value(event, frame, key, loc)
            return
        mapping = kind is yaml.MappingStartEvent
        container: Any = {} if mapping else []
        if build:
            self._place(frame, key, loc, mark, container)
        self.stack.append(_Frame(container, loc, mapping, not build))

    def _scalar_value(self, event, frame: _Frame | None, key, loc: Path_) -> None:
        value = event.value
        tag = event.tag
        if (tag is not None and tag != "!") or len(value) > self.limits.max_string_chars or (
                event.implicit[0] and (value[:1] if value else "") in _IMPLICIT) or None in _IMPLICIT:
            value = _scalar(event, self.limits.max_string_chars)  # not just text: resolve, check, convert
            if isinstance(value, _Refused):
                value.diagnostics = self.repeated
                self.refused = value
                return
        self._place(frame, key, loc, event.start_mark, value)

    def _place(self, frame: _Frame | None, key, loc: Path_, mark, value) -> None:
        self.document.positions[loc] = (mark.line + 1, mark.column + 1)
        if frame is None:
            self.document.data = value
        elif key is not None:
            frame.value[key] = value
        else:
            frame.value.append(value)


def _scalar(event: yaml.ScalarEvent, max_chars: int) -> Any:
    """The Python value of a scalar, or the refusal (as a value, so the pass goes on)."""
    tag = _scalar_tag(event)
    value = event.value
    if tag not in _SCALAR_TAGS:
        if tag in _TEXT_TAGS:
            return value
        return _Refused(event.start_mark, f"unsupported YAML tag '{tag}'",
                        "remove the tag; plain values are enough")
    if len(value) > max_chars:
        return _Refused(event.start_mark, f"value is {len(value):,} characters long; the "
                        f"limit is {max_chars:,}", "shorten it")
    if tag == _STR:
        return value
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
    try:
        return _constructor.yaml_constructors[tag](_constructor, node)
    except Exception:  # e.g. "!!bool maybe" (KeyError), "!!int x": keep the text, the model says why
        return value


_KEY_LINE = re.compile(r"(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#:\-\[\]{},'\"|>][^:#]*?):(?: +(?P<value>\S.*))?$")


def _over_indented(text: str, mark: yaml.Mark | None) -> tuple[int, int, str, str] | None:
    """(line, column, message, hint) when the syntax error is a key indented deeper than the
    key on the line before it, which already has a value: the error PyYAML reports there
    ("mapping values are not allowed", "expected <block end>") names the symptom, and its text
    differs between PyYAML's C and Python parsers. Judged from the layout of the two lines."""
    if mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    here = _KEY_LINE.match(lines[mark.line])
    if here is None or here.group("dash"):
        return None
    above = next((n for n in range(mark.line - 1, -1, -1)
                  if lines[n].strip() and not lines[n].lstrip().startswith("#")), None)
    before = _KEY_LINE.match(lines[above]) if above is not None else None
    if before is None or not before.group("value") or before.group("value")[0] in "|>":
        return None
    column = len(here.group("indent")) + 1
    expected = len(before.group("indent")) + len(before.group("dash") or "") + 1
    if column <= expected:
        return None
    key, sibling = here.group("key").strip(), before.group("key").strip()
    return (mark.line + 1, column,
            f"key '{key}' is indented more than '{sibling}' on line {above + 1} "
            f"(column {column}, not {expected})",
            f"indent '{key}' like '{sibling}', at column {expected}; YAML reads a deeper line "
            f"as part of the value of '{sibling}'")


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
