/* roadmap-site review queue: the self-checks of topics marked done come back on a Leitner
   schedule. Box 1 to 5, due again after 1, 3, 7, 16 and 35 days; "I knew it" moves a check up a
   box, "Not yet" back to box 1. Loaded by learner.js on the Review page only; the schedule is
   kept in the progress store ("reviews": per topic "box:day,..." by check), so it is exported,
   imported and merged across tabs like progress. */
(() => {
  "use strict";
  const store = window.roadmapSiteStore, DAYS = [0, 1, 3, 7, 16, 35];
  let checks = null, current = null, shown = false, page = null;
  const today = () => Math.floor(Date.now() / 864e5);
  const parse = v => (v ? v.split(",").map(x => x.split(":").map(Number)) : []);
  const date = day => new Date(day * 864e5).toLocaleDateString(undefined, { month: "long", day: "numeric" });

  function queue() {
    const due = [], t = today();
    let later = 0, next = Infinity;
    for (const key in checks) {
      if (store.get(key) !== "done") continue;
      const state = parse(store.review(key));
      checks[key].q.forEach((_, i) => {
        const [box, day] = state[i] || [1, t];
        if (day <= t) due.push({ key, i, box, day }); else { later++; next = Math.min(next, day); }
      });
    }
    due.sort((a, b) => a.day - b.day || a.box - b.box);  // the most overdue and least known first
    return { due, later, next };
  }
  function grade(knew) {
    const { key, i } = current, t = today(), state = parse(store.review(key));
    checks[key].q.forEach((_, j) => { state[j] = state[j] || [1, t]; });
    const box = knew ? Math.min(state[i][0] + 1, 5) : 1;
    state[i] = [box, t + DAYS[box]];
    shown = false;
    if (!store.setReview(key, state.map(s => s.join(":")).join(","))) show(store.problem());
    render();
  }
  function show(text) {
    const p = document.querySelector("[data-rs-review] .rs-review-problem");
    if (p) p.textContent = text;
  }
  function button(text, action, cls) {
    const b = document.createElement("button");
    b.type = "button"; b.className = "md-button " + (cls || ""); b.textContent = text;
    b.addEventListener("click", action);
    return b;
  }

  function render() {
    const root = document.querySelector("[data-rs-review]");
    if (!root || !checks) return;
    if (root !== page) { page = root; current = null; shown = false; }  // a new visit (instant navigation): a new card
    const { due, later, next } = queue(), card = root.querySelector(".rs-review-card");
    root.querySelector(".rs-review-status").textContent = due.length || later
      ? `${due.length} due today · ${later} scheduled later` + (later ? ` (next on ${date(next)})` : "")
      : "Nothing to review yet: mark a topic done and its self-checks come back here.";
    card.replaceChildren();
    if (!due.length) { current = null; return; }
    const same = current && due.some(d => d.key === current.key && d.i === current.i);
    current = same ? current : due[0];
    const topic = checks[current.key];
    const head = card.appendChild(document.createElement("p"));
    head.className = "rs-muted";
    const link = head.appendChild(document.createElement("a"));
    link.href = store.base + topic.u; link.textContent = topic.t;
    head.append(` · question ${current.i + 1} of ${topic.q.length} · box ${current.box} of 5`);
    const q = card.appendChild(document.createElement("p"));
    q.className = "rs-review-question"; q.innerHTML = topic.q[current.i];  // escaped at build time
    if (!shown) return void card.append(button("Show the answer", () => { shown = true; render(); }, "md-button--primary"));
    const a = card.appendChild(document.createElement("p"));
    a.className = "rs-review-answer"; a.innerHTML = topic.a[current.i];
    card.append(button("I knew it", () => grade(true), "md-button--primary"), " ", button("Not yet", () => grade(false)));
  }

  window.rs_review = render;
  fetch(store.base + "api/checks.json").then(r => r.ok ? r.json() : Promise.reject(r.status))
    .then(d => { checks = d; render(); })
    .catch(() => show("The self-checks could not be loaded; try reloading the page."));
  store.subscribe(render);
})();
