// Admin console: batch executions with live progress (SSE, else polling), controls, metrics, failures.
import {
  $, ApiError, api, basename, el, formatDate, formatDuration, formatNumber, hideWhenReadOnly, query, replace,
  sessionAccess, showError
} from './api.js';

const RUNNING = new Set(['STARTING', 'STARTED', 'STOPPING']);
const RESTARTABLE = new Set(['STOPPED', 'FAILED']);
const METRICS = ['READ_COUNT', 'WRITE_COUNT', 'COMMIT_COUNT', 'ROLLBACK_COUNT', 'PROCESS_SKIP_COUNT',
  'READ_SKIP_COUNT', 'WRITE_SKIP_COUNT', 'FILTER_COUNT'];
const POLL_MILLIS = 2000;

const cards = new Map(); // executionId -> card element
const throughput = new Map(); // executionId -> images/s samples seen while it ran
const SAMPLES = 90;
let folders = new Map();
let canWrite = true;
let visionWait = null; // what model requests wait for while the vision server fails (GET /api/vision/schedule)

// ---------- catalog numbers ----------

async function loadStats() {
  try {
    const s = await api('stats');
    const stat = (value, label) => el('div', { class: 'stat' },
      el('div', { class: 'value', text: formatNumber(value) }), el('div', { class: 'label', text: label }));
    replace($('#stats'), stat(s.images, 'images'), stat(s.tagged, 'tagged'), stat(s.pending, 'pending'),
      stat(s.failed, 'failed'), stat(s.tags, 'tags'), stat(s.folders, 'folders'), stat(s.runningJobs, 'running jobs'));
  } catch {
    // the executions below still work without the numbers
  }
}

async function loadFolders() {
  try {
    folders = new Map((await api('folders')).map(f => [String(f.id), f.path]));
  } catch {
    folders = new Map();
  }
}

let learning = null;
/** A folder added after the page loaded: fetch the paths again (at most every 5 s) and redraw the cards. */
function learnFolders() {
  learning ??= loadFolders()
    .then(() => { for (const card of cards.values()) if (card.execution) updateCard(card, card.execution); })
    .finally(() => setTimeout(() => { learning = null; }, 5000));
}

// ---------- when model requests are sent: processing window and pause (GET /api/vision/schedule) ----------

function localClock(text) {
  // "2026-12-01T22:00:00" in the server's time zone, shown as written
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(text ?? '');
  return m ? `${m[1]} ${m[2]}` : String(text ?? '');
}

function renderSchedule(s) {
  const section = $('#schedule');
  const badge = $('#schedule-state');
  const state = s.open ? 'sending' : s.paused ? 'paused' : 'waiting';
  section.dataset.state = state;
  badge.className = `badge ${s.open ? 'on' : s.paused ? 'STOPPED' : 'STARTED'}`;
  badge.textContent = s.open ? 'Sending' : s.paused ? 'Paused' : 'Waiting for the window';
  let text;
  if (s.paused) {
    text = 'Paused by an operator: no model request is sent on any instance until Resume all. Scans wait; the watcher keeps cataloguing.';
  } else if (s.problem) {
    text = s.problem;
  } else if (!s.open) {
    text = `Outside the processing window ${s.window} (server time, ${s.serverTimeZone}): scans wait until ${localClock(s.opensAtLocal)}`
      + ` (${formatDate(s.opensAt)} here).`;
  } else if (s.window) {
    text = `Inside the processing window ${s.window} (server time); it closes at ${localClock(s.closesAtLocal)}.`;
  } else {
    text = 'No processing window: requests are sent at any time.';
  }
  if (s.waitingRequests > 0) text += ` ${s.waitingRequests} request${s.waitingRequests === 1 ? '' : 's'} waiting.`;
  if (s.visionWait) {
    badge.className = 'badge STOPPED';
    badge.textContent = 'Retrying';
    text += ` Waiting: ${s.visionWait.text}.`;
  }
  $('#schedule-detail').textContent = text;
  const changed = (s.visionWait?.text ?? null) !== (visionWait?.text ?? null);
  visionWait = s.visionWait ?? null;
  if (changed) for (const card of cards.values()) if (card.execution && RUNNING.has(card.execution.status)) updateCard(card, card.execution);
  $('#pause-all').disabled = s.paused;
  $('#resume-all').disabled = !s.paused;
}

async function loadSchedule() {
  try {
    renderSchedule(await api('vision/schedule'));
  } catch (e) {
    showError(e, $('#schedule-message'));
  }
}

async function pauseOrResume(verb) {
  const message = $('#schedule-message');
  message.textContent = '';
  message.className = 'message';
  try {
    renderSchedule(await api(`vision/${verb}`, { method: 'POST' }));
    message.className = 'message ok';
    message.textContent = verb === 'pause' ? 'Paused: running scans wait.' : 'Resumed.';
  } catch (e) {
    showError(e, message);
  }
}

async function loadMediaKinds() {
  try {
    const { kinds } = await api('media');
    const names = { photo: 'Photos', heif: 'HEIC/HEIF', avif: 'AVIF', raw: 'RAW previews', video: 'Videos' };
    replace($('#media-kinds'), 'Media: ', kinds.flatMap((kind, i) => [
      i ? ' · ' : null,
      el('span', {
        class: kind.available ? 'kind available' : 'kind missing', dataset: { kind: kind.kind },
        title: kind.available ? kind.extensions.join(', ') : `missing ${kind.missing}`,
        text: `${names[kind.kind] ?? kind.kind} ${kind.available ? '✓' : `✗ (install ${kind.missing})`}`
      })
    ]));
  } catch {
    // optional information
  }
}

// ---------- execution list ----------

async function loadExecutions() {
  try {
    const executions = await api('jobs' + query({ limit: 50 }));
    $('#jobs-error').textContent = '';
    const list = $('#executions');
    if (!executions.length) {
      cards.clear();
      replace(list, el('p', { class: 'panel empty', text: 'No executions yet. Scan a folder on the Folders page.' }));
      return;
    }
    list.querySelector('.empty, .loading')?.remove();
    const keep = new Set();
    executions.forEach(execution => {
      keep.add(execution.executionId);
      upsert(execution, false);
    });
    // Order newest first, as the API returns them.
    for (const execution of executions) list.append(cards.get(execution.executionId));
    for (const [id, card] of cards) {
      if (!keep.has(id)) { card.remove(); cards.delete(id); }
    }
  } catch (e) {
    showError(e, $('#jobs-error'));
  }
}

function upsert(execution, prepend = true) {
  let card = cards.get(execution.executionId);
  if (!card) {
    card = createCard(execution);
    cards.set(execution.executionId, card);
    const list = $('#executions');
    list.querySelector('.empty, .loading')?.remove();
    if (prepend) list.prepend(card); else list.append(card);
  }
  updateCard(card, execution);
}

function folderOf(execution) {
  return execution.parameters?.folderId ?? null;
}

function createCard(execution) {
  const id = execution.executionId;
  const message = el('div', { class: 'message', role: 'status' });
  const failedList = el('div', {});
  const failedDetails = el('details', { class: 'failed' },
    el('summary', { text: 'Failed images of this folder' }), failedList);
  failedDetails.addEventListener('toggle', () => { if (failedDetails.open) loadFailed(execution, failedList, message); });
  const bar = el('div', {});
  const card = el('article', { class: 'panel exec', dataset: { id } },
    el('div', { class: 'head' }),
    el('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': `Progress of execution ${id}` }, bar),
    el('div', { class: 'numbers' }),
    el('canvas', { class: 'spark hidden', width: 240, height: 40, role: 'img', 'aria-label': 'Throughput (images/s) during this run' }),
    el('div', { class: 'current' }),
    el('div', { class: 'exit' }),
    el('details', { class: 'metrics' }, el('summary', { text: 'Step metrics' }), el('div', { class: 'metrics-body' })),
    folderOf(execution) ? failedDetails : null,
    message);
  card.say = (text, ok = true) => { message.className = ok ? 'message ok' : 'message error'; replace(message, text); };
  return card;
}

function action(card, execution, verb, label, danger = false) {
  return el('button', {
    type: 'button', class: danger ? 'small danger' : 'small', dataset: { action: verb },
    onClick: async event => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const result = await api(`jobs/${execution.executionId}/${verb}`, { method: 'POST' });
        if (verb === 'restart') {
          card.say(`Restarted as execution #${result.executionId}.`);
          upsert(result);
          // The restarted execution cannot be restarted again: redraw its card without the button.
          api(`jobs/${execution.executionId}`).then(fresh => upsert(fresh, false)).catch(() => null);
        } else {
          card.say(verb === 'stop' ? 'Stopping after the current chunk…' : 'Abandoned.');
          upsert(result, false);
        }
      } catch (e) {
        showError(e, card.querySelector('.message'));
        button.disabled = false;
      }
    }
  }, label);
}

/** Whether x is older than what the card shows: a list fetched before the last event may arrive after it. */
function isStale(card, x) {
  const shown = card.execution;
  if (!shown || shown.executionId !== x.executionId || !RUNNING.has(x.status)) return false;
  return !RUNNING.has(shown.status) || (x.progress?.done ?? 0) < (shown.progress?.done ?? 0);
}

function updateCard(card, x) {
  if (isStale(card, x)) return;
  card.execution = x;
  const p = x.progress ?? {};
  const running = RUNNING.has(x.status);
  const folderId = folderOf(x);
  const folderPath = folderId ? folders.get(String(folderId)) : null;
  if (folderId && !folderPath) learnFolders();
  const mode = x.parameters?.mode;
  // A restarted execution is not restarted again (the API would refuse: "not the most recent execution").
  const restartable = x.restartable ?? RESTARTABLE.has(x.status);
  replace(card.querySelector('.head'),
    el('span', { class: 'title', text: `#${x.executionId} ${x.description ?? x.jobName}` }),
    el('span', { class: `badge ${x.status}`, text: x.status }),
    folderPath ? el('span', { class: 'mono', text: folderPath }) : (folderId ? el('span', { class: 'muted', text: `folder ${folderId}` }) : null),
    mode ? el('span', { class: 'badge', text: `mode ${mode}` }) : null,
    x.parameters?.role === 'join' ? el('span', { class: 'badge', text: 'joined' }) : null,
    x.instance ? el('span', { class: 'muted', text: `on ${x.instance}` }) : null,
    el('span', { class: 'spacer' }),
    el('span', { class: 'muted', text: formatDate(x.startTime ?? x.createTime) }),
    canWrite && running && x.status !== 'STOPPING' ? action(card, x, 'stop', 'Stop') : null,
    canWrite && restartable ? action(card, x, 'restart', 'Restart') : null,
    canWrite && RESTARTABLE.has(x.status) ? action(card, x, 'abandon', 'Abandon', true) : null,
    canWrite && folderId && !running && (p.failed ?? 0) > 0 ? retryFailed(card, folderId) : null);

  const percent = Math.max(0, Math.min(100, Number(p.percent) || (x.status === 'COMPLETED' ? 100 : 0)));
  const progress = card.querySelector('.progress');
  progress.className = `progress ${x.status}`;
  progress.setAttribute('aria-valuenow', String(Math.round(percent)));
  progress.firstElementChild.style.width = `${percent}%`;

  const n = (label, value) => el('span', {}, label, ' ', el('b', { text: value }));
  const duration = x.startTime ? ((x.endTime ? new Date(x.endTime) : new Date()) - new Date(x.startTime)) / 1000 : null;
  replace(card.querySelector('.numbers'),
    n('done', `${formatNumber(p.done ?? 0)} / ${formatNumber(p.total ?? 0)} (${Math.round(percent)}%)`),
    n('tagged', formatNumber(p.tagged ?? 0)),
    n('failed', formatNumber(p.failed ?? 0)),
    n('skipped', formatNumber(p.skipped ?? 0)),
    n('images/s', Number.isFinite(p.imagesPerSecond) ? p.imagesPerSecond.toFixed(2) : '–'),
    running ? n('ETA', formatDuration(p.etaSeconds)) : n('took', formatDuration(duration)));
  drawThroughput(card, x, running);
  // A running scan that waits for the vision server says what for, in words.
  card.querySelector('.current').textContent = running && visionWait ? `Waiting: ${visionWait.text}`
    : running && p.currentPath ? `Now: ${p.currentPath}` : '';
  card.querySelector('.current').classList.toggle('waiting', Boolean(running && visionWait));
  const exit = card.querySelector('.exit');
  exit.textContent = x.exitStatus && x.exitStatus !== x.status && x.exitStatus !== 'COMPLETED' ? inWords(x.exitStatus) : '';

  // The planning step (tagImages.plan) reads no items: its metrics would only be zeros.
  const steps = (x.steps ?? []).filter(s => !s.stepName.endsWith('.plan'));
  const names = METRICS.filter(m => steps.some(s => s.metrics && m in s.metrics));
  replace(card.querySelector('.metrics-body'), steps.length ? el('table', { class: 'metrics' },
    el('thead', {}, el('tr', {}, el('th', { text: 'step' }), el('th', { text: 'status' }),
      names.map(m => el('th', { text: m.replace(/_COUNT$/, '').replace(/_/g, ' ').toLowerCase() })))),
    el('tbody', {}, steps.map(s => el('tr', { dataset: { step: s.stepName } },
      el('td', { text: s.stepName }), el('td', { text: s.status }),
      names.map(m => el('td', { dataset: { metric: m }, text: formatNumber(s.metrics?.[m] ?? 0) }))))))
    : el('p', { class: 'muted', text: 'No step has run yet.' }));
}

/** An exit status as people read it: Java class names ("org.x.VisionUnavailableException: ") are left out. */
export function inWords(text) {
  return String(text).replace(/\b(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b:?\s*/g, '').trim() || String(text);
}

/** A small line of images/s over the samples this page saw while the execution ran. */
function drawThroughput(card, x, running) {
  let samples = throughput.get(x.executionId);
  const rate = x.progress?.imagesPerSecond;
  if (running && Number.isFinite(rate)) {
    if (!samples) throughput.set(x.executionId, samples = []);
    samples.push(rate);
    if (samples.length > SAMPLES) samples.shift();
  }
  const canvas = card.querySelector('canvas.spark');
  canvas.classList.toggle('hidden', !samples || samples.length < 2);
  if (!samples || samples.length < 2) return;
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  const max = Math.max(...samples, 0.001);
  ctx.clearRect(0, 0, width, height);
  ctx.strokeStyle = getComputedStyle(canvas).color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  samples.forEach((v, i) => {
    const px = (i / (SAMPLES - 1)) * width;
    const py = height - 2 - (v / max) * (height - 4);
    if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
  });
  ctx.stroke();
  canvas.title = `peak ${max.toFixed(2)} images/s`;
}

function retryFailed(card, folderId) {
  return el('button', {
    type: 'button', class: 'small', dataset: { action: 'retry-failed' },
    onClick: async event => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const execution = await api(`folders/${folderId}/scan`, { method: 'POST', body: { mode: 'failed' } });
        card.say(`Retrying the failed images as execution #${execution.executionId}.`);
        upsert(execution);
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) card.say(e.message, false);
        else showError(e, card.querySelector('.message'));
        button.disabled = false;
      }
    }
  }, 'Retry failed');
}

async function loadFailed(execution, target, message) {
  const folderId = folderOf(execution);
  replace(target, el('p', { class: 'loading', text: 'Loading…' }));
  try {
    const page = await api('images' + query({ folderId, status: 'FAILED', size: 50, sort: 'path' }));
    if (!page.items.length) {
      replace(target, el('p', { class: 'muted', text: 'No failed images in this folder.' }));
      return;
    }
    const details = await Promise.all(page.items.map(i => api(`images/${i.id}`).catch(() => i)));
    replace(target,
      el('ul', { class: 'failed-list' }, details.map(image => el('li', { dataset: { id: image.id } },
        el('span', { class: 'file mono', text: image.path }),
        el('span', { class: 'reason', text: image.error || 'no reason recorded' })))),
      page.total > page.items.length
        ? el('p', {}, el('a', { href: './' + query({ folderId, status: 'FAILED' }), text: `all ${page.total} failed images` }))
        : null,
      canWrite ? el('div', { class: 'actions' }, retryFailed(cards.get(execution.executionId), folderId)) : null);
  } catch (e) {
    showError(e, message);
    replace(target);
  }
}

// ---------- live updates ----------

let pollTimer = null;
let source = null;

function setLive(kind, text) {
  const live = $('#live');
  live.className = `live ${kind}`;
  live.textContent = text;
}

function startPolling() {
  if (pollTimer) return;
  setLive('poll', `updating every ${POLL_MILLIS / 1000} s`);
  pollTimer = setInterval(() => { if (!document.hidden) refresh(); }, POLL_MILLIS);
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

function connect() {
  if (typeof EventSource === 'undefined') { startPolling(); return; }
  source = new EventSource('/api/jobs/events');
  source.addEventListener('open', () => {
    stopPolling();
    setLive('sse', 'live');
    refresh();
  });
  source.addEventListener('job', event => {
    try {
      const execution = JSON.parse(event.data);
      const known = cards.has(execution.executionId);
      upsert(execution, true);
      if (!known || !RUNNING.has(execution.status)) loadStats();
    } catch {
      // a malformed event is ignored; the next one or a refresh repairs the view
    }
  });
  source.addEventListener('error', () => {
    // No stream (endpoint missing, proxy, server restart): poll, and try the stream again later.
    source.close();
    source = null;
    startPolling();
    setTimeout(connect, 30_000);
  });
}

async function refresh() {
  await loadExecutions();
  loadStats();
}

$('#pause-all').addEventListener('click', () => pauseOrResume('pause'));
$('#resume-all').addEventListener('click', () => pauseOrResume('resume'));
loadSchedule();
loadMediaKinds();
setInterval(() => { if (!document.hidden) loadSchedule(); }, POLL_MILLIS);

canWrite = (await sessionAccess()).canWrite;
hideWhenReadOnly();
await loadFolders();
await refresh();
connect();
// Times and "took" durations move on; a slow full refresh also picks up executions the stream missed.
setInterval(() => { if (!document.hidden && !pollTimer) refresh(); }, 15_000);
