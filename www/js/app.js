//! The self-assessment page: drafts (municipality × fiscal year, saved in the browser on every
//! change), the form, live results, files in and out, last year's comparison and printing.
import { loadEngine, isRenkeiError, problemLines } from './engine.js';
import { h, replace } from './dom.js';
import { t, tx, both, setLang, getLang, fiscalYearText, fmt1 } from './i18n.js';
import * as store from './store.js';
import { readAssessment, assessmentOf, scoreDraft, problemMessages, fileName, download, csvOf } from './files.js';
import { defaultSet, setOrDefault } from './pack-words.js';
import { overallLevelText, answeredCount } from './result-text.js';
import { sampleList, sampleText, isSingleFile } from './resources.js';
import { loadChart } from './radar-chart.js';
import { AssessmentForm } from './assessment-form.js';
import { ScoreReport } from './score-report.js';
import { YearCompare } from './year-compare.js';
import { PrintReport } from './print-report.js';

AssessmentForm.define();
ScoreReport.define();
YearCompare.define();
PrintReport.define();

const $ = (id) => document.getElementById(id);

/** Page state: the engine, the open draft, its last report and last year's report. */
const S = { engine: null, draft: null, report: null, prevReport: null, samples: [], problems: new Map() };

// --- messages ------------------------------------------------------------------------------

/** A short status line (polite). */
function say(text) {
  replace($('messages'), text ? h('p', { text }) : null);
  replace($('alerts'));
}

/** A problem the user must read: a title and lines, both in Japanese and English. */
function alertBox(title, lines = []) {
  replace($('messages'));
  replace($('alerts'), h('div', { class: 'alert-box' },
    h('p', { class: 'alert-title', text: title }),
    lines.length ? h('ul', {}, lines.map((l) => h('li', { text: l }))) : null,
    h('button', { type: 'button', class: 'btn small', on: { click: () => replace($('alerts')) } }, t('close'))));
}

/** Asks for confirmation in a modal dialog; resolves true for yes. */
function confirmDialog(title, body, yes) {
  const dlg = $('confirm');
  $('confirm-h').textContent = title;
  $('confirm-p').textContent = body;
  $('confirm-yes').textContent = yes;
  $('confirm-no').textContent = t('cancel');
  return new Promise((resolve) => {
    const done = (v) => () => {
      $('confirm-yes').onclick = null;
      $('confirm-no').onclick = null;
      dlg.close();
      resolve(v);
    };
    $('confirm-yes').onclick = done(true);
    $('confirm-no').onclick = done(false);
    dlg.oncancel = () => resolve(false);
    dlg.showModal();
    $('confirm-no').focus();
  });
}

// --- saving --------------------------------------------------------------------------------

let savedTimer = 0;
function persist() {
  try {
    store.saveDraft(S.draft);
    const el = $('saved');
    if (el) {
      el.textContent = t('savedAt', { t: new Date().toLocaleTimeString(getLang() === 'en' ? 'en-GB' : 'ja-JP') });
      clearTimeout(savedTimer);
    }
  } catch (e) {
    alertBox(t('saveFailed', { e: e.name || e.message }));
  }
  renderDraftList();
}

// --- scoring -------------------------------------------------------------------------------

function scorePrevious() {
  S.prevReport = null;
  const p = S.draft.previous;
  if (!p) return;
  try {
    S.prevReport = S.engine.score(p.assessment).report;
  } catch {
    S.draft.previous = null;
  }
}

/** Scores the draft and updates everything that shows the result. */
function rescore() {
  const { engine, draft } = S;
  if (!draft.assessment.itemSet) return;
  const t0 = performance.now();
  let scored;
  try {
    scored = scoreDraft(draft, engine);
  } catch (e) {
    const msg = isRenkeiError(e) ? `${e.messageJa} ${problemLines(e).join(' / ')}` : String(e);
    $('report').showError(t('scoreError', { msg }));
    return;
  }
  const { out, file } = scored;
  S.problems = new Map(scored.problems.map((p) => [p.item, p]));
  $('form').setProblems(S.problems);
  showFyProblem();
  S.report = out.report;
  const report = out.report;
  const previous = S.prevReport ? { name: draft.previous.name, assessment: draft.previous.assessment, report: S.prevReport } : null;
  const shown = (id) => $('form').isShown(id);
  $('report').update({ info: engine.info, checklist: engine.checklist, report, ms: out.ms, previous: S.prevReport, problems: S.problems, shown });
  $('form').setProgress(report);
  $('compare').update({ engine, current: { assessment: file, report }, previous });
  S.printDirty = true;
  schedulePrint();
  const o = report.overall;
  const text = overallLevelText(o, report);
  if (S.lastLevel !== undefined && S.lastLevel !== text) $('level-live').textContent = t('levelNow', { text });
  S.lastLevel = text;
  replace($('mini-summary'),
    h('span', {}, `${t('overallLevel')} `, h('strong', { text })),
    h('span', {}, `${t('score')} ${fmt1(o.score)}`),
    h('span', {}, `${t('answered')} ${answeredCount(report)}/${report.assessment.asked}`));
  $('report').totals.push(performance.now() - t0);
}

// --- the printed report (not visible on screen: rendered a moment after the last change, and
// at once before printing; the chart's PNG costs several ms, so it is not made on every change)

let printTimer = 0;
function schedulePrint() {
  clearTimeout(printTimer);
  printTimer = setTimeout(flushPrint, 300);
}

function flushPrint() {
  clearTimeout(printTimer);
  const { engine, draft, report } = S;
  if (!report || !draft.assessment.itemSet) return;
  if (S.printDirty) {
    const previous = S.prevReport ? { name: draft.previous.name, assessment: draft.previous.assessment, report: S.prevReport } : null;
    $('print').update({ engine, assessment: draft.assessment, report, chart: '', previous, problems: S.problems, shown: (id) => $('form').isShown(id) });
    S.printDirty = false;
  }
  $('print').setChart($('report').chartImage());
  document.body.dataset.printReady = String(Date.now());
}

// --- rendering -----------------------------------------------------------------------------

function draftTitle(e, withTime = false) {
  const name = e.name || t('untitled');
  const when = withTime && e.updatedAt
    ? ` — ${new Date(e.updatedAt).toLocaleString(getLang() === 'en' ? 'en-GB' : 'ja-JP', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}`
    : '';
  const fy = Number.isInteger(e.fiscalYear) ? ` ${fiscalYearText(e.fiscalYear)}` : '';
  const setTitle = e.itemSet ? tx(S.engine.info.sets.find((s) => s.id === e.itemSet)?.title) : '';
  const set = !setTitle ? '' : getLang() === 'en' ? ` — ${setTitle}` : `（${setTitle}）`;
  return `${name}${fy}${set}${when}`;
}

function renderDraftList() {
  const sel = $('draft-select');
  if (!sel) return;
  const list = store.listDrafts(S.engine.info.id, !S.engine.packUrl);
  if (!list.some((e) => e.id === S.draft.id)) list.unshift({ id: S.draft.id, name: S.draft.assessment.municipality.name, fiscalYear: S.draft.assessment.fiscalYear, itemSet: S.draft.assessment.itemSet });
  replace(sel, list.map((e) => h('option', { value: e.id, selected: e.id === S.draft.id, text: draftTitle(e, true) })));
}

function renderChrome() {
  document.title = `renkei — ${t('appTitle')}`;
  $('app-title').textContent = t('appTitle');
  $('app-sub').textContent = t('appSub');
  $('skip-link').textContent = getLang() === 'en' ? 'Skip to the checklist' : '本文へ移動';
  $('form-h').textContent = t('formTitle');
  $('results-h').textContent = t('results');
  $('results').setAttribute('aria-label', t('resultsRegion'));
  $('results').removeAttribute('aria-labelledby');
  const lb = $('lang-btn');
  lb.textContent = t('langSwitch');
  lb.lang = getLang() === 'en' ? 'ja' : 'en';
  lb.setAttribute('aria-label', t('langSwitchLabel'));

  replace($('draft-bar'),
    h('label', { for: 'draft-select', text: t('draftsLabel') }),
    h('select', { id: 'draft-select', on: { change: (e) => openDraft(e.target.value) } }),
    h('button', { type: 'button', class: 'btn', id: 'new-draft', on: { click: newDraftClicked } }, t('newDraft')),
    h('button', { type: 'button', class: 'btn subtle', id: 'delete-draft', on: { click: deleteDraftClicked } }, t('deleteDraft')),
    h('span', { id: 'saved', class: 'saved' }),
    S.samples.length
      ? h('span', { class: 'samples' },
        h('label', { for: 'sample-select', text: t('samples') }),
        h('select', { id: 'sample-select' },
          h('option', { value: '', text: t('samplePick') }),
          S.samples.map((x) => h('option', { value: x.id, text: `${x.name} ${fiscalYearText(x.fiscalYear)} — ${x.provenance || x.id}` }))),
        h('button', { type: 'button', class: 'btn', id: 'sample-open', on: { click: openSample } }, t('sampleOpen')))
      : null);
  renderDraftList();

  const started = Boolean(S.draft.assessment.itemSet);
  $('toolbar').setAttribute('aria-label', t('toolbar'));
  replace($('toolbar'),
    h('button', { type: 'button', class: 'btn', id: 'save-file', disabled: !started, on: { click: saveFile } }, t('saveFile')),
    h('button', { type: 'button', class: 'btn', id: 'open-file', on: { click: () => $('open-input').click() } }, t('openFile')),
    h('button', { type: 'button', class: 'btn', id: 'export-csv', disabled: !started, on: { click: exportCsv } }, t('exportCsv')),
    S.draft.previous
      ? h('button', { type: 'button', class: 'btn', id: 'compare-clear', on: { click: clearCompare } }, t('compareClear'))
      : h('button', { type: 'button', class: 'btn', id: 'compare-prev', disabled: !started, on: { click: () => $('prev-input').click() } }, t('comparePrev')),
    h('button', { type: 'button', class: 'btn', id: 'print-report', disabled: !started, on: { click: () => window.print() } }, t('printReport')),
    h('a', { class: 'btn', id: 'print-blank', href: blankHref(S.draft.assessment.itemSet), target: '_blank', rel: 'noopener' }, t('printBlank')),
    h('button', { type: 'button', class: 'btn danger', id: 'clear-all', disabled: !started, on: { click: clearAll } }, t('clearAll')));

  renderBasics();
  renderStart();
  const info = S.engine.info;
  replace($('provenance'),
    h('p', {}, `${t('provenance')}: `, h('span', { id: 'pack-ref', text: `${info.id} ${info.edition} ${info.version}` }), ' ・ ',
      h('span', { class: 'hash', id: 'pack-hash', text: info.hash }), ` ・ renkei ${S.engine.version} ・ chart.js (MIT)`),
    h('p', { text: tx(info.title) }),
    S.engine.packUrl ? h('p', { id: 'pack-url', text: `${t('packFrom')}: ${S.engine.packUrl}` }) : null);
}

/** The blank questionnaire's address for an item set (with the page's own `?pack=`). */
function blankHref(set) {
  const q = new URLSearchParams({ set: setOrDefault(S.engine.info, set), lang: getLang() });
  if (S.engine.packUrl) q.set('pack', new URLSearchParams(location.search).get('pack'));
  // The single file holds the questionnaire too: the same file, opened at #blank?….
  return isSingleFile() ? `#blank?${q}` : `questionnaire.html?${q}`;
}

function renderBasics() {
  const a = S.draft.assessment;
  const fyRaw = S.draft.pending.fiscalYear ?? (Number.isInteger(a.fiscalYear) ? String(a.fiscalYear) : '');
  const field = (id, label, value, extra = {}) => h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    h('input', { type: 'text', id, value, autocomplete: 'off', ...extra }));
  const setChoice = a.itemSet && S.engine.info.sets.length > 1
    ? h('fieldset', { class: 'set-switch' },
      h('legend', { text: t('itemSet') }),
      S.engine.info.sets.map((s) => h('div', { class: 'choice radio' },
        h('input', { type: 'radio', name: 'item-set', id: `set-${s.id}`, value: s.id, checked: a.itemSet === s.id, on: { change: () => switchSet(s.id) } }),
        h('label', { for: `set-${s.id}`, text: tx(s.title) }))))
    : null;
  replace($('basics-box'), h('fieldset', { class: 'basics' },
    h('legend', { text: t('basics') }),
    h('div', { class: 'basics-fields' },
      field('muni-name', t('municipality'), a.municipality.name ?? '', { on: { input: basicsInput } }),
      field('muni-pref', t('prefecture'), a.municipality.prefecture ?? '', { on: { input: basicsInput } }),
      h('div', { class: 'field' },
        h('label', { for: 'fiscal-year', text: t('fiscalYear') }),
        h('input', { type: 'text', id: 'fiscal-year', inputmode: 'numeric', value: fyRaw, autocomplete: 'off', 'aria-describedby': 'fy-hint', on: { input: basicsInput } }),
        h('p', { class: 'hint', id: 'fy-hint', text: t('fiscalYearHint') })),
      setChoice)));
  showFyProblem();
}

/** The fiscal year's hint: the era year, or what is wrong (the engine's problem, or not digits). */
function showFyProblem() {
  const el = $('fy-hint');
  if (!el) return;
  const engineProblem = S.problems.get('fiscalYear');
  const typed = S.draft.pending.fiscalYear !== undefined;
  const bad = typed || Boolean(engineProblem);
  el.textContent = typed ? t('fiscalYearDigits')
    : engineProblem ? (getLang() === 'en' ? engineProblem.message : engineProblem.messageJa)
      : Number.isInteger(S.draft.assessment.fiscalYear) ? fiscalYearText(S.draft.assessment.fiscalYear) : t('fiscalYearHint');
  $('fy-hint').classList.toggle('error', bad);
  $('fiscal-year').setAttribute('aria-invalid', String(bad));
}

function renderStart() {
  const started = Boolean(S.draft.assessment.itemSet);
  $('start').hidden = started;
  $('workspace').hidden = !started;
  if (started) return;
  const counts = Object.fromEntries(S.engine.info.sets.map((s) => [s.id, S.engine.checklist.items.filter((i) => i.sets.includes(s.id)).length]));
  // In the pack's order; the set a new draft starts with (the pack's default) is the primary choice.
  const def = defaultSet(S.engine.info).id;
  const sets = S.engine.info.sets;
  replace($('start'),
    h('h2', { text: t('startTitle') }),
    h('p', { text: t('startHelp') }),
    h('div', { class: 'set-cards' }, sets.map((s) => h('div', { class: `set-card${s.id === def ? ' default' : ''}` },
      h('button', { type: 'button', class: s.id === def ? 'btn primary' : 'btn', id: `start-${s.id}`, 'aria-describedby': `start-${s.id}-d`, on: { click: () => startWith(s.id) } },
        t('startWith', { set: tx(s.title) })),
      h('p', { id: `start-${s.id}-d` }, `${tx(s.description)} ${t('questions', { n: counts[s.id] })}`)))));
}

/** Renders everything for the open draft. */
function renderAll() {
  S.lastLevel = undefined;
  renderChrome();
  if (S.draft.assessment.itemSet) {
    $('form').load(S.engine, S.draft);
    $('report').reset();
    scorePrevious();
    rescore();
  }
}

// --- actions -------------------------------------------------------------------------------

function onFormChange(ev) {
  const { item, answer, pending } = ev.detail;
  const d = S.draft;
  if (answer === undefined) delete d.assessment.answers[item];
  else d.assessment.answers[item] = answer;
  if (pending === undefined) delete d.pending.items[item];
  else d.pending.items[item] = pending;
  persist();
  rescore();
}

function basicsInput(ev) {
  const a = S.draft.assessment;
  const id = ev.target.id;
  if (id === 'muni-name') a.municipality.name = ev.target.value;
  else if (id === 'muni-pref') a.municipality.prefecture = ev.target.value;
  else if (id === 'fiscal-year') {
    // Digits become the year; which years are accepted is the engine's rule (shown when broken).
    const s = ev.target.value.normalize('NFKC').trim();
    if (s === '') {
      delete a.fiscalYear;
      delete S.draft.pending.fiscalYear;
    } else if (/^\d+$/.test(s)) {
      a.fiscalYear = Number(s);
      delete S.draft.pending.fiscalYear;
    } else {
      delete a.fiscalYear;
      S.draft.pending.fiscalYear = ev.target.value;
    }
    showFyProblem();
  }
  persist();
  rescore();
}

function startWith(set) {
  S.draft.assessment.itemSet = set;
  persist();
  renderAll();
  $('form').firstControl()?.focus();
}

function switchSet(set) {
  S.draft.assessment.itemSet = set;
  $('form').setItemSet(set);
  persist();
  $('print-blank').href = blankHref(set);
  rescore();
  say(`${t('itemSet')}: ${tx(S.engine.info.sets.find((s) => s.id === set).title)}`);
}

function openDraft(id) {
  const d = store.loadDraft(id);
  if (!d) return;
  S.draft = d;
  store.setCurrentDraftId(id);
  say('');
  renderAll();
}

/** A new draft; with a pack of a single item set it starts with that set (there is nothing to choose). */
function freshDraft() {
  const d = store.newDraft(packRef());
  if (S.engine.info.sets.length === 1) d.assessment.itemSet = defaultSet(S.engine.info).id;
  return d;
}

function newDraftClicked() {
  S.draft = freshDraft();
  persist();
  say('');
  renderAll();
  $('muni-name').focus();
}

async function deleteDraftClicked() {
  const name = draftTitle({ name: S.draft.assessment.municipality.name, fiscalYear: S.draft.assessment.fiscalYear, itemSet: S.draft.assessment.itemSet });
  if (!(await confirmDialog(t('deleteConfirmTitle'), t('deleteConfirmBody', { name }), t('deleteConfirmYes')))) return;
  store.deleteDraft(S.draft.id);
  const next = store.listDrafts(S.engine.info.id, !S.engine.packUrl)[0];
  S.draft = (next && store.loadDraft(next.id)) ?? freshDraft();
  persist();
  renderAll();
  $('draft-select').focus();
}

async function clearAll() {
  if (!(await confirmDialog(t('clearConfirmTitle'), t('clearConfirmBody'), t('clearConfirmYes')))) return;
  S.draft.assessment.answers = {};
  S.draft.pending.items = {};
  persist();
  renderAll();
  $('clear-all').focus();
}

function saveFile() {
  // Entries the engine found a problem with are not saved: the file must open again.
  const { file, incomplete, unknown, dropped } = assessmentOf(S.draft, S.engine, { stamp: true, drop: new Set(S.problems.keys()) });
  const name = fileName(S.draft, 'json');
  download(name, new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }));
  say([
    t('fileSaved', { name }),
    incomplete.length ? t('fileSavedSkipped', { n: incomplete.length, items: incomplete.join(', ') }) : '',
    dropped.length ? t('fileSavedInvalid', { n: dropped.length, items: dropped.join(', ') }) : '',
    unknown.length ? t('fileSavedUnknown', { n: unknown.length, items: unknown.join(', ') }) : '',
  ].filter(Boolean).join(' '));
}

function exportCsv() {
  if (!S.report) return;
  const name = fileName(S.draft, 'csv');
  download(name, csvOf(S.draft, S.report, S.engine, getLang()));
  say(t('csvSaved', { name }));
}

async function readPicked(input) {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return null;
  let text;
  try {
    text = await file.text();
  } catch (e) {
    return { name: file.name, result: { ok: false, problems: [{ ja: `読み込めません（${e.name}）`, en: `Could not read the file (${e.name})` }] } };
  }
  return { name: file.name, result: readAssessment(text, S.engine) };
}

function rejected(name, problems) {
  alertBox(both('fileRejected', { name }), [
    ...problems.map((p) => `${p.ja} / ${p.en}`),
    both('draftIntact'),
  ]);
}

/** An assessment read from a file, with the fields the page relies on filled in. */
function normalised(a) {
  a.itemSet = setOrDefault(S.engine.info, a.itemSet);
  a.municipality = { name: a.municipality?.name ?? '', prefecture: a.municipality?.prefecture ?? '', ...(a.municipality?.code ? { code: a.municipality.code } : {}) };
  a.createdAt ??= new Date().toISOString();
  a.answers ??= {};
  return a;
}

async function openPicked() {
  const picked = await readPicked($('open-input'));
  if (!picked) return;
  const { name, result } = picked;
  if (!result.ok) {
    rejected(name, result.problems);
    return;
  }
  const a = normalised(result.assessment);
  const cur = S.draft;
  const empty = Object.keys(cur.assessment.answers).length === 0 && !cur.previous;
  let msg;
  if (empty) {
    cur.assessment = a;
    cur.pending = { items: {} };
    msg = t('fileOpened', { name });
  } else {
    S.draft = store.newDraft(packRef(), a);
    msg = t('fileOpenedNew', { name });
  }
  persist();
  renderAll();
  say([msg, ...result.notices.map((n) => `${n.ja} / ${n.en}`)].join(' '));
}

/** Opens one of the site's sample assessments (samples/, from tests/cases) as a new draft. */
async function openSample() {
  const id = $('sample-select').value;
  if (!id) return;
  const entry = S.samples.find((x) => x.id === id);
  let result;
  try {
    result = readAssessment(await sampleText(id), S.engine);
  } catch (e) {
    result = { ok: false, problems: [{ ja: `読み込めません（${e.message}）`, en: `Could not load it (${e.message})` }] };
  }
  if (!result.ok) {
    rejected(`${id}.json`, result.problems);
    return;
  }
  S.draft = store.newDraft(packRef(), normalised(result.assessment));
  persist();
  renderAll();
  say(t('sampleOpened', { name: `${entry?.name ?? id} ${entry?.provenance ?? ''}`.trim() }));
  $('sample-select').focus();
}

async function comparePicked() {
  const picked = await readPicked($('prev-input'));
  if (!picked) return;
  const { name, result } = picked;
  if (!result.ok) {
    rejected(name, result.problems);
    return;
  }
  S.draft.previous = { name, assessment: result.assessment };
  persist();
  scorePrevious();
  renderChrome();
  rescore();
  say(t('prevLoaded', { name }));
  $('compare').scrollIntoView({ block: 'start' });
}

function clearCompare() {
  S.draft.previous = null;
  S.prevReport = null;
  persist();
  renderChrome();
  rescore();
  $('compare-prev').focus();
}

function packRef() {
  const { id, edition, version, hash } = S.engine.info;
  return { id, edition, version, hash };
}

function switchLang() {
  setLang(getLang() === 'ja' ? 'en' : 'ja');
  store.saveLang(getLang());
  renderAll();
  $('lang-btn').focus();
}

// --- start ---------------------------------------------------------------------------------

async function main() {
  setLang(store.savedLang());
  try {
    // The chart's library loads with the engine, not on first use: once the page is up, a
    // lost network cannot leave the chart blank.
    [S.engine] = await Promise.all([loadEngine(), loadChart().catch(() => null)]);
  } catch (e) {
    // A pack that does not compile: the engine's problems, each with its file, line and column.
    const pack = isRenkeiError(e);
    const lines = pack ? problemLines(e, getLang()) : [];
    replace($('loading'),
      h('p', { class: 'load-error', text: pack ? `${t('packLoadFailed', {}, 'ja')}（${e.messageJa}） / ${t('packLoadFailed', {}, 'en')} (${String(e.message).split('\n')[0]})` : `${both('loadFailed')} (${e.message})` }),
      lines.length ? h('ul', {}, lines.map((l) => h('li', { text: l }))) : null);
    return;
  }
  const { id: packId } = S.engine.info;
  const mine = (d) => (d && (d.assessment.pack?.id ?? packId) === packId ? d : null);
  const id = store.currentDraftId();
  const first = store.listDrafts(packId, !S.engine.packUrl)[0];
  S.draft = mine(id && store.loadDraft(id)) ?? mine(first && store.loadDraft(first.id)) ?? freshDraft();
  S.samples = [];
  if (!S.engine.packUrl) {
    // The samples are answers for the embedded pack; a pack given by ?pack= has none.
    try {
      const list = await sampleList();
      S.samples = Array.isArray(list) ? list.filter((x) => x && typeof x.id === 'string') : [];
    } catch {
      S.samples = []; // a site without samples: no sample menu
    }
  }
  $('loading').remove();
  window.addEventListener('storage', (e) => {
    if (e.key === `renkei:draft:${S.draft.id}`) alertBox(both('otherTab'));
  });
  $('lang-btn').addEventListener('click', switchLang);
  $('form').addEventListener('assessment-form-change', onFormChange);
  $('report').addEventListener('score-report-chart', schedulePrint);
  $('report').addEventListener('click', (ev) => {
    // The report renders in its shadow root: the link is on the event's path, not its target.
    const a = ev.composedPath().find((n) => n instanceof HTMLAnchorElement && n.dataset.item);
    if (!a) return;
    ev.preventDefault();
    $('form').focusItem(a.dataset.item);
  });
  $('open-input').addEventListener('change', openPicked);
  $('prev-input').addEventListener('change', comparePicked);
  window.addEventListener('beforeprint', flushPrint);
  renderAll();
  document.body.dataset.ready = 'true';
  registerOffline();
}

/**
 * Served over http(s), a service worker (sw.js, made by scripts/site.sh with the list of every
 * file of the site) keeps the whole site so that a reload works offline. Not in the single
 * file (nothing to fetch) and not where the browser refuses it (file://, a private window).
 */
function registerOffline() {
  if (isSingleFile() || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('sw.js').catch(() => { /* no offline copy; the page works online */ });
}

main().catch((e) => {
  const el = $('loading');
  if (el) replace(el, h('p', { class: 'load-error', text: `${both('loadFailed')} (${e?.message ?? e})` }));
  else alertBox(`${both('loadFailed')} (${e?.message ?? e})`);
});
