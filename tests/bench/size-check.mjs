// The size check: raw, gzip -9 and brotli (quality 11) sizes of the shipped pkg/renkei_bg.wasm
// and of its JS glue, and a budget on the .wasm's gzip size (tests/bench/budget.json). Exits
// non-zero, loudly, when the .wasm is over budget. Usage:
//   node tests/bench/size-check.mjs            print, check the budget
//   node tests/bench/size-check.mjs --json     also print the numbers as JSON (for BENCHMARKS.md)
// Build pkg/ first (bash scripts/build.sh).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sizes } from './lib/sizes.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const budget = JSON.parse(readFileSync(new URL('budget.json', import.meta.url), 'utf8'));

const files = { wasm: 'pkg/renkei_bg.wasm', glue: 'pkg/renkei.js' };
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
const limit = budget.wasmGzipBytes;
const over = got.wasm.gzip > limit;
console.log(`budget: .wasm gzip ≤ ${kb(limit)} (${limit} bytes, tests/bench/budget.json): ${over ? 'OVER' : 'ok'}, ${((100 * got.wasm.gzip) / limit).toFixed(1)} % of budget`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ ...got, budget: limit }));
if (over) {
  console.error('\n' + '!'.repeat(78));
  console.error(`!! SIZE BUDGET EXCEEDED: pkg/renkei_bg.wasm is ${got.wasm.gzip} bytes gzipped, budget ${limit}.`);
  console.error(`!! ${got.wasm.gzip - limit} bytes over. Find what grew (BENCHMARKS.md, "Where the size goes"), or,`);
  console.error('!! if the growth is deliberate, raise wasmGzipBytes in tests/bench/budget.json and say why.');
  console.error('!'.repeat(78));
  process.exit(1);
}
