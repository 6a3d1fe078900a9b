// The corpus of untrusted inputs (tests/hostile/, tests/badfiles/) and the determinism list
// (tests/corpus-determinism.json), judged by the RELEASE pkg/ in Node: the same folders and
// expectations as the native runner tests/corpus.rs, read directly, so an entry is its files.
//
// - tests/hostile/NAME/: Scorer.fromSources(the folder's files, expect.json left out), then
//   scoreJson on an empty assessment (or expect.json's answers). Each pack runs in its own worker
//   with its own wasm instance, so a trap or a hang is a failure of that entry, not of the run.
//   expect.json's `web` overrides fields where in-memory sources differ from the folder reader
//   (`web.skip`: nothing to test here, such as symbolic links).
// - tests/badfiles/NAME.json|txt: new Scorer().scoreJson(text) must throw a RenkeiError (kind
//   "answers") with the expected code, item and English message, and every problem in Japanese too.
// - Determinism: the SHA-256 of every report (rules/default/tests/*.json built as run_tests builds
//   them, and tests/cases/*/assessment.json) must be the one tests/corpus-determinism.json lists.
//
// Entries listed in tests/hostile/KNOWN.md (without "(native)") must still fail here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOSTILE = `${ROOT}tests/hostile/`;
const BADFILES = `${ROOT}tests/badfiles/`;

// ------------------------------------------------------------------ shared helpers

/** Files a pack entry asks to be generated at run time (text only; bytes cannot be a JS string). */
function generated(expect) {
  const out = {};
  for (const g of expect.generate ?? []) {
    if (g.bytes) continue;
    out[g.path] = (g.prefix ?? '') + (g.text ?? '').repeat(g.repeat ?? 1) + (g.suffix ?? '');
  }
  return out;
}

function packFiles(name, expect) {
  const root = `${HOSTILE}${name}/`;
  const files = {};
  const walk = (rel) => {
    for (const e of readdirSync(root + rel, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel + e.name;
      if (e.isDirectory()) walk(`${p}/`);
      else if (p !== 'expect.json') files[p] = readFileSync(root + p, 'utf8');
    }
  };
  walk('');
  return Object.assign(files, generated(expect));
}

function outcome(fn) {
  try {
    return { kind: 'ok', report: JSON.parse(fn()) };
  } catch (e) {
    if (e && e.name === 'RenkeiError') return { kind: e.kind, problems: e.problems };
    return { kind: 'crash', message: `${e && e.name}: ${e && e.message}` };
  }
}

// ------------------------------------------------------------------ the worker: one pack

if (!isMainThread) {
  const { initSync, Scorer } = await import('../../pkg/renkei.js');
  initSync({ module: workerData.module });
  const { name, expect } = workerData;
  const files = packFiles(name, expect);
  const t = performance.now();
  const got = outcome(() => {
    const s = Scorer.fromSources(files);
    if (expect.runTests) s.runTests();
    const a = s.emptyAssessment('full');
    a.answers = expect.answers ?? {};
    return s.scoreJson(JSON.stringify(a), false);
  });
  const took = performance.now() - t;
  parentPort.postMessage({ got, took });
} else {
  main(await import('../../pkg/renkei.js'));
}

// ------------------------------------------------------------------ judging (as tests/corpus.rs)

function expectationFor(expect, mode) {
  return { ...expect, ...(expect[mode] ?? {}) };
}

const cut = (s, n) => (s.length > n ? `${s.slice(0, n)}…` : s);
// Each key given holds: the value, or one of a list's values (a clock stop's column).
const same = (want, got, keys) => keys.every((k) => !(k in want) || [want[k], ...(Array.isArray(want[k]) ? want[k] : [])].some((w) => JSON.stringify(w) === JSON.stringify(got[k] ?? null)));
const messageHas = (want, got) => typeof want.message !== 'string' || String(got.message ?? '').includes(want.message);
const bilingual = (p, f) => {
  if (!String(p.message ?? '').trim() || !/[\u3040-\u30ff\u4e00-\u9fff]/.test(String(p.messageJa ?? ''))) f.push(`a problem without its English and Japanese message: ${JSON.stringify(p)}`);
};

function judgePack(e, got) {
  const f = [];
  if (got.kind !== e.kind) {
    const what = got.kind === 'ok' ? 'scored' : got.kind === 'crash' ? got.message : JSON.stringify(got.problems);
    return [`expected kind ${e.kind}, got ${got.kind}: ${cut(what, 600)}`];
  }
  if (e.kind === 'pack') {
    const want = e.problems ?? [];
    for (const w of want) {
      if (!got.problems.some((g) => same(w, g, ['code', 'file', 'line', 'column', 'item']) && messageHas(w, g))) f.push(`expected a problem ${JSON.stringify(w)}, got ${cut(JSON.stringify(got.problems), 800)}`);
    }
    if (e.exact !== false && want.length !== got.problems.length) f.push(`expected ${want.length} problem(s), got ${got.problems.length}: ${cut(JSON.stringify(got.problems), 800)}`);
    for (const g of got.problems) bilingual(g, f);
  } else if (e.kind === 'script') {
    const g = got.problems[0];
    if (!(same(e, g, ['rule', 'file', 'line', 'column']) && messageHas(e, g))) f.push(`expected {rule ${e.rule}, message ~ ${e.message}, at ${e.file} ${e.line} ${e.column}}, got ${JSON.stringify(g)}`);
    bilingual(g, f);
  } else if (e.kind === 'ok') {
    const r = got.report;
    for (const [d, lvl] of Object.entries(e.levels ?? {})) {
      const row = r.dimensions.find((x) => x.id === d);
      if (!row) f.push(`no dimension ${d} in the report`);
      else if ((row.level ?? null) !== lvl) f.push(`${d}: level ${lvl} expected, got ${row.level}`);
    }
    if ('overallLevel' in e && (r.overall.level ?? null) !== e.overallLevel) f.push(`overall level ${e.overallLevel} expected, got ${r.overall.level}`);
    for (const [code, n] of Object.entries(e.diagnostics ?? {})) {
      const gotN = r.diagnostics.filter((d) => d.code === code).length;
      if (gotN !== n) f.push(`${n} diagnostic(s) ${code} expected, got ${gotN}`);
    }
    if (e.maxDiagnosticBytes !== undefined) {
      const bytes = r.diagnostics.reduce((s, d) => s + Buffer.byteLength(d.message.en), 0);
      if (bytes > e.maxDiagnosticBytes) f.push(`diagnostics hold ${bytes} bytes, more than ${e.maxDiagnosticBytes}`);
    }
    if (e.findings !== undefined && r.findings.length !== e.findings) f.push(`${e.findings} finding(s) expected, got ${r.findings.length}`);
  } else f.push(`expect.json: unknown kind ${e.kind}`);
  return f;
}

function judgeFile(e, got) {
  const f = [];
  if (got.kind !== 'answers') return [`expected an answers error, got ${cut(JSON.stringify(got), 400)}`];
  const want = {};
  for (const k of ['code', 'item', 'message']) if (k in e) want[k] = e[k];
  if (!got.problems.some((p) => same(want, p, ['code', 'item']) && messageHas(want, p))) f.push(`expected ${JSON.stringify(want)}, got ${cut(JSON.stringify(got.problems), 600)}`);
  if (e.count !== undefined && got.problems.length !== e.count) f.push(`expected ${e.count} problem(s), got ${got.problems.length}`);
  if (e.lastMessage !== undefined && !String(got.problems.at(-1)?.message ?? '').includes(e.lastMessage)) f.push(`the last problem should say ${e.lastMessage}: ${JSON.stringify(got.problems.at(-1))}`);
  for (const p of got.problems) {
    bilingual(p, f);
    if (!p.item && e.item !== '') f.push(`a problem that names no field or item: ${JSON.stringify(p)}`);
  }
  return f;
}

/** Entries KNOWN.md lists for this runner (lines `- \`hostile/NAME\`` not marked "(native)"). */
function known() {
  const p = `${HOSTILE}KNOWN.md`;
  if (!existsSync(p)) return [];
  const out = [];
  for (const l of readFileSync(p, 'utf8').split('\n')) {
    const m = /^- `((?:hostile|badfiles)\/[^`]+)`(.*)$/.exec(l);
    if (m && !m[2].trim().startsWith('(native)')) out.push(m[1]);
  }
  return out;
}

/** A failing entry listed in KNOWN.md passes the test; a listed entry that passes fails it. */
function settle(label, failures, listed) {
  if (listed) {
    assert.ok(failures.length > 0, `${label} is listed in tests/hostile/KNOWN.md but now passes: take it off the list`);
    console.log(`# known weakness ${label}: ${cut(failures.join('; '), 300)}`);
  } else {
    assert.ok(failures.length === 0, failures.join('\n'));
  }
}

// ------------------------------------------------------------------ the badfile generators

function badFileText(name, expect) {
  const g = expect.generate;
  const head = '{"schemaVersion": 1, "pack": {"id": "renkei-default"}, "answers": {';
  if (!g) {
    const p = existsSync(`${BADFILES}${name}.json`) ? `${BADFILES}${name}.json` : `${BADFILES}${name}.txt`;
    return readFileSync(p).toString('utf8');
  }
  if (g.kind === 'unknown-items') {
    const parts = [];
    for (let i = 0; i < g.count; i++) parts.push(`"nope_${i}": 1`);
    return `${head}${parts.join(',')}}}`;
  }
  if (g.kind === 'deep') return `${head}"ts_status_level": ${'['.repeat(g.depth)}${']'.repeat(g.depth)}}}`;
  if (g.kind === 'long-string') return `${head}"${g.field}": "${'あ'.repeat(g.length)}"}}`;
  throw new Error(`unknown generator ${g.kind}`);
}

// ------------------------------------------------------------------ determinism helpers

/** An item's least and most mature answers, as renkei::answers::extremes gives them. */
function extremes(item) {
  switch (item.type) {
    case 'yes_no': return [false, true];
    case 'level': return [0, 4];
    case 'number': {
      const least = Math.max(item.min ?? 0, 0);
      let most = Math.max(item.matureAt ?? 1, least);
      if (item.integer) most = Math.ceil(most);
      if (item.max !== null && item.max !== undefined) most = Math.min(most, item.max);
      return [least, most];
    }
    case 'multi':
    case 'scenes': return [[], item.options.map((o) => o.id)];
    case 'single': {
      const pts = (o) => o.points ?? 0;
      const lo = Math.min(...item.options.map(pts));
      const hi = Math.max(...item.options.map(pts));
      if (!(hi > lo)) return null;
      const least = item.options.find((o) => pts(o) <= lo);
      const most = [...item.options].reverse().find((o) => pts(o) >= hi);
      return [least.id, most.id];
    }
    default: return null;
  }
}

function packCaseAssessment(scorer, checklist, text) {
  const c = JSON.parse(text);
  const a = scorer.emptyAssessment(c.itemSet ?? 'full');
  const given = c.answers ?? {};
  a.answers = {};
  if (c.base) {
    for (const item of checklist.items) {
      const ex = extremes(item);
      if (!(item.id in given) && ex) a.answers[item.id] = c.base === 'least' ? ex[0] : ex[1];
    }
  }
  Object.assign(a.answers, given);
  return a;
}

const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

// ------------------------------------------------------------------ the tests

function main(pkg) {
  const module = new WebAssembly.Module(readFileSync(`${ROOT}pkg/renkei_bg.wasm`));
  const KNOWN = known();
  const timings = [];

  const packs = readdirSync(HOSTILE, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  test('release pkg: tests/hostile/ holds at least 40 packs', () => assert.ok(packs.length >= 40, `${packs.length}`));

  for (const name of packs) {
    const expect = JSON.parse(readFileSync(`${HOSTILE}${name}/expect.json`, 'utf8'));
    const e = expectationFor(expect, 'web');
    const label = `hostile/${name}`;
    test(`release pkg: ${label}`, { skip: e.skip }, async () => {
      const started = performance.now();
      const res = await new Promise((resolve) => {
        const w = new Worker(new URL(import.meta.url), { workerData: { module, name, expect } });
        const timer = setTimeout(() => { w.terminate(); resolve({ hang: true }); }, 20000);
        w.once('message', (m) => { clearTimeout(timer); w.terminate(); resolve(m); });
        w.once('error', (err) => { clearTimeout(timer); resolve({ got: { kind: 'crash', message: String(err) }, took: performance.now() - started }); });
      });
      const f = [];
      if (res.hang) f.push('did not finish within 20 s');
      else {
        f.push(...judgePack(e, res.got));
        const bound = e.maxMillis ?? 1000;
        if (res.took > bound) f.push(`took ${res.took.toFixed(0)} ms, more than ${bound} ms`);
        timings.push([res.took, label]);
      }
      settle(label, f, KNOWN.includes(label));
    });
  }

  const { initSync, Scorer } = pkg;
  initSync({ module });
  const scorer = new Scorer();
  const names = readdirSync(BADFILES).filter((f) => f.endsWith('.expect.json')).map((f) => f.slice(0, -'.expect.json'.length)).sort();
  test('release pkg: tests/badfiles/ holds at least 60 files', () => assert.ok(names.length >= 60, `${names.length}`));
  for (const name of names) {
    const expect = JSON.parse(readFileSync(`${BADFILES}${name}.expect.json`, 'utf8'));
    const e = expectationFor(expect, 'web');
    const label = `badfiles/${name}`;
    test(`release pkg: ${label}`, { skip: e.skip }, () => {
      const text = badFileText(name, expect);
      const t = performance.now();
      const got = outcome(() => scorer.scoreJson(text, false));
      const took = performance.now() - t;
      timings.push([took, label]);
      const f = judgeFile(e, got);
      const bound = e.maxMillis ?? 1000;
      if (took > bound) f.push(`took ${took.toFixed(0)} ms, more than ${bound} ms`);
      settle(label, f, KNOWN.includes(label));
    });
  }

  test('release pkg: KNOWN.md names only entries that exist', () => {
    const all = [...packs.map((n) => `hostile/${n}`), ...names.map((n) => `badfiles/${n}`)];
    assert.deepEqual(KNOWN.filter((k) => !all.includes(k)), []);
  });

  test('release pkg: every report hashes to tests/corpus-determinism.json', () => {
    const listed = JSON.parse(readFileSync(`${ROOT}tests/corpus-determinism.json`, 'utf8')).reports;
    const checklist = scorer.checklist();
    const got = {};
    const dir = `${ROOT}rules/default/tests/`;
    for (const f of readdirSync(dir).sort()) {
      const a = packCaseAssessment(scorer, checklist, readFileSync(dir + f, 'utf8'));
      got[`pack-test:${f}`] = sha256(scorer.scoreJson(JSON.stringify(a), false));
    }
    const cases = `${ROOT}tests/cases/`;
    for (const d of readdirSync(cases).filter((d) => statSync(cases + d).isDirectory()).sort()) {
      got[`case:${d}`] = sha256(scorer.scoreJson(readFileSync(`${cases}${d}/assessment.json`, 'utf8'), false));
    }
    const diff = [];
    for (const [k, v] of Object.entries(got)) {
      if (!(k in listed)) diff.push(`${k}: not in the list`);
      else if (listed[k] !== v) diff.push(`${k}: report hash ${v} is not the listed ${listed[k]}`);
    }
    for (const k of Object.keys(listed)) if (!(k in got)) diff.push(`${k}: listed, but there is no such report now`);
    assert.ok(diff.length === 0, `tests/corpus-determinism.json differs from the reports the release pkg/ gives:\n  ${diff.join('\n  ')}\nIf the native runner (cargo test --test corpus) agrees with this build, the pack or the report changed: RENKEI_BLESS=1 cargo test --test corpus rewrites the list. If it does not, native and wasm disagree, which is the bug this test is for.`);
  });

  test('release pkg: corpus timings (the slowest entries)', () => {
    timings.sort((a, b) => b[0] - a[0]);
    console.log(`# slowest: ${timings.slice(0, 8).map(([t, n]) => `${n} ${t.toFixed(0)} ms`).join(', ')}`);
  });
}
