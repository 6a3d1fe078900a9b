//! Drafts kept in the browser (localStorage: synchronous, so a change is stored before the next
//! event; a crashed, reloaded or closed tab loses nothing). Several drafts: municipality × fiscal
//! year. Every draft carries a revision: a tab whose draft another tab has written since does not
//! write over it, it keeps its own answers as a separate draft (`saveDraft` says so).
//!
//! Chromium writes localStorage to disk a moment (about a second) after a change: a tab that
//! crashes loses nothing, but the whole browser killed (or the PC losing power) in that moment
//! would. So every draft written is also mirrored, a moment later, into one IndexedDB database
//! committed with `durability: "strict"`; `recover()` at start puts back a draft whose mirror is
//! newer (a higher revision) than what localStorage kept. The mirror is best effort: where
//! IndexedDB is refused (a locked-down browser), the page works as before on localStorage alone.
//!
//! Everything the page stores is listed in OWN_STORAGE below, and nothing else is written.

const KEY = 'renkei:';

/**
 * Everything the page keeps in the browser, in one place (tests/web/reliability.test.mjs checks
 * that a whole session leaves nothing else): four kinds of localStorage key, and nothing in
 * sessionStorage or cookies; Cache Storage only for the service worker's copy of the site.
 */
export const OWN_STORAGE = Object.freeze({
  localStorage: Object.freeze([
    `${KEY}drafts`, //     the list of drafts: [{ id, pack, name, prefecture, fiscalYear, itemSet, updatedAt }]
    `${KEY}draft:<id>`, // one draft: { id, rev, assessment, pending, previous }
    `${KEY}current`, //    the id of the draft open last
    `${KEY}lang`, //       the interface language chosen last, "ja" or "en"
    `${KEY}pack:<hex>`, // a rule pack bundle loaded in the page (the file's text), by its hash, kept while a draft uses it
    'renkei-editor/v1', // the rule pack editor's draft (editor.html: the pack's files being edited)
  ]),
  sessionStorage: Object.freeze([]),
  indexedDB: Object.freeze(['renkei']), // object store "drafts": draft id → the draft's JSON, as in localStorage
  // The service worker's offline copy of the site's own files (www/sw.js), one cache per
  // version of the site; the single file has none.
  cacheStorage: Object.freeze(['renkei-<version>']),
  serviceWorker: Object.freeze(['sw.js']),
  cookies: Object.freeze([]),
});

/** The localStorage key of a draft. */
export const draftKey = (id) => `${KEY}draft:${id}`;
/** The localStorage key of the id of the draft open last. */
export const CURRENT_KEY = `${KEY}current`;
/** True for a localStorage key that is one of the page's own (OWN_STORAGE). */
/** Whether a Cache Storage name is the page's own (the service worker's copy of the site). */
export const ownsCache = (name) => /^renkei-[0-9a-z]+$/.test(name);

export const ownsKey = (k) => [`${KEY}drafts`, CURRENT_KEY, `${KEY}lang`, 'renkei-editor/v1'].includes(k) || /^renkei:draft:[0-9a-z]+$/.test(k) || /^renkei:pack:[0-9a-f]{64}$/.test(k);

/** What the page says about storage, in Japanese and English (shown both at once). */
export const NOTICES = Object.freeze({
  forked: ['この下書きは別のタブ（ウィンドウ）で先に変更されていたため、上書きせず、このタブの回答を別の下書きとして保存しました。どちらの回答も失われていません。', 'This draft had been changed in another tab or window first, so it was not overwritten: the answers in this tab are saved as a separate draft. No answer from either tab is lost.'],
  openOther: ['別のタブの下書きを開く', "Open the other tab's draft"],
  otherTabReload: ['別のタブの回答を読み込む', "Load the other tab's answers"],
  quota: ['ブラウザの保存領域がいっぱいです。画面の回答は残っていますが、このままではブラウザを閉じると失われます。「ファイルに保存」でファイルに残してください。', 'The browser\'s storage is full. Your answers are still on the screen, but would be lost when the browser closes: use "Save to file" to keep them in a file.'],
  saveNow: ['ファイルに保存', 'Save to file'],
});
/** A notice as "日本語 / English". */
export const bothNotice = (key) => NOTICES[key].join(' / ');

/**
 * @typedef {object} Draft
 * @property {string} id
 * @property {number} [rev]     how many times it was written (0 or absent: never); another tab's write shows as a different rev
 * @property {any} assessment   the assessment file (schema www/schema/assessment.schema.json); itemSet null until chosen
 * @property {{ items: Record<string, string>, fiscalYear?: string }} pending
 *           what was typed but is not a valid answer yet (a number being typed, a year)
 * @property {{ name: string, assessment: any } | null} previous  last year's file, for comparison
 * @property {any | null} [edition]  a file opened under another edition of its pack: its name, its
 *           pack, the levels it was saved with and the items each edition has alone (editions.js)
 */

const read = (k) => {
  try {
    return JSON.parse(localStorage.getItem(KEY + k) ?? 'null');
  } catch {
    return null;
  }
};
const write = (k, v) => localStorage.setItem(KEY + k, JSON.stringify(v));

// --- the IndexedDB mirror of the drafts ----------------------------------------------------

const IDB_NAME = 'renkei';
const IDB_STORE = 'drafts';
let idb = null;
/** The mirror database (null where IndexedDB is refused). Opened once. */
function mirrorDb() {
  idb ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(IDB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(IDB_STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return idb;
}
/** Draft id → its JSON (null: delete), waiting to be mirrored; one transaction at a time, the latest value wins. */
const toMirror = new Map();
let mirroring = false;
function mirror(id, json) {
  toMirror.set(id, json);
  if (mirroring) return;
  mirroring = true;
  mirrorDb().then(function flush(db) {
    if (!db || toMirror.size === 0) {
      mirroring = false;
      return;
    }
    const batch = [...toMirror];
    toMirror.clear();
    try {
      const tx = db.transaction(IDB_STORE, 'readwrite', { durability: 'strict' });
      const st = tx.objectStore(IDB_STORE);
      for (const [k, v] of batch) if (v === null) st.delete(k); else st.put(v, k);
      tx.oncomplete = () => flush(db);
      tx.onabort = () => flush(db); // after an error too; localStorage still holds the draft
    } catch {
      mirroring = false; // best effort: localStorage still holds the draft
    }
  });
}

/**
 * Puts back the drafts whose mirror is newer than what localStorage kept (the browser killed
 * a moment after a change); makes the newest of them the current draft when it is newer than
 * the current one. Resolves with the ids put back; never rejects; gives up after `timeoutMs`.
 */
export async function recover(timeoutMs = 3000) {
  const db = await Promise.race([mirrorDb(), new Promise((r) => setTimeout(() => r(null), timeoutMs))]);
  if (!db) return [];
  const entries = await new Promise((resolve) => {
    try {
      const tx = db.transaction(IDB_STORE, 'readonly');
      const keys = tx.objectStore(IDB_STORE).getAllKeys();
      const values = tx.objectStore(IDB_STORE).getAll();
      tx.oncomplete = () => resolve(keys.result.map((k, i) => [k, values.result[i]]));
      tx.onerror = () => resolve([]);
      tx.onabort = () => resolve([]);
    } catch {
      resolve([]);
    }
  });
  const back = [];
  for (const [id, json] of entries) {
    let d;
    try {
      d = JSON.parse(json);
    } catch {
      continue;
    }
    if (!d || typeof d !== 'object' || !d.assessment || d.id !== id) continue;
    const have = storedRev(id);
    if (have !== null && have >= (Number.isInteger(d.rev) ? d.rev : 0)) continue;
    try {
      localStorage.setItem(draftKey(id), json);
      writeEntry(d);
      back.push(d);
    } catch {
      break; // storage full: the page says so at the next change
    }
  }
  const newest = back.sort((a, b) => String(b.assessment.updatedAt).localeCompare(String(a.assessment.updatedAt)))[0];
  const cur = currentDraftId() && read(`draft:${currentDraftId()}`);
  if (newest && (!cur || String(cur.assessment?.updatedAt) < String(newest.assessment.updatedAt))) {
    try {
      write('current', newest.id);
    } catch {
      /* the list still has it */
    }
  }
  return back.map((d) => d.id);
}

const newId = () => `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** A new draft around an assessment (or an empty one for the pack). */
export function newDraft(pack, assessment = null) {
  const now = new Date().toISOString();
  const a = assessment ?? {
    schemaVersion: 1,
    pack: { ...pack },
    itemSet: null,
    municipality: { name: '', prefecture: '' },
    fiscalYear: null,
    createdAt: now,
    updatedAt: now,
    answers: {},
  };
  return { id: newId(), rev: 0, assessment: a, pending: { items: {} }, previous: null };
}

/**
 * The list of drafts: [{ id, pack, name, prefecture, fiscalYear, itemSet, updatedAt }], newest first.
 * With `packId`, only the drafts of that pack (and, when `legacy`, those saved before drafts
 * recorded their pack).
 */
export function listDrafts(packId = null, legacy = true) {
  const list = read('drafts');
  if (!Array.isArray(list)) return [];
  const mine = packId === null ? list : list.filter((e) => (e.pack ? e.pack === packId : legacy));
  return mine.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
}

/** Loads a draft by id (null when missing or unreadable). */
export function loadDraft(id) {
  const d = read(`draft:${id}`);
  if (!d || typeof d !== 'object' || !d.assessment) return null;
  d.pending ??= { items: {} };
  d.pending.items ??= {};
  d.previous ??= null;
  d.edition ??= null;
  d.rev = Number.isInteger(d.rev) ? d.rev : 0;
  d.assessment.answers ??= {};
  d.assessment.municipality ??= { name: '', prefecture: '' };
  // Drafts of an earlier page kept a number being typed apart (pending); now it is the answer as
  // typed, and the engine says what is wrong with it.
  for (const [item, raw] of Object.entries(d.pending.items)) d.assessment.answers[item] ??= raw;
  d.pending.items = {};
  return d;
}

/** Draft id → { json, rev } as this tab last wrote it: a stored draft still equal to it is this tab's, at that revision. */
const written = new Map();

/** The revision of the draft stored under an id (null when there is none, or it is unreadable). */
function storedRev(id) {
  const json = localStorage.getItem(draftKey(id));
  if (json === null) return null;
  // The draft as this tab wrote it last (every save after the first): no need to parse it all.
  const mine = written.get(id);
  if (mine && mine.json === json) return mine.rev;
  let d;
  try {
    d = JSON.parse(json);
  } catch {
    return null;
  }
  if (!d || typeof d !== 'object') return null;
  return Number.isInteger(d.rev) ? d.rev : 0;
}

/**
 * Writes a draft and its entry in the list; stamps updatedAt and counts the revision up.
 * When another tab has written the same draft since this one read or wrote it (the stored
 * revision is not this draft's), the stored draft is left as it is and this one is written as a
 * separate draft: `d` gets a new id, and the result is `{ forkedFrom: <the other tab's id> }`.
 * Throws when storage is full (QuotaExceededError): `d` is then as it was (the screen keeps it).
 * @returns {{ forkedFrom?: string }}
 */
export function saveDraft(d) {
  const result = {};
  const before = { id: d.id, rev: d.rev ?? 0, updatedAt: d.assessment.updatedAt };
  const rev = storedRev(d.id);
  if (rev !== null && rev !== (d.rev ?? 0)) {
    result.forkedFrom = d.id;
    d.id = newId();
    d.rev = 0;
  }
  d.assessment.updatedAt = new Date().toISOString();
  d.rev = (d.rev ?? 0) + 1;
  let json;
  try {
    json = JSON.stringify(d);
    localStorage.setItem(draftKey(d.id), json);
  } catch (e) {
    // Nothing was written: the draft stays what it was, so that the next change tries again.
    d.id = before.id;
    d.rev = before.rev;
    d.assessment.updatedAt = before.updatedAt;
    throw e;
  }
  written.set(d.id, { json, rev: d.rev });
  mirror(d.id, json);
  writeEntry(d);
  write('current', d.id);
  return result;
}

/** Writes a draft's entry in the list of drafts (first). */
function writeEntry(d) {
  const a = d.assessment;
  const entry = {
    id: d.id,
    pack: a.pack?.id ?? null,
    hash: a.pack?.hash ?? null,
    name: a.municipality?.name ?? '',
    prefecture: a.municipality?.prefecture ?? '',
    fiscalYear: a.fiscalYear ?? null,
    itemSet: a.itemSet ?? null,
    updatedAt: a.updatedAt,
  };
  const list = listDrafts().filter((e) => e.id !== d.id);
  list.unshift(entry);
  write('drafts', list);
}

// --- rule packs loaded in the page ------------------------------------------------------------

const packHex = (hash) => /^sha256:([0-9a-f]{64})$/.exec(String(hash ?? ''))?.[1] ?? null;
/** The localStorage key of a pack bundle (by its hash, `sha256:<hex>`); null for a malformed hash. */
export const packKey = (hash) => (packHex(hash) ? `${KEY}pack:${packHex(hash)}` : null);

/** Keeps a pack bundle's text under its hash. Throws when storage is full (QuotaExceededError). */
export function savePack(hash, text) {
  const k = packKey(hash);
  if (!k) throw new Error(`not a pack hash: ${hash}`);
  if (localStorage.getItem(k) !== text) localStorage.setItem(k, text);
}

/** The text of a kept pack bundle (null when none is kept under this hash). */
export function loadPack(hash) {
  const k = packKey(hash);
  return k ? localStorage.getItem(k) : null;
}

/** The hashes of the kept pack bundles. */
export function storedPacks() {
  const out = [];
  for (let i = 0; i < localStorage.length; i++) {
    const m = /^renkei:pack:([0-9a-f]{64})$/.exec(localStorage.key(i) ?? '');
    if (m) out.push(`sha256:${m[1]}`);
  }
  return out;
}

/** Forgets the kept packs that no draft uses any more (and that are not `keep`). */
export function prunePacks(keep = []) {
  const used = new Set([...keep, ...listDrafts().map((e) => e.hash)]);
  for (const h of storedPacks()) if (!used.has(h)) localStorage.removeItem(packKey(h));
}

/** Removes a draft. */
export function deleteDraft(id) {
  localStorage.removeItem(`${KEY}draft:${id}`);
  mirror(id, null);
  write('drafts', listDrafts().filter((e) => e.id !== id));
  if (read('current') === id) localStorage.removeItem(`${KEY}current`);
}

/** The id of the draft open last. */
export const currentDraftId = () => read('current');
export const setCurrentDraftId = (id) => write('current', id);

/** The interface language chosen last ("ja" unless set). */
export const savedLang = () => (read('lang') === 'en' ? 'en' : 'ja');
export const saveLang = (l) => {
  try {
    write('lang', l);
  } catch {
    /* the language is a preference; losing it is harmless */
  }
};
