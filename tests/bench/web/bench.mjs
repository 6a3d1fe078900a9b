// The warm benchmarks, in one Chromium page: one score (core and full set) p50/p95, the batch of
// 1,741, the parts of one score that the JS API shows, and the four-marker row — renkei's
// four-marker pack against the peers and the hand-written Rust limit. Results go to
// window.__done for tests/bench/browser.mjs.
import init, { Scorer } from '/pkg/renkei.js';
import initLimit, { score as limitScore } from '/limit/renkei_bench_limit.js';
import * as RulesEngineLib from '/vendor/json-rules-engine.mjs';
import * as JsonLogicLib from '/vendor/json-logic-engine.mjs';
import { scorePlain } from '/peers/plain.mjs';
import { makeRulesEngine } from '/peers/rules-engine.mjs';
import { makeJsonLogicInterpreted, makeJsonLogicCompiled } from '/peers/json-logic.mjs';
import { levelsOfReport, levelsOfLevels } from '/lib/fourmarker.mjs';
import { makeProver, proven } from '/lib/proven.mjs';
import { timeSync, timeAsync, timeBatch, timeBatchAsync, timerResolutionUs } from '/lib/stats.mjs';

const params = new URLSearchParams(location.search);
const quick = params.has('quick'); // a fast smoke run: fewer samples
const SAMPLES = quick ? 20 : 150;
const REPEATS = quick ? 1 : 5;
const log = (m) => {
  console.log(`[page] ${m}`);
  document.getElementById('log').textContent += `${m}\n`;
};
const json = async (p) => (await fetch(p)).json();

async function main() {
  await init();
  await initLimit();
  const [mito, mitoCore, synthetic, fourPack, fourMito, fourSynthetic, fourChecklist] = await Promise.all(
    ['mito-full', 'mito-core', 'synthetic', 'fourmarker-pack', 'four-mito', 'four-synthetic', 'fourmarker-checklist'].map((n) => json(`/data/${n}.json`)),
  );
  const scorer = new Scorer();
  const out = {
    env: { userAgent: navigator.userAgent, crossOriginIsolated: self.crossOriginIsolated, timerResolutionUs: timerResolutionUs(), hardwareConcurrency: navigator.hardwareConcurrency },
    score: {}, parts: {}, batch: {}, peers: {}, peersBatch: {}, perChange: {}, scale: {}, api: {},
  };
  // What this build offers beyond score() (older builds do not have these: their rows say so).
  out.api = { session: typeof Scorer.prototype.session === 'function', scoreLevels: typeof Scorer.prototype.scoreLevels === 'function' };
  log(`timer resolution ${out.env.timerResolutionUs.toFixed(1)} µs, cross-origin isolated: ${out.env.crossOriginIsolated}`);

  // One score, warm, default pack.
  out.score.core = timeSync(() => scorer.score(mitoCore), { samples: SAMPLES });
  log(`score core: p50 ${out.score.core.p50.toFixed(1)} µs`);
  out.score.full = timeSync(() => scorer.score(mito), { samples: SAMPLES });
  log(`score full: p50 ${out.score.full.p50.toFixed(1)} µs`);

  // The fully answered assessment (tests/cases/mature: every item of the full set answered).
  const mature = await json('/data/mature.json');
  out.score.mature = timeSync(() => scorer.score(mature), { samples: SAMPLES });
  log(`score fully answered: p50 ${out.score.mature.p50.toFixed(1)} µs`);
  if (out.api.scoreLevels) {
    out.score.matureLevels = timeSync(() => scorer.scoreLevels(mature), { samples: SAMPLES });
    log(`levels only, fully answered: p50 ${out.score.matureLevels.p50.toFixed(1)} µs`);
  }

  // Per change: one answer changed on the fully answered assessment, re-scored. As the page does
  // it today (the whole object to score()), and through a scoring session (one answer in, the
  // changed parts of the report out) where the build has one.
  const changes = await json('/data/changes.json');
  {
    const a = structuredClone(mature);
    let i = 0;
    out.perChange.score = timeSync(() => {
      const c = changes[i++ % changes.length];
      a.answers[c.id] = c.value;
      scorer.score(a);
    }, { samples: SAMPLES });
    out.perChange.changes = changes.length;
    log(`per change, score(): p50 ${out.perChange.score.p50.toFixed(1)} µs`);
  }
  if (out.api.session) {
    const session = scorer.session(structuredClone(mature));
    // The session's reports equal score()'s, checked over the whole sequence before timing.
    const a = structuredClone(mature);
    for (const c of changes) {
      session.set(c.id, c.value);
      a.answers[c.id] = c.value;
      if (JSON.stringify(session.report()) !== JSON.stringify(scorer.score(a))) throw new Error(`session report differs from score() after ${c.id}`);
    }
    let i = 0;
    let rules = 0, total = 0;
    out.perChange.session = timeSync(() => {
      const c = changes[i++ % changes.length];
      const u = session.set(c.id, c.value);
      rules += u.rulesRun; total += u.rulesTotal;
    }, { samples: SAMPLES });
    out.perChange.sessionRules = { run: rules, total };
    session.free();
    log(`per change, session: p50 ${out.perChange.session.p50.toFixed(1)} µs (${(100 * rules / total).toFixed(0)} % of the rule calls)`);
  }

  // What the JS API lets us separate: JSON text in and out instead of JS objects (serde-wasm-bindgen).
  const text = JSON.stringify(mito);
  out.parts.scoreJson = timeSync(() => scorer.scoreJson(text, false), { samples: SAMPLES });
  out.parts.scoreJsonParsed = timeSync(() => JSON.parse(scorer.scoreJson(JSON.stringify(mito), false)), { samples: SAMPLES });
  out.parts.scoreTrace = timeSync(() => scorer.score(mito, { trace: true }), { samples: SAMPLES });
  out.parts.emptyAssessment = timeSync(() => scorer.emptyAssessment('full'), { samples: SAMPLES });
  out.parts.jsonParseInput = timeSync(() => JSON.parse(text), { samples: SAMPLES });
  const report = scorer.score(mito);
  out.parts.jsonStringifyReport = timeSync(() => JSON.stringify(report), { samples: SAMPLES });
  out.parts.reportBytes = JSON.stringify(report).length;
  log(`parts: scoreJson p50 ${out.parts.scoreJson.p50.toFixed(1)} µs`);

  // Pack compile, warm (the default pack from its embedded files; the four-marker pack from sources).
  out.packCompile = {
    default: timeSync(() => new Scorer().free(), { samples: quick ? 5 : 30, minRuns: 1, minSampleMs: 0, warmupMs: 100 }),
    fourMarker: timeSync(() => Scorer.fromSources(fourPack).free(), { samples: quick ? 5 : 30, minRuns: 1, minSampleMs: 0, warmupMs: 100 }),
  };
  log(`pack compile: default p50 ${(out.packCompile.default.p50 / 1000).toFixed(2)} ms`);

  // The batch: all 1,741 in one go.
  out.batch.all = timeBatch((a) => scorer.score(a), synthetic, REPEATS);
  log(`batch 1,741: median ${out.batch.all.p50.toFixed(0)} ms`);
  if (out.api.scoreLevels) {
    out.batch.levels = timeBatch((a) => scorer.scoreLevels(a), synthetic, REPEATS);
    log(`batch 1,741, levels only: median ${out.batch.levels.p50.toFixed(0)} ms`);
  }

  // Scale: the batch of 1,741 on the default pack with its items copied 1×, 2×, 4×.
  for (const k of [1, 2, 4]) {
    const [files, set] = await Promise.all([json(`/data/scale-${k}-pack.json`), json(`/data/scale-${k}-synthetic.json`)]);
    const s = Scorer.fromSources(files);
    const items = s.checklist().items.length;
    const answers = set.reduce((n, a) => n + Object.keys(a.answers).length, 0);
    out.scale[k] = { items, answers, report: timeBatch((a) => s.score(a), set, quick ? 1 : 3) };
    if (out.api.scoreLevels) out.scale[k].levels = timeBatch((a) => s.scoreLevels(a), set, quick ? 1 : 3);
    s.free();
    log(`scale ${k}× (${items} items): batch ${out.scale[k].report.p50.toFixed(0)} ms${out.scale[k].levels ? `, levels only ${out.scale[k].levels.p50.toFixed(0)} ms` : ''}`);
  }

  // The four-marker row. Every implementation is checked once more here, in this page, on the
  // input it is timed on and on the whole synthetic set, before it is timed. Each peer is timed
  // with the shared harness in front of it (lib/proven.mjs: open items at their least mature
  // answer, 未評価 markers), as renkei's time includes its proven pass.
  const four = Scorer.fromSources(fourPack);
  const prove = makeProver(fourChecklist);
  const impls = [
    ['renkei', (a) => four.score(a), false],
    ...(out.api.scoreLevels ? [['renkei-levels', (a) => four.scoreLevels(a), false]] : []),
    ['limit-wasm', proven(prove, (facts) => limitScore({ answers: facts })), false],
    ['plain-js', proven(prove, scorePlain), false],
    ['json-logic-interpreted', proven(prove, makeJsonLogicInterpreted(JsonLogicLib)), false],
    ['json-logic-compiled', proven(prove, makeJsonLogicCompiled(JsonLogicLib)), false],
    ['json-rules-engine', proven(prove, makeRulesEngine(RulesEngineLib)), true],
  ];
  const want = fourSynthetic.map((a) => JSON.stringify(levelsOfReport(four.score(a))));
  for (const [name, fn] of impls) {
    const levels = name === 'renkei' ? (a) => levelsOfReport(fn(a)) : name === 'renkei-levels' ? (a) => levelsOfLevels(fn(a)) : fn;
    let bad = 0;
    for (let i = 0; i < fourSynthetic.length; i++) if (JSON.stringify(await levels(fourSynthetic[i])) !== want[i]) bad++;
    if (bad) throw new Error(`${name} disagrees with renkei on ${bad} synthetic assessments: not timed`);
  }
  log('four-marker: every implementation agrees with renkei on the synthetic set');
  for (const [name, fn, isAsync] of impls) {
    out.peers[name] = isAsync ? await timeAsync(() => fn(fourMito), { samples: SAMPLES }) : timeSync(() => fn(fourMito), { samples: SAMPLES });
    out.peersBatch[name] = isAsync ? await timeBatchAsync(fn, fourSynthetic, REPEATS) : timeBatch(fn, fourSynthetic, REPEATS);
    log(`four-marker ${name}: p50 ${out.peers[name].p50.toFixed(2)} µs, batch ${out.peersBatch[name].p50.toFixed(1)} ms`);
  }
  out.versions = { 'json-rules-engine': RulesEngineLib.version, 'json-logic-engine': JsonLogicLib.version };
  window.__done = out;
}

main().catch((e) => {
  log(`FAILED: ${e.stack ?? e}`);
  window.__done = { error: String(e.stack ?? e) };
});
