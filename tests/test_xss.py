"""Hostile text from YAML must never run in a reader's browser.

A curriculum whose every free-text field carries an XSS payload is built with the real
plugin; the HTML is checked for surviving payloads, then every page is opened in headless
Chromium, which must see no dialog, no flag set by a payload, and no injected element.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from browser import launch, serve_directory
from conftest import make_project, mkdocs
from roadmap_site.markup import SafeMarkdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "'><iframe src=javascript:alert(4)></iframe>",
    "<svg><script>alert(5)</script></svg>",
    "</title><script>alert(6)</script>",
    "</textarea><script>alert(7)</script>",
    "<a href=\"javascript:alert(8)\">click</a>",
    "<body onload=alert(9)>",
    "<details open ontoggle=alert(10)>",
    "&lt;script&gt;alert(11)&lt;/script&gt;",
    "Title {: onclick=\"alert(12)\" }",
    "*x*{: onmouseover=\"alert(13)\" }",
    "<style>body{display:none}</style>",
    "<!-- x --><script>alert(14)</script>",
    "javascript:alert(15)",
    "{{ 7*7 }} {% raw %}",
    "<http://x.invalid\" onmouseover=\"alert(16)>",
    "[x](https://example.com \"t\\\" onmouseover=\\\"alert(17)\")",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(18)>",
    "<object data=\"data:text/html,<script>alert(19)</script>\"></object>",
    "\" autofocus onfocus=alert(20) x=\"",
]
# Link tricks the validator refuses outright; the renderer must neutralise them as well.
LINK_TRICKS = [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x][r]\n\n[r]: javascript:alert(1)", "![x](javascript:alert(1))", "[x](vbscript:msgbox(1))",
    "<javascript:alert(1)>", "[x](  javascript:alert(1))", "[x](java\tscript:alert(1))",
]
DANGEROUS = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def hostile_curriculum(root: Path) -> None:
    (root / "xss/phases").mkdir(parents=True)
    (root / "resources").mkdir()
    topics = []
    for i, payload in enumerate(PAYLOADS):
        topics.append({
            "id": f"t{i}", "title": payload[:120], "summary": f"{payload} and [[t{(i + 1) % len(PAYLOADS)}]].",
            "level": "beginner", "hours": 1, "tags": ["hostile"],
            "prerequisites": [f"t{i - 1}"] if i else [],
            "subtopics": [payload, {"title": payload, "subtopics": [payload]}],
            "resources": [
                {"ref": "safe"},
                {"title": payload[:120], "url": f"https://example.com/?q={i}&x=1#frag", "type": "article",
                 "free": True, "description": payload[:300], "authors": payload[:200]},
            ],
        })
    half = len(topics) // 2
    phases = {"one": topics[:half], "two": topics[half:]}
    for n, (pid, items) in enumerate(phases.items()):
        (root / f"xss/phases/{pid}.yml").write_text(yaml.safe_dump(
            {"id": pid, "title": PAYLOADS[n], "summary": PAYLOADS[n + 2], "topics": items}))
    (root / "xss/roadmap.yml").write_text(yaml.safe_dump(
        {"id": "xss", "title": PAYLOADS[1], "summary": PAYLOADS[2] + " " + PAYLOADS[0], "phases": list(phases)}))
    (root / "resources/catalog.yml").write_text(yaml.safe_dump([
        {"id": "safe", "title": PAYLOADS[5], "url": "https://example.com/", "type": "book", "free": True,
         "description": PAYLOADS[3], "authors": PAYLOADS[2]}]))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("xss")
    hostile_curriculum(tmp / "curriculum")
    project = make_project(tmp, tmp / "curriculum")
    proc = mkdocs(project, "build")
    assert proc.returncode == 0, proc.stderr
    return project / "site"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_payload_survives_in_the_html(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) > 25
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = BeautifulSoup(text, "html.parser")
        where = path.relative_to(hostile_site)
        for el in page.find_all(True):
            for attr, value in el.attrs.items():
                assert not attr.lower().startswith("on"), f"{where}: <{el.name} {attr}>"
                values = value if isinstance(value, list) else [value]
                if attr in ("href", "src", "xlink:href", "data", "action", "formaction"):
                    assert not any(DANGEROUS.match(v) for v in values), f"{where}: {attr}={value}"
        for tag in ("iframe", "object", "embed", "details", "math", "textarea"):
            assert not page.find_all(tag), f"{where}: injected <{tag}>"
        assert len(page.find_all("body")) == 1, f"{where}: injected <body>"
        for script in page.find_all("script"):
            assert "alert(" not in (script.string or ""), f"{where}: injected script"
        for style in page.find_all("style"):
            assert "display:none" not in (style.string or ""), f"{where}: injected style"


def test_template_syntax_in_text_is_not_evaluated(hostile_site):
    texts = [p.read_text(encoding="utf-8") for p in html_pages(hostile_site)]
    assert any("{{ 7*7 }}" in t for t in texts)


def test_renderer_neutralises_link_tricks():
    md = SafeMarkdown()
    for trick in LINK_TRICKS + PAYLOADS:
        html, _ = md.convert(trick, "xss")
        page = BeautifulSoup(html, "html.parser")
        for el in page.find_all(True):
            assert el.name in ("p", "a", "em", "strong", "code", "span", "br"), (trick, html)
            assert not any(a.startswith("on") for a in el.attrs), (trick, html)
            for attr in ("href", "src"):
                assert not DANGEROUS.match(el.get(attr, "")), (trick, html)


@pytest.mark.browser
def test_no_payload_runs_in_chromium(hostile_site):
    pages = [p.relative_to(hostile_site).as_posix() for p in html_pages(hostile_site)
             if not p.name == "404.html"]
    dialogs: list[str] = []
    with serve_directory(hostile_site) as base, launch() as browser:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        for rel in pages:
            page.goto(base + rel)
            page.wait_for_load_state("load")
            injected = page.evaluate(
                "() => [...document.querySelectorAll('iframe, object, embed, details, math,"
                " textarea:not(.rs-notes > textarea),"  # the notes field the progress script builds
                " [onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle]')]"
                ".map(e => e.outerHTML.slice(0, 80))")
            assert injected == [], (rel, injected)
        context.close()
    assert dialogs == []
    print(f"{len(PAYLOADS)} payloads in every text field, {len(LINK_TRICKS)} link tricks, "
          f"{len(pages)} pages opened in Chromium")
