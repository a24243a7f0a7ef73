// The e2e fixture server: answers HTTPS as x.com and twitter.com with the fixture pages in
// tests/fixtures/, x.com's Content-Security-Policy, fresh times and per-response nonces.
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures');
const CERT_DIR = path.join(ROOT, 'target/e2e/cert');

// x.com's policy as served in 2026 (script-src seen in a public report of 2026-02, shortened
// to the parts that matter here); it ends with 'wasm-unsafe-eval' and a per-response nonce.
// The strict variant (?csp=strict) is the same without 'wasm-unsafe-eval', as in 2020–2025.
export function csp(nonce, strict = false) {
  return [
    "connect-src 'self' blob: https://*.twimg.com https://api.x.com https://x.com",
    "default-src 'self'",
    "form-action 'self' https://twitter.com https://x.com",
    "font-src 'self' https://*.twimg.com",
    "frame-src 'self' https://twitter.com https://x.com",
    "img-src 'self' blob: data: https://*.twimg.com https://*.x.com",
    "manifest-src 'self'",
    "media-src 'self' blob: https://*.twimg.com",
    "object-src 'none'",
    "script-src 'self' 'unsafe-inline' https://*.twimg.com https://twitter.com/ https://x.com/ " +
      (strict ? '' : "'wasm-unsafe-eval' ") + `'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline' https://*.twimg.com",
    "worker-src 'self' blob:",
  ].join('; ');
}

/** ISO time `now - offset` for a `{{ago:3h}}` token (units m, h, d). */
export function agoIso(spec, now = Date.now()) {
  const m = /^(\d+)([mhd])$/.exec(spec);
  if (!m) throw new Error('bad time token ' + spec);
  const unit = { m: 60e3, h: 3600e3, d: 86400e3 }[m[2]];
  return new Date(now - Number(m[1]) * unit).toISOString();
}

/** Replaces `{{ago:…}}` and `{{nonce}}` tokens. */
export function resolveTokens(text, { now = Date.now(), nonce = '' } = {}) {
  return text.replace(/\{\{ago:([0-9]+[mhd])\}\}/g, (_, s) => agoIso(s, now))
    .replaceAll('{{nonce}}', nonce);
}

function routes() {
  const f = path.join(FIXTURES, 'routes.json');
  return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : {};
}

/** The fixture file for a request: a named fixture (?fixture=name) or the default for the path. */
export function fixtureFor(urlPath, query) {
  const all = routes();
  const name = query.get('fixture');
  if (name) {
    const r = all[name];
    if (r) return path.join(FIXTURES, r.file);
    const m = path.join(FIXTURES, 'pages/mutations', name + '.html');
    return fs.existsSync(m) ? m : null;
  }
  const hit = Object.values(all).find((r) => r.path === urlPath && !r.query);
  return hit ? path.join(FIXTURES, hit.file) : null;
}

// X answers every in-app path with its app shell; so do we when no fixture matches.
const SHELL = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>X</title></head>' +
  '<body><div id="react-root"><main role="main"></main><div id="layers"></div></div></body></html>';

function intentPage(url) {
  const text = url.searchParams.get('text') ?? '';
  // The fixture's stand-in for X's compose-from-intent page: shows the text it was given.
  const esc = text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post / X</title></head><body>` +
    `<div id="react-root"><div id="layers"><div role="dialog" aria-modal="true"><div data-fixture="intent-text">${esc}</div>` +
    `</div></div></div></body></html>`;
}

export function certificate() {
  fs.mkdirSync(CERT_DIR, { recursive: true });
  const key = path.join(CERT_DIR, 'key.pem');
  const cert = path.join(CERT_DIR, 'cert.pem');
  if (!fs.existsSync(cert)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650',
      '-subj', '/CN=x.com', '-addext', 'subjectAltName=DNS:x.com,DNS:twitter.com,DNS:*.x.com',
      '-keyout', key, '-out', cert], { stdio: 'ignore' });
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** Starts the server on `port` (0 = any); resolves to the server. `log` collects requests.
 *  `extra(url, nonce)` may answer a request first: `{ type, body, status?, headers? }` or null
 *  (the benchmarks serve their generated pages this way). */
export function startServer(port = 443, { log = [], extra = null } = {}) {
  const server = https.createServer(certificate(), (req, res) => {
    const url = new URL(req.url, 'https://x.com');
    log.push(url.pathname + url.search);
    const nonce = crypto.randomBytes(12).toString('base64');
    const strict = url.searchParams.get('csp') === 'strict';
    const headers = { 'content-security-policy': csp(nonce, strict), 'cache-control': 'no-store' };
    const answer = extra?.(url, nonce);
    if (answer) {
      res.writeHead(answer.status ?? 200, { ...headers, 'content-type': answer.type, ...answer.headers });
      res.end(answer.body);
      return;
    }
    if (url.pathname === '/x-app.js') {
      const f = path.join(FIXTURES, 'x-app.js');
      res.writeHead(fs.existsSync(f) ? 200 : 404, { ...headers, 'content-type': 'text/javascript' });
      res.end(fs.existsSync(f) ? fs.readFileSync(f) : '');
      return;
    }
    if (url.pathname === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    let html;
    if (url.pathname === '/intent/post' || url.pathname === '/intent/tweet') html = intentPage(url);
    else {
      const f = fixtureFor(url.pathname, url.searchParams);
      html = f ? fs.readFileSync(f, 'utf8') : SHELL;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    res.end(resolveTokens(html, { nonce }));
  });
  // Firefox cannot remap ports, so every e2e file needs 443: when another run holds it,
  // wait for it to be free (polling, up to 10 minutes) rather than fail.
  const deadline = Date.now() + 600_000;
  const attempt = () => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '::', () => { server.removeListener('error', reject); resolve(server); });
  });
  return (async () => {
    for (;;) {
      try {
        return await attempt();
      } catch (e) {
        if (e.code !== 'EADDRINUSE' || port === 0 || Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  })();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startServer(Number(process.argv[2] ?? 443));
  console.log('fixture server on port', s.address().port);
}
