// Rapport's toolbar popup: what Rapport sees on the current x.com tab, in plain words.
import init, { version } from './pkg/rapport.js';
import { api, t, localize } from './ui.js';

async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

function renderStatus(box, st) {
  box.replaceChildren();
  const line = document.createElement('div');
  const key = !st ? 'statusNoTab' : st.status === 'ready' ? 'statusReady'
    : st.status === 'off' ? 'statusOff' : 'statusDegraded';
  line.textContent = t(key);
  box.dataset.status = st ? st.status : 'none';
  box.append(line);
  for (const reason of (st && st.reason ? st.reason.split(' ') : [])) {
    const d = document.createElement('div');
    d.className = 'diag';
    d.dataset.reason = reason;
    d.textContent = t('reason_' + reason.replaceAll('-', '_')) || reason;
    box.append(d);
  }
}

function renderWaiting(list, empty, reply) {
  list.replaceChildren();
  const items = (reply && reply.waiting) || [];
  for (const w of items) {
    const li = document.createElement('li');
    li.dataset.rapportWaitingId = w.id;
    const a = document.createElement('a');
    a.href = `https://x.com/${encodeURIComponent(w.who)}/status/${encodeURIComponent(w.id)}`;
    a.target = '_blank';
    a.rel = 'noopener';
    a.setAttribute('aria-label', t('waitingItemLabel', [w.name, w.age, w.line]));
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = [...(w.name || w.who)][0]?.toUpperCase() ?? '?';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = w.name;
    const age = document.createElement('span');
    age.className = 'age';
    age.textContent = w.age;
    const line = document.createElement('span');
    line.className = 'line';
    line.textContent = w.line;
    a.append(avatar, name, age, line);
    li.append(a);
    list.append(li);
  }
  empty.hidden = items.length > 0;
  empty.textContent = reply && reply.me ? t('waitingNone') : t('waitingUnknownMe');
}

async function main() {
  localize(document);
  await init({ module_or_path: new URL('./pkg/rapport_bg.wasm', import.meta.url) });
  document.getElementById('version').textContent = t('version', [version()]);
  const st = await api.runtime.sendMessage({ type: 'get-status', tabId: await activeTabId() });
  renderStatus(document.getElementById('status'), st);
  const reply = await api.runtime.sendMessage({ type: 'waiting' });
  renderWaiting(document.getElementById('waiting'), document.getElementById('waiting-empty'), reply);
  document.body.dataset.ready = 'true';
}

main();
