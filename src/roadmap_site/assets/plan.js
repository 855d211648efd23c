/* roadmap-site study plan: from the hours a learner can give each week, the date each phase and
   roadmap (or a track) would be finished, an ordered schedule, and an .ics calendar of it.
   Computed here from api/topics.json and the learner's progress; loaded by the Plan page only. */
(() => {
  "use strict";
  const store = window.roadmapSiteStore, DAY = 864e5, KEY = "roadmap-site:" + new URL(store.base).pathname + ":plan";
  let data = null;
  const $ = sel => document.querySelector("[data-rs-plan] " + sel);
  const fmt = d => d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  const open = k => !["done", "skipped"].includes(store.get(k));

  // Whole hours from 1 to 80 a week, as the field says (min, max, step): 2.5 or 0.5 is refused
  // as 0 or 200 is, typed or read back from storage (where an older version could have put it).
  const MIN = 1, MAX = 80, whole = h => Number.isInteger(h) && h >= MIN && h <= MAX;
  function settings() {
    let s = {};
    try { s = JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { /* defaults */ }
    return { hours: whole(s.hours) ? s.hours : 6, scope: typeof s.scope === "string" ? s.scope : "" };
  }
  const chosen = settings();  // what the plan uses: the last good hours and the scope
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(chosen)); } catch (err) { /* this visit only */ }
  }
  // The topics left in scope, in order, each with its planned start and end (whole days).
  function schedule(hours, scope) {
    const byKey = {};
    data.topics.forEach(t => { byKey[t.key] = t; });
    const track = data.tracks.find(t => "track:" + t.id === scope);
    const keys = track ? track.path : data.topics.filter(t => !scope || t.roadmap === scope).map(t => t.key);
    const today = new Date(new Date().toDateString()).getTime();
    let spent = 0;
    return keys.filter(open).map(k => {
      const t = byKey[k], start = today + Math.floor(spent / hours * 7) * DAY;
      spent += t.hours;
      return { t, start: new Date(start), end: new Date(today + Math.max(Math.ceil(spent / hours * 7) - 1, 0) * DAY) };
    });
  }
  // An unclassed table, which the theme styles as it styles the content's tables.
  function table(parent, head) {
    const t = parent.appendChild(document.createElement("table"));
    row(t.createTHead(), head, "th");
    return t.createTBody();
  }
  function row(section, cells, tag = "td") {
    const tr = section.appendChild(document.createElement("tr"));
    cells.forEach(c => tr.appendChild(document.createElement(tag)).append(c));
  }
  function link(t) {
    const a = document.createElement("a");
    a.href = store.base + t.url; a.textContent = t.title;
    return a;
  }
  function ics(items) {
    const day = d => d.toISOString().slice(0, 10).replace(/-/g, "");
    const esc = s => s.replace(/[\\;,]/g, m => "\\" + m);
    const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//roadmap-site//study plan//EN"];
    for (const { t, start, end } of items) {
      lines.push("BEGIN:VEVENT", `UID:${t.key.replace("/", "-")}-${day(start)}@roadmap-site`, `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${day(start)}`, `DTEND;VALUE=DATE:${day(new Date(end.getTime() + DAY))}`,
        `SUMMARY:${esc(t.title)} (${t.hours} h)`, `URL:${store.base + t.url}`, "END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    return lines.join("\r\n") + "\r\n";
  }

  function render() {
    const root = document.querySelector("[data-rs-plan]");
    if (!root || !data) return;
    const { hours, scope } = chosen, items = schedule(hours, scope), field = $(".rs-plan-hours");
    // (a page reached by instant navigation has the template's 6; a field being typed in, or
    // holding a refused value, is left as the learner has it)
    if (field !== document.activeElement && field.getAttribute("aria-invalid") !== "true") field.value = hours;
    const select = $(".rs-plan-scope");
    if (select.options.length === 1) {  // a new page (instant navigation swaps the page, not this script)
      data.roadmaps.forEach(r => select.append(new Option(r.title, r.id)));
      data.tracks.forEach(t => select.append(new Option("Track: " + t.title, "track:" + t.id)));
    }
    select.value = scope;
    const done = new Map();  // phase or roadmap -> the last day of its last open topic
    items.forEach(({ t, end }) => { done.set(t.roadmap + "/" + t.phase, end); done.set(t.roadmap, end); });
    const out = $(".rs-plan-out");
    out.replaceChildren();
    const p = out.appendChild(document.createElement("p"));
    const total = items.reduce((n, i) => n + i.t.hours, 0);
    p.textContent = items.length ? `${items.length} topics and ${Math.round(total)} h left: done around ${fmt(items[items.length - 1].end)} at ${hours} h a week.`
      : "Nothing left in this scope: every topic is done or skipped.";
    if (!items.length) return;
    const phases = table(out, ["Roadmap and phase", "Finished around"]);
    for (const r of data.roadmaps) {
      if (done.has(r.id)) row(phases, [r.title, fmt(done.get(r.id))]);
      r.phases.forEach(ph => { if (done.has(r.id + "/" + ph.id)) row(phases, ["\u2003" + ph.title, fmt(done.get(r.id + "/" + ph.id))]); });
    }
    const list = table(out, ["Topic", "Hours", "From", "To"]);
    items.forEach(({ t, start, end }) => row(list, [link(t), String(t.hours), fmt(start), fmt(end)]));
    $(".rs-plan-ics").onclick = () => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([ics(items)], { type: "text/calendar" }));
      a.download = "study-plan.ics"; document.body.append(a); a.click(); a.remove();
    };
  }

  window.rs_plan = render;
  // The saved hours at once, not the page's 6 until the topics arrive (a slow connection).
  const field = $(".rs-plan-hours");
  if (field) field.value = chosen.hours;
  // The hours field, judged as it is typed in: good hours redraw the plan (a moment after the
  // last key, or at once on leaving the field) and are kept; anything else leaves the plan as it
  // is and says next to the field what is accepted, until good hours are there.
  let typing = 0;
  function hoursTyped(left) {
    const field = $(".rs-plan-hours"), problem = $(".rs-plan-hours-problem"), text = field.value;
    clearTimeout(typing);
    if (text === "" && !left) return;  // emptied to type anew, or only "-" so far: judged on leaving
    const hours = text === "" ? NaN : Number(text);
    if (!whole(hours)) {
      field.setAttribute("aria-invalid", "true");
      problem.textContent = `Enter whole hours from ${MIN} to ${MAX}. The plan still uses ${chosen.hours} h a week.`;
      return;
    }
    field.removeAttribute("aria-invalid");
    problem.textContent = "";
    const use = () => { chosen.hours = hours; save(); render(); };
    if (left) { field.value = hours; use(); } else typing = setTimeout(use, 400);
  }
  document.addEventListener("input", e => {
    if (e.target.matches && e.target.matches("[data-rs-plan] .rs-plan-hours")) hoursTyped(false);
  });
  document.addEventListener("change", e => {
    if (!e.target.closest || !e.target.closest("[data-rs-plan]")) return;
    if (e.target.matches(".rs-plan-hours")) return hoursTyped(true);
    chosen.scope = $(".rs-plan-scope").value;
    save();
    render();
  });
  fetch(store.base + "api/topics.json").then(r => r.ok ? r.json() : Promise.reject(r.status)).then(d => {
    data = d;
    render();
  }).catch(() => { const o = $(".rs-plan-out"); if (o) o.textContent = "The curriculum could not be loaded; try reloading the page."; });
  store.subscribe(render);
})();
