// The page's behaviour. Every piece of data goes into the page as text (textContent, text nodes, attribute values),
// never as markup, so a transcript that says <script> shows those characters and runs nothing.
"use strict";

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const $ = (id) => document.getElementById(id);

/** An element with properties and children; strings become text nodes. */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clock(seconds) {
  if (seconds === null || seconds === undefined) return "";
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, "0")}`;
}

function when(stamp) {
  return stamp ? new Date(stamp).toLocaleString() : "";
}

function status(message) {
  $("status").textContent = message ?? "";
}

async function api(path, options) {
  const init = { credentials: "same-origin", ...options };
  if (init.method && init.method !== "GET") init.headers = { "X-CSRF-Token": csrf, ...(init.headers ?? {}) };
  const response = await fetch(path, init);
  if (response.status === 401) {
    location.href = "/ui/login";
    throw new Error("login required");
  }
  const body = (response.headers.get("content-type") ?? "").includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${response.status}`);
  return body;
}

/** Text with the given [start, length] spans as <mark>, each built as an element with text inside. */
function marked(text, spans, onMark) {
  const parts = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    parts.push(text.slice(at, span.start));
    const mark = el("mark", { title: span.title ?? "" }, text.slice(span.start, span.start + span.length));
    if (onMark) onMark(mark, span);
    parts.push(mark);
    at = span.start + span.length;
  }
  parts.push(text.slice(at));
  return parts;
}

// ---- views ----------------------------------------------------------------------------------------------------

const views = ["calls", "call", "upload", "rules"];

function show(view) {
  for (const v of views) $(`view-${v}`).hidden = v !== view;
}

async function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  status("");
  try {
    if (hash.startsWith("call/")) {
      const [id, at] = hash.slice(5).split("@");
      show("call");
      await openCall(id, at === undefined ? null : Number(at));
    } else if (hash === "upload") {
      show("upload");
    } else if (hash === "rules") {
      show("rules");
      await loadRules();
    } else {
      show("calls");
      await loadCalls();
    }
  } catch (error) {
    status(error.message);
  }
}

// ---- calls ----------------------------------------------------------------------------------------------------

const listing = { page: 0, size: 50, total: 0, request: 0 };

function filterQuery() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($("filters"))) if (value) params.set(key, value);
  return params;
}

async function loadChoices() {
  const choices = await api("/ui/api/choices");
  const fill = (id, values) => {
    const select = $(id);
    const current = select.value;
    select.replaceChildren(el("option", { value: "" }, "any"), ...values.map((v) => el("option", { value: v }, v)));
    select.value = current;
  };
  fill("filter-tag", choices.tags);
  fill("filter-severity", choices.severities);
  fill("filter-field", choices.fields);
  fill("filter-speaker", choices.speakers);
  fill("filter-language", choices.languages);
}

async function loadCalls() {
  const params = filterQuery();
  for (const format of ["csv", "json"]) {
    const exportParams = new URLSearchParams(params);
    exportParams.set("format", format);
    $(`export-${format}`).href = `/ui/api/export?${exportParams}`;
  }
  params.set("page", listing.page);
  params.set("size", listing.size);
  const request = ++listing.request;
  const answer = await api(`/ui/api/calls?${params}`);
  if (request !== listing.request) return;   // a newer search was sent while this one ran
  listing.total = answer.total;
  const rows = answer.calls.map((r) => CallDocument.summary(r));
  $("calls-table").tBodies[0].replaceChildren(...rows.map(callRow));
  const first = listing.page * listing.size;
  $("calls-summary").textContent = answer.total === 0 ? "No calls match." : `${answer.total} call(s)`;
  $("page-info").textContent = answer.total === 0 ? "" : `${first + 1}–${first + rows.length} of ${answer.total}`;
  $("page-newer").disabled = listing.page === 0;
  $("page-older").disabled = first + rows.length >= answer.total;
}

function callRow(call) {
  const link = (label, at) => el("a", { href: `#call/${encodeURIComponent(call.id)}${at === null ? "" : "@" + at}` }, label);
  const said = call.hit
    ? el("span", { class: "hit" }, link(clock(call.hit.start), call.hit.start), " ",
        call.hit.speaker ? el("span", { class: "speaker" }, call.hit.speaker) : null, " ",
        el("span", { class: "hit-text" }, marked(call.hit.text, call.hit.highlights)))
    : "";
  return el("tr", { class: "call-row", dataset: { id: call.id } },
    el("td", {}, link(call.callId ?? call.id.slice(0, 19), null), call.agent ? el("div", { class: "muted" }, call.agent) : null),
    el("td", {}, when(call.startedAt ?? call.processedAt)),
    el("td", {}, clock(call.duration)),
    el("td", {}, call.language),
    el("td", {}, call.tags.map((t) => el("span", { class: "tag" }, t))),
    el("td", {}, call.alerts > 0 ? el("span", { class: `severity ${call.severity ?? ""}` }, `${call.alerts} ${call.severity ?? ""}`) : ""),
    el("td", {}, said));
}

// ---- one call -------------------------------------------------------------------------------------------------

function playFrom(seconds) {
  const player = $("player");
  player.currentTime = seconds;
  player.play().catch(() => { /* the browser may refuse to play before a gesture; the position is set */ });
}

async function openCall(id, at) {
  const call = CallDocument.read(await api(`/ui/api/calls/${encodeURIComponent(id)}`));
  $("call-title").textContent = call.callId ?? call.fileName;
  const player = $("player");
  const audio = `/audio/${encodeURIComponent(call.id)}`;
  if (player.dataset.src !== audio) {
    player.dataset.src = audio;
    player.src = audio;
  }
  if (at !== null) {
    if (player.readyState >= 1) playFrom(at);
    else player.addEventListener("loadedmetadata", () => playFrom(at), { once: true });
  }
  $("call-download").href = `/ui/api/calls/${encodeURIComponent(call.id)}?download=true`;
  const meta = [["Recording", call.id], ["File", call.fileName], ["Agent", call.agent], ["Customer", call.customerNumber],
    ["Direction", call.direction], ["Queue", call.queue], ["Started", when(call.startedAt)], ["Length", clock(call.duration)],
    ["Language", call.language], ["Tags", call.tags.join(", ")], ["Model", call.modelId], ["Processed", when(call.processedAt)]];
  $("call-meta").replaceChildren(...meta.filter(([, v]) => v).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));

  $("call-turns").replaceChildren(...call.turns.map((turn) => {
    const inTurn = call.fields.filter((f) => f.start !== null && (f.channel === null || f.channel === turn.channel) &&
      f.start >= turn.start - 0.05 && f.start <= turn.end + 0.05);
    const spans = [];
    for (const f of inTurn) {
      const start = turn.text.indexOf(f.text);
      if (start >= 0 && f.text.length > 0) spans.push({ start, length: f.text.length, title: `${f.name} (${f.type}) = ${f.value}`, field: f });
    }
    return el("li", { class: `turn ${turn.speaker}` },
      el("button", { type: "button", class: "at", onclick: () => playFrom(turn.start) }, clock(turn.start)),
      el("span", { class: "speaker" }, turn.speaker),
      el("span", { class: "turn-text" }, marked(turn.text, spans, (mark, span) => {
        mark.classList.add("field");
        mark.dataset.start = span.field.start;
        mark.addEventListener("click", () => playFrom(span.field.start));
      })));
  }));

  $("call-fields").tBodies[0].replaceChildren(...call.fields.map((f) => el("tr", { class: "field-row", dataset: { name: f.name, start: f.start ?? "" } },
    el("td", {}, f.start === null ? "" : el("button", { type: "button", class: "at field-at", onclick: () => playFrom(f.start) }, clock(f.start))),
    el("td", {}, f.name), el("td", {}, f.type), el("td", {}, f.value), el("td", {}, f.text))));
  $("call-alerts").replaceChildren(...(call.alerts.length === 0 ? [el("li", { class: "muted" }, "none")]
    : call.alerts.map((a) => el("li", {}, el("span", { class: `severity ${a.severity}` }, a.severity), " ", a.message, el("span", { class: "muted" }, ` (${a.rule})`)))));
  $("call-metrics").replaceChildren(...metricsChart(call.metrics));
}

/** Talk, silence and overlap of the call and each speaker's talk as bars (widths in % of the call). */
function metricsChart(m) {
  if (!m || !(m.duration > 0)) return [el("p", { class: "muted" }, "No voice activity metrics (VAD was off).")];
  const bar = (label, seconds, cls) => {
    const fill = el("span", { class: `fill ${cls}` });
    fill.style.width = `${Math.min(100, (100 * seconds) / m.duration).toFixed(1)}%`;
    return el("div", { class: "bar-row" }, el("span", { class: "bar-label" }, label), el("span", { class: "bar" }, fill),
      el("span", { class: "bar-value" }, `${seconds.toFixed(1)} s`));
  };
  return [bar("talk", m.talk, "talk"), bar("silence", m.silence, "silence"), bar("overlap", m.overlap, "overlap"),
    ...m.speakers.map((s) => bar(s.speaker, s.talk, `speaker ${s.speaker}`))];
}

// ---- upload, microphone and queue -------------------------------------------------------------------------------

const queue = new Map();
let queueEvents = null;

function queueRow(id) {
  return $("queue").querySelector(`tr[data-id="${CSS.escape(id)}"]`);
}

function addToQueue(fileName, id, state, error) {
  const row = el("tr", { class: "queue-row", dataset: { id: id ?? "" } },
    el("td", {}, fileName), el("td", { class: "queue-id" }, id ?? ""), el("td", { class: "queue-state" }, state),
    el("td", { class: "queue-error" }, error ?? ""));
  $("queue").tBodies[0].prepend(row);
  if (id) {
    queue.set(id, state);
    follow();
  }
}

function follow() {
  if (queueEvents) queueEvents.close();
  const open = [...queue].filter(([, state]) => state !== "stored" && state !== "failed").map(([id]) => id);
  if (open.length === 0) return;
  queueEvents = new EventSource(`/ui/api/queue?ids=${encodeURIComponent(open.join(","))}`);
  queueEvents.addEventListener("recording", (event) => {
    const q = CallDocument.queueRow(JSON.parse(event.data));
    queue.set(q.id, q.state);
    const row = queueRow(q.id);
    if (!row) return;
    row.querySelector(".queue-state").textContent = q.state;
    row.querySelector(".queue-error").textContent = q.error ?? "";
    if (q.state === "stored") {
      const cell = row.querySelector(".queue-id");
      cell.replaceChildren(el("a", { href: `#call/${encodeURIComponent(q.id)}` }, q.id));
    }
  });
  queueEvents.addEventListener("done", () => queueEvents.close());
}

async function submitRecording(file, metadata, hotwords) {
  const form = new FormData();
  form.append("file", file, file.name);
  if (metadata) form.append("metadata", JSON.stringify(metadata));
  if (hotwords) form.append("hotwords", hotwords);
  try {
    const answer = await api("/ui/api/recordings", { method: "POST", body: form });
    addToQueue(file.name, answer.id, answer.state);
  } catch (error) {
    addToQueue(file.name, null, "refused", error.message);
  }
}

async function upload(files) {
  const callId = $("upload-call-id").value.trim();
  const agent = $("upload-agent").value.trim();
  const direction = $("upload-direction").value;
  const hotwords = $("upload-hotwords").value.trim();
  for (const file of files) {
    const metadata = {};
    if (callId && files.length === 1) metadata.call_id = callId;
    if (agent) metadata.agent = agent;
    if (direction) metadata.direction = direction;
    await submitRecording(file, Object.keys(metadata).length ? metadata : null, hotwords || null);
  }
}

let recorder = null;

async function startMicrophone() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const chunks = [];
  recorder = new MediaRecorder(stream, MediaRecorder.isTypeSupported("audio/webm;codecs=opus") ? { mimeType: "audio/webm;codecs=opus" } : {});
  recorder.addEventListener("dataavailable", (event) => { if (event.data.size > 0) chunks.push(event.data); });
  recorder.addEventListener("stop", async () => {
    stream.getTracks().forEach((t) => t.stop());
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = new File(chunks, `microphone-${stamp}.webm`, { type: "audio/webm" });
    $("mic-status").textContent = `submitting ${(file.size / 1024).toFixed(0)} KiB`;
    await submitRecording(file, null, $("upload-hotwords").value.trim() || null);
    $("mic-status").textContent = "submitted";
  });
  recorder.start(250);
  $("mic-start").disabled = true;
  $("mic-stop").disabled = false;
  $("mic-status").textContent = "recording…";
}

function stopMicrophone() {
  if (recorder && recorder.state !== "inactive") recorder.stop();
  $("mic-start").disabled = false;
  $("mic-stop").disabled = true;
}

// ---- rules ----------------------------------------------------------------------------------------------------

async function loadRules() {
  const pack = await api("/ui/api/rules");
  $("rules-title").textContent = `Rules (${pack.rules.length}, version ${pack.version || "none"})`;
  $("rule-problems").replaceChildren(...(pack.problems.length === 0 ? [el("li", { class: "muted" }, "none")]
    : pack.problems.map((p) => el("li", { class: "problem" }, el("code", {}, `${p.file}:${p.line}:${p.column}`), ": ", p.message))));
  $("rules").tBodies[0].replaceChildren(...pack.rules.map((r) => el("tr", {},
    el("td", {}, el("code", {}, r.id)), el("td", {}, r.description),
    el("td", {}, r.fields.join(", "), r.tags.map((t) => el("span", { class: "tag" }, t)), r.alert ? el("span", { class: "severity" }, "alert") : null),
    el("td", {}, el("ul", { class: "examples" }, r.examples.map((e) => el("li", {}, e)))),
    el("td", { class: "muted" }, r.location))));
}

async function tryRules(text) {
  const result = CallDocument.tryResult(await api("/ui/api/rules/try", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }),
  }));
  $("try-marked").replaceChildren(...marked(text, result.fields.map((f) => ({ start: f.start, length: f.length, title: `${f.name} = ${f.value}` }))));
  $("try-result").tBodies[0].replaceChildren(...(result.fields.length === 0
    ? [el("tr", {}, el("td", { colSpan: 6, class: "muted" }, "no capture"))]
    : result.fields.map((f) => el("tr", { class: "capture" }, el("td", {}, f.name), el("td", {}, f.type), el("td", { class: "capture-value" }, f.value),
        el("td", {}, f.text), el("td", {}, `[${f.start}, ${f.length}]`), el("td", {}, el("code", {}, f.rule))))));
  $("try-tags").textContent = [result.tags.length ? `tags: ${result.tags.join(", ")}` : "",
    ...result.alerts.map((a) => `alert ${a.severity}: ${a.message}`)].filter(Boolean).join(" · ");
}

// ---- wiring ---------------------------------------------------------------------------------------------------

$("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  listing.page = 0;
  if (location.hash !== "#calls" && location.hash !== "") location.hash = "#calls";
  else loadCalls().catch((e) => status(e.message));
});
$("page-newer").addEventListener("click", () => { listing.page = Math.max(0, listing.page - 1); loadCalls().catch((e) => status(e.message)); });
$("page-older").addEventListener("click", () => { listing.page += 1; loadCalls().catch((e) => status(e.message)); });
$("upload-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const files = [...$("upload-files").files];
  $("upload-files").value = "";
  upload(files).catch((e) => status(e.message));
});
const dropZone = $("drop-zone");
dropZone.addEventListener("dragover", (event) => { event.preventDefault(); dropZone.classList.add("over"); });
dropZone.addEventListener("dragleave", () => dropZone.classList.remove("over"));
dropZone.addEventListener("drop", (event) => {
  event.preventDefault();
  dropZone.classList.remove("over");
  upload([...event.dataTransfer.files]).catch((e) => status(e.message));
});
$("mic-start").addEventListener("click", () => startMicrophone().catch((e) => { $("mic-status").textContent = e.message; }));
$("mic-stop").addEventListener("click", stopMicrophone);
$("try-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("try-text").value;
  if (text) tryRules(text).catch((e) => status(e.message));
});
window.addEventListener("hashchange", route);
loadChoices().catch((e) => status(e.message));
route();
