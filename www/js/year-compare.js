//! <year-compare>: last year's file beside this year's answers: the change of the overall
//! result, of each dimension's level and score, and every answer that changed.
import { h, replace } from './dom.js';
import { t, tx, fmt1, fiscalYearText } from './i18n.js';
import { answerText, sameAnswer, itemsInSet } from './answers.js';

/** +2 / −1.5 / ±0 ; null when either side is missing. */
export function deltaText(a, b, digits = 0) {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  const d = Number((b - a).toFixed(digits));
  if (d === 0) return '±0';
  return `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(digits)}`;
}

const deltaCell = (a, b, digits) => {
  const d = deltaText(a, b, digits);
  const cls = d === null ? 'delta' : d.startsWith('+') ? 'delta up' : d.startsWith('−') ? 'delta down' : 'delta same';
  return h('td', { class: cls, text: d ?? '—' });
};

const levelOf = (d) => (!d ? null : !d.assessed ? null : d.level);
const levelCell = (d) => h('td', { class: 'num', text: !d ? '—' : !d.assessed ? t('notAssessed') : d.level === null ? t('notApplicableDim') : String(d.level) });

/**
 * The comparison as elements (used on screen and in the printed report).
 * @param {{ engine: any, current: { assessment: any, report: any }, previous: { name: string, assessment: any, report: any } }} o
 */
export function comparison({ engine, current, previous }) {
  const { info, checklist } = engine;
  const pr = previous.report;
  const cr = current.report;
  const who = [previous.assessment.municipality?.name, fiscalYearText(previous.assessment.fiscalYear)].filter(Boolean).join(' ');
  const items = itemsInSet(checklist, current.assessment.itemSet ?? 'full');
  const changed = items.filter((i) => !sameAnswer(previous.assessment.answers?.[i.id], current.assessment.answers?.[i.id]));
  return [
    h('p', { class: 'compare-source', text: `${t('lastYear')}: ${who} — ${previous.name}` }),
    h('table', { class: 'compare-overall' },
      h('caption', { class: 'visually-hidden', text: t('overall') }),
      h('thead', {}, h('tr', {}, [t('overall'), t('before'), t('after'), t('delta')].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {},
        h('tr', { dataset: { row: 'level' } }, h('th', { scope: 'row', text: t('overallLevel') }),
          h('td', { class: 'num', text: String(pr.overall.level) }), h('td', { class: 'num', text: String(cr.overall.level) }), deltaCell(pr.overall.level, cr.overall.level, 0)),
        h('tr', { dataset: { row: 'score' } }, h('th', { scope: 'row', text: t('score') }),
          h('td', { class: 'num', text: fmt1(pr.overall.score) }), h('td', { class: 'num', text: fmt1(cr.overall.score) }), deltaCell(pr.overall.score, cr.overall.score, 1)))),
    h('table', { class: 'compare-dims' },
      h('caption', { text: t('compareDims') }),
      h('thead', {},
        h('tr', {}, h('th', { scope: 'col', rowspan: 2, text: t('dimension') }),
          h('th', { scope: 'colgroup', colspan: 3, text: t('level') }), h('th', { scope: 'colgroup', colspan: 3, text: t('score') })),
        h('tr', {}, [t('before'), t('after'), t('delta'), t('before'), t('after'), t('delta')].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, cr.dimensions.map((d) => {
        const p = pr.dimensions.find((x) => x.id === d.id);
        return h('tr', { dataset: { dim: d.id } },
          h('th', { scope: 'row' }, h('span', { class: 'dim-id', text: d.id }), ' ', tx(d.title)),
          levelCell(p), levelCell(d), deltaCell(levelOf(p), levelOf(d), 0),
          h('td', { class: 'num', text: p?.assessed ? fmt1(p.score) : '—' }), h('td', { class: 'num', text: d.assessed ? fmt1(d.score) : '—' }),
          deltaCell(p?.assessed ? p.score : null, d.assessed ? d.score : null, 1));
      }))),
    changed.length
      ? h('table', { class: 'compare-items' },
        h('caption', { text: t('compareItems', { n: changed.length }) }),
        h('thead', {}, h('tr', {}, [t('question'), t('before'), t('after')].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, changed.map((i) => h('tr', { dataset: { item: i.id } },
          h('th', { scope: 'row' }, h('span', { class: 'dim-id', text: i.dimension }), ' ', tx(i.question)),
          h('td', { text: answerText(i, previous.assessment.answers?.[i.id], info) }),
          h('td', { text: answerText(i, current.assessment.answers?.[i.id], info) })))))
      : h('p', { text: t('compareNoItems') }),
  ];
}

export class YearCompare extends HTMLElement {
  static define(tag = 'year-compare', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Shows the comparison, or hides the element when `o.previous` is null. */
  update(o) {
    this.hidden = !o.previous;
    if (!o.previous) {
      this.replaceChildren();
      return;
    }
    replace(this, h('h2', { text: t('compareTitle') }), comparison(o));
  }
}
