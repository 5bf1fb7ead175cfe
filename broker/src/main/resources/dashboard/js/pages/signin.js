// POST /login {username, password} -> {access_token, token_type, expires_in, username, roles, organisation,
// password_change_required}; a one-time password is replaced first (POST /api/users/me/password).
import { api, session } from "../session.js";
import { clearInvalid, el, hideFlash, invalid } from "../dom.js";

export function start(root) {
  const form = root.querySelector("#signin-form");
  const error = root.querySelector("#signin-error");
  // A session left waiting for its password change cannot finish it: the one-time password is gone.
  if (session.current()?.passwordChangeRequired) session.clear();
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
    await busy(root.querySelector("#signin-submit"), error, async () => {
      const login = await signIn(username, password);
      session.store(login);
      session.open = false;
      hideFlash();
      if (login.password_change_required) {
        form.hidden = true;
        choosePassword(root, password);
      } else {
        location.hash = "#/overview";
      }
    });
  });
  form.username.focus();
}

async function signIn(username, password) {
  let response;
  try {
    response = await fetch("/login", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ username, password }),
    });
  } catch (e) {
    throw new Error("Cannot reach the broker: is it running?");
  }
  if (response.status === 401 || response.status === 400) throw new Error("Wrong user name or password.");
  if (response.status === 404) throw new Error("This broker has no sign-in (no user store): its API is open.");
  if (!response.ok) throw new Error("The broker could not sign you in (HTTP " + response.status + ").");
  return response.json();
}

function choosePassword(root, current) {
  const form = root.querySelector("#password-form");
  const error = root.querySelector("#password-error");
  form.hidden = false;
  form.new_password.focus();
  form.addEventListener("submit", async event => {
    event.preventDefault();
    clearInvalid(form);
    error.replaceChildren();
    if (!form.new_password.value) return invalid(form.new_password, "Enter a new password.");
    if (form.new_password.value !== form.repeat.value) return invalid(form.repeat, "The two passwords differ.");
    await busy(root.querySelector("#password-submit"), error, async () => {
      session.store(await api("/api/users/me/password", { method: "POST",
        body: { current_password: current, new_password: form.new_password.value } }));
      location.hash = "#/overview";
    });
    return true;
  });
}

async function busy(button, error, action) {
  button.disabled = true;
  try {
    await action();
  } catch (e) {
    error.replaceChildren(el("p", { class: "error", id: "signin-message", text: e.message }));
  } finally {
    button.disabled = false;
  }
}
