//! The open draft and every action on it, apart from the DOM: answers, basic data, the item set,
//! drafts (new, open, delete), files read in, last year's file, saving and scoring. The page (app.js)
//! and its elements only show this state and call these actions; nothing here touches the page.
//!
//! Events (on the DraftState, an EventTarget):
//! - `saved` after the draft was written to the browser (detail: { forkedFrom } when another tab
//!   had saved this draft since, and these answers went into a separate draft); `save-failed` (detail: { error }) when
//!   storage refused it (the draft stays in memory: nothing typed is lost)
//! - `scored` after a scoring: read `report`, `file`, `ms`, `problems`, `prevReport`
//! - `score-failed` (detail: { error }) when the engine refused the draft as a whole
//!
//! With a `schedule` (the page's: after the next paint), a changed answer or basic datum is saved
//! at once and scored a moment later, once for however many changes came meanwhile (the latest
//! state); `flush()` scores a pending change at once, `settled()` waits for it. Without one (the
//! element) every change is scored at once.
//!
//! `asked` counts the changes scoring was asked for; `shown` is the count the last `scored` (or
//! `score-failed`) answers (the page writes both on its body, for its tests and the bench).
//!
//! The engine answers at once (the default pack, in the page's thread) or, for a pack loaded in
//! the page (`engine.async`, editions.js), with promises from the pack worker: then a scoring
//! asked for while one runs waits for it, and only the latest state of the draft is scored.
import * as store from './store.js';
import { scoreDraftAsync } from './files.js';
import { LiveScore } from './live-score.js';
import { defaultSet, setOrDefault } from './pack-words.js';

export class DraftState extends EventTarget {
  /** @type {import('./engine.js').Engine} */
  engine;
  /** @type {import('./store.js').Draft} */
  draft = null;
  /** The last report of the draft (null before the first scoring). */
  report = null;
  /** The assessment file the last report was made from. */
  file = null;
  /** Milliseconds the last scoring took. */
  ms = 0;
  /** Last year's report (null without a comparison). */
  prevReport = null;
  /** item id (or "fiscalYear") → the engine's problem with that entry; such entries are not scored. */
  problems = new Map();
  /** How the last report was made: 'session' (only what the change reaches) or 'rescore' (in full). */
  scoredBy = '';
  /** The engine's scoring session on the draft (live-score.js), for the engine it was made with. */
  #live = null;

  #persist;
  #schedule;

  /**
   * @param {import('./engine.js').Engine} engine
   * @param {{ persist?: (draft: any) => void, schedule?: ((fn: () => void) => void) | null }} [o]
   *        persist: where a draft is written (default: the page's drafts in localStorage,
   *        store.js; <renkei-self-check> keeps its own per element); schedule: runs the scoring
   *        of a change later (null: at once)
   */
  constructor(engine, { persist = store.saveDraft, schedule = null } = {}) {
    super();
    this.engine = engine;
    this.#persist = persist;
    this.#schedule = schedule;
  }

  /** Makes a draft the open one (as read from wherever it was kept). */
  adopt(draft) {
    this.#use(draft);
  }

  /** The pack's reference, as an assessment file records it. */
  packRef() {
    const { id, edition, version, hash } = this.engine.info;
    return { id, edition, version, hash };
  }

  /** True for the embedded pack (drafts saved before drafts recorded their pack belong to it). */
  get #legacy() {
    return !this.engine.packUrl;
  }

  /**
   * The id of the page's own pack (the embedded one) when packs can be loaded in the page
   * (app.js sets it); null on a page whose pack is fixed (`?pack=`, the element).
   */
  home = null;

  /**
   * The saved drafts that can be opened here, newest first: those of this pack; where packs
   * can be loaded, also those of the page's own pack and those whose pack is kept in the browser.
   */
  drafts() {
    if (this.home === null || this.engine.packUrl) return store.listDrafts(this.engine.info.id, this.#legacy);
    const kept = new Set(store.storedPacks());
    return store.listDrafts().filter((e) => !e.pack || e.pack === this.home || e.pack === this.engine.info.id || (e.hash && kept.has(e.hash)));
  }

  /** A new draft; with a pack of a single item set it starts with that set (there is nothing to choose). */
  #fresh(assessment = null) {
    const d = store.newDraft(this.packRef(), assessment);
    if (!assessment && this.engine.info.sets.length === 1) d.assessment.itemSet = defaultSet(this.engine.info).id;
    return d;
  }

  /** Opens the draft used last (if it is this pack's), else the newest of this pack, else a new one. */
  openLast() {
    const packId = this.engine.info.id;
    const mine = (d) => (d && (d.assessment.pack?.id ?? packId) === packId ? d : null);
    const id = store.currentDraftId();
    const first = this.drafts()[0];
    this.#use(mine(id && store.loadDraft(id)) ?? mine(first && store.loadDraft(first.id)) ?? this.#fresh());
  }

  #use(d) {
    this.draft = d;
    this.report = null;
    this.file = null;
    this.problems = new Map();
    this.#cancelDue();
    this.#live?.reset();
    this.shown = this.asked; // what was asked for the draft before is moot
    this.#scorePrevious();
  }

  /** Opens a saved draft; false when it cannot be read. */
  open(id) {
    const d = store.loadDraft(id);
    if (!d) return false;
    this.#use(d);
    store.setCurrentDraftId(id);
    return true;
  }

  /** Starts a new, empty draft and saves it. */
  newDraft() {
    this.#use(this.#fresh());
    this.save();
  }

  /** Deletes the open draft and opens the newest other one (or a new one). */
  deleteDraft() {
    store.deleteDraft(this.draft.id);
    const next = this.drafts()[0];
    this.#use((next && store.loadDraft(next.id)) ?? this.#fresh());
    this.save();
  }

  /** Writes the draft to the browser; emits `saved`, or `save-failed` when storage refuses it. */
  save() {
    try {
      const result = this.#persist(this.draft) ?? {};
      this.dispatchEvent(new CustomEvent('saved', { detail: result }));
    } catch (error) {
      this.dispatchEvent(new CustomEvent('save-failed', { detail: { error } }));
    }
  }

  /** Sets (answer) or removes (undefined) an item's answer, and what was typed but is no answer yet. */
  setAnswer(item, answer, pending) {
    const d = this.draft;
    if (answer === undefined) delete d.assessment.answers[item];
    else d.assessment.answers[item] = answer;
    if (pending === undefined) delete d.pending.items[item];
    else d.pending.items[item] = pending;
    this.save();
    this.#scoreSoon();
  }

  /** Sets the municipality's name or prefecture. */
  setMunicipality(field, value) {
    this.draft.assessment.municipality[field] = value;
    this.save();
    this.#scoreSoon();
  }

  /**
   * The fiscal year as typed: digits become the year (which years are accepted is the engine's
   * rule, shown when broken); anything else is kept as typed and left out of the file.
   */
  setFiscalYearText(raw) {
    const a = this.draft.assessment;
    const s = raw.normalize('NFKC').trim();
    if (s === '') {
      delete a.fiscalYear;
      delete this.draft.pending.fiscalYear;
    } else if (/^\d+$/.test(s)) {
      a.fiscalYear = Number(s);
      delete this.draft.pending.fiscalYear;
    } else {
      delete a.fiscalYear;
      this.draft.pending.fiscalYear = raw;
    }
    this.save();
    this.#scoreSoon();
  }

  /** Chooses the item set (every answer is kept). */
  setItemSet(set) {
    this.draft.assessment.itemSet = set;
    this.save();
  }

  /** Replaces every answer (an object of item id → answer, as in an assessment file). */
  replaceAnswers(answers) {
    this.draft.assessment.answers = structuredClone(answers ?? {});
    this.draft.pending = { items: {} };
    this.save();
  }

  /** Forgets every answer of the draft (its basic data stay). */
  clearAnswers() {
    this.draft.assessment.answers = {};
    this.draft.pending.items = {};
    this.save();
  }

  /** An assessment read from a file, with the fields the page relies on filled in. */
  normalised(a) {
    a.itemSet = setOrDefault(this.engine.info, a.itemSet);
    a.municipality = { name: a.municipality?.name ?? '', prefecture: a.municipality?.prefecture ?? '', ...(a.municipality?.code ? { code: a.municipality.code } : {}) };
    a.createdAt ??= new Date().toISOString();
    a.answers ??= {};
    return a;
  }

  /**
   * Opens an assessment read from a file: into the open draft when it has no answers and no
   * comparison (nothing is lost), else as a new draft. Returns 'here' or 'new'.
   */
  openAssessment(assessment) {
    const a = this.normalised(assessment);
    const cur = this.draft;
    const empty = Object.keys(cur.assessment.answers).length === 0 && !cur.previous;
    if (empty) {
      cur.assessment = a;
      cur.pending = { items: {} };
      this.#use(cur);
    } else this.#use(this.#fresh(a));
    this.save();
    return empty ? 'here' : 'new';
  }

  /** Opens an assessment (a sample) as a new draft. */
  openAsNew(assessment) {
    this.#use(this.#fresh(this.normalised(assessment)));
    this.save();
  }

  /** Last year's file, for the comparison (null: none). */
  setPrevious(name, assessment) {
    this.draft.previous = assessment ? { name, assessment } : null;
    this.#scorePrevious();
    this.save();
  }

  /** While last year's file is being scored by the pack worker: that promise. */
  #prevPending = null;

  #scorePrevious() {
    this.prevReport = null;
    this.#prevPending = null;
    const p = this.draft.previous;
    if (!p) return;
    if (this.engine.async) {
      const draft = this.draft;
      this.#prevPending = Promise.resolve(this.engine.score(p.assessment)).then(
        (out) => { if (this.draft === draft) this.prevReport = out.report; },
        () => { if (this.draft === draft) this.draft.previous = null; },
      );
      return;
    }
    try {
      this.prevReport = this.engine.score(p.assessment).report;
    } catch {
      this.draft.previous = null;
    }
  }

  /** Last year's file and its report, or null. */
  get previous() {
    return this.prevReport ? { name: this.draft.previous.name, assessment: this.draft.previous.assessment, report: this.prevReport } : null;
  }

  /** When the last scoring started (performance.now()), to time a whole update. */
  startedAt = 0;

  /** A scoring in the pack worker is running; `#again`: the draft changed since it started. */
  #running = false;
  #again = false;

  /** Scorings asked for (a count) and the one the last report answers. */
  asked = 0;
  shown = 0;

  /** A change waits to be scored (schedule); `#dueDone` resolves once it has been. */
  #due = false;
  #dueDone = null;
  #dueResolve = () => {};

  /** Scores the change just made: at once, or through the schedule, coalesced. */
  #scoreSoon() {
    if (!this.#schedule) {
      this.score();
      return;
    }
    if (!this.draft.assessment.itemSet) return;
    this.asked++;
    if (this.#due) return;
    this.#due = true;
    this.#dueDone = new Promise((r) => { this.#dueResolve = r; });
    this.#schedule(() => this.flush());
  }

  /** Scores a change that waits for its turn, now (before the draft's results are used). */
  flush() {
    if (!this.#due) return;
    this.#cancelDue();
    this.#score();
  }

  #cancelDue() {
    if (!this.#due) return;
    this.#due = false;
    this.#dueResolve();
  }

  /** Scores the draft (once an item set is chosen); emits `scored` or `score-failed`. */
  score() {
    this.#cancelDue();
    if (!this.draft.assessment.itemSet) return;
    this.asked++;
    this.#score();
  }

  #score() {
    if (this.engine.async) {
      this.#scoreAsync();
      return;
    }
    this.startedAt = performance.now();
    const upTo = this.asked;
    if (this.#live?.engine !== this.engine) {
      this.#live?.reset();
      this.#live = new LiveScore(this.engine);
    }
    let scored;
    try {
      scored = this.#live.score(this.draft);
    } catch (error) {
      this.shown = Math.max(this.shown, upTo);
      this.dispatchEvent(new CustomEvent('score-failed', { detail: { error } }));
      return;
    }
    this.shown = Math.max(this.shown, upTo);
    this.problems = new Map(scored.problems.map((p) => [p.item, p]));
    this.report = scored.out.report;
    this.ms = scored.out.ms;
    this.file = scored.file;
    this.scoredBy = scored.how;
    this.dispatchEvent(new Event('scored'));
  }

  /** A promise settled when the scoring asked for last has been shown (or has failed). */
  async settled() {
    if (this.#due) await this.#dueDone;
    return this.#settled ?? undefined;
  }

  #settled = null;

  #scoreAsync() {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.#settled = (async () => {
      do {
        this.#again = false;
        const { draft, engine } = this;
        const upTo = this.asked;
        this.startedAt = performance.now();
        try {
          if (this.#prevPending) await this.#prevPending;
          const scored = await scoreDraftAsync(draft, engine);
          // Opened another draft, or switched pack, meanwhile: that one is scored next.
          if (draft !== this.draft || engine !== this.engine) {
            this.#again = Boolean(this.draft.assessment.itemSet);
            continue;
          }
          this.problems = new Map(scored.problems.map((p) => [p.item, p]));
          this.report = scored.out.report;
          this.ms = scored.out.ms;
          this.file = scored.file;
          this.scoredBy = 'rescore'; // the pack worker has no session
          this.shown = Math.max(this.shown, upTo);
          if (!this.#again) this.dispatchEvent(new Event('scored'));
        } catch (error) {
          this.shown = Math.max(this.shown, upTo);
          if (draft === this.draft && engine === this.engine && !this.#again) this.dispatchEvent(new CustomEvent('score-failed', { detail: { error } }));
        }
      } while (this.#again && this.engine.async);
      this.#running = false;
      if (this.#again) this.score();
    })();
  }
}
