// Timeline of the gallery: month headers between the cards and a year/month jump list
// (GET /api/images/timeline with the gallery's filters; a month's cursor starts the grid there).
import { api, el, query, replace, sessionReady } from './api.js';

const monthName = month => new Date(Date.UTC(2000, month - 1, 1)).toLocaleString(undefined, { month: 'long', timeZone: 'UTC' });

/** "2019-07" of an image: its taken date, else its file time, as the server orders them (camera time, no zone shift). */
export function monthKey(image) {
  const time = image.takenAt ?? image.modifiedAt;
  return time ? time.slice(0, 7) : '';
}

export function monthLabel(key) {
  if (!key) return 'No date';
  const [year, month] = key.split('-').map(Number);
  return `${monthName(month)} ${year}`;
}

/** Whether the grid is in time order, so that month headers and the jump list make sense. */
export function inTimeOrder(params) {
  return params.sort === 'newest' || params.sort === 'oldest' || (!params.sort && !params.q);
}

/** The month header to put before an image, or null when it is in the month of the one before. */
export function header(image, previous) {
  const key = monthKey(image);
  if (previous && monthKey(previous) === key) return null;
  return el('h3', { class: 'date-header', dataset: { month: key }, text: monthLabel(key) });
}

/**
 * Fills the jump list for the current filters. {@code onJump(cursor)} is called with a month's cursor, or
 * null for the start (newest or oldest first).
 */
export async function loadJumpList(select, params, onJump) {
  select.onchange = () => onJump(select.value || null);
  const wrapper = select.closest('.timeline-jump') ?? select;
  if (!inTimeOrder(params)) {
    wrapper.classList.add('hidden');
    return;
  }
  try {
    const months = await api('images/timeline' + query({ ...params, page: undefined, size: undefined }));
    const oldestFirst = params.sort === 'oldest';
    const start = el('option', { value: '', text: oldestFirst ? 'Oldest first' : 'Newest first' });
    const years = new Map();
    for (const m of months) {
      if (!years.has(m.year)) years.set(m.year, el('optgroup', { label: String(m.year) }));
      years.get(m.year).append(el('option', {
        value: m.cursor, dataset: { month: `${m.year}-${String(m.month).padStart(2, '0')}` },
        text: `${monthName(m.month)} ${m.year} (${m.count.toLocaleString()})`
      }));
    }
    replace(select, start, ...years.values());
    wrapper.classList.toggle('hidden', months.length < 2);
  } catch (e) {
    wrapper.classList.add('hidden');
  }
}

/**
 * Calls {@code onChange({folderId, changed})} when images of a folder arrived or changed (the {@code catalog}
 * event of the job event stream, at most once a second).
 */
export async function followCatalog(onChange) {
  if (typeof EventSource === 'undefined') return;
  await sessionReady();
  const source = new EventSource('/api/jobs/events');
  source.addEventListener('catalog', event => {
    try {
      onChange(JSON.parse(event.data));
    } catch (e) {
      // a malformed event changes nothing
    }
  });
}
