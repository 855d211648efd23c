/* roadmap-site: private notes per topic, the state of a topic's prerequisites, "next up", and
   the scripts some pages load themselves (tools.js: export, import, reset; review.js, plan.js,
   updated.js). All of it stays in this browser (see store.js). */
(() => {
  "use strict";
  const store = window.roadmapSiteStore, LABELS = store.LABELS;
  let index = null, loading = null;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  function button(text, action) {
    const b = el("button", { type: "button" }, text);
    b.addEventListener("click", action);
    return b;
  }
  const hours = h => Math.round(h * 10) / 10 + " h";
  const cleared = key => ["done", "skipped"].includes(store.get(key));
  function download(name, text, type) {
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(a); a.click(); a.remove();
  }

  // The site's topics in roadmap order (api/topics.json), fetched once per visit.
  function topics() {
    loading = loading || fetch(store.base + "api/topics.json").then(r => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(d => {
      d.known = {}; d.titles = {}; d.moved = {};
      d.topics.forEach(t => {  // a renamed topic's former keys (aliases) are known: imports keep them
        d.known[t.key] = t;
        (t.aliases || []).forEach(a => { d.known[a] = t; d.moved[a] = t.key; });
      });
      d.roadmaps.forEach(r => { d.titles[r.id] = r.title; });
      index = d;
      store.rename(d.moved);  // progress stored under a former key follows the topic
      return d;
    });
    loading.catch(() => { loading = null; });  // try again later
    return loading;
  }

  // Problems with the stored data, wherever the learner may act.
  function problemBox(box) {
    const p = box.querySelector(".rs-problem") || box.appendChild(el("div", { "class": "rs-problem", role: "status" }));
    const text = store.problem(), raw = store.unreadable();
    if (p.getAttribute("data-text") === text) return;
    p.setAttribute("data-text", text);
    p.textContent = text;
    if (raw === null) return;
    p.append(el("br"), button("Download the unreadable data", () => {
      download("roadmap-progress-unreadable.txt", raw, "text/plain");
      store.release();  // the learner has it now: saving may replace it
    }), button(store.held() ? "Discard it" : "Delete the kept copy", () => {
      if (confirm("Delete the unreadable progress data? It cannot be recovered.")) store.discard();
    }));
  }

  // A note typed but not yet saved is saved when the page goes away or out of sight (a tab
  // closed, a phone switching apps), not only 600 ms after the last key.
  let unsaved = null;
  const flush = () => unsaved && unsaved();
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => document.hidden && flush());
  function buildNotes(box) {
    const key = box.getAttribute("data-rs-notes"), id = "rs-note-" + key.replace("/", "--");
    const area = el("textarea", { id, rows: "4", maxlength: String(store.MAX_NOTE) });
    const status = el("span", { "class": "rs-note-status rs-muted", role: "status" });
    const label = el("label", { "for": id }, "Your notes");
    let timer = 0;
    label.append(el("span", { "class": "rs-muted" }, " · private, kept in this browser only"));
    function save() {
      clearTimeout(timer); unsaved = null;
      if (area.value === store.note(key)) return;
      status.textContent = store.setNote(key, area.value) ? "Saved in this browser." :
        "Not saved: this browser's storage is full or blocked. The note stays on this page.";
    }
    area.value = store.note(key);
    area.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(save, 600); unsaved = save; });
    area.addEventListener("change", save);
    box.append(label, area, status);
  }

  function prereq(li) {
    const s = store.get(li.getAttribute("data-rs-prereq"));
    let badge = li.querySelector(".rs-state");
    if (!badge) { badge = el("span", { "class": "rs-badge rs-state" }); li.append(" ", badge); }
    badge.setAttribute("data-rs-state", s);
    badge.textContent = (s === "done" ? "✓ " : "") + LABELS[s];
  }
  // Topics not done whose prerequisites all are (done or skipped), in roadmap order.
  const open = (scope, skip) => index.topics.filter(t =>
    (!scope || t.roadmap === scope) && t.key !== skip && !cleared(t.key) && t.prerequisites.every(cleared));
  function nextUp(box) {
    if (!index) return topics().then(refresh, () => { /* no next up without the list */ });
    let scope = box.getAttribute("data-rs-next"), list = open(scope, box.getAttribute("data-rs-exclude"));
    const wide = !list.length && scope;
    if (wide) { scope = ""; list = open("", box.getAttribute("data-rs-exclude")); }
    const head = el("p", { "class": "rs-next-title" });
    head.append(el("strong", {}, "Next up"), el("span", { "class": "rs-muted" }, !list.length ? "" :
      wide ? " · nothing here is open yet; in other roadmaps:" : " · every prerequisite done"));
    box.replaceChildren(head);
    if (!list.length) return box.append(el("p", {}, "Nothing left: every topic is done or skipped."));
    const ol = box.appendChild(el("ol", { "class": "rs-next-list" }));
    for (const t of list.slice(0, 5)) {
      const li = ol.appendChild(el("li", { "data-rs-next-item": t.key }));
      li.append(el("a", { href: store.base + t.url }, t.title), " ", el("span", { "class": "rs-badge" }, hours(t.hours)));
      if (t.roadmap !== scope) li.append(el("span", { "class": "rs-muted" }, " " + index.titles[t.roadmap]));
      if (store.get(t.key) === "doing") li.append(" ", el("span", { "class": "rs-badge rs-state", "data-rs-state": "doing" }, LABELS.doing));
    }
    const rest = list.slice(5);
    if (rest.length) box.append(el("p", { "class": "rs-muted" }, `and ${rest.length} more (${hours(rest.reduce((n, t) => n + t.hours, 0))})`));
  }

  const requested = new Set();
  function refresh() {
    document.querySelectorAll("[data-rs-tools]").forEach(problemBox);
    for (const box of document.querySelectorAll("[data-rs-notes]")) {
      if (!box.firstChild) buildNotes(box);
      const area = box.querySelector("textarea");
      if (area !== document.activeElement) area.value = store.note(box.getAttribute("data-rs-notes"));
      problemBox(box);
    }
    document.querySelectorAll("[data-rs-prereq]").forEach(prereq);
    document.querySelectorAll("[data-rs-next]").forEach(nextUp);
    if (!index) topics().then(refresh, () => { /* renamed topics follow on a later page */ });
    for (const name of ["tools", "review", "plan", "updated", "catalog"]) {  // a page's own script (it sets window.rs_<name>), once
      const run = window["rs_" + name];
      if (!document.querySelector(`[data-rs-${name}]`) || requested.has(name) && !run) continue;
      if (run) { run(); continue; }
      // Remembered here, not by its tag: instant navigation drops from <head> what the next page lacks.
      requested.add(name);
      const script = el("script", { src: `${store.base}assets/roadmap-site/${name}.js` });
      script.onerror = () => requested.delete(name);  // asked again on the next page that needs it
      document.head.append(script);
    }
  }

  window.roadmapSiteLearner = { el, button, download, topics };  // for the scripts pages load themselves
  store.subscribe(refresh);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(refresh);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh);
  else refresh();
})();
