#!/usr/bin/env bash
# Two Release publishes of the service side by side, each on its own database with a user of 50 patients, measured in
# alternating rounds (wrk -t2 -c16): the Healthcare Backend's patient list and GET /health, as the service's own CPU per
# request (/proc). On a shared machine both builds see the same neighbours, which req/s and ratios do not survive.
#   bash bench/care-ab.sh <before publish> <after publish> [sqlite|postgres] [rounds, 4] [seconds, 4]
# AB_AFTER_PG_SQL="ALTER DATABASE :db SET ..." runs on the after build's PostgreSQL database before it starts (:db is its
# name), to measure a database setting with the same build on both sides.
# AB_PATH measures another signed-in GET in place of the list (e.g. /api/v1/auth/me); the user still has the 50 patients.
# AB_ALSO adds more signed-in GETs to every round (e.g. "/api/v1/auth/me /api/doctors/1"), for a change that must not hurt them.
# AB_AFTER_ENV="DOTNET_gcServer=0 ..." starts the after build with those variables (last, so they win; :db is its
# PostgreSQL database's name), to measure a runtime or connection setting on one build.
# AB_ENV="Catalog__CacheSeconds=0 ..." starts both builds with those variables; AB_SEED=1 loads the sample shop first
# (`afya seed`), so AB_ALSO=/api/v1/products/ has products to list.
# Read the rounds after the first (JIT warm-up). AB_CONNECTIONS / AB_THREADS change wrk's 16 / 2. Needs wrk, and root for `su postgres` on PostgreSQL.
set -uo pipefail
before_publish=$1; after_publish=$2; db=${3:-sqlite}; rounds=${4:-4}; secs=${5:-4}
declare -A pid base tok data pgdb
hz=$(getconf CLK_TCK)
start() {
  local name=$1 pub=$2
  data[$name]=$(mktemp -d)
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local extra=()
  if [ "$db" = postgres ]; then
    pgdb[$name]="afya_bench_ab_${name}_$$"
    su postgres -c "psql -q -c 'CREATE DATABASE ${pgdb[$name]}'"
    if [ "$name" = after ] && [ -n "${AB_AFTER_PG_SQL:-}" ]; then su postgres -c "psql -q -c \"${AB_AFTER_PG_SQL//:db/${pgdb[$name]}}\""; fi
    extra=("DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/${pgdb[$name]}?sslmode=disable")
  fi
  local settings=()
  if [ "$name" = after ] && [ -n "${AB_AFTER_ENV:-}" ]; then read -ra settings <<< "${AB_AFTER_ENV//:db/${pgdb[$name]:-}}"; fi
  local both=()
  if [ -n "${AB_ENV:-}" ]; then read -ra both <<< "$AB_ENV"; fi
  local common=(AFYA_DATA_DIR=${data[$name]} ASPNETCORE_ENVIRONMENT=Production JWT_SECRET=$(head -c 32 /dev/urandom | base64) SECRET_KEY=$(head -c 32 /dev/urandom | base64)
    AADHAR_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) Care__DocumentKey=$(head -c 32 /dev/urandom | base64) Logging__LogLevel__Default=Warning
    Lockout__MaxFailedAttempts=1000000 Outbox__WorkerEnabled=false RateLimits__Enabled=false "${extra[@]}")
  if [ -n "${AB_SEED:-}" ]; then env -u DATABASE_URL "${common[@]}" dotnet "$pub/afya.dll" seed >/dev/null; fi
  env -u DATABASE_URL "${both[@]}" "${common[@]}" "${settings[@]}" ASPNETCORE_URLS=http://127.0.0.1:$port \
    "Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning" dotnet "$pub/afya.dll" >${data[$name]}/server.log 2>&1 &
  pid[$name]=$!
  base[$name]=http://127.0.0.1:$port
  for _ in $(seq 1 300); do curl -fs "${base[$name]}/health" >/dev/null 2>&1 && break; sleep 1; done
  local email="ab-$RANDOM$RANDOM@example.com"
  tok[$name]=$(curl -fs -X POST "${base[$name]}/api/v1/auth/register" -H 'content-type: application/json' -d "{\"email\": \"$email\", \"password\": \"bench-pass-123\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
  for i in $(seq 1 50); do
    curl -fs -X POST "${base[$name]}/api/patients/" -H "Authorization: Bearer ${tok[$name]}" -H 'content-type: application/json' \
      -d "{\"name\": \"Bench Patient $i\", \"age\": $((20 + i)), \"gender\": \"Other\"}" >/dev/null
  done
  # One doctor (number 1 in a fresh database), for AB_ALSO=/api/doctors/1/ as bench/care.sh reads it.
  curl -fs -X POST "${base[$name]}/api/doctors/" -H "Authorization: Bearer ${tok[$name]}" -H 'content-type: application/json' \
    -d '{"name": "Dr. Bench", "specialization": "Cardiology", "experience": 10}' >/dev/null
  wrk -t2 -c16 -d3s -H "Authorization: Bearer ${tok[$name]}" "${base[$name]}/api/patients/" >/dev/null
  wrk -t2 -c16 -d2s "${base[$name]}/health" >/dev/null
}
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' /proc/$1/stat; }
# On PostgreSQL the database's backends (the list's read and the audit commit run there) are counted too, as pg_ms:
# each backend's own change over the round, listed at its start and again at its end (one that connected meanwhile
# counts from zero). A backend that exited during the round took its CPU with it: `gone` says how many did.
backends() { su postgres -c "psql -Atq -c \"SELECT pid FROM pg_stat_activity WHERE datname = '$1'\"" 2>/dev/null; }
pg_snapshot() { local p; for p in $(backends "$1"); do [ -r /proc/$p/stat ] && echo "$p:$(ticks $p)"; done; }
run() { # name url label [auth]
  local name=$1 url=$2 label=$3; shift 3
  local pg_before="" pg_after=""
  if [ "$db" = postgres ]; then pg_before=$(pg_snapshot ${pgdb[$name]}); fi
  local b; b=$(ticks ${pid[$name]})
  local out; out=$(wrk -t${AB_THREADS:-2} -c${AB_CONNECTIONS:-16} -d${secs}s --latency "$@" "$url")
  local a; a=$(ticks ${pid[$name]})
  if [ "$db" = postgres ]; then pg_after=$(pg_snapshot ${pgdb[$name]}); fi
  local n; n=$(echo "$out" | awk '/requests in/ {print $1}')
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  PG_BEFORE="$pg_before" PG_AFTER="$pg_after" python3 -c "
import os, sys
b, a, n, hz = map(int, sys.argv[1:5])
snap = lambda v: dict(map(int, x.split(':')) for x in os.environ[v].split())
before, after = snap('PG_BEFORE'), snap('PG_AFTER')
pg = sum(t - before.get(p, 0) for p, t in after.items()) * 1000 / hz / n
gone = len(set(before) - set(after))
print(f'{sys.argv[5]:7s} {sys.argv[6]:8s} cpu_ms={(a-b)*1000/hz/n:.3f} pg_ms={pg:.3f} gone={gone} rps={sys.argv[7]} load={open(\"/proc/loadavg\").read().split()[0]}')" $b $a $n $hz $name "$label" $rps
}
start before "$before_publish"
start after "$after_publish"
for r in $(seq 1 $rounds); do
  for name in before after; do
    run $name "${base[$name]}${AB_PATH:-/api/patients/}" list -H "Authorization: Bearer ${tok[$name]}"
    for also in ${AB_ALSO:-}; do run $name "${base[$name]}$also" "$also" -H "Authorization: Bearer ${tok[$name]}"; done
    run $name "${base[$name]}/health" health
  done
done
for name in before after; do kill ${pid[$name]}; wait ${pid[$name]} 2>/dev/null; rm -rf ${data[$name]}; [ "$db" = postgres ] && su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS ${pgdb[$name]} WITH (FORCE)'"; done
