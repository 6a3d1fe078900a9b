// Where the size of a .wasm goes: the code size of each function (code section) summed by the
// Rust crate its name starts with (name section; needs a build that keeps names, such as
// target/bench/pkg-profiling), plus the data section. A minimal reader of the binary format.

function leb(buf, pos) {
  let result = 0;
  let shift = 0;
  let b;
  do {
    b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [result, pos];
}

function str(buf, pos) {
  const [len, p] = leb(buf, pos);
  return [new TextDecoder().decode(buf.subarray(p, p + len)), p + len];
}

/** @returns {{ total, code, data, other, functions: [name, bytes][], byCrate: [crate, bytes, count][] }} */
export function wasmSizes(buf) {
  let pos = 8;
  let importedFns = 0;
  const bodies = [];
  const names = new Map();
  let data = 0;
  let code = 0;
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, p] = leb(buf, pos + 1);
    const end = p + size;
    if (id === 2) { // imports: count the functions, they take the first indices
      let [n, q] = leb(buf, p);
      for (let i = 0; i < n; i++) {
        [, q] = str(buf, q);
        [, q] = str(buf, q);
        const kind = buf[q++];
        if (kind === 0) { [, q] = leb(buf, q); importedFns++; }
        else if (kind === 1) { q++; const flags = buf[q++]; [, q] = leb(buf, q); if (flags & 1) [, q] = leb(buf, q); }
        else if (kind === 2) { const flags = buf[q++]; [, q] = leb(buf, q); if (flags & 1) [, q] = leb(buf, q); }
        else if (kind === 3) { q += 2; }
        else if (kind === 4) { q++; [, q] = leb(buf, q); }
      }
    } else if (id === 10) {
      code = size;
      let [n, q] = leb(buf, p);
      for (let i = 0; i < n; i++) {
        const [len, r] = leb(buf, q);
        bodies.push(len + (r - q));
        q = r + len;
      }
    } else if (id === 11) {
      data = size;
    } else if (id === 0) {
      const [name, q] = str(buf, p);
      if (name === 'name') {
        let r = q;
        while (r < end) {
          const sub = buf[r];
          const [len, s] = leb(buf, r + 1);
          if (sub === 1) {
            let [n, t] = leb(buf, s);
            for (let i = 0; i < n; i++) {
              let idx; let nm;
              [idx, t] = leb(buf, t);
              [nm, t] = str(buf, t);
              names.set(idx, nm);
            }
          }
          r = s + len;
        }
      }
    }
    pos = end;
  }
  const functions = bodies.map((b, i) => [names.get(i + importedFns) ?? `wasm-function[${i + importedFns}]`, b]);
  const crates = new Map();
  for (const [n, b] of functions) {
    // The crate is the first path segment (of the implementing type in `<A as B>::f`). Generic
    // standard-library code (closures' call_once, sorting, collections, iterators) carries no
    // sign of the crate it was instantiated for: it is grouped as core/alloc/std.
    const STD = ['core', 'alloc', 'std'];
    const m = n.replace(/^<+/, '').match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
    const any = [...n.matchAll(/(?:^|[<\s(&,*])([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/g)].map((x) => x[1]); // `<&mut X as T>`, `<FN as T>`
    const first = m ? m[1] : any.find((x) => !STD.includes(x)) ?? any[0];
    const c = first ? (STD.includes(first) ? 'core/alloc/std (generic code)' : first)
      : /shim|wasm_bindgen|__wbg|__wbindgen|externref/.test(n) ? 'wasm-bindgen glue'
        : /^(memcpy|memmove|memset|memcmp|__)/.test(n) ? 'compiler builtins' : n.startsWith('wasm-function') ? '(no name)' : '(other)';
    const e = crates.get(c) ?? [0, 0];
    crates.set(c, [e[0] + b, e[1] + 1]);
  }
  const byCrate = [...crates].map(([c, [b, k]]) => [c, b, k]).sort((a, b) => b[1] - a[1]);
  return { total: buf.length, code, data, other: buf.length - code - data, functions: functions.sort((a, b) => b[1] - a[1]), byCrate, named: names.size };
}
