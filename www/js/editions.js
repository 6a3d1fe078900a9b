//! Editions in the assessment page, apart from the DOM: a pack bundle loaded by the user (a
//! prefecture's pack) becomes an engine that runs in the pack worker (pack-client.js: the pack
//! is someone else's code, so it never runs on the page's thread, and every call has a
//! deadline); the bundles are kept in the browser by their hash (store.js) so that a draft keeps
//! its pack across reloads; a file saved under another edition is read as the active pack reads
//! it (rebase), and what differs is worked out: the levels it was saved with (its `scoredWith`)
//! against the new report, and the items each edition has alone.
import { createPackClient } from './pack-client.js';
import * as store from './store.js';
import { embeddedPack } from './resources.js';

/** The page's own pack as the worker compiles it: the pack a published one-file page carries, else the engine's built-in one. */
const homeSpec = () => (embeddedPack() ? { bundle: embeddedPack() } : { default: true });

/** The bundle format (what `renkei bundle` and the editor write). */
export const BUNDLE_FORMAT = 'renkei-pack-bundle/1';

/**
 * The deadline of every call to the pack worker: above the engine's own limits (3 s a scoring
 * call by default; compiling a big pack takes about 1 s), so that the engine's own, more precise
 * message is the one normally seen; the deadline catches what the engine would not stop.
 */
export const DEADLINE_MS = 8000;

let client = null;
/** The page's one pack worker client. */
export function packClient() {
  client ??= createPackClient({ deadlineMs: DEADLINE_MS });
  return client;
}

/** What a file's text looks like: "bundle", "assessment" or null (the engine says exactly what is wrong). */
export function fileKind(text) {
  let v;
  try {
    v = JSON.parse(String(text).replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  if (typeof v.format === 'string' && v.format.startsWith('renkei-pack-bundle')) return 'bundle';
  if ('files' in v && 'hash' in v && !('answers' in v)) return 'bundle';
  if ('schemaVersion' in v || 'answers' in v) return 'assessment';
  return null;
}

/** The first 8 hex digits of a hash, for people ("sha256:1a2b3c4d…" → "1a2b3c4d"). */
export const shortHash = (hash) => String(hash ?? '').replace(/^sha256:/, '').slice(0, 8);

/**
 * An engine on a pack bundle, running in the pack worker: the same shape as engine.js's, with
 * methods that answer with promises (`async: true`). Rejects with a RenkeiError (kind "pack":
 * every problem with file, line and column) or a PackWorkerError (the deadline, a crash).
 */
export async function workerEngine(bundleText, version) {
  const c = packClient();
  const pack = await c.compile({ bundle: bundleText });
  const { info, checklist } = pack;
  return {
    info,
    checklist,
    itemsById: new Map(checklist.items.map((i) => [i.id, i])),
    packUrl: null,
    version,
    async: true,
    loaded: true,
    handle: pack.handle,
    empty: (set) => c.empty(pack, set),
    async score(assessment) {
      const t0 = performance.now();
      const report = await c.score(pack, assessment);
      return { report, ms: performance.now() - t0 };
    },
    scoreText: (text) => c.scoreText(pack, text),
    rebase: (assessment) => c.rebase(pack, assessment),
    diff: (a, b) => c.diff(a, b),
    summarize: (report) => c.summarize(report),
  };
}

/**
 * Scores with a newly loaded pack before it is used: an empty assessment, and the draft as this
 * pack reads it. A pack whose scripts fail (an endless loop, recursion, huge values: the engine's
 * limits) or run past the deadline is refused here, and the draft stays on its pack. Answers the
 * new pack finds wrong are no reason to refuse it (they are shown at their items).
 */
export async function tryPack(engine, draftFile) {
  const set = engine.info.sets.find((s) => s.default)?.id ?? engine.info.sets.at(-1)?.id;
  await engine.score(await engine.empty(set));
  if (!draftFile) return;
  const { assessment } = await engine.rebase(draftFile);
  try {
    await engine.score(assessment);
  } catch (e) {
    if (!(e?.name === 'RenkeiError' && e.kind === 'answers')) throw e;
  }
}

/**
 * The engines of the packs at hand, by hash: the page's own (embedded) pack, and the bundles
 * kept in the browser (compiled in the worker when first needed).
 */
export class PackShelf {
  /** @param {import('./engine.js').Engine} home  the embedded pack's engine */
  constructor(home) {
    this.home = home;
    /** hash → Promise<engine> */
    this.engines = new Map([[home.info.hash, Promise.resolve(home)]]);
  }

  /** True when the pack of this hash can be had (the embedded one, or a kept bundle). */
  has(hash) {
    return Boolean(hash) && (this.engines.has(hash) || store.loadPack(hash) !== null);
  }

  /** The engine of a kept pack (or the embedded one); null when it is not at hand. */
  get(hash) {
    if (!hash) return null;
    if (!this.engines.has(hash)) {
      const text = store.loadPack(hash);
      if (text === null) return null;
      const p = workerEngine(text, this.home.version);
      p.catch(() => this.engines.delete(hash));
      this.engines.set(hash, p);
    }
    return this.engines.get(hash);
  }

  /**
   * Loads a bundle's text: compiles it in the worker, tries it on the draft, keeps it in the
   * browser. Resolves { engine, kept } (kept false: storage refused it, it works until the page is
   * closed); rejects with the engine's problems or the worker's error.
   */
  async load(text, draftFile) {
    const engine = await workerEngine(text, this.home.version);
    const hash = engine.info.hash;
    await tryPack(engine, draftFile);
    const known = this.engines.get(hash);
    if (!known) this.engines.set(hash, Promise.resolve(engine));
    let kept = true;
    try {
      store.savePack(hash, text);
    } catch {
      kept = false;
    }
    return { engine: known ? await known : engine, kept };
  }

  /** The text a pack is compiled from in the worker: the kept bundle, or the embedded pack. */
  specOf(hash) {
    if (hash === this.home.info.hash) return homeSpec();
    const text = store.loadPack(hash);
    return text === null ? null : { bundle: text };
  }
}

/** True when a file's pack reference names this very pack (by hash; or, without one, by id and edition). */
export function samePack(ref, info) {
  if (!ref || typeof ref !== 'object') return true;
  if (ref.hash) return ref.hash === info.hash;
  return ref.id === info.id && (ref.edition ?? info.edition) === info.edition;
}

/**
 * Reads a file saved under another pack or edition as `engine`'s pack reads it. Returns null
 * when the file is of this very pack (read it as usual), or when it is of another pack that is
 * not at hand (the engine then says which: "pack-mismatch"). Else
 * { assessment (stamped with this pack; answers to items it lacks left out), edition } where
 * `edition` is what the page keeps with the draft and shows: the file's name and pack, this pack,
 * the levels the file was saved with (its scoredWith, or null for a file saved before files
 * recorded them), the items only one of the two editions has (`known`: from both packs; else the
 * answers the new pack does not read and the new items the file has no answer for).
 * Throws the engine's error when the file is not an assessment it can read.
 */
export async function readUnderEdition(text, name, engine, shelf) {
  let parsed;
  try {
    parsed = JSON.parse(String(text).replace(/^\uFEFF/, ''));
  } catch {
    return null; // the engine says where the JSON breaks
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const ref = parsed.pack;
  if (samePack(ref, engine.info)) return null;
  const from = { id: String(ref?.id ?? ''), edition: String(ref?.edition ?? ''), hash: String(ref?.hash ?? '') };
  if (from.id !== engine.info.id && !shelf.has(from.hash)) return null;
  const { assessment, dropped } = await engine.rebase(parsed);
  const { id, edition, hash } = engine.info;
  const answered = new Set(Object.keys(parsed.answers ?? {}));
  // Without the file's own pack: the answers this pack does not read, and this pack's items of
  // the set that the file has no answer for (the new ones among them).
  let removed = dropped;
  let added = engine.checklist.items.filter((i) => i.sets.includes(assessment.itemSet) && !answered.has(i.id)).map((i) => i.id);
  let known = false;
  const oldSpec = shelf.has(from.hash) ? shelf.specOf(from.hash) : null;
  if (oldSpec) {
    const c = packClient();
    let oldPack = null;
    let newPack = null;
    try {
      oldPack = await c.compile(oldSpec);
      newPack = engine.async ? engine.handle : await c.compile(homeSpec());
      ({ added, removed } = await c.editionChanges(oldPack, newPack));
      known = true;
    } catch {
      /* the file's pack no longer compiles here: the estimate above stands */
    } finally {
      if (oldPack) c.release(oldPack);
      if (newPack && !engine.async) c.release(newPack);
    }
  }
  return {
    assessment,
    edition: {
      file: name,
      from,
      to: { id, edition, hash },
      saved: parsed.scoredWith ?? null,
      added,
      removed,
      dropped,
      known,
      openedAt: new Date().toISOString(),
    },
  };
}
