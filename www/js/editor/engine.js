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
 * info and checklist. (One compile: a pack that does not compile throws every problem at once.)
 * @returns {Promise<{ problems: any[], info: any|null, checklist: any|null }>}
 */
export async function check(files) {
  await ready();
  edited?.free();
  edited = null;
  let s;
  try {
    s = Scorer.fromSources(files);
  } catch (e) {
    const { problems } = errorText(e);
    return { problems: problems.length ? problems : validatePack(files), info: null, checklist: null };
  }
  const checklist = s.checklist();
  const problems = scriptReferences(files, checklist);
  if (problems.length) {
    s.free();
    return { problems, info: null, checklist: null };
  }
  edited = s;
  return { problems, info: s.info(), checklist };
}

/** The pack's own test cases on the files last checked (null when they did not compile). */
export async function runTests() {
  await ready();
  return edited ? edited.runTests() : null;
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
