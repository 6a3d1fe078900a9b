// The single file (target/site/renkei.html) as a municipality gets it: copied alone into an empty
// folder and opened from file:// in Chromium with the network off. It must start, score a
// fixture exactly as the native engine does, keep a draft across a reload, open the blank
// questionnaire from the same file, obey its own strict CSP (hashes, 'wasm-unsafe-eval' only)
// and make no request at all. The site's folder opened the same way must say why it cannot run.
// Only Chromium is installable here; the file uses standard APIs only (Edge and Firefox untested).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, copyFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ROOT, OUT, buildSite, launch, pdfPageCount, statusOf, settled, settling } from './page-helpers.mjs';
import { stripPackHash } from '../lib/cases.mjs';

const FIXTURE = `${ROOT}tests/cases/mito_after/assessment.json`;
// A folder and a name as a user's PC has them: Japanese, a space, a copy's " (1)".
const DIR = `${OUT}single/配布 フォルダ/`;
const FILE = `${DIR}renkei (1).html`;
let browser;
let context;
let page;
const requests = [];
const errors = [];

const golden = () => JSON.parse(stripPackHash(readFileSync(`${ROOT}tests/cases/mito_after/report.json`, 'utf8')));
const withoutHash = (r) => {
  const c = structuredClone(r);
  delete c.pack.hash;
  return c;
};

async function newContext() {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'ja-JP', acceptDownloads: true });
  await ctx.setOffline(true);
  ctx.on('request', (r) => requests.push(r.url()));
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return ctx;
}

before(async () => {
  buildSite();
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  copyFileSync(`${ROOT}target/site/renkei.html`, FILE);
  browser = await launch();
  context = await newContext();
  page = settling(await context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
});

after(async () => {
  await browser?.close();
});

test('the single file is one file: its CSP has hashes and no unsafe-inline or unsafe-eval; the .wasm inside is the release one', () => {
  const html = readFileSync(FILE, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|'self'|https?:/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+rel="stylesheet"|@import|url\(\s*['"]?https?:/, 'nothing loaded from outside the file');
  const wasm = Buffer.from(html.match(/<script type="application\/octet-stream" id="renkei-wasm">([^<]+)<\/script>/)[1], 'base64');
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  assert.equal(sha(wasm), sha(readFileSync(`${ROOT}pkg/renkei_bg.wasm`)), 'the exact release .wasm (tests/web/cases.test.mjs proves it gives every golden byte for byte)');
  const raw = statSync(FILE).size;
  const gz = gzipSync(readFileSync(FILE), { level: 9 }).length;
  console.log(`# single file: ${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip -9`);
});

test('opened from file:// with the network off, it starts and scores the fixture exactly as the native engine', async () => {
  await page.goto(pathToFileURL(FILE).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.screenshot({ path: `${OUT}single-01-start.png` });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
  await chooser.setFiles(FIXTURE);
  const name = JSON.parse(readFileSync(FIXTURE, 'utf8')).municipality.name;
  await page.waitForFunction((n) => document.getElementById('muni-name')?.value === n && document.getElementById('report')?.report, name);
  const got = await page.evaluate(() => document.getElementById('report').report);
  assert.deepEqual(withoutHash(got), golden(), 'the report the single file shows is tests/cases/mito_after/report.json, field for field');
  await page.waitForFunction(() => document.querySelector('score-report').shadowRoot.querySelector('canvas')?.width > 0);
  assert.equal(await page.locator('.chart-missing').count(), 0, 'the chart is drawn (chart.js is inside the file)');
  await page.screenshot({ path: `${OUT}single-02-scored.png` });
});

test('the single file prints the report: a cover, the overall page and a page per assessed dimension', async () => {
  const r = await page.evaluate(() => document.getElementById('report').report);
  const assessed = r.dimensions.filter((d) => statusOf(d) !== 'notAsked').length;
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.evaluate(() => document.querySelector('print-report').shadowRoot.querySelector('.radar-img')?.src.startsWith('data:image/png')), 'the chart prints');
  const pdf = await page.pdf({ path: `${OUT}single-report.pdf`, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  assert.ok(pdfPageCount(pdf) >= 2 + assessed, `${pdfPageCount(pdf)} pages`);
});

test('a draft survives a reload of the single file', async () => {
  const before = await page.evaluate(() => document.getElementById('report').report);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('#overall-level');
  const after = await page.evaluate(() => document.getElementById('report').report);
  assert.deepEqual(after.dimensions, before.dimensions);
  assert.deepEqual(after.overall, before.overall);
  const typed = await page.inputValue('#muni-name');
  assert.equal(typed, JSON.parse(readFileSync(FIXTURE, 'utf8')).municipality.name);
});

test('the blank questionnaire opens from the same file, offline', async () => {
  const [q] = await Promise.all([context.waitForEvent('page'), page.click('#print-blank')]);
  await q.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  assert.ok(await q.locator('.q-item').count() > 10);
  assert.match(q.url(), /renkei%20\(1\)\.html#blank\?/);
  await q.screenshot({ path: `${OUT}single-03-blank.png` });
  // Its links stay in the same file: another set (the fragment changes and the page reloads) and back.
  await q.click('.q-toolbar a:nth-child(2)');
  await q.waitForFunction(() => location.hash.includes('set=') && document.body?.dataset.ready === 'true');
  await q.click('.q-toolbar a:first-child');
  await q.waitForSelector('#draft-select', { timeout: 30_000 });
  assert.equal(new URL(q.url()).hash, '');
  await q.close();
});

test('no CSP violation, no page error and no request at all', async () => {
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, []);
});

test('the site folder\'s index.html opened from file:// says why it cannot run, in Japanese and English', async () => {
  const p = settling(await context.newPage());
  await p.goto(pathToFileURL(`${ROOT}target/site/index.html`).href);
  await p.waitForSelector('html[data-boot-error]', { timeout: 10_000 });
  const text = await p.textContent('#loading');
  assert.match(text, /renkei\.html/);
  assert.match(text, /ダブルクリック/);
  assert.match(text, /Double-click/);
  await p.screenshot({ path: `${OUT}single-04-folder-file.png` });
  await p.close();
});
