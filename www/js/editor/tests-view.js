//! The pack's own test cases, run in the page after every successful check: how many pass, and
//! for each failing case what was expected against what came out.
import { h, replace } from '../dom.js';
import { et } from './strings.js';

const plain = (s) => s.replace(/Some\(([^)]*)\)/g, '$1').replace(/\bNone\b/g, '—');

/** "D1: level Some(0), expected Some(4)" → { what: "D1 level", actual: "0", expected: "4" }; other texts as they are. */
export function failureParts(f) {
  const m = /^(.*?):\s*(.*?)\s+(.*),\s*expected\s+(.*)$/.exec(plain(f));
  return m ? { what: `${m[1]} ${m[2]}`, actual: m[3], expected: m[4] } : { what: plain(f), actual: '', expected: '' };
}

/** Renders test results (`null`: the pack does not compile) into `root`. */
export function renderTests(root, results, { openFile }) {
  if (results === null) return replace(root, h('p', { class: 'muted', text: et('testsBlocked') }));
  if (!results.length) return replace(root, h('p', { class: 'muted', text: et('testsNone') }));
  const failed = results.filter((r) => !r.passed);
  const passed = results.filter((r) => r.passed);
  const summary = h('p', { id: 'tests-summary', class: failed.length ? 'bad' : 'good', text: et('testsSummary', { n: results.length, p: passed.length, f: failed.length }) });
  const fails = failed.map((r) => h('div', { class: 'test-fail', dataset: { file: r.file } },
    h('p', {}, h('strong', { text: `✗ ${et('failed')}: ` }), r.name, ' ',
      h('button', { type: 'button', class: 'btn subtle small', text: r.file, on: { click: () => openFile(r.file) } })),
    h('table', { class: 'expect' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: et('what') }), h('th', { scope: 'col', text: et('expected') }), h('th', { scope: 'col', text: et('actual') }))),
      h('tbody', {}, r.failures.map((f) => {
        const p = failureParts(f);
        return h('tr', {}, h('td', { text: p.what }), h('td', { class: 'exp', text: p.expected }), h('td', { class: 'act', text: p.actual }));
      })))));
  const ok = h('details', {}, h('summary', { text: et('passedList', { n: passed.length }) }),
    h('ul', { class: 'passed' }, passed.map((r) => h('li', { text: `✓ ${r.name}` }))));
  replace(root, summary, fails, ok);
}
