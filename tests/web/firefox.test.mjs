// The single file in Firefox: Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core
// (no browser download). Copied alone into a folder and opened from file://, it must start,
// score a fixture as the native engine does, keep the draft across a reload, and report no
// script error. (Edge is not installable here; it runs Chromium's engine, which the Chromium
// tests cover.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT, OUT, firefoxWithFile } from './page-helpers.mjs';
import { stripPackHash } from '../lib/cases.mjs';

const FIXTURE = `${ROOT}tests/cases/mito_after/assessment.json`;
let browser;
let page;
let errors;
let FILE;

before(async () => {
  ({ browser, page, errors, file: FILE } = await firefoxWithFile('renkei.html', 'firefox', '配布 フォルダ'));
});

after(async () => {
  await browser?.close();
});

const started = () => page.waitForFunction(() => !document.body.innerText.includes('読み込み中') && document.getElementById('open-file'), { timeout: 30000 });

test('Firefox: the single file from file:// starts and scores a fixture as the native engine does', async () => {
  await page.goto(pathToFileURL(FILE).href);
  await started();
  const input = await page.$('#open-input');
  await input.uploadFile(FIXTURE);
  await page.waitForFunction(() => document.getElementById('report')?.report?.assessment?.municipality === '水戸市', { timeout: 30000 });
  const got = await page.evaluate(() => {
    const r = document.getElementById('report').report;
    return { overall: r.overall, dimensions: r.dimensions.map((d) => [d.id, d.status, d.level, d.upper]), findings: r.findings.map((f) => f.id) };
  });
  const want = JSON.parse(stripPackHash(readFileSync(`${ROOT}tests/cases/mito_after/report.json`, 'utf8')));
  assert.deepEqual(got.dimensions, want.dimensions.map((d) => [d.id, d.status, d.level, d.upper]));
  assert.deepEqual([got.overall.level, got.overall.upper, got.overall.score], [want.overall.level, want.overall.upper, want.overall.score]);
  assert.deepEqual(got.findings, want.findings.map((f) => f.id));
  await page.screenshot({ path: `${OUT}firefox-01-scored.png` });
});

test('Firefox: the draft is back after a reload, and no script error was reported', async () => {
  await page.reload();
  await started();
  await page.waitForFunction(() => document.getElementById('report')?.report?.assessment?.municipality === '水戸市', { timeout: 30000 });
  assert.deepEqual(errors, []);
});
