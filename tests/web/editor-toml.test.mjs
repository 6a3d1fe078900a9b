// The editor's TOML edits (www/js/editor/toml-edit.js) and publishing (publish.js) in Node, over
// the whole default pack: every weight, question, option's points and applicability edit the
// table view can make changes exactly that value — the file's other lines stay byte for byte,
// and the parsed file differs from the original in that value only — and the result still
// compiles. Runs on target/site (where the editor's vendored libraries are).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, buildSite, packFiles, nodeEngine } from './page-helpers.mjs';

let edit;
let publish;
let refs;
let engine;
const PACK = packFiles(`${ROOT}rules/default`);
const itemFiles = Object.keys(PACK).filter((p) => p.startsWith('items/')).sort();

before(async () => {
  buildSite();
  edit = await import(`${ROOT}target/site/js/editor/toml-edit.js`);
  engine = await nodeEngine();
  // publish.js and script-refs.js import engine.js, which needs the page's document only when called.
  globalThis.document ??= { getElementById: () => null };
  publish = await import(`${ROOT}target/site/js/editor/publish.js`);
  refs = await import(`${ROOT}target/site/js/editor/script-refs.js`);
});

/** The lines that differ (same count of lines), as [old, new] pairs. */
function changedLines(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  assert.equal(x.length, y.length, 'no line added or removed');
  return x.map((l, i) => [l, y[i]]).filter(([p, q]) => p !== q);
}

test('every item\'s weight, set to another value, changes one line and that value only', () => {
  let n = 0;
  for (const f of itemFiles) {
    const text = PACK[f];
    const data = edit.tomlData(text);
    data.item.forEach((item, i) => {
      const w = (item.weight ?? 1) + 1.5;
      const out = edit.setValue(text, ['item', i], ['weight'], w);
      const back = edit.tomlData(out);
      const want = structuredClone(data);
      want.item[i].weight = w;
      assert.deepEqual(back, want, `${f} ${item.id}`);
      if (item.weight !== undefined) assert.deepEqual(changedLines(text, out), [[`weight = ${item.weight}`, `weight = ${w}`]], `${f} ${item.id}`);
      n++;
    });
  }
  assert.ok(n >= 139, `${n} items edited`);
});

test('texts with quotes, backslashes, newlines and Japanese round-trip; the rest of the file is untouched', () => {
  const s = 'He said "はい"\\n — C:\\path\n改行のあと\ttab';
  for (const f of itemFiles) {
    const text = PACK[f];
    const data = edit.tomlData(text);
    data.item.forEach((item, i) => {
      for (const keys of [['question', 'ja'], ['question', 'en'], ['help', 'ja']]) {
        if (!item[keys[0]]) continue;
        const out = edit.setValue(text, ['item', i], keys, s);
        const want = structuredClone(data);
        want.item[i][keys[0]][keys[1]] = s;
        assert.deepEqual(edit.tomlData(out), want, `${f} ${item.id} ${keys.join('.')}`);
        assert.equal(changedLines(text, out).length, 1, 'one line');
      }
    });
  }
});

test('option points, advice texts, applicability and sets: only that value changes; the pack still compiles', () => {
  const files = { ...PACK };
  let edits = 0;
  for (const f of itemFiles) {
    let text = files[f];
    const data = edit.tomlData(text);
    data.item.forEach((item, i) => {
      if (item.type === 'single') {
        item.options.forEach((o, k) => {
          if (typeof o.points !== 'number') return;
          const out = edit.setValue(text, ['item', i], ['options', k, 'points'], o.points / 2);
          const want = edit.tomlData(text);
          want.item[i].options[k].points = o.points / 2;
          assert.deepEqual(edit.tomlData(out), want, `${f} ${item.id} ${o.id}`);
          text = out;
          edits++;
        });
      }
      (item.advice ?? []).forEach((a, k) => {
        const out = edit.setValue(text, ['item', i, 'advice', k], ['ja'], `${a.ja}（改）`);
        assert.equal(edit.tomlData(out).item[i].advice[k].ja, `${a.ja}（改）`);
        text = out;
        edits++;
      });
    });
    files[f] = text;
  }
  assert.deepEqual(engine.validatePack(files), [], 'the edited pack compiles');
  assert.ok(edits > 200, `${edits} edits`);
  // Applicability: added where there was none, changed, removed — the file comes back byte for byte.
  const f = 'items/d2_council.toml';
  const at = edit.tomlData(PACK[f]).item.findIndex((it) => !it.applies_when && it.id !== 'co_exists');
  const added = edit.setValue(PACK[f], ['item', at], ['applies_when', 'item'], 'co_exists');
  const withIs = edit.setValue(added, ['item', at], ['applies_when', 'is'], ['established']);
  assert.deepEqual(edit.tomlData(withIs).item[at].applies_when, { item: 'co_exists', is: ['established'] });
  assert.deepEqual(engine.validatePack({ ...PACK, [f]: withIs }), [], 'the new condition compiles');
  assert.equal(edit.setValue(withIs, ['item', at], ['applies_when'], undefined), PACK[f], 'removing it restores the file exactly');
  const unknown = edit.setValue(PACK[f], ['item', at], ['applies_when', 'item'], 'no_such_item');
  assert.deepEqual(engine.validatePack({ ...PACK, [f]: unknown }).map((p) => [p.code, p.file]), [['unknown-reference', f]], 'an unknown id is a problem');
  // Sets: a new key where the item had none.
  const noSets = edit.tomlData(PACK[f]).item.findIndex((it) => !it.sets);
  if (noSets >= 0) assert.deepEqual(edit.tomlData(edit.setValue(PACK[f], ['item', noSets], ['sets'], ['core', 'full'])).item[noSets].sets, ['core', 'full']);
});

test('a test file appended to the manifest; publishing raises the edition and writes the changelog, which the hash covers', () => {
  const m = edit.appendToArray(PACK['pack.toml'], [], 'tests', 'tests/editor_x.json');
  const tests = edit.tomlData(m).tests;
  assert.equal(tests[tests.length - 1], 'tests/editor_x.json');
  assert.equal(tests.length, edit.tomlData(PACK['pack.toml']).tests.length + 1);
  assert.equal(publish.nextEdition('2026'), '2027');
  assert.equal(publish.nextEdition('r07'), 'r08');
  assert.equal(publish.nextEdition('first'), 'first-2');
  const one = publish.publishedFiles(PACK, { edition: '2027', changelog: 'D1 の配点', date: '2026-12-01' });
  assert.deepEqual(changedLines(PACK['pack.toml'], one['pack.toml'].replace('\nchangelog = "CHANGELOG.md"', '')), [['edition = "2026"', 'edition = "2027"']]);
  assert.equal(one['CHANGELOG.md'], '# 変更履歴 / Changelog\n\n## 2027（2026-12-01）\n\nD1 の配点\n');
  const two = publish.publishedFiles(one, { edition: '2028', changelog: '設問を追加', date: '2027-12-01' });
  assert.match(two['CHANGELOG.md'], /^# 変更履歴 \/ Changelog\n\n## 2028（2027-12-01）\n\n設問を追加\n\n## 2027（2026-12-01）\n\nD1 の配点\n$/);
  assert.equal((two['pack.toml'].match(/^changelog = /gm) ?? []).length, 1, 'the changelog is named once');
  const b1 = JSON.parse(engine.bundlePack(one));
  const b2 = JSON.parse(engine.bundlePack(two));
  assert.equal(b2.edition, '2028');
  assert.notEqual(b1.hash, b2.hash);
  assert.equal(engine.Scorer.fromBundle(JSON.stringify(b2)).info().hash, b2.hash);
  const single = publish.singleWithPack('<p><script type="application/json" id="renkei-pack"></script>', JSON.stringify(b2));
  assert.ok(!/<\/script>[\s\S]*<\/script>/.test(single.replace(/<\/script>$/, '')), 'the bundle cannot close its block');
});

test('script references: an unknown item or dimension id read by name is a problem at its line and column; comments are not read', () => {
  const s = new engine.Scorer();
  const checklist = s.checklist();
  assert.deepEqual(refs.scriptReferences(PACK, checklist), [], 'the default pack reads only ids it has');
  const files = { 'scripts/x.rhai': 'fn x(a, dims) {\n  // a.level("in_a_comment")\n  let k = a.level("ts_nope") + a.gaps("D99", "");\n}\n' };
  const ps = refs.scriptReferences(files, checklist);
  assert.deepEqual(ps.map((p) => [p.code, p.line, p.column]), [['unknown-reference', 3, 20], ['unknown-reference', 3, 40]]);
  assert.match(ps[0].messageJa, /「ts_nope」は設問IDではありません/);
  assert.match(ps[1].message, /'D99', which is not a dimension/);
});
