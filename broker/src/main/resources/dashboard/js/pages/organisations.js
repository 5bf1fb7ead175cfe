// Enrolment requests (approve), organisations (suspend), their certificates with expiry and revocation.
import { api, session } from "../session.js";
import { DASH, el, flash, renderTable, showError, time } from "../dom.js";

const ADMIN = "BROKER_ADMIN";
const EXPIRY_WARNING_MS = 30 * 24 * 3600 * 1000;

export function start(root) {
  const refresh = () => load(root, refresh);
  refresh();
}

async function load(root, refresh) {
  const error = root.querySelector("#organisations-error");
  let orgs;
  try {
    orgs = await api("/api/organisations");
  } catch (e) {
    showError(error, e);
    return;
  }
  error.replaceChildren();
  const pending = orgs.filter(o => o.status === "PENDING");
  const members = orgs.filter(o => o.status !== "PENDING");
  renderTable(root.querySelector("#enrolments"), [
    { title: "Organisation", value: o => o.name },
    { title: "Requested", value: o => time(o.created_at) },
    { title: "Action", value: o => session.can(ADMIN)
      ? el("button", { class: "primary", text: "Approve", attrs: { "data-approve": o.name },
        on: { click: () => act("approve", o.name, refresh) } })
      : el("span", { class: "note", text: "a broker administrator approves" }) },
  ], pending, "No enrolment request is waiting.");
  const certificates = await Promise.all(members.map(o => certificatesOf(o.name)));
  renderTable(root.querySelector("#organisations"), [
    { title: "Organisation", value: o => o.name },
    { title: "Status", value: o => o.status, cls: o => "state-" + (o.status === "ACTIVE" ? "COMPLETED" : "FAILED") },
    { title: "Since", value: o => time(o.created_at) },
    { title: "CA certificate", value: (o) => certificateCell(certificates[members.indexOf(o)].ca) },
    { title: "Provider certificates", value: o => providerCertificates(certificates[members.indexOf(o)].providers) },
    { title: "Action", value: o => o.status === "ACTIVE" && session.can(ADMIN)
      ? el("button", { class: "danger", text: "Suspend", attrs: { "data-suspend": o.name },
        on: { click: () => {
          if (confirm("Suspend " + o.name + "? Its CA certificate is revoked and its providers lose access.")) {
            act("revoke", o.name, refresh);
          }
        } } })
      : "" },
  ], members, "No organisation has joined yet.");
}

/** The CA certificate and provider certificates; an organisation created without enrolment has none. */
async function certificatesOf(name) {
  const path = "/api/organisations/" + encodeURIComponent(name);
  const [ca, providers] = await Promise.allSettled([api(path + "/certificate"), api(path + "/provider-certificates")]);
  return {
    ca: ca.status === "fulfilled" ? ca.value : (ca.reason.status === 404 ? null : ca.reason),
    providers: providers.status === "fulfilled" ? providers.value : providers.reason,
  };
}

function certificateCell(certificate) {
  if (certificate === null) return DASH;
  if (certificate instanceof Error) return el("span", { class: "bad", text: certificate.message });
  return el("span", {}, el("span", { class: "mono", text: "serial " + certificate.serial }), el("br"),
    expiry(certificate));
}

function expiry(certificate) {
  if (certificate.revoked_at) return el("span", { class: "bad", text: "revoked " + time(certificate.revoked_at) });
  const left = Date.parse(certificate.not_after) - Date.now();
  if (left <= 0) return el("span", { class: "bad", text: "expired " + time(certificate.not_after) });
  return el("span", { class: left < EXPIRY_WARNING_MS ? "warn" : "ok", text: "valid until " + time(certificate.not_after) });
}

function providerCertificates(list) {
  if (list instanceof Error) return el("span", { class: "bad", text: list.message });
  if (list.length === 0) return DASH;
  const revoked = list.filter(c => c.revoked_at).length;
  return el("details", {}, el("summary", { text: list.length + " (" + revoked + " revoked)" }),
    el("ul", {}, list.map(c => el("li", {}, (c.provider || c.subject) + " \u00b7 ", expiry(c)))));
}

async function act(action, name, refresh) {
  try {
    await api("/api/organisations/" + encodeURIComponent(name) + "/" + action, { method: "POST" });
    flash(action === "approve" ? "Approved " + name + ": its CA certificate is issued." : "Suspended " + name + ".");
  } catch (e) {
    flash(e.message, "error");
  }
  refresh();
}
