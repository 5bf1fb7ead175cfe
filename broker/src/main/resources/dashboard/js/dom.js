// DOM helpers. Every text goes in through textContent, never as HTML, so names, details and
// server messages cannot inject markup.
export const DASH = "\u2014";

/** el("td", {class: "num", text: "3", on: {click: f}, attrs: {colspan: 2}}, child, ...) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.className = value;
    else if (key === "on") for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (key === "attrs") for (const [name, v] of Object.entries(value)) node.setAttribute(name, v);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The first of the given fields that the object has (fields other branches may add later). */
export function pick(object, ...names) {
  for (const name of names) {
    const value = name.split(".").reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), object);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/**
 * Renders rows into a table: columns are {title, value: row => text or Node, cls?: row => class}.
 * An empty list shows the given sentence instead of a bare header.
 */
export function renderTable(table, columns, rows, emptyText) {
  table.replaceChildren();
  const head = el("tr", {}, columns.map(c => el("th", { text: c.title })));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  if (rows.length === 0) {
    body.append(el("tr", {}, el("td", { class: "empty", colSpan: columns.length, text: emptyText })));
  }
  for (const row of rows) {
    body.append(el("tr", {}, columns.map(c => {
      const value = c.value(row);
      const td = el("td", { class: c.cls ? c.cls(row) : undefined });
      td.append(value instanceof Node ? value : document.createTextNode(
        value === undefined || value === null || value === "" ? DASH : String(value)));
      return td;
    })));
  }
  table.append(body);
}

export function showError(container, error) {
  container.replaceChildren(el("p", { class: "error", text: error.message || String(error) }));
}

export function time(iso) {
  if (!iso) return DASH;
  const date = new Date(iso);
  return isNaN(date) ? DASH : date.toLocaleString();
}

export function age(ms) {
  if (ms === undefined || ms === null) return DASH;
  if (ms < 1000) return ms + " ms";
  if (ms < 120000) return Math.round(ms / 1000) + " s";
  if (ms < 7200000) return Math.round(ms / 60000) + " min";
  return Math.round(ms / 3600000) + " h";
}

export function bytes(n) {
  if (n === undefined || n === null) return DASH;
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
}

/** Marks a form field invalid with a message next to it; returns false for chaining in validation. */
export function invalid(input, message) {
  input.setAttribute("aria-invalid", "true");
  const note = el("span", { class: "field-error", text: message });
  input.closest("label").append(note);
  return false;
}

export function clearInvalid(form) {
  form.querySelectorAll("[aria-invalid]").forEach(i => i.removeAttribute("aria-invalid"));
  form.querySelectorAll(".field-error").forEach(n => n.remove());
}

/** A link into the dashboard's own routes. */
export function link(hash, text) {
  return el("a", { href: hash, text });
}

/** A short message above the page; kind "error" for failures. */
export function flash(message, kind = "ok") {
  const box = document.getElementById("flash");
  box.textContent = message;
  box.className = "flash" + (kind === "error" ? " error" : "");
  box.hidden = false;
  flash.shownAt = Date.now();
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => { box.hidden = true; }, 6000);
}


/** Hides a message left over from an earlier page; one shown just now (by the action that moved here) stays. */
export function clearStaleFlash() {
  if (!flash.shownAt || Date.now() - flash.shownAt > 1000) hideFlash();
}

export function hideFlash() {
  document.getElementById("flash").hidden = true;
}
