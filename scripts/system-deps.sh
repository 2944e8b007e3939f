#!/usr/bin/env bash
# Debian packages the test suite needs: PostgreSQL server binaries (initdb, pg_ctl) and Chromium for
# the browser tests. Installs only what is missing; needs root (as on these machines) when it must install.
set -euo pipefail
missing=()
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! id postgres >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# JavaScript for the browser tests (axe-core), vendored from npm into vendor/node (git-ignored).
if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends npm >/dev/null || true
fi
"$(dirname "$0")/vendor-js.sh"
