#!/usr/bin/env node
// Mutation check of a rule pack's scripts: does any test notice when a rule changes?
//
// Copies the pack (default rules/default) to a temporary folder, then, ONE mutation at a time,
// changes one comparison or logical operator (< ↔ <=, > ↔ >=, == ↔ !=, && ↔ ||) or one numeric
// constant (an integer n → n−1 and n+1; a fraction such as 0.7 → 0.6 and 0.8; 4.0 → 3.0 and 5.0)
// in the copy's scripts/*.rhai, and runs the tests that judge a pack against the copy:
//   1. the pack's own test cases:  target/debug/renkei test DIR
//   2. the cases of tests/cases/ (levels, findings and golden reports) scored with that pack:
//      the already-built `cases` test binary with RENKEI_PACK_DIR=DIR (no rebuild per mutation).
// A mutation is caught when either fails (or runs out of time). Prints and writes the summary to
// tests/output/mutation.txt and exits 1 when fewer than --threshold percent are caught.
//
//   node tests/mutation/mutate.mjs [--threshold 90] [--timeout 60] [--jobs 2] [--both]
//                                  [--pack rules/default] [--only d2_council] [--list]
//
// The pack's tests run first and the cases only when they pass (--both runs both on every
// mutation, so the summary can say what each catches on its own). --jobs runs that many
// mutations at once, each in its own copy of the pack. --only keeps the scripts whose file name
// contains the text; --list prints the mutations and runs nothing. --timeout is per test run.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The test in tests/cases.rs that judges every case with the pack of RENKEI_PACK_DIR. */
const CASES_TEST = 'every_case_meets_its_expectations_and_its_golden';

// ------------------------------------------------------------------ options

function options(argv) {
  const o = { threshold: 90, timeout: 60, pack: join(ROOT, 'rules/default'), only: null, list: false, jobs: 2, both: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--threshold') o.threshold = Number(value());
    else if (a === '--timeout') o.timeout = Number(value());
    else if (a === '--pack') o.pack = value();
    else if (a === '--only') o.only = value();
    else if (a === '--list') o.list = true;
    else if (a === '--jobs') o.jobs = Number(value());
    else if (a === '--both') o.both = true;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!(o.threshold >= 0 && o.threshold <= 100)) usage('--threshold is a percentage, 0–100');
  if (!(o.timeout > 0)) usage('--timeout is seconds, above 0');
  if (!(Number.isInteger(o.jobs) && o.jobs >= 1)) usage('--jobs is a whole number, 1 or more');
  return o;
}

function usage(problem) {
  if (problem) console.error(`mutate: ${problem}`);
  console.error('usage: node tests/mutation/mutate.mjs [--threshold 90] [--timeout 60] [--jobs 2] [--both] [--pack DIR] [--only TEXT] [--list]');
  process.exit(2);
}

// ------------------------------------------------------------------ finding mutations

const SWAP = { '<': '<=', '<=': '<', '>': '>=', '>=': '>', '==': '!=', '!=': '==', '&&': '||', '||': '&&' };

/** Mutated versions of one numeric literal. */
function numberMutants(text) {
  if (!text.includes('.')) {
    const n = Number(text);
    return [n - 1, n + 1].filter((x) => x >= 0).map(String);
  }
  const decimals = text.split('.')[1].length;
  const n = Number(text);
  const step = n <= 1 ? 0.1 : 1;
  const fmt = (x) => (step < 1 ? x.toFixed(Math.max(decimals, 1)) : x.toFixed(decimals));
  return [n - step, n + step].filter((x) => x >= -1e-9).map((x) => fmt(Math.abs(x) < 1e-9 ? 0 : x));
}

/**
 * Every mutation of a rhai script: { offset, length, from, to, line, column, kind }. Comments and
 * string literals are skipped; numbers that are part of a name (d1_target_states) are not numbers.
 */
export function findMutations(src) {
  const out = [];
  let line = 1;
  let lineStart = 0;
  const push = (offset, from, to, kind) => out.push({ offset, length: from.length, from, to, line, column: offset - lineStart + 1, kind });
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    const two = src.slice(i, i + 2);
    if (c === '\n') { line++; lineStart = i + 1; i++; continue; }
    if (two === '//') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (two === '/*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') { line++; lineStart = k + 1; }
      i = stop;
      continue;
    }
    if (c === '"' || c === '`' || c === "'") {
      let k = i + 1;
      while (k < src.length && src[k] !== c) {
        if (src[k] === '\\') k++;
        else if (src[k] === '\n') { line++; lineStart = k + 1; }
        k++;
      }
      i = k + 1;
      continue;
    }
    if (['<=', '>=', '==', '!=', '&&', '||'].includes(two)) { push(i, two, SWAP[two], 'operator'); i += 2; continue; }
    if ((c === '<' || c === '>') && src[i + 1] !== c && src[i - 1] !== c && src[i - 1] !== '=' && src[i - 1] !== '-') {
      push(i, c, SWAP[c], 'operator');
      i++;
      continue;
    }
    if (/[0-9]/.test(c) && !/[A-Za-z0-9_.]/.test(src[i - 1] ?? ' ')) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i));
      if (!/[A-Za-z_]/.test(src[i + m[0].length] ?? ' ')) {
        for (const to of numberMutants(m[0])) push(i, m[0], to, 'number');
      }
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) { while (i < src.length && /[A-Za-z0-9_]/.test(src[i])) i++; continue; }
    i++;
  }
  return out;
}

// ------------------------------------------------------------------ running

function run(cmd, args, { env = {}, timeout, cwd = ROOT } = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeout * 1000, killSignal: 'SIGKILL', maxBuffer: 64 << 20 });
  return { ok: r.status === 0, timedOut: r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL', status: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), ms: Date.now() - t0, error: r.error };
}

function build() {
  const cli = run('cargo', ['build', '--quiet', '--bin', 'renkei'], { timeout: 1800 });
  if (!cli.ok) fail(`cargo build --bin renkei failed:\n${cli.out}`);
  const t = run('cargo', ['test', '--quiet', '--test', 'cases', '--no-run', '--message-format=json'], { timeout: 1800 });
  if (!t.ok) fail(`cargo test --test cases --no-run failed:\n${t.out}`);
  let exe = null;
  for (const l of t.out.split('\n')) {
    if (!l.startsWith('{')) continue;
    const m = JSON.parse(l);
    if (m.reason === 'compiler-artifact' && m.target?.name === 'cases' && m.executable) exe = m.executable;
  }
  if (!exe) fail('cargo did not name the executable of the cases test');
  return { renkei: join(ROOT, 'target/debug/renkei'), cases: exe };
}

function fail(msg) {
  console.error(`mutate: ${msg}`);
  process.exit(2);
}

/** One process, asynchronously, killed after `timeout` seconds. */
function runAsync(cmd, args, { env = {}, timeout }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    let timedOut = false;
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeout * 1000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ ok: status === 0 && !timedOut, timedOut, status, out, ms: Date.now() - t0 });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, timedOut: false, status: null, out: String(e), ms: Date.now() - t0 });
    });
  });
}

/**
 * The checks against the pack in `dir`: { packTests, cases } each 'pass' | 'fail' | 'timeout' |
 * 'not run' (the cases, when the pack's tests already failed and `both` is off).
 */
async function judge(bins, dir, timeout, both) {
  const verdict = (r) => (r.timedOut ? 'timeout' : r.ok ? 'pass' : 'fail');
  const p = await runAsync(bins.renkei, ['test', dir], { timeout });
  if (!both && !p.ok) return { packTests: verdict(p), cases: 'not run', out: { packTests: p.out, cases: '' }, ms: p.ms };
  // Only the test that scores the cases with RENKEI_PACK_DIR's pack (the others do not read it).
  const c = await runAsync(bins.cases, ['--quiet', '--exact', CASES_TEST], { timeout, env: { RENKEI_PACK_DIR: dir, RENKEI_BLESS: '' } });
  if (c.ok && !/1 passed/.test(c.out)) fail(`the cases binary ran no test named ${CASES_TEST}:\n${c.out}`);
  return { packTests: verdict(p), cases: verdict(c), out: { packTests: p.out, cases: c.out }, ms: p.ms + c.ms };
}

// ------------------------------------------------------------------ main

const o = options(process.argv.slice(2));
const scriptsDir = join(o.pack, 'scripts');
const scripts = readdirSync(scriptsDir).filter((f) => f.endsWith('.rhai') && (!o.only || f.includes(o.only))).sort();
if (scripts.length === 0) fail(`no scripts/*.rhai in ${o.pack}${o.only ? ` matching ${o.only}` : ''}`);
const mutations = scripts.flatMap((file) => findMutations(readFileSync(join(scriptsDir, file), 'utf8')).map((m) => ({ file: `scripts/${file}`, ...m })));
const where = (m) => `${m.file}:${m.line}:${m.column}`;
const describe = (m) => `${m.from} → ${m.to}`;
if (o.list) {
  for (const m of mutations) console.log(`${where(m)}  ${describe(m)}  (${m.kind})`);
  console.log(`${mutations.length} mutations`);
  process.exit(0);
}

const started = Date.now();
console.error(`mutate: building the CLI and the cases test once …`);
const bins = build();
const tmp = mkdtempSync(join(tmpdir(), 'renkei-mutation-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
const copies = Array.from({ length: o.jobs }, (_, w) => {
  const dir = join(tmp, `pack-${w}`);
  cpSync(o.pack, dir, { recursive: true });
  return dir;
});

const base = await judge(bins, copies[0], o.timeout, true);
if (base.packTests !== 'pass' || base.cases !== 'pass') {
  fail(`the unmutated pack does not pass (pack tests: ${base.packTests}, cases: ${base.cases}); fix that first:\n${base.packTests !== 'pass' ? base.out.packTests : base.out.cases}`);
}
const ownTests = Number(/(\d+) passed/.exec(base.out.packTests)?.[1] ?? 0);
if (ownTests === 0) fail(`renkei test ran no test case of the pack:\n${base.out.packTests}`);
console.error(`mutate: ${mutations.length} mutations in ${scripts.length} scripts of ${relative(ROOT, o.pack) || o.pack}; baseline passes (${base.ms} ms a run)`);

const results = new Array(mutations.length);
let next = 0;
let done = 0;
async function worker(copy) {
  while (next < mutations.length) {
    const k = next++;
    const m = mutations[k];
    const path = join(copy, m.file);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.slice(0, m.offset) + m.to + original.slice(m.offset + m.length));
    try {
      const v = await judge(bins, copy, o.timeout, o.both);
      const caught = v.packTests !== 'pass' || (v.cases !== 'pass' && v.cases !== 'not run');
      // A pack that no longer compiles fails both checks; say so (it is not a rule the tests judged).
      const invalid = /rule pack has|ルールパックに/.test(v.out.packTests) && v.packTests === 'fail';
      results[k] = { ...m, ...v, caught, invalid };
      done++;
      if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${mutations.length} ${caught ? 'caught  ' : 'SURVIVED'} ${where(m)} ${describe(m)}            `);
      else if (done % 50 === 0 || done === mutations.length) process.stderr.write(`  ${done}/${mutations.length} run\n`);
    } finally {
      writeFileSync(path, original);
    }
  }
}
await Promise.all(copies.map(worker));
if (process.stderr.isTTY) process.stderr.write('\n');

// ------------------------------------------------------------------ summary

const total = results.length;
const caught = results.filter((r) => r.caught);
const pct = (n) => (total ? (100 * n) / total : 100).toFixed(1);
const byPack = results.filter((r) => r.packTests !== 'pass').length;
const byCases = results.filter((r) => r.cases !== 'pass' && r.cases !== 'not run').length;
const onlyCases = results.filter((r) => r.packTests === 'pass' && r.cases !== 'pass').length;
const timeouts = results.filter((r) => r.packTests === 'timeout' || r.cases === 'timeout').length;
const invalid = results.filter((r) => r.invalid).length;
const survivors = results.filter((r) => !r.caught);
const srcLine = (r) => readFileSync(join(o.pack, r.file), 'utf8').split('\n')[r.line - 1].trim();
const rate = total ? (100 * caught.length) / total : 100;
const lines = [
  `renkei mutation check — ${new Date().toISOString()}`,
  `pack: ${relative(ROOT, o.pack) || o.pack} (scripts: ${scripts.join(', ')})`,
  `mutations: ${total} (${results.filter((r) => r.kind === 'operator').length} operators, ${results.filter((r) => r.kind === 'number').length} numbers), one at a time, ${o.jobs} at once`,
  `caught: ${caught.length} / ${total} = ${pct(caught.length)} %  (threshold ${o.threshold} %)`,
  `  by the pack's own tests (renkei test): ${byPack} (${pct(byPack)} %)`,
  o.both
    ? `  by tests/cases (levels, findings, goldens): ${byCases} (${pct(byCases)} %), of which ${onlyCases} not caught by the pack's tests`
    : `  by tests/cases (levels, findings, goldens) where the pack's tests passed: ${onlyCases} (run only then; --both runs them on every mutation)`,
  `  timeouts (counted as caught): ${timeouts}; pack no longer compiles (counted as caught): ${invalid}`,
  'by script: caught / mutations',
  ...scripts.map((f) => {
    const mine = results.filter((r) => r.file === `scripts/${f}`);
    const n = mine.filter((r) => r.caught).length;
    return `  ${f.padEnd(24)} ${String(n).padStart(4)} / ${String(mine.length).padEnd(4)} ${(mine.length ? (100 * n) / mine.length : 100).toFixed(0).padStart(3)} %`;
  }),
  `survivors: ${survivors.length}`,
  ...survivors.map((r) => `  ${where(r)}  ${describe(r)}    ${srcLine(r)}`),
  `time: ${((Date.now() - started) / 1000).toFixed(0)} s`,
];
const text = lines.join('\n') + '\n';
mkdirSync(join(ROOT, 'tests/output'), { recursive: true });
writeFileSync(join(ROOT, 'tests/output/mutation.txt'), text);
console.log(text);
console.log(`written to tests/output/mutation.txt`);
if (rate < o.threshold) {
  console.error(`mutate: ${pct(caught.length)} % caught, below the threshold of ${o.threshold} %`);
  process.exit(1);
}
