// The served site after its first load: the service worker has every file, so with the server
// gone (a real outage, not an emulated one) a reload starts, the chart draws, a sample opens and
// the blank questionnaire opens. And when chart.js cannot be had, the chart's place says so and
// the chart appears at the next change once it can. No request leaves the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { OUT, buildSite, serveSite, launch, settled, settling } from './page-helpers.mjs';

let server;
let browser;
let origin;
const requests = [];
const errors = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  buildSite();
  server = await serveSite();
  origin = server.origin;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function ready(p) {
  await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

test('after one visit, the page reloads, draws its chart, opens a sample and the blank questionnaire with the server gone', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'ja-JP' });
  ctx.on('request', (r) => requests.push(r.url()));
  const page = settling(await ctx.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/`);
  await ready(page);
  // The worker is installed and controls the page once it has every file.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await server.stop();
  const down = await fetch(`${origin}/`).then(() => false, () => true);
  assert.ok(down, 'the server is really gone');

  await page.reload();
  await ready(page);
  await page.click('#start-core');
  await page.locator('assessment-form label[for^="c-"]').first().click();
  await page.waitForFunction(() => document.querySelector('score-report').shadowRoot.querySelector('canvas')?.width > 0, null, { timeout: 10_000 });
  assert.equal(await page.locator('.chart-missing').count(), 0, 'the chart draws offline');
  await page.screenshot({ path: `${OUT}offline-01-reloaded.png` });

  await page.selectOption('#sample-select', { index: 1 });
  await page.click('#sample-open');
  await page.waitForFunction(() => /サンプル/.test(document.getElementById('messages')?.textContent ?? ''));

  const [q] = await Promise.all([ctx.waitForEvent('page'), page.click('#print-blank')]);
  await ready(q);
  assert.ok(await q.locator('.q-item').count() > 10, 'the blank questionnaire opens offline');
  await q.screenshot({ path: `${OUT}offline-02-blank.png` });
  await ctx.close();
  server = await serveSite(); // a new server (new port) for the next test
  origin = server.origin;
});

test('no chart library: the chart\'s place says so; once it can be had, the next change draws the chart', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'ja-JP', serviceWorkers: 'block' });
  ctx.on('request', (r) => requests.push(r.url()));
  let blocked = true;
  await ctx.route('**/vendor/chart.js/**', (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  const page = settling(await ctx.newPage());
  await page.goto(`${origin}/`);
  await ready(page);
  await page.click('#start-core');
  await page.waitForSelector('.chart-missing');
  const text = await page.textContent('.chart-missing');
  assert.match(text, /レーダーチャート/);
  assert.match(text, /radar chart/);
  await page.screenshot({ path: `${OUT}offline-03-no-chart.png` });
  blocked = false;
  await page.locator('assessment-form label[for^="c-"]').nth(1).click();
  await page.waitForFunction(() => document.querySelector('score-report').shadowRoot.querySelector('canvas')?.width > 0 && !document.querySelector('score-report').shadowRoot.querySelector('.chart-missing'), null, { timeout: 10_000 });
  await ctx.close();
});

test('no request left the origin, and no page error', () => {
  const outside = requests.filter((u) => !/^http:\/\/127\.0\.0\.1:\d+\//.test(u) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});
