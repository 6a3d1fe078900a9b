// Which engines can run at all under the self-assessment page's strict CSP (the <meta> tag is
// copied from www/index.html by tests/bench/browser.mjs): each one is built and asked for the
// four-marker levels of the realistic fixture; what it throws and what the browser reports as a
// CSP violation are recorded. The libraries are imported inside the try, so a library that fails
// to load is recorded too. Results go to window.__done.
import init, { Scorer } from '/pkg/renkei.js';
import initLimit, { score as limitScore } from '/limit/renkei_bench_limit.js';
import { scorePlain } from '/peers/plain.mjs';
import { makeRulesEngine } from '/peers/rules-engine.mjs';
import { makeJsonLogicInterpreted, makeJsonLogicCompiled } from '/peers/json-logic.mjs';
import { levelsOfReport } from '/lib/fourmarker.mjs';
import { makeProver, proven } from '/lib/proven.mjs';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}${e.sample ? `: ${e.sample.slice(0, 60)}` : ''}`));
const settle = () => new Promise((r) => setTimeout(r, 50));

async function main() {
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null;
  const fourMito = await (await fetch('/data/four-mito.json')).json();
  const fourPack = await (await fetch('/data/fourmarker-pack.json')).json();
  const prove = makeProver(await (await fetch('/data/fourmarker-checklist.json')).json()); // the peers' shared harness
  const engines = [
    ['renkei', async () => { await init(); const s = Scorer.fromSources(fourPack); return (a) => levelsOfReport(s.score(a)); }],
    ['limit-wasm', async () => { await initLimit(); return proven(prove, (facts) => limitScore({ answers: facts })); }],
    ['plain-js', async () => proven(prove, scorePlain)],
    ['json-logic-interpreted', async () => proven(prove, makeJsonLogicInterpreted(await import('/vendor/json-logic-engine.mjs')))],
    ['json-logic-compiled', async () => proven(prove, makeJsonLogicCompiled(await import('/vendor/json-logic-engine.mjs')))],
    ['json-rules-engine', async () => proven(prove, makeRulesEngine(await import('/vendor/json-rules-engine.mjs')))],
  ];
  const out = { csp, engines: {} };
  let want = null;
  for (const [name, make] of engines) {
    const before = violations.length;
    const r = { runs: false, levels: null, error: null, violations: [] };
    try {
      const fn = await make();
      r.levels = await fn(fourMito);
      want ??= r.levels; // renkei comes first
      r.runs = JSON.stringify(r.levels) === JSON.stringify(want);
      if (!r.runs) r.error = `levels differ from renkei's: ${JSON.stringify(r.levels)}`;
    } catch (e) {
      r.error = `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
    }
    await settle();
    r.violations = violations.slice(before);
    out.engines[name] = r;
  }
  window.__done = out;
}

main().catch((e) => { window.__done = { error: String(e.stack ?? e) }; });
