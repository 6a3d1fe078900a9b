//! Scoring a draft as it is answered, through the engine's scoring session (`scorer.session`,
//! src/score/session.rs): the assessment stays inside the engine, each change re-runs only the
//! rules it reaches, and the engine returns only the parts of the report that changed, which are
//! merged into the last report here. Whenever the session cannot take a change — the engine
//! refuses an answer (those entries are then left out and scored without, as files.js does), any
//! error at all, an engine without sessions — the draft is scored in full, and a new session is
//! started from a file the engine accepts whole. No DOM here (tests/web/live-score.test.mjs runs
//! it in Node against full scores).
import { assessmentOf, scoreDraft } from './files.js';

/** Answers changed one by one (`set`) up to this many; more (a file opened, answers cleared) go in one `replace`. */
const MAX_SETS = 4;

/** The same JSON value (answers and envelope fields: small plain values). */
const same = (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** What Date#toISOString writes (the draft's save stamps `updatedAt` so on every change). */
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * Every field of two assessment files but the answers is the same; `updatedAt` may differ when
 * both are stamps the page wrote (the report does not show it; the engine only checks that it is
 * a date, which such a stamp is).
 */
function sameEnvelope(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('answers');
  if (ISO.test(a.updatedAt ?? '') && ISO.test(b.updatedAt ?? '')) keys.delete('updatedAt');
  for (const k of keys) if (!same(a[k], b[k])) return false;
  return true;
}

/** Ids whose answer differs between two answer objects (absent and null are both "no answer"). */
function changedIds(before, after) {
  const out = [];
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[id] ?? null, after[id] ?? null)) out.push(id);
  }
  return out;
}

/**
 * A report with a session's patch applied: the patch's top-level fields replace the report's;
 * under `dimensions` the patch holds only the changed dimensions, each whole, put in place by id
 * (a dimension the report does not have: the patch's list is taken as the whole list). The report
 * given is not changed (it may be on screen, or last year's comparison may hold it).
 */
export function mergePatch(report, patch) {
  const out = { ...report, ...patch };
  if (patch.dimensions) {
    const byId = new Map(patch.dimensions.map((d) => [d.id, d]));
    const known = new Set(report.dimensions.map((d) => d.id));
    out.dimensions = patch.dimensions.every((d) => known.has(d.id)) ? report.dimensions.map((d) => byId.get(d.id) ?? d) : patch.dimensions;
  }
  return out;
}

export class LiveScore {
  /** @type {import('./engine.js').Engine} */
  engine;
  #session = null;
  /** The file the session holds, and the report of it. */
  #file = null;
  #report = null;

  constructor(engine) {
    this.engine = engine;
  }

  /** Forgets the session (the next scoring is a full one). */
  reset() {
    try {
      this.#session?.free?.();
    } catch {
      /* already gone */
    }
    this.#session = null;
    this.#file = null;
    this.#report = null;
  }

  /**
   * Scores a draft: as scoreDraft does ({ out: { report, ms }, file, problems }), plus `how`:
   * 'session' when the session took the change, 'rescore' when the draft was scored in full.
   * Throws what scoreDraft throws.
   */
  score(draft) {
    const engine = this.engine;
    if (typeof engine.session !== 'function') return { ...scoreDraft(draft, engine), how: 'rescore' };
    const { file } = assessmentOf(draft, engine);
    if (this.#session) {
      const t0 = performance.now();
      let report = null;
      try {
        report = this.#update(file);
      } catch {
        report = null; // refused, or anything else: scored in full below
      }
      if (report) return { out: { report, ms: performance.now() - t0 }, file, problems: [], how: 'session' };
      this.reset();
    }
    const t0 = performance.now();
    let session;
    try {
      session = engine.session(file);
    } catch {
      // Entries the engine refuses (they are left out, and shown at their items), or a problem
      // with the file as a whole (which scoreDraft throws): no session until the file is whole.
      return { ...scoreDraft(draft, engine), how: 'rescore' };
    }
    try {
      const report = session.report();
      this.#session = session;
      this.#file = file;
      this.#report = report;
      return { out: { report, ms: performance.now() - t0 }, file, problems: [], how: 'rescore' };
    } catch {
      session.free?.();
      return { ...scoreDraft(draft, engine), how: 'rescore' };
    }
  }

  /** The session's report after the change from its file to `file` (throws when it refuses it). */
  #update(file) {
    const s = this.#session;
    let report = this.#report;
    const ids = sameEnvelope(this.#file, file) ? changedIds(this.#file.answers, file.answers) : null;
    if (ids && ids.length === 0) {
      this.#file = file;
      return report;
    }
    // What is taken stays taken: after a failure the session is dropped, so `report` never
    // has to match a half-applied change.
    if (ids && ids.length <= MAX_SETS) {
      for (const id of ids) report = mergePatch(report, s.set(id, file.answers[id] ?? null).patch);
    } else {
      report = mergePatch(report, s.replace(file).patch);
    }
    this.#file = file;
    this.#report = report;
    return report;
  }
}
