#!/usr/bin/env bash
# Install, migrate, ingest a corpus, and serve Monitor Timeline on http://127.0.0.1:${PORT:-8000}/
#   scripts/run.sh [CORPUS_FOLDER_OR_FILES...]
# With no argument, ingests ../shared/corpus/monitor when that folder exists.
# Runs with DEBUG on and SQLite unless DATABASE_URL / DEBUG are set: a local, single-user start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DEBUG=${DEBUG:-1}
PORT=${PORT:-8000}
.venv/bin/python manage.py migrate --noinput
if [ "$#" -gt 0 ]; then
  .venv/bin/python manage.py ingest "$@" || echo "Some files could not be ingested (see above); serving the rest."
elif [ -d ../shared/corpus/monitor ]; then
  .venv/bin/python manage.py ingest ../shared/corpus/monitor || echo "Some files could not be ingested (see above); serving the rest."
fi
echo "Monitor Timeline: http://127.0.0.1:${PORT}/"
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
