// Rapport's options page: a form rendered from the Rust settings schema; Rust validates.
import init, { settings_schema, settings_default, settings_from_stored, settings_validate, version }
  from './pkg/rapport_pages.js';
import { api, t, localize } from './ui.js';
import { setUpData } from './options-data.js';

const form = document.getElementById('form');
const notice = document.getElementById('notice');

function say(text, kind = 'info') {
  notice.textContent = text;
  notice.dataset.kind = kind;
}

function control(field, value) {
  const k = field.kind;
  let el;
  if (k.type === 'bool') {
    el = document.createElement('input');
    el.type = 'checkbox';
    el.checked = value;
  } else if (k.type === 'choice') {
    el = document.createElement('select');
    for (const o of k.options) el.add(new Option(o, o, false, o === value));
  } else {
    el = document.createElement('input');
    el.type = 'number';
    el.min = k.min;
    el.max = k.max;
    el.step = k.type === 'ratio' ? '0.01' : '1';
    el.value = value;
  }
  el.id = 'f-' + field.key;
  el.name = field.key;
  return el;
}

function render(schema, settings) {
  form.replaceChildren();
  let group = null;
  for (const f of schema) {
    if (f.group !== group) {
      group = f.group;
      const h = document.createElement('h2');
      h.textContent = t(group);
      form.append(h);
    }
    const row = document.createElement('div');
    row.className = 'field';
    row.dataset.key = f.key;
    const label = document.createElement('label');
    label.htmlFor = 'f-' + f.key;
    label.textContent = t(f.label);
    const err = document.createElement('div');
    err.className = 'error';
    err.id = 'e-' + f.key;
    const input = control(f, settings[f.key]);
    input.setAttribute('aria-describedby', err.id);
    row.append(label, input, err);
    form.append(row);
  }
}

function read(schema) {
  const out = {};
  for (const f of schema) {
    const el = form.elements[f.key];
    if (f.kind.type === 'bool') out[f.key] = el.checked;
    else if (f.kind.type === 'choice') out[f.key] = el.value;
    else out[f.key] = el.value.trim() === '' ? null : Number(el.value);
  }
  return out;
}

async function main() {
  localize(document);
  await init({ module_or_path: new URL('./pkg/rapport_pages_bg.wasm', import.meta.url) });
  document.getElementById('version').textContent = t('version', [version()]);
  const schema = settings_schema();
  const { settings: stored } = await api.storage.local.get('settings');
  const { settings, reset } = settings_from_stored(stored ?? null);
  render(schema, settings);
  if (reset.length) say(t('settingsReset', [reset.join(', ')]), 'error');

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const e of form.querySelectorAll('.error')) e.textContent = '';
    const result = settings_validate(read(schema));
    if (!result.ok) {
      for (const e of result.errors) {
        const box = document.getElementById('e-' + e.key);
        if (box) box.textContent = t(e.message);
        form.elements[e.key]?.setAttribute('aria-invalid', 'true');
      }
      say(t('notSaved'), 'error');
      return;
    }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    try {
      await api.storage.local.set({ settings: result.settings });
      say(t('saved'));
    } catch (e) {
      say(t('storageFailed', [String(e && e.message || e)]), 'error');
    }
  });
  document.getElementById('reset').addEventListener('click', () => {
    render(schema, settings_default());
    say('');
  });
  await setUpData(() => render(schema, settings_default()));
  document.body.dataset.ready = 'true';
}

main();
