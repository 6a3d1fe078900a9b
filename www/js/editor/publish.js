//! Publishing: the edition goes up in pack.toml, the change is written at the top of the pack's
//! changelog (the file the manifest's `changelog` names, CHANGELOG.md unless it names another;
//! covered by the content hash), and the pack becomes one bundle file. The one-file page is the
//! self-check's single file with that bundle in its `renkei-pack` data block, so it starts on it.
import { setValue, tomlData } from './toml-edit.js';
import * as engine from './engine.js';

/** The next edition: "2026" → "2027", "2026.1" → "2026.2", "r7" → "r8", anything else + "-2". */
export function nextEdition(e) {
  const m = /^(.*?)(\d+)$/.exec(e ?? '');
  return m ? `${m[1]}${String(Number(m[2]) + 1).padStart(m[2].length, '0')}` : `${e || '1'}-2`;
}

const HEADER = '# 変更履歴 / Changelog\n';

/** The changelog's text with an entry for `edition` first. */
export function withEntry(old, edition, text, date) {
  const entry = `## ${edition}（${date}）\n\n${text.trim()}\n`;
  if (!old || !old.trim()) return `${HEADER}\n${entry}`;
  const at = old.startsWith('# ') ? old.indexOf('\n') + 1 : 0;
  const rest = old.slice(at).replace(/^\n+/, '');
  return `${old.slice(0, at)}${at ? '\n' : ''}${entry}\n${rest}`;
}

/** The files with the new edition and the changelog entry (the inputs are not changed). */
export function publishedFiles(files, { edition, changelog, date = new Date().toISOString().slice(0, 10) }) {
  const out = { ...files };
  let manifest = setValue(out['pack.toml'], [], ['edition'], edition);
  let name = tomlData(manifest).changelog;
  if (typeof name !== 'string') {
    name = 'CHANGELOG.md';
    manifest = setValue(manifest, [], ['changelog'], name);
  }
  out['pack.toml'] = manifest;
  out[name] = withEntry(out[name], edition, changelog, date);
  return out;
}

/** The bundle's text of the published files; throws a RenkeiError when they do not compile. */
export const bundleText = (files) => engine.bundle(files);

/** Downloads `text` as a file, through a Blob link (nothing leaves the PC). */
export function download(name, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The self-check's single file as text: inside this page (the editor's single file: gzip, base64) or beside it on the site. */
export async function singleTemplate() {
  const el = document.getElementById('renkei-template');
  if (el) {
    const bin = atob(el.textContent.trim());
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }
  const res = await fetch('renkei.html');
  if (!res.ok) throw new Error(`renkei.html: HTTP ${res.status}`);
  return res.text();
}

const PACK_BLOCK = /<script type="application\/json" id="renkei-pack">[\s\S]*?<\/script>/;

/** The single file with this bundle built in. */
export function singleWithPack(template, bundle) {
  if (!PACK_BLOCK.test(template)) throw new Error('renkei.html has no renkei-pack block');
  const data = bundle.replace(/</g, '\\u003c');
  return template.replace(PACK_BLOCK, () => `<script type="application/json" id="renkei-pack">${data}</script>`);
}
