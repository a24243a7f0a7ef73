// The scroll scene's timeline (tests/bench/scroll.mjs), made at bench time and never written
// to disk: X's home timeline of N posts whose cells come from the project's home fixture page
// (tests/fixtures/pages/home.html, generated to the structure of real x.com captures) and, one
// post in ten, from the real captured timeline cells in $RAPPORT_SHARED/fixtures/x-dom/, each
// post with fresh status ids, a fresh time and the text of a real tweet
// ($RAPPORT_SHARED/data/posts/tweet-act). `answer` serves it through tests/e2e/server.mjs:
//   /home?bench=scroll        the home page with an empty timeline and the scene's script
//   /bench/timeline.js        tests/bench/timeline-page.js (the stand-in for X's timeline code)
//   /bench/cells?from=i&n=k   cells i..i+k as JSON [{id, html}], like X's timeline API pages
//   /bench/data/<file>        target/bench/data/<file>, for the extension's own pages (CORS)
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, resolveTokens } from '../e2e/server.mjs';

const SHARED = process.env.RAPPORT_SHARED ?? path.join(ROOT, '../shared');
const HOME = path.join(ROOT, 'tests/fixtures/pages/home.html');
const REAL_CELLS = ['x-tweet-quote.html', 'x-tweet-quote-video.html']
  .map((f) => path.join(SHARED, 'fixtures/x-dom/tweetyoink', f));
const TWEETS = path.join(SHARED, 'data/posts/tweet-act/TWEET_DATA.csv');

/** [start, end) of the balanced <div> element opening at `start`. */
function divAt(html, start) {
  const re = /<(\/?)div\b[^>]*>/g;
  re.lastIndex = start;
  let depth = 0;
  for (let m; (m = re.exec(html));) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return [start, re.lastIndex];
  }
  return null;
}

/** The home page's timeline: the page around it, and its cells (post or not). */
function homeCells() {
  const html = fs.readFileSync(HOME, 'utf8');
  const label = html.indexOf('aria-label="Timeline: ');
  const open = html.indexOf('<div style="position: relative;">', label);
  const [, end] = divAt(html, open);
  const innerStart = html.indexOf('>', open) + 1;
  const innerEnd = end - '</div>'.length;
  const cells = [];
  for (let i = html.indexOf('<div data-testid="cellInnerDiv"', innerStart); i !== -1 && i < innerEnd;) {
    const [, e] = divAt(html, i);
    cells.push(html.slice(i, e));
    i = html.indexOf('<div data-testid="cellInnerDiv"', e);
  }
  return { before: html.slice(0, innerStart), after: html.slice(innerEnd), cells };
}

/** Rows of a CSV file (RFC 4180). */
function parseCsv(data) {
  const rows = [];
  let row = []; let field = ''; let quoted = false;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (quoted) {
      if (c === '"' && data[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The real tweets' texts (tweet-act keeps `\uXXXX` escapes literally). */
function realTexts() {
  return parseCsv(fs.readFileSync(TWEETS, 'utf8')).slice(1).map((r) => r[0] ?? '')
    .map((t) => t.replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16))))
    .filter((t) => t.trim());
}

const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
// Links, mentions and hashtags as X renders them in tweetText (the shape of generate.mjs).
const TOKEN = /(https?:\/\/[^\s]*[^\s.,!?:;)])|(@[A-Za-z0-9_]{1,15})|(#[\p{L}\p{N}_]+)/gu;
function tweetTextInner(text) {
  let out = ''; let last = 0;
  const plain = (s) => (s ? `<span class="tx">${esc(s)}</span>` : '');
  for (const m of text.matchAll(TOKEN)) {
    out += plain(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1]) {
      const u = /^(https?:\/\/(?:www\.)?)(.*)$/.exec(m[1]);
      const rest = u[2].slice(26);
      out += `<a dir="ltr" href="https://t.co/b${m.index}" rel="noopener noreferrer nofollow" target="_blank" role="link" class="lk">` +
        `<span aria-hidden="true" class="r-qlhcfr">${esc(u[1])}</span>${esc(u[2].slice(0, 26))}` +
        (rest ? `<span aria-hidden="true" class="r-qlhcfr">${esc(rest)}</span><span aria-hidden="true">…</span>` : '') + '</a>';
    } else if (m[2]) {
      out += `<div class="r-xoduu5"><span class="r-18u37iz"><a dir="ltr" href="/${m[2].slice(1)}" role="link" class="lk">${esc(m[2])}</a></span></div>`;
    } else {
      out += `<span class="r-18u37iz"><a dir="ltr" href="/hashtag/${encodeURIComponent(m[3].slice(1))}?src=hashtag_click" role="link" class="lk">${esc(m[3])}</a></span>`;
    }
  }
  return out + plain(text.slice(last));
}

/** `cell` as post `k`: new status ids and DOM ids, a fresh time, the text `text`. */
function instance(cell, k, text) {
  const ids = new Map();
  let html = cell.replace(/\/status\/(\d+)/g, (_, id) => {
    if (!ids.has(id)) ids.set(id, (1950000000000000000n + BigInt(k) * 1000n + BigInt(ids.size)).toString());
    return '/status/' + ids.get(id);
  }).replaceAll('id__', `id__${k}x`)
    .replace(/datetime="[^"]*"/, `datetime="{{ago:${1 + (k % 1400)}m}}"`);
  const at = html.indexOf('data-testid="tweetText"');
  const open = at === -1 ? -1 : html.lastIndexOf('<div', at);
  const span = open === -1 ? null : divAt(html, open);
  if (span) {
    const innerStart = html.indexOf('>', open) + 1;
    html = html.slice(0, innerStart) + tweetTextInner(text) + html.slice(span[1] - '</div>'.length);
  }
  return { id: ids.values().next().value ?? null, html };
}

/** The timeline of `posts` posts: `{ page, cells, answer }`. */
export function timeline({ posts = 1000, chunk = 20, step = 200 } = {}) {
  const home = homeCells();
  const real = REAL_CELLS.filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8'));
  const texts = realTexts();
  const cells = [];
  let k = 0;
  for (let i = 0; k < posts; i++) {
    const useReal = real.length && k % 10 === 9;
    const cell = useReal ? real[(k / 10 | 0) % real.length] : home.cells[i % home.cells.length];
    if (!cell.includes('data-testid="tweet"')) { cells.push({ id: null, html: cell }); continue; }
    cells.push(instance(cell, k, texts[(k * 7919) % texts.length]));
    k++;
  }
  const script = `<script src="/bench/timeline.js" nonce="{{nonce}}" data-cells="${cells.length}" data-chunk="${chunk}" data-step="${step}"></script>`;
  const page = home.before + home.after.replace('</body>', script + '\n</body>');
  const pageScript = fs.readFileSync(path.join(ROOT, 'tests/bench/timeline-page.js'));
  const dataDir = path.join(ROOT, 'target/bench/data');
  const answer = (url, nonce) => {
    if (url.pathname === '/home' && url.searchParams.get('bench') === 'scroll') {
      return { type: 'text/html; charset=utf-8', body: resolveTokens(page, { nonce }) };
    }
    if (url.pathname === '/bench/timeline.js') return { type: 'text/javascript', body: pageScript };
    if (url.pathname === '/bench/cells') {
      const from = Number(url.searchParams.get('from')); const n = Number(url.searchParams.get('n'));
      const part = cells.slice(from, from + n);
      return { type: 'application/json', body: resolveTokens(JSON.stringify({ cells: part, end: from + n >= cells.length })) };
    }
    const data = /^\/bench\/data\/([\w.-]+)$/.exec(url.pathname);
    if (data && fs.existsSync(path.join(dataDir, data[1]))) {
      return { type: 'application/octet-stream', headers: { 'access-control-allow-origin': '*' }, body: fs.readFileSync(path.join(dataDir, data[1])) };
    }
    return null;
  };
  return { page, cells, answer, realCells: real.length, texts: texts.length };
}
