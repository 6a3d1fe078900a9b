// Cold start, as the self-assessment page does it: the JS glue is loaded (this module's import),
// then the .wasm is fetched, compiled and instantiated (init), the pack compiled (new Scorer), and
// the first report scored. Times are from navigation start (performance.now() in a fresh context).
// The page's engine (no TOML compiler), as www/js/engine.js loads it for the default pack.
import init, { Scorer } from '/pkg/renkei_page.js';

const glue = performance.now();
const fixture = fetch('/data/mito-full.json').then((r) => r.json());
await init();
const wasm = performance.now();
const scorer = new Scorer();
const pack = performance.now();
const report = scorer.score(await fixture);
const first = performance.now();
document.getElementById('out').textContent = `${report.assessment.municipality}: ${report.overall.level}`;
const res = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
const nav = performance.getEntriesByType('navigation')[0];
window.__done = {
  html: nav ? nav.responseEnd : null,
  glue, wasm, pack, first,
  wasmFetched: res ? res.responseEnd : null,
  wasmBytes: res ? res.encodedBodySize : null,
};
