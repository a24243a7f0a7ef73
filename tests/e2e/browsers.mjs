// The two real browsers behind one small interface, so each scene is written once:
// Chromium through playwright-core, Firefox ESR through geckodriver (plain WebDriver).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './server.mjs';

export const DIST = { chromium: path.join(ROOT, 'dist/chrome'), firefox: path.join(ROOT, 'dist/firefox') };
export const GECKO_ID = 'rapport@rapport-for-x.org';
// A fixed internal UUID makes moz-extension:// URLs predictable (pref extensions.webextensions.uuids).
const FIREFOX_UUID = '6f1c1f4e-0b4e-4c55-9d0b-5a5e2f9f7a11';
const TIMEOUT = 15000;

/** Polls `check()` until it returns a truthy value; throws `what` with the last value on timeout. */
export async function until(check, what, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let last;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    last = await check();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

export function shotPath(browser, scene) {
  const dir = path.join(ROOT, 'target/e2e', browser);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, scene + '.png');
}

class ChromiumBrowser {
  name = 'chromium';
  constructor(port, dist = DIST.chromium) { this.port = port; this.dist = dist; this.errors = []; }

  async launch(userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'))) {
    this.userDataDir = userDataDir;
    const hosts = `MAP x.com 127.0.0.1:${this.port},MAP twitter.com 127.0.0.1:${this.port}`;
    this.ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${this.dist}`, `--load-extension=${this.dist}`,
        `--host-resolver-rules=${hosts}`, '--ignore-certificate-errors', '--disable-gpu',
        '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
      ],
      ignoreHTTPSErrors: true,
      viewport: { width: 1100, height: 900 },
    });
    let [sw] = this.ctx.serviceWorkers();
    sw ??= await this.ctx.waitForEvent('serviceworker', { timeout: TIMEOUT });
    this.extBase = sw.url().split('/').slice(0, 3).join('/') + '/';
    this.page = this.ctx.pages()[0] ?? await this.ctx.newPage();
    this.watch(this.page);
    return this;
  }

  watch(page) {
    page.on('pageerror', (e) => this.errors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      // CSP refusals are the browser's own report, not an uncaught error of ours.
      if (m.type() === 'error' && !/Content Security Policy|wasm-unsafe-eval/.test(m.text())) {
        this.errors.push(`console: ${m.text()}`);
      }
    });
  }

  async goto(url) { await this.page.goto(url, { waitUntil: 'domcontentloaded' }); }
  async eval(fn, ...args) { return this.page.evaluate(fn, args); }
  async screenshot(scene) { await this.page.screenshot({ path: shotPath(this.name, scene), fullPage: false }); }

  /** Types `text` with real key events into the first element matching `selector` (focused first). */
  async type(selector, text) { await this.page.locator(selector).first().pressSequentially(text); }

  /** A real click on the first `selector`; with `inner`, `selector` is a shadow host and `inner`
   *  the element inside its open shadow root. */
  async click(selector, inner) {
    const host = this.page.locator(selector).first();
    await (inner ? host.locator(inner).first() : host).click({ timeout: 5000 });
  }

  /** Opens `url` in a new tab without waiting for it to load; the tab's eval waits for it. */
  async openTab(url) {
    const p = await this.ctx.newPage();
    this.watch(p);
    const tab = new ChromiumPage(this, p);
    tab.loading = p.goto(url, { waitUntil: 'domcontentloaded' });
    tab.loading.catch(() => {});
    return tab;
  }

  /** The toolbar badge's text (global), read in the extension's service worker. */
  async badge() {
    const sw = this.ctx.serviceWorkers().find((w) => w.url().startsWith(this.extBase));
    if (sw) {
      try { return await sw.evaluate(() => chrome.action.getBadgeText({})); } catch { /* worker stopped: ask a page */ }
    }
    const p = await this.openExtensionPage('popup.html');
    try { return await p.eval(() => chrome.action.getBadgeText({})); } finally { await p.close(); }
  }

  /** Opens one of the extension's own pages (popup.html, options.html) in a new tab. */
  async openExtensionPage(file) {
    const p = await this.ctx.newPage();
    this.watch(p);
    await p.goto(this.extBase + file);
    return new ChromiumPage(this, p);
  }

  /** Quits the browser and starts it again on the same profile (extension storage kept). */
  async restart() {
    await this.ctx.close();
    return this.launch(this.userDataDir);
  }

  async close() {
    await this.ctx?.close();
    fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

class ChromiumPage {
  constructor(browser, page) { this.browser = browser; this.page = page; this.loading = null; }
  async ready() { if (this.loading) await this.loading; }
  async goto(url) { this.loading = null; await this.page.goto(url, { waitUntil: 'domcontentloaded' }); }
  async eval(fn, ...args) { await this.ready(); return this.page.evaluate(fn, args); }
  /** Picks `paths` in the file input `selector` (as a user choosing files does). */
  async upload(selector, paths) { await this.page.setInputFiles(selector, paths); }
  async screenshot(scene) { await this.ready(); await this.page.screenshot({ path: shotPath(this.browser.name, scene) }); }
  async close() { await this.page.close(); }
}

class FirefoxBrowser {
  name = 'firefox';
  errors = [];
  #queue = Promise.resolve();
  constructor(dist = DIST.firefox) { this.dist = dist; }

  async wd(method, p, body) {
    const r = await fetch(this.base + p, {
      method, headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const j = await r.json();
    if (!r.ok) throw new Error(`${method} ${p} -> ${r.status} ${JSON.stringify(j.value).slice(0, 400)}`);
    return j.value;
  }

  /** Runs `fn` with `handle`'s tab as WebDriver's current window; one at a time, so that
   *  concurrent calls on different tabs never interleave a switch with another tab's command. */
  on(handle, fn) {
    const run = this.#queue.then(async () => {
      if (handle && this.current !== handle) {
        await this.wd('POST', `/session/${this.sid}/window`, { handle });
        this.current = handle;
      }
      return fn();
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  // Firefox reports uncaught exceptions on its stderr (through geckodriver) as
  // "JavaScript error: <url>, line N: <message>"; those of the pages and of the extension are
  // ours to notice (the browser's own chrome/resource scripts are not). Everything is echoed.
  watchStderr(stream) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      process.stderr.write(chunk);
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop();
      for (const l of lines) {
        const m = /^JavaScript error: (\S+?), line \d+: (.*)$/.exec(l.trim());
        if (m && (m[1].startsWith(`moz-extension://${FIREFOX_UUID}/`) || /^https:\/\/(x|twitter)\.com\//.test(m[1]))) {
          this.errors.push(`uncaught: ${m[2]} (${m[1]})`);
        }
      }
    });
  }

  async launch(profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-firefox-'))) {
    this.profileDir = profileDir;
    const port = 4444 + Math.floor(Math.random() * 2000);
    this.gd = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(port), '--log', 'error', '--allow-system-access'],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    this.watchStderr(this.gd.stderr);
    this.base = `http://127.0.0.1:${port}`;
    await until(() => this.wd('GET', '/status').then((s) => s.ready, () => false), 'geckodriver');
    return this.startSession();
  }

  // A Firefox on this.profileDir (used in place, not copied) with the extension installed.
  async startSession() {
    const s = await this.wd('POST', '/session', { capabilities: { alwaysMatch: {
      browserName: 'firefox',
      acceptInsecureCerts: true,
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless', '-profile', this.profileDir],
        prefs: {
          'network.dns.localDomains': 'x.com,twitter.com',
          'network.trr.mode': 5,
          'network.proxy.type': 0,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
          'browser.safebrowsing.malware.enabled': false,
          'browser.safebrowsing.phishing.enabled': false,
          'extensions.getAddons.cache.enabled': false,
          'app.normandy.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
          'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
          // A temporary add-on is uninstalled when Firefox quits; keep its storage.local (and
          // its UUID, which names that storage) so that restart() behaves like a real restart.
          'extensions.webextensions.keepStorageOnUninstall': true,
          'extensions.webextensions.keepUuidOnUninstall': true,
        },
      },
    } } });
    this.sid = s.sessionId;
    this.#queue = Promise.resolve();
    this.mainHandle = this.current = await this.wd('GET', `/session/${this.sid}/window`);
    await this.wd('POST', `/session/${this.sid}/window/rect`, { width: 1100, height: 900 });
    await this.wd('POST', `/session/${this.sid}/moz/addon/install`, { path: this.dist, temporary: true });
    this.extBase = `moz-extension://${FIREFOX_UUID}/`;
    return this;
  }

  /** Quits Firefox and starts it again on the same profile, re-installing the temporary add-on. */
  async restart() {
    await this.wd('DELETE', `/session/${this.sid}`);
    this.sid = null;
    return this.startSession();
  }

  // --- commands on one tab (handle), used by the main tab and by opened tabs/pages ---
  gotoIn(handle, url) { return this.on(handle, () => this.wd('POST', `/session/${this.sid}/url`, { url })); }

  evalIn(handle, fn, args) {
    // WebDriver runs a function body; wrap the function so scenes pass real functions.
    return this.on(handle, () => this.wd('POST', `/session/${this.sid}/execute/async`, {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${fn.toString()})(${JSON.stringify(args)})).then(done, (e) => done({ __error: String(e) }));`,
      args: [],
    })).then((v) => { if (v && v.__error) throw new Error(v.__error); return v; });
  }

  screenshotIn(handle, scene) {
    return this.on(handle, async () => {
      const png = await this.wd('GET', `/session/${this.sid}/screenshot`);
      fs.writeFileSync(shotPath(this.name, scene), Buffer.from(png, 'base64'));
    });
  }

  closeTab(handle) {
    return this.on(handle, async () => {
      await this.wd('DELETE', `/session/${this.sid}/window`);
      this.current = null;
    });
  }

  // Opens `url` in a new background tab from the browser chrome (WebDriver may not navigate
  // content to moz-extension://, and its navigation waits for the load). Does not wait.
  async chromeOpenTab(url) {
    return this.on(null, async () => {
      await this.wd('POST', `/session/${this.sid}/moz/context`, { context: 'chrome' });
      try {
        await this.wd('POST', `/session/${this.sid}/execute/sync`, {
          script: `gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
          args: [url],
        });
      } finally {
        await this.wd('POST', `/session/${this.sid}/moz/context`, { context: 'content' });
      }
    });
  }

  async handles() { return this.on(null, () => this.wd('GET', `/session/${this.sid}/window/handles`)); }

  async goto(url) { await this.gotoIn(this.mainHandle, url); }
  async eval(fn, ...args) { return this.evalIn(this.mainHandle, fn, args); }
  async screenshot(scene) { await this.screenshotIn(this.mainHandle, scene); }

  async element(selector, inner) {
    const ref = (v) => Object.values(v)[0];
    const el = ref(await this.wd('POST', `/session/${this.sid}/element`, { using: 'css selector', value: selector }));
    if (!inner) return el;
    const root = ref(await this.wd('GET', `/session/${this.sid}/element/${el}/shadow`));
    return ref(await this.wd('POST', `/session/${this.sid}/shadow/${root}/element`, { using: 'css selector', value: inner }));
  }

  /** Types `text` with real key events into the first element matching `selector`. */
  async type(selector, text) {
    await this.on(this.mainHandle, async () => {
      const el = await this.element(selector);
      await this.wd('POST', `/session/${this.sid}/element/${el}/value`, { text });
    });
  }

  /** A real click on the first `selector`; with `inner`, `selector` is a shadow host and `inner`
   *  the element inside its open shadow root. */
  async click(selector, inner) {
    await this.on(this.mainHandle, async () => {
      const el = await this.element(selector, inner);
      await this.wd('POST', `/session/${this.sid}/element/${el}/click`, {});
    });
  }

  // A new tab loading `url` (not waited for); resolves to its handle.
  async newTab(url) {
    const before = new Set(await this.handles());
    await this.chromeOpenTab(url);
    return until(async () => (await this.handles()).find((h) => !before.has(h)), 'new tab');
  }

  tab(handle) {
    const self = this;
    return {
      handle,
      async ready() {
        await until(() => self.evalIn(handle, () => document.readyState !== 'loading' && location.href !== 'about:blank')
          .catch(() => false), 'tab loaded');
      },
      goto: (url) => self.gotoIn(handle, url),
      async eval(fn, ...args) { return self.evalIn(handle, fn, args); },
      screenshot: (scene) => self.screenshotIn(handle, scene),
      close: () => self.closeTab(handle),
      // Picks `paths` in the file input `selector`: WebDriver's "send keys" to a file input.
      upload: (selector, paths) => self.on(handle, async () => {
        const el = await self.element(selector);
        await self.wd('POST', `/session/${self.sid}/element/${el}/value`, { text: paths.join('\n') });
      }),
    };
  }

  /** Opens `url` in a new tab without waiting for it to load; the tab's eval waits for it. */
  async openTab(url) {
    const t = this.tab(await this.newTab(url));
    let loaded = null;
    const evalNow = t.eval;
    t.eval = async (fn, ...args) => { await (loaded ??= t.ready()); return evalNow(fn, ...args); };
    return t;
  }

  /** Opens an extension page (popup.html, options.html) in a new tab. */
  async openExtensionPage(file) {
    const t = this.tab(await this.newTab(this.extBase + file));
    await until(() => this.on(t.handle, () => this.wd('GET', `/session/${this.sid}/url`)).then((u) => u.startsWith(this.extBase)),
      'extension page');
    await until(() => t.eval(() => document.readyState !== 'loading').catch(() => false), 'extension page loaded');
    return t;
  }

  /** The toolbar badge's text (global), read from an extension page. */
  async badge() {
    const p = await this.openExtensionPage('popup.html');
    try { return await p.eval(() => browser.action.getBadgeText({})); } finally { await p.close(); }
  }

  async close() {
    if (this.sid) await this.wd('DELETE', `/session/${this.sid}`).catch(() => {});
    this.gd?.kill();
    fs.rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/** Launches `name` ('chromium' | 'firefox') with the built extension; `port` is the fixture's. */
export async function launch(name, port, dist = DIST[name]) {
  const b = name === 'chromium' ? new ChromiumBrowser(port, dist) : new FirefoxBrowser(dist);
  return b.launch();
}
