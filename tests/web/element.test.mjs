// <renkei-self-check> in a host page (www/embed/element.html) whose global CSS is hostile
// (restyles *, body, tables, headings; hides every input and button) and which is served with a
// strict Content-Security-Policy header. The host's CSS must not reach in, the element's must not
// reach out, no id may leak into the host document, the events carry the answers and the
// engine's report, and two elements keep separate state and separate drafts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { ROOT, OUT, buildSite, serveSite, launch, nodeEngine, packFiles } from './page-helpers.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
let server;
let browser;
let ctx;
let page;
let scorer;
const requests = [];
const errors = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  buildSite();
  const mod = await nodeEngine();
  scorer = new mod.Scorer();
  server = await serveSite();
  browser = await launch();
  ctx = await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale: 'ja-JP' });
  ctx.on('request', (r) => requests.push(r.url()));
  // The host page with its CSP as a real response header (not only the <meta>).
  await ctx.route('**/embed/element.html', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': CSP } });
  });
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/embed/element.html`);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('renkei-self-check')].map((e) => e.ready)));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the element renders in its shadow root: no id leaks into the host, the same ids live in each element', async () => {
  const r = await page.evaluate(() => {
    // Every element below a root, through nested shadow roots (the element's form and report have their own).
    const deep = (root, sel) => [...root.querySelectorAll(sel), ...[...root.querySelectorAll('*')].filter((e) => e.shadowRoot).flatMap((e) => deep(e.shadowRoot, sel))];
    const [a, b] = document.querySelectorAll('renkei-self-check');
    const formOf = (el) => el.shadowRoot.querySelector('assessment-form').shadowRoot;
    return {
      hostIds: [...document.querySelectorAll('[id]')].map((e) => e.id),
      aIds: deep(a.shadowRoot, '[id]').length,
      bIds: deep(b.shadowRoot, '[id]').length,
      aLight: a.children.length,
      sameId: Boolean(formOf(a).getElementById('toc-h') && formOf(b).getElementById('toc-h')),
    };
  });
  assert.deepEqual(r.hostIds.sort(), ['check-a', 'check-b', 'events']);
  assert.ok(r.aIds > 100, `the form's ids are inside element a (${r.aIds})`);
  assert.ok(r.bIds > 100);
  assert.equal(r.aLight, 0, 'nothing in the light DOM');
  assert.ok(r.sameId, 'the same id in two elements does not collide');
  await page.screenshot({ path: `${OUT}element-01-host.png`, fullPage: false });
});

test('host CSS does not reach in, and the element\'s CSS does not reach out', async () => {
  const s = await page.evaluate(() => {
    const a = document.querySelector('#check-a').shadowRoot;
    const form = a.querySelector('assessment-form').shadowRoot;
    const rep = a.querySelector('score-report').shadowRoot;
    const cs = (el) => getComputedStyle(el);
    const input = form.querySelector('input');
    const h = rep.querySelector('h2');
    const td = rep.querySelector('td');
    const hostP = document.querySelector('body > p');
    return {
      inputDisplay: cs(input).display,
      font: cs(h).fontFamily,
      spacing: cs(form.querySelector('label')).letterSpacing,
      size: cs(a.querySelector('.embed')).fontSize,
      transform: cs(h).textTransform,
      hColor: cs(h).color,
      tdBorder: cs(td).borderTopStyle,
      hostBox: cs(hostP).boxSizing,
      hostColor: cs(hostP).color,
      hostFont: cs(hostP).fontFamily,
      innerBox: cs(a.querySelector('.embed')).boxSizing,
    };
  });
  assert.notEqual(s.inputDisplay, 'none', 'the host\'s `input { display: none }` does not hide the element\'s inputs');
  assert.doesNotMatch(s.font, /Courier/, 'not even the host\'s `* { font-family: … !important }`');
  assert.equal(s.spacing, 'normal');
  assert.equal(s.size, '16px', 'the host body\'s 22px does not reach in');
  assert.equal(s.transform, 'none');
  assert.notEqual(s.hColor, 'rgb(0, 128, 0)');
  assert.notEqual(s.tdBorder, 'dotted');
  assert.equal(s.innerBox, 'border-box', 'the element\'s own `*` rule applies inside');
  assert.equal(s.hostBox, 'content-box', 'and not to the host page');
  assert.equal(s.hostColor, 'rgb(0, 128, 0)');
  assert.match(s.hostFont, /Courier/);
});

test('answering in the element fires renkei-change (the answers) and renkei-score (the engine\'s report)', async () => {
  await page.evaluate(() => {
    window.__events = [];
    const a = document.querySelector('#check-a');
    for (const t of ['renkei-change', 'renkei-score']) a.addEventListener(t, (e) => window.__events.push({ type: t, detail: e.detail }));
  });
  await page.locator('#check-a assessment-form label[for^="c-"]').first().click();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'renkei-change'));
  const { events, report, assessment, answers } = await page.evaluate(() => {
    const a = document.querySelector('#check-a');
    return { events: window.__events, report: a.getReport(), assessment: a.getAssessment(), answers: a.getAnswers() };
  });
  const change = events.find((e) => e.type === 'renkei-change');
  const score = events.findLast((e) => e.type === 'renkei-score');
  assert.equal(Object.keys(change.detail.answers).length, 1);
  assert.deepEqual(change.detail.answers, answers);
  assert.deepEqual(change.detail.assessment.answers, answers);
  assert.deepEqual(score.detail.report, report);
  assert.deepEqual(report, scorer.score(assessment), 'the report is the engine\'s for the element\'s assessment');
});

test('two elements keep separate state; the host copies answers into the readonly one through setAnswers()', async () => {
  await page.waitForFunction(() => Object.keys(document.querySelector('#check-b').getAnswers()).length === 1);
  const fixture = JSON.parse(readFileSync(`${ROOT}tests/cases/mito_after/assessment.json`, 'utf8'));
  const r = await page.evaluate(async (answers) => {
    const [a, b] = document.querySelectorAll('renkei-self-check');
    const c = document.createElement('renkei-self-check');
    c.setAttribute('draft-key', 'third');
    c.setAttribute('item-set', 'full');
    document.body.append(c);
    await c.ready;
    await c.setAnswers(answers);
    return {
      a: Object.keys(a.getAnswers()).length,
      c: Object.keys(c.getAnswers()).length,
      bReadonlyForm: getComputedStyle(b.shadowRoot.querySelector('.form-col')).display,
      keys: Object.keys(localStorage).filter((k) => k.startsWith('renkei:element:')).sort(),
      cReport: c.getReport(),
      cAssessment: c.getAssessment(),
    };
  }, fixture.answers);
  assert.equal(r.a, 1, 'element a still has its one answer');
  assert.equal(r.c, Object.keys(fixture.answers).length);
  assert.equal(r.bReadonlyForm, 'none', 'readonly shows no form');
  assert.deepEqual(r.keys, ['renkei:element:check-a', 'renkei:element:third'], 'one draft per element (the readonly one keeps none)');
  assert.deepEqual(r.cReport.dimensions, scorer.score(r.cAssessment).dimensions);
  assert.deepEqual(r.cReport.dimensions.map((d) => d.level), scorer.score(fixture).dimensions.map((d) => d.level), 'the fixture\'s levels');
  await page.screenshot({ path: `${OUT}element-02-three.png`, fullPage: true });
});

test('a reload brings back each element\'s own draft', async () => {
  await page.reload();
  await page.evaluate(() => Promise.all([...document.querySelectorAll('renkei-self-check')].map((e) => e.ready)));
  const n = await page.evaluate(() => Object.keys(document.querySelector('#check-a').getAnswers()).length);
  assert.equal(n, 1);
});

test('the site\'s own page: the form, the results, the comparison and the print report keep their ids in their shadow roots', async () => {
  const p = await ctx.newPage();
  await p.goto(`${server.origin}/`);
  await p.waitForSelector('body[data-ready="true"]');
  await p.click('#start-core');
  await p.waitForFunction(() => document.getElementById('report').report);
  const r = await p.evaluate(() => ({
    document: document.querySelectorAll('[id]').length,
    inside: Object.fromEntries(['assessment-form', 'score-report', 'year-compare', 'print-report'].map((t) => [t, document.querySelector(t).shadowRoot?.querySelectorAll('[id]').length ?? -1])),
  }));
  assert.ok(r.document < 80, `the page itself has few ids (${r.document})`);
  assert.ok(r.inside['assessment-form'] > 200, `the form's are inside it (${r.inside['assessment-form']})`);
  assert.ok(r.inside['score-report'] > 5);
  assert.ok(r.inside['print-report'] >= 0 && r.inside['year-compare'] >= 0, 'every part has its shadow root');
  await p.close();
});

test('the pack attribute: a pack from a URL (its own items, in English with lang="en"); a broken pack fires renkei-error', async () => {
  const files = packFiles(`${ROOT}tests/web/packs/three-scenes`);
  const broken = { ...files, 'pack.toml': `${files['pack.toml']}\n[[[` };
  await ctx.route('**/__test__/element-packs/*.json', (route) => route.fulfill({
    contentType: 'application/json', body: JSON.stringify(route.request().url().endsWith('broken.json') ? broken : files),
  }));
  const mod = await nodeEngine();
  const custom = mod.Scorer.fromSources(files);
  const r = await page.evaluate(async () => {
    const el = document.createElement('renkei-self-check');
    el.setAttribute('pack', '/__test__/element-packs/three.json');
    el.setAttribute('lang', 'en');
    el.setAttribute('draft-key', 'none');
    document.body.append(el);
    await el.ready;
    const bad = document.createElement('renkei-self-check');
    bad.setAttribute('pack', '/__test__/element-packs/broken.json');
    const error = new Promise((resolve) => bad.addEventListener('renkei-error', (e) => resolve(e.detail)));
    document.body.append(bad);
    const form = el.shadowRoot.querySelector('assessment-form').shadowRoot;
    return {
      dims: [...form.querySelectorAll('section[data-dim]')].map((x) => x.dataset.dim),
      report: el.getReport(),
      heading: el.shadowRoot.querySelector('.set-name').textContent,
      error: await error,
      errorShown: bad.shadowRoot.querySelector('.load-error')?.textContent ?? '',
    };
  });
  assert.deepEqual(r.dims, custom.checklist().dimensions.map((d) => d.id), 'the pack\'s own dimensions');
  assert.equal(r.report.pack.id, custom.info().id);
  assert.match(r.heading, /^Question set: /, 'lang="en"');
  assert.ok(r.error.problems.length > 0 && r.error.messageJa && r.error.message);
  assert.match(r.errorShown, /ルールパックを読み込めませんでした/);
  assert.match(r.errorShown, /could not be loaded/);
});

test('www/embed/scorer.html calls the scorer directly and shows the engine\'s levels', async () => {
  const p = await ctx.newPage();
  await p.goto(`${server.origin}/embed/scorer.html`);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  const shown = JSON.parse(await p.textContent('#out'));
  const native = scorer.score(JSON.parse(readFileSync(`${ROOT}tests/cases/mito_after/assessment.json`, 'utf8')));
  assert.deepEqual(shown.levels, native.dimensions.map((d) => [d.id, d.level]));
  assert.deepEqual(shown.overall, native.overall);
  await p.close();
});

test('no CSP violation, no page error, no request outside the origin', async () => {
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:')), []);
});
