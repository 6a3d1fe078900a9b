//! The blank printable questionnaire (questionnaire.html?set=core|full&lang=ja|en): every
//! question of an item set with empty boxes, for filling in on paper in a meeting. Built from the
//! same checklist as the form. `packHash=sha256:…`: the checklist of a pack loaded in the
//! assessment page (kept in the browser by hash; compiled in the pack worker).
import { loadEngine } from './engine.js';
import { h, replace } from './dom.js';
import { t, tx, setLang, getLang } from './i18n.js';
import { levelLabels, yesNoLabels, valueText } from './answers.js';
import { sourceText, setOrDefault, itemNumbers, conditionOf, scenesOf } from './pack-words.js';
import { provenance } from './print-report.js';
import { isSingleFile } from './resources.js';
import { loadPack } from './store.js';
import { workerEngine } from './editions.js';

const box = () => h('span', { class: 'box', 'aria-hidden': 'true' });
const line = (cls = 'blank') => h('span', { class: cls, 'aria-hidden': 'true' });

function options(item, info) {
  switch (item.type) {
    case 'yes_no': {
      const lb = yesNoLabels(item);
      return [tx(lb.yes), tx(lb.no)];
    }
    case 'single':
      return item.options.map((o) => tx(o) + onlyWhen(o, info));
    case 'multi':
      return [...item.options.map((o) => tx(o) + onlyWhen(o, info)), t('none')];
    case 'level':
      return levelLabels(item, info).map((l) => tx(l));
    default:
      return [];
  }
}

let ENGINE = null;
let NUMBERS = new Map();

/** On paper nothing can be hidden: an item or option with `appliesWhen` says when it is asked. */
function onlyWhen(x) {
  const c = conditionOf(x);
  if (!c) return '';
  const decider = ENGINE.itemsById.get(c.item);
  if (!decider) return '';
  const names = (ids) => ids.map((v) => valueText(decider, decider.type === 'multi' ? [v] : v, ENGINE.info)).join(getLang() === 'en' ? ' or ' : '・');
  const no = NUMBERS.get(c.item) ?? c.item;
  const cond = c.is.length ? t('onlyWhenIs', { no, v: names(c.is) }) : t('onlyWhenIsNot', { no, v: names(c.isNot) });
  return getLang() === 'en' ? ` (${cond})` : `（${cond}）`;
}

function other() {
  return h('p', { class: 'q-other' }, box(), ` ${t('undecided')}　`, box(), ` ${t('na')}（${t('reason')}: `, line(), '）');
}

function item(i, number, info) {
  let answer;
  if (i.type === 'number') answer = h('p', { class: 'q-number' }, line('blank short'), ` ${tx(i.unit)}`);
  else if (i.type === 'text') answer = h('div', { class: 'q-textbox', 'aria-hidden': 'true' });
  else answer = h('ul', { class: `q-boxes ${i.type === 'level' || i.type === 'single' ? 'stack' : ''}` }, options(i, info).map((o) => h('li', {}, box(), ` ${o}`)));
  return h('div', { class: 'q-item' },
    h('p', { class: 'q-text' }, h('span', { class: 'qno', text: number }), ' ', tx(i.question), onlyWhen(i),
      i.type === 'multi' ? h('span', { class: 'q-multi', text: getLang() === 'en' ? ' (tick all that apply)' : '（複数選択可）' }) : null),
    answer,
    other(),
    h('p', { class: 'q-help' }, tx(i.help), ' ', h('span', { class: 'src', text: i.sources.map((s) => sourceText(s, info, getLang())).join(' ') })));
}

function scenesTable(dim, items, number) {
  const scenes = scenesOf({ items });
  return h('table', { class: 'q-scenes' },
    h('caption', { text: `${tx(dim.title)} — ${t('scenesN', { n: scenes.length })}` }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('question') }), scenes.map((s) => h('th', { scope: 'col', text: tx(s) })), h('th', { scope: 'col', text: t('noScene') }))),
    h('tbody', {}, items.map((i) => h('tr', {},
      h('th', { scope: 'row' }, h('span', { class: 'qno', text: number.get(i.id) }), ' ', tx(i.question), onlyWhen(i), other()),
      [...scenes, null].map(() => h('td', { class: 'cell' }, box()))))));
}

function render(engine, set) {
  const { info, checklist } = engine;
  const setInfo = info.sets.find((s) => s.id === setOrDefault(info, set));
  ENGINE = engine;
  NUMBERS = itemNumbers(checklist);
  const asked = checklist.items.filter((i) => i.sets.includes(setInfo.id));
  const field = (label) => h('div', {}, h('dt', { text: label }), h('dd', {}, line('blank wide')));
  const cover = h('section', { class: 'q-cover' },
    h('p', { class: 'cover-pack', text: tx(info.title) }),
    h('h1', { text: t('blankTitle') }),
    h('p', { class: 'q-set', text: `${t('itemSet')}: ${tx(setInfo.title)} — ${t('questions', { n: asked.length })}` }),
    h('dl', { class: 'q-fields' }, field(t('prefecture')), field(t('municipality')), field(t('fiscalYear')),
      field(getLang() === 'en' ? 'Filled in by' : '記入者'), field(getLang() === 'en' ? 'Date' : '記入日')),
    h('p', { class: 'q-how', text: t('blankHow') }));
  const sections = checklist.dimensions.map((dim) => {
    const items = dim.items.map((id) => engine.itemsById.get(id));
    const number = NUMBERS;
    const inSet = items.filter((i) => i.sets.includes(setInfo.id));
    if (!inSet.length) return null;
    const body = [];
    let scenesDone = false;
    for (const i of inSet) {
      if (i.type === 'scenes') {
        if (!scenesDone) body.push(scenesTable(dim, inSet.filter((x) => x.type === 'scenes'), number));
        scenesDone = true;
      } else body.push(item(i, number.get(i.id), info));
    }
    return h('section', { class: 'q-dim', dataset: { dim: dim.id } }, h('h2', {}, `${dim.id} ${tx(dim.title)}`), body);
  });
  replace(document.getElementById('questionnaire'), cover, sections, provenance(engine));
  document.title = `renkei — ${t('blankTitle')}`;
}

/**
 * The page's parameters: `?set=…&lang=…` on the site; in the single file (one page for both)
 * they follow `#blank?` in the address, and the form is the same file without the fragment.
 */
function where() {
  if (!isSingleFile()) return { params: new URLSearchParams(location.search), self: '', app: 'index.html', sep: '?' };
  return { params: new URLSearchParams(location.hash.replace(/^#blank\??/, '')), self: '#blank', app: location.pathname.split('/').pop() || './', sep: '?' };
}

async function main() {
  const { params, self, app } = where();
  setLang(params.get('lang') === 'en' ? 'en' : 'ja');
  let engine = await loadEngine();
  const pack = params.get('pack');
  const packHash = pack ? null : params.get('packHash');
  const kept = packHash ? loadPack(packHash) : null;
  if (kept !== null) engine = await workerEngine(kept, engine.version);
  const set = setOrDefault(engine.info, params.get('set'));
  document.getElementById('loading').remove();
  const q = (o) => `${self}?${new URLSearchParams({ ...o, ...(pack ? { pack } : {}), ...(kept !== null ? { packHash } : {}) })}`;
  const link = (href, text, current = false) => h('a', { class: 'btn', href, 'aria-current': current ? 'page' : null, text });
  // In the single file the links change only the fragment: read it again.
  if (self) window.addEventListener('hashchange', () => location.reload());
  replace(document.getElementById('q-toolbar'),
    link(pack ? `${app}${q({}).slice(self.length)}` : app, t('backToApp')),
    engine.info.sets.map((s) => link(q({ set: s.id, lang: getLang() }), tx(s.title), s.id === set)),
    link(q({ set, lang: getLang() === 'en' ? 'ja' : 'en' }), t('langSwitch')),
    h('button', { type: 'button', class: 'btn primary', on: { click: () => window.print() } }, t('printThis')));
  render(engine, set);
  document.body.dataset.ready = 'true';
}

/** Starts the blank questionnaire (the page's own module runs it; the single file calls it from its entry). */
export function start() {
  main().catch((e) => startFailed(e));
}

function startFailed(e) {
  const el = document.getElementById('loading');
  if (el) replace(el, h('p', { class: 'load-error', text: `${t('loadFailed', {}, 'ja')} / ${t('loadFailed', {}, 'en')} (${e?.message ?? e})` }));
}

start();
