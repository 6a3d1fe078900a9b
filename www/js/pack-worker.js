//! The Web Worker that runs rule packs (someone else's code) away from the page's thread. Only
//! pack-client.js talks to it; see there for the API. It imports nothing but the engine, holds
//! the packs compiled in it by handle, and answers one message at a time:
//!
//!   in:  { id, op, args }              (the first message is { id, op: "init", args: [wasm] },
//!                                        wasm: a WebAssembly.Module, bytes, or null = beside renkei.js)
//!   out: { id, ok: true, value }
//!        { id, ok: false, error: { name, message, messageJa, kind, problems }, fatal }
//!
//! `fatal` is set when the error was not the engine refusing something (a RenkeiError) but a
//! trap or a JavaScript error: the instance may be broken, so the client starts a new worker.
//! In the single file this module is bundled (scripts/bundle.mjs) into one script in a data
//! block and started from a blob: URL; served, it is a module worker beside the page's modules.
import init, {
  Scorer, validatePack, bundlePack, bundleFiles, diffReports, summarize, editionChanges, engineVersion,
} from '../pkg/renkei.js';

/** handle → Scorer */
const packs = new Map();

function pack(handle) {
  const s = packs.get(handle);
  if (!s) throw Object.assign(new Error(`no pack ${handle} in this worker`), { fatal: true });
  return s;
}

/** Every operation: its arguments as pack-client.js sends them. */
const OPS = {
  async init(wasm) {
    await (wasm ? init({ module_or_path: wasm }) : init());
    return engineVersion();
  },
  /** spec: { bundle: text } | { files: {path: text} } | { default: true } */
  compile(handle, spec) {
    const s = spec.bundle !== undefined ? Scorer.fromBundle(spec.bundle)
      : spec.files !== undefined ? Scorer.fromSources(spec.files)
        : new Scorer();
    packs.get(handle)?.free();
    packs.set(handle, s);
    return { info: s.info(), checklist: s.checklist() };
  },
  release(handle) {
    packs.get(handle)?.free();
    packs.delete(handle);
    return null;
  },
  score: (handle, assessment, options) => pack(handle).score(assessment, options ?? null),
  scoreText: (handle, text, trace) => JSON.parse(pack(handle).scoreJson(text, Boolean(trace))),
  empty: (handle, set) => pack(handle).emptyAssessment(set ?? null),
  runTests: (handle) => pack(handle).runTests(),
  rebase: (handle, assessment) => pack(handle).rebase(assessment),
  editionChanges: (oldHandle, newHandle) => editionChanges(pack(oldHandle), pack(newHandle)),
  validate: (files) => validatePack(files),
  bundle: (files) => bundlePack(files),
  bundleFiles: (text) => bundleFiles(text),
  diff: (a, b) => diffReports(a, b),
  summarize: (report) => summarize(report),
  /** For tests of the client: keeps the worker busy without the engine (never used by the pages). */
  spin(ms) {
    const end = performance.now() + ms;
    while (performance.now() < end) { /* busy */ }
    return ms;
  },
};

/** An error as plain data (a RenkeiError keeps its kind, problems and Japanese message). */
function errorData(e) {
  const renkei = e && e.name === 'RenkeiError';
  return {
    error: {
      name: e?.name ?? 'Error',
      message: String(e?.message ?? e),
      messageJa: e?.messageJa ?? null,
      kind: renkei ? e.kind : null,
      problems: renkei && Array.isArray(e.problems) ? e.problems : [],
    },
    fatal: !renkei,
  };
}

self.onmessage = async (ev) => {
  const { id, op, args } = ev.data ?? {};
  try {
    if (!Object.hasOwn(OPS, op)) throw new Error(`unknown operation ${op}`);
    const value = await OPS[op](...(args ?? []));
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    self.postMessage({ id, ok: false, ...errorData(e) });
  }
};
