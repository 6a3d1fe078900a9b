// The self-assessment page in real Chromium (Debian's, through playwright-core), used as a new
// user would: pick the core set, answer every core item by clicking, watch the level change,
// reload, save/clear/open, a corrupt file, last year's comparison, print to PDF, axe-core, and
// no request outside the page's own origin. Screenshots go to tests/output/.
// What a level proves (ranges, 未評価, 要確認, …) is tested in page-proven.test.mjs; a pack other
// than the default one in page-pack.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ROOT, OUT, buildSite, serveSite, launch, pdfPageCount, pdfText, axeSource, stats, statusOf, defaultSetOf, settled, settling } from './page-helpers.mjs';

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

const report = async (p) => {
  await settled(p);
  return p.evaluate(() => document.getElementById('report').report);
};
/** The overall level the page shows (null when it shows 未評価). */
const overallLevel = async (p) => {
  await settled(p);
  const v = await p.getAttribute('#overall-level', 'data-level');
  return v === '' || v === null ? null : Number(v);
};

/** Everything the form shows: each control's checked state and value, the pressed status buttons. */
const formState = (p) => p.evaluate(() => ({
  controls: [...document.querySelectorAll('#basics-box input'), ...document.querySelector('assessment-form').shadowRoot.querySelectorAll('input, textarea')]
    .map((el) => [el.id || el.name, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value]),
  pressed: [...document.querySelector('assessment-form').shadowRoot.querySelectorAll('[aria-pressed="true"]')].map((b) => `${b.closest('[data-item]').dataset.item}:${b.dataset.status}`),
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
  page = settling(await context.newPage());
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
  // The engine's .wasm is fetched once, by the head's preload (in parallel with the page's
  // scripts), and the engine's init takes that response instead of fetching it again.
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => [e.name.split('/').pop(), e.initiatorType]));
  assert.deepEqual(wasm, [['renkei_page_bg.wasm', 'link']], 'one fetch of the page engine\'s .wasm, the preload\'s');
  assert.equal(await page.locator('#start').isVisible(), true, 'the set choice is shown first');
  await shot(page, '01-start');
  await page.fill('#muni-name', 'テスト市');
  await page.fill('#muni-pref', 'テスト県');
  await page.fill('#fiscal-year', '2024');
  await page.click('#start-core');
  await page.waitForSelector('#overall-level');
  const emptyReport = scorer.score({ schemaVersion: 1, pack: { id: info.id }, itemSet: 'core', answers: {} });
  assert.equal(await overallLevel(page), emptyReport.overall.level, 'an empty form shows what the engine proves of it (未評価 once the engine says so)');
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
  assert.match(await page.textContent('#level-live'), new RegExp(`^総合レベルが「レベル${level}.*」になりました。$`), 'the change is announced to screen readers');
  assert.equal(await page.textContent('#overall-answered'), `${core.length - 1} / ${core.length}`, 'every core item counts as answered but the 未定 one (該当なし with a reason counts)');
  const undecidedDim = checklist.items.find((i) => i.id === UNDECIDED).dimension;
  for (const d of checklist.dimensions) {
    const text = await page.textContent(`#toc-count-${d.id}`);
    const [a, t] = text.split('/').map(Number);
    assert.equal(a, d.id === undecidedDim ? t - 1 : t, `${d.id} progress complete but 未定 (${text})`);
  }
  const r = await report(page);
  assert.equal(await page.getAttribute('body', 'data-scored-by'), 'session', 'a change is scored through the engine\'s session (live-score.js), not in full');
  // The "saved" line is drawn after the click's frame (app.js showSaved), but it is drawn.
  await page.waitForFunction(() => /^自動保存しました \S/.test(document.getElementById('saved')?.textContent ?? ''), null, { timeout: 5000 });
  assert.match(await page.textContent('#draft-select option:checked'), /^テスト市/, 'the draft list names the draft being answered');
  assert.deepEqual(r, scorer.score(await page.evaluate(() => JSON.parse(localStorage.getItem(`renkei:draft:${JSON.parse(localStorage.getItem('renkei:current'))}`)).assessment)), 'the report merged from the session\'s patches is the full score of the saved draft');
  assert.deepEqual(r.undecided, [UNDECIDED]);
  assert.deepEqual(r.notApplicable, [{ item: NA, reason: NA_REASON }]);
  assert.equal(r.assessment.municipality, 'テスト市');
  assert.equal(r.assessment.fiscalYear, 2024);
  // What the page shows is what the engine says.
  for (const d of r.dimensions.filter((x) => statusOf(x) === 'rated')) {
    const row = page.locator(`score-report .dim-table tr[data-dim="${d.id}"]`);
    assert.match(await row.textContent(), new RegExp(`${d.score.toFixed(1)} / ${d.max.toFixed(1)}`));
  }
  assert.equal(await page.locator('score-report .scene-table td.cell').count(), r.scenes.length * 4, 'the scene matrix has a row per scene and 4 columns');
  assert.deepEqual(await page.$$eval('score-report .res-steps ol.first-steps > li', (ls) => ls.map((l) => l.dataset.finding)), r.nextSteps, 'the next steps are the report\'s nextSteps, in its order');
  // Each next step names its dimension in a badge that is drawn: the rule that lets the browser
  // skip an off-screen form section (class "dim") once matched the badge (class "badge dim") too,
  // and left it an empty box.
  const badges = await page.$$eval('score-report .res-steps ol.first-steps > li .badge.dim', (bs) => bs.map((b) => [b.textContent, getComputedStyle(b).contentVisibility]));
  assert.deepEqual(badges.map(([text]) => text), r.nextSteps.map((id) => r.findings.find((f) => f.id === id).dimension), 'each next step shows its dimension');
  assert.deepEqual(badges.filter(([, cv]) => cv !== 'visible'), [], 'no dimension badge is left for the browser to skip');
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
  // The full set asks every item that applies with these answers (appliesWhen).
  const answers = await page.evaluate(() => JSON.parse(localStorage.getItem(`renkei:draft:${JSON.parse(localStorage.getItem('renkei:current'))}`)).assessment.answers);
  const full = scorer.score({ schemaVersion: 1, pack: { id: info.id }, itemSet: 'full', answers }).assessment.asked;
  await page.click('label[for="set-full"]');
  await page.waitForFunction((n) => document.getElementById('report').shadowRoot.getElementById('overall-answered').textContent.endsWith(`/ ${n}`), full);
  assert.equal(await page.textContent('#overall-answered'), `${core.length - 1} / ${full}`, 'the core answers count in the full set (未定 does not)');
  assert.equal(await page.locator('assessment-form [data-item]:not([hidden])').count(), full, 'the form shows exactly the items the engine asks');
  await page.click('label[for="set-core"]');
  await page.waitForFunction((n) => document.getElementById('report').shadowRoot.getElementById('overall-answered').textContent === `${n - 1} / ${n}`, core.length);
  assert.deepEqual(await formState(page), before);
});

test('a change and "save to file" in the same moment: the file holds that change and the levels it was scored with', async () => {
  // The page scores a change after the next paint; saving before then scores it first.
  const item = core.find((i) => i.type === 'level');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(`renkei:draft:${JSON.parse(localStorage.getItem('renkei:current'))}`)).assessment.answers);
  const to = stored[item.id] === 0 ? 4 : 0;
  const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(({ id, v }) => {
    const form = document.querySelector('assessment-form').shadowRoot;
    form.querySelector(`label[for="c-${id}-${v}"]`).click();
    document.getElementById('save-file').click(); // the same task: no frame in between
  }, { id: item.id, v: to })]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(file.answers[item.id], to, 'the change is in the file');
  const { summarize } = await import('../../pkg/renkei.js');
  const { scoredWith, ...answered } = file;
  assert.deepEqual(scoredWith, summarize(scorer.score(answered)), 'scoredWith is the summary of these answers, not of the ones before');
  assert.notDeepEqual(scoredWith, summarize(scorer.score({ ...answered, answers: stored })), 'the change moved the levels (else this would prove nothing)');
  await page.click(`label[for="c-${item.id}-${stored[item.id]}"]`); // back as it was
  assert.deepEqual((await report(page)).dimensions, scorer.score({ ...answered, answers: stored }).dimensions);
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
  await page.waitForFunction(() => document.getElementById('report').shadowRoot.getElementById('overall-answered')?.textContent.startsWith('0 /'));
  const empty = scorer.score({ schemaVersion: 1, pack: { id: info.id }, itemSet: 'core', answers: {} });
  assert.equal(await overallLevel(page), empty.overall.level);

  await pickFile(page, '#open-file', savedPath);
  await page.waitForFunction((n) => document.getElementById('report').shadowRoot.getElementById('overall-answered')?.textContent === `${n - 1} / ${n}`, core.length);
  assert.deepEqual(await report(page), reportBefore, 'the opened file gives the identical report');
  assert.deepEqual(await formState(page), stateBefore, 'and the identical form');
});

test('a corrupt or foreign file gets a clear message and the draft stays untouched', async () => {
  const reportBefore = await report(page);
  const stateBefore = await formState(page);
  const good = JSON.parse(readFileSync(savedPath, 'utf8'));
  // Every message is the engine's (the page repeats none of its rules): compare with what the
  // engine itself says about the same text.
  const engineSays = (body) => {
    try {
      scorer.scoreJson(body, false);
      return null;
    } catch (e) {
      return e;
    }
  };
  const cases = [
    { name: 'broken.json', body: '{\n  "schemaVersion": 1,\n  "pack": { "id": "renkei-default" }\n  "answers": {}\n}\n', expect: [/読めません（4行 3列）/, /line 4 column 3/] },
    { name: 'future.json', body: JSON.stringify({ ...good, schemaVersion: 2 }), expect: [/形式 2 には対応していません/, /version 2 is not supported/] },
    { name: 'other-pack.json', body: JSON.stringify({ ...good, pack: { id: 'okayama-2027' } }), expect: [/ルールパック「okayama-2027」用です/, /pack 'okayama-2027'/] },
    { name: 'bad-answers.json', body: JSON.stringify({ ...good, answers: { ...good.answers, ts_status_level: 9, co_exists: 'maybe', nope: true } }), expect: [/回答に3件の問題/, /ts_status_level/, /co_exists/, /nope/, /3 problem/] },
    { name: 'not-assessment.json', body: '[1, 2, 3]', expect: [/JSON の配列です/, /JSON array, not an assessment/] },
    { name: 'bad-year.json', body: JSON.stringify({ ...good, fiscalYear: 1990 }), expect: [/年度 1990 は範囲外/, /fiscal year 1990/] },
  ];
  for (const c of cases) {
    await pickFile(page, '#open-file', { name: c.name, mimeType: 'application/json', buffer: Buffer.from(c.body) });
    await page.waitForSelector('#alerts .alert-box');
    const msg = await page.textContent('#alerts');
    assert.match(msg, new RegExp(c.name.replace('.', '\\.')), `${c.name}: the message names the file`);
    for (const re of c.expect) assert.match(msg, re, `${c.name}: ${msg}`);
    const e = engineSays(c.body);
    assert.ok(e, `${c.name}: the engine refuses it too`);
    for (const p of e.problems) assert.ok(msg.includes(p.messageJa) && msg.includes(p.message), `${c.name}: the engine's own words are shown (${p.messageJa})`);
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
  const proven = (d) => (statusOf(d) === 'rated' ? d.level : null);
  const shownLevel = (d) => (statusOf(d) !== 'rated' ? null : (d.upper ?? d.level) > d.level ? `${d.level}（最大${d.upper}）` : String(d.level));
  for (const d of now.dimensions) {
    const p = then.dimensions.find((x) => x.id === d.id);
    const cells = await page.$$eval(`.compare-dims tr[data-dim="${d.id}"] td`, (tds) => tds.map((td) => td.textContent));
    if (shownLevel(p) !== null) assert.equal(cells[0], shownLevel(p), `${d.id} last year's proven level`);
    if (shownLevel(d) !== null) assert.equal(cells[1], shownLevel(d), `${d.id} this year's proven level`);
    if (proven(p) !== null && proven(d) !== null) {
      const dl = d.level - p.level;
      assert.equal(cells[2].replace('※', ''), dl === 0 ? '±0' : `${dl > 0 ? '+' : '−'}${Math.abs(dl)}`, `${d.id} level delta`);
      const ds = Number((d.score - p.score).toFixed(1));
      assert.equal(cells[5], ds === 0 ? '±0' : `${ds > 0 ? '+' : '−'}${Math.abs(ds).toFixed(1)}`, `${d.id} score delta`);
    }
  }
  // Both Mito files are FY2023 (before and after a support programme within the year).
  assert.match(await page.textContent('year-compare .compare-warnings'), /同じ年度（2023年度/, 'files of the same fiscal year are flagged');
  const changed = await page.$$eval('.compare-items tbody tr', (trs) => trs.map((tr) => tr.dataset.item));
  assert.ok(changed.includes('ts_status_level') && changed.includes('ts_scenes_set'), `changed items listed (${changed.length})`);
  assert.ok(!changed.includes('cw_exists'), 'an unchanged answer is not listed');
  await page.locator('year-compare').scrollIntoViewIfNeeded();
  await shot(page, '08-compare-last-year');
});

test('print: a PDF with a cover, the overall result and a page per dimension; and a blank questionnaire', async () => {
  const r = await report(page);
  const assessed = r.dimensions.filter((d) => statusOf(d) !== 'notAsked').length;
  // As a print does (Ctrl+P, the print button): the browser's beforeprint, on which the page
  // draws the print view at once; emulateMedia alone fires none, and the view's idle drawing
  // (app.js schedulePrint) may not have come yet after the last change.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('print-report .cover').isVisible(), true, 'the cover prints');
  assert.equal(await page.locator('main').isVisible(), false, 'the form does not print');
  assert.match(await page.textContent('print-report .cover'), /水戸市/);
  assert.match(await page.textContent('print-report .cover'), /2023年度/);
  assert.equal(await page.locator('print-report .sheet').count(), assessed, 'one 個票 per assessed dimension');
  assert.ok(await page.evaluate(() => document.querySelector('print-report').shadowRoot.querySelector('.radar-img').src.startsWith('data:image/png')), 'the chart prints');
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
    for (const d of r.dimensions.filter((x) => statusOf(x) !== 'notAsked')) assert.match(text, new RegExp(`個票 ${d.id}\\b`));
    assert.match(text, new RegExp(info.hash.slice(7, 30)));
  } else {
    console.log('# pdftotext not installed (apt poppler-utils): PDF checked by page count only');
  }

  const q = settling(await context.newPage());
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
  const p = settling(await ctx.newPage());
  await open(p);
  await p.focus('#muni-name');
  await p.keyboard.type('キーボード町');
  await p.keyboard.press('Tab');
  await p.keyboard.press('Tab');
  await p.keyboard.type('2025');
  await p.keyboard.press('Tab');
  const def = info.sets[0].id;
  const asked = checklist.items.filter((i) => i.sets.includes(def)).length;
  assert.equal(await p.evaluate(() => (function deep(a) { return a?.shadowRoot?.activeElement ? deep(a.shadowRoot.activeElement) : a; })(document.activeElement).id), `start-${def}`, 'the set choice follows the basic fields, in the pack\'s order');
  assert.deepEqual(await p.$$eval('#start .btn.primary', (bs) => bs.map((b) => b.id)), [`start-${defaultSetOf(info)}`], 'the pack\'s default set is the primary choice');
  const outline = await p.evaluate(() => getComputedStyle((function deep(a) { return a?.shadowRoot?.activeElement ? deep(a.shadowRoot.activeElement) : a; })(document.activeElement)).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await p.keyboard.press('Enter');
  await p.waitForSelector('#overall-level');
  // Tab to the first scene checkbox of D1 and tick it with the space bar.
  const first = '#c-ts_scenes_set-daily';
  for (let i = 0; i < 80 && (await p.evaluate(() => (function deep(a) { return a?.shadowRoot?.activeElement ? deep(a.shadowRoot.activeElement) : a; })(document.activeElement).id)) !== first.slice(1); i++) await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => (function deep(a) { return a?.shadowRoot?.activeElement ? deep(a.shadowRoot.activeElement) : a; })(document.activeElement).id), first.slice(1), 'reachable by Tab');
  await p.keyboard.press('Space');
  assert.equal(await p.textContent('#overall-answered'), `1 / ${asked}`);
  assert.equal(await p.evaluate(() => (function deep(a) { return a?.shadowRoot?.activeElement ? deep(a.shadowRoot.activeElement) : a; })(document.activeElement).id), first.slice(1), 'no auto-advance: focus stays');
  await shot(p, '11-keyboard-focus');
  // A number being typed that is not valid yet is kept as typed, with the engine's message,
  // across a reload; the rest of the answers are still scored.
  const NUM = 'tr_multiprof_groupwork';
  const engineProblem = (value) => {
    try {
      scorer.score({ schemaVersion: 1, pack: { id: info.id }, itemSet: def, answers: { [NUM]: value } });
      return null;
    } catch (e) {
      return e.problems.find((x) => x.item === NUM);
    }
  };
  await p.focus(`#n-${NUM}`);
  await p.keyboard.type('12回');
  assert.equal(await p.textContent(`#item-${NUM} .item-problem`), engineProblem('12回').messageJa, 'the engine\'s message, not one of the page\'s own');
  assert.equal(await p.getAttribute(`#n-${NUM}`, 'aria-invalid'), 'true');
  await p.reload();
  await p.waitForSelector('body[data-ready="true"]');
  assert.equal(await p.inputValue(`#n-${NUM}`), '12回');
  assert.equal(await p.textContent(`#item-${NUM} .item-problem`), engineProblem('12回').messageJa);
  assert.equal(await p.textContent('#overall-answered'), `1 / ${asked}`, 'an invalid number is not an answer');
  assert.equal(await p.locator(`#to-check li[data-item="${NUM}"] .why-problem`).count(), 1, 'the 要確認 list marks it');
  // Saved to a file, it is left out (the file must open again) and the message says so.
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#save-file')]);
  const saved = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  assert.ok(!(NUM in saved.answers), 'an entry the engine refuses is not saved');
  assert.match(await p.textContent('#messages'), new RegExp(`入力に問題のある1件は保存していません.*${NUM}`));
  await p.fill(`#n-${NUM}`, '-3');
  assert.equal(await p.textContent(`#item-${NUM} .item-problem`), engineProblem(-3).messageJa, 'a number out of the item\'s range: the engine says so');
  await p.fill(`#n-${NUM}`, '１２');
  assert.equal(await p.textContent(`#item-${NUM} .item-problem`), '', 'the message goes once the engine accepts it');
  assert.equal(await p.textContent('#overall-answered'), `2 / ${asked}`, 'full-width digits are a number');
  await runAxe(p, 'start of a new draft');
  await ctx.close();
});

test('axe-core: no serious or critical violation on the answered page with results and comparison', async () => {
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no Content-Security-Policy violation');
  const minor = await runAxe(page, 'answered page');
  console.log(`# axe-core on the answered page: no serious/critical; others: ${minor.join(', ') || 'none'}`);
  // axe-core itself tries an inline <style> in each shadow root it visits; the page's CSP refuses
  // it (harmlessly). Nothing else may have been refused.
  const refused = await page.evaluate(() => window.__csp);
  assert.ok(refused.every((v) => v === 'style-src-elem inline'), refused.join('\n'));
  assert.ok(refused.length <= 4, `${refused.length} refused`);
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

test('a dimension not asked, not applicable or not rated shows in words, never as 0', async () => {
  // The default pack asks something of every dimension in both sets, so feed the results panel
  // a report in which D16 is outside the set, D15 does not apply and D14 has nothing answered.
  const rows = await page.evaluate(() => {
    const el = document.getElementById('report');
    const r = structuredClone(el.report);
    const blank = { level: null, upper: null, open: 0, partial: false, label: null, score: 0, max: 0, rate: null, answered: 0, total: 0, caps: [] };
    Object.assign(r.dimensions.find((d) => d.id === 'D16'), blank, { status: 'notAsked', assessed: false });
    Object.assign(r.dimensions.find((d) => d.id === 'D15'), blank, { status: 'notApplicable', assessed: true, total: 3 });
    Object.assign(r.dimensions.find((d) => d.id === 'D14'), blank, { status: 'unrated', assessed: true, open: 4, total: 4 });
    el.update({ info: { levels: [0, 1, 2, 3, 4].map((i) => ({ ja: `L${i}`, en: `L${i}` })) }, checklist: { items: [], dimensions: [] }, report: r, ms: 0 });
    return Object.fromEntries(['D14', 'D15', 'D16'].map((id) => [id, document.querySelector('score-report').shadowRoot.querySelector(`.dim-table tr[data-dim="${id}"]`).textContent]));
  });
  assert.match(rows.D16, /設問セット外/);
  assert.match(rows.D15, /対象外/);
  assert.match(rows.D14, /未評価/);
  for (const row of Object.values(rows)) assert.doesNotMatch(row, /0\.0|L0/);
});

test('no request left the origin', () => {
  const outside = requests.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith(`blob:${server.origin}/`) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'every request goes to the page\'s own origin');
  assert.ok(requests.some((u) => u.endsWith('/vendor/chart.js/chart.umd.min.js')), 'chart.js is served by the site itself');
  assert.deepEqual(pageErrors, []);
  writeFileSync(`${OUT}requests.txt`, `${requests.join('\n')}\n`);
});
