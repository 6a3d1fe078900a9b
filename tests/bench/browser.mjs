// Runs the Chromium benchmarks with Playwright and Debian's Chromium, all in one browser run:
//   1. csp.html   — which engines run under the page's strict CSP (meta tag from www/index.html)
//   2. cold.html  — cold start, from navigation to the first report, in fresh browser contexts
//                   (no HTTP cache, no compiled-wasm cache): COLD_LOADS loads (default 21), plus
//                   COLD_SLOW_LOADS (default 10) at 4× CPU slowdown, for the slow office PC
//   3. bench.html — warm one-score, the batch of 1,741, the four-marker peers
//   4. paint.mjs  — click → next paint on the real page (target/site), 1× and 4× CPU throttle
//   5. with --profile: a CPU profile of 2,000 full-set scores on the profiling build
//      (target/bench/pkg-profiling, function names kept), summed by where the time goes
// With --cold only step 2 runs (the loop to use while working on start-up; COLD_LOADS and
// COLD_SLOW_LOADS set the loads), and its results go to target/bench/cold.json instead. With
// --warm only step 3 runs (the loop for the warm rows: one score, the batch, the four-marker row;
// its results go to target/bench/warm.json).
// Serves the files itself on 127.0.0.1 (cross-origin isolated, so performance.now() has 5 µs
// steps instead of 100 µs). Writes target/bench/browser.json.
// Needs: bash scripts/build.sh, node tests/bench/prepare.mjs, node tests/bench/web/vendor.mjs and
// the limit's wasm (scripts/bench.sh does all of it).
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './lib/load.mjs';
import { summary } from './lib/stats.mjs';
import { categorise } from './lib/profile.mjs';
import { clickToPaint } from './paint.mjs';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const PROFILE = args.has('--profile');
const COLD_ONLY = args.has('--cold');
const WARM_ONLY = args.has('--warm');
const COLD_LOADS = Number(process.env.COLD_LOADS ?? (QUICK ? 3 : 21));
const COLD_SLOW_LOADS = Number(process.env.COLD_SLOW_LOADS ?? (QUICK ? 1 : 10));
const log = (m) => console.error(`[bench] ${m}`);

const csp = readFileSync(join(ROOT, 'www/index.html'), 'utf8').match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)?.[0];
if (!csp) throw new Error('www/index.html has no Content-Security-Policy meta tag');

const MOUNTS = {
  '/bench/': 'tests/bench/web/',
  '/peers/': 'tests/bench/peers/',
  '/lib/': 'tests/bench/lib/',
  '/pkg/': 'pkg/',
  '/pkg-profiling/': 'target/bench/pkg-profiling/',
  '/limit/': 'target/bench/limit-pkg/',
  '/data/': 'target/bench/data/',
  '/vendor/': 'target/bench/vendor/',
  '/site/': 'target/site/',
};
const TYPES = { '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const mount = Object.keys(MOUNTS).find((m) => path.startsWith(m));
  const file = mount && normalize(join(ROOT, MOUNTS[mount], path.slice(mount.length)));
  if (!file || !file.startsWith(join(ROOT, MOUNTS[mount]))) { res.writeHead(404).end(); return; }
  try {
    let body = await readFile(file);
    if (file.endsWith('.html')) body = body.toString().replace('<!--CSP-->', csp);
    // Cross-origin isolated (performance.now() to 5 µs), except the cold-start pages, which are
    // served as scripts/serve.mjs serves the app (no COOP/COEP: isolation alone adds ~15 ms to a
    // fresh page's start here, which the app's users do not pay; milliseconds need no finer clock).
    const cold = path.startsWith('/bench/cold') || path.startsWith('/bench/blank');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(cold ? {} : { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions'],
});
const out = { browser: `Chromium ${browser.version()}`, quick: QUICK };

async function run(url, { timeout = 600_000, throttle = 0, context } = {}) {
  const ctx = context ?? (await browser.newContext());
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.text().startsWith('[page]')) log(m.text().slice(7)); });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  if (throttle) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  await page.goto(`${base}${url}`);
  await page.waitForFunction(() => window.__done, null, { timeout, polling: 100 });
  const r = await page.evaluate(() => window.__done);
  if (!context) await ctx.close();
  if (r.error) throw new Error(`${url}: ${r.error}`);
  return r;
}

async function steps() {
  // 1. CSP
  if (!COLD_ONLY && !WARM_ONLY) out.csp = await run('/bench/csp.html');
  for (const [name, r] of Object.entries(out.csp?.engines ?? {})) log(`CSP: ${name}: ${r.runs ? 'runs' : `fails — ${r.error}`}${r.violations.length ? ` (${r.violations.length} CSP violation(s))` : ''}`);

  // 2. Cold start
  for (const [key, loads, throttle] of WARM_ONLY ? [] : [['cold', COLD_LOADS, 0], ['coldSlow', COLD_SLOW_LOADS, 4]]) {
    const runs = [];
    const blank = [];
    for (let i = 0; i < loads; i++) {
      runs.push(await run('/bench/cold.html', { throttle }));
      blank.push(await run('/bench/blank.html', { throttle }));
    }
    const pick = (f) => summary(runs.map(f));
    out[key] = {
      loads, throttle,
      html: pick((r) => r.html),
      glue: pick((r) => r.glue),
      wasm: pick((r) => r.wasm - r.glue),
      pack: pick((r) => r.pack - r.wasm),
      firstScore: pick((r) => r.first - r.pack),
      total: pick((r) => r.first),
      wasmBytes: runs[0].wasmBytes,
      // The browser's own share: a page of the same shape whose module does nothing.
      floor: summary(blank.map((r) => r.ready)),
    };
    const m = (k) => out[key][k].p50.toFixed(0);
    log(`cold start${throttle ? ` (CPU ${throttle}× slower)` : ''}: median ${m('total')} ms over ${loads} fresh loads (html ${m('html')}, glue ${m('glue')}, wasm ${m('wasm')}, pack ${m('pack')}, first score ${m('firstScore')}); a page whose module does nothing: ${m('floor')} ms`);
  }
  if (COLD_ONLY) return;

  // 3. Warm scoring, batch, peers
  out.bench = await run(`/bench/bench.html${QUICK ? '?quick' : ''}`);
  if (WARM_ONLY) return;

  // 4. Click → next paint on the real page (target/site), 1× and 4× CPU throttle
  if (!existsSync(join(ROOT, 'target/site/index.html'))) throw new Error('click → paint needs target/site (scripts/site.sh)');
  out.paint = {};
  for (const throttle of [1, 4]) {
    out.paint[throttle] = await clickToPaint(browser, `${base}/site`, ROOT, { throttle, clicks: QUICK ? 8 : 40, log });
    log(`click → paint at ${throttle}×: p50 ${out.paint[throttle].p50.toFixed(1)} ms, p95 ${out.paint[throttle].p95.toFixed(1)} ms`);
  }

  // 5. Profile
  if (PROFILE) {
    if (!existsSync(join(ROOT, 'target/bench/pkg-profiling/renkei_bg.wasm'))) throw new Error('--profile needs target/bench/pkg-profiling (scripts/bench.sh --profile builds it)');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await page.goto(`${base}/bench/profile.html`);
    await page.waitForFunction(() => window.__ready, null, { timeout: 60_000 });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    const timing = await page.evaluate(() => window.__run(2000));
    const { profile } = await cdp.send('Profiler.stop');
    out.profile = { ...categorise(profile), runs: 2000, msPerRun: timing / 2000 };
    log(`profile: ${(out.profile.msPerRun * 1000).toFixed(0)} µs per full-set score on the profiling build`);
    await ctx.close();
  }
}

try {
  await steps();
} finally {
  await browser.close();
  server.close();
}
const outFile = COLD_ONLY ? 'target/bench/cold.json' : WARM_ONLY ? 'target/bench/warm.json' : 'target/bench/browser.json';
await writeFile(join(ROOT, outFile), JSON.stringify(out, null, 1));
log(`Chromium results → ${outFile}`);
