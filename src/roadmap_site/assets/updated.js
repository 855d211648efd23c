/* roadmap-site: "Updated since you completed it" on the page of a topic that changed after the
   learner marked it done: what it teaches (data-rs-rev: a hash per facet, see revisions.py,
   compared with the one recorded when it was marked done) or a date its author gave
   (data-rs-revised, with an optional note). Entries stored before revisions were recorded have
   none, so only an author's date can flag them. Loaded by learner.js on topic pages. */
(() => {
  "use strict";
  const store = window.roadmapSiteStore, { el, button } = window.roadmapSiteLearner;
  // revisions.FACETS, in order, with the section of the topic page that shows each
  const FACETS = [["subtopics", "subtopics"], ["self-checks", "checks"], ["exercises", "exercises"], ["worked design", "design"]];
  const words = list => list.length < 2 ? list[0] : list.slice(0, -1).join(", ") + " and " + list[list.length - 1];

  // What changed since the topic was marked done, as [words, section] (none when it is not done).
  function changes(box) {
    const done = store.done(box.getAttribute("data-rs-updated")), now = box.getAttribute("data-rs-rev").split(".");
    if (!done) return [];
    const then = done[1] ? done[1].split(".") : null, revised = box.getAttribute("data-rs-revised");
    const out = then ? FACETS.filter((f, i) => now[i] !== "-" && now[i] !== then[i]) : [];
    if (revised && Date.parse(revised) > done[0]) out.unshift([box.getAttribute("data-rs-note") || "revised " + revised]);
    return out;
  }
  function render() {
    for (const box of document.querySelectorAll("[data-rs-updated]")) {
      const what = changes(box), text = what.length ? words(what.map(w => w[0])) : "";
      box.hidden = !text;
      if (box.getAttribute("data-rs-text") === text) continue;
      box.setAttribute("data-rs-text", text);
      box.className = text ? "rs-updated admonition info" : "rs-updated";  // Material's own box (both schemes)
      box.replaceChildren();
      if (!text) continue;
      const key = box.getAttribute("data-rs-updated"), p = el("p", {}, "Have a look"), go = what.filter(w => w[1]);
      go.forEach((w, i) => p.append(i ? (i < go.length - 1 ? ", " : " and ") : " at the ", el("a", { href: "#" + w[1] }, w[0])));
      p.append(", then: ", button("Mark it as reviewed", () => store.set(key, "done", box.getAttribute("data-rs-rev"))));
      box.append(el("p", { "class": "admonition-title" }, "Updated since you completed it: " + text), p);
    }
  }
  window.rs_updated = render;
  render();
})();
