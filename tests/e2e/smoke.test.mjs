// Foundation scenes in both browsers: the extension loads on x.com and says ready; under a
// CSP without 'wasm-unsafe-eval' Chromium refuses the wasm and Rapport says so plainly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, until } from './browsers.mjs';

const status = () => [document.documentElement.getAttribute('data-rapport-status'),
  document.documentElement.getAttribute('data-rapport-reason')];

let server;
before(async () => { server = await startServer(443); });
after(() => server.close());

for (const name of ['chromium', 'firefox']) {
  test(`${name}: smoke and strict CSP`, async (t) => {
    const b = await launch(name, 443);
    try {
      await t.test('home: status ready', async () => {
        await b.goto('https://x.com/home');
        const [st, reason] = await until(async () => (await b.eval(status))[0] && b.eval(status), 'status');
        assert.equal(st, 'ready');
        assert.equal(reason, null);
        await b.screenshot('smoke-home');
      });

      await t.test('popup says ready', async () => {
        const p = await b.openExtensionPage('popup.html');
        const box = await until(() => p.eval(() => document.body.dataset.ready &&
          { st: document.getElementById('status').dataset.status, text: document.getElementById('status').textContent }), 'popup');
        assert.equal(box.st, 'ready');
        assert.match(box.text, /reading this page/);
        await p.screenshot('smoke-popup');
        await p.close();
      });

      await t.test('strict CSP (no wasm-unsafe-eval)', async () => {
        await b.goto('https://x.com/home?csp=strict');
        const [st, reason] = await until(async () => (await b.eval(status))[0] && b.eval(status), 'status');
        if (name === 'chromium') {
          // Chromium applies the page's CSP to content-script wasm.
          assert.equal(st, 'degraded');
          assert.equal(reason, 'wasm-blocked');
        } else {
          // Firefox does not apply the page's CSP to content-script wasm (DESIGN.md).
          assert.equal(st, 'ready');
        }
        await b.screenshot('strict-csp');
        const p = await b.openExtensionPage('popup.html');
        const box = await until(() => p.eval(() => document.body.dataset.ready &&
          { st: document.getElementById('status').dataset.status, text: document.getElementById('status').textContent }), 'popup');
        assert.equal(box.st, st);
        if (st === 'degraded') assert.match(box.text, /does not allow WebAssembly.*Nothing was lost/s);
        await p.screenshot('strict-csp-popup');
        await p.close();
      });

      await t.test('no uncaught errors', () => assert.deepEqual(b.errors, []));
    } finally {
      await b.close();
    }
  });
}
