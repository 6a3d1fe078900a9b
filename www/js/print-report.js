//! <print-report>: the report as printed (print stylesheet, A4): a cover with municipality,
//! fiscal year and date; the overall result with the chart; one page per dimension (個票) with
//! its answers, level, findings and next steps; last year's comparison when open; the pack's
//! provenance. Hidden on screen.
import { h, replace } from './dom.js';
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
  return l === 'en'
    ? d.toLocaleDateString('en-GB', { year: 'numeric', month: 'long', day: 'numeric' })
    : d.toLocaleDateString('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

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

  #img = null;
  /** The printed report's shadow root: its ids and styles stay inside it. */
  #root = ownShadow(this);

  /**
   * @param {{ engine: any, assessment: any, report: any, chart: string, previous?: { name: string, assessment: any, report: any } }} o
   */
  update({ engine, assessment, report, chart, previous = null, problems = new Map(), shown = () => true }) {
    const { info, checklist } = engine;
    const a = assessment;
    const place = [a.municipality?.prefecture, a.municipality?.name].filter(Boolean).join(' ');
    const o = report.overall;
    const ov = overallView(o, report);
    const { first } = orderedFindings(report);
    const last = this.#img?.getAttribute('src');
    this.#img = h('img', { class: 'radar-img', alt: t('radarLabel'), src: chart || last || null, hidden: !(chart || last) });

    const cover = h('section', { class: 'page cover' },
      h('p', { class: 'cover-pack', text: tx(info.title) }),
      h('h1', { text: t('reportTitle') }),
      h('p', { class: 'cover-place', text: place || t('untitled') }),
      h('p', { class: 'cover-year', text: fiscalYearText(a.fiscalYear) }),
      h('dl', { class: 'facts cover-facts' },
        h('div', {}, h('dt', { text: t('itemSet') }), h('dd', { text: tx(report.assessment.itemSetTitle) })),
        h('div', {}, h('dt', { text: t('answered') }), h('dd', { text: `${answeredCount(report)} / ${report.assessment.asked}` })),
        h('div', {}, h('dt', { text: t('overallLevel') }), h('dd', { class: 'cover-level', text: overallLevelText(o, report) })),
        h('div', {}, h('dt', { text: t('printedOn') }), h('dd', { text: today() }))),
      h('p', { class: 'cover-pack-ref', text: `${info.id} ${info.edition} ${info.version}` }));

    const overall = h('section', { class: 'page overall-page' },
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

    const check = checkList({ report, checklist, problems, shown, link: false, collapse: false });
    const checkPage = check.count
      ? h('section', { class: 'page check-page' }, h('h2', { text: t('toCheckN', { n: check.count }) }),
        h('p', { text: t('toCheckPrint') }), check.node)
      : null;

    const compare = previous
      ? h('section', { class: 'page compare-page' }, h('h2', { text: t('compareTitle') }),
        comparison({ engine, current: { assessment: a, report }, previous }))
      : null;

    const asked = new Set(itemsInSet(checklist, setOrDefault(info, a.itemSet)).map((i) => i.id));
    const sheets = report.dimensions.filter((d) => dimView(d).status !== 'notAsked').map((d) => {
      const dim = checklist.dimensions.find((x) => x.id === d.id);
      const items = dim.items.filter((id) => asked.has(id)).map((id) => engine.itemsById.get(id)).filter((i) => itemApplies(i, a.answers, engine.itemsById));
      const rated = dimView(d).status === 'rated';
      const findings = report.findings.filter((f) => f.dimension === d.id);
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
    });

    replace(this.#root, styles(this.#root), cover, overall, checkPage, compare, sheets, provenance(engine));
  }

  /** Puts the radar chart's current image into the printed overall page. */
  setChart(src) {
    if (!this.#img || !src) return;
    this.#img.src = src;
    this.#img.hidden = false;
  }
}
