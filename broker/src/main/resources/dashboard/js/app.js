// The dashboard shell: routes "#/page/arg?query" to an htmx-loaded page fragment and its module.
import { session } from "./session.js";
import { clearStaleFlash, el, flash } from "./dom.js";
import * as signin from "./pages/signin.js";
import * as overview from "./pages/overview.js";
import * as organisations from "./pages/organisations.js";
import * as providers from "./pages/providers.js";
import * as datasets from "./pages/datasets.js";
import * as jobs from "./pages/jobs.js";
import * as job from "./pages/job.js";
import * as audit from "./pages/audit.js";
import * as users from "./pages/users.js";

const pages = { signin, overview, organisations, providers, datasets, jobs, job, audit, users };
let stopCurrent = () => {};

function parseRoute() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const [name, ...args] = path.split("/").map(decodeURIComponent);
  const page = name === "jobs" && args.length ? "job" : name;
  return { name: page || "overview", args, query: new URLSearchParams(query || "") };
}

async function route() {
  stopCurrent();
  stopCurrent = () => {};
  const r = parseRoute();
  const signedIn = session.open || (session.current() !== null && !session.current().passwordChangeRequired);
  if (!signedIn && r.name !== "signin") {
    location.hash = "#/signin";
    return;
  }
  const page = pages[r.name] ? r.name : "overview";
  clearStaleFlash();
  renderChrome(page);
  await htmx.ajax("GET", "pages/" + page + ".html", { target: "#page", swap: "innerHTML" });
  document.title = (document.querySelector("#page h1")?.textContent || "Dashboard") + " \u00b7 Cleave broker";
  // Each visit gets its own root: requests still in flight when the user moves on then write into
  // the detached old root, never into the next page.
  const container = document.getElementById("page");
  const root = el("div", { class: "page-" + page });
  root.append(...container.childNodes);
  container.append(root);
  const stop = await pages[page].start(root, r);
  if (typeof stop === "function") stopCurrent = stop;
}

function renderChrome(page) {
  const nav = document.getElementById("nav");
  const signedIn = session.open || session.current() !== null;
  nav.hidden = !signedIn || page === "signin";
  nav.querySelectorAll("a").forEach(a => a.classList.toggle("current", a.dataset.page === page
    || (page === "job" && a.dataset.page === "jobs")));
  document.getElementById("nav-users").hidden = session.open || !session.can("BROKER_ADMIN", "ORG_ADMIN");
  const who = document.getElementById("who");
  const s = session.current();
  if (s) {
    who.replaceChildren(
      el("span", { id: "signed-in-as", text: s.username + (s.organisation ? " @ " + s.organisation : "")
        + " (" + s.roles.join(", ") + ")" }),
      el("button", { id: "sign-out", text: "Sign out", on: { click: signOut } }));
  } else {
    who.replaceChildren(session.open ? el("span", { class: "warn", text: "open API: this broker asks no sign-in" }) : "");
  }
}

function signOut() {
  session.clear();
  flash("Signed out.");
  if (location.hash === "#/signin") route();
  else location.hash = "#/signin";
}

window.addEventListener("cleave:signed-out", event => {
  if (event.detail.expired) flash("Your session has ended: sign in again.", "error");
  if (!location.hash.startsWith("#/signin")) location.hash = "#/signin";
});

async function detectOpenApi() {
  if (session.current() !== null) return;
  try {
    const response = await fetch("/api/system", { headers: { accept: "application/json" } });
    session.open = response.ok;
  } catch (ignored) {
    session.open = false;
  }
}

window.addEventListener("hashchange", route);
detectOpenApi().then(route);
