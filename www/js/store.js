//! Drafts kept in the browser (localStorage: synchronous, so a change is on disk before the next
//! event; a crash or a closed tab loses nothing). Several drafts: municipality × fiscal year.
//!
//! Keys: `renkei:drafts` (the list), `renkei:draft:<id>` (one draft), `renkei:current`, `renkei:lang`.

const KEY = 'renkei:';

/**
 * @typedef {object} Draft
 * @property {string} id
 * @property {any} assessment   the assessment file (schema www/schema/assessment.schema.json); itemSet null until chosen
 * @property {{ items: Record<string, string>, fiscalYear?: string }} pending
 *           what was typed but is not a valid answer yet (a number being typed, a year)
 * @property {{ name: string, assessment: any } | null} previous  last year's file, for comparison
 */

const read = (k) => {
  try {
    return JSON.parse(localStorage.getItem(KEY + k) ?? 'null');
  } catch {
    return null;
  }
};
const write = (k, v) => localStorage.setItem(KEY + k, JSON.stringify(v));

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
  return { id: newId(), assessment: a, pending: { items: {} }, previous: null };
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
  d.assessment.answers ??= {};
  d.assessment.municipality ??= { name: '', prefecture: '' };
  // Drafts of an earlier page kept a number being typed apart (pending); now it is the answer as
  // typed, and the engine says what is wrong with it.
  for (const [item, raw] of Object.entries(d.pending.items)) d.assessment.answers[item] ??= raw;
  d.pending.items = {};
  return d;
}

/** Writes a draft and its entry in the list; stamps updatedAt. Throws when storage is full. */
export function saveDraft(d) {
  d.assessment.updatedAt = new Date().toISOString();
  write(`draft:${d.id}`, d);
  const a = d.assessment;
  const entry = {
    id: d.id,
    pack: a.pack?.id ?? null,
    name: a.municipality?.name ?? '',
    prefecture: a.municipality?.prefecture ?? '',
    fiscalYear: a.fiscalYear ?? null,
    itemSet: a.itemSet ?? null,
    updatedAt: a.updatedAt,
  };
  const list = listDrafts().filter((e) => e.id !== d.id);
  list.unshift(entry);
  write('drafts', list);
  write('current', d.id);
}

/** Removes a draft. */
export function deleteDraft(id) {
  localStorage.removeItem(`${KEY}draft:${id}`);
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
