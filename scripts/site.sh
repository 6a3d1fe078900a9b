#!/usr/bin/env bash
# Assembles the static site into target/site: www/ plus the release pkg/, the vendored chart.js
# (from node_modules: the page loads nothing from outside its own origin) and sample assessments.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# RENKEI_SITE_NO_BUILD=1 assembles from the pkg/ already there (e.g. while src/ is mid-edit).
if [ -z "${RENKEI_SITE_NO_BUILD:-}" ] || [ ! -f pkg/renkei_bg.wasm ]; then
  bash scripts/build.sh
fi
CHART=node_modules/chart.js
if [ ! -f "$CHART/dist/chart.umd.min.js" ]; then
  echo "[site] $CHART is missing: run bash scripts/setup.sh (npm ci) first" >&2
  exit 1
fi
rm -rf target/site
mkdir -p target/site/pkg target/site/samples target/site/vendor/chart.js
cp -r www/. target/site/
# Both engines: renkei_page.js (no pack compiler) is what the page loads; renkei.js (the full one)
# the pack worker, the editor and a page given a pack (www/js/engine.js).
cp pkg/renkei.js pkg/renkei_bg.wasm pkg/renkei.d.ts pkg/renkei_page.js pkg/renkei_page_bg.wasm pkg/renkei_page.d.ts target/site/pkg/
# The UMD build is one self-contained file; imported as a module it sets globalThis.Chart.
# Its sourceMappingURL comment is dropped so that devtools never asks for a file we do not ship.
sed '/^\/\/# sourceMappingURL=/d' "$CHART/dist/chart.umd.min.js" > target/site/vendor/chart.js/chart.umd.min.js
cp "$CHART/LICENSE.md" target/site/vendor/chart.js/LICENSE.md
node -e 'process.stdout.write(require("./node_modules/chart.js/package.json").version + "\n")' > target/site/vendor/chart.js/VERSION
# The hand-written cases (those with a provenance; not the generated empty and mature ones).
for f in tests/cases/*/assessment.json; do
  if grep -q '"provenance"' "$f"; then cp "$f" "target/site/samples/$(basename "$(dirname "$f")").json"; fi
done
# samples/index.json: [{ id, name, prefecture, fiscalYear, itemSet, provenance }] for the page's sample menu.
node -e '
  const fs = require("fs"), dir = "target/site/samples/";
  const list = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => {
    const a = JSON.parse(fs.readFileSync(dir + f, "utf8"));
    return { id: f.slice(0, -5), name: a.municipality?.name ?? "", prefecture: a.municipality?.prefecture ?? "",
             fiscalYear: a.fiscalYear ?? null, itemSet: a.itemSet ?? "full", provenance: a.provenance ?? "" };
  });
  fs.writeFileSync(dir + "index.json", JSON.stringify(list, null, 1) + "\n");'
# The editor's libraries (CodeMirror, toml-eslint-parser; by name from node_modules) and the
# default pack as a bundle (the editor opens it; the wasm holds the pack compiled, not its text).
mkdir -p target/site/vendor/editor target/site/packs
node scripts/bundle.mjs editor-libs target/site/vendor/editor/libs.js
node scripts/bundle.mjs default-pack target/site/packs/default.bundle.json
# The single self-contained file (JS, CSS, .wasm, chart.js, the samples, the blank questionnaire
# inside; opens from file://): the file a prefecture hands to its municipalities.
node scripts/bundle.mjs single target/site target/site/renkei.html
# The editor as one file (for a prefecture's PC that may only open files): it carries
# renkei.html inside, to publish it with the edited pack built in.
node scripts/bundle.mjs editor target/site target/site/renkei-editor.html
# The service worker's list of files and its version (a hash of their contents).
node -e '
  const fs = require("fs"), path = require("path"), crypto = require("crypto"), dir = "target/site/";
  const files = [];
  const walk = (d) => { for (const e of fs.readdirSync(dir + d, { withFileTypes: true })) {
    const p = d + e.name;
    if (e.isDirectory()) { if (p !== "embed") walk(p + "/"); }
    else if (!["sw.js", "renkei.html", "renkei-editor.html", ".assembled"].includes(p) && !p.endsWith(".d.ts")) files.push(p);
  } };
  walk("");
  files.sort();
  const h = crypto.createHash("sha256");
  for (const f of files) h.update(f).update(fs.readFileSync(dir + f));
  const sw = fs.readFileSync(dir + "sw.js", "utf8")
    .replace("/* FILES */ []", JSON.stringify(files))
    .replace("/* VERSION */ \x27dev\x27", JSON.stringify(h.digest("hex").slice(0, 16)));
  if (sw.includes("/* FILES */")) throw new Error("sw.js: no FILES placeholder filled");
  fs.writeFileSync(dir + "sw.js", sw);'
echo "[site] target/site assembled" >&2
