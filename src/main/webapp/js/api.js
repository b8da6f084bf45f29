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

// ---------- the API token (tagger.auth.token), asked for once per browser ----------

// In localStorage, shared by every tab of this origin: a new tab does not ask again (the HttpOnly session cookie
// only lets <img> and EventSource through; API calls need the header, so the token itself must be at hand).
const TOKEN_KEY = 'tagger.token';
let login = null; // the pending login while the dialog is open, shared by every call that got a 401

function storedToken() {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function storeToken(token) {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token); else localStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage blocked: the token lives as long as the page
  }
  memoryToken = token;
}
let memoryToken = storedToken();

// Signed out (or in with another token) in another tab: this tab follows.
window.addEventListener('storage', e => {
  if (e.key === TOKEN_KEY && e.newValue !== memoryToken && !login) location.reload();
});

/**
 * Exchanges the token for the HttpOnly session cookie that lets <img> thumbnails and the EventSource of job
 * events through (they cannot send a header). Resolves to the response status (0: server unreachable).
 */
async function openSession(token) {
  try {
    const response = await fetch('/api/session', {
      method: 'POST', credentials: 'same-origin',
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` }
    });
    return response.status;
  } catch {
    return 0;
  }
}

// A stored token gets a fresh cookie on every page load (the server may have restarted); calls wait for it.
const ready = memoryToken
  ? openSession(memoryToken).then(status => { if (status === 401) storeToken(null); else showSignOut(); })
  : Promise.resolve();

/** Shows the token dialog until a token is accepted by POST /api/session. */
function askForToken(reason) {
  login ??= new Promise(resolve => {
    const message = el('p', { class: 'message', id: 'login-message', role: 'alert', text: reason });
    const input = el('input', {
      type: 'password', id: 'login-token', name: 'token', required: true, autocomplete: 'current-password',
      spellcheck: 'false', 'aria-describedby': 'login-message'
    });
    const form = el('form', { method: 'dialog', id: 'login-form' },
      el('h2', { id: 'login-title', text: 'Sign in' }),
      el('p', { class: 'muted', text: 'This server needs its API token (TAGGER_AUTH_TOKEN, or the read-only token). It is kept in this browser, for every tab, until you sign out.' }),
      el('label', { for: 'login-token', text: 'API token' }), input, message,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'login-submit', text: 'Sign in' })));
    const dialog = el('dialog', { class: 'login', id: 'login', 'aria-labelledby': 'login-title' }, form);
    // Nothing works without the token, so the dialog cannot be dismissed with Escape. Chromium closes a modal
    // dialog on a second Escape anyway (no user activation between them): it opens again at once, instead of
    // leaving the page on "Loading…".
    let signedIn = false;
    dialog.addEventListener('cancel', e => e.preventDefault());
    dialog.addEventListener('close', () => {
      if (signedIn || !dialog.isConnected) return;
      dialog.showModal();
      message.className = 'message';
      message.textContent = 'The pages need the token to show anything: enter it, then Sign in.';
      input.focus();
    });
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const token = input.value.trim();
      if (!token) return;
      form.querySelector('button').disabled = true;
      const status = await openSession(token);
      form.querySelector('button').disabled = false;
      if (status >= 200 && status < 300) {
        storeToken(token);
        showSignOut();
        signedIn = true;
        dialog.close();
        dialog.remove();
        login = null;
        resolve();
      } else {
        message.className = 'message error';
        message.textContent = status === 401 ? 'This token is not valid.'
          : status === 0 ? 'The server cannot be reached.' : `The server answered ${status}.`;
        input.select();
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
  return login;
}

/** Forgets the token and the session cookie of this browser tab, then shows the page anew (asking again). */
async function signOut() {
  const token = memoryToken;
  storeToken(null);
  if (token) {
    await fetch('/api/session', { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
  }
  location.reload();
}

/** A "Sign out" button in the top bar while this tab holds a token. */
function showSignOut() {
  const nav = document.querySelector('.topbar nav');
  if (!nav || !memoryToken || document.getElementById('sign-out')) return;
  nav.append(el('button', { type: 'button', class: 'small', id: 'sign-out', onClick: signOut, text: 'Sign out' }));
}

let access = null;

/**
 * What this session may do: {access: 'full' | 'read-only', canWrite}. Pages show edit buttons only when canWrite.
 * Asked once per page; a server that cannot say is taken as writable (it refuses what is not allowed anyway).
 */
export function sessionAccess() {
  access ??= api('session').then(body => ({ access: body?.access ?? 'full', canWrite: body?.canWrite !== false }))
    .catch(() => ({ access: 'unknown', canWrite: true }));
  return access;
}

/** Hides (and disables) every element marked data-needs-write when the session may only read. */
export async function hideWhenReadOnly(root = document) {
  const { canWrite } = await sessionAccess();
  document.documentElement.classList.toggle('read-only', !canWrite);
  if (canWrite) return;
  for (const node of root.querySelectorAll('[data-needs-write]')) {
    node.hidden = true;
    if ('disabled' in node) node.disabled = true;
  }
}

/** Resolves once a stored token has its session cookie, so thumbnails and event streams can load. */
export function sessionReady() {
  return ready;
}

/**
 * Calls the API and returns the parsed JSON (null for an empty body); throws ApiError on 4xx/5xx. A 401
 * asks for the token and sends the call again.
 */
export async function api(path, { method = 'GET', body, signal } = {}) {
  await ready;
  for (;;) {
    const options = { method, signal, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const token = memoryToken;
    if (token) options.headers.Authorization = `Bearer ${token}`;
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
    if (response.status === 401) {
      if (token && token === memoryToken) storeToken(null);
      await askForToken(token ? 'The token is no longer accepted; enter it again.' : 'Enter the API token to continue.');
      continue;
    }
    if (!response.ok) {
      const message = json && typeof json.error === 'string' ? json.error : `${response.status} ${response.statusText}`;
      throw new ApiError(response.status, message, json);
    }
    return json;
  }
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
