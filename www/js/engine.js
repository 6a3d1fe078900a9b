//! The only module that imports ../pkg: loads the wasm scorer once and exposes what the page
//! needs. Scoring runs on the main thread: it takes a few milliseconds (measured on every
//! change and shown in the results panel).
//!
//! The pack is the one embedded in the engine, or — with `?pack=<url>` — a pack given as a JSON
//! object of its files (`{ "pack.toml": "…", "items/a.toml": "…" }`) at a URL of the page's own
//! origin (anything else is refused; the page's Content-Security-Policy refuses it too). A single
//! file published by the editor carries its pack as a bundle in a data block, and starts on it.
//!
//! The engine comes in two builds (scripts/build.sh): `pkg/renkei_page.js`, without the TOML
//! compiler — it scores with the pack inside it, which is all the page needs on its own, and is
//! the smaller download — and `pkg/renkei.js`, the full engine, which also compiles packs given as
//! files or bundles. A build is imported on first use: the full one only when a pack is given
//! (`?pack=`, `packFiles`, a published single file), when `initEngine(wasm)` names a .wasm (the
//! element's `wasm` attribute: the full engine's file, as before), or in the single file, which
//! carries the full engine alone (scripts/bundle.mjs makes both names one module there).
import { embeddedWasm, embeddedPack, isSingleFile } from './resources.js';

/**
 * @typedef {object} Engine
 * @property {any} info       scorer.info(): id, edition, version, hash, titles, levels, sets, bases, sources, …
 * @property {any} checklist  scorer.checklist(): dimensions and items
 * @property {Map<string, any>} itemsById
 * @property {string} version the engine's version
 * @property {string|null} packUrl where the pack came from (null: the embedded pack)
 * @property {(set: string) => any} empty  a new, empty assessment for an item set
 * @property {(assessment: any) => { report: any, ms: number }} score  throws a RenkeiError
 * @property {(assessment: any) => any} [session]  scorer.session(assessment): a scoring session (live-score.js); throws a RenkeiError
 * @property {(text: string) => any} scoreText  scores the text of an assessment file; throws a RenkeiError
 * @property {(assessment: any) => { assessment: any, dropped: string[] }} rebase  the assessment as this pack reads it
 * @property {(a: any, b: any) => any[]} diff  diffReports(a, b): reports or summaries
 * @property {(report: any) => any} summarize  the report's comparable subset (saved in a file as scoredWith)
 * @property {boolean} async  false here: every method answers at once. An engine on a loaded pack
 *           (editions.js) runs in the pack worker and answers with promises (async: true).
 */

/** The `?pack=` of a page address, as an absolute URL of the same origin; null when absent. Throws when foreign. */
export function packUrlOf(location) {
  const raw = new URLSearchParams(location.search).get('pack');
  if (!raw) return null;
  const url = new URL(raw, location.href);
  if (url.origin !== location.origin) {
    throw new Error(`ルールパックはこのページと同じ場所（${location.origin}）から読み込みます（指定: ${url.origin}） / the pack must come from this page's own origin (${location.origin}), not ${url.origin}`);
  }
  return url.href;
}

/**
 * Loads the full engine once: from the bytes inside the page (single file), from `wasm` (a URL,
 * bytes or a Response), or beside renkei.js. Resolves with its module.
 */
let full = null;
export function initEngine(wasm = null) {
  full ??= (async () => {
    const mod = await import('../pkg/renkei.js');
    const bytes = wasm ?? embeddedWasm();
    await (bytes ? mod.default({ module_or_path: bytes }) : mod.default());
    return mod;
  })().catch((e) => {
    full = null;
    throw e;
  });
  return full;
}

/** The engine without the TOML compiler (renkei_page_bg.wasm beside renkei_page.js), loaded once; the full one when that is loaded already or inside the page. */
let page = null;
function initPageEngine() {
  if (full || isSingleFile()) return initEngine();
  page ??= (async () => {
    const mod = await import('../pkg/renkei_page.js');
    await mod.default();
    return mod;
  })().catch((e) => {
    page = null;
    throw e;
  });
  return page;
}

/** The page's engine: the embedded pack, or the pack of `?pack=` (same origin only). @returns {Promise<Engine>} */
export async function loadEngine(location = globalThis.location) {
  return createEngine({ packUrl: packUrlOf(location) });
}

/**
 * An engine for a pack: `packUrl` (a JSON object of the pack's files, fetched), `packFiles`
 * (that object itself), or neither (the pack embedded in the .wasm).
 * @param {{ packUrl?: string|null, packFiles?: Record<string, string>|null, wasm?: any }} [o]
 * @returns {Promise<Engine>}
 */
export async function createEngine({ packUrl = null, packFiles = null, wasm = null } = {}) {
  const compiles = Boolean(packFiles || packUrl || embeddedPack());
  const { Scorer, engineVersion, diffReports, summarize } = compiles || wasm ? await initEngine(wasm) : await initPageEngine();
  let scorer;
  if (packFiles) {
    scorer = Scorer.fromSources(packFiles);
  } else if (packUrl) {
    const res = await fetch(packUrl, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${packUrl}: HTTP ${res.status}`);
    scorer = Scorer.fromSources(await res.json());
  } else if (embeddedPack()) {
    scorer = Scorer.fromBundle(embeddedPack());
  } else {
    scorer = new Scorer();
  }
  return engineOf(scorer, { engineVersion, diffReports, summarize }, packUrl);
}

/**
 * The Engine of a scorer: the page's whole use of it (also how tests/web/live-score.test.mjs
 * makes the page's engine in Node). `mod`: the engine module's engineVersion, diffReports, summarize.
 * @returns {Engine}
 */
export function engineOf(scorer, { engineVersion, diffReports, summarize }, packUrl = null) {
  const info = scorer.info();
  const checklist = scorer.checklist();
  const itemsById = new Map(checklist.items.map((i) => [i.id, i]));
  return {
    info,
    checklist,
    itemsById,
    packUrl,
    version: engineVersion(),
    empty: (set) => scorer.emptyAssessment(set),
    score(assessment) {
      const t0 = performance.now();
      const report = scorer.score(assessment);
      return { report, ms: performance.now() - t0 };
    },
    session: (assessment) => scorer.session(assessment),
    scoreText: (text) => JSON.parse(scorer.scoreJson(text, false)),
    rebase: (assessment) => scorer.rebase(assessment),
    diff: (a, b) => diffReports(a, b),
    summarize: (report) => summarize(report),
    async: false,
  };
}

/** True for the error objects the scorer throws (name "RenkeiError", with kind and problems). */
export const isRenkeiError = (e) => e && e.name === 'RenkeiError' && Array.isArray(e.problems);

/** A RenkeiError's problems as lines "where: message" in one language (pack problems carry file, line, column). */
export function problemLines(e, l = 'ja') {
  return e.problems.map((p) => {
    const where = p.file ? `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}` : p.item ?? '';
    const m = l === 'en' ? p.message : p.messageJa ?? p.message;
    return where ? `${where}: ${m}` : m;
  });
}
