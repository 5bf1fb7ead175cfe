// The job list with filters (refreshed every 3 s) and the submit form.
import { api, session } from "../session.js";
import { clearInvalid, el, invalid, link, renderTable, showError, time } from "../dom.js";
import { MODES } from "../modes.js";

export function start(root) {
  const filters = root.querySelector("#job-filters");
  const refresh = () => list(root, filters);
  filters.addEventListener("input", refresh);
  filters.addEventListener("submit", e => e.preventDefault());
  refresh();
  prepareForm(root);
  const timer = setInterval(refresh, 3000);
  return () => clearInterval(timer);
}

async function list(root, filters) {
  const error = root.querySelector("#jobs-error");
  let jobs;
  try {
    jobs = await api("/api/jobs");
  } catch (e) {
    showError(error, e);
    return;
  }
  error.replaceChildren();
  const owners = filters.owner;
  const known = new Set([...owners.options].map(o => o.value));
  [...new Set(jobs.map(j => j.owner))].filter(o => !known.has(o)).forEach(o => owners.append(el("option", { text: o, value: o })));
  const f = Object.fromEntries(new FormData(filters));
  const text = (f.text || "").trim().toLowerCase();
  const shown = jobs.filter(j => (!f.state || j.state === f.state) && (!f.owner || j.owner === f.owner)
    && (!f.mode || j.mode === f.mode) && (!text || j.name.toLowerCase().includes(text) || j.id.includes(text)));
  renderTable(root.querySelector("#jobs"), [
    { title: "Name", value: j => link("#/jobs/" + encodeURIComponent(j.id), j.name) },
    { title: "Owner", value: j => j.owner },
    { title: "Mode", value: j => j.mode },
    { title: "State", value: j => j.state, cls: j => "state-" + j.state },
    { title: "Epoch", value: j => j.epoch + "/" + j.epochs },
    { title: "Submitted", value: j => time(j.submitted_at) },
    { title: "Why", value: j => j.state_reason },
  ], shown.slice().reverse(), jobs.length ? "No job matches these filters." : "No jobs yet: submit one below.");
}

async function prepareForm(root) {
  const form = root.querySelector("#job-submit");
  const modes = root.querySelector("#submit-modes");
  for (const [mode, trust] of Object.entries(MODES)) {
    modes.append(el("label", {}, el("input", { type: "radio", name: "mode", value: mode, checked: mode === "SECRET_SHARED" }),
      " " + mode), el("p", { class: "mode-trust", text: trust }));
  }
  const [orgs, datasets] = await Promise.allSettled([api("/api/organisations"), api("/api/datasets")]);
  const active = orgs.status === "fulfilled" ? orgs.value.filter(o => o.status === "ACTIVE").map(o => o.name) : [];
  const mine = session.organisation();
  form.owner.replaceChildren(...(mine ? [mine] : active).map(n => el("option", { value: n, text: n })));
  const none = () => el("option", { value: "", text: "\u2014" });
  form.compute0.replaceChildren(none(), ...active.map(n => el("option", { value: n, text: n })));
  form.compute1.replaceChildren(none(), ...active.map(n => el("option", { value: n, text: n })));
  root.querySelector("#submit-recipients").replaceChildren(...active.map(n =>
    el("label", { class: "inline" }, el("input", { type: "checkbox", name: "recipients", value: n }), " " + n + " ")));
  const datasetBox = root.querySelector("#submit-datasets");
  if (datasets.status === "rejected") {
    showError(datasetBox, datasets.reason);
  } else if (datasets.value.length === 0) {
    datasetBox.textContent = "No dataset is announced yet.";
  } else {
    datasetBox.replaceChildren(...datasets.value.map(d => el("label", {}, el("input", { type: "checkbox",
      name: "datasets", value: d.organisation + "/" + d.name }), " " + d.organisation + "/" + d.name + " (" + d.row_count
      + " rows)")));
  }
  form.addEventListener("submit", event => {
    event.preventDefault();
    submit(root, form);
  });
}

async function submit(root, form) {
  clearInvalid(form);
  const error = root.querySelector("#submit-error");
  error.replaceChildren();
  const chosen = name => [...form.querySelectorAll("input[name=" + name + "]:checked")].map(i => i.value);
  const body = {
    name: form.elements.namedItem("name").value.trim() || undefined,
    owner: form.owner.value,
    datasets: chosen("datasets"),
    model: form.model.value,
    mode: chosen("mode")[0],
    epochs: Number(form.epochs.value),
    batch_size: Number(form.batch_size.value),
    learning_rate: Number(form.learning_rate.value),
    open_loss: form.open_loss.checked,
    recipients: chosen("recipients"),
    compute_organisations: [form.compute0.value, form.compute1.value].filter(Boolean),
  };
  let ok = true;
  if (!body.owner) ok = invalid(form.owner, "Choose the organisation that owns the job.");
  if (!form.compute0.value) ok = invalid(form.compute0, "Choose the organisation whose CPUs run the job.");
  if (body.mode === "SECRET_SHARED" && !form.compute1.value) {
    ok = invalid(form.compute1, "A secret-shared job needs a second compute organisation.");
  } else if (body.mode === "SECRET_SHARED" && form.compute1.value === form.compute0.value) {
    ok = invalid(form.compute1, "The two compute parties must belong to different organisations.");
  } else if (body.mode !== "SECRET_SHARED" && form.compute1.value) {
    ok = invalid(form.compute1, "Only a secret-shared job has a second compute organisation.");
  }
  if (body.datasets.length === 0) ok = invalid(root.querySelector("#submit-datasets"), "Choose at least one dataset.");
  if (!Number.isInteger(body.epochs) || body.epochs < 1 || body.epochs > 10000) {
    ok = invalid(form.epochs, "Epochs must be a whole number from 1 to 10000.");
  }
  if (!Number.isInteger(body.batch_size) || body.batch_size < 1 || body.batch_size > 1048576) {
    ok = invalid(form.batch_size, "Batch size must be a whole number from 1 to 1048576.");
  }
  if (!(body.learning_rate > 0) || !Number.isFinite(body.learning_rate)) {
    ok = invalid(form.learning_rate, "Learning rate must be a number above 0.");
  }
  if (!ok) return;
  const button = root.querySelector("#submit-button");
  button.disabled = true;
  try {
    const job = await api("/api/jobs", { method: "POST", body });
    location.hash = "#/jobs/" + encodeURIComponent(job.id);
  } catch (e) {
    error.replaceChildren(el("p", { class: "error", id: "submit-message", text: "Not submitted: " + e.message }));
  } finally {
    button.disabled = false;
  }
}
