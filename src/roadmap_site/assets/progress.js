/* roadmap-site progress tracker: state lives in this browser (localStorage), no account.
   Works with Material's instant navigation (document$) and without it. */
(function () {
  "use strict";
  // Storage lives in store.js (loaded first): one parsed state, merged with other tabs.
  var store = window.roadmapSiteStore, STATES = store.STATES, LABELS = store.LABELS;
  function get(key) { return store.get(key); }
  function set(key, state) { store.set(key, state); }  // the store calls refresh (subscribe)

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function buildStatus(box) {
    var key = box.getAttribute("data-rs-topic");
    var fs = el("fieldset"), name = "rs-state-" + key.replace("/", "--");
    fs.appendChild(el("legend", {}, "Your progress"));
    STATES.forEach(function (s) {
      var label = el("label"), input = el("input", { type: "radio", name: name, value: s });
      input.addEventListener("change", function () { set(key, s); });
      label.appendChild(input); label.appendChild(document.createTextNode(" " + LABELS[s]));
      fs.appendChild(label);
    });
    box.appendChild(fs);
  }

  function bar(box) {
    var keys = box.getAttribute("data-rs-bar").split(" ").filter(Boolean);
    var done = 0, skipped = 0;
    keys.forEach(function (k) { var s = get(k); if (s === "done") done++; else if (s === "skipped") skipped++; });
    var total = keys.length - skipped, pct = total ? Math.round(100 * done / total) : 0;
    var text = done + " of " + total + " topics done (" + pct + "%)" + (skipped ? ", " + skipped + " skipped" : "");
    if (!box.querySelector("progress")) {
      box.textContent = "";
      var id = "rs-bar-" + Math.random().toString(36).slice(2);
      box.appendChild(el("label", { "for": id, "class": "rs-bar-text" }));
      box.appendChild(el("progress", { id: id }));
    }
    var p = box.querySelector("progress");
    p.max = Math.max(total, 1); p.value = done;
    box.querySelector("label").textContent = box.getAttribute("data-rs-label") + ": " + text;
  }

  function refresh() {
    document.querySelectorAll(".rs-status[data-rs-topic]").forEach(function (box) {
      if (!box.firstChild) buildStatus(box);
      var s = get(box.getAttribute("data-rs-topic"));
      box.querySelectorAll("input").forEach(function (i) { i.checked = i.value === s; });
    });
    document.querySelectorAll("[data-rs-item]").forEach(function (li) {
      var s = get(li.getAttribute("data-rs-item"));
      li.setAttribute("data-rs-state", s);
      var sr = li.querySelector(".rs-sr") || li.appendChild(el("span", { "class": "rs-sr" }));
      sr.textContent = s === "todo" ? "" : " (" + LABELS[s].toLowerCase() + ")";
    });
    document.querySelectorAll(".rs-node[data-rs-topic]").forEach(function (g) {
      var key = g.getAttribute("data-rs-topic"), s = get(key), t = g.querySelector("[data-rs-toggle]");
      g.setAttribute("data-rs-state", s);
      if (t) t.setAttribute("aria-label", "Progress of " + g.querySelector("a").getAttribute("aria-label").replace(/ \([^)]*\)$/, "") + ": " + LABELS[s].toLowerCase() + ". Press to change.");
    });
    document.querySelectorAll("[data-rs-bar]").forEach(bar);
  }

  function cycle(t) {
    var key = t.getAttribute("data-rs-toggle");
    set(key, STATES[(STATES.indexOf(get(key)) + 1) % STATES.length]);
  }
  document.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest("[data-rs-toggle]");
    if (t) { e.preventDefault(); cycle(t); }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target.closest && e.target.closest("[data-rs-toggle]");
    if (t && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); cycle(t); }
  });
  function hot(e, on) {  // highlight a node's prerequisite lines
    var g = e.target.closest && e.target.closest(".rs-node[data-rs-topic]");
    if (!g) return;
    var k = g.getAttribute("data-rs-topic");
    document.querySelectorAll(".rs-edges path").forEach(function (p) {
      if (p.getAttribute("data-rs-from") === k || p.getAttribute("data-rs-to") === k) p.classList.toggle("rs-hot", on);
    });
  }
  ["mouseover", "focusin"].forEach(function (n) { document.addEventListener(n, function (e) { hot(e, true); }); });
  ["mouseout", "focusout"].forEach(function (n) { document.addEventListener(n, function (e) { hot(e, false); }); });
  store.subscribe(refresh);

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(refresh);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh);
  else refresh();
})();
