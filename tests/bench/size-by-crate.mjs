// Where the bytes of a .wasm go, from a build that keeps its function names (name section):
//   node tests/bench/size-by-crate.mjs FILE.wasm [--top N] [--grep REGEX] [--json]
// prints the code by crate (lib/wasm-names.mjs: the crate a name starts with; generic
// standard-library code apart), the generic families (a function name without its hashes and
// type arguments: `core::slice::sort::stable::drift::sort` counts every instantiation of it),
// which crates' types the generic standard-library code was instantiated for, and the largest
// functions. `bash scripts/size-profile.sh` builds such files (target/size/*.wasm).
import { readFileSync } from 'node:fs';
import { wasmSizes } from './lib/wasm-names.mjs';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !['--top', '--grep'].includes(args[i - 1]));
if (!file) {
  console.error('usage: node tests/bench/size-by-crate.mjs FILE.wasm [--top N] [--grep REGEX] [--json]');
  process.exit(2);
}
const opt = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const top = Number(opt('--top', 25));
const grep = opt('--grep', null);
const s = wasmSizes(readFileSync(file));
if (s.named === 0) {
  console.error(`${file}: no name section (build it with names kept: bash scripts/size-profile.sh)`);
  process.exit(2);
}

/** A name without hashes (`[abc123]`, `::h0123…`) and without anything inside `<…>` after the path. */
function family(name) {
  let n = name.replace(/\[[0-9a-f]+\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
  // Drop generic arguments: keep the characters outside angle brackets, except a leading `<X as Y>`.
  let out = '';
  let depth = 0;
  for (const ch of n) {
    if (ch === '<') { depth++; if (depth === 1 && out === '') out += '<'; continue; }
    if (ch === '>') { depth--; if (depth === 0 && out === '<') out = ''; continue; }
    if (depth === 0) out += ch;
  }
  return out.replace(/^::/, '').replace(/::$/, '') || n;
}

const STD = new Set(['core', 'alloc', 'std']);
/** The non-std crates named anywhere in a generic std function's name (what it was instantiated for). */
function instantiatedFor(name) {
  const crates = new Set([...name.matchAll(/(?:^|[<\s(&,*])([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/g)].map((m) => m[1]).filter((c) => !STD.has(c)));
  return crates.size ? [...crates].sort().join('+') : '(std only)';
}

const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
const pad = (t, n) => String(t).padStart(n);
const fns = grep ? s.functions.filter(([n]) => new RegExp(grep).test(n)) : s.functions;

const families = new Map();
const forCrate = new Map();
for (const [n, b] of fns) {
  const f = family(n);
  const e = families.get(f) ?? [0, 0];
  families.set(f, [e[0] + b, e[1] + 1]);
  if (/^<*(core|alloc|std)(\[[0-9a-f]+\])?::/.test(n)) {
    const c = instantiatedFor(n);
    const g = forCrate.get(c) ?? [0, 0];
    forCrate.set(c, [g[0] + b, g[1] + 1]);
  }
}
const ranked = (m) => [...m].map(([k, [b, c]]) => [k, b, c]).sort((a, b) => b[1] - a[1]);

if (args.includes('--json')) {
  console.log(JSON.stringify({ total: s.total, code: s.code, data: s.data, other: s.other, byCrate: s.byCrate, families: ranked(families).slice(0, top), stdFor: ranked(forCrate), functions: fns.slice(0, top) }));
  process.exit(0);
}
console.log(`${file}: ${kB(s.total)} in all: code ${kB(s.code)}, data ${kB(s.data)}, names and other sections ${kB(s.other)}; ${s.functions.length} functions`);
if (grep) console.log(`(only functions matching /${grep}/: ${fns.length}, ${kB(fns.reduce((t, [, b]) => t + b, 0))})`);
console.log('\ncode by crate                                   bytes   share  functions');
for (const [c, b, k] of s.byCrate.slice(0, top)) console.log(`  ${c.padEnd(40)} ${pad(kB(b), 10)} ${pad(((100 * b) / s.code).toFixed(1), 5)} % ${pad(k, 6)}`);
console.log('\ngeneric std code, by the crates in its type arguments');
for (const [c, b, k] of ranked(forCrate).slice(0, top)) console.log(`  ${c.slice(0, 60).padEnd(60)} ${pad(kB(b), 10)} ${pad(k, 6)}`);
console.log('\nfamilies (every instantiation of one function together)');
for (const [f, b, k] of ranked(families).slice(0, top)) console.log(`  ${f.slice(0, 90).padEnd(90)} ${pad(kB(b), 10)} ×${k}`);
console.log('\nlargest functions');
for (const [n, b] of fns.slice(0, top)) console.log(`  ${n.slice(0, 110).padEnd(110)} ${pad(b, 8)}`);
