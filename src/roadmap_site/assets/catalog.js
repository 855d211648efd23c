/* roadmap-site catalog filter: on the Resources page, shows the form the page carries (hidden
   without script, where the page stays the plain list) and hides the entries and the type
   headings it rules out, and those headings' entries in the table of contents. The choice is
   kept in the page's URL (?type=book&cost=free), so a filtered list can be bookmarked or shared.
   Loaded by learner.js on this page only. */
(() => {
  "use strict";
  const FIELDS = ["type", "cost", "level", "roadmap"];

  function apply(form) {
    const want = {};
    for (const name of FIELDS) want[name] = form.elements[name].value;
    let shown = 0, total = 0;
    const left = new Map();  // a type heading's "#id" -> whether it shows
    for (const list of document.querySelectorAll("ul.rs-catalog")) {
      let any = false;
      for (const li of list.children) {
        const ok = FIELDS.every(name => !want[name] || (li.dataset[name] || "").split(" ").includes(want[name]));
        li.hidden = !ok;
        total++;
        if (ok) { shown++; any = true; }
      }
      list.hidden = !any;
      const heading = list.previousElementSibling;  // the type's heading
      if (heading && /^H[1-6]$/.test(heading.tagName)) { heading.hidden = !any; left.set("#" + heading.id, any); }
    }
    form.querySelector(".rs-filter-count").textContent =
      shown === total ? `All ${total} resources` : `${shown} of ${total} resources`;
    const url = new URL(location.href);
    for (const name of FIELDS) want[name] ? url.searchParams.set(name, want[name]) : url.searchParams.delete(name);
    history.replaceState(history.state, "", url);
    // The table of contents (Material's, at the right and in the drawer) follows: a hidden
    // heading's entry hides, and its links keep the choice, as instant navigation made them
    // absolute with the query the page was loaded with (matched by their hash, as Material does).
    for (const link of document.querySelectorAll(".md-nav--secondary a[href*='#']")) {
      link.search = url.search;
      if (left.has(link.hash)) link.closest("li").hidden = !left.get(link.hash);
    }
  }

  function setup() {
    const form = document.querySelector("form[data-rs-catalog]");
    if (!form || form.dataset.rsReady) return;
    form.dataset.rsReady = "1";
    const params = new URL(location.href).searchParams;
    for (const name of FIELDS) {
      const select = form.elements[name], value = params.get(name);
      if (value && [...select.options].some(o => o.value === value)) select.value = value;
    }
    form.addEventListener("change", () => apply(form));
    form.addEventListener("submit", event => event.preventDefault());
    form.hidden = false;
    apply(form);
  }

  window.rs_catalog = setup;
  setup();
})();
