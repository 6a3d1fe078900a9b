//! Where a pack's files come from: the standard pack (a bundle beside the page, or inside the
//! single file), a bundle file the user picks or drops, or a pack folder (only the files its
//! manifest names are read). Each gives `{ name, files }`, the files as `{ path: text }`.
import { filesOfBundle } from './engine.js';
import { tomlData } from './toml-edit.js';
import { eboth } from './strings.js';

const block = (id) => document.getElementById(id);

/** The paths a manifest names, in its order (items, scripts, tests, changelog); [] when it does not parse. */
export function manifestPaths(packToml) {
  try {
    const m = tomlData(packToml);
    const list = (k) => (Array.isArray(m[k]) ? m[k].filter((x) => typeof x === 'string') : []);
    return [...list('items'), ...list('scripts'), ...list('tests'), ...(typeof m.changelog === 'string' ? [m.changelog] : [])];
  } catch {
    return null;
  }
}

/** The standard pack's files. */
export async function defaultPack() {
  const el = block('renkei-default-pack');
  let text;
  if (el) {
    text = el.textContent;
  } else {
    const res = await fetch('packs/default.bundle.json');
    if (!res.ok) throw new Error(`packs/default.bundle.json: HTTP ${res.status}`);
    text = await res.text();
  }
  return { name: 'default', files: await filesOfBundle(text) };
}

/** A bundle file's pack (a File from a picker or a drop). */
export async function bundlePackOf(file) {
  if (file.size > 16 * 1024 * 1024) throw new Error(eboth('openFailed') + ` (${file.name}: > 16 MB)`);
  return { name: file.name, files: await filesOfBundle(await file.text()) };
}

/** A pack folder's files (from `<input type=file webkitdirectory>`): pack.toml and what it names. */
export async function folderPack(fileList) {
  const all = [...fileList];
  const manifests = all.filter((f) => /(^|\/)pack\.toml$/.test(f.webkitRelativePath || f.name))
    .sort((a, b) => (a.webkitRelativePath || a.name).split('/').length - (b.webkitRelativePath || b.name).split('/').length);
  if (!manifests.length) throw new Error('このフォルダに pack.toml がありません / the folder has no pack.toml');
  const rel = manifests[0].webkitRelativePath || manifests[0].name;
  const root = rel.slice(0, rel.length - 'pack.toml'.length);
  const byPath = new Map(all.map((f) => [(f.webkitRelativePath || f.name), f]));
  const files = { 'pack.toml': await manifests[0].text() };
  for (const p of manifestPaths(files['pack.toml']) ?? []) {
    const f = byPath.get(root + p);
    if (f && !p.split('/').includes('..')) files[p] = await f.text();
  }
  return { name: root.replace(/\/$/, '') || 'pack', files };
}
