// pkg/ as a published package: `npm pack` makes a tarball with a complete package.json, a README,
// a LICENSE, the .wasm, the Node and element entries and the Custom Elements Manifest; another
// project (tests/consumer/, copied to target/consumer/) installs that tarball and
// - in Node scores a fixture to the native golden byte for byte,
// - compiles a typed use under tsc --strict (lib es2022 + dom),
// - builds with Vite and, in Chromium, scores the fixture byte for byte and shows the element,
//   under a strict CSP, with no request outside its origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { ROOT, OUT, buildSite, launch, freePort } from './page-helpers.mjs';
import { stripPackHash } from '../lib/cases.mjs';

const PACK_DIR = `${ROOT}target/pack/`;
const CONSUMER = `${ROOT}target/consumer/`;
const FIXTURE = `${ROOT}tests/cases/mito_after/assessment.json`;
const GOLDEN = stripPackHash(readFileSync(`${ROOT}tests/cases/mito_after/report.json`, 'utf8'));
const cargoVersion = readFileSync(`${ROOT}Cargo.toml`, 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
let tarball;
let packed;

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

before(() => {
  buildSite();
  rmSync(PACK_DIR, { recursive: true, force: true });
  mkdirSync(PACK_DIR, { recursive: true });
  [packed] = JSON.parse(run('npm', ['pack', `${ROOT}pkg`, '--pack-destination', PACK_DIR, '--json', '--silent']));
  tarball = `${PACK_DIR}${packed.filename}`;
  rmSync(CONSUMER, { recursive: true, force: true });
  cpSync(`${ROOT}tests/consumer/`, CONSUMER, { recursive: true });
  cpSync(FIXTURE, `${CONSUMER}vite/assessment.json`);
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', tarball], { cwd: CONSUMER });
});

test('npm pack: a complete package.json, README, LICENSE and every entry', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ['package.json', 'README.md', 'LICENSE', 'renkei.js', 'renkei.d.ts', 'renkei_bg.wasm', 'renkei_page.js', 'renkei_page.d.ts', 'renkei_page_bg.wasm', 'node.js', 'node.d.ts', 'element.js', 'element.d.ts', 'custom-elements.json']) {
    assert.ok(files.includes(f), `${f} is in the tarball (${files.join(', ')})`);
  }
  const pj = JSON.parse(readFileSync(`${CONSUMER}node_modules/renkei/package.json`, 'utf8'));
  assert.equal(pj.name, 'renkei');
  assert.equal(pj.version, cargoVersion, 'the version is Cargo.toml\'s');
  assert.equal(pj.type, 'module');
  assert.ok(pj.license && pj.repository?.url);
  assert.deepEqual(Object.keys(pj.exports).sort(), ['.', './custom-elements.json', './element', './node', './package.json', './page', './renkei_bg.wasm', './renkei_page_bg.wasm']);
  assert.equal(pj.exports['.'].types, './renkei.d.ts');
  assert.deepEqual(pj.sideEffects, ['./node.js', './element.js']);
  const cem = JSON.parse(readFileSync(`${CONSUMER}node_modules/renkei/custom-elements.json`, 'utf8'));
  const el = cem.modules[0].declarations[0];
  assert.equal(el.tagName, 'renkei-self-check');
  assert.deepEqual(el.attributes.map((a) => a.name), ['pack', 'item-set', 'lang', 'readonly', 'draft-key', 'wasm']);
  assert.deepEqual(el.events.map((e) => e.name), ['renkei-change', 'renkei-score', 'renkei-error']);
  assert.ok(['setAnswers', 'getReport', 'getAssessment'].every((m) => el.members.some((x) => x.name === m)));
  const size = statSync(tarball).size;
  console.log(`# ${packed.filename}: ${(size / 1024).toFixed(0)} KiB (unpacked ${(packed.unpackedSize / 1024).toFixed(0)} KiB, ${packed.files.length} files)`);
});

test('Node: the installed package scores the fixture to the native golden byte for byte', () => {
  const out = run(process.execPath, ['node/score.mjs', FIXTURE], { cwd: CONSUMER });
  assert.equal(stripPackHash(`${out}\n`), GOLDEN);
});

test('tsc --strict (lib es2022 + dom) compiles a typed use of the scorer and the element, and refuses wrong inputs', () => {
  run(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${CONSUMER}ts/tsconfig.json`]);
  // Without the @ts-expect-error lines, the same file must fail: the inputs are really typed.
  const src = readFileSync(`${CONSUMER}ts/use.ts`, 'utf8');
  writeFileSync(`${CONSUMER}ts/use.ts`, src.replace(/^\s*\/\/ @ts-expect-error.*$/gm, ''));
  const r = spawnSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${CONSUMER}ts/tsconfig.json`], { encoding: 'utf8' });
  writeFileSync(`${CONSUMER}ts/use.ts`, src);
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /'string' is not assignable to parameter of type 'Assessment'/);
  assert.match(r.stdout, /Type 'string' is not assignable to type 'boolean( \| undefined)?'/);
});

test('Vite: the project builds with the package and, in Chromium, scores byte for byte and shows the element', async () => {
  run(process.execPath, [`${ROOT}node_modules/vite/bin/vite.js`, 'build'], { cwd: `${CONSUMER}vite` });
  const port = await freePort();
  const server = spawn(process.execPath, [`${ROOT}scripts/serve.mjs`, `${CONSUMER}vite/dist`, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  const browser = await launch();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    const requests = [];
    ctx.on('request', (r) => requests.push(r.url()));
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await ctx.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const got = await page.evaluate(() => window.__result);
    assert.equal(stripPackHash(`${got}\n`), GOLDEN);
    const inputs = await page.evaluate(() => document.getElementById('vite-check').shadowRoot.querySelector('assessment-form').shadowRoot.querySelectorAll('input').length);
    assert.ok(inputs > 20, 'the element from renkei/element renders its form');
    await page.screenshot({ path: `${OUT}consumer-vite.png` });
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith(`http://127.0.0.1:${port}/`) && !u.startsWith('data:')), []);
    assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the .wasm is an asset of the build');
  } finally {
    await browser.close();
    server.kill();
  }
});
