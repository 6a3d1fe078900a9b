// Bundles the page's ES modules with esbuild (a devDependency; nothing is fetched at run time):
//   node scripts/bundle.mjs single SITE_DIR OUT.html   the single self-contained HTML file
//   node scripts/bundle.mjs element PKG_DIR            PKG_DIR/element.js (the <renkei-self-check> entry)
//   node scripts/bundle.mjs editor-libs OUT.js          the editor's libraries (CodeMirror, toml-eslint-parser) for the site
//   node scripts/bundle.mjs default-pack OUT.json       the default pack as a bundle (renkei-pack-bundle/1), for the editor
//   node scripts/bundle.mjs editor SITE_DIR OUT.html    the editor as one self-contained file (with the self-check's single file inside, to publish)
// The single file inlines the JS (one module), the CSS, the .wasm (base64, in a data block that
// is never run), chart.js, the sample assessments and the blank questionnaire, and carries a
// Content-Security-Policy of hashes: no 'unsafe-inline', no 'unsafe-eval', 'wasm-unsafe-eval' only.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHART = `${ROOT}node_modules/chart.js/dist/chart.umd.min.js`;
const EDITOR_LIBS = `${ROOT}scripts/editor-libs.js`;
const [mode, dir, out] = process.argv.slice(2);

/** Maps the site's paths to files: the vendored chart.js, the package (inline or external), the element's styles. */
function sitePlugin({ pkg, css }) {
  return {
    name: 'renkei-site',
    setup(b) {
      b.onResolve({ filter: /vendor\/chart\.js\/chart\.umd\.min\.js$/ }, () => ({ path: CHART }));
      b.onResolve({ filter: /vendor\/editor\/libs\.js$/ }, () => ({ path: EDITOR_LIBS }));
      b.onResolve({ filter: /\/pkg\/renkei\.js$/ }, () => (pkg === 'external' ? { path: './renkei.js', external: true } : { path: `${pkg}/renkei.js` }));
      // The page's engine without the TOML compiler (www/js/engine.js): its own file beside the
      // package's; inside a single file the full engine serves for both (the file carries one .wasm).
      b.onResolve({ filter: /\/pkg\/renkei_page\.js$/ }, () => (pkg === 'external' ? { path: './renkei_page.js', external: true } : { path: `${pkg}/renkei.js` }));
      if (css !== undefined) {
        b.onResolve({ filter: /\/element-style\.js$/ }, () => ({ path: 'element-style', namespace: 'renkei' }));
        b.onLoad({ filter: /^element-style$/, namespace: 'renkei' }, () => ({
          loader: 'js',
          contents: `// The elements' CSS, adopted as constructed stylesheets (no file, no inline <style>).
const CSS = ${JSON.stringify(css)};
const sheets = {};
const sheet = (k) => { if (!sheets[k]) { sheets[k] = new CSSStyleSheet(); sheets[k].replaceSync(CSS[k]); } return sheets[k]; };
export function styleShadow(root, { embed = false } = {}) {
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet('app'), sheet('print'), ...(embed ? [sheet('embed')] : [])];
}
export const styles = () => [];
export function ownShadow(el) {
  if (el.shadowRoot) return el.shadowRoot;
  const root = el.attachShadow({ mode: 'open' });
  styleShadow(root);
  return root;
}
`,
        }));
      }
    },
  };
}

async function bundle(entry, plugin, extra = {}) {
  const r = await build({
    entryPoints: [entry], bundle: true, format: 'esm', write: false, minify: true, target: 'es2022',
    legalComments: 'inline', charset: 'utf8', plugins: [plugin], logLevel: 'warning', ...extra,
  });
  return r.outputFiles[0].text;
}

const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const read = (p) => readFileSync(p, 'utf8');
/** Text that may sit inside a <script> or <style> element without closing it. */
function inert(text, what) {
  if (/<\/(script|style)/i.test(text) || /<!--/.test(text)) throw new Error(`${what} contains </script, </style or <!--: it cannot be inlined`);
  return text;
}

/** The stylesheets of the elements' shadow roots (print.css applies only when printing). */
const elementCss = () => ({
  app: read(`${ROOT}www/css/app.css`),
  print: `@media print {\n${read(`${ROOT}www/css/print.css`).replace(/@page\s*\{[^}]*\}/, '')}\n}`,
  embed: read(`${ROOT}www/css/embed.css`),
});

/**
 * The pack worker (untrusted packs run in it), for a single file: one classic script with the
 * engine's JS inside, kept in a data block that is never run there; pack-client.js starts it
 * from a blob: URL (worker-src blob:) and hands it the compiled .wasm, so it fetches nothing.
 * Classic: Chromium does not start a module worker from a blob: URL of a file:// page.
 */
const packWorker = async () => inert(await bundle(`${ROOT}www/js/pack-worker.js`, sitePlugin({ pkg: `${ROOT}pkg` }),
  { format: 'iife', define: { 'import.meta.url': 'self.location.href' } }), 'the pack worker');

/** What is inside a page's <body>, without its empty <script src> elements (the single file inlines them). */
const bodyOf = (html) => html.slice(html.indexOf('>', html.indexOf('<body')) + 1, html.indexOf('</body>')).replace(/<script[^>]*><\/script>\n?/g, '');

/**
 * A page's <head> for a single file: its Content-Security-Policy one of hashes (the inline
 * scripts, the inlined stylesheets), the icon as a data: URL, and each `<link rel="stylesheet"
 * href="css/NAME">` (with its media) replaced by a <style> holding `styles[NAME]`. Throws when the
 * page links a stylesheet that `styles` does not hold.
 */
function singleHead(page, name, scripts, styles) {
  const csp = [
    "default-src 'none'", `script-src ${scripts.map(sha).join(' ')} 'wasm-unsafe-eval'`, `style-src ${Object.values(styles).map(sha).join(' ')}`,
    'img-src data: blob:', 'worker-src blob:', "object-src 'none'", "base-uri 'none'", "form-action 'none'",
  ].join('; ');
  const icon = `data:image/svg+xml;base64,${readFileSync(`${ROOT}www/icon.svg`).toString('base64')}`;
  const head = page.slice(page.indexOf('<head>') + 6, page.indexOf('</head>'))
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${icon}" type="image/svg+xml">`)
    // The site's preload hint names a file the single file carries inside it.
    .replace(/<!-- The engine's JS glue[\s\S]*?-->\n/, '')
    .replace(/<link rel="(?:modulepreload|preload)"[^>]*>\n?/g, '')
    .replace(/<link rel="stylesheet" href="css\/([^"]+)"( media="[^"]*")?>/g, (link, file, media) => (file in styles ? `<style${media ?? ''}>${styles[file]}</style>` : link));
  if (head.includes('href="css/')) throw new Error(`${name} links a stylesheet the single file does not inline`);
  return head;
}

async function single(site, outFile) {
  const js = inert(await bundle(`${ROOT}www/js/single.js`, sitePlugin({ pkg: `${ROOT}pkg`, css: elementCss() })), 'the bundle');
  const boot = inert(read(`${ROOT}www/js/boot-check.js`), 'boot-check.js');
  const worker = await packWorker();
  const css = inert(read(`${ROOT}www/css/app.css`), 'app.css');
  const printCss = inert(read(`${ROOT}www/css/print.css`), 'print.css');
  const wasm = readFileSync(`${ROOT}pkg/renkei_bg.wasm`).toString('base64');
  const samples = { index: [], files: {} };
  try {
    samples.index = JSON.parse(read(`${site}/samples/index.json`));
    for (const s of samples.index) samples.files[s.id] = read(`${site}/samples/${s.id}.json`);
  } catch { /* a site without samples */ }
  const samplesJson = JSON.stringify(samples).replace(/</g, '\\u003c');
  const index = read(`${ROOT}www/index.html`);
  const blank = read(`${ROOT}www/questionnaire.html`);
  const head = singleHead(index, 'www/index.html', [boot, js], { 'app.css': css, 'print.css': printCss });
  const html = `<!doctype html>
<html lang="ja">
<head>${head}<meta name="generator" content="renkei single file (scripts/bundle.mjs)">
<script type="application/octet-stream" id="renkei-wasm">${wasm}</script>
<script type="application/json" id="renkei-samples">${samplesJson}</script>
<script type="application/json" id="renkei-pack"></script>
<script type="text/plain" id="renkei-worker">${worker}</script>
<template id="renkei-blank">${bodyOf(blank)}</template>
</head>
<body>${bodyOf(index).replace(/<a [^>]*id="editor-link"[^>]*>[^<]*<\/a>\n?/, '')}<script>${boot}</script>
<script type="module">${js}</script>
</body>
</html>
`;
  writeFileSync(outFile, html);
  console.error(`[bundle] ${outFile}: ${(html.length / 1024).toFixed(0)} KiB`);
}

async function element(pkgDir) {
  const css = elementCss();
  const entry = `${ROOT}www/js/element-entry.js`;
  const js = await bundle(entry, sitePlugin({ pkg: 'external', css }));
  writeFileSync(`${pkgDir}/element.js`, js);
  console.error(`[bundle] ${pkgDir}/element.js: ${(js.length / 1024).toFixed(0)} KiB`);
}

/** The editor's libraries as one ES module (the site's editor imports vendor/editor/libs.js). */
async function editorLibs(outFile) {
  const js = await bundle(EDITOR_LIBS, { name: 'none', setup() {} });
  writeFileSync(outFile, js);
  const licences = ['@codemirror/state', '@codemirror/view', '@codemirror/commands', '@codemirror/search', '@codemirror/language',
    '@codemirror/lint', '@codemirror/legacy-modes', '@lezer/common', '@lezer/highlight', 'style-mod', 'w3c-keyname', 'crelt', 'toml-eslint-parser']
    .map((p) => {
      const dir = `${ROOT}node_modules/${p}/`;
      const f = readdirSync(dir).find((n) => /^licen[cs]e/i.test(n));
      const v = JSON.parse(read(`${dir}package.json`)).version;
      return `== ${p} ${v} ==\n${f ? read(dir + f) : '(no licence file in the package)'}\n`;
    });
  writeFileSync(outFile.replace(/[^/]+$/, 'LICENSES.txt'), licences.join('\n'));
  console.error(`[bundle] ${outFile}: ${(js.length / 1024).toFixed(0)} KiB`);
}

/** The default pack (rules/default, the files its manifest names) as a bundle, made by the release pkg/. */
async function defaultPack(outFile) {
  const mod = await import(`${ROOT}pkg/renkei.js`);
  mod.initSync({ module: readFileSync(`${ROOT}pkg/renkei_bg.wasm`) });
  const dir = `${ROOT}rules/default/`;
  const files = {};
  const walk = (rel) => {
    for (const e of readdirSync(dir + rel, { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}${e.name}/`);
      else files[rel + e.name] = read(`${dir}${rel}${e.name}`);
    }
  };
  walk('');
  const text = mod.bundlePack(files);
  if (JSON.parse(text).hash !== new mod.Scorer().info().hash) throw new Error('the default bundle does not have the embedded pack\'s hash');
  writeFileSync(outFile, text);
  console.error(`[bundle] ${outFile}: ${(text.length / 1024).toFixed(0)} KiB`);
}

/** The editor as one file: its JS, CSS, the .wasm, the samples, the default pack and — to publish — the self-check's single file (gzip, base64). */
async function editorSingle(site, outFile) {
  const js = inert(await bundle(`${ROOT}www/js/editor/editor.js`, sitePlugin({ pkg: `${ROOT}pkg` })), 'the editor bundle');
  const worker = await packWorker(); // the pack being edited runs off the page's thread
  const boot = inert(read(`${ROOT}www/js/boot-check.js`), 'boot-check.js');
  const css = inert(read(`${ROOT}www/css/app.css`), 'app.css');
  const edCss = inert(read(`${ROOT}www/css/editor.css`), 'editor.css');
  const wasm = readFileSync(`${ROOT}pkg/renkei_bg.wasm`).toString('base64');
  const samples = { index: JSON.parse(read(`${site}/samples/index.json`)), files: {} };
  for (const s of samples.index) samples.files[s.id] = read(`${site}/samples/${s.id}.json`);
  const esc = (t) => t.replace(/</g, '\\u003c');
  const pack = esc(read(`${site}/packs/default.bundle.json`));
  const template = gzipSync(readFileSync(`${site}/renkei.html`), { level: 9 }).toString('base64');
  const page = read(`${ROOT}www/editor.html`);
  const body = bodyOf(page);
  const head = singleHead(page, 'www/editor.html', [boot, js], { 'app.css': css, 'editor.css': edCss });
  const bodyTag = page.slice(page.indexOf('<body'), page.indexOf('>', page.indexOf('<body')) + 1);
  const html = `<!doctype html>
<html lang="ja">
<head>${head}<meta name="generator" content="renkei editor single file (scripts/bundle.mjs)">
<script type="application/octet-stream" id="renkei-wasm">${wasm}</script>
<script type="application/json" id="renkei-samples">${esc(JSON.stringify(samples))}</script>
<script type="application/json" id="renkei-default-pack">${pack}</script>
<script type="application/octet-stream" id="renkei-template">${template}</script>
<script type="text/plain" id="renkei-worker">${worker}</script>
</head>
${bodyTag}${body}<script>${boot}</script>
<script type="module">${js}</script>
</body>
</html>
`;
  writeFileSync(outFile, html);
  console.error(`[bundle] ${outFile}: ${(html.length / 1024).toFixed(0)} KiB`);
}

if (mode === 'single') await single(dir, out);
else if (mode === 'editor-libs') await editorLibs(dir);
else if (mode === 'default-pack') await defaultPack(dir);
else if (mode === 'editor') await editorSingle(dir, out);
else if (mode === 'element') await element(dir);
else {
  console.error('usage: node scripts/bundle.mjs single SITE_DIR OUT.html | element PKG_DIR | editor-libs OUT.js | default-pack OUT.json | editor SITE_DIR OUT.html');
  process.exit(2);
}
