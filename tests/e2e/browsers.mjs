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
  constructor(port) { this.port = port; this.errors = []; }

  async launch(userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-'))) {
    this.userDataDir = userDataDir;
    const hosts = `MAP x.com 127.0.0.1:${this.port},MAP twitter.com 127.0.0.1:${this.port}`;
    this.ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${DIST.chromium}`, `--load-extension=${DIST.chromium}`,
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

  /** Opens one of the extension's own pages (popup.html, options.html) in a new tab. */
  async openExtensionPage(file) {
    const p = await this.ctx.newPage();
    this.watch(p);
    await p.goto(this.extBase + file);
    return new ChromiumPage(this, p);
  }

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
  constructor(browser, page) { this.browser = browser; this.page = page; }
  async eval(fn, ...args) { return this.page.evaluate(fn, args); }
  async screenshot(scene) { await this.page.screenshot({ path: shotPath(this.browser.name, scene) }); }
  async close() { await this.page.close(); }
}

class FirefoxBrowser {
  name = 'firefox';
  errors = [];

  async wd(method, p, body) {
    const r = await fetch(this.base + p, {
      method, headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const j = await r.json();
    if (!r.ok) throw new Error(`${method} ${p} -> ${r.status} ${JSON.stringify(j.value).slice(0, 400)}`);
    return j.value;
  }

  async launch(profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-firefox-'))) {
    this.profileDir = profileDir;
    const port = 4444 + Math.floor(Math.random() * 2000);
    this.gd = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(port), '--log', 'error', '--allow-system-access'],
      { stdio: ['ignore', 'ignore', 'inherit'] });
    this.base = `http://127.0.0.1:${port}`;
    await until(() => this.wd('GET', '/status').then((s) => s.ready, () => false), 'geckodriver');
    const s = await this.wd('POST', '/session', { capabilities: { alwaysMatch: {
      browserName: 'firefox',
      acceptInsecureCerts: true,
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless', '-profile', profileDir],
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
        },
      },
    } } });
    this.sid = s.sessionId;
    await this.wd('POST', `/session/${this.sid}/window/rect`, { width: 1100, height: 900 });
    await this.wd('POST', `/session/${this.sid}/moz/addon/install`, { path: DIST.firefox, temporary: true });
    this.extBase = `moz-extension://${FIREFOX_UUID}/`;
    return this;
  }

  async goto(url) { await this.wd('POST', `/session/${this.sid}/url`, { url }); }

  async eval(fn, ...args) {
    // WebDriver runs a function body; wrap the function so scenes pass real functions.
    return this.wd('POST', `/session/${this.sid}/execute/async`, {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${fn.toString()})(${JSON.stringify(args)})).then(done, (e) => done({ __error: String(e) }));`,
      args: [],
    }).then((v) => { if (v && v.__error) throw new Error(v.__error); return v; });
  }

  async screenshot(scene) {
    const png = await this.wd('GET', `/session/${this.sid}/screenshot`);
    fs.writeFileSync(shotPath(this.name, scene), Buffer.from(png, 'base64'));
  }

  /** Opens an extension page in a new tab and switches to it; `close()` switches back. */
  async openExtensionPage(file) {
    const back = await this.wd('GET', `/session/${this.sid}/window`);
    const { handle } = await this.wd('POST', `/session/${this.sid}/window/new`, { type: 'tab' });
    await this.wd('POST', `/session/${this.sid}/window`, { handle });
    // WebDriver may not navigate content to moz-extension:// pages; the browser chrome may.
    await this.wd('POST', `/session/${this.sid}/moz/context`, { context: 'chrome' });
    await this.wd('POST', `/session/${this.sid}/execute/sync`, {
      script: `gBrowser.selectedBrowser.fixupAndLoadURIString(arguments[0],
        { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
      args: [this.extBase + file],
    });
    await this.wd('POST', `/session/${this.sid}/moz/context`, { context: 'content' });
    await until(async () => (await this.wd('GET', `/session/${this.sid}/url`)).startsWith(this.extBase), 'extension page');
    const self = this;
    return {
      eval: (fn, ...args) => self.eval(fn, ...args),
      screenshot: (scene) => self.screenshot(scene),
      async close() {
        await self.wd('DELETE', `/session/${self.sid}/window`);
        await self.wd('POST', `/session/${self.sid}/window`, { handle: back });
      },
    };
  }

  async close() {
    if (this.sid) await this.wd('DELETE', `/session/${this.sid}`).catch(() => {});
    this.gd?.kill();
    fs.rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/** Launches `name` ('chromium' | 'firefox') with the built extension; `port` is the fixture's. */
export async function launch(name, port) {
  const b = name === 'chromium' ? new ChromiumBrowser(port) : new FirefoxBrowser();
  return b.launch();
}
