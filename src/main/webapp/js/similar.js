// The "Similar" strip of the gallery's detail view: images nearest by meaning (GET /api/images/{id}/similar).
import { api, basename, el, replace } from './api.js';

const STRIP_SIZE = 12;
let generation = 0;

/**
 * Fills `container` with the images similar to `imageId`; clicking one calls `onOpen(summary)`. The container stays
 * hidden when there are none (or search by meaning is off). A later call wins over an earlier one still loading.
 */
export async function showSimilar(container, imageId, onOpen) {
  if (!container) return;
  const mine = ++generation;
  replace(container);
  container.hidden = true;
  let page;
  try {
    page = await api(`images/${encodeURIComponent(imageId)}/similar?size=${STRIP_SIZE}`);
  } catch {
    return;
  }
  if (mine !== generation || !page?.items?.length) return;
  const items = page.items.map(item => {
    const label = item.description || basename(item.path);
    return el('li', {},
      el('button', {
        type: 'button', class: 'similar-item', title: label, dataset: { id: String(item.id) },
        onclick: () => onOpen?.(item)
      }, el('img', { src: `${item.thumbnailUrl}?size=128`, alt: label, loading: 'lazy', width: 96, height: 96 })));
  });
  replace(container, el('h3', { text: 'Similar' }), el('ul', { class: 'similar-strip' }, items));
  container.hidden = false;
}
