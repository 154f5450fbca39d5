#!/usr/bin/env bash
# A signed-in customer's reads of their own things (profile, cart, orders, one order, wishlist) on a Release build, as
# ratios to GET /health in the same run, with the service's CPU per request. The issue-32 aim: each >= 25 % of /health.
#   bash bench/own.sh                 both databases
#   bash bench/own.sh --postgres-only   or --sqlite-only
#   BENCH_PRODUCTS=2000 BENCH_SECONDS=5 bash bench/own.sh
products=${BENCH_PRODUCTS:-2000}
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/own.md

for db in "${databases[@]}"; do
  bench_database "$db"
  dotnet "$publish/afya.dll" seed >/dev/null
  seeded=$(dotnet "$publish/afya.dll" bench-seed --products "$products" | grep -o 'bench-[0-9]*' | tail -n 1)
  bench_start
  bench_user
  auth=(-H "Authorization: Bearer $access")
  post() { curl -fs -X POST "$base$1" "${auth[@]}" -H 'content-type: application/json' -d "$2"; }
  ids=$(curl -fs "$base/api/v1/products/?category=$seeded&page_size=40" | python3 -c 'import json,sys; print(" ".join(p["id"] for p in json.load(sys.stdin)["results"]))')
  # Products with variants are refused without one: the cart takes the first that are not.
  buyable=""
  for id in $ids; do
    post /api/v1/cart/ "{\"product_id\": \"$id\", \"quantity\": 1}" >/dev/null && buyable+="$id "
  done
  curl -fs -X DELETE "$base/api/v1/cart/clear/" "${auth[@]}" >/dev/null
  set -- $buyable
  # Three orders of the user's (the list and one order's detail), then a cart of three lines and a wishlist of three.
  order_body='{"full_name": "Bench Buyer", "email": "bench@example.com", "phone": "0712345678", "shipping_address": "1 Bench Road", "city": "Nairobi", "county": "Nairobi", "payment_method": "cash_on_delivery"}'
  order=""
  for id in "$1" "$2" "$3"; do
    post /api/v1/cart/ "{\"product_id\": \"$id\", \"quantity\": 1}" >/dev/null
    order=$(post /api/v1/orders/ "$order_body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  done
  for id in "$4" "$5" "$6"; do post /api/v1/cart/ "{\"product_id\": \"$id\", \"quantity\": 1}" >/dev/null; done
  for id in "$4" "$5" "$6"; do post /api/v1/wishlist/ "{\"product_id\": \"$id\"}" >/dev/null; done

  # Ten seconds unmeasured first: the set-up's requests left the JIT compiling their paths in the background, which
  # the first lines' CPU would otherwise carry (own.sh's /health: 0.070 ms of CPU measured first, 0.023 ms last).
  MEASURE_WARMUP=10 measure "GET /health" "$base/health"
  measure "GET /api/v1/auth/me" "${auth[@]}" "$base/api/v1/auth/me"
  measure "GET /api/v1/cart/ (signed in, 3 lines)" "${auth[@]}" "$base/api/v1/cart/"
  measure "GET /api/v1/orders/ (own, 3 orders)" "${auth[@]}" "$base/api/v1/orders/"
  measure "GET /api/v1/orders/{id}/ (own)" "${auth[@]}" "$base/api/v1/orders/$order/"
  measure "GET /api/v1/wishlist/ (3 products)" "${auth[@]}" "$base/api/v1/wishlist/"
  bench_health_again
  bench_table "$db" "$products products, signed-in reads of one's own things" own >>bench/results/own.md
  bench_done_database
done
