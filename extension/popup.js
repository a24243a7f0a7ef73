// Rapport's toolbar popup: what Rapport sees on the current x.com tab, in plain words.
import init, { version, LedgerStore } from './pkg/rapport_pages.js';
import { api, t, localize } from './ui.js';

async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

function renderStatus(box, st) {
  box.replaceChildren();
  const line = document.createElement('div');
  const key = !st || st.status === 'none' ? 'statusNoTab' : st.status === 'ready' ? 'statusReady'
    : st.status === 'off' ? 'statusOff' : 'statusDegraded';
  line.textContent = t(key);
  box.dataset.status = st ? st.status : 'none';
  box.append(line);
  if (st && st.saveError) {
    const d = document.createElement('div');
    d.className = 'diag';
    d.dataset.reason = 'storage';
    d.textContent = t('saveFailed', [st.saveError]);
    box.append(d);
  }
  if (st && st.storageNote) {
    const d = document.createElement('div');
    d.className = 'diag';
    d.dataset.reason = 'storage-full';
    d.textContent = t('storageShrunk', [st.storageNote.dropped.toLocaleString('en-US')]);
    box.append(d);
  }
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

const KINDS = ['conversation', 'sharing', 'inspiration', 'introduction', 'promotion', 'pitch'];
const SVG = 'http://www.w3.org/2000/svg';

function renderMix(box, m) {
  box.replaceChildren();
  if (!m || !m.posts) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = t('mixPopupNone');
    box.append(p);
    return;
  }
  box.dataset.rapportPitchRatio = m.ratio.toFixed(3);
  box.dataset.rapportPosts = String(m.posts);
  const max = Math.max(1, ...KINDS.map((k) => m.mix[k] || 0));
  for (const k of KINDS) {
    const row = document.createElement('div');
    row.className = k === 'pitch' ? 'row pitch' : 'row';
    const name = document.createElement('span');
    name.textContent = t('kind_' + k);
    const track = document.createElement('div');
    track.className = 'track';
    const fill = document.createElement('div');
    fill.className = 'fill';
    fill.style.width = `${((m.mix[k] || 0) * 100) / max}%`;
    track.append(fill);
    const n = document.createElement('span');
    n.className = 'n';
    n.textContent = String(m.mix[k] || 0);
    row.append(name, track, n);
    box.append(row);
  }
  const summary = document.createElement('p');
  summary.className = 'muted';
  summary.textContent = t('mixSummary', [`${Math.round(m.ratio * 100)}%`, `${Math.round(m.target * 100)}%`]);
  box.append(summary);
  if (m.series.length > 1) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 100 36');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', t('sparkLabel', [String(m.series.length)]));
    const top = Math.max(0.25, m.target * 1.5, ...m.series);
    const y = (r) => (34 - (r / top) * 32).toFixed(2);
    const target = document.createElementNS(SVG, 'line');
    target.setAttribute('x1', '0');
    target.setAttribute('x2', '100');
    target.setAttribute('y1', y(m.target));
    target.setAttribute('y2', y(m.target));
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', m.series.map((r, i) => `${((i * 100) / (m.series.length - 1)).toFixed(2)},${y(r)}`).join(' '));
    svg.append(target, line);
    box.append(svg);
  }
}

function showDraft(draft) {
  const info = LedgerStore.draft_info(draft);
  const count = document.getElementById('intro-count');
  count.textContent = `${info.length} / 280`;
  count.style.color = info.fits ? '' : '#f4212e';
  document.getElementById('intro-open').href = info.url;
}

async function introduce(a, b) {
  const view = await api.runtime.sendMessage({ type: 'introduce', a, b });
  const box = document.getElementById('intro-result');
  const reasons = document.getElementById('intro-reasons');
  reasons.replaceChildren();
  for (const r of (view && view.reasons) || []) {
    const li = document.createElement('li');
    li.textContent = r.evidence.length ? `${r.label} (${r.evidence.join(' · ')})` : r.label;
    reasons.append(li);
  }
  if (!view || !view.reasons.length) {
    const li = document.createElement('li');
    li.textContent = t('introNothing');
    reasons.append(li);
  }
  const draft = document.getElementById('intro-draft');
  draft.value = (view && view.drafts[0]) || '';
  box.hidden = false;
  showDraft(draft.value);
}

async function setupIntroductions() {
  const people = (await api.runtime.sendMessage({ type: 'people' })) || [];
  const list = document.getElementById('people');
  for (const p of people) list.append(new Option(p.name ? `${p.name}` : '', '@' + p.handle));
  const form = document.getElementById('intro-form');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    introduce(form.elements.a.value, form.elements.b.value);
  });
  document.getElementById('intro-draft').addEventListener('input', (ev) => showDraft(ev.target.value));
  document.getElementById('intro-open').addEventListener('click', () => {
    api.runtime.sendMessage({ type: 'introduced', a: form.elements.a.value.replace(/^@/, ''),
      b: form.elements.b.value.replace(/^@/, ''), draft: document.getElementById('intro-draft').value });
  });
  const suggestions = (await api.runtime.sendMessage({ type: 'suggestions' })) || [];
  const ol = document.getElementById('suggestions');
  for (const s of suggestions) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t('introSuggestion', ['@' + s.a, '@' + s.b, s.reason]);
    b.addEventListener('click', () => {
      form.elements.a.value = '@' + s.a;
      form.elements.b.value = '@' + s.b;
      introduce(s.a, s.b);
    });
    li.append(b);
    ol.append(li);
  }
}

async function main() {
  localize(document);
  await init({ module_or_path: new URL('./pkg/rapport_pages_bg.wasm', import.meta.url) });
  document.getElementById('version').textContent = t('version', [version()]);
  const st = await api.runtime.sendMessage({ type: 'get-status', tabId: await activeTabId() });
  renderStatus(document.getElementById('status'), st);
  const reply = await api.runtime.sendMessage({ type: 'waiting' });
  renderWaiting(document.getElementById('waiting'), document.getElementById('waiting-empty'), reply);
  renderMix(document.getElementById('mix'), await api.runtime.sendMessage({ type: 'mix' }));
  await setupIntroductions();
  document.body.dataset.ready = 'true';
}

main();
