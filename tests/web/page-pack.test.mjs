// Pack words belong to the pack (issue 8): a small pack with three scenes of other names, a
// single item set, two next steps and its own advice bases (tests/web/packs/three-scenes)
// compiles with Scorer.fromSources, scores, and the page run on it with ?pack= (a same-origin
// JSON of its files) renders, prints and exports it with the pack's words only. Also: an item
// hidden by its `appliesWhen`, a pack with an error, a pack from another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { ROOT, OUT, buildSite, serveSite, launch, axeSource, pdfPageCount, pdfText, packFiles, nodeEngine, settled, settling } from './page-helpers.mjs';

const PACK_DIR = `${ROOT}tests/web/packs/three-scenes`;
const PACK_URL = '/__test__/packs/three-scenes.json';
const SCENES = [['home', '自宅での暮らし'], ['discharge', '退院の前後'], ['last_days', '人生の最終段階']];
const DEFAULT_SCENES = ['日常の療養支援', '入退院支援', '急変時の対応', '看取り'];

let files;
let scorer;
let info;
let checklist;
let server;
let browser;
let context;
let page;
const requests = [];
const pageErrors = [];

const report = async (p) => {
  await settled(p);
  return p.evaluate(() => document.getElementById('report').report);
};
/** True when the engine reads the pack's own scenes (not the four built in). */
const packScenes = () => (checklist.items.find((i) => i.type === 'scenes')?.options ?? []).map((o) => o.id).join() === SCENES.map(([id]) => id).join();

async function openPack(p, url = PACK_URL) {
  await p.goto(`${server.origin}/?pack=${encodeURIComponent(url)}`);
  await p.waitForSelector('body[data-ready="true"], #loading ul, #loading p', { state: 'attached', timeout: 20_000 });
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  buildSite();
  const { Scorer } = await nodeEngine();
  files = packFiles(PACK_DIR);
  scorer = Scorer.fromSources(files);
  info = scorer.info();
  checklist = scorer.checklist();
  server = await serveSite();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, locale: 'ja-JP' });
  context.on('request', (r) => requests.push(r.url()));
  // The pack is served to the page by the test, at the page's own origin.
  await context.route(`**${PACK_URL}`, (route) => route.fulfill({ body: JSON.stringify(files), contentType: 'application/json' }));
  const broken = { ...files, 'items/h2_partners.toml': files['items/h2_partners.toml'].replace('type = "number"', 'type = "numbr"') };
  await context.route('**/__test__/packs/broken.json', (route) => route.fulfill({ body: JSON.stringify(broken), contentType: 'application/json' }));
  await context.route('**/__test__/axe.js', (route) => route.fulfill({ body: axeSource(), contentType: 'text/javascript' }));
  page = settling(await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the page\'s code names no scene, item set, basis, next-step count or year range of any pack', () => {
  const dir = `${ROOT}www/js/`;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.js'))) {
    const code = readFileSync(dir + f, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n');
    for (const [re, what] of [
      [/['"](daily|transition|acute|eol)['"]/, 'a scene id of the default pack'],
      [/日常の療養支援|入退院支援|急変時の対応|看取り/, 'a scene label of the default pack'],
      [/['"](core|full)['"]/, 'an item set id'],
      [/basis_[A-Z]|['"][ALGP]['"]/, 'a basis id of the old A/L/G/P kinds'],
      [/findings\.slice\(/, 'a count of next steps (the report\'s nextSteps say which)'],
      [/\b(2000|2100)\b/, 'the fiscal-year range (the engine checks it)'],
    ]) assert.doesNotMatch(code, re, `www/js/${f} hard-codes ${what}`);
  }
});

test('the three-scene pack compiles from its sources and scores in Node', (t) => {
  assert.equal(info.id, 'test-three-scenes');
  assert.deepEqual(info.sets.map((s) => s.id), ['all']);
  if (!packScenes()) {
    t.skip('this engine does not read [[scene]] yet (the four scenes are built in)');
    return;
  }
  const r = scorer.score({ schemaVersion: 1, pack: { id: info.id }, itemSet: 'all', answers: { hp_level: 2, hq_run: 'direct' } });
  assert.equal(r.assessment.itemSet, 'all');
  assert.deepEqual(r.dimensions.map((d) => d.id), ['H1', 'H2']);
  assert.deepEqual(r.scenes.map((s) => [s.scene, s.label.ja]), SCENES);
  assert.deepEqual(info.bases.map((b) => b.id), ['K', 'J']);
  assert.equal(r.nextSteps.length, Math.min(2, r.findings.length), 'the pack asks for two next steps');
});

test('the page runs on the pack given by ?pack=: its scenes, its one set, its words', async () => {
  await openPack(page);
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#loading').catch(() => ''));
  // A single item set: nothing to choose, the form is there at once.
  assert.equal(await page.locator('#start').isVisible(), false, 'no set choice for a pack of one set');
  assert.equal(await page.locator('.set-switch').count(), 0, 'no set switch');
  assert.equal(await page.locator('#sample-select').count(), 0, 'the default pack\'s samples are not offered');
  assert.match(await page.textContent('#pack-ref'), /^test-three-scenes 2027 0\.1\.0$/);
  assert.match(await page.textContent('#pack-url'), /three-scenes\.json/);
  assert.match(await page.textContent('#sec-H1 .badge.marker'), /^1つの指標$/, 'the number of markers is the pack\'s');
  const visible = await page.$$eval('assessment-form [data-item]:not([hidden])', (ns) => ns.map((n) => n.dataset.item));
  assert.deepEqual(visible, checklist.items.map((i) => i.id), 'every item of the one set is asked (hq_run unanswered: the contractor item too)');

  // Answer: two scenes, level 2, run directly.
  const r0 = await report(page);
  const scenes = checklist.items.find((i) => i.id === 'hp_scenes').options;
  await page.click(`#c-hp_scenes-${scenes[0].id}`);
  await page.click(`#c-hp_scenes-${scenes[1].id}`);
  await page.click('label[for="c-hp_level-2"]');
  await page.click('label[for="c-hq_run-direct"]');
  const r = await report(page);
  assert.notDeepEqual(r, r0);

  const formCols = await page.$$eval('#sec-H1 .scenes-matrix thead th', (ths) => ths.slice(1, -1).map((th) => th.textContent));
  const tableRows = await page.$$eval('score-report .scene-table tbody tr', (trs) => trs.map((tr) => [tr.dataset.scene, tr.querySelector('th').textContent]));
  assert.deepEqual(formCols, scenes.map((o) => o.ja), 'the form\'s scene columns are the pack\'s');
  assert.deepEqual(tableRows, r.scenes.map((s) => [s.scene, s.label.ja]), 'the result rows are the report\'s scenes and labels');
  assert.equal(await page.textContent('#res-scenes-h'), `${r.scenes.length}つの場面の状況`);
  const first = await page.$$eval('score-report ol.first-steps > li', (ls) => ls.map((l) => l.dataset.finding));
  assert.deepEqual(first, r.nextSteps, 'the next steps are the report\'s nextSteps');
  if (r.nextStepsOrder) assert.equal(await page.textContent('score-report .steps-order'), r.nextStepsOrder.ja, 'the pack\'s sentence on the order');
  const results = await page.evaluate(() => document.querySelector('score-report').shadowRoot.textContent);
  if (packScenes()) {
    assert.deepEqual(formCols, SCENES.map(([, ja]) => ja));
    assert.equal(r.scenes.length, 3);
    for (const s of DEFAULT_SCENES) assert.ok(!results.includes(s) && !(await page.evaluate(() => document.querySelector('assessment-form').shadowRoot.textContent)).includes(s), `no default scene name (${s}) on the page`);
    assert.equal(first.length, 2, 'two next steps, as the pack says');
    assert.match(results, /県の手引き|先行事例/, 'advice bases are labelled with the pack\'s words');
  }
  assert.doesNotMatch(results, /\[10[12]\]/, 'sources show the document\'s title, not a bare number');
  assert.match(results, /テスト県 地域連携の手引き|テスト市 事例集/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${OUT}k01-three-scenes.png` });
});

test('an item whose appliesWhen does not hold is hidden, and asked again when it does', async () => {
  // hq_run is 直営 from the test before: hq_contractor_meets (applies when 委託) is not asked.
  assert.equal(await page.locator('#item-hq_contractor_meets').isHidden(), true, '直営 hides the contractor question');
  assert.match(await page.textContent('#sec-H2 .inapplicable'), /H2-1の回答により、次の1問は尋ねません: H2-2/);
  assert.equal(await page.locator('#to-check li[data-item="hq_contractor_meets"]').count(), 0, 'not listed as to check');
  await page.locator('#sec-H2').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}k02-applies-when.png` });
  await page.click('label[for="c-hq_run-outsourced"]');
  assert.equal(await page.locator('#item-hq_contractor_meets').isVisible(), true, '委託 asks it');
  await page.click('#item-hq_run .clear-btn');
  assert.equal(await page.locator('#item-hq_contractor_meets').isVisible(), true, 'unanswered: asked');
  await page.click('label[for="c-hq_run-direct"]');
  assert.equal(await page.locator('#item-hq_contractor_meets').isHidden(), true);
});

test('the pack\'s report prints and exports with its words', async () => {
  const r = await report(page);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('print-report .sheet').count(), r.dimensions.length, 'one 個票 per dimension');
  const rows = await page.$$eval('print-report .scene-table tbody tr th', (ths) => ths.map((th) => th.textContent));
  assert.deepEqual(rows, r.scenes.map((s) => s.label.ja));
  const pdfPath = `${OUT}three-scenes-report.pdf`;
  const pdf = await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  await page.screenshot({ path: `${OUT}k03-three-scenes-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.ok(pdfPageCount(pdf) >= 2 + r.dimensions.length, `${pdfPageCount(pdf)} pages`);
  const text = pdfText(pdfPath);
  if (text !== null) {
    assert.match(text, /テスト用 三場面パック/);
    for (const s of r.scenes) assert.ok(text.replace(/\s+/g, '').includes(s.label.ja), `${s.label.ja} in the PDF`);
    assert.match(text, /個票 H1/);
    assert.match(text, /個票 H2/);
  }
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csvPath = `${OUT}three-scenes.csv`;
  await dl.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  assert.match(csv, /"設問セット","全設問"/);
  assert.match(csv, /テスト県 地域連携の手引き|テスト市 事例集/, 'sources by title');
  if (packScenes()) assert.match(csv, /"県の手引き"|"先行事例"/, 'basis labels from the pack');
  assert.doesNotMatch(csv, /日常の療養支援|看取り/);
  // The blank questionnaire of the pack, from the page's link.
  const href = await page.getAttribute('#print-blank', 'href');
  assert.match(href, /pack=/, 'the blank questionnaire keeps the pack');
  const q = settling(await context.newPage());
  await q.goto(`${server.origin}/${href}`);
  await q.waitForSelector('body[data-ready="true"]');
  assert.match(await q.textContent('#questionnaire'), /テスト用 三場面パック/);
  assert.match(await q.textContent('#questionnaire'), /H2-1が「委託」の場合のみ/, 'on paper the condition is written out');
  await q.screenshot({ path: `${OUT}k04-three-scenes-blank.png`, fullPage: true });
  await q.close();
});

test('a pack with an error: the page says where, in Japanese', async () => {
  const p = settling(await context.newPage());
  await openPack(p, '/__test__/packs/broken.json');
  const text = await p.textContent('#loading');
  assert.match(text, /ルールパック/);
  assert.match(text, /items\/h2_partners\.toml:\d+/, `file and line (${text})`);
  assert.equal(await p.getAttribute('body', 'data-ready'), null);
  await p.screenshot({ path: `${OUT}k05-broken-pack.png` });
  await p.close();
});

test('a pack from another origin is refused before any request', async () => {
  const p = settling(await context.newPage());
  await openPack(p, 'http://example.invalid/pack.json');
  assert.match(await p.textContent('#loading'), /own origin/);
  await p.close();
  assert.ok(!requests.some((u) => new URL(u).hostname === 'example.invalid'), 'nothing was asked of the other origin');
});

test('axe-core clean on the pack\'s page; no request outside the origin', async () => {
  await openPack(page);
  await page.addScriptTag({ url: '/__test__/axe.js' });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  const outside = requests.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith(`blob:${server.origin}/`) && !u.startsWith('data:'));
  assert.deepEqual(outside, []);
  assert.deepEqual(pageErrors, []);
});
