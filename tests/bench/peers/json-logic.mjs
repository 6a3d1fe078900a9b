// Peer: the four-marker levels in JSON Logic, run by json-logic-engine (5.x) in both of its modes:
// interpreted (`engine.run`) and compiled (`engine.build`, which generates JavaScript and needs
// eval — see the CSP check in the bench page). One expression per dimension; D3's gate G1 reads
// D1's result, so the runner scores D1 first and adds it to the data. Caps only ever lower a level,
// so "at most `to` when `cond`" is `min(level, cond ? to : 4)`. The library is passed in.
// The data are the facts of the shared harness (lib/proven.mjs: open items already at their least
// mature answer); the applicability of the items read (items/*.toml's applies_when) is written
// here as logic: an item that does not apply reads as null.

const v = (id) => ({ var: id });
const COUNCIL = ['established', 'established_with_wg'];
const councilExists = { in: [v('co_exists'), COUNCIL] };
// applies_when: unanswered deciding item → applies.
const councilItem = { or: [{ '===': [v('co_exists'), null] }, councilExists] }; // co_exists is established(_with_wg)
const wgOption = { or: [{ '===': [v('co_exists'), null] }, { '===': [v('co_exists'), 'established_with_wg'] }] };
const outsourced = { '!==': [v('ct_outsourced'), 'direct'] }; // ct_outsourced is_not direct
const APPLIES = {
  co_function_defined: councilItem, co_value_judgment: councilItem, co_discussion_quality: councilItem,
  ct_spec_structure: outsourced, ct_spec_status: outsourced, ct_spec_process: outsourced,
  ct_reporting_feedback: outsourced, ct_regular_dialogue: outsourced, ct_contract_not_formalistic: outsourced,
};
const val = (id) => (APPLIES[id] ? { if: [APPLIES[id], v(id), null] } : v(id));

const answered = (id) => ({ '!==': [val(id), null] });
const unanswered = (id) => ({ '===': [val(id), null] });
const eq = (id, x) => ({ '===': [val(id), x] });
const and = (...c) => ({ and: c });
const or = (...c) => ({ or: c });
const not = (c) => ({ '!': [c] });
const iff = (...c) => ({ if: c });
const has = (id, o) => and(answered(id), { in: [o, val(id)] }); // a multi/scenes list (`in` on a string would be a substring test: singles use eq)
const count = (id) => iff(val(id), { length: val(id) }, 0);
const lvlAtLeast = (id, n) => and(answered(id), { '>=': [val(id), n] });
const lvlBelow = (id, n) => and(answered(id), { '<': [val(id), n] });
const atMost = (level, ...steps) => ({ min: [level, ...steps.map(([cond, to]) => iff(cond, to, 4))] });

// D1 目指す姿 (scripts/d1_target_states.rhai); mature_includes without the 委託先 option when run directly
const sharedWithAll = and(
  ...['medical_assoc', 'houkatsu', 'residents'].map((o) => has('ts_shared_with_stakeholders', o)),
  or(eq('ct_outsourced', 'direct'), has('ts_shared_with_stakeholders', 'contractor')),
);
const D1 = atMost(
  iff(answered('ts_status_level'), v('ts_status_level'),
    { '==': [count('ts_scenes_set'), 4] }, 2,
    { '>': [count('ts_scenes_set'), 0] }, 1, 0),
  [and(answered('ts_scenes_set'), { '==': [count('ts_scenes_set'), 0] }), 1],
  [and(answered('ts_scenes_set'), { '<': [count('ts_scenes_set'), 4] }), 2],
  [and(answered('ts_shared_with_stakeholders'), not(sharedWithAll)), 2],
);

// D2 協議体 (scripts/d2_council.rhai). The WG options of co_function_defined count only with WGs.
const functions = { '-': [count('co_function_defined'),
  iff(wgOption, 0, { '+': [iff(has('co_function_defined', 'wg_design'), 1, 0), iff(has('co_function_defined', 'wg_evaluation'), 1, 0)] })] };
const fnHas = (o) => (o.startsWith('wg_') ? and(wgOption, has('co_function_defined', o)) : has('co_function_defined', o));
const D2 = atMost(
  iff(and(councilExists, eq('co_value_judgment', true), lvlAtLeast('in_defined', 3), lvlAtLeast('co_discussion_quality', 4)), 4,
    councilExists, 3,
    eq('co_exists', 'preparing'), 1, 0),
  [lvlBelow('co_discussion_quality', 3), 2], // G4
  [unanswered('co_discussion_quality'), 2],
  [and(answered('co_function_defined'), { '==': [functions, 0] }), 2], // G4
  [not(and(fnHas('purpose_sharing'), fnHas('scene_gap_review'))), 2],
  [and(eq('co_exists', 'established_with_wg'), not(fnHas('wg_evaluation'))), 2],
);

// D3 評価指標 (scripts/d3_indicators.rhai)
const hasModel = and(answered('in_logic_model'), not(eq('in_logic_model', 'none')));
const D3 = atMost(
  iff(answered('in_defined'), v('in_defined'),
    or({ '>': [count('in_outcome_per_scene'), 0] }, hasModel), 2, 0),
  [and(or(answered('in_logic_model'), answered('in_outcome_per_scene')), not(hasModel), { '==': [count('in_outcome_per_scene'), 0] }), 1],
  [and(answered('in_outcome_per_scene'), { '<': [count('in_outcome_per_scene'), 4] }), 2],
  [or(answered('ts_status_level'), answered('ts_scenes_set')), v('D1')], // G1: not above D1
  [and(answered('co_exists'), not(councilExists)), 2], // G3
  [eq('in_not_just_activity_counts', false), 2], // G6
);

// D4 委託契約・仕様書 (scripts/d4_contracts.rhai)
const g2 = and(eq('ct_spec_structure', 'scene_based'), lvlBelow('ts_status_level', 2));
const sceneBased = and(eq('ct_spec_structure', 'scene_based'), not(g2));
const mixed = or(eq('ct_spec_structure', 'mixed'), g2);
const reportsOnly = or(eq('ct_reporting_feedback', 'none'), eq('ct_reporting_feedback', 'report_only'));
const feedback = eq('ct_reporting_feedback', 'report_and_feedback');
const D4 = iff(eq('ct_outsourced', 'direct'), null, atMost(
  iff(answered('ct_spec_status'), val('ct_spec_status'),
    and(sceneBased, eq('ct_spec_process', true), feedback), 3,
    sceneBased, 2,
    mixed, 1,
    or(eq('ct_role_division', true), feedback), 1, 0),
  [eq('ct_spec_structure', 'items_based'), 1],
  [eq('ct_spec_structure', 'mixed'), 2],
  [or(eq('ct_spec_process', false), reportsOnly), 2],
  [g2, 2], // G2
  [eq('ct_contract_not_formalistic', false), 1], // G5
  [and(eq('ct_regular_dialogue', false), reportsOnly), 1], // G5
));

export const LOGIC = { D1, D2, D3, D4 };

/** Interpreted: `engine.run(logic, data)` for each dimension; takes the harness's facts. */
export function makeJsonLogicInterpreted(lib) {
  const engine = new lib.LogicEngine();
  return (facts) => {
    const data = { ...facts };
    data.D1 = engine.run(D1, data);
    return { D1: data.D1, D2: engine.run(D2, data), D3: engine.run(D3, data), D4: engine.run(D4, data) };
  };
}

/** Compiled: `engine.build(logic)` once per dimension (generates JavaScript with eval); takes the harness's facts. */
export function makeJsonLogicCompiled(lib) {
  const engine = new lib.LogicEngine();
  const d1 = engine.build(D1);
  const d2 = engine.build(D2);
  const d3 = engine.build(D3);
  const d4 = engine.build(D4);
  return (facts) => {
    const data = { ...facts };
    data.D1 = d1(data);
    return { D1: data.D1, D2: d2(data), D3: d3(data), D4: d4(data) };
  };
}
