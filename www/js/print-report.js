//! <print-report>: the report as printed (print stylesheet, A4): a cover with municipality,
//! fiscal year and date; the overall result with the chart; one page per dimension (個票) with
//! its answers, level, findings and next steps; last year's comparison when open; the pack's
//! provenance. Hidden on screen.
import { h, replaceExcept } from './dom.js';
import { ownShadow, styles } from './element-style.js';
import { t, tx, fmt1, pct, fiscalYearText, getLang } from './i18n.js';
import { answerText, norm, itemsInSet } from './answers.js';
import { sceneTable, findingItem, checkList } from './score-report.js';
import { comparison } from './year-compare.js';
import { setOrDefault, itemApplies } from './pack-words.js';
import { dimView, dimLevelText, overallView, overallLevelText, stageText, answeredCount, orderedFindings } from './result-text.js';

/** Today as 令和7年4月1日 / 1 April 2025. */
export function today(l = getLang()) {
  const d = new Date();
  // Formatting a date in the Japanese calendar costs about a millisecond: once a day per language.
  const key = `${l} ${d.toDateString()}`;
  if (todayText.key !== key) {
    todayText.key = key;
    todayText.text = l === 'en'
      ? d.toLocaleDateString('en-GB', { year: 'numeric', month: 'long', day: 'numeric' })
      : d.toLocaleDateString('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  }
  return todayText.text;
}
const todayText = { key: '', text: '' };

/** The pack's provenance block (printed report and blank questionnaire). */
export function provenance(engine) {
  const { info } = engine;
  return h('section', { class: 'page provenance' },
    h('h2', { text: t('provenance') }),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', { text: t('packId') }), h('dd', { text: info.id })),
      h('div', {}, h('dt', { text: t('packEdition') }), h('dd', { text: info.edition })),
      h('div', {}, h('dt', { text: t('packVersion') }), h('dd', { text: info.version })),
      h('div', {}, h('dt', { text: t('packHash') }), h('dd', { class: 'hash', text: info.hash })),
      h('div', {}, h('dt', { text: t('engine') }), h('dd', { text: `renkei ${engine.version}` }))),
    h('p', { text: tx(info.title) }),
    h('p', { text: tx(info.description) }),
    engine.packUrl ? h('p', { class: 'pack-url', text: `${t('packFrom')}: ${engine.packUrl}` }) : null,
    h('table', { class: 'levels-table' },
      h('caption', { text: t('level') }),
      h('tbody', {}, info.levels.map((l, i) => h('tr', {}, h('th', { scope: 'row', text: `${i} ${tx(l)}` }), h('td', { text: tx(l.description) }))))),
    h('p', { class: 'result-note', text: t('resultNote') }));
}

export class PrintReport extends HTMLElement {
  static define(tag = 'print-report', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The chart's image in the overall page: one element, moved into each new overall page. */
  #img = null;
  /** The printed report's shadow root: its ids and styles stay inside it. */
  #root = ownShadow(this);
  /** The parts in order (cover, overall, 要確認, comparison, a 個票 per dimension, provenance). */
  #order = [];
  /** Part name → { key: what it was drawn from (JSON), node } (a comment stands for a part not shown). */
  #drawn = new Map();

  /**
   * Draws the parts whose inputs changed since the last update (all of them when the parts
   * themselves changed: another item set, last year's file opened or closed, another pack).
   * @param {{ engine: any, assessment: any, report: any, chart: string, previous?: { name: string, assessment: any, report: any } }} o
   */
  update(o) {
    const chart = o.chart || this.#img?.getAttribute('src');
    this.#img ??= h('img', { class: 'radar-img' });
    this.#img.alt = t('radarLabel');
    if (chart) this.#img.src = chart;
    this.#img.hidden = !chart;
    const parts = this.#parts(o);
    const names = parts.map(([name]) => name);
    const draw = ([name, inputs, build]) => {
      const node = build() ?? document.createComment(name);
      this.#drawn.set(name, { key: JSON.stringify(inputs), node });
      return node;
    };
    if (names.length !== this.#order.length || names.some((n, i) => n !== this.#order[i])) {
      this.#drawn.clear();
      this.#order = names;
      replaceExcept(this.#root, styles(this.#root), parts.map(draw));
      return;
    }
    for (const part of parts) {
      const was = this.#drawn.get(part[0]);
      if (was.key !== JSON.stringify(part[1])) was.node.replaceWith(draw(part));
    }
  }

  /** The parts of the report: [name, what it is drawn from, build] (build may give null: not shown). */
  #parts({ engine, assessment, report, previous = null, problems = new Map(), shown = () => true }) {
    const { info, checklist } = engine;
    const a = assessment;
    const ctx = [info.hash, info.id, info.edition, info.version, engine.packUrl, getLang()];
    const o = report.overall;
    const ov = overallView(o, report);
    const { first } = orderedFindings(report);
    const place = [a.municipality?.prefecture, a.municipality?.name].filter(Boolean).join(' ');
    const printedOn = today();
    const cover = () => h('section', { class: 'page cover' },
      h('p', { class: 'cover-pack', text: tx(info.title) }),
      h('h1', { text: t('reportTitle') }),
      h('p', { class: 'cover-place', text: place || t('untitled') }),
      h('p', { class: 'cover-year', text: fiscalYearText(a.fiscalYear) }),
      h('dl', { class: 'facts cover-facts' },
        h('div', {}, h('dt', { text: t('itemSet') }), h('dd', { text: tx(report.assessment.itemSetTitle) })),
        h('div', {}, h('dt', { text: t('answered') }), h('dd', { text: `${answeredCount(report)} / ${report.assessment.asked}` })),
        h('div', {}, h('dt', { text: t('overallLevel') }), h('dd', { class: 'cover-level', text: overallLevelText(o, report) })),
        h('div', {}, h('dt', { text: t('printedOn') }), h('dd', { text: printedOn }))),
      h('p', { class: 'cover-pack-ref', text: `${info.id} ${info.edition} ${info.version}` }));

    const overall = () => h('section', { class: 'page overall-page' },
      h('h2', { text: t('overall') }),
      h('p', { class: 'overall-line' },
        ov.level === null ? null : h('span', { class: `lv lv-${ov.level}`, text: String(ov.level) }), ' ', overallLevelText(o, report), ' ・ ',
        `${t('score')} ${ov.level === null ? '—' : fmt1(o.score)} / 100 ・ ${t('stage')}: ${stageText(o)}`),
      ov.provisional ? h('p', { class: 'provisional-help', text: t('provisionalHelp') }) : null,
      h('div', { class: 'print-chart-row' },
        this.#img,
        h('table', { class: 'dim-table' },
          h('thead', {}, h('tr', {}, [t('dimension'), t('level'), `${t('score')} / ${t('csvMax')}`, t('rate')].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, report.dimensions.map((d) => {
            const rated = dimView(d).status === 'rated';
            return h('tr', { dataset: { dim: d.id } },
              h('th', { scope: 'row', text: `${d.id} ${tx(d.title)}` }),
              h('td', { class: 'print-level', text: dimLevelText(d, info) }),
              h('td', { class: 'num', text: rated ? `${fmt1(d.score)} / ${fmt1(d.max)}` : '—' }),
              h('td', { class: 'num', text: rated ? pct(d.rate) : '—' }));
          })))),
      sceneTable(report, t('sceneMatrix', { n: report.scenes.length })),
      h('h3', { text: t('nextSteps') }),
      report.nextStepsOrder && first.length ? h('p', { class: 'steps-order', text: tx(report.nextStepsOrder) }) : null,
      first.length
        ? h('ol', { class: 'findings' }, first.map((f) => findingItem(f, { link: false, info })))
        : h('p', { text: t('noSteps') }));

    const checkPage = () => {
      const check = checkList({ report, checklist, problems, shown, link: false, collapse: false });
      return check.count
        ? h('section', { class: 'page check-page' }, h('h2', { text: t('toCheckN', { n: check.count }) }),
          h('p', { text: t('toCheckPrint') }), check.node)
        : null;
    };
    const open = [...report.unanswered, ...report.undecided];

    const compare = () => (previous
      ? h('section', { class: 'page compare-page' }, h('h2', { text: t('compareTitle') }),
        comparison({ engine, current: { assessment: a, report }, previous }))
      : null);

    const asked = new Set(itemsInSet(checklist, setOrDefault(info, a.itemSet)).map((i) => i.id));
    const sheets = report.dimensions.filter((d) => dimView(d).status !== 'notAsked').map((d) => {
      const dim = checklist.dimensions.find((x) => x.id === d.id);
      const items = dim.items.filter((id) => asked.has(id)).map((id) => engine.itemsById.get(id)).filter((i) => itemApplies(i, a.answers, engine.itemsById));
      const findings = report.findings.filter((f) => f.dimension === d.id);
      return [`sheet:${d.id}`, [ctx, d, items.map((i) => [i.id, a.answers[i.id] ?? null]), findings], () => sheet(d, dim, items, findings)];
    });
    const sheet = (d, dim, items, findings) => {
      const rated = dimView(d).status === 'rated';
      return h('section', { class: 'page sheet', dataset: { dim: d.id } },
        h('p', { class: 'sheet-kicker', text: `${t('sheet')} ${d.id}` }),
        h('h2', {}, `${d.id} ${tx(d.title)}`),
        h('dl', { class: 'facts sheet-facts' },
          h('div', {}, h('dt', { text: t('level') }), h('dd', {}, h('strong', { class: 'sheet-level', text: dimLevelText(d, info) }))),
          h('div', {}, h('dt', { text: `${t('score')} / ${t('csvMax')}` }), h('dd', { text: rated ? `${fmt1(d.score)} / ${fmt1(d.max)}（${pct(d.rate)}）` : '—' })),
          h('div', {}, h('dt', { text: t('answered') }), h('dd', { text: `${d.answered} / ${d.total}` }))),
        dimView(d).label ? h('p', { class: 'sheet-label', text: tx(dimView(d).label) }) : null,
        dimView(d).partial ? h('p', { class: 'sheet-note', text: t('partialHelp') }) : null,
        dimView(d).status === 'unrated' ? h('p', { class: 'sheet-note', text: t('unratedLong') }) : null,
        d.caps.length ? h('p', { class: 'capped', text: d.caps.map((c) => t('cappedBy', c)).join(' ') }) : null,
        h('h3', { text: t('answersOfDim') }),
        h('table', { class: 'sheet-answers' },
          h('thead', {}, h('tr', {}, [t('question'), t('valueLabel'), t('note')].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, items.map((item) => {
            const raw = a.answers[item.id];
            return h('tr', { class: `st-${norm(raw).status}` },
              h('th', { scope: 'row', text: tx(item.question) }),
              h('td', { text: answerText(item, raw, info) }),
              h('td', { text: norm(raw).note ?? '' }));
          }))),
        h('h3', { text: t('findingsOfDim') }),
        findings.length ? h('ol', { class: 'findings' }, findings.map((f) => findingItem(f, { link: false, info }))) : h('p', { text: t('noSteps') }));
    };

    return [
      ['cover', [ctx, place, a.fiscalYear ?? null, report.assessment.itemSetTitle, answeredCount(report), report.assessment.asked, overallLevelText(o, report), printedOn], cover],
      ['overall', [ctx, o, ov, report.dimensions, report.scenes, report.nextStepsOrder ?? null, first], overall],
      ['check', [ctx, report.unanswered, report.undecided, [...problems.keys()].filter((id) => open.includes(id)), open.map(shown)], checkPage],
      // The comparison is drawn from last year's file and every answer of this year's.
      ['compare', previous ? [ctx, previous.name, previous.assessment, previous.report.overall, previous.report.dimensions, a.answers, a.itemSet, a.fiscalYear ?? null, o, report.dimensions] : [ctx, null], compare],
      ...sheets,
      ['provenance', [ctx, engine.version, info.title, info.description, info.levels], () => provenance(engine)],
    ];
  }

  /** Puts the radar chart's current image into the printed overall page. */
  setChart(src) {
    if (!this.#img || !src) return;
    if (this.#img.getAttribute('src') !== src) this.#img.src = src;
    this.#img.hidden = false;
  }
}
