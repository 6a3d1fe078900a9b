// Issue 13 on the page: "no answer is ever lost" and "nothing leaves the PC", in real Chromium
// (Debian's, through playwright-core). A tab crash and a forced reload right after typing; a
// corrupt file leaves the stored draft byte-identical; a full storage quota is said in Japanese
// and English with the file download offered; two tabs on one draft lose neither tab's answers;
// and a whole session (fill, save, CSV, print, compare, blank questionnaire, a ?pack= pack, and pack editing in the editor)
// sends no request off the origin and leaves in storage only the keys store.js lists as its own.
// The page is driven only through what a user sees: top-level control ids, roles, visible text,
// and `document.getElementById('report').report`. Screenshots go to tests/output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { ROOT, OUT, CHROMIUM_ARGS, buildSite, serveSite, launch, defaultSetOf, nodeEngine, packFiles, settled, settling } from './page-helpers.mjs';

let server;
let browser;
let info;
let checklist;
let set;
/** Three choice items of the default set, by their question (Japanese), and a fourth for tab B. */
let items;
const shots = [];
const pageErrors = [];

async function shot(p, name) {
  const path = `${OUT}${name}.png`;
  await p.screenshot({ path });
  shots.push(path);
}

/** A context of its own (its own storage), recording every request and service worker. */
async function newContext(log = []) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'ja-JP' });
  ctx.on('request', (r) => log.push(r.url()));
  ctx.on('serviceworker', (w) => log.push(`serviceworker ${w.url()}`));
  return ctx;
}

async function open(ctx, query = '') {
  const p = settling(await ctx.newPage());
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.goto(`${server.origin}/${query}`);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  if (!draftKey) {
    const own = await ownStorage(p);
    draftKey = (id) => own.draftKey.replace('ID', id);
    CURRENT_KEY = own.currentKey;
  }
  return p;
}

const report = async (p) => {
  await settled(p);
  return p.evaluate(() => document.getElementById('report').report);
};
/** The page's own list of what it stores (www/js/store.js), read from the site it serves. */
const ownStorage = (p, keys = []) => p.evaluate(async (ks) => {
  const store = await import('/js/store.js');
  return { list: store.OWN_STORAGE, notOwn: ks.filter((k) => !store.ownsKey(k)), draftKey: store.draftKey('ID'), currentKey: store.CURRENT_KEY, cachesNotOwn: (await caches.keys()).filter((c) => !store.ownsCache(c)) };
}, keys);
let draftKey;
let CURRENT_KEY;
const stored = (p) => p.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
const storedDraft = async (p, id) => JSON.parse((await stored(p))[draftKey(id)] ?? 'null');
const currentId = async (p) => JSON.parse((await stored(p))[CURRENT_KEY] ?? 'null');
const question = (item) => item.question.ja ?? item.question;
/** The item's fieldset, found by its question as a user reads it. */
const group = (p, item) => p.getByRole('group', { name: question(item) });
/** Picks the k-th choice of an item. */
const choose = (p, item, k) => group(p, item).getByRole('radio').nth(k).check();
const chosen = async (p, item) => {
  const radios = group(p, item).getByRole('radio');
  const n = await radios.count();
  for (let k = 0; k < n; k++) if (await radios.nth(k).isChecked()) return k;
  return null;
};
const noteBox = (p, item) => group(p, item).getByRole('textbox', { name: /メモ（/, includeHidden: true });
async function typeNote(p, item, text) {
  const box = noteBox(p, item);
  if (!(await box.isVisible())) await group(p, item).getByText('メモ', { exact: true }).click();
  await box.click();
  await box.press('End');
  await p.keyboard.type(text);
}

/** A new draft: a name, the default set, one answer. */
async function startDraft(p, name) {
  await p.fill('#muni-name', name);
  await p.click(`#start-${set}`);
  await p.waitForSelector('#overall-level');
  await choose(p, items[0], 1);
}

/** The alert box's text once it says `re` (in either language). */
async function alertText(p, re) {
  await p.waitForFunction((src) => new RegExp(src).test(document.getElementById('alerts').textContent), re.source, { timeout: 10_000 });
  return p.textContent('#alerts');
}

/** True when the alert box is inside the viewport (seen where one is typing, not at the top of a scrolled page). */
const alertInView = (p) => p.evaluate(() => {
  const r = document.getElementById('alerts').getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
});

before(async () => {
  mkdirSync(OUT, { recursive: true });
  buildSite();
  const { Scorer } = await nodeEngine();
  const scorer = new Scorer();
  info = scorer.info();
  checklist = scorer.checklist();
  set = defaultSetOf(info);
  // Choice items asked whatever else is answered (no appliesWhen), each question unique.
  const qs = checklist.items.map(question);
  items = checklist.items.filter((i) => i.sets.includes(set) && ['yes_no', 'level', 'single'].includes(i.type) && !i.appliesWhen
    && qs.filter((q) => q.includes(question(i))).length === 1).slice(0, 5);
  assert.equal(items.length, 5, 'five choice items to answer');
  server = await serveSite();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  console.log(`# screenshots:\n${shots.map((s) => `#   ${s}`).join('\n')}`);
});

test('answers typed just before a tab crash, a forced reload or a closed tab are all back', { timeout: 300_000 }, async () => {
  const ctx = await newContext();
  let p = await open(ctx);
  await startDraft(p, '耐障害市');
  // Crash the renderer the moment the last key is typed: no blur, no unload, no timer runs.
  await choose(p, items[1], 0);
  await typeNote(p, items[1], '直前のメモ');
  const cdp = await ctx.newCDPSession(p);
  const crashed = p.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => {}); // answered never: the renderer is gone
  await crashed;
  await p.close().catch(() => {});
  p = await open(ctx);
  assert.equal(await p.inputValue('#muni-name'), '耐障害市');
  assert.equal(await chosen(p, items[0]), 1, 'the first answer is back after the crash');
  assert.equal(await chosen(p, items[1]), 0, 'the answer chosen just before the crash is back');
  assert.equal(await noteBox(p, items[1]).inputValue(), '直前のメモ', 'the note typed just before the crash is back');

  // A forced reload started by script the moment after typing.
  await choose(p, items[2], 0);
  await typeNote(p, items[2], 'リロード直前');
  await Promise.all([p.waitForEvent('load'), p.evaluate(() => location.reload())]);
  await p.waitForSelector('body[data-ready="true"]');
  assert.equal(await chosen(p, items[2]), 0, 'the answer chosen just before the reload is back');
  assert.equal(await noteBox(p, items[2]).inputValue(), 'リロード直前');

  // The tab closed without running beforeunload.
  await choose(p, items[3], 1);
  await typeNote(p, items[3], '閉じる直前');
  await p.close({ runBeforeUnload: false });
  p = await open(ctx);
  assert.equal(await chosen(p, items[3]), 1, 'the answer chosen just before closing is back');
  assert.equal(await noteBox(p, items[3]).inputValue(), '閉じる直前');
  for (const [k, n] of [[0, 1], [1, 0], [2, 0]]) assert.equal(await chosen(p, items[k]), n, `${items[k].id} still answered`);
  await shot(p, 'rel-01-after-crash-reload-close');
  await ctx.close();
});

test('an answer typed just before the whole browser is killed is back (its IndexedDB mirror)', { timeout: 300_000 }, async () => {
  // Chromium writes localStorage to disk about a second after a change; the page mirrors each
  // draft into IndexedDB committed with durability "strict". A profile on disk, the browser
  // process killed (SIGKILL: no shutdown, like a power cut) as soon as the mirror holds the note.
  const dir = mkdtempSync(`${tmpdir()}/renkei-profile-`);
  const launchProfile = () => chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  try {
    let ctx = await launchProfile();
    let p = settling(await ctx.newPage());
    await p.goto(`${server.origin}/`);
    await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await startDraft(p, '強制終了市');
    await typeNote(p, items[0], '終了直前のメモ');
    const id = await currentId(p);
    const [idbName] = (await ownStorage(p)).list.indexedDB;
    await p.waitForFunction(([name, key, text]) => new Promise((resolve) => {
      const req = indexedDB.open(name);
      req.onerror = () => resolve(false);
      req.onsuccess = () => {
        const db = req.result;
        const get = db.transaction(db.objectStoreNames[0]).objectStore(db.objectStoreNames[0]).get(key);
        get.onsuccess = () => { db.close(); resolve(String(get.result ?? '').includes(text)); };
        get.onerror = () => { db.close(); resolve(false); };
      };
    }), [idbName, id, '終了直前のメモ'], { polling: 10, timeout: 10_000 });
    // The browser's own process (not its helpers), found by this test's own profile folder.
    const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
      .filter((l) => l.includes(`--user-data-dir=${dir}`) && !l.includes('--type='));
    assert.equal(ps.length, 1, `one browser process for the profile (${ps.length})`);
    process.kill(Number(ps[0].trim().split(/\s+/)[0]), 'SIGKILL');
    await ctx.close().catch(() => {});
    ctx = await launchProfile();
    // What localStorage alone kept (the blank questionnaire does not touch storage), then the page.
    p = settling(await ctx.newPage());
    await p.goto(`${server.origin}/questionnaire.html`);
    const lsKept = await p.evaluate((k) => (localStorage.getItem(k) ?? '').includes('終了直前のメモ'), draftKey(id));
    console.log(`# browser killed right after typing: localStorage alone ${lsKept ? 'had' : 'had not'} kept the note; the mirror had`);
    await p.goto(`${server.origin}/`);
    await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    assert.equal(await p.inputValue('#muni-name'), '強制終了市');
    assert.equal(await chosen(p, items[0]), 1);
    assert.equal(await noteBox(p, items[0]).inputValue(), '終了直前のメモ', 'the note typed just before the kill is back');
    await ctx.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a corrupt or foreign file leaves the stored draft byte-identical', { timeout: 300_000 }, async () => {
  const ctx = await newContext();
  const p = await open(ctx);
  await startDraft(p, '破損ファイル町');
  await typeNote(p, items[0], 'ファイルを開く前');
  const before = await stored(p);
  const reportBefore = await report(p);
  const cases = [
    ['broken.json', '{ "schemaVersion": 1, "answers": { '],
    ['empty.json', ''],
    ['array.json', '[1, 2, 3]'],
    ['binary.json', Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x9f, 0x00, 0x7b])],
    ['other-pack.json', JSON.stringify({ schemaVersion: 1, pack: { id: 'okayama-2027' }, itemSet: set, answers: {} })],
    ['future.json', JSON.stringify({ schemaVersion: 99, pack: { id: info.id }, itemSet: set, answers: {} })],
    ['bad-answer.json', JSON.stringify({ schemaVersion: 1, pack: { id: info.id }, itemSet: set, answers: { [items[0].id]: 'maybe', nope: 1 } })],
  ];
  for (const [name, body] of cases) {
    await p.evaluate(() => document.getElementById('alerts').replaceChildren());
    const [chooser] = await Promise.all([p.waitForEvent('filechooser'), p.click('#open-file')]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(body) ? body : Buffer.from(body) });
    const msg = await alertText(p, /下書きは変更していません/);
    assert.match(msg, /has not been changed/, `${name}: said in English too`);
    assert.deepEqual(await stored(p), before, `${name}: every stored key is byte-identical`);
    assert.deepEqual(await report(p), reportBefore, `${name}: the screen's report is unchanged`);
  }
  assert.equal(await noteBox(p, items[0]).inputValue(), 'ファイルを開く前');
  await shot(p, 'rel-02-corrupt-file');
  await ctx.close();
});

test('a full storage quota is said in Japanese and English, the file is offered and the answer stays', { timeout: 300_000 }, async () => {
  const ctx = await newContext();
  const p = await open(ctx);
  await startDraft(p, '容量不足村');
  await typeNote(p, items[0], '満杯の前');
  // Fill localStorage up to the quota with keys of the test's own.
  const filled = await p.evaluate(() => {
    let n = 0;
    let bytes = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      const s = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`test-fill:${n}`, s);
          n += 1;
          bytes += size;
        } catch {
          break;
        }
      }
    }
    return { n, bytes };
  });
  assert.ok(filled.bytes > 1e6, `storage filled (${filled.bytes} characters in ${filled.n} keys)`);
  await choose(p, items[1], 1);
  await typeNote(p, items[1], '満杯のときのメモ');
  const msg = await alertText(p, /保存できませんでした/);
  assert.match(msg, /Could not save in the browser/, 'said in English too');
  assert.match(msg, /QuotaExceededError/);
  assert.match(msg, /保存領域がいっぱい/, 'the full storage is named');
  assert.match(msg, /storage is full/);
  assert.ok(await alertInView(p), 'the alert is in view where the answer was typed');
  await shot(p, 'rel-03-quota-full');
  assert.equal(await noteBox(p, items[1]).inputValue(), '満杯のときのメモ', 'the answer is still on the screen');
  assert.equal(await chosen(p, items[1]), 1);
  // The alert offers the file; the file holds what could not be stored.
  const offer = p.locator('#alerts').getByRole('button', { name: /ファイルに保存/ });
  assert.equal(await offer.count(), 1, 'the alert offers to save to a file');
  const [dl] = await Promise.all([p.waitForEvent('download'), offer.click()]);
  const file = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  assert.equal(file.municipality.name, '容量不足村');
  assert.equal(file.answers[items[1].id]?.note, '満杯のときのメモ', 'the downloaded file has the answer the browser could not keep');
  assert.equal(file.answers[items[0].id]?.note, '満杯の前');
  // Room again: the next change is stored, and a reload brings everything back.
  await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('test-fill:')).forEach((k) => localStorage.removeItem(k)));
  await typeNote(p, items[1], '。');
  await p.waitForFunction(() => !/保存できませんでした/.test(document.getElementById('alerts').textContent));
  await p.reload();
  await p.waitForSelector('body[data-ready="true"]');
  assert.equal(await noteBox(p, items[1]).inputValue(), '満杯のときのメモ。');
  assert.equal(await chosen(p, items[1]), 1);
  await ctx.close();
});

test('two tabs on one draft: the second writer is told, and neither tab\'s answers are lost', { timeout: 300_000 }, async () => {
  const ctx = await newContext();
  const a = await open(ctx);
  await startDraft(a, '二窓市');
  const b = await open(ctx);
  const id = await currentId(a);
  assert.equal(await chosen(b, items[0]), 1, 'tab B opened the same draft');
  // A answers; B is told at once that another tab changed its draft.
  await choose(a, items[1], 0);
  const warned = await alertText(b, /別のタブ/);
  assert.match(warned, /another tab/);
  // B answers without reloading: it must not overwrite A's answer.
  await choose(b, items[2], 1);
  const told = await alertText(b, /別の下書き/);
  assert.match(told, /separate draft/, 'said in English too');
  assert.ok(await alertInView(b), 'the notice is in view where tab B typed');
  await shot(b, 'rel-04-second-tab-told');
  const original = await storedDraft(a, id);
  assert.ok(original.assessment.answers[items[1].id] !== undefined, 'tab A\'s answer is in the draft');
  assert.equal(original.assessment.answers[items[2].id], undefined, 'tab B did not overwrite the draft');
  const copyId = await currentId(b);
  assert.notEqual(copyId, id, 'tab B now works on a copy of its own');
  const copy = await storedDraft(b, copyId);
  assert.ok(copy.assessment.answers[items[2].id] !== undefined, 'tab B\'s answer is stored in its copy');
  assert.ok(copy.assessment.answers[items[0].id] !== undefined, 'with the answers it had before');
  assert.equal(await chosen(b, items[2]), 1, 'and is still on B\'s screen');
  // A goes on typing into its draft: no conflict for it.
  await choose(a, items[3], 1);
  assert.ok((await storedDraft(a, id)).assessment.answers[items[3].id] !== undefined);
  // B can open the other tab's draft from the notice: A's answers, not B's.
  await b.locator('#alerts').getByRole('button', { name: /別のタブの下書きを開く/ }).click();
  await b.waitForFunction((n) => document.getElementById('report').report && document.getElementById('draft-select').value === n, id);
  assert.equal(await chosen(b, items[1]), 0);
  assert.equal(await chosen(b, items[3]), 1);
  assert.equal(await chosen(b, items[2]), null);
  // Both drafts are in the list, in either tab.
  const options = await a.$$eval('#draft-select option', (os) => os.map((o) => o.value));
  await a.reload();
  await a.waitForSelector('body[data-ready="true"]');
  const after = await a.$$eval('#draft-select option', (os) => os.map((o) => o.value));
  for (const x of [id, copyId]) assert.ok(after.includes(x), `${x} is listed (${options.join()} → ${after.join()})`);
  await ctx.close();
});

test('a whole session (fill, save, compare, print, a pack, pack editing) sends nothing off the origin and leaves only the page\'s own storage', { timeout: 300_000 }, async () => {
  const requests = [];
  const sockets = [];
  const ctx = await newContext(requests);
  const PACK_URL = '/__test__/packs/three-scenes.json';
  await ctx.route(`**${PACK_URL}`, (route) => route.fulfill({ body: JSON.stringify(packFiles(`${ROOT}tests/web/packs/three-scenes`)), contentType: 'application/json' }));
  const p = await open(ctx);
  p.on('websocket', (w) => sockets.push(w.url()));
  // Fill.
  await startDraft(p, 'プライバシー市');
  await p.fill('#muni-pref', 'テスト県');
  await p.fill('#fiscal-year', '2025');
  for (const [k, item] of items.entries()) await choose(p, item, k % 2);
  await typeNote(p, items[0], '根拠資料あり');
  // Save, CSV.
  const [json] = await Promise.all([p.waitForEvent('download'), p.click('#save-file')]);
  const savedPath = `${OUT}rel-saved.json`;
  await json.saveAs(savedPath);
  await Promise.all([p.waitForEvent('download'), p.click('#export-csv')]);
  // Compare with last year's file (the same file as last year: no change, but it is loaded).
  const [chooser] = await Promise.all([p.waitForEvent('filechooser'), p.click('#compare-prev')]);
  await chooser.setFiles(`${ROOT}tests/cases/mito_before/assessment.json`);
  await p.waitForSelector('year-compare:not([hidden])');
  // Open a file (a new draft), a sample.
  const [chooser2] = await Promise.all([p.waitForEvent('filechooser'), p.click('#open-file')]);
  await chooser2.setFiles(`${ROOT}tests/cases/mito_after/assessment.json`);
  await p.waitForFunction(() => document.getElementById('report').report?.assessment.municipality === '水戸市');
  if (await p.locator('#sample-select').count()) {
    await p.selectOption('#sample-select', { index: 1 });
    await p.click('#sample-open');
  }
  // Print: the print view (beforeprint) and a PDF; the blank questionnaire from its link.
  await p.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await p.emulateMedia({ media: 'print' });
  await p.pdf({ path: `${OUT}rel-print.pdf` });
  await p.emulateMedia({ media: 'screen' });
  const [q] = await Promise.all([ctx.waitForEvent('page'), p.click('#print-blank')]);
  await q.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await q.pdf({ path: `${OUT}rel-blank.pdf` });
  // English, and back.
  await p.click('#lang-btn');
  await p.click('#lang-btn');
  // A pack given by ?pack= (same origin), answered too.
  const pp = await open(ctx, `?pack=${encodeURIComponent(PACK_URL)}`);
  assert.match(await pp.textContent('#pack-ref'), /test-three-scenes/);
  await pp.fill('#muni-name', 'パック町');
  await pp.getByRole('radio').first().check();
  await shot(pp, 'rel-05-pack-session');

  // Pack editing: the editor opens the standard pack, a weight is changed in the table, the
  // pack's tests run in the worker, and the bundle is published (a download made in the page).
  const ed = settling(await ctx.newPage());
  await ed.goto(`${server.origin}/editor.html`);
  await ed.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await ed.waitForFunction(() => /件成功/.test(document.getElementById('tests-summary')?.textContent ?? ''), null, { timeout: 60_000 });
  const weight = ed.getByLabel('ts_resident_subject の配点');
  await weight.fill('2');
  await weight.press('Enter');
  await ed.fill('#edition', '2027');
  await ed.fill('#changelog', 'プライバシー確認');
  await ed.waitForFunction(() => !document.getElementById('publish-bundle')?.disabled, null, { timeout: 60_000 });
  await Promise.all([ed.waitForEvent('download'), ed.click('#publish-bundle')]);
  await shot(ed, 'rel-06-editor-session');

  const url = (u) => u.replace(/^serviceworker /, ''); // the page's own service worker, logged as such
  const off = requests.map(url).filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith(`blob:${server.origin}/`) && !u.startsWith('data:'));
  writeFileSync(`${OUT}rel-requests.txt`, `${requests.join('\n')}\n`);
  assert.deepEqual(off, [], 'every request goes to the page\'s own origin (the service worker\'s too)');
  assert.deepEqual(sockets, [], 'no WebSocket');
  assert.deepEqual(ctx.serviceWorkers().map((w) => w.url()).filter((u) => u !== `${server.origin}/sw.js`), [], 'no service worker but the page\'s own sw.js');

  // What the session left in storage: only what store.js lists as the page's own.
  const left = await p.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    idb: (await indexedDB.databases()).map((d) => d.name),
    caches: 'caches' in self ? await caches.keys() : [],
    cookie: document.cookie,
    workers: 'serviceWorker' in navigator ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }));
  const cookies = await ctx.cookies();
  writeFileSync(`${OUT}rel-storage.json`, `${JSON.stringify({ ...left, cookies }, null, 2)}\n`);
  assert.ok(left.local.length >= 4, `the page stored its drafts (${left.local.join(', ')})`);
  const OWN = await ownStorage(p, left.local);
  const OWN_STORAGE = OWN.list;
  assert.deepEqual(OWN.notOwn, [], 'every localStorage key is one store.js owns');
  assert.deepEqual(left.session, OWN_STORAGE.sessionStorage, 'sessionStorage');
  assert.deepEqual(left.idb, OWN_STORAGE.indexedDB, 'IndexedDB databases');
  assert.deepEqual(OWN.cachesNotOwn, [], `Cache Storage holds only the service worker's copy of the site (${left.caches.join(', ')})`);
  assert.equal(left.cookie, '', 'no cookie');
  assert.deepEqual(cookies, OWN_STORAGE.cookies, 'no cookie in the browser context');
  assert.ok(left.workers <= 1, 'at most the page\'s own service worker registered');
  // And the list itself: the keys the page owns, as documented.
  assert.deepEqual(OWN_STORAGE.localStorage, ['renkei:drafts', 'renkei:draft:<id>', 'renkei:current', 'renkei:lang', 'renkei:pack:<hex>', 'renkei-editor/v1']);
  assert.ok(left.local.includes('renkei-editor/v1'), 'the editor kept its draft (and it is listed as the page\'s own)');
  const yes = ['renkei:drafts', 'renkei:current', 'renkei:lang', 'renkei:draft:dabc123', `renkei:pack:${'0a'.repeat(32)}`, 'renkei-editor/v1'];
  const no = ['renkei:draft:', 'renkei:x', 'test-fill:0', 'renkei:draft:a:b', 'renkei:drafts2', 'renkei:pack:', `renkei:pack:${'0A'.repeat(32)}`, 'renkei:pack:abc'];
  assert.deepEqual((await ownStorage(p, [...yes, ...no])).notOwn, no, 'ownsKey knows the page\'s keys and no other');
  assert.deepEqual(pageErrors, []);
  await ctx.close();
});
