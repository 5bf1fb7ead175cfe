// The dashboard stub: reads the broker's REST API every two seconds and renders tables.
// Text is always inserted with textContent, never as HTML, so names cannot inject markup.
"use strict";

const columns = {
  organisations: [["name", "Name"], ["status", "Status"], ["created_at", "Created"]],
  providers: [["organisation", "Organisation"], ["name", "Name"], ["kind", "Kind"], ["cores", "Cores"],
    ["free_cores", "Free cores"], ["alive", "Up"], ["heartbeat_age_ms", "Heartbeat age (ms)"]],
  datasets: [["organisation", "Owner"], ["name", "Name"], ["row_count", "Rows"], ["page_count", "Pages"],
    [d => d.schema.columns.length - 1, "Features"]],
  jobs: [["name", "Name"], ["owner", "Owner"], ["mode", "Mode"], ["state", "State"],
    [j => j.epoch + "/" + j.epochs, "Epoch"], [j => lastLoss(j), "Loss"], [j => metric(j), "Held-out"],
    ["state_reason", "Why"]],
  audit: [["seq", "#"], ["occurred_at", "Time"], ["organisation", "Organisation"], ["actor", "Actor"],
    ["action", "Action"], ["subject_type", "Subject"], [r => JSON.stringify(r.details), "Details"]],
};

function lastLoss(job) {
  const p = job.progress.filter(e => e.loss !== null && e.loss !== undefined);
  return p.length ? p[p.length - 1].loss.toFixed(4) : "";
}

function metric(job) {
  const m = job.metrics;
  if (!m) return "";
  if (m.accuracy !== undefined) return "accuracy " + m.accuracy.toFixed(4) + ", AUC " + m.auc.toFixed(4);
  if (m.r2 !== undefined) return "R² " + m.r2.toFixed(4);
  return "";
}

function render(id, rows) {
  const table = document.getElementById(id);
  table.replaceChildren();
  const head = table.insertRow();
  for (const [, title] of columns[id]) {
    const th = document.createElement("th");
    th.textContent = title;
    head.appendChild(th);
  }
  if (rows.length === 0) {
    const cell = table.insertRow().insertCell();
    cell.colSpan = columns[id].length;
    cell.className = "empty";
    cell.textContent = "none yet";
    return;
  }
  for (const row of rows) {
    const tr = table.insertRow();
    for (const [field] of columns[id]) {
      const value = typeof field === "function" ? field(row) : row[field];
      const td = tr.insertCell();
      td.textContent = value === null || value === undefined ? "" : String(value);
      if (field === "state") td.className = "state-" + value;
    }
  }
}

async function load(path) {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(path + ": HTTP " + response.status);
  return response.json();
}

async function refresh() {
  const status = document.getElementById("status");
  try {
    const [orgs, providers, datasets, jobs, system] = await Promise.all([
      load("/api/organisations"), load("/api/providers"), load("/api/datasets"), load("/api/jobs"),
      load("/api/system")]);
    const after = Math.max(0, system.audit_records - 50);
    const audit = await load("/api/audit?limit=50&after=" + after);
    render("organisations", orgs);
    render("providers", providers);
    render("datasets", datasets);
    render("jobs", jobs);
    render("audit", audit.records.slice().reverse());
    status.className = "note";
    status.textContent = "Updated " + new Date().toLocaleTimeString() + " · audit records: " + system.audit_records
      + " (awaiting Kafka: " + system.audit_pending + ") · Kafka " + system.kafka_bootstrap_servers
      + (system.kafka_embedded ? " (in-process)" : "");
  } catch (e) {
    status.className = "error";
    status.textContent = "Cannot reach the broker API: " + e.message;
  }
}

refresh();
setInterval(refresh, 2000);
