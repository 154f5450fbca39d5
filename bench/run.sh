#!/usr/bin/env bash
# Load test of a Release build on 127.0.0.1 with wrk, on SQLite and PostgreSQL.
# Every figure is also given as a ratio to GET /health measured in the same run on the same database.
#   bash bench/run.sh                 both databases
#   bash bench/run.sh --sqlite-only   or --postgres-only (also spelled --sqlite, --postgres)
#   BENCH_PRODUCTS=100000 BENCH_SECONDS=15 BENCH_CONNECTIONS=32 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
products=${BENCH_PRODUCTS:-100000}
seconds=${BENCH_SECONDS:-15}
connections=${BENCH_CONNECTIONS:-32}
databases=(sqlite postgres)
case "${1:-}" in
  "") ;;
  --sqlite-only|--sqlite) databases=(sqlite) ;;
  --postgres-only|--postgres) databases=(postgres) ;;
  *) echo "usage: bash bench/run.sh [--sqlite-only|--postgres-only]" >&2; exit 2 ;;
esac

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
publish=$(mktemp -d)
dotnet publish src/Afya.Api -c Release -o "$publish" --nologo -v quiet >/dev/null
mkdir -p bench/results
: >bench/results/latest.md   # every table of this run, one after the other

server_pid=""
pg_db=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$pg_db" ] && su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $pg_db WITH (FORCE)'" >/dev/null 2>&1 || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# measure <label> <wrk args...>: one wrk run; appends "label|req/s|p99 ms" to $rows
measure() {
  local label=$1; shift
  local out; out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local p99; p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  local ms; ms=$(python3 -c "import sys,re; v=sys.argv[1]; m=re.match(r'([0-9.]+)(us|ms|s)', v); n=float(m.group(1)); print(round({'us': n/1000, 'ms': n, 's': n*1000}[m.group(2)], 2))" "$p99")
  local errors; errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  [ -n "$errors" ] && echo "  warning: $label had $errors non-2xx answers" >&2
  rows+="$label|$rps|$ms"$'\n'
  echo "  $label: $rps req/s, p99 $ms ms" >&2
}

for db in "${databases[@]}"; do
  data=$(mktemp -d)
  export AFYA_DATA_DIR=$data ASPNETCORE_ENVIRONMENT=Production
  export JWT_SECRET=$(head -c 32 /dev/urandom | base64) SECRET_KEY=$(head -c 32 /dev/urandom | base64)
  export AADHAR_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) Care__DocumentKey=$(head -c 32 /dev/urandom | base64)
  export Logging__LogLevel__Default=Warning
  export Lockout__MaxFailedAttempts=1000000 Outbox__WorkerEnabled=false RateLimits__Enabled=false
  unset DATABASE_URL
  if [ "$db" = postgres ]; then
    pg_db="afya_bench_$$"
    su postgres -c "psql -q -c 'CREATE DATABASE $pg_db'"
    export DATABASE_URL="postgres://postgres:postgres@127.0.0.1:5432/$pg_db"
  fi

  echo "== $db: seeding $products products" >&2
  dotnet "$publish/afya.dll" seed >/dev/null
  start=$(date +%s)
  seeded=$(dotnet "$publish/afya.dll" bench-seed --products "$products" | grep -o 'bench-[0-9]*' | tail -n 1)
  seed_seconds=$(( $(date +%s) - start ))
  echo "   seeded in ${seed_seconds}s (category $seeded)" >&2

  port=$(free_port)
  # One log line per request would measure the console, not the service.
  env "ASPNETCORE_URLS=http://127.0.0.1:$port" "Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning" \
    dotnet "$publish/afya.dll" >"$data/server.log" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "$base/health" >/dev/null

  export BENCH_EMAIL="bench-$RANDOM$RANDOM@example.com" BENCH_PASSWORD="bench-pass-123"
  access=$(curl -fs -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\": \"$BENCH_EMAIL\", \"password\": \"$BENCH_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
  slug=$(curl -fs "$base/api/v1/products/?category=$seeded&page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["slug"])')
  search="/api/v1/products/?search=pro+monitor&category=$seeded&min_price=1000&ordering=-price"
  curl -fs "$base$search" >/dev/null

  rows=""
  measure "GET /health" "$base/health"
  measure "POST /api/v1/auth/login" -s bench/login.lua "$base/api/v1/auth/login"
  measure "GET /api/v1/auth/me" -H "Authorization: Bearer $access" "$base/api/v1/auth/me"
  measure "GET /api/v1/products/ (page 1)" "$base/api/v1/products/"
  measure "GET products, search + category + price + ordering" "$base$search"
  measure "GET /api/v1/products/{slug}/ (detail)" "$base/api/v1/products/$slug/"

  # The Healthcare Backend's reads: a user with 50 patients lists them (bare array, unpaged); a doctor by id.
  for i in $(seq 1 50); do
    curl -fs -X POST "$base/api/patients/" -H "Authorization: Bearer $access" -H 'content-type: application/json' \
      -d "{\"name\": \"Bench Patient $i\", \"age\": $((20 + i)), \"gender\": \"Other\"}" >/dev/null
  done
  doctor=$(curl -fs -X POST "$base/api/doctors/" -H "Authorization: Bearer $access" -H 'content-type: application/json' \
    -d '{"name": "Dr. Bench", "specialization": "Cardiology", "experience": 10}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  measure "GET /api/patients/ (50 patients)" -H "Authorization: Bearer $access" "$base/api/patients/"
  measure "GET /api/doctors/{id}/" -H "Authorization: Bearer $access" "$base/api/doctors/$doctor/"

  # The same catalog reads with the read cache off: what each database costs per request.
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  port=$(free_port)
  env "ASPNETCORE_URLS=http://127.0.0.1:$port" "Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning" Catalog__CacheSeconds=0 \
    dotnet "$publish/afya.dll" >>"$data/server.log" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 1; done
  measure "GET /api/v1/products/ (page 1), no cache" "$base/api/v1/products/"
  measure "GET products, search + filters, no cache" "$base$search"
  measure "GET /api/v1/products/{slug}/, no cache" "$base/api/v1/products/$slug/"
  measure "GET products, pages 1-200, no cache" -s bench/pages.lua "$base"

  table=$(python3 - "$db" "$products" "$rows" <<'PY'
import sys
db, products, rows = sys.argv[1], sys.argv[2], [r.split('|') for r in sys.argv[3].strip().split('\n')]
base_rps, base_p99 = float(rows[0][1]), float(rows[0][2])
print(f"### {db} ({int(products):,} products)\n")
print("| endpoint | requests/s | p99 ms | req/s vs /health | p99 vs /health |")
print("|---|---:|---:|---:|---:|")
for label, rps, p99 in rows:
    print(f"| {label} | {float(rps):,.0f} | {float(p99):.2f} | {float(rps)/base_rps:.3f} | {float(p99)/base_p99:.1f}x |")
PY
)
  echo "$table" | tee "bench/results/latest-$db.md"
  printf '\n(seeded %s products in %ss)\n' "$products" "$seed_seconds" | tee -a "bench/results/latest-$db.md"
  { cat "bench/results/latest-$db.md"; echo; } >>bench/results/latest.md

  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [ "$db" = postgres ]; then su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $pg_db WITH (FORCE)'"; pg_db=""; fi
  rm -rf "$data"
done
