//! The only module that imports ../pkg: loads the wasm scorer once and exposes what the page
//! needs. Scoring runs on the main thread: it takes a few milliseconds (measured on every
//! change and shown in the results panel).
import init, { Scorer, engineVersion } from '../pkg/renkei.js';

/**
 * @typedef {object} Engine
 * @property {any} info       scorer.info(): id, edition, version, hash, titles, levels, sets, gates, stages
 * @property {any} checklist  scorer.checklist(): dimensions and items
 * @property {string} version the engine's version
 * @property {(set: string) => any} empty  a new, empty assessment for an item set
 * @property {(assessment: any) => { report: any, ms: number }} score  throws a RenkeiError
 */

/** @returns {Promise<Engine>} */
export async function loadEngine() {
  await init();
  const scorer = new Scorer();
  const info = scorer.info();
  const checklist = scorer.checklist();
  const itemsById = new Map(checklist.items.map((i) => [i.id, i]));
  return {
    info,
    checklist,
    itemsById,
    version: engineVersion(),
    empty: (set) => scorer.emptyAssessment(set),
    score(assessment) {
      const t0 = performance.now();
      const report = scorer.score(assessment);
      return { report, ms: performance.now() - t0 };
    },
  };
}

/** True for the error objects the scorer throws (name "RenkeiError", with kind and problems). */
export const isRenkeiError = (e) => e && e.name === 'RenkeiError' && Array.isArray(e.problems);
