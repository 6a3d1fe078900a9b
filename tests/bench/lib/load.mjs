// Node-side loading shared by the test, the data preparation and the size check: the release
// pkg/, the four-marker pack, the fixtures, the synthetic set, and (when built) the hand-written
// Rust limit's wasm package.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fourMarkerSources, restrict, FOUR_MARKER_ITEMS } from './fourmarker.mjs';
import { generate } from './synth.mjs';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const LIMIT_PKG = `${ROOT}target/bench/limit-pkg`;
const read = (p) => readFileSync(`${ROOT}${p}`, 'utf8');

export async function loadRenkei() {
  const m = await import(`${ROOT}pkg/renkei.js`);
  m.initSync({ module: readFileSync(`${ROOT}pkg/renkei_bg.wasm`) });
  return m;
}

export async function loadLimit() {
  if (!existsSync(`${LIMIT_PKG}/renkei_bench_limit_bg.wasm`)) return null;
  const m = await import(`${LIMIT_PKG}/renkei_bench_limit.js`);
  m.initSync({ module: readFileSync(`${LIMIT_PKG}/renkei_bench_limit_bg.wasm`) });
  return m;
}

export const fourMarkerPack = () => fourMarkerSources((p) => read(`rules/default/${p}`));

/** The hand-written cases of tests/cases/ (those with a provenance; not the generated empty and mature). */
export function fixtures() {
  const list = readdirSync(`${ROOT}tests/cases`, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    .map((name) => ({ name, assessment: JSON.parse(read(`tests/cases/${name}/assessment.json`)) }))
    .filter((f) => f.assessment.provenance);
  if (list.length < 16) throw new Error(`only ${list.length} hand-written cases found in tests/cases/`);
  return list;
}

/** Everything the benchmarks score, built from one default Scorer and one four-marker Scorer. */
export function datasets(scorer, fourScorer) {
  const checklist = scorer.checklist();
  const info = scorer.info();
  const packRef = { id: info.id, edition: info.edition, version: info.version, hash: info.hash };
  const synthetic = generate(checklist, packRef);
  const fx = fixtures();
  const mito = fx.find((f) => f.name === 'mito_after').assessment;
  // The core-set version of the realistic fixture: its answers to the core items only.
  const coreIds = new Set(checklist.items.filter((i) => i.sets.includes('core')).map((i) => i.id));
  const mitoCore = { ...restrict(mito, coreIds), itemSet: 'core' };
  // Four-marker inputs: the same files, restricted to the D1–D4 items (the four-marker pack has no others).
  const fourIds = new Set(fourScorer.checklist().items.map((i) => i.id));
  const four = (a) => restrict(a, fourIds);
  return {
    packRef,
    synthetic,
    fixtures: fx,
    mito,
    mitoCore,
    fourFixtures: fx.map((f) => ({ name: f.name, assessment: four(f.assessment) })),
    fourSynthetic: synthetic.map(four),
    fourMito: four(mito),
  };
}

export { FOUR_MARKER_ITEMS };
