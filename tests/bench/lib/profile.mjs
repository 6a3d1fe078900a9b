// Sums a Chrome DevTools CPU profile (Profiler.stop) by where the time goes in one score: the JS
// glue, the JS↔wasm conversion (serde-wasm-bindgen, js-sys), rhai, renkei's own code, serde_json,
// the allocator and memory copies, and the rest. Needs wasm function names (the profiling build).

const RULES = [
  ['JS↔wasm conversion (serde-wasm-bindgen, js-sys, wasm-bindgen glue)', /serde_wasm_bindgen|js_sys|wasm_bindgen|__wbg|__wbindgen|getObject|addHeapObject|takeObject|dropObject|passStringToWasm|getStringFromWasm|debugString|handleError/],
  ['rhai: evaluating the scripts', /rhai::|rhai\b/],
  ['renkei: answer validation', /renkei::answers/],
  ['renkei: scoring and report building', /renkei::score|renkei::report|renkei::script_api|renkei::pack|renkei::engine|renkei::/],
  ['serde / serde_json (report and values)', /serde_json|serde::|serde_core/],
  ['memory: allocator, copies, hashing', /dlmalloc|alloc::|memcpy|memmove|memset|__rust_alloc|__rust_dealloc|__rust_realloc|hashbrown|core::hash|std::collections::hash|ahash|foldhash/],
  ['core/std (formatting, strings, sorting)', /core::|std::|alloc::/],
];

/** @returns {{ totalMs: number, categories: [name, ms, share][], top: [name, ms][] }} */
export function categorise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map(); // node id → µs
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const cats = new Map();
  const fns = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    const name = cf.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)' || name === '(root)') {
      if (name !== '(garbage collector)') continue;
    }
    const isWasm = cf.url.startsWith('wasm://') || /^\$?[a-z_]+::/.test(name);
    let cat = name === '(garbage collector)' ? 'JS garbage collector' : null;
    if (!cat) cat = (RULES.find(([, re]) => re.test(name)) ?? [isWasm ? 'other wasm' : 'JS (glue, benchmark loop)'])[0];
    if (!isWasm && cat !== 'JS garbage collector' && !cat.startsWith('JS↔wasm')) cat = 'JS (glue, benchmark loop)';
    cats.set(cat, (cats.get(cat) ?? 0) + us);
    fns.set(name, (fns.get(name) ?? 0) + us);
    total += us;
  }
  const categories = [...cats].sort((a, b) => b[1] - a[1]).map(([n, us]) => [n, us / 1000, us / total]);
  const top = [...fns].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, us]) => [n, us / 1000]);
  return { totalMs: total / 1000, categories, top };
}
