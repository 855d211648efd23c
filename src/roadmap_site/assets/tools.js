/* roadmap-site: the learner's tools on the home and roadmap pages: export progress and notes to
   a file, import them back (only this site's topics; a renamed topic's former keys follow it),
   reset. Loaded by learner.js on pages with a [data-rs-tools] box. */
(() => {
  "use strict";
  const store = window.roadmapSiteStore, io = store.io, { el, button, download, topics } = window.roadmapSiteLearner;
  const { VERSION, MAPS, site, shards, seen, pending, held, decode, absorb, entry, newer, encode, tryWrite,
          readAll, put, save, emit } = io, MAX_FILE = 2e6;

  function reset() {  // every topic "not started" by a newer entry, so other tabs follow; notes stay
    readAll();
    let ok = true;
    for (const sk in shards) {
      const todo = Object.keys(shards[sk].topics).filter(k => shards[sk].topics[k][0] !== "todo");
      todo.forEach(k => put("topics", k, "todo"));
      if (todo.length) ok = save(sk) && ok;
    }
    emit();
    return ok;
  }
  function exportText() {
    readAll();
    const out = { version: VERSION, site, exported: new Date().toISOString(), topics: {}, notes: {}, reviews: {}, revs: {} };
    for (const sk in shards) for (const map of MAPS) Object.assign(out[map], shards[sk][map]);
    return JSON.stringify(out, null, 1);
  }
  // Import text, only topics in `known` (by key). `ask(result)` may cancel (false), merge (true:
  // per entry the later change wins) or answer "file": the file's entries also replace the
  // later ones here (`result.older` of them), as restoring a backup after a reset needs.
  // Nothing changes unless every changed roadmap was saved and read back.
  function importText(text, known, ask) {
    if (text === null || text.length > MAX_FILE) return { error: "the file is larger than 2 MB." };
    const d = decode(text), unknown = new Set(), now = Date.now();
    if (!d || d.bad) return { error: d ? `${d.bad} of its entries cannot be read.` : "it is not a progress file from this site." };
    for (const map of MAPS) {
      for (const k in d[map]) {
        if (!known[k]) { unknown.add(k); delete d[map][k]; }
        else if (d.old) d[map][k][1] = now;  // format 1 had no times: the import is the change
      }
    }
    const result = { topics: Object.keys(d.topics).length, notes: Object.keys(d.notes).length,
                     unknown: [...unknown], changed: 0, older: 0 };
    const ls = io.ls();
    if (!ls) return Object.assign(result, { error: "this browser blocks storage." });
    readAll();
    const later = [];  // [map, key, time] of the different entries changed here after the file's
    for (const map of MAPS) {
      for (const k in d[map]) {
        const e = entry(map, k);
        if (e && newer(e, d[map][k]) && e[0] !== d[map][k][0]) later.push([map, k, e[1]]);
      }
    }
    result.older = later.filter(([map]) => map === "topics" || map === "notes").length;
    let next, changed, keys;
    const plan = () => {
      next = {};
      for (const sk in shards) next[sk] = Object.fromEntries(MAPS.map(m => [m, { ...shards[sk][m] }]));
      changed = absorb(next, d); keys = Object.keys(changed);
      result.changed = keys.reduce((n, sk) => n + changed[sk], 0);
    };
    const blocked = () => keys.some(sk => held[sk]) && Object.assign(result, { error: "first download or discard the unreadable progress." });
    plan();
    if (blocked()) return result;
    const answer = ask ? ask(result) : true;
    if (!answer) return Object.assign(result, { cancelled: true });
    if (answer === "file" && later.length) {
      later.forEach(([map, k, t]) => { d[map][k] = [d[map][k][0], t + 1]; });
      plan();
      if (blocked()) return result;
    }
    const written = [];
    if (!keys.every(sk => tryWrite(sk, encode(next[sk])) && written.push(sk))) {
      // Undo: what was there takes no more room than what replaced it.
      for (const sk of written) {
        try { if (seen[sk] === undefined) ls.removeItem(sk); else ls.setItem(sk, seen[sk]); } catch (e) { /* kept */ }
      }
      return Object.assign(result, { error: "there is not enough room in this browser's storage. Nothing was changed." });
    }
    for (const sk of written) { shards[sk] = next[sk]; seen[sk] = encode(next[sk]); delete pending[sk]; }
    emit();
    return result;
  }

  const count = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;  // "1 topic", "2 topics"
  function report(name, r) {
    if (r.cancelled) return "Import cancelled. Nothing was changed.";
    if (r.error) return `Import failed ("${name}"): ${r.error}` + (r.error.endsWith("changed.") ? "" : " Nothing was changed.");
    const same = r.topics + r.notes - r.changed;
    let out = `Imported "${name}": ${count(r.topics, "topic")} and ${count(r.notes, "note")}, ${r.changed} of them new here.`;
    const was = same === 1 ? "was" : "were";
    if (same > 0) out += ` ${same} ${was} already here or changed here later, and ${was} kept.`;
    if (r.unknown.length) out += ` Left out ${count(r.unknown.length, "topic")} this site does not have: ` +
      r.unknown.slice(0, 5).join(", ") + (r.unknown.length > 5 ? ", …" : "") + ".";
    return out;
  }
  function buildTools(box) {
    const msg = el("span", { "class": "rs-message", role: "status", "aria-live": "polite" });
    const file = el("input", { type: "file", accept: "application/json,.json", hidden: "", "aria-label": "Progress file to import" });
    file.addEventListener("change", () => {
      const f = file.files && file.files[0];
      if (!f) return;
      Promise.all([f.size > MAX_FILE ? null : f.text(), topics()]).then(([text, d]) => {
        msg.textContent = report(f.name, importText(text, d.known, p => confirm(
          `Import ${count(p.topics, "topic")} and ${count(p.notes, "note")} from "${f.name}"? For each topic the more recent change is kept.`) &&
          (!p.older || !confirm(`${p.older} of them changed in this browser after the file was made (by a reset, or since). ` +
            "Put the file's back for those too? Cancel keeps this browser's.") || "file")));
        store.rename(d.moved);  // a file from before a rename: its entries follow the renamed topics
      }, () => {
        msg.textContent = "Import failed: the list of this site's topics could not be loaded. Nothing was changed.";
      }).finally(() => { file.value = ""; });
    });
    box.prepend(button("Export progress", () => {
      download("roadmap-progress.json", exportText(), "application/json");
      msg.textContent = "Progress and notes exported.";
    }), button("Import progress", () => file.click()), button("Reset progress", () => {
      if (!confirm("Reset all your progress? Notes are kept. This cannot be undone (export first to keep a copy).")) return;
      msg.textContent = reset() ? "Progress reset." : "Progress reset on this page, but it could not be saved.";
    }), file, msg);
  }

  window.rs_tools = () => document.querySelectorAll("[data-rs-tools]").forEach(box => {
    if (!box.querySelector(".rs-message")) buildTools(box);
  });
  window.rs_tools();
})();
