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

  function settings() {
    let s = {};
    try { s = JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { /* defaults */ }
    return { hours: s.hours > 0 ? s.hours : 6, scope: s.scope || "" };
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
    const { hours, scope } = settings(), items = schedule(hours, scope);
    $(".rs-plan-hours").value = hours; $(".rs-plan-scope").value = scope;
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
  if (field) field.value = settings().hours;
  document.addEventListener("change", e => {
    if (!e.target.closest || !e.target.closest("[data-rs-plan]")) return;
    const hours = Number($(".rs-plan-hours").value);
    try { localStorage.setItem(KEY, JSON.stringify({ hours: hours > 0 ? hours : 6, scope: $(".rs-plan-scope").value })); } catch (err) { /* this page only */ }
    render();
  });
  fetch(store.base + "api/topics.json").then(r => r.ok ? r.json() : Promise.reject(r.status)).then(d => {
    data = d;
    const select = $(".rs-plan-scope");
    if (select) {
      d.roadmaps.forEach(r => select.append(new Option(r.title, r.id)));
      d.tracks.forEach(t => select.append(new Option("Track: " + t.title, "track:" + t.id)));
    }
    render();
  }).catch(() => { const o = $(".rs-plan-out"); if (o) o.textContent = "The curriculum could not be loaded; try reloading the page."; });
  store.subscribe(render);
})();
