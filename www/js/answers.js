//! Answers as the assessment file stores them (README: a value, null, { status: "undecided" },
//! { status: "na", reason }, { value, note }) and the one shape the page works with:
//! { value, status, reason, note }.
import { t, tx } from './i18n.js';

/**
 * @typedef {object} Answer
 * @property {any} value     boolean, option id, array of option ids, 0–4, number or string; null when none
 * @property {'answered'|'unanswered'|'undecided'|'na'} status
 * @property {string} [reason] why it does not apply (status "na")
 * @property {string} [note]   a free note kept in the report
 */

/** Any stored answer → { value, status, reason, note }. */
export function norm(raw) {
  if (raw === null || raw === undefined) return { value: null, status: 'unanswered' };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { value: raw, status: 'answered' };
  const value = raw.value ?? null;
  let status = raw.status ?? (value === null ? 'unanswered' : 'answered');
  if (status === 'answered' && value === null) status = 'unanswered';
  const a = { value: status === 'answered' ? value : null, status };
  if (status === 'na') a.reason = raw.reason ?? '';
  if (typeof raw.note === 'string' && raw.note !== '') a.note = raw.note;
  return a;
}

/** { value, status, reason, note } → the compact stored form, or undefined for "nothing at all". */
export function compact(a) {
  const note = a.note ? { note: a.note } : {};
  if (a.status === 'na') return { status: 'na', reason: a.reason ?? '', ...note };
  if (a.status === 'undecided') return { status: 'undecided', ...note };
  if (a.value !== null && a.value !== undefined) return a.note ? { value: a.value, note: a.note } : a.value;
  if (a.note) return { value: null, note: a.note };
  return undefined;
}

/** True when the stored answer counts for progress (a value, 未定, or 該当なし with a reason). */
export function counts(raw) {
  const a = norm(raw);
  return a.status === 'answered' || a.status === 'undecided' || (a.status === 'na' && (a.reason ?? '').trim() !== '');
}

/**
 * The answers the engine (and a saved file) may hold: a 該当なし whose reason is still empty
 * stays in the draft (so nothing typed is lost) but is left out here.
 * @returns {{ answers: Record<string, any>, incomplete: string[] }}
 */
export function forEngine(answers) {
  const out = {};
  const incomplete = [];
  for (const [id, raw] of Object.entries(answers ?? {})) {
    const a = norm(raw);
    if (a.status === 'na' && (a.reason ?? '').trim() === '') {
      incomplete.push(id);
      if (a.note) out[id] = { value: null, note: a.note };
      continue;
    }
    out[id] = raw;
  }
  return { answers: out, incomplete };
}

/** The level labels of a level item: its own, or the pack's general scale numbered 0–4. */
export function levelLabels(item, info) {
  if (item.levels?.length === 5) return item.levels.map((l) => ({ ja: l.ja, en: l.en }));
  return info.levels.map((l, i) => ({ ja: `${i} ${l.ja}`, en: `${i} ${l.en}` }));
}

/** Yes/no labels of a yes_no item. */
export function yesNoLabels(item) {
  return {
    yes: item.labels?.yes ?? { ja: t('yes', {}, 'ja'), en: t('yes', {}, 'en') },
    no: item.labels?.no ?? { ja: t('no', {}, 'ja'), en: t('no', {}, 'en') },
  };
}

/** The value alone, as text (no status). */
export function valueText(item, value, info, l) {
  if (value === null || value === undefined) return '';
  switch (item.type) {
    case 'yes_no': {
      const lb = yesNoLabels(item);
      return tx(value ? lb.yes : lb.no, l);
    }
    case 'single':
      return tx(item.options.find((o) => o.id === value) ?? value, l);
    case 'multi':
    case 'scenes':
      if (!Array.isArray(value)) return String(value);
      if (value.length === 0) return t(item.type === 'scenes' ? 'noScene' : 'none', {}, l);
      return value.map((v) => tx(item.options.find((o) => o.id === v) ?? v, l)).join(l === 'en' ? ', ' : '、');
    case 'level':
      return tx(levelLabels(item, info)[value] ?? String(value), l);
    case 'number':
      return item.unit ? `${value} ${tx(item.unit, l)}` : String(value);
    default:
      return String(value);
  }
}

/** A stored answer as one line of text: the value, 未定, 該当なし（理由）or 未回答. */
export function answerText(item, raw, info, l) {
  const a = norm(raw);
  if (a.status === 'undecided') return t('undecided', {}, l);
  if (a.status === 'na') return `${t('na', {}, l)}${a.reason ? (l === 'en' ? ` (${a.reason})` : `（${a.reason}）`) : ''}`;
  if (a.status === 'unanswered') return t('unanswered', {}, l);
  return valueText(item, a.value, info, l);
}

/** Two stored answers are the same answer (value, status and reason; notes ignored). */
export function sameAnswer(x, y) {
  const a = norm(x);
  const b = norm(y);
  if (a.status !== b.status) return false;
  if (a.status === 'na') return (a.reason ?? '') === (b.reason ?? '');
  const key = (v) => (Array.isArray(v) ? JSON.stringify([...v].sort()) : JSON.stringify(v));
  return key(a.value) === key(b.value);
}

/** Items of an item set, in checklist order. */
export const itemsInSet = (checklist, set) => checklist.items.filter((i) => i.sets.includes(set));
