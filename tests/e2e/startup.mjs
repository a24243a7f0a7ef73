// Benchmark (run by `./build.sh bench`): content-script start-up on the home fixture, from the
// loader's first line to Rapport running (wasm fetched, compiled, instantiated, started), in
// Chromium and Firefox; median and worst of several cold page loads.
import { startServer } from './server.mjs';
import { launch, until } from './browsers.mjs';

const RUNS = 9;
const server = await startServer(443);
try {
  for (const name of ['chromium', 'firefox']) {
    const b = await launch(name, 443);
    try {
      const ms = [];
      for (let i = 0; i < RUNS; i++) {
        await b.goto(`https://x.com/home?run=${i}`);
        const d = await until(() => b.eval(() => {
          const m = performance.getEntriesByName('rapport:startup');
          return m.length ? m[0].duration : null;
        }), 'startup measure');
        ms.push(d);
      }
      ms.sort((a, c) => a - c);
      console.log(`BENCH ${name}: content-script start median ${ms[RUNS >> 1].toFixed(1)} ms, worst ${ms[RUNS - 1].toFixed(1)} ms over ${RUNS} loads`);
    } finally {
      await b.close();
    }
  }
} finally {
  server.close();
}
