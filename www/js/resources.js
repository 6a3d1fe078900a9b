//! Where the page's bytes come from: the site's own files (fetched from the page's origin), or —
//! in the single-file build (renkei.html, made by scripts/single.mjs) — data blocks inside the
//! page itself (`<script type="application/octet-stream" id="renkei-wasm">` with the .wasm in
//! base64, `<script type="application/json" id="renkei-samples">`). A data block is never run,
//! so the single file needs no fetch and works from file://.

const block = (id) => globalThis.document?.getElementById(id) ?? null;

/** True in the single-file build (everything is inside the page). */
export const isSingleFile = () => block('renkei-wasm') !== null;

/** The .wasm bytes when they are inside the page, else null (init() then fetches them beside renkei.js). */
export function embeddedWasm() {
  const el = block('renkei-wasm');
  if (!el) return null;
  const bin = atob(el.textContent.trim());
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The pack bundle the single file was published with (the editor's "publish the one-file page"
 * fills the `renkei-pack` data block), as JSON text; null when the page uses the pack inside the engine.
 */
export function embeddedPack() {
  const text = block('renkei-pack')?.textContent.trim();
  return text ? text : null;
}

let embeddedSamples;
function samplesBlock() {
  if (embeddedSamples === undefined) {
    const el = block('renkei-samples');
    embeddedSamples = el ? JSON.parse(el.textContent) : null;
  }
  return embeddedSamples;
}

/** The sample menu: [{ id, name, prefecture, fiscalYear, itemSet, provenance }] (throws when there is none). */
export async function sampleList() {
  const s = samplesBlock();
  if (s) return s.index;
  const res = await fetch('samples/index.json');
  if (!res.ok) throw new Error(`samples/index.json: HTTP ${res.status}`);
  return res.json();
}

/** The text of one sample assessment file. */
export async function sampleText(id) {
  const s = samplesBlock();
  if (s) {
    if (!(id in s.files)) throw new Error(`${id}: no such sample`);
    return s.files[id];
  }
  const res = await fetch(`samples/${encodeURIComponent(id)}.json`);
  if (!res.ok) throw new Error(`samples/${id}.json: HTTP ${res.status}`);
  return res.text();
}
