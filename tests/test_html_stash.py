"""The plugin hands Markdown the raw HTML of generated pages already stashed; the pages must
come out exactly as Markdown's own raw HTML handling makes them.

* every generated page of the real curriculum converts to the same HTML both ways, and nearly
  all of them take the fast path (so this test fails if the fast path stops being taken);
* Hypothesis writes documents of raw HTML and Markdown (nested, unclosed, mismatched and void
  tags, quoted ">", comments, scripts, indented tags, text after closing tags, blank lines
  inside blocks) and each converts to the same HTML both ways, with and without md_in_html;
  the anchor ids the fast path reports are the ones an HTML parser finds in the page;
* a whole build of the real curriculum is the same, file for file, with the fast path turned off;
* a strict build with anchor validation accepts a link to an id that only a generated page's
  raw HTML has, and fails on a link to an id that no page has.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils import meta

from conftest import GOOD, ROOT, make_project, mkdocs
from roadmap_site.integrations.plugin.html_stash import GeneratedHtml
from roadmap_site.pipeline import load_curriculum
from roadmap_site.render import html_blocks
from roadmap_site.render.pages import SiteRenderer

# The project's Markdown extensions (mkdocs.yml), and Markdown with none of them
PROJECT = (["attr_list", "md_in_html", "admonition", "toc", "pymdownx.superfences", "pymdownx.details"],
           {"toc": {"permalink": True}})
PLAIN: tuple[list[str], dict] = ([], {})


def convert(text: str, fast: bool, extensions=PROJECT) -> tuple[str, set[str]]:
    stash = GeneratedHtml()
    stash.active = fast
    md = markdown.Markdown(extensions=[*extensions[0], stash], extension_configs=extensions[1])
    return md.convert(text), stash.page_ids


class _Ids(HTMLParser):
    """The anchor ids of raw HTML, as MkDocs collects them (any id, and <a name>)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if value is not None and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


def parsed_ids(text: str) -> set[str]:
    parser = _Ids()
    parser.feed(text)
    parser.close()
    return parser.ids


def test_every_generated_page_of_the_real_curriculum_converts_the_same_both_ways():
    renderer = SiteRenderer(load_curriculum(ROOT / "curriculum").curriculum)
    pages = renderer.pages()
    fast = 0
    for src, content in pages.items():
        text = meta.get_data(content)[0]  # as MkDocs hands it to Markdown: no front matter
        slow_html, _ = convert(text, False)
        fast_html, ids = convert(text, True)
        assert fast_html == slow_html, src
        if html_blocks.find(text + "\n\n", markdown.Markdown().is_block_level):
            fast += 1
            assert ids == parsed_ids(text), src
    assert fast >= 0.95 * len(pages), (fast, len(pages))


# Documents for Hypothesis: lines of Markdown and raw HTML. Well-formed ones are what the fast
# path takes (as the renderer writes them, and with uppercase names, void and empty tags, quoted
# ">", entities, blank lines inside blocks); the rest adds what it must leave to Markdown.
_BLOCK_NAMES = ["div", "p", "ul", "li", "figure", "details", "summary", "h2", "DIV", "Li", "hr"]
_NAMES = _BLOCK_NAMES + ["span", "a", "svg", "g", "em", "label", "select", "option", "br"]
_ODD_NAMES = ["title", "input", "pre", "script", "textarea"]
_VALUES = ["x", "a > b", "it's", "&amp;", "a&#39;b", "", "t&eacute;"]
_ODD_VALUES = ["x`y", "<b>", 'say "hi"']
_TEXT = ["text", "a < b", "x <3 y", "&amp; &#x27; &copy", "**bold**", "`code`", " ", "", "\n", "5 > 4",
         "[link](http://x)"]
_ODD_TEXT = ["\n\n", "</>", "<", "<!-- c -->"]


@st.composite
def _attribute(draw, odd: bool) -> str:
    name = draw(st.sampled_from(["id", "name", "class", "data-x", "ID"] + ["markdown"] * odd))
    quote = draw(st.sampled_from(['"', "'", None] + [""] * odd))
    if quote is None:
        return f" {name}"  # a boolean attribute
    value = draw(st.sampled_from(_VALUES + _ODD_VALUES * odd))
    return f" {name}={quote}{value.replace(quote, '') if quote else value}{quote}"


@st.composite
def _element(draw, odd: bool, depth: int = 0) -> str:
    name = draw(st.sampled_from(_BLOCK_NAMES if depth == 0 and not odd else _NAMES + _ODD_NAMES * odd))
    attributes = "".join(draw(st.lists(_attribute(odd), max_size=2)))
    if draw(st.integers(0, 9)) == 0:
        return f"<{name}{attributes} />"
    text = st.sampled_from(_TEXT + _ODD_TEXT * odd)
    inside = [draw(text)]
    if depth < 3:
        inside += draw(st.lists(_element(odd, depth + 1) | text | st.just("<br>"), max_size=3))
    joint = draw(st.sampled_from(["", "\n", "\n\n"]))
    end = f"</{name}>"
    if odd:
        end = draw(st.sampled_from([end, end, "", "</span>", "</div>"]))
    return f"<{name}{attributes}>{joint}{joint.join(inside)}{joint}{end}"


_MARKDOWN = ["## Heading { #h2 }", "Some *Markdown* text", "- an item", ""]
_ODD_LINES = ["<!-- a comment -->", "    indented code", "   <div>indented</div>", "\t<p>tab</p>",
              "text <span>x</span>", "<div>x</div> and text", "!!! note\n    inside"]


def _document(odd: bool):
    line = _element(odd) | st.sampled_from(_MARKDOWN + _ODD_LINES * odd)
    return st.lists(st.tuples(line, st.sampled_from(["\n", "\n\n", "\n\n\n"])), min_size=1, max_size=6).map(
        lambda lines: "".join(text + joint for text, joint in lines))


DOCUMENTS = _document(False) | _document(True)


@settings(max_examples=600, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS, st.booleans())
def test_any_document_converts_the_same_both_ways(text, project):
    extensions = PROJECT if project else PLAIN
    slow_html, _ = convert(text, False, extensions)
    fast_html, ids = convert(text, True, extensions)
    assert fast_html == slow_html
    blocks = html_blocks.find(text + "\n\n", markdown.Markdown().is_block_level)
    if blocks:
        assert ids == set().union(*(parsed_ids(text[b.start:b.end]) for b in blocks))


@pytest.mark.parametrize("text", [
    "<!-- material/tags -->\n\n<div>x</div>\n",  # a comment: another plugin's marker
    "<div>\n<script>if (a < b) {}</script>\n</div>\n",  # raw text
    '<div markdown="1">\n*x*\n</div>\n',  # Markdown inside
    "<div>x</div> more\n",  # text after the closing tag
    "Text with <span>HTML</span>\n",  # HTML in a Markdown line
    "<div class=x>y</div>\n",  # an unquoted attribute
    "<div>\n<p>never closed\n",  # unclosed
    "<span>inline first</span>\n",  # not a block-level tag
])
def test_what_the_fast_path_cannot_judge_is_left_to_markdown(text):
    assert html_blocks.find(text + "\n\n", markdown.Markdown().is_block_level) is None
    assert convert(text, True)[0] == convert(text, False)[0]


def test_a_whole_build_is_the_same_without_the_fast_path(tmp_path, monkeypatch):
    project = make_project(tmp_path, ROOT / "curriculum")
    monkeypatch.setenv("ROADMAP_SITE_CACHE", "off")

    def site(name: str) -> dict[str, bytes]:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / name)))
        return {p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                for p in sorted((tmp_path / name).rglob("*")) if p.is_file()}

    fast = site("fast")
    monkeypatch.setattr(GeneratedHtml, "extendMarkdown", lambda self, md: None)  # Markdown's own way
    slow = site("slow")
    assert len(fast) > 300 and fast.keys() == slow.keys()
    assert [name for name in fast if fast[name] != slow[name]] == []


def test_anchor_validation_sees_the_ids_of_generated_raw_html(tmp_path):
    page = '# Links\n\n[the first self-check](basics/{}/index.md#check-1)\n'
    project = make_project(tmp_path, GOOD, extra_docs={"links.md": page})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nvalidation:\n  anchors: warn\n",
                      encoding="utf-8")
    topic = next(key for key, t in load_curriculum(GOOD).curriculum.topics.items()
                 if key.startswith("basics/") and t.data.checks).split("/")[1]
    (project / "docs" / "links.md").write_text(page.format(topic), encoding="utf-8")
    built = mkdocs(project, "build", "--strict")
    assert built.returncode == 0, built.stderr
    (project / "docs" / "links.md").write_text(page.format(topic).replace("#check-1", "#check-99"),
                                               encoding="utf-8")
    broken = mkdocs(project, "build", "--strict")
    assert broken.returncode != 0 and "check-99" in broken.stderr
