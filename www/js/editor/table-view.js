//! The table view: a dimension and its items as a form, for edits that need no script — the
//! question, help and next-step texts (ja/en), weights, item sets, applicability, options and
//! their points, advice and sources. Each change rewrites one value in the item file's TOML text
//! (toml-edit.js); the rest of the file stays byte for byte.
import { h, replace } from '../dom.js';
import { et } from './strings.js';
import { tx } from '../i18n.js';
import { tomlData, setValue, tableLine } from './toml-edit.js';

const list = (s) => s.split(/[,、，]/).map((x) => x.trim()).filter(Boolean);

/**
 * @param {HTMLElement} root
 * @param {{ files: () => Record<string,string>, itemFiles: () => string[], sets: () => {id: string, title: any}[],
 *           write: (path: string, text: string) => void, showInCode: (path: string, line: number) => void,
 *           say: (msg: string, isError?: boolean) => void }} host
 */
export function createTableView(root, host) {
  let file = null;
  let openDetails = new Set();

  /** A field that writes `keys` of the table `table` of the current file on change. */
  function field(labelText, value, table, keys, { kind = 'text', multiline = false, small = false, emptyRemoves = null } = {}) {
    const id = `f-${table.join('-')}-${keys.join('-')}`.replace(/[^\w-]/g, '_');
    const attrs = { id, class: small ? 'num' : null, 'aria-label': labelText };
    const input = multiline
      ? h('textarea', { ...attrs, rows: 2 }, value ?? '')
      : h('input', { ...attrs, type: kind === 'number' ? 'text' : 'text', inputmode: kind === 'number' ? 'decimal' : null, value: value ?? '' });
    input.addEventListener('change', () => {
      const raw = input.value;
      let v;
      if (kind === 'number') {
        v = Number(raw.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
        if (raw.trim() === '' || !Number.isFinite(v)) {
          host.say(et('notANumber', { v: raw }), true);
          input.value = value ?? '';
          return;
        }
      } else if (kind === 'list') {
        v = list(raw);
      } else if (emptyRemoves && raw.trim() === '') {
        edit(table, emptyRemoves, undefined);
        return;
      } else {
        v = raw;
      }
      edit(table, keys, v);
    });
    return { id, input };
  }
  const labelled = (labelText, f) => h('label', { class: 'field', for: f.id }, h('span', {}, labelText), f.input);

  function edit(table, keys, value) {
    const text = host.files()[file];
    try {
      host.write(file, setValue(text, table, keys, value));
    } catch (e) {
      host.say(`${file}: ${e.message}`, true);
    }
  }

  function itemDetails(item, i) {
    const t = ['item', i];
    const aw = item.applies_when ?? {};
    const parts = [
      h('div', { class: 'grid2' },
        labelled(et('questionJa'), field(et('questionJa'), item.question?.ja, t, ['question', 'ja'], { multiline: true })),
        labelled(et('questionEn'), field(et('questionEn'), item.question?.en, t, ['question', 'en'], { multiline: true })),
        labelled(et('helpJa'), field(et('helpJa'), item.help?.ja, t, ['help', 'ja'], { multiline: true })),
        labelled(et('helpEn'), field(et('helpEn'), item.help?.en, t, ['help', 'en'], { multiline: true })),
        labelled(et('actionJa'), field(et('actionJa'), item.action?.ja, t, ['action', 'ja'])),
        labelled(et('actionEn'), field(et('actionEn'), item.action?.en, t, ['action', 'en']))),
      h('fieldset', {}, h('legend', { text: et('appliesWhen') }),
        h('div', { class: 'grid3' },
          labelled(et('appliesItem'), field(et('appliesItem'), aw.item, t, ['applies_when', 'item'], { emptyRemoves: ['applies_when'] })),
          labelled(et('appliesIs'), field(et('appliesIs'), (aw.is ?? []).join(', '), t, ['applies_when', 'is'], { kind: 'list' })),
          labelled(et('appliesIsNot'), field(et('appliesIsNot'), (aw.is_not ?? []).join(', '), t, ['applies_when', 'is_not'], { kind: 'list' })))),
    ];
    if (Array.isArray(item.options) && item.options.length) {
      parts.push(h('table', { class: 'opts' },
        h('caption', { text: et('options') }),
        h('thead', {}, h('tr', {}, h('th', { text: 'id' }), h('th', { text: et('optionJa') }), h('th', { text: et('optionEn') }), h('th', { text: et('points') }))),
        h('tbody', {}, item.options.map((o, k) => h('tr', {},
          h('td', { class: 'mono', text: o.id }),
          h('td', {}, field(`${et('optionJa')} ${o.id}`, o.ja, t, ['options', k, 'ja']).input),
          h('td', {}, field(`${et('optionEn')} ${o.id}`, o.en, t, ['options', k, 'en']).input),
          h('td', {}, item.type === 'single' ? field(et('pointsOf', { id: item.id, opt: o.id }), o.points, t, ['options', k, 'points'], { kind: 'number', small: true }).input : '—'))))));
    }
    (item.advice ?? []).forEach((a, k) => {
      const at = ['item', i, 'advice', k];
      parts.push(h('fieldset', {}, h('legend', { text: et('adviceN', { n: k + 1 }) }),
        h('div', { class: 'grid2' },
          labelled(et('adviceJa'), field(`${item.id} ${et('adviceJa')} ${k + 1}`, a.ja, at, ['ja'], { multiline: true })),
          labelled(et('adviceEn'), field(`${item.id} ${et('adviceEn')} ${k + 1}`, a.en, at, ['en'], { multiline: true })),
          labelled(et('sourceFile'), field(`${item.id} ${et('adviceN', { n: k + 1 })} ${et('sourceFile')}`, a.source?.file, at, ['source', 'file'])),
          labelled(et('sourceQuote'), field(`${item.id} ${et('adviceN', { n: k + 1 })} ${et('sourceQuote')}`, a.source?.quote, at, ['source', 'quote'])))));
    });
    if (Array.isArray(item.sources) && item.sources.length) {
      parts.push(h('fieldset', {}, h('legend', { text: et('sources') }),
        item.sources.map((s, k) => h('div', { class: 'grid2' },
          labelled(et('sourceFile'), field(`${item.id} ${et('sources')} ${k + 1} ${et('sourceFile')}`, s.file, t, ['sources', k, 'file'])),
          labelled(et('sourceQuote'), field(`${item.id} ${et('sources')} ${k + 1} ${et('sourceQuote')}`, s.quote, t, ['sources', k, 'quote']))))));
    }
    parts.push(h('button', { type: 'button', class: 'btn small', text: et('showInCode'),
      on: { click: () => host.showInCode(file, tableLine(host.files()[file], t)) } }));
    return h('div', { class: 'item-details' }, parts);
  }

  function render() {
    const files = host.itemFiles().filter((p) => p in host.files());
    if (!files.includes(file)) file = files[0] ?? null;
    const picker = h('select', { id: 'dim-pick', 'aria-label': et('pickDimension'),
      on: { change: (e) => { file = e.target.value; openDetails = new Set(); render(); } } },
    files.map((p) => {
      let label = p;
      try {
        const d = tomlData(host.files()[p]).dimension ?? {};
        label = `${d.id ?? '?'} ${tx(d.title)}`;
      } catch { /* shown as its path */ }
      return h('option', { value: p, selected: p === file, text: label });
    }));
    const head = h('div', { class: 'dim-pick' }, h('label', { for: 'dim-pick', text: et('pickDimension') }), picker);
    if (!file) return replace(root, head);
    let data;
    try {
      data = tomlData(host.files()[file]);
    } catch {
      return replace(root, head, h('p', { class: 'error', role: 'alert', text: et('tomlBroken', { file }) }),
        h('button', { type: 'button', class: 'btn', text: et('showInCode'), on: { click: () => host.showInCode(file, 1) } }));
    }
    const d = data.dimension ?? {};
    const dimForm = h('fieldset', { class: 'dim-form' }, h('legend', { text: `${et('dimension')} ${d.id ?? ''}${d.marker ? ` (${et('marker')})` : ''}` }),
      h('div', { class: 'grid3' },
        labelled(`${et('dimTitle')} (ja)`, field(`${et('dimTitle')} (ja)`, d.title?.ja, ['dimension'], ['title', 'ja'])),
        labelled(`${et('dimTitle')} (en)`, field(`${et('dimTitle')} (en)`, d.title?.en, ['dimension'], ['title', 'en'])),
        labelled(et('dimWeight'), field(et('dimWeight'), d.weight, ['dimension'], ['weight'], { kind: 'number', small: true }))));
    const sets = host.sets();
    const rows = [];
    (data.item ?? []).forEach((item, i) => {
      const inSets = item.sets ?? ['full'];
      const open = openDetails.has(item.id);
      rows.push(h('tr', { dataset: { item: item.id } },
        h('td', { class: 'mono', text: item.id }),
        h('td', { text: item.type ?? '' }),
        h('td', { class: 'q', text: tx(item.question) }),
        h('td', {}, field(et('weightOf', { id: item.id }), item.weight ?? 1, ['item', i], ['weight'], { kind: 'number', small: true }).input),
        h('td', { class: 'sets' }, sets.map((s) => {
          const cb = h('input', { type: 'checkbox', checked: inSets.includes(s.id), 'aria-label': et('setOf', { id: item.id, set: tx(s.title) || s.id }),
            on: { change: (e) => edit(['item', i], ['sets'], sets.map((x) => x.id).filter((x) => (x === s.id ? e.target.checked : inSets.includes(x)))) } });
          return h('label', { class: 'set' }, cb, ` ${tx(s.title) || s.id}`);
        })),
        h('td', {}, h('button', { type: 'button', class: 'btn small', 'aria-expanded': String(open), text: et('details'), 'aria-label': et('detailsOf', { id: item.id }),
          on: { click: () => { if (open) openDetails.delete(item.id); else openDetails.add(item.id); render(); } } }))));
      if (open) rows.push(h('tr', { class: 'details-row' }, h('td', { colspan: 6 }, itemDetails(item, i))));
    });
    const table = h('table', { class: 'items' },
      h('caption', { text: `${et('items')} (${(data.item ?? []).length})` }),
      h('thead', {}, h('tr', {}, ['itemId', 'type', 'question', 'weight', 'sets', 'details'].map((k) => h('th', { scope: 'col', text: et(k) })))),
      h('tbody', {}, rows));
    replace(root, head, dimForm, table);
  }

  return {
    render,
    /** Shows the dimension of this item file (e.g. after a click on a problem). */
    show(path) { file = path; render(); },
    current: () => file,
  };
}
