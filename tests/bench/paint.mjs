// Click → next paint on the real assessment page (target/site, as users get it): the fully
// answered assessment (tests/cases/mature) is opened through the page's own "open file" button,
// then yes/no items are clicked back and forth, one click at a time. Each click is timed in the
// page from the click event's timestamp to the first task after the next frame has painted
// (requestAnimationFrame, then a MessageChannel message: the usual "next paint" probe), at 1× and
// at 4× CPU throttling (CDP Emulation.setCPUThrottlingRate), in a fresh context each.
// Used by tests/bench/browser.mjs (needs target/site: scripts/site.sh); runs alone too (see the end).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summary } from './lib/stats.mjs';

/** Measure `clicks` clicks at the given throttle; returns the summary in ms and the items clicked. */
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
    window.addEventListener('click', (e) => {
      if (e.composedPath()[0]?.tagName !== 'LABEL') return; // the label's click, not the input's
      const t0 = e.timeStamp;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => window.__paints.push(performance.now() - t0);
        ch.port2.postMessage(0);
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
    const before = await page.evaluate(() => window.__paints.length);
    await page.click(`label[for="c-${id}-${state[id]}"]`);
    await page.waitForFunction((n) => window.__paints.length > n, before, { timeout: 30_000, polling: 'raf' });
    await page.waitForTimeout(30 * throttle); // let any trailing work settle, as between real clicks
  }
  const xs = (await page.evaluate(() => window.__paints)).slice(4); // the first clicks warm up
  await ctx.close();
  return { throttle, clicks: xs.length, items: ids.length, ...summary(xs) };
}

// Run alone: `node tests/bench/paint.mjs [--clicks N] [--runs N]` measures click → next paint at
// 1× and 4× on target/site (scripts/site.sh), served here as browser.mjs serves it
// (cross-origin isolated), RUNS times (default 3) alternating the throttles, and prints each run
// and the median of the runs' p50 and p95. Writes nothing.
if (import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1] ?? '').href) {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { extname, normalize } = await import('node:path');
  const { chromium } = await import('playwright-core');
  const ROOT = new URL('../../', import.meta.url).pathname;
  const arg = (k, d) => { const i = process.argv.indexOf(`--${k}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
  const clicks = arg('clicks', 40);
  const runs = arg('runs', 3);
  const SITE = join(ROOT, 'target/site/');
  const csp = readFileSync(join(ROOT, 'www/index.html'), 'utf8').match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)?.[0] ?? '';
  const TYPES = { '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
  const server = createServer(async (req, res) => {
    const file = normalize(join(SITE, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
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
  const got = { 1: [], 4: [] };
  const ms = (x) => `${x.toFixed(1)} ms`;
  try {
    for (let r = 1; r <= runs; r++) {
      for (const throttle of [1, 4]) {
        const s = await clickToPaint(browser, `http://127.0.0.1:${server.address().port}`, ROOT, { throttle, clicks, log: (m) => console.error(`[paint] ${m}`) });
        got[throttle].push(s);
        console.log(`run ${r} ${throttle}×: p50 ${ms(s.p50)}, p95 ${ms(s.p95)} (${ms(s.min)} – ${ms(s.max)}, ${s.clicks} clicks)`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  for (const throttle of [1, 4]) console.log(`click → next paint at ${throttle}×, median of ${runs} runs: p50 ${ms(med(got[throttle].map((s) => s.p50)))}, p95 ${ms(med(got[throttle].map((s) => s.p95)))}`);
}
