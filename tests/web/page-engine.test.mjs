// The assessment page's engine, pkg/renkei_page.js (built without the TOML compiler, scripts/build.sh)
// against the full engine pkg/renkei.js, both release builds in Node: the page's engine must be
// the same engine on the default pack — the same pack hash, checklist and info, the same report
// byte for byte on every tests/cases/ case (with and without trace), the same levels, sessions
// and pack test results — and must not offer what it cannot do: it has no way to compile a pack
// from files, so a page that is given one uses the full engine (www/js/engine.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as full from '../../pkg/renkei.js';
import * as page from '../../pkg/renkei_page.js';
import { ROOT, cases, runCase } from '../lib/cases.mjs';

full.initSync({ module: readFileSync(`${ROOT}pkg/renkei_bg.wasm`) });
page.initSync({ module: readFileSync(`${ROOT}pkg/renkei_page_bg.wasm`) });
const F = new full.Scorer();
const P = new page.Scorer();
const all = cases();

test('the page engine is the smaller file, and has no pack compiler in its surface', () => {
  assert.ok(readFileSync(`${ROOT}pkg/renkei_page_bg.wasm`).length < readFileSync(`${ROOT}pkg/renkei_bg.wasm`).length);
  for (const name of ['validatePack', 'bundlePack']) {
    assert.equal(typeof full[name], 'function', `the full engine has ${name}`);
    assert.equal(page[name], undefined, `the page engine has no ${name}`);
  }
  for (const name of ['fromSources', 'fromBundle']) {
    assert.equal(typeof full.Scorer[name], 'function', `the full engine has Scorer.${name}`);
    assert.equal(page.Scorer[name], undefined, `the page engine has no Scorer.${name}`);
  }
  for (const name of ['diffReports', 'summarize', 'editionChanges', 'bundleFiles', 'engineVersion']) assert.equal(typeof page[name], 'function', name);
  assert.equal(page.engineVersion(), full.engineVersion());
});

test('the page engine has the same default pack: hash, info, checklist, empty assessment', () => {
  assert.equal(P.info().hash, F.info().hash);
  assert.deepEqual(P.info(), F.info());
  assert.deepEqual(P.checklist(), F.checklist());
  assert.deepEqual(P.emptyAssessment('core'), F.emptyAssessment('core'));
});

for (const c of all) {
  test(`page engine: case ${c.name} gives the full engine's report byte for byte, and its golden`, () => {
    const text = c.files['assessment.json'];
    for (const trace of [false, true]) {
      let want;
      try { want = F.scoreJson(text, trace); } catch (e) { want = `throws ${e.kind}: ${JSON.stringify(e.problems)}`; }
      let got;
      try { got = P.scoreJson(text, trace); } catch (e) { got = `throws ${e.kind}: ${JSON.stringify(e.problems)}`; }
      assert.equal(got, want, `trace ${trace}`);
    }
    const failures = runCase(c, (t) => P.scoreJson(t, false));
    assert.ok(failures.length === 0, failures.join('\n'));
  });
}

test('page engine: levels, a session and rebase as the full engine gives them; the pack tests only in the full engine', () => {
  const a = JSON.parse(readFileSync(`${ROOT}tests/cases/mito_after/assessment.json`, 'utf8'));
  assert.deepEqual(P.scoreLevels(a), F.scoreLevels(a));
  const ps = P.session(a);
  const fs = F.session(a);
  assert.deepEqual(ps.set('ts_status_level', 3), fs.set('ts_status_level', 3));
  assert.deepEqual(ps.report(), fs.report());
  assert.deepEqual(P.rebase(a), F.rebase(a));
  // The page's engine is built without the `self-test` feature: no runTests, no test cases inside.
  assert.equal(P.runTests, undefined);
  const tests = F.runTests();
  assert.ok(tests.length > 0 && tests.every((t) => t.passed), 'the embedded pack passes its own tests');
  const r = P.score(a);
  assert.deepEqual(page.summarize(r), full.summarize(F.score(a)));
  assert.deepEqual(page.diffReports(r, r), []);
});
