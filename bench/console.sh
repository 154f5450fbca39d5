#!/usr/bin/env bash
# The staff console's heaviest pages (order list, product list, dashboard) on a Release build, on SQLite and PostgreSQL,
# as ratios to GET /health in the same run. Products come from bench-seed (100,000 by default); orders are placed
# through the API by parallel customers (BENCH_ORDERS, 2,000 by default: there is no bulk order seeder yet).
#   bash bench/console.sh                 both databases
#   bash bench/console.sh --sqlite-only   or --postgres-only
#   BENCH_PRODUCTS=100000 BENCH_ORDERS=2000 bash bench/console.sh
products=${BENCH_PRODUCTS:-100000}
orders=${BENCH_ORDERS:-2000}
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/console.md

for db in "${databases[@]}"; do
  bench_database "$db"
  echo "== $db: seeding $products products and $orders orders" >&2
  seeded=$(dotnet "$publish/afya.dll" bench-seed --products "$products" | grep -o 'bench-[0-9]*' | tail -n 1)
  # The console's antiforgery cookie is Secure outside Development and the bench speaks plain http.
  bench_start ASPNETCORE_ENVIRONMENT=Development
  admin_email="bench-staff-$RANDOM@example.com"
  dotnet "$publish/afya.dll" create-admin --email "$admin_email" --password "bench-admin-pass-1" >/dev/null
  python3 - "$base" "$seeded" "$orders" <<'PY'
import json, sys, urllib.request, urllib.error, concurrent.futures, random
base, category, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(path, body, token=None):
    headers = {"content-type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(urllib.request.Request(base + path, json.dumps(body).encode(), headers)) as r:
        return json.load(r)
with urllib.request.urlopen(f"{base}/api/v1/products/?category={category}&page_size=100&in_stock=true") as r:
    ids = [p["id"] for p in json.load(r)["results"]]
def customer(n):
    token = call("/api/v1/auth/register", {"email": f"bench-buyer-{n}-{random.randrange(10**9)}@example.com", "password": "bench-pass-123"})["access"]
    placed, wanted = 0, count // 8 + (1 if n < count % 8 else 0)
    for _ in range(wanted * 3):
        if placed == wanted: break
        try:
            # Generated products may come in variants (400 VARIANT_REQUIRED) or run out of stock (422): another one then.
            call("/api/v1/cart/", {"product_id": random.choice(ids), "quantity": 1}, token)
            call("/api/v1/orders/", {"full_name": f"Bench Buyer {n}", "email": f"buyer{n}@example.com", "phone": "0712345678", "shipping_address": "1 Bench Road",
                "city": "Nairobi", "county": "Nairobi", "payment_method": "cash_on_delivery"}, token)
            placed += 1
        except urllib.error.HTTPError as e:
            if e.code >= 500: raise
    return placed
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    print(f"   placed {sum(pool.map(customer, range(8)))} orders", file=sys.stderr)
PY
  cookie=$(python3 bench/console_signin.py "$base" "$admin_email" "bench-admin-pass-1")

  measure "GET /health" "$base/health"
  measure "GET /admin/orders (page 1)" -H "Cookie: $cookie" "$base/admin/orders"
  measure "GET /admin/orders?status=pending&page=20" -H "Cookie: $cookie" "$base/admin/orders?status=pending&page=20"
  measure "GET /admin/catalog/products (page 1)" -H "Cookie: $cookie" "$base/admin/catalog/products"
  measure "GET /admin/catalog/products?page=1000" -H "Cookie: $cookie" "$base/admin/catalog/products?page=1000"
  measure "GET /admin/catalog/products?q=monitor" -H "Cookie: $cookie" "$base/admin/catalog/products?q=monitor"
  measure "GET /admin/dashboard" -H "Cookie: $cookie" "$base/admin/dashboard"

  bench_table "$db" "$(printf "%'d products, %'d orders" "$products" "$orders")" console
  { cat "bench/results/console-$db.md"; echo; } >>bench/results/console.md
  bench_done_database
done
