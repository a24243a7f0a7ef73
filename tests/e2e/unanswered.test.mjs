// Unanswered conversations (issue 5) in both browsers, written against the page contract
// (DESIGN.md): `awaiting-you` on the posts addressed to @mara_quinn that she has not answered,
// `no-replies` on other people's fresh posts nobody answered, the popup's waiting list, the
// toolbar badge, answering (her reply seen on a status page; Reply in X's reply modal),
// dismissing (remembered across reloads and restarts), and two tabs writing one ledger.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './server.mjs';
import { launch, until } from './browsers.mjs';

const ME = 'mara_quinn';
const FIXTURES = path.join(ROOT, 'tests/fixtures');
const expected = (name) => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pages', name + '.expected.json'), 'utf8'));
const ROUTES = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'routes.json'), 'utf8'));
const url = (name) => 'https://x.com' + ROUTES[name].path + (ROUTES[name].query ? '?' + ROUTES[name].query : '');

// --- the rules, computed from the fixtures' expected extraction ------------------------------
const UNIT = { m: 60e3, h: 3600e3, d: 86400e3 };
const HOUR = UNIT.h;
const DAY = UNIT.d;
/** Age in ms of a `{{ago:3h}}` token; null for promoted posts (no time). */
const age = (token) => {
  const m = /^\{\{ago:(\d+)([mhd])\}\}$/.exec(token ?? '');
  return m ? Number(m[1]) * UNIT[m[2]] : null;
};
const addressed = (p) => p.author !== ME && (p.mentions.includes(ME) || p.reply_to.includes(ME));
/** Posts of a page that wait on her (before anything is answered or dismissed), oldest first. */
const addressedOn = (name) => expected(name).posts
  .filter((p) => addressed(p) && !p.promoted && age(p.time) !== null && age(p.time) < 14 * DAY)
  .sort((a, b) => age(b.time) - age(a.time));
/** Ids that qualify for `no-replies` on a page. */
const noRepliesOn = (name) => expected(name).posts
  .filter((p) => p.author !== ME && !p.promoted && p.counts.replies === 0 && age(p.time) !== null && age(p.time) < 24 * HOUR && !addressed(p))
  .map((p) => p.id);

const MENTIONS = expected('mentions').posts;
const STATUS = expected('status');
const FOCAL = STATUS.posts.find((p) => p.focal); // ines_ortega's 3h post, also on mentions
const byAuthor = (author) => MENTIONS.find((p) => p.author === author);
const REPLIED = byAuthor('jules_martin'); // 20m, replies to her: answered through the reply modal
const DISMISSED = byAuthor('ravi_iyer'); // 5h, mentions her: "No reply needed"
const OLD = byAuthor('ben_archer'); // 20d: outside the 14-day window

// --- what the page, the popup and storage say --------------------------------------------------

// Every post's hints as the page contract describes them (posts inside dialogs are left out).
function readHints() {
  const posts = {};
  const arts = [...document.querySelectorAll('article[data-testid="tweet"]')].filter((a) => !a.closest('[role="dialog"]'));
  arts.forEach((a, i) => {
    const hosts = [...a.querySelectorAll('[data-rapport-hint]')].filter((h) => h.closest('article[data-testid="tweet"]') === a);
    posts[a.getAttribute('data-rapport-id') ?? `unmarked#${i}`] = hosts.map((h) => ({
      kind: h.getAttribute('data-rapport-hint'),
      since: h.getAttribute('data-rapport-since'),
      time: a.querySelector('time')?.getAttribute('datetime') ?? null,
      open: !!h.shadowRoot,
      text: (h.shadowRoot?.textContent ?? '').trim(),
      actions: h.shadowRoot ? [...h.shadowRoot.querySelectorAll('[data-rapport-action]')].map((c) => ({
        tag: c.tagName.toLowerCase(), action: c.getAttribute('data-rapport-action'),
        name: (c.getAttribute('aria-label') || c.textContent || '').trim(),
      })) : [],
    }));
  });
  return { path: location.pathname, status: document.documentElement.getAttribute('data-rapport-status'), posts };
}
const withHint = (state, kind) => Object.entries(state.posts).filter(([, hs]) => hs.some((h) => h.kind === kind)).map(([id]) => id).sort();
const sorted = (ids) => [...ids].sort();

/** Polls the page until the `awaiting-you` posts are exactly `ids` (and, if given, `no-replies` too). */
async function hintsSettle(b, what, { awaiting, noReplies, path: where }) {
  return until(async () => {
    const s = await b.eval(readHints);
    if (where && s.path !== where) return false;
    if (awaiting && JSON.stringify(withHint(s, 'awaiting-you')) !== JSON.stringify(sorted(awaiting))) return false;
    if (noReplies && JSON.stringify(withHint(s, 'no-replies')) !== JSON.stringify(sorted(noReplies))) return false;
    return s;
  }, what).catch(async (e) => {
    const s = await b.eval(readHints).catch(() => null);
    throw new Error(`${e.message.split(' (last:')[0]}\n  awaiting-you on: ${s && withHint(s, 'awaiting-you')}` +
      `\n  no-replies on:   ${s && withHint(s, 'no-replies')}\n  wanted awaiting: ${awaiting && sorted(awaiting)}` +
      (noReplies ? `\n  wanted no-replies: ${sorted(noReplies)}` : '') + `\n  path ${s?.path}, status ${s?.status}`);
  });
}

/** Checks the contract's shape of every hint in a settled state. */
function assertHintShapes(s) {
  for (const [id, hs] of Object.entries(s.posts)) {
    const kinds = hs.map((h) => h.kind);
    assert.ok(!(kinds.includes('awaiting-you') && kinds.includes('no-replies')), `${id} carries both hints`);
    assert.equal(new Set(kinds).size, kinds.length, `${id} carries a hint twice: ${kinds}`);
    for (const h of hs) {
      assert.ok(h.open, `${id}: ${h.kind} hint without an open shadow root`);
      assert.ok(h.text, `${id}: ${h.kind} hint shows nothing`);
      if (h.kind !== 'awaiting-you') continue;
      const since = Date.parse(h.since);
      assert.ok(Number.isFinite(since), `${id}: data-rapport-since ${h.since} is not an ISO time`);
      assert.ok(Math.abs(since - Date.parse(h.time)) < 60e3, `${id}: since ${h.since}, post time ${h.time}`);
      for (const action of ['reply', 'dismiss']) {
        const c = h.actions.find((x) => x.action === action);
        assert.ok(c, `${id}: no ${action} control in the awaiting-you hint`);
        assert.equal(c.tag, 'button', `${id}: the ${action} control is a ${c.tag}`);
        assert.ok(c.name, `${id}: the ${action} button has no accessible name`);
      }
    }
  }
}

// The ledger in storage.local (a JSON string or an object; 19-digit ids kept exact).
function readLedger() {
  return (globalThis.browser ?? chrome).storage.local.get('ledger').then(({ ledger }) => {
    if (typeof ledger !== 'string') return ledger ?? null;
    return JSON.parse(ledger, (k, v, ctx) => (typeof v === 'number' && !Number.isSafeInteger(v) && ctx?.source ? ctx.source : v));
  });
}
const ids = (rows) => (rows ?? []).map((r) => String(Array.isArray(r) ? r[0] : r));

/** Polls storage (from an extension page) until `check(ledger)`; returns the ledger. */
async function ledgerWhen(b, check, what) {
  const p = await b.openExtensionPage('popup.html');
  try {
    return await until(async () => {
      const l = await p.eval(readLedger);
      return l && check(l) && l;
    }, what).catch(async (e) => {
      const l = await p.eval(readLedger).catch(() => null);
      throw new Error(`${e.message.split(' (last:')[0]}; ledger: ${l ? JSON.stringify({ v: l.v, me: l.me, p: ids(l.p).length, a: l.a, d: l.d }) : l}`);
    });
  } finally {
    await p.close();
  }
}

function readPopup() {
  const list = document.querySelector('[data-rapport-popup="waiting"]');
  return list && [...list.querySelectorAll('li[data-rapport-waiting-id]')].map((li) => ({
    id: li.getAttribute('data-rapport-waiting-id'),
    hrefs: [...li.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
  }));
}

/** Opens the popup; waits for its waiting list to be `posts` (oldest first) with their links. */
async function popupLists(b, posts, scene) {
  const p = await b.openExtensionPage('popup.html');
  try {
    const want = posts.map((x) => x.id);
    const got = await until(async () => {
      const l = await p.eval(readPopup);
      return l && JSON.stringify(l.map((x) => x.id)) === JSON.stringify(want) && l;
    }, 'popup waiting list').catch(async (e) => {
      const l = await p.eval(readPopup).catch(() => null);
      throw new Error(`${e.message.split(' (last:')[0]}\n  popup lists ${l && JSON.stringify(l.map((x) => x.id))}\n  wanted      ${JSON.stringify(want)}`);
    });
    for (const post of posts) {
      const href = `https://x.com/${post.author}/status/${post.id}`;
      assert.ok(got.find((x) => x.id === post.id).hrefs.includes(href), `popup item ${post.id} has no link ${href}`);
    }
    await p.screenshot(scene);
  } finally {
    await p.close();
  }
}

async function badgeIs(b, n) {
  const want = n ? String(n) : '';
  return until(async () => (await b.badge()) === want && true, `badge "${want}"`).catch(async (e) => {
    throw new Error(`${e.message.split(' (last:')[0]}: badge is "${await b.badge()}"`);
  });
}

let server;
before(async () => { server = await startServer(443); });
after(() => server.close());

for (const name of ['chromium', 'firefox']) {
  test(`${name}: unanswered conversations`, async (t) => {
    const b = await launch(name, 443);
    // What the scenes did so far; the expectations of later scenes follow from it.
    const done = new Set();
    const confirmed = { a: new Set(), d: new Set() }; // seen in storage's ledger
    const waiting = () => addressedOn('mentions').filter((p) => !done.has(p.id));
    const hintOn = (id, kind = 'awaiting-you') => `article[data-testid="tweet"][data-rapport-id="${id}"] [data-rapport-hint="${kind}"]`;

    try {
      await t.test('1. mentions: awaiting-you within 14 days, popup oldest first, badge', async () => {
        const want = waiting();
        assert.equal(want.length, 6); // fixture sanity: 7 posts, the 20-day-old one is out
        await b.goto(url('mentions'));
        const s = await hintsSettle(b, 'awaiting-you on the mentions page', { awaiting: want.map((p) => p.id), noReplies: [] });
        assertHintShapes(s);
        assert.deepEqual(s.posts[OLD.id], [], 'the 20-day-old mention carries a hint');
        assert.equal(Object.keys(s.posts).filter((k) => k.startsWith('unmarked')).length, 0, 'posts without data-rapport-id');
        await b.screenshot('unanswered-1-mentions');
        await popupLists(b, want, 'unanswered-1-popup');
        await badgeIs(b, want.length);
      });

      await t.test('2. her reply seen on the status page answers the post', async () => {
        // Open it as a user does: the post's time link (X's in-app navigation), then Back. If
        // something covers the link, say so at the end, but go on with a scripted click.
        const permalink = `article[data-testid="tweet"] a[href="/${FOCAL.author}/status/${FOCAL.id}"]`;
        const covered = await b.click(permalink).then(() => null, (e) => {
          const lines = e.message.replace(/\x1b\[\d+m/g, '').split('\n');
          const why = lines.find((l) => /intercepts pointer events|obscures it/.test(l)) ?? lines[0];
          return (/another element <[^>]*> obscures it/.exec(why)?.[0] ?? why.replace(/^\s*-\s*/, '')).slice(0, 300);
        });
        if (covered) await b.eval(([sel]) => document.querySelector(sel).click(), permalink);
        done.add(FOCAL.id);
        await until(async () => {
          const s = await b.eval(readHints);
          return s.path === STATUS.path && STATUS.posts.every((p) => p.id in s.posts);
        }, 'the status page read');
        await ledgerWhen(b, (l) => ids(l.a).includes(FOCAL.id), `ledger answers ${FOCAL.id}`);
        confirmed.a.add(FOCAL.id);
        const s = await hintsSettle(b, 'hints on the status page', { awaiting: [], noReplies: noRepliesOn('status'), path: STATUS.path });
        assertHintShapes(s);
        assert.deepEqual(s.posts[FOCAL.id], [], 'the answered focal post still carries a hint');
        await b.screenshot('unanswered-2-status');

        await b.eval(() => history.back());
        const back = await hintsSettle(b, 'mentions after Back', { awaiting: waiting().map((p) => p.id), noReplies: [], path: '/notifications/mentions' });
        assert.deepEqual(back.posts[FOCAL.id], [], 'the answered post still carries a hint on mentions');
        await b.screenshot('unanswered-2-mentions');
        await popupLists(b, waiting(), 'unanswered-2-popup');
        await badgeIs(b, waiting().length);
        assert.equal(covered, null, "the post's time link could not be clicked");
      });

      await t.test("3. Reply from the hint, sent from X's reply modal", async () => {
        await b.goto(url('mentions'));
        await hintsSettle(b, 'mentions hints', { awaiting: waiting().map((p) => p.id) });
        await b.click(hintOn(REPLIED.id), 'button[data-rapport-action="reply"]');
        const modal = await until(() => b.eval(([id]) => {
          const d = document.querySelector('#layers [role="dialog"][aria-modal="true"]');
          const ed = d?.querySelector('[data-testid="tweetTextarea_0"][role="textbox"][contenteditable="true"]');
          return d && ed && {
            copy: !!d.querySelector(`article[data-testid="tweet"] a[href$="/status/${id}"]`),
            replyingTo: d.querySelector('[role="document"] > .composer .rt')?.textContent.trim(),
          };
        }, REPLIED.id), "X's reply modal");
        assert.ok(modal.copy, 'the modal shows the post being replied to');
        assert.equal(modal.replyingTo, `Replying to @${REPLIED.author}`);
        await b.type('#layers [role="dialog"] [data-testid="tweetTextarea_0"]', 'Thank you, Jules! Glad it helped.');
        await until(() => b.eval(() => document.querySelector('#layers [role="dialog"] [data-testid="tweetButton"]')
          ?.getAttribute('aria-disabled') === 'false'), 'the Reply button enabled by the typed text');
        await b.screenshot('unanswered-3-modal');
        await b.click('#layers [role="dialog"] [data-testid="tweetButton"]');
        done.add(REPLIED.id);
        await until(() => b.eval(() => !document.querySelector('#layers [role="dialog"]')), 'the reply modal closed');
        const s = await hintsSettle(b, 'mentions after replying', { awaiting: waiting().map((p) => p.id), noReplies: [] });
        assert.deepEqual(s.posts[REPLIED.id], [], 'the answered post still carries a hint');
        await ledgerWhen(b, (l) => ids(l.a).includes(REPLIED.id), `ledger answers ${REPLIED.id}`);
        confirmed.a.add(REPLIED.id);
        await b.screenshot('unanswered-3-replied');
        await popupLists(b, waiting(), 'unanswered-3-popup');
        await badgeIs(b, waiting().length);
      });

      await t.test('4. dismissed: remembered across a reload and a browser restart', async () => {
        await hintsSettle(b, 'mentions hints', { awaiting: waiting().map((p) => p.id) });
        await b.click(hintOn(DISMISSED.id), 'button[data-rapport-action="dismiss"]');
        done.add(DISMISSED.id);
        const s = await hintsSettle(b, 'the dismissed hint gone', { awaiting: waiting().map((p) => p.id), noReplies: [] });
        assert.deepEqual(s.posts[DISMISSED.id], [], 'the dismissed post still carries a hint');
        await ledgerWhen(b, (l) => ids(l.d).includes(DISMISSED.id), `ledger dismisses ${DISMISSED.id}`);
        confirmed.d.add(DISMISSED.id);
        await b.screenshot('unanswered-4-dismissed');

        await b.goto(url('mentions'));
        const r = await hintsSettle(b, 'mentions after a reload', { awaiting: waiting().map((p) => p.id), noReplies: [] });
        assert.deepEqual(r.posts[DISMISSED.id], []);
        await b.screenshot('unanswered-4-reloaded');

        await b.restart();
        await b.goto(url('mentions'));
        const x = await hintsSettle(b, 'mentions after a browser restart', { awaiting: waiting().map((p) => p.id), noReplies: [] });
        assert.deepEqual(x.posts[DISMISSED.id], []);
        assertHintShapes(x);
        await b.screenshot('unanswered-4-restarted');
        await popupLists(b, waiting(), 'unanswered-4-popup');
        await badgeIs(b, waiting().length);
      });

      await t.test('5. home: no-replies on exactly the posts that qualify', async () => {
        const want = noRepliesOn('home');
        assert.equal(want.length, 11); // fixture sanity (tests/fixtures/README.md)
        const awaiting = addressedOn('home').map((p) => p.id);
        assert.equal(awaiting.length, 3);
        await b.goto(url('home'));
        const s = await hintsSettle(b, 'hints on home', { awaiting, noReplies: want });
        assertHintShapes(s);
        assert.deepEqual(Object.keys(s.posts).sort(), expected('home').posts.map((p) => p.id).sort(), 'every post marked');
        await b.screenshot('unanswered-5-home');
      });

      await t.test('6. two tabs at once: the ledger keeps what both saw', async () => {
        const a = expected('profile-me');
        const o = expected('profile-other');
        const other = await b.openTab(url('profile-other')); // not waited for
        await b.goto(url('profile-me'));
        try {
          const marked = (tab, page) => until(async () => {
            const s = await tab.eval(readHints);
            return page.posts.every((p) => p.id in s.posts) && s;
          }, `${page.path} read`);
          await Promise.all([marked(b, a), marked(other, o)]);
          const want = [...a.posts, ...o.posts].map((p) => p.id);
          const before = [...expected('mentions').posts, ...expected('home').posts].filter((p) => !p.promoted).map((p) => p.id);
          const l = await ledgerWhen(b, (l) => want.every((id) => ids(l.p).includes(id)), 'ledger holds both pages');
          assert.deepEqual(before.filter((id) => !ids(l.p).includes(id)), [], 'posts seen earlier lost');
          for (const id of confirmed.a) assert.ok(ids(l.a).includes(id), `answer ${id} lost`);
          for (const id of confirmed.d) assert.ok(ids(l.d).includes(id), `dismissal ${id} lost`);
          await b.screenshot('unanswered-6-tab-profile-me');
          await other.screenshot('unanswered-6-tab-profile-other');
        } finally {
          await other.close();
        }
      });

      await t.test('no uncaught errors', () => assert.deepEqual(b.errors, []));
    } finally {
      await b.close();
    }
  });
}
