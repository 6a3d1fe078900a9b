#!/usr/bin/env bash
# The README's first command: installs what is missing, builds pkg/ from the current sources,
# and serves the self-assessment page on http://localhost:${PORT:-8080}/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/site.sh
exec node scripts/serve.mjs target/site "${PORT:-8080}"
