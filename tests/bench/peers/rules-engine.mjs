// Peer: the four-marker levels in json-rules-engine (7.x), written as a rules-engine user would:
// the rules are JSON (conditions over facts, one event per rule), and a small resolver turns the
// events into levels. The library is passed in (Node imports it by name; the bench page imports a
// bundle of it), so this file runs in both.
//
// The level algebra of rules/default/scripts/d1…d4 maps onto four kinds of event, applied in
// `order`: `base` (the level the dimension starts from; the else-if chains become rules with
// mutually exclusive conditions, and no event means 0), `atMost` (the level's own definition asks
// for more), `promote` (D2's step to 4) and `cap` (a gate; G1's ceiling is D1's final level).
// `na` marks D4 for municipalities that run the program directly.
//
// The facts are those of the shared harness (lib/proven.mjs: open items already at their least
// mature answer). The applicability of the items read (items/*.toml's applies_when) is part of
// the conditions: the council's items count only while co_exists is a council (or unanswered),
// the WG options of co_function_defined only with WGs, the 委託先 stakeholder only when the
// program is outsourced (the ct_* items too, but D4 is `na` when it is not).

const f = (fact, operator, value) => ({ fact, operator, value });
const answered = (id) => f(id, 'notEqual', null);
const unanswered = (id) => f(id, 'equal', null);
const count = (id, operator, value) => ({ fact: 'count', params: { id }, operator, value });
const all = (...c) => ({ all: c });
const any = (...c) => ({ any: c });
const not = (c) => ({ not: c });
const rule = (name, conditions, type, params) => ({ name, conditions: conditions.all || conditions.any || conditions.not ? conditions : all(conditions), event: { type, params } });

const COUNCIL = ['established', 'established_with_wg'];
const councilExists = f('co_exists', 'in', COUNCIL);
const g2 = all(f('ct_spec_structure', 'equal', 'scene_based'), answered('ts_status_level'), f('ts_status_level', 'lessThan', 2));
// applies_when = { item = "co_exists", is = ["established", "established_with_wg"] } (unanswered: applies)
const coItem = any(f('co_exists', 'equal', null), councilExists);
const hasModel = all(answered('in_logic_model'), f('in_logic_model', 'notEqual', 'none'));
const sceneBased = all(f('ct_spec_structure', 'equal', 'scene_based'), not(g2)); // after G2
const mixed = any(f('ct_spec_structure', 'equal', 'mixed'), g2); // after G2
const reportsOnly = f('ct_reporting_feedback', 'in', ['none', 'report_only']);
const feedback = f('ct_reporting_feedback', 'equal', 'report_and_feedback');

export const RULES = [
  // D1 目指す姿 (scripts/d1_target_states.rhai)
  rule('D1 stated stage', answered('ts_status_level'), 'base', { dim: 'D1', level: { fact: 'ts_status_level' }, order: 0 }),
  rule('D1 all four scenes', all(unanswered('ts_status_level'), count('ts_scenes_set', 'equal', 4)), 'base', { dim: 'D1', level: 2, order: 0 }),
  rule('D1 some scenes', all(unanswered('ts_status_level'), count('ts_scenes_set', 'greaterThan', 0), count('ts_scenes_set', 'lessThan', 4)), 'base', { dim: 'D1', level: 1, order: 0 }),
  rule('D1 no scene set', all(answered('ts_scenes_set'), count('ts_scenes_set', 'equal', 0)), 'atMost', { dim: 'D1', to: 1, order: 1 }),
  rule('D1 not all scenes', all(answered('ts_scenes_set'), count('ts_scenes_set', 'lessThan', 4)), 'atMost', { dim: 'D1', to: 2, order: 2 }),
  // mature_includes; the 委託先 option does not apply when the program is run directly
  rule('D1 not shared with all', all(answered('ts_shared_with_stakeholders'), any(
    ...['medical_assoc', 'houkatsu', 'residents'].map((o) => f('ts_shared_with_stakeholders', 'doesNotContain', o)),
    all(f('ct_outsourced', 'notEqual', 'direct'), f('ts_shared_with_stakeholders', 'doesNotContain', 'contractor')))),
  'atMost', { dim: 'D1', to: 2, order: 3 }),

  // D2 協議体 (scripts/d2_council.rhai)
  rule('D2 council', councilExists, 'base', { dim: 'D2', level: 3, order: 0 }),
  rule('D2 preparing', f('co_exists', 'equal', 'preparing'), 'base', { dim: 'D2', level: 1, order: 0 }),
  rule('D2 council owns the evaluation', all(
    councilExists,
    f('co_value_judgment', 'equal', true),
    f('in_defined', 'greaterThanInclusive', 3),
    f('co_discussion_quality', 'greaterThanInclusive', 4)), 'promote', { dim: 'D2', level: 4, order: 1 }),
  rule('G4 reports only', all(coItem, answered('co_discussion_quality'), f('co_discussion_quality', 'lessThan', 3)), 'cap', { dim: 'D2', gate: 'G4', to: 2, order: 10 }),
  rule('D2 discussion unknown', any(unanswered('co_discussion_quality'), not(coItem)), 'atMost', { dim: 'D2', to: 2, order: 11 }),
  rule('G4 no function', all(coItem, answered('co_function_defined'), any(
    count('co_function_defined', 'equal', 0),
    // with a council without WGs, the WG options do not apply (they are dropped)
    all(f('co_exists', 'equal', 'established'), f('co_function_defined', 'onlyOf', ['wg_design', 'wg_evaluation'])))),
  'cap', { dim: 'D2', gate: 'G4', to: 2, order: 12 }),
  rule('D2 plenary functions not written down', not(all(coItem,
    f('co_function_defined', 'contains', 'purpose_sharing'), f('co_function_defined', 'contains', 'scene_gap_review'))), 'atMost', { dim: 'D2', to: 2, order: 13 }),
  rule('D2 WGs not evaluated', all(f('co_exists', 'equal', 'established_with_wg'), not(f('co_function_defined', 'contains', 'wg_evaluation'))), 'atMost', { dim: 'D2', to: 2, order: 14 }),

  // D3 評価指標 (scripts/d3_indicators.rhai)
  rule('D3 stated stage', answered('in_defined'), 'base', { dim: 'D3', level: { fact: 'in_defined' }, order: 0 }),
  rule('D3 model or outcome indicators', all(unanswered('in_defined'), any(count('in_outcome_per_scene', 'greaterThan', 0), hasModel)), 'base', { dim: 'D3', level: 2, order: 0 }),
  rule('D3 no evidence', all(any(answered('in_logic_model'), answered('in_outcome_per_scene')), not(hasModel), count('in_outcome_per_scene', 'equal', 0)), 'atMost', { dim: 'D3', to: 1, order: 1 }),
  rule('D3 not all scenes', all(answered('in_outcome_per_scene'), count('in_outcome_per_scene', 'lessThan', 4)), 'atMost', { dim: 'D3', to: 2, order: 2 }),
  rule('G1 indicators before target states', any(answered('ts_status_level'), answered('ts_scenes_set')), 'cap', { dim: 'D3', gate: 'G1', toLevelOf: 'D1', order: 10 }),
  rule('G3 no council', all(answered('co_exists'), f('co_exists', 'notIn', COUNCIL)), 'cap', { dim: 'D3', gate: 'G3', to: 2, order: 11 }),
  rule('G6 activity counts', f('in_not_just_activity_counts', 'equal', false), 'cap', { dim: 'D3', gate: 'G6', to: 2, order: 12 }),

  // D4 委託契約・仕様書 (scripts/d4_contracts.rhai)
  rule('D4 run directly', f('ct_outsourced', 'equal', 'direct'), 'na', { dim: 'D4', order: 0 }),
  rule('D4 stated stage', answered('ct_spec_status'), 'base', { dim: 'D4', level: { fact: 'ct_spec_status' }, order: 0 }),
  rule('D4 scene-based with process and feedback', all(unanswered('ct_spec_status'), sceneBased, f('ct_spec_process', 'equal', true), feedback), 'base', { dim: 'D4', level: 3, order: 0 }),
  rule('D4 scene-based', all(unanswered('ct_spec_status'), sceneBased, not(all(f('ct_spec_process', 'equal', true), feedback))), 'base', { dim: 'D4', level: 2, order: 0 }),
  rule('D4 mixed', all(unanswered('ct_spec_status'), mixed), 'base', { dim: 'D4', level: 1, order: 0 }),
  rule('D4 roles or feedback', all(unanswered('ct_spec_status'), f('ct_spec_structure', 'notIn', ['scene_based', 'mixed']),
    any(f('ct_role_division', 'equal', true), feedback)), 'base', { dim: 'D4', level: 1, order: 0 }),
  rule('D4 written by program items', f('ct_spec_structure', 'equal', 'items_based'), 'atMost', { dim: 'D4', to: 1, order: 1 }),
  rule('D4 mixed specification', f('ct_spec_structure', 'equal', 'mixed'), 'atMost', { dim: 'D4', to: 2, order: 2 }),
  rule('D4 no process or feedback', any(f('ct_spec_process', 'equal', false), reportsOnly), 'atMost', { dim: 'D4', to: 2, order: 3 }),
  rule('G2 scene-based before target states', g2, 'cap', { dim: 'D4', gate: 'G2', to: 2, order: 10 }),
  rule('G5 formalistic contract', f('ct_contract_not_formalistic', 'equal', false), 'cap', { dim: 'D4', gate: 'G5', to: 1, order: 11 }),
  rule('G5 left alone', all(f('ct_regular_dialogue', 'equal', false), reportsOnly), 'cap', { dim: 'D4', gate: 'G5', to: 1, order: 12 }),
];

/** Turn the events of one run into levels (the level algebra described at the top). */
export function resolve(events) {
  const by = { D1: [], D2: [], D3: [], D4: [] };
  for (const e of events) by[e.params.dim].push(e);
  const out = {};
  for (const dim of ['D1', 'D2', 'D3', 'D4']) {
    const evs = by[dim].sort((a, b) => a.params.order - b.params.order);
    if (evs.some((e) => e.type === 'na')) { out[dim] = null; continue; }
    let level = 0;
    for (const { type, params } of evs) {
      if (type === 'base' || type === 'promote') level = params.level;
      else if (type === 'atMost') level = Math.min(level, params.to);
      else if (type === 'cap') level = Math.min(level, params.toLevelOf ? out[params.toLevelOf] : params.to);
    }
    out[dim] = level;
  }
  return out;
}

/**
 * @param {{ Engine: any }} lib  json-rules-engine's exports
 * @returns {(facts: object) => Promise<{ D1, D2, D3, D4 }>}  takes the harness's facts
 */
export function makeRulesEngine(lib) {
  const engine = new lib.Engine(RULES, { replaceFactsInEventParams: true });
  // every chosen option is one of these (an empty list is not)
  engine.addOperator('onlyOf', (chosen, options) => Array.isArray(chosen) && chosen.length > 0 && chosen.every((o) => options.includes(o)));
  engine.addFact('count', async (params, almanac) => {
    const v = await almanac.factValue(params.id);
    return Array.isArray(v) ? v.length : 0;
  });
  return async (facts) => {
    const { events } = await engine.run(facts);
    return resolve(events);
  };
}
