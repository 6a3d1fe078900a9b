#!/usr/bin/env bash
# Assembles the static site into target/site: www/ plus the release pkg/ and sample assessments.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/build.sh
rm -rf target/site
mkdir -p target/site/pkg target/site/samples
cp -r www/. target/site/
cp pkg/renkei.js pkg/renkei_bg.wasm pkg/renkei.d.ts target/site/pkg/
cp tests/fixtures/*.json target/site/samples/
(cd target/site/samples && ls *.json | sed 's/\.json$//' | python3 -c 'import json,sys; print(json.dumps([l.strip() for l in sys.stdin if l.strip()]))' > index.json)
