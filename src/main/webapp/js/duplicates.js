// Duplicates page: each group of the same picture side by side (GET /api/duplicates), so a person can pick.
import { $, api, basename, el, formatBytes, formatDate, formatLocalTime, formatNumber, query, replace, showError } from './api.js';

const PAGE_SIZE = 20;
let page = 0;
let folders = new Map();

async function load() {
  const list = $('#groups');
  try {
    if (!folders.size) {
      folders = new Map((await api('folders')).map(f => [f.id, f.path]));
    }
    const found = await api('duplicates' + query({ page, size: PAGE_SIZE }));
    $('#summary').textContent = found.total === 0
      ? 'No duplicates: every picture is catalogued once.'
      : `${formatNumber(found.total)} pictures are catalogued more than once.`;
    replace(list, found.items.map(renderGroup));
    $('#prev').disabled = page === 0;
    $('#next').disabled = (page + 1) * PAGE_SIZE >= found.total;
    $('#pager').hidden = found.total <= PAGE_SIZE;
  } catch (e) {
    showError(e, $('#message'));
  }
}

function renderGroup(group, n) {
  const files = new Map((group.files ?? []).map(f => [f.id, f]));
  const kind = group.distance === 0 ? 'identical pictures' : `near copies (hashes differ in ${group.distance} of 64 bits)`;
  return el('section', { class: 'dup-group', 'aria-label': `Group ${page * PAGE_SIZE + n + 1}` },
    el('h2', { text: `${group.images.length} × · ${kind}` }),
    el('ul', { class: 'dup-images' }, group.images.map(image => renderImage(image, files.get(image.id)))));
}

function renderImage(image, file) {
  const facts = [
    ['Size', file ? formatBytes(file.sizeBytes) : ''],
    ['Dimensions', image.width && image.height ? `${image.width} × ${image.height}` : ''],
    ['Date', image.takenAt ? formatLocalTime(image.takenAt) : file ? formatDate(file.modifiedAt) : ''],
    ['Folder', folders.get(image.folderId) ?? String(image.folderId)]
  ];
  return el('li', { class: 'dup-image', dataset: { id: String(image.id) } },
    el('a', { href: `/api/images/${image.id}/file`, target: '_blank', rel: 'noopener' },
      el('img', { src: `${image.thumbnailUrl}?size=256`, alt: image.description || basename(image.path), loading: 'lazy' })),
    el('p', { class: 'dup-name', text: basename(image.path), title: image.path }),
    el('dl', { class: 'facts' }, facts.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value })])));
}

$('#prev').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
$('#next').addEventListener('click', () => { page += 1; load(); });
load();
