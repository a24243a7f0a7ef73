// Rapport's options page, "Your data": import an X archive (read in a worker, with progress
// and cancel), export everything, restore an export, erase everything. Rust reads and
// checks every file; the background (the one writer) stores the result all at once.
import { api, t } from './ui.js';

const $ = (id) => document.getElementById(id);
const num = (n) => Number(n).toLocaleString('en-US');

function say(el, text, kind = 'info') {
  el.textContent = text;
  el.dataset.kind = kind;
  if (text) el.scrollIntoView({ block: 'nearest' });
}

/** Sends a message to the background; a reply `{error}` becomes a thrown Error. */
async function ask(msg) {
  const reply = await api.runtime.sendMessage(msg);
  if (reply && reply.error) throw new Error(reply.error);
  return reply;
}

function showImports(list) {
  const ul = $('imports');
  ul.replaceChildren();
  for (const r of list ?? []) {
    const li = document.createElement('li');
    li.textContent = t('importRecord', [new Date(r.at).toLocaleString(), r.owner, num(r.posts), r.file]);
    ul.append(li);
  }
}

// --- Import -------------------------------------------------------------------------------

let worker = null;

function progress(stage, done, total) {
  const bar = $('import-bar');
  const box = $('import-progress');
  box.dataset.stage = stage;
  if (stage === 'start' || stage === 'save') {
    bar.removeAttribute('value'); // indeterminate
    $('import-stage').textContent = t(stage === 'start' ? 'importStageStart' : 'importStageSave');
    return;
  }
  // Reading is the first half of the bar, the posts the second.
  const part = total > 0 ? done / total : 1;
  bar.value = stage === 'read' ? part / 2 : 0.5 + part / 2;
  const [d, tot] = stage === 'read'
    ? [(done / 1048576).toFixed(1) + ' MB', (total / 1048576).toFixed(1) + ' MB'] : [num(done), num(total)];
  $('import-stage').textContent = t(stage === 'read' ? 'importStageRead' : 'importStagePosts', [d, tot]);
}

function finishImport() {
  worker?.terminate();
  worker = null;
  $('import-progress').hidden = true;
  for (const id of ['import-file', 'import-folder']) {
    $(id).disabled = false;
    $(id).value = '';
  }
}

function startImport(files) {
  if (!files.length || worker) return;
  const result = $('import-result');
  say(result, '');
  delete result.dataset.posts;
  for (const id of ['import-file', 'import-folder']) $(id).disabled = true;
  $('import-progress').hidden = false;
  $('import-progress').scrollIntoView({ block: 'nearest' });
  progress('start');
  const label = files.length === 1 ? files[0].name
    : (files[0].webkitRelativePath || files[0].name).split('/')[0];
  worker = new Worker(new URL('./import-worker.js', import.meta.url), { type: 'module' });
  worker.onerror = (e) => {
    finishImport();
    say(result, t('importFailed', [String(e.message || e)]), 'error');
  };
  worker.onmessage = async ({ data }) => {
    if (data.type === 'progress') return progress(data.stage, data.done, data.total);
    if (data.type === 'error') {
      finishImport();
      return say(result, t('importFailed', [data.message]), 'error');
    }
    // Done reading: the background stores it all at once, or nothing.
    progress('save');
    $('import-cancel').disabled = true;
    try {
      const r = await ask({ type: 'archive-import', file: label, ...data.result });
      const s = data.result.summary;
      Object.assign(result.dataset, {
        owner: s.owner, posts: s.posts, replies: s.replies, reposts: s.reposts,
        people: s.people, answered: s.answered, ms: data.ms,
      });
      say(result, t('importDone', [s.owner, num(s.posts), num(s.replies), num(s.reposts),
        num(s.people), num(s.answered)]), 'done');
      showImports(r.imports);
    } catch (e) {
      say(result, t('importFailed', [String(e.message || e)]), 'error');
    } finally {
      $('import-cancel').disabled = false;
      finishImport();
    }
  };
  worker.postMessage({ files });
}

// --- Export, restore, erase -----------------------------------------------------------------

async function exportAll() {
  const text = await ask({ type: 'export' });
  const day = new Date().toISOString().slice(0, 10);
  const a = $('export-link');
  if (a.href) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = `rapport-export-${day}.json`;
  a.textContent = t('exportReady', [a.download, (text.length / 1024).toFixed(0) + ' KB']);
  a.hidden = false;
  a.click();
}

async function restore(file) {
  const out = $('restore-result');
  say(out, '');
  try {
    const r = await ask({ type: 'restore', text: await file.text() });
    say(out, t('restoreDone', [num(r.posts), num(r.history), num(r.introductions)]), 'done');
    out.dataset.posts = r.posts;
  } catch (e) {
    say(out, t('restoreFailed', [String(e.message || e)]), 'error');
  }
  $('restore-file').value = '';
}

export async function setUpData(onErased) {
  const { imports } = await api.storage.local.get('imports');
  showImports(imports);
  $('import-file').addEventListener('change', (e) => startImport([...e.target.files]));
  $('import-folder').addEventListener('change', (e) => startImport([...e.target.files]));
  $('import-cancel').addEventListener('click', () => {
    finishImport();
    say($('import-result'), t('importCancelled'), 'cancelled');
  });
  $('export').addEventListener('click', () => exportAll().catch((e) =>
    say($('restore-result'), String(e.message || e), 'error')));
  $('restore-file').addEventListener('change', (e) => e.target.files[0] && restore(e.target.files[0]));
  $('erase').addEventListener('click', () => {
    $('erase-confirm').hidden = false;
    $('erase-no').focus();
  });
  $('erase-no').addEventListener('click', () => { $('erase-confirm').hidden = true; });
  $('erase-yes').addEventListener('click', async () => {
    $('erase-confirm').hidden = true;
    try {
      await ask({ type: 'erase' });
      say($('erase-result'), t('eraseDone'), 'done');
      showImports([]);
      onErased();
    } catch (e) {
      say($('erase-result'), String(e.message || e), 'error');
    }
  });
}
