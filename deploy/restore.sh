#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into the database DATABASE_URL names.
#
#   deploy/restore.sh FILE.dump [--replace]
#
# Without --replace the target database must be empty (a fresh `createdb`): the safe way, and what the
# procedure in README "Production" does (restore into a new database, check it, then point the app at it).
# With --replace, existing tables are dropped first (pg_restore --clean --if-exists). Runs as one
# transaction: either everything is restored or nothing changes. Stop the web and worker units first when
# restoring over the live database.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must name the target database (postgres://...)}"
file=${1:?usage: restore.sh FILE.dump [--replace]}
[ -r "$file" ] || { echo "restore.sh: cannot read $file" >&2; exit 2; }
PG_BIN=${PG_BIN:-}
extra=()
if [ "${2:-}" = "--replace" ]; then
  extra=(--clean --if-exists)
elif [ -n "${2:-}" ]; then
  echo "restore.sh: unknown option ${2}" >&2; exit 2
fi
"${PG_BIN:+$PG_BIN/}pg_restore" --list "$file" >/dev/null
"${PG_BIN:+$PG_BIN/}pg_restore" --no-owner --no-privileges --single-transaction --exit-on-error \
  "${extra[@]}" --dbname="$DATABASE_URL" "$file"
echo "restored $file"
