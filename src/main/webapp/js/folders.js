// Folders: register, switch watching and recursion, scan, remove; edit each folder's tagging profile.
import { $, ApiError, api, el, formatDate, formatNumber, hideWhenReadOnly, query, replace, showError } from './api.js';

async function load() {
  try {
    render(await api('folders'));
  } catch (e) {
    replace($('#folders'), el('div', { class: 'message error', role: 'alert', text: e.message }));
  }
}

function render(folders) {
  if (!folders.length) {
    replace($('#folders'), el('p', { class: 'panel empty', text: 'No folders yet. Add the first one above.' }));
    return;
  }
  replace($('#folders'), folders.map(folder => withProfile(folderCard(folder), folder)));
}

const duration = seconds => seconds < 90 ? `${Math.max(1, seconds)} s`
  : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 360) / 10} h`;
const lines = text => text.split('\n').map(line => line.trim()).filter(Boolean);
const orNull = text => text.trim() === '' ? null : text.trim();

/** The folder's profile (context, prompt, language, model, vocabulary) and how many of its images are stale. */
function withProfile(card, folder) {
  const stale = el('span', { class: 'stale muted' });
  const message = el('div', { class: 'message', role: 'status' });
  const field = (label, input) => el('label', { class: 'field' }, el('span', { text: label }), input);
  const context = el('input', { type: 'text', name: 'context', placeholder: 'Holiday on Crete, 2021', maxlength: 2000 });
  const language = el('input', { type: 'text', name: 'language', placeholder: 'as in the settings', maxlength: 40 });
  const model = el('input', { type: 'text', name: 'model', placeholder: 'as in the settings', maxlength: 200 });
  const prompt = el('textarea', { name: 'prompt', rows: 3, placeholder: 'as in the settings' });
  const vocabulary = el('textarea', { name: 'vocabulary', rows: 4, placeholder: 'one keyword a line, e.g. Animals/Dog' });
  const only = el('input', { type: 'checkbox', name: 'vocabularyOnly' });
  const show = profile => {
    context.value = profile.context ?? '';
    language.value = profile.language ?? '';
    model.value = profile.model ?? '';
    prompt.value = profile.prompt ?? '';
    vocabulary.value = profile.vocabulary.join('\n');
    only.checked = profile.vocabularyOnly;
    model.placeholder = profile.effective.model;
    replace(stale, profile.staleCount
      ? [el('strong', { text: formatNumber(profile.staleCount) }), ' stale',
        profile.staleEtaSeconds === null ? '' : ` (about ${duration(profile.staleEtaSeconds)} to re-tag)`]
      : 'none stale');
    stale.title = 'Tagged with another model, prompt or profile than the current one';
  };
  const form = el('form', { class: 'profile', onSubmit: async event => {
    event.preventDefault();
    const save = form.querySelector('button[type=submit]');
    save.disabled = true;
    try {
      show(await api(`folders/${folder.id}/profile`, { method: 'PUT', body: {
        context: orNull(context.value), prompt: orNull(prompt.value), language: orNull(language.value),
        model: orNull(model.value), vocabulary: lines(vocabulary.value), vocabularyOnly: only.checked } }));
      message.className = 'message ok';
      replace(message, 'Profile saved. "Re-tag stale" asks the images tagged otherwise again.');
    } catch (e) {
      showError(e, message);
    } finally {
      save.disabled = false;
    }
  } },
    field('Context added to the prompt', context), field('Language', language), field('Model', model),
    field('Prompt', prompt), field('Vocabulary', vocabulary),
    el('label', { class: 'check' }, only, 'Only tags from the vocabulary'),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'small primary', text: 'Save profile' })),
    message);
  // Last in the card, so that the card's own message stays its first .message.
  card.append(el('details', { class: 'profile-editor' },
    el('summary', {}, 'Profile · ', stale), form, comparison(folder, show)));
  api(`folders/${folder.id}/profile`).then(show).catch(e => showError(e, message));
  return card;
}

function count(value, one, many) {
  return el('span', {}, el('strong', { text: formatNumber(value) }), ' ', value === 1 ? one : many);
}

function folderCard(folder) {
  const message = el('div', { class: 'message', role: 'status' });
  const say = (text, ok = true) => { message.className = ok ? 'message ok' : 'message error'; replace(message, text); };

  const toggle = (label, key) => {
    const box = el('input', { type: 'checkbox', checked: folder[key] });
    box.addEventListener('change', async () => {
      box.disabled = true;
      try {
        const changed = await api(`folders/${folder.id}`, { method: 'PATCH', body: { [key]: box.checked } });
        Object.assign(folder, changed);
        card.replaceWith(withProfile(folderCard(folder), folder));
      } catch (e) {
        box.checked = !box.checked;
        box.disabled = false;
        showError(e, message);
      }
    });
    return el('label', { class: 'check' }, box, label);
  };

  const scan = mode => el('button', {
    type: 'button', class: 'small', dataset: { scan: mode }, 'data-needs-write': true,
    title: { new: 'Tag files that are new or changed', failed: 'Try the failed images again', all: 'Re-tag every image',
      stale: 'Re-tag the images tagged with another model, prompt or profile' }[mode],
    onClick: async event => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const execution = await api(`folders/${folder.id}/scan`, { method: 'POST', body: { mode } });
        say([`Scan (${mode}) started: `, el('a', { href: 'admin.html', text: `execution #${execution.executionId}` })]);
      } catch (e) {
        if (e instanceof ApiError && e.status === 409 && e.body?.executionId) {
          say([e.message + ' ', el('a', { href: 'admin.html', text: `see execution #${e.body.executionId}` })], false);
        } else {
          showError(e, message);
        }
      } finally {
        button.disabled = false;
      }
    }
  }, { new: 'Scan new', failed: 'Retry failed', all: 'Re-tag all', stale: 'Re-tag stale' }[mode]);

  const remove = el('button', {
    type: 'button', class: 'small danger', 'data-needs-write': true,
    onClick: async () => {
      if (!confirm(`Remove ${folder.path} from the catalog? Its ${folder.imageCount} images leave the catalog; the files stay untouched.`)) return;
      try {
        await api(`folders/${folder.id}`, { method: 'DELETE' });
        load();
      } catch (e) {
        showError(e, message);
      }
    }
  }, 'Remove');

  const card = el('article', { class: 'panel folder', dataset: { id: folder.id, path: folder.path } },
    el('div', {},
      el('div', { class: 'path mono', text: folder.path }),
      el('div', { class: 'chips' },
        el('span', { class: `badge ${folder.active ? 'on' : ''}`, text: folder.active ? 'active' : 'inactive' }),
        el('span', { class: `badge ${folder.watching ? 'on' : ''}`, text: folder.watching ? 'watching' : 'not watching' }),
        el('span', { class: 'muted', text: `added ${formatDate(folder.addedAt)}` }))),
    el('div', { class: 'buttons' },
      el('a', { class: 'button small', href: './' + query({ folderId: folder.id }), text: 'View images' }),
      scan('new'), scan('failed'), scan('all'), scan('stale'), remove),
    el('div', { class: 'counts' },
      count(folder.imageCount, 'image', 'images'), count(folder.taggedCount, 'tagged', 'tagged'),
      folder.failedCount
        ? el('a', { href: './' + query({ folderId: folder.id, status: 'FAILED' }) }, count(folder.failedCount, 'failed', 'failed'))
        : count(folder.failedCount, 'failed', 'failed')),
    el('div', { class: 'toggles', 'data-needs-write': true }, toggle('Active (watch for changes)', 'active'), toggle('Subfolders', 'recursive')),
    message);
  return card;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED']);

/** Another model or prompt on a sample of the folder's images, side by side with the catalog's answers. */
function comparison(folder, showProfile) {
  const model = el('input', { type: 'text', name: 'compareModel', placeholder: 'another model', maxlength: 200 });
  const prompt = el('input', { type: 'text', name: 'comparePrompt', placeholder: 'another prompt (optional)' });
  const sample = el('input', { type: 'number', name: 'compareSample', min: 1, max: 50, value: 10 });
  const message = el('div', { class: 'message', role: 'status' });
  const result = el('div', { class: 'comparison-result' });
  const tagList = (tags, agreed) => el('span', { class: 'chips' },
    tags.map(tag => el('span', { class: agreed.includes(tag) ? 'chip agreed' : 'chip', text: tag })));
  const millis = value => value === null || value === undefined ? '–' : `${formatNumber(value)} ms`;
  const render = view => {
    const s = view.summary;
    const adopt = el('button', { type: 'button', class: 'small primary', text: 'Adopt into the profile', onClick: async () => {
      adopt.disabled = true;
      try {
        const adopted = await api(`comparisons/${view.executionId}/adopt`, { method: 'POST' });
        message.className = 'message ok';
        replace(message, `Adopted: ${adopted.staleCount} images are stale now; "Re-tag stale" asks them again.`);
        showProfile(await api(`folders/${folder.id}/profile`));
      } catch (e) {
        adopt.disabled = false;
        showError(e, message);
      }
    } });
    replace(result,
      el('p', { class: 'summary' }, `${view.status}: ${s.answered} of ${s.images} images answered; time per image `,
        el('strong', { text: millis(s.candidateMillisPerImage) }), ` (server ${millis(s.candidateServerMillisPerImage)}, `
        + `current ${millis(s.currentServerMillisPerImage)}); tags agreed ${Math.round(s.agreement * 100)} %`),
      el('table', { class: 'comparison' },
        el('thead', {}, el('tr', {}, el('th', { text: 'Image' }), el('th', { text: view.items[0]?.current.model ?? 'current' }),
          el('th', { text: view.model ?? 'candidate' }))),
        el('tbody', {}, view.items.map(item => el('tr', { dataset: { imageId: item.imageId } },
          el('td', {}, el('img', { src: item.thumbnailUrl + '?size=128', alt: '', loading: 'lazy' }),
            el('div', { class: 'mono', text: item.path.split('/').pop() })),
          el('td', {}, el('p', { text: item.current.description ?? '' }), tagList(item.current.tags, item.agreed)),
          el('td', {}, item.failure ? el('p', { class: 'error', text: item.failure })
            : [el('p', { text: item.candidate.description ?? '' }), tagList(item.candidate.tags, item.agreed),
              el('div', { class: 'muted', text: millis(item.candidate.millis) })]))))),
      view.status === 'COMPLETED' ? adopt : null);
  };
  const start = el('button', { type: 'button', class: 'small', text: 'Compare', onClick: async () => {
    start.disabled = true;
    message.className = 'message';
    replace(message, '');
    try {
      const execution = await api(`folders/${folder.id}/comparisons`, { method: 'POST', body: {
        model: orNull(model.value), prompt: orNull(prompt.value), sample: Number(sample.value) } });
      replace(result, el('p', { class: 'muted', text: `Comparing (execution #${execution.executionId})…` }));
      let view;
      do {
        await new Promise(resolve => setTimeout(resolve, 1000));
        view = await api(`comparisons/${execution.executionId}`);
      } while (!TERMINAL.has(view.status));
      render(view);
    } catch (e) {
      showError(e, message);
    } finally {
      start.disabled = false;
    }
  } });
  return el('div', { class: 'compare' },
    el('h3', { text: 'Compare on a sample' }),
    el('div', { class: 'compare-form' }, model, prompt, el('label', { class: 'check' }, 'images ', sample), start),
    message, result);
}

$('#add').addEventListener('submit', async event => {
  event.preventDefault();
  const message = $('#add-message');
  message.className = 'message';
  message.textContent = '';
  const path = $('#path').value.trim();
  if (!path) return;
  const button = event.submitter ?? $('#add button');
  button.disabled = true;
  try {
    const folder = await api('folders', {
      method: 'POST', body: { path, recursive: $('#recursive').checked, scan: $('#scan').checked }
    });
    message.className = 'message ok';
    message.textContent = folder.scanExecutionId
      ? `Added ${folder.path}; scanning (execution #${folder.scanExecutionId}).`
      : `Added ${folder.path}.`;
    $('#path').value = '';
    load();
  } catch (e) {
    showError(e, message);
  } finally {
    button.disabled = false;
  }
});

hideWhenReadOnly();
load();
// Counts change while scans run.
setInterval(() => { if (!document.hidden && !document.querySelector('.folder input:focus')) refreshCounts(); }, 5000);

async function refreshCounts() {
  try {
    const folders = await api('folders');
    for (const folder of folders) {
      const card = document.querySelector(`.folder[data-id="${Number(folder.id)}"]`);
      if (!card) return load();
      const counts = card.querySelector('.counts');
      const fresh = folderCard(folder).querySelector('.counts');
      counts.replaceWith(fresh);
    }
    if (folders.length !== document.querySelectorAll('.folder').length) load();
  } catch {
    // keep what is shown; the next refresh tries again
  }
}
