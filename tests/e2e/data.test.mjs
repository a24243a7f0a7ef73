// Your data (issue 8) in both browsers, on the options page: importing the real X archive
// shows progress and ends with its numbers (and the popup's mix follows); importing it again
// changes nothing; a truncated tweets.js is refused with its position and nothing changes;
// export, erase and restore give back exactly what was there; and data written by the
// previous storage schema survives an update to this build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './server.mjs';
import { launch, until, DIST } from './browsers.mjs';

const SHARED = process.env.RAPPORT_SHARED ?? path.join(ROOT, '../shared');
const ARCHIVE = path.join(SHARED, 'data/x-archive/milahu104-2026-03-06');
const WORK = path.join(ROOT, 'target/e2e/data');
const ZIP = path.join(WORK, 'twitter-2026-03-06-milahu104.zip');
const BROKEN = path.join(WORK, 'broken/data');

// The archive as X delivers it: a zip with the data files under data/ (made at test time
// from the shared copy; never kept in the project).
function makeInputs() {
  fs.mkdirSync(BROKEN, { recursive: true });
  execFileSync('python3', ['-c', `
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(os.listdir(src)):
        z.write(os.path.join(src, f), f if f == "README.txt" else "data/" + f)
`, ARCHIVE, ZIP]);
  const tweets = fs.readFileSync(path.join(ARCHIVE, 'tweets.js'));
  fs.writeFileSync(path.join(BROKEN, 'tweets.js'), tweets.subarray(0, Math.floor(tweets.length * 0.6)));
  fs.copyFileSync(path.join(ARCHIVE, 'account.js'), path.join(BROKEN, 'account.js'));
}

// In the options page: records what the import progress showed, for the test to read.
function watchProgress() {
  const box = document.getElementById('import-progress');
  window.__seen = [];
  new MutationObserver(() => {
    const bar = document.getElementById('import-bar');
    window.__seen.push({ shown: box.offsetParent !== null, stage: box.dataset.stage ?? '', value: bar.position,
      text: document.getElementById('import-stage').textContent });
  }).observe(box, { attributes: true, subtree: true, childList: true, characterData: true });
  return true;
}

const result = ([id]) => {
  const el = document.getElementById(id);
  return el.dataset.kind && el.dataset.kind !== 'info' ? { kind: el.dataset.kind, text: el.textContent, ...el.dataset } : null;
};

const stored = () => (globalThis.browser ?? globalThis.chrome).storage.local.get(null);

let server;
before(async () => { makeInputs(); server = await startServer(443); });
after(() => server.close());

for (const name of ['chromium', 'firefox']) {
  test(`${name}: your data`, async (t) => {
    const b = await launch(name, 443);
    try {
      const opts = await b.openExtensionPage('options.html');
      await until(() => opts.eval(() => document.body.dataset.ready === 'true'), 'options page ready');

      await t.test('1. importing the real archive shows progress and ends with its numbers', async () => {
        await opts.eval(watchProgress);
        await opts.upload('#import-file', [ZIP]);
        const r = await until(() => opts.eval(result, 'import-result'), 'import result', 60000);
        assert.equal(r.kind, 'done', r.text);
        assert.deepEqual([r.owner, r.posts, r.replies, r.reposts], ['milahu104', '2045', '1780', '239']);
        assert.match(r.text, /2,045 posts \(1,780 replies, 239 reposts\)/);
        console.log(`# ${name}: archive import took ${r.ms} ms in the worker`);
        const seen = await opts.eval(() => window.__seen);
        assert.ok(seen.some((s) => s.shown && s.stage === 'read'), 'a reading stage was shown');
        const posts = seen.filter((s) => s.shown && s.stage === 'posts');
        assert.ok(posts.length >= 2, `posts progress shown in steps (${posts.length})`);
        assert.match(posts.at(-1).text, /2,045 of 2,045/);
        assert.ok(posts.at(-1).value > posts[0].value, 'the bar moved');
        assert.equal(await opts.eval(() => document.getElementById('import-progress').offsetParent), null, 'progress gone');
        const s = await opts.eval(stored);
        assert.equal(s.me, 'milahu104');
        assert.equal(s.imports.length, 1);
        await opts.screenshot('data-1-imported');
      });

      await t.test('1b. Cancel stops an import and changes nothing; the unzipped files import the same', async () => {
        const before = await opts.eval(stored);
        // Cancel as soon as the first progress shows (the page's own Cancel button).
        await opts.eval(() => {
          const box = document.getElementById('import-progress');
          const mo = new MutationObserver(() => {
            if (box.dataset.stage === 'read' || box.dataset.stage === 'posts') {
              mo.disconnect();
              document.getElementById('import-cancel').click();
            }
          });
          mo.observe(box, { attributes: true });
          return true;
        });
        await opts.upload('#import-file', [ZIP]);
        const r = await until(() => opts.eval(result, 'import-result').then((x) => x && x.kind === 'cancelled' && x), 'cancelled');
        assert.match(r.text, /Import cancelled: nothing was changed/);
        assert.equal(await opts.eval(() => document.getElementById('import-progress').offsetParent), null);
        const mid = await opts.eval(stored);
        assert.deepEqual([mid.ledger, mid.history, mid.imports], [before.ledger, before.history, before.imports]);
        // The unzipped archive: the folder in Chromium; in Firefox the files of data/ (WebDriver
        // cannot pick a folder). A new import runs to its end.
        if (name === 'chromium') await opts.upload('#import-folder', [ARCHIVE]);
        else await opts.upload('#import-file', fs.readdirSync(ARCHIVE).map((f) => path.join(ARCHIVE, f)));
        const done = await until(() => opts.eval(result, 'import-result').then((x) => x && x.kind === 'done' && x),
          'unzipped import', 60000);
        assert.deepEqual([done.posts, done.replies, done.reposts], ['2045', '1780', '239']);
        const after = await opts.eval(stored);
        assert.equal(after.ledger, before.ledger, 'the unzipped files give exactly what the zip gave');
        assert.equal(after.history, before.history);
        assert.equal(after.imports.length, 2);
      });

      await t.test('2. the popup\'s mix reflects the archive', async () => {
        const popup = await b.openExtensionPage('popup.html');
        const mix = await until(() => popup.eval(() => {
          const m = document.querySelector('[data-rapport-popup="mix"]');
          return m && m.dataset.rapportPosts && { posts: Number(m.dataset.rapportPosts), ratio: Number(m.dataset.rapportPitchRatio) };
        }), 'popup mix');
        assert.ok(mix.posts >= 30, `mix over the window: ${mix.posts}`);
        assert.ok(mix.ratio < 0.05, `the archive holds almost no pitches: ${mix.ratio}`);
        await popup.screenshot('data-2-popup-mix');
        await popup.close();
      });

      await t.test('3. the same archive again changes nothing', async () => {
        const before = await opts.eval(stored);
        await opts.eval(() => { document.getElementById('import-result').dataset.kind = 'info'; });
        await opts.upload('#import-file', [ZIP]);
        const r = await until(() => opts.eval(result, 'import-result'), 'second import result', 60000);
        assert.equal(r.kind, 'done', r.text);
        const now = await opts.eval(stored);
        assert.equal(now.ledger, before.ledger, 'ledger unchanged');
        assert.equal(now.history, before.history, 'history unchanged');
      });

      await t.test('4. a truncated tweets.js is refused with its position; nothing changes', async () => {
        const before = await opts.eval(stored);
        await opts.upload('#import-file', [path.join(BROKEN, 'tweets.js'), path.join(BROKEN, 'account.js')]);
        const r = await until(() => opts.eval(result, 'import-result').then((x) => x && x.kind === 'error' && x),
          'refusal', 60000);
        assert.match(r.text, /Nothing was imported/);
        assert.match(r.text, /tweets\.js: line \d+, column \d+: .*cut off/);
        const now = await opts.eval(stored);
        assert.equal(now.ledger, before.ledger);
        assert.equal(now.history, before.history);
        assert.deepEqual(now.imports, before.imports);
        await opts.screenshot('data-4-refused');
      });

      await t.test('5. export, erase (confirmed), restore: everything comes back', async () => {
        const before = await opts.eval(stored);
        await opts.eval(() => document.getElementById('export').click());
        const text = await until(() => opts.eval(async () => {
          const a = document.getElementById('export-link');
          return !a.hidden && a.href ? (await fetch(a.href)).text() : null;
        }), 'export file');
        const doc = JSON.parse(text);
        assert.equal(doc.format, 'rapport-export');
        assert.equal(doc.version, 1);
        const file = path.join(WORK, `${name}-export.json`);
        fs.writeFileSync(file, text);

        await opts.eval(() => document.getElementById('erase').click());
        assert.ok(await opts.eval(() => document.getElementById('erase-confirm').offsetParent !== null), 'asks first');
        await opts.screenshot('data-5-erase-confirm');
        await opts.eval(() => document.getElementById('erase-yes').click());
        await until(() => opts.eval(result, 'erase-result'), 'erased');
        const empty = await opts.eval(stored);
        assert.deepEqual(Object.keys(empty), ['schema'], 'only the schema version is left');

        await opts.upload('#restore-file', [file]);
        const r = await until(() => opts.eval(result, 'restore-result'), 'restored');
        assert.equal(r.kind, 'done', r.text);
        const back = await opts.eval(stored);
        for (const k of ['ledger', 'history', 'me', 'imports', 'schema']) {
          assert.deepEqual(back[k], before[k], `${k} restored`);
        }
        await opts.screenshot('data-5-restored');
      });

      await t.test('no uncaught errors', () => assert.deepEqual(b.errors, []));
    } finally {
      await b.close();
    }
  });

  test(`${name}: data of the previous storage schema survives an update`, async () => {
    // The "old" build: this build's files under an older version, in a folder of its own
    // (Chromium names an unpacked extension by its folder, so the update reuses it).
    const dir = path.join(ROOT, `target/e2e/update/${name}`);
    const install = (version) => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.cpSync(DIST[name], dir, { recursive: true });
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      if (version) m.version = version;
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
      return m.version;
    };
    install('0.0.1');
    const b = await launch(name, 443, dir);
    try {
      // Storage exactly as Rapport 0.1.0 (schema 1, no "schema" key) wrote it: someone
      // waits for your answer, a dismissal, history, settings, an introduction.
      const now = Date.now();
      const v1 = {
        me: 'mara_quinn',
        settings: { waiting_days: 10, pitch_preset: '80/20' },
        ledger: JSON.stringify({ v: 1, me: ['mara_quinn'],
          p: [['1900000000000000010', 'amy', now - 7200000, now - 3600000, null, [], ['mara_quinn'], 'hello @mara_quinn', 0]],
          n: [['amy', 'Amy Lee', now - 3600000]], r: [], a: [], d: [['1900000000000000099', now - 60000]] }),
        history: JSON.stringify({ v: 1, h: [['1900000000000000011', now - 86400000, 'conversation', 7]] }),
        introductions: [{ a: 'amy', b: 'bo', at: now - 1000, draft: 'Meet', connected: null }],
      };
      const opts = await b.openExtensionPage('options.html');
      await opts.eval(async ([data]) => {
        const api = globalThis.browser ?? globalThis.chrome;
        await api.storage.local.clear();
        await api.storage.local.set(data);
      }, v1);
      await opts.close();

      const version = install(null);
      await b.restart();
      const popup = await b.openExtensionPage('popup.html');
      assert.equal(await popup.eval(() => (globalThis.browser ?? globalThis.chrome).runtime.getManifest().version), version);
      await until(() => popup.eval(() => !!document.querySelector('[data-rapport-waiting-id="1900000000000000010"]')),
        'the waiting post from the old storage');
      const s = await until(() => popup.eval(stored).then((x) => x.schema === 2 && x), 'migrated to schema 2');
      for (const k of ['me', 'ledger', 'history', 'settings', 'introductions']) {
        assert.deepEqual(s[k], v1[k], `${k} kept as it was`);
      }
      assert.deepEqual(s.imports, []);
      await popup.screenshot('data-6-updated');
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
}

// A full storage, for real: Chromium's storage.local allows 10 MB without the
// unlimitedStorage permission, so this build's files minus that permission fill up for real.
test('chromium: a full storage drops older posts of others, keeps yours, and says so', async () => {
  const dir = path.join(ROOT, 'target/e2e/quota/chromium');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(DIST.chromium, dir, { recursive: true });
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  m.permissions = m.permissions.filter((p) => p !== 'unlimitedStorage');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  const b = await launch('chromium', 443, dir);
  try {
    let opts = await b.openExtensionPage('options.html');
    // Other people's posts up to about 10.0 of the 10.5 MB (QUOTA_BYTES), and one dismissal.
    const others = await opts.eval(async () => {
      const now = Date.now();
      const rows = [];
      let size = 0;
      for (let i = 0; size < 10.0e6; i++) {
        const row = [String(1800000000000000000n + BigInt(i)), 'person' + (i % 4000), now - i * 1000, now - i * 1000,
          null, [], [], 'a post by someone else, long enough to take some room in storage ' + i, 0];
        size += JSON.stringify(JSON.stringify(row)).length;
        rows.push(row);
      }
      const ledger = JSON.stringify({ v: 1, me: [], p: rows, n: [], r: [], a: [], d: [['555', now]] });
      await chrome.storage.local.set({ ledger });
      return rows.length;
    });
    await opts.close();
    await b.restart(); // the background starts again on the nearly full storage
    opts = await b.openExtensionPage('options.html');
    await until(() => opts.eval(() => document.body.dataset.ready === 'true'), 'options page ready');
    await opts.upload('#import-file', [ZIP]);
    const r = await until(() => opts.eval(result, 'import-result'), 'import result', 60000);
    assert.equal(r.kind, 'done', r.text);
    const ledger = JSON.parse((await opts.eval(stored)).ledger);
    const own = ledger.p.filter((row) => row[1] === 'milahu104').length;
    const kept = ledger.p.length - own;
    assert.equal(own, 2045, 'every post of yours is kept');
    assert.ok(kept > 0 && kept < others * 0.6, `older posts of others dropped: ${kept} of ${others} kept`);
    assert.deepEqual(ledger.d.map((d) => d[0]), ['555'], 'dismissals kept');
    assert.ok(ledger.a.length > 1000, 'answers kept');
    const popup = await b.openExtensionPage('popup.html');
    const note = await until(() => popup.eval(() => document.querySelector('[data-reason="storage-full"]')?.textContent),
      'the popup says storage was full');
    assert.match(note, /Storage was full/);
    await popup.screenshot('data-7-storage-full');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
