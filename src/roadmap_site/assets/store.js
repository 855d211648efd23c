/* roadmap-site progress store: the learner's progress and notes, in this browser only.
   Parsed once per page into one state; each change is written at once, after merging what
   other tabs wrote (per entry, the newer wins), and read back so no save is reported that
   did not happen. Stored per site: sites under /a/ and /b/ of one origin do not share it.
   Format 2: {"version": 2, "topics": {key: [state, ms]}, "notes": {key: [text, ms]}}. */
(function () {
  "use strict";
  var VERSION = 2, OLD_KEY = "roadmap-site:progress:v1";
  var STATES = ["todo", "doing", "done", "skipped"];
  var LABELS = { todo: "Not started", doing: "In progress", done: "Done", skipped: "Skipped" };
  var KEY_RE = /^[a-z0-9-]+\/[a-z0-9-]+$/, MAX_NOTE = 10000, MAX_FILE = 2000000;
  // The site's root is where this script's folder is: the same for every page of one site.
  var me = document.currentScript || document.querySelector('script[src*="assets/roadmap-site/store.js"]');
  var base = me ? me.src.replace(/assets\/roadmap-site\/[^/]*$/, "") : location.origin + "/";
  var site = new URL(base).pathname;
  var KEY = "roadmap-site:" + site + ":progress";
  var ls = null, state = { topics: {}, notes: {} }, seen = null, pending = false, hold = false;
  var problem = "", lost = null, listeners = [];

  var valid = {
    topics: function (v) { return STATES.indexOf(v) >= 0; },
    notes: function (v) { return typeof v === "string" && v.length <= MAX_NOTE; }
  };
  // A document (stored or imported) as {topics, notes, bad, old}, or null if it is none.
  function decode(text) {
    var d;
    try { d = JSON.parse(text); } catch (e) { return null; }
    if (!d || typeof d !== "object" || !d.topics || typeof d.topics !== "object" || Array.isArray(d.topics)) return null;
    var out = { topics: {}, notes: {}, bad: 0, old: d.version === 1 };
    if (out.old) {  // format 1: {key: state}, one time for all (when it was last written)
      var t = Date.parse(d.updated) || 1, v1 = {};
      for (var k in d.topics) v1[k] = [d.topics[k], t];
      d = { topics: v1 };
    } else if (d.version !== VERSION) return null;
    ["topics", "notes"].forEach(function (map) {
      var src = d[map] || {};
      for (var k in src) {
        var e = src[k];
        if (KEY_RE.test(k) && Array.isArray(e) && e.length === 2 && valid[map](e[0]) &&
            typeof e[1] === "number" && e[1] >= 0) out[map][k] = e;
        else out.bad++;
      }
    });
    return out;
  }
  function newer(a, b) { return !b || a[1] > b[1] || (a[1] === b[1] && a[0] > b[0]); }
  function merge(into, from) {  // per entry, the later change wins (ties: the same everywhere)
    var n = 0;
    ["topics", "notes"].forEach(function (map) {
      for (var k in from[map]) if (newer(from[map][k], into[map][k])) { into[map][k] = from[map][k]; n++; }
    });
    return n;
  }
  function copy(d) {
    return { topics: Object.assign({}, d.topics), notes: Object.assign({}, d.notes) };
  }
  function encode(d) { return JSON.stringify({ version: VERSION, topics: d.topics, notes: d.notes }); }
  function hash(s) {
    var h = 5381;
    for (var i = 0; i < s.length; i++) h = (h * 33 ^ s.charCodeAt(i)) | 0;
    return (h >>> 0).toString(36);
  }
  function tryWrite(key, text) {  // true only if the text is there when read back
    try { ls.setItem(key, text); return ls.getItem(key) === text; } catch (e) { return false; }
  }

  // Unreadable stored data is copied aside (and checked) before anything may replace it;
  // if it cannot be copied, nothing is written until the learner downloads or discards it.
  function keepAside(raw, partly) {
    var key = KEY + ":unreadable:" + hash(raw);
    var kept = false;
    try { kept = ls.getItem(key) === raw || tryWrite(key, raw); } catch (e) { /* not kept */ }
    lost = { raw: raw, key: kept ? key : null };
    if (kept) {
      problem = "Saved progress could not be read" + (partly ? " in full; what could be read is shown" : "") +
        ". A copy was kept in this browser (\"" + key + "\"); you can download it.";
    } else {
      hold = true;
      problem = "Saved progress could not be read" + (partly ? " in full" : "") + " and there is no room " +
        "to keep a copy. Download it below: until you download or discard it, changes are not saved.";
    }
  }

  function load() {
    var raw;
    try { ls = window.localStorage; raw = ls.getItem(KEY); } catch (e) {
      ls = null; problem = "This browser blocks storage: progress lasts only until you leave this page."; return;
    }
    if (raw === null) return migrate();
    seen = raw;
    var d = decode(raw);
    if (d) state = { topics: d.topics, notes: d.notes };
    if (!d || d.bad) keepAside(raw, !!d);
  }
  function migrate() {  // format 1 was kept under one key for every site of the origin: copy it
    var raw = null;
    try { raw = ls.getItem(OLD_KEY); } catch (e) { /* none */ }
    var d = raw && decode(raw);
    if (d && d.old) { state = { topics: d.topics, notes: {} }; save(); }
  }

  // What other tabs saved since we last looked, merged into this page's state.
  function sync() {
    if (!ls) return;
    var raw = null;
    try { raw = ls.getItem(KEY); } catch (e) { return; }
    if (raw === null || raw === seen) return;
    var d = decode(raw);
    if (!d) { keepAside(raw, false); return; }
    merge(state, d);
    seen = raw;
  }
  function save() {
    if (!ls || hold) { pending = true; return false; }
    var text = encode(state);
    if (tryWrite(KEY, text)) {
      seen = text; pending = false;
      if (problem && !lost) problem = "";
      return true;
    }
    pending = true;
    problem = "Your last change could not be saved (this browser's storage is full or blocked). " +
      "It stays on this page and is saved with your next change once there is room; export to keep it.";
    return false;
  }
  function put(map, key, value) {  // a change made here, later than anything seen for the key
    var old = state[map][key], t = Date.now();
    if (old && old[1] >= t) t = old[1] + 1;
    state[map][key] = [value, t];
  }
  function change(map, key, value) {
    sync(); put(map, key, value);
    var ok = save();
    emit();
    return ok;
  }
  function emit() { listeners.forEach(function (f) { f(); }); }

  function get(key) { var e = state.topics[key]; return e ? e[0] : "todo"; }
  function note(key) { var e = state.notes[key]; return e ? e[0] : ""; }
  function reset() {  // every topic back to "not started" (a newer entry, so other tabs follow); notes stay
    sync();
    for (var k in state.topics) if (state.topics[k][0] !== "todo") put("topics", k, "todo");
    var ok = save(); emit(); return ok;
  }
  function exportText() {
    sync();
    return JSON.stringify({ version: VERSION, site: site, exported: new Date().toISOString(),
                            topics: state.topics, notes: state.notes }, null, 1);
  }
  // Import a file's text, keeping only topics in `known` (a map by key); `ask(result)` may
  // cancel. Nothing is changed unless the merged state was saved and read back. Returns what
  // happened, for the message.
  function importText(text, known, ask) {
    if (hold) return { error: "First download or discard the unreadable progress (see above)." };
    if (text === null || text.length > MAX_FILE) return { error: "the file is larger than 2 MB." };
    var d = decode(text);
    if (!d || d.bad) return { error: d ? d.bad + " of its entries cannot be read." : "it is not a progress file exported from this site." };
    var unknown = [], now = Date.now();
    ["topics", "notes"].forEach(function (map) {
      for (var k in d[map]) {
        if (!known[k]) { if (unknown.indexOf(k) < 0) unknown.push(k); delete d[map][k]; }
        else if (d.old) d[map][k] = [d[map][k][0], now];  // format 1 had no times: the import is the change
      }
    });
    sync();
    var next = copy(state), before = copy(state), changed = merge(next, d), text2 = encode(next);
    var result = { topics: Object.keys(d.topics).length, notes: Object.keys(d.notes).length,
                   unknown: unknown, changed: changed };
    if (!ls) return Object.assign(result, { error: "this browser blocks storage." });
    if (ask && !ask(result)) return Object.assign(result, { cancelled: true });
    if (!tryWrite(KEY, text2)) {
      try { if (seen !== null) ls.setItem(KEY, seen); } catch (e) { /* left as it was */ }
      state = before;
      return Object.assign(result, { error: "there is not enough room in this browser's storage to save it. Nothing was changed." });
    }
    state = next; seen = text2; pending = false; emit();
    return result;
  }
  function release() {  // the unreadable data was downloaded or discarded: saving may go on
    if (lost && !lost.key) { hold = false; lost = null; problem = ""; if (pending) save(); emit(); }
  }
  function discardCopy() {
    if (lost && lost.key) try { ls.removeItem(lost.key); } catch (e) { /* stays */ }
    lost = null; problem = ""; hold = false;
    if (pending) save();
    emit();
  }

  load();
  window.addEventListener("storage", function (e) {
    if (e.key !== KEY && e.key !== null) return;
    sync();
    if (pending) save();  // another tab may have made room: retry what this one could not save
    emit();
  });
  window.roadmapSiteStore = {
    STATES: STATES, LABELS: LABELS, MAX_NOTE: MAX_NOTE, MAX_FILE: MAX_FILE, base: base, site: site, key: KEY,
    get: get, set: function (key, s) { return change("topics", key, s); },
    note: note, setNote: function (key, text) { return change("notes", key, text.slice(0, MAX_NOTE)); },
    reset: reset, exportText: exportText, importText: importText,
    problem: function () { return problem; }, unreadable: function () { return lost; },
    release: release, discardCopy: discardCopy, pending: function () { return pending; },
    subscribe: function (f) { listeners.push(f); }
  };
})();
