// Click → next paint on the real assessment page (target/site, as users get it): the fully
// answered assessment (tests/cases/mature) is opened through the page's own "open file" button,
// then yes/no items are clicked back and forth, one click at a time. Each click is timed in the
// page from the click event's timestamp to the first task after the next frame has painted
// (requestAnimationFrame, then a MessageChannel message: the usual "next paint" probe), at 1× and
// at 4× CPU throttling (CDP Emulation.setCPUThrottlingRate), in a fresh context each.
// Used by tests/bench/browser.mjs (needs target/site: scripts/site.sh).
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
