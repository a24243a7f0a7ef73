// Benchmark (run by tests/bench/report.mjs): the page scene. A timeline of N real-markup posts
// (tests/bench/timeline.mjs) scrolled to its end in headless Chromium, once without the
// extension and once with dist/chrome, in the same run (alternating when --rounds > 1).
//
// What each figure means:
// - long tasks: the page's own PerformanceObserver('longtask') entries (> 50 ms) during the
//   scroll. Whether Rapport caused one comes from the trace: its script time inside that task
//   (CPU profile samples whose stack holds a chrome-extension:// or wasm frame); "caused" =
//   the task would have stayed under 50 ms without Rapport's part.
// - script time: V8's CPU profile of the page's main thread over the scroll (the content
//   script runs there too, in its own world). A sample is Rapport's when any frame of its
//   stack is the extension's (JS or wasm), the page's when any is https://x.com's (the
//   stand-in timeline code and x-app.js), else other (GC, V8/Blink work outside script).
// - marks latency: per post, from its cell entering the page (after the append) to the
//   moment the page sees data-rapport-id on it (a MutationObserver callback).
// - memory: the page isolate's JS heap after a forced GC (with minus without is Rapport's),
//   and the content script's wasm linear memory, read in the extension's isolated world.
// - storage: with the extension, the 100,000-post ledger (target/bench/data/ledger-100k.json)
//   stored in chrome.storage.local, then read back and loaded into LedgerStore on the
//   options page, as the background does at start.
//
//   node tests/bench/scroll.mjs [--posts 1000] [--rounds 1]
// Prints one `BENCH {json}` line; leaves the CPU profiles of the last round in
// target/bench/scroll-{with,without}.cpuprofile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from '../e2e/server.mjs';
import { DIST, until } from '../e2e/browsers.mjs';
import { timeline } from './timeline.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const POSTS = arg('posts', 1000);
const ROUNDS = arg('rounds', 1);
const LONG = 50;

async function launch(port, withExtension) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'));
  const hosts = `MAP x.com 127.0.0.1:${port},MAP twitter.com 127.0.0.1:${port}`;
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
    headless: true,
    ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
    args: [
      ...(withExtension ? [`--disable-extensions-except=${DIST.chromium}`, `--load-extension=${DIST.chromium}`] : []),
      `--host-resolver-rules=${hosts}`, '--ignore-certificate-errors', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
    ignoreHTTPSErrors: true,
    viewport: { width: 1100, height: 900 },
  });
  let extBase = null;
  if (withExtension) {
    let [sw] = ctx.serviceWorkers();
    sw ??= await ctx.waitForEvent('serviceworker', { timeout: 15000 });
    extBase = sw.url().split('/').slice(0, 3).join('/') + '/';
  }
  const close = async () => { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); };
  return { ctx, extBase, version: ctx.browser()?.version() ?? null, close };
}

// Reads a CDP stream (Tracing's ReturnAsStream) to the end.
async function readStream(cdp, handle) {
  let out = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle, size: 1 << 20 });
    out += r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return out;
}

// Who each CPU profile node's time belongs to: rapport | page | gc | idle | other. The
// innermost frame with a known script decides (Rapport's code called by the page's is Rapport's).
function owners(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const own = (id) => {
    if (memo.has(id)) return memo.get(id);
    const { url, functionName } = byId.get(id).callFrame;
    let who = parent.has(id) ? own(parent.get(id)) : 'other';
    if (url.startsWith('chrome-extension://') || url.startsWith('wasm://')) who = 'rapport';
    else if (url.startsWith('https://x.com/')) who = 'page';
    else if (functionName === '(garbage collector)') who = 'gc';
    else if (functionName === '(idle)') who = 'idle';
    memo.set(id, who);
    return who;
  };
  return own;
}

// Samples as [timestamp µs, weight µs, owner].
function samples(profile) {
  const own = owners(profile);
  const out = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    out.push([t, Math.max(0, next), own(profile.samples[i])]);
  }
  return out;
}

// Where Rapport's script time goes: the innermost function of each of its samples, named
// with the wasm-bindgen import it was called through (`decode via getAttribute`).
function hotspots(profile, top = 8) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ms = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const frames = [];
    for (let id = profile.samples[i]; id != null; id = parent.get(id)) frames.push(byId.get(id).callFrame);
    if (!frames.some((f) => f.url.startsWith('chrome-extension://') || f.url.startsWith('wasm://'))) continue;
    const leaf = frames[0];
    const short = (f) => f.functionName.replace(/^__wbg_(\w+?)_[0-9a-f]{16}$/, '$1') || '(anonymous)';
    const via = frames.find((f) => /^__wbg_/.test(f.functionName));
    // webext::call reaches the extension API through Reflect.apply; V8 gives those native
    // bindings an arbitrary shared name (getUILanguage, setUninstallURL …), so name the path.
    const name = leaf.url.endsWith('.wasm') ? 'wasm code'
      : via && short(via) === 'apply' && !leaf.url ? 'extension API (webext::call: runtime.sendMessage)'
        : short(leaf) + (via && short(via) !== short(leaf) ? ' via ' + short(via) : '');
    ms.set(name, (ms.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...ms].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, t]) => ({ fn, ms: r1(t) }));
}

function sumBy(list) {
  const s = { rapport: 0, page: 0, gc: 0, idle: 0, other: 0 };
  for (const [, w, who] of list) s[who] += w;
  return s;
}

// Long main-thread tasks in the trace window, each with Rapport's script time inside it.
function longTasksFromTrace(events, list) {
  const start = events.find((e) => e.name === 'bench:scroll-start');
  const end = events.find((e) => e.name === 'bench:scroll-end');
  if (!start) return null;
  const main = (e) => e.pid === start.pid && e.tid === start.tid;
  const t0 = start.ts; const t1 = end ? end.ts : Infinity;
  const tasks = events.filter((e) => main(e) && e.ph === 'X' && /RunTask/.test(e.name) &&
    e.ts >= t0 && e.ts <= t1 && e.dur > LONG * 1000);
  return tasks.map((task) => {
    const inside = list.filter(([t]) => t >= task.ts && t < task.ts + task.dur);
    const s = sumBy(inside);
    return { ms: task.dur / 1000, rapportMs: s.rapport / 1000, pageMs: s.page / 1000, causedByRapport: (task.dur - s.rapport) / 1000 < LONG };
  });
}

const pct = (v, p) => {
  if (!v.length) return null;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.round((s.length - 1) * p)];
};
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

async function scene(port, withExtension, { storage }) {
  const b = await launch(port, withExtension);
  try {
    const page = b.ctx.pages()[0] ?? await b.ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await b.ctx.newCDPSession(page);
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    await page.goto('https://x.com/home?bench=scroll', { waitUntil: 'domcontentloaded' });
    await until(() => page.evaluate(() => window.__bench?.ready()), 'first timeline page');
    if (withExtension) {
      await until(() => page.evaluate(() => document.documentElement.dataset.rapportStatus), 'Rapport started');
      await until(() => page.evaluate(() => window.__bench.allMarked()), 'first posts marked');
    }
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'] },
    });
    await cdp.send('Profiler.start');
    const scrollMs = await page.evaluate(() => window.__bench.run());
    if (withExtension) {
      await until(() => page.evaluate(() => window.__bench.allMarked()), 'every post marked', 20000)
        .catch(async () => {
          const u = await page.evaluate(() => window.__bench.unmarked());
          console.error(`scroll: ${u.count} posts never marked (${u.inPage} of them still in the page)`);
        });
    }
    const { profile } = await cdp.send('Profiler.stop');
    // For a closer look: open it in DevTools' Performance panel.
    fs.mkdirSync(path.join(ROOT, 'target/bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, `target/bench/scroll-${withExtension ? 'with' : 'without'}.cpuprofile`), JSON.stringify(profile));
    await cdp.send('Tracing.end');
    const { stream } = await traced;
    const trace = JSON.parse(await readStream(cdp, stream));
    const events = trace.traceEvents ?? trace;
    const r = await page.evaluate(() => window.__bench.results());

    const list = samples(profile);
    const total = sumBy(list);
    const long = longTasksFromTrace(events, list);

    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    let wasmBytes = null;
    const iso = contexts.find((c) => c.origin?.startsWith('chrome-extension://') && c.auxData?.type === 'isolated');
    if (withExtension && iso) {
      const got = await cdp.send('Runtime.evaluate', {
        contextId: iso.id, awaitPromise: true, returnByValue: true,
        expression: `(async () => {
          const m = await import(chrome.runtime.getURL('pkg/rapport.js'));
          return (await m.default()).memory.buffer.byteLength;
        })()`,
      });
      wasmBytes = got.result?.value ?? null;
    }
    let storageLoad = null;
    if (withExtension && storage) storageLoad = await ledgerFromStorage(b);
    return {
      withExtension, scrollMs, posts: r.posts, marked: r.marked, latencies: r.latencies,
      droppedCells: r.droppedCells, cellsInPage: r.cellsInPage,
      longTasks: r.longTasks, longFrames: r.longFrames, traceLong: long,
      scriptMs: { rapport: total.rapport / 1000, page: total.page / 1000, gc: total.gc / 1000, other: total.other / 1000, idle: total.idle / 1000 },
      hotspots: withExtension ? hotspots(profile) : [],
      heapUsed: heap.usedSize, wasmBytes, storageLoad, errors, version: b.version,
    };
  } finally {
    await b.close();
  }
}

// The 100,000-post ledger through chrome.storage.local and LedgerStore.load, on the options page.
async function ledgerFromStorage(b) {
  const page = await b.ctx.newPage();
  try {
    await page.goto(b.extBase + 'options.html');
    return await page.evaluate(async (runs) => {
      const res = await fetch('https://x.com/bench/data/ledger-100k.json');
      if (!res.ok) return null;
      const json = await res.text();
      await chrome.storage.local.set({ 'bench-ledger': json });
      const m = await import('/pkg/rapport_pages.js');
      await m.default();
      const ms = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const got = await chrome.storage.local.get('bench-ledger');
        const t1 = performance.now();
        const store = m.LedgerStore.load(got['bench-ledger']);
        ms.push([t1 - t0, performance.now() - t1]);
        store.free();
      }
      await chrome.storage.local.remove('bench-ledger');
      ms.sort((x, y) => x[0] + x[1] - y[0] - y[1]);
      const [get, load] = ms[runs >> 1];
      return { bytes: json.length, getMs: get, loadMs: load, totalMs: get + load, runs };
    }, 3);
  } finally {
    await page.close();
  }
}

const tl = timeline({ posts: POSTS });
const server = await startServer(0, { extra: tl.answer });
const port = server.address().port;
try {
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? [true, false] : [false, true];
    for (const w of order) runs.push(await scene(port, w, { storage: i === 0 }));
  }
  const of = (w) => runs.filter((r) => r.withExtension === w);
  const median = (xs) => pct(xs, 0.5);
  const summary = (w) => {
    const rs = of(w);
    const lt = rs.flatMap((r) => r.longTasks);
    return {
      runs: rs.length,
      scroll_ms: r1(median(rs.map((r) => r.scrollMs))),
      posts: rs[0].posts,
      long_tasks: r1(median(rs.map((r) => r.longTasks.length))),
      long_task_ms: lt.map((t) => r1(t.duration)),
      long_frames: r1(median(rs.map((r) => r.longFrames.length))),
      script_ms: Object.fromEntries(Object.keys(rs[0].scriptMs).map((k) => [k, r1(median(rs.map((r) => r.scriptMs[k])))])),
      heap_mb: r1(median(rs.map((r) => r.heapUsed / 1e6))),
      errors: rs.flatMap((r) => r.errors),
    };
  };
  const w = summary(true); const wo = summary(false);
  const withRuns = of(true);
  const lat = withRuns.flatMap((r) => r.latencies);
  const traceLong = withRuns.flatMap((r) => r.traceLong ?? []);
  const extFrameScripts = withRuns.flatMap((r) => r.longFrames.flatMap((f) => f.scripts))
    .filter((s) => s.url.startsWith('chrome-extension://'));
  const out = {
    name: 'scroll', posts: POSTS, rounds: ROUNDS, chromium: runs[0].version,
    cells: tl.cells.length, real_cells: tl.realCells, texts: tl.texts,
    with: w, without: wo,
    marked: withRuns.map((r) => r.marked),
    latency_p50_ms: r1(pct(lat, 0.5)), latency_p95_ms: r1(pct(lat, 0.95)), latency_max_ms: r1(pct(lat, 1)),
    rapport_script_ms: w.script_ms.rapport, page_script_ms: w.script_ms.page,
    rapport_share: w.script_ms.page ? Math.round((w.script_ms.rapport / w.script_ms.page) * 1000) / 1000 : null,
    long_tasks_with_rapport: traceLong.filter((t) => t.rapportMs > 0).length,
    long_tasks_caused_by_rapport: traceLong.filter((t) => t.causedByRapport).length,
    trace_long_tasks: traceLong.map((t) => ({ ms: r1(t.ms), rapport_ms: r1(t.rapportMs), page_ms: r1(t.pageMs) })),
    rapport_scripts_in_long_frames_ms: r1(extFrameScripts.reduce((a, s) => a + s.duration, 0)),
    rapport_hotspots: withRuns[withRuns.length - 1].hotspots,
    heap_delta_mb: r1(w.heap_mb - wo.heap_mb),
    wasm_memory_mb: r1(median(withRuns.map((r) => r.wasmBytes)) / 1e6),
    storage: withRuns.find((r) => r.storageLoad)?.storageLoad ?? null,
  };
  console.log('BENCH ' + JSON.stringify(out));
} finally {
  server.close();
}
