// The rule pack editor (www/editor.html) in Chromium, as a prefecture officer uses it: open the
// standard pack, change a weight in the table (only that value changes in the TOML text, and the
// preview shows the difference), break a script (the marker sits on the right line; an unknown
// item id read by a script is a problem too), make a test case fail (publishing is blocked and
// says why), publish a bundle (new edition, changelog, new hash; it loads back), publish the
// one-file page with the pack built in (it starts on that pack from file://, offline), the
// editor's own single file (works from file://, strict CSP, no request), a reload keeps the
// edits, and axe-core finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT, OUT, buildSite, serveSite, launch, axeSource, packFiles, nodeEngine } from './page-helpers.mjs';

const SHOTS = `${OUT}editor/`;
let server;
let browser;
let context;
let page;
const outside = [];
const errors = [];
let engine;
let published = null;   // the bundle text published by the editor

const DEFAULT = packFiles(`${ROOT}rules/default`);
const D1 = 'items/d1_target_states.toml';

async function newContext(o = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1500, height: 1100 }, locale: 'ja-JP', acceptDownloads: true, ...o });
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return ctx;
}

/** The editor's draft as kept in the browser: { files, base }. */
const draft = () => page.evaluate(() => JSON.parse(localStorage.getItem('renkei-editor/v1')));
/** Waits until the check after the last edit has finished. */
async function settled() {
  await page.waitForSelector('body[data-checking="false"]', { state: 'attached' });
  await page.waitForTimeout(400);   // the draft is written 300 ms after the last change
}
/** Moves the code view's cursor to the end of line `n` (1-based). */
async function toLineEnd(n) {
  await page.locator('#code-view .cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}
async function openFile(path) {
  await page.click('#tab-code');
  await page.selectOption('#file-pick', path);
  await page.locator('#code-view .cm-content').waitFor();
}

before(async () => {
  buildSite();
  engine = await nodeEngine();
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  server = await serveSite();
  browser = await launch();
  context = await newContext();
  await context.route('**/__test__/axe.js', (route) => route.fulfill({ body: axeSource(), contentType: 'text/javascript' }));
  context.on('request', (r) => { if (!r.url().startsWith(server.origin) && !/^(data|blob):/.test(r.url())) outside.push(r.url()); });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/editor.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await settled();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the main page links to the editor; the editor opens the standard pack: no problem, every test case passes', async () => {
  const main = await context.newPage();
  await main.goto(`${server.origin}/`);
  assert.equal(await main.getAttribute('#editor-link', 'href'), 'editor.html');
  await main.close();
  assert.match(await page.textContent('#problems-summary'), /問題はありません/);
  const n = DEFAULT['pack.toml'].match(/"tests\/[^"]+"/g).length;
  assert.equal(await page.textContent('#tests-summary'), `${n}件中 ${n}件成功、0件失敗`);
  assert.match(await page.textContent('#pack-line'), new RegExp(`版 2026・ハッシュ ${new engine.Scorer().info().hash.slice(7, 19)}`));
  const d = await draft();
  assert.deepEqual(Object.keys(d.files).sort(), Object.keys(DEFAULT).filter((p) => p.endsWith('.toml') || p.endsWith('.rhai') || DEFAULT['pack.toml'].includes(`"${p}"`)).sort(),
    'the editor has exactly the files the manifest names');
  for (const [p, t] of Object.entries(d.files)) assert.equal(t, DEFAULT[p], `${p} as in rules/default`);
});

test('a weight changed in the table changes that value only (every other byte stays) and the preview marks the difference', async () => {
  await page.selectOption('#sample-pick', 'mito_after');
  await page.waitForSelector('#compare-caption');
  assert.equal(await page.textContent('#compare-caption'), '違いはありません。');
  const before = await page.textContent('tr[data-dim="D1"] td.after');
  const input = page.getByLabel('ts_resident_subject の配点');
  assert.equal(await input.inputValue(), '1');
  await input.fill('3');
  await input.press('Enter');
  await settled();
  const d = await draft();
  for (const [p, t] of Object.entries(d.files)) if (p !== D1) assert.equal(t, DEFAULT[p], `${p} untouched, byte for byte`);
  const a = DEFAULT[D1].split('\n');
  const b = d.files[D1].split('\n');
  assert.equal(a.length, b.length);
  const changed = a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y);
  assert.deepEqual(changed, [['weight = 1', 'weight = 3']], 'exactly one line changed, from weight 1 to 3');
  const idLine = b.indexOf('id = "ts_resident_subject"');
  const weightLine = b.findIndex((l, i) => i > idLine && l.startsWith('weight ='));
  assert.equal(b[weightLine], 'weight = 3', 'the weight of that item');
  await page.waitForSelector('tr[data-dim="D1"].changed');
  const after = await page.textContent('tr[data-dim="D1"] td.after');
  assert.notEqual(after, before, 'D1 after the edit differs');
  assert.equal(await page.textContent('tr[data-dim="D1"] td.before'), before, 'the pack it started from is unchanged');
  assert.match(await page.textContent('tr[data-dim="D1"]'), /変化あり/);
  assert.equal(await page.locator('tr[data-dim="D2"].changed').count(), 0, 'D2 is not marked');
  await page.screenshot({ path: `${SHOTS}table-weight-preview.png` });
});

test('a syntax error gets a marker on its line, with the engine\'s message in Japanese and English; undo clears it', async (t) => {
  await openFile('scripts/d2_council.rhai');
  const lines = DEFAULT['scripts/d2_council.rhai'].split('\n');
  const n = lines.findIndex((l) => l.startsWith('fn d2_council(')) + 1;
  await toLineEnd(n);
  const t0 = Date.now();
  await page.keyboard.type(' ) ) (');
  await page.locator('#code-view .cm-lintRange-error').waitFor();
  const ms = Date.now() - t0;
  t.diagnostic(`last keystroke to marker: ${ms} ms (300 ms of it the debounce)`);
  assert.ok(ms < 3000, `${ms} ms`);
  await settled();
  const item = page.locator('#problems-list li').first();
  assert.match(await item.textContent(), new RegExp(`scripts/d2_council\\.rhai:${n}:\\d+.*script-syntax.*構文エラー`));
  assert.equal(await item.locator('[lang=en]').count(), 1);
  const line = page.locator('#code-view .cm-line').nth(n - 1);
  assert.equal(await line.locator('.cm-lintRange-error').count(), 1, `the marker is on line ${n}`);
  assert.equal(await page.locator('#code-view .cm-lintRange-error').count(), 1, 'and nowhere else');
  const marker = await page.locator('#code-view .cm-lint-marker-error').first().boundingBox();
  const box = await line.boundingBox();
  assert.ok(Math.abs(marker.y + marker.height / 2 - (box.y + box.height / 2)) < box.height, 'the gutter marker is beside that line');
  assert.equal(await page.isDisabled('#publish-bundle'), true);
  assert.match(await page.textContent('#publish-reason'), /1件の問題/);
  await page.screenshot({ path: `${SHOTS}syntax-marker.png` });
  for (let i = 0; i < 8; i++) await page.keyboard.press('Control+z');
  await settled();
  assert.match(await page.textContent('#problems-summary'), /問題はありません/);
  assert.equal((await draft()).files['scripts/d2_council.rhai'], DEFAULT['scripts/d2_council.rhai']);
});

test('a script that reads an unknown item id is a problem at that id, and a click on a problem opens its file there', async () => {
  await openFile('scripts/d2_council.rhai');
  const last = DEFAULT['scripts/d2_council.rhai'].split('\n').length;
  await page.locator('#code-view .cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('fn zz_probe(a) { a.level("ts_no_such_item") }');
  await settled();
  const text = await page.textContent('#problems-list');
  assert.match(text, new RegExp(`scripts/d2_council\\.rhai:${last}:\\d+.*unknown-reference.*ts_no_such_item`));
  await page.click('#tab-table');
  await page.locator('#problems-list .problem-at').first().click();
  assert.equal(await page.inputValue('#file-pick'), 'scripts/d2_council.rhai');
  assert.equal(await page.isVisible('#code-view'), true);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await settled();
  assert.match(await page.textContent('#problems-summary'), /問題はありません/);
});

test('a failing test case shows expected against actual and blocks publishing, with the reason shown', async () => {
  await page.fill('#edition', '2027');
  await page.fill('#changelog', 'D1「住民目線」の配点を 1 → 3');
  await settled();
  assert.equal(await page.isDisabled('#publish-bundle'), false, 'ready before the break');
  await openFile('scripts/common.rhai');
  const n = DEFAULT['scripts/common.rhai'].split('\n').findIndex((l) => l.startsWith('fn level_by_rate(')) + 1;
  await toLineEnd(n);
  await page.keyboard.type(' return 0;');
  await settled();
  const summary = await page.textContent('#tests-summary');
  const failed = Number(/(\d+)件失敗/.exec(summary)[1]);
  assert.ok(failed > 0, summary);
  const fail = page.locator('.test-fail').first();
  assert.ok(await fail.locator('td.exp').count() > 0);
  assert.equal(await fail.locator('td.exp').first().textContent(), '4');
  assert.equal(await fail.locator('td.act').first().textContent(), '0');
  assert.equal(await page.isDisabled('#publish-bundle'), true);
  assert.equal(await page.isDisabled('#publish-single'), true);
  assert.equal(await page.textContent('#publish-reason'), `公開できません: テストケースが${failed}件失敗しています。`);
  await page.screenshot({ path: `${SHOTS}test-fails-publish-blocked.png` });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await settled();
  assert.match(await page.textContent('#tests-summary'), /0件失敗/);
  assert.equal(await page.isDisabled('#publish-bundle'), false);
});

test('a script that loops forever fails its test cases with a message; the page answers a click meanwhile (the pack runs in the worker)', async (t) => {
  await openFile('scripts/common.rhai');
  const n = DEFAULT['scripts/common.rhai'].split('\n').findIndex((l) => l.startsWith('fn level_by_rate(')) + 1;
  await toLineEnd(n);
  await page.keyboard.type(' loop { }');
  await page.waitForSelector('body[data-checking="true"]', { state: 'attached' });
  await page.waitForTimeout(350);   // past the debounce: the check is running in the worker
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const b = document.getElementById('lang-btn');
    const t0 = performance.now();
    b.addEventListener('click', () => resolve(performance.now() - t0), { once: true });
    setTimeout(() => b.click(), 0);
  }));
  t.diagnostic(`a click during the check was handled after ${ms.toFixed(0)} ms`);
  assert.ok(ms < 200, `${ms} ms`);
  await page.click('#lang-btn');   // back to Japanese
  await settled();
  const summary = await page.textContent('#tests-summary');
  assert.match(summary, /[1-9]\d*件失敗/, summary);
  assert.ok((await page.textContent('.test-fail')).length > 0);
  assert.equal(await page.isDisabled('#publish-bundle'), true);
  await page.locator('#code-view .cm-content').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await settled();
  assert.match(await page.textContent('#tests-summary'), /0件失敗/);
  assert.equal((await draft()).files['scripts/common.rhai'], DEFAULT['scripts/common.rhai']);
});

test('"save this result as a test case" adds a passing case file that the manifest names', async () => {
  const beforeN = Number(/(\d+)件中/.exec(await page.textContent('#tests-summary'))[1]);
  await page.click('#save-test');
  await settled();
  assert.equal(await page.textContent('#tests-summary'), `${beforeN + 1}件中 ${beforeN + 1}件成功、0件失敗`);
  const d = await draft();
  const path = Object.keys(d.files).find((p) => p.startsWith('tests/editor_'));
  assert.ok(path && d.files['pack.toml'].includes(`"${path}"`), 'the manifest names the new case');
  const c = JSON.parse(d.files[path]);
  assert.equal(typeof c.expect.levels.D1, 'number');
  assert.ok(Object.keys(c.answers).length > 10);
});

test('publish: the bundle has the new edition, the changelog entry and a new hash, and it loads', async () => {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#publish-bundle')]);
  assert.equal(dl.suggestedFilename(), 'renkei-default-2027.bundle.json');
  const file = `${SHOTS}${dl.suggestedFilename()}`;
  await dl.saveAs(file);
  published = readFileSync(file, 'utf8');
  const b = JSON.parse(published);
  const info = engine.Scorer.fromBundle(published).info();
  assert.equal(info.edition, '2027');
  assert.equal(info.hash, b.hash);
  assert.notEqual(info.hash, new engine.Scorer().info().hash, 'a new hash');
  assert.match(b.files['pack.toml'], /^edition = "2027"$/m);
  assert.match(b.files['pack.toml'], /^changelog = "CHANGELOG.md"$/m);
  assert.match(b.files['CHANGELOG.md'], /## 2027（\d{4}-\d{2}-\d{2}）\n\nD1「住民目線」の配点を 1 → 3/);
  assert.match(b.files[D1], /id = "ts_resident_subject"[\s\S]*?weight = 3/);
  // Changing the changelog alone changes the hash: the hash covers it.
  const files = { ...b.files, 'CHANGELOG.md': `${b.files['CHANGELOG.md']}x\n` };
  assert.notEqual(JSON.parse(engine.bundlePack(files)).hash, b.hash);
  await settled();
  assert.match(await page.textContent('#pack-line'), new RegExp(`版 2027・ハッシュ ${b.hash.slice(7, 19)}`));
  assert.equal(await page.inputValue('#edition'), '2028');
  await page.screenshot({ path: `${SHOTS}published.png` });
});

test('the published bundle loads in the assessment page, which then shows its edition and new hash', async () => {
  const b = JSON.parse(published);
  const p = await context.newPage();
  await p.goto(`${server.origin}/`);
  await p.waitForSelector('body[data-ready="true"]');
  await p.setInputFiles('#pack-input', `${SHOTS}renkei-default-2027.bundle.json`);
  await p.waitForFunction((h) => document.getElementById('pack-line')?.dataset.hash === h && !document.getElementById('pack-busy'), b.hash, { timeout: 20_000 });
  assert.equal(await p.evaluate(() => document.getElementById('pack-line').dataset.edition), '2027');
  await p.screenshot({ path: `${SHOTS}assessment-page-with-bundle.png` });
  await p.close();
});

test('the one-file page published with the pack starts on it, from file://, offline, under its CSP', async () => {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#publish-single')]);
  assert.equal(dl.suggestedFilename(), 'renkei-renkei-default-2027.html');
  const dir = `${SHOTS}配布/`;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${dl.suggestedFilename()}`;
  await dl.saveAs(file);
  const hash = JSON.parse(published).hash;
  const ctx = await newContext();
  await ctx.setOffline(true);
  const requests = [];
  ctx.on('request', (r) => requests.push(r.url()));
  const p = await ctx.newPage();
  const errs = [];
  p.on('pageerror', (e) => errs.push(e.message));
  await p.goto(pathToFileURL(file).href);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  assert.equal(await p.textContent('#pack-hash'), hash, 'the page runs on the published pack');
  assert.match(await p.textContent('#pack-ref'), /renkei-default 2027/);
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual(requests.filter((u) => !/^(file|data|blob):/.test(u)), []);
  assert.deepEqual(errs, []);
  await p.screenshot({ path: `${SHOTS}single-with-pack.png` });
  await ctx.close();
});

test('a bundle file opened in the editor gives back the published pack; a reload keeps the edits', async () => {
  page.once('dialog', (d) => d.accept());
  await page.setInputFiles('#bundle-input', { name: 'renkei-default-2027.bundle.json', mimeType: 'application/json', buffer: Buffer.from(published) });
  await page.waitForFunction(() => /開きました/.test(document.getElementById('messages').textContent));
  await settled();
  const hash = JSON.parse(published).hash;
  assert.match(await page.textContent('#pack-line'), new RegExp(`版 2027・ハッシュ ${hash.slice(7, 19)}`));
  const input = page.getByLabel('ts_resident_subject の配点');
  await page.click('#tab-table');
  assert.equal(await input.inputValue(), '3');
  await input.fill('2');
  await input.press('Enter');
  await settled();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await settled();
  assert.match(await page.textContent('#messages'), /復元しました/);
  assert.equal(await page.getByLabel('ts_resident_subject の配点').inputValue(), '2');
});

test('an unreadable bundle says why in Japanese and English, and the edits stay', async () => {
  page.once('dialog', (d) => d.accept());
  await page.setInputFiles('#bundle-input', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
  await page.waitForFunction(() => document.getElementById('alerts').textContent.length > 0);
  const msg = await page.textContent('#alerts');
  assert.match(msg, /開けませんでした.*Could not open it/);
  assert.equal(await page.getByLabel('ts_resident_subject の配点').inputValue(), '2');
});

test('English is available; axe-core finds no violation in the table and the code view; no request left the origin', async () => {
  await page.click('#lang-btn');
  assert.equal(await page.textContent('#problems-h'), 'Problems');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.click('#lang-btn');
  await page.addScriptTag({ url: '/__test__/axe.js' });
  for (const view of ['#tab-table', '#tab-code']) {
    await page.click(view);
    const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), [], view);
  }
  assert.deepEqual(outside, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
});

test('a pack folder opens through its manifest (a stray file is not read); a bundle dropped on the page opens', async () => {
  const dir = `${SHOTS}folder/my-pack/`;
  mkdirSync(dir, { recursive: true });
  for (const [p, t] of Object.entries(DEFAULT)) {
    mkdirSync(`${dir}${p}`.replace(/[^/]+$/, ''), { recursive: true });
    writeFileSync(`${dir}${p}`, t);
  }
  writeFileSync(`${dir}items/stray.toml`, 'this is not TOML [');
  page.once('dialog', (d) => d.accept());
  await page.setInputFiles('#folder-input', dir);
  await page.waitForFunction(() => /my-pack/.test(document.getElementById('messages').textContent));
  await settled();
  assert.match(await page.textContent('#problems-summary'), /問題はありません/);
  const d = await draft();
  assert.ok(!('items/stray.toml' in d.files), 'only what the manifest names is read');
  assert.equal(d.files[D1], DEFAULT[D1]);
  const dt = await page.evaluateHandle((text) => {
    const t = new DataTransfer();
    t.items.add(new File([text], 'dropped.bundle.json', { type: 'application/json' }));
    return t;
  }, published);
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await page.waitForFunction(() => /dropped\.bundle\.json/.test(document.getElementById('messages').textContent));
  await settled();
  assert.match(await page.textContent('#pack-line'), /版 2027/);
});

test('the preview scores a draft of the self-check kept in this browser', async () => {
  const a = JSON.parse(readFileSync(`${ROOT}target/site/samples/hirado_after.json`, 'utf8'));
  a.municipality = { name: '試験町', prefecture: '試験県' };
  await page.evaluate((assessment) => {
    localStorage.setItem('renkei:drafts', JSON.stringify([{ id: 'editortest1', pack: 'renkei-default', name: '試験町', prefecture: '試験県', fiscalYear: 2025, itemSet: 'full', updatedAt: new Date().toISOString() }]));
    localStorage.setItem('renkei:draft:editortest1', JSON.stringify({ id: 'editortest1', rev: 1, assessment, pending: { items: {} }, previous: null }));
  }, a);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await settled();
  await page.selectOption('#sample-pick', 'draft:editortest1');
  await page.waitForFunction(() => /試験町/.test(document.getElementById('preview-out').textContent));
  assert.ok(await page.locator('tr[data-dim="D1"] td.before').textContent());
  await page.evaluate(() => { localStorage.removeItem('renkei:drafts'); localStorage.removeItem('renkei:draft:editortest1'); });
});

test('the site folder\'s editor.html opened from file:// points to the editor\'s one file, in Japanese and English', async () => {
  const p = await context.newPage();
  await p.goto(pathToFileURL(`${ROOT}target/site/editor.html`).href);
  await p.waitForSelector('.load-error');
  const text = await p.textContent('#loading');
  assert.match(text, /「renkei-editor\.html」.*\/.*renkei-editor\.html/);
  await p.close();
});

test('the editor as one file works from file://, offline, under a CSP of hashes, and publishes from there', async () => {
  const html = readFileSync(`${ROOT}target/site/renkei-editor.html`, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)[1];
  assert.match(csp, /script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  const dir = `${SHOTS}editor-file/`;
  mkdirSync(dir, { recursive: true });
  copyFileSync(`${ROOT}target/site/renkei-editor.html`, `${dir}renkei-editor.html`);
  const ctx = await newContext();
  await ctx.setOffline(true);
  const requests = [];
  ctx.on('request', (r) => requests.push(r.url()));
  const p = await ctx.newPage();
  await p.goto(pathToFileURL(`${dir}renkei-editor.html`).href);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await p.waitForFunction(() => /件成功/.test(document.getElementById('tests-out').textContent));
  assert.match(await p.textContent('#problems-summary'), /問題はありません/);
  await p.selectOption('#sample-pick', 'mito_after');
  await p.waitForSelector('#compare-caption');
  await p.fill('#changelog', '確認');
  await p.waitForFunction(() => !document.getElementById('publish-single').disabled);
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#publish-single')]);
  const out = `${dir}${dl.suggestedFilename()}`;
  await dl.saveAs(out);
  const single = readFileSync(out, 'utf8');
  const block = /<script type="application\/json" id="renkei-pack">([^<]*)<\/script>/.exec(single)[1];
  assert.equal(engine.Scorer.fromBundle(block).info().edition, '2027');
  assert.ok(single.includes('id="renkei-wasm"'), 'the template is the self-check single file');
  assert.deepEqual(requests.filter((u) => !/^(file|data|blob):/.test(u)), []);
  assert.deepEqual(await p.evaluate(() => window.__csp), []);
  await p.screenshot({ path: `${SHOTS}editor-single-file.png` });
  await ctx.close();
});
