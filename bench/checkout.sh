#!/usr/bin/env bash
# Checkout alone on PostgreSQL: bench/orders.sh's wrk line (each client alternates POST cart and POST orders, cash on
# delivery; two requests make one order) without its M-Pesa runs, repeated BENCH_RUNS times on one service, with the CPU
# of the bench database's PostgreSQL backends beside the service's (both per request; the WAL writer and the commit's
# fsync are not counted). For before/after comparisons on a shared machine: alternate two publishes, compare CPU.
#   BENCH_PUBLISH=/tmp/x BENCH_SECONDS=10 BENCH_RUNS=2 bash bench/checkout.sh
clients=${BENCH_CLIENTS:-8}
source "$(dirname "$0")/lib.sh"
bench_init --postgres-only

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -fsS -X POST "$base$1" -H 'content-type: application/json' -H "Authorization: Bearer $2" -d "$3"; }
# utime + stime, in clock ticks, of every backend connected to the bench database, one "pid ticks" line each.
backend_ticks() {
  for pid in $(su postgres -c "psql -Atq -c \"SELECT pid FROM pg_stat_activity WHERE datname = '$pg_db'\""); do
    [ -r "/proc/$pid/stat" ] && echo "$pid $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")"
  done
}

bench_database postgres
bench_start
admin_email="bench-admin-$RANDOM@example.com"
dotnet "$publish/afya.dll" create-admin --email "$admin_email" --password "bench-admin-pass-1" >/dev/null
admin=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\": \"$admin_email\", \"password\": \"bench-admin-pass-1\"}" | json '["access"]')
category=$(post /api/v1/admin/categories "$admin" "{\"name\": \"Bench checkout $RANDOM\"}" | json '["id"]')
tokens="" products=""
for i in $(seq 1 "$clients"); do
  products+=$(post /api/v1/admin/products "$admin" "{\"name\": \"Bench item $i $RANDOM\", \"description\": \"Bench\", \"category_id\": $category, \"price\": 250, \"stock_quantity\": 1000000}" | json '["id"]'),
  bench_user
  tokens+="$access,"
done
export BENCH_TOKENS=$tokens BENCH_PRODUCTS=$products
wrk -t"$clients" -c"$clients" -d3s -s bench/orders.lua "$base" >/dev/null 2>&1
for run in $(seq 1 "${BENCH_RUNS:-1}"); do
  pg_before=$(backend_ticks); cpu_before=$(server_cpu_ticks)
  out=$(wrk -t"$clients" -c"$clients" -d"${seconds}s" -s bench/orders.lua "$base")
  cpu_after=$(server_cpu_ticks); pg_after=$(backend_ticks)
  python3 - "$cpu_before" "$cpu_after" "$(getconf CLK_TCK)" "$(echo "$out" | awk '/requests in/ {print $1}')" "$(echo "$out" | awk '/Non-2xx/ {print $5}')" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$pg_before" "$pg_after" <<'PY'
import sys
b, a, hz, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
bad, load = sys.argv[5] or "0", sys.argv[6]
def ticks(s): return dict(map(int, l.split()) for l in s.strip().split("\n") if l.strip())
pb, pa = ticks(sys.argv[7]), ticks(sys.argv[8])
pg = sum(t - pb.get(p, 0) for p, t in pa.items())
print(f"requests {n} ({bad} non-2xx), load {load}: service {(a - b) * 1000 / hz / n:.3f} ms CPU/request, PostgreSQL backends {pg * 1000 / hz / n:.3f} ms")
PY
  echo "$out" | awk '/Requests\/sec/ {print "  " $2 " req/s = " $2 / 2 " orders/s"}'
done
# A stock take that changes an indexed column cannot be a HOT update: every index of the product's row gets an entry.
su postgres -c "psql -d $pg_db -Atq -c \"SELECT 'updates of ' || relname || ': ' || n_tup_upd || ', of them HOT: ' || n_tup_hot_upd FROM pg_stat_user_tables WHERE relname IN ('catalog_products', 'shopping_carts', 'shopping_cart_items')\"" >&2
bench_done_database
