// Makes the peer libraries loadable by the bench pages as static ES modules from 'self' (no
// bundler is installed, and the strict CSP forbids eval-based loaders): json-logic-engine ships an
// ES module build, copied as is; json-rules-engine is CommonJS, so its modules and its
// dependencies' browser builds are wrapped into one ES module with a small require() table.
// Usage: node tests/bench/web/vendor.mjs OUT_DIR
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const NM = join(ROOT, 'node_modules');
const out = resolve(process.argv[2] ?? join(ROOT, 'target/bench/vendor'));
mkdirSync(out, { recursive: true });

// The browser (or plain CommonJS) build of each package json-rules-engine requires.
const PACKAGES = {
  'json-rules-engine': 'json-rules-engine/dist/index.js',
  'jsonpath-plus': 'jsonpath-plus/dist/index-browser-umd.cjs',
  'hash-it': 'hash-it/dist/cjs/index.cjs',
  eventemitter2: 'eventemitter2/lib/eventemitter2.js',
  clone: 'clone/clone.js',
};

function bundle(entry) {
  const modules = new Map(); // path relative to node_modules → source
  const visit = (file) => {
    const id = relative(NM, file);
    if (modules.has(id)) return id;
    let src = readFileSync(file, 'utf8');
    modules.set(id, null);
    src = src.replace(/require\((['"])([^'"]+)\1\)/g, (m, q, spec, at, whole) => {
      if (whole.slice(whole.lastIndexOf('\n', at) + 1, at).includes('//')) return m; // in a comment
      let target;
      if (spec.startsWith('.')) {
        target = resolve(dirname(file), spec);
        if (!existsSync(target) || !/\.c?js$/.test(target)) target += '.js';
      } else if (PACKAGES[spec]) {
        target = join(NM, PACKAGES[spec]);
      } else {
        throw new Error(`vendor: ${id} requires '${spec}', which has no browser build listed`);
      }
      return `__require(${JSON.stringify(visit(target))})`;
    });
    modules.set(id, src);
    return id;
  };
  const main = visit(join(NM, PACKAGES[entry]));
  const pkg = JSON.parse(readFileSync(join(NM, entry, 'package.json'), 'utf8'));
  let js = `// ${entry} ${pkg.version} and its dependencies, wrapped for the bench pages by tests/bench/web/vendor.mjs.\n`;
  js += 'const __defs = {\n';
  for (const [id, src] of modules) js += `${JSON.stringify(id)}: function (module, exports, __require) {\n${src}\n},\n`;
  js += '};\nconst __cache = {};\n';
  js += 'function __require(id) {\n  if (__cache[id]) return __cache[id].exports;\n  const module = (__cache[id] = { exports: {} });\n  __defs[id].call(module.exports, module, module.exports, __require);\n  return module.exports;\n}\n';
  js += `const lib = __require(${JSON.stringify(main)});\nexport default lib;\nexport const version = ${JSON.stringify(pkg.version)};\n`;
  return js;
}

writeFileSync(join(out, 'json-rules-engine.mjs'), bundle('json-rules-engine') + 'export const Engine = lib.Engine;\n');
const jle = JSON.parse(readFileSync(join(NM, 'json-logic-engine/package.json'), 'utf8'));
writeFileSync(join(out, 'json-logic-engine.mjs'),
  `${readFileSync(join(NM, 'json-logic-engine/dist/esm/index.js'), 'utf8')}\nexport const version = ${JSON.stringify(jle.version)};\n`);
console.error(`[bench] vendored json-rules-engine ${JSON.parse(readFileSync(join(NM, 'json-rules-engine/package.json'), 'utf8')).version}, json-logic-engine ${jle.version} → ${relative(ROOT, out)}/`);
