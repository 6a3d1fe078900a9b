// The "four-marker" work that renkei and its peers all do for the comparison row: the levels of
// D1 目指す姿, D2 協議体, D3 評価指標 and D4 委託契約・仕様書, with the gating rules G1–G6.
// Runs in Node and in the browser (no imports).

/** Item files and scripts of rules/default that make the four-marker pack. */
export const FOUR_MARKER_ITEMS = [
  'items/d1_target_states.toml',
  'items/d2_council.toml',
  'items/d3_indicators.toml',
  'items/d4_contracts.toml',
];
export const FOUR_MARKER_SCRIPTS = [
  'scripts/common.rhai',
  'scripts/d1_target_states.rhai',
  'scripts/d2_council.rhai',
  'scripts/d3_indicators.rhai',
  'scripts/d4_contracts.rhai',
  'scripts/overall.rhai', // the stage rule tolerates a pack without D5
];

const tomlList = (key, list) => `${key} = [\n${list.map((p) => `  "${p}",`).join('\n')}\n]`;

/**
 * The four-marker pack, built from rules/default's own files: its pack.toml with `items` listing
 * only D1–D4, `scripts` only common, d1–d4 and overall, and no test cases. The id stays
 * "renkei-default", so the same assessment files validate.
 * @param {(path: string) => string} read  reads a file of rules/default by relative path
 * @returns {Record<string, string>} files for Scorer.fromSources / Pack::compile
 */
export function fourMarkerSources(read) {
  let manifest = read('pack.toml');
  const replace = (key, list) => {
    const re = new RegExp(`^${key} = \\[[^\\]]*\\]`, 'm');
    if (!re.test(manifest)) throw new Error(`four-marker pack: no \`${key} = [...]\` in pack.toml`);
    manifest = manifest.replace(re, list === null ? `${key} = []` : tomlList(key, list));
  };
  replace('items', FOUR_MARKER_ITEMS);
  replace('scripts', FOUR_MARKER_SCRIPTS);
  replace('tests', null);
  const files = { 'pack.toml': manifest };
  for (const p of [...FOUR_MARKER_ITEMS, ...FOUR_MARKER_SCRIPTS]) files[p] = read(p);
  return files;
}

/** An assessment restricted to the answers of the given item ids (the four-marker pack rejects others). */
export function restrict(assessment, ids) {
  const answers = {};
  for (const [k, v] of Object.entries(assessment.answers)) if (ids.has(k)) answers[k] = v;
  return { ...assessment, answers };
}

/**
 * Every item the D1–D4 scripts read (rules/default/scripts/d1…d4). All of them are asked in both
 * item sets ("core" and "full"); peers.test.mjs checks that against the checklist.
 */
export const READ = [
  'ts_scenes_set', 'ts_status_level', 'ts_shared_with_stakeholders',
  'co_exists', 'co_function_defined', 'co_value_judgment', 'co_discussion_quality',
  'in_defined', 'in_outcome_per_scene', 'in_logic_model', 'in_not_just_activity_counts',
  'ct_outsourced', 'ct_role_division', 'ct_spec_structure', 'ct_spec_status', 'ct_spec_process',
  'ct_reporting_feedback', 'ct_regular_dialogue', 'ct_contract_not_formalistic',
];

// The facts the peers score from (each READ item's value in the proven pass, open items at their
// least mature answer) and the markers left without a level come from the shared harness,
// lib/proven.mjs (makeProver), which reads the checklist's item metadata.

/** Levels out of a renkei report, in the peers' shape. */
export function levelsOfReport(report) {
  const out = {};
  for (const d of report.dimensions) if (['D1', 'D2', 'D3', 'D4'].includes(d.id)) out[d.id] = d.level ?? null;
  return out;
}

/** Levels out of renkei's compact output (`scoreLevels`), in the peers' shape. */
export function levelsOfLevels(levels) {
  const out = {};
  for (const d of levels.dimensions) if (['D1', 'D2', 'D3', 'D4'].includes(d.id)) out[d.id] = d.level ?? null;
  return out;
}
