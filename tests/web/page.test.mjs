// The self-assessment page in real Chromium (Debian's, through playwright-core), used as a new
// user would: pick the core set, answer every core item by clicking, watch the level change,
// reload, save/clear/open, a corrupt file, last year's comparison, print to PDF, axe-core, and
// no request outside the page's own origin. Screenshots go to tests/output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ROOT, OUT, buildSite, serveSite, launch, pdfPageCount, pdfText, axeSource, stats } from './page-helpers.mjs';

// The expectations come from the same release pkg/ the site ships; it is loaded after
// buildSite() (which may rebuild it), never before.
let scorer;
let checklist;
let info;
let core;

/** Items answered specially: one 未定, one 該当なし with a reason. */
const UNDECIDED = 'ps_support_used';
const NA = 'im_collaboration';
const NA_REASON = '県の広域連携会議で扱っている';

let server;
let browser;
let context;
let page;
const requests = [];
const pageErrors = [];
const shots = [];
const t0 = Date.now();

async function shot(p, name, opts = {}) {
  const path = `${OUT}${name}.png`;
  await p.screenshot({ path, ...opts });
  shots.push(path);
  return path;
}

/** A context that records every request and any CSP violation. */
async function newContext() {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, locale: 'ja-JP' });
  ctx.on('request', (r) => requests.push(r.url()));
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await ctx.route('**/__test__/axe.js', (route) => route.fulfill({ body: axeSource(), contentType: 'text/javascript' }));
  return ctx;
}

async function open(p) {
  await p.goto(`${server.origin}/`);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
}

const report = (p) => p.evaluate(() => document.getElementById('report').report);
const overallLevel = async (p) => Number(await p.getAttribute('#overall-level', 'data-level'));

/** Everything the form shows: each control's checked state and value, the pressed status buttons. */
const formState = (p) => p.evaluate(() => ({
  controls: [...document.querySelectorAll('#basics-box input, assessment-form input, assessment-form textarea')]
    .map((el) => [el.id || el.name, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value]),
  pressed: [...document.querySelectorAll('assessment-form [aria-pressed="true"]')].map((b) => `${b.closest('[data-item]').dataset.item}:${b.dataset.status}`),
}));

async function pickFile(p, button, file) {
  const [chooser] = await Promise.all([p.waitForEvent('filechooser'), p.click(button)]);
  await chooser.setFiles(file);
}

async function runAxe(p, label) {
  await p.addScriptTag({ url: '/__test__/axe.js' });
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const describe = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  assert.equal(bad.length, 0, `${label}: axe-core found serious/critical violations:\n${describe}`);
  return result.violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length})`);
}

/** Answers one item with a mature answer, by clicking (typing for numbers). */
async function answerMature(p, item) {
  const sel = (v) => `#c-${item.id}-${v}`;
  switch (item.type) {
    case 'yes_no':
      await p.click(`label[for="c-${item.id}-true"]`);
      break;
    case 'single': {
      const best = item.options.reduce((a, b) => ((b.points ?? 0) >= (a.points ?? 0) ? b : a));
      await p.click(`label[for="c-${item.id}-${best.id}"]`);
      break;
    }
    case 'multi':
      for (const o of item.options) await p.click(`label[for="c-${item.id}-${o.id}"]`);
      break;
    case 'scenes':
      for (const o of item.options) await p.click(sel(o.id));
      break;
    case 'level':
      await p.click(`label[for="c-${item.id}-3"]`);
      break;
    case 'number':
      await p.click(`#n-${item.id}`);
      await p.keyboard.type(String(item.matureAt ?? 2));
      break;
    default:
      throw new Error(`no strategy for ${item.type}`);
  }
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  buildSite();
  const { initSync, Scorer } = await import('../../pkg/renkei.js');
  initSync({ module: readFileSync(`${ROOT}pkg/renkei_bg.wasm`) });
  scorer = new Scorer();
  checklist = scorer.checklist();
  info = scorer.info();
  core = checklist.items.filter((i) => i.sets.includes('core'));
  server = await serveSite();
  browser = await launch();
  context = await newContext();
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  const sc = stats(scoreTimes);
  const up = stats(updateTimes);
  console.log(`# page test: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`# score() per change in Chromium (core set): median ${sc.median.toFixed(2)} ms, max ${sc.max.toFixed(2)} ms over ${sc.n} changes`);
  console.log(`# whole update per change (score + results + progress + print view): median ${up.median.toFixed(2)} ms, max ${up.max.toFixed(2)} ms`);
  console.log(`# screenshots and files:\n${shots.map((s) => `#   ${s}`).join('\n')}`);
});

let scoreTimes = [];
let updateTimes = [];

test('a new user picks the core set, answers every core item by clicking and sees the level change', async () => {
  await open(page);
  assert.equal(await page.locator('#start').isVisible(), true, 'the set choice is shown first');
  await shot(page, '01-start');
  await page.fill('#muni-name', 'テスト市');
  await page.fill('#muni-pref', 'テスト県');
  await page.fill('#fiscal-year', '2024');
  await page.click('#start-core');
  await page.waitForSelector('#overall-level');
  assert.equal(await overallLevel(page), 0, 'an empty form is level 0');
  const visible = await page.$$eval('assessment-form [data-item]:not([hidden])', (ns) => ns.map((n) => n.dataset.item));
  assert.deepEqual(visible.sort(), core.map((i) => i.id).sort(), 'the form shows exactly the core items');
  assert.equal(await page.textContent('#overall-answered'), `0 / ${core.length}`);

  const levels = new Set();
  for (const item of core) {
    if (item.id === UNDECIDED) {
      await page.click(`#item-${item.id} .status-btn[data-status="undecided"]`);
    } else if (item.id === NA) {
      await page.click(`#item-${item.id} .status-btn[data-status="na"]`);
      await page.click(`#reason-${item.id}`);
      await page.keyboard.type(NA_REASON);
    } else {
      await answerMature(page, item);
    }
    levels.add(await overallLevel(page));
  }
  const level = await overallLevel(page);
  assert.ok(level >= 3, `mature answers give a high overall level (got ${level})`);
  assert.ok(levels.size >= 3, `the level changed while answering (${[...levels].join(' → ')})`);
  assert.equal(await page.textContent('#level-live'), `総合レベルが ${level}（${(await report(page)).overall.label.ja}）になりました。`, 'the change is announced to screen readers');
  assert.equal(await page.textContent('#overall-answered'), `${core.length} / ${core.length}`, 'every core item counts as answered (未定 and 該当なし included)');
  for (const d of checklist.dimensions) {
    const text = await page.textContent(`#toc-count-${d.id}`);
    const [a, t] = text.split('/').map(Number);
    assert.equal(a, t, `${d.id} progress complete (${text})`);
  }
  const r = await report(page);
  assert.deepEqual(r.undecided, [UNDECIDED]);
  assert.deepEqual(r.notApplicable, [{ item: NA, reason: NA_REASON }]);
  assert.equal(r.assessment.municipality, 'テスト市');
  assert.equal(r.assessment.fiscalYear, 2024);
  // What the page shows is what the engine says.
  for (const d of r.dimensions) {
    const row = page.locator(`score-report .dim-table tr[data-dim="${d.id}"]`);
    assert.match(await row.textContent(), new RegExp(`${d.score.toFixed(1)} / ${d.max.toFixed(1)}`));
  }
  assert.equal(await page.locator('score-report .scene-table td.cell').count(), 16, 'the four-scene matrix has 4 × 4 cells');
  assert.equal(await page.locator('score-report .res-steps ol.findings').first().locator(':scope > li').count(), Math.min(5, r.findings.length));
  assert.match(await page.textContent('#pack-hash'), /^sha256:[0-9a-f]{64}$/);
  ({ timings: scoreTimes, totals: updateTimes } = await page.evaluate(() => {
    const r = document.getElementById('report');
    return { timings: r.timings, totals: r.totals };
  }));
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '02-answered');
  await page.locator(`#sec-D1`).scrollIntoViewIfNeeded();
  await shot(page, '03-scenes-matrix');
  await page.click(`#item-${NA} details.help summary`);
  await page.locator(`#item-${NA}`).scrollIntoViewIfNeeded();
  await shot(page, '04-na-and-help');
  assert.deepEqual(pageErrors, []);
});

test('switching to the full set and back keeps every answer', async () => {
  const before = await formState(page);
  const full = checklist.items.length;
  await page.click('label[for="set-full"]');
  await page.waitForFunction((n) => document.getElementById('overall-answered').textContent.endsWith(`/ ${n}`), full);
  assert.equal(await page.textContent('#overall-answered'), `${core.length} / ${full}`, 'the core answers count in the full set');
  assert.equal(await page.locator('assessment-form [data-item]:not([hidden])').count(), full);
  await page.click('label[for="set-core"]');
  await page.waitForFunction((n) => document.getElementById('overall-answered').textContent === `${n} / ${n}`, core.length);
  assert.deepEqual(await formState(page), before);
});

test('English switch, and back to Japanese, keeps the answers', async () => {
  const before = await formState(page);
  await page.click('#lang-btn');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('#results-h'), 'Results');
  assert.match(await page.textContent('#q-ts_status_level'), /target states/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '05-english');
  await page.click('#lang-btn');
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.deepEqual(await formState(page), before);
});

test('a reload brings back every answer, including text typed a moment before', async () => {
  // Type into a note and the n/a reason, then reload at once (no blur, no save button).
  await page.click(`#item-ts_status_level details.note summary`);
  await page.click('#note-ts_status_level');
  await page.keyboard.type('協議体の議事録（令和6年度第2回）');
  await page.click(`#reason-${NA}`);
  await page.keyboard.press('End');
  await page.keyboard.type('（確認中）');
  const before = await formState(page);
  const reportBefore = await report(page);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await formState(page), before, 'every control is as it was');
  assert.equal(await page.inputValue('#note-ts_status_level'), '協議体の議事録（令和6年度第2回）');
  assert.equal(await page.inputValue(`#reason-${NA}`), `${NA_REASON}（確認中）`);
  assert.deepEqual(await report(page), reportBefore, 'the same report');
});

let savedPath;
test('save to file, clear, open the file: an identical report', async () => {
  const reportBefore = await report(page);
  const stateBefore = await formState(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
  savedPath = `${OUT}saved-assessment.json`;
  await download.saveAs(savedPath);
  const file = JSON.parse(readFileSync(savedPath, 'utf8'));
  assert.equal(file.schemaVersion, 1);
  assert.deepEqual(file.pack, { id: info.id, edition: info.edition, version: info.version, hash: info.hash });
  assert.equal(file.itemSet, 'core');
  assert.deepEqual(file.municipality, { name: 'テスト市', prefecture: 'テスト県' });
  assert.equal(file.fiscalYear, 2024);
  assert.ok(file.createdAt && file.updatedAt);
  assert.equal(Object.keys(file.answers).length, core.length);
  assert.deepEqual(file.answers[UNDECIDED], { status: 'undecided' });

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csvPath = `${OUT}exported.csv`;
  await csv.saveAs(csvPath);
  shots.push(csvPath, savedPath);
  const bytes = readFileSync(csvPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a UTF-8 BOM');
  const text = bytes.toString('utf8');
  assert.match(text, /"市区町村名","テスト市"/);
  assert.match(text, /"D1","目指す姿"/);
  assert.match(text, new RegExp(`"${NA}",.*"該当なし"`));

  await page.click('#clear-all');
  await page.waitForSelector('dialog#confirm[open]');
  await shot(page, '06-clear-confirm');
  await page.click('#confirm-yes');
  await page.waitForFunction(() => document.getElementById('overall-answered')?.textContent.startsWith('0 /'));
  assert.equal(await overallLevel(page), 0);

  await pickFile(page, '#open-file', savedPath);
  await page.waitForFunction((n) => document.getElementById('overall-answered')?.textContent === `${n} / ${n}`, core.length);
  assert.deepEqual(await report(page), reportBefore, 'the opened file gives the identical report');
  assert.deepEqual(await formState(page), stateBefore, 'and the identical form');
});

test('a corrupt or foreign file gets a clear message and the draft stays untouched', async () => {
  const reportBefore = await report(page);
  const stateBefore = await formState(page);
  const good = JSON.parse(readFileSync(savedPath, 'utf8'));
  const cases = [
    { name: 'broken.json', body: '{\n  "schemaVersion": 1,\n  "pack": { "id": "renkei-default" }\n  "answers": {}\n}\n', expect: [/JSON として読めません（4行 3列/, /line 4, column 3/] },
    { name: 'future.json', body: JSON.stringify({ ...good, schemaVersion: 2 }), expect: [/schemaVersion 2 には対応していません/, /schemaVersion 2 is not supported/] },
    { name: 'other-pack.json', body: JSON.stringify({ ...good, pack: { id: 'okayama-2027' } }), expect: [/別のルールパック「okayama-2027」/, /another rule pack, "okayama-2027"/] },
    { name: 'bad-answers.json', body: JSON.stringify({ ...good, answers: { ...good.answers, ts_status_level: 9, co_exists: 'maybe', nope: true } }), expect: [/回答に3件の問題/, /ts_status_level/, /co_exists/, /nope/, /3 problem/] },
    { name: 'not-assessment.json', body: '[1, 2, 3]', expect: [/回答ファイルではありません/, /Not an assessment file/] },
  ];
  for (const c of cases) {
    await pickFile(page, '#open-file', { name: c.name, mimeType: 'application/json', buffer: Buffer.from(c.body) });
    await page.waitForSelector('#alerts .alert-box');
    const msg = await page.textContent('#alerts');
    assert.match(msg, new RegExp(c.name.replace('.', '\\.')), `${c.name}: the message names the file`);
    for (const re of c.expect) assert.match(msg, re, `${c.name}: ${msg}`);
    assert.match(msg, /下書きは変更していません/);
    assert.match(msg, /has not been changed/);
    if (c.name === 'bad-answers.json') {
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, '07-corrupt-file-message');
    }
    assert.deepEqual(await report(page), reportBefore, `${c.name}: the report is unchanged`);
    assert.deepEqual(await formState(page), stateBefore, `${c.name}: the draft is unchanged`);
  }
  await page.click('#alerts button');
});

test("last year's file beside this year's: deltas per dimension and per item", async () => {
  await pickFile(page, '#open-file', `${ROOT}tests/cases/mito_after/assessment.json`);
  await page.waitForFunction(() => document.getElementById('report').report?.assessment.municipality === '水戸市');
  const drafts = await page.$$eval('#draft-select option', (os) => os.map((o) => o.textContent));
  assert.equal(drafts.length, 2, `a second draft, the first is kept (${drafts.join(' | ')})`);
  assert.ok(drafts.some((d) => d.startsWith('テスト市')) && drafts.some((d) => d.startsWith('水戸市')));
  await pickFile(page, '#compare-prev', `${ROOT}tests/cases/mito_before/assessment.json`);
  await page.waitForSelector('year-compare:not([hidden]) .compare-dims');
  const now = scorer.score(JSON.parse(readFileSync(`${ROOT}tests/cases/mito_after/assessment.json`, 'utf8')));
  const then = scorer.score(JSON.parse(readFileSync(`${ROOT}tests/cases/mito_before/assessment.json`, 'utf8')));
  for (const d of now.dimensions) {
    const p = then.dimensions.find((x) => x.id === d.id);
    const cells = await page.$$eval(`.compare-dims tr[data-dim="${d.id}"] td`, (tds) => tds.map((td) => td.textContent));
    const dl = d.level - p.level;
    assert.equal(cells[0], String(p.level), `${d.id} last year's level`);
    assert.equal(cells[1], String(d.level), `${d.id} this year's level`);
    assert.equal(cells[2], dl === 0 ? '±0' : `${dl > 0 ? '+' : '−'}${Math.abs(dl)}`, `${d.id} level delta`);
    const ds = Number((d.score - p.score).toFixed(1));
    assert.equal(cells[5], ds === 0 ? '±0' : `${ds > 0 ? '+' : '−'}${Math.abs(ds).toFixed(1)}`, `${d.id} score delta`);
  }
  const changed = await page.$$eval('.compare-items tbody tr', (trs) => trs.map((tr) => tr.dataset.item));
  assert.ok(changed.includes('ts_status_level') && changed.includes('ts_scenes_set'), `changed items listed (${changed.length})`);
  assert.ok(!changed.includes('cw_exists'), 'an unchanged answer is not listed');
  await page.locator('year-compare').scrollIntoViewIfNeeded();
  await shot(page, '08-compare-last-year');
});

test('print: a PDF with a cover, the overall result and a page per dimension; and a blank questionnaire', async () => {
  const r = await report(page);
  const assessed = r.dimensions.filter((d) => d.assessed).length;
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('print-report .cover').isVisible(), true, 'the cover prints');
  assert.equal(await page.locator('main').isVisible(), false, 'the form does not print');
  assert.match(await page.textContent('print-report .cover'), /水戸市/);
  assert.match(await page.textContent('print-report .cover'), /2023年度/);
  assert.equal(await page.locator('print-report .sheet').count(), assessed, 'one 個票 per assessed dimension');
  assert.ok(await page.evaluate(() => document.querySelector('print-report .radar-img').src.startsWith('data:image/png')), 'the chart prints');
  await shot(page, '09-print-preview', { fullPage: true });
  const pdfPath = `${OUT}report.pdf`;
  const pdf = await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  shots.push(pdfPath);
  await page.emulateMedia({ media: 'screen' });
  const pages = pdfPageCount(pdf);
  assert.ok(pages >= 2 + assessed, `report PDF: ${pages} pages ≥ cover + overall + ${assessed} dimensions`);
  const text = pdfText(pdfPath);
  if (text !== null) {
    assert.match(text, /結果報告/);
    assert.match(text, /水戸市/);
    for (const d of r.dimensions.filter((x) => x.assessed)) assert.match(text, new RegExp(`個票 ${d.id}\\b`));
    assert.match(text, new RegExp(info.hash.slice(7, 30)));
  } else {
    console.log('# pdftotext not installed (apt poppler-utils): PDF checked by page count only');
  }

  const q = await context.newPage();
  await q.goto(`${server.origin}/questionnaire.html?set=core`);
  await q.waitForSelector('body[data-ready="true"]');
  assert.equal(await q.locator('.q-item, .q-scenes tbody tr').count(), core.length, 'every core question is on the blank questionnaire');
  await shot(q, '10-blank-questionnaire');
  const qPath = `${OUT}questionnaire-core.pdf`;
  const qpdf = await q.pdf({ path: qPath, preferCSSPageSize: true, printBackground: true });
  shots.push(qPath);
  assert.ok(pdfPageCount(qpdf) >= 3, `blank questionnaire: ${pdfPageCount(qpdf)} pages`);
  await runAxe(q, 'blank questionnaire');
  await q.close();
});

test('keyboard alone: start, answer, with a visible focus', async () => {
  const ctx = await newContext();
  const p = await ctx.newPage();
  await open(p);
  await p.focus('#muni-name');
  await p.keyboard.type('キーボード町');
  await p.keyboard.press('Tab');
  await p.keyboard.press('Tab');
  await p.keyboard.type('2025');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'start-core', 'the set choice follows the basic fields');
  const outline = await p.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await p.keyboard.press('Enter');
  await p.waitForSelector('#overall-level');
  // Tab to the first scene checkbox of D1 and tick it with the space bar.
  const first = '#c-ts_scenes_set-daily';
  for (let i = 0; i < 80 && (await p.evaluate(() => document.activeElement.id)) !== first.slice(1); i++) await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.id), first.slice(1), 'reachable by Tab');
  await p.keyboard.press('Space');
  assert.equal(await p.textContent('#overall-answered'), `1 / ${core.length}`);
  assert.equal(await p.evaluate(() => document.activeElement.id), first.slice(1), 'no auto-advance: focus stays');
  await shot(p, '11-keyboard-focus');
  // A number being typed that is not valid yet is kept as typed, with its message, across a reload.
  await p.focus('#n-tr_multiprof_groupwork');
  await p.keyboard.type('12回');
  assert.match(await p.textContent('#item-tr_multiprof_groupwork .error'), /0以上の整数/);
  await p.reload();
  await p.waitForSelector('body[data-ready="true"]');
  assert.equal(await p.inputValue('#n-tr_multiprof_groupwork'), '12回');
  assert.match(await p.textContent('#item-tr_multiprof_groupwork .error'), /0以上の整数/);
  assert.equal(await p.textContent('#overall-answered'), `1 / ${core.length}`, 'an invalid number is not an answer');
  await p.fill('#n-tr_multiprof_groupwork', '１２');
  assert.equal(await p.textContent('#overall-answered'), `2 / ${core.length}`, 'full-width digits are a number');
  await runAxe(p, 'start of a new draft');
  await ctx.close();
});

test('axe-core: no serious or critical violation on the answered page with results and comparison', async () => {
  const minor = await runAxe(page, 'answered page');
  console.log(`# axe-core on the answered page: no serious/critical; others: ${minor.join(', ') || 'none'}`);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no Content-Security-Policy violation');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
});

test('a sample from the site opens as a new draft', async () => {
  const before = await page.locator('#draft-select option').count();
  await page.selectOption('#sample-select', 'hirado_after');
  await page.click('#sample-open');
  await page.waitForFunction(() => document.getElementById('report').report?.assessment.municipality === '平戸市');
  assert.equal(await page.locator('#draft-select option').count(), before + 1);
  const expected = scorer.score(JSON.parse(readFileSync(`${ROOT}tests/cases/hirado_after/assessment.json`, 'utf8')));
  const got = await report(page);
  assert.deepEqual(got.dimensions, expected.dimensions, 'the page scores the sample as the engine does');
  assert.deepEqual(got.findings, expected.findings);
});

test('a dimension that is not assessed shows as 対象外, never as 0', async () => {
  // The default pack asks something of every dimension in both sets, so feed the results panel
  // a report in which a pack asked nothing of D16 (assessed: false, level null).
  const row = await page.evaluate(() => {
    const el = document.getElementById('report');
    const r = structuredClone(el.report);
    Object.assign(r.dimensions.find((d) => d.id === 'D16'), { assessed: false, level: null, label: null, score: 0, max: 0, rate: null, answered: 0, total: 0, caps: [] });
    el.update({ info: { levels: [0, 1, 2, 3, 4].map((i) => ({ ja: `L${i}`, en: `L${i}` })) }, report: r, ms: 0 });
    return document.querySelector('score-report .dim-table tr[data-dim="D16"]').textContent;
  });
  assert.match(row, /対象外/);
  assert.doesNotMatch(row, /0\.0|L0/);
});

test('no request left the origin', () => {
  const outside = requests.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith(`blob:${server.origin}/`) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'every request goes to the page\'s own origin');
  assert.ok(requests.some((u) => u.endsWith('/vendor/chart.js/chart.umd.min.js')), 'chart.js is served by the site itself');
  assert.deepEqual(pageErrors, []);
  writeFileSync(`${OUT}requests.txt`, `${requests.join('\n')}\n`);
});
