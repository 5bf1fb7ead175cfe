// Kind, organisation, capacity, heartbeat age and attestation verdict; refreshed every 3 s.
import { api } from "../session.js";
import { age, bytes, el, renderTable, showError, time } from "../dom.js";

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

/**
 * The broker's latest appraisal of the provider's evidence: {evidence_type, valid, current,
 * isolation, measurement, tcb, verified_at, expires_at, reason}; none for a provider without evidence.
 */
function attestation(p) {
  const a = p.attestation;
  if (!a || typeof a !== "object") return "";
  const title = [a.measurement && "measurement " + a.measurement, a.tcb && "TCB " + a.tcb,
    a.verified_at && "verified " + time(a.verified_at), a.expires_at && "expires " + time(a.expires_at)]
    .filter(Boolean).join("\n");
  if (!a.valid) return el("span", { class: "bad", title, text: "refused (" + a.evidence_type + ")" + (a.reason ? ": " + a.reason : "") });
  if (!a.current) return el("span", { class: "warn", title, text: "expired (" + a.evidence_type + ")" });
  const weak = a.isolation && /no hardware/i.test(a.isolation);
  return el("span", { class: weak ? "warn" : "ok", title,
    text: "valid (" + a.evidence_type + ")" + (a.isolation ? " \u00b7 " + a.isolation : "") });
}
