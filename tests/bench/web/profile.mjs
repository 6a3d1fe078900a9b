// One full-set score, many times, on the profiling build (wasm function names kept), for the CPU
// profile tests/bench/browser.mjs takes around window.__run(n).
import init, { Scorer } from '/pkg-profiling/renkei.js';

await init();
const scorer = new Scorer();
const mito = await (await fetch('/data/mito-full.json')).json();
for (let i = 0; i < 200; i++) scorer.score(mito); // warm up (tier-up to optimised code)
window.__run = (n) => {
  const t = performance.now();
  for (let i = 0; i < n; i++) scorer.score(mito);
  return performance.now() - t;
};
window.__ready = true;
