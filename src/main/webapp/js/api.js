// Shared by every page: calls to the public /api, escaping, a tiny DOM helper and formatting.
// Values from the API (file names, model output) are only ever put into the page as text nodes.

/** An HTTP error carrying the API's {error, status} body. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** Calls the API and returns the parsed JSON (null for an empty body); throws ApiError on 4xx/5xx. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const options = { method, signal, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch('/api/' + path.replace(/^\/+/, ''), options);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The server cannot be reached', null);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' ? json.error : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, json);
  }
  return json;
}

/** Builds a query string from an object; arrays repeat the key, empty values are left out. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
    }
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes a value, for the rare string that must be markup (the pages use text nodes instead). */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ESCAPES[c]);
}

/**
 * Creates an element. attrs: class, text (set as textContent), dataset, on{Event} listeners (functions,
 * attached with addEventListener), boolean/string attributes. Children: nodes or strings (become text nodes).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends nodes or strings (as text) to a parent; null/false children are skipped. */
export function append(parent, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces a node's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, ...children);
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** The last part of a path (either separator). */
export function basename(path) {
  const parts = String(path ?? '').split(/[\\/]/);
  return parts[parts.length - 1] || String(path ?? '');
}

export function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

/** EXIF times are the camera's local time carried with a Z: show them as written, without a zone shift. */
export function formatLocalTime(iso) {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(:\d{2})?)/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : String(iso);
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) { value /= 1024; i++; }
  return `${value.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function formatNumber(n) {
  return Number.isFinite(n) ? n.toLocaleString() : '–';
}

/** A short message in the corner of the screen. */
export function toast(message, kind = 'info') {
  let box = document.querySelector('.toasts');
  if (!box) {
    box = el('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  const item = el('div', { class: `toast ${kind}`, text: message });
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** Puts an error's message into a message element (role=alert) or a toast. */
export function showError(error, target) {
  const message = error instanceof Error ? error.message : String(error);
  if (target) {
    target.className = 'message error';
    target.textContent = message;
  } else {
    toast(message, 'error');
  }
}
