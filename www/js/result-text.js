//! What a result says, in words, the same on screen, in print and in the CSV: a level states only
//! what the answers prove. A dimension is rated, 未評価 (nothing answered), 対象外 (does not
//! apply) or outside the chosen item set; a rated dimension with open items (unanswered or 未定)
//! shows its range, 「レベル1（未回答3問：最大3）」, and 簡易判定 when the set leaves out some of
//! its items. Reports of the engine before proven levels (with `assessed` instead of `status`)
//! are read too.
import { t, tx } from './i18n.js';

/**
 * @typedef {object} DimView
 * @property {'rated'|'unrated'|'notApplicable'|'notAsked'} status
 * @property {number|null} level  proven level (rated only)
 * @property {number|null} upper  highest level the open items could lead to (rated only)
 * @property {number} open        asked items unanswered or 未定
 * @property {boolean} partial    the chosen set leaves out items of the dimension (簡易判定)
 * @property {any} label          the anchor text of the level, only when it is settled
 */

/** True when the report comes from the engine that states proven levels (status, upper, open). */
export const provenShape = (report) => Boolean(report?.dimensions?.[0] && 'status' in report.dimensions[0]);

/** @returns {DimView} */
export function dimView(d) {
  if (!d) return { status: 'notAsked', level: null, upper: null, open: 0, partial: false, label: null };
  const status = d.status ?? (!d.assessed ? 'notAsked' : d.level === null || d.level === undefined ? 'notApplicable' : 'rated');
  const rated = status === 'rated';
  const level = rated ? d.level ?? 0 : null;
  const upper = rated ? Math.max(d.upper ?? level, level) : null;
  return { status, level, upper, open: d.open ?? 0, partial: Boolean(d.partial), label: rated && upper === level ? d.label ?? null : null };
}

/** A dimension's level in words: "レベル2 案・試行", "レベル1（未回答3問：最大3）", 未評価, 対象外 … */
export function dimLevelText(d, info, l, { partial = true } = {}) {
  const v = dimView(d);
  let s;
  if (v.status === 'notAsked') s = t('notAsked', {}, l);
  else if (v.status === 'notApplicable') s = t('notApplicableDim', {}, l);
  else if (v.status === 'unrated') s = t('unrated', {}, l);
  else if (v.open > 0) s = t('levelRange', { level: v.level, open: v.open, upper: v.upper }, l);
  else s = `${t('levelN', { level: v.level }, l)} ${tx(info?.levels?.[v.level], l)}`.trim();
  if (partial && v.partial && v.status === 'rated') s += t('partialSuffix', {}, l);
  return s;
}

/** The range part alone, 「（未回答3問：最大3）」, or '' when nothing is open. */
export function rangeText(d, l) {
  const v = dimView(d);
  return v.status === 'rated' && v.open > 0 ? t('rangeOnly', { open: v.open, upper: v.upper }, l) : '';
}

/**
 * @typedef {object} OverallView
 * @property {number|null} level
 * @property {number|null} upper
 * @property {boolean} provisional
 * @property {any} label
 * @property {{id: string, label: any}|null} stage
 * @property {{lower: any, upper: any}|null} stageRange
 */

/** @returns {OverallView} */
export function overallView(o, report) {
  const level = o.level ?? null;
  const upper = level === null ? null : Math.max(o.upper ?? level, level);
  // Before proven levels the engine had no `provisional`: a result with unanswered or 未定
  // items is still one the answers do not settle.
  const provisional = 'provisional' in o ? Boolean(o.provisional)
    : Boolean(report && (report.unanswered?.length || report.undecided?.length));
  return { level, upper, provisional, label: level !== null && upper === level ? o.label ?? null : null, stage: o.stage ?? null, stageRange: o.stageRange ?? null };
}

/** The overall level in words: "レベル2 案・試行", "レベル1〜3（暫定）", 未評価. */
export function overallLevelText(o, report, l) {
  const v = overallView(o, report);
  if (v.level === null) return t('unrated', {}, l);
  const base = v.upper > v.level ? t('levelSpan', { level: v.level, upper: v.upper }, l) : `${t('levelN', { level: v.level }, l)}${v.label ? ` ${tx(v.label, l)}` : ''}`;
  return v.provisional ? `${base}${t('provisionalSuffix', {}, l)}` : base;
}

/** The development stage in words; a range 「初動期〜拡充期（未確定）」 when the answers leave it open. */
export function stageText(o, l) {
  if (o.stage) return tx(o.stage.label, l);
  const r = o.stageRange;
  if (r && (r.lower || r.upper)) {
    const lo = r.lower ? tx(r.lower.label, l) : '';
    const hi = r.upper ? tx(r.upper.label, l) : '';
    return t('stageOpen', { range: lo && hi && lo !== hi ? `${lo}〜${hi}` : lo || hi }, l);
  }
  return '—';
}

/** Answered items, 未定 not counted (the engine before proven levels counted 未定). */
export function answeredCount(report) {
  const a = report.assessment.answered;
  return provenShape(report) ? a : a - (report.undecided?.length ?? 0);
}

/** The findings in the order to show: the report's `nextSteps` first (in its order), then the rest. */
export function orderedFindings(report) {
  const byId = new Map(report.findings.map((f) => [f.id, f]));
  const first = (report.nextSteps ?? []).map((id) => byId.get(id)).filter(Boolean);
  const shown = new Set(first.map((f) => f.id));
  return { first, rest: report.findings.filter((f) => !shown.has(f.id)) };
}

/** The items to check (要確認): unanswered and 未定, as `[{ item, why: 'unanswered'|'undecided' }]`, in checklist order when given the checklist. */
export function toCheck(report, checklist = null) {
  const list = [
    ...(report.unanswered ?? []).map((item) => ({ item, why: 'unanswered' })),
    ...(report.undecided ?? []).map((item) => ({ item, why: 'undecided' })),
  ];
  if (!checklist) return list;
  const pos = new Map(checklist.items.map((i, n) => [i.id, n]));
  return list.sort((a, b) => (pos.get(a.item) ?? Infinity) - (pos.get(b.item) ?? Infinity));
}
