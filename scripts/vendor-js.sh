#!/usr/bin/env bash
# Vendor the browser tests' JavaScript from npm into vendor/node (git-ignored, never committed):
# axe-core, the accessibility checker the browser tests inject into each page. Idempotent; needs npm
# (Debian's `npm` package) and the npm registry only when the file is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
AXE_VERSION=4.10.3
if [ ! -f vendor/node/node_modules/axe-core/axe.min.js ] || \
   ! grep -q "\"version\": \"$AXE_VERSION\"" vendor/node/node_modules/axe-core/package.json; then
  command -v npm >/dev/null 2>&1 || { echo "npm is missing: apt-get install npm" >&2; exit 1; }
  mkdir -p vendor/node
  npm install --prefix vendor/node --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi
