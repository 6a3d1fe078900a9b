// The size check: raw, gzip -9 and brotli (quality 11) sizes of the shipped engines and their JS
// glue — the assessment page's pkg/renkei_page_bg.wasm (no pack compiler; `wasm`) and the full
// pkg/renkei_bg.wasm (`full`: the editor, the pack worker, the npm package's main) — and a budget
// on each .wasm's gzip size (tests/bench/budget.json). Exits non-zero, loudly, when one is over
// its budget. Usage:
//   node tests/bench/size-check.mjs            print, check the budget
//   node tests/bench/size-check.mjs --json     also print the numbers as JSON (for BENCHMARKS.md)
// Build pkg/ first (bash scripts/build.sh).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sizes } from './lib/sizes.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const budget = JSON.parse(readFileSync(new URL('budget.json', import.meta.url), 'utf8'));

const files = { wasm: 'pkg/renkei_page_bg.wasm', glue: 'pkg/renkei_page.js', full: 'pkg/renkei_bg.wasm', fullGlue: 'pkg/renkei.js' };
for (const f of Object.values(files)) {
  if (!existsSync(ROOT + f)) {
    console.error(`size check: ${f} is missing — build it first: bash scripts/build.sh`);
    process.exit(2);
  }
}
const got = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, sizes(ROOT + f)]));
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
for (const [k, f] of Object.entries(files)) {
  const s = got[k];
  console.log(`${f.padEnd(20)} raw ${kb(s.raw).padStart(11)}   gzip -9 ${kb(s.gzip).padStart(10)}   brotli ${kb(s.brotli).padStart(10)}`);
}
const checks = [['wasm', budget.wasmGzipBytes, 'wasmGzipBytes'], ['full', budget.fullWasmGzipBytes, 'fullWasmGzipBytes']];
const over = [];
for (const [k, limit, key] of checks) {
  const bad = got[k].gzip > limit;
  console.log(`budget: ${files[k]} gzip ≤ ${kb(limit)} (${limit} bytes, tests/bench/budget.json ${key}): ${bad ? 'OVER' : 'ok'}, ${((100 * got[k].gzip) / limit).toFixed(1)} % of budget`);
  if (bad) over.push([k, limit, key]);
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ ...got, budget: budget.wasmGzipBytes, fullBudget: budget.fullWasmGzipBytes }));
for (const [k, limit, key] of over) {
  console.error('\n' + '!'.repeat(78));
  console.error(`!! SIZE BUDGET EXCEEDED: ${files[k]} is ${got[k].gzip} bytes gzipped, budget ${limit}.`);
  console.error(`!! ${got[k].gzip - limit} bytes over. Find what grew (bash scripts/size-profile.sh; BENCHMARKS.md, "Where the size goes"), or,`);
  console.error(`!! if the growth is deliberate, raise ${key} in tests/bench/budget.json and say why.`);
  console.error('!'.repeat(78));
}
if (over.length) process.exit(1);
