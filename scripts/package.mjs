// Makes pkg/ a complete npm package (wasm-pack runs with --no-pack): package.json (name, version,
// license, repository from Cargo.toml), the Node entry (node.js: loads the .wasm from disk), the
// element entry (element.js, bundled by scripts/bundle.mjs), the Custom Elements Manifest, the
// README (pkg/README.md, committed) and LICENSE. Usage: node scripts/package.mjs [PKG_DIR]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PKG = process.argv[2] ?? `${ROOT}pkg`;
const cargo = readFileSync(`${ROOT}Cargo.toml`, 'utf8');
const field = (k) => cargo.match(new RegExp(`^${k}\\s*=\\s*"([^"]*)"`, 'm'))?.[1];

const manifest = {
  name: field('name'),
  version: field('version'),
  description: field('description'),
  license: field('license'),
  repository: { type: 'git', url: field('repository') },
  keywords: ['wasm', 'rhai', 'self-assessment', '在宅医療・介護連携推進事業', 'custom-element'],
  type: 'module',
  main: './renkei.js',
  types: './renkei.d.ts',
  exports: {
    '.': {
      types: './renkei.d.ts',
      node: './node.js',
      default: './renkei.js',
    },
    './node': { types: './node.d.ts', default: './node.js' },
    './element': { types: './element.d.ts', default: './element.js' },
    // The engine without the TOML compiler (no Scorer.fromSources, fromBundle, validatePack,
    // bundlePack): the default pack only, a smaller .wasm. The element loads it when no pack is given.
    './page': { types: './renkei_page.d.ts', default: './renkei_page.js' },
    './renkei_bg.wasm': './renkei_bg.wasm',
    './renkei_page_bg.wasm': './renkei_page_bg.wasm',
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  files: ['renkei.js', 'renkei.d.ts', 'renkei_bg.wasm', 'renkei_bg.wasm.d.ts', 'renkei_page.js', 'renkei_page.d.ts', 'renkei_page_bg.wasm', 'renkei_page_bg.wasm.d.ts', 'node.js', 'node.d.ts', 'element.js', 'element.d.ts', 'custom-elements.json', 'README.md', 'LICENSE'],
  sideEffects: ['./node.js', './element.js'],
  customElements: 'custom-elements.json',
  engines: { node: '>=18' },
};
writeFileSync(`${PKG}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);

writeFileSync(`${PKG}/node.js`, `// renkei for Node: the .wasm is read from disk beside this file and instantiated at import,
// so \`import { Scorer } from 'renkei'\` is ready to use. \`await init()\` still works (it does nothing more).
import { readFileSync } from 'node:fs';
import { initSync } from './renkei.js';

export * from './renkei.js';
const output = initSync({ module: readFileSync(new URL('./renkei_bg.wasm', import.meta.url)) });
/** Already done at import; kept so that code written for the browser runs unchanged. */
export default async function init() {
  return output;
}
`);
writeFileSync(`${PKG}/node.d.ts`, `export * from './renkei.js';
export { default } from './renkei.js';
`);
writeFileSync(`${PKG}/element.d.ts`, `import type { Report, Assessment } from './renkei.js';

/** <renkei-self-check>: the self-check (form and live result) in its own shadow root. */
export declare class RenkeiSelfCheck extends HTMLElement {
  static define(tag?: string, registry?: CustomElementRegistry): typeof RenkeiSelfCheck;
  /** Resolves when the engine is loaded and the first result is shown. */
  readonly ready: Promise<void>;
  setAnswers(answers: Assessment['answers']): Promise<Report | null>;
  getAnswers(): Assessment['answers'];
  getAssessment(): Assessment | null;
  getReport(): Report | null;
  clear(): Promise<void>;
}

export interface RenkeiChangeDetail { answers: Assessment['answers']; assessment: Assessment | null }
export interface RenkeiScoreDetail { report: Report }
export interface RenkeiErrorDetail { message: string; messageJa: string; problems: unknown[] }

declare global {
  interface HTMLElementTagNameMap { 'renkei-self-check': RenkeiSelfCheck }
  interface HTMLElementEventMap {
    'renkei-change': CustomEvent<RenkeiChangeDetail>;
    'renkei-score': CustomEvent<RenkeiScoreDetail>;
    'renkei-error': CustomEvent<RenkeiErrorDetail>;
  }
}
`);

// The Custom Elements Manifest (schema 2.1.0), from the element's JSDoc tags.
const src = readFileSync(`${ROOT}www/js/self-check.js`, 'utf8');
const tags = (tag) => [...src.matchAll(new RegExp(`^ \\* @${tag} +(\\{[^}]*\\} +)?(\\S+) +(.*)$`, 'gm'))]
  .map((m) => ({ name: m[2], ...(m[1] ? { type: { text: m[1].trim().slice(1, -1) } } : {}), description: m[3].trim() }));
const methods = [...src.matchAll(/^  \/\*\* ([^\n]*?) \*\/\n  (?:async )?([a-z]\w*)\(([^)]*)\) \{/gm)]
  .map((m) => ({ kind: 'method', name: m[2], description: m[1], parameters: m[3] ? m[3].split(',').map((p) => ({ name: p.trim() })) : [] }));
const cem = {
  schemaVersion: '2.1.0',
  readme: 'README.md',
  modules: [{
    kind: 'javascript-module',
    path: 'element.js',
    declarations: [{
      kind: 'class', name: 'RenkeiSelfCheck', tagName: 'renkei-self-check', customElement: true,
      description: 'The self-check (the checklist and its live result) in its own shadow root.',
      superclass: { name: 'HTMLElement' },
      attributes: tags('attr'),
      events: tags('fires').map((e) => ({ name: e.name, type: { text: 'CustomEvent' }, description: e.description })),
      cssParts: tags('csspart'),
      members: [{ kind: 'field', name: 'ready', readonly: true, type: { text: 'Promise<void>' }, description: 'Resolves when the engine is loaded and the first result is shown.' }, ...methods],
    }],
    exports: [
      { kind: 'js', name: 'RenkeiSelfCheck', declaration: { name: 'RenkeiSelfCheck', module: 'element.js' } },
      { kind: 'custom-element-definition', name: 'renkei-self-check', declaration: { name: 'RenkeiSelfCheck', module: 'element.js' } },
    ],
  }],
};
writeFileSync(`${PKG}/custom-elements.json`, `${JSON.stringify(cem, null, 2)}\n`);

// LICENSE: the crate's two licences (MIT OR Apache-2.0) and, for element.js, chart.js's.
const apache = readFileSync(`${ROOT}node_modules/typescript/LICENSE.txt`, 'utf8');
if (!apache.startsWith('Apache License')) throw new Error('expected the Apache-2.0 text in node_modules/typescript/LICENSE.txt');
writeFileSync(`${PKG}/LICENSE`, `renkei is licensed under either of the MIT license or the Apache License, Version 2.0, at your option
(SPDX: ${manifest.license}).

--- MIT License ---

Copyright (c) the renkei authors

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

--- Apache License, Version 2.0 ---

${apache.trim()}

--- Third party: element.js bundles chart.js ---

${readFileSync(`${ROOT}node_modules/chart.js/LICENSE.md`, 'utf8').trim()}
`);

if (!existsSync(`${PKG}/README.md`)) execFileSync('git', ['checkout', '--', 'pkg/README.md'], { cwd: ROOT });
console.error(`[package] ${PKG}: ${manifest.name}@${manifest.version}`);
