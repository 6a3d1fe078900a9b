// The page's scoring through the engine's session (www/js/live-score.js), in Node with the page's
// own engine (pkg/renkei_page.js, wrapped as www/js/engine.js wraps it): after every change of a
// long random sequence — answers of every kind, 未定, 該当なし with and without a reason, notes,
// answers the engine refuses, cleared answers, the municipality, the fiscal year (also one the
// engine refuses), the item set, all answers at once — the report the page holds (the last
// report with the session's patches merged in) is deep-equal to a fresh full score of the same
// draft (files.js scoreDraft, which the page used before), and so are the problems shown at the
// items. It must also really go through the session most of the time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as page from '../../pkg/renkei_page.js';
import { engineOf } from '../../www/js/engine.js';
import { scoreDraft } from '../../www/js/files.js';
import { LiveScore, mergePatch } from '../../www/js/live-score.js';

const ROOT = new URL('../../', import.meta.url).pathname;
page.initSync({ module: readFileSync(`${ROOT}pkg/renkei_page_bg.wasm`) });
const engine = engineOf(new page.Scorer(), page);
const { checklist, info } = engine;

/** A small seeded generator (mulberry32): the same sequence on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values an item takes that the engine accepts, and (the last ones) some it refuses. */
function valuesOf(item, r) {
  const opts = (item.options ?? []).map((o) => o.id);
  const some = () => opts.filter(() => r() < 0.5);
  switch (item.type) {
    case 'yes_no': return { good: [true, false], bad: ['maybe'] };
    case 'level': return { good: [0, 1, 2, 3, 4], bad: [9] };
    case 'single': return { good: opts, bad: ['no_such_option'] };
    case 'multi':
    case 'scenes': return { good: [[], opts, some(), [opts[0]]], bad: [['no_such_option']] };
    case 'number': return { good: [0, 1, 3, 12], bad: [-3, '12回'] };
    case 'text': return { good: ['テキスト', ''], bad: [] };
    default: return { good: [null], bad: [] };
  }
}

/**
 * One random change to the draft, as the page's actions make them; while the engine refuses
 * some entries, the next change often puts one of them right, as a user does.
 */
function change(draft, r, problems) {
  const a = draft.assessment;
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const value = (item) => {
    const { good, bad } = valuesOf(item, r);
    return bad.length && r() < 0.06 ? pick(bad) : pick(good);
  };
  if (problems.length && r() < 0.6) {
    const p = pick(problems);
    if (p.item === 'fiscalYear') a.fiscalYear = 2024;
    else a.answers[p.item] = pick(valuesOf(engine.itemsById.get(p.item), r).good);
    return `put right: ${p.item}`;
  }
  const x = r();
  if (x < 0.03) {
    a.itemSet = a.itemSet === 'core' ? 'full' : 'core';
    return 'itemSet';
  }
  if (x < 0.05) {
    a.municipality.name = pick(['', '水戸市', '日立市']);
    return 'municipality';
  }
  if (x < 0.07) {
    a.fiscalYear = pick([2024, 2025, 1990, null]);
    return 'fiscalYear';
  }
  if (x < 0.08) {
    // A file opened, or every answer cleared: many answers at once.
    a.answers = r() < 0.5 ? {} : Object.fromEntries(checklist.items.filter(() => r() < 0.7).map((i) => [i.id, pick(valuesOf(i, r).good)]));
    return 'all answers';
  }
  const item = pick(checklist.items);
  const y = r();
  let v;
  if (y < 0.1) v = { status: 'undecided' };
  else if (y < 0.18) v = { status: 'na', reason: pick(['対象外', '', '  ']) }; // no reason yet: left out of the file
  else if (y < 0.24) v = { value: value(item), note: 'メモ' };
  else if (y < 0.28) v = { value: null, note: 'メモだけ' };
  else if (y < 0.36) v = undefined; // cleared
  else v = value(item);
  if (v === undefined) delete a.answers[item.id];
  else a.answers[item.id] = v;
  return `${item.id} = ${JSON.stringify(v)}`;
}

test('after every change of a random sequence, the merged report equals a fresh full score of the draft', () => {
  const r = rng(20261202);
  const draft = { assessment: engine.empty('core'), pending: { items: {} } };
  draft.assessment.municipality = { name: '', prefecture: '' };
  // The page's engine, its sessions counting their calls.
  const calls = { set: 0, replace: 0 };
  const counted = (s) => ({
    set: (...a) => { calls.set++; return s.set(...a); },
    replace: (...a) => { calls.replace++; return s.replace(...a); },
    report: () => s.report(),
    free: () => s.free(),
  });
  const live = new LiveScore({ ...engine, session: (a) => counted(engine.session(a)) });
  const how = { session: 0, rescore: 0 };
  let refused = 0;
  const steps = 600;
  let problems = [];
  for (let i = 0; i < steps; i++) {
    const what = change(draft, r, problems);
    draft.assessment.updatedAt = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(); // as store.js stamps every save
    let want;
    let wantError = null;
    try {
      want = scoreDraft(draft, engine);
    } catch (e) {
      wantError = e;
    }
    let got;
    let gotError = null;
    try {
      got = live.score(draft);
    } catch (e) {
      gotError = e;
    }
    if (wantError || gotError) {
      assert.equal(gotError?.message, wantError?.message, `step ${i} (${what}): the same error`);
      continue;
    }
    how[got.how]++;
    problems = want.problems;
    if (problems.length) refused++;
    assert.deepEqual(got.problems, want.problems, `step ${i} (${what}): the same problems`);
    assert.deepEqual(got.file, want.file, `step ${i} (${what}): the same file`);
    assert.deepEqual(got.out.report, want.out.report, `step ${i} (${what}): the merged report is the full score's`);
  }
  console.log(`# ${steps} changes: ${how.session} through the session, ${how.rescore} scored in full; ${refused} with refused entries`);
  assert.ok(refused > 10, `the sequence had refused answers (${refused} steps)`);
  assert.ok(how.session > steps / 2, `most changes went through the session (${how.session} session, ${how.rescore} in full)`);
  assert.ok(calls.set > 4 * calls.replace, `one changed answer is one set(), not a replace() of the whole assessment (${calls.set} set, ${calls.replace} replace)`);
});

test('a patch replaces only the changed dimensions, by id, and leaves the report it is merged into as it was', () => {
  const a = engine.empty('core');
  const s = engine.session(a);
  const before = s.report();
  const copy = structuredClone(before);
  const item = checklist.items.find((i) => i.type === 'level' && i.sets.includes('core'));
  const { patch } = s.set(item.id, 4);
  assert.ok(patch.dimensions.length >= 1 && patch.dimensions.length < before.dimensions.length, 'the patch holds the changed dimensions only');
  const merged = mergePatch(before, patch);
  assert.deepEqual(before, copy, 'the last report is not changed');
  assert.deepEqual(merged, s.report(), 'merged: the session\'s whole report');
  assert.deepEqual(merged.dimensions.map((d) => d.id), before.dimensions.map((d) => d.id), 'in the report\'s order');
  assert.deepEqual(merged, engine.score({ ...a, answers: { [item.id]: 4 } }).report, 'and a full score\'s');
  s.free();
  assert.equal(info.id, merged.pack?.id ?? info.id);
});
