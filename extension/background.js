// Rapport's background (Chrome: module service worker; Firefox: module event page).
// The one writer of the ledger: tabs send it small deltas, it merges (order-free, so two tabs
// never lose each other's writes), saves, and tells the other tabs. Also: each tab's status
// for the popup, and the toolbar badge (how many people wait for your answer).
import init, {
  LedgerStore, HistoryStore, ledger_answered_delta, ledger_dismiss_delta,
  backup_export, backup_read, storage_migrate,
} from './pkg/rapport_pages.js';

const api = globalThis.browser ?? globalThis.chrome;
const SAVE_DELAY_MS = 250;
let store;
let history;
let me = '';
let settings = null;
let saveTimer = null;
let saveError = null;
let readOnly = null; // why Rapport must not write (stored data newer than this build), or null
let storageNote = null; // {dropped, at} after a full storage made room

// Brings stored data up to this build's schema (core::storage): keys are only ever added or
// replaced, and whatever cannot be read is set aside first. The big ledger and history
// strings are not needed to migrate, so they are not handed over.
// `all` is everything stored (read once at start); returns it as migrated.
async function migrate(all) {
  const small = { ...all };
  for (const k of ['ledger', 'history']) if (k in small) small[k] = '';
  try {
    const m = storage_migrate(JSON.stringify(small), Date.now());
    if (Object.keys(m.set).length) await api.storage.local.set(m.set);
    Object.assign(all, m.set);
    for (const note of m.notes) console.warn('[Rapport] storage migration:', note);
  } catch (e) {
    readOnly = String(e && e.message || e);
    saveError = readOnly;
  }
  return all;
}

const ready = (async () => {
  await init({ module_or_path: new URL('./pkg/rapport_pages_bg.wasm', import.meta.url) });
  // One read of everything: the migration and the stores both need it.
  const got = await migrate(await api.storage.local.get(null));
  me = got.me ?? '';
  settings = got.settings ?? null;
  store = new LedgerStore();
  if (typeof got.ledger === 'string') {
    try {
      store = LedgerStore.load(got.ledger);
    } catch (e) {
      // Never clobber: keep the damaged copy beside the fresh ledger.
      await api.storage.local.set({ ['ledger-damaged-' + Date.now()]: got.ledger });
      console.warn('[Rapport] stored ledger was damaged and was set aside:', String(e));
    }
  }
  history = new HistoryStore();
  if (typeof got.history === 'string') {
    try {
      history = HistoryStore.load(got.history);
    } catch (e) {
      await api.storage.local.set({ ['history-damaged-' + Date.now()]: got.history });
    }
  }
  await updateBadge();
})();

// Chrome: "QUOTA_BYTES quota exceeded"; Firefox: QuotaExceededError, or a full disk.
const isQuota = (e) => /quota|disk.*full|no space/i.test(String(e && (e.name + ' ' + e.message) || e));

// Writes the ledger and history (and `extra` keys) in one call. When storage is full it makes
// room by dropping the older half of other people's posts (never your posts, answers or
// dismissals) and tries again.
async function save(extra = {}) {
  if (readOnly) throw new Error(readOnly);
  for (;;) {
    try {
      await api.storage.local.set({ ledger: store.to_json(), history: history.to_json(), me, ...extra });
      saveError = null;
      return;
    } catch (e) {
      const dropped = isQuota(e) ? store.shrink() : 0;
      if (dropped === 0) throw e;
      storageNote = { dropped: (storageNote?.dropped ?? 0) + dropped, at: Date.now() };
      // Kept for the browsing session: Chrome may stop this worker before the popup asks.
      await api.storage.session.set({ storageNote });
      console.warn(`[Rapport] storage full: dropped ${dropped} older records of others' posts`);
    }
  }
}

function scheduleSave() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(async () => {
    try {
      await save();
    } catch (e) {
      saveError = String(e && e.message || e); // kept in memory; retried on the next change
    }
  }, SAVE_DELAY_MS);
}

// Applies `change` (which may return more keys to store) and saves at once. All or nothing:
// if anything fails, memory is put back as it was and storage was never written.
async function commit(change) {
  await ready;
  clearTimeout(saveTimer);
  const before = { ledger: store.to_json(), history: history.to_json(), me };
  try {
    const extra = (await change()) ?? {};
    await save(extra);
    return extra;
  } catch (e) {
    store = LedgerStore.load(before.ledger);
    history = HistoryStore.load(before.history);
    me = before.me;
    throw e;
  }
}

function waiting() {
  return me ? store.waiting(me, settings, Date.now()) : [];
}

async function updateBadge() {
  const n = waiting().length;
  await api.action.setBadgeText({ text: n > 0 ? String(n) : '' });
  await api.action.setBadgeBackgroundColor({ color: '#1d9bf0' });
}

async function tabs() {
  const { tabs = {} } = await api.storage.session.get('tabs');
  return tabs;
}

// Tells every other x.com tab about a change, so their hints follow.
async function broadcast(delta, exceptTab, type = 'ledger-delta') {
  for (const id of Object.keys(await tabs())) {
    if (Number(id) === exceptTab) continue;
    api.tabs.sendMessage(Number(id), { type, delta }).catch(() => {});
  }
}

// Introductions whose two people have since been seen talking are marked connected.
// Storage is read only while some introduction is still waiting to connect.
let openIntroductions = null; // unknown until first checked
async function markConnected() {
  if (openIntroductions === 0) return;
  const { introductions = [] } = await api.storage.local.get('introductions');
  let changed = false;
  for (const i of introductions) {
    if (i.connected == null && store.talked(i.a, i.b)) {
      i.connected = Date.now();
      changed = true;
    }
  }
  if (changed) await api.storage.local.set({ introductions });
  openIntroductions = introductions.filter((i) => i.connected == null).length;
}

// After a bulk change (import, restore): the badge, the tabs and the introductions follow.
async function afterChange(ledgerDelta, historyDelta) {
  await updateBadge();
  await broadcast(ledgerDelta);
  await broadcast(historyDelta, undefined, 'history-delta');
  await markConnected();
}

async function apply(delta, fromTab) {
  await ready;
  store.merge_json(delta);
  scheduleSave();
  await updateBadge();
  await broadcast(delta, fromTab);
  await markConnected();
}

async function setStatus(tab, msg, url) {
  const all = await tabs();
  all[tab.id] = { status: msg.status, reason: msg.reason ?? null, url, at: Date.now() };
  await api.storage.session.set({ tabs: all });
  const degraded = msg.status === 'degraded';
  await api.action.setBadgeText({ tabId: tab.id, text: degraded ? '!' : null });
  if (degraded) await api.action.setBadgeBackgroundColor({ tabId: tab.id, color: '#b45309' });
}

// The status of `tabId`, or else of the x.com tab heard from most recently.
async function getStatus(tabId) {
  const all = await tabs();
  storageNote ??= (await api.storage.session.get('storageNote')).storageNote ?? null;
  if (tabId != null && all[tabId]) return { tabId, ...all[tabId], saveError, storageNote };
  const latest = Object.entries(all).sort((a, b) => b[1].at - a[1].at)[0];
  return latest ? { tabId: Number(latest[0]), ...latest[1], saveError, storageNote }
    : (saveError || storageNote) ? { status: 'none', saveError, storageNote } : null;
}

const handlers = {
  status: (msg, sender) => sender.tab && setStatus(sender.tab, msg, sender.url),
  'ledger-delta': async (msg, sender) => {
    if (msg.me && msg.me !== me) me = msg.me;
    await apply(msg.delta, sender.tab?.id);
  },
  answered: (msg) => apply(ledger_answered_delta(msg.id, Date.now())),
  dismiss: (msg) => apply(ledger_dismiss_delta(msg.id, Date.now())),
  'ledger-get': async () => { await ready; return store.to_json(); },
  'history-delta': async (msg, sender) => {
    await ready;
    history.merge_json(msg.delta);
    scheduleSave();
    await broadcast(msg.delta, sender.tab?.id, 'history-delta');
  },
  'history-get': async () => { await ready; return history.to_json(); },
  mix: async () => { await ready; return history.standing(settings); },
  // People picked for an introduction, kept for this browsing session only.
  'intro-pick': async (msg) => {
    const person = JSON.parse(msg.person);
    let picked = JSON.parse((await api.storage.session.get('picked')).picked ?? '[]');
    if (picked.length >= 2) picked = [];
    if (!picked.some((p) => p.handle.toLowerCase() === person.handle.toLowerCase())) picked.push(person);
    await api.storage.session.set({ picked: JSON.stringify(picked) });
    return JSON.stringify(picked);
  },
  'intro-clear': () => api.storage.session.set({ picked: '[]' }),
  people: async () => { await ready; return store.people(); },
  introduce: async (msg) => { await ready; return store.introduction(msg.a, msg.b); },
  suggestions: async () => { await ready; return store.suggestions(me); },
  'intro-get': async () => (await api.storage.session.get('picked')).picked ?? '[]',
  introduced: async (msg) => {
    const { introductions = [] } = await api.storage.local.get('introductions');
    introductions.push({ a: msg.a, b: msg.b, at: Date.now(), draft: msg.draft, connected: null });
    await api.storage.local.set({ introductions });
    openIntroductions = null;
    await api.storage.session.set({ picked: '[]' });
  },
  'get-status': (msg) => getStatus(msg.tabId),
  // An archive read by the options page's worker: its ledger and history deltas, stored at
  // once or not at all. Merging is idempotent: the same archive again changes nothing.
  'archive-import': async (msg) => {
    const extra = await commit(async () => {
      store.merge_json(msg.ledger);
      history.merge_json(msg.history);
      if (!me) me = msg.summary.owner;
      const { imports = [] } = await api.storage.local.get('imports');
      imports.push({ owner: msg.summary.owner, posts: msg.summary.posts, at: Date.now(), file: msg.file ?? '' });
      return { imports };
    });
    await afterChange(msg.ledger, msg.history);
    return { imports: extra.imports };
  },
  export: async () => {
    await ready;
    const rest = await api.storage.local.get(['settings', 'introductions', 'imports']);
    return backup_export(store, history, JSON.stringify({ me, ...rest }), Date.now());
  },
  // An export file: checked whole by Rust first; then joined into what is here.
  restore: async (msg) => {
    const b = backup_read(msg.text);
    const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
    await commit(async () => {
      store.merge_json(b.ledger);
      history.merge_json(b.history);
      if (!me) me = b.me;
      const got = await api.storage.local.get(['introductions', 'imports']);
      const union = (mine = [], theirs) => mine.concat(theirs.filter((x) => !mine.some((y) => same(x, y))));
      const extra = { introductions: union(got.introductions, b.introductions), imports: union(got.imports, b.imports) };
      if (b.settings != null) extra.settings = b.settings;
      return extra;
    });
    openIntroductions = null;
    await afterChange(b.ledger, b.history);
    return { posts: b.counts.posts, history: b.counts.history, introductions: b.introductions.length };
  },
  // "Erase all data": everything in storage goes, settings included; tabs forget too.
  erase: async () => {
    await ready;
    clearTimeout(saveTimer);
    await api.storage.local.clear();
    store = new LedgerStore();
    history = new HistoryStore();
    me = '';
    settings = null;
    openIntroductions = null;
    saveError = readOnly = storageNote = null;
    await api.storage.session.remove('storageNote');
    await migrate({}); // writes this build's schema version into the empty storage
    await api.storage.session.set({ picked: '[]' });
    await updateBadge();
    for (const id of Object.keys(await tabs())) api.tabs.sendMessage(Number(id), { type: 'erased' }).catch(() => {});
  },
  waiting: async () => { await ready; return { me, waiting: waiting() }; },
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const h = msg && handlers[msg.type];
  if (!h) return false;
  Promise.resolve(h(msg, sender)).then((r) => sendResponse(r ?? null),
    (e) => sendResponse({ error: String(e && e.message || e) }));
  return true;
});

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.settings) {
    settings = changes.settings.newValue ?? null;
    ready.then(updateBadge);
  }
});

api.tabs.onRemoved.addListener(async (tabId) => {
  const all = await tabs();
  if (all[tabId]) {
    delete all[tabId];
    await api.storage.session.set({ tabs: all });
  }
});
