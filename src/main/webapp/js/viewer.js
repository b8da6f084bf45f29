// The photo viewer: the gallery's detail dialog. It fits the picture to the window in either orientation, keeps
// close and previous/next reachable (buttons, arrow keys, swipe; at any width), zooms to 100 %, goes full screen,
// downloads the original, and edits tags while keeping who set which (the model or the person).
import {
  $, api, basename, el, formatBytes, formatDate, formatLocalTime, replace, sessionAccess, showError
} from './api.js';

// Files a browser cannot show as a picture: only their renditions are shown.
export const NOT_FOR_BROWSERS = /\.(heic|heif|hif|cr2|nef|arw|dng|orf|raf)$/i;
const TERMINAL = ['COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED'];
const SWIPE_PIXELS = 50;

let source;            // { items(), total(), loading(), loadMore(), folderName(id), changed(index, image), tagsSaved() }
let canWrite = true;
const detail = { index: -1, image: null, tags: [], manual: new Set(), rejected: [], dirty: false, zoomed: false };
// Photos whose re-tag job runs (one job per click: the button stays disabled until it ends).
const retagging = new Set();

function isVideo(image) {
  return image.kind === 'video';
}

export function clipLength(seconds) {
  if (!Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Opens the viewer on the result at index (of the gallery's loaded results). */
export async function openViewer(index) {
  const summary = source.items()[index];
  if (!summary) return;
  if (detail.index !== index && !confirmDiscard()) return;
  detail.index = index;
  const dialog = $('#detail');
  if (!dialog.open) {
    dialog.showModal();
    $('#detail-close').focus();
  }
  renderPosition();
  showImage(summary);
  renderDetail(summary, null);
  document.dispatchEvent(new CustomEvent('detail:open', { detail: { id: summary.id, image: summary } }));
  try {
    const image = await api(`images/${summary.id}`);
    if (detail.index === index) renderDetail(image, image);
  } catch (e) {
    showError(e, $('#detail-message'));
  }
}

/** A photo from outside the results (the Similar strip), shown in the viewer; previous/next still walk the results. */
export async function showOther(summary) {
  if (!confirmDiscard()) return;
  showImage(summary);
  renderDetail(summary, null);
  document.dispatchEvent(new CustomEvent('detail:open', { detail: { id: summary.id, image: summary } }));
  try {
    const image = await api(`images/${summary.id}`);
    if (detail.image?.id === summary.id) renderDetail(image, image);
  } catch (e) {
    showError(e, $('#detail-message'));
  }
}

/** Previous and next stay focusable at the ends (aria-disabled), so the keyboard focus never falls out of the dialog. */
function renderPosition() {
  const total = source.total();
  setEnabled($('#detail-prev'), detail.index > 0);
  setEnabled($('#detail-next'), detail.index < total - 1);
  $('#detail-position').textContent = total ? `${(detail.index + 1).toLocaleString()} of ${total.toLocaleString()}` : '';
}

function setEnabled(button, enabled) {
  if (enabled) button.removeAttribute('aria-disabled'); else button.setAttribute('aria-disabled', 'true');
}

function setZoom(zoomed) {
  detail.zoomed = zoomed;
  const viewport = $('#detail-viewport');
  viewport.classList.toggle('zoomed', zoomed);
  const zoom = $('#detail-zoom');
  zoom.setAttribute('aria-pressed', String(zoomed));
  zoom.textContent = zoomed ? 'Fit' : '100 %';
  zoom.title = zoomed ? 'Fit the photo to the window (Z)' : 'Show the photo at 100 %, pixel for pixel (Z)';
  const img = $('#detail-image');
  const summary = source.items()[detail.index];
  if (img?.tagName === 'IMG' && summary && zoomed && !NOT_FOR_BROWSERS.test(summary.path) && !img.dataset.original) {
    // 100 % means the original's pixels; the display rendition is only as large as a screen.
    img.dataset.original = 'true';
    img.src = `/api/images/${summary.id}/file`;
  }
  if (zoomed && img) {
    // Start at the middle of the photo rather than its top-left corner.
    const centre = () => {
      viewport.scrollLeft = (viewport.scrollWidth - viewport.clientWidth) / 2;
      viewport.scrollTop = (viewport.scrollHeight - viewport.clientHeight) / 2;
    };
    if (img.complete) centre(); else img.addEventListener('load', centre, { once: true });
  }
}

function showImage(summary) {
  setZoom(false);
  const old = $('#detail-image');
  const name = basename(summary.path);
  const download = $('#detail-download');
  download.href = `/api/images/${summary.id}/file`;
  download.setAttribute('download', name);
  download.setAttribute('aria-label', `Download the original ${name}`);
  $('#detail-zoom').hidden = isVideo(summary);
  if (isVideo(summary)) {
    // The browser asks /file for byte ranges as it plays and seeks.
    const video = el('video', {
      id: 'detail-image', controls: true, preload: 'metadata', playsinline: true,
      poster: `${summary.thumbnailUrl}?size=1024`, 'aria-label': summary.description || name
    });
    video.addEventListener('error', () => {
      video.replaceWith(el('div', { id: 'detail-image', class: 'placeholder muted' },
        el('img', { src: `${summary.thumbnailUrl}?size=1024`, alt: '' }),
        el('p', { text: 'This browser cannot play the video; the frame above is from its middle.' })));
    });
    video.src = `/api/images/${summary.id}/file`;
    old.replaceWith(video);
    return;
  }
  const fresh = el('img', { id: 'detail-image', alt: summary.description || name, draggable: 'false' });
  fresh.addEventListener('error', () => {
    if (fresh.dataset.original) {
      // The original cannot be shown (too large, a format the browser lacks): stay with the rendition.
      delete fresh.dataset.original;
      fresh.dataset.fallback = 'preview';
      fresh.src = `/api/images/${summary.id}/preview`;
    } else if (!fresh.dataset.fallback) {
      fresh.dataset.fallback = 'thumbnail';
      fresh.src = `${summary.thumbnailUrl}?size=1024`;
    } else {
      fresh.replaceWith(el('div', { id: 'detail-image', class: 'placeholder muted' },
        el('img', { src: 'img/placeholder.svg', alt: '' }), el('p', { text: 'The image cannot be shown.' })));
    }
  });
  // A JPEG of screen size, made once and cached by the server, instead of the original (which may be 20 MB).
  fresh.src = `/api/images/${summary.id}/preview`;
  old.replaceWith(fresh);
}

function renderDetail(image, full) {
  detail.image = image;
  detail.tags = [...(image.tags ?? [])];
  detail.manual = new Set(full?.manualTags ?? []);
  detail.rejected = [...(full?.rejectedTags ?? [])];
  detail.full = Boolean(full);
  detail.dirty = false;
  $('#detail-title').textContent = basename(image.path);
  const status = $('#detail-status');
  status.className = `badge ${image.status}`;
  status.textContent = image.status;
  const error = $('#detail-error');
  error.textContent = full?.error ? `Why it failed: ${full.error}` : '';
  error.classList.toggle('hidden', !full?.error);
  const description = $('#detail-description');
  description.textContent = image.description || (image.status === 'TAGGED' ? '' : 'Not described yet.');
  description.classList.toggle('muted', !image.description);
  if (!retagging.has(image.id)) {
    $('#detail-message').textContent = '';
    $('#detail-message').className = 'message';
  }
  renderControls();
  renderDetailTags();
  renderExif(full);
  renderFile(image, full);
}

/** Edit buttons only for a session that may change the catalog. */
function renderControls() {
  for (const node of [$('#detail-tag-form'), $('#detail-actions')]) node.hidden = !canWrite;
  $('#detail-readonly').hidden = canWrite;
  const retag = $('#detail-retag');
  const busy = retagging.has(detail.image?.id);
  retag.disabled = busy;
  retag.textContent = busy ? 'Re-tagging…' : 'Re-tag';
}

function renderDetailTags() {
  $('#detail-save').disabled = !detail.dirty;
  const chips = detail.tags.map((name, i) => {
    const who = detail.manual.has(name) ? 'set by you' : 'from the model';
    return el('span', {
      class: detail.manual.has(name) ? 'chip manual' : 'chip ai', title: who, dataset: { tag: name, source: detail.manual.has(name) ? 'manual' : 'model' }
    },
    el('span', { class: 'name', text: name }),
    el('span', { class: 'visually-hidden', text: ` (${who})` }),
    canWrite ? el('button', {
      type: 'button', 'aria-label': `Remove tag ${name}`,
      onClick: () => { detail.tags.splice(i, 1); detail.dirty = true; renderDetailTags(); $('#detail-tag-input').focus(); }
    }, '×') : null);
  });
  replace($('#detail-tags'), chips.length ? chips : el('span', { class: 'muted', text: 'No tags.' }));
  const removed = [...new Set([...detail.rejected, ...(detail.image?.tags ?? []).filter(t => !detail.tags.includes(t))])]
    .filter(t => !detail.tags.includes(t)).sort();
  const rejected = $('#detail-rejected');
  rejected.hidden = !removed.length;
  replace($('#detail-rejected-list'), removed.map(name => el('span', { class: 'chip removed', dataset: { tag: name } },
    el('span', { class: 'name', text: name }),
    canWrite ? el('button', {
      type: 'button', 'aria-label': `Put tag ${name} back`, title: 'Put it back',
      onClick: () => addTag(name)
    }, '↺') : null)));
  $('#detail-unsaved').hidden = !detail.dirty;
}

function addTag(raw) {
  const name = raw.trim().toLowerCase();
  if (!name || detail.tags.includes(name)) return;
  detail.tags.push(name);
  // Put back a tag the model had given: it stays the model's; anything else is the person's.
  if (!(detail.image?.tags ?? []).includes(name) || detail.manual.has(name)) detail.manual.add(name);
  detail.dirty = true;
  renderDetailTags();
}

function facts(target, rows) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (!shown.length) {
    replace(target, el('dd', { class: 'muted', text: 'No data.' }));
    return;
  }
  replace(target, shown.flatMap(([label, value]) => [el('dt', { text: label }), el('dd', {}, value)]));
}

/** "f/2.8 · 1/250 s · ISO 200 · 35 mm (52 mm in 35 mm terms)" from what the file says. */
export function exposureText(exposure) {
  if (!exposure) return '';
  const parts = [];
  if (Number.isFinite(exposure.aperture)) parts.push(`f/${exposure.aperture}`);
  if (exposure.shutter) parts.push(exposure.shutter);
  if (Number.isFinite(exposure.iso)) parts.push(`ISO ${exposure.iso}`);
  if (Number.isFinite(exposure.focalLength)) {
    const equivalent = Number.isFinite(exposure.focalLength35) && exposure.focalLength35 !== Math.round(exposure.focalLength)
      ? ` (${exposure.focalLength35} mm in 35 mm terms)` : '';
    parts.push(`${exposure.focalLength} mm${equivalent}`);
  }
  return parts.join(' · ');
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
    ['Camera', camera], ['Lens', exif.lens], ['Exposure', exposureText(full?.exposure)],
    ['Taken', formatLocalTime(exif.takenAt)], ['Location', place]
  ]);
}

function renderFile(image, full) {
  facts($('#detail-file'), [
    ['Path', el('span', { class: 'mono', text: image.path })],
    ['Folder', source.folderName(image.folderId)],
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
    source.changed(detail.index, saved);
    source.tagsSaved();
  } catch (e) {
    button.disabled = false;
    showError(e, $('#detail-message'));
  }
}

/** Waits for the execution's end, then says what really became of the photo (not just of the job). */
async function retag() {
  const { image } = detail;
  if (retagging.has(image.id)) return;
  const index = detail.index;
  const message = $('#detail-message');
  let executionId;
  retagging.add(image.id);
  renderControls();
  try {
    try {
      executionId = (await api(`images/${image.id}/retag`, { method: 'POST' })).executionId;
      message.className = 'message';
      message.textContent = `Re-tagging ${basename(image.path)} (execution #${executionId})…`;
    } catch (e) {
      if (e.status !== 409 || !e.body?.executionId) throw e;
      executionId = e.body.executionId;
      message.className = 'message';
      message.textContent = `${e.message}; waiting for it to end…`;
    }
    let ended = null;
    for (const end = Date.now() + 600_000; Date.now() < end;) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      const now = await api(`jobs/${executionId}`);
      if (TERMINAL.includes(now.status)) { ended = now; break; }
    }
    const fresh = await api(`images/${image.id}`);
    const stillHere = detail.index === index && $('#detail').open && detail.image?.id === image.id;
    source.changed(index, fresh);
    retagging.delete(image.id);
    if (!stillHere) return;
    renderDetail(fresh, fresh);
    if (!ended) {
      message.className = 'message error';
      message.textContent = `Execution #${executionId} is still running after 10 minutes; see the Admin page.`;
    } else if (fresh.status === 'FAILED') {
      message.className = 'message error';
      message.textContent = `Re-tag ended (${ended.status.toLowerCase()}), but the photo is still FAILED: ${fresh.error ?? 'no reason given'}`;
    } else if (ended.status !== 'COMPLETED') {
      message.className = 'message error';
      message.textContent = `Re-tag ${ended.status.toLowerCase()} (execution #${executionId}); the photo is ${fresh.status}.`;
    } else if (fresh.status === 'TAGGED') {
      message.className = 'message ok';
      message.textContent = `Re-tagged: ${fresh.tags.length} tag${fresh.tags.length === 1 ? '' : 's'}.`;
    } else {
      message.className = 'message error';
      message.textContent = `Re-tag completed, but the photo is ${fresh.status}.`;
    }
  } catch (e) {
    showError(e, message);
  } finally {
    retagging.delete(image.id);
    if (detail.image?.id === image.id) renderControls();
  }
}

function confirmDiscard() {
  if (!detail.dirty) return true;
  // eslint-disable-next-line no-alert
  if (!window.confirm('Your tag changes are not saved. Discard them?')) return false;
  detail.dirty = false;
  return true;
}

function close() {
  if (!confirmDiscard()) return;
  if (document.fullscreenElement) document.exitFullscreen().catch(() => null);
  $('#detail').close();
}

/** Makes sure result index is loaded (the next page when needed); false when there is none. */
async function ensureLoaded(index) {
  for (let tries = 0; tries < 200; tries++) {
    if (index < source.items().length) return true;
    if (index >= source.total()) return false;
    if (source.loading()) await new Promise(resolve => setTimeout(resolve, 100));
    else await source.loadMore();
  }
  return index < source.items().length;
}

async function step(delta) {
  const next = detail.index + delta;
  if (next < 0 || next >= source.total()) return;
  if (!confirmDiscard()) return;
  if (await ensureLoaded(next)) openViewer(next);
}

function toggleFullscreen() {
  const dialog = $('#detail');
  if (document.fullscreenElement) document.exitFullscreen().catch(() => null);
  else dialog.requestFullscreen?.().catch(e => showError(e, $('#detail-message')));
}

function onKey(e) {
  if (!$('#detail').open) return;
  if (e.target.matches?.('input, textarea, select')) return;
  if (e.key === 'ArrowLeft') { e.preventDefault(); step(-1); }
  else if (e.key === 'ArrowRight') { e.preventDefault(); step(1); }
  else if (e.key === 'z' || e.key === 'Z') setZoom(!detail.zoomed);
  else if (e.key === 'f' || e.key === 'F') toggleFullscreen();
}

function wireSwipe(viewport) {
  let start = null;
  viewport.addEventListener('pointerdown', e => {
    if (!detail.zoomed && e.pointerType !== 'mouse') start = { x: e.clientX, y: e.clientY };
  });
  viewport.addEventListener('pointerup', e => {
    if (!start) return;
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    start = null;
    if (Math.abs(dx) > SWIPE_PIXELS && Math.abs(dx) > 1.5 * Math.abs(dy)) step(dx < 0 ? 1 : -1);
  });
  viewport.addEventListener('pointercancel', () => { start = null; });
}

/** Wires the dialog once; source gives the gallery's results (see the top of this file). */
export function initViewer(gallerySource) {
  source = gallerySource;
  sessionAccess().then(access => {
    canWrite = access.canWrite;
    if ($('#detail').open) { renderControls(); renderDetailTags(); }
  });
  const dialog = $('#detail');
  $('#detail-close').addEventListener('click', close);
  dialog.addEventListener('click', e => { if (e.target === dialog) close(); });
  // Escape closes the dialog too; with unsaved edits it asks first.
  dialog.addEventListener('cancel', e => {
    if (document.fullscreenElement) return;
    e.preventDefault();
    close();
  });
  // On the document, not the dialog: arrow keys keep working whatever holds the focus.
  document.addEventListener('keydown', onKey);
  for (const [id, delta] of [['#detail-prev', -1], ['#detail-next', 1]]) {
    $(id).addEventListener('click', e => {
      if (e.currentTarget.getAttribute('aria-disabled') === 'true') return;
      step(delta);
    });
  }
  $('#detail-zoom').addEventListener('click', () => setZoom(!detail.zoomed));
  $('#detail-fullscreen').addEventListener('click', toggleFullscreen);
  document.addEventListener('fullscreenchange', () => {
    $('#detail-fullscreen').setAttribute('aria-pressed', String(Boolean(document.fullscreenElement)));
  });
  $('#detail-viewport').addEventListener('dblclick', () => setZoom(!detail.zoomed));
  wireSwipe($('#detail-viewport'));
  $('#detail-tag-form').addEventListener('submit', e => {
    e.preventDefault();
    const input = $('#detail-tag-input');
    const value = input.value;
    input.value = '';
    addTag(value);
  });
  $('#detail-save').addEventListener('click', saveTags);
  $('#detail-retag').addEventListener('click', retag);
  window.addEventListener('beforeunload', e => {
    if (detail.dirty && dialog.open) e.preventDefault();
  });
}
