// The scroll scene's stand-in for X's timeline code (served as /bench/timeline.js by
// tests/bench/timeline.mjs). Like X's virtualised timeline it fetches cells a page at a time as
// the reader nears the end, renders each cell, and drops the cells far above the viewport
// (keeping their height as padding, so nothing jumps). window.__bench.run() scrolls to the
// end, one step per animation frame, as a programmatic fling would. It records long tasks,
// long animation frames, and when each post entered the page and when Rapport marked it
// (data-rapport-id), for tests/bench/scroll.mjs. Plain script; it never throws.
(function () {
  'use strict';
  const cfg = document.currentScript.dataset;
  const CELLS = Number(cfg.cells); const CHUNK = Number(cfg.chunk); const STEP = Number(cfg.step);
  const list = document.querySelector('[aria-label^="Timeline: "] > div');
  const inserted = new Map(); // status id -> performance.now() when its cell entered the page
  const marked = new Map(); // status id -> when Rapport's data-rapport-id appeared on it
  const longTasks = []; const longFrames = [];
  let next = 0; let loading = null; let dropped = 0; let droppedCells = 0; let window0 = null;

  const observe = (type, fn) => {
    try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type }); } catch (e) { /* unsupported */ }
  };
  observe('longtask', (e) => longTasks.push({ start: e.startTime, duration: e.duration }));
  observe('long-animation-frame', (e) => longFrames.push({
    start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
    scripts: (e.scripts || []).map((s) => ({ url: s.sourceURL, duration: s.duration, invoker: s.invoker })),
  }));
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      const id = r.target.getAttribute('data-rapport-id');
      if (id && !marked.has(id)) marked.set(id, t);
    }
  }).observe(list, { subtree: true, attributes: true, attributeFilter: ['data-rapport-id'] });

  // One page of cells from the "API", rendered and appended in one task.
  function load() {
    if (loading || next >= CELLS) return loading;
    loading = fetch(`/bench/cells?from=${next}&n=${CHUNK}`).then((r) => r.json()).then((page) => {
      const frag = document.createDocumentFragment();
      const tpl = document.createElement('template');
      for (const c of page.cells) {
        tpl.innerHTML = c.html;
        frag.append(tpl.content);
      }
      list.append(frag);
      const t = performance.now();
      for (const c of page.cells) if (c.id) inserted.set(c.id, t);
      next += page.cells.length;
      loading = null;
    });
    return loading;
  }

  // Virtualisation: cells more than two screens above the viewport leave the page.
  function recycle() {
    let first = list.firstElementChild;
    while (first && first.getBoundingClientRect().bottom < -2 * innerHeight) {
      dropped += first.offsetHeight;
      droppedCells++;
      first.remove();
      first = list.firstElementChild;
    }
    list.style.paddingTop = dropped + 'px';
  }

  function onScroll() {
    recycle();
    if (list.getBoundingClientRect().bottom < 3 * innerHeight) load();
  }
  addEventListener('scroll', onScroll, { passive: true });

  const atEnd = () => next >= CELLS && !loading &&
    scrollY + innerHeight >= document.documentElement.scrollHeight - 1;

  function run() {
    performance.mark('bench:scroll-start');
    window0 = performance.now();
    return new Promise((resolve) => {
      const frame = () => {
        if (atEnd()) {
          performance.mark('bench:scroll-end');
          resolve(performance.now() - window0);
          return;
        }
        scrollBy(0, STEP);
        if (list.getBoundingClientRect().bottom < 3 * innerHeight) load();
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }

  function results() {
    const inWindow = (e) => e.start >= window0;
    const latencies = [];
    for (const [id, t] of inserted) if (marked.has(id)) latencies.push(marked.get(id) - t);
    return {
      posts: inserted.size, marked: latencies.length, latencies, droppedCells,
      cellsInPage: list.childElementCount, articles: document.querySelectorAll('article').length,
      longTasks: longTasks.filter(inWindow), longFrames: longFrames.filter(inWindow),
    };
  }

  load();
  window.__bench = {
    ready: () => inserted.size > 0,
    run,
    results,
    // Every post that entered the page was marked (with the extension).
    allMarked: () => [...inserted.keys()].every((id) => marked.has(id)),
    // Posts never marked, and how many of them are still in the page (not recycled).
    unmarked: () => {
      const ids = [...inserted.keys()].filter((id) => !marked.has(id));
      return { count: ids.length, inPage: ids.filter((id) => list.querySelector(`a[href*="/status/${id}"]`)).length };
    },
  };
})();
