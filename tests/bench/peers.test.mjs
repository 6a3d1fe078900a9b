// Before any peer is timed: every implementation of the four-marker work gives the same D1–D4
// levels as renkei, on every hand-written case in tests/cases/ and on the 1,741 synthetic
// assessments. An independent oracle for D1–D4, run by the test command (scripts/test.sh).
// Run: node --test tests/bench/   (needs the release pkg/: bash scripts/build.sh, and the Rust
// limit's wasm in target/bench/limit-pkg: bash scripts/build-limit.sh; a missing input fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as RulesEngineLib from 'json-rules-engine';
import * as JsonLogicLib from 'json-logic-engine';
import { loadRenkei, loadLimit, fourMarkerPack, datasets, ROOT } from './lib/load.mjs';
import { levelsOfReport, restrict, READ, FOUR_MARKER_SCRIPTS } from './lib/fourmarker.mjs';
import { scorePlain } from './peers/plain.mjs';
import { makeRulesEngine } from './peers/rules-engine.mjs';
import { makeJsonLogicInterpreted, makeJsonLogicCompiled } from './peers/json-logic.mjs';
import { COUNT } from './lib/synth.mjs';

const renkei = await loadRenkei();
const scorer = new renkei.Scorer();
const four = renkei.Scorer.fromSources(fourMarkerPack());
const data = datasets(scorer, four);
const limit = await loadLimit();
if (!limit) throw new Error('target/bench/limit-pkg is missing: build the Rust limit first (bash scripts/build-limit.sh)');

const cases = [
  ...data.fourFixtures.map((f) => [`fixture ${f.name}`, f.assessment]),
  ...data.fourSynthetic.map((a, i) => [`synthetic #${i + 1}`, a]),
];
const expected = cases.map(([, a]) => levelsOfReport(four.score(a)));

const peers = [
  ['hand-written JS', scorePlain],
  ['json-rules-engine', makeRulesEngine(RulesEngineLib)],
  ['json-logic-engine (interpreted)', makeJsonLogicInterpreted(JsonLogicLib)],
  ['json-logic-engine (compiled)', makeJsonLogicCompiled(JsonLogicLib)],
];
peers.push(['hand-written Rust limit (wasm)', (a) => limit.score(a)]);

test('the synthetic set: 1,741 valid assessments, core and full, every level and every gate', () => {
  assert.equal(data.synthetic.length, COUNT);
  const levels = { D1: new Set(), D2: new Set(), D3: new Set(), D4: new Set() };
  const gates = new Set();
  const sets = new Set();
  for (const a of data.synthetic) {
    const r = scorer.score(a); // throws on an invalid answer
    sets.add(r.assessment.itemSet);
    for (const d of r.dimensions.slice(0, 4)) {
      levels[d.id].add(d.level);
      for (const c of d.caps) gates.add(c.gate);
    }
  }
  assert.deepEqual([...sets].sort(), ['core', 'full']);
  for (const [dim, seen] of Object.entries(levels)) {
    for (const l of [0, 1, 2, 3, 4]) assert.ok(seen.has(l), `${dim} never reaches level ${l} in the synthetic set`);
  }
  assert.ok(levels.D4.has(null), 'no run-directly (直営) municipality in the synthetic set');
  assert.deepEqual([...gates].sort(), ['G1', 'G2', 'G3', 'G4', 'G5', 'G6']);
});

test('the four-marker pack gives the same D1–D4 levels as the default pack', () => {
  const ids = new Set(four.checklist().items.map((i) => i.id));
  for (const a of [...data.fixtures.map((f) => f.assessment), ...data.synthetic]) {
    assert.deepEqual(levelsOfReport(four.score(restrict(a, ids))), levelsOfReport(scorer.score(a)), a.municipality.name);
  }
});

test('the peers read every item the D1–D4 scripts read, and all are asked in both sets', () => {
  const ids = new Set();
  for (const s of FOUR_MARKER_SCRIPTS.filter((p) => /d[1-4]_/.test(p))) {
    const text = readFileSync(`${ROOT}rules/default/${s}`, 'utf8');
    for (const m of text.matchAll(/a\.\w+\("([a-z0-9_]+)"/g)) ids.add(m[1]);
  }
  ids.delete('D1'); ids.delete('D2'); ids.delete('D3'); ids.delete('D4'); // a.items("D1") etc.
  // Items read only for scores, gaps or the run-directly branch's score (not for levels).
  for (const id of ['ct_role_division']) ids.add(id);
  assert.deepEqual([...ids].filter((id) => !READ.includes(id)), [], 'an item the scripts read is missing from READ');
  const items = new Map(scorer.checklist().items.map((i) => [i.id, i]));
  for (const id of READ) assert.deepEqual(items.get(id)?.sets, ['core', 'full'], id);
});

for (const [name, score] of peers) {
  test(`${name}: same D1–D4 levels as renkei on ${data.fourFixtures.length} fixtures and ${COUNT} synthetic assessments`, async () => {
    const diffs = [];
    for (let i = 0; i < cases.length; i++) {
      const got = await score(cases[i][1]);
      if (JSON.stringify(got) !== JSON.stringify(expected[i])) diffs.push(`${cases[i][0]}: renkei ${JSON.stringify(expected[i])}, ${name} ${JSON.stringify(got)}`);
    }
    assert.deepEqual(diffs.slice(0, 10), [], `${diffs.length} of ${cases.length} differ`);
  });
}

test('every input is there: the hand-written cases and all five peers', () => {
  assert.ok(data.fourFixtures.length >= 16, `only ${data.fourFixtures.length} cases`);
  assert.equal(peers.length, 5);
});
