// POST /login {username, password} -> {access_token, token_type, expires_in, username, roles, organisation}.
import { session } from "../session.js";
import { clearInvalid, el, invalid } from "../dom.js";

export function start(root) {
  const form = root.querySelector("#signin-form");
  const error = root.querySelector("#signin-error");
  if (session.open) {
    error.replaceChildren(el("p", { class: "note", text: "This broker does not ask for sign-in: its API is open. " },
      el("a", { href: "#/overview", text: "Go to the overview" })));
  }
  form.addEventListener("submit", async event => {
    event.preventDefault();
    clearInvalid(form);
    error.replaceChildren();
    const username = form.username.value.trim();
    const password = form.password.value;
    let ok = true;
    if (!username) ok = invalid(form.username, "Enter your user name.");
    if (!password) ok = invalid(form.password, "Enter your password.");
    if (!ok) return;
    const button = root.querySelector("#signin-submit");
    button.disabled = true;
    try {
      const response = await fetch("/login", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ username, password }),
      });
      if (response.status === 401 || response.status === 400) {
        throw new Error("Wrong user name or password.");
      }
      if (response.status === 404) {
        throw new Error("This broker has no sign-in (no user store): its API is open.");
      }
      if (!response.ok) throw new Error("The broker could not sign you in (HTTP " + response.status + ").");
      session.store(await response.json());
      session.open = false;
      location.hash = "#/overview";
    } catch (e) {
      const message = e instanceof TypeError ? "Cannot reach the broker: is it running?" : e.message;
      error.replaceChildren(el("p", { class: "error", id: "signin-message", text: message }));
    } finally {
      button.disabled = false;
    }
  });
  form.username.focus();
}
