// One job: live progress and loss curve (uPlot, refreshed every 1.5 s until the job ends), result
// and model commitment, specification with what its mode trusts, parties and consent.
import { api, session } from "../session.js";
import { DASH, bytes, el, flash, pick, renderTable, showError, time } from "../dom.js";
import { MODES } from "../modes.js";

const TERMINAL = ["COMPLETED", "FAILED", "CANCELLED"];
const DECISIONS = { APPROVE: "approved", REFUSE: "refused" };

export function start(root, route) {
  const id = route.args[0];
  const view = { root, id, chart: null, names: null };
  root.querySelector("#job-audit-link").href = "#/audit?job=" + encodeURIComponent(id);
  let timer = null;
  const refresh = async () => {
    try {
      const job = await api("/api/jobs/" + encodeURIComponent(id));
      view.names = view.names || await names();
      render(view, job);
      if (TERMINAL.includes(job.state)) clearInterval(timer);
    } catch (e) {
      if (e.status === 404 || e.status === 403) {
        clearInterval(timer);
        root.replaceChildren(el("h1", { text: "Job" }), el("div", { id: "job-error" }));
      }
      showError(root.querySelector("#job-error"), e);
    }
  };
  refresh();
  timer = setInterval(refresh, 1500);
  return () => {
    clearInterval(timer);
    if (view.chart) view.chart.destroy();
  };
}

/** Provider and dataset names for the parties table; ids stand in where a list is not readable. */
async function names() {
  const [providers, datasets] = await Promise.allSettled([api("/api/providers"), api("/api/datasets")]);
  const map = {};
  if (providers.status === "fulfilled") providers.value.forEach(p => { map[p.id] = p.organisation + "/" + p.name; });
  if (datasets.status === "fulfilled") datasets.value.forEach(d => { map[d.id] = d.organisation + "/" + d.name; });
  return map;
}

function render(view, job) {
  const root = view.root;
  root.querySelector("#job-error").replaceChildren();
  root.querySelector("#job-title").textContent = "Job " + job.name;
  const state = root.querySelector("#job-state");
  state.textContent = job.state;
  state.className = "badge state-" + job.state;
  root.querySelector("#job-reason").textContent = job.state_reason || "";
  const done = job.epochs ? Math.min(1, job.epoch / job.epochs) : 0;
  root.querySelector("#job-progress-bar").style.width = (done * 100).toFixed(1) + "%";
  root.querySelector("#job-progress-text").textContent = "epoch " + job.epoch + " of " + job.epochs
    + (job.steps ? " \u00b7 step " + job.step + " of " + job.steps : "");
  drawLoss(view, job);
  kv(root.querySelector("#job-result"), [
    ["Held-out metrics", metrics(job.metrics)],
    ["ExCache hit rate", percent(excacheHitRate(job))],
    ["Model commitment", job.model_commitment ? el("code", { id: "model-commitment", text: job.model_commitment })
      : (TERMINAL.includes(job.state) ? DASH : "when the job completes")],
  ]);
  const spec = job.spec || {};
  kv(root.querySelector("#job-spec"), [
    ["Id", el("code", { text: job.id })],
    ["Owner", job.owner],
    ["Protection mode", el("span", {}, el("strong", { text: job.mode }), el("br"), el("span", { class: "note",
      id: "job-mode-trust", text: MODES[job.mode] || "" }))],
    ["Model", spec.model],
    ["Datasets", (spec.datasets || []).map(d => view.names[d] || d).join(", ")],
    ["Epochs, batch size, learning rate", [spec.epochs, spec.batch_size, spec.learning_rate].join(", ")],
    ["Training loss opened to the owner", spec.open_loss ? "yes" : "no"],
    ["Result recipients", (spec.recipients || []).join(", ")],
    ["Cost estimate (before consent)", estimate(job.estimate)],
    ["Spec hash (what consent signs)", el("code", { text: job.spec_hash })],
    ["Submitted / updated", time(job.submitted_at) + " / " + time(job.updated_at)],
  ]);
  renderTable(root.querySelector("#job-parties"), [
    { title: "Provider", value: p => view.names[p.provider_id] || p.provider_id },
    { title: "Role", value: p => p.role },
    { title: "Dataset", value: p => p.dataset_id ? view.names[p.dataset_id] || p.dataset_id : "" },
  ], job.parties || [], "No party yet: the scheduler assigns providers when the job is scheduled.");
  consents(view, job);
  actions(view, job);
}

function drawLoss(view, job) {
  const points = (job.progress || []).filter(p => p.loss !== null && p.loss !== undefined);
  const note = view.root.querySelector("#loss-note");
  if (points.length === 0) {
    note.textContent = job.spec && job.spec.open_loss ? "The loss curve appears after the first epoch."
      : "The owner did not open the training loss, so no curve is shown.";
    return;
  }
  note.textContent = "Training loss after epoch " + points[points.length - 1].epoch + ": "
    + points[points.length - 1].loss.toFixed(5);
  const data = [points.map(p => p.epoch), points.map(p => p.loss)];
  if (!view.chart) {
    const box = view.root.querySelector("#loss-chart");
    view.chart = new uPlot({
      width: Math.min(720, box.clientWidth || 720), height: 260, title: "Training loss by epoch",
      scales: { x: { time: false } },
      axes: [{ label: "epoch" }, { label: "loss" }],
      series: [{ label: "epoch" }, { label: "loss", stroke: "#175cd3", width: 2, points: { show: true } }],
    }, data, box);
  } else {
    view.chart.setData(data);
  }
}

/**
 * Consent per organisation: who must decide (GET /api/jobs/{id}/spec, where the broker offers it)
 * and the decisions recorded so far. Deciding means signing the spec hash with the organisation's
 * key, which only the organisation holds: the command line does it, never this page.
 */
async function consents(view, job) {
  const decided = job.consents || [];
  let spec = view.consentSpec;
  if (spec === undefined) {
    try {
      spec = view.consentSpec = await api("/api/jobs/" + encodeURIComponent(job.id) + "/spec");
    } catch (e) {
      spec = view.consentSpec = e.status === 404 ? null : undefined;
    }
  }
  const needed = spec ? spec.consent_from || [] : [];
  const organisations = [...new Set([...needed, ...decided.map(c => c.organisation)])];
  const byOrganisation = Object.fromEntries(decided.map(c => [c.organisation, c]));
  renderTable(view.root.querySelector("#job-consents"), [
    { title: "Organisation", value: o => o },
    { title: "Decision", value: o => byOrganisation[o] ? DECISIONS[byOrganisation[o].decision] || byOrganisation[o].decision
      : "waiting", cls: o => "state-" + ({ APPROVE: "COMPLETED", REFUSE: "FAILED" }[byOrganisation[o]?.decision] || "PENDING") },
    { title: "Reason", value: o => byOrganisation[o]?.reason },
    { title: "When", value: o => byOrganisation[o] ? time(byOrganisation[o].decided_at) : "" },
  ], organisations, spec === null ? "This broker does not ask for consent." : "No decision recorded yet.");
  const waiting = organisations.filter(o => !byOrganisation[o]);
  const mine = session.organisation();
  const org = waiting.includes(mine) ? mine : "ORG";
  view.root.querySelector("#consent-note").replaceChildren(...(waiting.length === 0 ? [] : [
    "An organisation decides by signing the spec hash above with its own key, which this dashboard never holds. "
      + "Its administrator runs (or --refuse --reason TEXT): ",
    el("code", { id: "consent-command", text: "./cleave job consent " + job.id + " --org-dir keys/" + org + " --approve" })]));
}

function actions(view, job) {
  const box = view.root.querySelector("#job-actions");
  const mine = session.open || session.organisation() === job.owner || session.can("BROKER_ADMIN");
  if (TERMINAL.includes(job.state) || !mine) {
    box.replaceChildren();
    return;
  }
  if (box.querySelector("button")) return;
  box.replaceChildren(el("button", { class: "danger", text: "Cancel job", on: { click: async () => {
    if (!confirm("Cancel job " + job.name + "?")) return;
    try {
      await api("/api/jobs/" + encodeURIComponent(job.id) + "/cancel", { method: "POST" });
      flash("Job cancelled.");
    } catch (e) {
      flash(e.message, "error");
    }
  } } }));
}

function kv(dl, pairs) {
  dl.replaceChildren(...pairs.flatMap(([key, value]) => [el("dt", { text: key }),
    el("dd", {}, value === undefined || value === null || value === "" ? DASH : value)]));
}

function metrics(m) {
  if (!m) return undefined;
  if (m.accuracy !== undefined) return "accuracy " + m.accuracy.toFixed(4) + ", AUC " + m.auc.toFixed(4);
  if (m.r2 !== undefined) return "R\u00b2 " + m.r2.toFixed(4) + ", RMSE " + m.rmse.toFixed(4);
  return undefined;
}

/** The finished job's ExCache hit rate, or while it runs the one party 0 reported with its last epoch. */
function excacheHitRate(job) {
  const live = (job.progress || []).map(p => p.excache_hit_rate).filter(v => typeof v === "number");
  return pick(job, "metrics.excache_hit_rate") ?? live[live.length - 1];
}

function percent(value) {
  return typeof value === "number" ? (value * 100).toFixed(1) + " %" : undefined;
}

function estimate(e) {
  if (!e || typeof e !== "object") return undefined;
  const parts = [];
  if (typeof e.seconds === "number") parts.push("about " + e.seconds.toFixed(1) + " s");
  if (typeof e.bytes_exchanged === "number") parts.push(bytes(e.bytes_exchanged) + " exchanged");
  if (e.rounds) parts.push(e.rounds + " rounds");
  return parts.join(", ") || undefined;
}
