//! What the assessment page shows about editions: the pack line (which pack is active: its
//! title, edition and hash; load another, go back to the page's own) and, for a file opened
//! under another edition, the levels it was saved with and what differs (overall, stage, each
//! dimension, each finding; the items each edition has alone). DOM only: the data come from
//! editions.js and the draft; the words of the pack (titles, stages, items) from the pack.
import { h } from './dom.js';
import { t, tx } from './i18n.js';
import { shortHash } from './editions.js';

const lv = (l) => (l === null || l === undefined ? '—' : String(l));
/** "2（上限 3）" when the top is above the level. */
const levelRange = (level, upper) => (upper !== null && upper !== undefined && upper !== level ? `${lv(level)}${t('edUpTo', { u: upper })}` : lv(level));

/**
 * The pack line: title, edition, short hash (the whole hash on hover and in the details), and
 * whether it is the page's own pack or one loaded from a file.
 * @param {{ info: any, loaded: boolean, onPick: () => void, onHome: () => void, busy?: string }} o
 */
export function packLine({ info, loaded, onPick, onHome, busy = '' }) {
  return h('div', { class: `pack-line${loaded ? ' loaded' : ''}`, id: 'pack-line', dataset: { hash: info.hash, edition: info.edition, loaded: String(loaded) } },
    h('span', { class: 'pack-kind', text: loaded ? t('packLoaded') : t('packHome') }),
    h('strong', { id: 'pack-title', text: tx(info.title) }),
    h('span', { id: 'pack-edition', text: t('plEdition', { e: info.edition }) }),
    h('details', { class: 'pack-hash-box', id: 'pack-details' },
      h('summary', { id: 'pack-hash-short', title: info.hash, text: `${t('plHash')} ${shortHash(info.hash)}` }),
      h('code', { class: 'hash', id: 'pack-hash-full', text: info.hash }),
      h('span', { class: 'hint', text: ` ${info.id} ${info.version}` })),
    h('button', { type: 'button', class: 'btn small', id: 'pack-pick', on: { click: onPick } }, t('packPick')),
    loaded ? h('button', { type: 'button', class: 'btn small', id: 'pack-home', on: { click: onHome } }, t('packBackHome')) : null,
    busy ? h('span', { class: 'pack-busy', id: 'pack-busy', role: 'status', text: busy }) : null);
}

/** A stage's words from the pack that has it (else its id). */
function stageName(id, info) {
  if (id === null || id === undefined) return '—';
  const s = info.stages?.find((x) => x.id === id);
  return s ? tx(s.title) : id;
}

/** A dimension's short title from the checklist (else its id). */
function dimName(id, checklist) {
  const d = checklist.dimensions.find((x) => x.id === id);
  return d ? `${id} ${tx(d.short) || tx(d.title)}` : id;
}

/** One change as a line of text, in the page's language. */
export function changeText(c, { info, checklist, report }) {
  switch (c.what) {
    case 'overall': return t('edChOverall', { a: levelRange(c.old, c.oldUpper), b: levelRange(c.new, c.newUpper) });
    case 'stage': return t('edChStage', { a: stageName(c.old, info), b: stageName(c.new, info) });
    case 'dimension': return t('edChDim', { d: dimName(c.id, checklist), a: levelRange(c.old, c.oldUpper), b: levelRange(c.new, c.newUpper) });
    case 'findingAdded': {
      const f = report?.findings.find((x) => x.id === c.id);
      return t('edChFindingAdded', { f: f ? `${tx(f.title)} (${c.id})` : c.id });
    }
    case 'findingRemoved': return t('edChFindingRemoved', { f: c.id });
    default: return JSON.stringify(c);
  }
}

/** An item as "id 「question」" from the checklist that has it (else the id). */
function itemName(id, checklist) {
  const i = checklist.items.find((x) => x.id === id);
  return i ? `${id}「${tx(i.question)}」` : id;
}

/**
 * The panel of a file opened under another edition.
 * @param {{ edition: any, engine: any, report: any, changes: any[] | null, onClose: () => void }} o
 */
export function editionPanel({ edition: e, engine, report, changes, onClose }) {
  const { info, checklist } = engine;
  const s = e.saved;
  const savedRows = s
    ? [
      h('tr', {}, h('th', { scope: 'row', text: t('edOverall') }), h('td', { class: 'ed-saved-overall', text: levelRange(s.overall?.level, s.overall?.upper) }),
        h('td', { text: report ? levelRange(report.overall.level, report.overall.upper) : '…' })),
      h('tr', {}, h('th', { scope: 'row', text: t('stage') }), h('td', { text: stageName(s.overall?.stage?.id ?? null, info) }),
        h('td', { text: report ? stageName(report.overall.stage?.id ?? null, info) : '…' })),
      ...s.dimensions.map((d) => {
        const now = report?.dimensions.find((x) => x.id === d.id);
        return h('tr', { dataset: { dim: d.id } }, h('th', { scope: 'row', text: dimName(d.id, checklist) }), h('td', { text: levelRange(d.level, d.upper) }),
          h('td', { text: report ? (now ? levelRange(now.level, now.upper) : t('edDimGone')) : '…' }));
      }),
    ]
    : [];
  const list = (id, title, ids, none) => h('div', { class: 'ed-items', id },
    h('h4', { text: `${title}（${ids.length}）` }),
    ids.length ? h('ul', {}, ids.map((x) => h('li', { dataset: { item: x }, text: itemName(x, checklist) }))) : h('p', { class: 'hint', text: none }));
  const changedDims = new Set((changes ?? []).filter((c) => c.what === 'dimension').map((c) => c.id));
  for (const row of savedRows) if (changedDims.has(row.dataset.dim)) row.classList.add('changed');
  return h('section', { class: 'edition-panel', id: 'edition-panel', 'aria-labelledby': 'edition-h', dataset: { from: e.from.edition, to: e.to.edition } },
    h('h3', { id: 'edition-h', text: t('edTitle') }),
    h('p', { id: 'edition-intro', text: t('edIntro', { name: e.file, fromId: e.from.id, from: e.from.edition || '—', fromHash: shortHash(e.from.hash) || '—', to: e.to.edition, toHash: shortHash(e.to.hash) }) }),
    s
      ? h('p', { class: 'ed-saved-line', id: 'edition-saved-line' }, t('edSavedLine', { e: s.pack?.edition ?? e.from.edition }), ' ',
        h('strong', { text: `${t('edOverall')} ${levelRange(s.overall?.level, s.overall?.upper)}` }), ` ・ ${t('stage')} ${stageName(s.overall?.stage?.id ?? null, info)}`)
      : h('p', { class: 'hint', id: 'edition-no-saved', text: t('edNoSaved') }),
    s
      ? h('div', { class: 'ed-changes', id: 'edition-changes' },
        h('h4', { text: t('edChanges') }),
        changes === null ? h('p', { class: 'hint', text: '…' })
          : changes.length ? h('ul', {}, changes.map((c) => h('li', { dataset: { what: c.what, id: c.id ?? '' }, text: changeText(c, { info, checklist, report }) })))
            : h('p', { text: t('edNoChanges') }))
      : null,
    list('edition-added', e.known ? t('edAdded') : t('edAddedGuess'), e.added, t('edNone')),
    list('edition-removed', e.known ? t('edRemoved') : t('edRemovedGuess'), e.removed, t('edNone')),
    s
      ? h('details', { class: 'ed-saved-box', open: true },
        h('summary', { text: t('edSavedCaption', { edition: s.pack?.edition ?? e.from.edition, hash: shortHash(s.pack?.hash) }) }),
        h('table', { class: 'ed-saved', id: 'edition-saved' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: '' }), h('th', { scope: 'col', text: t('edSavedCol', { e: s.pack?.edition ?? e.from.edition }) }), h('th', { scope: 'col', text: t('edNowCol', { e: e.to.edition }) }))),
          h('tbody', {}, savedRows)))
      : null,
    h('p', { class: 'hint', text: t('edKept') }),
    h('button', { type: 'button', class: 'btn small', id: 'edition-close', on: { click: onClose } }, t('edClose')));
}

/** A message of the engine or the worker in both languages: "日本語 / English". */
export function bothLanguages(e) {
  const ja = e?.messageJa ?? '';
  const en = String(e?.message ?? e).split('\n')[0];
  return ja && ja !== en ? `${ja} / ${en}` : en;
}
