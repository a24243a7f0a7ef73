// Rapport's content-script loader: loads the wasm and hands the page to Rust.
// Classic script (content scripts cannot be modules); the wasm-bindgen glue of the lean content
// module (see build.sh) is an ES module listed in web_accessible_resources, so it is imported
// dynamically.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const root = document.documentElement;

  // The only decision made in JS: when the wasm cannot load, nothing else can run.
  // Chromium applies the page's CSP to content-script wasm (x.com allowed it in 2026,
  // older policies did not); Firefox does not. Seen with Chromium 156, 2026-11.
  function degrade(reason, error) {
    root.setAttribute('data-rapport-status', 'degraded');
    root.setAttribute('data-rapport-reason', reason);
    console.info(`[Rapport] running degraded (${reason}):`, String(error && error.message || error));
    api.runtime.sendMessage({ type: 'status', status: 'degraded', reason }).catch(() => {});
  }

  async function start() {
    performance.mark('rapport:start');
    const base = api.runtime.getURL('pkg/');
    let wasm;
    try {
      wasm = await import(base + 'rapport.js');
      await wasm.default({ module_or_path: base + 'rapport_bg.wasm' });
    } catch (e) {
      const blocked = e instanceof WebAssembly.CompileError ||
        /Content.Security.Policy|wasm-unsafe-eval|WebAssembly/i.test(String(e));
      degrade(blocked ? 'wasm-blocked' : 'wasm-failed', e);
      return;
    }
    wasm.content_start(api);
    // The start-up cost, for `./build.sh bench` (a User Timing entry, visible in dev tools).
    performance.measure('rapport:startup', 'rapport:start');
    // Changes made in other tabs (or the popup) reach this tab through the background.
    api.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && changes.settings) wasm.content_settings(changes.settings.newValue ?? null);
    });
    api.runtime.onMessage.addListener((msg) => {
      if (msg && ['ledger-delta', 'history-delta', 'erased'].includes(msg.type)) wasm.content_message(msg);
      return false;
    });
  }

  start().catch((e) => degrade('internal', e));
})();
