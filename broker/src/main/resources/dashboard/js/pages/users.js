// Accounts of the broker's user store (GET/POST/DELETE /api/users); a new user's one-time password is shown once.
import { api, session } from "../session.js";
import { clearInvalid, el, flash, invalid, renderTable, showError } from "../dom.js";

const BROKER_WIDE = ["BROKER_ADMIN", "AUDITOR"];

export function start(root) {
  const refresh = () => list(root, refresh);
  refresh();
  prepareForm(root, refresh);
}

async function list(root, refresh) {
  try {
    const users = await api("/api/users");
    root.querySelector("#users-error").replaceChildren();
    renderTable(root.querySelector("#users"), [
      { title: "User", value: u => u.username },
      { title: "Role", value: u => u.role },
      { title: "Organisation", value: u => u.organisation },
      { title: "Password", value: u => u.password_change_required ? "one-time, not yet replaced" : "set by the user" },
      { title: "Action", value: u => u.username === session.current()?.username ? ""
        : el("button", { class: "danger", text: "Remove", attrs: { "data-remove": u.username }, on: { click: () => remove(u, refresh) } }) },
    ], users, "No other user yet.");
  } catch (e) {
    showError(root.querySelector("#users-error"), e.status === 404 ? new Error("This broker has no user store.") : e);
  }
}

async function prepareForm(root, refresh) {
  const form = root.querySelector("#user-create");
  const mine = session.organisation();
  let organisations = mine ? [mine] : [];
  if (!mine) {
    try {
      organisations = (await api("/api/organisations")).filter(o => o.status === "ACTIVE").map(o => o.name);
    } catch (e) {
      showError(root.querySelector("#user-result"), e);
    }
  }
  form.organisation.replaceChildren(el("option", { value: "", text: "none (broker-wide roles)" }),
    ...organisations.map(n => el("option", { value: n, text: n })));
  if (mine) form.organisation.value = mine;
  form.addEventListener("submit", async event => {
    event.preventDefault();
    clearInvalid(form);
    const result = root.querySelector("#user-result");
    result.replaceChildren();
    const body = { username: form.username.value.trim(), role: form.role.value,
      organisation: form.organisation.value || null };
    let ok = true;
    if (!body.username) ok = invalid(form.username, "Enter a user name.");
    if (BROKER_WIDE.includes(body.role) && body.organisation) {
      ok = invalid(form.organisation, "A " + body.role + " belongs to no organisation.");
    }
    if (!BROKER_WIDE.includes(body.role) && !body.organisation) ok = invalid(form.organisation, "Choose the organisation.");
    if (!ok) return;
    try {
      const created = await api("/api/users", { method: "POST", body });
      result.replaceChildren(el("p", { class: "flash" }, "Added " + created.username + ". Its one-time password, shown only now: ",
        el("code", { id: "one-time-password", text: created.one_time_password })));
      form.username.value = "";
      refresh();
    } catch (e) {
      showError(result, e);
    }
  });
}

async function remove(user, refresh) {
  if (!confirm("Remove user " + user.username + "?")) return;
  try {
    await api("/api/users/" + encodeURIComponent(user.username), { method: "DELETE" });
    flash("Removed " + user.username + ".");
  } catch (e) {
    flash(e.message, "error");
  }
  refresh();
}
