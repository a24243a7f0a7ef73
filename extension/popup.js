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

async function main() {
  localize(document);
  await init({ module_or_path: new URL('./pkg/rapport_bg.wasm', import.meta.url) });
  document.getElementById('version').textContent = t('version', [version()]);
  const st = await api.runtime.sendMessage({ type: 'get-status', tabId: await activeTabId() });
  renderStatus(document.getElementById('status'), st);
  document.body.dataset.ready = 'true';
}

main();
