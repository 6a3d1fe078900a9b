//! The self-assessment page: wires the draft's state and actions (draft-state.js: drafts per
//! municipality × fiscal year, saved in the browser on every change, scoring) to the page's
//! elements (the form, the results, last year's comparison, the printed report: each in its own
//! shadow root, receiving state and dispatching events), the toolbar, files in and out, and the
//! rule pack of the draft (editions.js: a pack bundle loaded from a file runs in the pack worker;
//! the page's own pack runs here, as it is trusted and takes a few milliseconds).
import { loadEngine, isRenkeiError, problemLines } from './engine.js';
import { h, replace, morph, whenIdle, setText, afterPaint } from './dom.js';
import { t, tx, both, setLang, getLang, fiscalYearText, fmt1 } from './i18n.js';
import * as store from './store.js';
import { DraftState } from './draft-state.js';
import { readAssessment, readAssessmentAsync, assessmentOf, fileName, download, csvOf } from './files.js';
import { PackShelf, readUnderEdition, fileKind, shortHash, samePack } from './editions.js';
import { packLine, editionPanel, bothLanguages } from './edition-view.js';
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

/** The draft and its actions (set in main() once the engine is loaded). @type {DraftState} */
let S = null;
/** What only the page shows: the sample menu, the level last announced, whether the print view is stale. */
const ui = { samples: [], lastLevel: undefined, printDirty: false, shelf: null, busy: '', editionSeq: 0, printSeq: 0 };

// --- messages ------------------------------------------------------------------------------

/** A short status line (polite). */
function say(text) {
  replace($('messages'), text ? h('p', { text }) : null);
  replace($('alerts'));
}

/** A problem the user must read: a title and lines, both in Japanese and English; an optional action button. */
function alertBox(title, lines = [], action = null) {
  replace($('messages'));
  replace($('alerts'), h('div', { class: 'alert-box' },
    h('p', { class: 'alert-title', text: title }),
    lines.length ? h('ul', {}, lines.map((l) => h('li', { text: l }))) : null,
    action ? h('button', { type: 'button', class: 'btn small', id: action.id, on: { click: action.run } }, action.label) : null,
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

/**
 * After every save (S emits `saved`, detail { forkedFrom } when another tab had saved this draft).
 * The "saved at" line and the draft list are redrawn once the click's own frame is painted (the
 * save itself happened at once; saves before that frame are shown once).
 */
let lastSaved = null; // the time of the last save not drawn yet (null: none waiting)
function showSaved(ev) {
  const forkedFrom = ev.detail?.forkedFrom;
  if (forkedFrom) alertBox(store.bothNotice('forked'), [], { id: 'open-other-draft', label: store.bothNotice('openOther'), run: () => openDraft(forkedFrom) });
  else if ($('save-now')) replace($('alerts')); // storage works again
  const waiting = lastSaved !== null;
  lastSaved = new Date();
  if (waiting) return;
  afterPaint(() => {
    const el = $('saved');
    if (el) setText(el, t('savedAt', { t: dateFormat('time').format(lastSaved) }));
    lastSaved = null;
    renderDraftList();
  });
}

/** Storage refused the draft: it stays on screen, the user is told in both languages and offered the file. */
function saveFailed(ev) {
  const e = ev.detail.error;
  if (!$('save-now')) alertBox(both('saveFailed', { e: e.name || e.message }), e.name === 'QuotaExceededError' ? [store.bothNotice('quota')] : [], { id: 'save-now', label: store.bothNotice('saveNow'), run: saveFile });
  renderDraftList();
}

// --- scoring -------------------------------------------------------------------------------

/** Scores the draft; S emits `scored` (showResults) or `score-failed` (showScoreError). */
function rescore() {
  S.score();
}

/**
 * The scorings asked for and the one on screen, on the body (data-asked, data-shown): equal
 * when the results show the draft as it is (the page's tests wait for that; the bench times
 * click → results painted with it); data-scored-by: how the last report was made (session, rescore).
 */
function markScoring() {
  document.body.dataset.asked = String(S.asked);
  document.body.dataset.shown = String(S.shown);
  document.body.dataset.scoredBy = S.scoredBy;
}

function showScoreError(ev) {
  markScoring();
  const e = ev.detail.error;
  const msg = isRenkeiError(e) ? `${e.messageJa} ${problemLines(e).join(' / ')} / ${problemLines(e, 'en').join(' / ')}` : bothLanguages(e);
  $('report').showError(t('scoreError', { msg }));
}

/** Updates everything that shows the result of the last scoring. */
function showResults() {
  const { engine, report, file } = S;
  $('form').setProblems(S.problems);
  showFyProblem();
  const shown = (id) => $('form').isShown(id);
  $('report').update({ info: engine.info, checklist: engine.checklist, report, ms: S.ms, previous: S.prevReport, problems: S.problems, shown });
  $('form').setProgress(report);
  $('compare').update({ engine, current: { assessment: file, report }, previous: S.previous });
  ui.printDirty = true;
  schedulePrint();
  const o = report.overall;
  const text = overallLevelText(o, report);
  if (ui.lastLevel !== undefined && ui.lastLevel !== text) $('level-live').textContent = t('levelNow', { text });
  ui.lastLevel = text;
  morph($('mini-summary'),
    h('span', {}, `${t('overallLevel')} `, h('strong', { text })),
    h('span', {}, `${t('score')} ${fmt1(o.score)}`),
    h('span', {}, `${t('answered')} ${answeredCount(report)}/${report.assessment.asked}`));
  $('report').totals.push(performance.now() - S.startedAt);
  renderEdition();
  markScoring();
}

// --- the printed report (not visible on screen: its changed parts are drawn when the page is
// idle a moment after the last change, and at once before printing; the chart's PNG costs
// several ms, so it is made once per drawing of the chart, not on every change)

let printTimer = 0;
let printIdle = () => {};
function schedulePrint() {
  clearTimeout(printTimer);
  printIdle();
  ui.printSeq++;
  // 300 ms after the last change, when nothing else is waiting (a click, a frame to paint): the
  // printed report's text, then (another task) the chart's PNG, encoded off the page's thread.
  printTimer = setTimeout(() => { printIdle = whenIdle(printWhenIdle); }, 300);
}

/** The printed report's changed parts (beforeprint: everything at once, the chart's PNG included). */
function drawPrint() {
  const { engine, draft, report } = S;
  if (!report || !draft.assessment.itemSet) return false;
  if (ui.printDirty) {
    $('print').update({ engine, assessment: draft.assessment, report, chart: '', previous: S.previous, problems: S.problems, shown: (id) => $('form').isShown(id) });
    ui.printDirty = false;
  }
  return true;
}

function flushPrint() {
  S.flush();
  clearTimeout(printTimer);
  printIdle();
  if (!drawPrint()) return;
  $('print').setChart($('report').chartImage());
  document.body.dataset.printReady = String(Date.now());
}

async function printWhenIdle() {
  printIdle = () => {};
  if (!drawPrint()) return;
  const seq = ++ui.printSeq;
  const png = await $('report').chartImageSoon();
  if (seq !== ui.printSeq) return; // another change, or a new drawing, meanwhile: its own turn comes
  $('print').setChart(png);
  document.body.dataset.printReady = String(Date.now());
}

// --- rendering -----------------------------------------------------------------------------

/**
 * The page's date formats in the page's language, each made once (toLocaleString makes a new
 * formatter on every call, about a millisecond each: the draft list has one per draft).
 */
const DATE_FORMATS = { time: { hour: 'numeric', minute: 'numeric', second: 'numeric' }, saved: { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' } };
const dateFormats = new Map();
function dateFormat(kind) {
  const locale = getLang() === 'en' ? 'en-GB' : 'ja-JP';
  const key = `${locale} ${kind}`;
  if (!dateFormats.has(key)) dateFormats.set(key, new Intl.DateTimeFormat(locale, DATE_FORMATS[kind]));
  return dateFormats.get(key);
}

function draftTitle(e, withTime = false) {
  const name = e.name || t('untitled');
  const when = withTime && e.updatedAt
    ? ` — ${dateFormat('saved').format(new Date(e.updatedAt))}`
    : '';
  const fy = Number.isInteger(e.fiscalYear) ? ` ${fiscalYearText(e.fiscalYear)}` : '';
  const setTitle = e.itemSet ? tx(S.engine.info.sets.find((s) => s.id === e.itemSet)?.title) : '';
  const set = !setTitle ? '' : getLang() === 'en' ? ` — ${setTitle}` : `（${setTitle}）`;
  return `${name}${fy}${set}${when}`;
}

function renderDraftList() {
  const sel = $('draft-select');
  if (!sel) return;
  const list = S.drafts();
  if (!list.some((e) => e.id === S.draft.id)) list.unshift({ id: S.draft.id, name: S.draft.assessment.municipality.name, fiscalYear: S.draft.assessment.fiscalYear, itemSet: S.draft.assessment.itemSet });
  const options = list.map((e) => [e.id, draftTitle(e, true)]);
  // After most saves the list reads as it did (its times are to the minute): nothing to redraw.
  const same = sel.options.length === options.length && options.every(([id, text], i) => sel.options[i].value === id && sel.options[i].text === text);
  if (same) sel.value = S.draft.id;
  else replace(sel, options.map(([id, text]) => h('option', { value: id, selected: id === S.draft.id, text })));
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

  renderPackBar();
  replace($('draft-bar'),
    h('label', { for: 'draft-select', text: t('draftsLabel') }),
    h('select', { id: 'draft-select', on: { change: (e) => openDraft(e.target.value) } }),
    h('button', { type: 'button', class: 'btn', id: 'new-draft', on: { click: newDraftClicked } }, t('newDraft')),
    h('button', { type: 'button', class: 'btn subtle', id: 'delete-draft', on: { click: deleteDraftClicked } }, t('deleteDraft')),
    h('span', { id: 'saved', class: 'saved' }),
    ui.samples.length
      ? h('span', { class: 'samples' },
        h('label', { for: 'sample-select', text: t('samples') }),
        h('select', { id: 'sample-select' },
          h('option', { value: '', text: t('samplePick') }),
          ui.samples.map((x) => h('option', { value: x.id, text: `${x.name} ${fiscalYearText(x.fiscalYear)} — ${x.provenance || x.id}` }))),
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

/** The pack line (not on a page whose pack is fixed by ?pack=). */
function renderPackBar() {
  const bar = $('pack-bar');
  if (S.engine.packUrl || !ui.shelf) {
    replace(bar);
    return;
  }
  replace(bar, packLine({ info: S.engine.info, loaded: Boolean(S.engine.loaded), busy: ui.busy, onPick: () => $('pack-input').click(), onHome: backHome }));
  document.body.dataset.pack = S.engine.info.hash;
}

/** A status while the pack worker is busy for the user (shown in the pack line). */
function setBusy(text) {
  ui.busy = text;
  const el = $('pack-busy');
  if (el) el.textContent = text;
  else if (text) renderPackBar();
  if (!text) $('pack-busy')?.remove();
}

/**
 * The panel of a file opened under another edition: the levels it was saved with, the
 * differences with the report of now (diffReports; in the worker for a loaded pack), the items
 * each edition has alone.
 */
async function renderEdition() {
  const box = $('edition-box');
  const e = S.draft.edition;
  if (!e) {
    replace(box);
    return;
  }
  const seq = ++ui.editionSeq;
  const { engine, report } = S;
  const onClose = () => {
    S.draft.edition = null;
    S.save();
    replace(box);
  };
  let changes = null;
  if (e.saved && report) {
    try {
      changes = await engine.diff(e.saved, report);
    } catch (err) {
      changes = [{ what: 'error', message: bothLanguages(err) }];
    }
  }
  if (seq !== ui.editionSeq) return;
  replace(box, editionPanel({ edition: e, engine, report, changes, onClose }));
}

/** The blank questionnaire's address for an item set (with the page's own `?pack=`). */
function blankHref(set) {
  const q = new URLSearchParams({ set: setOrDefault(S.engine.info, set), lang: getLang() });
  if (S.engine.packUrl) q.set('pack', new URLSearchParams(location.search).get('pack'));
  else if (S.engine.loaded) q.set('packHash', S.engine.info.hash); // a pack loaded here: kept in the browser by its hash
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
  ui.lastLevel = undefined;
  renderChrome();
  if (S.draft.assessment.itemSet) {
    $('form').load(S.engine, S.draft);
    $('report').reset();
    rescore();
  }
  markScoring();
}

// --- actions -------------------------------------------------------------------------------

function onFormChange(ev) {
  const { item, answer, pending } = ev.detail;
  S.setAnswer(item, answer, pending);
  markScoring();
}

function basicsInput(ev) {
  const id = ev.target.id;
  if (id === 'muni-name') S.setMunicipality('name', ev.target.value);
  else if (id === 'muni-pref') S.setMunicipality('prefecture', ev.target.value);
  else if (id === 'fiscal-year') {
    S.setFiscalYearText(ev.target.value);
    showFyProblem();
  }
  markScoring();
}

function startWith(set) {
  S.setItemSet(set);
  renderAll();
  $('form').firstControl()?.focus();
}

function switchSet(set) {
  S.setItemSet(set);
  $('form').setItemSet(set);
  $('print-blank').href = blankHref(set);
  rescore();
  say(`${t('itemSet')}: ${tx(S.engine.info.sets.find((s) => s.id === set).title)}`);
}

/** The reference to the active pack, as a draft's assessment records it. */
const packRefOf = (info) => ({ id: info.id, edition: info.edition, version: info.version, hash: info.hash });

/** The engine a draft's pack needs: a kept pack of the draft (compiled in the worker), else the page's own. */
async function engineForDraft(d) {
  const ref = d?.assessment?.pack;
  const home = ui.shelf.home;
  if (!ref || samePack(ref, home.info) || !ref.hash || ref.hash === S.engine.info.hash) return ref?.hash === S.engine.info.hash ? S.engine : home;
  if (!ui.shelf.has(ref.hash)) {
    // Its pack is not kept here: the page's own pack reads it (a draft of an earlier page).
    if (ref.id !== home.info.id || (ref.edition && ref.edition !== home.info.edition)) {
      alertBox(both('packMissing', { id: ref.id, edition: ref.edition ?? '—', hash: shortHash(ref.hash) }));
    }
    return home;
  }
  setBusy(t('packLoading', { name: `${ref.id} ${ref.edition ?? ''}`.trim() }));
  try {
    return await ui.shelf.get(ref.hash);
  } catch (e) {
    alertBox(both('packMissing', { id: ref.id, edition: ref.edition ?? '—', hash: shortHash(ref.hash) }), [bothLanguages(e), ...(isRenkeiError(e) ? problemLines(e) : [])]);
    return home;
  } finally {
    setBusy('');
  }
}

/** Makes an engine the active one for the open draft (its answers stay as they are). */
function useEngine(engine) {
  if (S.engine === engine) return;
  S.engine = engine;
  S.adopt(S.draft);
}

async function openDraft(id) {
  const d = store.loadDraft(id);
  if (!d) return;
  if (ui.shelf) {
    const engine = await engineForDraft(d);
    S.engine = engine;
  }
  if (!S.open(id)) return;
  say('');
  renderAll();
}

function newDraftClicked() {
  S.newDraft();
  say('');
  renderAll();
  $('muni-name').focus();
}

async function deleteDraftClicked() {
  const name = draftTitle({ name: S.draft.assessment.municipality.name, fiscalYear: S.draft.assessment.fiscalYear, itemSet: S.draft.assessment.itemSet });
  if (!(await confirmDialog(t('deleteConfirmTitle'), t('deleteConfirmBody', { name }), t('deleteConfirmYes')))) return;
  S.deleteDraft();
  if (ui.shelf) {
    useEngine(await engineForDraft(S.draft));
    store.prunePacks([S.engine.info.hash]);
  }
  renderAll();
  $('draft-select').focus();
}

async function clearAll() {
  if (!(await confirmDialog(t('clearConfirmTitle'), t('clearConfirmBody'), t('clearConfirmYes')))) return;
  S.clearAnswers();
  renderAll();
  $('clear-all').focus();
}

async function saveFile() {
  // Entries the engine found a problem with are not saved: the file must open again. The file
  // records the pack (id, edition, hash) and the levels it was scored with (scoredWith).
  S.flush();
  let scoredWith = null;
  try {
    if (S.report) scoredWith = await S.engine.summarize(S.report);
  } catch {
    scoredWith = null; // the answers are saved all the same
  }
  const { file, incomplete, unknown, dropped } = assessmentOf(S.draft, S.engine, { stamp: true, drop: new Set(S.problems.keys()), scoredWith });
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
  S.flush();
  if (!S.report) return;
  const name = fileName(S.draft, 'csv');
  download(name, csvOf(S.draft, S.report, S.engine, getLang()));
  say(t('csvSaved', { name }));
}

/** The text of a file the user picked or dropped: { name, text } or { name, problems }. */
async function readFileText(file) {
  try {
    return { name: file.name, text: await file.text() };
  } catch (e) {
    return { name: file.name, problems: [{ ja: `読み込めません（${e.name}）`, en: `Could not read the file (${e.name})` }] };
  }
}

/** An assessment file's text read by the active engine (in the worker for a loaded pack). */
async function readWithEngine(text) {
  const result = S.engine.async ? await readAssessmentAsync(text, S.engine) : readAssessment(text, S.engine);
  if (result.ok) return result;
  // A file of another pack that is not at hand: say which pack it needs.
  try {
    const ref = JSON.parse(String(text).replace(/^\uFEFF/, '')).pack;
    if (ref?.id && ref.id !== S.engine.info.id) result.problems.push({ ja: t('fileOtherPack', { id: ref.id, edition: ref.edition ?? '—' }, 'ja'), en: t('fileOtherPack', { id: ref.id, edition: ref.edition ?? '—' }, 'en') });
  } catch {
    /* not JSON: the engine said where */
  }
  return result;
}

function rejected(name, problems) {
  alertBox(both('fileRejected', { name }), [
    ...problems.map((p) => `${p.ja} / ${p.en}`),
    both('draftIntact'),
  ]);
}

/** The file chosen in the file input `id`, if any; the input is cleared for the next pick. */
function takePicked(id) {
  const input = $(id);
  const file = input.files?.[0];
  input.value = '';
  return file;
}

/** A file's { name, text }, or null when it cannot be read (and the user is told why). */
async function readOrReject(file) {
  const r = await readFileText(file);
  if (!r.problems) return r;
  rejected(r.name, r.problems);
  return null;
}

async function openPicked() {
  const file = takePicked('open-input');
  if (file) await openFile(file);
}

/** A file picked or dropped: a pack bundle is loaded as the draft's pack, an assessment opened. */
async function openFile(file) {
  const r = await readOrReject(file);
  if (!r) return;
  if (fileKind(r.text) === 'bundle') await loadPackText(r.text, r.name);
  else await openAssessmentText(r.text, r.name);
}

/**
 * Opens an assessment file's text: as it is when it was saved with the active pack; re-scored
 * under the active pack, with what differs, when it was saved under another edition (or another
 * pack at hand); refused, with every reason, when it cannot be read.
 */
async function openAssessmentText(text, name, { asNew = false, done = null } = {}) {
  let under = null;
  if (ui.shelf && !S.engine.packUrl) {
    try {
      under = await readUnderEdition(text, name, S.engine, ui.shelf);
    } catch (e) {
      if (isRenkeiError(e)) {
        rejected(name, problemMessagesOf(e));
        return;
      }
      rejected(name, [{ ja: e.messageJa ?? String(e.message), en: String(e.message) }]);
      return;
    }
  }
  if (under) {
    const where = asNew ? (S.openAsNew(under.assessment), 'new') : S.openAssessment(under.assessment);
    S.draft.edition = under.edition;
    S.save();
    renderAll();
    say(done ?? (where === 'here' ? t('fileOpened', { name }) : t('fileOpenedNew', { name })));
    return;
  }
  const result = await readWithEngine(text);
  if (!result.ok) {
    rejected(name, result.problems);
    return;
  }
  const where = asNew ? (S.openAsNew(result.assessment), 'new') : S.openAssessment(result.assessment);
  S.draft.edition = null;
  S.save();
  renderAll();
  say([done ?? (where === 'here' ? t('fileOpened', { name }) : t('fileOpenedNew', { name })), ...result.notices.map((n) => `${n.ja} / ${n.en}`)].join(' '));
}

/** The engine's problems as { ja, en } lines. */
const problemMessagesOf = (e) => [{ ja: e.messageJa, en: String(e.message).split('\n')[0] }, ...problemLines(e, 'ja').map((ja, i) => ({ ja, en: problemLines(e, 'en')[i] }))];

/**
 * Loads a pack bundle's text as the open draft's pack: compiled and tried in the pack worker
 * (the page stays usable meanwhile), then kept in the browser with the draft. A pack that does
 * not compile, whose scripts fail (an endless loop, recursion, huge values) or that runs past the
 * deadline is refused with what happened; the draft stays as it was, on its pack.
 */
async function loadPackText(text, name) {
  if (fileKind(text) !== 'bundle') {
    alertBox(both('packRejected', { name }), [both('packNotBundle'), both('draftIntact')]);
    return;
  }
  const draft = S.draft;
  setBusy(t('packLoading', { name }));
  let loaded;
  try {
    const file = draft.assessment.itemSet ? assessmentOf(draft, S.engine).file : null;
    loaded = await ui.shelf.load(text, file);
  } catch (e) {
    const lines = isRenkeiError(e) ? problemMessagesOf(e).map((l) => `${l.ja} / ${l.en}`) : [bothLanguages(e)];
    alertBox(both('packRejected', { name }), [...lines, both('draftIntact')]);
    return;
  } finally {
    setBusy('');
  }
  if (S.draft !== draft) return; // another draft was opened meanwhile: it keeps its pack
  const { engine, kept } = loaded;
  const a = draft.assessment;
  a.pack = packRefOf(engine.info);
  if (a.itemSet) a.itemSet = setOrDefault(engine.info, a.itemSet);
  useEngine(engine);
  S.save();
  store.prunePacks([engine.info.hash]);
  renderAll();
  const unread = Object.keys(a.answers).filter((id) => !engine.itemsById.has(id));
  say([
    t('packActive', { title: tx(engine.info.title), edition: engine.info.edition, hash: shortHash(engine.info.hash) }),
    unread.length ? t('packDroppedNote', { n: unread.length, items: unread.join(', ') }) : '',
    kept ? '' : t('packNotKept'),
  ].filter(Boolean).join(' '));
  $('pack-pick')?.focus();
}

/** The open draft goes back to the page's own pack (its answers stay as they are). */
function backHome() {
  const home = ui.shelf.home;
  const a = S.draft.assessment;
  a.pack = packRefOf(home.info);
  if (a.itemSet) a.itemSet = setOrDefault(home.info, a.itemSet);
  useEngine(home);
  S.save();
  store.prunePacks();
  renderAll();
  say(t('packHomeDone'));
  $('pack-pick')?.focus();
}

async function packPicked() {
  const file = takePicked('pack-input');
  const r = file && (await readOrReject(file));
  if (r) await loadPackText(r.text, r.name);
}

/** Files dropped on the page: a pack bundle or an assessment file. */
function listenForDrops() {
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) document.body.classList.remove('dropping');
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    document.body.classList.remove('dropping');
    const file = e.dataTransfer.files?.[0];
    if (file) openFile(file);
  });
}

/** Opens one of the site's sample assessments (samples/, from tests/cases) as a new draft. */
async function openSample() {
  const id = $('sample-select').value;
  if (!id) return;
  const entry = ui.samples.find((x) => x.id === id);
  let text;
  try {
    text = await sampleText(id);
  } catch (e) {
    rejected(`${id}.json`, [{ ja: `読み込めません（${e.message}）`, en: `Could not load it (${e.message})` }]);
    return;
  }
  await openAssessmentText(text, `${id}.json`, { asNew: true, done: t('sampleOpened', { name: `${entry?.name ?? id} ${entry?.provenance ?? ''}`.trim() }) });
  $('sample-select')?.focus();
}

async function comparePicked() {
  const file = takePicked('prev-input');
  const r = file && (await readOrReject(file));
  if (!r) return;
  const { name } = r;
  let { text } = r;
  const notes = [];
  // Last year's file is often of last year's edition: read as the active pack reads it.
  if (ui.shelf && !S.engine.packUrl) {
    try {
      const under = await readUnderEdition(text, name, S.engine, ui.shelf);
      if (under) {
        text = JSON.stringify(under.assessment);
        notes.push(t('prevOtherEdition', { e: under.edition.from.edition || '—', n: under.edition.dropped.length }));
      }
    } catch (e) {
      rejected(name, isRenkeiError(e) ? problemMessagesOf(e) : [{ ja: e.messageJa ?? String(e.message), en: String(e.message) }]);
      return;
    }
  }
  const result = await readWithEngine(text);
  if (!result.ok) {
    rejected(name, result.problems);
    return;
  }
  S.setPrevious(name, result.assessment);
  renderChrome();
  rescore();
  say([t('prevLoaded', { name }), ...notes].join(' '));
  $('compare').scrollIntoView({ block: 'start' });
}

function clearCompare() {
  S.setPrevious(null, null);
  renderChrome();
  rescore();
  $('compare-prev').focus();
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
    const [engine] = await Promise.all([loadEngine(), loadChart().catch(() => null)]);
    // A change is saved at once and its results drawn after the next paint: the clicked control
    // shows first, and clicks that come faster than scoring are scored once, as they stand.
    S = new DraftState(engine, { schedule: afterPaint });
  } catch (e) {
    // A pack that does not compile: the engine's problems, each with its file, line and column.
    const pack = isRenkeiError(e);
    const lines = pack ? problemLines(e, getLang()) : [];
    replace($('loading'),
      h('p', { class: 'load-error', text: pack ? `${t('packLoadFailed', {}, 'ja')}（${e.messageJa}） / ${t('packLoadFailed', {}, 'en')} (${String(e.message).split('\n')[0]})` : `${both('loadFailed')} (${e.message})` }),
      lines.length ? h('ul', {}, lines.map((l) => h('li', { text: l }))) : null);
    return;
  }
  await store.recover(); // drafts the browser lost when killed a moment after a change, from their mirror
  if (!S.engine.packUrl) {
    // Packs can be loaded in the page: the open draft's pack is the one it was left with.
    ui.shelf = new PackShelf(S.engine);
    S.home = S.engine.info.id;
    const id = store.currentDraftId();
    const d = id && store.loadDraft(id);
    if (d) S.engine = await engineForDraft(d);
  }
  S.addEventListener('saved', showSaved);
  S.addEventListener('save-failed', saveFailed);
  S.addEventListener('scored', showResults);
  S.addEventListener('score-failed', showScoreError);
  S.openLast();
  ui.samples = [];
  if (!S.engine.packUrl) {
    // The samples are answers for the embedded pack; a pack given by ?pack= has none.
    try {
      const list = await sampleList();
      ui.samples = Array.isArray(list) ? list.filter((x) => x && typeof x.id === 'string') : [];
    } catch {
      ui.samples = []; // a site without samples: no sample menu
    }
  }
  $('loading').remove();
  window.addEventListener('storage', (e) => {
    if (e.key === store.draftKey(S.draft.id)) alertBox(both('otherTab'), [], { id: 'load-other-tab', label: store.bothNotice('otherTabReload'), run: () => openDraft(S.draft.id) });
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
  $('pack-input').addEventListener('change', packPicked);
  if (ui.shelf) listenForDrops();
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
