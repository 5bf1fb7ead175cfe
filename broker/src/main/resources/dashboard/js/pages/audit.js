// The audit trail: filters (organisation, job, action, actor, time), a live tail (every 2 s),
// per-record inclusion-proof checks in the browser (../proof.js) and export of the filtered view.
import { api } from "../session.js";
import { el, renderTable, showError, time } from "../dom.js";
import { ProofError, checkPinnedKey, parseCheckpoint, parseVerifierKey, verifyCheckpointSignature, verifyRecord } from "../proof.js";

const WINDOW = 5000;
const PAGE = 1000;
const SHOWN = 500;

export function start(root, route) {
  const state = { records: new Map(), lastSeq: 0, checkpoint: null, verdicts: new Map(), wanted: {} };
  const filters = root.querySelector("#audit-filters");
  for (const [name, value] of route.query) {
    if (field(filters, name)) field(filters, name).value = value;
    state.wanted[name] = value;
  }
  const render = () => renderRecords(root, state, filters);
  filters.addEventListener("input", () => {
    syncHash(filters);
    if (job(filters)) loadJob(state, job(filters)).then(render, e => showError(root.querySelector("#audit-error"), e));
    render();
  });
  filters.addEventListener("submit", e => e.preventDefault());
  root.querySelector("#export-jsonl").addEventListener("click", () => download("audit.jsonl", "application/x-ndjson",
    filtered(state, filters).map(r => JSON.stringify(r) + "\n").join("")));
  root.querySelector("#export-csv").addEventListener("click", () => download("audit.csv", "text/csv", csv(filtered(state, filters))));

  const tail = async () => {
    try {
      await loadAfter(state, state.lastSeq);
      root.querySelector("#audit-error").replaceChildren();
      render();
    } catch (e) {
      showError(root.querySelector("#audit-error"), e);
    }
  };
  (async () => {
    try {
      state.lastSeq = await windowStart();
      if (job(filters)) await loadJob(state, job(filters));
    } catch (e) {
      showError(root.querySelector("#audit-error"), e);
    }
    await tail();
    await loadCheckpoint(root, state);
  })();
  const timer = setInterval(() => { if (field(filters, "live").checked) tail(); }, 2000);
  return () => clearInterval(timer);
}

/** A form control by name; form.action and the like would be the form's own properties. */
function field(form, name) {
  return form.elements.namedItem(name);
}

function job(filters) {
  return field(filters, "job").value.trim();
}

/** Where the loaded window starts: the newest WINDOW records (older ones stay reachable by job filter and export). */
async function windowStart() {
  try {
    const system = await api("/api/system");
    return Math.max(0, system.audit_records - WINDOW);
  } catch (e) {
    if (e.status === 403) return 0;
    throw e;
  }
}

async function loadAfter(state, after) {
  for (;;) {
    const records = await auditPage("after=" + after);
    records.forEach(r => state.records.set(r.id, r));
    if (records.length) state.lastSeq = Math.max(state.lastSeq, records[records.length - 1].seq);
    if (records.length < PAGE) return;
    after = state.lastSeq;
  }
}

/** Every record whose subject is the job, however old. */
async function loadJob(state, job) {
  (await auditPage("subject=" + encodeURIComponent(job))).forEach(r => state.records.set(r.id, r));
}

/** One page of the trail; the API leaves out an empty list. */
async function auditPage(query) {
  return (await api("/api/audit?limit=" + PAGE + "&" + query)).records || [];
}

function syncHash(filters) {
  const query = new URLSearchParams();
  for (const name of ["organisation", "job", "action", "actor", "from", "to"]) {
    const value = field(filters, name).value.trim();
    if (value) query.set(name, value);
  }
  history.replaceState(null, "", "#/audit" + (query.size ? "?" + query : ""));
}

function matchesJob(record, job) {
  return record.subject_id === job || record.correlation_id === job || (record.details && record.details.job_id === job);
}

function filtered(state, filters) {
  const f = Object.fromEntries(new FormData(filters));
  const job = (f.job || "").trim();
  const actor = (f.actor || "").trim().toLowerCase();
  const from = f.from ? Date.parse(f.from) : -Infinity;
  const to = f.to ? Date.parse(f.to) : Infinity;
  return [...state.records.values()].filter(r => (!f.organisation || r.organisation === f.organisation)
    && (!job || matchesJob(r, job)) && (!f.action || r.action === f.action)
    && (!actor || r.actor.toLowerCase().includes(actor))
    && Date.parse(r.occurred_at) >= from && Date.parse(r.occurred_at) <= to)
    .sort((a, b) => b.seq - a.seq);
}

function renderRecords(root, state, filters) {
  addOptions(field(filters, "organisation"), [...state.records.values()].map(r => r.organisation).filter(Boolean), state.wanted);
  addOptions(field(filters, "action"), [...state.records.values()].map(r => r.action), state.wanted);
  const rows = filtered(state, filters);
  root.querySelector("#audit-count").textContent = rows.length + " matching of " + state.records.size + " loaded"
    + (rows.length > SHOWN ? " (newest " + SHOWN + " shown; export has all)" : "");
  renderTable(root.querySelector("#audit"), [
    { title: "#", value: r => r.seq, cls: () => "num" },
    { title: "Time", value: r => time(r.occurred_at) },
    { title: "Organisation", value: r => r.organisation },
    { title: "Actor", value: r => r.actor },
    { title: "Action", value: r => r.action },
    { title: "Subject", value: r => r.subject_type + " " + r.subject_id },
    { title: "Details", value: r => el("span", { class: "mono", text: JSON.stringify(r.details) }) },
    { title: "Proof", value: r => proofCell(root, state, r) },
  ], rows.slice(0, SHOWN), state.records.size ? "No record matches these filters." : "The audit trail is empty.");
}

/** Adds options seen in the records; a value asked for in the address is chosen once its option exists. */
function addOptions(select, values, wanted) {
  const known = new Set([...select.options].map(o => o.value));
  [...new Set(values)].sort().filter(v => !known.has(v)).forEach(v => select.append(el("option", { value: v, text: v })));
  if (wanted[select.name] && known.size < select.options.length && !select.value) {
    select.value = wanted[select.name];
    delete wanted[select.name];
  }
}

function proofCell(root, state, record) {
  const verdict = state.verdicts.get(record.id);
  if (verdict) return verdict.cloneNode(true);
  return el("button", { text: "Verify", attrs: { "data-verify": record.seq }, on: { click: async event => {
    const cell = event.target.parentElement;
    cell.replaceChildren(el("span", { class: "note", text: "checking…" }));
    const badge = await verify(root, state, record);
    state.verdicts.set(record.id, badge);
    cell.replaceChildren(badge.cloneNode(true));
  } } });
}

async function verify(root, state, record) {
  try {
    if (!window.isSecureContext || !crypto.subtle) {
      throw new ProofError("this page is not a secure context (HTTPS or localhost), so the browser offers no WebCrypto");
    }
    const attempt = () => verifyRecord(record, state.checkpoint.parsed,
      id => api("/api/log/leaf?record=" + encodeURIComponent(id)),
      (index, size) => api("/api/log/proof/inclusion?index=" + index + "&size=" + size));
    let result;
    try {
      if (!state.checkpoint) throw new ProofError("no checkpoint yet");
      result = await attempt();
    } catch (e) {
      if (!(e instanceof ProofError) || !/after this checkpoint|no checkpoint/.test(e.message)) throw e;
      await loadCheckpoint(root, state);
      result = await attempt();
    }
    if (!state.checkpoint.signatureVerified) {
      return el("span", { class: "badge unchecked", title: "the checkpoint signature could not be checked in this browser",
        text: "included, signature unchecked" });
    }
    return el("span", { class: "badge verified", attrs: { "data-verified": record.seq },
      title: "leaf " + result.index + " of the signed checkpoint of size " + result.size + ", checked in this browser",
      text: "\u2714 verified (leaf " + result.index + " of " + result.size + ")" });
  } catch (e) {
    const message = e instanceof ProofError || e.status ? e.message : "could not check: " + e.message;
    return el("span", { class: "badge failed", attrs: { "data-failed": record.seq }, text: "\u2718 " + message });
  }
}

/** Fetches, parses and checks the latest checkpoint and shows it; failures show in the panel. */
async function loadCheckpoint(root, state) {
  const panel = root.querySelector("#checkpoint-panel");
  try {
    const [note, keyLine] = await Promise.all([api("/api/log/checkpoint", { text: true }), api("/api/log/key", { text: true })]);
    const parsed = parseCheckpoint(note);
    const key = parseVerifierKey(keyLine);
    const pin = checkPinnedKey(key);
    const signatureVerified = window.isSecureContext && crypto.subtle ? await verifyCheckpointSignature(parsed, key) : false;
    state.checkpoint = { parsed, signatureVerified };
    panel.replaceChildren(el("strong", { text: "Latest checkpoint: " }),
      el("span", { id: "checkpoint-size", text: parsed.size + " records" }), " \u00b7 root ",
      el("code", { text: parsed.rootBase64 }), " \u00b7 ",
      signatureVerified ? el("span", { class: "badge verified", id: "checkpoint-signature", text: "\u2714 signature valid" })
        : el("span", { class: "badge unchecked", id: "checkpoint-signature", text: "signature not checked: no Ed25519 WebCrypto here" }),
      el("br"), el("span", { class: "note", text: "Log " + key.name + ", key " + key.keyId + " " + pin + "." }));
  } catch (e) {
    state.checkpoint = null;
    panel.replaceChildren(el("span", { class: "badge failed", id: "checkpoint-signature", text: "\u2718 checkpoint: " + e.message }));
  }
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const CSV_COLUMNS = ["seq", "id", "occurred_at", "organisation", "actor", "action", "subject_type", "subject_id", "correlation_id", "details"];

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula gets a leading apostrophe. */
function csv(records) {
  const cell = value => {
    let text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  };
  return [CSV_COLUMNS.join(","), ...records.map(r => CSV_COLUMNS.map(c => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}
