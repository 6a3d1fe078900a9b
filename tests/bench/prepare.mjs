// Writes the benchmark inputs to target/bench/data/ (for the native harness and the bench page):
// the realistic fixture (mito_after) in its full and core versions, the 1,741 synthetic
// assessments, the four-marker pack's files, and the four-marker inputs (every fixture and every
// synthetic assessment restricted to the D1–D4 items), the four-marker checklist (item metadata for
// the peers' shared harness, lib/proven.mjs, in the bench pages), and what that harness makes of the
// four-marker inputs (facts and markers without a level: the Rust limit's input in the native
// harness). Usage: node tests/bench/prepare.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadRenkei, fourMarkerPack, datasets, ROOT } from './lib/load.mjs';
import { SEED, COUNT } from './lib/synth.mjs';
import { makeProver } from './lib/proven.mjs';
import { scaledPack, changeSequence } from './lib/scale.mjs';
import { generate } from './lib/synth.mjs';
import { readFileSync, readdirSync } from 'node:fs';

const renkei = await loadRenkei();
const scorer = new renkei.Scorer();
const fourPack = fourMarkerPack();
const four = renkei.Scorer.fromSources(fourPack);
const d = datasets(scorer, four);
const checklist = four.checklist();
const prove = makeProver(checklist);
const dir = `${ROOT}target/bench/data`;
mkdirSync(dir, { recursive: true });
const out = {
  'mito-full.json': d.mito,
  'mito-core.json': d.mitoCore,
  'synthetic.json': d.synthetic,
  'fourmarker-pack.json': fourPack,
  'four-mito.json': d.fourMito,
  'four-fixtures.json': d.fourFixtures.map((f) => f.assessment),
  'four-synthetic.json': d.fourSynthetic,
  'fourmarker-checklist.json': checklist,
  'four-mito-proven.json': prove(d.fourMito),
  'four-fixtures-proven.json': d.fourFixtures.map((f) => prove(f.assessment)),
  'four-synthetic-proven.json': d.fourSynthetic.map(prove),
};
// The fully answered assessment (every item of the full set) and the per-change sequence on it.
const mature = JSON.parse(readFileSync(`${ROOT}tests/cases/mature/assessment.json`, 'utf8'));
out['mature.json'] = mature;
out['changes.json'] = changeSequence(scorer.checklist(), mature);
// Scale: the default pack with its items copied 2× and 4×, and 1,741 synthetic assessments each.
const packFiles = {};
const walk = (dir) => {
  for (const e of readdirSync(`${ROOT}rules/default/${dir}`, { withFileTypes: true })) {
    const p = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) walk(p);
    else packFiles[p] = readFileSync(`${ROOT}rules/default/${p}`, 'utf8');
  }
};
walk('');
for (const k of [1, 2, 4]) {
  const files = scaledPack(packFiles, k);
  const s = renkei.Scorer.fromSources(files);
  const info = s.info();
  out[`scale-${k}-pack.json`] = files;
  out[`scale-${k}-synthetic.json`] = generate(s.checklist(), { id: info.id, edition: info.edition, version: info.version, hash: info.hash });
  console.error(`[bench] scale ${k}×: ${s.checklist().items.length} items`);
  s.free();
}
for (const [name, value] of Object.entries(out)) writeFileSync(`${dir}/${name}`, JSON.stringify(value));
const sets = d.synthetic.reduce((m, a) => ((m[a.itemSet] = (m[a.itemSet] ?? 0) + 1), m), {});
const answers = d.synthetic.reduce((n, a) => n + Object.keys(a.answers).length, 0);
writeFileSync(`${dir}/meta.json`, JSON.stringify({ seed: SEED, count: COUNT, sets, answers, fixtures: d.fixtures.map((f) => f.name) }));
console.error(`[bench] data: ${COUNT} synthetic assessments (seed ${SEED}; ${sets.core} core, ${sets.full} full; ${answers} answers) → target/bench/data/`);
