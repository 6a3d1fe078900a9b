// Helpers for the page test (tests/web/page.test.mjs): build and serve the site, launch Debian's
// Chromium through playwright-core, read PDFs. Not a test file itself (node --test skips it).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT = `${ROOT}tests/output/`;

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Builds target/site (pkg/ is rebuilt only when its sources changed). Throws with the log on failure. */
export function buildSite() {
  const r = spawnSync('bash', ['scripts/site.sh'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/site.sh failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
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
