// Gallery: search, tag filters, infinite thumbnail grid, tag cloud and the detail dialog.
import { $, api, append, basename, el, query, replace, showError, toast } from './api.js';
import { followCatalog, header, inTimeOrder, loadJumpList } from './timeline.js';
import { clipLength, initViewer, NOT_FOR_BROWSERS, openViewer, showOther } from './viewer.js';
import { showSimilar } from './similar.js';

const PAGE_SIZE = 60;
const MODES = ['all', 'any', 'not'];
const MODE_PARAM = { all: 'tag', any: 'anyTag', not: 'notTag' };
const MODE_LABEL = { all: 'has', any: 'any', not: 'not' };
// Without a thumbnail, small originals are shown instead; large ones get a placeholder.
const MAX_FALLBACK_PIXELS = 4_000_000;

const state = { q: '', tags: [], folderId: '', status: '', sort: '', takenFrom: '', takenTo: '' };
// next: the keyset cursor of the next page (sort newest/oldest/path); jump: the timeline month the grid starts at.
const results = { items: [], total: 0, page: -1, loading: false, generation: 0, next: null, jump: null, done: false };
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
  // On a phone the filters are folded away: the button says how many are set.
  const set = state.tags.length + [state.folderId, state.status, state.takenFrom, state.takenTo].filter(Boolean).length;
  $('#filters-toggle').textContent = set ? `Filters (${set})` : 'Filters';
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

function search(jump = null) {
  writeUrl();
  renderChips();
  results.generation++;
  results.items = [];
  results.total = 0;
  results.page = -1;
  results.loading = false;
  results.next = null;
  results.done = false;
  results.jump = jump;
  if (!jump) loadJumpList($('#timeline-jump'), params(), cursor => search(cursor));
  replace($('#grid'));
  $('#grid-error').textContent = '';
  $('#count').textContent = '';
  loadMore();
}

async function loadMore() {
  if (results.loading || results.done) return;
  const generation = results.generation;
  results.loading = true;
  $('#loading').classList.remove('hidden');
  try {
    const after = results.page < 0 ? results.jump : results.next;
    const page = await api('images' + query({ ...params(), ...(after ? { after } : { page: results.page + 1 }), size: PAGE_SIZE }));
    if (generation !== results.generation) return;
    results.page += 1;
    results.total = page.total;
    results.next = page.nextCursor ?? null;
    const start = results.items.length;
    results.items.push(...page.items);
    results.done = page.items.length < PAGE_SIZE || (results.jump ? !results.next : results.items.length >= results.total);
    const headers = inTimeOrder(params());
    append($('#grid'), page.items.map((image, i) => [
      headers ? header(image, results.items[start + i - 1]) : null, card(image, start + i)]).flat());
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
  if (total === 0) renderEmpty();
}

/** An empty catalog says so and where to start; an empty search says the filters found nothing. */
async function renderEmpty() {
  const generation = results.generation;
  const filtered = Object.values(params()).some(v => (Array.isArray(v) ? v.length : v));
  let empty = !filtered;
  if (!filtered) {
    try { empty = (await api('stats')).images === 0; } catch { empty = false; }
  }
  if (generation !== results.generation) return;
  replace($('#grid'), empty
    ? el('div', { class: 'empty' },
      el('p', { text: 'The catalog is empty: no folder has been added yet, or its scan has not found a photo.' }),
      el('p', {}, el('a', { class: 'button primary', href: 'folders.html', text: 'Add a folder on the Folders page' })))
    : el('p', { class: 'empty', text: 'No images match these filters. Loosen them, or Clear.' }));
}

function sentinelNearby() {
  return $('#sentinel').getBoundingClientRect().top < window.innerHeight + 800;
}

function isVideo(image) {
  return image.kind === 'video';
}

function thumbnail(image, size, alt) {
  // Twice the pixels for 2× screens: 256 px thumbnails looked soft there.
  const img = el('img', {
    src: `${image.thumbnailUrl}?size=${size}`, srcset: `${image.thumbnailUrl}?size=${size} 1x, ${image.thumbnailUrl}?size=${size * 2} 2x`,
    alt, loading: 'lazy', decoding: 'async'
  });
  img.addEventListener('error', () => {
    const small = image.width && image.height && image.width * image.height <= MAX_FALLBACK_PIXELS
      && !isVideo(image) && !NOT_FOR_BROWSERS.test(image.path);
    if (small && !img.dataset.fallback) {
      img.dataset.fallback = 'file';
      img.removeAttribute('srcset');
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
    'aria-label': `Open ${isVideo(image) ? 'video ' : ''}${name}`, onClick: () => openViewer(index)
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
  $('#live-new').addEventListener('click', () => { $('#live-new').classList.add('hidden'); window.scrollTo(0, 0); search(); });
  $('#reset').addEventListener('click', () => {
    Object.assign(state, { q: '', tags: [], folderId: '', status: '', sort: '', takenFrom: '', takenTo: '' });
    syncForm();
    search();
  });

  new IntersectionObserver(entries => {
    if (entries.some(e => e.isIntersecting)) loadMore();
  }, { rootMargin: '800px' }).observe($('#sentinel'));

  $('#detail-tag-input').addEventListener('input', e => suggest(e.target.value));
  initViewer({
    items: () => results.items,
    total: () => results.total,
    loading: () => results.loading,
    loadMore,
    folderName: id => folderNames.get(String(id)) ?? String(id),
    changed: (index, image) => {
      if (results.items[index]?.id === image.id) results.items[index] = { ...results.items[index], ...image };
    },
    tagsSaved: loadCloud
  });
  $('#filters-toggle').addEventListener('click', e => {
    const open = $('#search').classList.toggle('expanded');
    e.currentTarget.setAttribute('aria-expanded', String(open));
  });

  loadFolders();
  loadCloud();
  search();
  followCatalog(liveUpdate);
  // The Similar strip (similar.js) of the photo the viewer shows; a photo of the strip opens in the viewer.
  document.addEventListener('detail:open', e => showSimilar($('#detail-similar'), e.detail.id, showOther));
}

// ---------- live updates ----------

let lastLiveRefresh = 0;
/** New or changed images of a folder shown: at the top of an untouched grid the first page reloads, else a button offers it. */
function liveUpdate(change) {
  if (state.folderId && String(change.folderId) !== state.folderId) return;
  const quiet = !$('#detail').open && !results.jump && window.scrollY < 300 && Date.now() - lastLiveRefresh > 2000;
  if (quiet) {
    lastLiveRefresh = Date.now();
    $('#live-new').classList.add('hidden');
    search();
  } else {
    $('#live-new').classList.remove('hidden');
  }
}

try {
  init();
} catch (e) {
  toast(e.message, 'error');
}
