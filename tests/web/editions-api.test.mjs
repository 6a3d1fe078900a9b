// The release pkg/'s edition API, as the editor and the assessment page use it: a pack bundle
// round trip (files → bundle → scorer with the same hash), a damaged bundle refused, an
// assessment read by another edition (answers to removed items dropped, their ids named), and
// the differences between two editions' reports and between a saved summary and a new report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packFiles } from '../lib/cases.mjs';
import {
  initSync, Scorer, bundlePack, bundleFiles, diffReports, summarize, editionChanges,
} from '../../pkg/renkei.js';

const root = new URL('../../', import.meta.url);
initSync({ module: readFileSync(new URL('pkg/renkei_bg.wasm', root)) });
const base = new Scorer();
const mito = JSON.parse(readFileSync(new URL('tests/cases/mito_after/assessment.json', root), 'utf8'));
const files = () => packFiles(new URL('rules/default/', root).pathname);

test('bundlePack → fromBundle keeps the hash and the reports; bundleFiles gives the files back', () => {
  const text = bundlePack(files());
  const b = JSON.parse(text);
  assert.equal(b.format, 'renkei-pack-bundle/1');
  assert.equal(b.hash, base.info().hash);
  const s = Scorer.fromBundle(text);
  assert.equal(s.info().hash, base.info().hash);
  assert.deepEqual(s.score(mito), base.score(mito));
  assert.deepEqual(Object.keys(bundleFiles(text)).sort(), Object.keys(b.files).sort());
});

test('a bundle whose files were edited after publishing is refused, naming the hash', () => {
  const b = JSON.parse(bundlePack(files()));
  b.files['pack.toml'] = b.files['pack.toml'].replace(/^edition = .*$/m, 'edition = "2099"');
  assert.throws(() => Scorer.fromBundle(JSON.stringify(b)), (e) => {
    assert.equal(e.kind, 'pack');
    assert.match(e.problems[0].message, /hash/);
    assert.match(e.problems[0].messageJa, /ハッシュ/);
    return true;
  });
  assert.throws(() => Scorer.fromBundle('{"format":"x"}'), (e) => e.kind === 'pack');
});

test('another edition: rebase drops removed items, diffReports and summarize name the changes', () => {
  const f = files();
  // The new edition: one item of D1 removed from its file, the edition bumped.
  const d1 = 'items/d1_target_states.toml';
  const removedId = 'ts_cross_cutting'; // referenced by no rule or test case
  assert.match(f[d1], new RegExp(`id = "${removedId}"`), 'the item this test removes is in the pack');
  const blocks = f[d1].split(/(?=^\[\[item\]\])/m);
  f[d1] = blocks.filter((blk) => !blk.includes(`id = "${removedId}"`)).join('');
  f['pack.toml'] = f['pack.toml'].replace(/^edition = .*$/m, 'edition = "2027"');
  const problems = (() => { try { return Scorer.fromSources(f) && []; } catch (e) { return e.problems; } })();
  assert.deepEqual(problems.map((p) => `${p.file}:${p.line} ${p.message}`), [], 'the edited pack compiles');
  const next = Scorer.fromSources(f);
  assert.deepEqual(editionChanges(base, next), { added: [], removed: [removedId] });
  const { assessment, dropped } = next.rebase({ ...mito, answers: { ...mito.answers, [removedId]: ['dementia'] } });
  assert.deepEqual(dropped, [removedId]);
  assert.equal(assessment.pack.edition, '2027');
  assert.ok(!(removedId in assessment.answers));
  const oldR = base.score({ ...mito, answers: { ...mito.answers, [removedId]: ['dementia'] } });
  const newR = next.score(assessment);
  const saved = summarize(oldR);
  assert.deepEqual(Object.keys(saved).sort(), ['dimensions', 'findings', 'overall', 'pack']);
  assert.deepEqual(diffReports(saved, newR), diffReports(oldR, newR), 'a summary compares as its report does');
  assert.deepEqual(diffReports(oldR, oldR), []);
});
