//! Assessment files in and out: reading one (the engine says whether and why it cannot be
//! scored: this page repeats none of its rules); writing the versioned JSON file (schema
//! www/schema/assessment.schema.json); the CSV for council documents (UTF-8 with BOM, so Excel
//! shows Japanese); downloads.
import { isRenkeiError } from './engine.js';
import { answerText, forEngine, norm, itemsInSet } from './answers.js';
import { t, tx, pct, fmt1 } from './i18n.js';
import { sourceText, basisLabel, setOrDefault, itemApplies } from './pack-words.js';
import { dimView, dimLevelText, overallLevelText, stageText, answeredCount, orderedFindings, toCheck } from './result-text.js';

/** A message in both languages. */
const msg = (ja, en) => ({ ja, en });

/** The engine's problems as bilingual lines: a summary, then one line per problem with where it is. */
export function problemMessages(e) {
  const where = (p) => p.item ?? p.file ?? '';
  const lines = e.problems.map((p) => msg(
    `${where(p) ? `${where(p)}: ` : ''}${p.messageJa ?? p.message}`,
    `${where(p) ? `${where(p)}: ` : ''}${p.message}`,
  ));
  return e.problems.length > 1 ? [msg(e.messageJa, String(e.message).split('\n')[0]), ...lines] : lines;
}

/**
 * Reads the text of an assessment file: the engine scores it as it is, and either gives a report
 * or says every reason it cannot (not JSON, with line and column; another pack; a format it does
 * not read; answers that do not fit their items; …).
 * @returns {{ ok: true, assessment: any, report: any, notices: {ja: string, en: string}[] } |
 *           { ok: false, problems: {ja: string, en: string}[] }}
 */
export function readAssessment(text, engine) {
  const body = String(text).replace(/^\uFEFF/, '');
  let report;
  try {
    report = engine.scoreText(body);
  } catch (e) {
    if (!isRenkeiError(e)) throw e;
    return { ok: false, problems: problemMessages(e) };
  }
  const notices = report.diagnostics.filter((d) => d.level === 'warning').map((d) => msg(tx(d.message, 'ja'), tx(d.message, 'en')));
  return { ok: true, assessment: JSON.parse(body), report, notices };
}

/** readAssessment for an engine that answers with promises (a loaded pack, in the pack worker). */
export async function readAssessmentAsync(text, engine) {
  const body = String(text).replace(/^\uFEFF/, '');
  let report;
  try {
    report = await engine.scoreText(body);
  } catch (e) {
    if (!isRenkeiError(e)) throw e;
    return { ok: false, problems: problemMessages(e) };
  }
  const notices = report.diagnostics.filter((d) => d.level === 'warning').map((d) => msg(tx(d.message, 'ja'), tx(d.message, 'en')));
  return { ok: true, assessment: JSON.parse(body), report, notices };
}

/** Puts answer ids in checklist order (unknown ids last, as found). */
function ordered(answers, checklist) {
  const out = {};
  for (const i of checklist.items) if (i.id in answers) out[i.id] = answers[i.id];
  for (const [k, v] of Object.entries(answers)) if (!(k in out)) out[k] = v;
  return out;
}

/**
 * The assessment file of a draft: what "Save to file" writes, and what the engine scores.
 * A 該当なし whose reason is still empty is left out (listed in `incomplete`); so are the answers
 * (and the fiscal year) named in `drop`: those the engine found a problem with (`dropped`).
 * `scoredWith`: the summary of the report these answers have (saved with the file).
 */
export function assessmentOf(draft, engine, { stamp = false, drop = new Set(), scoredWith = null } = {}) {
  const a = draft.assessment;
  const { answers: valid, incomplete } = forEngine(a.answers);
  // Ids the pack no longer has (a draft kept from an older pack) stay in the draft but are
  // neither scored nor saved: the engine would reject the whole file for them.
  const answers = {};
  const unknown = [];
  const dropped = [];
  for (const [id, v] of Object.entries(valid)) {
    if (!engine.itemsById.has(id)) unknown.push(id);
    else if (drop.has(id)) dropped.push(id);
    else answers[id] = v;
  }
  const { id, edition, version, hash } = engine.info;
  const fy = a.fiscalYear !== null && a.fiscalYear !== undefined && !drop.has('fiscalYear') ? { fiscalYear: a.fiscalYear } : {};
  if (a.fiscalYear !== null && a.fiscalYear !== undefined && drop.has('fiscalYear')) dropped.push('fiscalYear');
  const file = {
    schemaVersion: 1,
    pack: { id, edition, version, hash },
    itemSet: setOrDefault(engine.info, a.itemSet),
    municipality: {
      name: a.municipality?.name ?? '',
      prefecture: a.municipality?.prefecture ?? '',
      ...(a.municipality?.code ? { code: a.municipality.code } : {}),
    },
    ...fy,
    createdAt: a.createdAt,
    updatedAt: stamp ? new Date().toISOString() : a.updatedAt,
    ...(a.provenance ? { provenance: a.provenance } : {}),
    ...(a.notes ? { notes: a.notes } : {}),
    // The levels these answers were scored with (summarize(report)), when saving to a file.
    ...(scoredWith ? { scoredWith } : {}),
    answers: ordered(answers, engine.checklist),
  };
  return { file, incomplete, unknown, dropped };
}

/**
 * The steps of scoring a draft: yields the file to score, is given back { out } or { error }.
 * When the engine finds problems with some answers (or the fiscal year), those are left out and
 * the rest is scored, so the results stay live while one entry is wrong; the problems come back
 * to be shown at their items. Other problems (another pack, …) throw.
 */
function* scoreSteps(draft, engine) {
  const drop = new Set();
  let problems = [];
  for (;;) {
    const { file } = assessmentOf(draft, engine, { drop });
    const r = yield file;
    if (!r.error) return { out: r.out, file, problems };
    const e = r.error;
    if (!isRenkeiError(e) || e.kind !== 'answers') throw e;
    const local = e.problems.filter((p) => (engine.itemsById.has(p.item) || p.item === 'fiscalYear') && !drop.has(p.item));
    if (local.length === 0 || local.length < e.problems.length) throw e;
    problems = [...problems, ...local];
    for (const p of local) drop.add(p.item);
  }
}

/**
 * Scores a draft with an engine that answers at once (the default pack, in the page's thread).
 * @returns {{ out: { report: any, ms: number }, file: any, problems: any[] }}
 */
export function scoreDraft(draft, engine) {
  const g = scoreSteps(draft, engine);
  let s = g.next();
  while (!s.done) {
    let r;
    try {
      r = { out: engine.score(s.value) };
    } catch (error) {
      r = { error };
    }
    s = g.next(r);
  }
  return s.value;
}

/** The same with an engine that answers with promises (a loaded pack, in the pack worker). */
export async function scoreDraftAsync(draft, engine) {
  const g = scoreSteps(draft, engine);
  let s = g.next();
  while (!s.done) {
    let r;
    try {
      r = { out: await engine.score(s.value) };
    } catch (error) {
      r = { error };
    }
    s = g.next(r);
  }
  return s.value;
}

/** A file name: renkei_水戸市_2024_core.json */
export function fileName(draft, ext) {
  const a = draft.assessment;
  const parts = ['renkei', a.municipality?.name || 'untitled', a.fiscalYear ?? '', a.itemSet ?? ''].filter((p) => p !== '');
  return `${parts.join('_').replace(/[\\/:*?"<>|\s]+/g, '-')}.${ext}`;
}

/** Offers a file to the user (a download of a Blob made here: nothing leaves the PC). */
export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const cell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return `"${s.replace(/"/g, '""')}"`;
};
const row = (...cells) => cells.map(cell).join(',');

/**
 * The CSV for council documents: basic data, overall result, dimensions (with the range and
 * 簡易判定 where the answers leave the level open), the items to check, every asked answer, and
 * the findings (the next steps first) with their sources. UTF-8 with BOM, CRLF line ends (Excel).
 */
export function csvOf(draft, report, engine, l) {
  const { info, checklist } = engine;
  const a = draft.assessment;
  const lines = [];
  const L = (k, v) => t(k, v, l);
  const o = report.overall;
  lines.push(row(L('appTitle')));
  lines.push(row(L('municipality'), a.municipality?.name ?? ''));
  lines.push(row(L('prefecture'), a.municipality?.prefecture ?? ''));
  lines.push(row(L('fiscalYear'), a.fiscalYear ?? ''));
  lines.push(row(L('itemSet'), tx(report.assessment.itemSetTitle, l)));
  lines.push(row(L('answered'), `${answeredCount(report)} / ${report.assessment.asked}`));
  lines.push(row(L('provenance'), `${info.id} ${info.edition} ${info.version} ${info.hash}`));
  lines.push(row(L('csvExportedAt'), new Date().toISOString()));
  lines.push('');
  lines.push(row(L('overallLevel'), L('score'), L('stage')));
  lines.push(row(overallLevelText(o, report, l), o.level === null ? '' : o.score, stageText(o, l)));
  lines.push('');
  lines.push(row(L('dimension'), '', L('level'), L('csvDimStatus'), L('csvProven'), L('csvUpper'), L('csvOpen'), L('partial'), L('csvLevelLabel'), L('score'), L('csvMax'), L('rate'), L('answered'), L('csvTotal')));
  for (const d of report.dimensions) {
    const v = dimView(d);
    const rated = v.status === 'rated';
    lines.push(row(d.id, tx(d.title, l), dimLevelText(d, info, l), L(v.status === 'rated' ? 'csvRated' : v.status === 'notApplicable' ? 'notApplicableDim' : v.status), rated ? v.level : '', rated ? v.upper : '', rated ? v.open : '',
      v.partial && rated ? L('partial') : '', tx(v.label, l), rated ? fmt1(d.score) : '', rated ? fmt1(d.max) : '', rated ? pct(d.rate) : '', d.answered, d.total));
  }
  lines.push('');
  const check = toCheck(report, checklist);
  lines.push(row(L('toCheck'), L('csvItemId'), L('dimension'), L('question'), L('csvWhy')));
  for (const c of check) {
    const item = engine.itemsById.get(c.item);
    lines.push(row(L('toCheck'), c.item, item?.dimension ?? '', tx(item?.question, l), L(`status_${c.why}`)));
  }
  lines.push('');
  lines.push(row(L('csvItemId'), L('dimension'), L('question'), L('csvType'), L('valueLabel'), L('csvStatus'), L('naReason'), L('note')));
  for (const item of itemsInSet(checklist, setOrDefault(info, a.itemSet))) {
    const raw = a.answers[item.id];
    const n = norm(raw);
    const applies = itemApplies(item, a.answers, engine.itemsById);
    lines.push(row(item.id, item.dimension, tx(item.question, l), item.type,
      n.status === 'answered' && applies ? answerText(item, raw, info, l) : '',
      applies ? L(`status_${n.status}`) : L('status_notAsked'), n.reason ?? '', n.note ?? ''));
  }
  lines.push('');
  lines.push(row(L('csvPriority'), L('csvFirst'), L('dimension'), L('csvItemId'), L('severity'), L('csvStep'), L('csvAdvice'), L('csvBasis'), L('sources')));
  const { first, rest } = orderedFindings(report);
  for (const f of [...first, ...rest]) {
    lines.push(row(f.priority, first.includes(f) ? '○' : '', f.dimension, f.id, L(`severity_${f.severity}`), tx(f.title, l),
      f.advice.map((x) => tx(x, l)).join('\n'),
      f.advice.map((x) => basisLabel(x.basis, info, l)).join('\n'),
      f.advice.map((x) => sourceText(x.source, info, l)).join('\n')));
  }
  return new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
}
