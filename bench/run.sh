#!/usr/bin/env bash
# Load test of a Release build on 127.0.0.1 with wrk, on SQLite and PostgreSQL.
# Every figure is also given as a ratio to GET /health measured in the same run on the same database.
#   bash bench/run.sh                 both databases
#   bash bench/run.sh --sqlite-only   or --postgres-only (also spelled --sqlite, --postgres)
#   BENCH_PRODUCTS=100000 BENCH_SECONDS=15 BENCH_CONNECTIONS=32 bash bench/run.sh
products=${BENCH_PRODUCTS:-100000}
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/latest.md   # every table of this run, one after the other

for db in "${databases[@]}"; do
  bench_database "$db"
  echo "== $db: seeding $products products" >&2
  dotnet "$publish/afya.dll" seed >/dev/null
  start=$(date +%s)
  seeded=$(dotnet "$publish/afya.dll" bench-seed --products "$products" | grep -o 'bench-[0-9]*' | tail -n 1)
  seed_seconds=$(( $(date +%s) - start ))
  echo "   seeded in ${seed_seconds}s (category $seeded)" >&2

  bench_start
  bench_user
  slug=$(curl -fs "$base/api/v1/products/?category=$seeded&page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["slug"])')
  search="/api/v1/products/?search=pro+monitor&category=$seeded&min_price=1000&ordering=-price"
  curl -fs "$base$search" >/dev/null

  # Ten seconds unmeasured first: the set-up's requests left the JIT compiling their paths in the background, which
  # the first lines' CPU would otherwise carry (own.sh's /health: 0.070 ms of CPU measured first, 0.023 ms last).
  MEASURE_WARMUP=10 measure "GET /health" "$base/health"
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

  # The signed-in cart of three products (Dira's storefront reads it on every page).
  # Products that come in variants are refused without a variant (VARIANT_REQUIRED): the first three that are not.
  lines=0
  for id in $(curl -fs "$base/api/v1/products/?category=$seeded&page_size=30" | python3 -c 'import json,sys; print(" ".join(p["id"] for p in json.load(sys.stdin)["results"]))'); do
    [ "$lines" -ge 3 ] && break
    curl -fs -X POST "$base/api/v1/cart/" -H "Authorization: Bearer $access" -H 'content-type: application/json' \
      -d "{\"product_id\": \"$id\", \"quantity\": 1}" >/dev/null && lines=$((lines + 1))
  done
  measure "GET /api/v1/cart/ (signed in, 3 lines)" -H "Authorization: Bearer $access" "$base/api/v1/cart/"

  # The Dira storefront's home page (its sections with their products, and the category menu) and a product page.
  measure "GET /api/v1/homepage-sections/ (Dira home page)" "$base/api/v1/homepage-sections/"
  measure "GET /api/v1/admin/list-categories/ (Dira menu)" "$base/api/v1/admin/list-categories/"
  measure "GET /api/v1/user/activity/product/{slug} (Dira product page)" "$base/api/v1/user/activity/product/$slug"

  # 1,000 distinct list/search/filter/page URLs cycled with the read cache on: the hit ratio says how much it helps.
  export BENCH_CATEGORY=$seeded
  measure "GET products, 1,000-request mix, cache on" -s bench/mix.lua "$base"

  # The same catalog reads with the read cache off: what each database costs per request. Kept counts stay on
  # (Catalog__CountSeconds); the last two lines turn them off as well.
  bench_start Catalog__CacheSeconds=0
  measure "GET /api/v1/products/ (page 1), no cache" "$base/api/v1/products/"
  measure "GET /api/v1/products/?page=200, no cache" "$base/api/v1/products/?page=200"
  measure "GET products, search + filters, no cache" "$base$search"
  measure "GET products, broad search (monitor, ~8,400 matches), no cache" "$base/api/v1/products/?search=monitor"
  measure "GET /api/v1/products/{slug}/, no cache" "$base/api/v1/products/$slug/"
  measure "GET products, pages 1-200, no cache" -s bench/pages.lua "$base"
  measure "GET products, 1,000-request mix, no cache" -s bench/mix.lua "$base"
  bench_start Catalog__CacheSeconds=0 Catalog__CountSeconds=0
  measure "GET /api/v1/products/ (page 1), no cache, no kept count" "$base/api/v1/products/"
  measure "GET products, 1,000-request mix, no cache, no kept count" -s bench/mix.lua "$base"

  bench_health_again
  # Last: wrk stops with 32 password hashes still running, which would stall the first seconds of the next line.
  MEASURE_WARMUP=0 measure "POST /api/v1/auth/login" -s bench/login.lua "$base/api/v1/auth/login"

  bench_table "$db" "$(printf "%'d products, seeded in %ss" "$products" "$seed_seconds")" latest
  { cat "bench/results/latest-$db.md"; echo; } >>bench/results/latest.md
  bench_done_database
done
