// Editions in the assessment page and untrusted packs in it (issue 10), in Chromium through
// Playwright, on the served site and on the single file (file://):
// - the pack worker's deadline (pack-client.js): a call past it is stopped with a message that
//   says so in Japanese and English, and the next call gets a fresh worker;
// - a pack bundle loaded with the file picker (and by dropping it): the pack line names its
//   title, edition and hash, the report's pack data says the same, a reload keeps it, the
//   draft goes back to the built-in pack;
// - "Save to file" records the pack and the levels it was scored with (scoredWith);
// - a file saved under edition 2026 opened under 2027: re-scored, the saved levels shown, the
//   differences (as the engine computes them in Node) and the items each edition has alone;
// - a pack that loops until the engine's operation limit: refused with that message, a click
//   handled within 200 ms while it runs, no long task on the page's thread, the draft untouched.
// Screenshots: tests/output/editions-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { buildSite, serveSite, launch, OUT, ROOT, packFiles, nodeEngine, settled, settling } from './page-helpers.mjs';

let server;
let browser;
let E; // the release pkg/ in Node
const files = {}; // name → path of a bundle or an assessment file made for these tests
const expected = {};

/** rules/default as edition 2027: one item renamed (one removed, one added), D1 capped at level 1. */
function edition2027() {
  const f = packFiles(`${ROOT}rules/default`);
  f['pack.toml'] = f['pack.toml'].replace(/^edition = .*$/m, 'edition = "2027"');
  const d1 = 'items/d1_target_states.toml';
  assert.match(f[d1], /id = "ts_cross_cutting"/);
  f[d1] = f[d1].replace('id = "ts_cross_cutting"', 'id = "ts_cross_2027"');
  const rule = 'scripts/d1_target_states.rhai';
  assert.match(f[rule], /let level = if status >= 0 \{ status \}/);
  f[rule] = f[rule].replace('let level = if status >= 0 { status }', 'let level = if status >= 0 { at_most(status, 1) }');
  return f;
}

/** A pack whose rule spins until the engine's operation limit (about a second): tests/hostile/clock_slow_operations without its lowered clock. */
function spinningPack() {
  const f = packFiles(`${ROOT}tests/hostile/clock_slow_operations`);
  delete f['expect.json'];
  f['pack.toml'] = f['pack.toml'].replace(/^\[limits\][^[]*/m, '');
  return f;
}

before(async () => {
  buildSite();
  E = await nodeEngine();
  mkdirSync(`${OUT}editions`, { recursive: true });
  const write = (name, text) => {
    files[name] = `${OUT}editions/${name}`;
    writeFileSync(files[name], text);
  };
  const b2027 = E.bundlePack(edition2027());
  write('pack-2027.json', b2027);
  write('pack-spin.json', E.bundlePack(spinningPack()));
  for (const name of ['recursion_deep', 'string_doubling']) {
    const f = packFiles(`${ROOT}tests/hostile/${name}`);
    delete f['expect.json'];
    write(`pack-${name}.json`, E.bundlePack(f));
  }
  // A bundle edited after it was made: its files no longer give the hash it states.
  const tampered = JSON.parse(b2027);
  tampered.files['pack.toml'] = tampered.files['pack.toml'].replace('edition = "2027"', 'edition = "2028"');
  write('pack-tampered.json', JSON.stringify(tampered));
  write('not-a-pack.json', '{"hello": 1}');
  const base = new E.Scorer();
  const next = E.Scorer.fromBundle(b2027);
  expected.home = base.info();
  expected.next = next.info();
  // mito_after as the page saves it under 2026: its pack with the hash, and the levels it had.
  const mito = JSON.parse(readFileSync(`${ROOT}tests/cases/mito_after/assessment.json`, 'utf8'));
  mito.pack = { id: expected.home.id, edition: expected.home.edition, version: expected.home.version, hash: expected.home.hash };
  mito.answers.ts_cross_cutting = ['dementia'];
  const oldReport = base.score(mito);
  mito.scoredWith = E.summarize(oldReport);
  write('mito-2026.json', `${JSON.stringify(mito, null, 2)}\n`);
  // The same answers as if saved under an edition this PC has never seen (2025, another hash).
  const older = { ...mito, pack: { ...mito.pack, edition: '2025', hash: `sha256:${'0'.repeat(64)}` } };
  write('mito-2025.json', `${JSON.stringify(older, null, 2)}\n`);
  expected.saved = mito.scoredWith;
  const { assessment } = next.rebase(mito);
  expected.newReport = next.score(assessment);
  expected.changes = E.diffReports(mito.scoredWith, expected.newReport);
  expected.editionChanges = E.editionChanges(base, next);
  server = await serveSite();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh context and page; `url` relative to the site, or a file:// URL. */
async function open(url = '/index.html') {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = settling(await ctx.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url.startsWith('file:') ? url : `${server.origin}${url}`);
  await page.waitForSelector('body[data-ready="true"]');
  return { ctx, page, errors };
}

const packLine = (page) => page.evaluate(() => {
  const el = document.getElementById('pack-line');
  return { text: el.textContent, hash: el.dataset.hash, edition: el.dataset.edition, loaded: el.dataset.loaded };
});

/** Loads a bundle with the pack picker and waits until the pack line names it. */
async function loadPack(page, path, hash) {
  await page.setInputFiles('#pack-input', path);
  await page.waitForFunction((h) => document.getElementById('pack-line')?.dataset.hash === h && !document.getElementById('pack-busy'), hash, { timeout: 20_000 });
}

/** The draft as the page keeps it (localStorage). */
const storedDraft = (page) => page.evaluate(() => localStorage.getItem(`renkei:draft:${JSON.parse(localStorage.getItem('renkei:current'))}`));

test('the pack worker: a call past its deadline is stopped, named in Japanese and English, and the next call gets a fresh worker', async () => {
  const { ctx, page, errors } = await open();
  const r = await page.evaluate(async () => {
    const { createPackClient } = await import('./js/pack-client.js');
    const c = createPackClient({ deadlineMs: 5000 });
    const pack = await c.compile({ default: true });
    const empty = await c.empty(pack, 'core');
    const first = (await c.score(pack, empty)).overall.level;
    const t0 = performance.now();
    let err = null;
    try {
      await c.spin(60_000, { deadlineMs: 400 });
    } catch (e) {
      err = { name: e.name, code: e.code, message: e.message, messageJa: e.messageJa, ms: performance.now() - t0, running: c.running };
    }
    const again = (await c.score(pack, empty)).overall.level;
    let bad = null;
    try {
      await c.score(pack, { schemaVersion: 1, pack: { id: 'renkei-default' }, answers: { no_such_item: 1 } });
    } catch (e) {
      bad = { name: e.name, kind: e.kind, problems: e.problems.length, messageJa: e.messageJa };
    }
    c.terminate();
    return { first, err, again, bad };
  });
  assert.ok(r.err, 'the call past its deadline was rejected');
  assert.equal(r.err.name, 'PackWorkerError');
  assert.equal(r.err.code, 'deadline');
  assert.match(r.err.messageJa, /0\.4 秒以内に終わりませんでした（無限ループの可能性）/);
  assert.match(r.err.message, /did not finish .* within 0\.4 s/);
  assert.ok(r.err.ms < 1500, `rejected ${r.err.ms.toFixed(0)} ms after the call (deadline 400 ms)`);
  assert.equal(r.err.running, false, 'the worker was terminated');
  assert.equal(r.again, r.first, 'the next call works, in a fresh worker with the pack compiled again');
  assert.equal(r.bad.name, 'RenkeiError', "the engine's refusals keep their shape");
  assert.equal(r.bad.kind, 'answers');
  assert.ok(r.bad.problems >= 1 && r.bad.messageJa);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a loaded pack: the pack line and the report name it, "Save to file" records it and its levels, a reload keeps it, back to the built-in pack', async () => {
  const { ctx, page, errors } = await open();
  const home = await packLine(page);
  assert.equal(home.hash, expected.home.hash);
  assert.equal(home.loaded, 'false');
  await page.click('#start-core');
  await page.fill('#muni-name', '水戸市');
  await page.fill('#fiscal-year', '2026');
  await loadPack(page, files['pack-2027.json'], expected.next.hash);
  const line = await packLine(page);
  assert.equal(line.loaded, 'true');
  assert.equal(line.edition, '2027');
  assert.match(line.text, new RegExp(expected.next.title.ja.replace(/[()（）]/g, '.')));
  assert.match(line.text, /2027版/);
  assert.match(line.text, new RegExp(expected.next.hash.slice(7, 15)), 'the short hash');
  assert.match(await page.textContent('#messages'), /2027版・識別番号/);
  await page.screenshot({ path: `${OUT}editions-pack-line.png` });
  // The report's pack data (the footer and the printed report) is the loaded pack's.
  assert.equal(await page.textContent('#pack-hash'), expected.next.hash);
  assert.match(await page.textContent('#pack-ref'), /2027/);
  await page.waitForFunction(() => document.querySelector('#mini-summary')?.textContent.includes('/35'));
  assert.equal(await page.inputValue('#muni-name'), '水戸市', 'the draft kept what was typed');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const printed = await page.evaluate(() => document.getElementById('print').shadowRoot.textContent);
  assert.ok(printed.includes(expected.next.hash), 'the printed report names the hash');
  // The blank questionnaire of the loaded pack (same browser storage).
  const blank = await page.getAttribute('#print-blank', 'href');
  assert.match(blank, /packHash=sha256%3A/);
  const q = settling(await ctx.newPage());
  await q.goto(`${server.origin}/${blank}`);
  await q.waitForSelector('body[data-ready="true"]');
  assert.ok((await q.textContent('body')).includes(expected.next.hash), 'the blank questionnaire is of the loaded pack');
  await q.close();
  // An answer, scored in the worker.
  await page.locator('assessment-form').locator('input[type="radio"]').first().check();
  await page.waitForFunction(() => /回答 [1-9]/.test(document.querySelector('#mini-summary')?.textContent ?? ''));
  await page.screenshot({ path: `${OUT}editions-loaded.png` });
  // Save to file: the pack and the levels it was scored with.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
  const saved = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  assert.deepEqual(saved.pack, { id: expected.next.id, edition: '2027', version: expected.next.version, hash: expected.next.hash });
  assert.ok(saved.scoredWith, 'the file records scoredWith');
  assert.equal(saved.scoredWith.pack.hash, expected.next.hash);
  const again = E.Scorer.fromBundle(readFileSync(files['pack-2027.json'], 'utf8'));
  assert.deepEqual(saved.scoredWith, E.summarize(again.score(saved)), 'scoredWith is what the saved answers score, and the engine reads the file back');
  // A reload keeps the pack with the draft.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction((h) => document.getElementById('pack-line')?.dataset.hash === h, expected.next.hash);
  await page.waitForFunction(() => /回答 [1-9]/.test(document.querySelector('#mini-summary')?.textContent ?? ''));
  assert.equal(await page.inputValue('#muni-name'), '水戸市');
  // Back to the built-in pack: the answers stay.
  await page.click('#pack-home');
  await page.waitForFunction((h) => document.getElementById('pack-line')?.dataset.hash === h, expected.home.hash);
  assert.match(await page.textContent('#messages'), /標準のルールパックに戻しました/);
  assert.equal(await page.textContent('#pack-hash'), expected.home.hash);
  assert.match(await page.textContent('#mini-summary'), /回答 [1-9]/);
  const d = JSON.parse(await storedDraft(page));
  assert.equal(d.assessment.pack.hash, expected.home.hash);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal((await packLine(page)).hash, expected.home.hash, 'the reload keeps the built-in pack too');
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('renkei:pack:')));
  assert.deepEqual(kept, [], 'a pack no draft uses is not kept');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a file saved under 2026 opened under 2027: re-scored, the saved levels shown, the differences and the items each edition has alone', async () => {
  const { ctx, page, errors } = await open();
  await page.click('#start-full');
  await loadPack(page, files['pack-2027.json'], expected.next.hash);
  await page.setInputFiles('#open-input', files['mito-2026.json']);
  await page.waitForSelector('#edition-panel');
  await page.waitForFunction(() => !document.querySelector('#edition-changes .hint'));
  const panel = await page.evaluate(() => {
    const p = document.getElementById('edition-panel');
    return {
      text: p.textContent,
      intro: document.getElementById('edition-intro').textContent,
      savedOverall: p.querySelector('.ed-saved-overall')?.textContent,
      savedLine: document.getElementById('edition-saved-line')?.textContent ?? '',
      changedRows: [...p.querySelectorAll('tr.changed')].map((tr) => tr.dataset.dim),
      changes: [...p.querySelectorAll('#edition-changes li')].map((li) => ({ what: li.dataset.what, id: li.dataset.id, text: li.textContent })),
      added: [...p.querySelectorAll('#edition-added li')].map((li) => li.dataset.item),
      removed: [...p.querySelectorAll('#edition-removed li')].map((li) => li.dataset.item),
    };
  });
  assert.match(panel.intro, /mito-2026\.json/);
  assert.match(panel.intro, /2026版/);
  assert.match(panel.intro, /2027版/);
  const lv = expected.saved.overall.level;
  assert.ok(panel.savedOverall.startsWith(lv === null ? '—' : String(lv)), `the level saved with the file (${lv}) stays visible: ${panel.savedOverall}`);
  assert.match(panel.savedLine, new RegExp(`2026版.*総合レベル ${lv === null ? '—' : lv}`));
  assert.ok(expected.changes.some((c) => c.what === 'dimension' && c.id === 'D1'), 'the test edition changes D1 for these answers');
  assert.deepEqual(panel.changedRows, expected.changes.filter((c) => c.what === 'dimension').map((c) => c.id), 'the changed dimensions are marked in the saved table');
  assert.deepEqual(panel.changes.map((c) => `${c.what}:${c.id}`), expected.changes.map((c) => `${c.what}:${c.id ?? ''}`), 'every difference the engine finds, in its order');
  const d1 = panel.changes.find((c) => c.id === 'D1');
  const e1 = expected.changes.find((c) => c.id === 'D1');
  assert.ok(d1.text.includes(`${e1.old} → ${e1.new}`) || d1.text.includes(`${e1.old}（`), d1.text);
  assert.deepEqual(expected.editionChanges, { added: ['ts_cross_2027'], removed: ['ts_cross_cutting'] });
  assert.deepEqual(panel.added, expected.editionChanges.added);
  assert.deepEqual(panel.removed, expected.editionChanges.removed);
  await page.setViewportSize({ width: 1280, height: 2400 });
  await page.locator('#edition-panel').screenshot({ path: `${OUT}editions-rescored.png` });
  // The draft is on 2027 now; the answer to the removed item is kept in it (not scored).
  const d = JSON.parse(await storedDraft(page));
  assert.equal(d.assessment.pack.hash, expected.next.hash);
  assert.ok(d.edition?.saved, 'the saved levels are kept with the draft');
  // A reload shows the same panel.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#edition-panel #edition-changes li');
  assert.equal(await page.locator('#edition-changes li').count(), expected.changes.length);
  // Last year's file of the old edition, for the comparison: read as 2027 reads it.
  await page.setInputFiles('#prev-input', files['mito-2026.json']);
  await page.waitForFunction(() => !document.getElementById('compare').hidden);
  assert.match(await page.textContent('#messages'), /2026版で保存されたものです.*回答 1件は比較に使いません/);
  assert.equal(await page.textContent('#alerts'), '');
  assert.deepEqual(errors, []);
  await ctx.close();
});

/**
 * Loads the spinning pack and, while the worker runs it, clicks in the page (on the pack's title): the click's
 * handler runs within 200 ms of the click (performance.now against the event's time stamp),
 * and no task on the page's thread takes 200 ms or more. Returns the numbers.
 */
async function spinWhileClicking(page) {
  const before = await storedDraft(page);
  await page.evaluate(() => {
    window.__lag = [];
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    document.addEventListener('click', (e) => window.__lag.push(performance.now() - e.timeStamp), true);
  });
  await page.setInputFiles('#pack-input', files['pack-spin.json']);
  await page.waitForSelector('#pack-busy');
  // The pack's title: a click that changes nothing on the page, so that what is measured is the
  // page's thread being free, not the layout a click would cause.
  const box = await page.locator('#pack-title').boundingBox();
  const clicks = [];
  const t0 = Date.now();
  while (await page.locator('#pack-busy').count() && Date.now() - t0 < 10_000) {
    const c0 = Date.now();
    await page.mouse.click(box.x + 5, box.y + box.height / 2);
    clicks.push(Date.now() - c0);
    await page.waitForTimeout(50);
  }
  await page.waitForSelector('.alert-box');
  const alert = await page.textContent('.alert-box');
  const { lag, long } = await page.evaluate(() => ({ lag: window.__lag, long: window.__long }));
  return { before, after: await storedDraft(page), alert, lag, long, clicks, ms: Date.now() - t0 };
}

test('a pack that loops until the engine stops it: refused with what happened, the page answers clicks meanwhile, the draft untouched', async () => {
  const { ctx, page, errors } = await open();
  await page.click('#start-core');
  await page.fill('#muni-name', 'つくば市');
  await page.locator('assessment-form').locator('input[type="radio"]').first().check();
  const r = await spinWhileClicking(page);
  writeFileSync(`${OUT}editions-responsive.json`, `${JSON.stringify({ lag: r.lag, long: r.long, clicks: r.clicks, ms: r.ms }, null, 1)}\n`);
  assert.ok(r.lag.length >= 3, `clicks were made while the pack ran (${r.lag.length} in ${r.ms} ms)`);
  assert.ok(Math.max(...r.lag) < 200, `every click handled within 200 ms: ${r.lag.map((x) => x.toFixed(0)).join(', ')} ms`);
  assert.deepEqual(r.long.filter((d) => d >= 200), [], 'no task of 200 ms or more on the page\'s thread');
  assert.match(r.alert, /ルールパック「pack-spin\.json」は使えません/);
  assert.match(r.alert, /処理回数の上限.*無限ループの可能性/);
  assert.match(r.alert, /operation limit/);
  assert.match(r.alert, /いま入力中の下書きは変更していません/);
  assert.equal(r.after, r.before, 'the draft is untouched');
  assert.equal((await packLine(page)).hash, expected.home.hash, 'the draft stays on its pack');
  assert.equal(await page.inputValue('#muni-name'), 'つくば市');
  await page.screenshot({ path: `${OUT}editions-hostile.png` });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the single file (file://): load a pack, score with it in the worker, keep it across a reload, refuse the looping pack while clicks are answered', async () => {
  const { ctx, page, errors } = await open(`file://${ROOT}target/site/renkei.html`);
  await page.click('#start-core');
  await page.fill('#muni-name', '日立市');
  await loadPack(page, files['pack-2027.json'], expected.next.hash);
  assert.match((await packLine(page)).text, /2027版/);
  await page.locator('assessment-form').locator('input[type="radio"]').first().check();
  await page.waitForFunction(() => /回答 [1-9]/.test(document.querySelector('#mini-summary')?.textContent ?? ''));
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction((h) => document.getElementById('pack-line')?.dataset.hash === h, expected.next.hash);
  await page.waitForFunction(() => /回答 [1-9]/.test(document.querySelector('#mini-summary')?.textContent ?? ''));
  await page.screenshot({ path: `${OUT}editions-single-loaded.png` });
  const r = await spinWhileClicking(page);
  assert.ok(r.lag.length >= 3, `clicks were made while the pack ran (${r.lag.length} in ${r.ms} ms; ${r.alert})`);
  assert.ok(Math.max(...r.lag) < 200, `every click handled within 200 ms: ${r.lag.map((x) => x.toFixed(0)).join(', ')} ms`);
  assert.match(r.alert, /処理回数の上限.*無限ループの可能性/);
  assert.equal(r.after, r.before, 'the draft is untouched');
  assert.equal((await packLine(page)).hash, expected.next.hash, 'the draft keeps its pack');
  await page.screenshot({ path: `${OUT}editions-single-hostile.png` });
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no Content-Security-Policy violation');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a file of an edition not at hand: the answers the new edition does not read, and its items the file has no answer for; a pack dropped on the page is loaded', async () => {
  const { ctx, page, errors } = await open();
  await page.click('#start-full');
  // Drag and drop: the bundle dropped on the page.
  const text = readFileSync(files['pack-2027.json'], 'utf8');
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'pack-2027.json', { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction((h) => document.getElementById('pack-line')?.dataset.hash === h && !document.getElementById('pack-busy'), expected.next.hash, { timeout: 20_000 });
  await page.setInputFiles('#open-input', files['mito-2025.json']);
  await page.waitForSelector('#edition-panel');
  await page.waitForFunction(() => !document.querySelector('#edition-changes .hint'));
  const p = await page.evaluate(() => ({
    intro: document.getElementById('edition-intro').textContent,
    addedTitle: document.querySelector('#edition-added h4').textContent,
    added: [...document.querySelectorAll('#edition-added li')].map((li) => li.dataset.item),
    removed: [...document.querySelectorAll('#edition-removed li')].map((li) => li.dataset.item),
    changes: document.querySelectorAll('#edition-changes li').length,
  }));
  assert.match(p.intro, /2025版/);
  assert.match(p.addedTitle, /ファイルに回答がないもの/, 'said to be an estimate without the old pack');
  assert.deepEqual(p.removed, ['ts_cross_cutting'], 'the answer the new edition does not read');
  assert.ok(p.added.includes('ts_cross_2027'), 'the new item is among those without an answer');
  const mito = JSON.parse(readFileSync(files['mito-2025.json'], 'utf8'));
  assert.ok(p.added.every((id) => !(id in mito.answers)));
  assert.equal(p.changes, expected.changes.length, 'the differences against the saved levels');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('bad pack files are refused naming what is wrong (recursion, huge values, a changed bundle, not a bundle); the draft stays on its pack', async () => {
  const { ctx, page, errors } = await open();
  await page.click('#start-core');
  await page.fill('#muni-name', '土浦市');
  const before = await storedDraft(page);
  const cases = [
    ['pack-recursion_deep.json', /上限（32段）より深くなりました.*無限の再帰の可能性.*calls nested too deeply/],
    ['pack-string_doubling.json', /文字列・配列・マップが上限.*を超えました.*grew too large/],
    ['pack-tampered.json', /ハッシュ.*hash|hash.*ハッシュ/],
    ['not-a-pack.json', /renkei-pack-bundle\/1 形式の JSON）ではありません.*not a rule pack bundle/],
  ];
  for (const [name, re] of cases) {
    await page.evaluate(() => document.getElementById('alerts').replaceChildren());
    await page.setInputFiles('#pack-input', files[name]);
    await page.waitForSelector('.alert-box', { timeout: 20_000 });
    const text = await page.textContent('.alert-box');
    assert.match(text, new RegExp(`ルールパック「${name.replace('.', '\\.')}」は使えません`), text);
    assert.match(text, re, `${name}: ${text}`);
    assert.match(text, /いま入力中の下書きは変更していません/);
    assert.equal(await storedDraft(page), before, `${name}: the draft is untouched`);
    assert.equal((await packLine(page)).hash, expected.home.hash, `${name}: the draft stays on its pack`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});
