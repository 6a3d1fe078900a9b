// Synthetic assessments for the batch benchmark: a prefecture scoring all of Japan's 1,741
// municipalities at once. Deterministic (fixed seed), valid against the checklist the scorer
// reports (scorer.checklist()), and varied: maturity profiles from blank to mature, core and full
// item sets, unanswered items (null or missing), 未定, 該当なし with a reason, values with notes,
// options in any order, run-directly (直営) municipalities, and a few answers outside the chosen set.
// A few municipalities contradict themselves in the ways the gates G2, G3 and G6 exist for (GATE_CASES):
// answers drawn from one maturity rarely do, since the proven level fills every open item with
// its least mature answer. Runs in Node and in the browser (no imports).

export const SEED = 20260401;
export const COUNT = 1741;

/** mulberry32: a small, fast, seedable PRNG (public-domain algorithm). Returns floats in [0, 1). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFECTURES = ['北海道', '岩手県', '茨城県', '埼玉県', '東京都', '新潟県', '愛知県', '大阪府', '長崎県', '沖縄県'];
const NA_REASONS = ['当市では該当する取組がないため', '直営のため対象外', '広域連合で実施しているため'];
const NOTES = ['令和6年度に見直し予定', '協議体で確認済み', '担当者の聞き取りによる', '要確認'];
const TEXTS = ['専門職研修WG、ルール・ツール作成WG', '住民啓発WG', '看取りWG、認知症WG、成果指標WG'];

// Archetypes: [weight, maturity range, share of asked items left unanswered (range)].
const ARCHETYPES = [
  ['blank', 3, [0, 0.2], [0.85, 1.0]],
  ['immature', 30, [0.0, 0.4], [0.05, 0.45]],
  ['developing', 35, [0.3, 0.7], [0.0, 0.35]],
  ['mature', 22, [0.65, 1.0], [0.0, 0.15]],
  ['erratic', 10, [0.0, 1.0], [0.0, 0.5]],
];

// Contradictions the gates are there to catch, each given to about 1 in 60 municipalities (their
// own random stream, so the rest of the set is what it was). Each overrides only core items.
//   G2 — a scene-based specification reviewed to stage 3+ while the target states are not yet even
//        a draft (ts_status_level < 2): "scene-based" does not count yet.
//   G3 — indicators for all four scenes at stage 3+, and target states agreed and shared, but no
//        council (none or preparing): only a council makes the value judgement.
//   G6 — the same indicators, with a council, but evaluation that only counts activities.
export const GATE_CASES = {
  G2: (pick) => ({
    ct_outsourced: pick(['partial', 'full']), ct_spec_structure: 'scene_based', ct_spec_status: pick([3, 4]),
    ct_spec_process: true, ct_reporting_feedback: 'report_and_feedback', ct_regular_dialogue: true,
    ct_contract_not_formalistic: true, ts_status_level: pick([0, 1]),
  }),
  G3: (pick) => ({
    co_exists: pick(['none', 'preparing']), in_defined: pick([3, 4]), in_outcome_per_scene: ['daily', 'transition', 'acute', 'eol'],
    in_not_just_activity_counts: true, ts_status_level: pick([3, 4]), ts_scenes_set: ['daily', 'transition', 'acute', 'eol'],
    ts_shared_with_stakeholders: ['medical_assoc', 'contractor', 'houkatsu', 'residents', 'hospital'],
  }),
  G6: (pick) => ({
    co_exists: pick(['established', 'established_with_wg']), in_defined: pick([3, 4]), in_outcome_per_scene: ['eol', 'acute', 'transition', 'daily'],
    in_not_just_activity_counts: false, ts_status_level: pick([3, 4]), ts_scenes_set: ['daily', 'transition', 'acute', 'eol'],
    ts_shared_with_stakeholders: ['residents', 'houkatsu', 'contractor', 'medical_assoc'],
  }),
};

/**
 * @param {{ dimensions: object[], items: object[] }} checklist  what scorer.checklist() returns
 * @param {{ id: string, edition?: string, version?: string, hash?: string }} pack  the pack reference
 * @returns {object[]} assessment files
 */
export function generate(checklist, pack, { count = COUNT, seed = SEED } = {}) {
  const r = rng(seed);
  const g = rng(seed ^ 0x9e3779b9); // the gate cases' own stream
  const gatePick = (arr) => arr[Math.floor(g() * arr.length)];
  const between = ([lo, hi]) => lo + (hi - lo) * r();
  const pick = (arr) => arr[Math.floor(r() * arr.length)];
  const clamp01 = (x) => Math.min(1, Math.max(0, x));
  const total = ARCHETYPES.reduce((s, a) => s + a[1], 0);
  const out = [];
  for (let n = 0; n < count; n++) {
    let w = r() * total;
    const arch = ARCHETYPES.find((a) => (w -= a[1]) < 0) ?? ARCHETYPES[1];
    const maturity = between(arch[2]);
    const blankShare = between(arch[3]);
    const itemSet = r() < 0.35 ? 'core' : 'full';
    const direct = r() < 0.15;
    const noisy = r() < 0.5 ? 0.2 : 0.4; // how much items disagree with the municipality's maturity
    const strayAnswers = itemSet === 'core' && r() < 0.1; // answers kept from an earlier full-set run
    const answers = {};
    for (const item of checklist.items) {
      const asked = item.sets.includes(itemSet);
      if (!asked && !(strayAnswers && r() < 0.2)) continue;
      const x = r();
      if (x < blankShare) {
        if (r() < 0.5) answers[item.id] = null; // else: missing key, also unanswered
        continue;
      }
      const y = r();
      if (y < 0.03) { answers[item.id] = { status: 'undecided' }; continue; }
      if (y < 0.05 && item.type !== 'text') { answers[item.id] = { status: 'na', reason: pick(NA_REASONS) }; continue; }
      let m = clamp01(maturity + (r() * 2 - 1) * noisy);
      let value = valueFor(item, m, r, pick);
      if (item.id === 'ct_outsourced') value = direct ? 'direct' : (r() < 0.5 ? 'partial' : 'full');
      answers[item.id] = r() < 0.15 ? { value, note: pick(NOTES) } : value;
    }
    const gx = g();
    const gate = gx < 1 / 60 ? 'G2' : gx < 2 / 60 ? 'G3' : gx < 3 / 60 ? 'G6' : null;
    if (gate) Object.assign(answers, GATE_CASES[gate](gatePick));
    out.push({
      schemaVersion: 1,
      pack: { ...pack },
      itemSet,
      municipality: { name: `合成市${String(n + 1).padStart(4, '0')}`, prefecture: pick(PREFECTURES) },
      fiscalYear: r() < 0.5 ? 2024 : 2025,
      provenance: `synthetic: seed ${seed}, #${n + 1}, ${arch[0]}${gate ? `, ${gate} case` : ''}`,
      answers,
    });
  }
  return out;
}

export function valueFor(item, m, r, pick) {
  switch (item.type) {
    case 'yes_no':
      return r() < m;
    case 'level':
      return Math.max(0, Math.min(4, Math.round(m * 4 + (r() - 0.5))));
    case 'single': {
      // Order the options by the points they earn; a mature municipality picks from the top.
      const opts = [...item.options].sort((a, b) => (a.points ?? 0) - (b.points ?? 0));
      const i = Math.max(0, Math.min(opts.length - 1, Math.round(m * (opts.length - 1) + (r() - 0.5))));
      return opts[i].id;
    }
    case 'multi':
    case 'scenes': {
      const chosen = item.options.filter(() => r() < m).map((o) => o.id);
      if (r() < 0.3) chosen.reverse(); // order in the file is not canonical
      return chosen;
    }
    case 'number': {
      const target = item.matureAt ?? 4;
      let v = m * target * 1.6;
      if (item.integer) v = Math.round(v);
      else v = Math.round(v * 10) / 10;
      if (item.min != null) v = Math.max(item.min, v);
      else v = Math.max(0, v);
      if (item.max != null) v = Math.min(item.max, v);
      return v;
    }
    case 'text':
      return pick(TEXTS);
    default:
      throw new Error(`synth: unknown item type ${item.type} (${item.id})`);
  }
}
