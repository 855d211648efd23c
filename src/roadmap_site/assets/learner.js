/* roadmap-site: the learner's tools (export, import, reset), private notes per topic, the state
   of a topic's prerequisites and "next up". All of it stays in this browser (see store.js). */
(function () {
  "use strict";
  var store = window.roadmapSiteStore, LABELS = store.LABELS, index = null, loading = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  function button(text, action) {
    var b = el("button", { type: "button" }, text);
    b.addEventListener("click", action);
    return b;
  }
  function hours(h) { return Math.round(h * 10) / 10 + " h"; }
  function download(name, text, type) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }
  function done(key) { var s = store.get(key); return s === "done" || s === "skipped"; }

  // The site's topics in roadmap order (api/topics.json), fetched once per visit.
  function topics() {
    if (!loading) {
      loading = fetch(store.base + "api/topics.json").then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      }).then(function (d) {
        d.known = {}; d.titles = {};
        d.topics.forEach(function (t) { d.known[t.key] = t; });
        d.roadmaps.forEach(function (r) { d.titles[r.id] = r.title; });
        return (index = d);
      });
      loading.catch(function () { loading = null; });  // try again on the next page
    }
    return loading;
  }

  // -- problems with stored data, shown wherever the learner may act --------------------------
  function problemBox(box) {
    var p = box.querySelector(".rs-problem") || box.appendChild(el("div", { "class": "rs-problem", role: "status" }));
    var text = store.problem(), lost = store.unreadable();
    if (p.getAttribute("data-text") === text) return;
    p.setAttribute("data-text", text);
    p.textContent = text;
    if (!lost) return;
    p.appendChild(button("Download the unreadable data", function () {
      download("roadmap-progress-unreadable.txt", lost.raw, "text/plain");
      store.release();  // the learner has it now: saving may replace it
    }));
    p.appendChild(button(lost.key ? "Delete the kept copy" : "Discard it", function () {
      if (window.confirm("Delete the unreadable progress data? It cannot be recovered.")) store.discardCopy();
    }));
  }

  // -- export, import, reset ------------------------------------------------------------------
  function report(name, r) {
    if (r.cancelled) return "Import cancelled. Nothing was changed.";
    if (r.error) return "Import failed (\"" + name + "\"): " + r.error + (/changed\.$/.test(r.error) ? "" : " Nothing was changed.");
    var skipped = r.topics + r.notes - r.changed, out = "Imported \"" + name + "\": " + r.topics + " topics and " +
      r.notes + " notes, " + r.changed + " of them new here.";
    if (skipped) out += " " + skipped + " were already here or changed here more recently, and were kept as they are.";
    if (r.unknown.length) out += " Left out " + r.unknown.length + " topics this site does not have: " +
      r.unknown.slice(0, 5).join(", ") + (r.unknown.length > 5 ? ", …" : "") + ".";
    return out;
  }
  function buildTools(box) {
    var msg = el("span", { "class": "rs-message", role: "status", "aria-live": "polite" });
    var file = el("input", { type: "file", accept: "application/json,.json", hidden: "", "aria-label": "Progress file to import" });
    box.appendChild(button("Export progress", function () {
      download("roadmap-progress.json", store.exportText(), "application/json");
      msg.textContent = "Progress and notes exported.";
    }));
    box.appendChild(button("Import progress", function () { file.click(); }));
    box.appendChild(button("Reset progress", function () {
      if (!window.confirm("Reset all your progress? Notes are kept. This cannot be undone (export first to keep a copy).")) return;
      msg.textContent = store.reset() ? "Progress reset." : "Progress reset on this page, but it could not be saved in this browser.";
    }));
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      var read = f.size > store.MAX_FILE ? Promise.resolve(null) : f.text();
      Promise.all([read, topics()]).then(function (r) {
        msg.textContent = report(f.name, store.importText(r[0], r[1].known, function (p) {
          return window.confirm("Import " + p.topics + " topics and " + p.notes + " notes from \"" + f.name +
            "\"? For each topic the more recent change is kept.");
        }));
      }, function () {
        msg.textContent = "Import failed: the list of this site's topics could not be loaded. Nothing was changed.";
      }).finally(function () { file.value = ""; });
    });
    box.appendChild(file); box.appendChild(msg);
  }

  // -- private notes ----------------------------------------------------------------------------
  function buildNotes(box) {
    var key = box.getAttribute("data-rs-notes"), id = "rs-note-" + key.replace("/", "--"), timer = 0;
    var area = el("textarea", { id: id, rows: "4", maxlength: String(store.MAX_NOTE), spellcheck: "true" });
    var status = el("span", { "class": "rs-note-status rs-muted", role: "status" });
    var label = el("label", { "for": id }, "Your notes");
    label.appendChild(el("span", { "class": "rs-muted" }, " · private: kept in this browser only, included when you export"));
    function save() {
      clearTimeout(timer); timer = 0;
      if (area.value === store.note(key)) return;
      status.textContent = store.setNote(key, area.value) ? "Saved in this browser." :
        "Not saved: this browser's storage is full or blocked. The note stays on this page; export to keep it.";
    }
    area.value = store.note(key);
    area.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(save, 600); });
    area.addEventListener("change", save);
    [label, area, status].forEach(function (n) { box.appendChild(n); });
  }

  // -- prerequisites and next up ------------------------------------------------------------------
  function prereq(li) {
    var s = store.get(li.getAttribute("data-rs-prereq"));
    var badge = li.querySelector(".rs-state");
    if (!badge) { li.appendChild(document.createTextNode(" ")); badge = li.appendChild(el("span", { "class": "rs-badge rs-state" })); }
    badge.setAttribute("data-rs-state", s);
    badge.textContent = (s === "done" ? "✓ " : "") + LABELS[s];
  }
  function available(scope, skip) {
    return index.topics.filter(function (t) {
      return (!scope || t.roadmap === scope) && t.key !== skip && !done(t.key) && t.prerequisites.every(done);
    });
  }
  function nextUp(box) {
    if (!index) { topics().then(refresh, function () { /* next up stays empty */ }); return; }
    var scope = box.getAttribute("data-rs-next"), skip = box.getAttribute("data-rs-exclude");
    var list = available(scope, skip);
    if (!list.length && scope) { list = available("", skip); scope = ""; }
    box.textContent = "";
    var head = box.appendChild(el("p", { "class": "rs-next-title" }));
    head.appendChild(el("strong", {}, "Next up"));
    head.appendChild(el("span", { "class": "rs-muted" }, list.length ? " · every prerequisite done" : ""));
    if (!list.length) { box.appendChild(el("p", {}, "Nothing left: every topic is done or skipped.")); return; }
    var ol = box.appendChild(el("ol", { "class": "rs-next-list" }));
    list.slice(0, 5).forEach(function (t) {
      var li = ol.appendChild(el("li", { "data-rs-next-item": t.key }));
      li.appendChild(el("a", { href: store.base + t.url }, t.title));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", { "class": "rs-badge" }, hours(t.hours)));
      if (t.roadmap !== scope) li.appendChild(el("span", { "class": "rs-muted" }, " " + index.titles[t.roadmap]));
      if (store.get(t.key) === "doing") li.appendChild(el("span", { "class": "rs-badge rs-state", "data-rs-state": "doing" }, LABELS.doing));
    });
    var rest = list.slice(5);
    if (rest.length) box.appendChild(el("p", { "class": "rs-muted" }, "and " + rest.length + " more (" +
      hours(rest.reduce(function (n, t) { return n + t.hours; }, 0)) + ")"));
  }

  function refresh() {
    document.querySelectorAll("[data-rs-tools]").forEach(function (box) {
      if (!box.firstChild) buildTools(box);
      problemBox(box);
    });
    document.querySelectorAll("[data-rs-notes]").forEach(function (box) {
      if (!box.firstChild) buildNotes(box);
      var area = box.querySelector("textarea");
      if (area !== document.activeElement) area.value = store.note(box.getAttribute("data-rs-notes"));
      problemBox(box);
    });
    document.querySelectorAll("[data-rs-prereq]").forEach(prereq);
    document.querySelectorAll("[data-rs-next]").forEach(nextUp);
  }

  store.subscribe(refresh);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(refresh);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh);
  else refresh();
})();
