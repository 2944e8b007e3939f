#!/usr/bin/env bash
# Install everything the tests need (requirements.txt, then the test tools of requirements-dev.txt) and run the whole suite on a PostgreSQL server the run starts itself.
#   scripts/test.sh [PYTEST_ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/setup.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
mkdir -p test-artifacts
exec .venv/bin/python -m pytest "$@"
