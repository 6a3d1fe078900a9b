// The release pkg/ (wasm-pack --release, then wasm-opt) judged by the tests that carry their own
// cases: every tests/cases/NAME/ must meet its expect.json and give its report.json byte for byte
// (the pack hash left out), and every tests/packs/NAME/ must give its expected problems through
// validatePack(). The same rules as the native and wasm runner (tests/common/cases.rs), read from
// the folders directly: a new folder is a new test here with no list to edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, Scorer, validatePack } from '../../pkg/renkei.js';
import { ROOT, cases, runCase, packs, comparePackProblems, stripPackHash } from '../lib/cases.mjs';
import { diff } from '../lib/jsondiff.mjs';

initSync({ module: readFileSync(`${ROOT}pkg/renkei_bg.wasm`) });
const scorer = new Scorer();
const all = cases();

test('release pkg: tests/cases/ holds the cases', () => {
  assert.ok(all.length >= 18, `only ${all.length} cases`);
});

test('the differ names each changed path (the same lines as tests/common/jsondiff.rs)', () => {
  const a = { dimensions: [{ id: 'D1', level: 2 }, { id: 'D2', level: 3 }, { id: 'D3', level: 3 }], findings: [{ id: 'x' }, { id: 'y' }], overall: { score: 1.0 } };
  const b = { dimensions: [{ id: 'D1', level: 2 }, { id: 'D2', level: 3 }, { id: 'D3', level: 2 }], findings: [{ id: 'z' }, { id: 'x' }, { id: 'y' }], overall: { score: 1 }, new: true };
  assert.deepEqual(diff(a, b, 10), ['dimensions[2].level: 3 → 2', 'findings[0]: added {"id":"z"}', 'new: added true']);
  assert.deepEqual(diff(a, a, 10), []);
});

test('release pkg: a report names the pack hash, and only that line is left out of the goldens', () => {
  const text = scorer.scoreJson(readFileSync(`${ROOT}tests/cases/mito_after/assessment.json`, 'utf8'), false) + '\n';
  const hash = scorer.info().hash;
  assert.match(hash, /^sha256:[0-9a-f]{64}$/);
  assert.equal(JSON.parse(text).pack.hash, hash);
  const cut = stripPackHash(text);
  assert.ok(!cut.includes(hash));
  assert.equal(text.length - cut.length, `,\n    "hash": "${hash}"`.length);
});

for (const c of all) {
  test(`release pkg: case ${c.name}`, () => {
    const failures = runCase(c, (text) => scorer.scoreJson(text, false));
    assert.ok(failures.length === 0, failures.join('\n'));
  });
}

for (const p of packs()) {
  test(`release pkg: broken pack ${p.name}`, () => {
    const d = comparePackProblems(p.name, p.expect, validatePack(p.files));
    assert.ok(d === null, d ?? '');
  });
}
