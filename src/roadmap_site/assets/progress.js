/* roadmap-site progress tracker: state lives in this browser (localStorage), no account.
   Works with Material's instant navigation (document$) and without it. */
(function () {
  "use strict";
  // Storage lives in store.js (loaded first): one parsed state, merged with other tabs.
  var store = window.roadmapSiteStore, STATES = store.STATES, LABELS = store.LABELS;
  function get(key) { return store.get(key); }
  function set(key, state) {  // the store calls refresh (subscribe)
    // Done records what the topic teaches now (data-rs-rev, see revisions.py): its page can tell when that changes.
    var n = document.querySelector('[data-rs-rev][data-rs-topic="' + key + '"]');
    store.set(key, state, n && n.getAttribute("data-rs-rev"));
  }

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
    paintDiagram();
    document.querySelectorAll("[data-rs-bar]").forEach(bar);
    // A menu or a "needs" note of a page left by instant navigation (back, forward) goes with it.
    var m = document.querySelector(".rs-menu"), pop = document.querySelector(".rs-pop");
    if (m && !m.rsFrom.isConnected) m.remove();
    if (pop && !pop.rsNode.isConnected) pop.remove();
  }

  // -- the drawn roadmap: states as glyphs (CSS on data-rs-state), one-tap done, a small menu --
  function paintDiagram() {
    document.querySelectorAll(".rs-node[data-rs-topic]").forEach(function (g) {
      var key = g.getAttribute("data-rs-topic"), s = get(key), t = g.querySelector("[data-rs-toggle]");
      g.setAttribute("data-rs-state", s);
      if (t) t.setAttribute("aria-label", g.querySelector("title").textContent + ": " + LABELS[s].toLowerCase() +
        (s === "done" ? ". Press to mark not started." : ". Press to mark done."));
    });
    document.querySelectorAll("[data-rs-count]").forEach(function (n) {  // home: per roadmap
      var id = n.getAttribute("data-rs-count"), bar = document.querySelector('[data-rs-bar][data-rs-roadmap="' + id + '"]');
      if (!bar) return;
      var keys = bar.getAttribute("data-rs-bar").split(" ").filter(Boolean), done = keys.filter(function (k) { return get(k) === "done"; }).length;
      n.textContent = " · " + done + " done";
      var fill = n.closest("a").querySelector("[data-rs-fill]");
      if (fill) fill.setAttribute("width", keys.length ? (fill.getAttribute("data-rs-width") * done / keys.length).toFixed(1) : 0);
    });
  }
  var KEYS = { d: "done", p: "doing", s: "skipped", n: "todo" };
  function markDone(t) {  // one click or tap: done; on a done topic: back to not started
    var key = t.getAttribute("data-rs-toggle");
    set(key, get(key) === "done" ? "todo" : "done");
  }
  function closeMenu(back) {
    var m = document.querySelector(".rs-menu");
    if (m) { m.remove(); if (back && m.rsFrom) m.rsFrom.focus(); }
  }
  function place(m, near) {  // a popup below (or above) what opened it, inside the window
    var r = near.getBoundingClientRect();
    document.body.appendChild(m);
    m.style.left = Math.max(4, Math.min(r.left, window.innerWidth - m.offsetWidth - 4)) + "px";
    m.style.top = (r.bottom + m.offsetHeight + 4 < window.innerHeight ? r.bottom + 4 : Math.max(4, r.top - m.offsetHeight - 4)) + "px";
  }
  function openMenu(t) {  // the four states, one step away (right-click, long press, M or the menu key)
    closeMenu(false);
    var key = t.getAttribute("data-rs-toggle"), now = get(key);
    var m = el("div", { "class": "rs-menu", role: "menu", "aria-label": "Progress" });
    m.rsFrom = t;
    STATES.forEach(function (s) {
      var b = el("button", { type: "button", role: "menuitemradio", "aria-checked": String(s === now) }, LABELS[s]);
      b.addEventListener("click", function () { set(key, s); closeMenu(true); });
      m.appendChild(b);
    });
    m.addEventListener("keydown", function (e) {
      var items = Array.prototype.slice.call(m.querySelectorAll("button")), i = items.indexOf(document.activeElement);
      if (e.key === "Escape" || e.key === "Tab") { e.preventDefault(); closeMenu(true); }
      else if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); items[(i + (e.key === "ArrowDown" ? 1 : 3)) % 4].focus(); }
    });
    place(m, t);
    m.querySelector('[aria-checked="true"]').focus();
  }
  function showNeeds(chip) {  // a tap on "needs N": name them (a tooltip needs a mouse) and light them up
    var g = chip.closest(".rs-node"), m = el("div", { "class": "rs-pop", role: "status" }, chip.querySelector("title").textContent);
    place(m, chip);
    hot({ target: g }, true);
    m.rsNode = g;
  }
  // A long press on a circle opens the menu on any touch screen: iOS sends no contextmenu for
  // it, and the tap that ends it must not also mark the topic done.
  var press = null;
  function endPress() { if (press) clearTimeout(press.timer); press = null; }
  document.addEventListener("pointerdown", function (e) {
    var t = e.pointerType !== "mouse" && e.target.closest && e.target.closest("[data-rs-toggle]");
    endPress();
    if (t) press = { x: e.clientX, y: e.clientY, timer: setTimeout(function () { press.long = true; openMenu(t); }, 500) };
  });
  document.addEventListener("pointermove", function (e) {  // a scroll or a drag, not a press
    if (press && !press.long && Math.abs(e.clientX - press.x) + Math.abs(e.clientY - press.y) > 12) endPress();
  });
  ["pointerup", "pointercancel"].forEach(function (n) { document.addEventListener(n, function () { if (press && !press.long) endPress(); }); });
  document.addEventListener("click", function (e) {
    if (press && press.long) {  // the menu stays open, with the focus the lifted finger took
      e.preventDefault(); endPress();
      var item = document.querySelector('.rs-menu [aria-checked="true"]');
      return item && item.focus();
    }
    var t = e.target.closest && e.target.closest("[data-rs-toggle]"), chip = e.target.closest && e.target.closest(".rs-needs");
    var pop = document.querySelector(".rs-pop");
    if (pop) { pop.remove(); hot({ target: pop.rsNode }, false); }
    if (!(e.target.closest && e.target.closest(".rs-menu"))) closeMenu(false);
    var link = e.target.closest && e.target.closest("svg a");
    if (t) { e.preventDefault(); markDone(t); }
    else if (chip) { e.preventDefault(); showNeeds(chip); }
    else if (link && !e.defaultPrevented && !e.button && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)) {
      // Material's instant navigation takes HTML links only: a drawing's link hands it one
      e.preventDefault();
      var a = document.body.appendChild(el("a", { href: link.href.baseVal }));
      a.click(); a.remove();
    }
  });
  document.addEventListener("contextmenu", function (e) {
    var t = e.target.closest && e.target.closest("[data-rs-toggle]");
    if (t) { e.preventDefault(); if (!(press && press.long)) openMenu(t); }  // once per long press
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target.closest && e.target.closest("[data-rs-toggle]"), k = (e.key || "").toLowerCase();
    if (!t || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Enter" || e.key === " ") markDone(t);
    else if (KEYS[k]) set(t.getAttribute("data-rs-toggle"), KEYS[k]);
    else if (k === "m" || e.key === "ContextMenu" || (e.shiftKey && e.key === "F10")) openMenu(t);
    else return;
    e.preventDefault(); e.stopPropagation();  // Material's own keys (p, n, s) listen on window
  });
  function hot(e, on) {  // a node's prerequisites and dependants: their lines and boxes
    var g = e.target.closest && e.target.closest(".rs-node[data-rs-topic]");
    if (!g) return;
    var k = g.getAttribute("data-rs-topic"), svg = g.closest("svg");
    svg.querySelectorAll(".rs-edges path").forEach(function (p) {
      var from = p.getAttribute("data-rs-from"), to = p.getAttribute("data-rs-to");
      if (from !== k && to !== k) return;
      p.classList.toggle("rs-hot", on);
      var other = svg.querySelector('.rs-node[data-rs-topic="' + (from === k ? to : from) + '"]');
      if (other) other.classList.toggle("rs-linked", on);
    });
  }
  ["mouseover", "focusin"].forEach(function (n) { document.addEventListener(n, function (e) { hot(e, true); }); });
  ["mouseout", "focusout"].forEach(function (n) { document.addEventListener(n, function (e) { hot(e, false); }); });
  store.subscribe(refresh);

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(refresh);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh);
  else refresh();
})();
