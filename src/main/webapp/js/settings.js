// Settings page: GET /api/settings fills the form, Save sends PUT /api/settings, Test connection POSTs the
// form's server values to /api/settings/vision/test. Every value goes into the page as text.
import { api, $, el, hideWhenReadOnly, replace, showError, toast } from './api.js';

const form = $('#settings');
const message = $('#message');
let loaded = null;

function fill(settings) {
  loaded = settings;
  const { vision, tags, sidecars } = settings;
  $('#api').value = vision.api;
  $('#url').value = vision.url;
  $('#model').value = vision.model;
  $('#concurrency').value = vision.concurrency;
  $('#timeout').value = vision.timeoutSeconds;
  $('#maxDimension').value = vision.maxDimension;
  $('#prompt').value = vision.prompt;
  $('#prompt-kind').textContent = vision.customPrompt ? '(your own)' : '(built in)';
  $('#maxTags').value = tags.max;
  $('#language').value = tags.language;
  $('#synonyms').value = Object.entries(tags.synonyms || {}).map(([from, to]) => `${from} = ${to}`).join('\n');
  $('#sidecars').checked = sidecars.enabled;
  $('#sidecarDir').value = sidecars.dir || '';
  $('#window').value = settings.schedule?.window || '';
}

function number(id) {
  const text = $(id).value.trim();
  return text === '' ? null : Number(text);
}

/** The synonym lines as a map; a line that is not "word = tag" is reported (thrown), never dropped silently. */
function synonyms() {
  const map = {};
  const bad = [];
  $('#synonyms').value.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = line.indexOf('=');
    const from = at > 0 ? line.slice(0, at).trim() : '';
    const to = at > 0 ? line.slice(at + 1).trim() : '';
    if (!from || !to) bad.push(`line ${i + 1} ("${line.trim()}")`);
    else map[from] = to;
  });
  if (bad.length) {
    throw new Error(`Synonyms: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not "word = tag". Fix or remove ${bad.length === 1 ? 'it' : 'them'}, then Save.`);
  }
  return map;
}

/** The form as a PUT body, with only the fields that differ from what was loaded (the rest keep following the configuration). */
function body() {
  const { vision: v, tags: t, sidecars: sc } = loaded;
  const changed = (value, before) => (JSON.stringify(value) === JSON.stringify(before) ? undefined : value);
  const prompt = $('#prompt').value;
  return {
    vision: {
      api: changed($('#api').value, v.api),
      url: changed($('#url').value.trim(), v.url),
      model: changed($('#model').value.trim(), v.model),
      concurrency: changed(number('#concurrency'), v.concurrency),
      timeoutSeconds: changed(number('#timeout'), v.timeoutSeconds),
      maxDimension: changed(number('#maxDimension'), v.maxDimension),
      // The built-in prompt follows the tag count and language: only sent once edited (empty: built in again).
      prompt: v.customPrompt || prompt !== v.prompt ? prompt : undefined,
    },
    tags: {
      max: changed(number('#maxTags'), t.max),
      language: changed($('#language').value.trim(), t.language),
      synonyms: changed(synonyms(), t.synonyms || {}),
    },
    sidecars: { enabled: changed($('#sidecars').checked, sc.enabled), dir: changed($('#sidecarDir').value.trim(), sc.dir || '') },
    schedule: { window: changed($('#window').value.trim(), loaded.schedule?.window || '') },
  };
}

async function load() {
  try {
    fill(await api('settings'));
  } catch (e) {
    showError(e, message);
  }
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const button = $('#save');
  button.disabled = true;
  try {
    const changes = body();
    fill(await api('settings', { method: 'PUT', body: changes }));
    message.className = 'message ok';
    message.textContent = 'Saved. The next image is tagged with these settings.';
  } catch (e) {
    showError(e, message);
  } finally {
    button.disabled = false;
  }
});

$('#default-prompt').addEventListener('click', () => {
  $('#prompt').value = '';
  $('#prompt-kind').textContent = '(built in after saving)';
  loaded = { ...loaded, vision: { ...loaded.vision, customPrompt: true } };
});

$('#reset').addEventListener('click', async () => {
  // eslint-disable-next-line no-alert
  if (!window.confirm('Drop every setting saved here (vision server, prompt, tags, sidecars, window) and go back to the configured values? This cannot be undone.')) return;
  try {
    fill(await api('settings', { method: 'DELETE' }));
    message.className = 'message ok';
    message.textContent = 'Back to the configured values.';
  } catch (e) {
    showError(e, message);
  }
});

$('#test').addEventListener('click', async () => {
  const button = $('#test');
  const result = $('#test-result');
  const list = $('#test-models');
  button.disabled = true;
  result.className = 'test-result';
  result.textContent = 'Testing…';
  replace(list);
  try {
    const test = await api('settings/vision/test', {
      method: 'POST',
      body: { api: $('#api').value, url: $('#url').value, model: $('#model').value },
    });
    result.className = 'test-result ' + (test.ok ? 'ok' : 'error');
    result.textContent = test.ok
      ? `Connected in ${test.latencyMs} ms; model ${test.model} is there.`
      : `${test.error} (${test.latencyMs} ms)`;
    replace(list, ...test.models.map(name => el('li', {},
      el('button', { type: 'button', class: 'small', text: name, onClick: () => { $('#model').value = name; } }))));
    replace($('#models'), ...test.models.map(name => el('option', { value: name })));
  } catch (e) {
    result.className = 'test-result error';
    result.textContent = e.message;
    if (e.status === 403) toast('The read-only token cannot change settings', 'error');
  } finally {
    button.disabled = false;
  }
});

load();
hideWhenReadOnly();
