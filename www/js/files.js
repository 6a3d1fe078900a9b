//! Assessment files in and out: reading one with a clear, bilingual message for every way it can
//! be wrong; writing the versioned JSON file (schema www/schema/assessment.schema.json); the CSV
//! for council documents (UTF-8 with BOM, so Excel shows Japanese); downloads.
import { isRenkeiError } from './engine.js';
import { locateJsonError } from './json-locate.js';
import { answerText, forEngine, norm, itemsInSet } from './answers.js';
import { t, tx, pct, fmt1, sourceText } from './i18n.js';

/** A message in both languages. */
const msg = (ja, en) => ({ ja, en });

/**
 * Reads the text of an assessment file and checks it against this page's pack and engine.
 * @returns {{ ok: true, assessment: any, notices: {ja: string, en: string}[] } |
 *           { ok: false, problems: {ja: string, en: string}[] }}
 */
export function readAssessment(text, engine) {
  const { info } = engine;
  const bad = (...problems) => ({ ok: false, problems });
  const body = String(text).replace(/^\uFEFF/, '');
  let data;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const at = locateJsonError(body) ?? { line: 1, column: 1, what: e.message };
    return bad(msg(
      `JSON として読めません（${at.line}行 ${at.column}列: ${at.what}）。ファイルが壊れているか、回答ファイルではありません。`,
      `Not valid JSON (line ${at.line}, column ${at.column}: ${at.what}). The file is damaged or is not an assessment file.`,
    ));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return bad(msg('回答ファイルではありません（JSON の中身がオブジェクトではありません）。', 'Not an assessment file (the JSON is not an object).'));
  }
  if (!('schemaVersion' in data)) {
    return bad(msg('回答ファイルではありません（schemaVersion がありません）。', 'Not an assessment file (no schemaVersion).'));
  }
  if (data.schemaVersion !== 1) {
    const v = JSON.stringify(data.schemaVersion);
    return bad(msg(
      `回答ファイルの形式 schemaVersion ${v} には対応していません（このページが読めるのは 1）。`,
      `Assessment file format schemaVersion ${v} is not supported (this page reads 1).`,
    ));
  }
  if (!data.pack || typeof data.pack !== 'object' || typeof data.pack.id !== 'string') {
    return bad(msg('ルールパックの指定（pack.id）がありません。', 'The file does not say which rule pack it is for (pack.id).'));
  }
  if (data.pack.id !== info.id) {
    return bad(msg(
      `別のルールパック「${data.pack.id}」用のファイルです（このページのルールパック: 「${info.id}」）。`,
      `This file is for another rule pack, "${data.pack.id}" (this page uses "${info.id}").`,
    ));
  }
  if (typeof data.answers !== 'object' || data.answers === null || Array.isArray(data.answers)) {
    return bad(msg('回答（answers）がありません。', 'The file has no answers object.'));
  }
  if ('fiscalYear' in data && data.fiscalYear !== null && !(Number.isInteger(data.fiscalYear) && data.fiscalYear >= 2000 && data.fiscalYear <= 2100)) {
    return bad(msg(
      `年度（fiscalYear）が正しくありません: ${JSON.stringify(data.fiscalYear)}（2000〜2100 の整数）。`,
      `The fiscal year is invalid: ${JSON.stringify(data.fiscalYear)} (a whole number from 2000 to 2100).`,
    ));
  }
  const m = data.municipality;
  if (m !== undefined && (typeof m !== 'object' || m === null || Array.isArray(m))) {
    return bad(msg('市区町村（municipality）の形式が正しくありません。', 'The municipality field is malformed.'));
  }
  try {
    engine.score(data);
  } catch (e) {
    if (!isRenkeiError(e)) throw e;
    const items = [...new Set(e.problems.map((p) => p.item ?? p.file).filter(Boolean))];
    return bad(
      msg(
        `回答に${e.problems.length}件の問題があります（設問: ${items.join(', ')}）。`,
        `The answers have ${e.problems.length} problem(s) (items: ${items.join(', ')}).`,
      ),
      ...e.problems.map((p) => msg(`${p.item ?? p.file}: ${p.messageJa ?? p.message}`, `${p.item ?? p.file}: ${p.message}`)),
    );
  }
  const notices = [];
  if ((data.pack.hash && data.pack.hash !== info.hash) || (data.pack.version && data.pack.version !== info.version)) {
    const v = [data.pack.edition, data.pack.version, data.pack.hash?.slice(0, 15)].filter(Boolean).join(' ');
    const cur = `${info.edition} ${info.version} ${info.hash.slice(0, 15)}`;
    notices.push(msg(t('packOtherVersion', { v, cur }, 'ja'), t('packOtherVersion', { v, cur }, 'en')));
  }
  return { ok: true, assessment: data, notices };
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
 * A 該当なし whose reason is still empty is left out (listed in `incomplete`).
 */
export function assessmentOf(draft, engine, { stamp = false } = {}) {
  const a = draft.assessment;
  const { answers: valid, incomplete } = forEngine(a.answers);
  // Ids the pack no longer has (a draft kept from an older pack) stay in the draft but are
  // neither scored nor saved: the engine would reject the whole file for them.
  const answers = {};
  const unknown = [];
  for (const [id, v] of Object.entries(valid)) {
    if (engine.itemsById.has(id)) answers[id] = v;
    else unknown.push(id);
  }
  const { id, edition, version, hash } = engine.info;
  const file = {
    schemaVersion: 1,
    pack: { id, edition, version, hash },
    itemSet: a.itemSet ?? 'full',
    municipality: {
      name: a.municipality?.name ?? '',
      prefecture: a.municipality?.prefecture ?? '',
      ...(a.municipality?.code ? { code: a.municipality.code } : {}),
    },
    ...(Number.isInteger(a.fiscalYear) ? { fiscalYear: a.fiscalYear } : {}),
    createdAt: a.createdAt,
    updatedAt: stamp ? new Date().toISOString() : a.updatedAt,
    ...(a.provenance ? { provenance: a.provenance } : {}),
    ...(a.notes ? { notes: a.notes } : {}),
    answers: ordered(answers, engine.checklist),
  };
  return { file, incomplete, unknown };
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
 * The CSV for council documents: basic data, overall result, dimensions, every asked answer,
 * and the next steps with their sources. UTF-8 with BOM, CRLF line ends (Excel).
 */
export function csvOf(draft, report, engine, l) {
  const { info, checklist } = engine;
  const a = draft.assessment;
  const lines = [];
  const L = (k, v) => t(k, v, l);
  lines.push(row(L('appTitle')));
  lines.push(row(L('municipality'), a.municipality?.name ?? ''));
  lines.push(row(L('prefecture'), a.municipality?.prefecture ?? ''));
  lines.push(row(L('fiscalYear'), a.fiscalYear ?? ''));
  lines.push(row(L('itemSet'), tx(report.assessment.itemSetTitle, l)));
  lines.push(row(L('answered'), `${report.assessment.answered} / ${report.assessment.asked}`));
  lines.push(row(L('provenance'), `${info.id} ${info.edition} ${info.version} ${info.hash}`));
  lines.push(row(L('csvExportedAt'), new Date().toISOString()));
  lines.push('');
  lines.push(row(L('overallLevel'), L('score'), L('stage')));
  lines.push(row(`${report.overall.level} ${tx(report.overall.label, l)}`, report.overall.score, tx(report.overall.stage?.label, l) || '—'));
  lines.push('');
  lines.push(row(L('dimension'), '', L('level'), L('csvLevelLabel'), L('score'), L('csvMax'), L('rate'), L('answered'), L('csvTotal')));
  for (const d of report.dimensions) {
    const level = !d.assessed ? L('notAssessed') : d.level === null ? L('notApplicableDim') : d.level;
    lines.push(row(d.id, tx(d.title, l), level, tx(d.label, l), d.assessed ? fmt1(d.score) : '', d.assessed ? fmt1(d.max) : '', d.assessed ? pct(d.rate) : '', d.answered, d.total));
  }
  lines.push('');
  lines.push(row(L('csvItemId'), L('dimension'), L('question'), L('csvType'), L('valueLabel'), L('csvStatus'), L('naReason'), L('note')));
  for (const item of itemsInSet(checklist, a.itemSet ?? 'full')) {
    const raw = a.answers[item.id];
    const n = norm(raw);
    lines.push(row(item.id, item.dimension, tx(item.question, l), item.type,
      n.status === 'answered' ? answerText(item, raw, info, l) : '',
      L(`status_${n.status}`), n.reason ?? '', n.note ?? ''));
  }
  lines.push('');
  lines.push(row(L('csvPriority'), L('dimension'), L('csvItemId'), L('severity'), L('question'), L('csvAdvice'), L('sources')));
  for (const f of report.findings) {
    lines.push(row(f.priority, f.dimension, f.id, L(`severity_${f.severity}`), tx(f.title, l),
      f.advice.map((x) => tx(x, l)).join('\n'),
      f.advice.map((x) => sourceText(x.source)).join('\n')));
  }
  return new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
}
