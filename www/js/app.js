//! The self-assessment page: wires the draft's state and actions (draft-state.js: drafts per
//! municipality × fiscal year, saved in the browser on every change, scoring) to the page's
//! elements (the form, the results, last year's comparison, the printed report: each in its own
//! shadow root, receiving state and dispatching events), the toolbar, files in and out.
import { loadEngine, isRenkeiError, problemLines } from './engine.js';
import { h, replace } from './dom.js';
import { t, tx, both, setLang, getLang, fiscalYearText, fmt1 } from './i18n.js';
import * as store from './store.js';
import { DraftState } from './draft-state.js';
import { readAssessment, assessmentOf, fileName, download, csvOf } from './files.js';
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
const ui = { samples: [], lastLevel: undefined, printDirty: false };

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

/** After every save (S emits `saved`, detail { forkedFrom } when another tab had saved this draft). */
function showSaved(ev) {
  const forkedFrom = ev.detail?.forkedFrom;
  if (forkedFrom) alertBox(store.bothNotice('forked'), [], { id: 'open-other-draft', label: store.bothNotice('openOther'), run: () => openDraft(forkedFrom) });
  else if ($('save-now')) replace($('alerts')); // storage works again
  const el = $('saved');
  if (el) el.textContent = t('savedAt', { t: new Date().toLocaleTimeString(getLang() === 'en' ? 'en-GB' : 'ja-JP') });
  renderDraftList();
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

function showScoreError(ev) {
  const e = ev.detail.error;
  const msg = isRenkeiError(e) ? `${e.messageJa} ${problemLines(e).join(' / ')}` : String(e);
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
  replace($('mini-summary'),
    h('span', {}, `${t('overallLevel')} `, h('strong', { text })),
    h('span', {}, `${t('score')} ${fmt1(o.score)}`),
    h('span', {}, `${t('answered')} ${answeredCount(report)}/${report.assessment.asked}`));
  $('report').totals.push(performance.now() - S.startedAt);
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
  if (ui.printDirty) {
    $('print').update({ engine, assessment: draft.assessment, report, chart: '', previous: S.previous, problems: S.problems, shown: (id) => $('form').isShown(id) });
    ui.printDirty = false;
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
  const list = S.drafts();
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
  ui.lastLevel = undefined;
  renderChrome();
  if (S.draft.assessment.itemSet) {
    $('form').load(S.engine, S.draft);
    $('report').reset();
    rescore();
  }
}

// --- actions -------------------------------------------------------------------------------

function onFormChange(ev) {
  const { item, answer, pending } = ev.detail;
  S.setAnswer(item, answer, pending);
}

function basicsInput(ev) {
  const id = ev.target.id;
  if (id === 'muni-name') S.setMunicipality('name', ev.target.value);
  else if (id === 'muni-pref') S.setMunicipality('prefecture', ev.target.value);
  else if (id === 'fiscal-year') {
    S.setFiscalYearText(ev.target.value);
    showFyProblem();
  }
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

function openDraft(id) {
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
  renderAll();
  $('draft-select').focus();
}

async function clearAll() {
  if (!(await confirmDialog(t('clearConfirmTitle'), t('clearConfirmBody'), t('clearConfirmYes')))) return;
  S.clearAnswers();
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

async function openPicked() {
  const picked = await readPicked($('open-input'));
  if (!picked) return;
  const { name, result } = picked;
  if (!result.ok) {
    rejected(name, result.problems);
    return;
  }
  const msg = S.openAssessment(result.assessment) === 'here' ? t('fileOpened', { name }) : t('fileOpenedNew', { name });
  renderAll();
  say([msg, ...result.notices.map((n) => `${n.ja} / ${n.en}`)].join(' '));
}

/** Opens one of the site's sample assessments (samples/, from tests/cases) as a new draft. */
async function openSample() {
  const id = $('sample-select').value;
  if (!id) return;
  const entry = ui.samples.find((x) => x.id === id);
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
  S.openAsNew(result.assessment);
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
  S.setPrevious(name, result.assessment);
  renderChrome();
  rescore();
  say(t('prevLoaded', { name }));
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
    S = new DraftState(engine);
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
