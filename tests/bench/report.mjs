// The benchmark collector (`./build.sh bench [--quick]`, after the build): runs every part,
// reads its `BENCH` lines, and writes target/bench/report.json and target/bench/report.md (a
// table of measure, figure, budget from DESIGN.md, PASS/FAIL, under a header naming the date,
// the machine and the browsers). Each part's full output is kept in target/bench/logs/.
//
//   node tests/bench/report.mjs [--quick]
//
// Parts: native benches (cargo bench: micro, archive, ledger), the same workloads and the page
// pipeline in wasm in headless Chromium (tests/wasm_bench.rs, built like the shipped wasm:
// profile `wasm`, opt-level z), content-script start (tests/e2e/startup.mjs), the scroll scene
// (tests/bench/scroll.mjs), and the sizes of dist/. Never run by `./build.sh test`: timing on a
// shared machine is too noisy for a pass/fail test; the PASS/FAIL here is a report, not a gate.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'target/bench');
const LOGS = path.join(OUT, 'logs');
const QUICK = process.argv.includes('--quick');
fs.mkdirSync(LOGS, { recursive: true });
const t0 = Date.now();

/** Runs a part; resolves to its `BENCH` lines parsed ({} for the text-only ones) and output. */
function part(name, cmd, args, env = {}) {
  const log = fs.createWriteStream(path.join(LOGS, name + '.log'));
  const started = Date.now();
  process.stdout.write(`  ${name} …`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; log.write(d); });
    child.stderr.on('data', (d) => log.write(d));
    child.on('close', (code) => {
      log.end();
      const secs = (Date.now() - started) / 1000;
      process.stdout.write(` ${code === 0 ? 'done' : 'FAILED (exit ' + code + ', see target/bench/logs/' + name + '.log)'} in ${secs.toFixed(0)} s\n`);
      const lines = out.split('\n').filter((l) => l.startsWith('BENCH ')).map((l) => l.slice(6));
      const json = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      resolve({ code, json, text: lines.filter((l) => !l.startsWith('{')), secs });
    });
  });
}

const sh = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8' }).trim(); } catch { return null; } };
const size = (f) => (fs.existsSync(path.join(ROOT, f)) ? fs.statSync(path.join(ROOT, f)).size : null);
const kb = (b) => (b == null ? 'n/a' : `${(b / 1000).toFixed(1)} KB`);
const f1 = (x) => (x == null ? 'n/a' : x.toFixed(1));
const f2 = (x) => (x == null ? 'n/a' : x.toFixed(2));

function machine() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model;
  return {
    date: new Date().toISOString().slice(0, 10),
    time: new Date().toISOString(),
    cpu, cores: os.availableParallelism?.() ?? os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    load_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    os: sh('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']),
    chromium: sh('/usr/lib/chromium/chromium', ['--version']) ?? sh('chromium', ['--version']),
    firefox: sh('firefox-esr', ['--version']),
    rustc: sh('rustc', ['--version']),
    node: process.version,
    commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    dirty: (sh('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    quick: QUICK,
  };
}

// --- sizes (dist/ is fresh: build.sh builds first) ------------------------------------------
function sizes() {
  const list = (dir, ext) => {
    const out = [];
    const walk = (d) => {
      if (!fs.existsSync(path.join(ROOT, d))) return;
      for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p); else if (p.endsWith(ext)) out.push([p, size(p)]);
      }
    };
    walk(dir);
    return out.sort();
  };
  return {
    wasm_cargo: list('target/pkg/raw', '.wasm').filter(([p]) => !p.endsWith('_bg.wasm')),
    wasm_bindgen: list('target/pkg/raw', '_bg.wasm'),
    wasm_opt: list('dist/chrome', '.wasm'),
    js: list('dist/chrome', '.js'),
    packages: [['dist/rapport-chrome.zip', size('dist/rapport-chrome.zip')], ['dist/rapport-firefox.xpi', size('dist/rapport-firefox.xpi')]],
  };
}

// --- run everything ---------------------------------------------------------------------
console.log(`bench${QUICK ? ' --quick' : ''}: parts run one after another; logs in target/bench/logs/`);
const env = { RAPPORT_BENCH_QUICK: QUICK ? '1' : '0' };
const native = await part('native', 'cargo', ['bench', '--quiet', '--bench', 'micro', '--bench', 'archive', '--bench', 'ledger'], env);
fs.mkdirSync(path.join(OUT, 'data'), { recursive: true });
fs.writeFileSync(path.join(OUT, 'data/config.json'), JSON.stringify({ quick: QUICK }) + '\n');
// Built like the shipped wasm (profile `wasm`) in its own target folder: testing in the build's
// folder would rebuild the library there with other settings. `panic = "unwind"` only keeps
// cargo from building the library twice (wasm32 aborts on panic either way).
const wasm = await part('wasm', 'cargo', ['test', '--profile', 'wasm', '--config', 'profile.wasm.panic="unwind"',
  '--target', 'wasm32-unknown-unknown', '--test', 'wasm_bench', '--', '--include-ignored', '--nocapture'], {
  CARGO_TARGET_DIR: path.join(OUT, 'wasm-target'),
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner',
  CHROMEDRIVER: '/usr/bin/chromedriver',
  WASM_BINDGEN_TEST_TIMEOUT: '600',
});
const startup = await part('startup', 'node', ['tests/e2e/startup.mjs']);
const scroll = await part('scroll', 'node', ['tests/bench/scroll.mjs', '--posts', QUICK ? '300' : '1000', '--rounds', QUICK ? '1' : '2']);

// --- figures --------------------------------------------------------------------------
const all = [...native.json, ...wasm.json, ...scroll.json];
const find = (name, side, extra = () => true) => all.find((b) => b.name === name && (!side || b.side === side) && extra(b));
const micro = (w, side) => find('micro', side, (b) => b.workload === w);
const page = (label) => find('page', 'wasm', (b) => b.label === label);
const start = Object.fromEntries(startup.text.map((l) => /^(\w+): content-script start median ([\d.]+) ms, worst ([\d.]+) ms over (\d+)/.exec(l))
  .filter(Boolean).map((m) => [m[1], { median_ms: Number(m[2]), worst_ms: Number(m[3]), loads: Number(m[4]) }]));
const sc = scroll.json[0] ?? null;
const sz = sizes();
const sum = (l) => (l.length ? l.reduce((a, [, b]) => a + (b ?? 0), 0) : null);

const rows = [];
// `ok`: true/false against the budget, null when the line has no budget or no figure.
const row = (section, measure, figure, budget, ok, id) => rows.push({ section, measure, figure, budget, result: ok == null ? (budget ? 'NO FIGURE' : '') : ok ? 'PASS' : 'FAIL', id });

const LABEL = { classify: 'classify', entities: 'entity extraction', weighted_length: 'weighted length', ledger_update: 'ledger update (observe)', common_ground: 'common ground' };
const vsWasm = [];
for (const w of Object.keys(LABEL)) {
  const n = micro(w, 'native'); const m = micro(w, 'wasm');
  const u = n?.unit ?? 'post';
  const budget = w === 'classify';
  if (n) {
    row('Native micro-benchmarks (real posts; common ground: the real archive\'s people)', `${LABEL[w]}: one ${u} (${n.items} ${u}s × ${n.rounds}) / batch of ${n.batch}`,
      `${f2(n.each_median_us)} µs median, ${f2(n.each_p95_us)} µs p95 / ${f1(n.batch_median_us)} µs median, ${f1(n.batch_p95_us)} µs p95`,
      budget ? '≤ 5 µs median (one post)' : '', budget ? n.each_median_us <= 5 : null, budget ? 'classify' : null);
  } else if (budget) row('Native micro-benchmarks', 'classify one post', 'n/a', '≤ 5 µs median', null, 'classify');
  if (n && m) {
    const ratio = m.batch_median_us / n.batch_median_us;
    vsWasm.push([`${LABEL[w]}, batch of ${m.batch}: wasm vs native`, `${f1(m.batch_median_us)} vs ${f1(n.batch_median_us)} µs median (${f2(ratio)}×)`,
      budget ? 'wasm ≤ 2× native' : '', budget ? ratio <= 2 : null, budget ? 'classify-wasm' : null]);
  } else if (budget) vsWasm.push(['classify, batch of 20: wasm vs native', 'n/a', 'wasm ≤ 2× native', null, 'classify-wasm']);
}
for (const r of vsWasm) row('Wasm in headless Chromium', ...r);
const p20 = page('extract+classify+mark, batch of 20 posts');
row('Wasm in headless Chromium', 'page pipeline, batch of 20 new posts: extract + classify + mark + hints', p20 ? `${p20.median_ms.toFixed(2)} ms median, ${p20.p95_ms.toFixed(2)} ms p95` : 'n/a', '≤ 1 ms', p20 ? p20.median_ms <= 1 : null, 'batch20');
const p40 = page('extract only, 40 posts');
row('Wasm in headless Chromium', 'reading a 40-post batch (extract only)', p40 ? `${p40.median_ms.toFixed(2)} ms median, ${p40.p95_ms.toFixed(2)} ms p95` : 'n/a', '< 2 ms', p40 ? p40.median_ms < 2 : null, 'read40');

if (sc) {
  const s = `Page scene: ${sc.posts}-post timeline scrolled in Chromium`;
  row(s, 'long tasks (> 50 ms) during the scroll, with / without Rapport', `${sc.with.long_tasks} / ${sc.without.long_tasks} (of ${sc.with.long_frames} / ${sc.without.long_frames} long frames)`, '', null);
  row(s, 'long tasks caused by Rapport (under 50 ms without its script time)', `${sc.long_tasks_caused_by_rapport} (Rapport ran in ${sc.long_tasks_with_rapport} of the long tasks)`, 'none', sc.long_tasks_caused_by_rapport === 0, 'longtask');
  row(s, "Rapport's main-thread script time vs the page's own", `${f1(sc.rapport_script_ms)} vs ${f1(sc.page_script_ms)} ms (${(sc.rapport_share * 100).toFixed(1)}%)`, '≤ 5%', sc.rapport_share <= 0.05, 'share');
  row(s, "page's own script time without Rapport (same scroll)", `${f1(sc.without.script_ms.page)} ms`, '', null);
  row(s, 'post entering the page → its marks', `${f1(sc.latency_p50_ms)} ms p50, ${f1(sc.latency_p95_ms)} ms p95 (marked: ${sc.marked.join(', ')} of ${sc.posts} posts${sc.rounds > 1 ? ', by round' : ''})`, '', null);
  row(s, "Rapport's memory after the scroll: JS heap (with − without) + wasm memory", `${f1(sc.heap_delta_mb)} MB + ${f1(sc.wasm_memory_mb)} MB`, '', null);
}

// Two modules: the content script's (budget: it loads on every x.com page) and the pages'
// (background, popup, options, import worker).
const pick = (list, name) => (list ?? []).filter(([p]) => path.basename(p) === name);
const wasmOpt = sum(pick(sz.wasm_opt, 'rapport_bg.wasm'));
row('Sizes', 'content-script wasm (pkg/rapport_bg.wasm): cargo → wasm-bindgen → wasm-opt -Oz', `${kb(sum(pick(sz.wasm_cargo, 'rapport.wasm')))} → ${kb(sum(pick(sz.wasm_bindgen, 'rapport_bg.wasm')))} → ${kb(wasmOpt)}`, '≤ 300 KB after wasm-opt', wasmOpt == null ? null : wasmOpt <= 300_000, 'wasm');
row('Sizes', 'pages wasm (pkg/rapport_pages_bg.wasm: background, popup, options, import worker), same', `${kb(sum(pick(sz.wasm_cargo, 'rapport_pages.wasm')))} → ${kb(sum(pick(sz.wasm_bindgen, 'rapport_pages_bg.wasm')))} → ${kb(sum(pick(sz.wasm_opt, 'rapport_pages_bg.wasm')))}`, '', null);
row('Sizes', `JS (${sz.js.length} files in dist/chrome)`, `${kb(sum(sz.js))}: ` + sz.js.map(([p, b]) => `${path.basename(p)} ${kb(b)}`).join(', '), '', null);
for (const [p, b] of sz.packages) row('Sizes', p, kb(b), '≤ 500 KB', b == null ? null : b <= 500_000, 'zip');

for (const b of ['chromium', 'firefox']) {
  const s = start[b];
  row('Start-up', `content-script start, ${b === 'chromium' ? 'Chromium' : 'Firefox ESR'} (loader → running)`, s ? `${f1(s.median_ms)} ms median, ${f1(s.worst_ms)} ms worst of ${s.loads}` : 'n/a', '≤ 50 ms', s ? s.median_ms <= 50 : null, 'startup-' + b);
}

const ll = (side) => find('ledger_load', side);
for (const [side, label] of [['native', 'native'], ['wasm', 'wasm in Chromium']]) {
  const l = ll(side);
  row('Storage', `100,000-post ledger loaded from its JSON, ${label}`, l ? `${f1(l.median_ms)} ms median (${(l.json_bytes / 1e6).toFixed(1)} MB)` : 'n/a', '≤ 200 ms', l ? l.median_ms <= 200 : null, 'ledger-' + side);
}
if (sc?.storage) {
  const st = sc.storage;
  row('Storage', '100,000-post ledger: chrome.storage.local.get + LedgerStore.load (extension page)', `${f1(st.totalMs)} ms (get ${f1(st.getMs)} + load ${f1(st.loadMs)}), median of ${st.runs}`, '≤ 200 ms', st.totalMs <= 200, 'ledger-ext');
}
for (const [side, label] of [['native', 'native'], ['wasm', 'wasm in Chromium']]) {
  const im = find('import', side);
  row('Storage', `importing a 10,000-post archive, ${label}`, im ? `${(im.total_ms / 1000).toFixed(2)} s (unzip and read ${im.read_ms.toFixed(0)}, posts: classify, ledger, people ${im.posts_ms.toFixed(0)}, history ${im.history_ms.toFixed(0)}, serialise ${im.store_ms.toFixed(0)} ms), as the options page's worker runs it` : 'n/a',
    '≤ 2 s', im ? im.total_ms <= 2000 : null, 'import-' + side);
}

// --- closing notes: why a budget is missed and what would fix it --------------------------
const failed = new Set(rows.filter((r) => r.result === 'FAIL').map((r) => r.id));
const notes = [];
const hot = (sc?.rapport_hotspots ?? []).map((h) => `${h.fn} ${f1(h.ms)} ms`).join(', ');
if (failed.has('share') || failed.has('longtask')) {
  notes.push(`**Scroll.** Rapport's script time in the scene is ${f1(sc.rapport_script_ms / sc.posts)} ms a post, against ${p20 ? (p20.median_ms / 20).toFixed(3) : 'n/a'} ms a post for the same pipeline in the batch benchmark: most of it is the content script's per-frame work around the pipeline, not the analysis. Where it goes (CPU profile, innermost function, target/bench/scroll-with.cpuprofile): ${hot}. ` +
    'Reading the body\'s computed background on every flush (`getPropertyValue`: `App::theme`) forces a style recalculation each frame (of cells the page just inserted: partly work the frame would do anyway, done earlier); strings crossing from wasm (`decode`) are the selectors and attribute names passed to `querySelector` and `getAttribute`, on every article every frame for the change signature; every flush that saw new posts sends the ledger delta to the background with `runtime.sendMessage` (the "extension API" line); `querySelector(All)` is extraction plus the document-wide scans of each flush (articles, cells, pickables). ' +
    'Fix (src/dom, not done here): keep the theme per page (re-read on navigation or when `body` changes), intern the attribute names (`wasm_bindgen::intern`), compute signatures for the cells the mutation records name instead of every article, and send ledger deltas at most every few hundred milliseconds. ' +
    "Also: the page's own script here is the stand-in's (cells parsed from HTML), far lighter than X's React, so the share is pessimistic; the same absolute time against X's own would be a smaller share.");
}
if (sc && sc.marked.some((n) => n < sc.posts)) notes.push(`**Unmarked posts.** In the scroll, ${sc.marked.map((n) => sc.posts - n).join(', ')} posts (by round) were never seen marked under the id the bench gave them (the first /status/ link of the cell) before they left the page. Not yet explained: Rapport skipped them, or marked them under another id. Not a budget; see target/bench/logs/scroll.log.`);
if (failed.has('batch20') || failed.has('read40')) notes.push('**Page pipeline.** Extraction dominates the batch (see "reading a 40-post batch"); the extraction work in src/dom/extract.rs (in progress by a teammate) is what brings it under budget: fewer `querySelector` calls per post and no string round trips for attribute names.');
if (failed.has('wasm')) notes.push(`**Wasm size.** The content-script module is ${kb(wasmOpt)} after wasm-opt, over 300 KB: what it holds that the page does not need every time (the classifier's cue tables, the Unicode tables) is the next cut; \`twiggy dominators\` on target/pkg/raw/rapport_bg.wasm lists them.`);
if (failed.has('startup-firefox') || failed.has('startup-chromium')) notes.push('**Start-up.** The content script compiles and instantiates the whole wasm on every page load; Firefox is slower at it. A smaller wasm for the content script (the split in progress) is the fix for both browsers.');
if (failed.has('ledger-ext') || failed.has('ledger-wasm') || failed.has('ledger-native')) notes.push(`**Ledger load.** The ledger is stored as one ${sc?.storage ? (sc.storage.bytes / 1e6).toFixed(1) : '16'} MB JSON string (164 bytes a post): chrome.storage.local.get alone takes ${sc?.storage ? f1(sc.storage.getMs) : 'n/a'} ms to hand it over, and parsing it in wasm ${sc?.storage ? f1(sc.storage.loadMs) : 'n/a'} ms. Fix: store it in shards (by month) so that start-up reads only the recent ones, and a denser record (ids as numbers, short keys); or IndexedDB with structured records.`);
if (failed.has('import-native') || failed.has('import-wasm')) notes.push('**Archive import.** See the step figures: reading (inflate and JSON) and classifying are the work; the history is built once (`History::record_many`).');
if (failed.has('classify') || failed.has('classify-wasm')) notes.push('**Classify.** Over budget in this run; the machine is shared, so check the p95 and rerun before acting.');
if (failed.has('zip')) notes.push('**Package size.** Over 500 KB: see the wasm size.');

const report = {
  machine: machine(), quick: QUICK, wall_seconds: Math.round((Date.now() - t0) / 1000),
  parts: { native: native.code, wasm: wasm.code, startup: startup.code, scroll: scroll.code },
  rows, notes, sizes: sz, startup: start, scroll: sc, bench: all,
};

const m = report.machine;
const md = [
  `## Benchmark report${QUICK ? ' (quick)' : ''}`,
  '',
  `${m.date}, commit ${m.commit}${m.dirty ? ' (with local changes)' : ''}; ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}; ` +
    `${m.chromium}, ${m.firefox}; ${m.rustc}; node ${m.node}. Load average at start ${m.load_at_start.join(' ')} (the machine is shared: expect ±30% on browser figures). ` +
    `\`./build.sh bench${QUICK ? ' --quick' : ''}\` took ${report.wall_seconds} s after the build.`,
  '',
  '| measure | figure | budget | |',
  '|---|---|---|---|',
];
let section = null;
for (const r of rows) {
  if (r.section !== section) { md.push(`| **${r.section}** | | | |`); section = r.section; }
  md.push(`| ${r.measure} | ${r.figure} | ${r.budget} | ${r.result} |`);
}
md.push('', `Wasm figures: tests/wasm_bench.rs built like the shipped wasm (profile \`wasm\`, opt-level z; not wasm-opt'd), timed with \`performance.now()\` (5 µs steps), so the wasm side is timed per batch of 20 only.`);
if (notes.length) md.push('', '### Budgets missed: why, and what would fix it', '', ...notes.map((n) => '- ' + n));
const failedParts = Object.entries(report.parts).filter(([, c]) => c !== 0).map(([p]) => p);
if (failedParts.length) md.push('', `Parts that did not finish: ${failedParts.join(', ')} (see target/bench/logs/).`);

fs.writeFileSync(path.join(OUT, 'report.json'), JSON.stringify(report, null, 2) + '\n');
fs.writeFileSync(path.join(OUT, 'report.md'), md.join('\n') + '\n');
console.log('\n' + md.join('\n') + '\n\nwrote target/bench/report.json and target/bench/report.md');
