// The signed-in user: the bearer token from POST /login lives in sessionStorage (gone when the tab
// closes) and goes on every API call, by fetch here and by htmx through htmx:configRequest.
const KEY = "cleave.session";

export const session = {
  /** {token, username, roles, organisation, expiresAt, passwordChangeRequired} or null. */
  current() {
    const text = sessionStorage.getItem(KEY);
    if (!text) return null;
    const value = JSON.parse(text);
    if (value.expiresAt && Date.now() > value.expiresAt) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return value;
  },
  store(login) {
    sessionStorage.setItem(KEY, JSON.stringify({
      token: login.access_token,
      username: login.username,
      roles: login.roles || [],
      organisation: login.organisation || null,
      passwordChangeRequired: login.password_change_required === true,
      expiresAt: login.expires_in ? Date.now() + login.expires_in * 1000 : null,
    }));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
  /** True when this broker answers the API without sign-in (a broker without a user store). */
  open: false,
  /** Whether the user holds one of the roles; on an open broker every action is offered. */
  can(...roles) {
    if (this.open) return true;
    const s = this.current();
    return !!s && roles.some(r => s.roles.includes(r));
  },
  organisation() {
    const s = this.current();
    return s ? s.organisation : null;
  },
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function authorization() {
  const s = session.current();
  return s ? { Authorization: "Bearer " + s.token } : {};
}

document.addEventListener("htmx:configRequest", event => Object.assign(event.detail.headers, authorization()));

/**
 * Calls the broker's REST API. Errors become ApiError with a sentence for people: the broker's own
 * message for 4xx (it names what was wrong), a generic one for 5xx (whose details stay in the
 * broker's log), and a sign-in prompt for 401.
 */
export async function api(path, { method = "GET", body, text = false } = {}) {
  const headers = { accept: text ? "text/plain" : "application/json", ...authorization() };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, "Cannot reach the broker: is it running? (" + e.message + ")");
  }
  if (response.status === 401) {
    const wasSignedIn = session.current() !== null;
    session.clear();
    window.dispatchEvent(new CustomEvent("cleave:signed-out", { detail: { expired: wasSignedIn } }));
    throw new ApiError(401, wasSignedIn ? "Your session has ended: sign in again." : "Sign in to see this page.");
  }
  if (!response.ok) {
    throw new ApiError(response.status, await describe(response));
  }
  if (response.status === 204) return null;
  return text ? response.text() : response.json();
}

async function describe(response) {
  if (response.status >= 500) {
    return "The broker could not answer (HTTP " + response.status + "). Try again; its log says why.";
  }
  let message = null;
  try {
    const json = await response.json();
    message = typeof json.error === "string" ? json.error : typeof json.message === "string" ? json.message : null;
  } catch (ignored) {
    // Not JSON: fall back to the status line below rather than showing a raw body.
  }
  if (response.status === 403) return "Not allowed" + (message ? ": " + message : " for your role or organisation.");
  if (response.status === 404) return message || "Not found.";
  return message || "The broker refused the request (HTTP " + response.status + ").";
}
