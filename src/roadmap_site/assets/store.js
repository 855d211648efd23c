/* roadmap-site progress store: progress, notes and self-check reviews, in this browser only.
   Parsed once per page. One key per site (its base path) and roadmap: "roadmap-site:<path>:progress:<roadmap>"
   holds {"version": 2, "topics": {key: [state, ms]}, "notes": {key: [text, ms]}, "reviews": {key: ["box:day,...", ms]},
   "revs": {key: [what the topic taught when marked done, ms]}} ("revs" is optional: older data has none). A change re-reads its
   roadmap's key, merges it (per entry the later change wins), writes, and reads it back. */
(() => {
  "use strict";
  const VERSION = 2, OLD_KEY = "roadmap-site:progress:v1", MAX_NOTE = 10000;
  const STATES = ["todo", "doing", "done", "skipped"], KEY_RE = /^[a-z0-9-]+\/[a-z0-9-]+$/;
  const LABELS = { todo: "Not started", doing: "In progress", done: "Done", skipped: "Skipped" };
  const MAPS = ["topics", "notes", "reviews", "revs"];
  const valid = { topics: v => STATES.includes(v), notes: v => typeof v === "string" && v.length <= MAX_NOTE,
                  reviews: v => typeof v === "string" && v.length < 200 && /^\d:\d+(,\d:\d+)*$/.test(v),
                  revs: v => typeof v === "string" && v.length < 60 };
  // The site's root: where this script's folder is.
  const me = document.currentScript || document.querySelector('script[src*="assets/roadmap-site/store.js"]');
  const base = me ? me.src.replace(/assets\/roadmap-site\/[^/]*$/, "") : location.origin + "/";
  const site = new URL(base).pathname;
  const PREFIX = `roadmap-site:${site}:progress:`, ASIDE = `roadmap-site:${site}:unreadable:`;
  let ls = null, shards = {}, seen = {}, pending = {}, held = {}, lost = [];
  const listeners = [];

  // Stored or imported text as {topics, notes, bad, old}, or null.
  function decode(text) {
    let d;
    try { d = JSON.parse(text); } catch (e) { return null; }
    if (!d || typeof d !== "object" || !d.topics || typeof d.topics !== "object" || Array.isArray(d.topics)) return null;
    const out = { topics: {}, notes: {}, reviews: {}, revs: {}, bad: 0, old: d.version === 1 };
    if (out.old) {  // format 1: {key: state}, one time for all
      const t = Date.parse(d.updated) || 1, topics = {};
      for (const k in d.topics) topics[k] = [d.topics[k], t];
      d = { topics };
    } else if (d.version !== VERSION) return null;
    for (const map of MAPS) {
      for (const [k, e] of Object.entries(d[map] || {})) {
        if (KEY_RE.test(k) && Array.isArray(e) && e.length === 2 && valid[map](e[0]) &&
            typeof e[1] === "number" && e[1] >= 0) out[map][k] = e;
        else out.bad++;
      }
    }
    return out;
  }
  const shard = key => PREFIX + key.slice(0, key.indexOf("/"));
  const part = (into, sk) => into[sk] || (into[sk] = { topics: {}, notes: {}, reviews: {}, revs: {} });
  const entry = (map, key) => { const p = shards[shard(key)]; return p && p[map][key]; };
  const newer = (a, b) => !b || a[1] > b[1] || (a[1] === b[1] && a[0] > b[0]);
  // Merge decoded entries into `into` (shard key -> part); returns the count of topics and notes
  // changed per shard (a shard where only reviews or revisions changed counts 0).
  function absorb(into, d) {
    const changed = {};
    for (const map of MAPS) {
      for (const [k, e] of Object.entries(d[map])) {
        const sk = shard(k), p = part(into, sk);
        if (newer(e, p[map][k])) { p[map][k] = e; changed[sk] = (changed[sk] || 0) + (map === "topics" || map === "notes"); }
      }
    }
    return changed;
  }
  const encode = p => JSON.stringify({ version: VERSION, ...p });
  function hash(s) {
    let h = 5381;
    for (let i = 0; i < s.length; i++) h = (h * 33 ^ s.charCodeAt(i)) | 0;
    return (h >>> 0).toString(36);
  }
  function tryWrite(key, text) {  // true only if it reads back
    try { ls.setItem(key, text); return ls.getItem(key) === text; } catch (e) { return false; }
  }
  const stored = prefix => Object.keys(ls).filter(k => k.startsWith(prefix));

  // Unreadable data is copied aside (and read back) before anything replaces it; if it cannot
  // be, that roadmap's changes are held until the learner downloads or discards it.
  function keepAside(sk, raw) {
    let aside = ASIDE + hash(raw), n = 0, kept = false, there;
    try {
      while ((there = ls.getItem(aside)) !== null && there !== raw) aside = ASIDE + hash(raw) + "-" + ++n;
      kept = there === raw || tryWrite(aside, raw);
    } catch (e) { /* not kept */ }
    lost = lost.filter(l => l.aside !== aside && l.shard !== sk);
    lost.push({ raw, aside: kept ? aside : null, shard: sk });
    held[sk] = !kept;
    if (kept) seen[sk] = raw;
  }
  // A roadmap's stored entries, merged in if another tab changed them. True if what is stored
  // lacks a change of ours (two tabs' writes can cross: the later one must not win it all).
  function readShard(sk) {
    let raw = null;
    try { raw = ls.getItem(sk); } catch (e) { /* blocked */ }
    if (raw === null || raw === seen[sk]) return false;
    const d = decode(raw);
    if (d) absorb(shards, d);
    if (!d || d.bad) return keepAside(sk, raw), false;
    seen[sk] = raw;
    return MAPS.some(map => Object.entries(shards[sk][map]).some(([k, e]) => newer(e, d[map][k])));
  }
  const readAll = () => ls && stored(PREFIX).forEach(readShard);

  function load() {
    try { ls = window.localStorage; ls.getItem(PREFIX); } catch (e) { ls = null; return; }
    for (const aside of stored(ASIDE)) lost.push({ raw: ls.getItem(aside), aside, shard: null });
    const keys = stored(PREFIX);
    if (keys.length) return keys.forEach(readShard);
    // Format 1 was one key for the whole origin: copy it, and leave it for other sites.
    const d = decode(ls.getItem(OLD_KEY));
    if (d && d.old) Object.keys(absorb(shards, d)).forEach(save);
  }
  function save(sk) {
    if (!ls || held[sk]) { pending[sk] = true; return false; }
    const text = encode(part(shards, sk));
    if (!tryWrite(sk, text)) { pending[sk] = true; return false; }
    seen[sk] = text; delete pending[sk];
    return true;
  }
  const retry = () => Object.keys(pending).forEach(sk => { readShard(sk); save(sk); });
  function put(map, key, value) {  // later than anything seen for the key
    const p = part(shards, shard(key)), old = p[map][key];
    p[map][key] = [value, old && old[1] >= Date.now() ? old[1] + 1 : Date.now()];
  }
  function change(map, key, value, rev) {
    const sk = shard(key);
    readShard(sk);
    put(map, key, value);
    if (rev && value === "done") put("revs", key, rev);
    const ok = save(sk);
    emit();
    return ok;
  }
  const emit = () => listeners.forEach(f => f());
  const isHeld = () => lost.some(l => !l.aside);

  function problem() {
    if (!ls) return "This browser blocks storage: progress is kept only until you leave this page.";
    if (isHeld()) return "Saved progress could not be read and there is no room to keep a copy. Download or " +
      "discard it: until then, changes to it are not saved.";
    if (lost.length) return "Saved progress that could not be read was kept in this browser as a copy.";
    return Object.keys(pending).length ? "Your last change could not be saved: this browser's storage is full. " +
      "It is kept on this page and saved once there is room." : "";
  }
  // A renamed topic (aliases in api/topics.json, `moved`: former key -> key): what is stored
  // under a former key moves to the key (the later change wins), across roadmaps too.
  function rename(moved) {
    const touched = new Set();
    for (const k in moved) {
      const from = shard(k), to = moved[k], sk = shard(to);
      readShard(from); readShard(sk);
      for (const map of MAPS) {
        const e = shards[from] && shards[from][map][k];
        if (!e) continue;
        const into = part(shards, sk)[map];
        if (newer(e, into[to])) into[to] = e;
        delete shards[from][map][k];
        touched.add(from).add(sk);
      }
    }
    touched.forEach(save);
    if (touched.size) emit();
  }
  function unlock(drop) {  // unreadable data downloaded (or dropped): saving goes on
    lost = lost.filter(l => {
      if (l.shard && (drop || !l.aside)) { held[l.shard] = false; seen[l.shard] = l.raw; }
      if (drop && l.aside) try { ls.removeItem(l.aside); } catch (e) { /* stays */ }
      return l.aside && !drop;
    });
    retry(); emit();
  }

  load();
  window.addEventListener("storage", e => {
    if (e.key !== null && !e.key.startsWith(PREFIX)) return;
    if (!e.key) readAll(); else if (readShard(e.key)) save(e.key);
    retry();  // another tab may have made room
    emit();
  });
  window.roadmapSiteStore = {
    STATES, LABELS, MAX_NOTE, base, problem,
    get: key => { const e = entry("topics", key); return e ? e[0] : "todo"; },
    set: (key, s, rev) => change("topics", key, s, rev),  // rev: what the topic teaches now (marked done)
    done: key => { const e = entry("topics", key), r = entry("revs", key); return e && e[0] === "done" ? [e[1], r && r[0]] : null; },
    rename,
    note: key => { const e = entry("notes", key); return e ? e[0] : ""; },
    setNote: (key, text) => change("notes", key, text.slice(0, MAX_NOTE)),
    review: key => { const e = entry("reviews", key); return e ? e[0] : ""; },
    setReview: (key, value) => change("reviews", key, value),
    unreadable: () => lost.length ? lost.map(l => l.raw).join("\n") : null,
    held: isHeld, release: () => unlock(false), discard: () => unlock(true),
    subscribe: f => listeners.push(f),
    // For tools.js (export, import, reset), which only the home and roadmap pages load.
    io: { VERSION, MAPS, site, shards, seen, pending, held, ls: () => ls, decode, absorb, entry, newer,
          encode, tryWrite, readAll, put, save, emit }
  };
})();
