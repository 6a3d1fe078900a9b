// Sums a Chrome DevTools CPU profile (Profiler.stop) by where the time of one score goes: the
// JS↔wasm boundary (wasm-bindgen's JS glue and the builtins it calls, serde-wasm-bindgen and
// js-sys inside the wasm), rhai, renkei's own code, serde, the allocator and memory copies, the
// garbage collector. Needs wasm function names (target/bench/pkg-profiling).

const WASM_RULES = [
  ['JS↔wasm: serde-wasm-bindgen, js-sys, wasm-bindgen (in wasm)', /serde_wasm_bindgen|js_sys|wasm_bindgen|externref|shim|__wbindgen/],
  ['rhai: running the scripts (calls, maps, arrays, Dynamic)', /rhai/],
  ['renkei: validating the answers', /renkei::answers/],
  ['renkei: script API (a.has, a.level, …)', /renkei::script_api/],
  ['renkei: scoring and building the report', /renkei::/],
  ['serde / serde_json', /serde_json|serde_core|serde::/],
  ['BTreeMap: rhai object maps and the answers map (build, look up, drop)', /btree/],
  ['memory: allocator, copies, hashing, drops', /dlmalloc|__rust_alloc|__rust_dealloc|__rust_realloc|memcpy|memmove|memset|memcmp|hashbrown|drop_in_place|alloc::raw_vec|alloc::alloc|core::hash|std::hash|ahash|foldhash|smallvec|RawVec|Vec<T.*>::clone|clone::Clone>::clone/],
];

const isWasm = (cf) => cf.url.startsWith('wasm://') || /\.wasm$/.test(cf.url);

function category(cf) {
  const name = cf.functionName || '(anonymous)';
  if (name === '(garbage collector)') return 'JS garbage collector';
  if (name === '(program)' || name === '(idle)' || name === '(root)') return null;
  if (isWasm(cf)) return (WASM_RULES.find(([, re]) => re.test(name)) ?? ['other wasm (core/std: formatting, sorting, strings)'])[0];
  if (/\/renkei\.js$/.test(cf.url) || cf.url === '' || name === 'wasm-to-js' || name === 'js-to-wasm') {
    return 'JS↔wasm: wasm-bindgen JS glue and the builtins it calls (TextDecoder, Object.entries, Reflect)';
  }
  return 'benchmark loop (page)';
}

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
    const cat = category(cf);
    if (!cat) continue;
    const name = `${cf.functionName || '(anonymous)'}${isWasm(cf) ? '' : ' (JS)'}`;
    cats.set(cat, (cats.get(cat) ?? 0) + us);
    fns.set(name, (fns.get(name) ?? 0) + us);
    total += us;
  }
  const categories = [...cats].sort((a, b) => b[1] - a[1]).map(([n, us]) => [n, us / 1000, us / total]);
  const top = [...fns].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([n, us]) => [n, us / 1000]);
  return { totalMs: total / 1000, categories, top };
}
