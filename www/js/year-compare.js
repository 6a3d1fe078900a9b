//! <year-compare>: last year's file beside this year's answers: the change of the overall
//! result, of each dimension's proven level and score, and every answer that changed. A change
//! of level that unanswered or 未定 items may explain (the two years' ranges overlap) is marked;
//! files of different item sets, or of the same fiscal year, get a warning first.
import { h, replaceExcept } from './dom.js';
import { ownShadow, styles } from './element-style.js';
import { t, tx, fmt1, fiscalYearText } from './i18n.js';
import { answerText, sameAnswer, itemsInSet } from './answers.js';
import { setOrDefault } from './pack-words.js';
import { dimView, overallView } from './result-text.js';

/** +2 / −1.5 / ±0 ; null when either side is missing. */
export function deltaText(a, b, digits = 0) {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  const d = Number((b - a).toFixed(digits));
  if (d === 0) return '±0';
  return `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(digits)}`;
}

const deltaCell = (a, b, digits, mark = false) => {
  const d = deltaText(a, b, digits);
  const cls = d === null ? 'delta' : d.startsWith('+') ? 'delta up' : d.startsWith('−') ? 'delta down' : 'delta same';
  return h('td', { class: `${cls}${mark ? ' from-open' : ''}`, dataset: { fromOpen: String(mark) } },
    d ?? '—', mark ? h('span', { class: 'open-mark', title: t('compareOpenNote'), text: t('compareOpenMark') }) : null);
};

/** A level and the range above it: { level, upper } (null level when not rated). */
const rangeOfDim = (d) => {
  const v = dimView(d);
  return { level: v.level, upper: v.upper, status: v.status };
};

/**
 * True when a change of proven level may come from unanswered or 未定 items rather than from
 * changed answers: the two years' ranges [level, upper] overlap although the levels differ.
 */
export function changeFromOpen(before, after) {
  if (before.level === null || after.level === null || before.level === after.level) return false;
  return after.level > before.level ? before.upper >= after.level : after.upper >= before.level;
}

const levelCell = (d) => {
  if (!d) return h('td', { class: 'num', text: '—' });
  const v = dimView(d);
  if (v.status !== 'rated') return h('td', { class: 'num muted', text: t(v.status === 'notApplicable' ? 'notApplicableDim' : v.status) });
  return h('td', { class: 'num', text: v.upper > v.level ? `${v.level}（${t('upTo', { upper: v.upper })}）` : String(v.level) });
};

/** Warnings before the comparison: other item sets, the same fiscal year. */
export function compareWarnings({ engine, current, previous }) {
  const { info } = engine;
  const out = [];
  const sb = setOrDefault(info, previous.assessment.itemSet);
  const sa = setOrDefault(info, current.assessment.itemSet);
  if (sb !== sa) {
    const title = (id) => tx(info.sets.find((s) => s.id === id)?.title) || id;
    out.push({ code: 'sets', text: t('compareSetsDiffer', { before: title(sb), after: title(sa) }) });
  }
  const fb = previous.assessment.fiscalYear;
  const fa = current.assessment.fiscalYear;
  if (Number.isInteger(fb) && fb === fa) out.push({ code: 'year', text: t('compareSameYear', { fy: fiscalYearText(fa) }) });
  return out;
}

/**
 * The comparison as elements (used on screen and in the printed report).
 * @param {{ engine: any, current: { assessment: any, report: any }, previous: { name: string, assessment: any, report: any } }} o
 */
export function comparison({ engine, current, previous }) {
  const { info, checklist } = engine;
  const pr = previous.report;
  const cr = current.report;
  const who = [previous.assessment.municipality?.name, fiscalYearText(previous.assessment.fiscalYear)].filter(Boolean).join(' ');
  const items = itemsInSet(checklist, setOrDefault(info, current.assessment.itemSet));
  const changed = items.filter((i) => !sameAnswer(previous.assessment.answers?.[i.id], current.assessment.answers?.[i.id]));
  const po = overallView(pr.overall, pr);
  const co = overallView(cr.overall, cr);
  const overallMark = changeFromOpen(po, co);
  let anyMark = overallMark;
  const overallLevel = (v) => (v.level === null ? t('unrated') : v.upper > v.level ? `${v.level}（${t('upTo', { upper: v.upper })}）` : String(v.level));
  const rows = cr.dimensions.map((d) => {
    const p = pr.dimensions.find((x) => x.id === d.id);
    const a = rangeOfDim(d);
    const b = p ? rangeOfDim(p) : { level: null, upper: null };
    const mark = changeFromOpen(b, a);
    anyMark ||= mark;
    const score = (x) => (x && dimView(x).status === 'rated' ? x.score : null);
    return h('tr', { dataset: { dim: d.id } },
      h('th', { scope: 'row' }, h('span', { class: 'dim-id', text: d.id }), ' ', tx(d.title)),
      levelCell(p), levelCell(d), deltaCell(b.level, a.level, 0, mark),
      h('td', { class: 'num', text: score(p) === null ? '—' : fmt1(score(p)) }), h('td', { class: 'num', text: score(d) === null ? '—' : fmt1(score(d)) }),
      deltaCell(score(p), score(d), 1));
  });
  const warnings = compareWarnings({ engine, current, previous });
  return [
    warnings.length ? h('ul', { class: 'compare-warnings' }, warnings.map((w) => h('li', { dataset: { warning: w.code }, text: w.text }))) : null,
    h('p', { class: 'compare-source', text: `${t('lastYear')}: ${who} — ${previous.name}` }),
    h('p', { class: 'compare-proven', text: t('compareProven') }),
    h('table', { class: 'compare-overall' },
      h('caption', { class: 'visually-hidden', text: t('overall') }),
      h('thead', {}, h('tr', {}, [t('overall'), t('before'), t('after'), t('delta')].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {},
        h('tr', { dataset: { row: 'level' } }, h('th', { scope: 'row', text: t('overallLevel') }),
          h('td', { class: 'num', text: overallLevel(po) }), h('td', { class: 'num', text: overallLevel(co) }), deltaCell(po.level, co.level, 0, overallMark)),
        h('tr', { dataset: { row: 'score' } }, h('th', { scope: 'row', text: t('score') }),
          h('td', { class: 'num', text: fmt1(pr.overall.score) }), h('td', { class: 'num', text: fmt1(cr.overall.score) }), deltaCell(pr.overall.score, cr.overall.score, 1)))),
    h('table', { class: 'compare-dims' },
      h('caption', { text: t('compareDims') }),
      h('thead', {},
        h('tr', {}, h('th', { scope: 'col', rowspan: 2, text: t('dimension') }),
          h('th', { scope: 'colgroup', colspan: 3, text: t('level') }), h('th', { scope: 'colgroup', colspan: 3, text: t('score') })),
        h('tr', {}, [t('before'), t('after'), t('delta'), t('before'), t('after'), t('delta')].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, rows)),
    anyMark ? h('p', { class: 'compare-open-note', text: t('compareOpenNote') }) : null,
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

  /** The comparison's shadow root: its ids and styles stay inside it. */
  #root = ownShadow(this);
  /** Nothing shown (no last year's file): a change then has nothing to take away. */
  #empty = true;

  /** Shows the comparison, or hides the element when `o.previous` is null. */
  update(o) {
    this.hidden = !o.previous;
    if (!o.previous) {
      if (!this.#empty) replaceExcept(this.#root, styles(this.#root));
      this.#empty = true;
      return;
    }
    this.#empty = false;
    replaceExcept(this.#root, styles(this.#root), h('h2', { text: t('compareTitle') }), comparison(o));
  }
}
