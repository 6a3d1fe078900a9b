// The editor's single file in Firefox (Debian's firefox-esr over WebDriver BiDi, puppeteer-core):
// opened alone from file://, it starts on the standard pack with no problem and every test case
// passing, a weight changed in the table shows in the preview, and "publish the one-file page"
// builds the self-check's single file with the pack in it (the template is unpacked with
// DecompressionStream; the Blob it would download is read back here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { OUT, firefoxWithFile, nodeEngine } from './page-helpers.mjs';

let browser;
let page;
let errors;
let FILE;

before(async () => {
  ({ browser, page, errors, file: FILE } = await firefoxWithFile('renkei-editor.html', 'editor-firefox', '県の フォルダ'));
  // Keep what the page would download: the Blob's text.
  await page.evaluateOnNewDocument(() => {
    window.__blobs = [];
    const make = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (b) => { b.text().then((t) => window.__blobs.push(t)); return make(b); };
    HTMLAnchorElement.prototype.click = function () { /* no download dialog in the test */ };
  });
});

after(async () => {
  await browser?.close();
});

const settled = () => page.waitForFunction(() => document.body.dataset.checking === 'false', { timeout: 30000 });

test('Firefox: the editor\'s single file starts from file://, checks the pack and runs its tests', async () => {
  await page.goto(pathToFileURL(FILE).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', { timeout: 30000 });
  await settled();
  assert.match(await page.$eval('#problems-summary', (e) => e.textContent), /問題はありません/);
  assert.match(await page.$eval('#tests-out', (e) => e.textContent), /件中 (\d+)件成功、0件失敗/);
});

test('Firefox: a weight changed in the table shows in the preview; the one-file page is built with the pack', async () => {
  await page.select('#sample-pick', 'mito_after');
  await page.waitForSelector('#compare-caption');
  await page.$eval('input[aria-label="ts_resident_subject の配点"]', (el) => {
    el.value = '4';
    el.dispatchEvent(new Event('change'));
  });
  await settled();
  await page.waitForSelector('tr[data-dim="D1"].changed');
  await page.type('#changelog', 'Firefox');
  await page.waitForFunction(() => !document.getElementById('publish-single').disabled);
  await page.click('#publish-single');
  // (The pack worker's script is a Blob too: the page's file is the one with the pack block.)
  await page.waitForFunction(() => window.__blobs.some((b) => b.includes('id="renkei-pack"')), { timeout: 30000 });
  const html = await page.evaluate(() => window.__blobs.find((b) => b.includes('id="renkei-pack"')));
  const block = /<script type="application\/json" id="renkei-pack">([^<]*)<\/script>/.exec(html)?.[1];
  assert.ok(block, 'the single file has the pack block filled');
  const engine = await nodeEngine();
  const info = engine.Scorer.fromBundle(block).info();
  assert.equal(info.edition, '2027');
  assert.match(JSON.parse(block).files['items/d1_target_states.toml'], /id = "ts_resident_subject"[\s\S]*?weight = 4/);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: `${OUT}editor-firefox/editor.png` });
});
