// Counts at a glance, refreshed every 3 s: organisations, providers up/down, jobs by state, audit rate.
import { api } from "../session.js";
import { DASH, el, link, renderTable, time } from "../dom.js";

const RATE_WINDOW_MS = 5 * 60 * 1000;

export function start(root) {
  const refresh = async () => {
    const [orgs, providers, jobs, system] = await Promise.allSettled([
      api("/api/organisations"), api("/api/providers"), api("/api/jobs"), api("/api/system")]);
    card(root, "card-organisations", "Organisations", orgs, list => {
      const pending = list.filter(o => o.status === "PENDING").length;
      return [el("div", { class: "big", text: list.length }),
        el("div", { text: pending ? pending + " awaiting approval" : "none awaiting approval",
          class: pending ? "warn" : undefined })];
    });
    card(root, "card-providers", "Providers", providers, list => {
      const up = list.filter(p => p.alive).length;
      return [el("div", { class: "big" }, el("span", { class: "up", text: up + " up" }), " / ",
        el("span", { class: list.length - up ? "down" : undefined, text: (list.length - up) + " down" }))];
    });
    card(root, "card-jobs", "Jobs by state", jobs, list => {
      const counts = {};
      list.forEach(j => { counts[j.state] = (counts[j.state] || 0) + 1; });
      const states = Object.keys(counts).sort();
      return [el("div", { class: "big", text: list.length }),
        states.length ? el("ul", {}, states.map(s => el("li", {}, el("span", { class: "state-" + s, text: s }),
          ": " + counts[s]))) : el("div", { class: "note", text: "no jobs yet" })];
    });
    await auditCard(root, system);
    if (jobs.status === "fulfilled") {
      renderTable(root.querySelector("#overview-jobs"), [
        { title: "Name", value: j => link("#/jobs/" + encodeURIComponent(j.id), j.name) },
        { title: "Owner", value: j => j.owner },
        { title: "State", value: j => j.state, cls: j => "state-" + j.state },
        { title: "Epoch", value: j => j.epoch + "/" + j.epochs },
        { title: "Updated", value: j => time(j.updated_at) },
      ], jobs.value.slice(-5).reverse(), "No jobs yet: submit one on the Jobs page.");
    } else {
      root.querySelector("#overview-jobs").replaceChildren(el("caption", { class: "error", text: jobs.reason.message }));
    }
    root.querySelector("#overview-status").textContent = "Updated " + new Date().toLocaleTimeString();
  };
  refresh();
  const timer = setInterval(refresh, 3000);
  return () => clearInterval(timer);
}

function card(root, id, title, settled, body) {
  const node = root.querySelector("#" + id);
  if (!node) return;
  node.replaceChildren(el("div", { class: "note", text: title }),
    ...(settled.status === "fulfilled" ? body(settled.value) : [el("div", { class: "error", text: settled.reason.message })]));
}

async function auditCard(root, system) {
  if (system.status !== "fulfilled") {
    card(root, "card-audit", "Audit trail", system, () => []);
    return;
  }
  const s = system.value;
  let rate = DASH;
  try {
    const recent = await api("/api/audit?limit=500&after=" + Math.max(0, s.audit_records - 500));
    const since = Date.now() - RATE_WINDOW_MS;
    const count = (recent.records || []).filter(r => Date.parse(r.occurred_at) >= since).length;
    rate = (count / (RATE_WINDOW_MS / 60000)).toFixed(1) + " records/min (last 5 min)";
  } catch (e) {
    rate = e.message;
  }
  card(root, "card-audit", "Audit trail", system, () => [
    el("div", { class: "big", text: s.audit_records }),
    el("div", { id: "audit-rate", text: rate }),
    el("div", { class: s.audit_pending ? "warn" : "note",
      text: s.audit_pending + " awaiting Kafka \u00b7 topic " + s.audit_topic + (s.kafka_embedded ? " (in-process Kafka)" : "") }),
  ]);
}
