//! <renkei-self-check>: the whole self-check (the checklist and its live result) as one element
//! for other sites. It renders into its own shadow root with its own styles: the host page's CSS
//! does not reach in, its CSS does not reach out, its ids stay inside it. Each element keeps its
//! own answers and its own draft (saved in the browser under its `draft-key`).
import { createEngine, initEngine, isRenkeiError, problemLines } from './engine.js';
import { h, replace } from './dom.js';
import { t, tx, getLang, setLang } from './i18n.js';
import { assessmentOf } from './files.js';
import { DraftState } from './draft-state.js';
import { setOrDefault } from './pack-words.js';
import { AssessmentForm } from './assessment-form.js';
import { ScoreReport } from './score-report.js';
import { styleShadow } from './element-style.js';

const DRAFT_PREFIX = 'renkei:element:';

/**
 * The self-check as an element.
 *
 * @element renkei-self-check
 * @attr {string} pack      URL of a pack (a JSON object of its files); absent: the default pack inside the engine
 * @attr {string} item-set  the item set to ask (an id of the pack's sets); absent: the pack's default
 * @attr {'ja'|'en'} lang   the language of the element (default ja)
 * @attr {boolean} readonly result mode: no form, only the report of the answers given with setAnswers()
 * @attr {string} draft-key where its draft is kept in the browser (default: the element's id, else "default"); "none" keeps nothing
 * @attr {string} wasm      URL of renkei_bg.wasm when it is not beside the scorer's module
 * @fires renkei-change     detail: { answers, assessment } — after every change of an answer
 * @fires renkei-score      detail: { report } — after every scoring (the engine's report object)
 * @fires renkei-error      detail: { message, messageJa, problems } — the pack or the engine could not be loaded
 * @csspart box             the outer box (padding); everything else is the element's own
 */
export class RenkeiSelfCheck extends HTMLElement {
  static define(tag = 'renkei-self-check', registry = customElements) {
    AssessmentForm.define();
    ScoreReport.define();
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  static observedAttributes = ['pack', 'item-set', 'lang', 'readonly'];

  #root;
  #engine = null;
  /** The element's draft and its actions (the same as the page's, kept under its own key). @type {DraftState} */
  #state = null;
  #started = null;
  #parts = null;
  #resolveReady;
  /** Resolves when the element has loaded its engine and shown its first result. */
  ready = new Promise((r) => (this.#resolveReady = r));

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    styleShadow(this.#root, { embed: true });
    this.#parts = {
      status: h('p', { class: 'loading', role: 'status', text: '読み込み中… / Loading…' }),
      head: h('div', { class: 'embed-head' }),
      form: h('assessment-form'),
      report: h('score-report'),
    };
    const p = this.#parts;
    this.#root.append(h('div', { class: 'embed', part: 'box' },
      p.status,
      p.head,
      h('div', { class: 'workspace', hidden: true },
        h('div', { class: 'form-col' }, p.form),
        h('div', { class: 'results-col' }, p.report))));
    this.#root.addEventListener('assessment-form-change', (ev) => this.#onFormChange(ev));
    this.#root.addEventListener('click', (ev) => this.#onClick(ev));
  }

  connectedCallback() {
    AssessmentForm.define();
    ScoreReport.define();
    this.#start();
  }

  attributeChangedCallback(name, was, now) {
    if (was === now || !this.#started) return;
    if (name === 'pack') {
      this.#started = null;
      this.#start();
    } else this.#withLang(() => this.#render());
  }

  // --- the public surface ------------------------------------------------------------------

  /** Replaces the answers (an object of item id → answer, as in an assessment file) and rescores. */
  async setAnswers(answers) {
    await this.ready;
    this.#state.replaceAnswers(answers);
    this.#withLang(() => this.#render());
    return this.getReport();
  }

  /** The answers now (a copy). */
  getAnswers() {
    return structuredClone(this.#state?.draft.assessment.answers ?? {});
  }

  /** The assessment file now (what "save to file" would write), or null before the engine is loaded. */
  getAssessment() {
    if (!this.#state) return null;
    return assessmentOf(this.#state.draft, this.#engine, { drop: new Set(this.#state.problems.keys()) }).file;
  }

  /** The last report (the engine's object), or null before the first scoring. */
  getReport() {
    return this.#state?.report ? structuredClone(this.#state.report) : null;
  }

  /** Forgets the answers and the saved draft. */
  async clear() {
    await this.ready;
    this.#state.adopt(this.#newDraft());
    this.#state.save();
    this.#withLang(() => this.#render());
  }

  // --- inside ------------------------------------------------------------------------------

  get #lang() {
    return this.getAttribute('lang') === 'en' ? 'en' : 'ja';
  }

  get #draftKey() {
    const k = this.getAttribute('draft-key') ?? (this.id || 'default');
    return this.hasAttribute('readonly') || k === 'none' ? null : DRAFT_PREFIX + k;
  }

  /** The page's language module is shared by every element: each one renders in its own. */
  #withLang(f) {
    const before = getLang();
    setLang(this.#lang);
    try {
      return f();
    } finally {
      setLang(before);
    }
  }

  #start() {
    this.#started ??= (async () => {
      try {
        const pack = this.getAttribute('pack');
        const wasm = this.getAttribute('wasm');
        if (wasm) await initEngine(new URL(wasm, document.baseURI));
        this.#engine = await createEngine({ packUrl: pack ? new URL(pack, document.baseURI).href : null });
      } catch (e) {
        this.#failed(e);
        return;
      }
      this.#state = new DraftState(this.#engine, { persist: (d) => this.#save(d) });
      this.#state.addEventListener('scored', () => this.#showScored());
      this.#state.addEventListener('score-failed', (ev) => this.#showScoreError(ev.detail.error));
      this.#state.adopt(this.#loadDraft() ?? this.#newDraft());
      this.#parts.status.remove();
      this.#root.querySelector('.workspace').hidden = false;
      this.#withLang(() => this.#render());
      this.#resolveReady();
    })();
    return this.#started;
  }

  #failed(e) {
    const pack = isRenkeiError(e);
    const ja = pack ? `ルールパックを読み込めませんでした（${e.messageJa}）` : `採点エンジンを読み込めませんでした（${e?.message ?? e}）`;
    const en = pack ? `The rule pack could not be loaded (${String(e.message).split('\n')[0]})` : `The scoring engine could not be loaded (${e?.message ?? e})`;
    const p = this.#parts.status;
    p.className = 'load-error';
    p.setAttribute('role', 'alert');
    replace(p, `${ja} / ${en}`, pack ? h('ul', {}, problemLines(e, this.#lang).map((l) => h('li', { text: l }))) : null);
    this.dispatchEvent(new CustomEvent('renkei-error', { bubbles: true, composed: true, detail: { message: en, messageJa: ja, problems: pack ? e.problems : [] } }));
  }

  #newDraft() {
    const { id, edition, version, hash } = this.#engine.info;
    const now = new Date().toISOString();
    return {
      id: this.#draftKey ?? 'none',
      assessment: { schemaVersion: 1, pack: { id, edition, version, hash }, itemSet: null, municipality: { name: '', prefecture: '' }, createdAt: now, updatedAt: now, answers: {} },
      pending: { items: {} },
      previous: null,
    };
  }

  #loadDraft() {
    const key = this.#draftKey;
    if (!key) return null;
    try {
      const d = JSON.parse(localStorage.getItem(key) ?? 'null');
      if (!d?.assessment?.answers || d.assessment.pack?.id !== this.#engine.info.id) return null;
      d.pending = { items: {} };
      d.previous = null;
      return d;
    } catch {
      return null;
    }
  }

  /** Keeps the element's draft under its own key (nothing with draft-key="none" or readonly). */
  #save(draft) {
    const key = this.#draftKey;
    if (!key) return;
    draft.assessment.updatedAt = new Date().toISOString();
    try {
      localStorage.setItem(key, JSON.stringify({ assessment: draft.assessment }));
    } catch {
      /* storage full or refused: the answers stay in the element; getAssessment() still has them */
    }
  }

  #set() {
    return setOrDefault(this.#engine.info, this.getAttribute('item-set') ?? this.#state.draft.assessment.itemSet);
  }

  #render() {
    if (!this.#engine) return;
    const set = this.#set();
    this.#state.draft.assessment.itemSet = set;
    const setInfo = this.#engine.info.sets.find((s) => s.id === set);
    replace(this.#parts.head, h('span', { class: 'set-name', text: `${t('itemSet')}: ${tx(setInfo?.title)}` }));
    this.#parts.form.load(this.#engine, this.#state.draft);
    this.#parts.report.reset();
    this.#state.score();
  }

  #showScoreError(e) {
    const msg = isRenkeiError(e) ? `${e.messageJa} ${problemLines(e).join(' / ')}` : String(e);
    this.#withLang(() => this.#parts.report.showError(t('scoreError', { msg })));
  }

  #showScored() {
    const { engine, report, problems, ms } = this.#state;
    const form = this.#parts.form;
    form.setProblems(problems);
    this.#parts.report.update({ info: engine.info, checklist: engine.checklist, report, ms, problems, shown: (id) => form.isShown(id) });
    form.setProgress(report);
    this.dispatchEvent(new CustomEvent('renkei-score', { bubbles: true, composed: true, detail: { report: structuredClone(report) } }));
  }

  #onFormChange(ev) {
    ev.stopPropagation();
    const { item, answer, pending } = ev.detail;
    this.#withLang(() => this.#state.setAnswer(item, answer, pending));
    this.dispatchEvent(new CustomEvent('renkei-change', { bubbles: true, composed: true, detail: { answers: this.getAnswers(), assessment: this.getAssessment() } }));
  }

  /** Links inside the shadow root: the table of contents and 要確認 jump within the element. */
  #onClick(ev) {
    const a = ev.composedPath().find((n) => n instanceof HTMLAnchorElement);
    if (!a) return;
    if (a.dataset.item) {
      ev.preventDefault();
      this.#parts.form.focusItem(a.dataset.item);
      return;
    }
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      ev.preventDefault();
      this.#root.getElementById(href.slice(1))?.scrollIntoView({ block: 'start' });
    }
  }
}
