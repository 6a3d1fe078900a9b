//! <score-report>: the live result of the current answers: overall level, score and stage; per
//! dimension level, score against maximum and 得点率 (a radar chart with the same numbers in a
//! table beside it); the four-scene matrix; the prioritised next steps with their sources.
import { h, replace } from './dom.js';
import { t, tx, fmt1, pct, sourceText, getLang } from './i18n.js';
import { RadarChart } from './radar-chart.js';

export const SCENE_COLS = [
  ['target', 'colTarget'],
  ['indicators', 'colIndicators'],
  ['contract', 'colContract'],
  ['council', 'colCouncil'],
];
export const CELL_MARK = { yes: '○', no: '×', unknown: '？', na: '－' };

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

/** A dimension's level as text: "2 案・試行", 対象外 (not assessed) or 該当なし (level null). */
export function levelText(d, info) {
  if (!d.assessed) return t('notAssessed');
  if (d.level === null || d.level === undefined) return t('notApplicableDim');
  return `${d.level} ${tx(info.levels[d.level])}`;
}

/** The scene matrix as a table (shared with the printed report). */
export function sceneTable(report, caption) {
  return h('table', { class: 'scene-table' },
    h('caption', { text: caption }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('scene') }), SCENE_COLS.map(([, k]) => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, report.scenes.map((s) => h('tr', { dataset: { scene: s.scene } },
      h('th', { scope: 'row', text: tx(s.label) }),
      SCENE_COLS.map(([k]) => h('td', { class: `cell cell-${s[k]}`, dataset: { value: s[k] } },
        h('span', { 'aria-hidden': 'true', text: CELL_MARK[s[k]] ?? '' }), ' ', t(`cell_${s[k]}`),
        k === 'target' && typeof s.targetLevel === 'number' ? ` (${t('level')} ${s.targetLevel})` : ''))))));
}

/** One finding with its advice and sources (shared with the printed report). */
export function findingItem(f, { link = true } = {}) {
  const target = f.items?.[0];
  const title = tx(f.title);
  return h('li', { class: `finding sev-${f.severity}`, dataset: { finding: f.id } },
    h('p', { class: 'f-head' },
      h('span', { class: 'badge dim', text: f.dimension }), ' ',
      h('span', { class: `badge sev sev-${f.severity}`, text: t(`severity_${f.severity}`) })),
    h('p', { class: 'f-title' }, link && target ? h('a', { href: `#item-${target}`, dataset: { item: target } }, title) : title),
    h('ul', { class: 'advice' }, f.advice.map((a) => h('li', {},
      h('span', { text: tx(a) }), ' ',
      h('span', { class: 'basis', text: t(`basis_${a.basis}`) }), a.inferred ? h('span', { class: 'basis', text: t('inferred') }) : null,
      h('br'),
      h('span', { class: 'src' }, `${t('sources')}: `, h('cite', { text: sourceText(a.source) }))))));
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

  #skeleton() {
    const canvas = h('canvas', { role: 'img', 'aria-label': t('radarLabel') });
    this.#radar = new RadarChart(canvas);
    this.#parts = {
      error: h('div', { class: 'score-error', role: 'alert', hidden: true }),
      overall: h('div', { class: 'overall' }),
      radarBox: h('div', { class: 'radar-box' }, canvas),
      table: h('div', { class: 'dim-table-box' }),
      scenes: h('div', { class: 'scenes-box' }),
      steps: h('div', { class: 'steps-box' }),
      time: h('p', { class: 'score-time' }),
    };
    const p = this.#parts;
    replace(this,
      p.error,
      h('section', { 'aria-labelledby': 'res-overall-h', class: 'res-overall' }, h('h2', { id: 'res-overall-h', class: 'visually-hidden', text: t('overall') }), p.overall),
      h('section', { 'aria-labelledby': 'res-dims-h', class: 'res-dims' },
        h('h2', { id: 'res-dims-h', text: t('dimensions') }),
        h('div', { class: 'chart-and-table' }, p.radarBox, p.table)),
      h('section', { 'aria-labelledby': 'res-scenes-h', class: 'res-scenes' }, h('h2', { id: 'res-scenes-h', text: t('sceneMatrix') }), p.scenes),
      h('section', { 'aria-labelledby': 'res-steps-h', class: 'res-steps' }, h('h2', { id: 'res-steps-h', text: t('nextSteps') }), p.steps),
      h('p', { class: 'result-note', text: t('resultNote') }),
      p.time);
  }

  /** Re-creates the static parts (after a language switch). */
  reset() {
    this.#parts = null;
  }

  /** Shows a scoring error; the last good report stays. */
  showError(text) {
    if (!this.#parts) this.#skeleton();
    this.#parts.error.hidden = !text;
    this.#parts.error.textContent = text ?? '';
  }

  /**
   * @param {{ info: any, report: any, ms: number, previous?: any }} o  previous: last year's report
   * @returns {Promise<void>} resolves when the chart is drawn
   */
  update({ info, report, ms, previous = null }) {
    if (!this.#parts) this.#skeleton();
    this.report = report;
    this.timings.push(ms);
    this.dataset.scoreMs = ms.toFixed(3);
    const p = this.#parts;
    p.error.hidden = true;
    const o = report.overall;
    const asked = report.assessment.asked;
    const answered = report.assessment.answered;
    p.overall.dataset.level = String(o.level);
    replace(p.overall,
      h('p', { class: 'overall-level' },
        h('span', { class: 'ol-caption', text: t('overallLevel') }),
        h('span', { class: `lv lv-${o.level}`, id: 'overall-level', dataset: { level: o.level }, text: String(o.level) }),
        h('span', { class: 'ol-label', text: tx(o.label) })),
      h('dl', { class: 'overall-facts' },
        h('div', {}, h('dt', { text: t('score') }), h('dd', {}, h('strong', { id: 'overall-score', text: fmt1(o.score) }), ' / 100')),
        h('div', {}, h('dt', { text: t('stage') }), h('dd', { id: 'overall-stage', text: tx(o.stage?.label) || '—' })),
        h('div', {}, h('dt', { text: t('answered') }), h('dd', {},
          h('span', { id: 'overall-answered', text: `${answered} / ${asked}` }), ' ',
          h('progress', { max: Math.max(asked, 1), value: answered, 'aria-label': t('progressAll') })))));

    const levelsNow = report.dimensions.map((d) => (d.assessed ? d.level : null));
    const series = [{ label: t('thisYear'), data: levelsNow }];
    if (previous) series.push({ label: t('lastYear'), data: report.dimensions.map((d) => previous.dimensions.find((x) => x.id === d.id)).map((d) => (d?.assessed ? d.level : null)) });
    this.chartDrawn = this.#radar.draw({ labels: report.dimensions.map(axisLabel), series })
      .then(() => this.dispatchEvent(new CustomEvent('score-report-chart', { bubbles: true })));

    replace(p.table, h('table', { class: 'dim-table' },
      h('caption', { class: 'visually-hidden', text: t('dimensions') }),
      h('thead', {}, h('tr', {}, [t('dimension'), t('level'), `${t('score')} / ${t('csvMax')}`, t('rate')].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, report.dimensions.map((d) => h('tr', { dataset: { dim: d.id, assessed: String(d.assessed), level: d.level ?? '' } },
        h('th', { scope: 'row' }, h('span', { class: 'dim-id', text: d.id }), ' ', tx(d.title)),
        d.assessed
          ? [
            h('td', { class: 'lvcell' }, h('span', { class: `lv lv-${d.level ?? 'na'}`, text: d.level ?? '－' }), ' ',
              h('span', { class: 'lvname', text: d.level === null ? t('notApplicableDim') : tx(info.levels[d.level]) }),
              d.caps.length ? h('span', { class: 'capped', text: d.caps.map((c) => t('cappedBy', c)).join(' ') }) : null),
            h('td', { class: 'num', text: `${fmt1(d.score)} / ${fmt1(d.max)}` }),
            h('td', { class: 'num', text: pct(d.rate) }),
          ]
          : h('td', { colspan: 3, class: 'not-assessed', text: t('notAssessed') }))))));

    replace(p.scenes, sceneTable(report, t('sceneMatrix')));

    const top = report.findings.slice(0, 5);
    const rest = report.findings.slice(5);
    const wasOpen = p.steps.querySelector('details')?.open ?? false;
    replace(p.steps,
      top.length ? h('ol', { class: 'findings' }, top.map((f) => findingItem(f))) : h('p', { text: t('noSteps') }),
      rest.length
        ? h('details', { class: 'more-steps', open: wasOpen },
          h('summary', {}, t('moreSteps', { n: rest.length })),
          h('ol', { class: 'findings', start: 6 }, rest.map((f) => findingItem(f))))
        : null);
    p.time.textContent = t('scoreTime', { ms: ms.toFixed(2) });
    return this.chartDrawn;
  }

  /** The chart as an image, for printing. */
  chartImage() {
    return this.#radar?.image() ?? '';
  }
}
