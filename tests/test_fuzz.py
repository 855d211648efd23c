"""No traceback, ever: Hypothesis mutates the good fixture curriculum and loads it.

Each example copies ``tests/fixtures/good`` to a temporary folder and applies one to three
mutations, at the level of the YAML data (delete, duplicate, swap or rename keys and list items;
replace a value by one of another type; hostile strings: random Unicode, control characters,
tabs, very long text), at the level of the text (truncate at a random byte, flip bytes, insert
text, delete/duplicate/swap lines) or at the level of the files (delete, empty, copy, rename).
Loading must then end in a valid curriculum, which also renders, or in diagnostics that each
name a file, a line and a column (both >= 1) and carry a message.

The seed is fixed (``derandomize=True``) and the number of examples bounded, so CI runs the same
examples every time; the count and the mutations tried are printed at the end of the test.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GOOD
from roadmap_site.diagnostics import format_github, format_text
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render.api import curriculum_json
from roadmap_site.render.nav import build_nav
from roadmap_site.render.pages import SiteRenderer

EXAMPLES = 800
FILES = sorted(p.relative_to(GOOD).as_posix() for p in GOOD.rglob("*.yml"))
TRIED: Counter = Counter()  # mutation kind -> how many times it was applied
OUTCOMES: Counter = Counter()  # "valid" / "diagnostics"


class Pairs(list):
    """A YAML mapping as a list of (key, value) pairs, so that keys can repeat."""


def _represent_pairs(dumper: yaml.SafeDumper, pairs: Pairs) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", list(pairs))


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Pairs, _represent_pairs)


def to_pairs(value):
    if isinstance(value, dict):
        return Pairs((k, to_pairs(v)) for k, v in value.items())
    if isinstance(value, list):
        return [to_pairs(v) for v in value]
    return value


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


# -- values -------------------------------------------------------------------------------

def _fixture_words() -> list[str]:
    """Strings of the fixture (ids, references, keys): mutations then make plausible mistakes
    such as a duplicate id, a reference cycle or a key in the wrong place."""
    words: set[str] = set()

    def walk(value, roadmap: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                words.add(k)
                walk(v, roadmap)
        elif isinstance(value, list):
            for v in value:
                walk(v, roadmap)
        elif isinstance(value, str) and len(value) < 40:
            words.add(value)
            words.add(f"{roadmap}/{value}")

    for name in FILES:
        walk(yaml.safe_load((GOOD / name).read_text(encoding="utf-8")), name.split("/")[0])
    return sorted(words)


WORDS = _fixture_words()
CONTROL = [chr(c) for c in [*range(0, 32), 0x7F, 0x85, 0xA0, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF]]
TRICKY = ["\t", " ", "", "~", "null", "yes", "no", "on", "0x1F", "1e400", "-.inf", ".nan", "2024-01-01",
          "&a", "*a", "!!python/object:os.system", "<<", "? x", "- x", "{", "[", "'", '"', "#", "%YAML 1.1",
          "---", "...", "[[python]]", "[[basics/nope]]", "[x](javascript:alert(1))", "<script>alert(1)</script>",
          "\u202e\u0645\u0631\u062d\u0628\u0627", "\U0001f600" * 3, "\ud7ff\ue000", "a\u0301\u0308", "ǅ"]

strings = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(TRICKY),
    st.text(max_size=40),  # any Unicode, surrogates excluded (they cannot be written as UTF-8)
    st.text(alphabet=st.sampled_from(CONTROL + ["a", " ", "-", ":"]), min_size=1, max_size=10),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "é", "\U0001f600", "ab "]),
              st.sampled_from([200, 5_000, 19_999, 20_001, 60_000])),
)
scalars = st.one_of(
    strings,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 0.25, 1e308, float("inf"), float("nan")]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(st.tuples(strings, inner), max_size=4).map(Pairs),
    ),
    max_leaves=8,
)


# -- mutations ----------------------------------------------------------------------------

def containers(value, path=()):
    """Every mapping and list in ``value`` with its path, the root first."""
    if isinstance(value, (Pairs, list)):
        yield path, value
        for k, v in (value if isinstance(value, Pairs) else enumerate(value)):
            yield from containers(v, (*path, k))


def mutate_data(draw, data):
    """One structural change somewhere in the data (which may be replaced as a whole)."""
    found = list(containers(data))
    if not found:  # the root is a scalar after an earlier mutation
        kind = "data:replace-root"
        TRIED[kind] += 1
        return kind, draw(values)
    leaves = [(node, k) for _, node in found for k, v in enumerate(node)
              if isinstance(v[1] if isinstance(node, Pairs) else v, str)]
    if leaves and draw(st.booleans()):  # new text, same type: mostly still valid, so it renders
        node, k = draw(st.sampled_from(leaves))
        text = draw(strings)
        node[k] = (node[k][0], text) if isinstance(node, Pairs) else text
        TRIED["data:new-string"] += 1
        return "data:new-string", data
    _, node = draw(st.sampled_from(found))
    if isinstance(node, Pairs):
        ops = ["delete", "duplicate", "swap", "rename", "add", "retype"] if node else ["add"]
        op = draw(st.sampled_from(ops))
        kind = f"data:mapping-{op}"
        i = draw(st.integers(0, max(0, len(node) - 1)))
        if op == "delete":
            del node[i]
        elif op == "duplicate":  # the same key again, with the same or another value
            key, value = node[i]
            node.insert(draw(st.integers(0, len(node))), (key, draw(st.one_of(st.just(value), values))))
        elif op == "swap":  # two values change places (each now under the other's key)
            j = draw(st.integers(0, len(node) - 1))
            (ki, vi), (kj, vj) = node[i], node[j]
            node[i], node[j] = (ki, vj), (kj, vi)
        elif op == "rename":
            node[i] = (draw(strings), node[i][1])
        elif op == "add":
            node.insert(draw(st.integers(0, len(node))), (draw(strings), draw(values)))
        else:
            node[i] = (node[i][0], draw(values))
    else:
        ops = ["delete", "duplicate", "swap", "insert", "retype", "empty"] if node else ["insert"]
        op = draw(st.sampled_from(ops))
        kind = f"data:list-{op}"
        i = draw(st.integers(0, max(0, len(node) - 1)))
        if op == "delete":
            del node[i]
        elif op == "duplicate":
            node.insert(i, node[i])
        elif op == "swap":
            j = draw(st.integers(0, len(node) - 1))
            node[i], node[j] = node[j], node[i]
        elif op == "insert":
            node.insert(draw(st.integers(0, len(node))), draw(values))
        elif op == "retype":
            node[i] = draw(values)
        else:
            node.clear()
    TRIED[kind] += 1
    return kind, data


def mutate_text(draw, raw: bytes) -> bytes:
    op = draw(st.sampled_from(["truncate", "flip", "insert-text", "insert-control", "delete-line",
                               "duplicate-line", "swap-lines", "indent"]))
    TRIED[f"text:{op}"] += 1
    at = draw(st.integers(0, len(raw)))
    if op == "truncate":
        return raw[:at]
    if op == "flip":
        out = bytearray(raw)
        for _ in range(draw(st.integers(1, 4))):
            if out:
                out[draw(st.integers(0, len(out) - 1))] ^= draw(st.integers(1, 255))
        return bytes(out)
    if op in ("insert-text", "insert-control"):
        text = draw(strings if op == "insert-text" else st.sampled_from(CONTROL))
        return raw[:at] + text.encode("utf-8", "surrogatepass") + raw[at:]
    lines = raw.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    if op == "delete-line":
        del lines[i]
    elif op == "duplicate-line":
        lines.insert(i, lines[i])
    elif op == "swap-lines":
        lines[i], lines[j] = lines[j], lines[i]
    else:  # re-indent a line with spaces or a tab
        lines[i] = draw(st.sampled_from([b"\t", b" ", b"   ", b""])) + lines[i].lstrip()
    return b"\n".join(lines)


# What YAML's double-quoted escapes can put into a string: controls, ESC (terminal sequences),
# line and paragraph separators, bidi overrides, a NUL, a lone surrogate, a BOM.
ESCAPES = ["\\e[2J", "\\x1b]0;title\\x07", "\\u2028", "\\u2029", "\\u202e", "\\0", "\\x85",
           "\\ud800", "\\ufeff", "\\N", "\\L", "\\P", "\\t", "\\r\\n"]


def mutate_escape(draw, raw: bytes) -> bytes:
    """Replace a plain scalar after 'key: ' by a double-quoted string holding an escape."""
    lines = raw.split(b"\n")
    candidates = [i for i, line in enumerate(lines) if b": " in line and not line.rstrip().endswith(b":")]
    if not candidates:
        return raw
    i = draw(st.sampled_from(candidates))
    key, _, value = lines[i].partition(b": ")
    escape = draw(st.sampled_from(ESCAPES)).encode("ascii")
    lines[i] = key + b': "' + value.strip().replace(b"\\", b"").replace(b'"', b"")[:20] + escape + b'"'
    TRIED["text:escape"] += 1
    return b"\n".join(lines)


def mutate_filesystem(draw, root: Path) -> None:
    """Things a folder holds besides content: links broken, looping or leading outside, FIFOs,
    editor artefacts."""
    op = draw(st.sampled_from(["dangling", "loop", "outside", "fifo", "backup", "autosave", "readme"]))
    TRIED[f"fs:{op}"] += 1
    folder = root / draw(st.sampled_from(["", "basics", "basics/phases", "resources"]))
    name = draw(st.sampled_from(["x.yml", "start.yml~", "#start.yml#", ".#start.yml", "README.md", "phases"]))
    path = folder / name
    if path.exists() or path.is_symlink():
        return
    if op == "dangling":
        path.symlink_to(root / "nowhere")
    elif op == "loop":
        path.symlink_to(path)
    elif op == "outside":
        path.symlink_to(root.parent)
    elif op == "fifo":
        os.mkfifo(path)
    else:
        path.write_text("id: [broken\n", encoding="utf-8")


def mutate_files(draw, root: Path) -> None:
    if draw(st.booleans()):
        return mutate_filesystem(draw, root)
    op = draw(st.sampled_from(["delete", "empty", "copy", "rename", "stray"]))
    TRIED[f"file:{op}"] += 1
    path = root / draw(st.sampled_from(FILES))
    if not path.exists():
        return
    if op == "delete":
        path.unlink()
    elif op == "empty":
        path.write_bytes(draw(st.sampled_from([b"", b"\n", b"---\n", b"~\n", b"[]\n", b"{}\n", b"# x\n"])))
    elif op == "copy":  # the same ids twice, or a phase file no roadmap lists
        shutil.copy(path, path.with_name("copy-" + path.name))
    elif op == "rename":
        path.rename(path.with_name(draw(st.sampled_from(["x.yml", "Upper.yml", "a b.yml", "x.yaml", ".h.yml"]))))
    else:  # a file or a folder where none is expected
        where = draw(st.sampled_from(["notes.txt", "basics/extra.yml", "basics/phases/extra.txt", "empty-roadmap",
                                      "resources/sub", "basics/phases/sub.yml"]))
        if "." in where and not where.endswith("sub.yml"):
            (root / where).write_text("hello: world\n", encoding="utf-8")
        else:
            (root / where).mkdir(exist_ok=True)


@st.composite
def mutated_curriculum(draw, root: Path):
    """Apply 1-3 mutations to the copy at ``root``; returns their descriptions."""
    applied = []
    for _ in range(draw(st.integers(1, 3))):
        level = draw(st.sampled_from(["data", "data", "text", "file"]))
        if level == "file":
            mutate_files(draw, root)
            applied.append("file")
            continue
        name = draw(st.sampled_from(FILES))
        path = root / name
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if level == "data":
            try:
                data = to_pairs(yaml.safe_load(raw))
            except yaml.YAMLError:  # an earlier text mutation broke it: mutate the text instead
                level = "text"
            else:
                kind, data = mutate_data(draw, data)
                path.write_text(dump(data), encoding="utf-8")
                applied.append(f"{name} {kind}")
        if level == "text":
            path.write_bytes(mutate_escape(draw, raw) if draw(st.booleans()) else mutate_text(draw, raw))
            applied.append(f"{name} text")
    return applied


# -- the property ---------------------------------------------------------------------------

def check_loads(root: Path) -> None:
    result = load_curriculum(root)
    for d in result.diagnostics:
        assert isinstance(d.file, str) and d.file, d
        assert isinstance(d.line, int) and d.line >= 1, d
        assert isinstance(d.column, int) and d.column >= 1, d
        assert isinstance(d.message, str) and d.message.strip(), d
        assert d.severity in ("error", "warning"), d
        shown = Path(d.file)
        if shown.is_file():  # the position is inside the file
            text = shown.read_bytes()
            assert d.line <= text.count(b"\n") + 1, (d, text[-200:])
    for line in (format_text(result.diagnostics), format_github(result.diagnostics)):
        # nothing a terminal or log viewer would act on reaches the output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", line), line
    if result.ok:
        OUTCOMES["valid"] += 1
        assert not any(d.severity == "error" for d in result.diagnostics)
        curriculum = result.curriculum
        for directory_urls in (True, False):
            renderer = SiteRenderer(curriculum, directory_urls)
            pages = renderer.pages()
            assert all(isinstance(text, str) for text in pages.values())
            renderer.overview("index.md")
            curriculum_json(curriculum, directory_urls)
        build_nav(None, curriculum, ["index.md"])
    else:
        OUTCOMES["diagnostics"] += 1
        assert any(d.severity == "error" for d in result.diagnostics), result.diagnostics


def test_mutated_curricula_load_or_explain_themselves(capsys, record_property, monkeypatch):
    examples = 0

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def run(data):
        nonlocal examples
        examples += 1
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "curriculum"
            shutil.copytree(GOOD, root)
            data.draw(mutated_curriculum(root), label="mutations")
            with monkeypatch.context() as m:
                m.chdir(tmp)  # diagnostics then name files relative to the copy
                check_loads(Path("curriculum"))

    run()
    mutations = sum(TRIED.values())
    record_property("examples", examples)
    record_property("mutations", mutations)
    with capsys.disabled():
        print(f"\nfuzz: {examples} examples, {mutations} mutations "
              f"({OUTCOMES['valid']} loaded valid and rendered, {OUTCOMES['diagnostics']} ended in diagnostics)")
        print("fuzz: mutations tried: " + ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items())))
    assert examples >= EXAMPLES // 2  # Hypothesis may stop early only if the space is exhausted


TEXT_KEYS = {"title", "summary", "description", "authors"}


def text_leaves(tree) -> list:
    """(container, index) of every free-text string: titles, summaries, descriptions, subtopics."""
    return [(node, k) for path, node in containers(tree) for k, v in enumerate(node)
            if (isinstance(node, Pairs) and v[0] in TEXT_KEYS and isinstance(v[1], str))
            or (not isinstance(node, Pairs) and path and path[-1] == "subtopics" and isinstance(v, str))]


def test_new_text_in_free_text_fields_loads_or_explains_itself(capsys, monkeypatch):
    """Only free text changes (titles, summaries, descriptions, subtopics): most results stay
    valid, so this exercises the rendering of hostile text."""
    examples = 0
    before = OUTCOMES["valid"]

    @settings(max_examples=EXAMPLES // 4, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def run(data):
        nonlocal examples
        examples += 1
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "curriculum"
            shutil.copytree(GOOD, root)
            for _ in range(data.draw(st.integers(1, 4))):
                path = root / data.draw(st.sampled_from(FILES))
                tree = to_pairs(yaml.safe_load(path.read_bytes()))
                leaves = text_leaves(tree)
                node, k = data.draw(st.sampled_from(leaves))
                text = data.draw(strings)
                node[k] = (node[k][0], text) if isinstance(node, Pairs) else text
                TRIED["data:new-string"] += 1
                path.write_text(dump(tree), encoding="utf-8")
            with monkeypatch.context() as m:
                m.chdir(tmp)
                check_loads(Path("curriculum"))

    run()
    with capsys.disabled():
        print(f"\nfuzz (strings only): {examples} examples, {OUTCOMES['valid'] - before} loaded valid and rendered")


def test_the_unmutated_fixture_is_valid():
    """The starting point: without mutations the property holds with a valid curriculum."""
    result = load_curriculum(GOOD)
    assert result.ok, format_text(result.diagnostics)
