#!/bin/bash
# The load runs of docs/load.md: 8, 32 and 64 users for 60 s, then 32 users through a PostgreSQL restart.
#   DATABASE_URL=postgres://.../bench_scale_1000000 PG_DATA=/path/to/cluster/data scripts/load/run_million.sh
# LOAD_ARGS: more options for every run, e.g. "--shared-page-cache" (the workers share one page cache, as
# deploy/monitor.env.example sets up production).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?the loaded database}" "${PG_DATA:?data folder of the cluster, for the restart run}"
OUT=${OUT:-/tmp/monitor-load}
for u in 8 32 64; do
  uptime
  .venv/bin/python scripts/load_test.py --users "$u" --time 60 --workers 4 ${LOAD_ARGS:-} --out "$OUT-u$u" > "$OUT-u$u.txt" 2>&1
done
uptime
.venv/bin/python scripts/load_test.py --users 32 --time 60 --workers 4 --restart-pg-at 30 --pg-data "$PG_DATA" ${LOAD_ARGS:-} \
  --out "$OUT-restart" > "$OUT-restart.txt" 2>&1
uptime
