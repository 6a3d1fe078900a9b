// Scale inputs: the default pack with every item copied k times (k = 1, 2, 4; the copies get ids
// `<id>__2`, `<id>__3`, …, same questions, options, weights and sets, so each dimension's
// points-based rules see k times the items), and the per-change sequence for the fully answered
// assessment. Runs in Node (tests/bench/prepare.mjs).
import { valueFor, rng } from './synth.mjs';

/**
 * The pack's files with every `[[item]]` block of every items file repeated k times.
 * @param {Record<string, string>} files  the pack's files (pack.toml, items/…, scripts/…)
 */
export function scaledPack(files, k) {
  const out = {};
  for (const [path, text] of Object.entries(files)) {
    if (k === 1 || !path.startsWith('items/')) { out[path] = text; continue; }
    const parts = text.split(/^(?=\[\[item\]\]$)/m);
    const head = parts.shift();
    const copies = [];
    for (let c = 2; c <= k; c++) {
      for (const block of parts) {
        if (!/^id = "/m.test(block)) throw new Error(`scale: an item block of ${path} has no id line`);
        copies.push(block.replace(/^id = "([^"]+)"/m, (_, id) => `id = "${id}__${c}"`));
      }
    }
    out[path] = [head, ...parts, ...copies].join('');
  }
  // the pack's own test cases are not part of the scaled pack
  out['pack.toml'] = out['pack.toml'].replace(/^tests = \[[^\]]*\]/m, 'tests = []');
  for (const p of Object.keys(out)) if (p.startsWith('tests/')) delete out[p];
  return out;
}

/**
 * One answer change per asked item of the fully answered assessment, then each change undone:
 * what a user clicking through the form does. Values come from the synthetic generator at the
 * other end of the maturity scale, so each change changes the answer.
 */
export function changeSequence(checklist, assessment) {
  const r = rng(7);
  const pick = (arr) => arr[Math.floor(r() * arr.length)];
  const set = assessment.itemSet;
  const changes = [];
  for (const item of checklist.items) {
    if (!item.sets.includes(set) || item.type === 'text') continue;
    const old = assessment.answers[item.id];
    let value = valueFor(item, 0.1, r, pick);
    if (JSON.stringify(value) === JSON.stringify(old)) value = valueFor(item, 0.6, r, pick);
    if (JSON.stringify(value) === JSON.stringify(old)) continue;
    changes.push({ id: item.id, value, old: old ?? null });
  }
  return [...changes.map((c) => ({ id: c.id, value: c.value })), ...changes.map((c) => ({ id: c.id, value: c.old }))];
}
