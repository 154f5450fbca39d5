#!/usr/bin/env bash
# Shared by the bench scripts: publish once, one database at a time, wrk lines as ratios to GET /health.
#   source bench/lib.sh; bench_init "$@"; for db in "${databases[@]}"; do bench_database "$db"; ...; bench_table "$db" "title"; bench_done_database; done
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
seconds=${BENCH_SECONDS:-15}
connections=${BENCH_CONNECTIONS:-32}
databases=(sqlite postgres)
server_pid=""
pg_db=""
rows=""

bench_init() {
  case "${1:-}" in
    "") ;;
    --sqlite-only|--sqlite) databases=(sqlite) ;;
    --postgres-only|--postgres) databases=(postgres) ;;
    *) echo "usage: bash $0 [--sqlite-only|--postgres-only]" >&2; exit 2 ;;
  esac
  command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  # BENCH_PUBLISH=<folder>: a Release publish made earlier from the same tree (a loaded machine spends minutes compiling).
  if [ -n "${BENCH_PUBLISH:-}" ]; then publish=$BENCH_PUBLISH; else
    publish=$(mktemp -d)
    dotnet publish src/Afya.Api -c Release -o "$publish" --nologo -v quiet >/dev/null
  fi
  mkdir -p bench/results
  trap bench_cleanup EXIT
}

bench_cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$pg_db" ] && su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $pg_db WITH (FORCE)'" >/dev/null 2>&1 || true
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# bench_database <sqlite|postgres>: a fresh data folder (and PostgreSQL database) with generated secrets.
bench_database() {
  data=$(mktemp -d)
  rows=""
  export AFYA_DATA_DIR=$data ASPNETCORE_ENVIRONMENT=Production
  export JWT_SECRET=$(head -c 32 /dev/urandom | base64) SECRET_KEY=$(head -c 32 /dev/urandom | base64)
  export AADHAR_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) Care__DocumentKey=$(head -c 32 /dev/urandom | base64)
  export Logging__LogLevel__Default=Warning
  export Lockout__MaxFailedAttempts=1000000 Outbox__WorkerEnabled=false RateLimits__Enabled=false
  unset DATABASE_URL
  if [ "$1" = postgres ]; then
    pg_db="afya_bench_$$"
    su postgres -c "psql -q -c 'CREATE DATABASE $pg_db'"
    # The service and PostgreSQL share this machine: TLS over the loopback socket (Npgsql's default "prefer", and
    # Debian's server offers it) only cost both sides CPU. BENCH_PG_SSLMODE=prefer measures with it, as runs before
    # 2026-12-07 did.
    export DATABASE_URL="postgres://postgres:postgres@127.0.0.1:5432/$pg_db?sslmode=${BENCH_PG_SSLMODE:-disable}"
  fi
}

# bench_start [VAR=value ...]: (re)starts the service on a free port with extra settings; sets $base.
bench_start() {
  bench_stop
  local port; port=$(free_port)
  # One log line per request would measure the console, not the service.
  env "ASPNETCORE_URLS=http://127.0.0.1:$port" "Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning" "$@" \
    dotnet "$publish/afya.dll" >>"$data/server.log" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port"
  # Polled for up to 5 minutes: a loaded machine starts the service slowly (60 s was not enough at load 60).
  for _ in $(seq 1 300); do curl -fs "$base/health" >/dev/null 2>&1 && break; kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
  curl -fs "$base/health" >/dev/null
  # A fresh process runs its first seconds on unoptimised code (tiered JIT): /health measured then is the base of
  # every ratio, so the pipeline is warmed first.
  wrk -t2 -c"$connections" -d3s "$base/health" >/dev/null 2>&1
}

# bench_health_again: /health once more after the script's lines (see bench_table).
bench_health_again() {
  measure "GET /health (again, after the lines)" "$base/health"
}

bench_stop() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
}

# bench_user: registers a fresh user; sets BENCH_EMAIL, BENCH_PASSWORD and $access.
bench_user() {
  export BENCH_EMAIL="bench-$RANDOM$RANDOM@example.com" BENCH_PASSWORD="bench-pass-123"
  access=$(curl -fs -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\": \"$BENCH_EMAIL\", \"password\": \"$BENCH_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')
}

# measure <label> <wrk args...>: one wrk run; appends "label|req/s|p99 ms|extra" to $rows.
# MEASURE_THREADS/MEASURE_CONNECTIONS override wrk's -t/-c for one line; MEASURE_EXTRA adds a note column.
measure() {
  local label=$1; shift
  # Each line's code path runs unoptimised for its first second or two (tiered JIT): 2 s unmeasured first
  # (MEASURE_WARMUP=0 for a line whose leftover work would spill into the next, such as login's hashes).
  [ "${MEASURE_WARMUP:-2}" -gt 0 ] && wrk -t"${MEASURE_THREADS:-2}" -c"${MEASURE_CONNECTIONS:-$connections}" -d"${MEASURE_WARMUP:-2}s" "$@" >/dev/null 2>&1
  local cpu_before; cpu_before=$(server_cpu_ticks)
  local out; out=$(wrk -t"${MEASURE_THREADS:-2}" -c"${MEASURE_CONNECTIONS:-$connections}" -d"${seconds}s" --latency "$@")
  local cpu_after; cpu_after=$(server_cpu_ticks)
  # The service's own CPU time (user + system, /proc) over the requests wrk completed: unlike req/s, barely moved by
  # other work on a shared machine.
  local requests; requests=$(echo "$out" | awk '/requests in/ {print $1}')
  local cpu_ms; cpu_ms=$(python3 -c "import sys; b, a, n, hz = map(int, sys.argv[1:]); print(round((a - b) * 1000 / hz / n, 3) if n > 0 and b >= 0 else '')" \
    "$cpu_before" "$cpu_after" "${requests:-0}" "$(getconf CLK_TCK)")
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local p99; p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  local ms; ms=$(python3 -c "import sys,re; v=sys.argv[1]; m=re.match(r'([0-9.]+)(us|ms|s)', v); n=float(m.group(1)); print(round({'us': n/1000, 'ms': n, 's': n*1000}[m.group(2)], 2))" "$p99")
  local errors; errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  [ -n "$errors" ] && echo "  warning: $label had $errors non-2xx answers" >&2
  # A wrk script may print "note: ..." from its done(); it fills the note column unless MEASURE_EXTRA is set.
  local extra=${MEASURE_EXTRA:-$(echo "$out" | sed -n 's/^note: //p' | tail -n 1)}
  rows+="$label|$rps|$ms|$extra|$cpu_ms"$'\n'
  echo "  $label: $rps req/s, p99 $ms ms, server CPU $cpu_ms ms/request $extra" >&2
}

# utime + stime of the running service in clock ticks (-1 when it is not running).
server_cpu_ticks() {
  if [ -n "$server_pid" ] && [ -r "/proc/$server_pid/stat" ]; then
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$server_pid/stat"
  else echo -1; fi
}

# bench_table <db> <title> <file stem>: the rows so far as a markdown table, GET /health as the base. A script may
# measure /health again at the end (bench_health_again): the faster of its lines is the base, since a /health measured
# while the database still settled after seeding ran slower and inflated every ratio (docs/PERFORMANCE.md, 2026-12-07).
bench_table() {
  local table; table=$(python3 - "$1" "$2" "$rows" <<'PY'
import sys
db, title, rows = sys.argv[1], sys.argv[2], [r.split('|') for r in sys.argv[3].strip().split('\n')]
health = [r for r in rows if r[0].startswith("GET /health")] or rows[:1]
base = max(health, key=lambda r: float(r[1]))
base_rps, base_p99 = float(base[1]), float(base[2])
print(f"### {db} ({title})\n")
if len(health) > 1:
    print(f"Base of the ratios: {base[0]} ({base_rps:,.0f} req/s); the /health lines ran {', '.join(f'{float(r[1]):,.0f}' for r in health)} req/s.\n")
print("| endpoint | requests/s | p99 ms | req/s vs /health | p99 vs /health | server CPU ms/request | note |")
print("|---|---:|---:|---:|---:|---:|---|")
for label, rps, p99, extra, *rest in rows:
    cpu = rest[0] if rest else ""
    print(f"| {label} | {float(rps):,.0f} | {float(p99):.2f} | {float(rps)/base_rps:.3f} | {float(p99)/base_p99:.1f}x | {cpu} | {extra} |")
PY
)
  echo "$table" | tee "bench/results/$3-$1.md"
}

bench_done_database() {
  bench_stop
  if [ -n "$pg_db" ]; then su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $pg_db WITH (FORCE)'"; pg_db=""; fi
  rm -rf "$data"
}
