#!/usr/bin/env bash
# The Healthcare Backend's reads alone, without the 100,000 products of run.sh: a user's list of 50 patients (bare array,
# unpaged, audited) and a doctor by number, each as a ratio to GET /health in the same run on the same database.
#   bash bench/care.sh [--sqlite-only|--postgres-only]      BENCH_SECONDS=5 for shorter lines
# The same two lines are in bench/run.sh; this script is for before/after runs of a change to them.
# Ten seconds of warm-up per line, not lib.sh's two: this script starts a fresh process per database and measures the
# list second, while the JIT is still compiling its hot paths (PostgreSQL's list cost 0.535 ms of CPU after 2 s and
# 0.235 ms after 10 s on the same build, 2026-12-07; run.sh, which measures it after nine other lines, 0.272 ms).
export MEASURE_WARMUP=${MEASURE_WARMUP:-10}
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/care.md

for db in "${databases[@]}"; do
  bench_database "$db"
  bench_start
  echo "== $db" >&2
  bench_user
  for i in $(seq 1 50); do
    curl -fs -X POST "$base/api/patients/" -H "Authorization: Bearer $access" -H 'content-type: application/json' \
      -d "{\"name\": \"Bench Patient $i\", \"age\": $((20 + i)), \"gender\": \"Other\"}" >/dev/null
  done
  doctor=$(curl -fs -X POST "$base/api/doctors/" -H "Authorization: Bearer $access" -H 'content-type: application/json' \
    -d '{"name": "Dr. Bench", "specialization": "Cardiology", "experience": 10}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

  measure "GET /health" "$base/health"
  measure "GET /api/patients/ (50 patients)" -H "Authorization: Bearer $access" "$base/api/patients/"
  measure "GET /api/doctors/{id}/" -H "Authorization: Bearer $access" "$base/api/doctors/$doctor/"
  MEASURE_CONNECTIONS=1 MEASURE_THREADS=1 MEASURE_EXTRA="1 connection" \
    measure "GET /api/patients/ (50 patients), 1 connection" -H "Authorization: Bearer $access" "$base/api/patients/"

  bench_table "$db" "Healthcare Backend reads, 50 patients" care
  { cat "bench/results/care-$db.md"; echo; } >>bench/results/care.md
  bench_done_database
done
