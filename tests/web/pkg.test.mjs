// Loads the RELEASE pkg/ that the serve command ships (built by wasm-pack --release and
// optimised by wasm-opt) and checks its JS surface. `wasm-pack test` never runs wasm-opt, so only
// these tests and tests/web/cases.test.mjs (every case and its golden, scored by this build)
// catch an optimiser that breaks the module while reporting success (TOOLCHAIN.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packFiles } from '../lib/cases.mjs';
import { initSync, Scorer, validatePack, engineVersion } from '../../pkg/renkei.js';

const root = new URL('../../', import.meta.url);
initSync({ module: readFileSync(new URL('pkg/renkei_bg.wasm', root)) });
const scorer = new Scorer();
const read = (p) => readFileSync(new URL(p, root), 'utf8');

test('release pkg: score() returns a plain object with the brief roll-up', () => {
  const r = scorer.score(JSON.parse(read('tests/cases/mito_after/assessment.json')));
  assert.deepEqual(r.dimensions.slice(0, 4).map((d) => d.level), [2, 1, 1, 1]);
  assert.equal(r.pack.hash, scorer.info().hash);
  assert.equal(r.engine.version, engineVersion());
});

test('release pkg: bad answers throw a RenkeiError naming every item', () => {
  const bad = { schemaVersion: 1, pack: { id: 'renkei-default' }, answers: { nope: 1, ts_status_level: 9, co_exists: 'maybe' } };
  assert.throws(() => scorer.score(bad), (e) => {
    assert.equal(e.name, 'RenkeiError');
    assert.equal(e.kind, 'answers');
    assert.deepEqual(e.problems.map((p) => p.item).sort(), ['co_exists', 'nope', 'ts_status_level']);
    assert.ok(e.messageJa.length > 0);
    return true;
  });
});

test('release pkg: a pack from sources compiles, and a broken one reports file, line, column', () => {
  const files = packFiles(new URL('rules/default/', root).pathname);
  const custom = Scorer.fromSources(files);
  assert.equal(custom.info().hash, scorer.info().hash, 'same files, same hash');
  assert.ok(custom.runTests().every((t) => t.passed));
  files['scripts/d1_target_states.rhai'] += '\nfn broken( {';
  const problems = validatePack(files);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].file, 'scripts/d1_target_states.rhai');
  assert.ok(problems[0].line > 1 && problems[0].column >= 1);
});

test('release pkg: checklist() has what a form needs', () => {
  const c = scorer.checklist();
  assert.equal(c.dimensions.length, 16);
  const item = c.items.find((i) => i.id === 'ts_scenes_set');
  assert.equal(item.type, 'scenes');
  assert.deepEqual(item.options.map((o) => o.ja), ['日常の療養支援', '入退院支援', '急変時の対応', '看取り']);
  assert.ok(item.question.ja && item.question.en && item.help.ja && item.sources.length > 0);
});
