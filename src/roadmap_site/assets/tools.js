/* roadmap-site: the learner's tools on the home and roadmap pages: export progress and notes to
   a file, import them back (only this site's topics; a renamed topic's former keys follow it),
   reset. Loaded by learner.js on pages with a [data-rs-tools] box. */
(() => {
  "use strict";
  const store = window.roadmapSiteStore, { el, button, download, topics } = window.roadmapSiteLearner;

  function report(name, r) {
    if (r.cancelled) return "Import cancelled. Nothing was changed.";
    if (r.error) return `Import failed ("${name}"): ${r.error}` + (r.error.endsWith("changed.") ? "" : " Nothing was changed.");
    const same = r.topics + r.notes - r.changed;
    let out = `Imported "${name}": ${r.topics} topics and ${r.notes} notes, ${r.changed} of them new here.`;
    if (same > 0) out += ` ${same} were already here or changed here later, and were kept.`;
    if (r.unknown.length) out += ` Left out ${r.unknown.length} topics this site does not have: ` +
      r.unknown.slice(0, 5).join(", ") + (r.unknown.length > 5 ? ", …" : "") + ".";
    return out;
  }
  function buildTools(box) {
    const msg = el("span", { "class": "rs-message", role: "status", "aria-live": "polite" });
    const file = el("input", { type: "file", accept: "application/json,.json", hidden: "", "aria-label": "Progress file to import" });
    file.addEventListener("change", () => {
      const f = file.files && file.files[0];
      if (!f) return;
      Promise.all([f.size > store.MAX_FILE ? null : f.text(), topics()]).then(([text, d]) => {
        msg.textContent = report(f.name, store.importText(text, d.known, p => confirm(
          `Import ${p.topics} topics and ${p.notes} notes from "${f.name}"? For each topic the more recent change is kept.`)));
        store.rename(d.moved);  // a file from before a rename: its entries follow the renamed topics
      }, () => {
        msg.textContent = "Import failed: the list of this site's topics could not be loaded. Nothing was changed.";
      }).finally(() => { file.value = ""; });
    });
    box.prepend(button("Export progress", () => {
      download("roadmap-progress.json", store.exportText(), "application/json");
      msg.textContent = "Progress and notes exported.";
    }), button("Import progress", () => file.click()), button("Reset progress", () => {
      if (!confirm("Reset all your progress? Notes are kept. This cannot be undone (export first to keep a copy).")) return;
      msg.textContent = store.reset() ? "Progress reset." : "Progress reset on this page, but it could not be saved.";
    }), file, msg);
  }

  window.rs_tools = () => document.querySelectorAll("[data-rs-tools]").forEach(box => {
    if (!box.querySelector(".rs-message")) buildTools(box);
  });
  window.rs_tools();
})();
