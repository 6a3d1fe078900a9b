// Before any peer is timed: every implementation of the four-marker work gives the same D1–D4
// levels as renkei, on every hand-written case in tests/cases/ and on the 1,741 synthetic
// assessments. An independent oracle for D1–D4, run by the test command (scripts/test.sh). Each
// peer re-implements the D1–D4 scripts and the applicability of the items they read; the proven
// semantics (open items at their least mature answer, 未評価) are the shared harness's,
// lib/proven.mjs, which reads only the checklist's item metadata. The synthetic set must make every
// gate G1–G6 cap a level somewhere (lib/synth.mjs's GATE_CASES see to G2, G3 and G6).
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
import { makeProver, proven } from './lib/proven.mjs';
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

// Every peer scores the facts of the shared harness (lib/proven.mjs: open items at their least
// mature answer, 未評価 markers without a level), built from the four-marker checklist's metadata.
const prove = makeProver(four.checklist());
const peers = [
  ['hand-written JS', proven(prove, scorePlain)],
  ['json-rules-engine', proven(prove, makeRulesEngine(RulesEngineLib))],
  ['json-logic-engine (interpreted)', proven(prove, makeJsonLogicInterpreted(JsonLogicLib))],
  ['json-logic-engine (compiled)', proven(prove, makeJsonLogicCompiled(JsonLogicLib))],
  ['hand-written Rust limit (wasm)', proven(prove, (facts) => limit.score({ answers: facts }))],
];

test('the synthetic set: 1,741 valid assessments, core and full, every level and every gate', () => {
  assert.equal(data.synthetic.length, COUNT);
  const levels = { D1: new Set(), D2: new Set(), D3: new Set(), D4: new Set() };
  const gates = { G1: 0, G2: 0, G3: 0, G4: 0, G5: 0, G6: 0 }; // inputs in which each gate caps a level (a proven cap)
  const sets = new Set();
  for (const a of data.synthetic) {
    const r = scorer.score(a); // throws on an invalid answer
    sets.add(r.assessment.itemSet);
    const fired = new Set();
    for (const d of r.dimensions.slice(0, 4)) {
      levels[d.id].add(d.level);
      for (const c of d.caps) fired.add(c.gate);
    }
    for (const gate of fired) gates[gate] = (gates[gate] ?? 0) + 1;
  }
  assert.deepEqual([...sets].sort(), ['core', 'full']);
  for (const [dim, seen] of Object.entries(levels)) {
    for (const l of [0, 1, 2, 3, 4]) assert.ok(seen.has(l), `${dim} never reaches level ${l} in the synthetic set`);
  }
  assert.ok(levels.D4.has(null), 'no run-directly (直営) municipality in the synthetic set');
  assert.deepEqual(Object.keys(gates).sort(), ['G1', 'G2', 'G3', 'G4', 'G5', 'G6'], 'a gate outside G1–G6');
  for (const [gate, n] of Object.entries(gates)) assert.ok(n >= 5, `gate ${gate} caps a level in only ${n} synthetic assessments: ${JSON.stringify(gates)}`);
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
