//! Every engine call the editor makes, behind one async API: checking a pack's files (problems,
//! compile, its own tests), scoring with the edited pack and with the pack it started from,
//! bundling, comparing reports. Today the calls run on the page's thread (the engine bounds each
//! one in operations and time); moving them into a Web Worker with a wall-clock deadline changes
//! this file only.
import { Scorer, validatePack, bundlePack, bundleFiles, diffReports } from '../../pkg/renkei.js';
import { initEngine } from '../engine.js';
import { scriptReferences } from './script-refs.js';

let edited = null;   // the Scorer of the files last checked, when they compiled
let base = null;     // the Scorer of the pack the editing started from

const errorText = (e) => (e && e.name === 'RenkeiError' ? { problems: e.problems ?? [], message: e.message, messageJa: e.messageJa ?? e.message } : { problems: [], message: String(e?.message ?? e), messageJa: String(e?.message ?? e) });

/** Loads the wasm (from the page itself in the single file). */
export const ready = () => initEngine();

/** A pack bundle's files, after checking the format; throws a RenkeiError. */
export async function filesOfBundle(text) {
  await ready();
  return bundleFiles(text);
}

/** The pack the edits are compared with; throws a RenkeiError when it does not compile. */
export async function setBase(files) {
  await ready();
  const s = Scorer.fromSources(files);
  base?.free();
  base = s;
  return { info: s.info() };
}

/**
 * Checks the files: every problem (file, line, column, ja and en), and when the pack compiles its
 * info, checklist and test results.
 * @returns {Promise<{ problems: any[], info: any|null, checklist: any|null, tests: any[]|null }>}
 */
export async function check(files) {
  await ready();
  let problems = validatePack(files);
  let info = null;
  let checklist = null;
  let tests = null;
  if (problems.length === 0) {
    try {
      const s = Scorer.fromSources(files);
      edited?.free();
      edited = s;
      info = s.info();
      checklist = s.checklist();
      problems = scriptReferences(files, checklist);
      tests = problems.length ? null : s.runTests();
    } catch (e) {
      problems = errorText(e).problems;
    }
  }
  if (problems.length) {
    edited?.free();
    edited = null;
  }
  return { problems, info, checklist, tests };
}

/** Scores an assessment with the edited pack (`which = "edited"`) or the original (`"base"`), read as that pack reads it. */
export async function score(which, assessment) {
  await ready();
  const s = which === 'base' ? base : edited;
  if (!s) return null;
  try {
    const { assessment: a, dropped } = s.rebase(assessment);
    return { report: s.score(a), assessment: a, dropped };
  } catch (e) {
    return { error: errorText(e) };
  }
}

/** The differences between two reports (diffReports). */
export async function diff(a, b) {
  await ready();
  return diffReports(a, b);
}

/** The bundle's JSON text of these files; throws a RenkeiError when they do not compile. */
export async function bundle(files) {
  await ready();
  return bundlePack(files);
}

/** Checks that a bundle's text loads as a scorer and gives its info (the published file, read back). */
export async function infoOfBundle(text) {
  await ready();
  const s = Scorer.fromBundle(text);
  const info = s.info();
  s.free();
  return info;
}

export { errorText };
