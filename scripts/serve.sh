#!/usr/bin/env bash
# The README's first command: installs what is missing, builds pkg/ from the current sources,
# and serves the self-assessment page on http://localhost:${PORT:-8080}/ (it also says where the
# single file is, target/site/renkei.html).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/site.sh
echo "renkei: the single file to hand out (opens by double-click, no server): $ROOT/target/site/renkei.html" >&2
exec node scripts/serve.mjs target/site "${PORT:-8080}"
