//! References from the scripts to the checklist: `a.level("ts_status_level")` names an item,
//! `a.gaps("D1", …)` a dimension. The engine finds an unknown id only when a script reads it while
//! scoring; the editor finds every literal one while typing, as an `unknown-reference` problem at
//! its line and column (what the engine reports for the same mistake in an item file).

const ITEM_CALLS = ['answered', 'value', 'level', 'yes', 'no', 'has', 'count', 'number', 'na', 'ratio', 'weight', 'points', 'scene_cells'];
const DIM_CALLS = ['items', 'item_points', 'below_mature', 'gaps'];
const CALL = new RegExp(`\\.(${[...ITEM_CALLS, ...DIM_CALLS].join('|')})\\(\\s*"([^"\\\\\\n]*)"`, 'g');

/** The text with comments blanked out (same length, so offsets stay). */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"/g, (m) => (m.startsWith('"') ? m : m.replace(/[^\n]/g, ' ')));
}

/** Problems (the shape validatePack returns) for every literal id a script reads that the checklist lacks. */
export function scriptReferences(files, checklist) {
  const items = new Set(checklist.items.map((i) => i.id));
  const dims = new Set(checklist.dimensions.map((d) => d.id));
  const out = [];
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith('.rhai')) continue;
    const clean = withoutComments(text);
    for (const m of clean.matchAll(CALL)) {
      const [, call, id] = m;
      const isDim = DIM_CALLS.includes(call);
      if (isDim ? dims.has(id) : items.has(id)) continue;
      const at = m.index + m[0].indexOf('"') + 1;
      const before = text.slice(0, at);
      const line = before.split('\n').length;
      const column = at - before.lastIndexOf('\n');
      out.push({
        code: 'unknown-reference', file, line, column, item: null,
        message: `${call}() names '${id}', which is not ${isDim ? 'a dimension' : 'an item'} of the pack`,
        messageJa: `${call}() の「${id}」は${isDim ? '観点のID' : '設問ID'}ではありません`,
      });
    }
  }
  return out;
}
