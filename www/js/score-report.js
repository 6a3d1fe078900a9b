//! <score-report>: the live result of the current answers: overall level, score and stage; per
//! dimension level, score against maximum and 得点率 (a radar chart with the same numbers in a
//! table beside it); the scene matrix; the items to check (要確認); the next steps with their
//! sources. A level states what the answers prove: open items show as a range, never as an
//! anchor that asserts a fact; a dimension with nothing answered is 未評価, never 0.
import { h, replace, morph, setText } from './dom.js';
import { t, tx, fmt1, pct, getLang } from './i18n.js';
import { RadarChart } from './radar-chart.js';
import { ownShadow, styles } from './element-style.js';
import { sourceText, basisLabel, basisDescription, itemNumbers } from './pack-words.js';
import { dimView, dimLevelText, rangeText, overallView, overallLevelText, stageText, answeredCount, orderedFindings, toCheck } from './result-text.js';

/** The columns of the scene matrix: the fields of the report's `scenes[]` rows. */
export const SCENE_COLS = [
  ['target', 'colTarget'],
  ['indicators', 'colIndicators'],
  ['contract', 'colContract'],
  ['council', 'colCouncil'],
];
export const CELL_MARK = { yes: '○', no: '×', unknown: '？', na: '－', notAsked: '・' };

/** Short labels for the radar's axes: ["D9", "関係機関連携"]; long titles wrap after "・". */
export function axisLabel(d) {
  if (getLang() === 'en') {
    const title = tx(d.title).split(/[:(,]/)[0].trim();
    const lines = [];
    for (const w of title.split(' ')) {
      if (lines.length && `${lines[lines.length - 1]} ${w}`.length <= 14) lines[lines.length - 1] += ` ${w}`;
      else lines.push(w);
    }
    return [d.id, ...lines.slice(0, 3)];
  }
  const title = tx(d.title).split(/[（(]/)[0];
  if (title.length <= 6) return [d.id, title];
  const lines = [''];
  for (const p of title.split(/(?<=・)/)) {
    if (lines[lines.length - 1] && (lines[lines.length - 1] + p).length > 6) lines.push(p);
    else lines[lines.length - 1] += p;
  }
  return [d.id, ...lines];
}

/** A dimension's level as text (shared with the printed report and the comparison). */
export const levelText = (d, info) => dimLevelText(d, info);

/** The cell of a dimension's level: badge, level name or range, 簡易判定, caps. */
export function levelCell(d, info, { colspan = 1 } = {}) {
  const v = dimView(d);
  if (v.status !== 'rated') {
    const help = v.status === 'unrated' ? t('unratedLong') : v.status === 'notAsked' ? t('notAskedLong') : null;
    return h('td', { colspan, class: `not-assessed st-${v.status}`, title: help }, dimLevelText(d, info));
  }
  return h('td', { class: 'lvcell' },
    h('span', { class: `lv lv-${v.level}`, text: String(v.level) }), ' ',
    v.open > 0
      ? h('span', { class: 'lvrange', text: rangeText(d) })
      : h('span', { class: 'lvname', text: tx(info.levels[v.level]) }),
    v.partial ? h('span', { class: 'badge partial', title: t('partialHelp'), text: t('partial') }) : null,
    d.caps?.length ? h('span', { class: 'capped', text: d.caps.map((c) => t('cappedBy', c)).join(' ') }) : null);
}

/** The scene matrix as a table (shared with the printed report); rows and labels from the report. */
export function sceneTable(report, caption, { hiddenCaption = false } = {}) {
  const notAsked = report.scenes.some((s) => SCENE_COLS.some(([k]) => s[k] === 'notAsked'));
  return [
    h('table', { class: 'scene-table' },
      h('caption', { class: hiddenCaption ? 'visually-hidden' : null, text: caption }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('scene') }), SCENE_COLS.map(([, k]) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, report.scenes.map((s) => h('tr', { dataset: { scene: s.scene } },
        h('th', { scope: 'row', text: tx(s.label) }),
        SCENE_COLS.map(([k]) => h('td', { class: `cell cell-${s[k]}`, dataset: { value: s[k] } },
          h('span', { 'aria-hidden': 'true', text: CELL_MARK[s[k]] ?? '' }), ' ', t(`cell_${s[k]}`),
          k === 'target' && typeof s.targetLevel === 'number' ? ` (${t('level')} ${s.targetLevel})` : '')))))),
    notAsked ? h('p', { class: 'table-note', text: t('cellNotAskedNote') }) : null,
  ];
}

/** A finding's element as last built, by what it is built from: the next one is a copy (cloneNode), not built again. */
const findingNodes = new Map();

/** One finding with its advice and sources (shared with the printed report). */
export function findingItem(f, { link = true, info = null } = {}) {
  const key = JSON.stringify([getLang(), info?.hash ?? null, link, f]);
  let node = findingNodes.get(key);
  if (!node) {
    if (findingNodes.size >= 500) findingNodes.clear();
    node = buildFinding(f, { link, info });
    findingNodes.set(key, node);
  }
  return node.cloneNode(true);
}

function buildFinding(f, { link, info }) {
  const target = f.items?.[0];
  const title = tx(f.title);
  return h('li', { class: `finding sev-${f.severity}`, dataset: { finding: f.id } },
    h('p', { class: 'f-head' },
      h('span', { class: 'badge dim', text: f.dimension }), ' ',
      h('span', { class: `badge sev sev-${f.severity}`, text: t(`severity_${f.severity}`) })),
    h('p', { class: 'f-title' }, link && target ? h('a', { href: `#item-${target}`, dataset: { item: target } }, title) : title),
    h('ul', { class: 'advice' }, f.advice.map((a) => h('li', {},
      h('span', { text: tx(a) }), ' ',
      h('span', { class: 'basis', title: basisDescription(a.basis, info) || null, text: basisLabel(a.basis, info) }),
      a.inferred ? h('span', { class: 'basis', text: t('inferred') }) : null,
      h('br'),
      h('span', { class: 'src' }, `${t('sources')}: `, h('cite', { text: sourceText(a.source, info, getLang()) }))))));
}

/**
 * The items to check (要確認): every unanswered and 未定 item, in checklist order, as links to the
 * item in the form (`a[data-item]`); items whose entry has a problem are marked.
 * @param {{ report: any, checklist: any, problems?: Map<string, any>, shown?: (id: string) => boolean, link?: boolean }} o
 */
export function checkList({ report, checklist, problems = new Map(), shown = () => true, link = true, collapse = true }) {
  const numbers = itemNumbers(checklist);
  const byId = new Map(checklist.items.map((i) => [i.id, i]));
  const list = toCheck(report, checklist).filter((c) => byId.has(c.item) && shown(c.item));
  if (!list.length) return { count: 0, node: h('p', { class: 'check-none', text: t('toCheckNone') }) };
  const entry = (c) => {
    const item = byId.get(c.item);
    const q = tx(item.question);
    const short = link && q.length > 44 ? `${q.slice(0, 42)}…` : q;
    const label = `${numbers.get(c.item)} ${short}`;
    return h('li', { dataset: { item: c.item, why: c.why } },
      link ? h('a', { href: `#item-${c.item}`, dataset: { item: c.item }, title: short === q ? null : q }, label) : label, ' ',
      h('span', { class: `badge why-${c.why}`, text: t(c.why === 'undecided' ? 'undecided' : 'unanswered') }),
      problems.has(c.item) ? h('span', { class: 'badge why-problem', text: t('toCheckProblem') }) : null);
  };
  const FIRST = collapse ? 5 : Infinity;
  return {
    count: list.length,
    node: [
      h('ul', { class: 'check-list' }, list.slice(0, FIRST).map(entry)),
      list.length > FIRST
        ? h('details', { class: 'check-more' }, h('summary', {}, t('toCheckMore', { n: list.length - FIRST })),
          h('ul', { class: 'check-list' }, list.slice(FIRST).map(entry)))
        : null,
    ],
  };
}

/**
 * @fires score-report-chart  after the radar chart has been drawn for the last update.
 */
export class ScoreReport extends HTMLElement {
  static define(tag = 'score-report', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The last report shown (a plain object from the engine). */
  report = null;
  /** Milliseconds taken by each scoring, in order (for the page test and the status line). */
  timings = [];
  /** Milliseconds of each whole update (scoring, results, form progress, printed report), set by the page. */
  totals = [];
  #radar = null;
  #parts = null;
  /** Per part of the results, what it was last drawn from: a part whose inputs did not change is left as it is (no DOM rebuilt, no layout). */
  #drawn = new Map();
  /** The report's shadow root: its ids and styles stay inside it. */
  #root = ownShadow(this);

  #skeleton() {
    const canvas = h('canvas', { role: 'img', 'aria-label': t('radarLabel') });
    this.#radar = new RadarChart(canvas);
    this.#parts = {
      error: h('div', { class: 'score-error', role: 'alert', hidden: true }),
      overall: h('div', { class: 'overall' }),
      checkH: h('h2', { id: 'res-check-h', text: t('toCheck') }),
      check: h('div', { class: 'check-box' }),
      radarBox: h('div', { class: 'radar-box' }, canvas),
      table: h('div', { class: 'dim-table-box' }),
      scenesH: h('h2', { id: 'res-scenes-h' }),
      scenes: h('div', { class: 'scenes-box' }),
      steps: h('div', { class: 'steps-box' }),
      time: h('p', { class: 'score-time' }),
    };
    const p = this.#parts;
    replace(this.#root, styles(this.#root),
      p.error,
      h('section', { 'aria-labelledby': 'res-overall-h', class: 'res-overall' }, h('h2', { id: 'res-overall-h', class: 'visually-hidden', text: t('overall') }), p.overall),
      h('section', { 'aria-labelledby': 'res-check-h', class: 'res-check', id: 'to-check' }, p.checkH,
        h('p', { class: 'check-help', text: t('toCheckHelp') }), p.check),
      h('section', { 'aria-labelledby': 'res-dims-h', class: 'res-dims' },
        h('h2', { id: 'res-dims-h', text: t('dimensions') }),
        h('div', { class: 'chart-and-table' }, p.radarBox, p.table)),
      h('section', { 'aria-labelledby': 'res-scenes-h', class: 'res-scenes' }, p.scenesH, p.scenes),
      h('section', { 'aria-labelledby': 'res-steps-h', class: 'res-steps' }, h('h2', { id: 'res-steps-h', text: t('nextSteps') }), p.steps),
      h('p', { class: 'result-note', text: t('resultNote') }),
      p.time);
  }

  /** Re-creates the static parts (after a language switch). */
  reset() {
    this.#parts = null;
    this.#drawn.clear();
  }

  /** Whether a part must be drawn again: its inputs (as JSON) differ from the last drawing's. */
  #changed(part, ...inputs) {
    const key = JSON.stringify(inputs);
    if (this.#drawn.get(part) === key) return false;
    this.#drawn.set(part, key);
    return true;
  }

  /** Shows a scoring error; the last good report stays. */
  showError(text) {
    if (!this.#parts) this.#skeleton();
    this.#parts.error.hidden = !text;
    this.#parts.error.textContent = text ?? '';
  }

  /**
   * @param {{ info: any, checklist: any, report: any, ms: number, previous?: any, problems?: Map<string, any>, shown?: (id: string) => boolean }} o
   *        previous: last year's report; problems: item id → the engine's problem with its entry;
   *        shown: whether the form shows an item (the 要確認 list links only to those)
   * @returns {Promise<void>} resolves when the chart is drawn
   */
  update({ info, checklist, report, ms, previous = null, problems = new Map(), shown = () => true }) {
    if (!this.#parts) {
      this.#skeleton();
      this.#drawn.clear();
    }
    // Inputs every part is drawn from besides the report: the pack and the language.
    const ctx = [info?.hash, info?.id, getLang()];
    this.report = report;
    this.timings.push(ms);
    this.dataset.scoreMs = ms.toFixed(3);
    const p = this.#parts;
    p.error.hidden = !problems.size;
    setText(p.error, problems.size ? t('answerProblems', { n: problems.size }) : '');
    const o = report.overall;
    const ov = overallView(o, report);
    const asked = report.assessment.asked;
    const answered = answeredCount(report);
    p.overall.dataset.level = String(ov.level ?? '');
    p.overall.dataset.provisional = String(ov.provisional);
    if (this.#changed('overall', ctx, o, asked, answered, report.unanswered.length, report.undecided.length)) morph(p.overall,
      h('p', { class: 'overall-level' },
        h('span', { class: 'ol-caption', text: t('overallLevel') }),
        h('span', { class: `lv lv-${ov.level ?? 'na'}`, id: 'overall-level', dataset: { level: ov.level ?? '', upper: ov.upper ?? '' }, text: ov.level === null ? '—' : ov.upper > ov.level ? `${ov.level}〜${ov.upper}` : String(ov.level) }),
        h('span', { class: 'ol-label', id: 'overall-text', text: ov.level === null ? t('unrated') : ov.upper > ov.level ? t('levelSpan', { level: ov.level, upper: ov.upper }) : tx(ov.label) }),
        ov.provisional ? h('span', { class: 'badge provisional', id: 'overall-provisional', title: t('provisionalHelp'), text: t('provisional') }) : null),
      ov.provisional ? h('p', { class: 'provisional-help', text: t('provisionalHelp') }) : null,
      h('dl', { class: 'overall-facts' },
        h('div', {}, h('dt', { text: t('score') }), h('dd', {}, h('strong', { id: 'overall-score', text: ov.level === null ? '—' : fmt1(o.score) }), ' / 100')),
        h('div', {}, h('dt', { text: t('stage') }), h('dd', { id: 'overall-stage', text: stageText(o) })),
        h('div', {}, h('dt', { text: t('answered') }), h('dd', {},
          h('span', { id: 'overall-answered', text: `${answered} / ${asked}` }), ' ',
          h('progress', { max: Math.max(asked, 1), value: answered, 'aria-label': t('progressAll') })))));

    const open = [...report.unanswered, ...report.undecided, ...problems.keys()];
    if (this.#changed('check', ctx, report.unanswered, report.undecided, [...problems].map(([id, q]) => [id, q.message, q.messageJa]), open.map(shown), report.notApplicable)) {
      const check = checkList({ report, checklist, problems, shown });
      setText(p.checkH, check.count ? t('toCheckN', { n: check.count }) : t('toCheck'));
      const wasOpenCheck = p.check.querySelector('details')?.open ?? false;
      morph(p.check, check.node);
      const more = p.check.querySelector('details');
      if (more) more.open = wasOpenCheck;
    }

    // A radar needs three axes at least: a pack of one or two dimensions has the table only.
    const radar = report.dimensions.length >= 3;
    p.radarBox.hidden = !radar;
    if (radar) {
      const levelOf = (d) => (d && dimView(d).status === 'rated' ? d.level : null);
      const series = [{ label: t('thisYear'), data: report.dimensions.map(levelOf) }];
      if (previous) series.push({ label: t('lastYear'), data: report.dimensions.map((d) => levelOf(previous.dimensions.find((x) => x.id === d.id))) });
      const labels = report.dimensions.map(axisLabel);
      // The chart is drawn again only when what it shows changed (a canvas redraw is the dearest part of an update).
      if (this.#changed('radar', ctx, labels, series) || !this.chartDrawn) this.chartDrawn = this.#radar.draw({ labels, series });
    } else {
      this.chartDrawn = Promise.resolve();
    }
    this.chartDrawn = this.chartDrawn.then(() => this.dispatchEvent(new CustomEvent('score-report-chart', { bubbles: true })));

    if (this.#changed('table', ctx, report.dimensions)) morph(p.table, h('table', { class: 'dim-table' },
      h('caption', { class: 'visually-hidden', text: t('dimensions') }),
      h('thead', {}, h('tr', {}, [t('dimension'), t('level'), `${t('score')} / ${t('csvMax')}`, t('rate')].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, report.dimensions.map((d) => {
        const v = dimView(d);
        return h('tr', { dataset: { dim: d.id, status: v.status, level: v.level ?? '', upper: v.upper ?? '', open: v.open, partial: String(v.partial) } },
          h('th', { scope: 'row' }, h('span', { class: 'dim-id', text: d.id }), ' ', tx(d.title)),
          v.status === 'rated'
            ? [levelCell(d, info), h('td', { class: 'num', text: `${fmt1(d.score)} / ${fmt1(d.max)}` }), h('td', { class: 'num', text: pct(d.rate) })]
            : levelCell(d, info, { colspan: 3 }));
      }))));

    if (this.#changed('scenes', ctx, report.scenes, report.assessment.itemSet)) {
      setText(p.scenesH, t('sceneMatrix', { n: report.scenes.length }));
      morph(p.scenes, sceneTable(report, t('sceneMatrix', { n: report.scenes.length }), { hiddenCaption: true }));
    }

    const { first, rest } = orderedFindings(report);
    const wasOpen = p.steps.querySelector('details')?.open ?? false;
    if (this.#changed('steps', ctx, report.nextStepsOrder, first, rest)) morph(p.steps,
      report.nextStepsOrder && first.length ? h('p', { class: 'steps-order', text: tx(report.nextStepsOrder) }) : null,
      first.length ? h('ol', { class: 'findings first-steps' }, first.map((f) => findingItem(f, { info }))) : h('p', { text: t('noSteps') }),
      rest.length
        ? h('details', { class: 'more-steps', open: wasOpen },
          h('summary', {}, t('moreSteps', { n: rest.length })),
          h('ol', { class: 'findings', start: first.length + 1 }, rest.map((f) => findingItem(f, { info }))))
        : null);
    setText(p.time, t('scoreTime', { ms: ms.toFixed(2) }));
    return this.chartDrawn;
  }

  /** The chart as an image, for printing. */
  chartImage() {
    return this.#radar?.image() ?? '';
  }

  /** The same, encoded off the page's thread (RadarChart#imageSoon): '' when it changed meanwhile. */
  chartImageSoon() {
    return this.#radar?.imageSoon() ?? Promise.resolve('');
  }
}
