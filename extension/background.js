// Rapport's background (Chrome: module service worker; Firefox: module event page).
// Keeps each x.com tab's status for the popup and shows trouble on the toolbar badge.
const api = globalThis.browser ?? globalThis.chrome;

async function tabs() {
  const { tabs = {} } = await api.storage.session.get('tabs');
  return tabs;
}

async function setStatus(tab, msg, url) {
  const all = await tabs();
  all[tab.id] = { status: msg.status, reason: msg.reason ?? null, url, at: Date.now() };
  await api.storage.session.set({ tabs: all });
  const degraded = msg.status === 'degraded';
  await api.action.setBadgeText({ tabId: tab.id, text: degraded ? '!' : '' });
  if (degraded) await api.action.setBadgeBackgroundColor({ tabId: tab.id, color: '#b45309' });
}

// The status of `tabId`, or else of the x.com tab heard from most recently.
async function getStatus(tabId) {
  const all = await tabs();
  if (tabId != null && all[tabId]) return { tabId, ...all[tabId] };
  const latest = Object.entries(all).sort((a, b) => b[1].at - a[1].at)[0];
  return latest ? { tabId: Number(latest[0]), ...latest[1] } : null;
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg?.type === 'status' && sender.tab) {
    setStatus(sender.tab, msg, sender.url).then(() => sendResponse({ ok: true }),
      (e) => sendResponse({ ok: false, error: String(e) }));
    return true;
  }
  if (msg?.type === 'get-status') {
    getStatus(msg.tabId).then(sendResponse, () => sendResponse(null));
    return true;
  }
  return false;
});

api.tabs.onRemoved.addListener(async (tabId) => {
  const all = await tabs();
  if (all[tabId]) {
    delete all[tabId];
    await api.storage.session.set({ tabs: all });
  }
});
