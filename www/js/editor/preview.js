//! The preview: one assessment (a sample, or a file the user opens) scored with the pack the
//! editing started from and with the edited pack, side by side; every difference (overall,
//! stage, each dimension, each finding; diffReports) is marked in words, not only in colour.
//! "Save this result as a test case" turns the edited pack's result into a test case file.
import { h, replace } from '../dom.js';
import { tx, getLang } from '../i18n.js';
import { sampleList, sampleText } from '../resources.js';
import { listDrafts, loadDraft } from '../store.js';
import { et, eboth } from './strings.js';
import * as engine from './engine.js';

const lv = (level, upper) => (level === null || level === undefined ? '—' : upper !== null && upper !== undefined && upper !== level ? `${level}（〜${upper}）` : String(level));

/** The test case that pins a report: its answers in, its levels, ranges, overall and stage out. */
export function testCaseOf(name, assessment, report) {
  const levels = {};
  const upper = {};
  for (const d of report.dimensions) {
    levels[d.id] = d.level;
    upper[d.id] = d.upper;
  }
  const expect = { levels, upper, overallLevel: report.overall.level ?? undefined, overallUpper: report.overall.upper ?? undefined };
  if (report.overall.stage) expect.stage = report.overall.stage.id;
  return { name, itemSet: assessment.itemSet ?? report.assessment.itemSet, answers: assessment.answers, expect };
}

/**
 * @param {HTMLElement} root
 * @param {{ say: (m: string, err?: boolean) => void, saveTest: (name: string, testCase: any) => void, canScore: () => boolean }} host
 */
export function createPreview(root, host) {
  let assessment = null;
  let label = '';
  let last = null;
  const out = h('div', { id: 'preview-out', 'aria-live': 'polite' });
  const pick = h('select', { id: 'sample-pick', 'aria-label': et('previewWith') }, h('option', { value: '', text: et('previewPick') }));
  const fileIn = h('input', { type: 'file', id: 'assessment-input', accept: '.json,application/json', hidden: true });
  const openBtn = h('button', { type: 'button', class: 'btn small', text: et('openAssessment'), on: { click: () => fileIn.click() } });
  const saveBtn = h('button', { type: 'button', id: 'save-test', class: 'btn small', text: et('saveAsTest'), disabled: true });
  replace(root, h('div', { class: 'preview-bar' }, h('label', { for: 'sample-pick', text: et('previewWith') }), pick, openBtn, fileIn), out, saveBtn);

  // The self-check's drafts in this browser (same origin: the site, or file:// pages in Chromium), then the samples.
  const drafts = listDrafts();
  if (drafts.length) {
    pick.append(h('optgroup', { label: et('drafts') }, drafts.map((d) => h('option', { value: `draft:${d.id}`,
      text: `${d.name || et('untitled')}（${d.prefecture ?? ''}・${d.fiscalYear ?? ''}）` }))));
  }
  const samples = h('optgroup', { label: et('samples') });
  pick.append(samples);
  sampleList().then((list) => {
    for (const s of list) samples.append(h('option', { value: s.id, text: `${s.name}（${s.prefecture}・${s.fiscalYear ?? ''}）` }));
  }).catch(() => samples.remove());

  async function use(text, name) {
    try {
      const a = JSON.parse(text);
      if (!a || typeof a !== 'object' || !a.answers) throw new Error('not an assessment');
      assessment = a;
      label = name;
      await refresh();
    } catch (e) {
      host.say(`${eboth('scoreFailed')}: ${name}: ${e.message}`, true);
    }
  }
  pick.addEventListener('change', async () => {
    if (!pick.value) return;
    const name = pick.selectedOptions[0].textContent;
    if (pick.value.startsWith('draft:')) {
      const d = loadDraft(pick.value.slice(6));
      if (d) use(JSON.stringify(d.assessment), name);
      return;
    }
    use(await sampleText(pick.value), name);
  });
  fileIn.addEventListener('change', async () => {
    const f = fileIn.files[0];
    if (f) use(await f.text(), f.name);
    fileIn.value = '';
  });
  saveBtn.addEventListener('click', () => {
    if (!last?.after?.report) return;
    const name = `${label} — ${new Date().toISOString().slice(0, 10)}`;
    host.saveTest(name, testCaseOf(name, last.after.assessment, last.after.report));
  });

  async function refresh() {
    if (!assessment) {
      saveBtn.disabled = true;
      return replace(out, h('p', { class: 'muted', text: et('previewNone') }));
    }
    const before = await engine.score('base', assessment);
    const after = host.canScore() ? await engine.score('edited', assessment) : null;
    last = { before, after };
    saveBtn.disabled = !after?.report;
    const failed = [before, after].find((r) => r?.error);
    if (failed) {
      const e = failed.error;
      return replace(out, h('p', { class: 'error', role: 'alert', text: `${et('scoreFailed')}: ${getLang() === 'en' ? e.message : e.messageJa}` }),
        h('ul', {}, e.problems.map((p) => h('li', { text: `${p.item ?? p.file ?? ''}: ${getLang() === 'en' ? p.message : p.messageJa ?? p.message}` }))));
    }
    const b = before.report;
    const a = after?.report ?? null;
    const changes = a ? await engine.diff(b, a) : [];
    const dimChanged = new Set(changes.filter((c) => c.what === 'dimension').map((c) => c.id));
    const aDims = new Map((a?.dimensions ?? []).map((d) => [d.id, d]));
    const mark = (yes) => (yes ? h('span', { class: 'changed-mark', text: `● ${et('changed')}` }) : '');
    const overallChanged = changes.some((c) => c.what === 'overall' || c.what === 'stage') || (a && a.overall.score !== b.overall.score);
    const rows = [h('tr', { class: overallChanged ? 'changed' : null, dataset: { dim: 'overall' } },
      h('th', { scope: 'row', text: et('overall') }),
      h('td', { class: 'before', text: `${lv(b.overall.level, b.overall.upper)} · ${b.overall.score.toFixed(1)} · ${tx(b.overall.stage?.label) || '—'}` }),
      h('td', { class: 'after', text: a ? `${lv(a.overall.level, a.overall.upper)} · ${a.overall.score.toFixed(1)} · ${tx(a.overall.stage?.label) || '—'}` : '—' }),
      h('td', {}, mark(overallChanged)))];
    for (const d of b.dimensions) {
      const x = aDims.get(d.id);
      const changed = dimChanged.has(d.id) || (x && (x.score !== d.score || x.max !== d.max));
      rows.push(h('tr', { class: changed ? 'changed' : null, dataset: { dim: d.id } },
        h('th', { scope: 'row', text: `${d.id} ${tx(d.title)}` }),
        h('td', { class: 'before', text: `${lv(d.level, d.upper)} · ${d.score.toFixed(2)}/${d.max.toFixed(2)}` }),
        h('td', { class: 'after', text: x ? `${lv(x.level, x.upper)} · ${x.score.toFixed(2)}/${x.max.toFixed(2)}` : '—' }),
        h('td', {}, mark(changed))));
    }
    const titleOf = (id) => tx((a?.findings ?? []).concat(b.findings).find((f) => f.id === id)?.title) || id;
    const findings = changes.filter((c) => c.what === 'findingAdded' || c.what === 'findingRemoved')
      .map((c) => h('li', { class: c.what, text: et(c.what, { t: titleOf(c.id) }) }));
    replace(out,
      h('p', { class: 'muted', text: label }),
      !a ? h('p', { class: 'error', text: et('previewBlocked') }) : null,
      after?.dropped?.length ? h('p', { class: 'muted', text: et('dropped', { n: after.dropped.length, ids: after.dropped.join(', ') }) }) : null,
      h('table', { class: 'compare' },
        h('caption', { id: 'compare-caption', text: a ? (changes.length || overallChanged ? et('nChanges', { n: Math.max(changes.length, rows.filter((r) => r.classList.contains('changed')).length) }) : et('noChange')) : '' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: et('dimension') }), h('th', { scope: 'col', text: et('before') }), h('th', { scope: 'col', text: et('after') }), h('th', { scope: 'col', text: et('changed') }))),
        h('tbody', {}, rows)),
      findings.length ? h('ul', { class: 'finding-changes' }, findings) : null);
  }
  return { refresh, hasAssessment: () => assessment !== null };
}
