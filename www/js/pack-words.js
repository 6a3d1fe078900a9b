//! Words and structure that belong to the rule pack, read from what the engine says about it
//! (scorer.info() and scorer.checklist()): the item sets and the default one, the scenes, the
//! advice bases, the source documents, item numbers and when an item or an option applies.
//! Nothing here names a scene, a set or a basis of any particular pack.
import { t, tx } from './i18n.js';

/** The item set a new draft starts with: the one marked `default`, else the last declared. */
export function defaultSet(info) {
  return info.sets.find((s) => s.default) ?? info.sets[info.sets.length - 1];
}

/** The id of a known item set, else the default set's id. */
export const setOrDefault = (info, id) => (info.sets.some((s) => s.id === id) ? id : defaultSet(info).id);

/** The scenes of the pack, in display order: the checklist's `scenes`, else the options of its first `scenes` item. */
export function scenesOf(checklist) {
  if (Array.isArray(checklist.scenes) && checklist.scenes.length) return checklist.scenes;
  return checklist.items.find((i) => i.type === 'scenes')?.options ?? [];
}

/** How many marker dimensions the pack has (the 「4つの指標」 of the default pack). */
export const markerCount = (checklist) => checklist.dimensions.filter((d) => d.marker).length;

/** The label of an advice basis from the pack's `bases`; the basis id when the pack has none. */
export function basisLabel(id, info, l) {
  const b = info?.bases?.find((x) => x.id === id);
  return b ? tx(b.title, l) : String(id ?? '');
}

/** The description of an advice basis, when the pack gives one. */
export const basisDescription = (id, info, l) => tx(info?.bases?.find((x) => x.id === id)?.description, l);

/** A source as shown to users: 「quote」（title, year）; the bare file number when the pack has no title for it. */
export function sourceText(s, info, l) {
  if (!s) return '';
  const en = l === 'en';
  const doc = info?.sources?.find((d) => d.file === s.file);
  const quote = s.quote ? `「${s.quote}」` : '';
  if (!doc) return `[${s.file}]${quote}`;
  const title = tx(doc.title, l);
  if (en) return `${quote} (${title}${doc.year ? `, ${doc.year}` : ''})`;
  return `${quote}（${title}${doc.year ? `、${doc.year}年` : ''}）`;
}

/** Item id → its number in the form, "D4-2" (dimension id and position in the dimension). */
export function itemNumbers(checklist) {
  const out = new Map();
  for (const d of checklist.dimensions) d.items.forEach((id, i) => out.set(id, `${d.id}-${i + 1}`));
  return out;
}

/** The condition an item or an option carries: `{ item, is, isNot }` (null when it always applies). */
export function conditionOf(x) {
  const c = x?.appliesWhen ?? x?.applies_when;
  if (!c || typeof c.item !== 'string') return null;
  return { item: c.item, is: c.is ?? [], isNot: c.isNot ?? c.is_not ?? [] };
}

/** The chosen value of a stored answer as a list of option ids (null when there is no value). */
function chosen(raw) {
  let v = raw;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (v.status && v.status !== 'answered') return null;
    v = v.value;
  }
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'boolean') return [v ? 'yes' : 'no'];
  return [String(v)];
}

/**
 * Whether a condition holds for the answers, as the engine decides it: while the deciding item
 * has no value (unanswered, 未定, 該当なし) — or does not apply itself — it holds, so the item
 * is asked. `is`: the answer is (for multi: includes) one of these; else `isNot`: it is
 * (includes) none of these. Conditions nest at most a few deep; deeper ones hold.
 */
export function conditionHolds(cond, answers, itemsById = null, depth = 1) {
  if (!cond) return true;
  const decider = itemsById?.get(cond.item);
  if (itemsById && !decider) return true;
  if (depth > 8 || (decider && !conditionHolds(conditionOf(decider), answers, itemsById, depth + 1))) return true;
  const v = chosen(answers?.[cond.item]);
  if (v === null) return true;
  if (cond.is.length) return cond.is.some((x) => v.includes(x));
  return !cond.isNot.some((x) => v.includes(x));
}

/** True when an item applies with these answers (its `appliesWhen` holds, or it has none). */
export const itemApplies = (item, answers, itemsById = null) => conditionHolds(conditionOf(item), answers, itemsById);

/** The options of an item that apply with these answers. */
export const applicableOptions = (item, answers, itemsById = null) => (item.options ?? []).filter((o) => conditionHolds(conditionOf(o), answers, itemsById));

/** "the four scenes" with the pack's own number of scenes. */
export const scenesWord = (checklist, l) => t('scenesN', { n: scenesOf(checklist).length }, l);
