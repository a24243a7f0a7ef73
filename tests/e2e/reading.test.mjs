// Reading X (issue 3) in both browsers: every post of the home fixture is recognised (and
// nothing else), in-app navigation re-reads the new page, and each broken-markup fixture
// degrades with its reason and no uncaught error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './server.mjs';
import { launch, until } from './browsers.mjs';

const fixtures = path.join(ROOT, 'tests/fixtures/pages');
const expected = (f) => JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8'));
const mutations = fs.readdirSync(path.join(fixtures, 'mutations'))
  .filter((f) => f.endsWith('.expected.json')).map((f) => f.replace('.expected.json', ''));

// Everything the page contract says about posts, read in the page.
function contract() {
  const posts = [...document.querySelectorAll('article[role="article"]')].filter((a) => !a.closest('template'));
  const marked = [...document.querySelectorAll('[data-rapport-id]')];
  return {
    status: document.documentElement.getAttribute('data-rapport-status'),
    reason: document.documentElement.getAttribute('data-rapport-reason'),
    ids: marked.map((e) => e.getAttribute('data-rapport-id')),
    kinds: marked.map((e) => e.getAttribute('data-rapport-kind')),
    markedNonPosts: marked.filter((e) => e.tagName !== 'ARTICLE' || e.closest('div[role="link"] article')).length,
    articles: posts.length,
    path: location.pathname,
  };
}

let server;
before(async () => { server = await startServer(443); });
after(() => server.close());

for (const name of ['chromium', 'firefox']) {
  test(`${name}: reading X`, async (t) => {
    const b = await launch(name, 443);
    try {
      await t.test('home: every post recognised, nothing else', async () => {
        const want = expected('home.expected.json').posts.map((p) => p.id);
        await b.goto('https://x.com/home');
        const c = await until(async () => {
          const c = await b.eval(contract);
          return c.ids.length >= want.length && c;
        }, 'all posts marked');
        assert.deepEqual(c.ids, want);
        assert.equal(c.markedNonPosts, 0);
        assert.ok(c.kinds.every((k) => ['conversation', 'sharing', 'inspiration', 'introduction', 'promotion', 'pitch'].includes(k)), c.kinds.join());
        assert.equal(c.status, 'ready');
        await b.screenshot('reading-home');
      });

      await t.test('in-app navigation re-reads the new page', async () => {
        const want = expected('profile-me.expected.json').posts.map((p) => p.id);
        await b.eval(() => document.querySelector('a[href="/mara_quinn"][data-fixture-nav]').click());
        const c = await until(async () => {
          const c = await b.eval(contract);
          return c.path === '/mara_quinn' && want.every((id) => c.ids.includes(id)) && c;
        }, 'profile posts marked after navigation');
        assert.deepEqual(c.ids, want);
        assert.equal(c.status, 'ready');
      });

      for (const m of mutations) {
        await t.test(`mutation ${m}: degrades with its reason`, async () => {
          const want = expected(`mutations/${m}.expected.json`);
          await b.goto(`https://x.com/home?fixture=${m}`);
          const c = await until(async () => {
            const c = await b.eval(contract);
            return c.status === 'degraded' && c;
          }, `degraded status on ${m}`);
          assert.equal(c.reason, want.degraded.join(' '));
          assert.equal(c.ids.length, want.posts);
        });
      }

      await t.test('options: validation, then the debug switch outlines recognised posts', async () => {
        const o = await b.openExtensionPage('options.html');
        await until(() => o.eval(() => document.body.dataset.ready), 'options page');
        // An invalid value is refused with a message and nothing is saved.
        const refused = await o.eval(async () => {
          document.getElementById('f-waiting_days').value = '0';
          document.getElementById('save').click();
          await new Promise((r) => requestAnimationFrame(r));
          const { settings } = await (globalThis.browser ?? chrome).storage.local.get('settings');
          return { error: document.getElementById('e-waiting_days').textContent, saved: settings ?? null };
        });
        assert.ok(refused.error.length > 0);
        assert.equal(refused.saved, null);
        await o.eval(() => {
          document.getElementById('f-waiting_days').value = '14';
          document.getElementById('f-debug').checked = true;
          document.getElementById('save').click();
        });
        await until(() => o.eval(async () =>
          (await (globalThis.browser ?? chrome).storage.local.get('settings')).settings?.debug === true), 'saved');
        await o.screenshot('options');
        await o.close();
        await b.goto('https://x.com/home');
        const outlined = await until(() => b.eval(() =>
          document.querySelectorAll('article[data-rapport-id][style*="outline"]').length), 'outlined posts');
        assert.ok(outlined > 0);
      });

      await t.test('no uncaught errors', () => assert.deepEqual(b.errors, []));
    } finally {
      await b.close();
    }
  });
}
