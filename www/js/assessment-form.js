//! <assessment-form>: the checklist as a form, built from the pack's checklist (no question is
//! written into the HTML). One section per dimension; items of type "scenes" in a section share
//! one matrix (items × the pack's scenes). Every item can also be 未定 or 該当なし with a reason.
//! Help and 出典 open beside each question. An item (or an option) whose `appliesWhen` does not
//! hold for the current answers is not asked: it is hidden, and its section says why.
//! The form checks no answer itself: the engine's problems are shown at their items
//! (`setProblems`).
import { h, replace, idFor, setText } from './dom.js';
import { t, tx, getLang } from './i18n.js';
import { norm, compact, counts, levelLabels, yesNoLabels } from './answers.js';
import { sourceText, itemNumbers, conditionOf, conditionHolds, scenesOf, markerCount } from './pack-words.js';
import { provenShape } from './result-text.js';
import { ownShadow, styles } from './element-style.js';

/** Text typed into a number field → the answer value: a number when it reads as one, else the text as typed (the engine says what is wrong with it). */
export function numberValue(raw) {
  const s = String(raw).normalize('NFKC').trim().replace(/,/g, '');
  if (s === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : String(raw).trim();
}

/**
 * @fires assessment-form-change  detail: { item: string, answer: any (stored form, undefined = none), pending: string|undefined }
 *        after every change of an answer, a reason, a note or a number being typed.
 */
export class AssessmentForm extends HTMLElement {
  static define(tag = 'assessment-form', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  #engine = null;
  #draft = null;
  /** item id → the section element's item node (fieldset or matrix row) */
  #nodes = new Map();
  /** reasons typed before the user left 該当なし, to bring back if they return to it */
  #reasons = new Map();
  #sections = new Map();
  #set = null;
  /** item id → the engine's problem with its answer */
  #problems = new Map();

  /** The form's shadow root: its ids (about a thousand) and styles stay inside it. */
  #root = ownShadow(this);

  /** The focused element in the form's own shadow root. */
  #focused() {
    return this.#root.activeElement;
  }

  constructor() {
    super();
    this.#root.addEventListener('change', this);
    this.#root.addEventListener('input', this);
    this.#root.addEventListener('click', this);
  }

  /** The first control of the form (to move focus into it). */
  firstControl() {
    return this.#root.querySelector('input, button');
  }

  /** Renders the whole checklist for a draft. */
  load(engine, draft) {
    this.#engine = engine;
    this.#draft = draft;
    this.#nodes.clear();
    this.#sections.clear();
    const { checklist } = engine;
    const nav = h('nav', { class: 'toc', 'aria-labelledby': 'toc-h' },
      h('h2', { id: 'toc-h', class: 'toc-h', text: t('contents') }),
      h('ol', {}, checklist.dimensions.map((d) => h('li', { dataset: { dim: d.id } },
        h('a', { href: `#sec-${d.id}` }, `${d.id} ${tx(d.title)}`), ' ',
        h('span', { class: 'toc-count', id: `toc-count-${d.id}` })))));
    this.#numbers = itemNumbers(checklist);
    this.#deciderSet = null;
    const sections = checklist.dimensions.map((d) => this.#section(d));
    replace(this.#root, styles(this.#root), nav, sections);
    this.#problems = new Map();
    this.setItemSet(draft.assessment.itemSet);
    for (const id of this.#nodes.keys()) this.#sync(id);
  }

  #numbers = new Map();

  /** Shows the items of an item set and hides the others (their answers are kept). */
  setItemSet(set) {
    this.#set = set;
    this.#refreshVisibility();
  }

  /** True when the form shows the item (in the chosen set, and it applies with the current answers). */
  isShown(id) {
    const node = this.#nodes.get(id);
    return Boolean(node && !node.hidden);
  }

  /** Hides what the set does not ask and what the answers make inapplicable; says why in each section. */
  #refreshVisibility() {
    const { itemsById, checklist } = this.#engine;
    const answers = this.#answers();
    const inSet = (item) => item.sets.includes(this.#set);
    for (const [id, node] of this.#nodes) {
      const item = itemsById.get(id);
      const cond = conditionOf(item);
      const applies = conditionHolds(cond, answers, itemsById);
      node.hidden = !inSet(item) || !applies;
      node.dataset.applies = String(applies);
      for (const o of item.options ?? []) {
        const oc = conditionOf(o);
        if (!oc) continue;
        const box = node.querySelector(`[data-option="${CSS.escape(o.id)}"]`);
        if (box) box.hidden = !conditionHolds(oc, answers, itemsById);
      }
    }
    for (const [dimId, sec] of this.#sections) {
      const dim = checklist.dimensions.find((d) => d.id === dimId);
      const asked = dim.items.map((id) => itemsById.get(id)).filter(inSet);
      sec.hidden = asked.length === 0;
      this.#root.querySelector(`.toc li[data-dim="${dimId}"]`).hidden = asked.length === 0;
      for (const m of sec.querySelectorAll('.scenes-block')) m.hidden = ![...m.querySelectorAll('tr[data-item]')].some((r) => !r.hidden);
      // Items the answers make inapplicable, grouped by the item whose answer decides.
      const by = new Map();
      for (const item of asked) {
        const cond = conditionOf(item);
        if (cond && !conditionHolds(cond, answers, itemsById)) by.set(cond.item, [...(by.get(cond.item) ?? []), item.id]);
      }
      replace(sec.querySelector('.inapplicable'), [...by].map(([decider, ids]) => h('p', { class: 'inapplicable-note', dataset: { decider } },
        t('inapplicable', { no: this.#numbers.get(decider) ?? decider, n: ids.length, items: ids.map((i) => this.#numbers.get(i)).join(getLang() === 'en' ? ', ' : '、') }))));
    }
  }

  /**
   * Shows the engine's problems with answers at their items (and clears the others).
   * @param {Map<string, { item: string, code: string, message: string, messageJa: string }>} problems
   */
  setProblems(problems) {
    // No problem before and none now (every click on a valid answer): nothing to touch.
    const none = !problems.size && !this.#problems?.size;
    this.#problems = problems;
    if (none) return;
    for (const [id, node] of this.#nodes) {
      const p = problems.get(id);
      const el = node.querySelector('.item-problem');
      el.textContent = p ? (getLang() === 'en' ? p.message : p.messageJa ?? p.message) : '';
      node.classList.toggle('has-problem', Boolean(p));
      for (const input of node.querySelectorAll('input[data-role="number"], textarea[data-role="text"]')) input.setAttribute('aria-invalid', String(Boolean(p)));
    }
  }

  /** Per-section and overall progress from a report (未定 does not count as answered). */
  setProgress(report) {
    // The engine before proven levels counted 未定 as answered: take those out.
    const undecided = provenShape(report) ? [] : (report.undecided ?? []).map((id) => this.#engine.itemsById.get(id)?.dimension);
    for (const dim of report.dimensions) {
      const sec = this.#sections.get(dim.id);
      if (!sec) continue;
      const d = { ...dim, answered: dim.answered - undecided.filter((x) => x === dim.id).length };
      // Only what changed is written: a text set again, even to itself, is laid out again.
      const p = sec.querySelector('progress');
      if (p.max !== Math.max(d.total, 1)) p.max = Math.max(d.total, 1);
      if (p.value !== d.answered) p.value = d.answered;
      setText(sec.querySelector('.dim-progress-text'), t('answeredOf', { a: d.answered, t: d.total }));
      const toc = this.#root.querySelector(`#toc-count-${d.id}`);
      setText(toc, `${d.answered}/${d.total}`);
      toc.classList.toggle('done', d.total > 0 && d.answered === d.total);
    }
  }

  /** Moves focus to an item (used by links from the results); false when the form does not show it. */
  focusItem(id) {
    const node = this.#nodes.get(id);
    if (!node || node.hidden) return false;
    node.scrollIntoView({ block: 'center' });
    const target = [...node.querySelectorAll('input, button, textarea')].find((el) => !el.closest('[hidden]'));
    target?.focus({ preventScroll: true });
    node.classList.remove('flash');
    void node.offsetWidth; // restart the highlight
    node.classList.add('flash');
    return true;
  }

  // --- rendering -------------------------------------------------------------------------

  #section(dim) {
    const { itemsById } = this.#engine;
    const items = dim.items.map((id) => itemsById.get(id));
    const number = this.#numbers;
    const hid = `sec-${dim.id}-h`;
    const progId = `prog-${dim.id}`;
    const body = [];
    let sceneBlockDone = false;
    for (const item of items) {
      if (item.type === 'scenes') {
        if (!sceneBlockDone) body.push(this.#scenesBlock(dim, items.filter((i) => i.type === 'scenes'), number));
        sceneBlockDone = true;
      } else body.push(this.#item(item, number.get(item.id)));
    }
    const sec = h('section', { class: 'dim', id: `sec-${dim.id}`, 'aria-labelledby': hid, dataset: { dim: dim.id } },
      h('header', { class: 'dim-head' },
        h('h2', { id: hid }, h('span', { class: 'dim-id' }, dim.id), ' ', tx(dim.title),
          dim.marker ? h('span', { class: 'badge marker', text: t('marker', { n: markerCount(this.#engine.checklist) }) }) : null),
        h('div', { class: 'dim-progress' },
          h('label', { for: progId, class: 'dim-progress-text', text: t('answeredOf', { a: 0, t: 0 }) }),
          h('progress', { id: progId, max: 1, value: 0 }))),
      body,
      h('div', { class: 'inapplicable', role: 'note' }));
    this.#sections.set(dim.id, sec);
    return sec;
  }

  /** Help text, inferred note and sources, in a disclosure beside the question. */
  #help(item) {
    return h('details', { class: 'help' },
      h('summary', {}, t('helpSources')),
      h('div', { class: 'help-body' },
        h('p', { text: tx(item.help) }),
        item.inferred || item.inferredNote
          ? h('p', { class: 'inferred' }, h('span', { class: 'badge', text: t('inferred') }), ' ', tx(item.inferredNote))
          : null,
        h('p', { class: 'sources-h', text: t('sources') }),
        h('ul', { class: 'sources' }, item.sources.map((s) => h('li', { text: sourceText(s, this.#engine.info, getLang()) })))));
  }

  /** 未定 / 該当なし / clear, the reason field and the note. */
  #extras(item) {
    const q = `q-${item.id}`;
    const reasonId = idFor('reason', item.id);
    const noteId = idFor('note', item.id);
    return [
      h('p', { class: 'error item-problem', id: idFor('err', item.id), role: 'alert' }),
      h('div', { class: 'status-controls', role: 'group', 'aria-label': t('otherAnswers'), 'aria-describedby': q },
        h('button', { type: 'button', class: 'status-btn', 'aria-pressed': 'false', dataset: { status: 'undecided' }, 'aria-describedby': q }, t('undecided')),
        h('button', { type: 'button', class: 'status-btn', 'aria-pressed': 'false', dataset: { status: 'na' }, 'aria-describedby': q }, t('na')),
        h('button', { type: 'button', class: 'clear-btn', dataset: { action: 'clear' }, 'aria-describedby': q }, t('clearAnswer'))),
      h('div', { class: 'na-reason', hidden: true },
        h('label', { for: reasonId, text: t('naReason') }),
        h('input', { type: 'text', id: reasonId, class: 'reason', dataset: { role: 'reason' }, autocomplete: 'off', 'aria-describedby': `${reasonId}-hint` }),
        h('p', { class: 'hint', id: `${reasonId}-hint`, text: t('naReasonNeeded') })),
      h('details', { class: 'note' },
        h('summary', {}, t('note')),
        h('label', { for: noteId, text: t('noteLabel') }),
        h('textarea', { id: noteId, rows: 2, dataset: { role: 'note' } })),
    ];
  }

  #item(item, number) {
    const q = `q-${item.id}`;
    const node = h('fieldset', { class: 'item', id: `item-${item.id}`, dataset: { item: item.id, type: item.type } },
      h('legend', {}, h('span', { class: 'qno', text: number }), ' ', h('span', { id: q, text: tx(item.question) }),
        item.inferred ? h('span', { class: 'badge', text: t('inferred') }) : null),
      h('div', { class: 'item-grid' },
        h('div', { class: 'item-main' }, this.#controls(item), this.#extras(item)),
        this.#help(item)));
    this.#nodes.set(item.id, node);
    return node;
  }

  #controls(item) {
    const name = `v-${item.id}`;
    const q = `q-${item.id}`;
    const choice = (type, value, label, extra = {}) => {
      const id = idFor('c', item.id, String(value));
      return h('div', { class: `choice ${type}`, dataset: { option: String(value) } },
        h('input', { type, id, name, value: String(value), dataset: { role: 'value', ...extra } }),
        h('label', { for: id, text: label }));
    };
    switch (item.type) {
      case 'yes_no': {
        const lb = yesNoLabels(item);
        return h('div', { class: 'choices inline' }, choice('radio', 'true', tx(lb.yes)), choice('radio', 'false', tx(lb.no)));
      }
      case 'single':
        return h('div', { class: 'choices' }, item.options.map((o) => choice('radio', o.id, tx(o))));
      case 'level':
        return h('div', { class: 'choices levels' }, levelLabels(item, this.#engine.info).map((l, i) => choice('radio', i, tx(l))));
      case 'multi':
        return h('div', { class: 'choices' }, item.options.map((o) => choice('checkbox', o.id, tx(o))),
          choice('checkbox', '__none', t('none'), { none: 'true' }));
      case 'number': {
        const id = idFor('n', item.id);
        return h('div', { class: 'number' },
          h('label', { for: id, class: 'number-label', text: t('valueLabel') }),
          h('input', { type: 'text', inputmode: item.integer ? 'numeric' : 'decimal', id, class: 'num', autocomplete: 'off', dataset: { role: 'number' }, 'aria-describedby': `${q} ${idFor('err', item.id)}` }),
          item.unit ? h('span', { class: 'unit', text: tx(item.unit) }) : null);
      }
      case 'text': {
        const id = idFor('x', item.id);
        return h('div', { class: 'text' },
          h('label', { for: id, class: 'visually-hidden', text: t('valueLabel') }),
          h('textarea', { id, rows: 3, dataset: { role: 'text' }, 'aria-describedby': q }));
      }
      default:
        return h('p', { class: 'error', text: `unknown item type ${item.type}` });
    }
  }

  /** One matrix for the section's scene items: a row per item, a column per scene. */
  #scenesBlock(dim, items, number) {
    const scenes = scenesOf({ items });
    const colId = (s) => `sc-${dim.id}-${s}`;
    const rows = items.map((item) => {
      const q = `q-${item.id}`;
      const box = (value, col, extra = {}) => h('td', { class: 'cell', dataset: { option: value } },
        h('input', { type: 'checkbox', id: idFor('c', item.id, value), value, dataset: { role: 'value', ...extra }, 'aria-labelledby': `${q} ${col}` }));
      const tr = h('tr', { id: `item-${item.id}`, class: 'item scene-row', dataset: { item: item.id, type: 'scenes' } },
        h('th', { scope: 'row', class: 'scene-q' },
          h('span', { class: 'qno', text: number.get(item.id) }), ' ', h('span', { id: q, text: tx(item.question) }),
          this.#extras(item), this.#help(item)),
        scenes.map((s) => box(s.id, colId(s.id))),
        box('__none', `sc-${dim.id}-none`, { none: 'true' }));
      this.#nodes.set(item.id, tr);
      return tr;
    });
    return h('div', { class: 'scenes-block' },
      h('table', { class: 'scenes-matrix' },
        h('caption', { text: `${tx(dim.title)} — ${t('scenesN', { n: scenes.length })}` }),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: t('question') }),
          scenes.map((s) => h('th', { scope: 'col', id: colId(s.id), text: tx(s) })),
          h('th', { scope: 'col', id: `sc-${dim.id}-none`, text: t('noScene') }))),
        h('tbody', {}, rows)));
  }

  // --- reading and writing one item --------------------------------------------------------

  #answers() {
    return this.#draft.assessment.answers;
  }

  /** Puts an item's stored answer into its controls. */
  #sync(id) {
    const node = this.#nodes.get(id);
    const item = this.#engine.itemsById.get(id);
    const a = norm(this.#answers()[id]);
    const pending = this.#draft.pending.items[id];
    const v = a.status === 'answered' ? a.value : null;
    for (const input of node.querySelectorAll('input[data-role="value"]')) {
      if (input.dataset.none) input.checked = Array.isArray(v) && v.length === 0;
      else if (item.type === 'multi' || item.type === 'scenes') input.checked = Array.isArray(v) && v.includes(input.value);
      else input.checked = v !== null && String(v) === input.value;
    }
    const num = node.querySelector('input[data-role="number"]');
    if (num && this.#focused() !== num) num.value = pending ?? (v === null ? '' : String(v));
    const text = node.querySelector('textarea[data-role="text"]');
    if (text && this.#focused() !== text) text.value = v ?? '';
    for (const b of node.querySelectorAll('.status-btn')) b.setAttribute('aria-pressed', String(a.status === b.dataset.status));
    node.querySelector('.clear-btn').hidden = a.status === 'unanswered' && pending === undefined;
    const naBox = node.querySelector('.na-reason');
    naBox.hidden = a.status !== 'na';
    const reason = naBox.querySelector('input');
    if (this.#focused() !== reason) reason.value = a.status === 'na' ? a.reason ?? '' : '';
    naBox.querySelector('.hint').hidden = !(a.status === 'na' && !(a.reason ?? '').trim());
    const note = node.querySelector('textarea[data-role="note"]');
    if (this.#focused() !== note) note.value = a.note ?? '';
    const noteSummary = node.querySelector('details.note summary');
    setText(noteSummary, a.note ? `${t('note')}: ${a.note.length > 40 ? `${a.note.slice(0, 40)}…` : a.note}` : t('note'));
    node.dataset.status = counts(this.#answers()[id]) ? a.status : a.status === 'na' ? 'incomplete' : 'unanswered';
  }

  /** Handles every event of the form (one listener). */
  handleEvent(ev) {
    const target = ev.target;
    // The table of contents: its links point into this shadow root, where the document's own
    // fragment navigation does not look.
    const toc = ev.type === 'click' ? target.closest?.('a[href^="#"]') : null;
    if (toc) {
      const dest = this.#root.getElementById(toc.getAttribute('href').slice(1));
      if (dest) {
        ev.preventDefault();
        dest.scrollIntoView({ block: 'start' });
        dest.querySelector('h2, h3')?.focus?.();
      }
      return;
    }
    const node = target.closest?.('[data-item]');
    if (!node || !this.#root.contains(node)) return;
    const id = node.dataset.item;
    const item = this.#engine.itemsById.get(id);
    const a = norm(this.#answers()[id]);
    let pending = this.#draft.pending.items[id];
    let next = null;

    if (ev.type === 'click') {
      const btn = target.closest('button');
      if (!btn) return;
      if (btn.dataset.action === 'clear') {
        if (a.status === 'na') this.#reasons.set(id, a.reason ?? '');
        next = { value: null, status: 'unanswered', note: a.note };
        pending = undefined;
      } else if (btn.dataset.status === 'undecided') {
        if (a.status === 'na') this.#reasons.set(id, a.reason ?? '');
        next = a.status === 'undecided' ? { value: null, status: 'unanswered', note: a.note } : { value: null, status: 'undecided', note: a.note };
        pending = undefined;
      } else if (btn.dataset.status === 'na') {
        if (a.status === 'na') {
          this.#reasons.set(id, a.reason ?? '');
          next = { value: null, status: 'unanswered', note: a.note };
        } else next = { value: null, status: 'na', reason: this.#reasons.get(id) ?? '', note: a.note };
        pending = undefined;
      } else return;
    } else {
      const role = target.dataset?.role;
      if (role === 'value' && ev.type === 'change') {
        next = { ...this.#valueFrom(node, item, target), note: a.note };
        if (a.status === 'na') this.#reasons.set(id, a.reason ?? '');
      } else if (role === 'number' && ev.type === 'input') {
        const value = numberValue(target.value);
        pending = undefined;
        if (value === null) next = { value: null, status: a.status === 'answered' ? 'unanswered' : a.status, reason: a.reason, note: a.note };
        else next = { value, status: 'answered', note: a.note };
      } else if (role === 'text' && ev.type === 'input') {
        next = target.value === '' ? { value: null, status: 'unanswered', note: a.note } : { value: target.value, status: 'answered', note: a.note };
      } else if (role === 'reason' && ev.type === 'input') {
        next = { ...a, reason: target.value };
      } else if (role === 'note' && ev.type === 'input') {
        next = { ...a, note: target.value };
      } else return;
    }
    if (next.note === undefined || next.note === '') delete next.note;
    this.dispatchEvent(new CustomEvent('assessment-form-change', {
      bubbles: true,
      detail: { item: id, answer: compact(next), pending },
    }));
    this.#sync(id);
    if (this.#deciders.has(id)) this.#refreshVisibility();
  }

  /** Ids of the items whose answer decides whether another item or option applies. */
  get #deciders() {
    this.#deciderSet ??= new Set(this.#engine.checklist.items.flatMap((i) => [i, ...(i.options ?? [])].map(conditionOf).filter(Boolean).map((c) => c.item)));
    return this.#deciderSet;
  }

  #deciderSet = null;

  /** The value of a choice item from its controls, after the user changed `changed`. */
  #valueFrom(node, item, changed) {
    const inputs = [...node.querySelectorAll('input[data-role="value"]')];
    if (item.type === 'multi' || item.type === 'scenes') {
      const none = inputs.find((i) => i.dataset.none);
      if (changed.dataset.none && changed.checked) for (const i of inputs) if (i !== changed) i.checked = false;
      if (!changed.dataset.none && changed.checked && none) none.checked = false;
      const chosen = inputs.filter((i) => !i.dataset.none && i.checked).map((i) => i.value);
      if (chosen.length) return { value: chosen, status: 'answered' };
      if (none?.checked) return { value: [], status: 'answered' };
      return { value: null, status: 'unanswered' };
    }
    const on = inputs.find((i) => i.checked);
    if (!on) return { value: null, status: 'unanswered' };
    if (item.type === 'yes_no') return { value: on.value === 'true', status: 'answered' };
    if (item.type === 'level') return { value: Number(on.value), status: 'answered' };
    return { value: on.value, status: 'answered' };
  }
}
