// etunnel explorer: one page over the JSON API under /api/v1. No build step, no network beyond this server.
"use strict";

const API = "/api/v1";
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const STATE_COLOURS = { insulator: "#d98c96", conductor: "#8cc79a", superconductor: "#7fa9e0", null: "#e0e0e0" };
const VERDICT_COLOURS = { agrees: "#8cc79a", disagrees: "#e39a6f", "not evaluated": "#e0e0e0" };
const PLOT_CONFIG = { responsive: true, displaylogo: false,
  toImageButtonOptions: { format: "png", scale: 2 } };
const last = {};  // latest JSON of each view, for downloads

function fmt(v, digits = 6) {
  if (v === null || v === undefined) return "none";
  return Number(v).toPrecision(digits).replace(/\.?0+(e|$)/, "$1");
}

function setQuery(changes) {
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") params.delete(k); else params.set(k, v);
  }
  history.replaceState(null, "", "?" + params.toString());
}

async function getJSON(url, options) {
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) {
    const detail = Array.isArray(body.detail)
      ? body.detail.map((d) => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join("; ") : body.detail;
    throw new Error(detail || `HTTP ${response.status}`);
  }
  return body;
}

function download(name, text, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.appendChild(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 0);
}

function toCSV(header, rows) {
  const cell = (v) => (v === null || v === undefined ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v);
  return [header.join(","), ...rows.map((r) => r.map(cell).join(","))].join("\n") + "\n";
}

function addDownloads(key, plotId, csv) {
  const box = document.querySelector(`.downloads[data-for="${key}"]`);
  box.innerHTML = "";
  const buttons = [["CSV", () => download(`etunnel-${key}.csv`, csv(), "text/csv")],
                   ["JSON", () => download(`etunnel-${key}.json`, JSON.stringify(last[key], null, 2), "application/json")]];
  if (plotId) {
    buttons.unshift(["SVG", () => Plotly.downloadImage(plotId, { format: "svg", filename: `etunnel-${key}` })],
                    ["PNG", () => Plotly.downloadImage(plotId, { format: "png", filename: `etunnel-${key}`, scale: 2 })]);
  }
  box.append("Download: ");
  for (const [label, act] of buttons) {
    const b = document.createElement("button");
    b.type = "button"; b.textContent = label; b.dataset.format = label.toLowerCase(); b.onclick = act;
    box.appendChild(b);
  }
}

// ---------------------------------------------------------------- model view
function bindPair(id, onChange) {
  const slider = $(id), number = $(id + "-num");
  slider.addEventListener("input", () => { number.value = slider.value; onChange(); });
  number.addEventListener("input", () => { if (number.value !== "") { slider.value = number.value; onChange(); } });
}

let inFlight = false, pending = false;
function scheduleModel() {
  if (inFlight) { pending = true; return; }
  inFlight = true;
  updateModel().finally(() => {
    inFlight = false;
    if (pending) { pending = false; scheduleModel(); }
  });
}

async function updateModel() {
  const rv = $("rv-num").value, rb = $("rb-num").value, c = $("c-num").value, terms = $("terms").value;
  setQuery({ rv, rb, c, terms });
  let data;
  try {
    data = await getJSON(`${API}/curve?rv=${rv}&rb=${rb}&c=${c}&terms=${terms}&points=301`);
  } catch (err) {
    $("element-message").textContent = err.message;
    $("state").textContent = "invalid input"; $("state").className = "state";
    return;
  }
  $("element-message").textContent = "";
  last.curve = data;
  const m = data.model;
  $("state").textContent = m.state; $("state").className = "state " + m.state;
  $("D").textContent = fmt(m.resisting_distance.value);
  $("Ec").textContent = fmt(m.lifting_energy.value);
  $("Rc").textContent = m.conducting_radius.value === null ? "none (no tunnel)" : fmt(m.conducting_radius.value * 1e12);
  $("ratio").textContent = fmt(m.conducting_ratio.value);
  $("cstar").textContent = fmt(m.insulating_threshold.value, 10);
  drawCurve(data);
}

function drawCurve(data) {
  const m = data.model;
  const r = data.r.value.map((v) => v * 1e12), E = data.lifting_energy.value;
  const Rv = m.inputs.R_v.value * 1e12, Rb = m.inputs.R_b.value * 1e12;
  const Rc = m.conducting_radius.value === null ? null : m.conducting_radius.value * 1e12;
  const shapes = [], annotations = [];
  if (Rc !== null) {
    shapes.push({ type: "rect", xref: "x", yref: "paper", x0: Rc, x1: Rb, y0: 0, y1: 1,
                  fillcolor: "rgba(127,169,224,0.25)", line: { width: 0 }, layer: "below" });
    annotations.push({ x: (Rc + Rb) / 2, y: 1, yref: "paper", yanchor: "bottom", showarrow: false, text: "tunnel" });
  }
  const vline = (x, colour, dash, label, y) => {
    shapes.push({ type: "line", x0: x, x1: x, yref: "paper", y0: 0, y1: 1, line: { color: colour, dash, width: 1.5 } });
    annotations.push({ x, y, yref: "paper", xanchor: "right", showarrow: false, text: label, font: { color: colour } });
  };
  vline(Rb, "#777", "dot", "R<sub>b</sub> ", 0.62);
  vline(Rv, "#b23a48", "solid", "R<sub>v</sub> ", 0.72);
  if (Rc !== null) vline(Rc, "#1565c0", "dash", "R<sub>c</sub> ", 0.82);
  const terms = m.inputs.terms === 1 ? "first term, eq. (37)" : "infinite lattice";
  Plotly.react("curve-plot", [
    { x: r, y: E, mode: "lines", name: "E<sub>c</sub>(r)", line: { color: "#1f3b57", width: 2 },
      hovertemplate: "r = %{x:.2f} pm<br>E<sub>c</sub> = %{y:.4g} eV<extra></extra>" },
    { x: [Rv], y: [m.lifting_energy.value], mode: "markers", name: "at R<sub>v</sub>",
      marker: { color: "#b23a48", size: 9 }, hovertemplate: "R<sub>v</sub> = %{x:.2f} pm<br>E<sub>c</sub> = %{y:.4g} eV<extra></extra>" },
  ], {
    title: { text: `Lifting energy along the centre line (${terms}), c = ${m.inputs.c.value}`, font: { size: 15 } },
    xaxis: { title: { text: "electron radius r [pm]" }, range: [r[0], Rb * 1.01] },
    yaxis: { title: { text: "lifting energy E<sub>c</sub> [eV]" }, zeroline: true, zerolinecolor: "#999" },
    shapes, annotations, margin: { t: 50, r: 20 }, showlegend: true, legend: { x: 0.02, y: 0.02, bgcolor: "rgba(255,255,255,0.7)" },
  }, PLOT_CONFIG);
  addDownloads("curve", "curve-plot", () => toCSV(["r_m", "lifting_energy_eV", "resisting_distance_per_m"],
    data.r.value.map((v, i) => [v, data.lifting_energy.value[i], data.resisting_distance.value[i]])));
}

async function loadElement(symbol, setRadii) {
  const rvc = $("rvc").value, rbc = $("rbc").value;
  setQuery({ el: symbol, rvc, rbc });
  let e;
  try {
    e = await getJSON(`${API}/elements/${encodeURIComponent(symbol)}?rv_convention=${rvc}&rb_convention=${rbc}&c=${$("c-num").value}&terms=${$("terms").value}`);
  } catch (err) { $("element-message").textContent = err.message; return; }
  last.element = e;
  const rv = e.radii.R_v.value, rb = e.radii.R_b.value;
  if (rv === null || rb === null || rv > rb) {
    $("element-message").textContent = `${e.symbol}: ${e.model.reason}`;
  } else if (setRadii) {
    for (const [id, v] of [["rv", rv], ["rb", rb]]) { $(id).value = $(id + "-num").value = (v * 1e12).toFixed(1); }
    $("element-message").textContent = "";
    scheduleModel();
  }
  const row = (name, item) => `<tr><td>${name}</td><td>${item.value === null ? "missing" : fmt(item.value)}</td>` +
    `<td>${item.unit}</td><td>${escapeHTML(item.source || item.note || "")}</td></tr>`;
  $("element-sources").innerHTML = `<h3>${e.name} (${e.symbol}, Z = ${e.Z}): data and sources</h3>` +
    `<table class="sources"><tr><th>quantity</th><th>value</th><th>unit</th><th>source</th></tr>` +
    row(`R<sub>v</sub> (${e.radii.R_v.convention})`, e.radii.R_v) + row(`R<sub>b</sub> (${e.radii.R_b.convention})`, e.radii.R_b) +
    Object.entries(e.properties).map(([k, v]) => row(k.replace(/_/g, " "), v)).join("") +
    `</table><p><a href="?view=diagram&material=${e.symbol}">State diagram of ${e.symbol}</a></p>`;
}

function escapeHTML(text) {
  return String(text).replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
}

// ---------------------------------------------------------------- diagram view
async function drawDiagram() {
  const q = { material: $("material").value, tmin: $("tmin").value, tmax: $("tmax").value, tpts: $("tpts").value,
              pmin: $("pmin").value, pmax: $("pmax").value, ppts: $("ppts").value };
  setQuery(q);
  $("diagram-message").textContent = "computing…";
  let d;
  try {
    d = await getJSON(`${API}/diagram/${encodeURIComponent(q.material)}?t_min=${q.tmin}&t_max=${q.tmax}&t_points=${q.tpts}` +
                      `&p_min=${q.pmin}&p_max=${q.pmax}&p_points=${q.ppts}`);
  } catch (err) { $("diagram-message").textContent = err.message; return; }
  $("diagram-message").textContent = "";
  last.diagram = d;
  const P = d.pressure.value.map((v) => v / 1e9), T = d.temperature.value, Z = d.state.value;
  const names = d.diagram.state_codes, rep = d.diagram;
  const text = Z.map((row) => row.map((k) => names[String(k)]));
  const traces = [{
    type: "heatmap", x: P, y: T, z: Z, text, zmin: -1, zmax: 2, showscale: false, name: "state",
    colorscale: [[0, "#bdbdbd"], [0.25, "#bdbdbd"], [0.25, STATE_COLOURS.insulator], [0.5, STATE_COLOURS.insulator],
                 [0.5, STATE_COLOURS.conductor], [0.75, STATE_COLOURS.conductor], [0.75, STATE_COLOURS.superconductor],
                 [1, STATE_COLOURS.superconductor]],
    hovertemplate: "p = %{x:.3g} GPa<br>T = %{y:.4g} K<br>%{text}<extra></extra>",
  }];
  const branches = (b, name, colour) => {
    // a boundary solved at each pressure (T of p) and at each temperature (p of T): both drawn, one legend entry
    const Tb = b.T_K, width = Tb.length ? Tb[0].length : 0;
    for (let k = 0; k < width; k++) {
      traces.push({ x: P, y: Tb.map((row) => row[k]), mode: "lines", name, legendgroup: name, showlegend: k === 0,
                    line: { color: colour, width: 2 }, connectgaps: false,
                    hovertemplate: `${name}<br>p = %{x:.4g} GPa<br>T = %{y:.4g} K<extra></extra>` });
    }
  };
  const branchesP = (b, name, colour) => {
    const Pb = b.pressure_Pa, width = Pb.length ? Pb[0].length : 0;
    for (let k = 0; k < width; k++) {
      traces.push({ x: Pb.map((row) => (row[k] === null ? null : row[k] / 1e9)), y: T, mode: "lines", name,
                    legendgroup: name, showlegend: false, line: { color: colour, width: 2 }, connectgaps: false,
                    hovertemplate: `${name}<br>p = %{x:.4g} GPa<br>T = %{y:.4g} K<extra></extra>` });
    }
  };
  branches(rep.boundaries.superconducting_T_of_p, "T<sub>c</sub>(p), R<sub>v</sub> = R<sub>c</sub>", "#0d47a1");
  branchesP(rep.boundaries.superconducting_p_of_T, "T<sub>c</sub>(p), R<sub>v</sub> = R<sub>c</sub>", "#0d47a1");
  branches(rep.boundaries.insulating_T_of_p, "insulating, c = c*", "#8e0000");
  branchesP(rep.boundaries.insulating_p_of_T, "insulating, c = c*", "#8e0000");
  if (d.measured.length) {
    traces.push({ x: d.measured.map((m) => m.pressure.value / 1e9), y: d.measured.map((m) => m.tc.value),
                  mode: "markers", name: "measured T<sub>c</sub>(p)",
                  marker: { color: "#ffb300", size: 10, symbol: "diamond", line: { color: "#000", width: 1 } },
                  text: d.measured.map((m) => `${escapeHTML(m.material)}: ${escapeHTML(m.reference)}`),
                  hovertemplate: "measured T<sub>c</sub> = %{y:.4g} K at %{x:.3g} GPa<br>%{text}<extra></extra>" });
  }
  const legendText = Object.entries(rep.state_fractions).map(([k, v]) => `${k}: ${(100 * v).toFixed(1)} %`).join(", ");
  Plotly.react("diagram-plot", traces, {
    title: { text: `State diagram of ${rep.material.name} (${rep.material.c_model} c, ${rep.material.rv_model} R<sub>v</sub>, ${rep.material.eos} EOS)`, font: { size: 15 } },
    xaxis: { title: { text: "pressure p [GPa]" }, range: [P[0] - 0.03 * (P[P.length - 1] - P[0]), P[P.length - 1]] },
    yaxis: { title: { text: "temperature T [K]" }, range: [T[0], T[T.length - 1]] },
    margin: { t: 50, r: 20 }, legend: { x: 1.02, y: 1 },
  }, PLOT_CONFIG);
  $("diagram-notes").innerHTML = `<p class="note">Grid: ${legendText}. Colours: grey outside the model's domain, ` +
    `red insulator, green conductor, blue superconductor. c* = ${fmt(rep.insulating_threshold, 10)}.</p>` +
    `<p class="note">Assumptions: ${rep.material.assumptions.map(escapeHTML).join("; ") || "none"}</p>` +
    (d.measured.length ? `<table class="sources"><tr><th>material</th><th>p [GPa]</th><th>T<sub>c</sub> [K]</th><th>reference</th><th>source</th></tr>` +
      d.measured.map((m) => `<tr><td>${escapeHTML(m.material)}</td><td>${fmt(m.pressure.value / 1e9, 4)}</td><td>${fmt(m.tc.value, 5)}</td>` +
        `<td>${escapeHTML(m.reference)}</td><td>${escapeHTML(m.source)}</td></tr>`).join("") + "</table>" : "");
  addDownloads("diagram", "diagram-plot", () => {
    const rows = [];
    T.forEach((t, i) => P.forEach((p, j) => rows.push([t, p * 1e9, Z[i][j], names[String(Z[i][j])]])));
    return toCSV(["temperature_K", "pressure_Pa", "state_code", "state"], rows);
  });
}

// ---------------------------------------------------------------- periodic table
async function drawTable() {
  const q = { color: $("color").value, rvc: $("t-rvc").value, rbc: $("t-rbc").value, c: $("t-c").value, terms: $("t-terms").value };
  setQuery(q);
  let t;
  try {
    t = await getJSON(`${API}/periodic-table?rv_convention=${q.rvc}&rb_convention=${q.rbc}&c=${q.c}&terms=${q.terms}`);
  } catch (err) { $("periodic-legend").textContent = err.message; return; }
  last.table = t;
  const Ds = t.cells.map((x) => x.resisting_distance.value).filter((v) => v !== null);
  const scale = Math.max(...Ds.map(Math.abs), 1);
  const colour = (cell) => {
    if (q.color === "state") return STATE_COLOURS[cell.state];
    if (q.color === "verdict") return VERDICT_COLOURS[cell.verdict];
    const D = cell.resisting_distance.value;
    if (D === null) return STATE_COLOURS.null;
    const s = Math.sign(D) * Math.sqrt(Math.abs(D) / scale);  // diverging, square-root compressed
    return s >= 0 ? `rgb(255,${Math.round(255 - 160 * s)},${Math.round(255 - 160 * s)})`
                  : `rgb(${Math.round(255 + 160 * s)},${Math.round(255 + 120 * s)},255)`;
  };
  $("periodic").innerHTML = t.cells.map((cell) => {
    const title = `${cell.name}: state ${cell.state ?? "not evaluated"}` +
      (cell.resisting_distance.value !== null ? `, D = ${fmt(cell.resisting_distance.value, 4)} 1/m` : "") +
      (cell.known_superconductor ? `, measured T_c = ${cell.measured_tc.value} K` : "") + (cell.reason ? ` (${cell.reason})` : "");
    const href = `?view=model&el=${cell.symbol}&rvc=${q.rvc}&rbc=${q.rbc}&c=${q.c}&terms=${q.terms}`;
    return `<a href="${href}" class="${cell.known_superconductor ? "known" : ""}" title="${escapeHTML(title)}" ` +
      `style="grid-row:${cell.row};grid-column:${cell.column};background:${colour(cell)}"><b>${cell.symbol}</b>${cell.Z}</a>`;
  }).join("");
  const swatches = q.color === "state" ? STATE_COLOURS : q.color === "verdict" ? VERDICT_COLOURS : null;
  $("periodic-legend").innerHTML = (swatches
    ? Object.entries(swatches).map(([k, v]) => `<span style="background:${v}">${k === "null" ? "not evaluated" : k}</span>`).join("")
    : `<span style="background:rgb(255,95,95)">D &gt; 0 (resisting)</span><span style="background:rgb(95,135,255)">D &lt; 0 (tunnel)</span>` +
      `<span style="background:#e0e0e0">not evaluated</span> colour depth ∝ √(|D| / ${fmt(scale, 3)} 1/m)`) +
    ` Outlined: known ambient-pressure superconductor. Verdicts: ${Object.entries(t.counts).map(([k, v]) => `${k} ${v}`).join(", ")}.` +
    ` Rows 9 and 10: lanthanides and actinides. Click an element for its data and sources.`;
  addDownloads("table", null, () => toCSV(["symbol", "Z", "state", "resisting_distance_per_m", "R_v_m", "R_b_m", "measured_tc_K", "verdict"],
    t.cells.map((x) => [x.symbol, x.Z, x.state, x.resisting_distance.value, x.R_v.value, x.R_b.value, x.measured_tc.value, x.verdict])));
}

// ---------------------------------------------------------------- report and validation
// A running job is polled after 0.25 s, then at doubling intervals up to every 2 s: a quick job shows at once.
async function pollJob(name, start, delay = 250) {
  let s;
  try { s = await getJSON(`${API}/${name}`, start ? { method: "POST" } : undefined); } catch (err) {
    $(`${name}-status`).textContent = err.message; return;
  }
  const button = $(`${name}-start`);
  button.disabled = !s.available || s.status === "running" || s.status === "done";
  if (!s.available) { $(`${name}-status`).textContent = `Unavailable: ${s.reason}`; return; }
  if (s.status === "idle") $(`${name}-status`).textContent = "Not generated yet.";
  if (s.status === "running") {
    $(`${name}-status`).textContent = `Running… ${Math.round(s.elapsed)} s`;
    setTimeout(() => pollJob(name, false, Math.min(2 * delay, 2000)), delay);
  }
  if (s.status === "failed") $(`${name}-status`).textContent = `Failed: ${s.reason}`;
  if (s.status === "done") {
    $(`${name}-status`).textContent = `Done in ${Math.round(s.elapsed)} s.`;
    const base = s.url.slice(0, s.url.lastIndexOf("/") + 1);
    $(`${name}-files`).innerHTML = s.files.map((f) => `<li><a href="${base}${f}" download>${escapeHTML(f)}</a></li>`).join("");
    const frame = $(`${name}-frame`);
    if (frame.getAttribute("src") !== s.url) frame.setAttribute("src", s.url);
    frame.style.display = "block";
  }
}

// ---------------------------------------------------------------- sweep store view
async function initSweep() {
  const o = await getJSON(`${API}/sweep`);
  if (!o.available) { $("sweep-message").textContent = o.reason; return false; }
  $("s-material").innerHTML = o.materials.map((m) => `<option value="${escapeHTML(m)}">${escapeHTML(m)}</option>`).join("");
  $("s-convention").innerHTML = o.conventions.map((c) => `<option value="${escapeHTML(c)}">${escapeHTML(c)}</option>`).join("");
  $("s-sample").max = o.samples - 1;
  for (const [id, key] of [["s-material", "material"], ["s-convention", "convention"], ["s-sample", "sample"]]) {
    if (params.has(key)) $(id).value = params.get(key);
  }
  $("sweep-notes").innerHTML = `<p class="note">Store ${escapeHTML(o.store)}: ${o.chunks_done} of ${o.chunks_total} chunks ` +
    `computed; ${o.samples} sample(s) of ${escapeHTML(o.parameters.join(", ") || "no sampled parameter")}; seed ${o.seed ?? "none"}; ` +
    `etunnel ${escapeHTML(o.etunnel_version)}.</p>`;
  return true;
}

async function drawSweep() {
  const q = { material: $("s-material").value, convention: $("s-convention").value, sample: $("s-sample").value };
  setQuery(q);
  let d;
  try {
    d = await getJSON(`${API}/sweep/slice?material=${encodeURIComponent(q.material)}&convention=` +
                      `${encodeURIComponent(q.convention)}&sample=${encodeURIComponent(q.sample)}`);
  } catch (err) { $("sweep-message").textContent = err.message; return; }
  if (d.state === null) { $("sweep-message").textContent = d.reason; Plotly.purge("sweep-plot"); return; }
  $("sweep-message").textContent = "";
  const text = d.state.map((row) => row.map((k) => d.state_codes[String(k)]));
  Plotly.react("sweep-plot", [{
    type: "heatmap", x: d.pressure_GPa, y: d.temperature_K, z: d.state, text, zmin: -2, zmax: 2, showscale: false,
    colorscale: [[0, "#ffffff"], [0.2, "#ffffff"], [0.2, "#bdbdbd"], [0.4, "#bdbdbd"], [0.4, STATE_COLOURS.insulator],
                 [0.6, STATE_COLOURS.insulator], [0.6, STATE_COLOURS.conductor], [0.8, STATE_COLOURS.conductor],
                 [0.8, STATE_COLOURS.superconductor], [1, STATE_COLOURS.superconductor]],
    hovertemplate: "p = %{x:.3g} GPa<br>T = %{y:.4g} K<br>%{text}<extra></extra>",
  }], {
    title: { text: `${escapeHTML(d.material)}, ${escapeHTML(d.convention)}, sample ${d.sample}`, font: { size: 15 } },
    xaxis: { title: { text: "pressure p [GPa]" } }, yaxis: { title: { text: "temperature T [K]" } }, margin: { t: 50, r: 20 },
  }, PLOT_CONFIG);
  const fractions = Object.entries(d.state_fraction).map(([k, v]) => `${k}: ${(100 * v).toFixed(1)} %`).join(", ");
  const values = Object.entries(d.parameters).map(([k, v]) => `${k} = ${fmt(v, 5)}`).join(", ");
  $("sweep-message").textContent = `Grid: ${fractions}. Parameters: ${values || "defaults"}. Stride ` +
    `${d.stride.temperature} x ${d.stride.pressure}. Colours: white no data, grey outside the model's domain, red insulator, ` +
    `green conductor, blue superconductor.`;
}

// ---------------------------------------------------------------- start-up
function showView(view) {
  for (const s of document.querySelectorAll(".view")) s.classList.toggle("active", s.id === `view-${view}`);
  for (const a of document.querySelectorAll("#tabs a[data-view]")) a.classList.toggle("active", a.dataset.view === view);
}

async function init() {
  const view = params.get("view") || "model";
  showView(view);
  const conventions = await getJSON(`${API}/conventions`);
  for (const select of document.querySelectorAll("select.conventions")) {
    select.innerHTML = Object.entries(conventions).map(([k, v]) => `<option value="${k}" title="${escapeHTML(v)}">${k}</option>`).join("");
    select.value = "paper";
  }
  for (const [id, key] of [["rv", "rv"], ["rb", "rb"], ["c", "c"]]) {
    if (params.has(key)) { $(id).value = $(id + "-num").value = params.get(key); }
  }
  if (params.has("terms")) { $("terms").value = $("t-terms").value = params.get("terms"); }
  for (const [id, key] of [["rvc", "rvc"], ["rbc", "rbc"], ["t-rvc", "rvc"], ["t-rbc", "rbc"]]) {
    if (params.has(key)) $(id).value = params.get(key);
  }
  if (params.has("c")) $("t-c").value = params.get("c");
  if (params.has("color")) $("color").value = params.get("color");
  for (const id of ["rv", "rb", "c"]) bindPair(id, scheduleModel);
  $("terms").addEventListener("change", scheduleModel);
  $("load-element").addEventListener("click", () => $("element").value && loadElement($("element").value.trim(), true));
  $("element").addEventListener("change", () => $("element").value && loadElement($("element").value.trim(), true));

  if (view === "model") {
    if (params.has("el")) {
      $("element").value = params.get("el");
      await loadElement(params.get("el"), !(params.has("rv") && params.has("rb")));
    }
    scheduleModel();
  }
  const materials = (await getJSON(`${API}/diagram`)).materials;
  $("material").innerHTML = materials.map((m) => `<option value="${m.name}" ${m.diagram_available ? "" : "disabled"} ` +
    `title="${escapeHTML(m.reason || `${m.points} measured points`)}">${m.name}${m.diagram_available ? "" : " (missing data)"}</option>`).join("");
  $("material").value = params.get("material") || "Hg";
  for (const [id, key] of [["tmin", "tmin"], ["tmax", "tmax"], ["tpts", "tpts"], ["pmin", "pmin"], ["pmax", "pmax"], ["ppts", "ppts"]]) {
    if (params.has(key)) $(id).value = params.get(key);
  }
  $("draw-diagram").addEventListener("click", drawDiagram);
  $("material").addEventListener("change", drawDiagram);
  for (const id of ["color", "t-rvc", "t-rbc", "t-c", "t-terms"]) $(id).addEventListener("change", drawTable);
  $("report-start").addEventListener("click", () => pollJob("report", true));
  $("validation-start").addEventListener("click", () => pollJob("validation", true));
  const symbols = await getJSON(`${API}/periodic-table?terms=1`).catch(() => null);
  if (symbols) $("element-list").innerHTML = symbols.cells.map((x) => `<option value="${x.symbol}">${x.name}</option>`).join("");
  if (view === "diagram") await drawDiagram();
  if (view === "table") await drawTable();
  if (view === "report") await pollJob("report", false);
  if (view === "validation") await pollJob("validation", false);
  $("draw-sweep").addEventListener("click", drawSweep);
  if (view === "sweep" && await initSweep()) await drawSweep();
  document.body.dataset.ready = "1";
}

init().catch((err) => { document.body.dataset.ready = "error"; $("element-message").textContent = err.message; });
