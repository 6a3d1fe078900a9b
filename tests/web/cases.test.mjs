// The release pkg/ (wasm-pack --release, then wasm-opt) judged by the tests that carry their own
// cases: every tests/cases/NAME/ must meet its expect.json and give its report.json byte for byte
// (the pack hash left out), and every tests/packs/NAME/ must give its expected problems through
// validatePack(). The same rules as the native and wasm runner (tests/common/cases.rs), read from
// the folders directly: a new folder is a new test here with no list to edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, Scorer, validatePack } from '../../pkg/renkei.js';
import { ROOT, cases, runCase, packs, comparePackProblems } from '../lib/cases.mjs';

initSync({ module: readFileSync(`${ROOT}pkg/renkei_bg.wasm`) });
const scorer = new Scorer();
const all = cases();

test('release pkg: tests/cases/ holds the cases', () => {
  assert.ok(all.length >= 18, `only ${all.length} cases`);
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
