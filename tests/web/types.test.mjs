// The TypeScript types in pkg/renkei.d.ts against the engine's real outputs: every fixture's
// report (with trace), checklist(), info(), runTests(), validatePack(), and both error kinds
// are written as object literals typed with the declared interfaces, and `tsc --strict` must
// accept them. An object literal may have no property its type does not declare, and must
// have every property its type requires, so a field added to or missing from either side fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { initSync, Scorer, validatePack } from '../../pkg/renkei.js';
import { packFiles } from '../lib/cases.mjs';

const root = new URL('../../', import.meta.url);
initSync({ module: readFileSync(new URL('pkg/renkei_bg.wasm', root)) });
const scorer = new Scorer();
const read = (p) => readFileSync(new URL(p, root), 'utf8');


function thrown(f) {
  try {
    f();
  } catch (e) {
    return { kind: e.kind, problems: e.problems, messageJa: e.messageJa };
  }
  throw new Error('expected a RenkeiError');
}

test('pkg/renkei.d.ts describes every real output exactly (tsc --strict)', () => {
  const fixtures = readdirSync(new URL('tests/cases/', root), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${e.name}/assessment.json`);
  assert.ok(fixtures.length >= 10, `cases found: ${fixtures.length}`);
  const lines = [
    "import type { Report, Checklist, Info, CaseResult, PackProblem, AnswerProblem, Assessment, Scorer } from '../../../pkg/renkei';",
    // The inputs are typed: an assessment and options go in, a Report comes out, and anything
    // else is a compile error (an `any` parameter would make the @ts-expect-error lines fail).
    'declare const scorer: Scorer;',
    'export function typedUse(a: Assessment): Report { return scorer.score(a, { trace: true }); }',
    '// @ts-expect-error: a number is not an assessment',
    'scorer.score(42);',
    '// @ts-expect-error: options are { trace?: boolean }',
    'scorer.score({ schemaVersion: 1, pack: { id: "x" }, answers: {} }, { trace: "yes" });',
  ];
  const decl = (name, type, value) => lines.push(`export const ${name}: ${type} = ${JSON.stringify(value)};`);
  fixtures.forEach((f, i) => {
    const a = JSON.parse(read(`tests/cases/${f}`));
    decl(`assessment${i}`, 'Assessment', a);
    decl(`report${i}`, 'Report', scorer.score(a, { trace: true }));
  });
  decl('checklist', 'Checklist', scorer.checklist());
  decl('info', 'Info', scorer.info());
  decl('cases', 'CaseResult[]', scorer.runTests());
  const files = packFiles(new URL('rules/default/', root).pathname);
  files['scripts/d1_target_states.rhai'] += '\nfn broken( {';
  const packProblems = validatePack(files);
  assert.ok(packProblems.length > 0);
  decl('packProblems', 'PackProblem[]', packProblems);
  const answers = thrown(() => scorer.score({ schemaVersion: 1, pack: { id: 'renkei-default' }, answers: { nope: 1, ts_status_level: 9 } }));
  assert.equal(answers.kind, 'answers');
  decl('answerProblems', 'AnswerProblem[]', answers.problems);
  const pack = thrown(() => Scorer.fromSources(files));
  assert.equal(pack.kind, 'pack');
  decl('fromSourcesProblems', 'PackProblem[]', pack.problems);
  mkdirSync(new URL('tests/output/types/', root), { recursive: true });
  const file = new URL('tests/output/types/outputs.ts', root);
  writeFileSync(file, lines.join('\n') + '\n');
  const tsc = new URL('node_modules/typescript/bin/tsc', root).pathname;
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022', '--lib', 'es2022,dom',
      '--module', 'es2022', '--moduleResolution', 'bundler', '--skipLibCheck', 'false', file.pathname], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc rejects the real outputs against pkg/renkei.d.ts:\n${e.stdout}${e.stderr}`);
  }
});
