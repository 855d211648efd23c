"""Accessibility of the real site in headless Chromium: axe-core on the five kinds of page in light
and dark mode, and the keyboard on the diagram and the progress controls.

axe-core comes with the ``axe-playwright-python`` package (its ``axe.min.js``; no download). The
pages carry some progress (done, in progress, skipped) so that the state colours are checked too.
Every violation is printed; those of impact "serious" or "critical" fail the test. No rule is
turned off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import serve_directory
from conftest import ROOT, make_project, mkdocs

pytestmark = pytest.mark.browser

KEY = "roadmap-site:progress:v1"
PROGRESS = {"version": 1, "topics": {"ml/what-is-ml": "done", "ml/ml-workflow": "doing",
                                     "ml/linear-regression": "done", "ml/logistic-regression": "skipped"}}
SEED = f"localStorage.getItem({KEY!r}) || localStorage.setItem({KEY!r}, {json.dumps(json.dumps(PROGRESS))})"
SCHEMES = {"light": "default", "dark": "slate"}  # mkdocs.yml maps the palettes to prefers-color-scheme
READY = """() => (!document.querySelector('[data-rs-bar]') || document.querySelector('[data-rs-bar] progress'))
  && (!document.querySelector('.rs-status[data-rs-topic]') || document.querySelector('.rs-status input'))
  && (!document.querySelector('[data-rs-tools]') || document.querySelector('[data-rs-tools] button'))"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("a11y"), ROOT / "curriculum")  # a snapshot of the real site
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    return project / "site"


@pytest.fixture(scope="module")
def site(built):
    with serve_directory(built) as url:
        yield url


def pages(built: Path) -> dict[str, str]:
    api = json.loads((built / "api/curriculum.json").read_text(encoding="utf-8"))
    ml = next(r for r in api["roadmaps"] if r["id"] == "ml")
    return {"home": "", "roadmap": "ml/", "phase": ml["phases"][1]["url"], "topic": "ml/linear-regression/",
            "topic-cross": "foundations/linear-algebra/",  # links to other roadmaps in its lists
            "resources": "resources/", "project": ml["phases"][1]["project"]["url"], "review": "review/",
            "plan": "plan/", "tracks": "tracks/", "tags": "tags/"}


def describe(violation: dict) -> str:
    targets = ", ".join(" ".join(n["target"]) for n in violation["nodes"][:4])
    summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")[:300]
    return (f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} elements): {violation['help']}\n"
            f"    targets: {targets}\n    {summary}")


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", ["home", "roadmap", "phase", "topic", "topic-cross", "resources", "project",
                                  "review", "plan", "tracks", "tags"])
def test_axe_finds_no_serious_violation(built, site, browser, kind, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(SEED)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    path = pages(built)[kind]
    page.goto(site + path)
    page.wait_for_function(READY)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    results = Axe().run(page).response
    context.close()
    violations = results["violations"]
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    print(f"\naxe {kind} (/{path}) {scheme}: {len(violations)} violations, {len(serious)} serious or critical")
    for v in violations:
        print("  " + describe(v))
    assert errors == []
    assert not serious, "\n".join(describe(v) for v in serious)


# -- keyboard ------------------------------------------------------------------------------------

def focused(page) -> dict:
    return page.evaluate("""() => { const a = document.activeElement;
      const node = a.closest && a.closest('.rs-node');
      return {tag: a.tagName.toLowerCase(), topic: node ? node.getAttribute('data-rs-topic') : null,
              toggle: a.getAttribute('data-rs-toggle'), link: !!(node && a.matches('a')),
              radio: a.matches('.rs-status input[type=radio]') ? a.value : null,
              button: a.matches('[data-rs-tools] button') ? a.textContent : null,
              visible: a.matches(':focus-visible')}; }""")


def tab_until(page, predicate, limit: int = 600) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if predicate(now):
            return now
    raise AssertionError("not reached with Tab")


def test_tab_reaches_every_diagram_node_and_toggle_in_order(built, site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "ml/")
    page.wait_for_function(READY)
    expected = page.eval_on_selector_all(".rs-diagram.rs-wide .rs-node",
                                         "gs => gs.map(g => g.getAttribute('data-rs-topic'))")
    links, toggles, seen = [], [], 0
    for _ in range(800):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["link"]:
            links.append(now["topic"])
            assert now["visible"], now  # a keyboard focus shows
        elif now["toggle"]:
            toggles.append(now["toggle"])
            assert now["visible"], now
        elif now["button"]:
            seen += 1
        if seen and len(toggles) >= len(expected):
            break
    assert len(expected) >= 10
    assert links == expected and toggles == expected  # each node: its link, then its toggle
    assert seen, "the export/import/reset buttons are reachable too"
    context.close()


def test_space_and_enter_on_a_diagram_toggle_change_the_state(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "ml/")
    page.wait_for_function(READY)
    now = tab_until(page, lambda f: f["toggle"] is not None)
    key = now["toggle"]
    node = f'.rs-node[data-rs-topic="{key}"]'
    scroll = page.evaluate("window.scrollY")
    page.keyboard.press(" ")  # one press: done
    assert page.get_attribute(node, "data-rs-state") == "done"
    assert page.evaluate("window.scrollY") == scroll  # Space toggles, it does not scroll the page
    assert ": done." in page.get_attribute(f'[data-rs-toggle="{key}"]', "aria-label")
    page.keyboard.press("Enter")  # again: back to not started
    assert page.get_attribute(node, "data-rs-state") == "todo"
    assert focused(page)["toggle"] == key  # focus stays on the control
    url = page.url
    for press, state in (("p", "doing"), ("s", "skipped"), ("d", "done"), ("n", "todo")):
        page.keyboard.press(press)  # the documented keys, not Material's page shortcuts
        assert page.get_attribute(node, "data-rs-state") == state
    assert page.url == url
    context.close()


def test_enter_on_a_diagram_node_opens_its_topic(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "ml/")
    page.wait_for_function(READY)
    now = tab_until(page, lambda f: f["link"])
    title = page.locator(f'.rs-diagram:visible .rs-node[data-rs-topic="{now["topic"]}"] a > title').text_content()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{now['topic']}/")
    assert page.locator("h1").inner_text() == title
    context.close()


def test_progress_radios_work_with_tab_arrows_and_space(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "ml/linear-regression/")
    page.wait_for_function(READY)
    now = tab_until(page, lambda f: f["radio"] is not None)
    assert now["radio"] == "todo" and now["visible"]  # Tab lands on the checked radio of the group
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("radio", name="In progress").is_checked()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("radio", name="Done").is_checked()
    page.keyboard.press("Shift+Tab")  # leave the group, come back, choose with Space
    page.keyboard.press("Tab")
    assert focused(page)["radio"] == "done"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Space")
    assert page.get_by_role("radio", name="In progress").is_checked()
    page.reload()
    page.wait_for_function(READY)
    assert page.get_by_role("radio", name="In progress").is_checked()
    context.close()


def test_progress_tools_work_with_enter_and_space(site, browser, tmp_path):
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(SEED)
    page = context.new_page()
    page.goto(site + "ml/")
    page.wait_for_function(READY)
    assert tab_until(page, lambda f: f["button"] is not None)["button"] == "Export progress"
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    info.value.save_as(tmp_path / "progress.json")
    exported = json.loads((tmp_path / "progress.json").read_text())["topics"]  # format 1 seed, migrated
    assert {key: entry[0] for key, entry in exported.items()} == PROGRESS["topics"]
    page.keyboard.press("Tab")
    assert focused(page)["button"] == "Import progress"
    # the button opens the file picker through the hidden file input: watch for that click (and
    # cancel it, so no native dialog is involved)
    page.eval_on_selector("[data-rs-tools] input[type=file]",
                          "i => i.addEventListener('click', e => { e.preventDefault(); window.rsPicked = true; })")
    page.keyboard.press("Space")
    page.wait_for_function("window.rsPicked === true")
    page.keyboard.press("Tab")
    assert focused(page)["button"] == "Reset progress"
    page.once("dialog", lambda d: d.accept())
    page.keyboard.press("Space")
    page.locator(".rs-message", has_text="Progress reset").wait_for()
    assert page.get_attribute('.rs-node[data-rs-topic="ml/linear-regression"]', "data-rs-state") == "todo"
    context.close()
