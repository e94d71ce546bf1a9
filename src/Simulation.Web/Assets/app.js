// couplesim workshop page. Hand-written, no framework, nothing from the network.
// The browser polls `step` at the chosen speed; each call returns the new hours and events.
"use strict";

const COLOURS = {
  ink: "#000000", orange: "#E69F00", sky: "#56B4E9", green: "#009E73", yellow: "#F0E442",
  blue: "#0072B2", vermillion: "#D55E00", purple: "#CC79A7", grey: "#999999",
};
// The report charts' colours and markers come from the server (GET /api/visual), so both speak alike.
let VISUAL = {
  partners: [COLOURS.vermillion, COLOURS.blue, COLOURS.purple, COLOURS.green],
  bands: { leisure: COLOURS.green, work: COLOURS.sky, stress: COLOURS.orange, sleep: "#7F7F7F" },
  marks: [],
};
// A branch is drawn as compare.png draws run B: its line dashed blue-violet, the hours it is closer shaded
// bluish green and further apart pink (the server's palette; these are its values until it answers).
const branchColour = () => VISUAL.bands.branch || "#332288";
const closerColour = () => VISUAL.bands.closer || COLOURS.green;
const furtherColour = () => VISUAL.bands.further || COLOURS.purple;
// How strongly each shading is drawn, in the panels and lanes and in its legend swatch alike, so a swatch is the
// colour it names (the swatch has an outline of its colour, so a faint one still stands out in the legend).
const SHADE = { leisure: 0.13, sleep: 0.11, sleepLane: 0.16, work: 0.3, stress: 0.35, closer: 0.35, further: 0.5 };
const BRANCH_DASH = (lw) => `${lw * 3} ${lw * 1.5}`;
const INTERVAL_MS = 250;
const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// A window longer than this (8 weeks) is drawn as the report draws a long run: daily values, months on the axis.
const LONG_WINDOW = 8 * 7 * 24;
// Seeds the page can send exactly (a JSON number is a double); larger ones work from the command line.
const MAX_PAGE_SEED = Number.MAX_SAFE_INTEGER;
const REACHES = new Set(["bid", "protest", "callback", "repair"]);
const SERVER_POLL_MS = 5000;

const $ = (id) => document.getElementById(id);

const state = {
  scenarios: [],
  limits: { maxHours: 24 * 366, maxRuns: 16 },
  scenario: null,      // the ScenarioInfo picked
  settings: {},        // slider values per partner id: {anxiety, avoidance, wound}
  fields: { seed: "", length: "", stretch: "" },  // run settings as typed
  show: { distress: true, traits: false },
  main: null,          // {key, info, ticks: [], events: [], finished, now: [interventions applied now]}
  branch: null,        // same shape, plus forkedAt and label
  playing: false,
  loopId: 0,
  // Every scenario switch, new run or freeing bumps the epoch: work begun before it is dropped on arrival.
  epoch: 0,
  queue: Promise.resolve(),
  selected: null,      // {key: "m:12" | "b:3" | "m:day:…", pinned}
  sidebarOpen: true,
  sidebarBeforeProjector: true,
  freeAllArmed: 0,
};

class Stale extends Error {}

// A note's text, with a `command` in backticks set as code, as report.html sets it (a lone backtick stays as it is);
// text nodes only, no HTML.
function setNote(el, text) {
  el.replaceChildren();
  let from = 0;
  for (const m of text.matchAll(/`([^`]+)`/g)) {
    el.append(text.slice(from, m.index));
    const code = document.createElement("code");
    code.textContent = m[1];
    el.append(code);
    from = m.index + m[0].length;
  }
  el.append(text.slice(from));
}

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
function two(n) { return String(n).padStart(2, "0"); }
function fmtClock(d) { return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} · ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`; }
function fmtDay(d) { return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`; }
function hoursWords(h) {
  if (h % (24 * 7) === 0) return `${h / 168} week${h === 168 ? "" : "s"}`;
  if (h % 24 === 0) return `${h / 24} day${h === 24 ? "" : "s"}`;
  return `${h} hours`;
}
function lengthText(h) { return h % 168 === 0 ? `${h / 168}w` : h % 24 === 0 ? `${h / 24}d` : `${h}h`; }

// ---------- API ----------
async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
  const res = await fetch(path, init);
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }));
  if (!res.ok) {
    const err = new Error(data.error || `${res.status} ${res.statusText}`);
    err.status = res.status;
    throw err;
  }
  return data;
}
function setStatus(text, isError) {
  const el = $("status");
  el.textContent = text || "";
  el.classList.toggle("error", !!isError);
}
// One request sequence at a time: playing, stepping and branching never interleave. A task enqueued
// before the epoch moved on is skipped, and one under way when it moves is dropped (Stale).
function enqueue(fn) {
  const epoch = state.epoch;
  state.queue = state.queue
    .then(() => (epoch === state.epoch ? fn(epoch) : undefined))
    .catch((e) => {
      if (e instanceof Stale || epoch !== state.epoch) return;
      pause();
      if (e.status === 404 && state.main) {
        // The server let the run go (freed, idle too long, or restarted): start afresh on the next Play.
        resetRuns(false);
        setStatus("This run was released (freed, idle too long, or the server restarted). Press Play to start a new one.", true);
      } else if (e.status === 429) {
        setStatus(e.message, true);
        $("free-all").classList.add("attention");
      } else {
        setStatus(e.message, true);
      }
      refreshServer();
    });
  return state.queue;
}
function current(epoch) { if (epoch !== state.epoch) throw new Stale(); }

// ---------- runs on the server ----------
async function refreshServer() {
  try {
    const info = await api("GET", "/api/runs");
    $("run-count").textContent = `runs on the server: ${info.count} of ${info.limit}`;
    $("server").dataset.count = info.count;
    if (info.count < info.limit) $("free-all").classList.remove("attention");
  } catch { /* the next poll tries again */ }
}
function freeAll() {
  const button = $("free-all");
  // Two presses: it ends every tab's runs, not only this one's.
  if (Date.now() > state.freeAllArmed) {
    state.freeAllArmed = Date.now() + 4000;
    button.textContent = "Free every tab's runs? Press again";
    setTimeout(() => { if (Date.now() > state.freeAllArmed) button.textContent = "Free all runs"; }, 4100);
    return;
  }
  state.freeAllArmed = 0;
  button.textContent = "Free all runs";
  pause();
  resetRuns(false);
  api("DELETE", "/api/runs")
    .then((r) => { setStatus(`Freed ${r.released} run${r.released === 1 ? "" : "s"} (every tab's). Press Play to start again.`); button.classList.remove("attention"); })
    .catch((e) => setStatus(e.message, true))
    .then(refreshServer);
}
// A closing tab frees its runs; Orleans' idle collection takes whatever this misses.
function releaseOnExit() {
  const ids = [state.main, state.branch].filter(Boolean).map((r) => r.info.id);
  if (ids.length === 0) return;
  const body = JSON.stringify({ runs: ids });
  if (!navigator.sendBeacon || !navigator.sendBeacon("/api/release", body))
    fetch("/api/release", { method: "POST", body, keepalive: true, headers: { "Content-Type": "application/json" } }).catch(() => {});
}

// ---------- the address: a prepared run can be bookmarked ----------
function readAddress() {
  const q = new URLSearchParams(location.search);
  return {
    scenario: q.get("scenario"), seed: q.get("seed"), length: q.get("length"),
    stretch: q.getAll("stretch").join(" "), sets: q.getAll("set"), show: q.get("show"),
  };
}
function writeAddress() {
  if (!state.scenario) return;
  const q = new URLSearchParams();
  q.set("scenario", state.scenario.name);
  const s = state.scenario;
  if (state.fields.seed !== "" && state.fields.seed !== String(s.seed)) q.set("seed", state.fields.seed);
  if (state.fields.length !== "" && state.fields.length !== lengthText(s.hours)) q.set("length", state.fields.length);
  for (const x of splitStretch(state.fields.stretch)) q.append("stretch", x);
  for (const p of s.partners) {
    const set = state.settings[p.id];
    for (const k of ["anxiety", "avoidance", "wound"]) if (set[k] !== p[k]) q.append("set", `${p.id}.${k}=${set[k]}`);
  }
  const show = [state.show.distress ? "distress" : null, state.show.traits ? "traits" : null].filter(Boolean).join(",");
  if (show !== "distress") q.set("show", show || "none");
  // Readable in the address bar (and still read back the same): @ , = need no escaping in a query value.
  const url = `${location.pathname}?${q.toString().replace(/%40/g, "@").replace(/%2C/g, ",").replace(/%3D/g, "=")}`;
  if (url !== location.pathname + location.search) history.replaceState(null, "", url);
}
// What of a bookmarked address could not be applied, above the controls until dismissed or another scenario is picked:
// the status line under the chart is below the fold on a projector, and a room would watch the wrong couple unwarned.
function showAddressProblems(problems) {
  const box = $("address-problems");
  box.hidden = problems.length === 0;
  box.querySelector("p").textContent = problems.length ? `This address did not apply as written:\n${problems.join("\n")}` : "";
}
function splitStretch(text) { return text.split(/[\s,]+/).filter((x) => x.length > 0); }

// ---------- scenario library ----------
async function loadScenarios() {
  const wanted = readAddress();
  // The server names the likely scenario for a slip in the address, with the command line's search.
  const list = await api("GET", wanted.scenario ? `/api/scenarios?wanted=${encodeURIComponent(wanted.scenario)}` : "/api/scenarios");
  state.scenarios = list.scenarios;
  state.limits = { maxHours: list.maxHours, maxRuns: list.maxRuns };
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
  const found = list.scenarios.find((s) => s.name === wanted.scenario);
  const pick = found || list.scenarios[0];
  sel.value = pick.name;
  if (wanted.scenario && !found) {
    // A slip in a bookmarked or typed address: say so, name the likely one, and leave the other settings alone
    // (they were meant for that scenario's partners).
    const near = list.suggestion;
    pickScenario(pick.name, null, [`scenario=${wanted.scenario}: no such scenario${near ? ` (did you mean ${near}?)` : ""}; showing ${pick.name}, without the address's other settings`]);
  } else pickScenario(pick.name, wanted);
}

function pickScenario(name, prepared, addressProblems = []) {
  const s = state.scenarios.find((x) => x.name === name);
  if (!s) return;
  pause();
  resetRuns(true);
  state.scenario = s;
  updateClock(); // "not started — press Play" rather than a bare "—" (resetRuns ran before there was a scenario)
  state.settings = {};
  for (const p of s.partners) state.settings[p.id] = { anxiety: p.anxiety, avoidance: p.avoidance, wound: p.wound };
  state.fields = { seed: String(s.seed), length: lengthText(s.hours), stretch: "" };
  const problems = [...addressProblems];
  if (prepared) {
    if (prepared.seed) state.fields.seed = prepared.seed;
    if (prepared.length) state.fields.length = prepared.length;
    // every slip of the address at once (the fields below show only the first)
    for (const bad of [prepared.seed && parseSeed(prepared.seed).error, prepared.length && parseLength(prepared.length).error]) if (bad) problems.push(bad);
    if (prepared.stretch) state.fields.stretch = prepared.stretch;
    for (const set of prepared.sets || []) {
      const m = /^([a-z0-9][a-z0-9-]*)\.(anxiety|avoidance|wound)=(.+)$/.exec(set);
      const target = m && state.settings[m[1]];
      if (!target) { problems.push(`set=${set}: expected ID.anxiety|avoidance|wound=VALUE for ${s.partners.map((p) => p.id).join(" or ")}`); continue; }
      if (m[2] === "wound") {
        if (m[3] === "early" || m[3] === "late") target.wound = m[3]; else problems.push(`set=${set}: a wound is early or late`);
      } else {
        const v = Number(m[3]);
        if (Number.isFinite(v) && v >= 1 && v <= 7) target[m[2]] = v; else problems.push(`set=${set}: ${m[2]} is between 1 and 7`);
      }
    }
    if (prepared.show !== null && prepared.show !== undefined) {
      const parts = prepared.show.split(",");
      state.show = { distress: parts.includes("distress"), traits: parts.includes("traits") };
    }
  }
  $("show-distress").checked = state.show.distress;
  $("show-traits").checked = state.show.traits;
  $("title").textContent = s.title || s.name;
  $("summary").textContent = s.summary || "";
  for (const key of ["what", "notice", "try"]) setNote($(key), s.notes[key] || "—");
  $("seed").value = state.fields.seed;
  $("length").value = state.fields.length;
  $("stretch").value = state.fields.stretch;
  renderCards();
  renderActions();
  const fieldProblem = checkFields();
  setStatus(problems.length ? problems.join("; ") : fieldProblem ? "" : `${s.title || s.name}: press Play (space) to start.`, problems.length > 0);
  showAddressProblems(problems);
  writeAddress();
  render();
}

// ---------- run settings: seed, length, stretch ----------
function parseLength(text) {
  const m = /^\s*(\d{1,7})\s*([hdwy])\s*$/.exec(text);
  if (!m) return { error: `length: write a whole number and h, d, w or y (e.g. 36h, 3d, 4w, 1y), not “${text.slice(0, 40)}”` };
  const hours = Number(m[1]) * { h: 1, d: 24, w: 168, y: 24 * 365 }[m[2]];
  if (hours < 1) return { error: "length: a run lasts at least one hour" };
  if (hours > state.limits.maxHours) return { error: `length: at most ${lengthText(state.limits.maxHours)} on this page (${state.limits.maxHours} hours); longer runs from the command line` };
  return { hours };
}
function parseSeed(text) {
  if (!/^\d{1,16}$/.test(text.trim()) || Number(text) > MAX_PAGE_SEED)
    return { error: `seed: a whole number from 0 to ${MAX_PAGE_SEED} on this page (larger ones from the command line), not “${text.slice(0, 40)}”` };
  return { seed: Number(text) };
}
// The fields as the next run will use them; the first problem is shown and keeps Play from starting a run.
function checkFields() {
  const problem = [parseSeed(state.fields.seed), parseLength(state.fields.length)].find((x) => x.error);
  $("settings-error").textContent = problem ? problem.error : "";
  for (const id of ["seed", "length"]) $(id).classList.toggle("invalid", !!(id === "seed" ? parseSeed(state.fields.seed).error : parseLength(state.fields.length).error));
  markPending();
  return problem ? problem.error : null;
}
function fieldsChanged() {
  const r = state.main && state.main.info, f = state.fields;
  if (!r) return false;
  return String(r.seed) !== f.seed.trim() || r.hours !== parseLength(f.length).hours || (state.main.stretch || "") !== splitStretch(f.stretch).join(" ");
}
function markPending() {
  $("restart").classList.toggle("attention", !!state.main && fieldsChanged());
}

// ---------- partner cards ----------
function partnerColour(i) { return VISUAL.partners[i % VISUAL.partners.length]; }

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
        writeAddress();
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
  card.querySelector(".pending").textContent = runPartner(p.id) && changedTraits(p.id)
    ? "changed: start a new run, or branch with these values" : "";
}
function runPartner(id) { return state.main ? state.main.info.partners.find((p) => p.id === id) : null; }
function changedTraits(id) {
  const r = runPartner(id), s = state.settings[id];
  return r && (r.anxiety !== s.anxiety || r.avoidance !== s.avoidance || r.wound !== s.wound);
}
function names(ids) {
  const ps = (state.scenario && state.scenario.partners) || [];
  return ids.map((id) => (ps.find((p) => p.id === id) || { name: id }).name).join(" and ");
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
  for (const c of choices) {
    const o = document.createElement("option");
    o.value = `stretch:${c.who.join(",")}`; o.textContent = `…where ${c.label.replace("Both stretch", "both stretch")}`;
    sel.appendChild(o);
  }
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
    if (p) updateCard(card, p);
  }
  updateButtons();
}

function updateButtons() {
  const live = state.main && !state.main.finished;
  for (const b of $("interventions").querySelectorAll("button")) b.disabled = !live;
  $("branch").disabled = !live || state.main.ticks.length === 0;
  $("step").disabled = !!state.main && state.main.finished && (!state.branch || state.branch.finished);
  // The word is the button's name; its icon is drawn in CSS from aria-pressed (⏸ is missing from common fonts).
  $("play-label").textContent = state.playing ? "Pause" : "Play";
  $("play").setAttribute("aria-pressed", String(state.playing));
  const csv = $("export-csv"), bcsv = $("export-branch-csv");
  if (state.main) { csv.href = `/api/runs/${state.main.info.id}/timeline.csv`; csv.removeAttribute("aria-disabled"); }
  else { csv.removeAttribute("href"); csv.setAttribute("aria-disabled", "true"); }
  bcsv.hidden = !state.branch;
  if (state.branch) bcsv.href = `/api/runs/${state.branch.info.id}/timeline.csv`;
  markPending();
}

// ---------- runs ----------
function newRun(info, key) { return { key, info, ticks: [], events: [], finished: info.finished, now: [] }; }

// Drops this page's runs (and, with release, frees them on the server); whatever was under way is stale now.
function resetRuns(release) {
  state.epoch++;
  const ids = [state.main, state.branch].filter(Boolean).map((r) => r.info.id);
  // Freed after whatever is under way (it may still be stepping them), so no request of ours meets a freed run.
  if (release && ids.length)
    state.queue = state.queue.then(() => Promise.all(ids.map((id) => api("DELETE", `/api/runs/${id}`).catch(() => {})))).then(refreshServer);
  state.main = null; state.branch = null; state.selected = null;
  hideTip();
  $("ticker").innerHTML = "";
  updateClock();
  updateButtons();
  render();
}

async function startRun(epoch) {
  const s = state.scenario;
  const problem = checkFields();
  if (problem) { pause(); setStatus(problem, true); throw new Stale(); }
  const partners = {};
  for (const p of s.partners) partners[p.id] = { ...state.settings[p.id] };
  const stretch = splitStretch(state.fields.stretch);
  const body = { scenario: s.name, partners, seed: parseSeed(state.fields.seed).seed, hours: parseLength(state.fields.length).hours };
  if (stretch.length) body.stretch = stretch;
  let info;
  try {
    info = await api("POST", "/api/runs", body);
  } catch (e) {
    if (e.status === 400 && /^stretch/.test(e.message)) $("settings-error").textContent = e.message;
    throw e;
  }
  if (epoch !== state.epoch) {
    // The page moved on while the run was being made: nobody will use it.
    api("DELETE", `/api/runs/${info.id}`).catch(() => {});
    throw new Stale();
  }
  state.main = newRun(info, "m");
  state.main.stretch = stretch.join(" ");
  setStatus(`Run started: ${s.partners.map((p) => `${p.name} ${styleName(state.settings[p.id].anxiety, state.settings[p.id].avoidance)}`).join(", ")}; ${hoursWords(info.hours)}, seed ${info.seed}`);
  refreshServer();
  renderActions();
  render();
}

function restart() {
  pause();
  resetRuns(true);
  enqueue((epoch) => startRun(epoch));
}

async function stepAll(epoch, n) {
  if (!state.main) await startRun(epoch);
  const runs = [state.main, state.branch].filter((r) => r && !r.finished);
  if (runs.length === 0) { pause(); setStatus("The run has reached its end."); return; }
  const results = await Promise.all(runs.map((r) => api("POST", `/api/runs/${r.info.id}/step`, { ticks: n })));
  current(epoch);
  const captions = [];
  results.forEach((res, i) => {
    const r = runs[i];
    const first = r.events.length;
    r.ticks.push(...res.ticks);
    r.events.push(...res.events);
    r.finished = res.finished;
    r.info.tick = res.tick;
    res.events.forEach((e, k) => captions.push({ e, run: r, index: first + k }));
  });
  // Both runs' events in the order they happened (the run before its branch within an hour).
  captions.sort((a, b) => a.e.tick - b.e.tick || Number(a.run === state.branch) - Number(b.run === state.branch));
  for (const c of captions) addCaption(c.e, c.run, c.index);
  if (state.main.finished && (!state.branch || state.branch.finished)) { pause(); setStatus("The run has reached its end."); }
  updateClock();
  render();
  updateButtons();
}

function intervene(who, label) {
  enqueue(async (epoch) => {
    if (!state.main) return;
    const run = state.main;
    const res = await api("POST", `/api/runs/${run.info.id}/interventions`, { kind: "stretch", who });
    current(epoch);
    run.now.push({ tick: res.tick, who, strength: 1, label });
    addNote(res.caption);
    render();
  });
}

function branch() {
  enqueue(async (epoch) => {
    if (!state.main) return;
    const choice = $("branch-change").value;
    let body;
    if (choice === "traits") {
      // Only what moved, so the branch says exactly what changed ("Will now avoidance 3").
      body = {
        traits: state.scenario.partners.filter((p) => changedTraits(p.id)).map((p) => {
          const was = runPartner(p.id), now = state.settings[p.id], t = { partner: p.id };
          for (const k of ["anxiety", "avoidance", "wound"]) if (was[k] !== now[k]) t[k] = now[k];
          return t;
        }),
      };
    } else {
      body = { intervention: { kind: "stretch", who: choice.slice("stretch:".length).split(",") } };
    }
    if (state.branch) {
      const old = state.branch;
      state.branch = null;
      if (state.selected && state.selected.key.startsWith("b")) state.selected = null;
      await api("DELETE", `/api/runs/${old.info.id}`).catch(() => {});
    }
    const res = await api("POST", `/api/runs/${state.main.info.id}/branch`, body);
    if (epoch !== state.epoch) { api("DELETE", `/api/runs/${res.run.id}`).catch(() => {}); throw new Stale(); }
    state.branch = newRun(res.run, "b");
    state.branch.forkedAt = res.run.forkedAt;
    state.branch.label = res.caption.replace(/^.*?branch: /, "");
    addNote(res.caption, true);
    setStatus(`Branch: ${state.branch.label}. Press play: both continue from here.`);
    refreshServer();
    render();
    updateButtons();
  });
}

// ---------- playback ----------
function play() {
  if (state.playing) return;
  state.playing = true;
  const id = ++state.loopId;
  updateButtons();
  (async () => {
    while (state.playing && id === state.loopId) {
      const started = performance.now();
      await enqueue((epoch) => stepAll(epoch, Number($("speed").value)));
      const wait = INTERVAL_MS - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
}
function pause() { state.playing = false; state.loopId++; updateButtons(); }
function togglePlay() { if (state.playing) pause(); else play(); }

// ---------- captions ----------
const GOOD = new Set(["answered", "soothed", "accepted"]);
const BAD = new Set(["rebuffed", "refused", "missed"]);
function addCaption(e, run, index) {
  const li = document.createElement("li");
  if (run.key === "b") { const t = document.createElement("span"); t.className = "tag"; t.textContent = "branch"; li.appendChild(t); }
  li.appendChild(document.createTextNode(e.caption));
  li.dataset.ev = `${run.key}:${index}`;
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

// ---------- chart helpers (SVG built with presentation attributes so an export looks the same) ----------
function el(name, attrs, text) {
  const e = document.createElementNS(SVG_NS, name);
  for (const k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}
const measureCtx = document.createElement("canvas").getContext("2d");
function textWidth(text, size, weight) {
  measureCtx.font = `${weight || 400} ${size}px ${FONT}`;
  return measureCtx.measureText(text).width;
}
// The text, cut at a character and ended with "…" when it is wider than max px (an export's title line).
function fitText(text, size, weight, max) {
  if (textWidth(text, size, weight) <= max) return text;
  let lo = 0, hi = text.length; // the longest prefix that fits with its ellipsis: lo fits, hi does not
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (textWidth(text.slice(0, mid).trimEnd() + "…", size, weight) <= max) lo = mid; else hi = mid;
  }
  return text.slice(0, lo).trimEnd() + "…";
}
// Stretches of consecutive hours where pred(tick) holds: [[fromTick, toTickExclusive], …].
function spans(ticks, pred) {
  const out = [];
  let from = null, last = null;
  for (const t of ticks) {
    if (pred(t)) { if (from === null) from = t.tick; last = t.tick; }
    else if (from !== null) { out.push([from, last + 1]); from = null; }
  }
  if (from !== null) out.push([from, last + 1]);
  return out;
}
function marker(g, shape, x, y, r, colour) {
  const line = { stroke: colour, "stroke-width": Math.max(2, r / 2.5), fill: "none", "stroke-linecap": "round" };
  const f = (n) => n.toFixed(1);
  switch (shape) {
    case "Circle": g.appendChild(el("circle", { cx: f(x), cy: f(y), r: f(r), fill: colour })); break;
    case "OpenCircle": g.appendChild(el("circle", { cx: f(x), cy: f(y), r: f(r * 0.85), fill: "#fff", ...line })); break;
    case "Square": g.appendChild(el("rect", { x: f(x - r * 0.85), y: f(y - r * 0.85), width: f(r * 1.7), height: f(r * 1.7), fill: colour })); break;
    case "Diamond": g.appendChild(el("path", { d: `M${f(x)} ${f(y - r)}L${f(x + r)} ${f(y)}L${f(x)} ${f(y + r)}L${f(x - r)} ${f(y)}Z`, fill: colour })); break;
    case "TriangleUp": g.appendChild(el("path", { d: `M${f(x - r)} ${f(y + r * 0.8)}L${f(x + r)} ${f(y + r * 0.8)}L${f(x)} ${f(y - r)}Z`, fill: colour })); break;
    case "TriangleDown": g.appendChild(el("path", { d: `M${f(x - r)} ${f(y - r * 0.8)}L${f(x + r)} ${f(y - r * 0.8)}L${f(x)} ${f(y + r)}Z`, fill: colour })); break;
    case "Cross": g.appendChild(el("path", { d: `M${f(x - r * 0.85)} ${f(y - r * 0.85)}L${f(x + r * 0.85)} ${f(y + r * 0.85)}M${f(x + r * 0.85)} ${f(y - r * 0.85)}L${f(x - r * 0.85)} ${f(y + r * 0.85)}`, ...line })); break;
    case "Plus": g.appendChild(el("path", { d: `M${f(x - r)} ${f(y)}L${f(x + r)} ${f(y)}M${f(x)} ${f(y - r)}L${f(x)} ${f(y + r)}`, ...line })); break;
    // Drawn as the report's PNG draws it (ScottPlot has no star; its asterisk is a + over an ×), so a send-away
    // looks the same on the page, in its legend and in report.png.
    case "Asterisk": {
      const d = r * 0.72;
      g.appendChild(el("path", { d: `M${f(x - r)} ${f(y)}L${f(x + r)} ${f(y)}M${f(x)} ${f(y - r)}L${f(x)} ${f(y + r)}` +
        `M${f(x - d)} ${f(y - d)}L${f(x + d)} ${f(y + d)}M${f(x + d)} ${f(y - d)}L${f(x - d)} ${f(y + d)}`, ...line }));
      break;
    }
    default: g.appendChild(el("circle", { cx: f(x), cy: f(y), r: f(r), fill: colour }));
  }
}
const DISTRESS_AXIS_AT_LEAST = 2; // ClosenessChart.DistressAxisAtLeast
function niceCeil(v, ticks = 4) {
  const raw = v / ticks, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  return Math.ceil(v / step) * step;
}
// A calendar day's hours of a run, for long windows: [{date, from, to, centre, ticks}].
function byDay(ticks) {
  const days = [];
  for (const t of ticks) {
    const date = t.time.slice(0, 10);
    const last = days[days.length - 1];
    if (last && last.date === date) { last.ticks.push(t); last.to = t.tick + 1; }
    else days.push({ date, from: t.tick, to: t.tick + 1, ticks: [t] });
  }
  for (const d of days) d.centre = (d.from + d.to) / 2;
  return days;
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

// ---------- time axis (as the report's TimeAxis: days, weeks, months or years by the room there is) ----------
function timeTicks(start, t0, t1, plotW, F) {
  const days = (t1 - t0) / 24, pxPerDay = plotW / Math.max(days, 1 / 24);
  const at = (h) => new Date(start.getTime() + h * 3600e3);
  const firstMidnight = (24 - start.getUTCHours()) % 24;
  const midnights = [];
  for (let h = firstMidnight; h <= t1; h += 24) if (h >= t0) midnights.push(h);
  const ticks = [];
  if ((t1 - t0) <= LONG_WINDOW && pxPerDay >= 22) {
    const full = pxPerDay >= F * 6.5;
    for (const h of midnights) ticks.push({ h, grid: true, major: at(h).getUTCDay() === 1 });
    for (let h = firstMidnight - 24; h < t1; h += 24) {
      const from = Math.max(h, t0), to = Math.min(h + 24, t1);
      if (to - from < 12) continue;
      const day = at(from);
      const label = full ? fmtDay(day) : pxPerDay >= F * 2.6 ? DAYS[day.getUTCDay()] : DAYS[day.getUTCDay()].slice(0, 2);
      ticks.push({ h: (from + to) / 2, label, row: 0, anchor: "middle" });
    }
    if (!full) for (const h of midnights) if (at(h).getUTCDay() === 1 && h + 24 <= t1 + 12) ticks.push({ h, label: `${at(h).getUTCDate()} ${MONTHS[at(h).getUTCMonth()]}`, row: 1, anchor: "start" });
    return { ticks, rows: full ? 1 : 2 };
  }
  if ((t1 - t0) <= LONG_WINDOW) {
    // Weeks: Mondays, with the month, so a long window never reads "Sun 4, Sun 25" without months.
    for (const h of midnights) if (at(h).getUTCDay() === 1) ticks.push({ h, grid: true, label: `${at(h).getUTCDate()} ${MONTHS[at(h).getUTCMonth()]}`, row: 0, anchor: "start", major: at(h).getUTCDate() <= 7 });
    return { ticks, rows: 1 };
  }
  const monthW = pxPerDay * 30.4;
  let first = true;
  // The month the window opens in, at its left edge, when its first day is not the 1st and there is room before the next.
  const open = at(t0), next1st = Date.UTC(open.getUTCFullYear(), open.getUTCMonth() + 1, 1);
  const openLabel = `${MONTHS[open.getUTCMonth()]} ${open.getUTCFullYear()}`;
  if (open.getUTCDate() !== 1 && ((next1st - open.getTime()) / 3600e3) * (plotW / (t1 - t0)) >= textWidth(openLabel, F) + 10) {
    ticks.push({ h: t0, label: openLabel, row: 0, anchor: "start" });
    first = false;
  }
  for (const h of midnights) {
    const d = at(h);
    if (pxPerDay * 7 >= 8 && d.getUTCDay() === 1 && d.getUTCDate() !== 1) ticks.push({ h, grid: true, faint: true });
    if (d.getUTCDate() !== 1) continue;
    const labelled = monthW >= textWidth("Mar 2026", F) + 8 || d.getUTCMonth() % 3 === 0;
    const label = !labelled ? "" : first || d.getUTCMonth() === 0 ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
    ticks.push({ h, grid: true, major: d.getUTCMonth() === 0, label, row: 0, anchor: "start" });
    if (label) first = false;
  }
  return { ticks, rows: 1 };
}

// ---------- the chart ----------
let renderQueued = false;
function render() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => { renderQueued = false; renderNow(); });
}

function isProjector() { return document.body.classList.contains("projector"); }

function renderNow() {
  const svg = $("chart"), wrap = $("chart-wrap");
  const big = isProjector();
  // Sized in the screen's pixels: type, lines and markers are exactly as large as they look.
  const W = Math.max(320, Math.floor(wrap.clientWidth - 2));
  const F = big ? Math.max(15, Math.min(24, Math.round(window.innerHeight / 45))) : 13;
  const LW = big ? 3.5 : 2.2;
  // Markers ≥ 10 px across for every shape (squares are 1.7 r); the projector keeps them small, the lanes compact.
  const rMark = big ? Math.max(6, Math.min(7, F * 0.28)) : 6.5;
  const partners = state.scenario ? state.scenario.partners : [];
  const main = state.main, br = state.branch;
  const runs = [main, br].filter(Boolean);
  const lanes = [];
  for (const r of runs) partners.forEach((p, i) => lanes.push({ run: r, i, p }));

  const total = state.scenario ? (main ? main.info.hours : (parseLength(state.fields.length).hours || state.scenario.hours)) : 168;
  const windowHours = Number($("window").value) || total;
  const end = main && main.ticks.length ? main.ticks[main.ticks.length - 1].tick + 1 : 0;
  const t0 = Math.max(0, end - windowHours);
  const t1 = Math.max(t0 + Math.min(windowHours, total), end);
  const daily = t1 - t0 > LONG_WINDOW;
  const start = parseTime((main && main.info.start) || (state.scenario ? state.scenario.start : "2026-01-01T00:00"));

  // Left margin: the widest label there (lane names, panel words).
  const laneLabels = lanes.map((l) => (l.run === br ? `${l.p.name} (br.)` : l.p.name));
  const L = Math.ceil(Math.max(textWidth("withdraw", F), ...laneLabels.map((t) => textWidth(t, F, 700)), textWidth("0.00", F) + F * 1.6) + F * 0.9 + 6);
  const R = 12;
  const plotW = W - L - R;
  const x = (tick) => L + ((tick - t0) / (t1 - t0)) * plotW;

  // The legend sits in the chart (on the projector and in exports alike).
  const legend = legendItems(partners, daily, t0, t1, runs);
  const legendLayout = layoutLegend(legend, W - 16, F, big);
  const T = 8 + legendLayout.height + 6;
  const axis = timeTicks(start, t0, t1, plotW, F);
  const B = axis.rows * (F + 5) + 8;
  // Lanes hold three rows of markers. On the projector the rows sit 4 px closer than a marker is high:
  // marks of one hour in neighbouring rows are rare and then overlap by 3 px at most; the height goes to closeness.
  const laneH = big ? Math.round(3 * (2 * rMark - 4) + 4) : Math.round(rMark * 6 + 6);
  const laneGap = big ? 3 : 4;
  const gap = Math.round(F * (big ? 0.4 : 0.8));
  const panels = [{ key: "closeness", natural: 220 }, { key: "stance", natural: 120 }];
  if (state.show.distress) panels.push({ key: "distress", natural: 105 });
  if (state.show.traits) panels.push({ key: "traits", natural: 100 });
  let H;
  if (big) {
    // The frame's height is all there is, and the room watches the closeness curve: lanes and lower
    // panels get a compact height and closeness all the rest. (Before, the lanes took their room first
    // and left closeness 65 px of a 470 px chart at 1280×720 with a branch's four lanes.)
    H = Math.max(240, Math.floor(wrap.clientHeight - 2));
    const room = H - T - B - gap * panels.length - lanes.length * (laneH + laneGap);
    // Lower panels (stance, distress, traits): tall enough that their end labels keep the full type size and
    // the stance curves' pursue-withdraw swing can be seen across the room (at 28 px both read as flat lines),
    // more on a tall screen. A very low frame (a small window, traits shown too) gives them back their room,
    // down to two small labels, before closeness goes below six lines of type.
    const lower = panels.length - 1;
    let lowH = Math.floor(Math.max(F * 2.4, Math.min(F * 4, room * 0.14)));
    if (lower > 0 && room - lowH * lower < F * 6) lowH = Math.floor(Math.max(F * 1.6, (room - F * 6) / lower));
    for (const p of panels) p.h = lowH;
    panels[0].h = Math.max(Math.floor(F * 4), room - lowH * lower);
  } else {
    for (const p of panels) p.h = p.natural;
    H = T + panels.reduce((a, p) => a + p.h + gap, 0) + lanes.length * (laneH + laneGap) + B;
  }
  const lanesH = lanes.length * (laneH + laneGap);
  let y = T;
  const panel = {};
  for (const p of panels) { panel[p.key] = { y0: y, h: p.h }; y += p.h + gap; }
  const yL0 = y;
  const plotBottom = yL0 + lanesH - laneGap;

  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("width", W);
  svg.setAttribute("height", H);
  svg.setAttribute("font-family", FONT);
  svg.dataset.size = `${W}x${H}`;  // what it was drawn for (tests wait for a redraw after a resize)
  svg.innerHTML = "";
  svg.appendChild(el("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" }));
  const g = (attrs) => svg.appendChild(el("g", attrs));
  const pc = panel.closeness, ps = panel.stance, pd = panel.distress, pt = panel.traits;
  const yC = (c) => pc.y0 + (1 - c) * pc.h;
  const yS = (s) => ps.y0 + (1 - (s + 1) / 2) * ps.h;
  const visible = (r) => r.ticks.filter((t) => t.tick >= t0 - 1);
  // Hourly points are thinned to two per pixel; a long window is drawn per day, as the report draws a long run.
  const thin = (ticks) => {
    const k = Math.ceil(ticks.length / (2 * plotW));
    return k <= 1 ? ticks : ticks.filter((t, j) => j % k === 0 || j === ticks.length - 1);
  };

  // Ranges of the lower panels, from what is on screen.
  const shown = runs.flatMap((r) => visible(r));
  let dMax = 0, aLo = 7, aHi = 1;
  for (const t of shown) for (const p of t.partners) {
    if (p.distress > dMax) dMax = p.distress;
    aLo = Math.min(aLo, p.anxiety, p.avoidance); aHi = Math.max(aHi, p.anxiety, p.avoidance);
  }
  if (shown.length === 0) for (const p of partners) { aLo = Math.min(aLo, p.anxiety, p.avoidance); aHi = Math.max(aHi, p.anxiety, p.avoidance); }
  // As the report's chart (ClosenessChart): at least 0–2, then in three nice steps, so a calm couple looks calm
  // beside a stormy one and Alma's 2.3 ends the axis at 3.
  const dTop = niceCeil(Math.max(DISTRESS_AXIS_AT_LEAST, dMax * 1.05), 3);
  const yD = pd ? (d) => pd.y0 + (1 - d / dTop) * pd.h : null;
  const tLo = Math.max(1, Math.floor(aLo - 0.25)), tHi = Math.min(7, Math.max(tLo + 1, Math.ceil(aHi + 0.25)));
  const yT = pt ? (v) => pt.y0 + (1 - (v - tLo) / (tHi - tLo)) * pt.h : null;
  const linePanels = [pc, ps, pd, pt].filter(Boolean);

  // As in the report: leisure together and both asleep, shaded across the panels (sleep only hour by hour).
  const shade = g({ "data-role": "bands" });
  if (main) {
    const ticks = visible(main).filter((t) => t.tick >= t0);
    const put = (pred, colour, opacity) => {
      // With a branch on screen the closeness panel shows the difference instead (green means closer there).
      const targets = br ? linePanels.slice(1) : linePanels;
      for (const [a, b] of spans(ticks, pred))
        for (const p of targets)
          shade.appendChild(el("rect", { x: x(a).toFixed(1), y: p.y0, width: Math.max(0, x(b) - x(a)).toFixed(1), height: p.h, fill: colour, "fill-opacity": opacity }));
    };
    put((t) => t.partners.some((p) => p.circumstances.leisure > 0 && !p.circumstances.asleep), VISUAL.bands.leisure, SHADE.leisure);
    if (!daily) put((t) => t.partners.every((p) => p.circumstances.asleep), VISUAL.bands.sleep, SHADE.sleep);
  }

  // Axes, grid and labels.
  const axes = g({ fill: "#222", "font-size": F, "data-role": "axes" });
  const hline = (yy, opacity) => axes.appendChild(el("line", { x1: L, x2: W - R, y1: yy.toFixed(1), y2: yy.toFixed(1), stroke: "#000", "stroke-opacity": opacity }));
  const ylabel = (text, yy, dy) => axes.appendChild(el("text", { x: L - 6, y: (yy + (dy ?? F / 3)).toFixed(1), "text-anchor": "end" }, text));
  // A panel's name along its side; a panel too low for it has the name inside, at its top left.
  const title = (text, p) => axes.appendChild(textWidth(text, F, 700) + 6 <= p.h
    ? el("text", { x: F * 0.9, y: p.y0 + p.h / 2, "text-anchor": "middle", "font-weight": 700, transform: `rotate(-90 ${F * 0.9} ${p.y0 + p.h / 2})` }, text)
    : el("text", { x: W - R - 4, y: p.y0 + F * 0.9, "text-anchor": "end", "font-weight": 700, stroke: "#fff", "stroke-width": 3, "paint-order": "stroke" }, text));
  for (const c of [0, 0.25, 0.5, 0.75, 1]) {
    hline(yC(c), c === 0 || c === 1 ? 0.5 : 0.15);
    if (pc.h >= F * 6 || c !== 0.25 && c !== 0.75) ylabel(c.toFixed(2), yC(c));
  }
  title("closeness", pc);
  // Each panel's extent, unseen: what a test (or a reader of the exported SVG) measures the layout by.
  for (const p of panels) axes.appendChild(el("rect", { x: L, y: panel[p.key].y0, width: plotW, height: p.h, fill: "none", "data-role": `panel-${p.key}` }));
  for (const s of [-1, 0, 1]) hline(yS(s), s === 0 ? 0.45 : 0.2);
  title("stance", ps);
  // A low panel (a small projector with the sidebar open) gets its two end labels smaller, so they never meet.
  const endLabels = (p, top, bottom, name) => {
    const small = p.h < F * 2.2, size = small ? Math.max(10, Math.floor(p.h / 2.3)) : F;
    axes.appendChild(el("text", { x: L - 6, y: (p.y0 + size * 0.9).toFixed(1), "text-anchor": "end", "font-size": size, "data-role": `top-of-${name}` }, top));
    axes.appendChild(el("text", { x: L - 6, y: (p.y0 + p.h - 2).toFixed(1), "text-anchor": "end", "font-size": size }, bottom));
  };
  endLabels(ps, "approach", "withdraw", "stance");
  if (pd) {
    hline(pd.y0 + pd.h, 0.5); hline(yD(dTop), 0.2); hline(yD(dTop / 2), 0.12);
    endLabels(pd, String(+dTop.toFixed(2)), "0", "distress");
    title("distress", pd);
  }
  if (pt) {
    for (let v = tLo; v <= tHi; v++) hline(yT(v), v === 4 ? 0.35 : 0.12);
    endLabels(pt, String(tHi), String(tLo), "traits");
    if (tHi - tLo >= 2 && pt.h >= F * 3) ylabel(String(Math.round((tLo + tHi) / 2)), yT(Math.round((tLo + tHi) / 2)));
    title("traits", pt);
  }
  // Time: grid lines across every panel and lane, labels below.
  const timeAxis = g({ "font-size": F, fill: "#222", "data-role": "time-axis" });
  const yAxis = plotBottom + F + 4;
  for (const tk of axis.ticks) {
    const xx = x(tk.h);
    if (xx < L - 0.5 || xx > W - R + 0.5) continue;
    if (tk.grid) timeAxis.appendChild(el("line", { x1: xx.toFixed(1), x2: xx.toFixed(1), y1: pc.y0, y2: plotBottom, stroke: "#000", "stroke-opacity": tk.faint ? 0.06 : tk.major ? 0.35 : 0.13 }));
    if (!tk.label) continue;
    const w = textWidth(tk.label, F);
    const lx = tk.anchor === "middle" ? xx : xx + 3;
    if ((tk.anchor === "middle" ? lx - w / 2 : lx) < L - 2 || (tk.anchor === "middle" ? lx + w / 2 : lx + w) > W - 2) continue;
    timeAxis.appendChild(el("text", { x: lx.toFixed(1), y: yAxis + tk.row * (F + 5), "text-anchor": tk.anchor, "data-role": "tick-label" }, tk.label));
  }

  // Difference between the branch and the run that did not, shaded hour by hour (green: closer, pink: further apart).
  if (main && br && br.ticks.length) {
    const byTick = new Map(main.ticks.map((t) => [t.tick, t.closeness]));
    const diff = g({ "data-role": "difference" });
    let prev = { tick: br.forkedAt - 1, c: byTick.get(br.forkedAt - 1) };
    const src = daily ? byDay(br.ticks.filter((t) => t.tick >= t0)).map((d) => ({ tick: Math.floor(d.centre), closeness: mean(d.ticks.map((t) => t.closeness)), m: mean(d.ticks.map((t) => byTick.get(t.tick) ?? t.closeness)) })) : thin(br.ticks);
    for (const t of src) {
      const m = daily ? t.m : byTick.get(t.tick);
      if (m === undefined || t.tick < t0) { prev = { tick: t.tick, c: t.closeness, m }; continue; }
      const pm = daily ? prev.m : byTick.get(prev.tick);
      if (prev.c !== undefined && pm !== undefined) {
        const up = t.closeness + prev.c >= m + pm;
        diff.appendChild(el("polygon", {
          points: `${x(prev.tick + 0.5).toFixed(1)},${yC(pm).toFixed(1)} ${x(t.tick + 0.5).toFixed(1)},${yC(m).toFixed(1)} ${x(t.tick + 0.5).toFixed(1)},${yC(t.closeness).toFixed(1)} ${x(prev.tick + 0.5).toFixed(1)},${yC(prev.c).toFixed(1)}`,
          fill: up ? closerColour() : furtherColour(), "fill-opacity": up ? SHADE.closer : SHADE.further, stroke: "none",
        }));
      }
      prev = { tick: t.tick, c: t.closeness, m };
    }
  }

  // Lines: closeness (black for the run, purple for the branch), each partner's stance, distress and traits.
  const polyline = (pts, attrs) => el("polyline", { points: pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" "), fill: "none", "stroke-linejoin": "round", ...attrs });
  const lines = g({ "data-role": "lines" });
  for (const r of runs) {
    const isBranch = r === br;
    const suffix = isBranch ? "-branch" : "";
    let join = [];
    if (isBranch) {
      const before = main.ticks.find((t) => t.tick === r.forkedAt - 1);
      if (before) join = [before];
    }
    const ticks = join.concat(visible(r));
    if (ticks.length === 0) continue;
    // Points: hourly (thinned), or one per day (its mean) on a long window.
    let pts, at;
    if (daily) {
      const days = byDay(ticks.filter((t) => t.tick >= t0 || isBranch));
      pts = days.map((d) => ({ x: x(d.centre), d }));
      at = (f) => pts.map((p) => mean(p.d.ticks.map(f)));
      if (!isBranch) {
        // The day's range of closeness, lowest to highest hour, as the report shades it.
        const lo = days.map((d) => Math.min(...d.ticks.map((t) => t.closeness))), hi = days.map((d) => Math.max(...d.ticks.map((t) => t.closeness)));
        const pointsStr = pts.map((p, j) => `${p.x.toFixed(1)},${yC(hi[j]).toFixed(1)}`).concat(pts.map((p, j) => `${p.x.toFixed(1)},${yC(lo[j]).toFixed(1)}`).reverse()).join(" ");
        lines.appendChild(el("polygon", { points: pointsStr, fill: "#000", "fill-opacity": 0.14, stroke: "none", "data-role": "closeness-range" }));
      }
    } else {
      const th = thin(ticks);
      pts = th.map((t) => ({ x: x(t.tick + 0.5), t }));
      at = (f) => pts.map((p) => f(p.t));
    }
    const xs = pts.map((p) => p.x);
    const zip = (ys, yf) => xs.map((xx, j) => [xx, yf(ys[j])]);
    partners.forEach((p, i) => {
      const colour = partnerColour(i), dash = isBranch ? BRANCH_DASH(LW) : null;
      lines.appendChild(polyline(zip(at((t) => t.partners[i].stance), yS), { stroke: colour, "stroke-width": LW * 0.8, "stroke-dasharray": dash, "data-role": `stance-${p.id}${suffix}` }));
      if (pd) lines.appendChild(polyline(zip(at((t) => t.partners[i].distress), yD), { stroke: colour, "stroke-width": LW * 0.9, "stroke-dasharray": dash, "data-role": `distress-${p.id}${suffix}` }));
      if (pt) {
        const op = isBranch ? 0.6 : 1;
        lines.appendChild(polyline(zip(at((t) => t.partners[i].anxiety), yT), { stroke: colour, "stroke-width": LW, "stroke-opacity": op, "data-role": `anxiety-${p.id}${suffix}` }));
        lines.appendChild(polyline(zip(at((t) => t.partners[i].avoidance), yT), { stroke: colour, "stroke-width": LW, "stroke-opacity": op, "stroke-dasharray": `${LW * 1.2} ${LW * 1.6}`, "data-role": `avoidance-${p.id}${suffix}` }));
      }
    });
    lines.appendChild(polyline(zip(at((t) => t.closeness), yC), {
      stroke: isBranch ? branchColour() : COLOURS.ink, "stroke-width": LW * 1.25, "stroke-dasharray": isBranch ? BRANCH_DASH(LW) : null,
      "data-role": isBranch ? "closeness-branch" : "closeness",
    }));
  }

  // Interventions, as the report draws them: a bluish-green line across the panels, its words on the
  // top panel (labels of close lines a row lower); the scenario's scheduled ones ahead of time, dashed.
  const ivColour = (VISUAL.marks.find((m) => m.key === "intervention") || { color: COLOURS.green }).color;
  const marks = g({ "font-size": F, "font-weight": 700, "data-role": "interventions" });
  const rowEnds = [];
  const vline = (tick, colour, label, attrs, dashed) => {
    if (tick < t0 || tick > t1) return;
    const xx = x(tick);
    marks.appendChild(el("line", { x1: xx.toFixed(1), x2: xx.toFixed(1), y1: pc.y0, y2: (linePanels[linePanels.length - 1].y0 + linePanels[linePanels.length - 1].h).toFixed(1), stroke: colour, "stroke-width": LW * 1.1, "stroke-dasharray": dashed ? `${LW * 2} ${LW * 2}` : null, ...attrs }));
    const w = textWidth(label, F, 700);
    const right = xx + 6 + w <= W - R;
    const from = right ? xx : xx - w - 12;
    let row = rowEnds.findIndex((e) => e < from);
    if (row < 0) { row = rowEnds.length; rowEnds.push(0); }
    rowEnds[row] = from + w + 12;
    marks.appendChild(el("text", { x: (xx + (right ? 6 : -6)).toFixed(1), y: pc.y0 + F + (row % 4) * (F + 4), "text-anchor": right ? "start" : "end", fill: colour, stroke: "#fff", "stroke-width": 4, "paint-order": "stroke" }, label));
  };
  if (br) vline(br.forkedAt, branchColour(), `branch: ${br.label}`, { "data-role": "fork" }, true);
  const planned = main ? main.info.interventions : state.scenario ? state.scenario.interventions : [];
  for (const iv of planned || []) {
    const reached = main && end > iv.tick;
    vline(iv.tick, ivColour, `${names(iv.who)} ${iv.who.length > 1 ? "stretch" : "stretches"}${iv.strength < 1 ? ` (${+iv.strength.toFixed(2)})` : ""}${reached ? "" : " (scheduled)"}`,
      { "data-role": "intervention", "data-tick": iv.tick, "data-scheduled": reached ? null : "true" }, !reached);
  }
  if (main) for (const iv of main.now) vline(iv.tick, ivColour, iv.label, { "data-role": "intervention", "data-tick": iv.tick }, false);

  // Lanes, as in the report: asleep, work/busy and stress bands; a dark bar while withdrawn;
  // markers in three rows (bottom: withdraw, give-up; middle: answers, rebuffs; top: reaches, interventions).
  const markInfo = new Map(VISUAL.marks.map((m) => [m.key, m]));
  const rowH = (laneH - 4) / 3;
  lanes.forEach((lane, k) => {
    const y0 = yL0 + k * (laneH + laneGap);
    const isBranch = lane.run === br;
    const lg = g({ "data-role": `lane-${lane.p.id}${isBranch ? "-branch" : ""}` });
    lg.appendChild(el("rect", { x: L, y: y0, width: plotW, height: laneH, fill: "#fff", stroke: isBranch ? branchColour() : "#000", "stroke-opacity": isBranch ? 0.8 : 0.4, "stroke-dasharray": isBranch ? "6 3" : null }));
    const ticks = visible(lane.run).filter((t) => t.tick >= t0);
    const c = (t) => t.partners[lane.i].circumstances;
    const band = (pred, colour, opacity) => {
      for (const [a, b] of spans(ticks, pred))
        lg.appendChild(el("rect", { x: x(a).toFixed(1), y: y0 + 1, width: Math.max(0, x(b) - x(a)).toFixed(1), height: laneH - 2, fill: colour, "fill-opacity": opacity }));
    };
    if (!daily) {
      band((t) => c(t).asleep, VISUAL.bands.sleep, SHADE.sleepLane);
      band((t) => c(t).availability < 1 && !c(t).asleep, VISUAL.bands.work, SHADE.work);
    }
    band((t) => c(t).stress > 0, VISUAL.bands.stress, SHADE.stress);
    for (const [a, b] of spans(ticks, (t) => t.partners[lane.i].withdrawn))
      lg.appendChild(el("rect", { x: x(a).toFixed(1), y: y0 + laneH - 5, width: Math.max(0, x(b) - x(a)).toFixed(1), height: 4, fill: "#333333", "data-role": "withdrawn" }));
    const rowY = (row) => y0 + 2 + (2 - row + 0.5) * rowH;
    if (!daily) {
      lane.run.events.forEach((e, index) => {
        if (e.tick < t0) return;
        for (const m of e.marks || []) {
          if (m.partner !== lane.p.id) continue;
          const info = markInfo.get(m.kind);
          if (!info) continue;
          const mg = el("g", { class: "mark", "data-ev": `${lane.run.key}:${index}`, "data-kind": m.kind });
          const mx = x(e.tick + 0.5), my = rowY(info.row);
          mg.appendChild(el("circle", { cx: mx.toFixed(1), cy: my.toFixed(1), r: (rMark + 4).toFixed(1), fill: "#fff", "fill-opacity": 0, "pointer-events": "all" }));
          marker(mg, info.shape, mx, my, rMark, info.color);
          lg.appendChild(mg);
        }
      });
    } else {
      // A long window counts a day's markers of each kind, as the report does (bigger: more); when a day is
      // narrower than a marker, a week's (or a month's), so the lane stays readable and its size bounded.
      const dayPx = plotW / ((t1 - t0) / 24);
      const bucketDays = dayPx >= 2 * rMark ? 1 : dayPx * 7 >= 2 * rMark ? 7 : 30;
      const startHour = start.getUTCHours();
      lg.setAttribute("data-bucket-days", bucketDays);
      const counts = new Map();
      for (const e of lane.run.events) {
        if (e.tick < t0) continue;
        const bucket = Math.floor(Math.floor((e.tick + startHour) / 24) / bucketDays);
        for (const m of e.marks || []) {
          if (m.partner !== lane.p.id || !markInfo.has(m.kind)) continue;
          const key = `${bucket}|${m.kind}`;
          const c = counts.get(key) || { bucket, kind: m.kind, n: 0 };
          c.n++;
          counts.set(key, c);
        }
      }
      // Kinds sharing a row in one bucket (answers and rebuffs, give-ups and withdrawals) sit side by side.
      const rowMates = new Map();
      for (const c of counts.values()) {
        const key = `${c.bucket}|${markInfo.get(c.kind).row}`;
        rowMates.set(key, [...(rowMates.get(key) || []), c.kind]);
      }
      const order = VISUAL.marks.map((m) => m.key);
      for (const c of counts.values()) {
        const info = markInfo.get(c.kind);
        const firstHour = c.bucket * bucketDays * 24 - startHour;
        const mates = rowMates.get(`${c.bucket}|${info.row}`).sort((a, b) => order.indexOf(a) - order.indexOf(b));
        const stepPx = Math.min(2 * rMark + 1, (dayPx * bucketDays) / mates.length);
        const mx = x(Math.min(Math.max(firstHour + bucketDays * 12, t0), t1)) + (mates.indexOf(c.kind) - (mates.length - 1) / 2) * stepPx;
        const my = rowY(info.row);
        const r = Math.max(6.3, Math.min(rowH / 2 + 1, 4 + Math.sqrt(c.n)));
        const first = new Date(start.getTime() + Math.max(firstHour, 0) * 3600e3).toISOString().slice(0, 10);
        const mg = el("g", { class: "mark", "data-day": `${lane.run.key}|${lane.p.id}|${first}|${c.kind}|${c.n}|${bucketDays}`, "data-kind": c.kind });
        mg.appendChild(el("circle", { cx: mx.toFixed(1), cy: my.toFixed(1), r: (r + 3).toFixed(1), fill: "#fff", "fill-opacity": 0, "pointer-events": "all" }));
        marker(mg, info.shape, mx, my, r, info.color);
        lg.appendChild(mg);
      }
    }
    lg.appendChild(el("text", { x: L - 6, y: y0 + laneH / 2 + F / 3, "text-anchor": "end", "font-size": F, "font-weight": 700, fill: partnerColour(lane.i) }, laneLabels[k]));
  });

  drawChain({ svg, x, yD, rowY: (laneIndex, row) => yL0 + laneIndex * (laneH + laneGap) + 2 + (2 - row + 0.5) * rowH, lanes, rMark, LW, F, pc, plotBottom, markInfo, t0 });
  drawLegend(svg, legend, legendLayout, F, LW);

  if (!main) {
    svg.appendChild(el("text", { x: L + plotW / 2, y: pc.y0 + pc.h / 2, "text-anchor": "middle", "font-size": F * 1.4, fill: "#555" }, state.scenario ? "Press Play (space) to start the run" : "Loading…"));
  }
  placeTip();
}

// ---------- legend (in the chart: on the projector and in every export) ----------
function legendItems(partners, daily, t0, t1, runs) {
  const items = [{ key: "closeness", kind: "line", colour: COLOURS.ink, label: daily ? "closeness (daily mean; range shaded)" : "closeness" }];
  partners.forEach((p, i) => items.push({ key: `partner-${p.id}`, kind: "line", colour: partnerColour(i), label: p.name }));
  if (state.show.traits) items.push({ key: "anxiety", kind: "line", colour: "#444", label: "anxiety" }, { key: "avoidance", kind: "dash", colour: "#444", label: "avoidance" });
  if (state.branch) items.push({ key: "branch", kind: "dashed", colour: branchColour(), label: "branch (its lines dashed)" }, { key: "closer", kind: "box", colour: closerColour(), opacity: SHADE.closer, label: "branch closer" }, { key: "further", kind: "box", colour: furtherColour(), opacity: SHADE.further, label: "branch further apart" });
  items.push({ key: "leisure", kind: "box", colour: VISUAL.bands.leisure, opacity: SHADE.leisure, label: "leisure together" });
  if (!daily) items.push({ key: "sleep", kind: "box", colour: VISUAL.bands.sleep, opacity: SHADE.sleep, label: "asleep" }, { key: "work", kind: "box", colour: VISUAL.bands.work, opacity: SHADE.work, label: "at work / busy" });
  items.push({ key: "stress", kind: "box", colour: VISUAL.bands.stress, opacity: SHADE.stress, label: "stress" }, { key: "withdrawn", kind: "bar", colour: "#333", label: "withdrawn" });
  // Markers: the kinds on screen (as the report lists the kinds its chart holds).
  const present = new Set();
  for (const r of runs) for (const e of r.events) if (e.tick >= t0 && e.tick <= t1) for (const m of e.marks || []) present.add(m.kind);
  for (const m of VISUAL.marks) if (present.has(m.key)) items.push({ key: `mark-${m.key}`, kind: "mark", shape: m.shape, colour: m.color, label: m.label.toLowerCase() });
  return items;
}
function layoutLegend(items, width, F, compact) {
  // Compact (the projector): shorter swatches and gaps, so a 1280 px chart's legend takes a row less.
  const size = Math.round(F * 0.88), sw = size * (compact ? 1.4 : 1.7), gapIn = size * 0.4, gapOut = size * (compact ? 0.75 : 1.1), rowH = size + (compact ? 5 : 7);
  let xx = 0, row = 0;
  const placed = items.map((it) => {
    const w = sw + gapIn + textWidth(it.label, size);
    if (xx > 0 && xx + w > width) { row++; xx = 0; }
    const p = { ...it, x: xx, row, w };
    xx += w + gapOut;
    return p;
  });
  return { placed, size, sw, gapIn, rowH, height: (row + 1) * rowH };
}
function drawLegend(svg, items, lay, F, LW) {
  const lg = el("g", { "data-role": "legend", "font-size": lay.size, fill: "#222" });
  for (const it of lay.placed) {
    const gx = 8 + it.x, cy = 8 + it.row * lay.rowH + lay.size / 2;
    const ig = el("g", { "data-item": it.key });
    if (it.kind === "line" || it.kind === "dash" || it.kind === "dashed") ig.appendChild(el("line", { x1: gx, x2: gx + lay.sw, y1: cy, y2: cy, stroke: it.colour, "stroke-width": LW, "stroke-dasharray": it.kind === "dash" ? `${LW * 1.2} ${LW * 1.6}` : it.kind === "dashed" ? BRANCH_DASH(LW) : null }));
    else if (it.kind === "box") ig.appendChild(el("rect", { x: gx, y: cy - lay.size * 0.4, width: lay.sw, height: lay.size * 0.8, fill: it.colour, "fill-opacity": it.opacity, stroke: it.colour, "stroke-opacity": 0.8, "stroke-width": 1.5 }));
    else if (it.kind === "bar") ig.appendChild(el("rect", { x: gx, y: cy + lay.size * 0.1, width: lay.sw, height: 4, fill: it.colour }));
    else marker(ig, it.shape, gx + lay.sw / 2, cy, Math.max(6, lay.size * 0.42), it.colour);
    ig.appendChild(el("text", { x: (gx + lay.sw + lay.gapIn).toFixed(1), y: (cy + lay.size * 0.35).toFixed(1) }, it.label));
    lg.appendChild(ig);
  }
  svg.appendChild(lg);
}

// ---------- markers: hover or tap for the reason; a bid's chain highlighted ----------
function eventOf(key) {
  if (!key) return null;
  const [runKey, idx] = key.split(":");
  const run = runKey === "b" ? state.branch : state.main;
  const e = run && run.events[Number(idx)];
  return e ? { run, e, index: Number(idx) } : null;
}
function laneIndexOf(lanes, run, id) { return lanes.findIndex((l) => l.run === run && l.p.id === id); }
function nameOf(id) { return names([id]); }
function fmtD(v) { return v.toFixed(2); }

// The chain of one bid: who reached (and why), the answer or the rebuff (or nobody there), and the
// bidder's distress in the hours after (until they reach again, at most six hours).
function chainOf(sel) {
  const { run, e, index } = sel;
  if (!REACHES.has(e.kind) || !e.target) return null;
  const ticks = run.ticks;
  const i = ticks.findIndex((t) => t.tick === e.tick);
  if (i < 0) return null;
  const p = state.scenario.partners.findIndex((x) => x.id === e.actor);
  let until = e.tick + 6;
  for (let k = index + 1; k < run.events.length; k++) {
    const n = run.events[k];
    if (n.tick > e.tick && n.actor === e.actor && REACHES.has(n.kind)) { until = Math.min(until, n.tick); break; }
  }
  const before = ticks[Math.max(0, i - 1)].partners[p].distress;
  const last = ticks.filter((t) => t.tick >= e.tick && t.tick <= until);
  const after = last.length ? last[last.length - 1] : ticks[i];
  return { p, ticks: [ticks[Math.max(0, i - 1)], ...last], before, after: after.partners[p].distress, hours: after.tick - e.tick };
}
function tipText(sel) {
  const { e } = sel;
  const lines = [e.caption];
  if (e.reason && !e.caption.includes(`(${e.reason})`) && e.kind !== "happening" && e.kind !== "intervention") lines.push(`why: ${e.reason}`);
  const chain = chainOf(sel);
  if (chain) {
    const who = nameOf(e.actor);
    const dir = chain.after < chain.before - 0.005 ? "falls" : chain.after > chain.before + 0.005 ? "rises" : "stays";
    lines.push(chain.hours > 0
      ? `then: ${who}'s distress ${dir}, ${fmtD(chain.before)} → ${fmtD(chain.after)} over the next ${chain.hours} h`
      : `then: ${who}'s distress ${dir}, ${fmtD(chain.before)} → ${fmtD(chain.after)} in that hour`);
  }
  return lines;
}
function dayTipText(key) {
  const [runKey, id, date, kind, n, days] = key.split("|");
  const info = VISUAL.marks.find((m) => m.key === kind);
  const when = days === "1" ? fmtDay(parseTime(`${date}T00:00`)) : days === "7" ? `week of ${fmtDay(parseTime(`${date}T00:00`))}` : `${days} days from ${fmtDay(parseTime(`${date}T00:00`))}`;
  return [`${when}: ${n} × ${(info ? info.label : kind).toLowerCase()} (${nameOf(id)})${runKey === "b" ? " — branch" : ""}`];
}
function drawChain(c) {
  const sel = state.selected && eventOf(state.selected.key);
  if (!sel) return;
  const { e, run } = sel;
  const g = el("g", { "data-role": "chain", "pointer-events": "none" });
  const xx = c.x(e.tick + 0.5);
  if (e.tick < c.t0) return;
  g.appendChild(el("line", { x1: xx.toFixed(1), x2: xx.toFixed(1), y1: c.pc.y0, y2: c.plotBottom, stroke: "#000", "stroke-width": 1.5, "stroke-dasharray": "3 3" }));
  const ring = (laneIdx, row, role) => {
    if (laneIdx < 0) return null;
    const yy = c.rowY(laneIdx, row);
    g.appendChild(el("circle", { cx: xx.toFixed(1), cy: yy.toFixed(1), r: (c.rMark + 5).toFixed(1), fill: "none", stroke: "#000", "stroke-width": 2.5, "data-role": role }));
    return yy;
  };
  const actorLane = laneIndexOf(c.lanes, run, e.actor);
  const ownMark = (e.marks || []).find((m) => m.partner === e.actor);
  const ya = ring(actorLane, ownMark && c.markInfo.get(ownMark.kind) ? c.markInfo.get(ownMark.kind).row : 2, "chain-bid");
  if (ya !== null && !ownMark) g.appendChild(el("circle", { cx: xx.toFixed(1), cy: ya.toFixed(1), r: 3.5, fill: "#000" }));  // a plain bid has no marker of its own
  const answer = (e.marks || []).find((m) => m.partner === e.target && (m.kind === "answer" || m.kind === "rebuff"));
  const yb = answer ? ring(laneIndexOf(c.lanes, run, e.target), 1, "chain-answer") : null;
  if (ya !== null && yb !== null) {
    const bend = xx + c.rMark * 3;
    g.appendChild(el("path", { d: `M${(xx + c.rMark + 5).toFixed(1)} ${ya.toFixed(1)}Q${bend.toFixed(1)} ${((ya + yb) / 2).toFixed(1)} ${(xx + c.rMark + 5).toFixed(1)} ${yb.toFixed(1)}`, fill: "none", stroke: "#000", "stroke-width": 2 }));
  }
  const chain = chainOf(sel);
  if (chain && c.yD) {
    const colour = partnerColour(chain.p);
    const pts = chain.ticks.map((t) => `${c.x(t.tick + 0.5).toFixed(1)},${c.yD(t.partners[chain.p].distress).toFixed(1)}`).join(" ");
    g.appendChild(el("polyline", { points: pts, fill: "none", stroke: "#000", "stroke-width": c.LW * 3.2, "stroke-linecap": "round", "stroke-opacity": 0.35, "data-role": "chain-distress" }));
    g.appendChild(el("polyline", { points: pts, fill: "none", stroke: colour, "stroke-width": c.LW * 1.6, "stroke-linecap": "round" }));
    const lastT = chain.ticks[chain.ticks.length - 1];
    const lx = c.x(lastT.tick + 0.5) + 6, ly = c.yD(lastT.partners[chain.p].distress);
    g.appendChild(el("text", { x: lx.toFixed(1), y: (ly - 4).toFixed(1), "font-size": c.F, "font-weight": 700, fill: "#000", stroke: "#fff", "stroke-width": 4, "paint-order": "stroke" }, `${fmtD(chain.before)} → ${fmtD(chain.after)}`));
  }
  c.svg.appendChild(g);
}

function showTip(lines, anchor, pinned) {
  const tip = $("tip");
  tip.innerHTML = "";
  lines.forEach((t, i) => { const d = document.createElement(i === 0 ? "strong" : "div"); d.textContent = t; tip.appendChild(d); });
  tip.classList.toggle("pinned", !!pinned);
  tip.hidden = false;
  tip.anchor = anchor;
  placeTip();
}
function hideTip() { const tip = $("tip"); tip.hidden = true; tip.anchor = null; }
function placeTip() {
  const tip = $("tip");
  if (tip.hidden) return;
  // After a redraw the marker is a new element: find it again by its key.
  const sel = tip.anchor && $("chart").querySelector(`[data-ev="${tip.anchor}"], [data-day="${tip.anchor}"]`);
  if (!sel) { if (!(state.selected && state.selected.pinned)) hideTip(); return; }
  // Beside the marker, not above it: a bid's chain runs up and down from there and stays in view.
  const wrap = $("chart-wrap").getBoundingClientRect(), r = sel.getBoundingClientRect();
  const tw = tip.offsetWidth, th = tip.offsetHeight;
  const cx = r.left + r.width / 2 - wrap.left, cy = r.top + r.height / 2 - wrap.top;
  let left = cx + r.width / 2 + 14;
  if (left + tw > wrap.width - 4) left = cx - r.width / 2 - 14 - tw;
  left = Math.max(4, Math.min(left, wrap.width - tw - 4));
  const top = Math.max(4, Math.min(cy - th / 2, wrap.height - th - 4));
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}
function markKey(target) {
  const m = target.closest && target.closest(".mark");
  return m ? m.getAttribute("data-ev") || m.getAttribute("data-day") : null;
}
function linesFor(key) {
  if (key.includes("|")) return dayTipText(key);
  const sel = eventOf(key);
  return sel ? tipText(sel) : null;
}
function select(key) {
  const lines = key && linesFor(key);
  if (!lines) { state.selected = null; hideTip(); render(); return; }
  state.selected = { key, pinned: true };
  render();
  requestAnimationFrame(() => showTip(lines, key, true));
}

// ---------- export ----------
function exportSvgText(scale) {
  renderNow();
  // A standalone file: the chart as shown (legend included), under a title line: scenario, branch, run, time.
  const chart = $("chart");
  const [, , w, h] = chart.getAttribute("viewBox").split(" ").map(Number);
  const big = isProjector();
  const F = big ? 22 : 17;
  const head = Math.round(F * 2.9);
  const svg = el("svg", { xmlns: SVG_NS, viewBox: `0 0 ${w} ${h + head}`, width: w * (scale || 1), height: (h + head) * (scale || 1), "font-family": FONT });
  const name = state.scenario ? state.scenario.title : "couplesim";
  const title = `${name}${state.branch ? ` — branch: ${state.branch.label}` : ""}`;
  const r = state.main && state.main.info;
  const sub = r ? `${hoursWords(r.hours)} from ${fmtDay(parseTime(r.start))} ${parseTime(r.start).getUTCFullYear()} · seed ${r.seed} · ` +
    r.partners.map((p) => `${p.name} (${p.style})`).join(" and ") + (state.main.stretch ? ` · stretch ${state.main.stretch}` : "") : "not started";
  svg.appendChild(el("title", {}, title));
  svg.appendChild(el("rect", { x: 0, y: 0, width: w, height: h + head, fill: "#ffffff" }));
  // The clock sits at the right of the title line when both fit; a long title (a branch's label) takes the line
  // and the clock leads the line below, rather than running into it.
  const clock = $("clock").textContent, clockF = Math.round(F * 0.85), subF = Math.round(F * 0.78);
  const clockFits = 12 + textWidth(title, F, 700) + 2 * F + textWidth(clock, clockF) <= w - 12;
  // A title too long even for the whole line is cut with "…" (the file's <title> keeps it whole), as is the line below.
  svg.appendChild(el("text", { x: 12, y: F * 1.2, "font-size": F, "font-weight": 700, fill: "#000", "data-role": "export-title" }, fitText(title, F, 700, w - 24)));
  svg.appendChild(el("text", { x: 12, y: F * 2.45, "font-size": subF, fill: "#333", "data-role": "export-subtitle" }, fitText(clockFits ? sub : `${clock} · ${sub}`, subF, 400, w - 24)));
  if (clockFits) svg.appendChild(el("text", { x: w - 12, y: F * 1.2, "font-size": clockF, "text-anchor": "end", fill: "#333", "data-role": "export-clock" }, clock));
  const body = el("g", { transform: `translate(0 ${head})` });
  for (const child of chart.childNodes) body.appendChild(child.cloneNode(true));
  svg.appendChild(body);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`, width: w * (scale || 1), height: (h + head) * (scale || 1) };
}
function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
function fileBase() { return state.scenario ? state.scenario.name : "couplesim"; }
function exportSvg() { download(new Blob([exportSvgText(1).text], { type: "image/svg+xml" }), `${fileBase()}-closeness.svg`); }
function exportPng() {
  // The same SVG drawn at twice its size onto a canvas: sharp on a slide.
  const { text, width, height } = exportSvgText(2);
  const img = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  img.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = width; canvas.height = height;
    canvas.getContext("2d").drawImage(img, 0, 0, width, height);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => download(blob, `${fileBase()}-closeness.png`), "image/png");
  };
  img.onerror = () => { URL.revokeObjectURL(url); setStatus("The PNG could not be drawn; the SVG export has the same chart.", true); };
  img.src = url;
}

// ---------- projector mode and sidebar ----------
function setSidebar(open) {
  state.sidebarOpen = open;
  document.body.classList.toggle("sidebar-closed", !open);
  $("sidebar-toggle").setAttribute("aria-expanded", String(open));
  render();
}
function toggleProjector() {
  const on = document.body.classList.toggle("projector");
  document.documentElement.classList.toggle("projector", on);
  $("projector").setAttribute("aria-pressed", String(on));
  // On the wall the chart gets the width; the sidebar is one key (s) away.
  if (on) { state.sidebarBeforeProjector = state.sidebarOpen; setSidebar(false); }
  else setSidebar(state.sidebarBeforeProjector);
}

// ---------- wiring ----------
function init() {
  $("scenario").addEventListener("change", (e) => pickScenario(e.target.value));
  $("address-problems").querySelector("button").addEventListener("click", () => showAddressProblems([]));
  $("play").addEventListener("click", togglePlay);
  $("step").addEventListener("click", () => { pause(); enqueue((epoch) => stepAll(epoch, 1)); });
  $("restart").addEventListener("click", restart);
  $("branch").addEventListener("click", branch);
  $("export-svg").addEventListener("click", exportSvg);
  $("export-png").addEventListener("click", exportPng);
  $("projector").addEventListener("click", toggleProjector);
  $("sidebar-toggle").addEventListener("click", () => setSidebar(!state.sidebarOpen));
  $("free-all").addEventListener("click", freeAll);
  $("window").addEventListener("change", render);
  for (const [id, key] of [["show-distress", "distress"], ["show-traits", "traits"]])
    $(id).addEventListener("change", (e) => { state.show[key] = e.target.checked; writeAddress(); render(); });
  for (const id of ["seed", "length", "stretch"])
    $(id).addEventListener("input", (e) => { state.fields[id] = e.target.value.trim(); checkFields(); writeAddress(); if (!state.main) render(); });

  // Markers: hover shows the reason; a tap or click pins it and highlights the bid's chain.
  const chart = $("chart");
  chart.addEventListener("pointerover", (e) => {
    const key = markKey(e.target);
    if (!key || (state.selected && state.selected.pinned)) return;
    const lines = linesFor(key);
    if (lines) showTip(lines, key, false);
  });
  chart.addEventListener("pointerout", (e) => {
    if (markKey(e.target) && !(state.selected && state.selected.pinned)) hideTip();
  });
  chart.addEventListener("click", (e) => {
    const key = markKey(e.target);
    select(key && !(state.selected && state.selected.key === key) ? key : null);
  });
  $("ticker").addEventListener("click", (e) => {
    const li = e.target.closest("li[data-ev]");
    if (li) select(li.dataset.ev);
  });

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = e.target.tagName;
    const text = tag === "INPUT" && e.target.type === "text";
    const typing = tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA";
    // Space plays/pauses even on a slider or a list (the room's remote sends space); arrows stay theirs.
    if (e.key === " " && !text && tag !== "TEXTAREA") { e.preventDefault(); togglePlay(); }
    else if (e.key === "ArrowRight" && !typing) { e.preventDefault(); pause(); enqueue((epoch) => stepAll(epoch, 1)); }
    else if ((e.key === "p" || e.key === "P") && !typing) { e.preventDefault(); toggleProjector(); }
    else if ((e.key === "s" || e.key === "S") && !typing) { e.preventDefault(); setSidebar(!state.sidebarOpen); }
    else if (e.key === "Escape") select(null);
  });
  // A focused button would also "click" on space: the key belongs to play/pause.
  document.addEventListener("keyup", (e) => { if (e.key === " " && e.target.tagName === "BUTTON") e.preventDefault(); });
  window.addEventListener("pagehide", releaseOnExit);
  window.addEventListener("pageshow", (e) => {
    // Back from the browser's page cache: the runs were freed when the page was left.
    if (e.persisted && state.main) { resetRuns(false); setStatus("The runs were freed when you left the page. Press Play to start again."); }
  });
  new ResizeObserver(() => render()).observe($("chart-wrap"));
  setInterval(() => { if (!document.hidden) refreshServer(); }, SERVER_POLL_MS);

  updateButtons();
  render();
  refreshServer();
  api("GET", "/api/visual")
    .then((v) => { VISUAL = v; })
    .catch(() => { /* keep the built-in palette */ })
    .then(loadScenarios)
    .catch((e) => { $("title").textContent = "Could not load scenarios"; setStatus(e.message, true); });
}
init();
