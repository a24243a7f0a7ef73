// Introductions (issue 7) in both browsers: pick person A from the hover card, person B from
// a profile header; the panel shows a draft with @A and @B that fits X's length; "Open in X"
// goes to X's compose intent carrying that text (the fixture server answers it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, until } from './browsers.mjs';

const A = 'noor_haddad';
const B = 'theo_lindqvist';

// Clicks the introduce control (a real button in the host's shadow root) for `handle`.
function pick([handle]) {
  const host = document.querySelector(`[data-rapport-action="introduce"][data-rapport-handle="${handle}"]`);
  const button = host && host.shadowRoot && host.shadowRoot.querySelector('button[data-rapport-action="introduce"]');
  if (!button) return false;
  button.click();
  return true;
}

function panel() {
  const p = document.querySelector('[data-rapport-panel="introduction"]');
  const root = p && p.shadowRoot;
  const draft = root && root.querySelector('[data-rapport-draft]');
  const open = root && root.querySelector('a[data-rapport-action="open-in-x"]');
  return draft && open && { draft: draft.value ?? draft.textContent, href: open.href, text: root.textContent };
}

let server;
before(async () => { server = await startServer(443); });
after(() => server.close());

for (const name of ['chromium', 'firefox']) {
  test(`${name}: introductions`, async (t) => {
    const b = await launch(name, 443);
    try {
      await t.test('pick A on a hover card, B on a profile; the panel drafts the post', async () => {
        await b.goto('https://x.com/home?fixture=hovercard');
        await until(() => b.eval(pick, A), 'introduce control on the hover card');
        await until(() => b.eval(() => !!document.querySelector('[data-rapport-panel="tray"]')), 'tray');
        await b.screenshot('introduce-tray');
        await b.goto(`https://x.com/${B}`);
        await until(() => b.eval(pick, B), 'introduce control on the profile header');
        const p = await until(() => b.eval(panel), 'introduction panel');
        assert.match(p.draft, new RegExp(`@${A}\\b`));
        assert.match(p.draft, new RegExp(`@${B}\\b`));
        assert.ok([...p.draft].length <= 280, `draft too long: ${p.draft.length}`);
        assert.equal(new URL(p.href).searchParams.get('text'), p.draft);
        await b.screenshot('introduce-panel');
      });

      await t.test('"Open in X" navigates to the intent URL with the draft', async () => {
        const p = await b.eval(panel);
        // Follow the link in this tab (it may open a new tab for users).
        await b.eval(() => {
          const a = document.querySelector('[data-rapport-panel="introduction"]').shadowRoot
            .querySelector('a[data-rapport-action="open-in-x"]');
          a.removeAttribute('target');
          setTimeout(() => a.click(), 0); // after this script returns: the page navigates away
        });
        const text = await until(() => b.eval(() => location.pathname === '/intent/post' &&
          new URL(location.href).searchParams.get('text')).catch(() => false), 'intent page');
        assert.equal(text, p.draft);
        await b.screenshot('introduce-intent');
      });

      await t.test('no uncaught errors', () => assert.deepEqual(b.errors, []));
    } finally {
      await b.close();
    }
  });
}
