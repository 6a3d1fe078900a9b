//! The editor page: opens a pack, keeps its files (and a copy of the pack it started from) as a
//! draft in this browser, and wires the views — table, code, problems, tests, preview,
//! publish — to the files. Every change of a file schedules one check (300 ms after the last
//! keystroke); the check's result drives the markers, the test list, the preview and whether
//! publishing is allowed.
import { h, replace } from '../dom.js';
import { setLang, getLang, tx } from '../i18n.js';
import { et, eboth } from './strings.js';
import { savedLang, saveLang } from '../store.js';
import * as engine from './engine.js';
import { createCodeView } from './code-view.js';
import { createTableView } from './table-view.js';
import { renderTests } from './tests-view.js';
import { createPreview } from './preview.js';
import { defaultPack, bundlePackOf, folderPack, manifestPaths } from './pack-source.js';
import { appendToArray, tomlData } from './toml-edit.js';
import { nextEdition, publishedFiles, bundleText, download, singleTemplate, singleWithPack } from './publish.js';

const $ = (id) => document.getElementById(id);
const DRAFT_KEY = 'renkei-editor/v1';

const state = {
  name: '',
  files: {},        // path → text: the pack as edited
  base: {},         // path → text: the pack the editing started from
  paths: [],        // the manifest's files, in its order (the last list that parsed)
  check: null,      // the last check: { problems, info, checklist, tests }
  checking: false,
  view: 'table',
  lastPublished: null,
};

// --- messages ------------------------------------------------------------------------------
function say(msg, isError = false) {
  const box = isError ? $('alerts') : $('messages');
  replace(box, h('p', { class: isError ? 'error' : 'note', text: msg }));
  if (!isError) replace($('alerts'));
}

// --- the draft in this browser ------------------------------------------------------------
let saveTimer = 0;
function saveDraft() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ name: state.name, files: state.files, base: state.base, savedAt: new Date().toISOString() }));
    } catch (e) {
      say(eboth('saveFailed', { e: e.message }), true);
    }
  }, 300);
}
function loadDraft() {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null');
    return d && d.files && d.base && d.files['pack.toml'] !== undefined ? d : null;
  } catch {
    return null;
  }
}
const dirty = () => JSON.stringify(state.files) !== JSON.stringify(state.base);

// --- files ---------------------------------------------------------------------------------
function refreshPaths() {
  const named = manifestPaths(state.files['pack.toml'] ?? '');
  if (named) state.paths = ['pack.toml', ...named];
  const extra = Object.keys(state.files).filter((p) => !state.paths.includes(p)).sort();
  return [...state.paths, ...extra];
}
const itemFiles = () => state.paths.filter((p) => p.startsWith('items/') || (p.endsWith('.toml') && p !== 'pack.toml' && !p.startsWith('tests/')));

/** Writes one file (from the table, the code view, a new test case or publishing). */
function write(path, text, { from = null } = {}) {
  if (state.files[path] === text) return;
  state.files[path] = text;
  if (from !== 'code') code.setText(path, text);
  if (from !== 'table' && itemFiles().includes(path)) {
    if (state.view === 'table') table.render();
    else tableStale = true;
  }
  if (path === 'pack.toml' || !(path in state.base)) renderFileList();
  saveDraft();
  renderPackLine();
  schedule();
}

// --- the check -----------------------------------------------------------------------------
let timer = 0;
let token = 0;
function schedule() {
  clearTimeout(timer);
  state.checking = true;
  document.body.dataset.checking = 'true';
  replace($('problems-summary'), et('checking'));
  updatePublish();
  timer = setTimeout(runCheck, 300);
}
async function runCheck() {
  const mine = ++token;
  const files = { ...state.files };
  const res = await engine.check(files);
  if (mine !== token) return;
  state.check = { ...res, tests: undefined };
  code.showProblems(res.problems);
  renderProblems();
  renderFileList();
  renderPackLine();
  // The markers first; the pack's test cases (a few hundred ms) once they are on screen.
  await new Promise((r) => setTimeout(r, 0));
  if (mine !== token) return;
  state.check.tests = res.problems.length ? null : await engine.runTests();
  if (mine !== token) return;
  state.checking = false;
  renderTests($('tests-out'), state.check.tests, { openFile: (f) => openInCode(f) });
  updatePublish();
  await preview.refresh();
  if (mine === token) document.body.dataset.checking = 'false';
}

function renderProblems() {
  const ps = state.check?.problems ?? [];
  replace($('problems-summary'), ps.length ? et('nProblems', { n: ps.length }) : et('noProblems'));
  $('problems-summary').className = ps.length ? 'bad' : 'good';
  replace($('problems-list'), ps.map((p) => {
    const where = `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`;
    return h('li', { dataset: { file: p.file, line: p.line ?? '' } },
      h('button', { type: 'button', class: 'btn subtle small problem-at', text: where, on: { click: () => openInCode(p.file, { line: p.line, column: p.column }) } }),
      h('span', { class: 'code', text: ` [${p.code}] ` }),
      h('span', { lang: 'ja', text: p.messageJa }), h('br'), h('span', { lang: 'en', class: 'muted', text: p.message }));
  }));
}

// --- views ---------------------------------------------------------------------------------
let tableStale = false;
function setView(v, { autoOpen = true } = {}) {
  state.view = v;
  if (v === 'table' && tableStale) {
    tableStale = false;
    table.render();
  }
  $('table-view').hidden = v !== 'table';
  $('code-pane').hidden = v !== 'code';
  $('tab-table').setAttribute('aria-pressed', String(v === 'table'));
  $('tab-code').setAttribute('aria-pressed', String(v === 'code'));
  if (v === 'code' && autoOpen && !code.path()) openInCode('pack.toml');
}
function openInCode(path, at) {
  if (!(path in state.files)) return;
  setView('code', { autoOpen: false });
  $('file-pick').value = path;
  code.open(path, state.files[path], at);
}
function renderFileList() {
  const counts = {};
  for (const p of state.check?.problems ?? []) counts[p.file] = (counts[p.file] ?? 0) + 1;
  const sel = $('file-pick');
  const cur = code.path() ?? sel.value;
  replace(sel, refreshPaths().filter((p) => p in state.files).map((p) => h('option', { value: p, selected: p === cur, text: counts[p] ? `${p}（${et('nProblems', { n: counts[p] })}）` : p })));
}
function renderPackLine() {
  const info = state.check?.info;
  let m = {};
  try { m = tomlData(state.files['pack.toml'] ?? ''); } catch { /* shown from the last check */ }
  const title = info ? tx(info.title) : tx(m.title) || state.name;
  replace($('pack-line'), et('packLine', { title, edition: m.edition ?? info?.edition ?? '?', hash: info ? info.hash.slice(7, 19) : '—' }), dirty() ? ` ${et('editedMark')}` : '');
}

// --- test cases from the preview -------------------------------------------------------------
function saveTest(name, testCase) {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  let n = 1;
  while (`tests/editor_${day}_${n}.json` in state.files) n++;
  const path = `tests/editor_${day}_${n}.json`;
  write(path, `${JSON.stringify(testCase, null, 2)}\n`);
  write('pack.toml', appendToArray(state.files['pack.toml'], [], 'tests', path));
  say(et('testSaved', { file: path }));
}

// --- publishing ----------------------------------------------------------------------------
function blockReason({ reuse }) {
  if (state.checking || !state.check) return et('blockedChecking');
  const ps = state.check.problems.length;
  if (ps) return et('blockedProblems', { n: ps });
  const failing = (state.check.tests ?? []).filter((t) => !t.passed).length;
  if (failing) return et('blockedTests', { n: failing });
  if (reuse) return null;
  if (!$('edition').value.trim() || $('edition').value.trim() === state.check.info.edition) return et('blockedEdition');
  if (!$('changelog').value.trim()) return et('blockedChangelog');
  return null;
}
const reusable = () => state.lastPublished && state.lastPublished.files === JSON.stringify(state.files);
function updatePublish() {
  const bundleWhy = blockReason({ reuse: false });
  const singleWhy = blockReason({ reuse: reusable() });
  $('publish-bundle').disabled = Boolean(bundleWhy);
  $('publish-single').disabled = Boolean(singleWhy);
  replace($('publish-reason'), bundleWhy && singleWhy ? bundleWhy : bundleWhy ? `${bundleWhy} ${et('singleReuses')}` : et('ready'));
  $('publish-reason').className = bundleWhy ? 'bad' : 'good';
}
async function doPublish() {
  if (reusable()) return state.lastPublished;
  const edition = $('edition').value.trim();
  const files = publishedFiles(state.files, { edition, changelog: $('changelog').value });
  const text = await bundleText(files);
  for (const [p, t] of Object.entries(files)) write(p, t);
  const b = JSON.parse(text);
  state.lastPublished = { files: JSON.stringify(state.files), text, id: b.id, edition: b.edition, hash: b.hash };
  $('changelog').value = '';
  $('edition').value = nextEdition(edition);
  return state.lastPublished;
}
async function publishBundle() {
  try {
    const p = await doPublish();
    const file = `${p.id}-${p.edition}.bundle.json`;
    download(file, p.text);
    say(et('published', { file, edition: p.edition, hash: p.hash.slice(7, 19) }));
  } catch (e) {
    say(`${eboth('openFailed')}: ${engine.errorText(e).messageJa}`, true);
  } finally {
    updatePublish();
  }
}
async function publishSingle() {
  try {
    const p = await doPublish();
    const html = singleWithPack(await singleTemplate(), p.text);
    const file = `renkei-${p.id}-${p.edition}.html`;
    download(file, html, 'text/html');
    say(et('published', { file, edition: p.edition, hash: p.hash.slice(7, 19) }));
  } catch (e) {
    say(`${eboth('templateMissing')}: ${e.message}`, true);
  } finally {
    updatePublish();
  }
}

// --- opening a pack ------------------------------------------------------------------------
async function openPack(getPack) {
  if (dirty() && !window.confirm(et('replaceConfirm'))) return;
  try {
    const p = await getPack();
    await start(p.name, p.files, { ...p.files });
    say(et('opened', { name: p.name }));
  } catch (e) {
    const err = engine.errorText(e);
    say(`${eboth('openFailed')}: ${err.messageJa} / ${err.message}`, true);
  }
}
async function start(name, files, base) {
  state.name = name;
  state.files = files;
  state.base = base;
  state.check = null;
  state.lastPublished = null;
  refreshPaths();
  try {
    await engine.setBase(base);
  } catch (e) {
    say(`${eboth('openFailed')}: ${engine.errorText(e).messageJa}`, true);
  }
  code.forget();
  renderFileList();
  table.render();
  if (state.view === 'code') openInCode('pack.toml');
  let edition = '';
  try { edition = tomlData(files['pack.toml']).edition ?? ''; } catch { /* left empty */ }
  $('edition').value = nextEdition(edition);
  saveDraft();
  renderPackLine();
  schedule();
}

// --- language ------------------------------------------------------------------------------
function applyLang() {
  document.title = `renkei — ${et('title')}`;
  for (const el of document.querySelectorAll('[data-s]')) el.textContent = et(el.dataset.s);
  $('lang-btn').textContent = et('lang');
  $('lang-btn').setAttribute('aria-label', et('langLabel'));
}

// --- boot ----------------------------------------------------------------------------------
const code = createCodeView($('code-view'), { onChange: (path, text) => write(path, text, { from: 'code' }), label: (p) => `${et('codeFile')}: ${p}` });
const table = createTableView($('table-view'), {
  files: () => state.files, itemFiles, write: (p, t) => write(p, t, { from: 'table' }), say,
  sets: () => {
    try { return (tomlData(state.files['pack.toml']).set ?? [{ id: 'full', title: { ja: '全項目' } }]); } catch { return state.check?.info?.sets ?? []; }
  },
  showInCode: (p, line) => openInCode(p, { line }),
});
const preview = createPreview($('preview'), { say, saveTest, canScore: () => Boolean(state.check && !state.check.problems.length) });

async function boot() {
  setLang(savedLang());   // the language is shared with the self-check page
  applyLang();
  $('lang-btn').addEventListener('click', () => {
    setLang(getLang() === 'ja' ? 'en' : 'ja');
    saveLang(getLang());
    applyLang();
    table.render();
    renderProblems();
    renderTests($('tests-out'), state.check?.tests ?? null, { openFile: (f) => openInCode(f) });
    updatePublish();
    preview.refresh();
  });
  if (document.getElementById('renkei-wasm')) $('to-self-check').hidden = true;
  $('tab-table').addEventListener('click', () => setView('table'));
  $('tab-code').addEventListener('click', () => setView('code'));
  $('file-pick').addEventListener('change', (e) => openInCode(e.target.value));
  $('open-default').addEventListener('click', () => openPack(defaultPack));
  $('open-bundle').addEventListener('click', () => $('bundle-input').click());
  $('bundle-input').addEventListener('change', (e) => { const f = e.target.files[0]; e.target.value = ''; if (f) openPack(() => bundlePackOf(f)); });
  $('open-folder').addEventListener('click', () => $('folder-input').click());
  $('folder-input').addEventListener('change', (e) => { const fl = [...e.target.files]; e.target.value = ''; if (fl.length) openPack(() => folderPack(fl)); });
  document.addEventListener('dragover', (e) => { e.preventDefault(); document.body.classList.add('dropping'); });
  document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dropping');
    const f = e.dataTransfer?.files?.[0];
    if (f) openPack(() => bundlePackOf(f));
  });
  $('edition').addEventListener('input', updatePublish);
  $('changelog').addEventListener('input', updatePublish);
  $('publish-bundle').addEventListener('click', publishBundle);
  $('publish-single').addEventListener('click', publishSingle);
  window.addEventListener('beforeunload', () => { clearTimeout(saveTimer); try { localStorage.setItem(DRAFT_KEY, JSON.stringify({ name: state.name, files: state.files, base: state.base, savedAt: new Date().toISOString() })); } catch { /* said when it failed before */ } });
  try {
    await engine.ready();
    const d = loadDraft();
    if (d) {
      await start(d.name, d.files, d.base);
      say(et('restored', { t: new Date(d.savedAt).toLocaleString(getLang() === 'en' ? 'en-GB' : 'ja-JP') }));
    } else {
      const p = await defaultPack();
      await start(p.name, p.files, { ...p.files });
    }
    $('loading').hidden = true;
    $('workspace').hidden = false;
    setView('table');
    document.body.dataset.ready = 'true';
  } catch (e) {
    $('loading').hidden = true;
    say(`${eboth('openFailed')}: ${engine.errorText(e).messageJa} / ${engine.errorText(e).message}`, true);
  }
}
boot();
