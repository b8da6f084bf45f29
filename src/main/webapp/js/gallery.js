// Gallery: search, tag filters, infinite thumbnail grid, tag cloud and the detail dialog.
import {
  $, api, append, basename, el, formatBytes, formatDate, formatLocalTime, query, replace, showError, toast
} from './api.js';
import { showSimilar } from './similar.js';

const PAGE_SIZE = 60;
const MODES = ['all', 'any', 'not'];
const MODE_PARAM = { all: 'tag', any: 'anyTag', not: 'notTag' };
const MODE_LABEL = { all: 'has', any: 'any', not: 'not' };
// Without a thumbnail, small originals are shown instead; large ones get a placeholder.
const MAX_FALLBACK_PIXELS = 4_000_000;

const state = { q: '', tags: [], folderId: '', status: '', sort: '', takenFrom: '', takenTo: '' };
const results = { items: [], total: 0, page: -1, loading: false, generation: 0 };
let folderNames = new Map();

// ---------- search state <-> URL ----------

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.q = p.get('q') ?? '';
  state.folderId = p.get('folderId') ?? '';
  state.status = p.get('status') ?? '';
  state.sort = p.get('sort') ?? '';
  state.takenFrom = p.get('takenFrom') ?? '';
  state.takenTo = p.get('takenTo') ?? '';
  state.tags = [];
  for (const mode of MODES) {
    for (const name of p.getAll(MODE_PARAM[mode])) state.tags.push({ name, mode });
  }
}

function params() {
  const p = {
    q: state.q.trim(), folderId: state.folderId, status: state.status, sort: state.sort,
    takenFrom: state.takenFrom, takenTo: state.takenTo
  };
  for (const mode of MODES) p[MODE_PARAM[mode]] = state.tags.filter(t => t.mode === mode).map(t => t.name);
  return p;
}

function writeUrl() {
  history.replaceState(null, '', location.pathname + query(params()));
}

function syncForm() {
  $('#q').value = state.q;
  $('#folder').value = state.folderId;
  $('#status').value = state.status;
  $('#sort').value = state.sort;
  $('#taken-from').value = state.takenFrom;
  $('#taken-to').value = state.takenTo;
  renderChips();
}

// ---------- tag filter chips ----------

function renderChips() {
  replace($('#chips'), state.tags.map((tag, i) => el('span', { class: `chip ${tag.mode}`, dataset: { tag: tag.name, mode: tag.mode } },
    el('button', {
      type: 'button', class: 'mode', title: 'Change how this tag filters (has / any / not)',
      'aria-label': `Filter mode for ${tag.name}: ${MODE_LABEL[tag.mode]}. Change`,
      onClick: () => { tag.mode = MODES[(MODES.indexOf(tag.mode) + 1) % MODES.length]; search(); }
    }, MODE_LABEL[tag.mode]),
    el('span', { class: 'name', text: tag.name }),
    el('button', {
      type: 'button', 'aria-label': `Remove tag filter ${tag.name}`,
      onClick: () => { state.tags.splice(i, 1); search(); }
    }, '×'))));
}

function addTagFilter(name, mode) {
  const clean = name.trim().toLowerCase();
  if (!clean) return;
  const existing = state.tags.find(t => t.name === clean);
  if (existing) existing.mode = mode; else state.tags.push({ name: clean, mode });
  search();
}

// ---------- autocomplete (shared datalist) ----------

let suggestTimer;
let suggestAbort;
function suggest(prefix) {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    suggestAbort?.abort();
    suggestAbort = new AbortController();
    try {
      const tags = await api('tags' + query({ prefix: prefix.trim().toLowerCase(), limit: 12 }), { signal: suggestAbort.signal });
      replace($('#tag-suggestions'), tags.map(t => el('option', { value: t.name, label: `${t.name} (${t.count})` })));
    } catch (e) {
      if (e.name !== 'AbortError') replace($('#tag-suggestions'));
    }
  }, 150);
}

// ---------- results grid ----------

function search() {
  writeUrl();
  renderChips();
  results.generation++;
  results.items = [];
  results.total = 0;
  results.page = -1;
  results.loading = false;
  replace($('#grid'));
  $('#grid-error').textContent = '';
  $('#count').textContent = '';
  loadMore();
}

async function loadMore() {
  if (results.loading || (results.page >= 0 && results.items.length >= results.total)) return;
  const generation = results.generation;
  results.loading = true;
  $('#loading').classList.remove('hidden');
  try {
    const page = await api('images' + query({ ...params(), page: results.page + 1, size: PAGE_SIZE }));
    if (generation !== results.generation) return;
    results.page = page.page;
    results.total = page.total;
    const start = results.items.length;
    results.items.push(...page.items);
    append($('#grid'), page.items.map((image, i) => card(image, start + i)));
    renderCount();
  } catch (e) {
    if (generation === results.generation) showError(e, $('#grid-error'));
    return;
  } finally {
    if (generation === results.generation) {
      results.loading = false;
      $('#loading').classList.add('hidden');
    }
  }
  if (generation === results.generation && sentinelNearby()) loadMore();
}

function renderCount() {
  const total = results.total;
  $('#count').textContent = total === 1 ? '1 image' : `${total.toLocaleString()} images`;
  if (total === 0) {
    replace($('#grid'), el('p', { class: 'empty', text: 'No images match. Add a folder on the Folders page, or loosen the filters.' }));
  }
}

function sentinelNearby() {
  return $('#sentinel').getBoundingClientRect().top < window.innerHeight + 800;
}

// Files a browser cannot show as a picture: the detail view shows the large thumbnail instead.
const NOT_FOR_BROWSERS = /\.(heic|heif|hif|cr2|nef|arw|dng|orf|raf)$/i;

function isVideo(image) {
  return image.kind === 'video';
}

function clipLength(seconds) {
  if (!Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

function thumbnail(image, size, alt) {
  const img = el('img', { src: `${image.thumbnailUrl}?size=${size}`, alt, loading: 'lazy', decoding: 'async' });
  img.addEventListener('error', () => {
    const small = image.width && image.height && image.width * image.height <= MAX_FALLBACK_PIXELS
      && !isVideo(image) && !NOT_FOR_BROWSERS.test(image.path);
    if (small && !img.dataset.fallback) {
      img.dataset.fallback = 'file';
      img.src = `/api/images/${image.id}/file`;
    } else {
      img.replaceWith(el('div', { class: 'placeholder', title: 'No preview' }, el('img', { src: 'img/placeholder.svg', alt: alt })));
    }
  });
  return img;
}

function card(image, index) {
  const name = basename(image.path);
  return el('button', {
    type: 'button', class: 'card', dataset: { id: image.id }, title: name,
    'aria-label': `Open ${isVideo(image) ? 'video ' : ''}${name}`, onClick: () => openDetail(index)
  },
  thumbnail(image, 256, image.description || name),
  isVideo(image) ? el('span', { class: 'play', 'aria-hidden': 'true', text: '▶' }) : null,
  isVideo(image) && Number.isFinite(image.durationSeconds)
    ? el('span', { class: 'duration', text: clipLength(image.durationSeconds) }) : null,
  image.status !== 'TAGGED' ? el('span', { class: `badge ${image.status}`, text: image.status }) : null,
  el('span', { class: 'caption', text: name }));
}

// ---------- filters and tag cloud ----------

async function loadFolders() {
  try {
    const folders = await api('folders');
    folderNames = new Map(folders.map(f => [String(f.id), f.path]));
    append($('#folder'), folders.map(f => el('option', { value: f.id, text: f.path })));
    $('#folder').value = state.folderId;
  } catch (e) {
    showError(e);
  }
}

async function loadCloud() {
  try {
    const tags = await api('tags' + query({ limit: 50 }));
    if (!tags.length) {
      replace($('#cloud'), el('span', { class: 'muted', text: 'No tags yet.' }));
      return;
    }
    const max = Math.log(1 + Math.max(...tags.map(t => t.count)));
    const sorted = [...tags].sort((a, b) => a.name.localeCompare(b.name));
    replace($('#cloud'), sorted.map(t => {
      const button = el('button', {
        type: 'button', title: `${t.count} images`, 'aria-label': `Filter by tag ${t.name} (${t.count} images)`,
        onClick: () => addTagFilter(t.name, 'all')
      }, t.name);
      button.style.fontSize = `${0.8 + 0.8 * (Math.log(1 + t.count) / (max || 1))}rem`;
      return button;
    }));
  } catch (e) {
    replace($('#cloud'), el('span', { class: 'muted', text: 'Tags unavailable: ' + e.message }));
  }
}

// ---------- detail dialog ----------

const detail = { index: -1, image: null, tags: [], manual: new Set(), dirty: false };

async function openDetail(index) {
  const summary = results.items[index];
  if (!summary) return;
  detail.index = index;
  const dialog = $('#detail');
  if (!dialog.open) dialog.showModal();
  $('#detail-prev').disabled = index <= 0;
  $('#detail-next').disabled = index >= results.total - 1;
  showImage(summary);
  renderDetail(summary, null);
  showSimilar($('#detail-similar'), summary.id, openSimilar);
  try {
    const image = await api(`images/${summary.id}`);
    if (detail.index === index) renderDetail(image, image);
  } catch (e) {
    showError(e, $('#detail-message'));
  }
}

// An image of the Similar strip (similar.js) opens in the detail view; previous/next still walk the results.
async function openSimilar(summary) {
  showImage(summary);
  renderDetail(summary, null);
  showSimilar($('#detail-similar'), summary.id, openSimilar);
  try {
    const image = await api(`images/${summary.id}`);
    if (detail.image?.id === summary.id) renderDetail(image, image);
  } catch (e) {
    showError(e, $('#detail-message'));
  }
}

function showImage(summary) {
  const img = $('#detail-image');
  if (isVideo(summary)) {
    // The browser asks /file for byte ranges as it plays and seeks.
    const video = el('video', {
      id: 'detail-image', controls: true, preload: 'metadata', playsinline: true,
      poster: `${summary.thumbnailUrl}?size=1024`, 'aria-label': summary.description || basename(summary.path)
    });
    video.addEventListener('error', () => {
      video.replaceWith(el('div', { id: 'detail-image', class: 'placeholder muted' },
        el('img', { src: `${summary.thumbnailUrl}?size=1024`, alt: '' }),
        el('p', { text: 'This browser cannot play the video; the frame above is from its middle.' })));
    });
    video.src = `/api/images/${summary.id}/file`;
    img.replaceWith(video);
    return;
  }
  const fresh = el('img', { id: 'detail-image', alt: summary.description || basename(summary.path) });
  fresh.addEventListener('error', () => {
    if (!fresh.dataset.fallback) {
      fresh.dataset.fallback = 'thumbnail';
      fresh.src = `${summary.thumbnailUrl}?size=1024`;
    } else {
      fresh.replaceWith(el('div', { id: 'detail-image', class: 'placeholder muted' },
        el('img', { src: 'img/placeholder.svg', alt: '' }), el('p', { text: 'The image cannot be shown.' })));
    }
  });
  if (NOT_FOR_BROWSERS.test(summary.path)) {
    fresh.dataset.fallback = 'thumbnail';
    fresh.src = `${summary.thumbnailUrl}?size=1024`;
  } else {
    fresh.src = `/api/images/${summary.id}/file`;
  }
  img.replaceWith(fresh);
}

function renderDetail(image, full) {
  detail.image = image;
  detail.tags = [...(image.tags ?? [])];
  detail.manual = new Set(full?.manualTags ?? []);
  detail.dirty = false;
  $('#detail-title').textContent = basename(image.path);
  const status = $('#detail-status');
  status.className = `badge ${image.status}`;
  status.textContent = image.status;
  const error = $('#detail-error');
  error.textContent = full?.error ?? '';
  error.classList.toggle('hidden', !full?.error);
  const description = $('#detail-description');
  description.textContent = image.description || (image.status === 'TAGGED' ? '' : 'Not described yet.');
  description.classList.toggle('muted', !image.description);
  $('#detail-message').textContent = '';
  $('#detail-message').className = 'message';
  renderDetailTags();
  renderExif(full);
  renderFile(image, full);
}

function renderDetailTags() {
  $('#detail-save').disabled = !detail.dirty;
  if (!detail.tags.length) {
    replace($('#detail-tags'), el('span', { class: 'muted', text: 'No tags.' }));
    return;
  }
  replace($('#detail-tags'), detail.tags.map((name, i) => el('span', {
    class: detail.manual.has(name) ? 'chip manual' : 'chip ai',
    title: detail.manual.has(name) ? 'set by hand' : 'from the model', dataset: { tag: name }
  },
  el('span', { class: 'name', text: name }),
  el('button', {
    type: 'button', 'aria-label': `Remove tag ${name}`,
    onClick: () => { detail.tags.splice(i, 1); detail.dirty = true; renderDetailTags(); }
  }, '×'))));
}

function facts(target, rows) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (!shown.length) {
    replace(target, el('dd', { class: 'muted', text: 'No data.' }));
    return;
  }
  replace(target, shown.flatMap(([label, value]) => [el('dt', { text: label }), el('dd', {}, value)]));
}

function renderExif(full) {
  const exif = full?.exif ?? {};
  const gps = exif.gps;
  let place = null;
  if (gps && Number.isFinite(gps.lat) && Number.isFinite(gps.lon)) {
    const lat = gps.lat.toFixed(6);
    const lon = gps.lon.toFixed(6);
    place = el('a', {
      href: `https://www.openstreetmap.org/?mlat=${encodeURIComponent(lat)}&mlon=${encodeURIComponent(lon)}#map=15/${lat}/${lon}`,
      target: '_blank', rel: 'noopener noreferrer', text: `${lat}, ${lon}`
    });
  }
  const camera = [exif.make, exif.model].filter(Boolean).join(' ');
  facts($('#detail-exif'), [
    ['Camera', camera], ['Lens', exif.lens], ['Taken', formatLocalTime(exif.takenAt)], ['Location', place]
  ]);
}

function renderFile(image, full) {
  facts($('#detail-file'), [
    ['Path', el('span', { class: 'mono', text: image.path })],
    ['Folder', folderNames.get(String(image.folderId)) ?? String(image.folderId)],
    ['Size', image.width && image.height ? `${image.width} × ${image.height}` : ''],
    ['Length', isVideo(image) ? clipLength(image.durationSeconds) : ''],
    ['Bytes', full ? formatBytes(full.sizeBytes) : ''],
    ['Modified', formatDate(full?.modifiedAt)],
    ['Tagged', formatDate(image.taggedAt)],
    ['Model', full?.model],
    ['Attempts', full && full.attempts ? String(full.attempts) : ''],
    // Written by another tool (its sidecar, XMP or IPTC), kept beside the model's description.
    ['Imported description', full?.importedDescription],
    ['Sidecar', full?.sidecarWarning]
  ]);
}

async function saveTags() {
  const { image } = detail;
  const button = $('#detail-save');
  button.disabled = true;
  try {
    const saved = await api(`images/${image.id}/tags`, { method: 'PUT', body: { tags: detail.tags } });
    renderDetail(saved, saved);
    const message = $('#detail-message');
    message.className = 'message ok';
    message.textContent = 'Tags saved.';
    const summary = results.items[detail.index];
    if (summary && summary.id === saved.id) summary.tags = saved.tags;
    loadCloud();
  } catch (e) {
    button.disabled = false;
    showError(e, $('#detail-message'));
  }
}

async function retag() {
  const { image } = detail;
  const index = detail.index;
  const message = $('#detail-message');
  try {
    const execution = await api(`images/${image.id}/retag`, { method: 'POST' });
    message.className = 'message ok';
    message.textContent = `Re-tagging (execution #${execution.executionId})…`;
    const end = Date.now() + 120_000;
    while (Date.now() < end) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      const now = await api(`jobs/${execution.executionId}`);
      if (['COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED'].includes(now.status)) {
        if (detail.index === index && $('#detail').open) {
          const fresh = await api(`images/${image.id}`);
          results.items[index] = { ...results.items[index], ...fresh };
          renderDetail(fresh, fresh);
          message.className = now.status === 'COMPLETED' ? 'message ok' : 'message error';
          message.textContent = `Re-tag ${now.status.toLowerCase()}.`;
        }
        return;
      }
    }
  } catch (e) {
    showError(e, message);
  }
}

function step(delta) {
  const next = detail.index + delta;
  if (next < 0 || next >= results.total) return;
  if (next >= results.items.length) {
    loadMore().then(() => openDetail(next));
  } else {
    openDetail(next);
  }
}

// ---------- wiring ----------

function init() {
  readUrl();
  syncForm();
  $('#search').addEventListener('submit', e => {
    e.preventDefault();
    const pending = $('#tag-input').value;
    if (pending.trim()) {
      $('#tag-input').value = '';
      addTagFilter(pending, $('#tag-mode').value);
      return;
    }
    state.q = $('#q').value;
    search();
  });
  $('#tag-input').addEventListener('input', e => suggest(e.target.value));
  $('#tag-input').addEventListener('keydown', e => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const value = e.target.value;
      e.target.value = '';
      state.q = $('#q').value;
      addTagFilter(value, $('#tag-mode').value);
    }
  });
  $('#tag-add').addEventListener('click', () => {
    const value = $('#tag-input').value;
    $('#tag-input').value = '';
    state.q = $('#q').value;
    addTagFilter(value, $('#tag-mode').value);
  });
  for (const [id, key] of [['#folder', 'folderId'], ['#status', 'status'], ['#sort', 'sort'],
    ['#taken-from', 'takenFrom'], ['#taken-to', 'takenTo']]) {
    $(id).addEventListener('change', e => { state[key] = e.target.value; state.q = $('#q').value; search(); });
  }
  $('#reset').addEventListener('click', () => {
    Object.assign(state, { q: '', tags: [], folderId: '', status: '', sort: '', takenFrom: '', takenTo: '' });
    syncForm();
    search();
  });

  new IntersectionObserver(entries => {
    if (entries.some(e => e.isIntersecting)) loadMore();
  }, { rootMargin: '800px' }).observe($('#sentinel'));

  $('#detail-close').addEventListener('click', () => $('#detail').close());
  $('#detail').addEventListener('click', e => { if (e.target === $('#detail')) $('#detail').close(); });
  $('#detail').addEventListener('keydown', e => {
    if (e.target.matches('input')) return;
    if (e.key === 'ArrowLeft') step(-1);
    if (e.key === 'ArrowRight') step(1);
  });
  $('#detail-prev').addEventListener('click', () => step(-1));
  $('#detail-next').addEventListener('click', () => step(1));
  $('#detail-tag-input').addEventListener('input', e => suggest(e.target.value));
  $('#detail-tag-form').addEventListener('submit', e => {
    e.preventDefault();
    const input = $('#detail-tag-input');
    const name = input.value.trim().toLowerCase();
    input.value = '';
    if (!name || detail.tags.includes(name)) return;
    detail.tags.push(name);
    detail.manual.add(name);
    detail.dirty = true;
    renderDetailTags();
  });
  $('#detail-save').addEventListener('click', saveTags);
  $('#detail-retag').addEventListener('click', retag);

  loadFolders();
  loadCloud();
  search();
}

try {
  init();
} catch (e) {
  toast(e.message, 'error');
}
