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
cp pkg/renkei.js pkg/renkei_bg.wasm pkg/renkei.d.ts target/site/pkg/
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
echo "[site] target/site assembled" >&2
