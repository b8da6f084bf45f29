// Admin page: a warning when search by meaning cannot work (GET /api/meaning), e.g. the embedding model is missing.
import { $, api, el, replace } from './api.js';

async function show() {
  const box = $('#meaning-status');
  if (!box) return;
  try {
    const status = await api('meaning');
    box.hidden = !status.warning;
    replace(box, status.warning ? [el('strong', { text: 'Search by meaning: ' }), status.warning] : []);
  } catch {
    box.hidden = true;
  }
}

show();
setInterval(show, 30_000);
