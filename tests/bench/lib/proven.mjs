// The shared harness in front of every peer: what renkei's engine does *before* any rule runs
// (rules/README.md, "Proven level, range, applicability"), done once here from the checklist's
// item metadata, so that each peer stays a plain rule engine over 19 facts.
//
// Why here and not in each peer: the proven semantics are not D1–D4 rules but the engine's
// contract with every rule pack — an open item (unanswered, 未定, or outside the chosen item set)
// counts as its least mature answer, and a dimension with nothing answered is 未評価 (unrated,
// no level). Writing that into json-rules-engine conditions or JSON Logic would mean encoding
// item metadata (each item's type, its options' points, its sets, every applies_when of the
// dimension's other items) as rules: the peers would stop being rule engines run on facts and
// become re-implementations of renkei's answer sheet. What the peers do re-implement, each in
// its own way, is everything the D1–D4 scripts decide, plus the applicability of the items they
// read (co_* need a council; the 委託先 stakeholder and the ct_* items need an outsourced program).
//
// This file is written from the README and the checklist, not from renkei's code, and never calls
// renkei: `checklist` is the data that scorer.checklist() (or the item files) describe.
// Runs in Node and in the browser (no imports but the list of facts).
import { READ } from './fourmarker.mjs';

const MARKERS = ['D1', 'D2', 'D3', 'D4'];

/** The least mature answer of an item (README: false, level 0, the fewest-points option, no
 * options, the number `min`), or undefined when its type has no order (text; a single choice
 * whose options all earn the same points, such as 直営／委託): such an item stays unanswered. */
export function leastValue(item) {
  switch (item.type) {
    case 'yes_no': return false;
    case 'level': return 0;
    case 'multi':
    case 'scenes': return [];
    case 'number': return Math.max(0, item.min ?? 0);
    case 'single': {
      const pts = item.options.map((o) => o.points ?? 0);
      const lo = Math.min(...pts);
      if (!(Math.max(...pts) > lo)) return undefined;
      return item.options[pts.indexOf(lo)].id;
    }
    default: return undefined;
  }
}

/** One answer of the file: { kind: 'value', value } | { kind: 'na' } | { kind: 'open' }. */
function answerOf(answers, id) {
  let v = answers?.[id];
  if (v === undefined || v === null) return { kind: 'open' };
  if (typeof v === 'object' && !Array.isArray(v)) {
    const status = v.status ?? ('value' in v ? 'answered' : 'unanswered');
    if (status === 'na') return { kind: 'na' };
    if (status !== 'answered' || v.value === undefined || v.value === null) return { kind: 'open' };
    v = v.value;
  }
  return { kind: 'value', value: v };
}

/**
 * @param {{ items: object[], dimensions: object[] }} checklist  item metadata (scorer.checklist()'s shape)
 * @returns {(assessment: object) => { facts: Record<string, any>, blank: string[] }}
 *   facts: each item of READ with its value as the proven pass's rules see it — the file's answer,
 *   or its least mature answer when open; null when it has none (該当なし, or no order). Whether
 *   it applies is left to the peers. blank: the markers the report leaves without a level
 *   whatever the rules say: 未評価 (no asked item has an answer or 該当なし), 対象外 (every asked
 *   item 該当なし), or nothing asked.
 */
export function makeProver(checklist) {
  const items = new Map(checklist.items.map((i) => [i.id, i]));
  for (const id of READ) if (!items.has(id)) throw new Error(`proven: the checklist has no item ${id}`);
  // Per marker, its items in each item set.
  const sets = [...new Set(checklist.items.flatMap((i) => i.sets))];
  const dims = MARKERS.map((d) => [d, Object.fromEntries(sets.map((s) => [s, checklist.items.filter((i) => i.dimension === d && i.sets.includes(s))]))]);

  // An item applies unless the item its condition names is answered (and itself applies) with an
  // answer the condition rules out (README, "Applicability"). `value(id)` gives the sheet's value.
  const applies = (item, value, depth = 0) => {
    const c = item.appliesWhen;
    if (!c) return true;
    const d = items.get(c.item);
    if (!d || depth > 8 || !applies(d, value, depth + 1)) return true;
    const v = value(d.id);
    const chosen = typeof v === 'string' ? [v] : Array.isArray(v) ? v : typeof v === 'boolean' ? [v ? 'yes' : 'no'] : null;
    if (!chosen) return true; // unanswered, 未定, 該当なし: still asked
    return c.is?.length ? chosen.some((x) => c.is.includes(x)) : !chosen.some((x) => (c.isNot ?? []).includes(x));
  };

  return (assessment) => {
    const answers = assessment.answers ?? {};
    const set = assessment.itemSet;
    const real = (id) => answerOf(answers, id);
    const realValue = (id) => { const a = real(id); return a.kind === 'value' ? a.value : null; };

    const facts = {};
    for (const id of READ) {
      const item = items.get(id);
      const a = real(id);
      const open = !item.sets.includes(set) || a.kind === 'open';
      facts[id] = open ? (leastValue(item) ?? null) : a.kind === 'value' ? a.value : null;
    }

    // 未評価: no asked item answered (a value or 該当なし); 対象外: every asked item 該当なし;
    // nothing asked. A dimension is rated as soon as one asked item has a value.
    const blank = [];
    for (const [d, bySet] of dims) {
      let value = false, na = false, open = false;
      for (const i of bySet[set] ?? []) {
        if (!applies(i, realValue)) continue;
        const k = real(i.id).kind;
        if (k === 'value') { value = true; break; }
        if (k === 'na') na = true; else open = true;
      }
      if (!value && !(na && open)) blank.push(d);
    }
    return { facts, blank };
  };
}

/**
 * A peer behind the harness: `levelsOf(facts)` gives { D1, D2, D3, D4 } (or a promise of it);
 * the result is the function renkei's levels are compared with, assessment in, levels out.
 */
export function proven(prove, levelsOf) {
  const finish = (levels, blank) => {
    for (const d of blank) levels[d] = null;
    return levels;
  };
  return (assessment) => {
    const { facts, blank } = prove(assessment);
    const out = levelsOf(facts);
    return typeof out?.then === 'function' ? out.then((l) => finish(l, blank)) : finish(out, blank);
  };
}
