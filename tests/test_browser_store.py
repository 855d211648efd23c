"""The progress store in headless Chromium (issue 14): every way progress used to be lost.

The fixture site is served twice on one origin, under /a/ and /b/ (as GitHub Pages serves
project sites), so each test also shows that the store is keyed by the site's base path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import serve_directory
from conftest import GOOD, make_project, mkdocs

pytestmark = pytest.mark.browser
PREFIX = "roadmap-site:/a/:progress:"  # + a roadmap's id: one key per roadmap
SHARD = PREFIX + "basics"
ASIDE = "roadmap-site:/a/:unreadable:"
OLD_KEY = "roadmap-site:progress:v1"
# Fill this origin's localStorage until a write of even a few characters fails.
FILL = """() => { let n = 0;
  for (let size = 1 << 20; size >= 4; size >>= 1) {
    for (;;) { try { localStorage.setItem('filler-' + n++, 'x'.repeat(size)); } catch (e) { break; } }
  }
  return n; }"""
FREE = "() => Object.keys(localStorage).filter(k => k.startsWith('filler-')).forEach(k => localStorage.removeItem(k))"


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    root = tmp_path_factory.mktemp("store")
    project = make_project(root, GOOD)
    proc = mkdocs(project, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    served = root / "served"
    served.mkdir()
    for name in ("a", "b"):  # two deployments of the site on one origin
        (served / name).symlink_to(project / "site", target_is_directory=True)
    with serve_directory(served) as url:
        yield url


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


def open_page(context, url):
    page = context.new_page()
    page.accept_dialogs = lambda d: d.accept()  # answer_dialogs replaces it
    page.on("dialog", page.accept_dialogs)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    page.goto(url)
    page.wait_for_function("window.roadmapSiteStore !== undefined")
    return page


def raw_items(page, prefix=PREFIX) -> dict[str, str]:
    return page.evaluate("p => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith(p)))",
                         prefix)


def stored(page, prefix=PREFIX) -> dict:
    """Every roadmap's stored document, merged; each one must be format 2."""
    merged: dict = {"topics": {}, "notes": {}}
    for raw in raw_items(page, prefix).values():
        data = json.loads(raw)
        assert data["version"] == 2
        merged["topics"].update(data["topics"])
        merged["notes"].update(data["notes"])
    return merged


def states(page, prefix=PREFIX) -> dict[str, str]:
    return {k: v[0] for k, v in stored(page, prefix)["topics"].items() if v[0] != "todo"}


def get(page, key: str) -> str | None:
    return page.evaluate("k => localStorage.getItem(k)", key)


def mark(page, topic_url: str, label: str) -> None:
    page.goto(topic_url)
    page.get_by_role("radio", name=label).check()


def test_two_tabs_merge_per_topic_and_follow_each_other(origin, context):
    a = open_page(context, origin + "a/basics/")
    b = open_page(context, origin + "a/basics/python/")
    a.goto(origin + "a/basics/linear-algebra/")
    a.get_by_role("radio", name="Skipped").check()
    # B loaded before A's change and never reloaded: its click must not write A's topic back.
    b.get_by_role("radio", name="Done").check()
    assert states(b) == {"basics/python": "done", "basics/linear-algebra": "skipped"}
    # A follows B without a reload (the storage event), and its next change keeps B's.
    a.goto(origin + "a/basics/")
    b.goto(origin + "a/basics/regression/")
    b.get_by_role("radio", name="In progress").check()
    a.wait_for_function("document.querySelector('[data-rs-item=\"basics/regression\"]')"
                        ".getAttribute('data-rs-state') === 'doing'")
    assert states(a) == {"basics/python": "done", "basics/linear-algebra": "skipped", "basics/regression": "doing"}
    assert a.errors == [] and b.errors == []


def test_failed_save_then_other_tab_loses_nothing(origin, context):
    a = open_page(context, origin + "a/basics/python/")
    b = open_page(context, origin + "a/basics/")
    a.evaluate(FILL)
    a.get_by_role("radio", name="Done").check()
    assert states(a) == {}  # the save failed...
    problem = a.locator(".rs-notes .rs-problem")
    assert "could not be saved" in problem.inner_text()  # ...and the page says so
    assert a.get_by_role("radio", name="Done").is_checked()  # the change stays on the page
    b.evaluate(FREE)  # room again; B saves a change of its own
    mark(b, origin + "a/basics/linear-algebra/", "Done")
    # A saves its pending change as soon as it sees B's write, merged with it.
    a.wait_for_function(f"(localStorage.getItem({SHARD!r}) || '').includes('basics/python')")
    a.get_by_role("radio", name="In progress").check()
    assert states(a) == {"basics/python": "doing", "basics/linear-algebra": "done"}
    assert a.locator(".rs-notes .rs-problem").inner_text() == ""


def test_failed_save_is_merged_even_without_the_storage_event(origin, context):
    """The write itself re-reads what other tabs saved: A's stale state never overwrites B's."""
    a = open_page(context, origin + "a/basics/python/")
    a.evaluate(FILL)
    a.get_by_role("radio", name="Done").check()
    a.evaluate(FREE)
    # Another tab's save, written behind A's back (no storage event reaches A for it).
    a.evaluate("""k => localStorage.setItem(k, JSON.stringify({version: 2, notes: {},
        topics: {'basics/linear-algebra': ['done', Date.now()]}}))""", SHARD)
    a.get_by_role("radio", name="In progress").check()
    assert states(a) == {"basics/linear-algebra": "done", "basics/python": "doing"}


def test_crossed_writes_are_repaired(origin, context):
    """Two tabs' read-merge-write can cross: B's write, made from a state read before A's,
    drops A's change from storage. A sees B's write (the storage event) and writes the union."""
    a = open_page(context, origin + "a/basics/python/")
    a.get_by_role("radio", name="Done").check()
    crossed = json.dumps({"version": 2, "notes": {}, "topics": {"basics/linear-algebra": ["done", 2e12]}})
    a.evaluate("""([k, v]) => { localStorage.setItem(k, v);
        dispatchEvent(new StorageEvent('storage', {key: k, newValue: v})); }""", [SHARD, crossed])
    assert states(a) == {"basics/python": "done", "basics/linear-algebra": "done"}


def test_corrupt_storage_is_kept_for_real(origin, context, tmp_path):
    page = open_page(context, origin + "a/basics/")
    page.evaluate("k => localStorage.setItem(k, '{not json')", SHARD)
    page.reload()
    problem = page.locator("[data-rs-tools] .rs-problem")
    assert "could not be read" in problem.inner_text() and "kept in this browser as a copy" in problem.inner_text()
    assert list(raw_items(page, ASIDE).values()) == ["{not json"]
    with page.expect_download() as info:
        problem.get_by_role("button", name="Download the unreadable data").click()
    info.value.save_as(tmp_path / "lost.txt")
    assert (tmp_path / "lost.txt").read_text() == "{not json"
    mark(page, origin + "a/basics/python/", "Done")  # now the original may be replaced
    assert states(page) == {"basics/python": "done"}
    assert list(raw_items(page, ASIDE).values()) == ["{not json"]  # the copy outlives the original
    page.goto(origin + "a/basics/")  # and can still be deleted
    page.locator("[data-rs-tools] .rs-problem").get_by_role("button", name="Delete the kept copy").click()
    assert raw_items(page, ASIDE) == {}
    assert page.locator("[data-rs-tools] .rs-problem").inner_text() == ""


def djb2(text: str) -> str:
    """store.js's name for a kept copy: a 32-bit hash of the text (here BMP only), in base 36."""
    h = 5381
    for ch in text:
        h = ((h * 33) ^ ord(ch)) & 0xFFFFFFFF
    digits, out = "0123456789abcdefghijklmnopqrstuvwxyz", ""
    while True:
        h, r = divmod(h, 36)
        out = digits[r] + out
        if not h:
            return out


def test_a_copy_never_replaces_another_copy_of_the_same_name(origin, context):
    page = open_page(context, origin + "a/basics/")
    name = ASIDE + djb2("{not json")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [name, "an older copy"])
    page.evaluate("k => localStorage.setItem(k, '{not json')", SHARD)
    page.reload()
    assert raw_items(page, ASIDE) == {name: "an older copy", name + "-1": "{not json"}


def test_partly_corrupt_storage_keeps_what_it_can_read_and_a_copy(origin, context):
    page = open_page(context, origin + "a/basics/")
    raw = json.dumps({"version": 2, "notes": {}, "topics": {"basics/python": ["done", 5],
                                                            "basics/regression": ["finished", 6]}})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [SHARD, raw])
    page.reload()
    assert page.get_attribute('[data-rs-item="basics/python"]', "data-rs-state") == "done"
    assert "could not be read" in page.locator("[data-rs-tools] .rs-problem").inner_text()
    assert list(raw_items(page, ASIDE).values()) == [raw]


def test_corrupt_storage_with_no_room_for_a_copy_is_never_overwritten(origin, context, tmp_path):
    page = open_page(context, origin + "a/basics/python/")
    page.evaluate("k => localStorage.setItem(k, '{not json')", SHARD)
    page.evaluate(FILL)
    page.reload()
    problem = page.locator(".rs-notes .rs-problem")
    assert "no room to keep a copy" in problem.inner_text()
    page.get_by_role("radio", name="Done").check()
    page.fill(".rs-notes textarea", "a note")
    page.locator(".rs-notes textarea").blur()
    assert get(page, SHARD) == "{not json" and raw_items(page, ASIDE) == {}
    assert "Not saved" in page.locator(".rs-note-status").inner_text()
    with page.expect_download() as info:
        problem.get_by_role("button", name="Download the unreadable data").click()
    info.value.save_as(tmp_path / "lost.txt")
    assert (tmp_path / "lost.txt").read_text() == "{not json"
    # Downloaded: the page may replace it now, but the storage is still full: it says so.
    assert get(page, SHARD) == "{not json"
    assert "could not be saved" in problem.inner_text()
    page.evaluate(FREE)
    page.get_by_role("radio", name="Done").check()
    page.get_by_role("radio", name="Skipped").check()
    assert states(page) == {"basics/python": "skipped"}
    assert stored(page)["notes"]["basics/python"][0] == "a note"
    assert problem.inner_text() == ""


def test_corrupt_storage_is_copied_aside_once_there_is_room(origin, context):
    page = open_page(context, origin + "a/basics/python/")
    page.evaluate("k => localStorage.setItem(k, '{not json')", SHARD)
    page.evaluate(FILL)
    page.reload()
    page.get_by_role("radio", name="Done").check()
    assert get(page, SHARD) == "{not json"
    page.evaluate(FREE)
    page.get_by_role("radio", name="In progress").check()  # copies it first, then saves
    assert list(raw_items(page, ASIDE).values()) == ["{not json"]
    assert states(page) == {"basics/python": "doing"}


def test_two_sites_on_one_origin_keep_their_own_progress(origin, context):
    a = open_page(context, origin + "a/basics/python/")
    a.get_by_role("radio", name="Done").check()
    b = open_page(context, origin + "b/basics/python/")
    assert b.get_by_role("radio", name="Not started").is_checked()
    b.get_by_role("radio", name="Skipped").check()
    b.goto(origin + "b/basics/")
    b.get_by_role("button", name="Reset progress").click()
    a.reload()
    assert a.get_by_role("radio", name="Done").is_checked()
    assert states(a) == {"basics/python": "done"}
    assert states(a, "roadmap-site:/b/:progress:") == {}


def test_format_1_is_migrated_and_left_in_place(origin, context):
    page = open_page(context, origin + "a/")
    old = json.dumps({"version": 1, "topics": {"basics/python": "done", "basics/regression": "doing"}})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [OLD_KEY, old])
    page.goto(origin + "a/basics/")
    assert page.get_attribute('[data-rs-item="basics/regression"]', "data-rs-state") == "doing"
    assert states(page) == {"basics/python": "done", "basics/regression": "doing"}  # format 2 (stored checks)
    assert get(page, OLD_KEY) == old  # other sites may need it


def export_file(page, path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress").click()
    info.value.save_as(path)
    return path


def import_file(page, path: Path) -> str:
    message = page.locator("[data-rs-tools] .rs-message")
    message.evaluate("m => { m.textContent = ''; }")
    page.set_input_files("[data-rs-tools] input[type=file]", str(path))
    page.wait_for_function("document.querySelector('[data-rs-tools] .rs-message').textContent !== ''")
    return message.inner_text()


def test_import_near_the_quota_says_it_failed_and_changes_nothing(origin, context, tmp_path):
    page = open_page(context, origin + "a/basics/")
    mark(page, origin + "a/basics/python/", "Done")
    page.goto(origin + "a/basics/")
    before = raw_items(page)
    big = {"version": 2, "topics": {"basics/regression": ["done", 1]},
           "notes": {k: ["n" * 9000, 1]
                     for k in ("basics/regression", "basics/linear-algebra", "advanced/neural-networks")}}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(big))
    page.evaluate(FILL)
    text = import_file(page, path)
    assert "Import failed" in text and "not enough room" in text and "Nothing was changed" in text
    assert raw_items(page) == before
    assert page.get_attribute('[data-rs-item="basics/regression"]', "data-rs-state") == "todo"
    page.evaluate(FREE)
    text = import_file(page, path)
    assert "1 topic and 3 notes" in text
    assert page.get_attribute('[data-rs-item="basics/regression"]', "data-rs-state") == "done"
    assert states(page) == {"basics/python": "done", "basics/regression": "done"}


def test_import_keeps_known_topics_only_and_bounds_the_size(origin, context, tmp_path):
    page = open_page(context, origin + "a/basics/")
    topics = {f"gone/topic-{i}": "done" for i in range(60000)}
    topics["basics/python"] = "doing"
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"version": 1, "topics": topics}))
    assert path.stat().st_size < 2_000_000
    text = import_file(page, path)
    assert "1 topic and 0 notes" in text and "Left out 60000 topics this site does not have" in text
    assert states(page) == {"basics/python": "doing"}
    assert len(stored(page)["topics"]) == 1
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"version": 1, "topics": {f"gone/topic-{i}": "done" for i in range(120000)}}))
    assert huge.stat().st_size > 2_000_000
    text = import_file(page, huge)
    assert "Import failed" in text and "larger than 2 MB" in text
    assert states(page) == {"basics/python": "doing"}


def answer_dialogs(page, *answers: bool) -> list[str]:
    """Answer the page's next dialogs in order (OK for True); returns their messages."""
    seen: list[str] = []
    page.remove_listener("dialog", page.accept_dialogs)

    def answer(dialog):
        seen.append(dialog.message)
        dialog.accept() if answers[len(seen) - 1] else dialog.dismiss()
    page.on("dialog", answer)
    return seen


def test_import_merges_by_the_later_change(origin, context, tmp_path):
    page = open_page(context, origin + "a/basics/")
    mark(page, origin + "a/basics/python/", "Done")
    page.goto(origin + "a/basics/")
    file = {"version": 2, "notes": {}, "topics": {"basics/python": ["skipped", 1],  # older than the click
                                                  "basics/regression": ["doing", 2]}}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(file))
    asked = answer_dialogs(page, True, False)  # import; keep this browser's later change
    text = import_file(page, path)
    assert len(asked) == 2 and asked[1].startswith("1 of them changed in this browser after the file was made")
    assert "2 topics and 0 notes, 1 of them new here" in text and "1 was already here or changed here later" in text
    assert states(page) == {"basics/python": "done", "basics/regression": "doing"}


def test_a_backup_restores_what_a_reset_cleared(origin, context, tmp_path):
    """Reset says "export first to keep a copy": importing that copy must bring it all back,
    although the reset is the later change."""
    page = open_page(context, origin + "a/basics/")
    mark(page, origin + "a/basics/python/", "Done")
    mark(page, origin + "a/basics/regression/", "In progress")
    page.goto(origin + "a/basics/")
    backup = export_file(page, tmp_path / "backup.json")
    page.get_by_role("button", name="Reset progress").click()
    assert states(page) == {}
    asked = answer_dialogs(page, True, True)
    text = import_file(page, backup)
    assert asked[1].startswith("2 of them changed in this browser after the file was made")
    assert "2 of them new here" in text and "kept" not in text
    assert states(page) == {"basics/python": "done", "basics/regression": "doing"}
    page.reload()  # stored, and later than the reset for every other tab too
    assert states(page) == {"basics/python": "done", "basics/regression": "doing"}
    assert page.locator('[data-rs-item="basics/python"]').get_attribute("data-rs-state") == "done"
    assert page.errors == []


def test_an_import_that_changes_nothing_here_asks_once(origin, context, tmp_path):
    """A file no older than this browser's progress: no second question."""
    page = open_page(context, origin + "a/basics/")
    mark(page, origin + "a/basics/python/", "Done")
    page.goto(origin + "a/basics/")
    same = export_file(page, tmp_path / "same.json")
    asked = answer_dialogs(page, True)
    text = import_file(page, same)
    assert len(asked) == 1 and "0 of them new here" in text
    assert states(page) == {"basics/python": "done"}


def test_notes_round_trip_through_export_and_import(origin, browser, tmp_path):
    text = 'Chapter 3 of "ISLR" <b>twice</b> — é ✓\nsecond line'
    first = browser.new_context(accept_downloads=True)
    page = open_page(first, origin + "a/basics/regression/")
    area = page.get_by_label("Your notes")
    area.fill(text)
    area.blur()
    page.locator(".rs-note-status", has_text="Saved in this browser").wait_for()
    page.reload()
    assert page.get_by_label("Your notes").input_value() == text
    page.goto(origin + "a/basics/")
    exported = export_file(page, tmp_path / "progress.json")
    assert json.loads(exported.read_text())["notes"]["basics/regression"][0] == text
    first.close()

    fresh = browser.new_context()
    page = open_page(fresh, origin + "a/basics/")
    assert "1 note" in import_file(page, exported)
    page.goto(origin + "a/basics/regression/")
    assert page.get_by_label("Your notes").input_value() == text
    assert page.locator(".rs-notes b").count() == 0  # text, never markup
    fresh.close()


def test_notes_follow_other_tabs(origin, context):
    a = open_page(context, origin + "a/basics/python/")
    b = open_page(context, origin + "a/basics/python/")
    b.get_by_label("Your notes").fill("from B")
    b.get_by_label("Your notes").blur()
    a.wait_for_function("document.querySelector('.rs-notes textarea').value === 'from B'")


def next_up(page) -> list[str]:
    page.wait_for_selector(".rs-next .rs-next-title")
    return page.eval_on_selector_all(".rs-next li", "lis => lis.map(li => li.getAttribute('data-rs-next-item'))")


def expected_next(topics: list[dict], done: set[str], scope: str = "", skip: str = "") -> list[str]:
    """Issue 14's rule, in Python: not done, every prerequisite done, in roadmap order."""
    def pick(scope):
        return [t["key"] for t in topics if (not scope or t["roadmap"] == scope) and t["key"] != skip
                and t["key"] not in done and all(p in done for p in t["prerequisites"])]
    return (pick(scope) or pick(""))[:5]


def test_next_up_and_prerequisite_states(origin, context):
    page = open_page(context, origin + "a/")
    topics = page.evaluate("() => fetch('api/topics.json').then(r => r.json())")["topics"]
    assert [t["key"] for t in topics][:1] == ["basics/python"]  # roadmap order
    assert next_up(page) == expected_next(topics, set()) == ["basics/python", "basics/linear-algebra"]
    assert "10 h" in page.locator('.rs-next [data-rs-next-item="basics/python"]').inner_text()

    page.goto(origin + "a/basics/regression/")
    prereqs = page.locator("[data-rs-prereq]")
    assert prereqs.all_inner_texts() == ["Python Not started", "Linear algebra Not started"]
    page.get_by_role("radio", name="Done").check()  # this topic itself: not in its own next up
    assert next_up(page) == expected_next(topics, {"basics/regression"}, "basics", "basics/regression")

    mark(page, origin + "a/basics/python/", "Done")
    mark(page, origin + "a/basics/linear-algebra/", "Skipped")  # skipped counts as cleared
    page.goto(origin + "a/basics/regression/")
    assert prereqs.all_inner_texts() == ["Python ✓ Done", "Linear algebra Skipped"]
    page.get_by_role("radio", name="Not started").check()
    done = {"basics/python", "basics/linear-algebra"}
    page.goto(origin + "a/")
    assert next_up(page) == expected_next(topics, done) == ["basics/regression"]
    # The advanced roadmap has nothing open yet: its page shows what is open elsewhere.
    page.goto(origin + "a/advanced/")
    assert next_up(page) == expected_next(topics, done, "advanced") == ["basics/regression"]
    assert "in other roadmaps" in page.locator(".rs-next-title").inner_text()
    assert "Basics" in page.locator(".rs-next li").inner_text()  # the roadmap is named
    mark(page, origin + "a/basics/regression/", "Done")
    page.goto(origin + "a/advanced/")
    assert next_up(page) == ["advanced/neural-networks"]
    assert "20 h" in page.locator(".rs-next li").inner_text()
    assert "in other roadmaps" not in page.locator(".rs-next-title").inner_text()
    mark(page, origin + "a/advanced/neural-networks/", "Done")
    page.goto(origin + "a/")
    assert next_up(page) == []
    assert "every topic is done" in page.locator(".rs-next").inner_text()
    assert page.errors == []


def test_notes_are_never_sent_anywhere(origin, context):
    sent: list[str] = []
    context.on("request", lambda r: sent.append(f"{r.method} {r.url} {r.post_data or ''}"))
    page = open_page(context, origin + "a/basics/regression/")
    page.get_by_label("Your notes").fill("secret-note-7f3a")
    page.get_by_label("Your notes").blur()
    page.locator(".rs-note-status", has_text="Saved in this browser").wait_for()
    page.locator(".md-tabs__link", has_text="Basics").click()  # instant navigation: a fetch
    page.wait_for_url("**/a/basics/")
    page.goto(origin + "a/")
    next_up(page)
    assert sent and not [r for r in sent if "secret-note-7f3a" in r or r.startswith("POST")]


def test_blocked_storage_is_said_and_nothing_claims_to_be_saved(origin, browser):
    context = browser.new_context()
    context.add_init_script("for (const m of ['getItem', 'setItem', 'removeItem', 'key']) Storage.prototype[m] = "
                            "() => { throw new DOMException('blocked', 'SecurityError'); };"
                            "window.rsErrors = []; addEventListener('error', e => rsErrors.push(e.filename));")
    page = open_page(context, origin + "a/basics/python/")
    page.get_by_role("radio", name="Done").check()  # works on the page...
    assert page.get_by_role("radio", name="Done").is_checked()
    assert "blocks storage" in page.locator(".rs-notes .rs-problem").inner_text()  # ...and says so
    page.get_by_label("Your notes").fill("kept?")
    page.get_by_label("Your notes").blur()
    assert "Not saved" in page.locator(".rs-note-status").inner_text()
    # Material's own scripts throw when storage is blocked; the plugin's scripts must not.
    assert [f for f in page.evaluate("rsErrors") if "roadmap-site" in f] == []
    context.close()


def test_a_note_typed_just_before_leaving_the_page_is_kept(origin, context):
    """Notes save 600 ms after the last key; leaving sooner (a link, a closed tab) must not
    lose the last words."""
    page = open_page(context, origin + "a/basics/regression/")
    area = page.get_by_label("Your notes")
    area.fill("first")
    area.blur()
    page.locator(".rs-note-status", has_text="Saved in this browser").wait_for()
    area.press_sequentially(" and last", delay=0)  # typed, not yet saved
    page.goto(origin + "a/basics/")  # at once: the page is hidden and unloaded
    assert stored(page)["notes"]["basics/regression"][0] == "first and last"
    closing = context.new_page()
    closing.goto(origin + "a/basics/python/")
    closing.get_by_label("Your notes").fill("closed at once")
    closing.close(run_before_unload=True)  # runs the page's handlers; returns before they end
    page.wait_for_function("""k => (JSON.parse(localStorage.getItem(k) || '{}').notes || {})['basics/python']
                                    ?.[0] === 'closed at once'""", arg=SHARD, timeout=10_000)
