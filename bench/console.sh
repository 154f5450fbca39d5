#!/usr/bin/env bash
# The staff console's heaviest pages (order list, product list, dashboard) on a Release build, on SQLite and PostgreSQL,
# as ratios to GET /health in the same run. Products come from bench-seed (100,000 by default), orders from
# bench-orders (BENCH_ORDERS, 100,000 by default), both written in batches straight to the tables.
#   bash bench/console.sh                 both databases
#   bash bench/console.sh --sqlite-only   or --postgres-only
#   BENCH_PRODUCTS=100000 BENCH_ORDERS=100000 bash bench/console.sh
products=${BENCH_PRODUCTS:-100000}
orders=${BENCH_ORDERS:-100000}
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/console.md

for db in "${databases[@]}"; do
  bench_database "$db"
  echo "== $db: seeding $products products and $orders orders" >&2
  seeded=$(dotnet "$publish/afya.dll" bench-seed --products "$products" | grep -o 'bench-[0-9]*' | tail -n 1)
  admin_email="bench-staff-$RANDOM@example.com"
  dotnet "$publish/afya.dll" create-admin --email "$admin_email" --password "bench-admin-pass-1" >/dev/null
  # Orders straight to the tables in batches (items, fitting states, M-Pesa transactions), on the newest products.
  dotnet "$publish/afya.dll" bench-orders --orders "$orders" >&2
  # The console's antiforgery cookie is Secure outside Development and the bench speaks plain http.
  bench_start ASPNETCORE_ENVIRONMENT=Development
  cookie=$(python3 bench/console_signin.py "$base" "$admin_email" "bench-admin-pass-1")

  measure "GET /health" "$base/health"
  measure "GET /admin/orders (page 1)" -H "Cookie: $cookie" "$base/admin/orders"
  measure "GET /admin/orders?status=pending&page=20" -H "Cookie: $cookie" "$base/admin/orders?status=pending&page=20"
  measure "GET /admin/catalog/products (page 1)" -H "Cookie: $cookie" "$base/admin/catalog/products"
  measure "GET /admin/catalog/products?page=1000" -H "Cookie: $cookie" "$base/admin/catalog/products?page=1000"
  measure "GET /admin/catalog/products?q=monitor" -H "Cookie: $cookie" "$base/admin/catalog/products?q=monitor"
  measure "GET /admin/orders?page=1000 (past the count's cap)" -H "Cookie: $cookie" "$base/admin/orders?page=1000"
  measure "GET /admin/dashboard" -H "Cookie: $cookie" "$base/admin/dashboard"
  # The dashboard's figures are kept 60 s: the line above is mostly cache hits. What one computation costs, with
  # the cache off:
  bench_stop
  # A second account signs in afresh (the first one's two-factor enrolment is done).
  dotnet "$publish/afya.dll" create-admin --email "second-$admin_email" --password "bench-admin-pass-1" >/dev/null
  bench_start ASPNETCORE_ENVIRONMENT=Development Console__DashboardSeconds=0
  cookie=$(python3 bench/console_signin.py "$base" "second-$admin_email" "bench-admin-pass-1")
  measure "GET /admin/dashboard, figures not cached" -H "Cookie: $cookie" "$base/admin/dashboard"

  bench_table "$db" "$(printf "%'d products, %'d orders" "$products" "$orders")" console
  { cat "bench/results/console-$db.md"; echo; } >>bench/results/console.md
  bench_done_database
done
