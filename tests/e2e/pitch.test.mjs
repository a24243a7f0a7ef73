// The sales-pitch ratio (issue 6) in both browsers: a pitch typed into X's composer gets a
// pitch-warning between the editor and the Post button; a friendly reply gets none; your
// profile shows the mix panel with the ratio of its posts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './server.mjs';
import { launch, until } from './browsers.mjs';

// The three sales pitches among profile-me's posts (marked `pitch: true` in
// tests/fixtures/generate.mjs).
const PITCHES = ['1901240736034909909', '1901240744710219032', '1901240753385528155'];
const profile = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/pages/profile-me.expected.json'), 'utf8'));

// Types `text` into the compose modal's editor the way a user does (insertText fires input).
function type([text]) {
  const editor = document.querySelector('[role="dialog"] [role="textbox"][contenteditable="true"]');
  editor.focus();
  document.getSelection().selectAllChildren(editor);
  document.execCommand('insertText', false, text);
  return editor.textContent;
}

function warning() {
  const w = document.querySelector('[role="dialog"] [data-rapport-hint="pitch-warning"]');
  if (!w) return null;
  const box = w.parentElement;
  const kids = [...box.children];
  const editorIdx = kids.findIndex((k) => k.querySelector('[role="textbox"]'));
  const buttonIdx = kids.findIndex((k) => k.querySelector('button[data-testid^="tweetButton"]'));
  return {
    ratio: Number(w.getAttribute('data-rapport-ratio')),
    evidence: w.getAttribute('data-rapport-evidence'),
    text: w.shadowRoot && w.shadowRoot.textContent,
    between: editorIdx >= 0 && editorIdx < kids.indexOf(w) && kids.indexOf(w) < buttonIdx,
  };
}

let server;
before(async () => { server = await startServer(443); });
after(() => server.close());

for (const name of ['chromium', 'firefox']) {
  test(`${name}: sales-pitch ratio`, async (t) => {
    const b = await launch(name, 443);
    try {
      await t.test('profile: mix panel with the ratio of its posts', async () => {
        await b.goto('https://x.com/mara_quinn');
        const panel = await until(() => b.eval(() => {
          const p = document.querySelector('[data-rapport-panel="mix"]');
          return p && p.getAttribute('data-rapport-posts') === String(document.querySelectorAll('article[data-rapport-id]').length) &&
            { ratio: Number(p.getAttribute('data-rapport-pitch-ratio')), posts: Number(p.getAttribute('data-rapport-posts')),
              pitches: [...document.querySelectorAll('article[data-rapport-kind="pitch"]')].map((a) => a.getAttribute('data-rapport-id')),
              shadow: !!p.shadowRoot };
        }), 'mix panel');
        assert.equal(panel.posts, profile.posts.length);
        assert.deepEqual(panel.pitches.sort(), [...PITCHES].sort());
        assert.ok(Math.abs(panel.ratio - PITCHES.length / profile.posts.length) < 0.001, `ratio ${panel.ratio}`);
        assert.ok(panel.shadow);
        await b.screenshot('pitch-mix-panel');
      });

      await t.test('composer: a pitch gets a warning with evidence and ratio', async () => {
        await b.goto('https://x.com/compose/post');
        await until(() => b.eval(() => document.documentElement.getAttribute('data-rapport-status')), 'status');
        await b.eval(type, 'Only today: 30% off my course! Book a call now, limited spots: https://gumroad.com/l/course');
        const w = await until(() => b.eval(warning), 'pitch-warning');
        assert.ok(w.between, 'warning sits between the editor and the Post button');
        assert.ok(w.ratio > 0 && w.ratio <= 1, `ratio ${w.ratio}`);
        assert.match(w.evidence, /off|book|gumroad|limited/i);
        assert.match(w.text, /sales pitch/);
        await b.screenshot('pitch-warning');
      });

      await t.test('composer: a friendly reply gets none', async () => {
        await b.eval(type, 'Thank you so much, that made my day! How did the workshop go?');
        await until(async () => (await b.eval(warning)) === null, 'warning removed');
        await b.screenshot('pitch-friendly');
      });

      await t.test('popup shows the mix', async () => {
        const p = await b.openExtensionPage('popup.html');
        const mix = await until(() => p.eval(() => document.body.dataset.ready &&
          document.querySelector('[data-rapport-popup="mix"]').dataset.rapportPosts), 'popup mix');
        assert.ok(Number(mix) >= profile.posts.length);
        await p.screenshot('pitch-popup');
        await p.close();
      });

      await t.test('no uncaught errors', () => assert.deepEqual(b.errors, []));
    } finally {
      await b.close();
    }
  });
}
