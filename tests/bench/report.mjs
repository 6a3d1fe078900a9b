// Writes BENCHMARKS.md from one benchmark run: target/bench/native.txt (divan's output),
// target/bench/browser.json (tests/bench/browser.mjs), the sizes of pkg/, and the machine. Keeps
// everything below the `## History` heading of the existing file, and adds this run to the
// history when asked (--history "a line about this run").
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { cpus, totalmem, loadavg } from 'node:os';
import { ROOT } from './lib/load.mjs';
import { sizes } from './lib/sizes.mjs';
import { wasmSizes } from './lib/wasm-names.mjs';

const argv = process.argv.slice(2);
const historyNote = argv.includes('--history') ? argv[argv.indexOf('--history') + 1] : null;
const sh = (c) => { try { return execSync(c, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return ''; } };
const read = (p) => readFileSync(`${ROOT}${p}`, 'utf8');

// ---------------------------------------------------------------- inputs
const browser = JSON.parse(read('target/bench/browser.json'));
const native = parseDivan(read('target/bench/native.txt'));
const meta = JSON.parse(read('target/bench/data/meta.json'));
// The page's engine (no pack compiler: no TOML reader, no rhai) is the .wasm the page loads; the full one is loaded by the
// pack worker and the editor (scripts/build.sh).
const size = { wasm: sizes(`${ROOT}pkg/renkei_page_bg.wasm`), glue: sizes(`${ROOT}pkg/renkei_page.js`), full: sizes(`${ROOT}pkg/renkei_bg.wasm`), fullGlue: sizes(`${ROOT}pkg/renkei.js`) };
const limitSize = existsSync(`${ROOT}target/bench/limit-pkg/renkei_bench_limit_bg.wasm`) ? sizes(`${ROOT}target/bench/limit-pkg/renkei_bench_limit_bg.wasm`) : null;
const budgets = JSON.parse(read('tests/bench/budget.json'));
const budget = budgets.wasmGzipBytes;
const fullBudget = budgets.fullWasmGzipBytes;
const profWasm = `${ROOT}target/bench/pkg-profiling/renkei_bg.wasm`;
const sizeProfile = existsSync(profWasm) ? wasmSizes(readFileSync(profWasm)) : null;
const packBytes = ['pack.toml', 'items', 'scripts', 'tests'].reduce((t, f) => t + Number(sh(`cat rules/default/${f === 'pack.toml' ? f : `${f}/*`} | wc -c`) || 0), 0);

/** Divan's table → { 'group/name': { min, max, median, mean (ns), samples, iters } }. */
function parseDivan(text) {
  const unit = { ps: 1e-3, ns: 1, 'µs': 1e3, us: 1e3, ms: 1e6, s: 1e9 };
  const t = (cell) => { const m = cell.trim().match(/^([\d.]+)\s*(ps|ns|µs|us|ms|s)$/); return m ? Number(m[1]) * unit[m[2]] : null; };
  const out = {};
  const stack = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^([│├╰─ ]*)([A-Za-z0-9_]+)\s+(.*)$/);
    if (!m || !line.includes('│')) continue;
    const depth = Math.floor(m[1].length / 3);
    if (m[1].length === 0) { stack.length = 0; continue; } // the header (crate name)
    stack.length = depth - 1;
    stack.push(m[2]);
    const cells = m[3].split('│');
    const [min, max, median, mean] = cells.slice(0, 4).map(t);
    if (median != null) out[stack.join('/')] = { min, max, median, mean, samples: Number(cells[4]), iters: Number(cells[5]) };
  }
  return out;
}

// ---------------------------------------------------------------- formatting
const us = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} s` : x >= 10000 ? `${(x / 1000).toFixed(1)} ms` : x >= 100 ? `${x.toFixed(0)} µs` : x >= 10 ? `${x.toFixed(1)} µs` : `${x.toFixed(2)} µs`);
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const ns = (x) => us(x / 1000);
const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
const ratio = (a, b) => (a / b >= 10 ? `${(a / b).toFixed(0)}×` : `${(a / b).toFixed(1)}×`);
const n = (x) => x.toLocaleString('en-US');
const B = browser.bench;
const N = (k) => native[k] ?? { min: NaN, median: NaN, max: NaN, samples: 0, iters: 0 };
const spread = (s, f) => `${f(s.min)} – ${f(s.max)}`;
const nativeRow = (k) => `${ns(N(k).median)} (${spread(N(k), ns)}; ${N(k).samples} samples × ${N(k).iters / Math.max(1, N(k).samples)} runs)`;

// ---------------------------------------------------------------- machine
const os = sh('. /etc/os-release && echo "$PRETTY_NAME"');
const machine = {
  cpu: `${cpus()[0]?.model ?? '?'} × ${cpus().length}`,
  memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
  os: `${os}, Linux ${sh('uname -r')}`,
  browser: browser.browser,
  node: process.version,
  rustcNative: sh('rustc -V'),
  rustcWasm: sh(`RUSTUP_TOOLCHAIN=${sh('cat target/.wasm-toolchain') || 'debian-web'} rustc -V`),
  wasmOpt: sh('node_modules/.bin/wasm-opt --version'),
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: sh('git rev-parse --short HEAD'),
  dirty: sh('git status --porcelain -- src rules Cargo.toml Cargo.lock build.rs').split('\n').filter(Boolean).map((l) => l.slice(3)),
};
const commitText = `\`${machine.commit}\`${machine.dirty.length ? ` plus uncommitted changes to ${machine.dirty.map((p) => `\`${p}\``).join(', ')}` : ''}`;

// ---------------------------------------------------------------- peers
const CSP = browser.csp.engines;
const PEERS = [
  ['renkei', 'renkei, full report (four-marker pack: common, d1–d4, overall .rhai)'],
  ...(B.peers['renkei-levels'] ? [['renkei-levels', 'renkei, levels only (`scoreLevels`: same facts in, levels out, like the peers)']] : []),
  ['limit-wasm', 'hand-written Rust limit, wasm (tests/bench/limit)'],
  ['plain-js', 'hand-written JavaScript (tests/bench/peers/plain.mjs)'],
  ['json-logic-interpreted', `json-logic-engine ${B.versions['json-logic-engine']}, interpreted`],
  ['json-logic-compiled', `json-logic-engine ${B.versions['json-logic-engine']}, compiled (build)`],
  ['json-rules-engine', `json-rules-engine ${B.versions['json-rules-engine']}`],
];
const cspCell = (k) => (CSP[k].runs ? 'yes' : `**no**: ${CSP[k].error.replace(/\|/g, '/').replace(/^(\w+): Evaluating a string as JavaScript violates[\s\S]*/, "$1, eval is blocked (no 'unsafe-eval')").slice(0, 120)}`);
const renkeiOne = B.peers.renkei.p50;
const renkeiBatch = B.peersBatch.renkei.p50;
// The peer engines of the target: not renkei, and not the hand-written references (Rust limit, plain JS).
const cspPeers = PEERS.filter(([k]) => !['renkei', 'renkei-levels', 'limit-wasm', 'plain-js'].includes(k) && CSP[k].runs);
const fastestCsp = cspPeers.reduce((best, p) => (!best || B.peers[p[0]].p50 < B.peers[best[0]].p50 ? p : best), null);

// ---------------------------------------------------------------- targets
const cold = browser.cold.total.p50;
const coldSlow = browser.coldSlow.total.p50;
const paint = browser.paint ?? {};
const pc = B.perChange ?? {};
// The re-score after one change: through the session where the build has one, else score().
const perChange = pc.session ?? pc.score;
const perChangeHow = pc.session ? 'session.set(id, value)' : 'score(obj) after the change';
const levelsOne = B.peers['renkei-levels'];
const levelsBatch = B.peersBatch['renkei-levels'];
const summaryBatch = B.batch.levels ?? B.batch.all;
const jli = B.peers['json-logic-interpreted'].p50;
const targets = [
  ['click → next paint on the page, 4× CPU throttle, p50', '≤ 50 ms', paint[4] ? ms(paint[4].p50) : 'not measured', paint[4] ? paint[4].p50 / 50 : NaN],
  [`re-score after one answer changes, fully answered, p50 (${perChangeHow})`, '≤ 50 µs', us(perChange.p50), perChange.p50 / 50],
  ['one full score from scratch, fully answered, p50', '≤ 100 µs', us(s0().mature.p50), s0().mature.p50 / 100],
  [`1,741 synthetic assessments, summary results (${B.batch.levels ? 'scoreLevels' : 'score(): no summary output in this build'})`, '≤ 0.3 s', ms(summaryBatch.p50), summaryBatch.p50 / 300],
  ['four-marker levels only, like for like: faster than json-logic-engine interpreted', `< ${us(jli)}`, levelsOne ? us(levelsOne.p50) : `not in this build (full report: ${us(renkeiOne)})`, (levelsOne ?? B.peers.renkei).p50 / jli],
  ['four-marker levels only: within 2× of the hand-written Rust limit in wasm', `≤ ${us(2 * B.peers['limit-wasm'].p50)}`, levelsOne ? us(levelsOne.p50) : `not in this build (full report: ${us(renkeiOne)})`, (levelsOne ?? B.peers.renkei).p50 / (2 * B.peers['limit-wasm'].p50)],
  ['cold start in Chromium (median)', '≤ 150 ms', ms(cold), cold / 150],
  ['cold start at 4× CPU throttle (median)', '≤ 400 ms', ms(coldSlow), coldSlow / 400],
  ['.wasm of the assessment page, gzip, first step', '≤ 400 kB', kB(size.wasm.gzip), size.wasm.gzip / 400000],
  ['.wasm of the assessment page, gzip', '≤ 250 kB', kB(size.wasm.gzip), size.wasm.gzip / 250000],
  ['one score, full set (mito_after, 28 of 138 answered), p50', '≤ 100 µs', us(B.score.full.p50), B.score.full.p50 / 100],
  ['four-marker full report: faster than every peer engine that runs under the strict CSP', `< ${us(B.peers[fastestCsp[0]].p50)} (${fastestCsp[1].split(' (')[0]})`, us(renkeiOne), renkeiOne / B.peers[fastestCsp[0]].p50],
];
function s0() { return B.score; }
const far = (x) => (Number.isNaN(x) ? '—' : x <= 1 ? 'met' : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}× over the goal`);

// ---------------------------------------------------------------- the document
const s = B.score;
const c = browser.cold;
const cs = browser.coldSlow;
const L = [];
L.push('# Benchmarks');
L.push('');
L.push('Generated by `bash scripts/bench.sh` (tests/bench/): do not edit above "History" by hand; the');
L.push('command rewrites it and keeps the History section. Speed is reported, never a pass/fail test;');
L.push('the only check is the size budget (`node tests/bench/size-check.mjs`).');
L.push('');
L.push('## This run');
L.push('');
L.push('| | |');
L.push('| --- | --- |');
L.push(`| date | ${machine.date} |`);
L.push(`| commit | ${commitText} |`);
L.push(`| machine | ${machine.cpu}, ${machine.memory}; ${machine.os} (shared and noisy: read the spreads; load average when the report was written, 1/5/15 min: ${loadavg().map((x) => x.toFixed(1)).join(' / ')}) |`);
L.push(`| browser | ${machine.browser}, headless (Playwright ${JSON.parse(read('node_modules/playwright-core/package.json')).version}), cross-origin isolated: performance.now() step ${B.env.timerResolutionUs.toFixed(0)} µs |`);
L.push(`| toolchains | wasm: ${machine.rustcWasm}, ${machine.wasmOpt}; native: ${machine.rustcNative}; Node ${machine.node} |`);
L.push(`| inputs | realistic fixture \`tests/cases/mito_after/assessment.json\` (full set, 138 answers; core version: its ${Object.keys(JSON.parse(read('target/bench/data/mito-core.json')).answers).length} core answers); ${n(meta.count)} synthetic assessments, seed ${meta.seed} (${meta.sets.core} core, ${meta.sets.full} full, ${n(meta.answers)} answers; \`tests/bench/lib/synth.mjs\`) |`);
L.push('');
L.push('## Results');
L.push('');
L.push('Times: median (or p50), with min – max. "Runs" are batched: each sample times several runs and divides.');
L.push('The scoring rows run the full engine (`pkg/renkei.js`: the pack worker, the npm package and the element; renkei\'s own');
L.push('code built at opt-level 2, scripts/build.sh); cold start and click → paint run the assessment page\'s engine');
L.push('(`pkg/renkei_page.js`, all of it at opt-level "z": smaller, and quicker to start).');
L.push('');
L.push('| figure | how | result |');
L.push('| --- | --- | --- |');
L.push(`| wasm size, the page's engine | \`pkg/renkei_page_bg.wasm\` (no pack compiler: no TOML reader, no rhai) raw / gzip -9 / brotli 11 | ${kB(size.wasm.raw)} / **${kB(size.wasm.gzip)}** / ${kB(size.wasm.brotli)} (budget ${kB(budget)} gzip) |`);
L.push(`| JS glue size, the page's engine | \`pkg/renkei_page.js\` raw / gzip -9 / brotli 11 | ${kB(size.glue.raw)} / ${kB(size.glue.gzip)} / ${kB(size.glue.brotli)} |`);
L.push(`| wasm size, the full engine | \`pkg/renkei_bg.wasm\` (the pack worker, the editor, the npm package's main) raw / gzip -9 / brotli 11 | ${kB(size.full.raw)} / **${kB(size.full.gzip)}** / ${kB(size.full.brotli)} (budget ${kB(fullBudget)} gzip) |`);
L.push(`| cold start in Chromium | navigation → first report, ${c.loads} fresh contexts (no cache); page with the app's CSP, served as scripts/serve.mjs serves the app (not cross-origin isolated) | **${ms(c.total.p50)}** (${spread(c.total, ms)}): HTML received ${ms(c.html.p50)}, JS glue loaded ${ms(c.glue.p50)}, then wasm fetch + compile + instantiate ${ms(c.wasm.p50)}, pack compile ${ms(c.pack.p50)}, first score ${ms(c.firstScore.p50)}${c.floor ? `; the same page with a module that does nothing runs it at ${ms(c.floor.p50)} (the browser's own share)` : ''} |`);
L.push(`| cold start, slow PC | the same at 4× CPU slowdown (CDP throttling), ${cs.loads} loads | ${ms(cs.total.p50)} (${spread(cs.total, ms)}): HTML ${ms(cs.html.p50)}, glue ${ms(cs.glue.p50)}, wasm ${ms(cs.wasm.p50)}, pack ${ms(cs.pack.p50)}, first score ${ms(cs.firstScore.p50)}${cs.floor ? `; blank page ${ms(cs.floor.p50)}` : ''} |`);
L.push(`| score one, core set, Chromium | warm, default pack, \`scorer.score(obj)\`, ${n(s.core.runs)} runs (${s.core.runsPerSample}/sample) | p50 **${us(s.core.p50)}**, p95 ${us(s.core.p95)} (${spread(s.core, us)}) |`);
L.push(`| score one, full set, Chromium | the same, full set | p50 **${us(s.full.p50)}**, p95 ${us(s.full.p95)} (${spread(s.full, us)}) |`);
L.push(`| batch in Chromium | all ${n(B.batch.all.items)} synthetic assessments in one loop, ${B.batch.all.repeats} times | **${ms(B.batch.all.p50)}** (${spread(B.batch.all, ms)}), ${us((B.batch.all.p50 * 1000) / B.batch.all.items)} each |`);
L.push(`| score one, fully answered, Chromium | \`tests/cases/mature\` (all 139 items of the full set answered), \`scorer.score(obj)\` | p50 **${us(s.mature.p50)}**, p95 ${us(s.mature.p95)} (${spread(s.mature, us)})${s.matureLevels ? `; levels only (\`scoreLevels\`) p50 ${us(s.matureLevels.p50)}` : ''} |`);
L.push(`| re-score after one change, Chromium | the fully answered assessment, ${pc.changes} changes in turn (each asked item to another answer, then back): \`score(obj)\` of the changed object, as the page does${pc.session ? '; and a scoring session, `session.set(id, value)`, which re-runs only the rules the change reaches and returns only what changed' : ' (this build has no scoring session)'} | score(): p50 **${us(pc.score.p50)}**, p95 ${us(pc.score.p95)}${pc.session ? `; session: p50 **${us(pc.session.p50)}**, p95 ${us(pc.session.p95)} (${(100 * pc.sessionRules.run / pc.sessionRules.total).toFixed(0)} % of the rule calls of full scores)` : ''} |`);
if (B.batch.levels) L.push(`| batch, summary results | the same 1,741, \`scoreLevels\` (levels, overall, stage; no report) | **${ms(B.batch.levels.p50)}** (${spread(B.batch.levels, ms)}), ${us((B.batch.levels.p50 * 1000) / B.batch.levels.items)} each |`);
for (const k of ['1', '2', '4']) {
  const sc = B.scale?.[k];
  if (sc) L.push(`| scale: ${k}× the items | the default pack with every item copied ${k}× (${sc.items} items; \`tests/bench/lib/scale.mjs\`), 1,741 synthetic assessments for it (${n(sc.answers)} answers) | report: ${ms(sc.report.p50)} (${us((sc.report.p50 * 1000) / sc.report.items)} each)${sc.levels ? `; levels only: ${ms(sc.levels.p50)}` : ''} |`);
}
for (const k of ['1', '4']) {
  const pt = paint[k];
  if (pt) L.push(`| click → next paint, ${k}× CPU${k === '1' ? '' : ' throttle'} | the real page (target/site), the fully answered file opened, ${pt.clicks} clicks on yes/no items (${pt.items} on screen) in turn; click event → first task after the next frame (tests/bench/paint.mjs) | p50 **${ms(pt.p50)}**, p95 ${ms(pt.p95)} (${spread(pt, ms)}) |`);
  const rs = pt?.results;
  if (rs) L.push(`| click → results painted, ${k}× CPU${k === '1' ? '' : ' throttle'} | the same clicks; click event → first task after the frame that paints the click's results (the scoring it asked for on screen: body data-shown reaches data-asked) | p50 **${ms(rs.p50)}**, p95 ${ms(rs.p95)} (${spread(rs, ms)}) |`);
}
L.push(`| pack compile in Chromium | warm, \`new Scorer()\` (default pack) / \`Scorer.fromSources\` (four-marker pack) | ${ms(B.packCompile.default.p50 / 1000)} (${spread({ min: B.packCompile.default.min / 1000, max: B.packCompile.default.max / 1000 }, ms)}) / ${ms(B.packCompile.fourMarker.p50 / 1000)} |`);
const divan = read('Cargo.lock').match(/name = "divan"\nversion = "([^"]+)"/)?.[1] ?? '?';
L.push(`| native build | \`cargo bench --bench native\` (divan ${divan}) at opt-level ${process.env.RENKEI_BENCH_NATIVE_OPT ?? 'of the release profile'} with LTO (the release profile is tuned for the .wasm's size); the hand-written limit is compiled into the same harness | — |`);
L.push(`| native: pack compile | divan, \`Pack::default_pack()\` / four-marker \`Pack::compile\` | ${nativeRow('pack_compile/default')} / ${ns(N('pack_compile/four_marker').median)} |`);
L.push(`| native: score one | \`pack.score(&a)\`, core / full | ${nativeRow('score/core')} / ${nativeRow('score/full')} |`);
L.push(`| native: batch of 1,741 | all synthetic, one loop | ${nativeRow('batch_1741')} |`);
L.push(`| peers, same Chromium run | four-marker work (D1–D4 with gates G1–G6), one score on mito_after's D1–D4 answers | see the next table |`);
L.push(`| the limit | the four-marker work hand-written in Rust, no interpreter | native ${nativeRow('four_marker/limit_one')}; wasm p50 ${us(B.peers['limit-wasm'].p50)} |`);
L.push('');
L.push('### The four-marker row: renkei against the peers and the limit');
L.push('');
L.push('Same Chromium run, same input (mito_after restricted to the D1–D4 items; batch: the 1,741');
L.push('synthetic assessments so restricted). Before timing, `node --test tests/bench/` and the bench page');
L.push('itself check that every implementation gives renkei\'s D1–D4 levels on every fixture and every');
L.push('synthetic assessment. renkei does more than the peers for the same levels: it validates every');
L.push('answer and builds the whole report (scores, gaps, findings with advice, scene matrix, stage).');
L.push('Each peer\'s time in Chromium includes the shared harness in front of it (tests/bench/lib/proven.mjs:');
L.push('open items at their least mature answer, 未評価 markers), as renkei\'s includes its proven pass; the');
L.push('native limit row times the limit on the harness\'s output alone.');
L.push('"Runs under the CSP": run in a page with www/index.html\'s Content-Security-Policy meta tag. The');
L.push('hand-written JavaScript is a reference (what a skeptic would write with no engine at all), like the');
L.push('Rust limit; the peer engines are json-rules-engine and json-logic-engine.');
L.push('');
L.push('| implementation | runs under the CSP | one: p50 / p95 | batch of 1,741 | renkei / this (one) | renkei / this (batch) |');
L.push('| --- | --- | --- | --- | --- | --- |');
for (const [k, label] of PEERS) {
  const one = B.peers[k];
  const bt = B.peersBatch[k];
  L.push(`| ${label} | ${CSP[k] ? cspCell(k) : 'yes (as renkei)'} | ${us(one.p50)} / ${us(one.p95)} | ${ms(bt.p50)} (${spread(bt, ms)}) | ${k === 'renkei' ? '—' : ratio(renkeiOne, one.p50)} | ${k === 'renkei' ? '—' : ratio(renkeiBatch, bt.p50)} |`);
}
L.push(`| hand-written Rust limit, native | — | ${ns(N('four_marker/limit_one').median)} (median) | ${ns(N('four_marker/limit_batch_1741').median)} | renkei native ${ns(N('four_marker/renkei_one').median)}: ${ratio(N('four_marker/renkei_one').median, N('four_marker/limit_one').median)} | renkei native ${ns(N('four_marker/renkei_batch_1741').median)}: ${ratio(N('four_marker/renkei_batch_1741').median, N('four_marker/limit_batch_1741').median)} |`);
if (limitSize) L.push(`\nThe limit's own wasm is ${kB(limitSize.raw)} raw, ${kB(limitSize.gzip)} gzip (opt-level 3, wasm-opt -O3).`);
L.push('');
L.push('## Where we want to be');
L.push('');
L.push('| target | goal | now | how far |');
L.push('| --- | --- | --- | --- |');
for (const [what, goal, now, x] of targets) L.push(`| ${what} | ${goal} | ${now} | ${far(x)} |`);
L.push('');
if (B.scale?.['1'] && B.scale?.['4']) {
  const one = (k) => (B.scale[k].levels ?? B.scale[k].report).p50 / B.scale[k].report.items; // ms per assessment
  const per = [1, 2, 4].map((k) => one(String(k)));
  const slope = (per[2] - per[0]) / (B.scale['4'].items - B.scale['1'].items); // ms per item per assessment
  const tab = 10_000 / per[0]; // assessments one tab scores in 10 s at 1× the items
  L.push('## Scale on paper');
  L.push('');
  L.push(`Per assessment in Chromium (${B.scale['1'].levels ? 'levels only' : 'full report'}): ${per.map((x, i) => `${us(x * 1000)} at ${[1, 2, 4][i]}× the items (${B.scale[String([1, 2, 4][i])].items})`).join(', ')}, so about ${us(per[0] * 1000 - slope * 1000 * B.scale['1'].items)} fixed and ${us(slope * 1000)} per item. `
    + `Cost grows linearly with assessments (one loop, no shared state): one tab scores about ${n(Math.round(tab))} assessments of today's pack in 10 s on this machine, i.e. all 1,741 municipalities ${(tab / 1741).toFixed(1)}× over. `
    + 'A tab stops being enough when the batch must stay interactive (one long task blocks the page): past a few hundred assessments the batch belongs in a Web Worker (the same .wasm, off the main thread, one per core: 2 here), and past what a PC holds (many years × all municipalities, or packs many times larger) in the native engine (`renkei` CLI, the same rules), which is 3–5× faster per score.');
  L.push('');
}
L.push('## Where the time goes in one score (Chromium, full set)');
L.push('');
const p = B.parts;
const conv = s.full.p50 - p.scoreJson.p50;
L.push(`- \`score(obj)\` ${us(s.full.p50)} against \`scoreJson(text)\` ${us(p.scoreJson.p50)} (the same scoring with JSON text in and pretty JSON text out; score(obj) also stringifies its input and parses the report into JS objects): `
  + (conv > 0 ? `the object conversion costs about **${us(conv)}** more than JSON text does.` : `JSON text is not cheaper here (${us(-conv)} slower).`));
L.push(`  \`JSON.parse(scoreJson(JSON.stringify(obj)))\`, which returns the same object as \`score(obj)\`, takes ${us(p.scoreJsonParsed.p50)}.`);
L.push(`- For scale: \`JSON.parse\` of the input ${us(p.jsonParseInput.p50)}, \`JSON.stringify\` of the report (${n(p.reportBytes)} characters) ${us(p.jsonStringifyReport.p50)}, \`emptyAssessment()\` (a small object out of wasm) ${us(p.emptyAssessment.p50)}; \`score(obj, { trace: true })\` ${us(p.scoreTrace.p50)}.`);
L.push(`- Native (divan, full set): \`Assessment::from_json\` ${ns(N('score_parts/parse_json').median)}, \`answers::validate\` ${ns(N('score_parts/validate').median)}, whole \`pack.score\` ${ns(N('score/full').median)}, report → pretty JSON ${ns(N('score_parts/report_to_json').median)}; all of \`scoreJson\` ${ns(N('score_parts/score_json').median)}.`);
L.push(`- The four-marker pack (4 dimensions, 50 items) takes ${us(renkeiOne)} in Chromium against ${us(s.full.p50)} for the default pack (16 dimensions, 138 items): renkei's fixed cost per call is large.`);
if (browser.profile) {
  const pr = browser.profile;
  L.push('');
  L.push(`CPU profile (Chrome DevTools sampling profiler, 50 µs interval) of ${n(pr.runs)} full-set \`score(obj)\` calls on the profiling build (the release build's code with its function names kept: wasm-opt with the release flags plus -g), ${us(pr.msPerRun * 1000)} per call under the profiler, self time summed by where it is:`);
  L.push('');
  L.push('| where | share | per score |');
  L.push('| --- | --- | --- |');
  for (const [name, t, share] of pr.categories) L.push(`| ${name} | ${(share * 100).toFixed(1)} % | ${us((t * 1000) / pr.runs)} |`);
  L.push('');
  L.push('<details><summary>Top functions by self time</summary>');
  L.push('');
  L.push('| function | self time per score |');
  L.push('| --- | --- |');
  for (const [name, t] of pr.top) L.push(`| \`${name.replace(/\|/g, '\\|').slice(0, 140)}\` | ${us((t * 1000) / pr.runs)} |`);
  L.push('');
  L.push('</details>');
}
if (sizeProfile) {
  L.push('');
  L.push('## Where the size goes');
  L.push('');
  L.push(`From the profiling build's name section (the release build plus function names: ${kB(sizeProfile.total)} raw instead of ${kB(size.wasm.raw)}): code ${kB(sizeProfile.code)}, data ${kB(sizeProfile.data)} (of which the text of the embedded default pack, \`rules/default/\`, is ${kB(packBytes)}), names and other sections ${kB(sizeProfile.other)}. Code by crate (generic standard-library code is counted apart, whichever crate instantiated it):`);
  L.push('');
  L.push('| crate | code | share of code | functions |');
  L.push('| --- | --- | --- | --- |');
  for (const [crate, bytes, count] of sizeProfile.byCrate.slice(0, 16)) L.push(`| ${crate} | ${kB(bytes)} | ${((100 * bytes) / sizeProfile.code).toFixed(1)} % | ${n(count)} |`);
  L.push('');
  L.push('<details><summary>Largest functions</summary>');
  L.push('');
  L.push('| function | bytes |');
  L.push('| --- | --- |');
  for (const [name, bytes] of sizeProfile.functions.slice(0, 20)) L.push(`| \`${name.replace(/\|/g, '\\|').slice(0, 140)}\` | ${n(bytes)} |`);
  L.push('');
  L.push('</details>');
}
L.push('');
L.push('## Reproduce');
L.push('');
L.push('```sh');
L.push('bash scripts/bench.sh             # everything, about 6–9 minutes on 2 cores; rewrites BENCHMARKS.md');
L.push('bash scripts/bench.sh --profile   # also the CPU profile and the size breakdown (builds target/bench/pkg-profiling)');
L.push('bash scripts/bench.sh --quick     # a smoke run with few samples (does not write BENCHMARKS.md)');
L.push('node --test tests/bench/          # the peers agree with renkei (needs pkg/)');
L.push('node tests/bench/size-check.mjs   # the size budget (tests/bench/budget.json)');
L.push('node tests/bench/browser.mjs --cold   # cold start only, after bench.sh has built everything (target/bench/cold.json)');
L.push('node tests/bench/browser.mjs --warm   # one score, the batch and the four-marker row only (target/bench/warm.json)');
L.push('```');
L.push('');

// ---------------------------------------------------------------- history
const old = existsSync(`${ROOT}BENCHMARKS.md`) ? read('BENCHMARKS.md') : '';
const at = old.indexOf('\n## History');
let history = at >= 0 ? old.slice(at + 1) : '## History\n\nOne entry per deliberate measurement, newest last: date, commit, and the headline figures.\n';
if (historyNote !== null) {
  const entry = `\n- ${machine.date.slice(0, 10)}, ${commitText}: ${historyNote ? `${historyNote} ` : ''}`
    + `wasm ${kB(size.wasm.gzip)} gzip (${kB(size.wasm.raw)} raw); cold start ${ms(cold)}; one score core ${us(s.core.p50)} / full ${us(s.full.p50)} p50; `
    + `1,741 in ${ms(B.batch.all.p50)}; native full ${ns(N('score/full').median)}, 1,741 in ${ns(N('batch_1741').median)}; `
    + `fully answered ${us(s.mature.p50)}; per change ${us(pc.score.p50)} (score)${pc.session ? ` / ${us(pc.session.p50)} (session)` : ''}; `
    + `${B.batch.levels ? `1,741 levels only ${ms(B.batch.levels.p50)}; ` : ''}click → paint ${paint[1] ? ms(paint[1].p50) : '?'} (1×) / ${paint[4] ? ms(paint[4].p50) : '?'} (4×); `
    + `${paint[4]?.results ? `click → results painted ${paint[1]?.results ? ms(paint[1].results.p50) : '?'} (1×) / ${ms(paint[4].results.p50)} (4×); ` : ''}cold 4× ${ms(coldSlow)}; `
    + `${levelsOne ? `four-marker levels only ${us(levelsOne.p50)}; ` : ''}`
    + `four-marker renkei ${us(renkeiOne)} vs limit (wasm) ${us(B.peers['limit-wasm'].p50)}, fastest CSP-safe peer ${us(B.peers[fastestCsp[0]].p50)} (${fastestCsp[0]}), json-rules-engine ${us(B.peers['json-rules-engine'].p50)}. ${machine.browser}.`;
  history = history.replace(/\s*$/, '') + entry + '\n';
}
writeFileSync(`${ROOT}BENCHMARKS.md`, `${L.join('\n')}\n${history}`);
console.error('[bench] wrote BENCHMARKS.md');
