//! Every engine call the editor makes, behind one async API: checking a pack's files (problems,
//! compile, its own tests), scoring with the edited pack and with the pack it started from,
//! bundling, comparing reports. The calls run in the pack worker (../pack-client.js): the pack
//! being edited is someone's code, so it never runs on the page's thread, and each call has a
//! wall-clock deadline behind the engine's own limits. A call that runs past it (a script that
//! loops) stops the worker and comes back as a problem in Japanese and English; the page and the
//! files being edited are untouched.
import { createPackClient, isPackWorkerError } from '../pack-client.js';
import { scriptReferences } from './script-refs.js';

const client = createPackClient({ deadlineMs: 8000 });
let edited = null;   // the compiled pack of the files last checked, when they compiled
let base = null;     // the compiled pack the editing started from

const errorText = (e) => (e && (e.name === 'RenkeiError' || isPackWorkerError(e))
  ? { problems: e.problems ?? [], message: e.message, messageJa: e.messageJa ?? e.message }
  : { problems: [], message: String(e?.message ?? e), messageJa: String(e?.message ?? e) });

/** A worker error (deadline, crash) as a problem of the pack, so the panel and publishing show it. */
const workerProblem = (e) => ({ code: e.code ?? 'worker', file: 'pack.toml', line: null, column: null, item: null, message: e.message, messageJa: e.messageJa ?? e.message });

/** Nothing to wait for: the worker starts on the first call. */
export const ready = async () => {};

/** A pack bundle's files, after checking the format; throws a RenkeiError. */
export const filesOfBundle = (text) => client.bundleFiles(text);

/** The pack the edits are compared with; throws a RenkeiError when it does not compile. */
export async function setBase(files) {
  const p = await client.compile({ files });
  if (base) client.release(base);
  base = p;
  return { info: p.info };
}

/**
 * Checks the files: every problem (file, line, column, ja and en), and when the pack compiles its
 * info and checklist. (One compile: a pack that does not compile throws every problem at once.)
 * @returns {Promise<{ problems: any[], info: any|null, checklist: any|null }>}
 */
export async function check(files) {
  if (edited) client.release(edited);
  edited = null;
  let p;
  try {
    p = await client.compile({ files });
  } catch (e) {
    if (isPackWorkerError(e)) return { problems: [workerProblem(e)], info: null, checklist: null };
    const { problems } = errorText(e);
    return { problems: problems.length ? problems : await client.validate(files), info: null, checklist: null };
  }
  const problems = scriptReferences(files, p.checklist);
  if (problems.length) {
    client.release(p);
    return { problems, info: null, checklist: null };
  }
  edited = p;
  return { problems, info: p.info, checklist: p.checklist };
}

/** The pack's own test cases on the files last checked (null when they did not compile); a deadline is a failed case. */
export async function runTests() {
  if (!edited) return null;
  try {
    return await client.runTests(edited);
  } catch (e) {
    const { message, messageJa } = errorText(e);
    return [{ file: 'pack.toml', name: `${messageJa} / ${message}`, passed: false, failures: [message] }];
  }
}

/** Scores an assessment with the edited pack (`which = "edited"`) or the original (`"base"`), read as that pack reads it. */
export async function score(which, assessment) {
  const p = which === 'base' ? base : edited;
  if (!p) return null;
  try {
    const { assessment: a, dropped } = await client.rebase(p, assessment);
    return { report: await client.score(p, a), assessment: a, dropped };
  } catch (e) {
    return { error: errorText(e) };
  }
}

/** The differences between two reports (diffReports). */
export const diff = (a, b) => client.diff(a, b);

/** The bundle's JSON text of these files; throws a RenkeiError when they do not compile. */
export const bundle = (files) => client.bundle(files);

export { errorText };
