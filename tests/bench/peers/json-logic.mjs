// Peer: the four-marker levels in JSON Logic, run by json-logic-engine (5.x) in both of its modes:
// interpreted (`engine.run`) and compiled (`engine.build`, which generates JavaScript and needs
// eval — see the CSP check in the bench page). One expression per dimension; D3's gate G1 reads
// D1's result, so the runner scores D1 first and adds it to the data. Caps only ever lower a level,
// so "at most `to` when `cond`" is `min(level, cond ? to : 4)`. The library is passed in.
import { facts } from '../lib/fourmarker.mjs';

const v = (id) => ({ var: id });
const answered = (id) => ({ '!==': [v(id), null] });
const unanswered = (id) => ({ '===': [v(id), null] });
const eq = (id, x) => ({ '===': [v(id), x] });
const has = (id, o) => ({ in: [o, v(id)] }); // a multi/scenes list, or a single choice (`in` on strings would be substring: avoid)
const count = (id) => ({ if: [v(id), { length: v(id) }, 0] });
const lvlAtLeast = (id, n) => ({ and: [answered(id), { '>=': [v(id), n] }] });
const lvlBelow = (id, n) => ({ and: [answered(id), { '<': [v(id), n] }] });
const and = (...c) => ({ and: c });
const or = (...c) => ({ or: c });
const not = (c) => ({ '!': [c] });
const iff = (...c) => ({ if: c });
const atMost = (level, ...steps) => ({ min: [level, ...steps.map(([cond, to]) => iff(cond, to, 4))] });

const COUNCIL = ['established', 'established_with_wg'];
const councilExists = { in: [v('co_exists'), COUNCIL] };

// D1 目指す姿 (scripts/d1_target_states.rhai)
const D1 = atMost(
  iff(answered('ts_status_level'), v('ts_status_level'),
    { '==': [count('ts_scenes_set'), 4] }, 2,
    { '>': [count('ts_scenes_set'), 0] }, 1, 0),
  [and(answered('ts_scenes_set'), { '==': [count('ts_scenes_set'), 0] }), 1],
  [and(answered('ts_scenes_set'), { '<': [count('ts_scenes_set'), 4] }), 2],
  [and(answered('ts_shared_with_stakeholders'), not(and(...['medical_assoc', 'contractor', 'houkatsu', 'residents'].map((o) => has('ts_shared_with_stakeholders', o))))), 2],
);

// D2 協議体 (scripts/d2_council.rhai)
const wgNotEvaluated = and(answered('co_function_defined'), not(has('co_function_defined', 'wg_evaluation')));
const D2 = atMost(
  iff(
    and(eq('co_exists', 'established_with_wg'), not(wgNotEvaluated), eq('co_value_judgment', true),
      lvlAtLeast('in_defined', 3), lvlAtLeast('co_discussion_quality', 3)), 4,
    atMost(
      iff(eq('co_exists', 'established_with_wg'), 3, eq('co_exists', 'established'), 2, eq('co_exists', 'preparing'), 1, 0),
      [wgNotEvaluated, 2])),
  [lvlBelow('co_discussion_quality', 3), 2], // G4
  [and(councilExists, answered('co_function_defined'), { '==': [count('co_function_defined'), 0] }), 2], // G4
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
  iff(answered('ct_spec_status'), v('ct_spec_status'),
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

/** Interpreted: `engine.run(logic, data)` for each dimension. */
export function makeJsonLogicInterpreted(lib) {
  const engine = new lib.LogicEngine();
  return (assessment) => {
    const data = facts(assessment);
    data.D1 = engine.run(D1, data);
    return { D1: data.D1, D2: engine.run(D2, data), D3: engine.run(D3, data), D4: engine.run(D4, data) };
  };
}

/** Compiled: `engine.build(logic)` once per dimension (generates JavaScript with eval). */
export function makeJsonLogicCompiled(lib) {
  const engine = new lib.LogicEngine();
  const d1 = engine.build(D1);
  const d2 = engine.build(D2);
  const d3 = engine.build(D3);
  const d4 = engine.build(D4);
  return (assessment) => {
    const data = facts(assessment);
    data.D1 = d1(data);
    return { D1: data.D1, D2: d2(data), D3: d3(data), D4: d4(data) };
  };
}
