// Kind, organisation, capacity, heartbeat age and attestation verdict; refreshed every 3 s.
import { api } from "../session.js";
import { bytes, age, el, pick, renderTable, showError } from "../dom.js";

export function start(root) {
  const table = root.querySelector("#providers");
  const refresh = async () => {
    try {
      const providers = await api("/api/providers");
      renderTable(table, [
        { title: "Organisation", value: p => p.organisation },
        { title: "Name", value: p => p.name },
        { title: "Kind", value: p => p.kind },
        { title: "Cores (free/total)", value: p => p.kind === "COMPUTE" ? p.free_cores + "/" + p.cores : "" },
        { title: "Memory (free/total)", value: p => bytes(p.free_memory_bytes) + " / " + bytes(p.memory_bytes) },
        { title: "Up", value: p => el("span", { class: p.alive ? "up" : "down", text: p.alive ? "up" : "down" }) },
        { title: "Heartbeat age", value: p => age(p.heartbeat_age_ms) },
        { title: "Attestation", value: attestation },
      ], providers, "No provider has registered yet: start one with ./cleave memory-provider or compute-provider.");
      root.querySelector("#providers-status").textContent = "Updated " + new Date().toLocaleTimeString();
    } catch (e) {
      showError(root.querySelector("#providers-status"), e);
    }
  };
  refresh();
  const timer = setInterval(refresh, 3000);
  return () => clearInterval(timer);
}

/** The broker's appraisal of the provider's evidence, where the broker reports one. */
function attestation(p) {
  const verdict = pick(p, "attestation.verdict", "attestation_verdict", "attestation");
  if (verdict === undefined || typeof verdict === "object") return "";
  const type = pick(p, "attestation.evidence_type", "evidence_type");
  const text = String(verdict) + (type ? " (" + type + ")" : "");
  const software = String(type || "").toLowerCase() === "software";
  return el("span", { class: /^(ok|pass|valid|verified|accepted)/i.test(verdict) ? (software ? "warn" : "ok") : "bad",
    text: software ? text + " \u00b7 no hardware isolation" : text });
}
