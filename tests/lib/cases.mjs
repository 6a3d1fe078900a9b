// The rules of tests/cases/NAME/ (tests/cases/README.md) for Node: the same checks as the Rust
// runner in tests/common/cases.rs, which the native and the wasm tests use. Reads the folders
// directly, so adding a case is adding a folder here too.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diff } from './jsondiff.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CASES_DIR = `${ROOT}tests/cases/`;
export const PACKS_DIR = `${ROOT}tests/packs/`;
export const CASE_FILE_NAMES = ['assessment.json', 'expect.json', 'report.json'];
const EXPECT_KEYS = ['levels', 'overallLevel', 'stage', 'findingsInclude', 'findingsExclude', 'note'];

const dirs = (d) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** Every case folder: { name, files: { 'assessment.json': text, … } }. Fails when there is none. */
export function cases() {
  const list = dirs(CASES_DIR).map((name) => {
    const files = {};
    for (const f of readdirSync(`${CASES_DIR}${name}`).filter((f) => f.endsWith('.json')).sort()) {
      files[f] = readFileSync(`${CASES_DIR}${name}/${f}`, 'utf8');
    }
    return { name, files };
  });
  if (list.length === 0) throw new Error(`no case folders under ${CASES_DIR}`);
  return list;
}

/** Removes the "hash" line of the top-level "pack" object of a pretty-printed report (as strip_pack_hash in Rust). */
export function stripPackHash(text) {
  const out = [];
  let inPack = false;
  for (const line of text.split('\n')) {
    if (line === '  "pack": {') inPack = true;
    else if (inPack && line.startsWith('  }')) inPack = false;
    else if (inPack && line.startsWith('    "hash": ')) {
      if (out.length && out[out.length - 1].endsWith(',')) out[out.length - 1] = out[out.length - 1].slice(0, -1);
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** null when the texts are equal, else a readable per-path diff. */
export function compareReport(name, want, got) {
  if (want === got) return null;
  let body;
  try {
    const lines = diff(JSON.parse(want), JSON.parse(got));
    if (lines.length) body = lines;
    else {
      const w = want.split('\n');
      const g = got.split('\n');
      const i = w.findIndex((l, k) => l !== g[k]);
      body = [`same JSON values, different bytes (key order or number format), first at line ${i + 1}`];
    }
  } catch (e) {
    body = [`not JSON: ${e.message}`];
  }
  return `${name}: report differs from tests/cases/${name}/report.json (golden → now):\n    ${body.join('\n    ')}`;
}

/** Checks a report (a plain object) against expect.json's text; returns one line per failure. */
export function checkExpect(name, expectText, r) {
  const f = [];
  let e;
  try { e = JSON.parse(expectText); } catch (err) { return [`${name}: expect.json is not JSON: ${err.message}`]; }
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return [`${name}: expect.json must be an object`];
  for (const k of Object.keys(e)) if (!EXPECT_KEYS.includes(k)) f.push(`${name}: expect.json: unknown key '${k}'`);
  const show = (v) => (v === null || v === undefined ? 'null' : String(v));
  if (!e.levels || typeof e.levels !== 'object') f.push(`${name}: expect.json needs "levels": { dimension: level or null }`);
  else {
    for (const d of r.dimensions) {
      if (!(d.id in e.levels)) f.push(`${name}: expect.json gives no level for ${d.id}`);
      else if ((e.levels[d.id] ?? null) !== (d.level ?? null)) f.push(`${name}: ${d.id} level ${show(e.levels[d.id])} expected, got ${show(d.level)}`);
    }
    for (const k of Object.keys(e.levels)) if (!r.dimensions.some((d) => d.id === k)) f.push(`${name}: expect.json names ${k}, which the report does not have`);
  }
  if (!('overallLevel' in e)) f.push(`${name}: expect.json needs "overallLevel" (a level, or null for none)`);
  else if ((e.overallLevel ?? null) !== (r.overall.level ?? null)) f.push(`${name}: overall level ${show(e.overallLevel)} expected, got ${show(r.overall.level)}`);
  const stage = r.overall.stage ? r.overall.stage.id : null;
  const q = (s) => (s === null || s === undefined ? 'null' : JSON.stringify(s));
  if (!('stage' in e)) f.push(`${name}: expect.json needs "stage" (a stage id, or null for none)`);
  else if ((e.stage ?? null) !== stage) f.push(`${name}: stage ${q(e.stage)} expected, got ${q(stage)}`);
  const on = (x) => r.findings.some((fi) => fi.id === x || fi.items.includes(x));
  for (const [key, must] of [['findingsInclude', true], ['findingsExclude', false]]) {
    for (const x of e[key] ?? []) {
      if (typeof x !== 'string') { f.push(`${name}: ${key} holds a non-string`); continue; }
      if (on(x) !== must) f.push(`${name}: ${must ? 'expected a' : 'expected no'} finding on ${x}`);
    }
  }
  return f;
}

/** Runs one case with `scoreJson(text) -> pretty report text`; returns the failures. */
export function runCase(c, scoreJson) {
  const failures = [];
  for (const f of Object.keys(c.files)) {
    if (!CASE_FILE_NAMES.includes(f)) failures.push(`${c.name}: unexpected file ${f} (a case holds ${CASE_FILE_NAMES.join(', ')})`);
  }
  const a = c.files['assessment.json'];
  if (a === undefined) return [`${c.name}: no assessment.json`];
  let text;
  try { text = stripPackHash(scoreJson(a) + '\n'); } catch (e) { return [...failures, `${c.name}: scoring failed: ${e.message}`]; }
  const report = JSON.parse(text);
  if (c.files['expect.json'] === undefined) failures.push(`${c.name}: no expect.json`);
  else failures.push(...checkExpect(c.name, c.files['expect.json'], report));
  if (c.files['report.json'] === undefined) failures.push(`${c.name}: no report.json (RENKEI_BLESS=1 cargo test --test cases writes it)`);
  else {
    const d = compareReport(c.name, c.files['report.json'], text);
    if (d) failures.push(d);
  }
  return failures;
}

/**
 * Every file under a pack folder as { relative path: text }, in path order, for
 * Scorer.fromSources / validatePack; `skip` names files to leave out.
 * @param {string} root  the folder, ending in /
 */
export function packFiles(root, skip = []) {
  const files = {};
  const walk = (rel) => {
    for (const e of readdirSync(root + rel, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel + e.name;
      if (e.isDirectory()) walk(`${p}/`);
      else if (!skip.includes(p)) files[p] = readFileSync(root + p, 'utf8');
    }
  };
  walk('');
  return files;
}

/** Every broken pack: { name, files (without expect.json), expect }. */
export function packs() {
  const list = dirs(PACKS_DIR).map((name) => {
    const root = `${PACKS_DIR}${name}/`;
    const files = packFiles(root, ['expect.json']);
    if (!existsSync(`${root}expect.json`)) throw new Error(`tests/packs/${name}/ has no expect.json`);
    return { name, files, expect: JSON.parse(readFileSync(`${root}expect.json`, 'utf8')) };
  });
  if (list.length === 0) throw new Error(`no packs under ${PACKS_DIR}`);
  return list;
}

/** Compares validatePack's problems with a pack's expect.json: null, or what differs. */
export function comparePackProblems(name, expect, problems) {
  const key = (p) => `${p.code} at ${p.file}:${p.line ?? 'null'}:${p.column ?? 'null'}`;
  const want = expect.problems.map(key).sort();
  const got = problems.map(key).sort();
  if (JSON.stringify(want) === JSON.stringify(got)) return null;
  return `${name}: expected but not given: [${want.filter((x) => !got.includes(x)).join('; ')}]; given but not expected: [${got.filter((x) => !want.includes(x)).join('; ')}]`;
}
