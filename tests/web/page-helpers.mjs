// Helpers for the page test (tests/web/page.test.mjs): build and serve the site, launch Debian's
// Chromium through playwright-core, read PDFs. Not a test file itself (node --test skips it).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, readdirSync, statSync, existsSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { packFiles as libPackFiles } from '../lib/cases.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT = `${ROOT}tests/output/`;

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The newest modification time under a folder (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return m;
}

/**
 * Builds target/site (pkg/ is rebuilt only when its sources changed). Throws with the log on
 * failure. Several page test files may run at once (node --test): a lock lets one build while
 * the others wait, and a site newer than everything it is made from is not rebuilt under a
 * test that is serving it.
 */
export function buildSite() {
  const lock = `${ROOT}target/.site-lock`;
  const stamp = `${ROOT}target/site/.assembled`;
  mkdirSync(`${ROOT}target`, { recursive: true });
  const until = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (Date.now() - statSync(lock).mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) throw new Error(`${lock}: still held after 15 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    const sources = Math.max(newest(`${ROOT}www`), newest(`${ROOT}src`), newest(`${ROOT}rules`), newest(`${ROOT}tests/cases`), newest(`${ROOT}scripts`));
    if (existsSync(stamp) && statSync(stamp).mtimeMs > sources) return;
    const r = spawnSync('bash', ['scripts/site.sh'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scripts/site.sh failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts scripts/serve.mjs on target/site; resolves with { origin, stop }. */
export async function serveSite() {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/serve.mjs', 'target/site', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 10_000);
    child.stdout.on('data', (d) => {
      log += d;
      if (log.includes('serving')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (d) => (log += d));
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill();
    }),
  };
}

/** Launches Chromium (Debian's, /usr/bin/chromium). */
export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

export const FIREFOX = '/usr/bin/firefox-esr';

/**
 * One of the site's single files in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi; no
 * browser download): builds the site, copies `target/site/NAME` alone into
 * `tests/output/DIR/FOLDER/` (a fresh folder, as a prefecture hands it out), launches Firefox with
 * a profile there, and opens a page that collects script errors. Returns { browser, page, errors,
 * file }; the test navigates to `pathToFileURL(file)` itself.
 */
export async function firefoxWithFile(name, dir, folder) {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: scripts/setup.sh installs firefox-esr`);
  const { default: puppeteer } = await import('puppeteer-core');
  buildSite();
  rmSync(`${OUT}${dir}`, { recursive: true, force: true });
  mkdirSync(`${OUT}${dir}/${folder}`, { recursive: true });
  const file = `${OUT}${dir}/${folder}/${name}`;
  copyFileSync(`${ROOT}target/site/${name}`, file);
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: `${OUT}${dir}/profile` });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { browser, page, errors, file };
}

/** Number of pages in a PDF made by Chromium ("/Type /Page" objects, not "/Pages"). */
export function pdfPageCount(buf) {
  return (buf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** The text of a PDF through pdftotext (poppler-utils) when installed, else null. */
export function pdfText(path) {
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : null;
}

/** The axe-core source, served to the page by the test only (never part of the site). */
export const axeSource = () => readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');

/** Median and maximum of a list of numbers. */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
}

/** A dimension result's status, also from a report of the engine before proven levels (`assessed`). */
export const statusOf = (d) => d.status ?? (!d.assessed ? 'notAsked' : d.level === null ? 'notApplicable' : 'rated');

/** The item set a new draft starts with: the one marked default, else the last. */
export const defaultSetOf = (info) => (info.sets.find((s) => s.default) ?? info.sets[info.sets.length - 1]).id;

/** The files of a pack folder (a path with or without its closing slash) as `{ "pack.toml": "…", "items/a.toml": "…" }` (what Scorer.fromSources takes): tests/lib/cases.mjs's walk. */
export const packFiles = (dir) => libPackFiles(dir.endsWith('/') ? dir : `${dir}/`);

/** Loads the release pkg/ in Node (after buildSite(), which may rebuild it). */
export async function nodeEngine() {
  const mod = await import('../../pkg/renkei.js');
  mod.initSync({ module: readFileSync(`${ROOT}pkg/renkei_bg.wasm`) });
  return mod;
}

/**
 * Waits until the page's results show the draft as it is: the page scores a change after the
 * next paint (app.js), and marks the scorings asked for and the one on screen on its body
 * (data-asked, data-shown). Resolves with no wait where they are equal (or not marked at all).
 */
export const settled = (p) => p.waitForFunction(() => document.body.dataset.asked === document.body.dataset.shown, null, { polling: 'raf', timeout: 20_000 });

/**
 * The page with its actions (click, fill, check, type, press, … and the keyboard's) waiting, once
 * done, until the results show their change (`settled`), as a user looks at the results after an
 * action. A navigation during the wait (a reload, another page) ends it. Locator actions are
 * not wrapped: call `settled` after them.
 */
export function settling(page) {
  const after = async (run) => {
    const out = await run();
    try {
      await settled(page);
    } catch (e) {
      if (!/context was destroyed|navigat|Target .*closed/i.test(String(e?.message))) throw e;
    }
    return out;
  };
  for (const m of ['click', 'dblclick', 'fill', 'check', 'uncheck', 'type', 'press', 'selectOption', 'setInputFiles', 'tap']) {
    const f = page[m].bind(page);
    page[m] = (...a) => after(() => f(...a));
  }
  const k = page.keyboard;
  for (const m of ['type', 'press', 'insertText']) {
    const f = k[m].bind(k);
    k[m] = (...a) => after(() => f(...a));
  }
  return page;
}
