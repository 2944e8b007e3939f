#!/usr/bin/env bash
# Create .venv (if missing) and install the pinned runtime requirements. Used by run.sh, test.sh and .ci/run
# (test.sh then adds the test tools of requirements-dev.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
