// Schemas and row counts (never values), owner and policy.
import { api } from "../session.js";
import { bytes, el, pick, renderTable, showError, time } from "../dom.js";

export async function start(root) {
  try {
    const datasets = await api("/api/datasets");
    renderTable(root.querySelector("#datasets"), [
      { title: "Owner", value: d => d.organisation },
      { title: "Name", value: d => d.name },
      { title: "Held by", value: d => d.provider },
      { title: "Rows", value: d => d.row_count, cls: () => "num" },
      { title: "Size", value: d => bytes(d.size_bytes) },
      { title: "Schema", value: schema },
      { title: "Policy", value: d => pick(d, "policy.summary", "policy") },
      { title: "Registered", value: d => time(d.registered_at) },
    ], datasets, "No dataset is announced yet: a memory provider announces its datasets when it connects.");
  } catch (e) {
    showError(root.querySelector("#datasets-error"), e);
  }
}

function schema(d) {
  const columns = d.schema.columns;
  const label = columns.find(c => c.label);
  const features = columns.filter(c => !c.label);
  return el("details", {}, el("summary", { text: features.length + " features" + (label ? ", label " + label.name : "") }),
    el("span", { class: "mono", text: features.map(c => c.name).join(", ") }));
}
