// Click → next paint, and click → results painted, on the real assessment page (target/site, as
// users get it): the fully answered assessment (tests/cases/mature) is opened through the page's
// own "open file" button, then yes/no items are clicked back and forth, one click at a time. Each
// click is timed in the page from the click event's timestamp
//  - to the first task after the next frame has painted (requestAnimationFrame, then a
//    MessageChannel message: the usual "next paint" probe): what the user sees of the click
//    itself (the control), and
//  - to the first task after the frame that paints the click's results: the page counts the
//    scorings asked for and the one on screen (body data-asked, data-shown, app.js); the probe
//    reads data-asked in the click's frame and waits until data-shown reaches it (at once when the
//    results were updated in the click's own task, then both times are the same), then for the
//    next frame as above.
// At 1× and at 4× CPU throttling (CDP Emulation.setCPUThrottlingRate), in a fresh context each.
// Used by tests/bench/browser.mjs (needs target/site: scripts/site.sh); runs alone too (see the end).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summary } from './lib/stats.mjs';

/**
 * Measure `clicks` clicks at the given throttle; returns the summary of click → next paint in ms
 * (top level, as before), `results`: the summary of click → results painted, and the items clicked.
 */
export async function clickToPaint(browser, origin, root, { throttle = 1, clicks = 40, log = () => {} } = {}) {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector('#open-file', { state: 'visible', timeout: 60_000 });
  const file = join(root, 'tests/cases/mature/assessment.json');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
  await chooser.setFiles(file);
  await page.waitForSelector('#overall-level:not([data-level=""])', { timeout: 60_000 }); // pierces the report's shadow root
  // yes/no items answered in the file whose controls are on screen.
  const answers = JSON.parse(readFileSync(file, 'utf8')).answers;
  const ids = await page.evaluate((cands) => {
    const root = document.querySelector('assessment-form').shadowRoot;
    return cands.filter((id) => root.querySelector(`label[for="c-${id}-true"]`) && root.querySelector(`label[for="c-${id}-false"]`));
  }, Object.entries(answers).filter(([, v]) => typeof v === 'boolean').map(([k]) => k));
  if (ids.length < 4) throw new Error(`click → paint: only ${ids.length} yes/no items on the page`);
  await page.evaluate(() => {
    window.__paints = [];
    window.__results = [];
    const afterNextPaint = (fn) => requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = fn;
      ch.port2.postMessage(0);
    });
    const body = document.body;
    window.addEventListener('click', (e) => {
      if (e.composedPath()[0]?.tagName !== 'LABEL') return; // the label's click, not the input's
      const t0 = e.timeStamp;
      requestAnimationFrame(() => {
        // The click's handlers have run: the scoring it asked for, and whether it is on screen.
        const want = Number(body.dataset.asked);
        const shown = () => Number(body.dataset.shown) >= want;
        const ch = new MessageChannel();
        const inThisFrame = shown();
        ch.port1.onmessage = () => {
          const dt = performance.now() - t0;
          window.__paints.push(dt);
          if (inThisFrame) window.__results.push(dt);
        };
        ch.port2.postMessage(0);
        if (inThisFrame) return;
        const mo = new MutationObserver(() => {
          if (!shown()) return;
          mo.disconnect();
          afterNextPaint(() => window.__results.push(performance.now() - t0));
        });
        mo.observe(body, { attributes: true, attributeFilter: ['data-shown'] });
      });
    }, { capture: true });
  });
  if (throttle !== 1) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  const state = Object.fromEntries(ids.map((id) => [id, answers[id]]));
  for (let i = 0; i < clicks + 4; i++) {
    const id = ids[i % ids.length];
    state[id] = !state[id];
    const before = await page.evaluate(() => window.__results.length);
    await page.click(`label[for="c-${id}-${state[id]}"]`);
    await page.waitForFunction((n) => window.__paints.length > n && window.__results.length > n, before, { timeout: 30_000, polling: 'raf' });
    await page.waitForTimeout(30 * throttle); // let any trailing work settle, as between real clicks
  }
  const { paints, results } = await page.evaluate(() => ({ paints: window.__paints, results: window.__results }));
  await ctx.close();
  const xs = paints.slice(4); // the first clicks warm up
  return { throttle, clicks: xs.length, items: ids.length, ...summary(xs), results: summary(results.slice(4)) };
}

// Run alone: `node tests/bench/paint.mjs [--clicks N] [--runs N]` measures click → next paint and
// click → results painted at 1× and 4× on target/site (scripts/site.sh), served here as browser.mjs serves it
// (cross-origin isolated), RUNS times (default 3) alternating the throttles, and prints each run
// and the median of the runs' p50 and p95; `--site DIR`, given once or more, measures those built
// sites instead, in turn within each run (a before and an after under the same load). Writes nothing.
if (import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1] ?? '').href) {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { extname, normalize, resolve } = await import('node:path');
  const { chromium } = await import('playwright-core');
  const ROOT = new URL('../../', import.meta.url).pathname;
  const arg = (k, d) => { const i = process.argv.indexOf(`--${k}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
  const clicks = arg('clicks', 40);
  const runs = arg('runs', 3);
  // --site DIR (may be given more than once): measure these sites instead of target/site, each in
  // turn within every run, so that a before and an after share the machine's load.
  const sites = process.argv.flatMap((a, i) => (a === '--site' ? [process.argv[i + 1]] : []));
  const SITES = (sites.length ? sites : [join(ROOT, 'target/site')]).map((d) => `${resolve(d)}/`);
  const csp = readFileSync(join(ROOT, 'www/index.html'), 'utf8').match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)?.[0] ?? '';
  const TYPES = { '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
  // Site k is served under /k/.
  const server = createServer(async (req, res) => {
    const [, k, ...rest] = decodeURIComponent(new URL(req.url, 'http://x').pathname).split('/');
    const SITE = SITES[Number(k)];
    if (!SITE) return res.writeHead(404).end();
    const file = normalize(join(SITE, rest.join('/')));
    if (!file.startsWith(SITE)) return res.writeHead(404).end();
    try {
      let body = await readFile(file);
      if (file.endsWith('.html')) body = body.toString().replace('<!--CSP-->', csp);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions'],
  });
  const got = SITES.map(() => ({ 1: [], 4: [] }));
  const ms = (x) => `${x.toFixed(1)} ms`;
  const name = (k) => (SITES.length > 1 ? `${SITES[k]} ` : '');
  try {
    for (let r = 1; r <= runs; r++) {
      for (const throttle of [1, 4]) for (let k = 0; k < SITES.length; k++) {
        const s = await clickToPaint(browser, `http://127.0.0.1:${server.address().port}/${k}`, ROOT, { throttle, clicks, log: (m) => console.error(`[paint] ${m}`) });
        got[k][throttle].push(s);
        console.log(`${name(k)}run ${r} ${throttle}×: next paint p50 ${ms(s.p50)}, p95 ${ms(s.p95)} (${ms(s.min)} – ${ms(s.max)}, ${s.clicks} clicks); `
          + `results painted p50 ${ms(s.results.p50)}, p95 ${ms(s.results.p95)} (${ms(s.results.min)} – ${ms(s.results.max)})`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  for (let k = 0; k < SITES.length; k++) for (const throttle of [1, 4]) {
    const g = got[k][throttle];
    console.log(`${name(k)}click → next paint at ${throttle}×, median of ${runs} runs: p50 ${ms(med(g.map((s) => s.p50)))}, p95 ${ms(med(g.map((s) => s.p95)))}`);
    console.log(`${name(k)}click → results painted at ${throttle}×, median of ${runs} runs: p50 ${ms(med(g.map((s) => s.results.p50)))}, p95 ${ms(med(g.map((s) => s.results.p95)))}`);
  }
}
