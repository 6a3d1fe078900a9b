// A small JSON differ for the golden comparisons, the twin of tests/common/jsondiff.rs: one line
// per JSON path that changed (`dimensions[2].level: 3 → 2`). Arrays whose elements are all objects
// with distinct string ids are matched by id.

export function short(v) {
  const s = JSON.stringify(v) ?? 'undefined';
  return [...s].length > 80 ? [...s].slice(0, 77).join('') + '…' : s;
}

const keyPath = (path, key) => {
  const plain = /^[A-Za-z0-9_]+$/.test(key);
  if (plain) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
};
const at = (path) => path || '(root)';
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function ids(items) {
  const list = items.map((v) => (isObj(v) && typeof v.id === 'string' ? v.id : null));
  if (list.some((x) => x === null) || new Set(list).size !== list.length) return null;
  return list;
}

function walk(path, want, got, out) {
  if (isObj(want) && isObj(got)) {
    for (const [k, wv] of Object.entries(want)) {
      if (k in got) walk(keyPath(path, k), wv, got[k], out);
      else out.push(`${keyPath(path, k)}: removed (was ${short(wv)})`);
    }
    for (const [k, gv] of Object.entries(got)) if (!(k in want)) out.push(`${keyPath(path, k)}: added ${short(gv)}`);
    return;
  }
  if (Array.isArray(want) && Array.isArray(got)) {
    const wi = ids(want);
    const gi = ids(got);
    if (wi && gi && want.length && got.length) {
      wi.forEach((id, i) => { if (!gi.includes(id)) out.push(`${at(path)}[${i}]: removed ${short(want[i])}`); });
      gi.forEach((id, j) => {
        const i = wi.indexOf(id);
        if (i >= 0) walk(`${path}[${j}]`, want[i], got[j], out);
        else out.push(`${path}[${j}]: added ${short(got[j])}`);
      });
      const cw = wi.filter((x) => gi.includes(x));
      const cg = gi.filter((x) => wi.includes(x));
      if (JSON.stringify(cw) !== JSON.stringify(cg)) out.push(`${at(path)}: order changed, ids now ${short(gi)}`);
      return;
    }
    for (let i = 0; i < Math.max(want.length, got.length); i++) {
      if (i < want.length && i < got.length) walk(`${path}[${i}]`, want[i], got[i], out);
      else if (i < want.length) out.push(`${path}[${i}]: removed ${short(want[i])}`);
      else out.push(`${path}[${i}]: added ${short(got[i])}`);
    }
    return;
  }
  if (!Object.is(want, got) && !(typeof want === 'number' && want === got)) out.push(`${at(path)}: ${short(want)} → ${short(got)}`);
}

/** The lines that turn `want` (the golden) into `got` (the report now), at most `limit` of them. */
export function diff(want, got, limit = 40) {
  const out = [];
  walk('', want, got, out);
  if (out.length > limit) {
    const more = out.length - limit;
    out.length = limit;
    out.push(`… and ${more} more`);
  }
  return out;
}
