// Peer: the four-marker levels hand-written in plain JavaScript — what a skeptic would write
// instead of any engine. A line-by-line port of rules/default/scripts/d1…d4 (and common.rhai's
// `cap`, `at_most`, `council_exists`); caps only ever lower a level, so each one is a Math.min.
// It scores the facts of the shared harness (lib/proven.mjs: open items already at their least
// mature answer) and applies, itself, the applicability of the items it reads (items/*.toml's
// applies_when): the council's items need a council, the contract's items and the 委託先
// stakeholder an outsourced program.

const COUNCIL = ['established', 'established_with_wg'];
const STAKEHOLDERS = ['medical_assoc', 'contractor', 'houkatsu', 'residents']; // ts_shared_with_stakeholders.mature_includes
const CO_ITEMS = ['co_function_defined', 'co_value_judgment', 'co_discussion_quality']; // applies_when co_exists is a council
const CT_ITEMS = ['ct_spec_structure', 'ct_spec_status', 'ct_spec_process', 'ct_reporting_feedback', 'ct_regular_dialogue', 'ct_contract_not_formalistic']; // is_not direct
const WG_OPTIONS = ['wg_design', 'wg_evaluation']; // co_function_defined options: applies_when co_exists is established_with_wg

/** @returns {{ D1: number, D2: number, D3: number, D4: number | null }} */
export function scorePlain(facts) {
  const f = { ...facts };
  // Applicability: an item applies unless its deciding item's answer rules it out (unanswered: applies).
  const direct = f.ct_outsourced === 'direct';
  if (f.co_exists !== null && !COUNCIL.includes(f.co_exists)) for (const id of CO_ITEMS) f[id] = null;
  if (f.co_exists !== null && f.co_exists !== 'established_with_wg' && Array.isArray(f.co_function_defined)) {
    f.co_function_defined = f.co_function_defined.filter((o) => !WG_OPTIONS.includes(o));
  }
  if (direct) for (const id of CT_ITEMS) f[id] = null;
  const required = STAKEHOLDERS.filter((o) => !(direct && o === 'contractor'));

  const answered = (id) => f[id] !== null;
  const level = (id) => (typeof f[id] === 'number' ? f[id] : -1);
  const count = (id) => (Array.isArray(f[id]) ? f[id].length : 0);
  const has = (id, o) => f[id] === o || (Array.isArray(f[id]) && f[id].includes(o));
  const yes = (id) => f[id] === true;
  const no = (id) => f[id] === false;
  const councilExists = has('co_exists', 'established') || has('co_exists', 'established_with_wg');

  // D1 目指す姿
  const scenes = count('ts_scenes_set');
  const tsStatus = level('ts_status_level');
  let d1 = tsStatus >= 0 ? tsStatus : scenes === 4 ? 2 : scenes > 0 ? 1 : 0;
  if (answered('ts_scenes_set') && scenes === 0) d1 = Math.min(d1, 1);
  if (answered('ts_scenes_set') && scenes < 4) d1 = Math.min(d1, 2);
  if (answered('ts_shared_with_stakeholders') && !required.every((o) => has('ts_shared_with_stakeholders', o))) d1 = Math.min(d1, 2);

  // D2 協議体
  const quality = level('co_discussion_quality');
  let d2 = councilExists ? 3 : has('co_exists', 'preparing') ? 1 : 0;
  if (d2 === 3 && yes('co_value_judgment') && level('in_defined') >= 3 && quality >= 4) d2 = 4;
  if (answered('co_discussion_quality') && quality < 3) d2 = Math.min(d2, 2); // G4
  if (!answered('co_discussion_quality')) d2 = Math.min(d2, 2);
  if (answered('co_function_defined') && count('co_function_defined') === 0) d2 = Math.min(d2, 2); // G4
  if (!(has('co_function_defined', 'purpose_sharing') && has('co_function_defined', 'scene_gap_review'))) d2 = Math.min(d2, 2);
  if (has('co_exists', 'established_with_wg') && !has('co_function_defined', 'wg_evaluation')) d2 = Math.min(d2, 2);

  // D3 評価指標
  const inStatus = level('in_defined');
  const inScenes = count('in_outcome_per_scene');
  const hasModel = answered('in_logic_model') && !has('in_logic_model', 'none');
  let d3 = inStatus >= 0 ? inStatus : inScenes === 4 ? 2 : hasModel || inScenes > 0 ? 2 : 0;
  if ((answered('in_logic_model') || answered('in_outcome_per_scene')) && !hasModel && inScenes === 0) d3 = Math.min(d3, 1);
  if (answered('in_outcome_per_scene') && inScenes < 4) d3 = Math.min(d3, 2);
  if (answered('ts_status_level') || answered('ts_scenes_set')) d3 = Math.min(d3, d1); // G1
  if (answered('co_exists') && !councilExists) d3 = Math.min(d3, 2); // G3
  if (no('in_not_just_activity_counts')) d3 = Math.min(d3, 2); // G6

  // D4 委託契約・仕様書
  let d4 = null;
  if (!direct) {
    let structure = f.ct_spec_structure;
    const g2 = structure === 'scene_based' && answered('ts_status_level') && tsStatus < 2;
    if (g2) structure = 'mixed';
    const status = level('ct_spec_status');
    d4 = status >= 0 ? status
      : structure === 'scene_based' && yes('ct_spec_process') && has('ct_reporting_feedback', 'report_and_feedback') ? 3
        : structure === 'scene_based' ? 2
          : structure === 'mixed' ? 1
            : yes('ct_role_division') || has('ct_reporting_feedback', 'report_and_feedback') ? 1 : 0;
    if (structure === 'items_based') d4 = Math.min(d4, 1);
    if (structure === 'mixed' && !g2) d4 = Math.min(d4, 2);
    if (d4 >= 3 && (no('ct_spec_process') || has('ct_reporting_feedback', 'none') || has('ct_reporting_feedback', 'report_only'))) d4 = Math.min(d4, 2);
    if (g2) d4 = Math.min(d4, 2); // G2
    if (no('ct_contract_not_formalistic')) d4 = Math.min(d4, 1); // G5
    if (no('ct_regular_dialogue') && (has('ct_reporting_feedback', 'none') || has('ct_reporting_feedback', 'report_only'))) d4 = Math.min(d4, 1); // G5
  }
  return { D1: d1, D2: d2, D3: d3, D4: d4 };
}
