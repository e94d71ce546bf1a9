// couplesim workshop page. Hand-written, no framework, nothing from the network.
// The browser polls `step` at the chosen speed; each call returns the new hours and events.
"use strict";

const COLOURS = {
  ink: "#000000", orange: "#E69F00", sky: "#56B4E9", green: "#009E73", yellow: "#F0E442",
  blue: "#0072B2", vermillion: "#D55E00", purple: "#CC79A7", grey: "#999999",
};
const PARTNER_COLOURS = [COLOURS.orange, COLOURS.blue, COLOURS.green, COLOURS.purple];
const BAND_COLOURS = { leisure: COLOURS.green, work: COLOURS.sky, stress: COLOURS.vermillion, sleep: "#7a7a7a" };
const BAND_LABELS = { leisure: "leisure", work: "work / busy", stress: "stress", sleep: "asleep" };
const INTERVAL_MS = 250;
const SVG_NS = "http://www.w3.org/2000/svg";
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const $ = (id) => document.getElementById(id);

const state = {
  scenarios: [],
  scenario: null,      // the ScenarioInfo picked
  settings: {},        // slider values per partner id: {anxiety, avoidance, wound}
  main: null,          // {info, ticks: [], events: [], finished, marks: []}
  branch: null,        // same shape, plus forkedAt and label
  playing: false,
  queue: Promise.resolve(),
};

// ---------- styles (same rule as the model: above 4 counts as high) ----------
function styleName(anxiety, avoidance) {
  const a = anxiety > 4, v = avoidance > 4;
  return a ? (v ? "fearful" : "preoccupied") : (v ? "dismissing" : "secure");
}
function hendrixName(anxiety, avoidance) {
  const a = anxiety > 4, v = avoidance > 4;
  return a ? (v ? "swings between both" : "maximiser") : (v ? "minimiser" : "neither maximiser nor minimiser");
}

// ---------- time: the server sends local wall-clock times; read them as written, no time zones ----------
function parseTime(s) { return new Date(s.length <= 19 ? s + "Z" : s); }
function fmtClock(d) {
  const hh = String(d.getUTCHours()).padStart(2, "0"), mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} · ${hh}:${mm}`;
}

// ---------- API ----------
async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
  const res = await fetch(path, init);
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }));
  if (!res.ok) throw new Error(data.error || `${res.status} ${res.statusText}`);
  return data;
}
function setStatus(text, isError) {
  const el = $("status");
  el.textContent = text || "";
  el.style.color = isError ? COLOURS.vermillion : "";
}
// One request sequence at a time: playing, stepping and branching never interleave.
function enqueue(fn) {
  state.queue = state.queue.then(fn).catch((e) => { setStatus(e.message, true); pause(); });
  return state.queue;
}

// ---------- scenario library ----------
async function loadScenarios() {
  const list = await api("GET", "/api/scenarios");
  state.scenarios = list.scenarios;
  const sel = $("scenario");
  sel.innerHTML = "";
  for (const s of list.scenarios) {
    const o = document.createElement("option");
    o.value = s.name; o.textContent = s.title || s.name;
    sel.appendChild(o);
  }
  const problems = $("problems");
  problems.hidden = list.problems.length === 0;
  problems.textContent = list.problems.join("\n");
  if (list.scenarios.length === 0) { $("title").textContent = "No scenarios found"; return; }
  const wanted = new URLSearchParams(location.search).get("scenario");
  const pick = list.scenarios.find((s) => s.name === wanted) || list.scenarios[0];
  sel.value = pick.name;
  pickScenario(pick.name);
}

function pickScenario(name) {
  const s = state.scenarios.find((x) => x.name === name);
  if (!s) return;
  discardRuns();
  state.scenario = s;
  state.settings = {};
  for (const p of s.partners) state.settings[p.id] = { anxiety: p.anxiety, avoidance: p.avoidance, wound: p.wound };
  $("title").textContent = s.title || s.name;
  $("summary").textContent = s.summary || "";
  $("what").textContent = s.notes.what || "—";
  $("notice").textContent = s.notes.notice || "—";
  $("try").textContent = s.notes.try || "—";
  renderCards();
  renderActions();
  render();
}

// ---------- partner cards ----------
function partnerColour(i) { return PARTNER_COLOURS[i % PARTNER_COLOURS.length]; }

function renderCards() {
  const host = $("partners");
  host.innerHTML = "";
  state.scenario.partners.forEach((p, i) => {
    const set = state.settings[p.id];
    const card = document.createElement("article");
    card.className = "card";
    card.dataset.partner = p.id;
    card.style.setProperty("--c", partnerColour(i));
    card.innerHTML = `
      <h3><span class="name"></span><span class="style"></span></h3>
      <div class="hendrix"></div>
      <label>Anxiety <input type="range" min="1" max="7" step="0.5" data-trait="anxiety"><output></output></label>
      <label>Avoidance <input type="range" min="1" max="7" step="0.5" data-trait="avoidance"><output></output></label>
      <label>Wound <select data-trait="wound"><option value="early">early</option><option value="late">late</option></select><span></span></label>
      <div class="pending"></div>`;
    card.querySelector(".name").textContent = p.name;
    for (const input of card.querySelectorAll("[data-trait]")) {
      const trait = input.dataset.trait;
      input.value = set[trait];
      input.setAttribute("aria-label", `${p.name} ${trait}`);
      input.addEventListener("input", () => {
        set[trait] = trait === "wound" ? input.value : Number(input.value);
        updateCard(card, p);
        renderActions();
      });
    }
    host.appendChild(card);
    updateCard(card, p);
  });
}

function updateCard(card, p) {
  const set = state.settings[p.id];
  card.querySelector(".style").textContent = styleName(set.anxiety, set.avoidance);
  card.querySelector(".hendrix").textContent = `Hendrix: ${hendrixName(set.anxiety, set.avoidance)}`;
  const outs = card.querySelectorAll("output");
  outs[0].textContent = Number(set.anxiety).toFixed(1);
  outs[1].textContent = Number(set.avoidance).toFixed(1);
  const running = runPartner(p.id);
  card.querySelector(".pending").textContent = running && changedTraits(p.id)
    ? "changed: start a new run, or branch with these values" : "";
}
function runPartner(id) { return state.main ? state.main.info.partners.find((p) => p.id === id) : null; }
function changedTraits(id) {
  const r = runPartner(id), s = state.settings[id];
  return r && (r.anxiety !== s.anxiety || r.avoidance !== s.avoidance || r.wound !== s.wound);
}

// ---------- intervention and branch controls ----------
function renderActions() {
  const host = $("interventions");
  host.innerHTML = "";
  if (!state.scenario) return;
  const ps = state.scenario.partners;
  const choices = ps.map((p) => ({ label: `${p.name} stretches`, who: [p.id] }));
  if (ps.length > 1) choices.push({ label: "Both stretch", who: ps.map((p) => p.id) });
  for (const c of choices) {
    const b = document.createElement("button");
    b.type = "button"; b.textContent = c.label; b.dataset.who = c.who.join(",");
    b.addEventListener("click", () => intervene(c.who, c.label));
    host.appendChild(b);
  }
  const sel = $("branch-change");
  const before = sel.value;
  sel.innerHTML = "";
  choices.forEach((c, i) => {
    const o = document.createElement("option");
    o.value = `stretch:${c.who.join(",")}`; o.textContent = `…where ${c.label.replace("Both stretch", "both stretch")}`;
    if (i === 0 && ps.length > 1) o.selected = false;
    sel.appendChild(o);
  });
  const changed = ps.filter((p) => changedTraits(p.id));
  const o = document.createElement("option");
  o.value = "traits";
  o.textContent = changed.length ? `…with the new slider values (${changed.map((p) => p.name).join(", ")})` : "…with new slider values (move a slider first)";
  o.disabled = changed.length === 0;
  sel.appendChild(o);
  if ([...sel.options].some((x) => x.value === before && !x.disabled)) sel.value = before;
  else if (ps.length > 1) sel.value = `stretch:${ps[ps.length - 1].id}`;
  for (const card of document.querySelectorAll(".card")) {
    const p = ps.find((x) => x.id === card.dataset.partner);
    if (p) card.querySelector(".pending").textContent = changedTraits(p.id) ? "changed: start a new run, or branch with these values" : "";
  }
  updateButtons();
}

function updateButtons() {
  const live = state.main && !state.main.finished;
  for (const b of $("interventions").querySelectorAll("button")) b.disabled = !live;
  $("branch").disabled = !live || state.main.ticks.length === 0;
  $("step").disabled = !!state.main && state.main.finished && (!state.branch || state.branch.finished);
  $("play").textContent = state.playing ? "⏸ Pause" : "▶ Play";
  $("play").setAttribute("aria-pressed", String(state.playing));
  const csv = $("export-csv"), bcsv = $("export-branch-csv");
  if (state.main) { csv.href = `/api/runs/${state.main.info.id}/timeline.csv`; csv.removeAttribute("aria-disabled"); }
  else { csv.removeAttribute("href"); csv.setAttribute("aria-disabled", "true"); }
  bcsv.hidden = !state.branch;
  if (state.branch) bcsv.href = `/api/runs/${state.branch.info.id}/timeline.csv`;
}

// ---------- runs ----------
function newRun(info) { return { info, ticks: [], events: [], finished: info.finished, marks: [] }; }

function discardRuns(keepPlaying) {
  if (!keepPlaying) pause();
  for (const r of [state.main, state.branch]) if (r) api("DELETE", `/api/runs/${r.info.id}`).catch(() => {});
  state.main = null; state.branch = null;
  $("ticker").innerHTML = "";
  updateClock();
}

async function startRun(keepPlaying) {
  discardRuns(keepPlaying);
  const s = state.scenario;
  const partners = {};
  for (const p of s.partners) partners[p.id] = { ...state.settings[p.id] };
  const info = await api("POST", "/api/runs", { scenario: s.name, partners });
  state.main = newRun(info);
  setStatus(`Run started: ${s.partners.map((p) => `${p.name} ${styleName(state.settings[p.id].anxiety, state.settings[p.id].avoidance)}`).join(", ")}`);
  renderActions();
  render();
}

async function stepAll(n) {
  if (!state.main) await startRun(true);
  const runs = [state.main, state.branch].filter((r) => r && !r.finished);
  if (runs.length === 0) { pause(); setStatus("The run has reached its end."); return; }
  const results = await Promise.all(runs.map((r) => api("POST", `/api/runs/${r.info.id}/step`, { ticks: n })));
  const captions = [];
  results.forEach((res, i) => {
    const r = runs[i];
    r.ticks.push(...res.ticks);
    r.events.push(...res.events);
    r.finished = res.finished;
    r.info.tick = res.tick;
    for (const e of res.events) captions.push({ e, branch: r === state.branch });
  });
  // Both runs' events in the order they happened (the run before its branch within an hour).
  captions.sort((a, b) => a.e.tick - b.e.tick || Number(a.branch) - Number(b.branch));
  for (const c of captions) addCaption(c.e, c.branch);
  if (state.main.finished && (!state.branch || state.branch.finished)) { pause(); setStatus("The run has reached its end."); }
  updateClock();
  render();
  updateButtons();
}

function intervene(who, label) {
  enqueue(async () => {
    if (!state.main) return;
    const res = await api("POST", `/api/runs/${state.main.info.id}/interventions`, { kind: "stretch", who });
    state.main.marks.push({ tick: res.tick, label });
    addNote(res.caption);
    render();
  });
}

function branch() {
  enqueue(async () => {
    if (!state.main) return;
    const choice = $("branch-change").value;
    let body;
    if (choice === "traits") {
      body = { traits: state.scenario.partners.filter((p) => changedTraits(p.id)).map((p) => ({ partner: p.id, ...state.settings[p.id] })) };
    } else {
      body = { intervention: { kind: "stretch", who: choice.slice("stretch:".length).split(",") } };
    }
    if (state.branch) { await api("DELETE", `/api/runs/${state.branch.info.id}`).catch(() => {}); state.branch = null; }
    const res = await api("POST", `/api/runs/${state.main.info.id}/branch`, body);
    state.branch = newRun(res.run);
    state.branch.forkedAt = res.run.forkedAt;
    state.branch.label = res.caption.replace(/^.*?branch: /, "");
    addNote(res.caption, true);
    setStatus(`Branch: ${state.branch.label}. Press play: both continue from here.`);
    render();
    updateButtons();
  });
}

// ---------- playback ----------
function play() {
  if (state.playing) return;
  state.playing = true;
  updateButtons();
  const loop = async () => {
    while (state.playing) {
      const started = performance.now();
      await enqueue(() => stepAll(Number($("speed").value)));
      const wait = INTERVAL_MS - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };
  loop();
}
function pause() { state.playing = false; updateButtons(); }
function togglePlay() { if (state.playing) pause(); else play(); }

// ---------- captions ----------
const GOOD = new Set(["answered", "soothed", "accepted"]);
const BAD = new Set(["rebuffed", "refused", "missed"]);
function addCaption(e, isBranch) {
  const li = document.createElement("li");
  if (isBranch) { const t = document.createElement("span"); t.className = "tag"; t.textContent = "branch"; li.appendChild(t); }
  li.appendChild(document.createTextNode(e.caption));
  if (BAD.has(e.outcome) || e.kind === "give-up" || e.kind === "withdraw" || e.kind === "rejection") li.className = "bad";
  else if (GOOD.has(e.outcome) || e.kind === "return") li.className = "good";
  else if (e.kind === "intervention") li.className = "note";
  pushTicker(li);
}
function addNote(text, isBranch) {
  const li = document.createElement("li");
  li.className = "note";
  if (isBranch) { const t = document.createElement("span"); t.className = "tag"; t.textContent = "branch"; li.appendChild(t); }
  li.appendChild(document.createTextNode(text));
  pushTicker(li);
}
function pushTicker(li) {
  const t = $("ticker");
  t.insertBefore(li, t.firstChild);
  while (t.children.length > 200) t.removeChild(t.lastChild);
}

function updateClock() {
  const r = state.main;
  if (!r || r.ticks.length === 0) { $("clock").textContent = state.scenario ? "not started — press Play" : "—"; return; }
  const last = r.ticks[r.ticks.length - 1];
  const day = Math.floor(last.tick / 24) + 1;
  $("clock").textContent = `${fmtClock(parseTime(last.time))}  ·  day ${day}`;
}

// ---------- the chart (SVG built with presentation attributes so an export looks the same) ----------
function el(name, attrs, text) {
  const e = document.createElementNS(SVG_NS, name);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}
function band(t, i) {
  const c = t.partners[i] && t.partners[i].circumstances;
  if (!c) return null;
  if (c.asleep) return "sleep";
  if (c.stress >= 0.3) return "stress";
  if (c.availability < 0.5) return "work";
  if (c.leisure >= 0.5) return "leisure";
  return null;
}
function eventShape(e) {
  if (e.kind === "withdraw") return { shape: "down", fill: COLOURS.ink };
  if (e.kind === "return") return { shape: "up", fill: COLOURS.ink };
  if (e.kind === "give-up") return { shape: "cross", fill: COLOURS.vermillion };
  if (e.kind === "intervention") return { shape: "diamond", fill: COLOURS.yellow };
  if (e.kind === "rejection" || e.kind === "happening") return { shape: "square", fill: COLOURS.purple };
  if (GOOD.has(e.outcome)) return { shape: "circle", fill: COLOURS.green };
  if (e.outcome === "missed") return { shape: "ring", fill: "#fff" };
  return { shape: "circle", fill: COLOURS.vermillion };
}
function marker(g, shape, x, y, r, fill) {
  const stroke = { stroke: COLOURS.ink, "stroke-width": 1 };
  switch (shape) {
    case "down": g.appendChild(el("path", { d: `M${x - r} ${y - r}L${x + r} ${y - r}L${x} ${y + r}Z`, fill, ...stroke })); break;
    case "up": g.appendChild(el("path", { d: `M${x - r} ${y + r}L${x + r} ${y + r}L${x} ${y - r}Z`, fill, ...stroke })); break;
    case "cross": g.appendChild(el("path", { d: `M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`, stroke: fill, "stroke-width": 3 })); break;
    case "diamond": g.appendChild(el("path", { d: `M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z`, fill, ...stroke })); break;
    case "square": g.appendChild(el("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill, ...stroke })); break;
    case "ring": g.appendChild(el("circle", { cx: x, cy: y, r, fill: "#fff", stroke: COLOURS.ink, "stroke-width": 1.5 })); break;
    default: g.appendChild(el("circle", { cx: x, cy: y, r, fill, ...stroke }));
  }
}

function render() {
  const svg = $("chart");
  const big = document.body.classList.contains("projector");
  const F = big ? 22 : 14;                 // label font size
  const LW = big ? 4 : 2.5;                // line width
  const W = 1200, L = big ? 160 : 120, R = 16, T = 14;
  const plotW = W - L - R;
  const partners = state.scenario ? state.scenario.partners : [];
  const runs = [state.main, state.branch].filter(Boolean);
  const lanes = [];
  for (const r of runs) partners.forEach((p, i) => lanes.push({ run: r, i, p }));
  const hC = big ? 215 : 230, hS = big ? 125 : 140, gap = big ? 24 : 22, laneH = big ? 28 : 26;
  const yC0 = T, yS0 = yC0 + hC + gap, yL0 = yS0 + hS + gap;
  const H = yL0 + lanes.length * (laneH + 4) + F * 2 + 10;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("font-family", "DejaVu Sans, Liberation Sans, Arial, sans-serif");
  svg.innerHTML = "";
  svg.appendChild(el("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" }));

  const main = state.main;
  const total = state.scenario ? (main ? main.info.hours : state.scenario.hours) : 168;
  const windowHours = Number($("window").value) || total;
  const end = main && main.ticks.length ? main.ticks[main.ticks.length - 1].tick + 1 : 0;
  const t0 = Math.max(0, end - windowHours);
  const t1 = Math.max(t0 + Math.min(windowHours, total), end);
  const x = (tick) => L + ((tick - t0) / (t1 - t0)) * plotW;
  const yC = (c) => yC0 + (1 - c) * hC;
  const yS = (s) => yS0 + (1 - (s + 1) / 2) * hS;
  const visible = (r) => r.ticks.filter((t) => t.tick >= t0 - 1);

  // Night shading across both panels from the main run's first partner asleep, so days read at a glance.
  const shade = el("g", {});
  if (main) {
    let start = null;
    const ticks = visible(main);
    ticks.forEach((t, k) => {
      const asleep = t.partners.every((p) => p.circumstances.asleep);
      if (asleep && start === null) start = t.tick;
      if ((!asleep || k === ticks.length - 1) && start !== null) {
        const stop = asleep ? t.tick + 1 : t.tick;
        for (const [y0, h] of [[yC0, hC], [yS0, hS]])
          shade.appendChild(el("rect", { x: x(Math.max(start, t0)), y: y0, width: Math.max(0, x(stop) - x(Math.max(start, t0))), height: h, fill: "#000", "fill-opacity": 0.06 }));
        start = null;
      }
    });
  }
  svg.appendChild(shade);

  // Axes, grid and labels.
  const axes = el("g", { fill: "#222", "font-size": F });
  for (const c of [0, 0.25, 0.5, 0.75, 1]) {
    axes.appendChild(el("line", { x1: L, x2: W - R, y1: yC(c), y2: yC(c), stroke: "#000", "stroke-opacity": c === 0 || c === 1 ? 0.5 : 0.15 }));
    axes.appendChild(el("text", { x: L - 8, y: yC(c) + F / 3, "text-anchor": "end" }, c.toFixed(2)));
  }
  const title = (text, y0, h) => axes.appendChild(el("text", { x: F, y: y0 + h / 2, "text-anchor": "middle", "font-weight": 700, transform: `rotate(-90 ${F} ${y0 + h / 2})` }, text));
  title("closeness", yC0, hC);
  for (const s of [-1, 0, 1]) {
    axes.appendChild(el("line", { x1: L, x2: W - R, y1: yS(s), y2: yS(s), stroke: "#000", "stroke-opacity": s === 0 ? 0.45 : 0.2 }));
  }
  title("stance", yS0, hS);
  axes.appendChild(el("text", { x: L - 8, y: yS(1) + F, "text-anchor": "end" }, "approach"));
  axes.appendChild(el("text", { x: L - 8, y: yS(-1) - 4, "text-anchor": "end" }, "withdraw"));
  // Day ticks: weekday and date at midnight; thin out so labels never collide.
  if (state.scenario) {
    const start = parseTime((main && main.info.start) || state.scenario.start);
    const firstMidnight = (24 - start.getUTCHours()) % 24;
    const days = Math.ceil((t1 - t0) / 24);
    const every = Math.max(1, Math.ceil((days * F * 4.2) / plotW));
    const yAxis = yL0 + lanes.length * (laneH + 4) + F + 4;
    for (let h = firstMidnight; h <= t1; h += 24) {
      if (h < t0) continue;
      const d = new Date(start.getTime() + h * 3600e3);
      const dayIndex = Math.round((h - firstMidnight) / 24);
      axes.appendChild(el("line", { x1: x(h), x2: x(h), y1: yC0, y2: yAxis - F, stroke: "#000", "stroke-opacity": d.getUTCDay() === 1 ? 0.35 : 0.12 }));
      if (dayIndex % every === 0)
        axes.appendChild(el("text", { x: x(h) + 3, y: yAxis, "text-anchor": "start" }, `${DAYS[d.getUTCDay()]} ${d.getUTCDate()}`));
    }
  }
  svg.appendChild(axes);

  // Difference between the branch and the run that did not, shaded hour by hour (green: closer, vermillion: further).
  const br = state.branch;
  if (main && br && br.ticks.length) {
    const byTick = new Map(main.ticks.map((t) => [t.tick, t.closeness]));
    const diff = el("g", { "data-role": "difference" });
    let prev = { tick: br.forkedAt - 1, c: byTick.get(br.forkedAt - 1) };
    for (const t of br.ticks) {
      const m = byTick.get(t.tick);
      if (m === undefined || t.tick < t0) { prev = { tick: t.tick, c: t.closeness }; continue; }
      const pm = byTick.get(prev.tick);
      if (prev.c !== undefined && pm !== undefined) {
        const up = t.closeness + prev.c >= m + pm;
        diff.appendChild(el("polygon", {
          points: `${x(prev.tick)},${yC(pm)} ${x(t.tick)},${yC(m)} ${x(t.tick)},${yC(t.closeness)} ${x(prev.tick)},${yC(prev.c)}`,
          fill: up ? COLOURS.green : COLOURS.vermillion, "fill-opacity": 0.3, stroke: "none",
        }));
      }
      prev = { tick: t.tick, c: t.closeness };
    }
    svg.appendChild(diff);
  }

  // Lines: closeness (black for the run, purple for the branch) and each partner's stance.
  const line = (pts, attrs) => el("polyline", { points: pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" "), fill: "none", "stroke-linejoin": "round", ...attrs });
  for (const r of runs) {
    const isBranch = r === br;
    const ticks = visible(r);
    let join = [];
    if (isBranch) {
      const before = main.ticks.find((t) => t.tick === r.forkedAt - 1);
      if (before) join = [before];
    }
    const all = join.concat(ticks);
    if (all.length === 0) continue;
    partners.forEach((p, i) => {
      svg.appendChild(line(all.map((t) => [x(t.tick + 0.5), yS(t.partners[i].stance)]), {
        stroke: partnerColour(i), "stroke-width": LW * 0.8, "stroke-dasharray": isBranch ? `${LW * 3} ${LW * 1.5}` : "none",
        "data-role": `stance-${p.id}${isBranch ? "-branch" : ""}`,
      }));
    });
    svg.appendChild(line(all.map((t) => [x(t.tick + 0.5), yC(t.closeness)]), {
      stroke: isBranch ? COLOURS.purple : COLOURS.ink, "stroke-width": LW * 1.25,
      "data-role": isBranch ? "closeness-branch" : "closeness",
    }));
  }

  // Marks: fork and interventions, as labelled vertical lines.
  const marks = el("g", { "font-size": F, "font-weight": 700 });
  const vmark = (tick, colour, label, dy) => {
    if (tick < t0) return;
    marks.appendChild(el("line", { x1: x(tick), x2: x(tick), y1: yC0, y2: yS0 + hS, stroke: colour, "stroke-width": LW * 0.8, "stroke-dasharray": `${LW * 2} ${LW * 2}` }));
    const right = x(tick) < W - 360;
    marks.appendChild(el("text", { x: x(tick) + (right ? 6 : -6), y: yC0 + F + dy, "text-anchor": right ? "start" : "end", fill: colour, stroke: "#fff", "stroke-width": 4, "paint-order": "stroke" }, label));
  };
  if (br) vmark(br.forkedAt, COLOURS.purple, `branch: ${br.label}`, 0);
  if (main) main.marks.forEach((m, k) => vmark(m.tick, COLOURS.blue, m.label, (k % 3 + (br ? 1 : 0)) * (F + 4)));
  svg.appendChild(marks);

  // Lanes: each partner's circumstances as bands, and their events as markers.
  lanes.forEach((lane, k) => {
    const y0 = yL0 + k * (laneH + 4);
    const g = el("g", { "data-role": `lane-${lane.p.id}${lane.run === br ? "-branch" : ""}` });
    g.appendChild(el("rect", { x: L, y: y0, width: plotW, height: laneH, fill: "#fff", stroke: lane.run === br ? COLOURS.purple : "#000", "stroke-opacity": 0.4, "stroke-dasharray": lane.run === br ? "6 3" : "none" }));
    const ticks = visible(lane.run).filter((t) => t.tick >= t0);
    let cur = null, from = 0;
    const flush = (to) => { if (cur) g.appendChild(el("rect", { x: x(from), y: y0 + 1, width: Math.max(0, x(to) - x(from)), height: laneH - 2, fill: BAND_COLOURS[cur], "fill-opacity": cur === "sleep" ? 0.3 : 0.35 })); };
    for (const t of ticks) {
      const b = band(t, lane.i);
      if (b !== cur) { flush(t.tick); cur = b; from = t.tick; }
    }
    if (ticks.length) flush(ticks[ticks.length - 1].tick + 1);
    // Markers as wide as an hour (or a little more), so a busy evening reads as a cluster, not a smear.
    const r = Math.min(laneH / 2 - 4, Math.max(3.5, plotW / (t1 - t0)));
    for (const e of lane.run.events) {
      if (e.actor !== lane.p.id || e.tick < t0) continue;
      const m = eventShape(e);
      marker(g, m.shape, x(e.tick + 0.5), y0 + laneH / 2, e.kind === "protest" ? r + 1.5 : r, m.fill);
    }
    const label = lane.run === br ? `${lane.p.name} (br.)` : lane.p.name;
    g.appendChild(el("text", { x: L - 8, y: y0 + laneH / 2 + F / 3, "text-anchor": "end", "font-size": F, "font-weight": 700, fill: partnerColour(lane.i) === COLOURS.orange ? "#9a6a00" : partnerColour(lane.i) }, label));
    svg.appendChild(g);
  });

  if (!main) {
    svg.appendChild(el("text", { x: L + plotW / 2, y: yC0 + hC / 2, "text-anchor": "middle", "font-size": F * 1.4, fill: "#555" }, state.scenario ? "Press Play (space) to start the run" : "Loading…"));
  }
  renderLegend(partners);
}

function renderLegend(partners) {
  const items = [[`<i class="line" style="background:${COLOURS.ink}"></i>`, "closeness"]];
  partners.forEach((p, i) => items.push([`<i class="line" style="background:${partnerColour(i)}"></i>`, `${esc(p.name)}'s stance`]));
  if (state.branch) items.push([`<i class="line" style="background:${COLOURS.purple}"></i>`, "closeness in the branch (dashed: stances)"],
    [`<i style="background:${COLOURS.green};opacity:.5"></i>`, "branch closer"], [`<i style="background:${COLOURS.vermillion};opacity:.5"></i>`, "branch further apart"]);
  for (const k of Object.keys(BAND_COLOURS)) items.push([`<i style="background:${BAND_COLOURS[k]};opacity:.45"></i>`, BAND_LABELS[k]]);
  items.push([`<i style="background:${COLOURS.green};border-radius:50%;width:.8rem"></i>`, "bid answered"],
    [`<i style="background:${COLOURS.vermillion};border-radius:50%;width:.8rem"></i>`, "rebuffed"],
    [`<i style="background:#fff;border:1.5px solid #000;border-radius:50%;width:.8rem"></i>`, "not answered"],
    ["▼", "withdraws"], [`<i style="background:${COLOURS.yellow};border:1px solid #000;transform:rotate(45deg);width:.7rem;height:.7rem"></i>`, "stretching"]);
  $("legend").innerHTML = items.map(([sw, label]) => `<span>${sw}${label}</span>`).join("");
}
function esc(s) { return String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c])); }

// ---------- export ----------
function exportSvg() {
  const svg = $("chart").cloneNode(true);
  svg.setAttribute("xmlns", SVG_NS);
  const vb = svg.getAttribute("viewBox").split(" ").map(Number);
  svg.setAttribute("width", vb[2]);
  svg.setAttribute("height", vb[3]);
  const title = el("title", {}, `${state.scenario ? state.scenario.title : "couplesim"}${state.branch ? ` — branch: ${state.branch.label}` : ""}`);
  svg.insertBefore(title, svg.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
  const name = `${state.scenario ? state.scenario.name : "couplesim"}-closeness.svg`;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// ---------- projector mode ----------
function toggleProjector() {
  const on = document.body.classList.toggle("projector");
  document.documentElement.classList.toggle("projector", on);
  $("projector").setAttribute("aria-pressed", String(on));
  render();
}

// ---------- wiring ----------
function init() {
  $("scenario").addEventListener("change", (e) => pickScenario(e.target.value));
  $("play").addEventListener("click", togglePlay);
  $("step").addEventListener("click", () => { pause(); enqueue(() => stepAll(1)); });
  $("restart").addEventListener("click", () => enqueue(() => startRun(false)));
  $("branch").addEventListener("click", branch);
  $("export-svg").addEventListener("click", exportSvg);
  $("projector").addEventListener("click", toggleProjector);
  $("window").addEventListener("change", render);
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = e.target.tagName;
    const typing = tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA";
    // Space plays/pauses even on a slider or a list (the room's remote sends space); arrows stay theirs.
    if (e.key === " " && !(tag === "INPUT" && e.target.type === "text") && tag !== "TEXTAREA") { e.preventDefault(); togglePlay(); }
    else if (e.key === "ArrowRight" && !typing) { e.preventDefault(); pause(); enqueue(() => stepAll(1)); }
    else if ((e.key === "p" || e.key === "P") && !typing) { e.preventDefault(); toggleProjector(); }
  });
  // A focused button would also "click" on space: the key belongs to play/pause.
  document.addEventListener("keyup", (e) => { if (e.key === " " && e.target.tagName === "BUTTON") e.preventDefault(); });
  window.addEventListener("pagehide", () => {
    // Free the server's runs when the tab closes; idle release catches what this misses.
    for (const r of [state.main, state.branch]) if (r) fetch(`/api/runs/${r.info.id}`, { method: "DELETE", keepalive: true });
  });
  updateButtons();
  render();
  loadScenarios().catch((e) => { $("title").textContent = "Could not load scenarios"; setStatus(e.message, true); });
}
init();
