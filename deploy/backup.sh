#!/usr/bin/env bash
# Back up the Monitor Timeline database: one pg_dump custom-format file (compressed, restorable table by
# table, consistent: pg_dump reads one snapshot while the site keeps serving and writing).
#
#   deploy/backup.sh [DEST_DIR]        # DEST_DIR default: $BACKUP_DIR or /var/backups/monitor-timeline
#
# DATABASE_URL (postgres://user:pass@host:port/name) names the database, as for the app. Writes
# monitor-YYYYmmddTHHMMSSZ.dump (first as .partial, renamed when pg_dump succeeded, so a file without
# .partial is always complete), checks it with `pg_restore --list`, and deletes dumps older than
# BACKUP_KEEP_DAYS (default 14). Prints the file's path. deploy/monitor-backup.timer runs it nightly.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must name the database (postgres://...)}"
dest=${1:-${BACKUP_DIR:-/var/backups/monitor-timeline}}
keep=${BACKUP_KEEP_DAYS:-14}
PG_BIN=${PG_BIN:-}
mkdir -p "$dest"
umask 077
file="$dest/monitor-$(date -u +%Y%m%dT%H%M%SZ).dump"
"${PG_BIN:+$PG_BIN/}pg_dump" --format=custom --compress=6 --no-owner --no-privileges \
  --file="$file.partial" --dbname="$DATABASE_URL"
"${PG_BIN:+$PG_BIN/}pg_restore" --list "$file.partial" >/dev/null
mv "$file.partial" "$file"
find "$dest" -maxdepth 1 -name 'monitor-*.dump' -mtime "+$keep" -delete
echo "$file"
