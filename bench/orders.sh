#!/usr/bin/env bash
# Orders and M-Pesa callbacks per second on a Release build, on SQLite and PostgreSQL, as ratios to GET /health in the
# same run (the machine is shared, so absolute figures move with other load; the ratios move less).
#   bash bench/orders.sh                 both databases
#   bash bench/orders.sh --sqlite-only   or --postgres-only
#   BENCH_SECONDS=10 BENCH_CLIENTS=8 bash bench/orders.sh
clients=${BENCH_CLIENTS:-8}
pushes=${BENCH_PUSHES:-200}
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/orders.md

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() {
  local auth=(); [ -n "$2" ] && auth=(-H "Authorization: Bearer $2")
  curl -fsS -X POST "$base$1" -H 'content-type: application/json' "${auth[@]}" -d "$3"
}

for db in "${databases[@]}"; do
  bench_database "$db"
  # The Daraja simulator inside the host; pushes to a number ending 9999 get no callback from it, so the bench sends them.
  bench_start MPESA_ENVIRONMENT=simulator
  admin_email="bench-admin-$RANDOM@example.com"
  dotnet "$publish/afya.dll" create-admin --email "$admin_email" --password "bench-admin-pass-1" >/dev/null
  admin=$(post /api/v1/auth/login "" "{\"email\": \"$admin_email\", \"password\": \"bench-admin-pass-1\"}" | json '["access"]')
  category=$(post /api/v1/admin/categories "$admin" "{\"name\": \"Bench orders $RANDOM\"}" | json '["id"]')

  # One product and one user per client, so clients contend on nothing but the database itself.
  tokens="" products=""
  for i in $(seq 1 "$clients"); do
    products+=$(post /api/v1/admin/products "$admin" "{\"name\": \"Bench item $i $RANDOM\", \"description\": \"Bench\", \"category_id\": $category, \"price\": 250, \"stock_quantity\": 1000000}" | json '["id"]'),
    bench_user
    tokens+="$access,"
  done
  export BENCH_TOKENS=$tokens BENCH_PRODUCTS=$products

  echo "== $db: $pushes M-Pesa pushes for the callback runs" >&2
  checkouts=""
  for i in $(seq 1 "$pushes"); do
    checkouts+=$(post /api/v1/payments/mpesa/stk-push "$access" '{"phone_number": "0712349999", "amount": 10, "account_reference": "BENCH", "transaction_desc": "Bench"}' \
      | json '["checkout_request_id"]'),
  done

  measure "GET /health" "$base/health"
  MEASURE_THREADS=$clients MEASURE_CONNECTIONS=$clients MEASURE_EXTRA="2 requests per order" \
    measure "POST cart + POST orders ($clients clients)" -s bench/orders.lua "$base"
  # The same run read as orders: half the requests, the same latency per request.
  last=$(printf '%s' "$rows" | tail -n 1)
  rows+="orders ($clients clients, cash on delivery)|$(echo "$last" | awk -F'|' '{print $2 / 2}')|$(echo "$last" | awk -F'|' '{print $3}')|= the line above ÷ 2"$'\n'
  BENCH_CHECKOUTS=$checkouts MEASURE_EXTRA="$pushes pushes in turn: each settles once, repeats are no-ops" \
    measure "POST M-Pesa callback, known pushes" -s bench/callback.lua "$base"
  BENCH_CHECKOUTS=unknown MEASURE_EXTRA="logged and ignored" measure "POST M-Pesa callback, unknown ids" -s bench/callback.lua "$base"
  placed=$(curl -fs "$base/api/v1/admin/orders/?page_size=1" -H "Authorization: Bearer $admin" | json '["count"]')
  echo "   orders in the database after the run: $placed" >&2

  bench_table "$db" "$clients clients, $placed orders placed" orders
  { cat "bench/results/orders-$db.md"; echo; } >>bench/results/orders.md
  bench_done_database
done
